# SPDX-License-Identifier: GPL-2.0-or-later
"""Columns of a tracked table dropped or renamed by another program (QGIS's "Delete Field"
and "Rename Field"), prepared by the sync so that capture stays whole.

Every tracked column is named by its table's capture triggers: SQLite refuses ``ALTER TABLE
… DROP COLUMN`` for it ("error in trigger … no such column"), and ``RENAME COLUMN``
rewrites the triggers, which then no longer match the registry (capture broken until
``repair``). :func:`prepare` readies a file for either, in one transaction: it seals what
the triggers captured, takes the columns out of the registry and rebuilds the table's
triggers without them, keeps the columns' values as they are (``sync_column_values``) and
records what is to happen (``sync_meta``). The drop or rename itself is then the other
program's. The next command of the toolkit sees what happened (:func:`outcomes`, read by
:func:`field_kit.sync.drift.find`) and settles it in its seal (:func:`settle`):

* **dropped**: the record goes. A master remembers the column as dropped (:func:`gone`):
  a field package checked out before still has it, and its changes of it are refused at
  merge, by name. In a field package the master keeps the column (the package's updates do
  not name it, its inserts take the column's default there), and a pull brings it back;
* **renamed**: the column is tracked under its new name and its values are logged as
  updates from its default, as for any column added (a GIS package's merge adds it to the
  master with them; the master keeps the old one); a master remembers the old name;
* **not done** (the program's save failed, or it stopped before): the column is tracked
  again as it was. Only the values that changed since the preparation are logged, each from
  the value it had then; its other values were in the log already.

A technician's field package does not change the schema, and a row's ``uuid``, the table's
key and its geometry column are never dropped or renamed this way.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass

from ..db import connect, file_columns, lit, quote, table_exists, transaction
from ..errors import BadInput, Refused
from ..plan import schema
from . import added_again, capture_switch, changelog, drift, registry, schema_sent, triggers
from .drift import COLUMN_DROPPED, COLUMN_RENAMED, NOT_DONE, Drift

PENDING = "column_edits_pending"  # sync_meta: table -> what was prepared
GONE = "columns_gone"  # sync_meta of a master: table -> column -> when, and its new name
# sync_meta of a master: table -> column -> when it was dropped, of those added again since
# (undo-merge reads what a merge wrote there as gone with the drop)
DROPPED_BEFORE = "columns_dropped_before"
BASELINE = "baseline_columns"  # sync_meta of a package: table -> the columns of its record
VALUES = "sync_column_values"
VALUES_DDL = (f"CREATE TABLE IF NOT EXISTS {VALUES} (tbl TEXT NOT NULL, col TEXT NOT NULL, "
              "row_uuid TEXT NOT NULL, value, PRIMARY KEY (tbl, col, row_uuid)) WITHOUT ROWID")


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` readied: ``kind`` is the file's (master or package), None where
    the table is not tracked (nothing to prepare: its columns are no trigger's)."""

    kind: str | None
    table: str
    dropped: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()


def prepare(path: str | os.PathLike, table: str, drop=(), rename: dict | None = None
            ) -> Prepared:
    """Ready ``path`` for dropping the columns ``drop`` of ``table`` and renaming those of
    ``rename`` (old -> new) by another program, in one transaction; Refused (nothing
    changed) where they may not be, CaptureBroken where capture is not whole already."""
    conn = connect(path)
    try:
        with transaction(conn):
            return _prepare(conn, os.fspath(path), table, list(drop), dict(rename or {}))
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, path: str, table: str, drop: list[str],
             rename: dict[str, str]) -> Prepared:
    if not changelog.is_installed(conn) or not registry.has_registry(conn):
        return Prepared(None, table)
    earlier = registry.json_meta(conn, PENDING).get(table)
    changelog.seal(conn)  # what was captured, by the triggers of now; an earlier one settled
    t = registry.by_name(conn).get(table)
    if t is None:
        return Prepared(None, table)
    st = changelog.state(conn)
    now = file_columns(conn, table)
    if earlier and all(c in now for c in earlier["drop"] + list(earlier["rename"])):
        # prepared before and not done yet (the seal tracked them again): the two add up
        drop = earlier["drop"] + [c for c in drop if c not in earlier["drop"]]
        rename = {**earlier["rename"], **rename}
    cols = drop + list(rename)
    if not cols:
        return Prepared(st["kind"], table)
    if st["role"] != schema.GIS:
        raise Refused(f"{path}: a {st['role']}'s field package does not change the schema: "
                      f"the columns of {table} are dropped and renamed by GIS staff, in the "
                      "master; nothing was changed")
    info = list(conn.execute(f"PRAGMA table_info({quote(table)})"))
    have = [r[1] for r in info]
    never = "it is never dropped or renamed; nothing was changed"
    for c in cols:
        if c == registry.KEY:
            raise Refused(f"column uuid of {table} is each row's identity in every file: "
                          + never)
        if any(r[1] == c and r[5] for r in info):
            raise Refused(f"column {c} of {table} is its key, by which rows are found: {never}")
        if c == t.geom:
            raise Refused(f"column {c} of {table} is its geometry: {never}")
        if c not in have:
            raise BadInput(f"{table} has no column {c}")
    new = [n.lower() for n in rename.values()]
    names = {h.lower() for h in have if h not in rename}  # (SQLite's names ignore case)
    taken = next((n for n in rename.values() if not n or n.lower() in names
                  or new.count(n.lower()) > 1), None)
    if taken is not None:
        raise BadInput(f"{table} cannot have a column renamed {taken!r}: "
                       + ("a column needs a name" if not taken else "the name is taken"))
    conn.execute(VALUES_DDL)
    for c in cols:  # as they are now: what a drop that does not happen is measured against
        conn.execute(f"DELETE FROM {VALUES} WHERE tbl = ? AND col = ?", (table, c))
        conn.execute(f"INSERT INTO {VALUES} (tbl, col, row_uuid, value) SELECT ?, ?, uuid, "
                     f"{quote(c)} FROM {quote(table)} WHERE uuid IS NOT NULL", (table, c))
    if table_exists(conn, "sync_baseline"):  # its checksums stay in the order they were
        layout = registry.json_meta(conn, BASELINE)
        layout.setdefault(table, t.column_names)
        registry.set_json_meta(conn, BASELINE, layout)
    with capture_switch.capture_off(conn):
        triggers.track(conn, table, without=cols)
    pending = registry.json_meta(conn, PENDING)  # (written once sealed: a seal settles it)
    pending[table] = {"columns": have, "drop": drop, "rename": rename, "at": changelog.now()}
    registry.set_json_meta(conn, PENDING, pending)
    return Prepared(st["kind"], table, tuple(drop), tuple(rename.items()))


def outcomes(conn: sqlite3.Connection) -> list[Drift]:
    """What became of each column prepared (read only): dropped, renamed (the drift's
    column is the new name, its reason the old one) or not done."""
    out: list[Drift] = []
    package = changelog.state(conn)["kind"] == changelog.PACKAGE
    for tbl, p in registry.json_meta(conn, PENDING).items():
        if not table_exists(conn, tbl):
            continue  # gone whole: drift.find names it
        now = file_columns(conn, tbl)
        was = p["columns"]
        # the table's other columns as they were, in their order: the prepared ones still
        # there were not dropped (one dropped and added again comes last)
        kept = [c for c in now if c in was] == [c for c in was if c in now]
        for c in p["drop"] + list(p["rename"]):
            renamed = p["rename"].get(c)
            if c in now and kept and not (package and _emptied(conn, tbl, c)):
                out.append(Drift(tbl, NOT_DONE, c))
            elif renamed and c not in now and renamed in now:
                out.append(Drift(tbl, COLUMN_RENAMED, renamed, reason=c))
            else:
                out.append(Drift(tbl, COLUMN_DROPPED, c))
    return out


def _emptied(conn: sqlite3.Connection, tbl: str, col: str) -> bool:
    """Whether ``col``, there again where it stood (the table's last column), was dropped
    and added again: it holds its default in more of the rows that held a value when the
    drop was prepared than it holds that value in (some typed again, by chance). Taken for
    not dropped, its values lost would be logged as emptied, and empty the master's."""
    join, _, _ = _kept_sql(tbl, col)
    dflt = drift.default_sql(conn, tbl, col)
    lost, held = conn.execute(
        f"SELECT count(t.{quote(col)} IS ({dflt}) OR NULL), count(t.{quote(col)} IS v.value "
        f"OR NULL) FROM {join} WHERE v.value IS NOT NULL AND v.value IS NOT ({dflt})"
    ).fetchone()
    return lost > 0 and lost >= held


def _kept_sql(tbl: str, col: str) -> tuple[str, str, str]:
    """(FROM clause, condition) of the rows whose ``col`` changed since the preparation, and
    the condition of those inserted since."""
    join = (f"{quote(tbl)} AS t JOIN {VALUES} AS v ON v.tbl = {lit(tbl)} AND v.col = "
            f"{lit(col)} AND v.row_uuid = t.uuid")
    since = (f"uuid NOT IN (SELECT row_uuid FROM {VALUES} WHERE tbl = {lit(tbl)} AND "
             f"col = {lit(col)})")
    return join, f"t.{quote(col)} IS NOT v.value", since


def unlogged_sql(conn: sqlite3.Connection, drifts: list[Drift]) -> list[tuple[str, str]]:
    """(table, SELECT giving the rowid of each edit settling ``drifts`` will log), all
    updates (read only)."""
    out = []
    for d in drifts:
        col = d.column or ""
        from_default = (f"SELECT rowid FROM {quote(d.table)} WHERE {quote(col)} IS NOT "
                        f"({drift.default_sql(conn, d.table, col)})")
        if d.kind == COLUMN_RENAMED:
            out.append((d.table, from_default))
        elif d.kind == NOT_DONE:
            join, changed, since = _kept_sql(d.table, col)
            out += [(d.table, f"SELECT t.rowid FROM {join} WHERE {changed}"),
                    (d.table, f"{from_default} AND {since}")]
    return out


def settle(conn: sqlite3.Connection, drifts: list[Drift]) -> None:
    """Settle the preparations ``drifts`` found, inside the seal's transaction (capture off,
    the captured edits sealed): log what the triggers could not see, track the tables as
    their files are, remember on a master what is gone, and clear the records."""
    from .log_values import object_sql
    done = [d for d in drifts if d.kind in (COLUMN_DROPPED, COLUMN_RENAMED, NOT_DONE)]
    if not done:
        return
    master = changelog.state(conn)["kind"] == changelog.MASTER
    gone = registry.json_meta(conn, GONE)
    pending = registry.json_meta(conn, PENDING)
    for d in done:
        col = d.column or ""
        if d.kind == NOT_DONE:  # what changed since, from what it was then
            join, changed, since = _kept_sql(d.table, col)
            blobs = registry.describe(conn, d.table).blobs
            drift.log_rows(conn, d.table, "update", object_sql([(col, "v.value")], blobs=blobs),
                           object_sql([(col, f"t.{quote(col)}")], blobs=blobs),
                           f"WHERE {changed}", join)
            drift.log_from_default(conn, d.table, col, since)
        elif d.kind == COLUMN_RENAMED:  # a column added, with every value it holds
            drift.log_from_default(conn, d.table, col, "1")
            if not master and schema_sent.own(conn, d.table, d.reason or ""):
                forget_logged(conn, d.table, d.reason or "")
        if not master and d.kind == COLUMN_DROPPED:  # its values kept: it may come back
            added_again.dropped(conn, d.table, col, pending.get(d.table, {}).get("at")
                                or changelog.now())
        if master and d.kind != NOT_DONE:
            old = (d.reason or "") if d.kind == COLUMN_RENAMED else col
            gone.setdefault(d.table, {})[old] = {
                "at": pending.get(d.table, {}).get("at") or changelog.now(),
                **({"renamed_to": col} if d.kind == COLUMN_RENAMED else {})}
            _grants_follow(conn, d.table, old, col if d.kind == COLUMN_RENAMED else None)
    for tbl in dict.fromkeys(d.table for d in done):
        if any(d.table == tbl and d.kind != COLUMN_DROPPED for d in done):
            triggers.track(conn, tbl)
        pending.pop(tbl, None)
        kept = added_again.kept_columns(conn, tbl)
        conn.execute(f"DELETE FROM {VALUES} WHERE tbl = ? AND col NOT IN (SELECT value FROM "
                     "json_each(?))", (tbl, json.dumps(sorted(kept))))
    registry.set_json_meta(conn, PENDING, pending)
    registry.set_json_meta(conn, GONE, gone)


def _grants_follow(conn: sqlite3.Connection, tbl: str, col: str, renamed: str | None) -> None:
    if table_exists(conn, "sync_roles"):
        grants_follow(conn.execute, tbl, col, renamed)


def grants_follow(execute, tbl: str, col: str, renamed: str | None, mark: str = "?") -> None:
    """A master's grants of column ``col`` of ``tbl`` follow it: to its new name where it was
    ``renamed``, else gone with it (a grant naming no column grants nothing, and the
    technicians would be sent to make refused edits in it); packages hear of it at pull.
    ``execute``: a GeoPackage's or PostgreSQL's (``mark`` its parameter mark, ``%s``)."""
    if renamed is not None:
        execute(f"INSERT INTO sync_roles (role, tbl, col) SELECT role, tbl, {mark} FROM "
                f"sync_roles g WHERE tbl = {mark} AND col = {mark} AND NOT EXISTS (SELECT 1 "
                f"FROM sync_roles h WHERE h.role = g.role AND h.tbl = g.tbl AND h.col = "
                f"{mark})", (renamed, tbl, col, renamed))
    execute(f"DELETE FROM sync_roles WHERE tbl = {mark} AND col = {mark}", (tbl, col))


def renamed_in_place(was: list, now: list, same=lambda a, b: a == b) -> dict[str, str]:
    """Old name -> new of the columns (name, type) ``was`` that ``now`` holds renamed: as
    SQLite and PostgreSQL rename, in their place (between the same columns kept), of their
    type (``same``), as many there as are gone (else they were dropped, and the others
    added)."""
    kept = {c for c, _ in was} & {c for c, _ in now}

    def gaps(cols: list) -> dict:  # the columns not kept, by the kept one before them
        out: dict = {}
        after = None
        for c, kind in cols:
            if c in kept:
                after = c
            else:
                out.setdefault(after, []).append((c, kind))
        return out
    news = gaps(now)
    return {a: b for after, olds in gaps(was).items()
            if len(olds) == len(news.get(after, []))
            and all(same(k, nk) for (_, k), (_, nk) in zip(olds, news[after]))
            for (a, _), (b, _) in zip(olds, news[after])}


def forget_logged(conn: sqlite3.Connection, tbl: str, col: str, after: int = 0) -> None:
    """A column a field package added and renamed is its column under the new name, every
    value logged so: its edits under the old one are not sent again (export --all), where
    the master may hold a column of that name from another package, meaning otherwise.
    ``after``: only the edits logged after that seq (those no export carried yet)."""
    path = "$." + json.dumps(col)
    conn.execute("UPDATE sync_changes SET new = CASE WHEN new IS NULL THEN NULL ELSE "
                 "json_remove(new, ?1) END, old = CASE WHEN old IS NULL THEN NULL ELSE "
                 "json_remove(old, ?1) END WHERE origin = 'local' AND tbl = ?2 AND "
                 "(json_type(new, ?1) IS NOT NULL OR json_type(old, ?1) IS NOT NULL) AND "
                 "seq > ?3", (path, tbl, after))
    conn.execute("DELETE FROM sync_changes WHERE origin = 'local' AND tbl = ? AND op = "
                 "'update' AND new = '{}' AND seq > ?", (tbl, after))


def gone(conn: sqlite3.Connection) -> dict[str, dict[str, dict]]:
    """table -> column -> {"at", and "renamed_to" for a rename}: the columns dropped or
    renamed in this master as prepared, settled or not yet."""
    out = registry.json_meta(conn, GONE)
    pending = registry.json_meta(conn, PENDING)
    for d in outcomes(conn):
        at = {"at": pending[d.table]["at"]}
        if d.kind == COLUMN_DROPPED:
            out.setdefault(d.table, {})[d.column or ""] = at
        elif d.kind == COLUMN_RENAMED:
            out.setdefault(d.table, {})[d.reason or ""] = {**at, "renamed_to": d.column}
    return out


def forget_gone(conn: sqlite3.Connection, tbl: str, cols) -> None:
    """Columns added under names the master had dropped or renamed are new ones; when one
    was dropped is kept apart (:func:`dropped_before`)."""
    record = registry.json_meta(conn, GONE)
    if any(c in record.get(tbl, {}) for c in cols):
        before = registry.json_meta(conn, DROPPED_BEFORE)
        for c in cols:
            was = record[tbl].pop(c, None)
            if was and not was.get("renamed_to"):
                before.setdefault(tbl, {})[c] = was["at"]
        if not record[tbl]:
            del record[tbl]
        registry.set_json_meta(conn, GONE, record)
        registry.set_json_meta(conn, DROPPED_BEFORE, before)


def dropped_before(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """table -> column -> when it was last dropped, of the columns of a master added again
    under the name of one it had dropped."""
    return registry.json_meta(conn, DROPPED_BEFORE)


def baseline_columns(conn: sqlite3.Connection, t: registry.Tracked) -> list[str]:
    """The columns a field package's record of its rows at checkout holds, in order."""
    return registry.json_meta(conn, BASELINE).get(t.name) or t.column_names


def forget_baseline_columns(conn: sqlite3.Connection, tables: list[str] | None = None
                            ) -> None:
    """A record written anew is in the registry's order (checkout; or the record of
    ``tables`` only)."""
    if registry.meta(conn, BASELINE) is not None:
        layout = {} if tables is None else {
            t: cols for t, cols in registry.json_meta(conn, BASELINE).items()
            if t not in tables}
        registry.set_json_meta(conn, BASELINE, layout)
