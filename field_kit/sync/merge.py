# SPDX-License-Identifier: GPL-2.0-or-later
"""Merge change packages into the master, and the audit trail: conflicts, resolve, history
(pulling the master into a field package is :mod:`field_kit.sync.pull`).

``merge`` checks every package first (:func:`field_kit.sync.packages.open_package`, reading the
master only), then applies all accepted packages in ONE transaction (``BEGIN EXCLUSIVE`` ...
``COMMIT``): killed at any point, the master is as it was and the merge can be run again.
Each package gets a merge id and a row in ``sync_merges``; each change's fate is kept in
``sync_applied``, so merging a package twice changes nothing the second time. The rules of
the three-way apply are in :mod:`field_kit.sync.three_way`.

Settling conflicts (``resolve``) and undoing a merge write ordinary recorded changes (origin
``resolve:<conflict id>`` / ``undo:<merge id>``, device = the master's), so they reach the
field packages on their next pull; a decision that changes nothing writes none (it is kept
in ``sync_conflicts``), so no later three-way decision meets it as an edit. A decision is
made against the "ours" the conflict recorded: where the master's value changed since (an
edit in QGIS or psql, a later merge), ``resolve`` refuses it, naming every such conflict,
and changes nothing, unless it keeps what is there or is told to write over it.
Undoing a merge is :mod:`field_kit.sync.undo`. A plan feature's area and centre follow the
shape a merge, a decision or an undo writes (:mod:`field_kit.sync.rederive`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field

from ..db import connect, quote, table_exists, transaction
from ..errors import BadInput, Behind, CodeTaken, Refused
from ..plan import schema
from ..plan.values import names_in
from . import (
    change_list,
    changelog,
    codes,
    codes_follow,
    device_clock,
    field_check,
    named_by_records,
    new_layers,
    own_triggers,
    package_apply,
    pairs,
    patch_code_format,
    photos_whole,
    project_figures,
    rederive,
    registry,
    restored_no_photo,
    schema_changes,
    set_based,
    spatial_index,
    typed_shape,
    typed_values,
)
from .conflict_reads import Reads, held_for, last_delete, row_exists
from .conflicts import DROPPED, Conflict, closed_of, user_name
from .conflicts_now import CONFLICT_COLUMNS
from .conflicts_now import conflicts as conflicts  # (read as merge.conflicts in many places)
from .later_edits import refuse_later_edits
from .outcomes import STATUSES
from .packages import MAX_BYTES, in_device_order, open_package, said_device
from .three_way import LIVE, RESTORE, Applier

TAKES = ("ancestor", "ours", "theirs")
MERGE_CACHE_KIB = 64 * 1024  # page cache of a merge's connection


@dataclass
class MergeReport:
    results: list = field(default_factory=list)  # outcomes.Result per accepted package
    refused: list = field(default_factory=list)  # (package path, reason)
    # of those, the packages whose device's earlier changes are not merged yet: (package
    # path, device, the first and the last seq of those changes)
    behind: list = field(default_factory=list)
    # rederive.Followed: the area and centre of the shapes written, recomputed or not
    derived: list = field(default_factory=list)
    # codes_follow.Followed: the rows given the code of the row they name; and
    # patch_code_format.OffFormat: the patches added or renamed with a code of no format;
    # restored_no_photo.NoPhoto: the records marked restored with no photo; and
    # project_figures.Apart: the figures of a project its patches now hold unlike
    codes_followed: list = field(default_factory=list)
    # this computer's clock reading before the master's last merge (device_clock), or None
    clock_behind: str | None = None
    # table -> rows the master's own triggers wrote as the merge wrote (logged as its edits)
    triggers_wrote: dict = field(default_factory=dict)

    @property
    def totals(self) -> dict:
        t = {s: 0 for s in STATUSES}
        for r in self.results:
            for k, v in r.counts.items():
                t[k] += v
        return t


# Where each step of a merge ends on its progress (0..1), by the time each takes on a large
# package: reading and checking the packages, checking values against their fields, the
# set-based step; the change-by-change rest takes what is left.
READ, CHECK, SETTLE = 0.35, 0.4, 0.85


def merge(master: str | os.PathLike, packages: list, *, max_bytes: int = MAX_BYTES,
          progress=None, name_all: bool = False, master_name: str | None = None
          ) -> MergeReport:
    """Merge change packages into the master; refused packages leave it untouched.

    ``progress(fraction)`` hears how far the merge got (0..1); raising from it (for instance
    :class:`~field_kit.errors.Cancelled`) rolls the whole merge back."""
    # first, the shapes edited in the master itself without their area and centre
    followed = rederive.follow_file(master)
    conn = changelog.open_master(master)
    try:
        report = merge_into(conn, packages, max_bytes=max_bytes, progress=progress,
                            name_all=name_all,
                            master_name=master_name or os.path.basename(os.fspath(master)))
    finally:
        conn.close()
    report.derived[:0] = followed
    return report


def merge_into(conn: sqlite3.Connection, packages: list, *, max_bytes: int = MAX_BYTES,
               progress=None, before_apply=None, after_check=None,
               name_limit: int | None = None, name_all: bool = False,
               master_name: str | None = None) -> MergeReport:
    """:func:`merge` on an open master. ``before_apply(conn)`` runs once the packages are
    checked and their changes are in the temp table ``incoming``, before anything reads the
    rows they touch (a staged master fills those rows then); ``after_check(conn)`` once
    their values are checked against their fields, before any step classifies them (a
    staged master's database checks them further there). ``name_limit``: the most bytes the
    master holds in a layer's or a column's name (a PostgreSQL master's): a package adding
    one with a longer name is refused. ``name_all``: each result names the rows of every
    outcome (by patch code, record...), not only those of its conflicts and refusals."""
    report_progress = progress or (lambda fraction: None)
    report = MergeReport()
    # The parsed changes are many small objects that live until the end: the cyclic garbage
    # collector would walk them again and again.
    collect = gc.isenabled()
    gc.disable()
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        # A merge dirties pages all over a layer; with SQLite's 2 MB cache they spill to the
        # file mid-transaction, each spill after a sync of the journal.
        small_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")
        change_list.prepare(conn)
        report.clock_behind = device_clock.master_behind(conn)  # (before this one's date)
        packages = in_device_order(packages)
        accepted: list = []
        merged: dict[str, int] = {}
        refused: dict[str, list[str]] = {}  # device -> its packages refused here
        layers: dict = {}  # table -> (layer, columns) the packages add
        columns: dict = {}  # (table, column) -> declared type the packages add
        for n, path in enumerate(packages):
            def reading(fraction, n=n):
                report_progress(READ * (n + fraction) / len(packages))
            reading(0.0)
            try:
                pkg = open_package(path, conn, n, max_bytes=max_bytes, merged=merged,
                                   refused=refused, progress=reading, layers=layers,
                                   columns=columns, name_limit=name_limit,
                                   master_name=master_name)
            except Refused as exc:
                report.refused.append((os.fspath(path), exc.message))
                if isinstance(exc, Behind):
                    report.behind.append((os.fspath(path), exc.device, exc.first, exc.last))
                refused.setdefault(str(said_device(path)), []).append(os.path.basename(path))
                continue
            accepted.append(pkg)
            if pkg.manifest.get("seq_to"):
                merged[pkg.device] = max(merged.get(pkg.device, 0), pkg.manifest["seq_to"])
        if not accepted:
            return report
        if before_apply is not None:
            before_apply(conn)
        for pkg in accepted:  # (a picture cut short: its photos refused, its bytes not kept)
            photos_whole.refuse_cut_short(conn, pkg.slot, pkg.not_whole)
        adding: dict = {}  # the columns and layers the packages add, by their declared type
        for p in accepted:
            for t, c, decl in p.new_columns:
                adding.setdefault(t, {})[c] = decl.split(" DEFAULT ")[0]
            for t, layer, cols in p.new_layers:  # (its geometry column checked as one)
                geom = (layer.get("geometry") or {}).get("column")
                adding.setdefault(t, {}).update({c: decl for c, decl, _ in cols if c != geom})
        for n, pkg in enumerate(accepted):  # before any step classifies them
            field_check.refuse_bad_values(conn, pkg.slot, adding)
            report_progress(READ + (CHECK - READ) * (n + 1) / len(accepted))
        if after_check is not None:
            after_check(conn)
        for pkg in accepted:  # (a code goes to no row whose change is refused otherwise)
            field_check.refuse_codes_taken(conn, pkg.slot)
        named_by_records.refuse_deleting_named(
            conn, {p.slot: int(p.manifest.get("base_seq") or 0) for p in accepted})
        ids = {pkg.slot: changelog.new_uuid() for pkg in accepted}
        doubled = codes.doubled(conn)  # (codes already on two rows: not this merge's doing)
        with transaction(conn), changelog.capture_off(conn), \
                own_triggers.watched(conn) as watch:
            since = changelog.last_seq(conn)
            layers_added = new_layers.add(conn, [lay for p in accepted for lay in p.new_layers])
            added = schema_changes.adopt(conn, [c for p in accepted for c in p.new_columns])
            fresh = {(t, c) for p in accepted for t, c, _ in p.new_columns
                     if f"{t}.{c}" in added}
            set_based.settle(conn, {p.slot: (ids[p.slot], p.role) for p in accepted},
                        lambda f: report_progress(CHECK + (SETTLE - CHECK) * f))
            for n, pkg in enumerate(accepted):
                def part(fraction, n=n):
                    report_progress(SETTLE + (1 - SETTLE) * (n + fraction) / len(accepted))
                # each added layer or column is named once, with the first package that
                # brought it
                made = ([t for t, _, _ in pkg.new_layers if t in layers_added],
                        [f"{t}.{c}" for t, c, _ in pkg.new_columns if f"{t}.{c}" in added])
                result = package_apply.apply(conn, pkg, ids[pkg.slot], part,
                                            photo_cache=small_cache, fresh=fresh,
                                            name_all=name_all, made=made)
                layers_added = [t for t in layers_added if t not in result.layers]
                new_layers.note_made(conn, result.merge_id, result.layers, result.schema)
                added = [a for a in added if a not in result.schema]
                report.results.append(result)
            codes.refuse_doubling(conn, doubled, {p.slot: os.path.basename(p.path)
                                                  for p in accepted})
            for tbl in {t for r in report.results for t in r.layers}:  # filled now
                spatial_index.note_extent(conn, tbl)
            # a shape from QField or ogr2ogr comes without its area and centre (a file
            # without the plan's layers that have them, a county's own, reads nothing for it)
            origins = {f"merge:{m}{end}": f"merge:{m}" for m in ids.values()
                       for end in ("", RESTORE)}
            shapes = rederive.Shapes(conn)
            if shapes.tables():
                shapes.merged(since, origins, changelog.state(conn)["device"],
                              Applier(conn, merge_id="", origin="").latest_fields)
            report.derived = shapes.followed
            # the codes rows follow; the patches added or renamed with a code of no
            # national format, the records marked restored with no photo, and the projects
            # whose patches now disagree on a figure of theirs, merged as given: said
            report.codes_followed = [
                *codes_follow.follow(conn, since, origins, changelog.state(conn)["device"]),
                *patch_code_format.off_format(conn, since, origins),
                *restored_no_photo.restored_without_photo(conn, since, origins),
                *project_figures.merged_apart(conn, since, origins)]
            # what the master's own triggers wrote meanwhile: its own edits, for pulls to bring
            report.triggers_wrote = watch.log_written()
            report_progress(1.0)
    finally:
        if collect:
            gc.enable()
    return report


# --- conflicts and resolve -----------------------------------------------------------------

def settled_now(path: str | os.PathLike, ids: list[int]
                ) -> list[tuple[Conflict, str, object, str | None, dict | None]]:
    """Each conflict of ``ids`` (settled) with its row as people know it (its uuid where it
    has no name), what the file holds for it now (:func:`held_for`: None, emptied or the row
    gone), what its decision did to the row (:func:`_row_made`: put back, deleted, or
    None: neither) and the edit that gave "ours" when it was recorded
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
    if take is not None and take not in TAKES:
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
        with transaction(conn), changelog.capture_off(conn), \
                own_triggers.watched(conn) as watch:
            report_progress(0.0)
            before = changelog.last_seq(conn)
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
                    _settle(conn, applier, tables[c.tbl], c, take, typed.get(c.id), who, me,
                            shapes, emptied, fields)
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
        raise BadInput(f"give one --value for each conflict ID, in the same order ({len(rows)} "
                       f"conflict(s), {len(values)} values); nothing was changed")
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
        f"; {others} open conflict(s) recorded by its merges keep another device's value "
        "aside: settle them by their merge or package (field-kit conflicts lists them)"
        if others else "")


def _settle(conn, applier: Applier, t: registry.Tracked, c: Conflict, take, value, who: str,
            me: str, shapes: rederive.Shapes, said: list, decided: Collection[str] = ()
            ) -> None:
    """Settle ``c`` (what is said of it added to ``said``); a row conflict leaves the fields
    ``decided`` (settled by decisions of their own) as they are."""
    tbl, row, fld = c.tbl, c.row_uuid, c.field
    at = changelog.now()
    change = {"change": changelog.new_uuid(), "table": tbl, "row": row, "device": me, "at": at}
    applier.origin = f"resolve:{c.id}"
    cur = applier.current(tbl, row)
    if fld is None:  # a row conflict: a side is the row's values, or null when deleted
        if value is not None:
            raise BadInput(f"conflict {c.id} is about a whole row: use --take")
        # "ours" is what the master holds now, the row or nothing: kept as it is
        chosen = (cur[1] if cur else None) if take == "ours" else c.side(take)
        if chosen is None and cur is not None:
            conn.execute(f"DELETE FROM {quote(tbl)} WHERE rowid = ?", (cur[0],))
            applier.record(change, "delete", cur[1], None)
        elif chosen is not None and cur is None:
            if take == "ancestor":
                field_check.require(conn, c.id, tbl, chosen)
            _bring_back(applier, t, change, chosen, shapes, settling=c.id)
            said.extend(_photos_back(applier, c, me, shapes))
        elif cur is not None:  # the row stays, with the chosen side's values
            if take == "ancestor":
                field_check.require(conn, c.id, tbl, chosen or {}, cur[1])
            write = {k: (chosen or {})[k] for k in t.differ(chosen or {}, cur[1])
                     if k in cur[1] and k not in decided}
            if t.geom in write:  # its area and centre follow the shape taken
                write.update(shapes.values(t, row, {**cur[1], **write}))
            if write:  # nothing changed is no edit: a later delete must not meet one
                applier.update(tbl, cur[0], write)
                applier.record(change, "update", {k: cur[1][k] for k in write}, write)
        resolution = f"take:{take}"
    else:
        if value is not None:
            chosen = typed_values.coerce(t, fld, value, f"conflict {c.id}: ",
                             typed_shape.layer_of(conn, tbl, fld) if t.is_blob(fld) else None)
            resolution = f"value:{typed_values.as_written(value, chosen)}"
        elif take == "ours":  # what the master holds now: an edit since the merge stays
            chosen, resolution = (cur[1].get(fld) if cur else None), "take:ours"
        elif take == "ancestor" and not c.ancestor_known:
            raise Refused(f"{c.no_ancestor()}; nothing was settled")
        else:
            chosen, resolution = c.side(take), f"take:{take}"
        if value is not None or take == "ancestor":  # typed, or a package's unchecked old
            field_check.require(conn, c.id, tbl, {fld: chosen}, cur[1] if cur else None)
        if value is not None and chosen is None:  # emptied: by the field's own rule
            said.append(field_check.emptied(conn, c.id, tbl, fld))
        if cur is None:
            # its row deleted since by a change that met no conflict (a package that edited
            # the field, then deleted the row): "ours" keeps it deleted; another side brings
            # it back with that value, as the row's conflict would have in the other order;
            # deleted by the decision on the row's own conflict, it stays so (as in the order
            # the field's decision comes first)
            by_row = _row_settled_deleted(conn, c)
            if by_row is not None and take != "ours":
                said.append(f"conflict {c.id}: the row stays deleted, as conflict {by_row} "
                            f"settled it; field {fld} not written")
            elif take != "ours":
                _bring_back(applier, t, change, {fld: chosen}, shapes, settling=c.id,
                            logged=True)
        elif not t.same(fld, cur[1].get(fld), chosen):
            # the decision itself is kept in sync_conflicts, not as an edit
            write = {fld: chosen}
            _refuse_code_taken(conn, c.id, t.name, row, write, "writing it into")
            if fld == t.geom:  # its area and centre follow the shape taken, in one change
                write.update(shapes.values(t, row, {**cur[1], fld: chosen}))
            applier.update(tbl, cur[0], write)
            applier.record(change, "update", {k: cur[1].get(k) for k in write}, write)
    applier.flush_log()
    conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                 "resolved_at = ?, resolved_by = ? WHERE id = ?", (resolution, at, who, c.id))


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


def _row_settled_deleted(conn: sqlite3.Connection, c: Conflict) -> int | None:
    """The conflict of ``c``'s row from ``c``'s merge whose decision deleted the row (its
    latest delete), if that is what took it out."""
    gone = last_delete(Reads(conn), c.tbl, c.row_uuid)
    kind, _, ref = (gone or {}).get("origin", "").partition(":")
    if kind != "resolve" or not ref.isdigit():
        return None
    got = conn.execute("SELECT id FROM sync_conflicts WHERE id = ? AND merge_id = ? AND "
                       "row_uuid = ? AND field IS NULL", (int(ref), c.merge_id,
                                                          c.row_uuid)).fetchone()
    return got[0] if got else None


def _refuse_code_taken(conn: sqlite3.Connection, settling: int, tbl: str, row: str,
                       values: dict, doing: str) -> None:
    """Refuse a decision that would give ``row`` a code (a patch code, a project id)
    another row of the master holds now, naming it, or leave it without one."""
    col = codes.UNIQUE.get(tbl)
    if col in values and (values[col] is None or not str(values[col]).strip()):
        raise BadInput(f"conflict {settling}: {col} left empty: each row of {tbl} is named by "
                       f"its {col}; give it one; nothing was changed")
    taken = codes.holder(conn, tbl, row, values)
    if taken is not None:
        col, code, other = taken
        raise CodeTaken(f"conflict {settling}: {col} {code} already names row {other} in the "
                      f"master: {doing} row {row} would give it to a second row; nothing was "
                      "changed (--take ours keeps it as it is, or give that row another code "
                      "first)")


def _bring_back(applier: Applier, t: registry.Tracked, change: dict, chosen: dict,
                shapes: rederive.Shapes, settling: int, logged: bool = False) -> None:
    """Insert the deleted row of ``change`` again: its values when it was deleted, with the
    ``chosen`` ones over them (and the area and centre of its shape). ``logged``: refused
    where the log has no values of it."""
    got = applier.last_delete(change["row"])
    if got is None and logged:  # (a delete logged without its values)
        raise BadInput(f"conflict {settling}: row {change['row']} is deleted and its values "
                       "were not logged: --take ours keeps it deleted")
    values = {**(got[0] if got else {}), **chosen}
    _refuse_code_taken(applier.conn, settling, t.name, change["row"], values, "bringing back")
    if t.geom in values:  # back with the area and centre of its shape
        values.update(shapes.values(t, change["row"], values))
    applier.insert(t.name, change["row"], values)
    applier.record(change, "insert", None, values)


def _photos_back(applier: Applier, c: Conflict, me: str, shapes: rederive.Shapes
                 ) -> list[str]:
    """A record kept whose delete took its photos with it (the field app's Delete record
    does): those photos brought back too, as the same package deleted them; what is said of
    them. A photo whose bytes the master no longer holds stays deleted, and is named."""
    conn = applier.conn
    tables = registry.by_name(conn)
    if "photos" not in tables:
        return []
    deleted = conn.execute(f"SELECT origin, device FROM sync_changes WHERE tbl = ? AND "
                           f"row_uuid = ? AND op = 'delete' AND {LIVE} ORDER BY seq "
                           "DESC LIMIT 1", (c.tbl, c.row_uuid)).fetchone()
    if deleted is None:
        return []
    back, lost = [], []
    for photo, name, sha in conn.execute(
            "SELECT row_uuid, json_extract(old, '$.file_name'), json_extract(old, '$.sha256') "
            "FROM sync_changes WHERE tbl = 'photos' AND op = 'delete' AND origin = ? AND "
            "device = ? AND json_extract(old, '$.record_uuid') = ? AND "
            "json_extract(old, '$.record_table') = ? ORDER BY seq",
            (*deleted, c.row_uuid, c.tbl)).fetchall():
        if applier.current("photos", photo) is not None:
            continue
        if not table_exists(conn, "attachments") or conn.execute(
                "SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone() is None:
            lost.append(name or photo)
            continue
        _bring_back(applier, tables["photos"], {
            "change": changelog.new_uuid(), "table": "photos", "row": photo, "device": me,
            "at": changelog.now()}, {}, shapes, settling=c.id)
        back.append(name or photo)
    said = [f"conflict {c.id}: {len(back)} photo(s) deleted with the row brought back with it "
            f"({', '.join(back)})"] if back else []
    if lost:
        said.append(f"conflict {c.id}: {len(lost)} photo(s) deleted with the row not brought "
                    f"back: the master no longer holds their files ({', '.join(lost)})")
    return said
