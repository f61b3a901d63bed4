# SPDX-License-Identifier: GPL-2.0-or-later
"""The text layer of a PDF Qt wrote, mended: what a reader searches and copies.

The Noto CJK faces draw a character such as 山 and the Kangxi radical ⼭ with one glyph, and
Qt's PDF writer names each glyph by the first character its face maps to it: the radical.
A Latin face's ligature glyph is named by the ligature (ﬁ), not the letters. The page looks
right, but a search for 矿山 or "verified" finds nothing and copied text carries look-alike
characters. Each such name in the ToUnicode maps is put back to the characters it stands
for, and the file's cross-reference table follows the lengths that changed.
"""

from __future__ import annotations

import re
import unicodedata

_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
# CJK radicals supplement and Kangxi radicals; Latin ligatures (ff, fi, fl, ffi, ffl, st)
_STANDS_FOR = (range(0x2E80, 0x2FE0), range(0xFB00, 0xFB07))
# The simplified radicals Unicode gives no compatibility form, as the characters they draw
SIMPLIFIED = {"⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长", "⻔": "门", "⻚": "页",
              "⻛": "风", "⻜": "飞", "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄",
              "⻬": "齐", "⻮": "齿"}


def _characters(code: bytes) -> bytes:
    """The hex digits (UTF-16) of what a glyph named ``code`` stands for."""
    ch = chr(int(code, 16))
    if any(ord(ch) in r for r in _STANDS_FOR):
        meant = SIMPLIFIED.get(ch) or unicodedata.normalize("NFKC", ch)
        if meant and all(ord(c) <= 0xFFFF for c in meant):
            return "".join(f"{ord(c):04X}" for c in meant).encode()
    return code


def _named(m: re.Match) -> bytes:
    return b"<" + _characters(m.group(1)) + b">"


def mend_map(body: bytes) -> bytes:
    """A ToUnicode map with its characters (never its glyph codes) mended."""
    body = _ARRAY.sub(lambda m: b"[" + _CODE.sub(_named, m.group(1)) + b"]", body)

    def pairs(m: re.Match) -> bytes:  # <glyph> <character>: the second of each pair
        return b"beginbfchar" + re.sub(
            rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>",
            lambda p: p.group(1) + b"<" + _characters(p.group(2)) + b">", m.group(1)
        ) + b"endbfchar"
    return _BFCHAR.sub(pairs, body)


def _edits(data: bytes) -> list[tuple[int, int, bytes]]:
    """(start, end, bytes to put there) for each ToUnicode map that changes: its length's
    digits and its stream."""
    out = []
    for obj in sorted(set(_TO_UNICODE.findall(data))):
        head = re.search(rb"(?:^|[\r\n])" + obj + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n",
                         data, re.S)
        length = re.search(rb"/Length (\d+)\b(?! \d+ R)", head.group(1)) if head else None
        if head is None or length is None or b"/Filter" in head.group(1):
            continue  # a compressed map or one of unknown length: left as it is
        start, size = head.end(), int(length.group(1))
        body = data[start:start + size]
        new = mend_map(body)
        if new != body:
            at = head.start(1) + length.start(1)
            out += [(at, at + len(length.group(1)), str(len(new)).encode()),
                    (start, start + size, new)]
    return out


def mend_text_layer(data: bytes) -> bytes:
    """The PDF ``data`` (written with one cross-reference table, as Qt writes it) with its
    ToUnicode maps mended."""
    edits = sorted(_edits(data))
    xref = data.rfind(b"\nxref")
    startxref = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not edits or xref < 0 or startxref is None:
        return data

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits
                            if end <= offset)

    parts, at = [], 0
    for start, end, new in edits:
        parts += [data[at:start], new]
        at = end
    table = re.sub(rb"(\d{10}) (\d{5}) n",
                   lambda m: b"%010d %s n" % (moved(int(m.group(1))), m.group(2)),
                   data[at:startxref.start(1)])
    parts += [table, b"%d" % moved(int(startxref.group(1))), data[startxref.end(1):]]
    return b"".join(parts)
