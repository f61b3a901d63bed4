# SPDX-License-Identifier: GPL-2.0-or-later
"""What GDAL, and so QGIS's Browser and its Add Layer dialog, lists of a GeoPackage.

GDAL lists the layers ``gpkg_contents`` registers and, in a file that registers no attribute
table (a county's file of feature layers alone), every other table too: there the sync's own
tables (``sync_changes``, ``sync_capture``…) stood beside the county's layers, as if they
were data to open and edit. GDAL's own extension ``gdal_aspatial`` says that the file
registers its attribute tables, so that GDAL lists the registered ones alone, as it already
does in a file that registers one. GDAL's validator accepts it.

The extension is written only where no table of the user's own is left unregistered: GDAL
could then no longer open such a table by name, and QGIS would no longer show it.
"""

from __future__ import annotations

import sqlite3

from ..db import table_exists
from .registry import APP_TABLES, unlisted
from .spatial_index import EXTENSIONS_SQL

EXTENSION = "gdal_aspatial"
DEFINITION = "http://gdal.org/geopackage_aspatial.html"
# tables of no use to open through GDAL, which its listing may leave out
_NOT_LAYERS = frozenset(APP_TABLES) | {"attachments", "qgis_projects"}


def lists_unregistered(conn: sqlite3.Connection) -> bool:
    """Whether GDAL lists this file's tables that ``gpkg_contents`` does not register."""
    if not table_exists(conn, "gpkg_contents"):
        return False
    if table_exists(conn, "gpkg_extensions") and conn.execute(
            "SELECT 1 FROM gpkg_extensions WHERE extension_name = ?", (EXTENSION,)).fetchone():
        return False
    return conn.execute("SELECT 1 FROM gpkg_contents WHERE data_type = 'attributes'"
                        ).fetchone() is None


def hide_sync_tables(conn: sqlite3.Connection) -> bool:
    """Write ``gdal_aspatial`` where GDAL lists unregistered tables and every such table is
    the toolkit's own; True if written."""
    if not lists_unregistered(conn):
        return False
    # (layer_styles unregistered: QGIS reads its styles by that name, through GDAL)
    shown = set(unlisted(conn)) - _NOT_LAYERS
    if shown or (table_exists(conn, "layer_styles") and not conn.execute(
            "SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone()):
        return False
    conn.execute(EXTENSIONS_SQL)
    conn.execute("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, "
                 "definition, scope) VALUES (NULL, NULL, ?, ?, 'read-write')",
                 (EXTENSION, DEFINITION))
    return True


__all__ = ["hide_sync_tables", "lists_unregistered"]
