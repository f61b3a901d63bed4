# SPDX-License-Identifier: GPL-2.0-or-later
"""What a plan feature derives from its geometry: its ellipsoidal area and its centre, or
the ellipsoidal length of a line.

One piece of code for every place that writes a plan geometry: the QGIS plugin on each save
of a geometry edited in QGIS, and the sync core where it writes one itself (a conflict
settled, a merge, an undo, a pull). Both work on the geometry in longitude and latitude
(EPSG:4490, or EPSG:4326 taken as it); a geometry in another coordinate system is brought
there first (QGIS) or left with the values it has, and said (the core, which has no
transformation).
"""

from __future__ import annotations

from . import geometry, schema

DERIVED = ("area_m2", "centre_lon", "centre_lat", "length_m")


def derived_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` its geometry gives, as the plan's schema names them; none
    for a table without geometry or that is not the plan's (a county's own layer)."""
    plan = schema.BY_NAME.get(table)
    if plan is None or not plan.geometry_type:
        return ()
    return tuple(c for c in DERIVED if c in plan.column_names)


def polygons(code, body) -> list:
    """The polygons (each its rings) of a parsed WKB (:func:`geometry.parse_wkb`), each with
    an outer ring: none for a shape of no polygon."""
    polys = [body] if code == geometry.WKB_POLYGON else (
        [part[1] for part in body] if code == geometry.WKB_MULTIPOLYGON else [])
    return [rings for rings in polys if rings and rings[0]]


def crossing(wkb: bytes) -> tuple[float, float] | None:
    """Where a polygon of the shape (WKB) crosses itself, a bow-tie, or its rings cross each
    other, or None: its lobes' areas would cancel, and its centre fly off."""
    from ..importer.checks import self_intersection  # (the importer reads this module)

    return next((hit for rings in polygons(*geometry.parse_wkb(wkb))
                 for hit in [self_intersection(rings)] if hit is not None), None)


def derived_values(wkb: bytes | None, columns) -> dict:
    """What a plan feature derives from its geometry (WKB in EPSG:4490) among ``columns``:
    a polygon's area rounded to the cm² and its centre to the 1e-6 degree, a line's
    ellipsoidal length to the cm; what a feature has no geometry for (none at all, or none
    of that kind) is None."""
    out = dict.fromkeys(c for c in DERIVED if c in columns)
    code, body = geometry.parse_wkb(wkb) if wkb else (None, [])
    polys = polygons(code, body)
    lines = [body] if code == geometry.WKB_LINESTRING else (
        [part[1] for part in body] if code == geometry.WKB_MULTILINESTRING else [])
    lines = [line for line in lines if len(line) > 1]
    if polys and "area_m2" in out:
        out["area_m2"] = round(geometry.wkb_area(wkb), 2)  # type: ignore[arg-type]
    if polys and ("centre_lon" in out or "centre_lat" in out):
        lon, lat = geometry.centroid(polys)
        out.update({k: round(v, 6) for k, v in (("centre_lon", lon), ("centre_lat", lat))
                    if k in out})
    if lines and "length_m" in out:
        out["length_m"] = round(sum(map(geometry.line_length, lines)), 2)
    return out


__all__ = ["DERIVED", "crossing", "derived_columns", "derived_values", "polygons"]
