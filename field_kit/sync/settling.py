# SPDX-License-Identifier: GPL-2.0-or-later
"""Settling conflicts (``resolve``): one open conflict, a list of them, or all those of a merge,
package file or device, in one transaction.

A decision is written as an ordinary recorded change (origin ``resolve:<conflict id>``,
device = the master's, :mod:`~field_kit.sync.decision`), so it reaches the field packages on
their next pull; a decision that changes nothing writes none (it is kept in
``sync_conflicts``), so no later three-way decision meets it as an edit. A decision is made
against the "ours" the conflict recorded: where the master's value changed since (an edit in
QGIS or psql, a later merge), ``resolve`` refuses it, naming every such conflict, and
changes nothing, unless it keeps what is there or is told to write over it
(:mod:`~field_kit.sync.later_edits`). Once every decision of the call is written, the rows
are checked as a whole (:mod:`~field_kit.sync.pairs`) and what followed them is said.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from ..bilingual import Text, counted, them
from ..db import connect, transaction
from ..errors import BadInput, CodeTaken
from ..plan import schema
from ..plan.names import choice_of
from ..plan.values import names_in
from . import (
    capture_switch,
    changelog,
    codes_follow,
    decision,
    log_reads,
    own_triggers,
    pairs,
    phase_period,
    project_figures,
    rederive,
    registry,
    restored_no_photo,
)
from .conflict_reads import held_for, row_exists
from .conflicts import DROPPED, Conflict, closed_of, user_name
from .conflicts_now import CONFLICT_COLUMNS, conflicts
from .later_edits import refuse_later_edits
from .three_way import Applier

TAKES = ("ancestor", "ours", "theirs")
# each side a decision takes, by the words the conflicts are listed with (--take takes them)
TAKE_WORDS = {"ancestor": Text("共同祖先", "ancestor"), "ours": Text("主库现值", "ours"),
              "theirs": Text("另一方", "theirs")}


def take_named(typed: str) -> str:
    """The side ``typed`` names by its word in either language (另一方: theirs), or ``typed``
    as it is where it names none."""
    return choice_of(typed, TAKE_WORDS) or typed


# Where each step of settling ends on its progress (0..1), by the time each takes on a
# package's thousands of conflicts: the check for later edits, the decisions one by one;
# the checks of what they leave (pairs, rules, codes) take what is left.
LATER_CHECKED, DECIDED = 0.05, 0.7


def resolve(master: str | os.PathLike, conflict_id: int | list[int] | None = None, *,
            take: str | None = None, value: str | list[str] | None = None,
            all_of: str | None = None,
            by: str | None = None, over_later_edit: bool = False,
            derived: list | None = None, told: list | None = None,
            progress=None) -> list[int]:
    """Settle one open conflict (or those of a list of ids), or all open ones of a merge id /
    package file / device.

    The decision is written as a recorded change (origin ``resolve:<id>``). Returns the ids.
    Where the master's value changed since a conflict was recorded, any decision but
    ``take="ours"`` (which keeps what is there) is refused, naming every such conflict, and
    none is settled (:class:`~field_kit.errors.LaterEdit`); ``over_later_edit`` writes the
    decision over those values all the same. ``by``: who decides, kept with the decision
    (else the user the command runs as, as the system names them). A plan feature's
    geometry written gets its area and centre recomputed in the same change; ``derived``
    (a list) is given what became of them (:class:`~field_kit.sync.rederive.Followed`).
    ``all_of`` naming a merge, package or device with nothing open settles none: ``told`` (a
    list) is given the line saying so; a name the master never merged is refused. A value
    that empties a field the record's form requires is refused; one that empties another
    field is said (in ``told``). A decision that leaves a row with a code its parent code
    does not hold (a sub-class of another class), or breaks a rule of its form over two
    fields (a year closed after its verification's year), is refused, naming the other
    field's open conflict to settle with it (:mod:`~field_kit.sync.pairs`): the row is
    checked once every decision of the call is applied. ``value`` a list: one value for each of the
    conflict ids, in their order (a class and its sub-class typed together).
    ``progress(fraction)`` hears how far the decisions got (0..1); raising from it (for
    instance :class:`~field_kit.errors.Cancelled`) rolls every one of them back."""
    report_progress = progress or (lambda fraction: None)
    values = [value] if isinstance(value, str) else value
    if (take is None) == (not values):
        raise BadInput("give --take ancestor|ours|theirs or --value V")
    if take is not None:  # (主库现值 as well as ours)
        take = take_named(take)
        if take not in TAKES:
            raise BadInput(f"--take is one of {', '.join(TAKES)}")
    conn = changelog.open_master(master)
    try:
        if all_of is not None:
            rows = conn.execute(
                f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM sync_conflicts c WHERE status = "
                "'open' AND (merge_id = ?1 OR device = ?1 OR merge_id IN (SELECT merge_id FROM "
                "sync_merges WHERE package = ?2)) ORDER BY id",
                (all_of, os.path.basename(all_of))).fetchall()
        else:
            rows = []
            for one in dict.fromkeys([conflict_id] if isinstance(conflict_id, int)
                                     else conflict_id or ()):
                got = conn.execute(f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM sync_conflicts "
                                   "WHERE id = ?", (one,)).fetchone()
                if got is None:
                    raise BadInput(f"no conflict {one}")
                status = Conflict.from_row(got).status
                if status == "undone":
                    raise BadInput(f"conflict {one} was undone with its merge: there is "
                                   "nothing to settle")
                if status == DROPPED:
                    raise BadInput(f"conflict {one} was closed as dropped: layer "
                                   f"{Conflict.from_row(got).tbl} was dropped from the "
                                   "master; there is nothing left to settle")
                if status != "open":
                    raise BadInput(f"conflict {one} is already {status}")
                rows.append(got)
        # those of the batch closed with their layer are no decision: said apart
        closed = [] if all_of is None else _closed_as_dropped(conn, all_of)
        if not rows:
            said = _none_open(conn, all_of)  # (checked by --all above)
            if told is not None:
                told.extend([said, *closed])
            return []
        typed = _typed_for(rows, values, all_of, [conflict_id] if isinstance(
            conflict_id, int) else list(conflict_id or ()))
        me = changelog.state(conn)["device"]
        who = by or user_name() or me
        with transaction(conn), capture_switch.capture_off(conn), \
                own_triggers.watched(conn) as watch:
            report_progress(0.0)
            before = log_reads.last_seq(conn)
            settling = [Conflict.from_row(r) for r in rows]
            if take != "ours" and not over_later_edit:  # read in the transaction that writes
                refuse_later_edits(conn, settling)
            report_progress(LATER_CHECKED)
            applier = Applier(conn, merge_id="", origin="", role=schema.GIS)
            tables = registry.by_name(conn)
            gone = sorted({c.tbl for c in settling if c.tbl not in tables})
            if gone:
                raise BadInput(f"{', '.join(gone)} no longer tracked in this master (dropped "
                               "or left out since): its conflicts cannot be settled; nothing "
                               "was changed")
            shapes = rederive.Shapes(conn)

            def read(tbl: str, row: str) -> dict | None:
                return (applier.current(tbl, row) or (0, None))[1]
            held = pairs.held(settling, read)  # (as the rows were before the decisions)
            # a decision on a row deleted (a field's too) brings the whole row back: said
            absent = list({(c.tbl, c.row_uuid): c for c in reversed(settling)
                           if c.tbl in tables and read(c.tbl, c.row_uuid) is None}.values())
            emptied: list[str] = []
            decided: dict[str, set] = {}  # row -> the fields a decision of these settled
            settled = _settled_fields(conn, settling)
            # a row's fields first, then the row, which leaves them as decided: the same
            # master whichever order the merges recorded them in
            taken: list[str] = []  # each decision refused so, named (nothing is written)
            for n, c in enumerate(sorted(settling, key=lambda c: c.field is None)):
                if c.row_uuid not in decided:
                    decided[c.row_uuid] = set(settled.get((c.merge_id, c.tbl, c.row_uuid), ()))
                fields = decided[c.row_uuid]
                try:
                    decision.settle(conn, applier, tables[c.tbl], c, take, typed.get(c.id),
                                    who, me, shapes, emptied, fields)
                except CodeTaken as exc:
                    taken.append(exc.message)
                fields.add(c.field)
                report_progress(LATER_CHECKED + (DECIDED - LATER_CHECKED) * (n + 1)
                                / len(settling))
            if taken:
                raise CodeTaken("\n".join(taken))  # one line each
            pairs.refuse_apart(conn, settling, held, read)
            report_progress(DECIDED + (1 - DECIDED) / 2)
            if take != "ours":
                pairs.refuse_broken_rules(conn, settling, take, held, read)
            back = [c for c in absent if read(c.tbl, c.row_uuid) is not None]
            names = names_in(conn, [(c.tbl, c.row_uuid) for c in back])
            emptied += [f"conflict {c.id}: {c.tbl} {c.row_named(names.get((c.tbl, c.row_uuid)))}"
                        " had been deleted in the master: it is back whole, with the values it "
                        "held when deleted and this decision" for c in back]
            decisions = [f"resolve:{c.id}" for c in settling]
            emptied += [f.said() for f in codes_follow.follow(
                conn, before, {d: d for d in decisions}, me)]
            # (a phase decided without its period: given the phase's, as a merge gives it)
            emptied += [p.said() for p in phase_period.merged(
                conn, before, {d: d for d in decisions}, me, lambda: applier.latest_fields)]
            emptied += [f.said() for f in restored_no_photo.restored_without_photo(
                conn, before, decisions)]
            emptied += [f.said() for f in project_figures.merged_apart(conn, before, decisions)]
            # what the master's own triggers wrote meanwhile: its own edits, for pulls to bring
            wrote = watch.log_written()
            if wrote:
                emptied.append(own_triggers.wrote_said(wrote, "as the decisions were written"))
            report_progress(1.0)  # (raising still rolls back: nothing is committed yet)
        if derived is not None:
            derived.extend(shapes.followed)
        if told is not None:
            told.extend(emptied + closed)
        return [r[0] for r in rows]
    finally:
        conn.close()


def _typed_for(rows: list, values: list[str] | None, all_of, asked: list[int]
               ) -> dict[int, str]:
    """Conflict id -> the value typed for it: one value for the conflicts of one field
    (:func:`_one_field`), or one for each conflict id ``asked``, in order; refused
    otherwise, before anything is written."""
    if not values:
        return {}
    if len(values) == 1:
        _one_field(rows)
        return {r[0]: values[0] for r in rows}
    if all_of is not None:
        raise BadInput("several --value go one to each conflict ID, in order, not to --all: "
                       "give the IDs (field-kit conflicts lists them), resolve MASTER 1 2 "
                       "--value A --value B; nothing was changed")
    twice = sorted({i for i in asked if asked.count(i) > 1})
    if twice:
        raise BadInput(f"conflict {', '.join(map(str, twice))} given twice: give each conflict "
                       "ID once, with its --value; nothing was changed")
    if len(values) != len(rows):
        raise BadInput("give one --value for each conflict ID, in the same order "
                       f"({counted(len(rows), 'conflict')}, {counted(len(values), 'value')}); "
                       "nothing was changed")
    return {r[0]: v for r, v in zip(rows, values)}


def _one_field(rows: list) -> None:
    """One value typed is for one field: conflicts of several (``--all``, or ids of other
    fields) are refused, naming them, before anything is written (a year would go into an
    area and a count)."""
    fields = list(dict.fromkeys(
        f"{c.tbl}.{c.field}" if c.field else f"{c.tbl} (a whole row)"
        for c in map(Conflict.from_row, rows)))
    if len(fields) > 1:
        named = ", ".join(fields[:8] + (["…"] if len(fields) > 8 else []))
        raise BadInput(f"--value gives one value for one field, and these {len(rows)} "
                       f"conflicts are of {len(fields)} fields ({named}); nothing was "
                       "changed: give each field's conflicts their own value, or --take a side")


def _closed_as_dropped(conn: sqlite3.Connection, all_of: str) -> list[str]:
    """Of the conflicts from the merge, package or device ``all_of``, those closed with
    their layer (dropped from the master), a line for each layer."""
    return [closed_of(all_of, tbl, n) for tbl, n in conn.execute(
        "SELECT tbl, count(*) FROM sync_conflicts WHERE status = ?3 AND (merge_id = ?1 OR "
        "device = ?1 OR merge_id IN (SELECT merge_id FROM sync_merges WHERE package = ?2)) "
        "GROUP BY tbl ORDER BY tbl", (all_of, os.path.basename(all_of), DROPPED))]


def _none_open(conn: sqlite3.Connection, all_of) -> str:
    """What to say where ``--all`` finds nothing open: that no conflict from the merge,
    package or device ``all_of`` is open (and where its own merges kept another device's
    value aside, how many of those are); a name the master never merged from is refused,
    naming the devices it did merge from."""
    package = os.path.basename(all_of)
    known = conn.execute(
        "SELECT 1 FROM sync_merges WHERE merge_id = ?1 OR device = ?1 OR package = ?2 UNION "
        "ALL SELECT 1 FROM sync_conflicts WHERE merge_id = ?1 OR device = ?1 LIMIT 1",
        (all_of, package)).fetchone()
    if known is None:
        devices = [d for (d,) in conn.execute("SELECT DISTINCT device FROM sync_merges "
                                              "ORDER BY device")]
        raise BadInput(f"no open conflict for {all_of}: this master has merged nothing from "
                       "a device, package or merge of that name "
                       + (f"(devices it has merged from: {', '.join(devices)})" if devices
                          else "(it has merged no package yet)"))
    # a device's conflicts are those keeping its value aside; its merges may keep others'
    (others,) = conn.execute(
        "SELECT count(*) FROM sync_conflicts WHERE status = 'open' AND merge_id IN (SELECT "
        "merge_id FROM sync_merges WHERE device = ?)", (all_of,)).fetchone()
    return f"no open conflicts from {all_of}" + (
        f"; {counted(others, 'open conflict')} recorded by its merges "
        f"{'keeps' if others == 1 else 'keep'} another device's value aside: settle "
        f"{them(others)} by {'its' if others == 1 else 'their'} merge or package (field-kit "
        f"conflicts lists {them(others)})"
        if others else "")


def _settled_fields(conn: sqlite3.Connection, settling: list[Conflict]) -> dict[tuple, set]:
    """(merge, table, row) -> the fields of a row of ``settling`` settled already by
    conflicts of their own from that merge: a decision on the row leaves them as they were
    decided. Read a merge at a time (a package settles thousands of conflicts)."""
    rows = {(c.merge_id, c.tbl, c.row_uuid) for c in settling}
    out: dict[tuple, set] = {}
    for merge_id in {m for m, _, _ in rows if m is not None}:  # (none: no merge's)
        for tbl, row, fld in conn.execute(
                "SELECT tbl, row_uuid, field FROM sync_conflicts WHERE merge_id = ? AND "
                "status = 'resolved' AND field IS NOT NULL", (merge_id,)):
            if (merge_id, tbl, row) in rows:
                out.setdefault((merge_id, tbl, row), set()).add(fld)
    return out


def settled_now(path: str | os.PathLike, ids: list[int]
                ) -> list[tuple[Conflict, str, object, str | None, dict | None]]:
    """Each conflict of ``ids`` (settled) with its row as people know it (its uuid where it
    has no name), what the file holds for it now
    (:func:`~field_kit.sync.conflict_reads.held_for`: None, emptied or the row gone), what
    its decision did to the row (:func:`_row_made`: put back, deleted, or None: neither)
    and the edit that gave "ours" when it was recorded
    (:func:`~field_kit.sync.conflicts.held_by`: whose value a decision dropped)."""
    from .conflicts import held_by
    from .conflicts import names as conflict_names
    wanted = set(ids)
    settled = [c for c in conflicts(path, status=None) if c.id in wanted]
    names = conflict_names(path, settled)
    gave = held_by(path, settled)
    with contextlib.closing(connect(path, readonly=True)) as conn:
        tables = registry.by_name(conn)
        return [(c, names.get((c.tbl, c.row_uuid)) or c.row_uuid,
                 held_for(conn, tables[c.tbl], c.row_uuid, c.field,
                          c.ours if c.field else _disputed(c))
                 if c.field is None or row_exists(conn, c.tbl, c.row_uuid) else ROW_GONE,
                 _row_made(conn, c), gave.get(c.id))
                for c in settled if c.tbl in tables]


def _row_made(conn: sqlite3.Connection, c: Conflict) -> str | None:
    """What the decision on ``c`` did to its row: "insert" (put it back, deleted), "delete",
    or None where it found the row as it left it, there or deleted (another decision, an
    edit since the conflict was recorded, had put it back or deleted it)."""
    got = conn.execute("SELECT op FROM sync_changes WHERE origin = ? AND tbl = ? AND "
                       "row_uuid = ? AND op != 'update' ORDER BY seq DESC LIMIT 1",
                       (f"resolve:{c.id}", c.tbl, c.row_uuid)).fetchone()
    return got[0] if got else None


ROW_GONE = object()  # a field conflict's row, not in the file (deleted) after the decisions


def _disputed(c: Conflict) -> list[str]:
    """The fields a row conflict's sides give values of (none where neither does: a row
    deleted against a row deleted)."""
    fields: dict[str, None] = {}
    for side in (c.ours, c.theirs):
        if isinstance(side, dict):
            fields.update(dict.fromkeys(side))
    return list(fields)
