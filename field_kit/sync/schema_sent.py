# SPDX-License-Identifier: GPL-2.0-or-later
"""What the master knows of a field package's tables and columns (``sync_schema_sent``):
those it had at checkout, and those it has had from the package since (an export carried
them, a pull brought them). What the package holds beyond them it added itself."""

from __future__ import annotations

import json
import sqlite3

from ..db import file_columns, table_exists
from . import registry

DDL = ("CREATE TABLE IF NOT EXISTS sync_schema_sent (tbl TEXT PRIMARY KEY, columns TEXT "
       "NOT NULL, at_checkout TEXT) WITHOUT ROWID")


def mark(conn: sqlite3.Connection, *, checkout: bool = False) -> None:
    """Record the tables and columns the master knows of now (at checkout, at export)."""
    conn.execute(DDL)
    for t in registry.tracked(conn):
        cols = json.dumps(t.column_names)
        conn.execute("INSERT INTO sync_schema_sent (tbl, columns, at_checkout) VALUES (?, ?, ?) "
                     "ON CONFLICT (tbl) DO UPDATE SET columns = excluded.columns",
                     (t.name, cols, cols if checkout else None))


def known(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[str] | None]]:
    """table -> (the columns the master knows of, those it had at checkout or None for a
    table the package added); empty for a package from before its schema was recorded."""
    if not table_exists(conn, "sync_schema_sent"):
        return {}
    return {t: (json.loads(c), json.loads(a) if a else None) for t, c, a in conn.execute(
        "SELECT tbl, columns, at_checkout FROM sync_schema_sent")}


def own_columns(conn: sqlite3.Connection) -> dict[str, set[str] | None]:
    """table -> the columns a field package added itself (not the master's at checkout,
    nor brought by a pull), or None for a table it added whole."""
    at = {t: had for t, (_, had) in known(conn).items()}
    if not at:
        return {}
    out: dict[str, set[str] | None] = {}
    for t in registry.tracked(conn):
        had = at.get(t.name)
        if had is None:
            out[t.name] = None
        elif mine := set(file_columns(conn, t.name)) - set(had) - {registry.KEY}:
            out[t.name] = mine
    return out


def own(conn: sqlite3.Connection, tbl: str, col: str) -> bool:
    """Whether ``col`` of ``tbl`` is a column the field package added itself (the master
    had no such column at checkout, and no pull brought it), whether it holds it still or
    not (renamed since)."""
    had = known(conn).get(tbl, ([], None))[1]
    return had is not None and col not in had


def lacking(master: sqlite3.Connection, conn: sqlite3.Connection) -> dict[str, set[str]]:
    """table -> the columns the field package ``conn`` added itself to a table of the
    master's that the master ``master`` does not have (yet): the merge refuses every edit
    that fills one, and no mend in the package gets it in."""
    out = {}
    for tbl, cols in own_columns(conn).items():
        if cols and table_exists(master, tbl):
            there = {c.lower() for c in file_columns(master, tbl)}
            if mine := {c for c in cols if c.lower() not in there}:
                out[tbl] = mine
    return out


def from_master(conn: sqlite3.Connection, tbl: str, cols: list[str]) -> None:
    """Record a table or columns a pull brought as the master's: never a schema change of
    the package's own, to export or to be refused for."""
    conn.execute(DDL)
    got = conn.execute("SELECT columns, at_checkout FROM sync_schema_sent WHERE tbl = ?",
                       (tbl,)).fetchone() or (None, None)
    was = [json.loads(x) if x else [] for x in got]
    conn.execute("INSERT OR REPLACE INTO sync_schema_sent (tbl, columns, at_checkout) VALUES "
                 "(?, ?, ?)", (tbl, *(json.dumps(k + [c for c in cols if c not in k])
                                     for k in was)))


__all__ = ["DDL", "from_master", "known", "lacking", "mark", "own", "own_columns"]
