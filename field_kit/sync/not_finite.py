# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan layers' figures a field package holds as ±Infinity from the master ('Infinity'
typed in psql, 1e400 written by the sqlite3 shell or a script): a merge refuses them from a
package and no report counts them, yet a pull brings them as the master holds them (the
package is the master's copy), naming each by its record and field."""

from __future__ import annotations

import math
import os
import sqlite3

from ..db import file_columns, quote
from ..plan import schema
from ..plan.values import row_names

SHOWN = 5  # figures named in the line; the rest counted


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


def said(package: str | os.PathLike, found: list[tuple]) -> list[str]:
    """The line naming the figures ``found`` (:func:`written`) that the pull brought into
    ``package``, each by its record (as the reports name those they cannot count); none
    where there are none."""
    if not found:
        return []
    names = row_names(package, [(t, r) for t, r, *_ in found[:SHOWN]])
    figures = [f"{t} {names.get((t, r)) or r}: {col} holds {v!r}"
               for t, r, col, v in found[:SHOWN]]
    more = len(found) - SHOWN
    return [f"the pull brought figures no report can count or check, as the master holds "
            f"them: {'; '.join(figures)}" + (f" and {more} more" if more > 0 else "")
            + "; write each as a number (or empty) in the master, then pull again"]
