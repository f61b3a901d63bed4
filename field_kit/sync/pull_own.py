# SPDX-License-Identifier: GPL-2.0-or-later
"""What became of a package's own edits at a pull: the values a master's change
replaced (a row decision, an undone merge), those it keeps aside in conflicts still open
there, and the package's conflicts the master settled."""

from __future__ import annotations

import sqlite3

from ..db import chunks, file_columns, marks, quote
from ..plan.values import feature_name
from . import changelog, log_values, registry
from .conflicts import SETTLED_IN_MASTER, UNDONE_IN_MASTER
from .three_way import Applier

# a package's own open conflicts (its value, or row, kept against the master's at a pull)
# what became of a row the device had deleted, or edited, that a pull gave back, or took away:
# the master kept it, or deleted it, over the device's edit; or undid the merge that deleted
# it, or brought it (undo-merge); a row the device had added, not edited, is said added
BACK, GONE, BACK_UNDONE, GONE_UNDONE = "back", "gone", "back_undone", "gone_undone"
ADDED_GONE, ADDED_GONE_UNDONE = "added_gone", "added_gone_undone"
# each kind in the order the pull says them
SETTLED_KINDS = (BACK, GONE, ADDED_GONE, BACK_UNDONE, GONE_UNDONE, ADDED_GONE_UNDONE)

OPEN_HERE_SQL = ("SELECT id, tbl, row_uuid, field, merge_id FROM sync_conflicts WHERE "
                 "status = 'open'")

_UNSAID = object()  # a field a change does not name


def replaced_own(src: sqlite3.Connection, written_over: list[tuple]) -> list[tuple]:
    """Of ``written_over`` (:func:`own_written_over`), the fields this pull wrote over a
    value the device had sent (its last edit of the field) that met another edit in the
    master ``src`` and was not kept there: (table, row, field, the device's, the master's).
    The device's value met it in the field's conflict, or in the row's (an edit against a
    delete: its sides are the row's values, the field's among them, or nothing), settled
    since by a decision that put another value there. A field the master changed on top of
    the device's value (a later edit by someone who saw it: no conflict there) is no such
    field, nor one an earlier pull wrote over already (said then)."""
    out = []
    for tbl, row, fld, ours, value in written_over:
        if _seen_by_last(src, tbl, row, fld, ours):
            continue
        met = any(ours in (_side(a, field, fld), _side(b, field, fld))
                  for field, a, b in src.execute(
                      "SELECT field, ours, theirs FROM sync_conflicts WHERE tbl = ? AND "
                      "row_uuid = ? AND (field = ? OR field IS NULL) AND status != 'undone'",
                      (tbl, row, fld)))
        if met:
            out.append((tbl, row, fld, ours, value))
    return out


def _side(logged: str | None, field: str | None, fld: str) -> object:
    """A conflict's side as logged (a field's value, or a row's values by field: None where
    deleted), of the field ``fld`` where it is the row's (:data:`_UNSAID` where it holds no
    such field, or no row)."""
    side = log_values.loads(logged) if logged else None
    if field is not None:
        return side
    return side.get(fld, _UNSAID) if isinstance(side, dict) else _UNSAID


def undone_own(src: sqlite3.Connection, written_over: list[tuple], base: int) -> list[tuple]:
    """Of ``written_over``, the fields this pull wrote over the device's own last value
    because the master undid the merge that applied it (undo-merge): the master's last change
    of the field since the package's base is the undo's, or the last of its changes that
    wrote the device's value or wrote over it is (a decision or an edit since was made over
    the value the undo put back, not over the device's): (table, row, field, the device's,
    the master's)."""
    updates: dict[tuple, list] = {}  # (table, row) -> (origin, old, new) of its updates
    out = []
    for tbl, row, fld, ours, value in written_over:
        if (tbl, row) not in updates:  # (a row's updates read once, whatever its fields)
            updates[(tbl, row)] = [
                (origin, log_values.loads(old or "{}"), log_values.loads(new or "{}"))
                for origin, old, new in src.execute(
                    "SELECT origin, old, new FROM sync_changes WHERE seq > ? AND tbl = ? AND "
                    "row_uuid = ? AND op = 'update' ORDER BY seq", (base, tbl, row))]
        wrote = [(origin, old.get(fld, _UNSAID), new[fld])
                 for origin, old, new in updates[(tbl, row)] if fld in new]
        touched = [origin for origin, *values in wrote if ours in values]
        if any(o.startswith("undo:") for o in [o for o, *_ in wrote][-1:] + touched[-1:]):
            out.append((tbl, row, fld, ours, value))
    return out


def undone_aside(src: sqlite3.Connection, written_over: list[tuple], device: str
                  ) -> list[tuple]:
    """Of ``written_over``, the fields whose value from ``device`` the master had kept aside
    in a conflict (the field's, or its row's) of a merge it undid since: the undo wrote
    nothing, and the master holds the value nowhere now (table, row, field, the device's,
    the master's)."""
    return [(tbl, row, fld, ours, value) for tbl, row, fld, ours, value in written_over
            if any(_side(theirs, field, fld) == ours for field, theirs in src.execute(
                "SELECT field, theirs FROM sync_conflicts WHERE tbl = ? AND row_uuid = ? AND "
                "(field = ? OR field IS NULL) AND status = 'undone' AND device = ?",
                (tbl, row, fld, device)))]


def own_written_over(conn: sqlite3.Connection, before: int) -> list[tuple]:
    """The fields this pull (its records after seq ``before``) wrote with another value
    than the device's own last edit of them (not an earlier pull's): (table, row, field,
    the device's, the pull's)."""
    pulled: dict[tuple, object] = {}  # (table, row, field) -> the value it left, in order
    for tbl, row, op, new in conn.execute(
            "SELECT tbl, row_uuid, op, new FROM sync_changes WHERE seq > ? AND origin = 'pull' "
            "ORDER BY seq", (before,)):
        if op == "delete":  # a row it deleted is said so, not its fields' last values
            pulled = {k: v for k, v in pulled.items() if k[:2] != (tbl, row)}
            continue
        for fld, value in log_values.loads(new or "{}").items():  # (a row put back: whole)
            pulled[(tbl, row, fld)] = value
    rows = {row for _, row, _ in pulled}
    # row -> the device's own edits of it and the earlier pulls' writes, newest first
    sent: dict[str, list[tuple[str, dict]]] = {}
    for row, origin, new in conn.execute(
            "SELECT row_uuid, origin, new FROM sync_changes WHERE (origin = 'local' OR "
            "origin = 'pull' AND seq <= ?) AND new IS NOT NULL ORDER BY seq DESC", (before,)):
        if row in rows:  # (one pass over the device's own edits, not one a row pulled)
            sent.setdefault(row, []).append((origin, log_values.loads(new)))
    out = []
    for (tbl, row, fld), value in pulled.items():
        origin, ours = next(((o, n[fld]) for o, n in sent.get(row, ()) if fld in n),
                            (None, _UNSAID))
        if origin == "local" and ours != value:
            out.append((tbl, row, fld, ours, value))
    return out


def _seen_by_last(src: sqlite3.Connection, tbl: str, row: str, fld: str, value) -> bool:
    """Whether the master's last change of the field was an edit made over ``value`` by
    someone who saw it there (it was kept), not a conflict's: the other side's edit the
    merge met it with, or a decision settling it."""
    for origin, change, old, new in src.execute(
            "SELECT origin, change_uuid, old, new FROM sync_changes WHERE tbl = ? AND "
            "row_uuid = ? AND op = 'update' ORDER BY seq DESC", (tbl, row)):
        if fld not in log_values.loads(new or "{}"):
            continue
        if log_values.loads(old or "{}").get(fld, _UNSAID) != value:
            return False
        # (the field's conflict, or the row's: an edit against a delete)
        return src.execute("SELECT 1 FROM sync_conflicts WHERE tbl = ? AND row_uuid = ? AND "
                           "(field = ? OR field IS NULL) AND (change_uuid = ? OR "
                           "'resolve:' || id = ?)",
                           (tbl, row, fld, change, origin)).fetchone() is None
    return False


def undone_rows(src: sqlite3.Connection, base: int) -> set[tuple[str, str]]:
    """(table, row) of the rows whose last insert or delete in the master after seq ``base``
    an undo made: there again, or gone, because a merge was undone."""
    last: dict[tuple[str, str], str] = {}
    for tbl, row, origin in src.execute("SELECT tbl, row_uuid, origin FROM sync_changes WHERE "
                                        "seq > ? AND op != 'update' ORDER BY seq", (base,)):
        last[(tbl, row)] = origin
    return {k for k, origin in last.items() if origin.startswith("undo:")}


def rows_settled(conn: sqlite3.Connection, before: int, undone: set[tuple[str, str]]
                  ) -> list[tuple]:
    """The rows this pull gave back that the device had deleted, and took away that it had
    edited and not deleted itself since (the master kept them, or deleted them, over its
    edits; or, of ``undone``, undid the merge that deleted or brought them): (table, row,
    :data:`BACK`, :data:`GONE`, :data:`BACK_UNDONE` or :data:`GONE_UNDONE`, or of a row it
    had added, :data:`ADDED_GONE` or :data:`ADDED_GONE_UNDONE`; the record's name)."""
    last: dict[tuple, tuple] = {}  # (table, row) -> what the pull did last, and the values
    for tbl, row, op, old, new in conn.execute(
            "SELECT tbl, row_uuid, op, old, new FROM sync_changes WHERE seq > ? AND origin = "
            "'pull' AND op != 'update' ORDER BY seq", (before,)):
        last[(tbl, row)] = (op, log_values.loads(new or old or "{}"))
    if not last:
        return []
    # by the device's last edit of each: a row it edited, then deleted itself, gone again
    # (its delete kept over another's later edit) is its own doing, no row taken from it
    own: dict[str, str] = {}
    added: set[str] = set()  # rows the device added (not edited)
    for row, op in conn.execute("SELECT row_uuid, op FROM sync_changes WHERE origin = "
                                "'local' AND seq <= ? ORDER BY seq", (before,)):
        own[row] = op
        if op == "insert":
            added.add(row)
    mine: dict[str, set] = {"insert": set(), "delete": set()}  # rows deleted, rows edited
    for row, op in own.items():
        mine["insert" if op == "delete" else "delete"].add(row)
    kind = {("insert", False): BACK, ("delete", False): GONE, ("insert", True): BACK_UNDONE,
            ("delete", True): GONE_UNDONE}
    as_added = {GONE: ADDED_GONE, GONE_UNDONE: ADDED_GONE_UNDONE}

    def said(tbl: str, row: str, op: str) -> str:
        k = kind[op, (tbl, row) in undone]
        return as_added.get(k, k) if row in added else k
    return [(tbl, row, said(tbl, row, op), feature_name(tbl, values) or row)
            for (tbl, row), (op, values) in last.items() if row in mine[op]]


def settled_in_the_master(src, conn, applier: Applier, master: str, pull_id: str,
                           closing: list[tuple]) -> int:
    """A conflict a pull met (the package's own value, or row, kept against the master's)
    where the package holds, once pulled, what the master holds (a later change of the
    pull, a supervisor's decision say, brought it) is settled: nothing is kept aside, so it
    is neither left open in the package nor counted as kept; so is any conflict of a row
    that is in neither. Returns how many it settled that a pull before this one
    (``pull_id``) met; each it settled is added to ``closing`` (id, table, row, field)."""
    earlier = 0
    tables = registry.by_name(conn)
    for cid, tbl, row, fld, met_by in conn.execute(OPEN_HERE_SQL).fetchall():
        if tbl not in applier.cols:
            continue
        there_cols = set(file_columns(src, tbl))  # (a column it lacks: no value to agree on)
        cols = [c for c in ([fld] if fld is not None else applier.cols[tbl]) if c in there_cols]
        if not cols:
            continue
        cur = applier.current(tbl, row)
        there = src.execute(f"SELECT {', '.join(map(quote, cols))} FROM {quote(tbl)} WHERE "
                            "uuid = ?", (row,)).fetchone()
        if cur is None or there is None:  # the row gone from both: nothing kept aside
            same = cur is None and there is None
        else:
            t = tables[tbl]  # (a geometry by its shape: the master's may be PostGIS's blob)
            same = all(t.same(c, cur[1].get(c), log_values.encode(c, v, applier.blobs[tbl]))
                       for c, v in zip(cols, there))
        if same:
            conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = "
                         "?, resolved_at = ?, resolved_by = ? WHERE id = ?",
                         (SETTLED_IN_MASTER, changelog.now(), master, cid))
            closing.append((cid, tbl, row, fld))
            earlier += met_by != pull_id
    return earlier


def undone_there(conn: sqlite3.Connection, closing: list[tuple], undone_aside: list[tuple]
                  ) -> None:
    """Of the conflicts this pull closed (``closing``: id, table, row, field), those of a
    value of the device's the master had kept aside in a conflict of a merge it undid since
    (:attr:`Result.undone_aside`; a row's: of a field of it) were closed by that undo, not
    settled in the master: their resolution says so."""
    fields = {(t, r, f) for t, r, f, *_ in undone_aside}
    rows = {(t, r) for t, r, *_ in undone_aside}
    for cid, tbl, row, fld in closing:
        if (tbl, row, fld) in fields or fld is None and (tbl, row) in rows:
            conn.execute("UPDATE sync_conflicts SET resolution = ? WHERE id = ?",
                         (UNDONE_IN_MASTER, cid))


def open_there(src, device: str) -> set[tuple[str, str, str | None]]:
    """(table, row, field) of the conflicts the master holds open with this ``device``'s
    value set aside: a supervisor may still choose it, so they are not settled."""
    return {(tbl, row, fld) for tbl, row, fld in src.execute(
        "SELECT tbl, row_uuid, field FROM sync_conflicts WHERE status = 'open' AND device = ?",
        (device,))}


def own_edits_settled(conn: sqlite3.Connection, pull_id: str, changes: set[str],
                       before: int, open_there: set[tuple[str, str, str | None]]) -> int:
    """How many of the package's own edits (its last of each field or row, up to seq
    ``before``) the master's ``changes`` met in this pull (``pull_id``), in conflicts a later
    change of it settled: one edit that met two of them (a delete, then a decision bringing
    the row back with another value) is one. A conflict of a field or row the master holds
    open with this device's value set aside (``open_there``) is not settled: the pull says
    it with the values it replaced."""
    settled = [(cid, row, fld) for cid, tbl, row, fld, change in conn.execute(
        "SELECT id, tbl, row_uuid, field, change_uuid FROM sync_conflicts WHERE merge_id = ? "
        "AND status = 'resolved' AND resolution = ?", (pull_id, SETTLED_IN_MASTER))
        if change in changes and not _held_open(open_there, tbl, row, fld)]
    if not settled:
        return 0
    own: dict[str, list[tuple[str, set[str] | None]]] = {}  # row -> its edits, newest first
    for part in chunks(sorted({row for _, row, _ in settled})):  # (by the log's row index)
        for row, change, new in conn.execute(
                "SELECT row_uuid, change_uuid, new FROM sync_changes WHERE origin = 'local' "
                f"AND seq <= ? AND row_uuid IN {marks(len(part))} ORDER BY seq DESC",
                (before, *part)):
            own.setdefault(row, []).append((change, set(log_values.loads(new)) if new else None))
    edits = {next((change for change, fields in own.get(row, ()) if fld is None or
                   fields is None or fld in fields), f"conflict {cid}")
             for cid, row, fld in settled}
    return len(edits)


def _held_open(open_there: set[tuple[str, str, str | None]], tbl: str, row: str,
               fld: str | None) -> bool:
    """Whether the master holds open the conflict of ``fld`` of a row (None: the row's), or
    one of the row's (a delete it met)."""
    return any(t == tbl and r == row and (fld is None or f in (fld, None))
               for t, r, f in open_there)
