# SPDX-License-Identifier: GPL-2.0-or-later
"""The undo-merges of a device's merges that its field package pulled, kept: a master
restored from a backup made before one holds no record of it.

GIS staff undid a merge of the device's edits (undo-merge) and the package pulled the undo:
those edits are gone from both. Restored from a backup, the master knows nothing of the
undo, and the device's ``export --all`` sends the edits again: merged, they would come back
without a word. So each pull keeps, in ``sync_meta`` :data:`KEY`, each undone merge of the
device it brought (when, by whom), the device's changes it had applied of the rows the undo
wrote, and the undo's own changes; a change the master holds again (merged again after the
undo) is no longer named. Each export carries the record (manifest :data:`MANIFEST`). A
merge into a master that does not know such a merge keeps those changes out, refused by
name, as the master before the restore held them; one into a master that holds the merge
still, not undone, says to undo it again (:func:`keep_out`).

A master that holds the undo itself keeps out so a change of an undone merge sent again (the
same package, or ``export --all`` after the pull): refused by name, as this master undid it
(:func:`keep_out_here`); the device's edit made anew (a new change) goes in as any.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass

from ..bilingual import counted
from ..db import in_command
from . import changelog, registry
from .audit import UNDONE_BY
from .outcomes import KEPT_OUT_UNDONE

KEY = MANIFEST = "undone_in_master"


def note(src: sqlite3.Connection, conn: sqlite3.Connection, base: int, device: str) -> None:
    """Keep in the package ``conn`` the undos of ``device``'s merges the master ``src``
    logged after seq ``base`` (this pull brings them), and name no more the changes the
    master holds again (within the pull's transaction)."""
    kept = registry.json_meta(conn, KEY)
    by = registry.json_meta(src, UNDONE_BY)
    for merge_id, at, first, last in src.execute(
            "SELECT merge_id, undone_at, seq_from, seq_to FROM sync_merges WHERE device = ? AND "
            "undone_at IS NOT NULL AND 'undo:' || merge_id IN (SELECT DISTINCT origin FROM "
            "sync_changes WHERE seq > ? AND origin LIKE 'undo:%')", (device, base)).fetchall():
        undo = src.execute("SELECT change_uuid, tbl, row_uuid FROM sync_changes WHERE seq > ? "
                           "AND origin = ?", (base, f"undo:{merge_id}")).fetchall()
        wrote = {(tbl, row) for _, tbl, row in undo}
        # (the merge's range of the device's log: those of it the undo wrote the rows of)
        own = [change for change, tbl, row in conn.execute(
            "SELECT change_uuid, tbl, row_uuid FROM sync_changes WHERE origin = 'local' AND "
            "seq BETWEEN ? AND ? ORDER BY seq", (first or 0, last or 0)) if (tbl, row) in wrote]
        kept[merge_id] = {"undone_at": at, "by": by.get(merge_id), "changes": own,
                          "undo": [change for change, *_ in undo]}
    for record in kept.values():  # (merged again since the undo: the master holds them)
        record["changes"] = [c for c in record["changes"] if src.execute(
            "SELECT 1 FROM sync_applied WHERE device = ? AND change_uuid = ?",
            (device, c)).fetchone() is None]
    registry.set_json_meta(conn, KEY, kept)


def undo_changes(conn: sqlite3.Connection) -> set[str]:
    """The ids of the undo changes the package ``conn`` pulled of its own merges."""
    return {c for record in registry.json_meta(conn, KEY).values()
            for c in record.get("undo", ())}


def for_manifest(conn: sqlite3.Connection) -> dict:
    """What an export's manifest carries of it: the undone merges whose changes the master
    did not hold again (nothing where there are none)."""
    kept = {merge_id: {k: record[k] for k in ("undone_at", "by", "changes")}
            for merge_id, record in registry.json_meta(conn, KEY).items() if record["changes"]}
    return {MANIFEST: kept} if kept else {}


def _when(record: dict) -> str:
    return _at_by(_local(record), record.get("by"))


def _local(record: dict) -> str:
    return changelog.local_time(str(record.get("undone_at") or ""))


def _at_by(at: str, by: str | None) -> str:
    """When an undo was made, and by whom where known."""
    return f"{at} by {by}" if by else at


def _refuse(conn: sqlite3.Connection, slot: int, changes: list, reason: str,
            kept_out: str = "") -> int:
    """Mark refused, for ``reason`` (``kept_out``: the outcome's mark of it), the changes
    ``changes`` of the package in ``slot`` not settled yet that the master holds no more
    (none merged again since); how many."""
    return conn.execute(
        "UPDATE incoming SET status = 'refused', reason = ?, kept_out = ? WHERE slot = ? AND "
        "status IS NULL AND change IN (SELECT value FROM json_each(?)) AND change NOT IN "
        "(SELECT change_uuid FROM sync_applied)",
        (reason, kept_out, slot,
         json.dumps([c for c in changes if isinstance(c, str)]))).rowcount


def keep_out(conn: sqlite3.Connection, pkg, master_typed: str) -> list[str]:
    """Mark refused in ``incoming`` the changes of ``pkg`` that a merge the master does not
    know applied and the master it came from undid; what the merge says of them, and of
    an undone merge this master holds still, each part without the package's name (said
    with the rest of what a merge says of the restore: :func:`~field_kit.sync.
    brought_up_to.merge_caution`); ``master_typed``: the master as the command to undo it
    again names it."""
    said = []
    name = os.path.basename(pkg.path)
    got = pkg.manifest.get(MANIFEST)
    for merge_id, record in sorted(got.items() if isinstance(got, dict) else []):
        changes = record.get("changes") if isinstance(record, dict) else None
        if not changes or not isinstance(changes, list):
            continue
        known = conn.execute("SELECT undone_at IS NULL FROM sync_merges WHERE merge_id = ?",
                             (merge_id,)).fetchone()
        when = _when(record)
        if known is None:
            n = _refuse(conn, pkg.slot, changes,
                        f"undone on the master before it was restored (merge {merge_id}, "
                        f"undone {when}): kept out, as that master held it undone")
            if n:
                said.append(
                    "undone on the master before it was restored: "
                    f"{counted(n, 'change')}, {pkg.device}, merge {merge_id} (undone {when}): "
                    "kept out of this merge, as that master held them undone (each named as "
                    f"refused); the device's values stay in {name}: enter them again if they "
                    "are wanted after all")
        elif known[0]:
            said.append(f"the master before the restore had undone merge {merge_id} of "
                        f"{pkg.device} ({when}); this master holds it "
                        f"still: undo it again: field-kit undo-merge {master_typed} {merge_id}")
    return said


@dataclass(frozen=True)
class KeptOutHere:
    """The changes of one undone merge of this master that a package sent again, kept out
    (:func:`keep_out_here`): ``package`` as the merge was given it, ``undone_at`` the
    undo's local time, ``by`` whoever undid it (None: not known), ``master_typed`` the master
    as a command names it."""

    package: str
    device: str
    merge_id: str
    undone_at: str
    by: str | None
    changes: int
    master_typed: str

    @property
    def name(self) -> str:
        return os.path.basename(self.package)

    @property
    def again_typed(self) -> str:
        """The command that merges the package again with them."""
        return f"field-kit merge --again-undone {self.master_typed} {in_command(self.package)}"

    def said(self, way: str | None = None) -> str:
        """What the merge says of them, the way to have them after all ``way`` (by default
        :attr:`again_typed`)."""
        when = _at_by(self.undone_at, self.by)
        return (f"{self.name} from {self.device}: undone on this master: "
                f"{counted(self.changes, 'change')}, merge {self.merge_id} (undone {when}): "
                "kept out of this merge, as this master undid them (each named as refused); "
                f"the device's values stay in {self.name}: to have them after all, merge it "
                f"again so: {way or self.again_typed}")


def keep_out_here(conn: sqlite3.Connection, pkg, master_typed: str) -> list[KeptOutHere]:
    """Mark refused in ``incoming`` the changes of ``pkg`` that a merge this master undid
    had applied (found by their own log records: on a PostgreSQL master's stage those of
    the package's rows), ``kept_out`` :data:`~field_kit.sync.outcomes.KEPT_OUT_UNDONE`;
    those of each undone merge (``master_typed``: the master as a command names it)."""
    undone = {m: {"undone_at": at, "by": by}
              for m, at, by in conn.execute(
                  "SELECT merge_id, undone_at, json_extract(coalesce((SELECT value FROM "
                  "sync_meta WHERE key = ?), '{}'), '$.\"' || merge_id || '\"') FROM "
                  "sync_merges WHERE device = ? AND undone_at IS NOT NULL",
                  (UNDONE_BY, pkg.device))}
    if not undone:
        return []
    last: dict[str, str] = {}  # change -> the undone merge that applied it last
    for change, origin in conn.execute(
            "SELECT i.change, c.origin FROM incoming i JOIN sync_changes c ON c.row_uuid = "
            "i.row AND c.change_uuid = i.change AND c.device = i.device WHERE i.slot = ? AND "
            "i.status IS NULL AND c.origin LIKE 'merge:%' ORDER BY c.seq", (pkg.slot,)):
        merge_id = origin[len("merge:"):].split(":")[0]  # (less its suffix: :restore, ...)
        if merge_id in undone:
            last[change] = merge_id
    kept = []
    for merge_id, record in sorted(undone.items(), key=lambda m: m[1]["undone_at"]):
        n = _refuse(conn, pkg.slot, [c for c, m in last.items() if m == merge_id],
                    f"undone on this master (merge {merge_id}, undone {_when(record)}): "
                    "kept out", KEPT_OUT_UNDONE)
        if n:
            kept.append(KeptOutHere(
                os.fspath(pkg.path), pkg.device, merge_id, _local(record), record.get("by"), n,
                master_typed))
    return kept
