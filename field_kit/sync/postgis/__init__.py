# SPDX-License-Identifier: GPL-2.0-or-later
"""A master kept in PostgreSQL/PostGIS, for a province: many GIS staff and supervisors at once.

The sync core is written once, over SQLite (:mod:`field_kit.sync`). This backend gives it a
*stage*: a GeoPackage master holding the part of the PostgreSQL master a command needs (for a
merge, only the rows its packages touch, locked while it runs), runs the command on it, and
writes what the command changed back to PostgreSQL in the same transaction. Edits made in the
database itself (QGIS on the PostGIS layers, psql) are captured by triggers into the same
change log. psycopg2 is needed here only; the GeoPackage path needs nothing beyond Python.
"""
