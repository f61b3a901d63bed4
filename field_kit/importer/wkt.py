# SPDX-License-Identifier: GPL-2.0-or-later
"""Well-known text, as QGIS's Save Features As CSV (GEOMETRY=AS_WKT), ogr2ogr and PostGIS
(EWKT: SRID=4490;...) write it in a column: POLYGON, MULTIPOLYGON, POINT, LINESTRING and
their MULTI forms, with Z, M or ZM (the x and y alone are read)."""

from __future__ import annotations

import re

from ..bilingual import counted
from .source import Geom, beyond_xy

_HEAD = re.compile(r"\s*(?:SRID\s*=\s*(\d+)\s*;)?\s*(MULTIPOLYGON|POLYGON|MULTIPOINT|POINT|"
                   r"MULTILINESTRING|LINESTRING|GEOMETRYCOLLECTION)\s*(?:ZM|Z|M)?\s*(.*)",
                   re.I | re.S)
_NUMBERS = re.compile(r"[^,()]+")


def looks_like_wkt(text: str | None) -> bool:
    """Whether a value begins as WKT does (a geometry's name, then its coordinates)."""
    m = _HEAD.match(text or "")
    return m is not None and (m.group(3).startswith("(")
                              or m.group(3).strip().upper() == "EMPTY")


def wkt_kind(text: str | None) -> str | None:
    """The geometry's name a WKT value begins with (POINT, POLYGON...), or None."""
    m = _HEAD.match(text or "")
    return m.group(2).upper() if m else None


def _nested(body: str):
    """'((1 2, 3 4))' as nested lists, each coordinate an (x, y) tuple (ValueError if not),
    and whether a coordinate gives a height or measure that says something (not imported)."""
    pos = 0
    heights = False

    def skip() -> None:
        nonlocal pos
        while pos < len(body) and body[pos].isspace():
            pos += 1

    def parse():
        nonlocal pos, heights
        skip()
        if pos < len(body) and body[pos] == "(":
            pos += 1
            items = []
            while True:
                items.append(parse())
                skip()
                if pos < len(body) and body[pos] == ",":
                    pos += 1
                elif pos < len(body) and body[pos] == ")":
                    pos += 1
                    return items
                else:
                    raise ValueError("unbalanced parentheses")
        m = _NUMBERS.match(body, pos)
        if not m:
            raise ValueError("a coordinate is missing")
        pos = m.end()
        nums = [float(v) for v in m.group().split()]
        if not 2 <= len(nums) <= 4:
            raise ValueError(f"a coordinate of {counted(len(nums), 'number')}")
        heights = heights or beyond_xy(nums)
        return nums[0], nums[1]

    out = parse()
    skip()
    if pos != len(body):
        raise ValueError("text after the geometry")
    return out, heights


def _points(x) -> list:
    if not isinstance(x, list) or not all(isinstance(p, tuple) for p in x):
        raise ValueError("not a list of coordinates")
    return x


def parse_wkt(text: str) -> tuple[Geom | None, int | None]:
    """The geometry (None if EMPTY) and the EWKT's SRID, if it gives one; ValueError if the
    text is no WKT this reads."""
    m = _HEAD.fullmatch(text or "")
    if not m:
        raise ValueError("not WKT")
    srid = int(m.group(1)) if m.group(1) else None
    kind, body = m.group(2).upper(), m.group(3).strip()
    if body.upper() == "EMPTY":
        return None, srid
    if kind == "GEOMETRYCOLLECTION":
        return Geom("other", [], "geometry collection"), srid
    parts, heights = _nested(body)
    geom = _shaped(kind, parts)
    geom.heights = heights
    return geom, srid


def _shaped(kind: str, parts) -> Geom:
    if kind == "POINT":
        return Geom("point", _points(parts))
    if kind == "MULTIPOINT":  # (1 2, 3 4) or ((1 2), (3 4))
        return Geom("point", _points([p[0] if isinstance(p, list) and len(p) == 1 else p
                                      for p in parts]))
    if kind == "LINESTRING":
        return Geom("line", [_points(parts)])
    if kind == "MULTILINESTRING":
        return Geom("line", [_points(line) for line in parts])
    if kind == "POLYGON":
        return Geom("polygon", [[_points(r) for r in parts]])
    return Geom("polygon", [[_points(r) for r in poly] for poly in parts])
