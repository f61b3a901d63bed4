# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo's size in pixels from its header, and the note a smaller copy carries of its
original. Making the copy needs an image codec (the field app's Qt:
:func:`field_kit.app.photos.shrink`); what is written into the copy and read back from it
is here, so the app and the QField path store large photos alike (at the package setting
``photo_long_edge_px``)."""

from __future__ import annotations

import hashlib
import struct

from . import exif

# JPEG start-of-frame markers (baseline, progressive, ...), which carry the size
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_NOTE = b"original sha256="


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG or PNG from its header; None where it cannot be read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    for marker, body in exif.segments(data):
        if marker in _SOF and len(body) >= 5:
            height, width = struct.unpack(">HH", body[1:5])
            return width, height
    return None


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
