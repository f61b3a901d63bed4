# SPDX-License-Identifier: GPL-2.0-or-later
"""A file's conflicts as they stand now: an open conflict's "ours" is what the file holds
today, and where that is not what it held when the conflict was recorded (GIS staff's edit
since, psql, a later merge), ``changed_since`` says which edit gave it; the edits a
conflict's own decisions and merges account for are no such change."""

from __future__ import annotations

import dataclasses
import os

from ..db import connect
from ..plan.derived import derived_columns
from . import changelog, log_values, registry
from .conflict_reads import Reads, last_delete
from .conflicts import COLUMNS, Conflict, after_merge
from .three_way import PARKED, TOUCH

CONFLICT_COLUMNS = COLUMNS  # the order conflicts are read in


def conflicts(path: str | os.PathLike, *, status: str | None = "open",
              row_uuid: str | None = None) -> list[Conflict]:
    """Conflicts of a master (or a field package; of one row, ``row_uuid``, where given),
    as dicts with ancestor/ours/theirs. For an
    open conflict "ours" is read from the table: exactly what the file holds now; where that
    changed since the conflict was recorded, ``changed_since`` says how (:func:`as_now`).
    What that takes of the file is read for all of them at once
    (:class:`~field_kit.sync.conflict_reads.Reads`): thousands of conflicts, a few queries."""
    conn = connect(path, readonly=True)
    try:
        changelog.state(conn)
        sql = f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM sync_conflicts"
        where = {"status = ?": status, "row_uuid = ?": row_uuid}
        kept = [k for k, v in where.items() if v]
        if kept:
            sql += " WHERE " + " AND ".join(kept)
        args = tuple(where[k] for k in kept)
        rows = [Conflict.from_row(r) for r in conn.execute(sql + " ORDER BY id", args)]
        reads = Reads(conn)
        reads.read_for(rows)
        tables = reads.tables
        out = []
        for c in rows:
            if c.status == "open" and c.tbl in tables:
                c = as_now(reads, tables[c.tbl], c)
            if c.tbl in tables:
                c = c.read_alike(tables[c.tbl].geom)
            if c.device == reads.me and c.at:  # the master's own edit: an import's, maybe
                c.imported_from = reads.imported_from(c.row_uuid, c.at)
            out.append(c)
        return out
    finally:
        conn.close()


def as_now(reads: Reads, t: registry.Tracked, c: Conflict) -> Conflict:
    """The open conflict ``c`` with "ours" what the file holds now; where that is not what it
    held when the conflict was recorded (GIS staff's edit since, psql, a later merge), with
    ``changed_since``: the value then, and the device, time and origin of the edit that gave
    the present one as the change log says (None where no recorded edit gave it). A field
    conflict whose row is gone has "ours" none: settling keeps it so, or brings it back; its
    row deleted by a later edit than the conflict's own merge is a change since."""
    now = reads.held(t, c.row_uuid, c.field, c.ours)
    if t.same(c.field, c.ours, now):
        if c.field is None and now is not None:
            return _row_edited_since(reads, t, dataclasses.replace(c, ours=now))
        return dataclasses.replace(c, ours=now)
    since = {"ours": c.ours, "device": None, "at": None, "origin": None}
    if c.field is not None and now is None and not reads.exists(t.name, c.row_uuid):
        gone = last_delete(reads, t.name, c.row_uuid)
        if gone is None or gone["origin"] == f"merge:{c.merge_id}" or \
                _of_this_fields_conflicts(reads, c, gone["origin"]):
            return dataclasses.replace(c, ours=now)  # (a package that edited, then deleted)
        since.update(device=reads.by(gone), at=gone["at"], origin=gone["origin"], deleted=True)
        kept = _kept_open(reads, c, gone["origin"])
        if kept is not None:
            since["conflict"] = kept
        return dataclasses.replace(c, ours=now, changed_since=since)
    undone: set[str] = set()  # merges undone since: their edits are not what the table holds
    put_back = None  # the undo that wrote it, said where no edit before it gave the value
    edits = reads.edits(c.row_uuid)  # newest first
    for i, edit in enumerate(edits):
        if edit["tbl"] != t.name or edit["origin"].endswith((PARKED, TOUCH)) or \
                undone and reads.merge_of(edit["origin"]) in undone:
            continue  # (an edit parked, a delete logged for its time: not what the table got)
        new = log_values.loads(edit["new"]) if edit["new"] else None
        if c.field is None:  # the row's latest edit: it gave the row, or took it out
            gave = (new is None) == (now is None)
        elif new is None or c.field not in new:
            continue
        else:
            gave = t.same(c.field, new[c.field], now)
        if gave and edit["origin"].startswith("undo:"):
            # the value an undo put back: the edit that first gave it says whose it is
            undone.add(edit["origin"].partition(":")[2])
            put_back = put_back or edit
            continue
        if gave and _of_this_fields_conflicts(reads, c, edit["origin"]) and \
                not _over_its_merge(reads, c, edit["origin"], edits[i + 1:]):
            return dataclasses.replace(c, ours=now)
        if gave:  # else no recorded edit gave the value now (written while capture was off)
            since.update(_made_by(reads, edit))
            kept = _kept_open(reads, c, edit["origin"])
            if kept is not None:  # (settling it first, this one meets its decision)
                since["conflict"] = kept
        break
    if since["device"] is None and since["at"] is None and put_back is not None:
        since.update(_made_by(reads, put_back))
    return dataclasses.replace(c, ours=now, changed_since=since)


def _made_by(reads: Reads, edit: dict) -> dict:
    """Who made the logged ``edit`` that gave what the file holds now, when, as what, and
    whether it deleted the row (a whole row's "ours" then is its delete's, not an edit's)."""
    return {"device": reads.by(edit), "at": edit["at"], "origin": edit["origin"],
            **({"deleted": True} if not edit["new"] else {})}


def _row_edited_since(reads: Reads, t: registry.Tracked, c: Conflict
                      ) -> Conflict:
    """A row conflict whose fields hold what they held when it was recorded, with
    ``changed_since`` where another field of the row was edited since (GIS staff's edit, a
    later merge): taking the delete would take that edit with it unseen. The edits since
    are those the master made after the conflict's merge (by its own clock) and those of
    later merges, but the decisions on the row's other conflicts of that merge."""
    merged = reads.merged()  # (when each was)
    if c.merge_id not in merged:
        return c
    undone = reads.undone()
    since: list[dict] = []  # newest first
    for edit in reads.edits(c.row_uuid):
        origin = edit["origin"] or ""
        if edit["tbl"] != t.name or origin.endswith((PARKED, TOUCH)):
            continue
        if origin.startswith("undo:") or reads.merge_of(origin) in undone:
            continue  # (an undone merge, a decision on its conflicts, the undo: never made)
        if origin.startswith("merge:") and reads.merge_of(origin) == c.merge_id:
            break  # (the merge's own edits, and all before them)
        if origin.startswith("resolve:") and _of_this_fields_conflicts(reads, c, origin):
            continue
        if not after_merge(edit, merged, c.merge_id):
            break
        since.append(edit)
    then: dict = {}
    for edit in reversed(since):  # each field as it was before the first edit since
        old = log_values.loads(edit["old"]) if edit["old"] else {}
        for k in log_values.loads(edit["new"]) if edit["new"] else {}:
            if k in t.column_names:
                then.setdefault(k, old.get(k))
    now = reads.held(t, c.row_uuid, None, {**c.ours, **then})
    if now is None or all(t.same(k, v, now.get(k)) for k, v in then.items()):
        return c  # (edited and put back since, an undone merge's say: as it was recorded)
    newest = since[0]
    return dataclasses.replace(c, ours=now, changed_since={
        "ours": {**(c.ours or {}), **then}, "device": reads.by(newest), "at": newest["at"],
        "origin": newest["origin"]})


def _of_this_fields_conflicts(reads: Reads, c: Conflict, origin: str) -> bool:
    """Whether the edit of ``origin`` is one the conflicts of ``c``'s field account for, so
    no later edit: ``c``'s own merge's; a package merged later (in the same merge, say) that
    met the field too, its own conflict settled since (while that one is open, the value is
    only there, :func:`_kept_open`: writing over it is a later edit); or the decision that
    settled another conflict of the field (the field's conflicts are settled one after the
    other), or, of an area or centre, of the row's geometry (they follow the shape taken);
    or the decision on the row's other conflicts of the same merge (a field's and the whole
    row's, settled one at a time in either order)."""
    kind, _, ref = origin.partition(":")
    if kind == "merge":
        ref = ref.partition(":")[0]
        if ref == c.merge_id:
            return True
        return any(merge_id == ref and status == "resolved" and fld == c.field
                   for _, merge_id, _, _, fld, status in reads.on_row(c.row_uuid))
    if kind != "resolve" or not ref.isdigit():
        return False
    fields = [c.field]
    if c.field in derived_columns(c.tbl):
        fields.append(reads.geometry_column(c.tbl))
    # (the row's conflict beside a field's, a field's beside the row's)
    return any(id_ == int(ref) and (fld in fields or merge_id is not None and
                                    merge_id == c.merge_id and (fld is None or c.field is None))
        for id_, merge_id, _, _, fld, _ in reads.on_row(c.row_uuid))


def _kept_open(reads: Reads, c: Conflict, origin: str) -> int | None:
    """The open conflict of a later merge (the edit of ``origin``'s) on ``c``'s row and field
    that holds the value that merge wrote as its "ours", or None: a decision on ``c`` over
    that value would leave it in no conflict, so that one is settled first."""
    merge_id = reads.merge_of(origin) if origin.startswith("merge:") else None
    if merge_id is None or merge_id == c.merge_id:
        return None
    return min((id_ for id_, of, tbl, _, fld, status in reads.on_row(c.row_uuid)
                if of == merge_id and status == "open" and tbl == c.tbl and fld == c.field),
               default=None)


def _over_its_merge(reads: Reads, c: Conflict, origin: str, before: list[dict]
                    ) -> bool:
    """Whether the decision of ``origin`` settled a conflict recorded before ``c``, of
    another merge, over the value ``c``'s own merge wrote (``before``: the row's edits
    older than the decision, newest first): written over on purpose, that is a later edit
    for ``c``, which keeps what it held then in sight."""
    kind, _, ref = origin.partition(":")
    if c.field is None or kind != "resolve" or not ref.isdigit() or int(ref) >= c.id or \
            reads.merge_of(origin) == c.merge_id:
        return False
    return any((e["origin"] or "").startswith("merge:") and e["tbl"] == c.tbl and
               reads.merge_of(e["origin"]) == c.merge_id and
               c.field in log_values.loads(e["new"] or "{}") for e in before)
