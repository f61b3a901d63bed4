# SPDX-License-Identifier: GPL-2.0-or-later
"""Merge change packages into the master (pulling the master into a field package is
:mod:`field_kit.sync.pull`).

``merge`` checks every package first (:func:`field_kit.sync.package_open.open_package`,
reading the master only), then applies all accepted packages in ONE transaction (``BEGIN
EXCLUSIVE`` ... ``COMMIT``): killed at any point, the master is as it was and the merge can
be run again. Each package gets a merge id and a row in ``sync_merges``; each change's fate
is kept in ``sync_applied``, so merging a package twice changes nothing the second time. The
steps run in this order: the packages opened and checked, their values checked against their
fields, the simple changes settled set-based (:mod:`field_kit.sync.set_based`), then each
package's rest applied change by change and recorded (:mod:`field_kit.sync.package_apply`,
by the rules of :mod:`field_kit.sync.three_way`). A plan feature's area and centre follow
the shape a merge writes (:mod:`field_kit.sync.rederive`).

The conflicts it records are read by :mod:`field_kit.sync.conflicts_now` and settled by
:mod:`field_kit.sync.settling` (``conflicts`` and ``resolve`` are kept here by name too);
the audit trail is read back by :mod:`field_kit.sync.audit`; undoing a merge is
:mod:`field_kit.sync.undo`.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from dataclasses import dataclass, field

from ..db import in_command, transaction
from ..errors import Behind, NotRegistered, Refused
from . import (
    brought_up_to,
    capture_switch,
    change_list,
    changelog,
    codes,
    codes_follow,
    codes_unchecked,
    device_clock,
    field_check,
    log_reads,
    named_by_records,
    new_layers,
    own_triggers,
    package_apply,
    patch_code_format,
    phase_period,
    photos_whole,
    project_figures,
    rederive,
    restored_no_photo,
    schema_changes,
    set_based,
    spatial_index,
    superseded,
    undone_lost,
)
from .conflicts_now import conflicts
from .outcomes import STATUSES
from .package_manifest import in_device_order, said_device
from .package_open import MAX_BYTES, open_package
from .settling import resolve
from .three_way import RESTORE, Applier

MERGE_CACHE_KIB = 64 * 1024  # page cache of a merge's connection


@dataclass
class MergeReport:
    results: list = field(default_factory=list)  # outcomes.Result per accepted package
    refused: list = field(default_factory=list)  # (package path, reason)
    # of those, the packages whose device's earlier changes are not merged yet: (package
    # path, device, the first and the last seq of those changes)
    behind: list = field(default_factory=list)
    # and those of a device this master, restored from a backup, lost: (package path, device)
    unregistered: list = field(default_factory=list)
    # rederive.Followed: the area and centre of the shapes written, recomputed or not
    derived: list = field(default_factory=list)
    # codes_follow.Followed: the rows given the code of the row they name; and
    # patch_code_format.OffFormat: the patches added or renamed with a code of no format;
    # restored_no_photo.NoPhoto: the records marked restored with no photo; and
    # project_figures.Apart: the figures of a project its patches now hold unlike;
    # phase_period.Period: the patches given their phase's period, or left unlike it;
    # codes_unchecked.Unchecked: the coded fields written whose list the master lacks
    codes_followed: list = field(default_factory=list)
    # this computer's clock reading before the master's last merge (device_clock), or None
    clock_behind: str | None = None
    # table -> rows the master's own triggers wrote as the merge wrote (logged as its edits)
    triggers_wrote: dict = field(default_factory=dict)
    # the packages brought up to a change this master does not hold, said
    # (brought_up_to.merge_caution): restored from a backup, or another copy; with the
    # undo-merges such a master lost (undone_lost.keep_out), one message a package
    other_master: list = field(default_factory=list)
    # the changes of merges this master undid, sent again and kept out: undone_lost.
    # KeptOutHere, one each undone merge a package
    undone_here: list = field(default_factory=list)

    @property
    def cautions(self) -> list:
        """What the merge warns of besides its counts: another master, undone changes."""
        return self.other_master + self.undone_here_said()

    def undone_here_said(self) -> list[str]:
        """What the merge says of :attr:`undone_here`, a line each, with the command line's
        way to them."""
        return [kept.said() for kept in self.undone_here]

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
          progress=None, name_all: bool = False, master_name: str | None = None,
          master_typed: str | None = None, again_undone: bool = False) -> MergeReport:
    """Merge change packages into the master; refused packages leave it untouched.
    ``again_undone``: the changes of merges this master undid are merged again as the first
    time, not kept out (:func:`~field_kit.sync.undone_lost.keep_out_here`).

    ``progress(fraction)`` hears how far the merge got (0..1); raising from it (for instance
    :class:`~field_kit.errors.Cancelled`) rolls the whole merge back."""
    # first, the shapes edited in the master itself without their area and centre
    followed = rederive.follow_file(master)
    conn = changelog.open_master(master)
    try:
        report = merge_into(conn, packages, max_bytes=max_bytes, progress=progress,
                            name_all=name_all, again_undone=again_undone,
                            master_name=master_name or os.path.basename(os.fspath(master)),
                            master_typed=master_typed or in_command(os.fspath(master)))
    finally:
        conn.close()
    report.derived[:0] = followed
    return report


def merge_into(conn: sqlite3.Connection, packages: list, *, max_bytes: int = MAX_BYTES,
               progress=None, before_apply=None, after_check=None,
               name_limit: int | None = None, name_all: bool = False,
               master_name: str | None = None, master_typed: str | None = None,
               log=None, again_undone: bool = False) -> MergeReport:
    """:func:`merge` on an open master. ``before_apply(conn)`` runs once the packages are
    checked and their changes are in the temp table ``incoming``, before anything reads the
    rows they touch (a staged master fills those rows then); ``after_check(conn)`` once
    their values are checked against their fields, before any step classifies them (a
    staged master's database checks them further there). ``name_limit``: the most bytes the
    master holds in a layer's or a column's name (a PostgreSQL master's): a package adding
    one with a longer name is refused. ``name_all``: each result names the rows of every
    outcome (by patch code, record...), not only those of its conflicts and refusals.
    ``log(seq)``: the master's change at ``seq`` and its log's last seq (a staged master
    holds little of its log; :func:`field_kit.sync.brought_up_to.log_of` by default).
    ``master_typed``: the master as a command the merge tells of names it (its address, not
    ``master_name``, which a PostgreSQL master's "db (schema s)" is no address of)."""
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
                                   master_name=master_name, master_typed=master_typed)
            except Refused as exc:
                report.refused.append((os.fspath(path), exc.message))
                if isinstance(exc, Behind):
                    report.behind.append((os.fspath(path), exc.device, exc.first, exc.last))
                if isinstance(exc, NotRegistered):
                    report.unregistered.append((os.fspath(path), exc.device))
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
        log = log or brought_up_to.log_of(conn)
        for pkg in accepted:  # (the changes an undo-merge of a master now lost took away)
            report.other_master += brought_up_to.merge_caution(
                log, os.path.basename(pkg.path), pkg.device, pkg.manifest,
                undone_lost.keep_out(conn, pkg, master_typed or "MASTER"))
            if not again_undone:
                report.undone_here += undone_lost.keep_out_here(conn, pkg,
                                                                master_typed or "MASTER")
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
        # the coded fields written whose list the master lacks (not the whole plan): said
        unchecked = codes_unchecked.merged_unchecked(conn)
        named_by_records.refuse_deleting_named(
            conn, {p.slot: int(p.manifest.get("base_seq") or 0) for p in accepted})
        ids = {pkg.slot: changelog.new_uuid() for pkg in accepted}
        doubled = codes.doubled(conn)  # (codes already on two rows: not this merge's doing)
        with transaction(conn), capture_switch.capture_off(conn), \
                own_triggers.watched(conn) as watch:
            since = log_reads.last_seq(conn)
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
                if result.merge_id:  # its device's older values it replaced, kept aside
                    result.superseded = superseded.close(conn, result.merge_id, pkg.device)
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
            # (a phase merged without its period: given the phase's, as the shape's area)
            periods = phase_period.merged(
                conn, since, origins, changelog.state(conn)["device"],
                lambda: Applier(conn, merge_id="", origin="").latest_fields)
            # the codes rows follow; the patches added or renamed with a code of no
            # national format, the records marked restored with no photo, and the projects
            # whose patches now disagree on a figure of theirs, merged as given: said
            report.codes_followed = [
                *codes_follow.follow(conn, since, origins, changelog.state(conn)["device"]),
                *patch_code_format.off_format(conn, since, origins),
                *restored_no_photo.restored_without_photo(conn, since, origins),
                *project_figures.merged_apart(conn, since, origins), *periods, *unchecked]
            # what the master's own triggers wrote meanwhile: its own edits, for pulls to bring
            report.triggers_wrote = watch.log_written()
            report_progress(1.0)
    finally:
        if collect:
            gc.enable()
    return report


# conflicts and resolve are read as merge.conflicts and merge.resolve in many places
__all__ = ["MergeReport", "conflicts", "merge", "merge_into", "resolve"]
