# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo's size in pixels from its header, whether its file holds the picture to its end,
and the note a smaller copy carries of its original. Making the copy needs an image codec
(the field app's Qt: :func:`field_kit.app.photos.shrink`); what is written into the copy
and read back from it is here, so the app and the QField path store large photos alike (at
the package setting ``photo_long_edge_px``)."""

from __future__ import annotations

import hashlib
import re
import struct

from . import exif

# JPEG start-of-frame markers (baseline, progressive, ...), which carry the size
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NOTE = b"original sha256="
_PNG = b"\x89PNG\r\n\x1a\n"
# a marker after a scan's data: FF then a byte other than a stuffed 00, a restart or a fill
_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG or PNG from its header; None where it cannot be read."""
    if data.startswith(_PNG) and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    for marker, body in exif.segments(data):
        if marker in _SOF and len(body) >= 5:
            height, width = struct.unpack(">HH", body[1:5])
            return width, height
    return None


def whole(data: bytes | bytearray) -> bool:
    """Whether a JPEG, PNG or HEIC holds its picture to the end: a JPEG its end marker after
    its last scan, a PNG its IEND chunk, a HEIC every box it begins. A file cut short (a
    copy stopped partway) is not: a decoder would fill the rest grey without a word. Bytes
    after the end (a phone's motion photo) do not matter; other bytes are not judged here."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg_whole(data)
    if data.startswith(_PNG):
        return _png_whole(data)
    if data[4:8] == b"ftyp":
        return _boxes_whole(data)
    return True


def _jpeg_whole(data: bytes | bytearray) -> bool:
    pos = 2
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:  # stray bytes between segments, which decoders skip
            found = _MARKER.search(data, pos)
            if found is None:
                return False
            pos = found.start()
        marker = data[pos + 1]
        if marker == 0xD9:
            return True
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if pos + 4 > len(data):
            return False
        (size,) = struct.unpack_from(">H", data, pos + 2)
        if size < 2:
            return False
        pos += 2 + size
        if marker == 0xDA:  # a scan: its coded data runs to the next marker
            found = _MARKER.search(data, pos)
            if found is None:
                return False
            pos = found.start()
    return False


def _png_whole(data: bytes | bytearray) -> bool:
    pos = len(_PNG)
    while pos + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        pos += 12 + length  # (length, type, data, CRC)
        if pos > len(data):
            return False
        if kind == b"IEND":
            return True
    return False


def _boxes_whole(data: bytes | bytearray) -> bool:
    """Whether every box of an ISO media file (HEIC) ends within it."""
    pos = 0
    while pos + 8 <= len(data):
        size, _kind = struct.unpack_from(">I4s", data, pos)
        if size == 0:  # the last box, to the end of the file
            return True
        if size == 1:  # its size in 64 bits
            if pos + 16 > len(data):
                return False
            (size,) = struct.unpack_from(">Q", data, pos + 8)
        if size < 8:
            return False
        pos += size
    return pos == len(data)


def too_large(data: bytes, long_edge: int) -> tuple[int, int] | None:
    """The picture's size when its long edge is over ``long_edge`` pixels, else None."""
    size = image_size(data)
    return size if size and max(size) > long_edge else None


def with_original_noted(small: bytes, original: bytes, size: tuple[int, int],
                        name: str) -> bytes:
    """The smaller JPEG ``small`` carrying the original's EXIF segment (position, time,
    heading, orientation) and, in a comment, its SHA-256, byte size, pixel size and name."""
    note = (_NOTE + f"{hashlib.sha256(original).hexdigest()} size={len(original)} "
            f"{size[0]}x{size[1]} {name}".encode())
    segment = exif.exif_segment(original) if original[:2] == b"\xff\xd8" else None
    comment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    return small[:2] + (segment or b"") + comment + small[2:]


def original_sha256(data: bytes) -> str | None:
    """The SHA-256 of the original a stored photo was made smaller from, if it was."""
    at = data.find(_NOTE)
    return data[at + 16:at + 80].decode("ascii") if at >= 0 else None


def file_sha256(path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
