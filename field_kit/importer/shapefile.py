# SPDX-License-Identifier: GPL-2.0-or-later
"""A Shapefile reader with the standard library only: .shp geometry, .dbf attributes, the
text encoding from the .cpg (or the .dbf's language driver, or detected), the .prj's WKT.

County data often comes in GBK without a .cpg: where nothing declares the encoding, the text
is tried as UTF-8 (strictly), then as GB18030 (a superset of GBK and GB2312), and the report
says which was used and why. A long field name cut at the .dbf's ten bytes in the middle of
a character (ogr2ogr and ArcGIS write UTF-8 names so) does not count against the encoding:
only its broken character is replaced.
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

from ..bilingual import Text
from .source import Feature, Geom, SourceError, SourceLayer, beyond_xy, polygons_from_rings

# .cpg contents seen in practice -> Python codec
_CPG = {
    "utf8": "utf-8", "utf-8": "utf-8", "65001": "utf-8",
    "gbk": "gb18030", "936": "gb18030", "cp936": "gb18030", "ansi936": "gb18030",
    "gb2312": "gb18030", "gb18030": "gb18030", "54936": "gb18030", "ms936": "gb18030",
    "big5": "big5", "950": "big5", "1252": "cp1252", "ansi1252": "cp1252",
    "88591": "latin-1", "iso88591": "latin-1", "latin1": "latin-1", "ascii": "ascii",
}
# .dbf language driver ids that name an encoding
_LDID = {0x4D: "gb18030", 0x7A: "gb18030", 0x4E: "big5", 0x78: "big5", 0x57: None,
         0x03: "cp1252", 0x00: None}
DBF_NAME = 10  # a field name's most bytes in a .dbf (ten characters of ASCII)


def _sibling(shp: Path, ext: str) -> Path | None:
    for cand in (shp.with_suffix(ext), shp.with_suffix(ext.upper())):
        if cand.exists():
            return cand
    return None


def read_shapefile(path: Path) -> SourceLayer:
    shp = path
    dbf = _sibling(shp, ".dbf")
    prj = _sibling(shp, ".prj")
    cpg = _sibling(shp, ".cpg")
    layer = SourceLayer(path=str(path), format="ESRI Shapefile", name=shp.stem)
    geoms = list(_read_shp(shp.read_bytes()))
    if dbf is None:
        raise SourceError(Text(
            f"{shp.name} 缺少同名 .dbf 文件（属性表）",
            f"{shp.name} has no .dbf beside it: the attributes are missing"))
    names, rows, raw_texts, ldid = _read_dbf(dbf.read_bytes())
    codec, how, warn = _choose_encoding(cpg, ldid, raw_texts, names)
    layer.encoding, layer.encoding_how = codec, how
    if warn:
        layer.notes.append(warn)
    layer.fields = [_decode(n, codec) for n in names]
    cut = [f for n, f in zip(names, layer.fields) if _cut(n, codec) not in (None, n)]
    if cut:  # (recognised by the plan field's name it begins, where one alone: mapping.auto)
        layer.notes.append(Text(
            f"字段名在 .dbf 的 {DBF_NAME} 字节处截断于字符中间，残缺的字符已替换："
            f"{'、'.join(cut)}",
            f"field names cut at the .dbf's {DBF_NAME} bytes in the middle of a character, "
            f"the broken character replaced: {', '.join(cut)}"))
    if len(rows) != len(geoms):
        # which shape goes with which record is then not known: one left out would read as
        # a patch missing from the survey (and --delete-missing delete it)
        raise SourceError(Text(
            f"{shp.name} 有 {len(geoms)} 个图形，{dbf.name} 有 {len(rows)} 条记录：两者应一一对应，"
            "文件已损坏或不属于同一图层；未导入任何内容",
            f"{shp.name} has {len(geoms)} shapes and {dbf.name} {len(rows)} records, which "
            "should pair one to one: the Shapefile is damaged, or its files are of different "
            "layers; nothing was imported"))
    for i, (geom, rec) in enumerate(zip(geoms, rows)):
        if rec is None:  # deleted record
            continue
        attrs = {f: (_decode(v, codec) if isinstance(v, bytes) else v)
                 for f, v in zip(layer.fields, rec)}
        layer.features.append(Feature(row=i + 1, fid=i, attrs=attrs, geom=geom))
    if prj is not None:
        layer.crs_wkt = prj.read_text(encoding="latin-1", errors="replace")
    return layer


def _decode(raw: bytes, codec: str) -> str:
    return raw.decode(codec, errors="replace").strip()


def _cut(name: bytes, codec: str) -> bytes | None:
    """A field name as ``codec`` reads it whole: itself, or, cut at the .dbf's ten bytes in
    the middle of a character, the name without the broken character's bytes; None if
    ``codec`` cannot read it."""
    for drop in range(4 if len(name) == DBF_NAME else 1):
        try:
            name[:len(name) - drop].decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return name[:len(name) - drop]
    return None


def _choose_encoding(cpg: Path | None, ldid: int, texts: list[bytes], names: list[bytes]):
    """(codec, how it was chosen, warning or None). ``texts`` are read whole; a field of
    ``names`` may have been cut in the middle of a character (see :func:`_cut`)."""
    blob = b"\n".join(texts)

    def fits(codec: str) -> bool:
        try:
            blob.decode(codec)
        except (UnicodeDecodeError, LookupError):
            return False
        return all(_cut(n, codec) is not None for n in names)

    declared, how = None, ""
    if cpg is not None:
        text = cpg.read_text(encoding="latin-1").strip()
        declared = _CPG.get(text.lower().replace(" ", "").replace("_", ""))
        how = f".cpg says {text}"
        if declared is None:
            try:
                "".encode(text)
                declared = text
            except LookupError:
                pass
    elif _LDID.get(ldid):
        declared, how = _LDID[ldid], f".dbf language driver 0x{ldid:02X}"
    if declared and fits(declared):
        return declared, how, None
    if blob.isascii() and all(n.isascii() for n in names):
        return declared or "utf-8", "plain ASCII text", None
    for codec, label in (("utf-8", "detected: valid UTF-8"),
                         ("gb18030", "detected: not UTF-8, valid GB18030/GBK")):
        if fits(codec):
            if declared:
                return codec, label, Text(
                    f"{how}，但文本不符合该编码，已按 {codec} 读取",
                    f"{how}, but the text is not valid in it: read as {codec}")
            return codec, label, None
    return "gb18030", "detected: GB18030 with undecodable bytes replaced", Text(
        "部分文本既非 UTF-8 也非 GBK，无法解码的字节已替换",
        "some text is neither UTF-8 nor GBK: undecodable bytes were replaced")


# --- .shp -----------------------------------------------------------------------------------

_POINT, _POLYLINE, _POLYGON, _MULTIPOINT = 1, 3, 5, 8


def _read_shp(data: bytes):
    if len(data) < 100 or struct.unpack_from(">i", data, 0)[0] != 9994:
        raise SourceError(Text(
            "不是有效的 Shapefile（.shp 文件头错误）",
            "not a Shapefile (.shp header is wrong)"))
    said = struct.unpack_from(">i", data, 24)[0] * 2
    if said > len(data):
        raise _cut_short(f"{len(data)} of the {said} bytes its header gives",
                         f"只有文件头所写 {said} 字节中的 {len(data)} 字节")
    pos, n = 100, 0
    while pos + 8 <= said:
        _, words = struct.unpack_from(">ii", data, pos)
        content = data[pos + 8: pos + 8 + words * 2]
        pos += 8 + words * 2
        n += 1
        try:
            if pos > said:
                raise struct.error
            shape = _shape(content)
        except struct.error:  # (its points run past the record)
            raise _cut_short(f"shape {n} runs past its record", f"第 {n} 个图形超出其记录"
                             ) from None
        yield shape


def _cut_short(en: str, zh: str) -> SourceError:
    return SourceError(Text(f".shp 文件已损坏或不完整（{zh}）：请重新复制完整的 Shapefile",
                            f"the .shp is damaged or cut short ({en}): copy the whole "
                            "Shapefile again"))


def _shape(c: bytes) -> Geom | None:
    geom = _xy_shape(c)
    if geom is not None and struct.unpack_from("<i", c, 0)[0] in _WITH_Z_OR_M:
        geom.heights = _beyond_xy(c)
    return geom


def _xy_shape(c: bytes) -> Geom | None:
    if len(c) < 4:
        return None
    kind = struct.unpack_from("<i", c, 0)[0]
    base = kind % 10 if kind else 0
    if base == 0:
        return None
    if base == _POINT:
        return Geom("point", [struct.unpack_from("<dd", c, 4)])
    if base == _MULTIPOINT:
        (n,) = struct.unpack_from("<i", c, 36)
        return Geom("point", [struct.unpack_from("<dd", c, 40 + 16 * i) for i in range(n)])
    if base in (_POLYLINE, _POLYGON):
        n_parts, n_points = struct.unpack_from("<ii", c, 36)
        starts = list(struct.unpack_from(f"<{n_parts}i", c, 44)) + [n_points]
        at = 44 + 4 * n_parts
        pts = [struct.unpack_from("<dd", c, at + 16 * i) for i in range(n_points)]
        parts = [pts[a:b] for a, b in zip(starts, starts[1:])]
        if base == _POLYLINE:
            return Geom("line", parts)
        return polygons_from_rings(parts, clockwise_outer=True)
    return Geom("other", [], f"shape type {kind}")


_WITH_Z_OR_M = (11, 13, 15, 18, 21, 23, 25, 28)


def _beyond_xy(c: bytes) -> bool:
    """Whether a PointZ/M, MultiPointZ/M, PolyLineZ/M or PolygonZ/M shape's heights or
    measures say something (see :func:`~.source.beyond_xy`). Z shapes hold the Z values
    after the points, then may hold M values; M shapes hold M values only. Each array
    follows its range (two doubles); a point holds its Z and M after x and y."""
    kind = struct.unpack_from("<i", c, 0)[0]
    if kind % 10 == _POINT:
        return beyond_xy(struct.unpack_from(f"<{(len(c) - 4) // 8}d", c, 4))
    if kind % 10 == _MULTIPOINT:
        (n,) = struct.unpack_from("<i", c, 36)
        at = 40 + 16 * n
    else:
        n_parts, n = struct.unpack_from("<ii", c, 36)
        at = 44 + 4 * n_parts + 16 * n
    extra = [struct.unpack_from(f"<{n}d", c, a + 16) for a in (at, at + 16 + 8 * n)
             if a + 16 + 8 * n <= len(c)]
    return beyond_xy([(0.0, 0.0, *v) for v in zip(*extra)])


# --- .dbf -----------------------------------------------------------------------------------

def _read_dbf(data: bytes):
    """(raw field names, records (None for deleted ones), raw texts for detection, ldid)."""
    if len(data) < 32:
        raise SourceError(Text(
            ".dbf 文件过短，不是 dBASE 表",
            "the .dbf is too short to be a dBASE table"))
    n_rec, head_len, rec_len = struct.unpack_from("<IHH", data, 4)
    ldid = data[29]
    fields = []
    pos = 32
    while pos + 32 <= head_len and data[pos] != 0x0D:
        raw_name = data[pos:pos + 11].split(b"\0", 1)[0]
        ftype = chr(data[pos + 11])
        length, decimals = data[pos + 16], data[pos + 17]
        fields.append((raw_name, ftype, length, decimals))
        pos += 32
    texts: list[bytes] = []  # (the names apart: see _cut)
    records: list[list | None] = []
    for r in range(n_rec):
        at = head_len + r * rec_len
        rec = data[at:at + rec_len]
        if len(rec) < rec_len:
            break
        if rec[:1] == b"*":
            records.append(None)
            continue
        off, values = 1, []
        for _, ftype, length, decimals in fields:
            raw = rec[off:off + length]
            off += length
            values.append(_value(raw, ftype, decimals))
            if ftype in "CM" and not raw.isascii():
                texts.append(raw.rstrip(b" \0"))
        records.append(values)
    return [f[0] for f in fields], records, texts, ldid


def _value(raw: bytes, ftype: str, decimals: int):
    if ftype == "C":
        s = raw.rstrip(b" \0")
        return s if s else None
    text = raw.decode("latin-1").strip().strip("\0")
    if not text or set(text) <= {"*", "?"}:
        return None
    if ftype in "NF":
        try:
            if decimals == 0 and ftype == "N" and "." not in text and "e" not in text.lower():
                return int(text)
            return float(text)
        except ValueError:
            return None
    if ftype == "D":
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
        except ValueError:
            return None
    if ftype == "L":
        return {"T": True, "Y": True, "F": False, "N": False}.get(text[:1].upper())
    if ftype in "IO" and len(raw) in (4, 8):
        return struct.unpack("<i" if len(raw) == 4 else "<d", raw)[0]
    return raw.rstrip(b" \0") or None
