# SPDX-License-Identifier: GPL-2.0-or-later
"""What an undo leaves in a field of another merge's: the master as if the merge undone had
never been made. Each field its update wrote gets what the latest edit of it without that
merge gave (merge keeps the latest edit of a field, whatever the order):

- the value it held before, where the edit that gave it is the latest;
- the merge's own value, where a later merge's edit wrote the same value (logged as written
  again, its fate "already"): that edit now counts as the one that wrote it, its record
  starting from the value before and its fate "applied";
- the value a later merge's edit set aside in an open conflict against the merge's value
  (never written, for the merge's was the later edit): the conflict is settled taking it, as
  a merge without the one undone would have written it.

Every open conflict of a later merge set aside against the merge's value is named: settled
so, or left open against the value the field holds now (a supervisor settles it); so is
every open whole-row conflict of a later merge whose delete was kept from the row holding
the merge's value, left open against what the row holds now.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..bilingual import EN
from ..db import quote
from ..plan.values import field_label
from . import changelog, log_values
from .conflicts import TAKEN_BY_UNDO, shown
from .three_way import LIVE, PARKED, RESTORE, TOUCH, Applier


def same_again(edit: dict, fld: str, value) -> bool:
    """Whether ``edit`` (a logged change) is a merge's edit of ``fld`` writing ``value``
    where the field held it already: no change of what the undone merge wrote."""
    origin = edit.get("origin") or ""
    if not origin.startswith("merge:") or origin.count(":") != 1 or edit["op"] != "update":
        return False
    new, old = (log_values.loads(edit[k] or "{}") for k in ("new", "old"))
    return fld in new and new[fld] == value and old.get(fld, value) == value


@dataclass
class Left:
    """What an undo left in fields of later merges' (a line each, :meth:`said`)."""
    lines: list[str] = field(default_factory=list)

    def said(self) -> list[str]:
        return self.lines


def _key(at, device, seq) -> tuple:
    return (at or "", device or "", seq or 0)


def _before_key(conn: sqlite3.Connection, tbl: str, row: str, fld: str, seq: int) -> tuple:
    """The order key of the edit that gave ``fld`` the value it held before record ``seq``."""
    best = _key(None, None, None)
    for at, device, src, new in conn.execute(
            "SELECT at, device, coalesce(src_seq, seq), new FROM sync_changes WHERE "
            f"row_uuid = ? AND tbl = ? AND seq < ? AND new IS NOT NULL AND origin NOT LIKE ? "
            f"AND {LIVE}", (row, tbl, seq, "%" + RESTORE)):
        if fld in log_values.loads(new):
            best = max(best, _key(at, device, src))
    return best


def _set_aside(conn: sqlite3.Connection, tbl: str, row: str, fld: str, value, later_of
               ) -> list[tuple]:
    """The open conflicts of later merges (``later_of``: the merge to undo first that an
    origin belongs to, or None) setting aside an edit of ``fld`` against ``value``: (id,
    merge, their value, device, at)."""
    out = []
    for cid, merge_id, ours, theirs, device, at in conn.execute(
            "SELECT id, merge_id, ours, theirs, device, at FROM sync_conflicts WHERE tbl = ? AND "
            "row_uuid = ? AND field = ? AND status = 'open' AND kind IN ('update/update', "
            "'update/newer') ORDER BY id", (tbl, row, fld)):
        if later_of(f"merge:{merge_id}") and log_values.loads(ours) == value:
            out.append((cid, merge_id, log_values.loads(theirs), device, at))
    return out


def leave(applier: Applier, tbl: str, row: str, seq: int, old: dict, new: dict,
          later: list[dict], later_of, who: str, left: Left, named: str
          ) -> tuple[dict, dict, list[Callable[[], object]]]:
    """Of the fields an update (record ``seq``: ``old`` -> ``new``) of the merge undone
    wrote, those to set back to ``old`` (old, new) and what follows the setting back: a
    function each, called once the fields are set back. ``later``: the logged edits of the
    row after it (each field written since by another value refuses the undo before);
    ``named``: the row as the undo names it; ``who``: who undid it, whom the conflicts it
    settles name."""
    conn = applier.conn
    revert_old, revert_new = dict(old), dict(new)
    after: list[Callable[[], object]] = []
    holds_now: dict = {}  # field -> what the undo leaves in it, where not the merge's value
    for fld, value in new.items():
        if fld not in old:
            continue
        again = [e for e in later if same_again(e, fld, value)]
        aside = _set_aside(conn, tbl, row, fld, value, later_of)
        if not again and not aside:
            holds_now[fld] = old[fld]
            continue
        # the latest edit of the field without the merge undone: the one before it, one
        # writing it again, or one set aside
        latest = max([(_before_key(conn, tbl, row, fld, seq), None, None)]
                     + [(_key(e["at"], e["device"], e["src_seq"] or e["seq"]), e, None)
                        for e in again]
                     + [(_key(c[4], c[3], 0), None, c) for c in aside], key=lambda k: k[0])
        _, wrote, taken = latest
        name = f"{named} {field_label(tbl, fld, EN)}"
        holds = old[fld]
        if wrote is not None:
            first = min(again, key=lambda e: e["seq"])  # (the first merged wrote it)
            del revert_old[fld], revert_new[fld]
            after.append(partial(_counts_again, conn, first, fld, old[fld]))
            left.lines.append(
                f"{name} keeps {shown(value)}: {first['device']}'s edit (merge "
                f"{first['origin'].partition(':')[2]}) wrote it too, and now counts as the "
                "edit that wrote it")
            holds = value
        elif taken is not None:
            after.append(partial(_take_aside, applier, tbl, row, fld, old[fld], taken, who))
            left.lines.append(
                f"{name} gets {shown(taken[2])}, which {taken[3]}'s edit (merge {taken[1]}) "
                f"set aside against the value undone: conflict {taken[0]} settled taking it, "
                "as a merge without the one undone would have written it")
            holds = taken[2]
        if holds != value:
            holds_now[fld] = holds
        for cid, _merge, theirs, device, _at in aside:
            if taken is not None and cid == taken[0]:
                continue
            after.append(partial(conn.execute, "UPDATE sync_conflicts SET ours = ? WHERE id = ?",
                                 (log_values.dumps(holds), cid)))
            left.lines.append(
                f"conflict {cid} ({name}, {device}'s {shown(theirs)}) stood against the value "
                f"undone and stays open, against {shown(holds)} now: settle it with field-kit "
                "resolve")
    for cid, device, ours, fields, at in _rows_held(conn, tbl, row, new, holds_now, later_of):
        # all it met taken away, the delete the latest edit since: as a merge without the
        # one undone would have, it goes in
        if set(ours) <= set(fields) and not [e for e in later if not _aside(e)] and all(
                _before_key(conn, tbl, row, f, seq) < _key(at, device, 0) for f in fields):
            after.append(partial(_take_delete, applier, tbl, row, (cid, device, at), who))
            left.lines.append(
                f"conflict {cid} ({named}, {device}'s delete of the row) stood against the "
                "value undone, which the undo took away: settled taking the delete, the row "
                "deleted, as a merge without the one undone would have")
            continue
        after.append(partial(conn.execute, "UPDATE sync_conflicts SET ours = ? WHERE id = ?",
                             (log_values.dumps({**ours, **fields}), cid)))
        left.lines.append(
            f"conflict {cid} ({named}, {device}'s delete of the row) stood against the value "
            "undone and stays open, the row holding " + ", ".join(
                f"{field_label(tbl, f, EN)} {shown(v)}" for f, v in fields.items())
            + " now: settle it with field-kit resolve")
    return revert_old, revert_new, after


def _rows_held(conn: sqlite3.Connection, tbl: str, row: str, new: dict, holds_now: dict,
               later_of) -> list[tuple]:
    """The open whole-row conflicts of later merges (a delete kept from the row, which
    holds the merge's value) over fields of ``new`` the undo gives another value
    (``holds_now``): (id, device, their "ours", those fields with what they hold now, when
    the delete was made)."""
    out = []
    for cid, merge_id, ours, device, at in conn.execute(
            "SELECT id, merge_id, ours, device, at FROM sync_conflicts WHERE tbl = ? AND "
            "row_uuid = ? AND field IS NULL AND status = 'open' AND kind = 'delete/update' "
            "ORDER BY id", (tbl, row)):
        held = log_values.loads(ours) if ours else None
        if not isinstance(held, dict) or not later_of(f"merge:{merge_id}"):
            continue
        fields = {f: v for f, v in holds_now.items() if f in held and held[f] == new[f]}
        if fields:
            out.append((cid, device, held, fields, at))
    return out


def _aside(edit: dict) -> bool:
    """Whether a logged edit is one a merge kept aside (it never changed the row)."""
    return (edit.get("origin") or "").endswith((PARKED, TOUCH))


def _counts_again(conn: sqlite3.Connection, edit: dict, fld: str, before) -> None:
    """The edit of a later merge that wrote ``fld`` again counts as the one that wrote it:
    its record starts from the value ``before`` the merge undone, its fate is applied."""
    old = log_values.loads(edit["old"] or "{}")
    old[fld] = before
    conn.execute("UPDATE sync_changes SET old = ? WHERE seq = ?",
                 (log_values.dumps(old), edit["seq"]))
    conn.execute("UPDATE sync_applied SET status = 'applied' WHERE change_uuid = ? AND "
                 "device = ? AND status = 'already'", (edit["change_uuid"], edit["device"]))


def _take_aside(applier: Applier, tbl: str, row: str, fld: str, before, conflict: tuple,
                who: str) -> None:
    """Settle ``conflict`` (id, merge, value, device, at) taking its value set aside, the
    decision's record bearing its edit's device and time (the order of edits it had)."""
    cid, _merge, theirs, device, at = conflict
    applier.flush_log()  # (the undo's own records first: the decision follows them)
    cur = applier.current(tbl, row)
    if cur is None:
        return
    applier.update(tbl, cur[0], {fld: theirs})
    applier.conn.execute(
        "INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, "
        "origin) VALUES (?, ?, ?, 'update', ?, ?, ?, ?, ?)",
        (changelog.new_uuid(), tbl, row, log_values.dumps({fld: before}),
         log_values.dumps({fld: theirs}), device, at, f"resolve:{cid}"))
    _settled_theirs(applier.conn, cid, who)


def _take_delete(applier: Applier, tbl: str, row: str, conflict: tuple, who: str) -> None:
    """Settle the row's ``conflict`` (id, device, at) taking its delete kept aside, the
    decision's record bearing the delete's device and time (the order of edits it had)."""
    cid, device, at = conflict
    applier.flush_log()  # (the undo's own records first: the decision follows them)
    cur = applier.current(tbl, row)
    if cur is None:
        return
    applier.conn.execute(f"DELETE FROM {quote(tbl)} WHERE rowid = ?", (cur[0],))
    applier.conn.execute(
        "INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, "
        "origin) VALUES (?, ?, ?, 'delete', ?, NULL, ?, ?, ?)",
        (changelog.new_uuid(), tbl, row, log_values.dumps(cur[1]), device, at,
         f"resolve:{cid}"))
    _settled_theirs(applier.conn, cid, who)


def _settled_theirs(conn: sqlite3.Connection, cid: int, who: str) -> None:
    """Conflict ``cid`` settled by the undo taking "theirs" (``who``: who undid it)."""
    conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                 "resolved_at = ?, resolved_by = ? WHERE id = ?",
                 (TAKEN_BY_UNDO, changelog.now(), who, cid))
