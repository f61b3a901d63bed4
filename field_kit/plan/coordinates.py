# SPDX-License-Identifier: GPL-2.0-or-later
"""Which coordinate system a GeoPackage layer is in, and whether the toolkit can read it as
the plan's longitude and latitude.

Every part of the toolkit (field checks, areas, progress, a package cut to a box, the
importer, the field app) reads the plan's layers as longitude/latitude in CGCS2000
(EPSG:4490). WGS 84 (EPSG:4326) is taken as CGCS2000: the two frames differ by a few
centimetres. Any other coordinate system (a Gauss-Krüger zone in metres, an undefined one)
is not the plan's: a master whose plan layers are in one is refused (``unfit_plan_layers``),
while a county's own layers may be in any.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import BadInput
from . import schema

# geographic coordinate systems in degrees the toolkit reads as the plan's: EPSG code -> name
IN_DEGREES = {schema.CRS_EPSG: "CGCS2000", 4326: "WGS 84"}

FIX = (f"bring them to EPSG:{schema.CRS_EPSG} first, e.g. ogr2ogr -t_srs "
       f"EPSG:{schema.CRS_EPSG} fixed.gpkg master.gpkg")


@dataclass(frozen=True)
class LayerCRS:
    """A layer's coordinate system as its GeoPackage states it."""

    table: str
    srs_id: int
    organization: str  # EPSG, NONE, ...
    code: int | None  # the organisation's code for it
    name: str

    @property
    def in_degrees(self) -> bool:
        """Whether its coordinates are read as the plan's longitude and latitude."""
        return self.organization.upper() == "EPSG" and self.code in IN_DEGREES

    @property
    def label(self) -> str:
        """e.g. ``EPSG:4517 (CGCS2000 / 3-degree Gauss-Kruger zone 29)``, or
        ``no coordinate system (srs_id 0)``."""
        if self.srs_id in (0, -1):
            return f"no coordinate system (srs_id {self.srs_id}: {self.name or 'undefined'})"
        if self.organization.upper() == "NONE":  # defined in the file alone, by its WKT
            return (f"a coordinate system of the file's own (srs_id {self.srs_id}: "
                    f"{self.name or 'unnamed'}), not longitude/latitude")
        org = f"{self.organization}:{self.code}" if self.code is not None else \
            f"srs_id {self.srs_id}"
        return f"{org} ({self.name})" if self.name else org


def layer_crs(conn: sqlite3.Connection, table: str | None = None) -> dict[str, LayerCRS]:
    """table -> its coordinate system, for each layer with geometry (or just ``table``);
    {} in a file that is not a GeoPackage."""
    try:
        rows = conn.execute(
            "SELECT g.table_name, g.srs_id, s.organization, s.organization_coordsys_id, "
            "s.srs_name FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s "
            "USING (srs_id)" + (" WHERE g.table_name = ?" if table else ""),
            (table,) if table else ()).fetchall()
    except sqlite3.OperationalError:
        return {}
    return {t: LayerCRS(t, int(srs), org or "NONE", code if org else None, name or "")
            for t, srs, org, code, name in rows}


def in_degrees(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table``'s geometry is read as longitude and latitude (False: no geometry,
    or another coordinate system)."""
    got = layer_crs(conn, table).get(table)
    return got is not None and got.in_degrees


def unfit_plan_layers(conn: sqlite3.Connection,
                      tables: tuple[str, ...] | None = None) -> list[LayerCRS]:
    """The plan's layers with geometry (or those of ``tables``) whose coordinate system is
    not read as longitude and latitude."""
    plan = [t.name for t in schema.TABLES if t.geometry_type and
            (tables is None or t.name in tables)]
    found = layer_crs(conn)
    return [found[t] for t in plan if t in found and not found[t].in_degrees]


def unfit_said(unfit: list[LayerCRS]) -> str:
    """The layers ``unfit`` names, each with its coordinate system."""
    return "; ".join(f"{', '.join(ts)} {'is' if len(ts) == 1 else 'are'} in {label}"
                     for label, ts in by_system(unfit).items())


def by_system(layers: list[LayerCRS]) -> dict[str, list[str]]:
    """The tables of ``layers`` by the label of their coordinate system."""
    out: dict[str, list[str]] = {}
    for c in layers:
        out.setdefault(c.label, []).append(c.table)
    return out


def refuse_unfit(conn: sqlite3.Connection) -> None:
    """Refuse a master whose plan layers are not in longitude and latitude, naming each with
    its coordinate system and the fix."""
    unfit = unfit_plan_layers(conn)
    if unfit:
        raise BadInput(
            "the plan's layers must be in longitude/latitude "
            f"(EPSG:{schema.CRS_EPSG}, or EPSG:4326), as every part of the toolkit reads "
            f"them; {unfit_said(unfit)}: {FIX} (a county's own layers may stay in any "
            "coordinate system)")


__all__ = ["FIX", "IN_DEGREES", "LayerCRS", "by_system", "in_degrees", "layer_crs", "refuse_unfit",
           "unfit_plan_layers", "unfit_said"]
