# SPDX-License-Identifier: GPL-2.0-or-later
"""A package's open conflicts on a field of an edit the master refused that a pull does not
send again, the master having renamed or dropped the field's column since: the package's
value can never reach the master (a merge refuses every edit of the column), so nothing is
left to settle. The pull closes them (:data:`~field_kit.sync.conflicts.REFUSED_IN_MASTER`)
and says what the master holds instead, in the column's new name."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from ..db import file_columns, table_exists
from . import changelog, column_edits, registry
from .conflicts import REFUSED_IN_MASTER
from .refused import row_values


class Closed(NamedTuple):
    """A conflict closed so: its id, row and field, the column's name in the master now
    (None: dropped) and the value it holds there."""
    id: int
    table: str
    row: str
    field: str
    renamed_to: str | None
    holds: object


def close(src: sqlite3.Connection, conn: sqlite3.Connection, not_sent: list[tuple],
          master: str) -> list[Closed]:
    """Close the package ``conn``'s open conflicts on the fields of ``not_sent`` (table, row,
    op, fields, …: the refused edits a pull gave up or did not send again) whose column the
    master ``src`` no longer has (inside the pull's transaction)."""
    gone = column_edits.gone(src)
    tables = registry.by_name(conn)
    out = []
    for tbl, row, op, fields, *_ in not_sent:
        if op != "update" or tbl not in tables or not table_exists(src, tbl):
            continue
        there = set(file_columns(src, tbl))
        for fld in fields:
            if fld in there:
                continue  # (a value the master holds: settled as any other)
            to = gone.get(tbl, {}).get(fld, {}).get("renamed_to")
            to = to if to in there else None
            held = row_values(src, tables[tbl], row, [to]) if to else None
            for (cid,) in conn.execute(
                    "SELECT id FROM sync_conflicts WHERE status = 'open' AND tbl = ? AND "
                    "row_uuid = ? AND field = ?", (tbl, row, fld)).fetchall():
                conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                             "resolved_at = ?, resolved_by = ? WHERE id = ?",
                             (REFUSED_IN_MASTER, changelog.now(), master, cid))
                out.append(Closed(cid, tbl, row, fld, to, (held or {}).get(to)))
    return out
