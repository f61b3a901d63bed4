# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan layers' figures a field package holds as ±Infinity from the master ('Infinity'
typed in psql, 1e400 written by the sqlite3 shell or a script): a merge refuses them from a
package and no report counts them, yet a checkout or a pull carries them as the master holds
them (the package is the master's copy), naming each by its record and field."""

from __future__ import annotations

import math
import os
import sqlite3

from ..db import file_columns, quote, table_exists
from ..plan import schema
from ..plan.values import names_in, row_names

LARGEST_REAL = 1.7976931348623157e308  # past it, a stored REAL is ±Infinity
SHOWN = 5  # figures named in the line; the rest counted
# what each command asks once the master holds a number in their place
_THEN = {"pull": "pull again", "checkout": "pull"}


def infinite(value) -> bool:
    """±Infinity (or NaN) as SQLite and JSON give a REAL."""
    return type(value) is float and not math.isfinite(value)


def written(conn: sqlite3.Connection, changes: list[dict]) -> list[tuple]:
    """(table, row, field, value) of the plan layers' figures ``changes`` wrote as
    ±Infinity that the package holds now (a value of the package's kept in a conflict is
    not)."""
    wrote: dict[tuple[str, str], set[str]] = {}
    for c in changes:
        if c["table"] in schema.BY_NAME and c["new"]:
            wrote.setdefault((c["table"], c["row"]), set()).update(
                col for col, v in c["new"].items() if infinite(v))
    out = []
    for (tbl, row), cols in wrote.items():
        cols = cols & set(file_columns(conn, tbl))
        if not cols:
            continue
        got = conn.execute(f"SELECT {', '.join(quote(c) for c in sorted(cols))} FROM "
                           f"{quote(tbl)} WHERE uuid = ?", (row,)).fetchone()
        out += [(tbl, row, col, v) for col, v in zip(sorted(cols), got or ()) if infinite(v)]
    return out


def held(conn: sqlite3.Connection) -> list[tuple]:
    """(table, row, field, value) of every plan layer's figure ``conn`` holds as ±Infinity
    (what a checkout carried), in the plan's order of its layers and each layer's records."""
    out = []
    for tbl in schema.BY_NAME:
        if not table_exists(conn, tbl):
            continue
        cols = [c for c in file_columns(conn, tbl) if c != "uuid"]
        # (SQLite picks the rows; :func:`infinite` says which of their figures are)
        where = " OR ".join(f"typeof({quote(c)}) = 'real' AND abs({quote(c)}) > "
                            f"{LARGEST_REAL!r}" for c in cols)
        for row, *values in conn.execute(
                f"SELECT uuid, {', '.join(quote(c) for c in cols)} FROM {quote(tbl)} "
                f"WHERE {where} ORDER BY rowid"):
            out += [(tbl, row, col, v) for col, v in zip(cols, values) if infinite(v)]
    return out


def said(package: str | os.PathLike | sqlite3.Connection, found: list[tuple],
         done: str = "pull") -> list[str]:
    """The line naming the figures ``found`` (:func:`written`, :func:`held`) that ``done``
    (the pull, the checkout) brought into ``package`` (its file, or a connection to it while
    it is written), each by its record (as the reports name those they cannot count); none
    where there are none."""
    if not found:
        return []
    shown = [(t, r) for t, r, *_ in found[:SHOWN]]
    names: dict = (names_in(package, shown) if isinstance(package, sqlite3.Connection)
                   else row_names(package, shown))
    figures = [f"{t} {names.get((t, r)) or r}: {col} holds {v!r}"
               for t, r, col, v in found[:SHOWN]]
    more = len(found) - SHOWN
    return [f"the {done} brought figures no report can count or check, as the master holds "
            f"them: {'; '.join(figures)}" + (f" and {more} more" if more > 0 else "")
            + f"; write each as a number (or empty) in the master, then {_THEN[done]}"]
