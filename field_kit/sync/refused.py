# SPDX-License-Identifier: GPL-2.0-or-later
"""Edits of a field package that the master refused, found at pull and sent again.

A merge refuses an edit whole (a value its column cannot take, a column the master lacks, a
table the package's role may not change) and names it; the master then never holds it, but
the package does, and without more it would say nothing is waiting. At each pull the
package's edits the master has merged since the last pull and holds no fate of
(``sync_applied``) are refused ones: where the package still holds what such an edit
wrote, the edit is logged again, once, as this device's, with its own time, to go with the
next export (mended meanwhile, it is applied; not, the merge names it again and the pull
after that logs it again, once). So the package and the master never differ without a
change waiting to be sent.

How far the master merged this package's edits is told by the package's own exports the
master recorded (``sync_merges.package_sha256``), not by the device's mark alone: a QField
project copied to a phone is a second package of the device, whose merges say nothing of
what this one sent. An edit logged again waits, unexported or exported and not merged yet,
until a merge of the export that carries it; it is never logged again meanwhile.
"""

from __future__ import annotations

import json
import sqlite3

from ..db import chunks, marks, quote
from . import changelog, registry

SEEN = "refusals_seen_up_to"  # sync_meta: the seq up to which the package's edits were looked at
# sync_meta of a package: [sha256, last seq] of each export the master had not merged at the
# last pull (absent in a package checked out by an earlier version)
EXPORTS = "exports_not_merged"


def note_export(conn: sqlite3.Connection, sha256: str, last: int) -> None:
    """Note an export of the package (in its transaction): the master, once it merged it,
    holds it by ``sha256``."""
    listed = registry.meta(conn, EXPORTS)
    waiting = json.loads(listed) if listed else []
    registry.set_meta(conn, EXPORTS, json.dumps([*waiting, [sha256, last]]))


def mark_checkout(conn: sqlite3.Connection) -> None:
    """A new package: nothing exported, nothing looked at."""
    registry.set_meta(conn, EXPORTS, "[]")
    conn.execute("DELETE FROM sync_meta WHERE key = ?", (SEEN,))


def merged_up_to(src: sqlite3.Connection, conn: sqlite3.Connection, device: str) -> int:
    """The seq up to which the master ``src`` merged the package ``conn``'s edits: the last
    seq of its latest export the master recorded (for a package from an earlier version,
    which noted no export, the device's mark)."""
    seen = int(registry.meta(conn, SEEN) or 0)
    listed = registry.meta(conn, EXPORTS)
    if listed is None:
        got = src.execute("SELECT merged_seq FROM sync_devices WHERE device = ?",
                          (device,)).fetchone()
        return max(seen, got[0] if got else 0)
    exports = json.loads(listed)
    merged = _recorded(src, device, [sha for sha, _ in exports])
    return max([seen] + [last for sha, last in exports if sha in merged])


def _recorded(src: sqlite3.Connection, device: str, shas: list[str]) -> set[str]:
    out: set[str] = set()
    for part in chunks(shas):
        out.update(s for (s,) in src.execute(
            f"SELECT package_sha256 FROM sync_merges WHERE device = ? AND package_sha256 IN "
            f"{marks(len(part))}", (device, *part)))
    return out


def looked_at(conn: sqlite3.Connection, merged: int) -> None:
    """The package's edits up to seq ``merged`` are looked at: its exports up to there are
    no longer waiting for a merge."""
    registry.set_meta(conn, SEEN, str(merged))
    listed = registry.meta(conn, EXPORTS)
    if listed is not None:
        registry.set_meta(conn, EXPORTS, json.dumps(
            [e for e in json.loads(listed) if e[1] > merged]))


def send_again(src: sqlite3.Connection, conn: sqlite3.Connection, device: str,
               merged: int) -> list[tuple[str, str, list[str]]]:
    """Log again the package ``conn``'s edits the master ``src`` refused, merged up to seq
    ``merged`` since the last pull (inside the pull's transaction, capture off); (table,
    row, fields) of each."""
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
    return out



__all__ = ["EXPORTS", "SEEN", "looked_at", "mark_checkout", "merged_up_to", "note_export",
           "send_again"]
