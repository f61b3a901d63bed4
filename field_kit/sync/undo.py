# SPDX-License-Identifier: GPL-2.0-or-later
"""Undo a merge: revert the changes it applied and those settling its conflicts wrote,
newest first. If a field or row it would revert was written since by a recorded change (an
edit in the master, another merge, the settling of another merge's conflict), whatever value
it holds now, the whole undo is refused (naming every such row and field) and nothing is
changed: undo those later merges first; rows edited in the master itself are set by hand
to what they held before the merge, after which the undo leaves them as they are.
A column the merge wrote that the master dropped or renamed since is no change since: its
values are not set back (there is no column to set them in; a renamed one's values are the
master's own since the rename), and the undo says so by name; so is a layer dropped whole.
After the undo, the merge, the settling of its conflicts and the undo itself count as never
having happened (:data:`field_kit.sync.three_way.LIVE`): merged again when asked
(``merge --again-undone``), the package meets the master as the first time; otherwise its
changes sent again are kept out (:func:`field_kit.sync.undone_lost.keep_out_here`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..bilingual import EN, be, counted, noun, them
from ..db import chunks, file_columns, marks, quote, table_exists, transaction
from ..errors import BadInput, Refused
from ..plan import schema
from ..plan.derived import derived_columns
from ..plan.values import column_named, feature_name, field_label, with_uuid
from . import (
    capture_switch,
    changelog,
    codes,
    codes_follow,
    column_edits,
    log_reads,
    log_values,
    new_layers,
    own_triggers,
    rederive,
    registry,
    undo_others,
)
from .audit import UNDONE_BY, with_settlers
from .conflict_reads import merge_of
from .conflicts import IMPORTED, UNRECORDED, shown, user_name
from .three_way import LIVE, PARKED, RESTORE, SETTLED_BY, Applier


@dataclass
class Undone:
    """What undoing a merge did: how many changes it reverted (those the merge applied and
    the decisions on its conflicts wrote; what followed them is said apart), and the layers
    the merge made, left as they are now (table -> rows it holds: 0 unless added since)."""
    reverted: int
    layers_left: dict[str, int]
    # rederive.Followed: the area and centre of the shapes put back, recomputed or not
    derived: list = field(default_factory=list)
    # codes_follow.Followed: the rows given the code of the row they name
    codes_followed: list = field(default_factory=list)
    # the conflicts the merge recorded, open or settled, closed as undone with it
    closed: int = 0
    # the codes rows naming what the merge changed had been given with it, put back too
    codes_back: int = 0
    # rows edited in the master since, already set back by hand to what they held before
    # the merge: left as they are
    set_back: int = 0
    # the columns ("table.column") the merge added to layers there before it, left too
    columns_left: list = field(default_factory=list)
    # ColumnGone: the columns the merge wrote that were dropped or renamed since, whose
    # values are not set back
    columns_gone: list = field(default_factory=list)
    # the layers the merge wrote that the master no longer has -> the rows it changed there,
    # not set back
    layers_gone: dict = field(default_factory=dict)
    # what names a row put back by the fid it had before the merge deleted it, which it has
    # no more: a line each (:func:`_references_broken`)
    references_broken: list = field(default_factory=list)
    # table -> rows the master's own triggers wrote as the undo wrote, logged as its own edits
    triggers_wrote: dict = field(default_factory=dict)
    # what it left in fields later merges wrote again or set aside (:mod:`undo_others`)
    others: undo_others.Left = field(default_factory=undo_others.Left)
    # of ``reverted``, the values decisions on its conflicts wrote (one a decision): said
    # apart from the changes it applied, as the question before the undo counts them
    settled: int = 0
    # the periods patches whose phase the merge changed had been given with it, put back too
    periods_back: int = 0

    @property
    def applied(self) -> int:
        """The changes the merge applied that the undo reverted."""
        return self.reverted - self.settled

    def said(self, merge_id: str) -> list[str]:
        """What undo-merge tells, a line each."""
        values = f", and {counted(self.settled, 'value')} written settling its conflicts" \
            if self.settled else ""
        return [f"merge {merge_id} undone: {counted(self.applied, 'change')} reverted{values}"] + [
            f"{counted(self.closed, 'conflict')} this merge recorded closed as undone with it "
            f"(what settling {'it' if self.closed == 1 else 'any of them'} wrote is reverted "
            "too)"] * bool(self.closed) + [
            f"layer {t} made by this merge is left, "
            + ("empty" if n == 0 else f"with {counted(n, 'row')} added since")
            for t, n in self.layers_left.items()] + [
            f"column {c} added by this merge is left" for c in self.columns_left] + [
            f.said() for f in self.codes_followed] + self.others.said() + \
            self.put_back_said() + \
            rederive.said(self.derived) + [
            own_triggers.wrote_said(self.triggers_wrote, "as the undo wrote")
        ] * bool(self.triggers_wrote)

    def put_back_said(self) -> list[str]:
        """The lines saying what was put back beside the changes reverted, if anything: the
        codes given with the merge, the rows already set back by hand; and what was not: the
        values of a column dropped or renamed since."""
        one = self.set_back == 1
        return [f"{counted(self.codes_back, 'code')} given with this merge to rows naming what "
                "it changed put back with it"] * bool(self.codes_back) + [
            f"{counted(self.periods_back, 'period')} given with this merge to patches whose "
            "phase it changed put back with it"] * bool(self.periods_back) + [
            f"{counted(self.set_back, 'row')} edited in the master since "
            f"{be(self.set_back, past=True)} set back by hand to what {'it' if one else 'they'} "
            f"held before the merge: left as {'it is' if one else 'they are'}"
        ] * bool(self.set_back) + [
            g.said() for g in self.columns_gone] + [
            f"layer {t} is no longer in the master: what this merge wrote there in "
            f"{counted(n, 'row')} is not set back (there is no layer to set it back in)"
            for t, n in self.layers_gone.items()] + self.references_broken


@dataclass(frozen=True)
class ColumnGone:
    """A column a merge wrote that the master no longer has (dropped, or renamed
    ``renamed_to``, at ``at``, after the merge): the undo sets back none of its values, in
    ``rows`` rows."""
    table: str
    column: str
    rows: int
    at: str | None = None
    renamed_to: str | None = None
    # a column of its name added again since the drop: another column, empty when added
    added_again: bool = False

    def said(self) -> str:
        gone = f"column {self.column} of {self.table}"
        if self.added_again:  # (the drop took the merge's values; the undo would not)
            return (f"{gone} was dropped from the master on {changelog.local_time(self.at)}, "
                    f"after this merge, and added again since: the values it wrote there in "
                    f"{counted(self.rows, 'row')} went with the drop and are not set back; the "
                    "column "
                    "added again keeps what it holds (field-kit history shows them)")
        if self.at is None:  # (no record of what became of it)
            return (f"{gone} is no longer in the master: the values this merge wrote there in "
                    f"{counted(self.rows, 'row')} are not set back (field-kit history shows "
                    "them)")
        when = changelog.local_time(self.at)
        what = (f"renamed {self.renamed_to} in the master" if self.renamed_to else
                "dropped from the master")
        kept = f"; {self.renamed_to} keeps what it holds" if self.renamed_to else ""
        return (f"{gone} was {what} on {when}, after this merge: the values it wrote there in "
                f"{counted(self.rows, 'row')} are not set back{kept} (field-kit history shows "
                "them)")


@dataclass(frozen=True)
class ToUndo:
    """What undoing a merge would put back, as its undo counts it (:class:`Undone`): the
    changes it applied, the values settling its conflicts wrote, and its conflicts (open
    or settled) to be closed as undone with it."""
    applied: int
    settled: int
    conflicts: int


def to_undo(cur, merge_id: str, mark: str = "?") -> ToUndo:
    """:class:`ToUndo` of ``merge_id``, read by the cursor ``cur`` of a master's database
    (``mark``: its parameters' mark, ``%s`` for PostgreSQL's); reads only."""
    m = mark
    cur.execute(
        f"SELECT (SELECT count(*) FROM sync_changes WHERE origin IN ({m}, {m}) AND "
        f"change_uuid IN (SELECT change_uuid FROM sync_applied WHERE merge_id = {m})), "
        "(SELECT count(DISTINCT origin) FROM sync_changes WHERE origin IN (SELECT "
        f"'resolve:' || id FROM sync_conflicts WHERE merge_id = {m})), (SELECT count(*) "
        f"FROM sync_conflicts WHERE merge_id = {m} AND status IN ('open', 'resolved'))",
        (f"merge:{merge_id}", f"merge:{merge_id}{RESTORE}", merge_id, merge_id, merge_id))
    return ToUndo(*cur.fetchone())


def undo_merge(master: str | os.PathLike, merge_id: str) -> int:
    """Revert what one merge applied, and what settling its conflicts wrote; returns the
    number of changes reverted. Refuses, changing nothing, naming every row changed since."""
    return undo(master, merge_id).reverted


def undo(master: str | os.PathLike, merge_id: str, *, postgres: bool = False,
         by: str | None = None) -> Undone:
    """:func:`undo_merge`, saying too which layers the merge made are left (a layer is not
    taken out: a technician's form or another package may name it already). A merge that
    changed no row and only added columns, there yet, is refused (:func:`_only_columns`):
    its undo would change nothing; ``postgres``: the master is a PostgreSQL one (the refusal
    says how a column is dropped there). Who undid it is kept (``by``, else the user the
    command runs as, as a decision on a conflict keeps who settled it): history names them
    beside the undo's changes (:func:`~field_kit.sync.audit.with_settlers`)."""
    conn = changelog.open_master(master)
    try:
        got = conn.execute("SELECT undone_at FROM sync_merges WHERE merge_id = ?",
                           (merge_id,)).fetchone()
        if got is None:
            raise BadInput(f"no merge {merge_id}")
        if got[0]:
            raise BadInput(f"merge {merge_id} was undone already "
                           f"({changelog.local_time(got[0])})")  # (local, as status says)
        me = changelog.state(conn)["device"]
        who = by or user_name() or me  # (the decisions the undo makes name them too)
        with transaction(conn), capture_switch.capture_off(conn), \
                own_triggers.watched(conn) as watch:
            before = log_reads.last_seq(conn)
            rows = _records(conn, merge_id)
            merges = {m[0]: m[1:] for m in conn.execute(
                "SELECT merge_id, package, device, at FROM sync_merges")}
            columns = _columns_left(conn, merge_id)
            if not rows and columns:  # (raised inside the transaction: nothing is changed)
                raise Refused(_only_columns(_merge_said(merges, merge_id), columns, postgres))
            tables = registry.by_name(conn)
            rows, layers_gone = _without_layers_gone(conn, tables, rows)
            rows, gone = _without_columns_gone(conn, rows, merges[merge_id][2])
            since = _written_after(conn, merge_id, rows)
            applier = Applier(conn, merge_id=merge_id, origin=f"undo:{merge_id}", role=schema.GIS)
            blocked: dict[tuple[str, str], str] = {}
            kept_aside = 0  # blocked rows only an edit a later merge kept aside names
            later_merges: set[str] = set()  # the merges that changed blocked rows since
            by_hand = 0  # blocked rows changed in the master itself since
            reshaped: dict[str, dict] = {}  # table -> rows whose area is of another shape
            later_of = _later_merge_of(conn, merges, merge_id)
            made_in = _by_row(rows)
            set_back = _set_back(applier, tables, made_in, since, later_of)
            put_back: dict[str, list[str]] = {}  # table -> rows a delete of the merge put back
            others = undo_others.Left()
            for seq, tbl, row, op, old, new, *_ in rows:
                if (tbl, row) in blocked or (tbl, row) in set_back:  # (its older changes too)
                    continue
                new = log_values.loads(new) if new else None
                later = [e for e in since.get((tbl, row), ()) if e["seq"] > seq]
                why = _written_since(applier.current(tbl, row), op, new, later)
                # the newest edit of what changed: a field named, else the row itself (a
                # later edit of the row the merge deleted, kept aside, is one)
                if why:
                    named: Iterable[dict] = [e for e in later if _touches(e, why)] or later[:1]
                else:
                    was = log_values.loads(old) if old else None
                    after: list = []
                    if op == "update" and was and new:  # (what later merges left in its fields)
                        was, new, after = undo_others.leave(
                            applier, tbl, row, seq, was, new, later, later_of, who, others,
                            _named(applier, tables[tbl], row, later, new))
                    why = _revert(conn, applier, tables[tbl], row, op, was, new, me, later) \
                        if new or op != "update" else None
                    for then in after if why is None else ():
                        then()
                    if why is None and op == "delete":
                        put_back.setdefault(tbl, []).append(row)
                    if why is None and _area_of_another_shape(tables[tbl], op, new, later):
                        reshaped.setdefault(tbl, {})[row] = (applier.origin, changelog.now(),
                                                             None)
                    # what the row holds is not what the merge left, though no edit since
                    # counts as later: the newest recorded edit after it that wrote it
                    named = [] if why is None else (
                        e for e in log_reads.log(conn, row_uuid=row) if e["seq"] > seq and
                        e["tbl"] == tbl and merge_of(conn, e["origin"]) != merge_id and
                        _touches(e, why))
                if why is not None:
                    edit = next(iter(named), None)
                    if edit is not None and _follows_only(tbl, edit):
                        # a value that follows another (a period its phase, an area its
                        # shape): the edit it followed, of the same merge or command, is named
                        cause = next((e for e in later if e["origin"] == edit["origin"] and
                                      not _follows_only(tbl, e)), None)
                        if cause is not None:
                            edit, why = cause, list(log_values.loads(cause["new"] or "{}"))
                    # a later merge (or a decision on its conflict) is undone first; an edit
                    # in the master itself (QGIS, psql, capture off) only by hand
                    merged = None if edit is None else later_of(edit["origin"])
                    kept_aside += _kept_aside(edit)
                    if merged:
                        later_merges.add(merged)
                    else:
                        by_hand += 1
                    said = why if isinstance(why, str) else ", ".join(
                        field_label(tbl, f, EN) for f in why)
                    had = new or (log_values.loads(old) if old else None)  # (a delete's)
                    blocked[(tbl, row)] = (f"{_named(applier, tables[tbl], row, later, had)} "
                                           f"({said}, {_changed_by(conn, edit, merges)})"
                                           + ("" if merged else
                                              _to_set(tables[tbl], made_in[(tbl, row)])))
            if blocked:  # raised inside the transaction: nothing is changed
                first = _undo_first(merges, _chain(applier, merges, later_merges), by_hand)
                raise Refused(f"cannot undo: {counted(len(blocked), 'row')} "
                              f"{_how_blocked(len(blocked), kept_aside)}: "
                              f"{'; '.join(sorted(blocked.values()))}; {first}; nothing was "
                              "changed")
            applier.flush_log()
            broken = _references_broken(conn, put_back)
            shapes = rederive.Shapes(conn)
            for tbl, reshaped_rows in reshaped.items():
                shapes.follow(tables[tbl], reshaped_rows, me)
            followed = codes_follow.follow(conn, before, {applier.origin: applier.origin}, me)
            reverted, settled, derived, codes_back, periods_back = _counted(
                conn, applier, merge_id, [r for r in rows if (r[1], r[2]) not in set_back],
                tables)
            conn.execute("DELETE FROM sync_applied WHERE merge_id = ?", (merge_id,))
            # a settled conflict is undone with what settling it wrote; its decision stays
            closed = conn.execute("UPDATE sync_conflicts SET status = 'undone' WHERE "
                                  "merge_id = ? AND status IN ('open', 'resolved')",
                                  (merge_id,)).rowcount
            conn.execute("UPDATE sync_merges SET undone_at = ? WHERE merge_id = ?",
                         (changelog.now(), merge_id))
            undone_by = registry.json_meta(conn, UNDONE_BY)
            registry.set_json_meta(conn, UNDONE_BY,
                                   {**undone_by, merge_id: who})
            left = {t: conn.execute(f"SELECT count(*) FROM {quote(t)}").fetchone()[0]
                    for t in new_layers.made_by(conn, merge_id) if table_exists(conn, t)}
            # what the master's own triggers wrote meanwhile: its own edits, for pulls to bring
            wrote = watch.log_written()
        return Undone(reverted, left, derived + shapes.followed, followed, closed, codes_back,
                      len(set_back), columns, gone, layers_gone, broken, wrote, others, settled,
                      periods_back)
    finally:
        conn.close()


def _records(conn: sqlite3.Connection, merge_id: str) -> list:
    """What undoing ``merge_id`` reverts: the records of the changes it applied and of those
    settling its conflicts wrote (seq, table, row, op, old, new, origin, change), newest
    first."""
    return conn.execute(
        "SELECT seq, tbl, row_uuid, op, old, new, origin, change_uuid FROM sync_changes WHERE "
        f"origin IN (?, ?) OR origin IN ({SETTLED_BY}) ORDER BY seq DESC",
        (f"merge:{merge_id}", f"merge:{merge_id}{RESTORE}", merge_id)).fetchall()


def _chain(applier: Applier, merges: dict[str, tuple], later: set[str]) -> set[str]:
    """The ``later`` merges an undo is refused over, with each merge that stands in the way
    of undoing one of them in turn (it, or a decision on its conflict, wrote since what that
    one would revert), and so on: every merge to undo first, named in one refusal."""
    conn = applier.conn
    tables = registry.by_name(conn)
    chain, todo = set(later), list(later)
    while todo:
        merge_id = todo.pop()
        rows, _ = _without_layers_gone(conn, tables, _records(conn, merge_id))
        rows, _ = _without_columns_gone(conn, rows, merges[merge_id][2])
        since = _written_after(conn, merge_id, rows)
        later_of = _later_merge_of(conn, merges, merge_id)
        for seq, tbl, row, op, _old, new, *_ in rows:
            edits = [e for e in since.get((tbl, row), ()) if e["seq"] > seq]
            why = _written_since(applier.current(tbl, row), op,
                                 log_values.loads(new) if new else None, edits)
            for e in [e for e in edits if why and _touches(e, why)]:
                merged = later_of(e["origin"])
                if merged and merged not in chain:
                    chain.add(merged)
                    todo.append(merged)
    return chain


def _references_broken(conn: sqlite3.Connection, put_back: dict[str, list[str]]) -> list[str]:
    """What names a row put back by a key it no longer has (a row of another table holding
    the fid the row had, ``REFERENCES parent(fid)``: put back, the row has a new fid), a line
    each naming the rows that do and the rows put back with their fids now."""
    if not put_back:
        return []
    said = []
    tables = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sync\\_%' "
        "ESCAPE '\\' AND name NOT LIKE 'gpkg%' AND name NOT LIKE 'rtree\\_%' ESCAPE '\\' "
        "ORDER BY name")]
    for child in tables:
        try:
            keys = conn.execute(f"PRAGMA foreign_key_list({quote(child)})").fetchall()
            bad = conn.execute(f"PRAGMA foreign_key_check({quote(child)})").fetchall()
        except sqlite3.Error:  # (a key naming no unique column: SQLite cannot check it)
            continue
        for fk_id, _, parent, col, *_ in keys:
            if parent not in put_back:
                continue
            rowids = [r[1] for r in bad if r[2] == parent and r[3] == fk_id]
            if not rowids:
                continue
            held = conn.execute(f"SELECT rowid, {quote(col)} FROM {quote(child)} WHERE rowid IN "
                                f"{marks(len(rowids))} ORDER BY rowid", rowids).fetchall()
            cur = conn.execute(f"SELECT rowid, * FROM {quote(parent)} WHERE uuid IN "
                               f"{marks(len(put_back[parent]))} ORDER BY rowid",
                               put_back[parent])
            cols = [d[0] for d in cur.description]
            now = [(r[0], with_uuid(feature_name(parent, dict(zip(cols[1:], r[1:]))),
                                    dict(zip(cols, r))["uuid"])) for r in cur.fetchall()]
            said.append(
                f"{child}: {counted(len(held), 'row')} {'names' if len(held) == 1 else 'name'} "
                f"{parent} by {col}, holding a fid no row of "
                f"{parent} has now: " + ", ".join(f"fid {r} ({col} {v})" for r, v in held)
                + f"; this undo put {parent}'s rows back under new fids: "
                + ", ".join(f"{u} (fid {r})" for r, u in now)
                + f"; set {col} of those rows to the fid of the row each names")
    return said


def _without_layers_gone(conn: sqlite3.Connection, tables: dict, rows: list
                         ) -> tuple[list, dict[str, int]]:
    """The undo's records (``rows``: seq, table, row, ...) without those of layers the master
    no longer tracks or holds (dropped whole since the merge: nothing to set back in them);
    and those layers, each with how many of its rows the merge changed."""
    gone: dict[str, set[str]] = {}
    out = []
    for r in rows:
        if r[1] in tables and table_exists(conn, r[1]):
            out.append(r)
        else:
            gone.setdefault(r[1], set()).add(r[2])
    return out, {t: len(of) for t, of in sorted(gone.items())}


def _without_columns_gone(conn: sqlite3.Connection, rows: list, merged_at: str | None = None
                          ) -> tuple[list, list]:
    """The undo's records (``rows``: seq, table, row, op, old, new, ...) without the values
    of columns the master no longer has (dropped or renamed since the merge: a merge writes
    no column the master lacks), there being no column to set them back in, nor of those
    dropped after the merge (``merged_at``) and added again since, whose values went with the
    drop (the row holds what it would without the merge); a record left writing nothing is
    left out. And those columns, each a :class:`ColumnGone` counting the rows the undo keeps
    (a row the merge inserted it takes out whole)."""
    record = column_edits.gone(conn)
    dropped = column_edits.dropped_before(conn)
    have: dict[str, set[str]] = {}
    again: dict[str, set[str]] = {}  # table -> its columns dropped after the merge, there
    gone: dict[tuple[str, str], set[str]] = {}
    # rows the merge inserted: the undo takes them out whole, nothing of them is left
    inserted = {(r[1], r[2]) for r in rows if r[3] == "insert"}
    out = []
    for seq, tbl, row, op, old, new, *rest in rows:
        if tbl not in have:
            have[tbl] = set(file_columns(conn, tbl)) if table_exists(conn, tbl) else set()
            again[tbl] = {c for c, at in dropped.get(tbl, {}).items()
                          if c in have[tbl] and merged_at and at > merged_at}
        if not have[tbl]:  # (a layer gone whole: not these columns' doing)
            out.append((seq, tbl, row, op, old, new, *rest))
            continue
        values = [log_values.loads(v) if v else None for v in (old, new)]
        lost = {k for v in values if v for k in v if k not in have[tbl] or k in again[tbl]}
        if lost and op == "delete" and values[0]:  # put back whole: a renamed column's
            moved = {k: to for k in lost - again[tbl]  # value under the name it has now
                     if (to := _renamed(record.get(tbl, {}), k, have[tbl]))}
            values[0] = {moved.get(k, k): x for k, x in values[0].items()}
            old = log_values.dumps(values[0])
            lost -= moved.keys()
        if not lost:
            out.append((seq, tbl, row, op, old, new, *rest))
            continue
        for col in lost if (tbl, row) not in inserted else ():
            gone.setdefault((tbl, col), set()).add(row)
        old, new = (None if v is None else log_values.dumps(
            {k: x for k, x in v.items() if k not in lost}) for v in values)
        if op != "update" or log_values.loads(new or "{}"):
            out.append((seq, tbl, row, op, old, new, *rest))
    return out, [ColumnGone(tbl, col, len(rows_of), dropped[tbl][col], added_again=True)
                 if col in again[tbl] else
                 ColumnGone(tbl, col, len(rows_of), record.get(tbl, {}).get(col, {}).get("at"),
                            record.get(tbl, {}).get(col, {}).get("renamed_to"))
                 for (tbl, col), rows_of in sorted(gone.items())]


def _renamed(record: dict[str, dict], col: str, have: set[str]) -> str | None:
    """The column of the master ``col`` of a table was renamed to since, through every
    rename after (``record``: the table's :func:`column_edits.gone`), or None: dropped."""
    seen = set()
    now: str | None = col
    while now is not None and now not in have and now not in seen:
        seen.add(now)
        now = record.get(now, {}).get("renamed_to")
    return now if now in have else None


def _columns_left(conn: sqlite3.Connection, merge_id: str) -> list[str]:
    """The columns ("table.column") the merge ``merge_id`` added that the master holds yet."""
    return [f"{t}.{c}" for t, _, c in (
        made.partition(".") for made in new_layers.made_by(conn, merge_id, columns=True))
        if table_exists(conn, t) and c in file_columns(conn, t)]


def _only_columns(merge: str, columns: list[str], postgres: bool) -> str:
    """Why a merge (``merge``: as :func:`_merge_said` names it, the sync dock's list showing
    no id) that changed no row, only added ``columns`` the master holds yet, is not undone
    (an undo leaves a column: field packages pulled since may hold it, and fill it), and how
    the column is taken out of the master by hand, after which the undo goes."""
    how = ("drop it in the database (ALTER TABLE … DROP COLUMN), then run field-kit repair "
           "on the master" if postgres else "in QGIS with the Toksun Restoration plugin "
           "loaded: the layer's Fields, Delete Field, then Save Layer Edits")
    return (f"cannot undo merge {merge}: it changed no row, it only added "
            f"column{'s' * (len(columns) > 1)} {', '.join(columns)} to the master, and an undo "
            "leaves a column it added (field packages pulled since may hold it); if it is not "
            f"wanted, take it out by hand ({how}), then undo again; nothing was changed")


def _kept_aside(edit: dict | None) -> bool:
    """Whether ``edit`` is one a merge kept aside in a conflict: it never changed the row."""
    return edit is not None and (edit.get("origin") or "").startswith("merge:") and \
        edit["origin"].endswith(PARKED)


def _how_blocked(rows: int, kept_aside: int) -> str:
    """How the ``rows`` an undo is refused over were met since the merge: changed; or each
    named by an edit a later merge kept aside in a conflict (which never changed it, and may
    be older than the merge undone); or some of each (``kept_aside`` of them are so)."""
    aside = "with an edit a later merge kept aside"
    return aside if kept_aside == rows else \
        f"changed after the merge or {aside}" if kept_aside else "changed after the merge"


def _undo_first(merges: dict[str, tuple], later_merges: set[str], by_hand: int) -> str:
    """What to do before an undo refused over rows changed since: undo the later merges
    that changed them and those in the way of undoing these (most recent first, the order
    to undo them in, each as the sync dock lists it, with the id
    ``field-kit undo-merge`` takes), and set by hand those edited in the master itself
    (``by_hand`` of them)."""
    merges_after = sorted(later_merges & merges.keys(), key=lambda m: merges[m][2] or "",
                          reverse=True)
    named = ", then ".join(_merge_said(merges, m) for m in merges_after)
    first = (f"undo the later {noun(len(merges_after), 'merge')} {named} "
             "first (a decision on a conflict goes with its merge)") if merges_after else ""
    if not by_hand:
        return first
    hand = ("edited in the master itself, not by a merge: set {} by hand to what {} should "
            "hold without the merge, then undo again (History in QGIS, or field-kit history "
            "with a row's uuid, shows its changes)")
    if not first:
        return hand.format("those rows", "they")
    return (f"{first}; {counted(by_hand, 'row')} "
            f"{hand.format(them(by_hand), 'it' if by_hand == 1 else 'they')}")


def _merge_said(merges: dict[str, tuple], merge_id: str) -> str:
    """"tab-2.zip from tab-2 at 2026-12-03 16:10:11 (merge id 7c1e…)": a merge as the sync
    dock lists it, with the id the command line takes."""
    package, device, at = merges[merge_id]
    return f"{package} from {device} at {changelog.local_time(at)} (merge id {merge_id})"


def _changed_by(conn: sqlite3.Connection, edit: dict | None, merges: dict[str, tuple]) -> str:
    """"changed by tab-2 at 2026-12-03 16:10:11 (merge of tab-2.zip)": who made a recorded
    edit (a decision on a conflict, whoever settled it), when in local time, and as what (a
    merge by its package); or that no recorded edit says."""
    if edit is None:
        return UNRECORDED
    kind, _, what = (edit.get("origin") or "local").partition(":")
    merged = merge_of(conn, edit["origin"]) if kind in ("merge", "resolve") else \
        what.partition(":")[0] if kind == "undo" else None
    package = merges[merged][0] if merged in merges else merged
    if _kept_aside(edit):  # (never applied)
        kind = "parked"
    how = {"local": "", "merge": f" (merge of {package})",
           "parked": f" (kept aside in a conflict by the merge of {package})",
           "undo": f" (undoing the merge of {package})",
           "resolve": f" (settling conflict {what} of the merge of {package})",
           IMPORTED: f" (imported from {what})"}.get(kind, f" ({edit['origin']})")
    when = changelog.local_time(edit["at"]) if edit.get("at") else "an unrecorded time"
    who = with_settlers(conn, [dict(edit)])[0]["by"] if kind == "resolve" else edit.get("device")
    verb = "edited" if kind == "parked" else "changed"
    return f"{verb} by {who or 'an unnamed device'} at {when}{how}"


def _named(applier: Applier, t: registry.Tracked, row: str, later: list[dict],
           wrote: dict | None) -> str:
    """"Legacy mine patches 一号井": a row by the title of its layer and what people call
    it (:func:`feature_name`), as the master holds it, or where it is gone as it was
    deleted (one of the ``later`` edits), else as the merge wrote it; with its uuid ("…,
    row 3f2a…") where that name is not its own code (a record by its patch's); by its uuid
    alone where nothing names it."""
    cur = applier.current(t.name, row)
    gone = next((log_values.loads(e["old"]) for e in later if e["op"] == "delete" and e["old"]),
                None)
    values = cur[1] if cur is not None else gone or wrote or {}
    name = feature_name(t.name, {k: v for k, v in values.items() if not t.is_blob(k)})
    layer = column_named(t.name, EN)
    if not name:
        return f"{layer} row {row}"
    # (a row a code names, history finds by its name; any other by its uuid)
    return f"{layer} {name}" if t.name in codes.UNIQUE else f"{layer} {name}, row {row}"


def _later_merge_of(conn: sqlite3.Connection, merges: dict[str, tuple], merge_id: str):
    """A function giving the merge to undo before ``merge_id`` that an edit made since it
    belongs to (a later merge, or a decision on a later merge's conflict), or None: an edit
    in the master itself, or a decision on a conflict of a merge made before it, which
    cannot be undone first (this one stands on it), so is set by hand like an edit."""
    this = (merges[merge_id][2] if merge_id in merges else None) or ""

    def later_of(origin: str | None) -> str | None:
        merged = merge_of(conn, origin or "")
        if merged is None or merged in merges and (merges[merged][2] or "") < this:
            return None
        return merged
    return later_of


def _by_row(rows: list) -> dict[tuple[str, str], list]:
    """The undo's changes (``rows``: seq, table, row, op, old, ..., newest first) by row
    (table, uuid): each its (op, old), oldest first."""
    changes: dict[tuple[str, str], list] = {}
    for _seq, tbl, row, op, old, *_ in reversed(rows):
        changes.setdefault((tbl, row), []).append((op, old))
    return changes


def _set_back(applier: Applier, tables: dict, made_in: dict, since: dict,
              later_of) -> set[tuple[str, str]]:
    """The rows the merge changed (``made_in``: :func:`_by_row`) that only edits in the
    master itself changed since (``since``: no later merge, no decision on a later merge's
    conflict; ``later_of``: :func:`_later_merge_of`) and that hold what they held before
    the merge: set back by hand, as a refused undo asks; the undo leaves them. An edit of
    other fields sets nothing back: what the row holds is then the decisions' doing."""
    out = set()
    for key, made in made_in.items():
        later = since.get(key)
        if not later or any(later_of(e["origin"]) for e in later):
            continue
        cur = applier.current(*key)
        if made[0][0] == "insert":  # the row was not there before the merge
            if cur is None:
                out.add(key)
            continue
        before = _held_before(made)
        if cur is not None and not tables[key[0]].differ(before, cur[1]) and \
                any(_touches(e, list(before)) for e in later):
            out.add(key)
    return out


def _held_before(made: list) -> dict:
    """What a row held before the merge in each field the merge (or a decision on its
    conflicts) wrote: ``made``, its changes' (op, old), oldest first."""
    before: dict = {}
    for _op, old in made:
        for k, v in log_values.loads(old or "{}").items():
            before.setdefault(k, v)
    return before


# a shape to set back by hand is said, not shown: its value is no text to type
SHAPE_AS_BEFORE = "as before the merge (History shows it)"


def _to_set(t: registry.Tracked, made: list) -> str:
    """", to set back: Phase "planned", Notes null": each field the merge (and the decisions
    on its conflicts) wrote in a row, with the value it held before, as a row edited in the
    master since is set by hand for the undo to leave it; a row the merge added is deleted.
    ``made``: the row's changes in the undo, (op, old), oldest first (:func:`_by_row`)."""
    if made[0][0] == "insert":
        return ", to set back: delete it"
    return ", to set back: " + ", ".join(
        f"{field_label(t.name, k, EN)} "
        f"{SHAPE_AS_BEFORE if k == t.geom else shown(v, width=1000)}"
        for k, v in _held_before(made).items())


def _counted(conn: sqlite3.Connection, applier: Applier, merge_id: str, rows: list,
             tables: dict) -> tuple[int, int, list, int, int]:
    """Of the records an undo reverted (``rows``: seq, table, row, op, old, new, origin,
    change; newest first): how many are changes the merge applied or decisions on its
    conflicts wrote (one each), and of those how many the decisions; the area and centre
    that followed a shape, put back with it (:class:`rederive.Followed`); and how many codes
    given to rows naming what changed, and periods given to patches whose phase changed
    (:mod:`phase_period`), were put back. A record bringing a deleted row back for an edit
    (:data:`RESTORE`) goes with that edit."""
    applied = {c for (c,) in conn.execute(
        "SELECT change_uuid FROM sync_applied WHERE merge_id = ?", (merge_id,))}
    decision = {}  # a decision's origin -> the seq of its own record (what follows is later)
    for seq, *_, origin, _change in rows:
        if origin.startswith("resolve:"):
            decision[origin] = seq  # (newest first: the oldest is left)
    counted, settled, derived, codes_back, periods_back = 0, 0, [], 0, 0
    for seq, tbl, row, _op, old, new, origin, change in rows:
        if change in applied or decision.get(origin) == seq:
            counted += 1
            settled += change not in applied
        elif origin.endswith(RESTORE):
            continue
        elif set(log_values.loads(new or "{}")) <= set(derived_columns(tbl)):
            put = log_values.loads(old or "{}")
            cur = applier.current(tbl, row)
            if cur is None:  # (the undo took the row out: they went with it)
                continue
            values = {k: v for k, v in cur[1].items()
                      if not tables[tbl].is_blob(k)}
            derived.append(rederive.Followed(tbl, row, feature_name(tbl, values), tuple(put),
                                             emptied=all(v is None for v in put.values())))
        elif set(log_values.loads(new or "{}")) <= set(schema.PERIOD_OF_PHASE.get(tbl, ())[1:]):
            periods_back += 1
        else:
            codes_back += 1
    return counted, settled, derived, codes_back, periods_back


def _written_after(conn: sqlite3.Connection, merge_id: str, rows: list
                   ) -> dict[tuple[str, str], list[dict]]:
    """The recorded changes of the rows a merge changed (``rows``: seq, table, row, ...),
    newest first, made after its first change of them by anything but the merge and the
    settling of its conflicts: another merge, a decision on another merge's conflict, an
    edit in the master. What an undone merge, the settling of its conflicts and an undo
    wrote count as never written (:data:`~field_kit.sync.three_way.LIVE`)."""
    if not rows:
        return {}
    first = min(r[0] for r in rows)
    pairs = {(r[1], r[2]) for r in rows}
    merge_by_origin: dict[str, str | None] = {}
    not_later = {merge_id, *(m for (m,) in conn.execute(
        "SELECT merge_id FROM sync_merges WHERE undone_at IS NOT NULL"))}
    out: dict[tuple[str, str], list[dict]] = {}
    for part in chunks(sorted({row for _, row in pairs})):
        for got in conn.execute(
                f"SELECT {', '.join(log_reads.CHANGE_COLUMNS)} FROM sync_changes WHERE seq > ? "
                f"AND row_uuid IN {marks(len(part))} AND {LIVE} ORDER BY seq DESC",
                (first, *part)):
            e = dict(zip(log_reads.CHANGE_COLUMNS, got))
            if (e["tbl"], e["row_uuid"]) not in pairs:
                continue
            if e["origin"] not in merge_by_origin:
                merge_by_origin[e["origin"]] = merge_of(conn, e["origin"])
            if merge_by_origin[e["origin"]] not in not_later:  # (LIVE keeps this merge's own)
                out.setdefault((e["tbl"], e["row_uuid"]), []).append(e)
    return out


def _area_of_another_shape(t: registry.Tracked, op: str, new: dict | None,
                           later: list[dict]) -> bool:
    """Whether a shape an undo puts back (reverting an update of the geometry that came
    without its area and centre, merged before they followed it) finds them edited since
    (set by hand for the shape taken away): they are then made those of the shape put
    back."""
    derived = [c for c in derived_columns(t.name) if c in t.column_names]
    return op == "update" and t.geom is not None and t.geom in (new or {}) and \
        bool(derived) and not set(derived) <= (new or {}).keys() and \
        any(_touches(e, derived) for e in later)


def _written_since(cur, op: str, new: dict | None, later: list[dict]) -> list[str] | str | None:
    """What recorded changes made after a merge's change (``later``) wrote of what it would
    revert, whatever the row holds now (a value written back to the merge's is written all
    the same: a decision or a later merge stands on it): the fields of the merge's update
    or insert they wrote, or what became of the row ("deleted", "there again"); None where
    they wrote none of it."""
    if not later:
        return None
    if cur is None:
        return "deleted"
    if op == "delete":
        return "there again"
    return [f for f, v in (new or {}).items() if any(
        _touches(e, [f]) and not undo_others.same_again(e, f, v) for e in later)] or None


def _follows_only(tbl: str, edit: dict) -> bool:
    """Whether a logged edit wrote only values the sync core makes follow others (the area
    and centre of a shape, the period of a phase): written for an edit it followed."""
    wrote = set(log_values.loads(edit["new"] or "{}"))
    return edit["op"] == "update" and bool(wrote) and wrote <= {
        *derived_columns(tbl), *schema.PERIOD_OF_PHASE.get(tbl, ())[1:]}


def _touches(edit: dict, why: list[str] | str) -> bool:
    """Whether a logged edit wrote one of the fields ``why`` names (or, where ``why`` says
    what became of the row, deleted or inserted it)."""
    if isinstance(why, str):
        return edit["op"] != "update"
    return any(f in log_values.loads(edit["new"] or "{}") for f in why)


def _refuse_undo_taking_a_code(conn: sqlite3.Connection, tbl: str, row: str,
                               old: dict | None) -> None:
    """Refuse an undo that would give ``row`` back a code (a patch code, a project id)
    another row holds now, naming both (raised inside the undo's transaction)."""
    taken = codes.holder(conn, tbl, row, old or {})
    if taken is not None:
        col, code, other = taken
        raise Refused(f"cannot undo: {column_named(tbl, EN)} row {row} would get back its "
                      f"{field_label(tbl, col, EN)} {code}, which its row {other} holds now: a "
                      "code names one row; give one of them another code first; nothing was "
                      "changed")


def _revert(conn, applier: Applier, t: registry.Tracked, row, op, old, new, me,
            later: list[dict]) -> list[str] | str | None:
    """Revert one recorded change; or, where the row changed since, say how (and change
    nothing): the fields changed since, or what became of the row ("deleted", "there
    again"). A geometry is compared by its shape (:meth:`~registry.Tracked.same`)."""
    tbl = t.name
    change = {"change": changelog.new_uuid(), "table": tbl, "row": row, "device": me,
              "at": changelog.now()}
    cur = applier.current(tbl, row)
    if op == "insert":
        if cur is None:
            return "deleted"
        bad = t.differ(new, cur[1])
        if bad:
            return bad
        conn.execute(f"DELETE FROM {quote(tbl)} WHERE rowid = ?", (cur[0],))
        applier.record(change, "delete", cur[1], None)
    elif op == "delete":
        if cur is not None:
            return "there again"
        _refuse_undo_taking_a_code(conn, tbl, row, old)
        applier.insert(tbl, row, old)
        applier.record(change, "insert", None, old)
    else:
        if cur is None:
            return "deleted"
        bad = t.differ(new, cur[1])
        if bad:
            return bad
        _refuse_undo_taking_a_code(conn, tbl, row, old)
        _refuse_undo_breaking_a_rule(applier, t, row, old, {**cur[1], **old}, later)
        applier.update(tbl, cur[0], old)
        applier.record(change, "update", new, old)
    return None


def _refuse_undo_breaking_a_rule(applier: Applier, t: registry.Tracked, row: str, old: dict,
                                 record: dict, later: list[dict]) -> None:
    """Refuse an undo that would put back values of ``row`` (``old``) that the record's
    other fields, written since (``later``: the edits after the merge), no longer fit: a
    year closed after the year of the verification day given since, a class apart from its
    sub-class (a merge refuses the record so; raised inside the undo's transaction). A
    record put back as it was before the merge, nothing written since, is put back."""
    since = {f for e in later if e["new"] for f in log_values.loads(e["new"])} - old.keys()
    written = {f: record.get(f) for f in since}
    said = applier.field_check.rules_broken(t.name, written, record)
    if said:
        raise Refused(f"cannot undo: {_named(applier, t, row, [], old)} would be left with "
                      f"{'; '.join(said)}, its other field written after the merge: undo what "
                      "wrote that first, or mend the record in the master; nothing was changed")
