# SPDX-License-Identifier: GPL-2.0-or-later
"""Refused edits of a field package sent again (:mod:`field_kit.sync.refused` finds them at
pull): what the package still holds of each is logged again, once, to go with the next
export, from the values the master holds as far as the package knows (:func:`send_again`);
what it no longer holds is said, by row and field, with why; and at export a new row sent
again takes its mend with it, and an update sent again gives way to its mend
(:func:`fold_mends`)."""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from ..db import chunks, file_columns, marks, transaction
from . import changelog, column_edits, log_reads, log_values, refused, registry, schema_sent
from .field_check import FieldCheck, edit_problems
from .refused import (
    NOT_AGAIN,
    NOW_THE_MASTERS,
    UNMENDED,
    Refusal,
    edit_named,
    masters_values,
    row_values,
)

# why what a pull would send again of an edit refused is not: after NOT_AGAIN and ": "
NO_ROW = "the package no longer holds the row"
HELD_AGAIN = "the package holds the row again"
COPY_GOES = "a later copy of the new row, with its mend, goes instead"
COPY_MERGED = "a later copy of the new row, with its mend, was merged instead"
LATER_UNSENT = "a later edit of it waits to be exported, and goes instead"
LATER_WAITING = "a later edit of it, exported, waits to be merged, and goes instead"
LATER_HELD = "the package now holds a later edit of it"
OTHER_VALUE = "the package now holds another value"
RENAMED_HEAD = "the master renamed the column "
RENAMED = RENAMED_HEAD + "{to}: make the edit again in {to}"
DROPPED = "the master dropped the column"
# a column the package added itself, which the master has not: every merge refuses it
OWN_HEAD = "the master has no column "
OWN = (OWN_HEAD + "{columns}, which this package added (a {role}'s package does not add "
       "columns): ask GIS staff to add {it} to the master and merge this package again, then "
       "pull; or drop the column from the package")

# what a pull says of an edit it sends again: why the merge refused it, where the master's
# fields do not tell, and what to do
MERGE_SAID = "as the merge said"
MEND = "mend it, then export: it is sent again"
MEND_NAMED = "mend what the merge named, then export: it is sent again"
MENDED = "it is sent again with the next export"
PART_SENT = "what the package still holds of it ({fields}) is sent again with the next export"


class _Held(NamedTuple):
    """A refused edit the role may make, as the package holds it now: the fields it set
    (``fields``), the values it wrote, what of it goes again (``sent``; ``old`` and ``new``
    of its log row), the master's values as far as the package knows (``was``), and why
    the rest does not (``dropped``: the tail said -> the fields it is said of)."""
    r: Refusal
    fields: list
    wrote: dict
    still: bool
    sent: dict
    old: str | None
    new: str | None
    was: dict
    dropped: dict


def _held(src: sqlite3.Connection, conn: sqlite3.Connection, refusals: list[Refusal],
          device: str) -> list[_Held]:
    """What the package still holds of each of the ``refusals`` its role may make, and why
    not the rest (read before the pull logs any of them again)."""
    tables = registry.by_name(conn)
    before = _master_held(src, conn, device, [r for r in refusals if r.op == "update"])
    exported = changelog.state(conn)["exported_seq"]
    merged = refused.merged_up_to(src, conn, device)
    gone = column_edits.gone(src)
    own = schema_sent.lacking(src, conn)
    role = changelog.state(conn)["role"]
    out = []
    for r in refusals:
        fields = [c for c in r.fields if c not in r.off_limits]
        if r.why is not None and (r.op != "update" or not fields):
            continue  # the role may never make it: given up (said)
        t = tables[r.table]
        now = row_values(conn, t, r.row)
        old, new, was = r.old, r.new, {}
        wrote = log_values.loads(new or old or "{}")
        later = conn.execute("SELECT seq, change_uuid, op, new FROM sync_changes WHERE "
                             "tbl = ? AND row_uuid = ? AND seq > ? AND origin = 'local' "
                             "ORDER BY seq", (r.table, r.row, r.seq)).fetchall()
        dropped: dict[str, list] = {}
        mine = own.get(r.table, set())
        if r.op == "delete":
            still, sent = now is None, {}
            if not still:
                dropped[HELD_AGAIN] = []
        elif r.op == "insert":
            fields = [c for c in fields if wrote[c] is not None]  # those it set
            copies = [change for _, change, op, _ in later if op == "insert"]
            if now is None:
                dropped[NO_ROW] = fields
            elif copies:  # a copy of it, with its mend, went with a later export
                took = src.execute("SELECT 1 FROM sync_applied WHERE device = ? AND "
                                   "change_uuid = ?", (device, copies[-1])).fetchone()
                dropped[COPY_MERGED if took else COPY_GOES] = fields
            still = not dropped
            sent = {c: v for c, v in (now or {}).items() if c not in mine}
            if still:  # (goes without the columns the master has not)
                new = log_values.dumps(sent)
                if lacks := [c for c in fields if c in mine and (now or {}).get(c) is not None]:
                    dropped[_own(lacks, role)] = lacks
                    fields = [c for c in fields if c not in mine]
        else:  # what the package still holds of it, but a column the master renamed or
            # dropped since (refused again at every merge, it held up the rest of the edit)
            left = gone.get(r.table, {})
            both = set(file_columns(src, t.name))
            sent = {c: wrote[c] for c in fields if now is not None and now.get(c) == wrote[c]
                    and not (c in left and c not in both) and c not in mine}
            still = bool(sent)
            was = {**(log_values.loads(old) if old else {}), **before.get(r.change, {})}
            old = log_values.dumps({c: was.get(c) for c in sent})
            new = log_values.dumps(sent)
            there = None if now is None else row_values(
                src, t, r.row, [c for c in fields if c in both])
            if lacks := [c for c in fields if c in mine]:
                dropped[_own(lacks, role)] = lacks
            for c in fields:
                if c not in sent and c not in mine:
                    why = _gone(left[c]) if c in left and c not in both else \
                        _why_not(c, now, there, later, exported, merged)
                    dropped.setdefault(why, []).append(c)
        out.append(_Held(r, fields, wrote, still, sent, old, new, was, dropped))
    return out


def _own(columns: list[str], role: str) -> str:
    """Why a field of a column the package added itself, which the master has not, is not
    sent again."""
    return OWN.format(columns=", ".join(columns), role=role,
                      it="it" if len(columns) == 1 else "them")


def _gone(gone: dict) -> str:
    """Why a field of a column the master renamed or dropped is not sent again."""
    return RENAMED.format(to=gone["renamed_to"]) if gone.get("renamed_to") else DROPPED


def _why_not(c: str, now: dict | None, there: dict | None, later: list, exported: int,
             merged: int) -> str:
    """Why a field a refused update set is not sent again: the row gone, a later edit of
    the field (not exported; exported, not merged yet; refused too), the master's value
    brought, or another value."""
    if now is None:
        return NO_ROW
    edits = [seq for seq, _, op, new in later if op == "update" and c in log_values.loads(
        new or "{}")]
    if edits and edits[-1] > exported:
        return LATER_UNSENT
    if edits and edits[-1] > merged:
        return LATER_WAITING
    if there is not None and c in there and there[c] == now.get(c):
        return NOW_THE_MASTERS
    return LATER_HELD if edits else OTHER_VALUE


def send_again(src: sqlite3.Connection, conn: sqlite3.Connection, refusals: list[Refusal],
               device: str) -> tuple[list[tuple], list[tuple]]:
    """Log again what the package still holds of the ``refusals`` its role may make (inside
    the pull's transaction, capture off, once the pull wrote what it brings). What the pull
    says, as :func:`~field_kit.sync.refused.said` does, (table, row, op, the fields, the
    sentence): of each edit sent again (:func:`_logged_again`), and of what it no longer
    holds, not sent again, by row and field, and why (:func:`_not_sent`)."""
    held = _held(src, conn, refusals, device)  # (read once, before anything is logged)
    check = FieldCheck(src)
    return _logged_again(src, conn, held, check, device), _not_sent(src, conn, held, check)


def _not_sent(src: sqlite3.Connection, conn: sqlite3.Connection, held: list[_Held],
              check: FieldCheck) -> list[tuple[str, str, str, list, str]]:
    tables = registry.by_name(conn)
    out = []
    for h in held:
        why = f", {MERGE_SAID}"
        if h.r.why is not None:
            why = f": {h.r.why}"
        elif h.dropped and h.r.op != "delete":
            t = tables[h.r.table]
            there = masters_values(src, t, h.r.row)
            problems = edit_problems(check, h.r.table, h.r.op, h.wrote, there)
            why = f": {'; '.join(problems)}" if problems else why
        for tail, fields in h.dropped.items():
            if tail == NOW_THE_MASTERS and len(fields) > 1:
                tail += "s"
            out.append((h.r.table, h.r.row, h.r.op, fields,
                        f"{edit_named(h.r, fields)} was refused{why}; {NOT_AGAIN}: {tail}"))
    return out


def _logged_again(src: sqlite3.Connection, conn: sqlite3.Connection, held: list[_Held],
                  check: FieldCheck, device: str) -> list[tuple[str, str, str, list[str], str]]:
    tables = registry.by_name(conn)
    again, out, unmended, updates = [], [], [], []
    for h in held:
        r = h.r
        _later_from_the_masters(conn, h)
        if not h.still:
            continue
        change = changelog.new_uuid()
        again.append((change, r.table, r.row, r.op, h.old, h.new, device, r.at, "local",
                      None))
        if r.op == "insert" and edit_problems(check, r.table, r.op, h.sent, None):
            unmended.append(change)  # refused again as it is: its mend goes as a new copy
        if r.op == "update":
            updates.append(change)  # its mend, if any, goes in its stead (fold_mends)
        out.append((r.table, r.row, r.op, h.fields, _resent(
            check, src, tables[r.table], r, {c: h.wrote[c] for c in h.fields}, h.sent,
            gone=any(why == DROPPED or why.startswith((RENAMED_HEAD, OWN_HEAD))
                     for why in h.dropped))))
    changelog.record(conn, again)
    if unmended:
        registry.set_meta(conn, UNMENDED, json.dumps(refused.unmended(conn) + unmended))
    if updates:
        registry.set_meta(conn, refused.RESENT, json.dumps(refused.resent(conn) + updates))
    return out


def _later_from_the_masters(conn: sqlite3.Connection, h: _Held) -> None:
    """A later edit of a field a refused update set (or the row's delete), not exported yet,
    goes from the value the master holds as far as the package knows, not from the refused
    one (which the master never held: the merge would take it for a conflict)."""
    fields = [] if h.r.op != "update" else \
        h.dropped.get(LATER_UNSENT, []) + h.dropped.get(NO_ROW, [])
    if not fields:
        return
    exported = changelog.state(conn)["exported_seq"]
    first: dict[int, list] = {}  # seq of the first later edit of each field -> the fields
    old_of: dict[int, str | None] = {}
    left = set(fields)
    for seq, op, old, new in conn.execute(
            "SELECT seq, op, old, new FROM sync_changes WHERE tbl = ? AND row_uuid = ? AND "
            "seq > ? AND origin = 'local' ORDER BY seq", (h.r.table, h.r.row, h.r.seq)):
        touched = log_values.loads(new) if new and op == "update" else \
            log_values.loads(old) if old and op == "delete" else {}
        for c in left & set(touched):
            left.discard(c)
            if seq > exported:  # (exported: a master may hold it already; left as it is)
                first.setdefault(seq, []).append(c)
                old_of[seq] = old
    for seq, cols in first.items():
        was = old_of[seq]
        values = log_values.loads(was) if was else {}
        values.update({c: h.was.get(c) for c in cols})
        conn.execute("UPDATE sync_changes SET old = ? WHERE seq = ?",
                     (log_values.dumps(values), seq))


def fold_mends(conn: sqlite3.Connection) -> int:
    """Fold into each new row sent again after a refusal (a local insert of a row the log
    holds an earlier local insert of), not exported yet, the package's later edits of it,
    none exported either: the row goes as mended. Sent apart, the merge would refuse the
    row again for what it held when the pull logged it again, and the mend with it, as an
    edit of a row it does not hold. The package's edits of the row before it, not exported
    either, it holds already: they go no more. A new row logged again with the values the
    master refused, exported so before it was mended, goes once more as a new copy with its
    mend (:func:`_copies`). An update sent again, not exported, gives way to the package's
    later edits of its fields (:func:`_updates_mended`). Nothing exported is rewritten (a
    merge knows a change by its uuid). Returns how many edits were folded."""
    exported = changelog.state(conn)["exported_seq"]
    copies = _copies(conn, "sync_changes", exported)
    updates = _updates_mended(conn, "sync_changes", exported)
    rows = _new_rows_mended(conn, "sync_changes", exported)
    listed = refused.resent(conn)
    if not (copies or updates or rows or listed):
        return 0
    folded = sum(len(later) for *_, later in copies)
    with transaction(conn, join=True):
        if copies:
            for _, tbl, row, values, device, at, later in copies:
                conn.executemany("DELETE FROM sync_changes WHERE seq = ?",
                                 [(s,) for s in later])
                changelog.record(conn, [(changelog.new_uuid(), tbl, row, "insert", None,
                                         log_values.dumps(values), device, at, "local", None)])
            used = {change for change, *_ in copies}
            registry.set_meta(conn, UNMENDED, json.dumps(
                [c for c in refused.unmended(conn) if c not in used]))
        for rewrites, gone in updates:
            conn.executemany("UPDATE sync_changes SET old = ?, new = ? WHERE seq = ?",
                             [(old, new, seq) for seq, (old, new) in rewrites.items()])
            conn.executemany("DELETE FROM sync_changes WHERE seq = ?", [(s,) for s in gone])
            folded += len(gone)
        for seq, values, gone in rows:
            conn.execute("UPDATE sync_changes SET new = ? WHERE seq = ?",
                         (log_values.dumps(values), seq))
            conn.executemany("DELETE FROM sync_changes WHERE seq = ?", [(s,) for s in gone])
            folded += len(gone)
        if listed:  # (those exported, or folded away, no more to fold)
            waiting = refused.logged_after(conn, listed, exported)
            registry.set_meta(conn, refused.RESENT, json.dumps(
                [c for c in listed if c in waiting]))
    return folded


def folded_away(conn: sqlite3.Connection) -> int:
    """How many fewer changes the next export sends than the package logs, not exported,
    for :func:`fold_mends` (edits not sealed yet counted): so status says what goes. Reads
    only."""
    exported = changelog.state(conn)["exported_seq"]
    log = f"({log_reads.log_sql(conn)})"
    copies = _copies(conn, log, exported)
    gone: set[int] = set()
    for *_, later in copies:
        gone.update(later)
    for _, seqs in _updates_mended(conn, log, exported):
        gone.update(seqs)
    for _, _, seqs in _new_rows_mended(conn, log, exported):
        gone.update(seqs)
    return len(gone) - len(copies)


def _new_rows_mended(conn: sqlite3.Connection, log: str, exported: int
                     ) -> list[tuple[int, dict, list[int]]]:
    """Each new row sent again, not exported (its seq), its values with its later edits,
    and the edits folded into it (from ``log``: the log, or with the edits not sealed)."""
    out = []
    for seq, tbl, row, new in conn.execute(
            "SELECT i.seq, i.tbl, i.row_uuid, i.new FROM sync_changes i WHERE i.seq > ? AND "
            "i.origin = 'local' AND i.op = 'insert' AND EXISTS (SELECT 1 FROM sync_changes "
            "e WHERE e.row_uuid = i.row_uuid AND e.tbl = i.tbl AND e.op = 'insert' AND "
            "e.origin = 'local' AND e.seq < i.seq) ORDER BY i.seq", (exported,)).fetchall():
        values, gone = log_values.loads(new or "{}"), []
        for later, op, origin, edit in conn.execute(
                f"SELECT seq, op, origin, new FROM {log} WHERE row_uuid = ? AND tbl = ? AND "
                "seq > ? ORDER BY seq", (row, tbl, seq)):
            if op != "update" or origin != "local":
                break  # (a delete, or what the sync wrote: the rest goes as it is)
            values.update(log_values.loads(edit) if edit else {})
            gone.append(later)
        earlier = conn.execute(f"SELECT seq, op, origin FROM {log} WHERE row_uuid = ? AND "
                               "tbl = ? AND seq > ? AND seq < ?",
                               (row, tbl, exported, seq)).fetchall()
        if all(op == "update" and origin == "local" for _, op, origin in earlier):
            gone += [s for s, _, _ in earlier]  # (not after a delete: as they are)
        if gone:
            out.append((seq, values, gone))
    return out


def _copies(conn: sqlite3.Connection, log: str, exported: int) -> list[tuple]:
    """Each new row a pull logged again with the values the master refused
    (:data:`UNMENDED`) that went with an export so, not merged yet as far as the package
    knows, and was mended since, its mend not exported: the merge refuses that copy once
    more, and the mend with it, as an edit of a row it does not hold. The mend goes in a
    new copy only: (the change, table, row, the values, device, time, the edits in it)."""
    out = []
    for change in refused.unmended(conn):
        got = conn.execute("SELECT seq, tbl, row_uuid, new, device FROM sync_changes "
                           "WHERE change_uuid = ?", (change,)).fetchone()
        if got is None or got[0] > exported:
            continue  # (not exported: folded as it is)
        seq, tbl, row, new, device = got
        later = conn.execute(f"SELECT seq, op, origin, new, at FROM {log} WHERE row_uuid = ? "
                             "AND tbl = ? AND seq > ? ORDER BY seq", (row, tbl, seq)).fetchall()
        if not later or any(op != "update" or origin != "local" or s <= exported
                            for s, op, origin, _, _ in later):
            continue
        values = log_values.loads(new or "{}")
        for *_, edit, _ in later:
            values.update(log_values.loads(edit) if edit else {})
        out.append((change, tbl, row, values, device, later[-1][4], [s for s, *_ in later]))
    return out


def _updates_mended(conn: sqlite3.Connection, log: str, exported: int
                    ) -> list[tuple[dict[int, tuple], list[int]]]:
    """Each update a pull logged again (:data:`~field_kit.sync.refused.RESENT`), not
    exported, whose fields the package edited since (its mend), none of those edits
    exported: the first later edit of each such field goes from the value the update went
    from (the master's), and the update no more with that field; a field set back to it goes
    no more in that edit either. Sent as it was, the update carries the value the master
    refused, which it refuses again, and the mend meets the master's value with the refused
    one as its old: a conflict of the device with itself. (The rewritten edits, seq -> (old,
    new), and the edits that go no more.)"""
    out = []
    for change in refused.resent(conn):
        got = conn.execute("SELECT seq, tbl, row_uuid, old, new FROM sync_changes WHERE "
                           "change_uuid = ? AND op = 'update'", (change,)).fetchone()
        if got is None or got[0] <= exported:
            continue
        seq, tbl, row, old, new = got
        was, sent = log_values.loads(old or "{}"), log_values.loads(new or "{}")
        rewrites: dict[int, tuple] = {}
        gone: list[int] = []
        left = set(sent)
        for later, op, edit_old, edit_new in conn.execute(
                f"SELECT seq, op, old, new FROM {log} WHERE row_uuid = ? AND tbl = ? AND "
                "seq > ? AND origin = 'local' ORDER BY seq", (row, tbl, seq)).fetchall():
            if not left:
                break
            before, after = log_values.loads(edit_old or "{}"), log_values.loads(edit_new or "{}")
            touched = left & set(after if op == "update" else before if op == "delete" else ())
            if not touched:
                continue
            left -= touched
            for c in touched:
                before[c] = was.get(c)
                sent.pop(c)
                if op == "update" and after[c] == before[c]:  # set back: nothing to send
                    del before[c], after[c]
            if op == "update" and not after:
                gone.append(later)
            else:
                rewrites[later] = (log_values.dumps(before), edit_new if op != "update" else
                                   log_values.dumps(after))
        if not rewrites and not gone:
            continue  # (no later edit of its fields)
        if sent:
            rewrites[seq] = (log_values.dumps({c: was.get(c) for c in sent}),
                             log_values.dumps(sent))
        else:
            gone.append(seq)
        out.append((rewrites, gone))
    return out


def _master_held(src: sqlite3.Connection, conn: sqlite3.Connection, device: str,
                 updates: list[Refusal]) -> dict[str, dict]:
    """By change, the values the master holds, as far as the package knows, of the fields
    each refused update of ``updates`` set: where an earlier edit of the field the master
    never took (refused too) went before it, the value before that one, not the one the
    edit found in the package (which the master never held: sent again with it, the merge
    would take it for a conflict)."""
    if not updates:
        return {}
    rows = sorted({r.row for r in updates})
    last = max(r.seq for r in updates)
    log = []
    for part in chunks(rows):
        log += conn.execute(
            "SELECT seq, change_uuid, tbl, row_uuid, op, old, new, origin FROM sync_changes "
            f"WHERE row_uuid IN {marks(len(part))} AND seq <= ?", (*part, last)).fetchall()
    log.sort()
    mine = [e[1] for e in log if e[7] == "local"]
    taken: set[str] = set()  # the package's edits the master holds a fate of
    for part in chunks(mine):
        taken.update(u for (u,) in src.execute(
            f"SELECT change_uuid FROM sync_applied WHERE device = ? AND change_uuid IN "
            f"{marks(len(part))}", (device, *part)))
    asked = {r.change for r in updates}
    held: dict[tuple, dict] = {}  # (table, row) -> field -> the master's value before
    out = {}
    for _, change, tbl, row, op, old, new, origin in log:
        known = held.setdefault((tbl, row), {})
        if op != "update":
            known.clear()
            continue
        wrote = log_values.loads(new) if new else {}
        if origin == "local" and change not in taken:  # never taken: the master's stays
            found = log_values.loads(old) if old else {}
            for c in wrote:
                known.setdefault(c, found.get(c))
            if change in asked:
                out[change] = {c: known[c] for c in wrote}
        else:
            for c in wrote:
                known.pop(c, None)
    return out


def _resent(check: FieldCheck, src: sqlite3.Connection, t: registry.Tracked, r: Refusal,
            wrote: dict, sent: dict, gone: bool = False) -> str:
    """What a pull says of a refused edit it sends again: the edit (``wrote``: the values it
    set), why the master ``src`` refused it (the role's reason, or its values as the
    master's fields take them: :func:`edit_problems`) and what to do, as ``sent`` (the
    values sent again) is; ``gone``: fields of it left behind are of columns the master
    renamed or dropped (what held the rest up)."""
    what = edit_named(r, list(wrote))
    if r.why is not None:  # refused for the fields the role may not change (named first, as
        # the reason names them): the rest goes
        return (f"{edit_named(r, [*r.off_limits, *wrote])} was refused: {r.why}; "
                + PART_SENT.format(fields=", ".join(sent or wrote)))
    there = masters_values(src, t, r.row)
    why = edit_problems(check, r.table, r.op, wrote, there) if r.op != "delete" else []
    if not why:
        return f"{what} was refused, {MERGE_SAID}; " + ((
            PART_SENT.format(fields=", ".join(sent)) if r.op == "update" else MENDED)
            if gone else MEND_NAMED)
    if edit_problems(check, r.table, r.op, sent, there):
        return f"{what} was refused: {'; '.join(why)}; {MEND}"
    if r.op == "update" and len(sent) < len(wrote):
        return f"{what} was refused: {'; '.join(why)}; " + PART_SENT.format(
            fields=", ".join(sent))
    return f"{what} was refused: {'; '.join(why)}; {MENDED}"
