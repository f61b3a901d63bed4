# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV reader with the standard library only: a point list, a row a point, its place in
two columns named for longitude/latitude (经度/纬度, lon/lat) or for x/y (X/Y, 东坐标/北坐标),
read as GDAL reads them with X_POSSIBLE_NAMES / Y_POSSIBLE_NAMES and KEEP_GEOM_COLUMNS=NO
(the coordinate columns are no fields). A CSV with no such columns is refused, naming the
columns it has. Decimal degrees and degrees-minutes-seconds (88°39′12.5″, E88°39′12.5″,
88 39 12.5) are read; columns headed X(北坐标) and Y(东坐标) as their headers say.

A CSV with a column of WKT (QGIS's Save Features As CSV with GEOMETRY=AS_WKT writes it
first, named WKT) is a feature a row instead, the WKT its geometry; one whose rows are all
POINTs is a point list, as above.

A point list with a column of point numbers (点号, 界址点号, No.: J1, J2 ... J10) has each
boundary's points joined in the order of their numbers, whatever the order of its rows
(sorted by patch or by X in Excel): the planner does it, as it knows the boundaries (the
column mapped to the patch code). Rows are counted as Excel shows them: the header is row 1.

The text: UTF-8 (with or without the BOM Excel writes), else GB18030 (a superset of the GBK
Excel writes on a Chinese Windows), said which. The coordinate system: a .prj beside the
file; else columns named longitude/latitude are read as longitude/latitude, and the import
says so; else it must be given (--crs): x/y say nothing of their system.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from ..bilingual import Text
from .source import Feature, Geom, SourceError, SourceLayer
from .synonyms import norm
from .wkt import looks_like_wkt, parse_wkt, wkt_kind

# (x names, y names) by what they say of the coordinates, normalised as field names are
LONLAT = (("经度", "东经", "lon", "long", "longitude", "lng", "jd", "x经度"),
          ("纬度", "北纬", "lat", "latitude", "wd", "y纬度"))
XY = (("x", "东坐标", "x坐标", "easting", "east", "横坐标", "dzb"),
      ("y", "北坐标", "y坐标", "northing", "north", "纵坐标", "bzb"))
DELIMITERS = ",;\t|"
# the degree as written, or as a keyboard without it types it: the ordinal sign (º, Windows'
# Alt+0186) or the ring above (˚)
_DMS = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*[°度º˚]\s*(?:(\d+(?:\.\d+)?)\s*['′’分]\s*)?"
                  r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|”|''|′′|秒)\s*)?([EWNS东西南北]?)\s*")
# degrees, minutes and seconds as a surveyor's list writes them apart: 88 30 12.6
_DMS_SPACED = re.compile(r"\s*(-?\d+)\s+(\d+(?:\.\d+)?)(?:\s+(\d+(?:\.\d+)?))?\s*")
_HEMISPHERE_FIRST = re.compile(r"\s*([EWNS东西南北])\s*(.*)", re.S)
# the hemisphere in words: 东经 (east longitude), 北纬 (north latitude)
_HEMISPHERE_WORD = re.compile(r"([东西南北])\s*[经纬]")
_HEMISPHERE_LETTER = {"东": "E", "西": "W", "南": "S", "北": "N"}
# decimal degrees with their hemisphere letter after (88.5E; before it is moved after)
_DECIMAL_HEMISPHERE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([EWNS东西南北])\s*")
# a WKT polygon of many vertices is one field far past the csv module's 128 KB
FIELD_LIMIT = 2**31 - 1
# a column headed by its letter and what it holds, X(北坐标): Chinese surveying's X is the
# northing, its Y the easting, and the header saying so is believed
NAMED_AXES = (("北坐标", "纵坐标", "northing", "north"), ("东坐标", "横坐标", "easting", "east"))
# 度.分秒 packed into one number, as some handheld GPS units export them and surveyors write
# them: 88.4423636 for 88°44′23.636″ (two digits of minutes and two of seconds, under 60)
PACKED_DMS = re.compile(r"\s*-?\d{1,3}\.[0-5]\d[0-5]\d\d*\s*")
# fewer points than this, and decimal degrees may read as 度.分秒 by chance
PACKED_DMS_POINTS = 4


def line_of(record: int) -> int:
    """The row a CSV record (0-based, after the header) is on as Excel shows it: the header
    is row 1 (a quoted value over several lines is one row)."""
    return record + 2


def _decode(data: bytes) -> tuple[str, str, str, Text | None]:
    """(text, codec, how it was chosen, warning or None)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", "UTF-8 byte order mark", None
    for codec, how in (("utf-8", "detected: valid UTF-8"),
                       ("gb18030", "detected: not UTF-8, valid GB18030/GBK")):
        try:
            return data.decode(codec), codec, how, None
        except UnicodeDecodeError:
            continue
    return (data.decode("gb18030", errors="replace"), "gb18030",
            "detected: GB18030 with undecodable bytes replaced", Text(
                "部分文本既非 UTF-8 也非 GBK，无法解码的字节已替换",
                "some text is neither UTF-8 nor GBK: undecodable bytes were replaced"))


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel  # one column, or nothing to tell by: commas


class CoordinateError(ValueError):
    """A coordinate that cannot be read, and why where more can be said than that."""

    def __init__(self, text, why: Text | None = None) -> None:
        super().__init__(text)
        self.why = why


def coordinate(raw: str | None) -> float | None:
    """A coordinate as written: decimal (88.6534) or degrees-minutes-seconds (88°39′12.5″E,
    E88°39′12.5″, 东经88°39′12.5″, 88 39 12.5); None if empty; ValueError if neither, a
    CoordinateError saying why where a sign and a hemisphere are both written."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    # 东经88°44′23.97″, 88°44′31″北纬 as Chinese survey tables write them; e88.5 as E88.5
    text = _HEMISPHERE_WORD.sub(lambda m: _HEMISPHERE_LETTER[m.group(1)], text)
    text = re.sub(r"[ewns]", lambda m: m.group().upper(), text)
    if "-" in text and re.search(r"[EWNS东西南北]", text):
        # -88.5E: west by its sign, east by its letter; which was meant is not guessed
        raise CoordinateError(raw, Text(
            "负号与半球字母同时出现，无法判断方向：请只写其一",
            "a minus sign and a hemisphere together, which disagree or repeat: write one "
            "of them"))
    first = _HEMISPHERE_FIRST.fullmatch(text)
    if first:  # the hemisphere written first (E88°30′12.6″): read as if written last
        text = first.group(2) + first.group(1)
    decimal = _DECIMAL_HEMISPHERE.fullmatch(text)
    if decimal:
        value = float(decimal.group(1))
        return -value if decimal.group(2) in ("W", "S", "西", "南") else value
    m = _DMS.fullmatch(text) or _DMS_SPACED.fullmatch(text)
    if not m:
        raise ValueError(text)
    d, mins, secs = m.group(1), m.group(2), m.group(3)
    hemi = m.group(4) if m.re is _DMS else ""
    for part, zh, en in ((mins, "分", "minutes"), (secs, "秒", "seconds")):
        if part and float(part) >= 60:  # 88°74′: a slip, never 89°14′
            raise CoordinateError(raw, Text(f"{zh}为 {part}，应小于 60",
                                            f"{en} {part}, which must be under 60"))
    value = abs(float(d)) + float(mins or 0) / 60 + float(secs or 0) / 3600
    return -value if d.startswith("-") or hemi in ("W", "S", "西", "南") else value


def packed_dms(value: float) -> float:
    """A number written as 度.分秒 (88.4423636) as the degrees it means (88°44′23.636″)."""
    whole = math.floor(abs(value))
    mmss = round((abs(value) - whole) * 100, 9)
    minutes = math.floor(mmss)
    degrees = whole + minutes / 60 + (mmss - minutes) * 100 / 3600
    return -degrees if value < 0 else degrees


def _packed_dms(points: list[tuple]) -> tuple[str, str] | None:
    """The first point where every coordinate of the list reads as 度.分秒, else None."""
    if len(points) < PACKED_DMS_POINTS or not all(
            v and PACKED_DMS.fullmatch(v) for pt in points for v in pt):
        return None
    return points[0]


def coordinate_columns(fields: list[str]) -> tuple[str, str, bool] | None:
    """(x column, y column, whether they are longitude/latitude), or None."""
    normed = {norm(f): f for f in reversed(fields)}  # (the first of two alike)
    for (xs, ys), lonlat in ((LONLAT, True), (XY, False)):
        x = next((normed[n] for n in xs if n in normed), None)
        y = next((normed[n] for n in ys if n in normed), None)
        if x and y:
            return x, y, lonlat
    named = named_axes(fields)
    return (*named, False) if named else None


def named_axes(fields: list[str]) -> tuple[str, str] | None:
    """(easting column, northing column) of columns whose headers say which they hold
    beside their letter, X(北坐标) and Y(东坐标), or None."""
    def saying(words):
        return [f for f in fields if any(
            norm(f) in (letter + w for w in words) for letter in ("x", "y"))]

    north, east = saying(NAMED_AXES[0]), saying(NAMED_AXES[1])
    return (east[0], north[0]) if len(north) == 1 and len(east) == 1 else None


def _column_names(rows: list[list[str]]) -> list[str]:
    """The header's names; a column with no name is named by its place (column 7), or
    left out where it holds nothing either (the empty column Excel leaves after the last)."""
    header = [c.strip() for c in rows[0]]
    names = []
    for k, name in enumerate(header):
        if not name and not any(len(r) > k and r[k].strip() for r in rows[1:]):
            name = ""  # nothing in it: no field
        elif not name:
            name = f"column {k + 1}"
        names.append(name)
    return names


def _wkt_column(fields: list[str], rows: list[list[str]]) -> str | None:
    """The column whose first value is WKT, if one is."""
    for k, name in enumerate(fields):
        first = next((r[k] for r in rows[1:] if len(r) > k and r[k].strip()), None)
        if name and looks_like_wkt(first):
            return name
    return None


def _rows(text: str) -> list[list[str]]:
    old = csv.field_size_limit(FIELD_LIMIT)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), _dialect(text)))
    finally:
        csv.field_size_limit(old)


def read_csv(path: Path) -> SourceLayer:
    text, codec, how, warn = _decode(path.read_bytes())
    rows = _rows(text)
    if not rows or not any(c.strip() for c in rows[0]):
        raise SourceError(Text(f"{path.name} 是空的：没有表头行",
                               f"{path.name} is empty: no header row"))
    fields = _column_names(rows)
    wkt_col = _wkt_column(fields, rows)
    if wkt_col:
        return _read_wkt_rows(path, fields, rows, wkt_col, codec, how, warn)
    cols = coordinate_columns([f for f in fields if f])
    if cols is None:
        raise SourceError(Text(
            f"{path.name} 中没有可识别的坐标列（经度/纬度、lon/lat 或 X/Y）；现有列："
            f"{'、'.join(f for f in fields if f)}",
            f"{path.name} has no coordinate columns it can be read by (longitude/latitude, "
            f"lon/lat or x/y); its columns are: {', '.join(f for f in fields if f)}"))
    x_col, y_col, lonlat = cols
    layer = SourceLayer(path=str(path), format="CSV", name=path.stem, encoding=codec,
                        encoding_how=how, point_list=(x_col, y_col))
    if warn:
        layer.notes.append(warn)
    if (x_col, y_col) == named_axes([f for f in fields if f]):
        layer.said.append(Text(
            f"坐标列按表头所写读取：{x_col} 为东坐标（横坐标），{y_col} 为北坐标（纵坐标），"
            "即测量中 X 为北、Y 为东的习惯",
            f"the coordinate columns are read as their headers say: {x_col} as the easting, "
            f"{y_col} as the northing (surveying's X north, Y east)"))
    layer.fields = [f for f in fields if f and f not in (x_col, y_col)]
    written: list[tuple] = []  # the points as written
    for i, values in enumerate(rows[1:]):
        if not any(v.strip() for v in values):
            continue  # a blank line
        line = line_of(i)
        record = dict(zip(fields, [v.strip() or None for v in values]))
        written.append((record.get(x_col), record.get(y_col)))
        why = None
        try:
            x, y = coordinate(record.get(x_col)), coordinate(record.get(y_col))
        except ValueError as exc:
            x = y = None
            why = getattr(exc, "why", None)
        geom = Geom("point", [(x, y)]) if x is not None and y is not None else None
        if geom is None:  # (said by the boundary it is a point of, naming the line)
            layer.unread_points[line] = (record.get(x_col), record.get(y_col), why)
        layer.features.append(Feature(row=line, fid=line, attrs={
            f: record.get(f) for f in layer.fields}, geom=geom))
    layer.packed_dms = _packed_dms(written)
    prj = path.with_suffix(".prj")
    if prj.exists():
        layer.crs_wkt = prj.read_text(encoding="latin-1", errors="replace")
    elif lonlat:
        layer.lonlat_by = f"{x_col}/{y_col}"
    return layer


def _read_wkt_rows(path: Path, fields: list[str], rows: list[list[str]], wkt_col: str,
                   codec: str, how: str, warn: Text | None) -> SourceLayer:
    """A feature a row, its geometry the WKT column's; the coordinate system from a .prj
    beside the file or the EWKT's SRID, else asked (--crs): WKT says nothing of it."""
    layer = SourceLayer(path=str(path), format="CSV", name=path.stem, encoding=codec,
                        encoding_how=how, wkt_column=wkt_col)
    if warn:
        layer.notes.append(warn)
    kinds = {wkt_kind(r[k]) for r in rows[1:] for k in [fields.index(wkt_col)]
             if len(r) > k and r[k].strip()}
    if kinds == {"POINT"}:  # a point list written by QGIS (Save As CSV, GEOMETRY=AS_WKT)
        layer.point_list = (wkt_col, wkt_col)
        layer.said.append(Text(
            f"CSV 的 WKT 列 {wkt_col} 各行均为点：按点表读取，按图斑（分区）列连成边界",
            f"the CSV's WKT rows ({wkt_col}) are all points: read as a point list, its points "
            "joined into boundaries by the patch (zone) column"))
    else:
        layer.said.append(Text(f"CSV 的几何从其 WKT 列 {wkt_col} 读取：每行一个要素",
                               f"the CSV's geometry is read from its WKT column {wkt_col}: "
                               "a row a feature"))
    layer.fields = [f for f in fields if f and f != wkt_col]
    srids: dict = {}  # SRID (None: none given) -> the rows giving it
    for i, values in enumerate(rows[1:]):
        if not any(v.strip() for v in values):
            continue
        line = line_of(i)
        record = dict(zip(fields, [v.strip() or None for v in values]))
        raw = record.get(wkt_col) or ""
        try:
            geom, srid = parse_wkt(raw) if raw else (None, None)
            if raw:
                srids.setdefault(srid, []).append(line)
        except ValueError:
            shown = raw if len(raw) <= 80 else raw[:77] + "..."
            geom = Geom("other", [], Text(f"{wkt_col} 列的 WKT 无法读取：{shown!r}",
                                          f"unreadable WKT in column {wkt_col}: {shown!r}"))
        if layer.point_list and (geom is None or geom.kind != "point"):
            # (said by the boundary it is a point of, naming the line)
            layer.unread_points[line] = (raw, None, geom.detail if geom else None)
            geom = None
        layer.features.append(Feature(row=line, fid=line, attrs={
            f: record.get(f) for f in layer.fields}, geom=geom))
    bare = srids.pop(None, [])
    if len(srids) > 1:  # one coordinate system a file: which is meant cannot be told
        zh = "；".join(f"SRID={k} 在第 {_rows_said(v, '、')} 行" for k, v in srids.items())
        en = "; ".join(f"SRID={k} on row{'s' if len(v) > 1 else ''} {_rows_said(v, ', ')}"
                       for k, v in srids.items())
        raise SourceError(Text(
            f"{path.name} 的 WKT 给出了不止一个坐标系：{zh}：请使各行的坐标系一致",
            f"{path.name}'s WKT gives more than one coordinate system: {en}: give every row "
            "the same one"))
    prj = path.with_suffix(".prj")
    if prj.exists():
        layer.crs_wkt = prj.read_text(encoding="latin-1", errors="replace")
    elif srids:
        (srid, _), = srids.items()
        layer.crs_code, layer.crs_from_rows = f"EPSG:{srid}", True
        if bare:
            layer.notes.append(Text(
                f"第 {_rows_said(bare, '、')} 行的 WKT 没有 SRID：按其他各行的 SRID={srid} 读取",
                f"the WKT of row{'s' if len(bare) > 1 else ''} {_rows_said(bare, ', ')} gives "
                f"no SRID: read in the other rows' SRID={srid}"))
    return layer


def _rows_said(rows: list[int], sep: str) -> str:
    """Row numbers, the first ten of many."""
    shown = sep.join(map(str, rows[:10]))
    return shown + (f"{sep}… ({len(rows)})" if len(rows) > 10 else "")

