# SPDX-License-Identifier: GPL-2.0-or-later
"""A GeoTIFF's georeferencing and pixels with the standard library and Qt, no GDAL.

The field kit runs where GDAL is absent, so the TIFF tags are read here: the image's size
and layout, ModelPixelScale (33550), ModelTiepoint (33922), ModelTransformation (34264) and
the GeoKeyDirectory (34735) for the EPSG code. The pixels come from Qt's TIFF plugin when
it is installed; otherwise 8-bit grey, palette, RGB or RGBA images, stripped or tiled,
uncompressed or Deflate, are decoded here with zlib. Anything else raises ``GeoTiffError``
with a code the caller turns into a message for the user.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

from PyQt5.QtCore import QSize
from PyQt5.QtGui import QImage, QImageReader, qRgb

MAX_SIDE = 8192  # a larger image is read scaled down: one QPixmap, no pyramid in memory
GEOGRAPHIC = (4326, 4490)  # WGS 84 and CGCS2000: the same to a metre or so
WEB_MERCATOR = (3857, 900913, 3785)
_TYPES = {1: "B", 2: "c", 3: "H", 4: "I", 5: "II", 6: "b", 7: "B", 8: "h", 9: "i", 10: "ii",
          11: "f", 12: "d", 16: "Q"}


class GeoTiffError(Exception):
    """``code`` names what cannot be read (see ``imagery.MESSAGES``), ``detail`` says more."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


@dataclass
class GeoTiff:
    width: int
    height: int
    epsg: int | None
    bounds: tuple[float, float, float, float]  # west, south, east, north in the CRS's units
    tags: dict = field(repr=False, default_factory=dict)
    little: bool = True


def read_header(path) -> GeoTiff:
    """The first image's size, CRS and bounds; ``GeoTiffError`` if it is not a north-up
    GeoTIFF in a CRS the map can place."""
    with open(path, "rb") as f:
        data = f.read(16)
        if data[:4] == b"II*\x00":
            little = True
        elif data[:4] == b"MM\x00*":
            little = False
        elif data[:2] in (b"II", b"MM") and data[2:4] in (b"+\x00", b"\x00+"):
            raise GeoTiffError("bigtiff")
        else:
            raise GeoTiffError("not_tiff")
        e = "<" if little else ">"
        (offset,) = struct.unpack(e + "I", data[4:8])
        f.seek(offset)
        (n,) = struct.unpack(e + "H", f.read(2))
        tags = {}
        entries = f.read(12 * n)
        for i in range(n):
            tag, typ, count, raw = struct.unpack(e + "HHI4s", entries[12 * i:12 * i + 12])
            fmt = _TYPES.get(typ)
            if fmt is None:
                continue
            size = struct.calcsize(e + fmt) * count
            if size > 4:
                (where,) = struct.unpack(e + "I", raw)
                f.seek(where)
                raw = f.read(size)
            if typ == 2:
                tags[tag] = raw[:size].split(b"\x00")[0].decode("latin-1")
            else:
                tags[tag] = struct.unpack(e + fmt * count, raw[:size])
    if 256 not in tags or 257 not in tags:
        raise GeoTiffError("not_tiff")
    width, height = tags[256][0], tags[257][0]
    epsg = _epsg(tags.get(34735))
    if 34264 in tags:  # a full affine transformation: north-up only
        m = tags[34264]
        if abs(m[1]) > 1e-12 or abs(m[4]) > 1e-12:
            raise GeoTiffError("rotated")
        sx, sy, x0, y0 = m[0], -m[5], m[3], m[7]
    elif 33550 in tags and 33922 in tags:
        sx, sy = tags[33550][0], tags[33550][1]
        i, j, _, x, y, _ = tags[33922][:6]
        x0, y0 = x - i * sx, y + j * sy
    else:
        raise GeoTiffError("no_georef")
    if sx <= 0 or sy <= 0:
        raise GeoTiffError("rotated")
    if _geokeys(tags.get(34735)).get(1025) == 2:  # PixelIsPoint: the tie is a pixel's centre
        x0, y0 = x0 - sx / 2, y0 + sy / 2
    if epsg not in GEOGRAPHIC + WEB_MERCATOR:
        raise GeoTiffError("crs", f"EPSG:{epsg}" if epsg else "?")
    bounds = (x0, y0 - height * sy, x0 + width * sx, y0)
    return GeoTiff(width, height, epsg, bounds, tags, little)


def _geokeys(keys) -> dict[int, int]:
    if not keys or len(keys) < 4:
        return {}
    out = {}
    for k in range(keys[3]):
        key, loc, _, value = keys[4 + 4 * k:8 + 4 * k]
        if loc == 0:
            out[key] = value
    return out


def _epsg(keys) -> int | None:
    geo = _geokeys(keys)
    model = geo.get(1024)
    projected = model == 1 or 3072 in geo
    code = geo.get(3072) if projected else geo.get(2048)
    return code if code and code != 32767 else None


def read_image(path, tif: GeoTiff, use_qt: bool = True) -> QImage:
    """The pixels, by Qt's TIFF plugin if it reads them, else by ``decode``."""
    if use_qt and b"tiff" in [bytes(f) for f in QImageReader.supportedImageFormats()]:
        reader = QImageReader(str(path))
        side = max(tif.width, tif.height)
        if side > MAX_SIDE:
            k = MAX_SIDE / side
            reader.setScaledSize(QSize(max(1, int(tif.width * k)), max(1, int(tif.height * k))))
        img = reader.read()
        if not img.isNull():
            return img
    return decode(path, tif)


def decode(path, tif: GeoTiff) -> QImage:
    """8-bit grey, palette, RGB or RGBA, chunky, stripped or tiled, raw or Deflate."""
    t = tif.tags
    bits = set(t.get(258, (1,)))
    spp = t.get(277, (1,))[0]
    comp = t.get(259, (1,))[0]
    photometric = t.get(262, (1,))[0]
    if bits != {8} or t.get(339, (1,))[0] != 1:
        raise GeoTiffError("pixels", f"{sorted(bits)} bit")
    if comp not in (1, 8, 32946):
        raise GeoTiffError("pixels", f"compression {comp}")
    if t.get(317, (1,))[0] != 1 or (spp > 1 and t.get(284, (1,))[0] != 1):
        raise GeoTiffError("pixels", "predictor or planar layout")
    if spp not in (1, 3, 4) or photometric not in (0, 1, 2, 3):
        raise GeoTiffError("pixels", f"{spp} samples, photometric {photometric}")
    w, h = tif.width, tif.height
    rowlen = w * spp
    buf = bytearray(rowlen * h)
    with open(path, "rb") as f:
        def chunk(offset, count):
            f.seek(offset)
            raw = f.read(count)
            return zlib.decompress(raw) if comp != 1 else raw
        if 322 in t:  # tiled
            tw, th = t[322][0], t[323][0]
            across = -(-w // tw)
            for n, (off, cnt) in enumerate(zip(t[324], t[325])):
                data = chunk(off, cnt)
                x, y = (n % across) * tw, (n // across) * th
                span = min(tw, w - x) * spp
                for r in range(min(th, h - y)):
                    start = (y + r) * rowlen + x * spp
                    buf[start:start + span] = data[r * tw * spp:r * tw * spp + span]
        else:
            rps = min(t.get(278, (h,))[0], h)
            pos = 0
            for off, cnt in zip(t[273], t[279]):
                data = chunk(off, cnt)[:rowlen * rps]
                buf[pos:pos + len(data)] = data
                pos += len(data)
    if photometric == 0 and spp == 1:  # WhiteIsZero
        buf = bytearray(255 - b for b in buf)
    fmt = {1: QImage.Format_Grayscale8, 3: QImage.Format_RGB888,
           4: QImage.Format_RGBA8888_Premultiplied if t.get(338, (0,))[0] == 1
           else QImage.Format_RGBA8888}[spp]
    if photometric == 3 and spp == 1 and 320 in t:
        fmt = QImage.Format_Indexed8
    img = QImage(bytes(buf), w, h, rowlen, fmt).copy()  # copy: own the pixels
    if fmt == QImage.Format_Indexed8:
        cmap = t[320]
        n = len(cmap) // 3
        img.setColorTable([qRgb(cmap[i] >> 8, cmap[n + i] >> 8, cmap[2 * n + i] >> 8)
                           for i in range(n)])
    return img
