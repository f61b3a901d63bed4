# SPDX-License-Identifier: GPL-2.0-or-later
"""Edits of a field package that the master refused, found at pull: sent again once, or,
where the package's role may never make them, given up with the master's values.

A merge refuses an edit whole (a value its column cannot take, a column the master lacks, a
table or column the package's role may not change) and names it; the master then never
holds it, but the package does, and without more it would say nothing is waiting. At each
pull the package's edits the master has merged since the last pull and holds no fate of
(``sync_applied``) are refused ones:

* one the package's role may not make (:func:`field_kit.sync.outcomes.refusal`, by the
  master's grants) can never be mended on the device: it is not sent again; the pull gives
  the package the master's values of what it wrote and says so, by name (:func:`said`);
* any other, where the package still holds what it wrote, is logged again, once, as this
  device's, with its own time, to go with the next export (mended meanwhile, it is applied;
  not, the merge names it again and the pull after that logs it again, once). The pull says
  so, by name, with the fields the edit set and why the merge refused it, as far as the
  master's fields tell; what the package no longer holds of it (the row gone, the field
  changed again or the master's) is not sent again, and the pull says so, by row and field,
  and why (:mod:`field_kit.sync.sent_again`).

How far the master merged this package's edits, and which of those merges were undone, is
told by the package's own exports the master recorded (``sync_merges.package_sha256``), not
by the device's mark and seqs alone: a QField project copied to a phone is a second package
of the device, numbering its edits as this one does, whose merges (and their undoing) say
nothing of what this one sent. An edit logged again waits, unexported or exported and not
merged yet, until a merge of the export that carries it; it is never logged again meanwhile.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from ..db import chunks, file_columns, in_command, marks, path_of, quote, table_exists
from ..plan import schema
from ..plan.values import feature_name, names_in
from . import changelog, log_values, registry
from .outcomes import refusal, table_grant_asked

SEEN = "refusals_seen_up_to"  # sync_meta: the seq up to which the package's edits were looked at
# sync_meta of a package: [sha256, last seq] of each export the master had not merged at the
# last pull (absent in a package checked out by an earlier version)
EXPORTS = "exports_not_merged"
# sync_meta of a package: the changes (uuids) of new rows a pull logged again with the values
# the master refused, until a pull looks at their merge (their mend goes as a new copy)
UNMENDED = "resent_unmended"
# sync_meta of a package: the changes (uuids) of updates a pull logged again, until exported:
# a later edit of a field one set, its mend, goes in its stead, from the master's value
RESENT = "resent_updates"
# sync_meta of a package: the refused edits a pull handled (given up for the master's values,
# or logged again as new copies): never sent again, not even by export --all
HANDLED = "refusals_handled"
# sync_meta of a package: those of the edits given up (in HANDLED) that the pull could not give
# the master's values of (the master holds no such row, or no such layer any more; a later
# edit of the row waits): the package still holds what they wrote, which its record of
# each row's state (repair's) replays as any edit
HELD = "refusals_given_up_as_held"

# what a pull did with an edit it gave up: the tail of what it says
NOW_THE_MASTERS = "the package now holds the master's value"
GONE = "the package no longer holds the row, which the master never took"
BACK = "the row is back in the package, as the master holds it"
MOVED_BACK = "the feature is back where the master has it"  # (its geometry the master's)
NOT_AGAIN = "it is not sent again"
LATER_EDIT = "; a later edit of the row waits to be sent"

# a merge's refusal of an edit of a layer the master dropped since the package's checkout
# (change_list), and the pull's of sending it again: given up
DROPPED_LAYER = ("layer {layer} was dropped from the master, after this package was checked "
                 "out (GIS staff can add it to the master again, then merge this package again)")


class Refusal(NamedTuple):
    """A refused edit of the package: its log row, what it wrote (``fields``; empty for a
    delete) and, where the role may not make it, why (``why``), the fields of it the role
    may not write (``off_limits``: all of them for a table the role may not change) and the
    row's name."""
    seq: int
    change: str
    table: str
    row: str
    op: str
    old: str | None
    new: str | None
    at: str
    fields: tuple
    why: str | None = None
    off_limits: tuple = ()
    name: str = ""


def note_export(conn: sqlite3.Connection, sha256: str, last: int) -> None:
    """Note an export of the package (in its transaction): the master, once it merged it,
    holds it by ``sha256``."""
    listed = registry.meta(conn, EXPORTS)
    waiting = json.loads(listed) if listed else []
    registry.set_meta(conn, EXPORTS, json.dumps([*waiting, [sha256, last]]))


def mark_checkout(conn: sqlite3.Connection) -> None:
    """A new package: nothing exported, nothing looked at."""
    registry.set_meta(conn, EXPORTS, "[]")
    conn.executemany("DELETE FROM sync_meta WHERE key = ?", [(SEEN,), (UNMENDED,), (HANDLED,),
                                                          (HELD,), (RESENT,)])


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


def handled(conn: sqlite3.Connection) -> list[str]:
    """The refused edits (by change) a pull gave up or logged again: an export of all the
    package's edits leaves them out (sent, the master would take a value the package no
    longer holds, or the edit twice)."""
    listed = registry.meta(conn, HANDLED)
    return json.loads(listed) if listed else []


def held(conn: sqlite3.Connection) -> list[str]:
    """The edits a pull gave up whose row it could not give the master's values (by change):
    the package holds what they wrote still."""
    listed = registry.meta(conn, HELD)
    return json.loads(listed) if listed else []


def not_held(conn: sqlite3.Connection, tables: list[str]) -> None:
    """The package holds ``tables`` as the master does now, their record written anew (a
    layer the master rewrote, brought whole): no edit of them given up is held as written."""
    kept = held(conn)
    if kept and tables:
        registry.set_meta(conn, HELD, json.dumps(sorted(set(kept) - {u for (u,) in conn.execute(
            "SELECT change_uuid FROM sync_changes WHERE tbl IN (SELECT value FROM "
            "json_each(?))", (json.dumps(tables),))})))


def replaced(conn: sqlite3.Connection) -> list[str]:
    """The refused edits (by change) a pull gave up for the master's values or logged again:
    what the row holds since is logged after them, the mend of one folded away (those
    :func:`held` are not among them)."""
    kept = set(held(conn))
    return [c for c in handled(conn) if c not in kept]


def unmended(conn: sqlite3.Connection) -> list[str]:
    """The new rows a pull logged again with the values the master refused (by change)."""
    listed = registry.meta(conn, UNMENDED)
    return json.loads(listed) if listed else []


def resent(conn: sqlite3.Connection) -> list[str]:
    """The updates a pull logged again (by change), exported or not."""
    listed = registry.meta(conn, RESENT)
    return json.loads(listed) if listed else []


def logged_after(conn: sqlite3.Connection, changes: list[str], seq: int) -> set[str]:
    """Those of ``changes`` the package logs after ``seq``."""
    return {u for (u,) in conn.execute(
        "SELECT change_uuid FROM sync_changes WHERE seq > ? AND change_uuid IN (SELECT value "
        "FROM json_each(?))", (seq, json.dumps(changes)))}


def looked_at(conn: sqlite3.Connection, merged: int, refusals: Sequence[Refusal] = (),
              as_held: Sequence[str] = ()) -> None:
    """The package's edits up to seq ``merged`` are looked at: its exports up to there are
    no longer waiting for a merge, and the ``refusals`` found there are handled; those of
    them ``as_held`` (changes: :func:`given_up_as_held`) the package holds still."""
    registry.set_meta(conn, SEEN, str(merged))
    if refusals:
        registry.set_meta(conn, HANDLED, json.dumps(handled(conn) + [r.change
                                                                    for r in refusals]))
    if as_held:
        registry.set_meta(conn, HELD, json.dumps(held(conn) + list(as_held)))
    logged = unmended(conn)
    if logged:  # (their merge looked at: refused again, a pull logged them again)
        waiting = logged_after(conn, logged, merged)
        registry.set_meta(conn, UNMENDED, json.dumps([u for u in logged if u in waiting]))
    listed = registry.meta(conn, EXPORTS)
    if listed is not None:
        registry.set_meta(conn, EXPORTS, json.dumps(
            [e for e in json.loads(listed) if e[1] > merged]))


def found(src: sqlite3.Connection, conn: sqlite3.Connection, device: str, role: str,
          merged: int) -> list[Refusal]:
    """The package ``conn``'s edits the master ``src`` refused, merged up to seq ``merged``
    since the last pull, each with why the role may not make it where it may not."""
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
    undone = _undone(src, conn, device)
    fated.update(handled(conn))  # (given up before: a layer the master rewrote, say)
    tables = registry.by_name(conn)
    grants = registry.grants(src, role)
    dropped = registry.dropped(src)
    out = []
    for seq, change, tbl, row, op, old, new, at in edits:
        if change in fated or tbl not in tables or any(a <= seq <= b for a, b in undone):
            continue
        wrote = log_values.loads(new or old or "{}")
        fields = () if op == "delete" else tuple(wrote)
        name = _name(src, conn, tbl, row, old, wrote, tables[tbl].blobs)
        why = (refusal(grants, role, tbl, op, wrote.keys(), tables[tbl].geom)
               if tbl not in dropped else DROPPED_LAYER.format(layer=tbl))
        if why is None:
            out.append(Refusal(seq, change, tbl, row, op, old, new, at, fields, name=name))
            continue
        # a role granted some columns: those of them the edit wrote may still be sent
        off = fields if op != "update" or tbl in dropped or \
            registry.may_write(grants, tbl) == "*" else \
            tuple(c for c in fields if registry.may_write(grants, tbl, [c]) is not None)
        out.append(Refusal(seq, change, tbl, row, op, old, new, at, fields, why, off, name))
    return out


def _undone(src: sqlite3.Connection, conn: sqlite3.Connection, device: str
            ) -> list[tuple[int, int]]:
    """The seqs (from, to) of the package ``conn``'s exports whose merge was undone: a merge
    undone took its edits out on purpose, and they are not sent again. Told by the exports
    the package noted (by sha256), not by the device's seqs alone: another copy of the
    project numbers its own edits as this one does, and the undoing of its merge says
    nothing of this one's (a package from an earlier version noted none: the device's)."""
    listed = registry.meta(conn, EXPORTS)
    mine = None if listed is None else {sha for sha, _ in json.loads(listed)}
    return [(a, b) for a, b, sha in src.execute(
        "SELECT seq_from, seq_to, package_sha256 FROM sync_merges WHERE device = ? AND "
        "undone_at IS NOT NULL AND seq_from IS NOT NULL", (device,))
        if mine is None or sha in mine]


def _name(src, conn, tbl: str, row: str, old: str | None, wrote: dict, blobs=()) -> str:
    """A row by its own name (a patch by its code, a record by its patch or project and
    day) as it was before the edit: as the edit found it, or the master holds it (which
    refused it); else as the package holds it or the edit wrote it (never by a value of its
    BLOB columns, ``blobs``); else by its uuid. (The package holds the edit: a code refused
    there names another row, or none, or a blank.)"""
    found = log_values.loads(old) if old else {}
    before = found.get(schema.CODES[tbl]) if tbl in schema.CODES else None  # (a code edited)
    held = [names_in(db, [(tbl, row)]).get((tbl, row)) for db in (src, conn)]
    for name in (before, *held, feature_name(tbl, wrote, blobs)):
        if name is not None and str(name).strip():
            return str(name)
    return row


def to_the_master(refusals: list[Refusal]) -> list[tuple[str, str, list | None]]:
    """(table, row, fields, or None for the whole row) a pull gives the master's values for
    the edits the role may not make."""
    return [(r.table, r.row, None if r.op != "update" else list(r.off_limits))
            for r in refusals if r.why is not None]


def edit_named(r: Refusal, fields: list[str]) -> str:
    """A refused edit as a pull names it: its kind, its row, and the fields it set."""
    kind = {"update": "edit", "insert": "new row"}.get(r.op, r.op)
    return f"your {kind} of {r.table} {r.name}" + (f" ({', '.join(fields)})" if fields else "")


def row_values(db: sqlite3.Connection, t: registry.Tracked, row: str, cols=None) -> dict | None:
    """A row of the package (or, by ``cols``, of the master) as the log writes it, or None
    where it has none."""
    cols = t.column_names if cols is None else cols
    got = db.execute(f"SELECT {', '.join(['1', *map(quote, cols)])} FROM {quote(t.name)} "
                     "WHERE uuid = ?", (row,)).fetchone()
    return None if got is None else {c: log_values.encode(c, v, t.blobs)
                                     for c, v in zip(cols, got[1:])}


def masters_values(src: sqlite3.Connection, t: registry.Tracked, row: str) -> dict | None:
    """A row of the master ``src`` as the log writes it, in the columns both it and the
    package track (a column only the package has is its own), or None where it has none
    (nor the layer: dropped from the master)."""
    if not table_exists(src, t.name):
        return None
    both = set(file_columns(src, t.name))
    return row_values(src, t, row, [c for c in t.column_names if c in both])


def said(src: sqlite3.Connection, conn: sqlite3.Connection, refusals: list[Refusal],
         waiting: set[str]) -> list[tuple[str, str, str, list, str]]:
    """What a pull says of each edit it gave up, once it gave the package the master's
    values: (table, row, op, fields, the sentence). ``waiting``: the rows the package holds
    later edits of, not sent yet (left as they are)."""
    tables = registry.by_name(conn)
    role = changelog.state(conn)["role"]
    grants = registry.grants(src, role)
    out = []

    def asked(r: Refusal) -> str:  # (a layer dropped is no grant's doing)
        return "" if r.why is None or r.why.startswith("layer ") else \
            table_grant_asked(grants, role, r.table)
    for r in _given_up(refusals):
        t = tables[r.table]
        done = _as_the_masters(src, conn, t, r)
        if r.op == "update":
            fields = list(r.off_limits)
            tail = MOVED_BACK if fields == [t.geom] else \
                NOW_THE_MASTERS + ("s" if len(fields) > 1 else "")
        else:
            fields = []
            tail = GONE if r.op == "insert" else BACK
        if not done:
            tail = NOT_AGAIN + (LATER_EDIT if r.row in waiting else "")
        out.append((r.table, r.row, r.op, fields, f"{edit_named(r, fields)} was refused: {r.why}; "
                                                  f"{tail}{typed_kept(conn, t, r, fields)}"
                                                  f"{asked(r)}"))
    return out


def typed_kept(conn: sqlite3.Connection, t: registry.Tracked, r: Refusal, fields: list) -> str:
    """What a pull adds of an edit it gave up: the values typed, which the package no longer
    holds (its log keeps them, which the history command reads); "" for a delete."""
    if r.op == "delete":
        return ""
    wrote = log_values.loads(r.new or "{}")
    cols = fields or [c for c in r.fields if wrote.get(c) is not None and c != registry.KEY]
    if not cols:
        return ""
    values = ", ".join(f"{c} (a shape)" if c in t.blobs else f"{c} = {_typed(wrote.get(c))}"
                       for c in cols)
    return (f"; you typed {values}: the package's history keeps it (field-kit history "
            f"{in_command(path_of(conn))} {r.row})")


def _typed(value) -> str:
    return "empty" if value is None else repr(value) if isinstance(value, str) else str(value)


def _given_up(refusals: list[Refusal]) -> list[Refusal]:
    """Those of ``refusals`` given up, whole or in part (the fields the role may not write)."""
    return [r for r in refusals if r.why is not None and (r.op != "update" or r.off_limits)]


def _as_the_masters(src: sqlite3.Connection, conn: sqlite3.Connection, t: registry.Tracked,
                    r: Refusal) -> bool:
    """Whether the package holds the row of the given-up ``r`` as the master does, once the
    pull gave it the master's values: the fields given up, or the row there or not."""
    here = row_values(conn, t, r.row)
    there = masters_values(src, t, r.row)
    if r.op == "update":
        return here is not None and there is not None and all(
            here.get(c) == there.get(c) for c in r.off_limits)
    return (here is None) == (there is None) and (r.op == "insert") == (here is None)


def given_up_as_held(src: sqlite3.Connection, conn: sqlite3.Connection,
                     refusals: list[Refusal]) -> list[str]:
    """The changes of the edits of ``refusals`` given up whose row the package still holds
    as it wrote it, the master's values not given (no such row or layer in the master, or a
    later edit of the row waiting): read after the pull gave what it could."""
    tables = registry.by_name(conn)
    return [r.change for r in _given_up(refusals)
            if not _as_the_masters(src, conn, tables[r.table], r)]


__all__ = ["EXPORTS", "HANDLED", "HELD", "NOT_AGAIN", "NOW_THE_MASTERS", "RESENT", "SEEN",
           "UNMENDED", "Refusal", "edit_named", "found", "given_up_as_held", "handled", "held",
           "logged_after", "looked_at", "mark_checkout", "masters_values", "merged_up_to",
           "not_held", "note_export", "replaced", "resent", "row_values", "said",
           "to_the_master", "unmended"]
