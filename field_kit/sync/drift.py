# SPDX-License-Identifier: GPL-2.0-or-later
"""What changed in a file's schema since capture was installed, and whether capture is whole.

SQLite has no trigger on ``ALTER TABLE``: a column QGIS's "Add Field" adds, or a layer
``ogr2ogr -update`` adds, is not seen by the triggers until they are rebuilt. So every
command of the sync core compares the file with the registry first (:func:`find`, reads
only) and brings capture up to date (:func:`adopt`, inside the caller's transaction):

* a **column added** is tracked from then on, and every value written into it before that is
  logged as an update from the column's default (its ancestor for every row);
* a **table added** (a feature or attribute table) is tracked, and its rows are logged as
  inserts; one that cannot be tracked (no INTEGER PRIMARY KEY, say) is recorded as not
  tracked, with the reason, which ``status``, ``checkout`` and ``pull`` then name;
* a **column dropped or renamed as prepared** (:mod:`field_kit.sync.column_edits`, QGIS's
  "Delete Field" and "Rename Field" with the plugin) is settled: dropped, it is gone for the
  sync; renamed, it is tracked under its new name with its values logged as from its default;
  not done after all, it is tracked again and only what changed since is logged;
* a **column or table gone** otherwise (dropped or renamed, or a table rebuilt by another
  tool), **triggers missing or altered** and **capture switched off** by another program
  (``sync_state.capture`` left 0, or set to 0 and back to 1 between two commands, which
  the file records itself) mean edits may have escaped the log: nothing is
  exported or merged until ``field-kit repair`` has looked
  (:class:`~field_kit.errors.CaptureBroken`);
* a **table renamed** (QGIS's Browser, ``ALTER TABLE … RENAME TO``) took its triggers along,
  which go on capturing its edits under its old name: the sync knows a layer by its name in
  the master and in every package, and carries no rename, so nothing goes on until it is
  renamed back (its edits are all kept);
* **rows changed outside capture**: a program that drops a table's triggers and creates
  them again as they were (rebuilding the table from its schema text) leaves no trace in
  them. SQLite counts every schema change (``PRAGMA schema_version``): the file keeps the
  count it had when capture was last known whole (:func:`mark_whole`), with a digest of
  capture's part of the schema (each trigger's place and text, each table's root page), and
  only where the count is another and that part too are a field package's rows compared
  with their record at checkout and the log since (:func:`outside`); rows that differ are
  named, and ``repair`` logs them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

from ..db import file_columns, in_command, lit, quote, table_exists
from ..errors import CaptureBroken
from . import registry

COLUMN_ADDED, TABLE_ADDED = "column added", "table added"
UNTRACKABLE = "table added that cannot be tracked"
COLUMN_GONE, TABLE_GONE = "column gone", "table gone"
TABLE_RENAMED = "renamed"
TRIGGERS_MISSING, TRIGGERS_ALTERED = "capture triggers missing", "capture triggers altered"
CAPTURE_OFF = "capture switched off (sync_state.capture is 0)"
# off and on again by another program (capture_switch.switched_elsewhere), at the time its reason
CAPTURE_SWITCHED = "capture was switched off by another program"
OUTSIDE = "rows changed outside change capture"
BROKEN = (COLUMN_GONE, TABLE_GONE, TABLE_RENAMED, TRIGGERS_MISSING, TRIGGERS_ALTERED,
          CAPTURE_OFF, CAPTURE_SWITCHED, OUTSIDE)
# sync_meta: PRAGMA schema_version when capture was last known whole (see :func:`outside`)
SCHEMA_SEEN = "schema_version_whole"
_NAMED = 10  # rows named by an OUTSIDE drift, of each operation
# a column drop or rename prepared (column_edits.prepare): done, or not done after all
COLUMN_DROPPED, COLUMN_RENAMED = "column dropped", "column renamed"
NOT_DONE = "column drop or rename not done"


@dataclass(frozen=True)
class Drift:
    table: str
    kind: str
    column: str | None = None
    reason: str | None = None  # why a table added cannot be tracked; a renamed column's old
    # name; a renamed table's new one

    def __str__(self) -> str:
        if self.kind == TABLE_RENAMED:
            return f"{self.table}: renamed {self.reason}"
        if self.kind == CAPTURE_SWITCHED:
            return (f"{self.table}: {self.kind} at {self.reason} and on again: edits made "
                    "meanwhile were not captured")
        return f"{self.table}: {self.kind}" + (f" ({self.column or self.reason})"
                                               if self.column or self.reason else "")


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split())


def find(conn: sqlite3.Connection, compare_sql: bool = True) -> list[Drift]:
    """Every difference between the file and its registry, read only; without
    ``compare_sql``, triggers are only checked to be there (another version wrote them)."""
    from .capture_switch import left_off, switched_elsewhere
    from .changelog import local_time
    from .column_edits import outcomes
    from .triggers import CAPTURE_VERSION
    if not registry.has_registry(conn):
        return []
    # triggers another version wrote have another text: only checked to be there
    compare_sql = compare_sql and registry.meta(conn, "capture_version") == CAPTURE_VERSION
    tracked = registry.tracked(conn)
    names = {t.name for t in tracked}
    out = outcomes(conn)
    # the columns a preparation accounts for: not columns added
    claimed = {(d.table, d.column) for d in out if d.kind in (NOT_DONE, COLUMN_RENAMED)}
    skipped = registry.untracked(conn)
    renamed = _renamed(conn, tracked)
    out += [Drift(old, TABLE_RENAMED, reason=new) for old, new in renamed.items()]
    for name in registry.candidates(conn):
        if name not in names and name not in skipped and name not in renamed.values():
            why = registry.why_untrackable(conn, name)
            out.append(Drift(name, TABLE_ADDED) if why is None else
                       Drift(name, UNTRACKABLE, reason=why))
    triggers = capture_triggers(conn)
    off = left_off(conn)  # every table's edits since escaped the log
    switched = switched_elsewhere(conn)  # those made while it was off, the same
    for t in tracked:
        if t.name in renamed:
            continue
        if not table_exists(conn, t.name):
            out.append(Drift(t.name, TABLE_GONE))
            continue
        now = registry.describe(conn, t.name)
        have = {c for c, _ in now.columns}
        was = set(t.column_names)
        out += [Drift(t.name, COLUMN_GONE, c) for c in t.column_names if c not in have]
        out += [Drift(t.name, COLUMN_ADDED, c) for c, _ in now.columns
                if c not in was and (t.name, c) not in claimed]
        kind = trigger_drift(t, triggers, compare_sql)
        if kind is not None:
            out.append(Drift(t.name, kind))
        elif off:
            out.append(Drift(t.name, CAPTURE_OFF))
        elif switched:  # (since the first time: said so)
            out.append(Drift(t.name, CAPTURE_SWITCHED, reason=local_time(switched[0])))
    bad = {d.table for d in broken(out)}  # (repair looks at those already)
    return out + outside(conn, [t for t in tracked if t.name not in bad], out)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA schema_version").fetchone()[0]


def _capture_schema(conn: sqlite3.Connection) -> str:
    """What of the schema a program that drops capture triggers, or rebuilds a table,
    changes, and a field added (QGIS's Add Field), an index or another layer made do not:
    each capture trigger's place in ``sqlite_master`` (one made again takes a new rowid
    there, but where it was the last) and its text, each tracked table's root page. A
    digest of it, to be kept with the schema's count."""
    tables = [t.name for t in registry.tracked(conn)]
    got = conn.execute(
        "SELECT rowid, type, name, rootpage, CASE type WHEN 'trigger' THEN sql END FROM "
        "sqlite_master WHERE (type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\') OR "
        "(type = 'table' AND name IN (SELECT value FROM json_each(?))) ORDER BY rowid",
        (json.dumps(tables),)).fetchall()
    return hashlib.sha256(repr(got).encode()).hexdigest()[:16]


def mark_whole(conn: sqlite3.Connection) -> None:
    """Keep the schema's count of now as the one capture is whole at, with what of the
    schema capture stands on (:func:`_capture_schema`), inside the caller's transaction,
    capture just found or left whole: the next command compares no row. Written only where
    the count is another (a command that changed nothing writes nothing), and only in a
    field package, which keeps the record rows are compared with (a master, and a
    PostgreSQL master's stage, whose meta rows go back to the database, keep none)."""
    if not table_exists(conn, "sync_baseline") or not registry.has_registry(conn):
        return
    now = str(schema_version(conn))
    if (registry.meta(conn, SCHEMA_SEEN) or "").split(" ")[0] != now:
        registry.set_meta(conn, SCHEMA_SEEN, f"{now} {_capture_schema(conn)}")


def _schema_as_left(conn: sqlite3.Connection) -> bool:
    """Whether the schema is as capture was last known whole at: its count the same, or, the
    count another (a field added, a layer made), capture's own part of it the same."""
    seen = (registry.meta(conn, SCHEMA_SEEN) or "").split(" ")
    if seen[0] == str(schema_version(conn)):
        return True
    return len(seen) == 2 and seen[1] == _capture_schema(conn)


def outside(conn: sqlite3.Connection, tracked: list[registry.Tracked], drifts: list[Drift]
            ) -> list[Drift]:
    """The tables of ``tracked`` (whole as far as their triggers tell) with rows changed
    outside capture, where capture's part of the schema changed since capture was last
    known whole (reads only): a column added (QGIS's "Add Field") compares no row. A
    column dropped and added again (``drifts``: what :func:`find` found) holds nothing
    where its record holds values until a pull fills it back: it is not compared."""
    from .added_again import found, kept_columns
    from .repair import changed_outside
    if not table_exists(conn, "sync_baseline") or _schema_as_left(conn):
        return []  # (a master and a package from before it keep no record to compare with)
    out = []
    again = found(conn, drifts)
    for t in tracked:
        rows = changed_outside(conn, t, kept_columns(conn, t.name) |
                               {c for tbl, c in again if tbl == t.name})
        if rows:
            key = next((r[1] for r in conn.execute(f"PRAGMA table_info({quote(t.name)})")
                        if r[5] == 1), "rowid")
            said = []
            for op, word in (("update", "updated"), ("insert", "inserted"),
                             ("delete", "deleted")):
                got = rows.get(op, [])
                if got:
                    more = f" and {len(got) - _NAMED} more" if len(got) > _NAMED else ""
                    said.append(f"{word} {'uuid' if op == 'delete' else key} "
                                f"{', '.join(map(str, got[:_NAMED]))}{more}")
            out.append(Drift(t.name, OUTSIDE, reason="; ".join(said)))
    return out


def _renamed(conn: sqlite3.Connection, tracked: list[registry.Tracked]) -> dict[str, str]:
    """Tracked table -> the table its capture triggers are on now, where that is another: it
    was renamed (SQLite moves a table's triggers with it)."""
    from .triggers import trigger_names
    on = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                           "AND name LIKE 'sync\\_%' ESCAPE '\\'"))
    out = {}
    for t in tracked:
        now = {on[n] for n in trigger_names(t.name) if n in on} - {t.name}
        if now:
            out[t.name] = min(now)
    return out


def capture_triggers(conn: sqlite3.Connection) -> dict[str, str]:
    """The capture triggers a file holds: name -> SQL."""
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                             "name LIKE 'sync\\_%' ESCAPE '\\'"))


def trigger_drift(t: registry.Tracked, triggers: dict[str, str], compare_sql: bool = True
                  ) -> str | None:
    """Whether ``t``'s capture triggers among ``triggers`` (:func:`capture_triggers`) are
    missing or, ``compare_sql``, other than this version writes them; None where whole."""
    from .triggers import trigger_names, trigger_sql
    expected = dict(zip(trigger_names(t.name), trigger_sql(t)))
    if any(n not in triggers for n in expected):
        return TRIGGERS_MISSING
    if compare_sql and any(_norm(triggers[n]) != _norm(sql) for n, sql in expected.items()):
        return TRIGGERS_ALTERED
    return None


def broken(drifts: list[Drift]) -> list[Drift]:
    return [d for d in drifts if d.kind in BROKEN]


def not_tracked(conn: sqlite3.Connection, drifts: list[Drift]) -> dict[str, str]:
    """table -> why it is not tracked: those recorded, and those added since that the next
    command will record (read only)."""
    return {**registry.untracked(conn),
            **{d.table: d.reason or "" for d in drifts if d.kind == UNTRACKABLE}}


def default_sql(conn: sqlite3.Connection, tbl: str, col: str):
    for r in conn.execute(f"PRAGMA table_info({quote(tbl)})"):
        if r[1] == col:
            return r[4] or "NULL"
    return "NULL"


def constant_default_sql(conn: sqlite3.Connection, tbl: str) -> dict[str, str]:
    """column -> SQL of its default, for the columns whose default is a constant (the
    ancestor of their value in a file that never had them)."""
    from .schema_changes import DEFAULT_RE
    return {r[1]: r[4] or "NULL" for r in conn.execute(f"PRAGMA table_info({quote(tbl)})")
            if r[4] is None or DEFAULT_RE.match(r[4])}


def constant_defaults(conn: sqlite3.Connection, tbl: str, blobs=()) -> dict:
    """:func:`constant_default_sql`'s defaults as the change log holds them (``blobs``: the
    geometry and BLOB columns)."""
    from .log_values import encode
    return {c: encode(c, conn.execute(f"SELECT {d}").fetchone()[0], blobs)
            for c, d in constant_default_sql(conn, tbl).items()}


def _columns_added(drifts: list[Drift]) -> dict[str, list[str]]:
    added: dict[str, list[str]] = {}
    for d in drifts:
        if d.kind == COLUMN_ADDED:
            added.setdefault(d.table, []).append(d.column or "")
    return added


def _touched_sql(conn: sqlite3.Connection, tbl: str) -> str:
    """The rowids of the rows of ``tbl`` edited since the last seal (a column added since can
    only have been written there: the update triggers capture every UPDATE, as a touch when
    it changes no tracked column). An edit captured by an earlier version's triggers, which
    kept no rowid, is found by its row's uuid."""
    by_uuid = f"(SELECT rowid FROM {quote(tbl)} WHERE uuid = c.row_uuid)"
    kept = "fid" in file_columns(conn, "sync_capture")  # (read as they left it: status)
    return (f"SELECT {f'coalesce(c.fid, {by_uuid})' if kept else by_uuid} AS fid FROM "
            f"sync_capture AS c WHERE c.tbl = {lit(tbl)}")


def _unlogged_sql(conn: sqlite3.Connection, drifts: list[Drift]
                  ) -> list[tuple[str, str, str]]:
    """(table, operation, SELECT giving the rowid of each edit) of the edits adopting
    ``drifts`` will log: a row of a table added, an insert; a value written into a column
    added or settled, an update (one per value: a row may give several)."""
    from .column_edits import unlogged_sql as settling
    out = [(tbl, "update", sql) for tbl, sql in settling(conn, drifts)]
    out += [(d.table, "insert", f"SELECT rowid FROM {quote(d.table)}") for d in drifts
            if d.kind == TABLE_ADDED]
    for tbl, cols in _columns_added(drifts).items():
        out += [(tbl, "update", f"SELECT rowid FROM {quote(tbl)} WHERE {quote(c)} IS NOT "
                 f"({default_sql(conn, tbl, c)}) AND rowid IN ({_touched_sql(conn, tbl)})")
                for c in cols]
    return out


def unlogged(conn: sqlite3.Connection, drifts: list[Drift]) -> int:
    """How many edits adopting ``drifts`` will log (for ``status``, which reads only)."""
    return sum(conn.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
               for _, _, sql in _unlogged_sql(conn, drifts))


def unlogged_rows(conn: sqlite3.Connection, drifts: list[Drift]) -> dict[str, dict[int, str]]:
    """table -> rowid -> operation, of the rows whose edits adopting ``drifts`` will log
    (read only): a row added with its table, an insert."""
    out: dict[str, dict[int, str]] = {}
    for tbl, op, sql in _unlogged_sql(conn, drifts):
        rows = out.setdefault(tbl, {})
        for (rowid,) in conn.execute(sql):
            if rows.get(rowid) != "insert":
                rows[rowid] = op
    return out


def raise_if_broken(path: str, drifts: list[Drift], typed: str | None = None) -> None:
    """Stop where capture is broken, with the repair to run on the file (``typed``: its path
    as the user gave it, ``path`` by default)."""
    bad = broken(drifts)
    renamed = [d for d in bad if d.kind == TABLE_RENAMED]
    if renamed:
        raise CaptureBroken(rename_back(path, renamed))
    if bad:
        raise CaptureBroken(
            f"change capture in {path} is not whole: {'; '.join(map(str, bad))}. Edits made "
            f"since may be missing from the change log: run field-kit repair "
            f"{in_command(typed or path)} before anything else; nothing was changed")


def rename_back(path: str, renamed: list[Drift]) -> str:
    """What to do about tables renamed (:data:`TABLE_RENAMED` drifts) in ``path``."""
    said = "; ".join(f"layer {d.table} was renamed {d.reason}" for d in renamed)
    how = "; ".join(f"ogrinfo {path} -sql 'ALTER TABLE {quote(d.reason or '')} RENAME TO "
                    f"{quote(d.table)}'" for d in renamed)
    return (f"in {path}, {said}: the sync knows a layer by its name, in the master and in "
            "every package, and does not carry a rename. Rename it back (in QGIS's Browser, "
            f"or: {how}), then run the command again; its edits are kept, captured under its "
            "name; nothing was changed")


_LOG = ("INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at) "
        "SELECT {uuid}, {tbl}, uuid, {op}, {old}, {new}, (SELECT device FROM sync_state), "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM {source} {where} ORDER BY rowid")


def log_rows(conn: sqlite3.Connection, tbl: str, op: str, old: str, new: str,
             where: str = "", source: str | None = None) -> None:
    """Log one ``op`` of ``tbl`` for each row ``where`` holds (in the table, or in
    ``source``, a FROM clause over it), ``old`` and ``new`` SQL for their JSON objects:
    edits made while the triggers did not see them, written as the triggers would have."""
    from .triggers import UUID_SQL
    conn.execute(_LOG.format(uuid=UUID_SQL, tbl=lit(tbl), op=lit(op), old=old, new=new,
                             source=source or quote(tbl), where=where))


def log_from_default(conn: sqlite3.Connection, tbl: str, col: str, rows: str) -> None:
    """An update from the column's default (its ancestor in every file) for each of the
    ``rows`` (an SQL condition) whose value of ``col`` is not that default."""
    from .log_values import object_sql
    dflt = default_sql(conn, tbl, col)
    blobs = registry.describe(conn, tbl).blobs
    log_rows(conn, tbl, "update", object_sql([(col, f"({dflt})")], blobs=blobs),
             object_sql([(col, quote(col))], blobs=blobs),
             f"WHERE ({rows}) AND {quote(col)} IS NOT ({dflt})")


def adopt(conn: sqlite3.Connection, drifts: list[Drift]) -> None:
    """Track what was added since capture was installed and log what was written into it;
    inside the caller's transaction, with capture off and capture whole, before the capture
    rows are cleared. A new column's values are read from the rows edited since the last
    seal (:func:`_touched_sql`), never by reading the whole layer. Columns dropped or
    renamed as prepared are settled first (:func:`field_kit.sync.column_edits.settle`)."""
    from . import added_again, rewritten
    from .column_edits import forget_gone, settle
    from .log_values import object_sql  # changelog seals through here
    from .triggers import track
    settle(conn, drifts)
    # a column a package dropped, back: logged as any column added, then mended
    added_again.adopt(conn, added_again.found(conn, drifts))
    for tbl, cols in _columns_added(drifts).items():
        rows = f"rowid IN ({_touched_sql(conn, tbl)})"
        for c in cols:  # one update per row and column: each from its own default
            log_from_default(conn, tbl, c, rows)
        forget_gone(conn, tbl, cols)  # a column by a name the master dropped: a new one
        track(conn, tbl)
    back = added_back(conn, [d.table for d in drifts if d.kind == TABLE_ADDED])
    for d in drifts:
        if d.kind == UNTRACKABLE:
            registry.untrack(conn, d.table, d.reason or "")
        if d.kind == TABLE_ADDED and track(conn, d.table) is None:
            if d.table in back:
                rewritten.note(conn, d.table)
            t = registry.describe(conn, d.table)
            top = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
            log_rows(conn, t.name, "insert", "NULL",
                     object_sql([(c, quote(c)) for c in t.column_names], blobs=t.blobs))
            registry.set_json_meta(conn, AS_FOUND, found_then(
                registry.json_meta(conn, AS_FOUND), t.name, *conn.execute(
                    "SELECT min(at), max(at) FROM sync_changes WHERE seq > ?", (top,)
                ).fetchone()))


def added_back(conn: sqlite3.Connection, names: list[str]) -> list[str]:
    """Those of ``names`` a master had dropped (repair found them gone) and tracks again:
    each a layer rewritten (:mod:`field_kit.sync.rewritten`), its rows those it came back
    with, so that packages checked out before keep the edits of rows it holds again and
    give up the others, named."""
    from .changelog import MASTER, state
    if not names or state(conn)["kind"] != MASTER:
        return []
    return [tbl for tbl, why in conn.execute(
        "SELECT tbl, reason FROM sync_untracked WHERE tbl IN (SELECT value FROM json_each(?))",
        (json.dumps(names),)) if why in registry.DROPPED]


# sync_meta: table -> [[first, last], ...], the times (``at``) from the first to the last
# of the inserts that logged the rows the table held when its capture began (a layer added
# by ogr2ogr, say): each row as it was found then, put in before by whatever loaded it, not
# an edit made at that time (no other insert of the table is logged meanwhile: its capture
# begins with them)
AS_FOUND = "rows_as_found"


def found_then(kept: dict, tbl: str, first: str | None, last: str | None) -> dict:
    """``kept`` (:data:`AS_FOUND`'s value) with ``tbl``'s rows logged from ``first`` to
    ``last`` too (None: a table with no row)."""
    if first is None or last is None:
        return kept
    return {**kept, tbl: [*kept.get(tbl, []), [first, last]]}


def as_found(conn: sqlite3.Connection, changes: list[dict]) -> list[dict]:
    """``changes`` of the log, each marked ``as_found`` where it is the row as it was when
    its table's capture began (:data:`AS_FOUND`), not an insert made then."""
    kept = registry.json_meta(conn, AS_FOUND)
    for c in changes:
        c["as_found"] = c["op"] == "insert" and (c["origin"] or "local") == "local" and any(
            first <= c["at"] <= last for first, last in kept.get(c["tbl"], []))
    return changes
