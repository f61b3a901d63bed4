# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer's geometry is one thing, whatever its column is named in each file.

A layer rewritten in the master (``ogr2ogr -overwrite``: GDAL's PostgreSQL driver names it
``wkb_geometry``, ``-lco GEOMETRY_NAME=`` anything) holds its shapes under another name than
a field package checked out before does. The package keeps its own column: a pull puts the
master's shapes into it (never the master's column beside it, an ordinary one there), and a
merge takes the package's shapes into the master's column.
"""

from __future__ import annotations

import sqlite3

from ..db import table_exists
from . import registry


def otherwise(master: sqlite3.Connection, conn: sqlite3.Connection
              ) -> dict[str, tuple[str, str]]:
    """table -> (the master's geometry column, the package's) of the layers both track with
    a geometry column named otherwise in each (the package's no column of the master's)."""
    here = registry.by_name(conn)
    out = {}
    for t in registry.tracked(master):
        mine = here.get(t.name)
        if t.geom and mine is not None and mine.geom and mine.geom != t.geom and \
                mine.geom not in t.column_names:
            out[t.name] = (t.geom, mine.geom)
    return out


def _srs(conn: sqlite3.Connection, tbl: str) -> tuple | None:
    if not table_exists(conn, "gpkg_geometry_columns"):
        return None
    return conn.execute(
        "SELECT g.srs_id, s.srs_name, upper(s.organization), s.organization_coordsys_id "
        "FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s USING (srs_id) "
        "WHERE g.table_name = ?", (tbl,)).fetchone()


def _named(srs: tuple | None) -> str:
    if srs is None:
        return "no spatial reference"
    srs_id, name, org, code = srs
    by_code = f"{org}:{code}" if org and code is not None else f"srs_id {srs_id}"
    return f"{by_code} ({name})" if name else by_code


def other_srs(master: sqlite3.Connection, conn: sqlite3.Connection, tbl: str) -> str | None:
    """Where the two files hold ``tbl``'s shapes in another spatial reference, both by name
    (the master's, then the package's); None where it is the same."""
    there, here = _srs(master, tbl), _srs(conn, tbl)
    if there is not None and here is not None and there[0] == here[0] and \
            (there[2], there[3]) == (here[2], here[3]):
        return None
    return f"the master holds them in {_named(there)}, this package in {_named(here)}"


def renamed_said(tbl: str, was: str, now: str) -> str:
    """What repair says of a layer's geometry column found under another name."""
    return (f"{tbl}: its geometry column {was} is named {now} now, as the master holds it: "
            f"field packages checked out before keep theirs as {was}; their pull brings the "
            f"master's shapes into it, and their edits of shapes go to {now}")


def renamed(values: dict | None, there: str, here: str | None) -> dict | None:
    """A change's values (old or new) with the field ``there`` named ``here`` (None:
    without it)."""
    if not values or there not in values:
        return values
    return {(here if f == there else f): v for f, v in values.items() if f != there or here}


__all__ = ["other_srs", "otherwise", "renamed", "renamed_said"]
