# SPDX-License-Identifier: GPL-2.0-or-later
"""Settings a package carries for the field app and the QField path (set by GIS staff in
the master, copied into each package at checkout): the ``field_kit_settings`` table of key
and value, not tracked by the change log. Missing keys (or no table) give the defaults."""

from __future__ import annotations

import sqlite3

from ..db import transaction

DDL = "CREATE TABLE IF NOT EXISTS field_kit_settings (key TEXT PRIMARY KEY, value TEXT)"

DEFAULTS = {
    "photo_long_edge_px": 2560,  # larger photos are stored at this long edge
    "position_warn_accuracy_m": 10.0,  # a position less accurate than this is warned about
    "position_average_fixes": 10,  # fixes the "average" button takes
}


def get(conn: sqlite3.Connection, key: str):
    """The package's value of ``key`` (as the default's type), else the default."""
    default = DEFAULTS[key]
    try:
        row = conn.execute("SELECT value FROM field_kit_settings WHERE key = ?",
                           (key,)).fetchone()
    except sqlite3.Error:
        return default
    try:
        return type(default)(row[0]) if row and row[0] is not None else default
    except (TypeError, ValueError):
        return default


def put(conn: sqlite3.Connection, key: str, value) -> None:
    with transaction(conn, join=True):
        conn.execute(DDL)
        conn.execute("INSERT OR REPLACE INTO field_kit_settings (key, value) VALUES (?, ?)",
                     (key, str(value)))
