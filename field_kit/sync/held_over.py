# SPDX-License-Identifier: GPL-2.0-or-later
"""What a field package still holds, after a pull, of a layer or a column the master no
longer has (dropped there, or the column renamed): a pull removes none of it, for nothing
held on a device is lost by a pull, and says so, with what to do.

A layer the master dropped keeps its rows in the package as they were; no pull brings or
removes them, and a merge refuses the package's edits of it, named. A column the master
dropped or renamed keeps its values beside the master's columns (a renamed one beside its
new name, which the pull brings); a merge refuses edits of it, named."""

from __future__ import annotations

import sqlite3

from ..bilingual import counted
from ..db import file_columns, quote, table_exists
from . import column_edits, registry, waiting_edits


def layers(src, conn: sqlite3.Connection) -> list[str]:
    """A line a layer the master ``src`` dropped that the package ``conn`` still holds: its
    rows kept, and those of its features edited since the last export, which a merge
    refuses."""
    out = []
    held = sorted(tbl for tbl in registry.dropped(src) if table_exists(conn, tbl))
    refused = waiting_edits.on_dropped_layers(conn) if held else {}
    for tbl in held:
        n = conn.execute(f"SELECT count(*) FROM {quote(tbl)}").fetchone()[0]
        out.append(f"{tbl} is still in this package with its {counted(n, 'row')} as "
                   f"{'it was' if n == 1 else 'they were'}: a pull neither brings nor removes "
                   "a layer dropped from the master, so nothing "
                   "held of it here is lost; keep what is still wanted elsewhere (a copy of "
                   "the layer), then delete the layer from the package")
        out += waiting_edits.refused_said({tbl: refused[tbl]} if tbl in refused else {})
    return out


def columns(src, conn: sqlite3.Connection) -> list[str]:
    """A line a column the master ``src`` dropped or renamed that the package ``conn`` still
    holds: its values kept there, and what a merge does with edits of it."""
    out = []
    for tbl, gone in sorted(column_edits.gone(src).items()):
        if not table_exists(conn, tbl) or not table_exists(src, tbl):
            continue
        here, there = set(file_columns(conn, tbl)), set(file_columns(src, tbl))
        for col, was in sorted(gone.items()):
            if col not in here or col in there:
                continue
            when = f" on {was['at'][:10]}"
            new = was.get("renamed_to")
            if new:
                out.append(f"column {col} of {tbl} was renamed {new} in the master{when}: this "
                           f"package keeps {col} beside {new}, its values as they were; a "
                           f"merge refuses an edit of {col}: make it in {new}")
            else:
                out.append(f"column {col} of {tbl} was dropped from the master{when}: this "
                           f"package keeps it, its values as they were; a merge refuses an "
                           "edit of it")
    return out
