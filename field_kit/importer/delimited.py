# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV reader with the standard library only: a point list, a row a point, its place in
two columns named for longitude/latitude (经度/纬度, lon/lat) or for x/y (X/Y, 东坐标/北坐标),
read as GDAL reads them with X_POSSIBLE_NAMES / Y_POSSIBLE_NAMES and KEEP_GEOM_COLUMNS=NO
(the coordinate columns are no fields). A CSV with no such columns is refused, naming the
columns it has. Decimal degrees and degrees-minutes-seconds (88°39′12.5″) are read.

The text: UTF-8 (with or without the BOM Excel writes), else GB18030 (a superset of the GBK
Excel writes on a Chinese Windows), said which. The coordinate system: a .prj beside the
file; else columns named longitude/latitude are read as longitude/latitude, and the import
says so; else it must be given (--crs): x/y say nothing of their system.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..bilingual import Text
from .source import Feature, Geom, SourceError, SourceLayer
from .synonyms import norm

# (x names, y names) by what they say of the coordinates, normalised as field names are
LONLAT = (("经度", "东经", "lon", "long", "longitude", "lng", "jd", "x经度"),
          ("纬度", "北纬", "lat", "latitude", "wd", "y纬度"))
XY = (("x", "东坐标", "x坐标", "easting", "east", "横坐标", "dzb"),
      ("y", "北坐标", "y坐标", "northing", "north", "纵坐标", "bzb"))
DELIMITERS = ",;\t|"
_DMS = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′’分]\s*)?"
                  r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|”|''|′′|秒)\s*)?([EWNS东西南北]?)\s*")


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


def coordinate(raw: str | None) -> float | None:
    """A coordinate as written: decimal (88.6534) or degrees-minutes-seconds (88°39′12.5″E);
    None if empty; ValueError if neither."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    m = _DMS.fullmatch(text)
    if not m:
        raise ValueError(text)
    d, mins, secs, hemi = m.groups()
    value = abs(float(d)) + float(mins or 0) / 60 + float(secs or 0) / 3600
    return -value if d.startswith("-") or hemi in ("W", "S", "西", "南") else value


def coordinate_columns(fields: list[str]) -> tuple[str, str, bool] | None:
    """(x column, y column, whether they are longitude/latitude), or None."""
    normed = {norm(f): f for f in reversed(fields)}  # (the first of two alike)
    for (xs, ys), lonlat in ((LONLAT, True), (XY, False)):
        x = next((normed[n] for n in xs if n in normed), None)
        y = next((normed[n] for n in ys if n in normed), None)
        if x and y:
            return x, y, lonlat
    return None


def read_csv(path: Path) -> SourceLayer:
    text, codec, how, warn = _decode(path.read_bytes())
    rows = list(csv.reader(io.StringIO(text, newline=""), _dialect(text)))
    if not rows or not any(c.strip() for c in rows[0]):
        raise SourceError(Text(f"{path.name} 是空的：没有表头行",
                               f"{path.name} is empty: no header row"))
    fields = [c.strip() for c in rows[0]]
    cols = coordinate_columns(fields)
    if cols is None:
        raise SourceError(Text(
            f"{path.name} 中没有可识别的坐标列（经度/纬度、lon/lat 或 X/Y）；现有列："
            f"{'、'.join(fields)}",
            f"{path.name} has no coordinate columns it can be read by (longitude/latitude, "
            f"lon/lat or x/y); its columns are: {', '.join(fields)}"))
    x_col, y_col, lonlat = cols
    layer = SourceLayer(path=str(path), format="CSV", name=path.stem, encoding=codec,
                        encoding_how=how, point_list=(x_col, y_col))
    if warn:
        layer.notes.append(warn)
    layer.fields = [f for f in fields if f not in (x_col, y_col)]
    unreadable = []
    for i, values in enumerate(rows[1:]):
        if not any(v.strip() for v in values):
            continue  # a blank line
        record = dict(zip(fields, [v.strip() or None for v in values]))
        try:
            x, y = coordinate(record.get(x_col)), coordinate(record.get(y_col))
        except ValueError:
            x = y = None
            unreadable.append(str(i + 2))
        geom = Geom("point", [(x, y)]) if x is not None and y is not None else None
        layer.features.append(Feature(row=i + 1, fid=i + 2, attrs={
            f: record.get(f) for f in layer.fields}, geom=geom))
    if unreadable:
        layer.notes.append(Text(
            f"以下行的坐标不是数字，按无几何处理：第 {'、'.join(unreadable)} 行（文件行号）",
            f"coordinates that are not numbers, taken as no geometry, on line(s) "
            f"{', '.join(unreadable)} of the file"))
    prj = path.with_suffix(".prj")
    if prj.exists():
        layer.crs_wkt = prj.read_text(encoding="latin-1", errors="replace")
    elif lonlat:
        layer.lonlat_by = f"{x_col}/{y_col}"
    return layer
