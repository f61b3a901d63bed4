# SPDX-License-Identifier: GPL-2.0-or-later
"""The spatial index of a layer the toolkit adds to a GeoPackage (a package's new layer
merged into the master, a master's layer pulled into a package), as GDAL builds one: the
GeoPackage R-tree extension (``rtree_<table>_<geometry>``, registered in
``gpkg_extensions``) kept by the triggers the extension defines. Without it QGIS reads the
whole layer for every redraw. The triggers call ST_MinX and friends, which GDAL, QGIS and
:func:`field_kit.db.connect` provide."""

from __future__ import annotations

import sqlite3

from ..db import quote, table_exists
from .registry import geometry_column

EXTENSION = "gpkg_rtree_index"
DEFINITION = "http://www.geopackage.org/spec120/#extension_rtree"
EXTENSIONS_SQL = ("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name "
                  "TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT "
                  "NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
                  "extension_name))")


def _triggers(t: str, g: str, key: str, index: str) -> list[tuple[str, str]]:
    """(suffix, body) of the extension's triggers, in its own words, for table ``t``,
    geometry ``g``, key ``key`` and index ``index`` (all quoted)."""
    box = f"VALUES (NEW.{key}, ST_MinX(NEW.{g}), ST_MaxX(NEW.{g}), ST_MinY(NEW.{g}), " \
          f"ST_MaxY(NEW.{g}))"
    has = f"(NEW.{g} NOTNULL AND NOT ST_IsEmpty(NEW.{g}))"
    lacks = f"(NEW.{g} ISNULL OR ST_IsEmpty(NEW.{g}))"
    return [
        ("insert", f"AFTER INSERT ON {t} WHEN {has} BEGIN INSERT OR REPLACE INTO {index} {box}; "
                   "END"),
        ("update1", f"AFTER UPDATE OF {g} ON {t} WHEN OLD.{key} = NEW.{key} AND {has} BEGIN "
                    f"INSERT OR REPLACE INTO {index} {box}; END"),
        ("update2", f"AFTER UPDATE OF {g} ON {t} WHEN OLD.{key} = NEW.{key} AND {lacks} BEGIN "
                    f"DELETE FROM {index} WHERE id = OLD.{key}; END"),
        ("update3", f"AFTER UPDATE ON {t} WHEN OLD.{key} != NEW.{key} AND {has} BEGIN DELETE "
                    f"FROM {index} WHERE id = OLD.{key}; INSERT OR REPLACE INTO {index} {box}; "
                    "END"),
        ("update4", f"AFTER UPDATE ON {t} WHEN OLD.{key} != NEW.{key} AND {lacks} BEGIN DELETE "
                    f"FROM {index} WHERE id IN (OLD.{key}, NEW.{key}); END"),
        ("delete", f"AFTER DELETE ON {t} WHEN OLD.{g} NOT NULL BEGIN DELETE FROM {index} "
                   f"WHERE id = OLD.{key}; END"),
    ]


def build(conn: sqlite3.Connection, table: str) -> bool:
    """Give ``table`` its spatial index, filled from the rows it holds, unless it has no
    geometry column or has one already. Inside the caller's transaction. True if built."""
    geom = geometry_column(conn, table)
    if geom is None:
        return False
    name = f"rtree_{table}_{geom}"
    if table_exists(conn, name):
        return False
    key = next(r[1] for r in conn.execute(f"PRAGMA table_info({quote(table)})") if r[5])
    t, g, k, index = quote(table), quote(geom), quote(key), quote(name)
    conn.execute(f"CREATE VIRTUAL TABLE {index} USING rtree(id, minx, maxx, miny, maxy)")
    conn.execute(f"INSERT INTO {index} SELECT {k}, ST_MinX({g}), ST_MaxX({g}), ST_MinY({g}), "
                 f"ST_MaxY({g}) FROM {t} WHERE {g} NOTNULL AND NOT ST_IsEmpty({g})")
    for suffix, body in _triggers(t, g, k, index):
        conn.execute(f"CREATE TRIGGER {quote(f'{name}_{suffix}')} {body}")
    conn.execute(EXTENSIONS_SQL)
    conn.execute("INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, "
                 "extension_name, definition, scope) VALUES (?, ?, ?, ?, 'write-only')",
                 (table, geom, EXTENSION, DEFINITION))
    return True


# the geometry types a GeoPackage holds only by its extension, declared per layer
CURVED_TYPES = ("CIRCULARSTRING", "COMPOUNDCURVE", "CURVEPOLYGON", "MULTICURVE",
                "MULTISURFACE", "CURVE", "SURFACE")
GEOMETRY_TYPES_DEFINITION = "http://www.geopackage.org/spec120/#extension_geometry_types"


def declare_geometry_type(conn: sqlite3.Connection, table: str) -> None:
    """Register the geometry types extension (``gpkg_geom_CURVEPOLYGON``…) for a layer of
    curves the toolkit adds, as GDAL does: without it the file is no valid GeoPackage.
    Inside the caller's transaction; nothing for a layer of points, lines or polygons."""
    got = conn.execute("SELECT column_name, upper(geometry_type_name) FROM "
                       "gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
    if got is None or got[1] not in CURVED_TYPES:
        return
    conn.execute(EXTENSIONS_SQL)
    conn.execute("INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, "
                 "extension_name, definition, scope) VALUES (?, ?, ?, ?, 'read-write')",
                 (table, got[0], f"gpkg_geom_{got[1]}", GEOMETRY_TYPES_DEFINITION))


def note_extent(conn: sqlite3.Connection, table: str) -> None:
    """Write ``table``'s extent in ``gpkg_contents``, from its geometries (a layer added
    empty, then filled, as a merge adds one)."""
    geom = geometry_column(conn, table)
    if geom is None:
        return
    g = quote(geom)
    conn.execute(f"UPDATE gpkg_contents SET (min_x, max_x, min_y, max_y) = (SELECT "
                 f"min(ST_MinX({g})), max(ST_MaxX({g})), min(ST_MinY({g})), max(ST_MaxY({g})) "
                 f"FROM {quote(table)} WHERE {g} NOTNULL AND NOT ST_IsEmpty({g})) "
                 "WHERE table_name = ?", (table,))


__all__ = ["build", "note_extent"]
