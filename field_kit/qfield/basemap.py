# SPDX-License-Identifier: GPL-2.0-or-later
"""What a base map file is and which coordinate system it is in, read from its header only
(imagery files are large): MBTiles are Web Mercator by definition; a GeoTIFF names its EPSG
code in its GeoKey directory."""

from __future__ import annotations

import os
import sqlite3
import struct

from ..errors import BadInput

WEB_MERCATOR = 3857
_GEO_KEY_DIRECTORY = 34735
_GEOGRAPHIC_TYPE, _PROJECTED_CS_TYPE = 2048, 3072
_USER_DEFINED = 32767


def epsg(path: str | os.PathLike) -> int:
    """The EPSG code of an MBTiles or GeoTIFF file; BadInput when it cannot be told."""
    path = os.fspath(path)
    name = os.path.basename(path)
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchone()
        except sqlite3.DatabaseError:
            raise BadInput(f"{name} is not an MBTiles file (no tiles table)") from None
        finally:
            conn.close()
        return WEB_MERCATOR
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        code = _geotiff_epsg(path)
        if code is None:
            raise BadInput(f"{name}: no EPSG code in its GeoTIFF keys; save it with one "
                           "(gdal_translate -a_srs EPSG:4490 ...) or give MBTiles")
        return code
    raise BadInput(f"{name} is neither MBTiles nor GeoTIFF")


def _geotiff_epsg(path: str) -> int | None:
    with open(path, "rb") as fh:
        order = "<" if fh.read(2) == b"II" else ">"
        (_, ifd) = struct.unpack(order + "HI", fh.read(6))
        fh.seek(ifd)
        (count,) = struct.unpack(order + "H", fh.read(2))
        if count > 1000:
            return None
        entries = fh.read(12 * count)
        for i in range(count):
            tag, kind, n, value = struct.unpack_from(order + "HHI4s", entries, 12 * i)
            if tag != _GEO_KEY_DIRECTORY or kind != 3:
                continue
            if n * 2 <= 4:
                raw = value[:n * 2]
            else:
                fh.seek(struct.unpack(order + "I", value)[0])
                raw = fh.read(n * 2)
            keys = struct.unpack(order + "H" * (len(raw) // 2), raw)
            found = {}
            for j in range(4, len(keys) - 3, 4):
                key, location, _count, v = keys[j:j + 4]
                if location == 0:
                    found[key] = v
            for key in (_PROJECTED_CS_TYPE, _GEOGRAPHIC_TYPE):
                if found.get(key) and found[key] != _USER_DEFINED:
                    return found[key]
    return None
