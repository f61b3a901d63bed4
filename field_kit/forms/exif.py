# SPDX-License-Identifier: GPL-2.0-or-later
"""What a photo's EXIF says about where, when and which way it was taken.

A small reader for JPEG APP1 "Exif" segments (a TIFF structure of IFDs): DateTimeOriginal
(with OffsetTimeOriginal when the camera wrote one), GPS latitude and longitude, and
GPSImgDirection. A damaged or missing EXIF gives empty fields, never an exception: a photo
is still evidence without it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _OFFSET_TIME_ORIGINAL = 0x9003, 0x9011
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 1, 2, 3, 4
_GPS_IMG_DIRECTION = 17
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8}
_MAX_ENTRIES = 1000  # a real IFD has tens; more means a damaged file


@dataclass(frozen=True)
class PhotoInfo:
    taken_at: str | None = None  # ISO 8601, with the camera's UTC offset when it gave one
    lon: float | None = None
    lat: float | None = None
    heading: float | None = None  # degrees from north, as the camera gives it


def read_exif(path) -> PhotoInfo:
    with open(path, "rb") as f:
        return parse_jpeg(f.read())


def parse_jpeg(data: bytes) -> PhotoInfo:
    """PhotoInfo from a JPEG's bytes; empty when there is no readable EXIF."""
    tiff = _app1_exif(data)
    if tiff is None:
        return PhotoInfo()
    try:
        return _parse_tiff(tiff)
    except (struct.error, ValueError, TypeError, IndexError, ZeroDivisionError, OverflowError):
        return PhotoInfo()


def exif_segment(data: bytes) -> bytes | None:
    """The JPEG's whole APP1 Exif segment (marker, length and body), to carry it into a
    smaller copy of the picture; None when there is none."""
    body = _app1_exif(data)
    if body is None:
        return None
    start = data.index(b"Exif\x00\x00" + body[:8]) - 4
    return data[start:start + 4 + 6 + len(body)]


def segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, body) of a JPEG's header segments, up to where the pixels begin; nothing
    for what is not a JPEG."""
    if data[:2] != b"\xff\xd8":
        return
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata after these
            return
        (size,) = struct.unpack_from(">H", data, pos + 2)
        if size < 2:
            return
        yield marker, data[pos + 4:pos + 2 + size]
        pos += 2 + size


def _app1_exif(data: bytes) -> bytes | None:
    return next((body[6:] for marker, body in segments(data)
                 if marker == 0xE1 and body[:6] == b"Exif\x00\x00"), None)


def _parse_tiff(tiff: bytes) -> PhotoInfo:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or struct.unpack_from(order + "H", tiff, 2)[0] != 42:
        return PhotoInfo()
    (ifd0,) = struct.unpack_from(order + "I", tiff, 4)
    main = _ifd(tiff, order, ifd0)
    exif = _ifd(tiff, order, main[_EXIF_IFD][0]) if _EXIF_IFD in main else {}
    gps = _ifd(tiff, order, main[_GPS_IFD][0]) if _GPS_IFD in main else {}
    return PhotoInfo(
        taken_at=_taken_at(exif.get(_DATETIME_ORIGINAL), exif.get(_OFFSET_TIME_ORIGINAL)),
        lat=_coordinate(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF), "S"),
        lon=_coordinate(gps.get(_GPS_LON), gps.get(_GPS_LON_REF), "W"),
        heading=_heading(gps.get(_GPS_IMG_DIRECTION)),
    )


def _ifd(tiff: bytes, order: str, offset: int) -> dict:
    """Tag -> decoded value (a str for ASCII, else a tuple of numbers)."""
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    if count > _MAX_ENTRIES:
        raise ValueError("implausible IFD")
    out = {}
    for i in range(count):
        tag, kind, n, raw = struct.unpack_from(order + "HHI4s", tiff, offset + 2 + 12 * i)
        size = _TYPE_SIZES.get(kind)
        if size is None:
            continue
        if size * n <= 4:
            blob = raw[:size * n]
        else:
            (at,) = struct.unpack_from(order + "I", raw)
            blob = tiff[at:at + size * n]
            if len(blob) < size * n:
                continue
        out[tag] = _decode(order, kind, n, blob)
    return out


def _decode(order: str, kind: int, n: int, blob: bytes):
    if kind == 2:
        return blob.split(b"\x00", 1)[0].decode("ascii", "replace").strip()
    if kind in (5, 10):
        parts = struct.unpack(order + ("I" if kind == 5 else "i") * (2 * n), blob)
        return tuple(parts[i] / parts[i + 1] if parts[i + 1] else None for i in range(0, 2 * n, 2))
    fmt = {1: "B", 7: "B", 3: "H", 4: "I", 9: "i"}[kind]
    return struct.unpack(order + fmt * n, blob)


def _coordinate(dms, ref, negative: str) -> float | None:
    if not isinstance(dms, tuple) or len(dms) != 3 or None in dms:
        return None
    value = dms[0] + dms[1] / 60 + dms[2] / 3600
    if isinstance(ref, str) and ref.upper().startswith(negative):
        value = -value
    return round(value, 8)


def _heading(value) -> float | None:
    if not isinstance(value, tuple) or not value or value[0] is None:
        return None
    return value[0] % 360


def _taken_at(text, offset) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        when = datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    iso = when.isoformat()
    if isinstance(offset, str) and len(offset) == 6 and offset[0] in "+-" and offset[3] == ":":
        iso += offset
    return iso
