# SPDX-License-Identifier: GPL-2.0-or-later
"""What a plan feature derives from its geometry: its ellipsoidal area and its centre.

One piece of code for every place that writes a plan geometry: the QGIS plugin on each save
of a geometry edited in QGIS, and the sync core where it writes one itself (a conflict
settled, a merge, an undo, a pull). Both work on the geometry in longitude and latitude
(EPSG:4490, or EPSG:4326 taken as it); a geometry in another coordinate system is brought
there first (QGIS) or left with the values it has, and said (the core, which has no
transformation).
"""

from __future__ import annotations

from . import geometry, schema

DERIVED = ("area_m2", "centre_lon", "centre_lat")


def derived_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` its geometry gives, as the plan's schema names them; none
    for a table without geometry or that is not the plan's (a county's own layer)."""
    plan = schema.BY_NAME.get(table)
    if plan is None or not plan.geometry_type:
        return ()
    return tuple(c for c in DERIVED if c in plan.column_names)


def derived_values(wkb: bytes | None, columns) -> dict:
    """What a plan feature derives from its geometry (WKB in EPSG:4490) among ``columns``:
    the area rounded to the cm², the centre to the 1e-6 degree; a feature with no geometry
    (None), or none with a polygon, has neither (None)."""
    columns = [c for c in DERIVED if c in columns]
    code, body = geometry.parse_wkb(wkb) if wkb else (None, [])
    polys = [body] if code == geometry.WKB_POLYGON else (
        [part[1] for part in body] if code == geometry.WKB_MULTIPOLYGON else [])
    polys = [rings for rings in polys if rings and rings[0]]
    if not polys:
        return dict.fromkeys(columns)
    out: dict = {}
    if "area_m2" in columns:
        out["area_m2"] = round(geometry.wkb_area(wkb), 2)  # type: ignore[arg-type]
    if "centre_lon" in columns or "centre_lat" in columns:
        lon, lat = geometry.centroid(polys)
        out.update({k: round(v, 6) for k, v in (("centre_lon", lon), ("centre_lat", lat))
                    if k in columns})
    return out


__all__ = ["DERIVED", "derived_columns", "derived_values"]
