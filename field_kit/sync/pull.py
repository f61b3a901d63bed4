# SPDX-License-Identifier: GPL-2.0-or-later
"""Pull: bring the master's newer state into a field package, keeping its unsent edits.

The master's changes since the package's base are applied three-way with the package's own
values winning a conflict (they reach the master on the next merge, where the conflict is
settled). Once merged, an edit the master kept aside in a conflict (and any row an undone
merge touched) gives way to what the master holds; the pull names the values and rows it
replaced, and closes the package's conflicts it now agrees with the master on, and those on a
layer the master dropped (as repair closes the master's: nothing is left to settle).

A package cut to a township, box or chosen patches (:mod:`field_kit.sync.subset`) stays cut
to it:

* an insert of a row the package does not keep is left out (``already``, :data:`OUTSIDE`);
* a row the package should have now but lacks, because an edit on the master moved it into
  the township or box (or moved its patch or record there), is brought whole, with its
  records and photos, as a checkout would carry it; the change that moved it counts as
  ``applied`` (:data:`BROUGHT`) and :attr:`Result.brought` names every row brought.

A row the package deleted itself is brought back only where the master kept it against
that delete. A table new to the package comes with the rows it keeps as the master holds
them now, keys and all (:data:`WITH_TABLE`). The package takes the master's grants
(``sync_roles``), which its layers are locked by, and ``grants`` says what changed for its role.
"""

from __future__ import annotations

import json
import os
import sqlite3

from ..bilingual import be, counted, them
from ..db import (
    chunks,
    connect,
    file_columns,
    in_command,
    marks,
    quote,
    table_exists,
    transaction,
)
from ..errors import BadInput, Refused
from ..plan import schema
from ..plan.derived import derived_columns
from . import (
    accepted,
    added_again,
    brought_up_to,
    capture_switch,
    changelog,
    codes_follow,
    dates_for_qgis,
    exports_lacking,
    geometry_named,
    held_over,
    log_reads,
    log_values,
    made_again,
    master_id,
    not_finite,
    pull_read_only,
    readmit,
    rederive,
    refused,
    refused_conflicts,
    registry,
    repair,
    rewritten,
    saved_projects,
    schema_changes,
    sent_again,
    subset,
    undone_lost,
)
from .conflicts import close_with_layer
from .outcomes import ALREADY, APPLIED, CONFLICT, NOT_HERE, Outcome, Result
from .pull_own import (
    ADDED_GONE,
    ADDED_GONE_UNDONE,
    BACK,
    BACK_UNDONE,
    GONE,
    GONE_UNDONE,
    OPEN_HERE_SQL,
    SETTLED_KINDS,
    open_there,
    own_edits_settled,
    own_written_over,
    replaced_own,
    rows_settled,
    settled_in_the_master,
    undone_aside,
    undone_own,
    undone_rows,
    undone_there,
)
from .pull_refusals import (
    PULL_REFUSED,
    brought_fit,
    fits,
    forget_refused,
    note_refused,
    refuse_another_checkout,
    refuse_clashes,
    refused_pull,
)
from .registry import tracked_columns, tracked_tables
from .three_way import KEEP_OURS, Applier

OUTSIDE = "outside this package's township or area"
BROUGHT = "moved into this package's township or area: brought whole"
WITH_TABLE = "came with its table, as the master holds it now"
AS_HELD = "deleted and there again in the master, as this package holds it"
MADE_AGAIN = "undone in the master and made again there, as this package holds it"
# said of such a refusal of a technician's package, which an earlier version made: its own
# column gives way to the master's now, and a technician renames no column
COLUMNS_GIVE_WAY_NOW = (
    "a pull no longer refuses a technician's package over a column it added itself: the "
    "master's column stands in the package, each value typed into the package's own carried "
    "into it or set aside in the package; rename no column")


def pull(package: str | os.PathLike, master: str | os.PathLike, *,
         master_name: str | None = None, master_typed: str | None = None,
         progress=None) -> Result:
    """Bring the master's changes since the package's base into it (see the module's text).
    ``master_name``: the master as people know it (its file's name by default), which a
    package checked out from another master is refused naming; ``master_typed``: the master
    as a command names it (its path by default). ``progress(fraction)``
    hears how far it got (0..1), the last time before the pull is committed: raising from
    it (a cancel) leaves the package as it was."""
    src = pull_read_only.open_master(master)  # (to read, where it is marked read-only)
    conn = connect(package)
    try:
        st = changelog.state(conn)
        if st["kind"] != changelog.PACKAGE:
            raise BadInput(f"{package} is not a field package")
        mst = changelog.state(src)
        came = master_id.recorded(conn)
        here_name = master_name or os.path.basename(os.fspath(master))
        if mst["project_uuid"] != st["project_uuid"]:
            raise Refused(f"{package} belongs to another project"
                          + master_id.other_project(came, here_name))
        typed = master_typed or in_command(os.fspath(master))
        refuse_another_checkout(src, conn, package, st, came, here_name, typed)
        pull_read_only.seal(src, master)
        try:
            brought_up_to.refuse_pull(src, conn, package, here_name, st, typed)
            readmit.refuse_pull(src, conn, package, st, typed)  # (its base held)
            return _pull_into(src, conn, package, master, st, mst,
                              progress or (lambda fraction: None))
        except Refused as exc:  # nothing pulled: said again by status until a pull goes through
            note_refused(src, conn, st, exc)
            raise
    finally:
        conn.close()
        src.close()


def _pull_into(src: sqlite3.Connection, conn: sqlite3.Connection, package, master,
               st: dict, mst: dict, tick) -> Result:
    """The pull itself, once both files are known to be of one project; ``tick`` hears
    how far it got, within its transaction."""
    # a technician's own column gives way to the master's; GIS staff rename theirs
    gives_way = st["role"] != schema.GIS
    refuse_clashes(src, conn, package, own_columns=not gives_way)
    # (an undo the master made again since, and the changes it made again: made_again)
    undone, lost = made_again.undone_then_again(src, st["base_seq"], st["device"])
    changes = _changes_since(src, conn, st["base_seq"], st["device"], lost)
    merged = refused.merged_up_to(src, conn, st["device"])
    top = log_reads.last_seq(src)
    kept = subset.kept_rows(src, *subset.device_subset(src, st["device"]))
    pull_id = changelog.new_uuid()
    result = Result(f"pull:{pull_id}", os.fspath(master), mst["device"])
    tick(0.1)
    with transaction(conn), capture_switch.capture_off(conn):
        before = log_reads.last_seq(conn)
        had = {t[0] for t in conn.execute("SELECT name FROM sqlite_master")}
        result.gave_way = schema_changes.give_way(
            conn, schema_changes.clashing(src, conn) if gives_way else [])
        result.layers, result.schema = schema_changes.bring(src, conn, kept)
        schema_changes.carry(conn, result.gave_way)
        brought_fit(conn, result.layers, result.schema, master)
        brought_back: dict[str, list[str]] = {}  # (a column the package dropped: whole)
        for tbl, _, col in (c.partition(".") for c in result.schema):
            brought_back.setdefault(tbl, []).append(col)
        added_again.forget(conn, brought_back)
        result.refilled = added_again.refill(src, conn)
        # what they brought is no edit of the package's: its record takes them as they are
        new_here = result.layers + sorted({c.partition(".")[0] for c in result.schema} |
                                          {tbl for tbl, *_ in result.refilled})
        if new_here:
            repair.write_baseline(conn, new_here)
        mine = registry.untracked(conn)
        result.not_tracked = {t: why for t, why in registry.untracked(src).items()
                              if t not in mine}
        # a layer the master rewrote since the checkout: brought whole as it is now
        rewrote, result.given_up = rewritten.bring(src, conn, st["device"], kept)
        if rewrote:
            repair.write_baseline(conn, rewrote)
        known = {t[0] for t in conn.execute("SELECT name FROM sqlite_master")}
        gone = registry.dropped(src)  # (a layer the master dropped: none of it to bring)
        # ... said by status until a pull finds it in the master again: its edits are refused
        registry.set_json_meta(conn, registry.DROPPED_IN_MASTER, {
            tbl: why for tbl, why in registry.untracked(src).items() if tbl in gone & known})
        changes = [c for c in changes if c["table"] in known and c["table"] not in gone]
        outside = _left_out(src, changes, kept)
        # a table brought now holds the master's present rows: its logged changes are in
        fresh = (known - had) | set(rewrote)
        skip = outside | undone | {c["change"] for c in changes if c["table"] in fresh}
        done = set(conn.execute("SELECT device, change_uuid FROM sync_applied"))
        applier = Applier(conn, merge_id=result.merge_id, origin="pull", policy=KEEP_OURS,
                          role=schema.GIS, skip_missing=True)
        result.as_stored = _as_stored(src, conn, applier, st["base_seq"], st["device"])
        deleting = {(c["table"], c["row"]) for c in changes
                    if c["op"] == "delete" and c["change"] not in skip}
        held = _rows_held(conn, deleting)
        applied = iter(applier.apply([c for c in changes if c["change"] not in skip],
                                     done))
        result.outcomes = [
            Outcome(c["change"], c["table"], c["row"], c["op"], ALREADY,
                    WITH_TABLE if c["table"] in fresh else
                    MADE_AGAIN if c["change"] in undone else OUTSIDE)
            if c["change"] in skip else next(applied) for c in changes]
        brought = _missing_rows(src, conn, kept, mst["device"])
        applier.apply(brought, done)
        refusals = refused.found(src, conn, st["device"], st["role"], merged)
        waiting = _waiting(conn, merged)
        again = _as_the_master(src, conn, kept, st["base_seq"], st["device"],
                               mst["device"], waiting, refused.to_the_master(refusals))
        result.outcomes += applier.apply(again, done)
        tick(0.6)
        written = [c for c in changes if c["change"] not in skip] + brought + again
        fits(conn, written, master)
        result.not_finite = not_finite.written(conn, written)
        result.dates_unread = dates_for_qgis.brought(conn, written, [*fresh, *result.schema])
        result.derived = _own_shapes_measured(conn, applier, before, st["device"])
        result.codes_followed = codes_follow.pulled(conn, before, st["device"])
        # a row the master deleted and has again (an undo, the merge made again) is no row
        # brought where the package held it as it is now: nothing changed here (a row kept
        # in a conflict with the delete, the package having edited it since, is that)
        now = _rows_held(conn, held)
        as_held = {k for k, values in held.items() if now.get(k) == values}
        result.brought = [(c["table"], c["row"]) for c in brought
                          if (c["table"], c["row"]) not in as_held]
        rows = {c["row"] for c in brought}
        result.outcomes = [o._replace(status=APPLIED, reason=BROUGHT)
                           if o.reason == NOT_HERE and o.row in rows else
                           o._replace(status=ALREADY, reason=AS_HELD)
                           if o.op == "delete" and o.status == APPLIED and
                           (o.table, o.row) in as_held else o
                           for o in result.outcomes]
        photos = [c["new"] for c in changes + brought if c["table"] == "photos" and
                  c["new"] and c["change"] not in skip]
        shas = {p.get("sha256") for p in photos}
        if "photos" in fresh and "sha256" in file_columns(conn, "photos"):
            shas |= {r[0] for r in conn.execute("SELECT sha256 FROM photos")}
        _copy_attachments(src, conn, shas - {None})
        tick(0.8)
        gave_way_to = _one_conflict_a_field(conn, result.merge_id)
        closing: list[tuple] = []
        result.closed = settled_in_the_master(src, conn, applier, mst["device"],
                                               result.merge_id, closing)
        # the package's own conflicts on a layer the master dropped: nothing left to settle
        result.dropped = {tbl: n for tbl in sorted(gone)
                          for n in (close_with_layer(conn, tbl),) if n}
        written_over = own_written_over(conn, before)
        result.replaced = replaced_own(src, written_over)
        # (a value replaced by a decision on a conflict it met is named there alone)
        result.undone = undone_own(src, [w for w in written_over if w not in result.replaced],
                                    st["base_seq"])
        result.undone_aside = undone_aside(
            src, [w for w in written_over if w not in result.replaced and
                  w not in result.undone], st["device"])
        given_up = {r.row for r in refusals if r.why is not None and r.op != "update"}
        result.rows_settled = [r for r in rows_settled(conn, before, undone_rows(
            src, st["base_seq"])) if r[1] not in given_up]
        tell = _without_gave_way(refusals, result.gave_way)
        result.resent, dropped = sent_again.send_again(src, conn, tell, st["device"])
        not_sent = refused.said(src, conn, tell, set(waiting)) + dropped
        result.given_up += not_sent
        # an edit of a column the master renamed or dropped, not sent again: no conflict
        result.refused_closed = refused_conflicts.close(src, conn, not_sent, mst["device"])
        refused.looked_at(conn, merged, refusals,
                          refused.given_up_as_held(src, conn, tell))
        result.kept = [(t, r, f, *(log_values.loads(v) if v else None for v in vals))
                       for t, r, f, *vals in conn.execute(
                           "SELECT tbl, row_uuid, field, ours, theirs FROM sync_conflicts "
                           "WHERE merge_id = ? AND status = 'open' ORDER BY id",
                           (result.merge_id,))]
        result.conflicts = len(result.kept)
        # a change whose conflicts a later change of this pull settled has none to list:
        # counted apart, so the changes said with the conflicts are those they are in
        still = {c for (c,) in conn.execute("SELECT DISTINCT change_uuid FROM sync_conflicts "
                                            "WHERE merge_id = ? AND status = 'open'",
                                            (result.merge_id,))}
        open_ids = {i for (i,) in conn.execute("SELECT id FROM sync_conflicts WHERE "
                                               "merge_id = ? AND status = 'open'",
                                               (result.merge_id,))}
        met_again = {c for c, kept in gave_way_to.items() if kept & open_ids} - still
        result.met_again = sum(1 for o in result.outcomes
                               if o.status == CONFLICT and o.change in met_again)
        settled = [o.change for o in result.outcomes if o.status == CONFLICT and
                   o.change not in still and o.change not in met_again]
        result.settled_here = len(settled)
        result.own_settled = own_edits_settled(conn, result.merge_id, set(settled), before,
                                                open_there(src, st["device"]))
        undone_there(conn, closing, result.undone_aside)
        result.fields_in = _fields_in(conn, before)
        # pull: what the master's grants, given to the package, changed for its role
        result.grants = registry.take_roles(src, conn, st["role"])
        # a QGIS project the master saved again: opening the package's layers, not the master's
        here, as_they_are, own = saved_projects.bring(src, conn, os.fspath(master),
                                                      os.fspath(package))
        result.projects_said = [s for s in (saved_projects.said_here(here, os.fspath(package)),
                                            saved_projects.said_as_they_are(as_they_are),
                                            saved_projects.said_kept(own)) if s]
        result.held_over = held_over.layers(src, conn) + held_over.columns(src, conn)
        result.differ = accepted.said_in_pull(src, conn, os.fspath(master))
        result.not_merged = exports_lacking.noted(conn, merged, st["exported_seq"])
        undone_lost.note(src, conn, st["base_seq"], st["device"])
        conn.execute("UPDATE sync_state SET base_seq = ?", (top,))
        brought_up_to.record(conn, brought_up_to.change_at(src, top))
        brought_up_to.note_devices(src, conn)
        forget_refused(conn)
        tick(1.0)  # (the last word before the commit: a cancel here still undoes it all)
    return result


def not_brought_said(result: Result) -> list[str]:
    """What every face says of a pull's :attr:`Result.not_tracked`: a line a table, with why
    the master tracks it no more (a layer dropped there: ``gone from the file``); then what
    the package still holds of the layers and columns the master no longer has
    (:mod:`field_kit.sync.held_over`), and the tables it holds that the master's edits
    may not reach (:mod:`field_kit.sync.accepted`)."""
    return [f"not brought from the master, not tracked there: {tbl}: {why}"
            for tbl, why in result.not_tracked.items()] + result.held_over + result.differ


def undone_said(result: Result) -> list[tuple[str, list[tuple]]]:
    """What every face says of a pull's :attr:`Result.undone` and
    :attr:`Result.undone_aside`: for each list that holds any, the line saying how many of
    the device's values are the master's here and why, with the values it heads (table,
    row, field, the device's, the master's) for the face to name."""
    return [(f"{counted(len(values), 'value')} this device sent "
             f"{said.format(are=be(len(values)), them=them(len(values)))}:",
             values) for values, said in (
        (result.undone, "{are} the master's again: the master undid the merge that applied "
                        "{them} (undo-merge)"),
        (result.undone_aside, "{are} the master's here: the master undid the merge that kept "
                              "{them} aside in its conflicts (undo-merge) and holds {them} "
                              "nowhere now; edit {them} again to send {them} again")) if values]


def _one_conflict_a_field(conn: sqlite3.Connection, pull_id: str) -> dict[str, set[int]]:
    """One open conflict a field of a row in a package: where the master wrote a field the
    package holds its own edit of more than once (two saves, "A" then "B", before this pull
    or one before it), each of its changes met that edit; the master holds the last one's
    value, so only the last conflict stands, from where the package's edit started (the
    first one's ancestor). Returns the change UUID of each conflict dropped -> the ids of the
    conflicts that stand for them."""
    last: dict[tuple, tuple] = {}
    dropped: dict[str, set[tuple]] = {}
    for cid, tbl, row, fld, ancestor, change in conn.execute(
            "SELECT id, tbl, row_uuid, field, ancestor, change_uuid FROM sync_conflicts c "
            "WHERE status = 'open' AND field IS NOT NULL AND (merge_id = ?1 OR merge_id LIKE "
            "'pull:%' AND EXISTS (SELECT 1 FROM sync_conflicts n WHERE n.merge_id = ?1 AND "
            "n.status = 'open' AND n.tbl = c.tbl AND n.row_uuid = c.row_uuid AND n.field = "
            "c.field)) ORDER BY id", (pull_id,)).fetchall():
        key = (tbl, row, fld)
        before = last.get(key)
        if before is not None:
            conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (before[0],))
            conn.execute("UPDATE sync_conflicts SET ancestor = ? WHERE id = ?",
                         (before[1], cid))
            dropped.setdefault(before[2], set()).add(key)
            ancestor = before[1]
        last[key] = (cid, ancestor, change)
    return {change: {last[k][0] for k in keys} for change, keys in dropped.items()}


def _without_gave_way(refusals: list[refused.Refusal], gave: list) -> list[refused.Refusal]:
    """The ``refusals`` less what they wrote into columns that gave way to the master's
    (:func:`field_kit.sync.schema_changes.give_way`): those values are said with the column
    (carried or set aside); an edit of nothing else is said there alone."""
    gone: dict[str, set[str]] = {}
    for g in gave:
        gone.setdefault(g.clash.table, set()).add(g.clash.column)

    def less(logged: str | None, cols: set[str]) -> str | None:
        return log_values.dumps({c: v for c, v in log_values.loads(logged).items()
                                if c not in cols}) if logged else logged
    out = []
    for r in refusals:
        cols = gone.get(r.table, set())
        if not cols & set(r.fields):
            out.append(r)
        elif set(r.fields) - cols:
            out.append(r._replace(fields=tuple(f for f in r.fields if f not in cols),
                                  old=less(r.old, cols), new=less(r.new, cols)))
    return out


def _fields_in(conn: sqlite3.Connection, before: int) -> list[tuple[str, str, str]]:
    """(table, row, field) of each value the pull wrote into a row the package held (a
    change it met a conflict in may still have brought its other fields)."""
    out: dict[tuple[str, str, str], None] = {}
    for tbl, row, new in conn.execute(
            "SELECT tbl, row_uuid, new FROM sync_changes WHERE seq > ? AND origin = 'pull' "
            "AND op = 'update' ORDER BY seq", (before,)):
        out.update(dict.fromkeys((tbl, row, fld) for fld in log_values.loads(new)))
    return list(out)


def _own_shapes_measured(conn: sqlite3.Connection, applier: Applier, before: int,
                         device: str) -> list[rederive.Followed]:
    """Where the package keeps its own edit of a shape, the area and centre the master sent
    for it are another shape's (an edit from QField or ogr2ogr came without them): they are
    made those of the shape it holds again (:mod:`field_kit.sync.rederive`), as the master
    will make them when it merges that shape."""
    shapes = rederive.Shapes(conn)
    at = changelog.now()
    for t in shapes.tables():
        columns = set(derived_columns(t.name))
        rows = {row: ("pull", at, None) for row, new in conn.execute(
            "SELECT row_uuid, new FROM sync_changes WHERE seq > ? AND origin = 'pull' AND "
            "tbl = ? AND new IS NOT NULL", (before, t.name))
            if columns & log_values.loads(new).keys() and t.geom in applier.own_fields(row)}
        shapes.follow(t, rows, device)
    return shapes.followed


def _changes_since(src, conn, base: int, device: str, again: set[str]) -> list[dict]:
    """The master's changes after seq ``base`` that the package ``conn`` does not hold: not
    those it made itself, but those another copy of it made (a QField project copied to a
    second phone: one device, two packages), and those of ``again`` it lacks now (made
    again after an undo it pulled: :mod:`field_kit.sync.made_again`)."""
    cols = ("SELECT change_uuid, tbl, row_uuid, op, old, new, device, at, "
            "coalesce(src_seq, seq), seq FROM sync_changes WHERE seq > ? AND origin NOT LIKE "
            "'%:parked' AND origin NOT LIKE '%:touch' AND ")
    rows = src.execute(cols + "(device IS NOT ? OR origin = 'local')", (base, device)
                       ).fetchall()
    own = src.execute(cols + "device = ? AND origin != 'local'", (base, device)).fetchall()
    if own:
        held = {c for (c,) in conn.execute("SELECT change_uuid FROM sync_changes WHERE "
                                           "origin = 'local'")}
        held -= made_again.lost_here(conn, own, again)
        rows = sorted(rows + [r for r in own if r[0] not in held], key=lambda r: r[9])
    # a layer's shapes the master holds under another column name (rewritten there): the
    # package's own geometry column takes them, where both hold them in one reference (else
    # none: the pull that brought the layer said so)
    shapes = {tbl: (there, None if geometry_named.other_srs(src, conn, tbl) else here)
              for tbl, (there, here) in geometry_named.otherwise(src, conn).items()}
    # seq: the change's place among its device's edits, which orders two edits of one
    # millisecond (an insert and the delete that follows it, say)
    return [{"change": r[0], "table": r[1], "row": r[2], "op": r[3],
             "old": geometry_named.renamed(log_values.loads(r[4]) if r[4] else None,
                                           *shapes.get(r[1], ("", ""))),
             "new": geometry_named.renamed(log_values.loads(r[5]) if r[5] else None,
                                           *shapes.get(r[1], ("", ""))),
             "device": r[6], "at": r[7], "seq": r[8]} for r in rows]


def _as_stored(src, conn, applier: Applier, base: int, device: str) -> list[str]:
    """The values this device sent that the master stores otherwise (a PostgreSQL master
    rounds a number to its column's precision, gives a time in UTC), put into the package
    as stored where the package has not edited them since: a later edit from elsewhere
    would meet a value the master never held, a conflict of nobody's. Returns
    "table.field" of each value changed."""
    out = []
    for change, seq, tbl, row, new in src.execute(
            "SELECT change_uuid, src_seq, tbl, row_uuid, new FROM sync_changes WHERE seq > ? "
            "AND device = ? AND origin LIKE 'merge:%' AND new IS NOT NULL", (base, device)):
        # (the master keeps the device's own seq of each change it merged)
        sent = conn.execute("SELECT new FROM sync_changes WHERE seq = ? AND change_uuid = ? "
                            "AND origin = 'local'", (seq, change)).fetchone()
        if sent is None or sent[0] == new or tbl not in applier.cols:
            continue
        mine, stored = log_values.loads(sent[0]), log_values.loads(new)
        cur = applier.current(tbl, row)
        write = {f: v for f, v in stored.items() if f in mine and mine[f] != v and cur and
                 f in cur[1] and cur[1][f] == mine[f]}
        if cur and write:
            applier.update(tbl, cur[0], write)
            out += [f"{tbl}.{f}" for f in write]
    return out


def _left_out(src, changes: list[dict], kept: dict) -> set[str]:
    """Change UUIDs of the inserts of rows the master has now and the package does not keep.
    (A row inserted and deleted since is let through: its delete follows.)"""
    out = set()
    for tbl, keep in kept.items():
        inserts = [c for c in changes if c["op"] == "insert" and c["table"] == tbl and
                   c["row"] not in keep]
        here = {r[0] for r in _by_uuid(src, tbl, [], [c["row"] for c in inserts])}
        out |= {c["change"] for c in inserts if c["row"] in here}
    return out


def _by_uuid(conn, tbl: str, cols: list[str], uuids: list):
    """Rows (uuid, *cols) of ``tbl`` with these uuids, read in chunks."""
    select = ", ".join(["uuid", *map(quote, cols)])
    for part in chunks(uuids):
        yield from conn.execute(
            f"SELECT {select} FROM {quote(tbl)} WHERE uuid IN {marks(len(part))}", part)


def _rows_held(conn: sqlite3.Connection, rows) -> dict[tuple, tuple]:
    """(table, row) -> the tracked values the package holds of each of ``rows`` (table,
    row) it holds (not its fid: the package's own number)."""
    tables = registry.by_name(conn)
    wanted: dict[str, list[str]] = {}
    for tbl, row in rows:
        if tbl in tables:  # (not tracked here: said apart)
            wanted.setdefault(tbl, []).append(row)
    return {(tbl, got[0]): tuple(got[1:]) for tbl, uuids in wanted.items()
            for got in _by_uuid(conn, tbl, tracked_columns(conn, tables[tbl]), uuids)}


def _missing_rows(src, conn, kept: dict, device: str) -> list[dict]:
    """Insert changes, parents first, for the rows the package keeps but lacks (and did not
    delete itself), with the master's present values."""
    deleted = {r[0] for r in conn.execute(
        "SELECT row_uuid FROM sync_changes WHERE op = 'delete' AND origin = 'local'")}
    at = changelog.now()
    out = []
    for t in tracked_tables(conn):
        if t.name not in kept:
            continue
        have = {r[0] for r in conn.execute(f"SELECT uuid FROM {quote(t.name)}")}
        cols = _in_both(src, conn, t)
        for row in _by_uuid(src, t.name, cols, sorted(kept[t.name] - have - deleted)):
            out.append({"change": changelog.new_uuid(), "table": t.name, "row": row[0],
                        "op": "insert", "old": None, "device": device, "at": at,
                        "new": {c: log_values.encode(c, v, t.blobs)
                                for c, v in zip(cols, row[1:])}})
    return out


def rows_to_match(src: sqlite3.Connection, base: int, device: str) -> set[tuple[str, str]]:
    """(table, row) of the rows a pull gives the master's present values (a staged master
    stages them for it): those of the conflicts in which the master kept ``device``'s edits
    aside, and those the log after seq ``base`` shows an undo, or a merge that took changes
    of an undone merge again, wrote."""
    pairs = set(src.execute("SELECT DISTINCT tbl, row_uuid FROM sync_conflicts WHERE "
                            "device = ?", (device,)))
    merges = src.execute("SELECT merge_id, device, seq_from, seq_to, undone_at FROM "
                         "sync_merges").fetchall()
    undone = [m for m in merges if m[4] is not None]
    origins = {f"undo:{m[0]}" for m in undone} | {
        f"merge:{m[0]}" for m in merges if m[4] is None and any(
            m[1] == u[1] and (m[2] or 0) <= (u[3] or 0) and (u[2] or 0) <= (m[3] or 0)
            for u in undone)}
    if origins:
        pairs |= set(src.execute(
            "SELECT DISTINCT tbl, row_uuid FROM sync_changes WHERE seq > ? AND origin IN "
            "(SELECT value FROM json_each(?))", (base, json.dumps(sorted(origins)))))
    return pairs


def _waiting(conn: sqlite3.Connection, merged: int) -> dict[str, set | None]:
    """The rows the package holds edits of that the master has not merged (seq after
    ``merged``): row -> the fields its updates wrote, or None where it inserted or deleted
    the row."""
    out: dict[str, set | None] = {}
    for row, op, new in conn.execute("SELECT row_uuid, op, new FROM sync_changes WHERE "
                                     "origin = 'local' AND seq > ?", (merged,)):
        fields = out.setdefault(row, set())
        if op != "update" or fields is None:
            out[row] = None
        else:
            fields.update(log_values.loads(new))
    return out


def _as_the_master(src, conn, kept: dict, base: int, device: str, master: str,
                   waiting: dict[str, set | None], also: list[tuple[str, str, list | None]]
                   ) -> list[dict]:
    """Changes that give the package the master's present values of the rows where the
    master holds something else than the package by decision, where they differ and the
    package holds no edit of the row the master has not merged (``waiting``): the rows of
    the conflicts in which the master kept this device's merged edit aside (another value
    kept, a delete that lost, a supervisor's decision that writes nothing), the rows an
    undone merge touched since the base, and ``also`` (table, row, and the fields, or None
    for the whole row: the edits the package's role may never make), of which the fields
    no waiting edit wrote. (A merge undone and merged again logs the same changes twice,
    which a pull, knowing them by their ids, would take once, or in the package that made
    them not at all, after the undo reverted them.)"""
    rows: dict[str, dict[str, set | None]] = {}
    for tbl, row in rows_to_match(src, base, device):
        rows.setdefault(tbl, {})[row] = None
    for tbl, row, fields in also:
        have = rows.setdefault(tbl, {})
        if row not in have or have[row] is not None:
            have[row] = None if fields is None else (have.get(row) or set()) | set(fields)
    if not rows:
        return []
    at = changelog.now()
    out = []
    for t in tracked_tables(conn):
        want = {row: only for row, only in rows.get(t.name, {}).items()
                if row not in waiting or only is not None and waiting[row] is not None}
        if not want or not table_exists(src, t.name):  # (a layer the master dropped)
            continue
        cols = _in_both(src, conn, t)
        there = {r[0]: dict(zip(cols, r[1:])) for r in _by_uuid(src, t.name, cols, sorted(want))}
        here = {r[0]: dict(zip(cols, r[1:])) for r in _by_uuid(conn, t.name, cols, sorted(want))}
        for row, only in sorted(want.items()):
            ours, theirs = here.get(row), there.get(row)
            if theirs is not None and ours is None and t.name in kept and row not in kept[t.name]:
                continue  # outside a cut package
            if ours is None and theirs is None or ours == theirs:
                continue
            if only is not None:  # some fields of a row both hold, those no waiting edit wrote
                if ours is None or theirs is None:
                    continue
                unsent = waiting.get(row) or set()
                differ = [c for c in cols if c in only and c not in unsent and
                          ours[c] != theirs[c]]
                if not differ:
                    continue
            else:
                differ = [c for c in cols
                          if ours is None or theirs is None or ours[c] != theirs[c]]
            old = None if ours is None else {c: log_values.encode(c, ours[c], t.blobs)
                                              for c in differ}
            new = None if theirs is None else {c: log_values.encode(c, theirs[c], t.blobs)
                                                for c in differ}
            op = "insert" if ours is None else "delete" if theirs is None else "update"
            out.append({"change": changelog.new_uuid(), "table": t.name, "row": row, "op": op,
                        "old": old, "new": new, "device": master, "at": at})
    return out


def _in_both(src, conn, t: registry.Tracked) -> list[str]:
    """The package's tracked columns of ``t`` that the master's table has too (one the
    package added and has not sent yet is its own; asked of the master, SQLite would take
    its quoted name for a string)."""
    there = set(file_columns(src, t.name))
    return [c for c in tracked_columns(conn, t) if c in there]


def _copy_attachments(src, conn, shas: set) -> None:
    for sha in shas:
        got = src.execute("SELECT data, size, mime_type FROM attachments WHERE sha256 = ?",
                          (sha,)).fetchone()
        if got:
            conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                         "VALUES (?, ?, ?, ?)", (sha, *got))


__all__ = ["pull", "refused_pull", "rows_to_match", "OPEN_HERE_SQL", "OUTSIDE", "BROUGHT",
           "WITH_TABLE", "PULL_REFUSED", "BACK", "GONE", "BACK_UNDONE", "GONE_UNDONE",
           "ADDED_GONE", "ADDED_GONE_UNDONE", "SETTLED_KINDS",
           "not_brought_said", "undone_said"]
