# SPDX-License-Identifier: GPL-2.0-or-later
"""A decision refused over a later edit: where the master's value changed since a conflict
was recorded (GIS staff's edit, psql, a later merge), the decision would write over a value
the supervisor never saw; every such conflict of the call is named (the first ten) and none
is settled."""

from __future__ import annotations

import sqlite3

from ..errors import LaterEdit
from ..plan.values import deleted_values, names_in
from .conflict_reads import Reads
from .conflicts import Conflict
from .conflicts_now import as_now

LATER_EDITS_NAMED = 10  # of a refusal's conflicts changed since, those named


def refuse_later_edits(conn: sqlite3.Connection, settling: list[Conflict]) -> None:
    """Refuse, naming the first ten, the conflicts whose value the master changed since they
    were recorded: the decision would write over a value the supervisor never saw. All of
    them at once, settling none (raised inside the caller's transaction)."""
    reads = Reads(conn)
    reads.read_for(settling)
    tables = reads.tables
    changed = [now for now in (as_now(reads, tables[c.tbl], c) for c in settling
                               if c.tbl in tables) if now.changed_since is not None]
    if not changed:
        return
    # the first few named, the rest counted: a package's hundreds named one by one were a
    # line too long to read, what to do next said only at its end
    named = changed[:LATER_EDITS_NAMED]
    # a row by its patch, project or record (the one deleted since by its values then: a
    # field's row by those its delete logged)
    gone = deleted_values(conn, [(c.tbl, c.row_uuid) for c in named
                                 if c.field is not None and (c.changed_since or {}).get("deleted")])
    names = names_in(conn, [(c.tbl, c.row_uuid) for c in named],
                     {**gone, **{(c.tbl, c.row_uuid): c.ancestor for c in named
                                 if c.field is None and isinstance(c.ancestor, dict)}})
    said = "; ".join(f"{c.named(names.get((c.tbl, c.row_uuid)))}: {c.how_changed()}"
                     for c in named)
    if len(changed) > len(named):
        said += (f"; and {len(changed) - len(named)} more (field-kit conflicts lists them "
                 "all)")
    if len(settling) == 1:
        what, done = "the master's value changed since the conflict was recorded", ""
    else:
        what = (f"the master's values changed since they were recorded for {len(changed)} "
                f"of the {len(settling)} conflicts")
        done = f"none of the {len(settling)} was settled, "
    raise LaterEdit(f"not settled: {what}: {said}; {done}nothing was changed. Look again with "
                    "field-kit conflicts: --take ours keeps what the master holds now, "
                    "--over-later-edit writes this decision over it", changed)
