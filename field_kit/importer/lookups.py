# SPDX-License-Identifier: GPL-2.0-or-later
"""Small helpers of the import planner: master look-ups, value conversion, comparisons."""

from __future__ import annotations

import struct

from .. import db
from ..bilingual import Text
from ..plan import schema
from ..plan.geometry import blob_srs_id, blob_wkb, parse_wkb, same_shape
from . import synonyms
from .checks import Region

GEOM = schema.GEOMETRY_COLUMN
GEOMETRY_SHOWN = "(geometry)"  # a geometry among the values an import writes


DEFECTS = {
    "unclosed": Text("第 {ring} 个环未闭合", "ring {ring} is not closed"),
    "too_few_points": Text("第 {ring} 个环少于 4 个点", "ring {ring} has fewer than 4 points"),
    "zero_area": Text("第 {ring} 个环面积为零", "ring {ring} has no area"),
}


def required(layer: str) -> list[tuple[str, ...]]:
    by_layer: dict[str, list[tuple[str, ...]]] = {
        "mine_patches": [("patch_code",)], "restoration_zones": [("zone_id", "name_zh")]}
    return by_layer.get(layer, [])


def points(g):
    if g.kind == "polygon":
        return [pt for poly in g.parts for ring in poly for pt in ring]
    if g.kind == "line":
        return [pt for line in g.parts for pt in line]
    return list(g.parts)


def bbox(polys):
    pts = [pt for rings in polys for ring in rings for pt in ring]
    if not pts:
        return None
    xs, ys = [q[0] for q in pts], [q[1] for q in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def orient(rings):
    """Exterior counter-clockwise, holes clockwise (the OGC convention QGIS expects)."""
    out = []
    for k, ring in enumerate(rings):
        a = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
        out.append(ring if (a > 0) == (k == 0) else ring[::-1])
    return out


def number(raw):
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    try:
        return float(str(raw).replace(",", "").replace("，", "").strip())
    except ValueError:
        return None


# how near each vertex of a shape must be to the stored one's for the shape to be the same:
# 1e-9° (about 0.1 mm); the same survey brought in another coordinate system and back
# differs by some 1e-14° from the shape it was first imported as
VERTEX_TOLERANCE_DEG = 1e-9
# a shape more than this far from the patch of its code in the master is not that patch
# surveyed again: its centre moved so far, or a packed 度.分秒 read as decimal degrees, is said
FAR_FROM_ITS_PATCH_KM = 1.0
MEASURED = ("area_m2", "centre_lon", "centre_lat", "length_m")  # figures of the shape
OF_THE_SHAPE = ("geometry_source", "source_note")  # where the shape came from, said by an import


def same(col, old, new) -> bool:
    if col == GEOM:
        if old is None or new is None:
            return old is new
        old, new = bytes(old), bytes(new)
        if same_shape(old, new):
            return True
        try:
            return blob_srs_id(old) == blob_srs_id(new) and _near(
                parse_wkb(blob_wkb(old), full=True), parse_wkb(blob_wkb(new), full=True))
        except (ValueError, KeyError, IndexError, struct.error):
            return False
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return old == new


def _near(a, b) -> bool:
    """Parsed geometries of the same type and vertices, each ordinate within the tolerance;
    a ring the same whichever vertex it starts at and whichever way it runs (the import
    writes rings anticlockwise; the plan's zones and county run clockwise)."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= VERTEX_TOLERANCE_DEG
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return False
        if _is_ring(a) and _is_ring(b):
            return _same_ring(a, b)
        return all(_near(x, y) for x, y in zip(a, b))
    return a == b


def _is_ring(points) -> bool:
    return len(points) >= 4 and isinstance(points[0], tuple) and points[0] == points[-1]


def _same_ring(a, b) -> bool:
    a, b = a[:-1], b[:-1]  # (the closing vertex repeats the first)
    n = len(a)
    for k in (k for k in range(n) if _near(a[0], b[k])):
        if all(_near(a[i], b[(k + i) % n]) for i in range(n)) or \
                all(_near(a[i], b[(k - i) % n]) for i in range(n)):
            return True
    return False


def shown(col, v):
    return GEOMETRY_SHOWN if col == GEOM and v is not None else v


def status_codes(conn) -> dict[str, str]:
    out = {synonyms.norm(k): v for k, v in synonyms.STATUS_LABELS.items()}
    for c in "ABCD":
        out[synonyms.norm(c)] = c
    if db.table_exists(conn, "code_lists"):
        for code, zh, en in conn.execute("SELECT code, label_zh, label_en FROM code_lists "
                                         "WHERE list_name = 'remediation_status'"):
            for label in (code, zh, en):
                if label:
                    out[synonyms.norm(label)] = code
    return out


def lookup(conn, table, col) -> dict:
    if not db.table_exists(conn, table):
        return {}
    return {k: u for k, u in conn.execute(f"SELECT {col}, uuid FROM {table}") if k}


def county(conn):
    if not db.table_exists(conn, "county_boundary"):
        return None, False
    row = conn.execute("SELECT geom, geometry_source FROM county_boundary WHERE geom IS NOT NULL "
                       "LIMIT 1").fetchone()
    if row is None:
        return None, False
    code, body = parse_wkb(blob_wkb(bytes(row[0])))
    polys = [body] if code == 3 else [part[1] for part in body]
    return Region(polys), row[1] == schema.SURVEYED
