# SPDX-License-Identifier: GPL-2.0-or-later
"""Edits of a field package that the master refused, found at pull and sent again.

A merge refuses an edit whole (a value its column cannot take, a column the master lacks, a
table the package's role may not change) and names it; the master then never holds it, but
the package does, and without more it would say nothing is waiting. At each pull the
package's edits the master has merged up to (``sync_devices.merged_seq``) and holds no fate
of (``sync_applied``) are refused ones: where the package still holds what such an edit
wrote, the edit is logged again, as this device's, with its own time, to go with the next
export (mended meanwhile, it is applied; not, the merge names it again). So the package and
the master never differ without a change waiting to be sent.
"""

from __future__ import annotations

import sqlite3

from ..db import chunks, marks, quote
from . import changelog, registry

SEEN = "refusals_seen_up_to"  # sync_meta: the seq up to which the package's edits were looked at


def send_again(src: sqlite3.Connection, conn: sqlite3.Connection, device: str
               ) -> list[tuple[str, str, list[str]]]:
    """Log again the package ``conn``'s edits the master ``src`` refused (inside the pull's
    transaction, capture off); (table, row, fields) of each."""
    got = src.execute("SELECT merged_seq FROM sync_devices WHERE device = ?",
                      (device,)).fetchone()
    merged = got[0] if got else 0
    seen = int(registry.meta(conn, SEEN) or 0)
    if merged <= seen:
        return []
    edits = conn.execute("SELECT seq, change_uuid, tbl, row_uuid, op, old, new, at FROM "
                         "sync_changes WHERE origin = 'local' AND seq > ? AND seq <= ? "
                         "ORDER BY seq", (seen, merged)).fetchall()
    fated: set[str] = set()
    for part in chunks([e[1] for e in edits]):
        fated.update(u for (u,) in src.execute(
            f"SELECT change_uuid FROM sync_applied WHERE device = ? AND change_uuid IN "
            f"{marks(len(part))}", (device, *part)))
    # a merge undone took its edits out on purpose: they are not sent again
    undone = src.execute("SELECT seq_from, seq_to FROM sync_merges WHERE device = ? AND "
                         "undone_at IS NOT NULL AND seq_from IS NOT NULL", (device,)).fetchall()
    tables = registry.by_name(conn)
    again, out = [], []
    for seq, change, tbl, row, op, old, new, at in edits:
        t = tables.get(tbl)
        if change in fated or t is None or any(a <= seq <= b for a, b in undone):
            continue
        got = conn.execute(f"SELECT {', '.join(['1', *map(quote, t.column_names)])} FROM "
                           f"{quote(tbl)} WHERE uuid = ?", (row,)).fetchone()
        now = None if got is None else {c: changelog.encode(c, v, t.blobs)
                                        for c, v in zip(t.column_names, got[1:])}
        if op == "delete":
            still = now is None
            fields: list[str] = []
        else:
            wrote = changelog.loads(new)
            fields = [c for c, v in wrote.items() if now is not None and now.get(c) == v]
            still = bool(fields) if op == "update" else now is not None
            if op == "insert" and now is not None:
                new = changelog.dumps(now)
            elif op == "update":
                was = changelog.loads(old) if old else {}
                old = changelog.dumps({c: was.get(c) for c in fields})
                new = changelog.dumps({c: wrote[c] for c in fields})
        if still:
            again.append((changelog.new_uuid(), tbl, row, op, old, new, device, at, "local",
                          None))
            out.append((tbl, row, fields))
    changelog.record(conn, again)
    registry.set_meta(conn, SEEN, str(merged))
    return out


__all__ = ["send_again"]
