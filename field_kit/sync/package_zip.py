# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package's zip, unpacked bounded by what is read: a member inflated to at most
the size its (signed) listing gives it, whatever the zip's own headers claim, and the zip's
central directory sized before ``zipfile`` parses it."""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Iterator

from ..bilingual import counted
from ..errors import Refused

MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # room to list as many members as the directory may hold
MAX_SIG_BYTES = 1024  # 64 hex digits
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_CHUNK = 1024 * 1024


def file_digest(fh):
    """The sha256 of a file's bytes, from where ``fh`` stands (a change package is known
    by it to the master)."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(_CHUNK), b""):
        digest.update(chunk)
    return digest


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip's local file header, 30 bytes
_END = struct.Struct("<4s4H2LH")  # the zip's end of central directory record, 22 bytes
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024  # about 130,000 attachments


def directory_size(fh, size: int) -> int:
    """The size of a zip's central directory as its end record says (the bytes ``zipfile``
    reads and parses into an object per member), found as ``zipfile`` finds it; 0 if none."""
    tail = min(size, _END.size + 0xFFFF)
    fh.seek(size - tail)
    data = fh.read(tail)
    at = len(data) - _END.size if data[-_END.size:][:4] == b"PK\x05\x06" else \
        data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) - at < _END.size:
        return 0
    end = _END.unpack_from(data, at)
    if (end[5] != 0xFFFFFFFF and end[4] != 0xFFFF) or size - tail + at < 20:
        return end[5]
    fh.seek(size - tail + at - 20)  # zip64: its locator, then its end record
    locator = fh.read(20)
    if len(locator) != 20 or locator[:4] != b"PK\x06\x07":
        return end[5]
    fh.seek(struct.unpack_from("<Q", locator, 8)[0])
    record = fh.read(56)
    if len(record) != 56 or record[:4] != b"PK\x06\x06":
        return end[5]
    return struct.unpack_from("<Q", record, 40)[0]


def check_method(name: str, info: zipfile.ZipInfo) -> None:
    if info.compress_type not in METHODS:
        raise Refused(f"{name}: member {info.filename} is compressed with method "
                      f"{info.compress_type}; only stored (0) and deflate (8) are accepted")
    if info.flag_bits & 0x1:
        raise Refused(f"{name}: member {info.filename} is encrypted; change packages never are")


def inflate(fh, info: zipfile.ZipInfo, cap: int, name: str) -> bytearray:
    """A member's bytes, read from the raw file and inflated to at most the size its header
    declares (itself at most ``cap``), plus one byte to see it would grow past: so memory is
    bounded by what is read, whatever the headers claim."""
    if info.compress_type == zipfile.ZIP_STORED and \
            0 <= info.compress_size <= info.file_size <= cap:
        out = bytearray(info.compress_size)  # (read in place: no copy of a photo beside it)
        for _ in inflated(fh, info, cap, name, into=memoryview(out)):
            pass
        return out  # (not copied into bytes: a photo is held once)
    out = bytearray()
    for piece in inflated(fh, info, cap, name):
        out += piece
    return out


def inflated(fh, info: zipfile.ZipInfo, cap: int, name: str, *,
              into: memoryview | None = None) -> Iterator[bytes | memoryview]:
    """A member's bytes a piece at a time (a stored member's read into ``into`` where it is
    given), as :func:`inflate` bounds them; its size and CRC checked once the last piece is
    out, before the generator ends (a consumer sees :class:`Refused` in place of its end)."""
    member = info.filename
    check_method(name, info)
    if info.file_size > cap:
        raise Refused(f"{name}: member {member} declares {info.file_size} bytes, over the "
                      f"{cap} it may have")
    cap = info.file_size
    if info.header_offset < 0:  # zipfile's arithmetic on a directory offset that lies
        raise Refused(f"{name}: member {member} is damaged (its offset is {info.header_offset})")
    fh.seek(info.header_offset)
    head = fh.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        raise Refused(f"{name}: member {member} is damaged (no local header)")
    fields = _LOCAL_HEADER.unpack(head)
    fh.seek(info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1])
    left, size, crc = info.compress_size, 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        if left > cap:
            raise Refused(f"{name}: member {member} holds more than the "
                          f"{counted(cap, 'byte')} its header declares")
        while left > 0:
            piece = into[size:size + left] if into is not None else \
                memoryview(bytearray(min(_CHUNK, left)))
            got = fh.readinto(piece)
            if not got:
                raise Refused(f"{name}: member {member} is damaged (truncated)")
            left, size, crc = left - got, size + got, zlib.crc32(piece[:got], crc)
            yield piece[:got]
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while left > 0 and not inflater.eof:
                chunk = fh.read(min(_CHUNK, left))
                if not chunk:
                    raise Refused(f"{name}: member {member} is damaged (truncated)")
                left -= len(chunk)
                while chunk and not inflater.eof:
                    out = inflater.decompress(chunk, cap + 1 - size)
                    size += len(out)
                    if size > cap:
                        raise Refused(f"{name}: member {member} inflates past the "
                                      f"{counted(cap, 'byte')} its header declares")
                    crc = zlib.crc32(out, crc)
                    yield out
                    chunk = inflater.unconsumed_tail
        except zlib.error as exc:
            raise Refused(f"{name}: member {member} is damaged ({exc})") from None
        if not inflater.eof:
            raise Refused(f"{name}: member {member} is damaged (truncated)")
    if size != info.file_size or crc != info.CRC:
        raise Refused(f"{name}: member {member} is damaged (size or CRC differs from its "
                      "header)")
