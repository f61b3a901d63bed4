# SPDX-License-Identifier: GPL-2.0-or-later
"""Dates and times a field package holds that QGIS does not show as they are.

A PostgreSQL master's ``date``, ``timestamp`` and ``timestamptz`` travel as the text the
database prints (``infinity``, a year BC or past 9999, microseconds), which the package's
DATE and DATETIME columns hold unchanged. GDAL reads no date in ``infinity`` or a year it
cannot hold: QGIS shows the field empty, and GDAL refuses to save an edit of any other field
of its feature; a checkout names every such value (:func:`said`)."""

from __future__ import annotations

import datetime
import sqlite3

from ..db import quote
from . import registry

_NAMED = 20  # values named for a column, at the most


def _read(value: str) -> datetime.datetime | None:
    """``value`` (DATETIME text) as a time, or None where it holds none Python reads."""
    try:
        return datetime.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z")
                                               else value)
    except ValueError:
        return None


def _unread(decl: str, value: str) -> bool:
    """Whether GDAL, and so QGIS, reads no date in ``value`` of a ``decl`` (DATE,
    DATETIME) column."""
    if decl == "DATETIME":
        return _read(value) is None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return True
    return False


def said(conn: sqlite3.Connection) -> list[str]:
    """A line for each DATE or DATETIME column of the tracked tables of the package
    ``conn`` holding values QGIS shows empty, naming the values and their rows."""
    out = []
    for t in registry.tracked(conn):
        for col, decl in t.columns:
            decl = (decl or "").upper()
            if decl not in ("DATE", "DATETIME"):
                continue
            found = [f"'{value}' (row {row})" for row, value in conn.execute(
                f"SELECT uuid, {quote(col)} FROM {quote(t.name)} WHERE typeof({quote(col)}) = "
                "'text' ORDER BY uuid") if _unread(decl, value)][:_NAMED]
            if found:
                out.append(f"{t.name}.{col} holds {', '.join(found)}, in which GDAL and QGIS "
                           f"read no {decl.lower()}: QGIS shows such a value empty, and an edit "
                           "of another field of its feature cannot be saved; change it in the "
                           "master, then pull")
    return out
