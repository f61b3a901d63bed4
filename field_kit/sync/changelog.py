# SPDX-License-Identifier: GPL-2.0-or-later
"""Change capture: SQLite triggers that record every edit of a tracked table, and the
change log they feed.

:func:`install` adds, for each feature and attribute table of the GeoPackage (the plan's or
any other: :mod:`field_kit.sync.registry` records which, with their columns), the capture
triggers (:mod:`field_kit.sync.triggers`), written in built-in SQL only, so an edit is
recorded whoever makes it (QGIS, ``ogr2ogr``, the ``sqlite3`` shell, the field kit).

A trigger writes one row of ``sync_capture`` (:mod:`field_kit.sync.captured_edits`).
:func:`seal` turns captured rows, in order, into ``sync_changes`` rows, the change log
everything else reads; the sync core seals inside its own transaction before it reads or
writes the log, and the log's readers (:mod:`field_kit.sync.log_reads`) count unsealed edits
too, so read-only readers see them.

One change is one row of ``sync_changes``: ``seq`` (local, increasing), ``change_uuid``
(a UUID: for a captured edit made from the random bits its trigger drew and its time, see
:mod:`field_kit.sync.captured_edits`; for what the sync core writes, a UUID v4), ``tbl``,
``row_uuid``, ``op``, ``old`` and ``new`` (JSON objects of field -> value, the values as
:mod:`field_kit.sync.log_values` writes them), ``device`` (the file's own, for local
edits), ``at`` (UTC, milliseconds), ``origin`` (``local`` for edits made in this file;
``merge:<id>``, ``pull``, ``resolve:<id>``, ``undo:<id>`` for what the sync core wrote
itself) and ``src_seq`` (for changes that came from another file, their seq there; (at,
device, src_seq or seq) orders all edits).

The triggers log only while ``sync_state.capture = 1`` (:mod:`field_kit.sync.capture_switch`).

Internal tables (none registered in ``gpkg_contents``; GDAL's validator accepts that, and
GDAL does not list them: :mod:`field_kit.sync.gdal_listing`):
``sync_state`` (one row: kind, device, role, capture flag, project, base, export mark, key),
``sync_capture_switched`` (when another program switched capture off and on again),
``sync_capture``, ``sync_changes``, ``sync_devices`` (master: device register with keys),
``sync_merges`` (master: audit of merges), ``sync_applied`` (master: the changes already
handled, by device and change UUID), ``sync_conflicts`` (open and settled conflicts),
``attachments`` (photo bytes by sha256); the registry's ``sync_tables``, ``sync_untracked``
and ``sync_roles``; in a field package ``sync_baseline`` (its rows at checkout, for
:mod:`field_kit.sync.repair`) and ``sync_schema_sent``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid as uuidlib
from collections.abc import Collection, Iterable
from datetime import datetime, timezone

from ..db import (
    aside,
    connect,
    file_columns,
    in_command,
    path_of,
    table_exists,
    transaction,
    typed_path,
)
from ..errors import BadInput
from ..plan import schema
from ..plan.coordinates import refuse_unfit
from . import gdal_listing, registry
from .capture_switch import SWITCHES_DDL, switch_capture
from .captured_edits import has_capture, sealed_sql
from .log_values import value_functions
from .registry import tracked_tables
from .triggers import CAPTURE_VERSION, UUID_SQL, drop_triggers, track, widen_capture

MASTER, PACKAGE = "master", "package"

DDL = """
CREATE TABLE IF NOT EXISTS sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL,
    device TEXT NOT NULL,
    role TEXT NOT NULL,
    capture INTEGER NOT NULL DEFAULT 1,
    project_uuid TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    base_seq INTEGER NOT NULL DEFAULT 0,
    exported_seq INTEGER NOT NULL DEFAULT 0,
    key TEXT,
    checkout_uuid TEXT,
    created_at TEXT
);
CREATE TABLE IF NOT EXISTS sync_capture (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL,
    row_uuid TEXT,
    at REAL NOT NULL,
    rnd INTEGER,
    fid INTEGER
);
CREATE TABLE IF NOT EXISTS sync_changes (
    seq INTEGER PRIMARY KEY,
    change_uuid TEXT,
    tbl TEXT NOT NULL,
    row_uuid TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op = 'insert' OR op = 'update' OR op = 'delete'),
    old TEXT,
    new TEXT,
    device TEXT,
    at TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'local',
    src_seq INTEGER
);
CREATE INDEX IF NOT EXISTS sync_changes_row ON sync_changes (row_uuid);
CREATE TABLE IF NOT EXISTS sync_devices (
    device TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    key TEXT NOT NULL,
    checkout_uuid TEXT NOT NULL,
    base_seq INTEGER NOT NULL,
    merged_seq INTEGER NOT NULL DEFAULT 0,
    subset TEXT,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_merges (
    merge_id TEXT PRIMARY KEY,
    package TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    device TEXT NOT NULL,
    at TEXT NOT NULL,
    seq_from INTEGER,
    seq_to INTEGER,
    applied INTEGER NOT NULL,
    already INTEGER NOT NULL,
    conflicts INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    undone_at TEXT
);
CREATE TABLE IF NOT EXISTS sync_applied (
    device TEXT NOT NULL,
    change_uuid TEXT NOT NULL,
    merge_id TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (device, change_uuid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sync_applied_merge ON sync_applied (merge_id);
CREATE TABLE IF NOT EXISTS sync_conflicts (
    id INTEGER PRIMARY KEY,
    merge_id TEXT,
    change_uuid TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_uuid TEXT NOT NULL,
    field TEXT,
    kind TEXT NOT NULL,
    ancestor TEXT,
    ours TEXT,
    theirs TEXT,
    device TEXT,
    at TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE INDEX IF NOT EXISTS sync_conflicts_merge ON sync_conflicts (merge_id);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    size INTEGER NOT NULL,
    mime_type TEXT
);
"""


STATE_COLUMNS = ("kind", "device", "role", "capture", "project_uuid", "schema_version",
                 "base_seq", "exported_seq", "key", "checkout_uuid", "created_at")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def local_time(at: str | None, shown: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A recorded UTC time (:func:`now`'s form) as the user's local date and time; text
    that is no such time as it is."""
    if not at:
        return ""
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime(shown)
    except ValueError:
        return at


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _plan_meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute(f"SELECT value FROM {schema.META_TABLE} WHERE key = ?", (key,)
                           ).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def _key_applied_by_device(conn: sqlite3.Connection) -> None:
    """A change is known by its device and its UUID together (one device cannot shadow
    another's change by reusing its UUID): files from before keyed ``sync_applied`` on the
    UUID alone; their device comes from the merge that handled the change."""
    if "device" in file_columns(conn, "sync_applied"):
        return
    conn.execute("ALTER TABLE sync_applied RENAME TO sync_applied_old")
    conn.execute("DROP INDEX IF EXISTS sync_applied_merge")
    for stmt in DDL.split(";"):
        if "sync_applied" in stmt:
            conn.execute(stmt)
    conn.execute("INSERT OR IGNORE INTO sync_applied (change_uuid, merge_id, status, device) "
                 "SELECT a.change_uuid, a.merge_id, a.status, coalesce((SELECT device FROM "
                 "sync_merges m WHERE m.merge_id = a.merge_id), (SELECT device FROM sync_changes"
                 " c WHERE c.change_uuid = a.change_uuid LIMIT 1), '') FROM sync_applied_old a")
    conn.execute("DROP TABLE sync_applied_old")


def install(target: str | os.PathLike | sqlite3.Connection, *, device: str = "master",
            role: str = schema.GIS, tables: Iterable[str] | None = None,
            exclude: Iterable[str] = (), beside: Collection[str] = ()) -> dict[str, str | None]:
    """Install change capture in a GeoPackage (a path, or an open sqlite3 connection).

    Every feature and attribute table is tracked (or those in ``tables``, less ``exclude``;
    ``beside``: those of them a master tracks already, where ``tables`` takes up others,
    which are refused where none of them can be tracked);
    rows without a uuid get one, each tracked table a UNIQUE index on uuid. Safe to run
    again: triggers are rebuilt from the file's columns, what was captured is sealed first,
    state is kept. Returns table -> None (tracked) or the reason it is not.
    """
    if role not in schema.ROLES:
        raise BadInput(f"unknown role {role!r}; expected one of {', '.join(schema.ROLES)}")
    own = not isinstance(target, sqlite3.Connection)
    conn = target if isinstance(target, sqlite3.Connection) else connect(target)
    try:
        if not own:
            from ..plan.geometry import register_functions
            register_functions(conn)
        # the plan's layers are read as longitude/latitude by every part of the toolkit
        refuse_unfit(conn)
        with transaction(conn, join=True):
            # capture as this version writes it (a capture table and a registry) is checked
            # before it is rebuilt; earlier files are brought up to date as they are
            earlier = has_capture(conn) and registry.has_registry(conn)
            current = earlier and registry.meta(conn, "capture_version") == CAPTURE_VERSION
            for stmt in DDL.split(";"):
                if stmt.strip():
                    conn.execute(stmt)
            for stmt in SWITCHES_DDL:
                conn.execute(stmt)
            _key_applied_by_device(conn)
            if conn.execute("SELECT 1 FROM sync_state").fetchone() is None:
                project = _plan_meta(conn, "project_uuid") or new_uuid()
                version = int(_plan_meta(conn, "schema_version") or schema.SCHEMA_VERSION)
                conn.execute(
                    "INSERT INTO sync_state (id, kind, device, role, capture, project_uuid, "
                    "schema_version, created_at) VALUES (1, ?, ?, ?, 1, ?, ?, ?)",
                    (MASTER, device, role, project, version, now()))
            widen_capture(conn, max((len(t.columns) for t in tracked_tables(conn)), default=0))
            # what the present triggers captured, by their columns; where the registry is
            # there, what was added since is adopted first (a column filled before this
            # init, or before this version's first command, keeps its values in the log)
            # and broken capture as this version writes it is refused: repair it
            seal(conn, refresh=earlier, added_only=not current)
            # triggers from before sync_capture logged JSON and left the change UUID empty
            conn.execute(f"UPDATE sync_changes SET change_uuid = {UUID_SQL} "
                         "WHERE change_uuid IS NULL")
            registry.ensure(conn)
            registry.seed_roles(conn)
            for t in tracked_tables(conn):  # from before the registry: by the plan's list
                registry.register(conn, t)
            known = registry.candidates(conn)
            # tables tracked already though GeoPackage does not list them (older files)
            known += [t.name for t in registry.tracked(conn)
                      if t.name not in known and table_exists(conn, t.name)]
            chosen = list(tables) if tables is not None else known
            views = dict(conn.execute(
                "SELECT name, 'view' FROM sqlite_master WHERE type = 'view'").fetchall())
            # (a view named that GDAL or QGIS listed in gpkg_contents is said a view too)
            registry.refuse_not_tables([n for n in tables or () if n not in known or n in views],
                                       views, "the feature and attribute tables of this "
                                       "GeoPackage", "此 GeoPackage 的要素表和属性表中")
            skip = set(exclude)
            if tables is None:  # run again without a choice: the earlier one stands
                skip |= {n for n, why in registry.untracked(conn).items()
                         if why == registry.NOT_CHOSEN}
            switch_capture(conn, False)
            # a table not chosen keeps the reason recorded for it (no INTEGER PRIMARY KEY…)
            before = registry.untracked(conn)
            out: dict[str, str | None] = {}
            for name in known:
                if name in chosen and name not in skip:
                    if tables is None and name in registry.QGIS_TABLES:
                        registry.untrack(conn, name, registry.QGIS_TABLES[name])
                        out[name] = registry.QGIS_TABLES[name]
                        continue
                    out[name] = track(conn, name)
                else:
                    drop_triggers(conn, name)
                    why = registry.NOT_CHOSEN if name in skip else before.get(
                        name, registry.NOT_CHOSEN)
                    registry.untrack(conn, name, why)
                    out[name] = why
            registry.set_meta(conn, "capture_version", CAPTURE_VERSION)
            # (those taken up beside the tables tracked already, where there are)
            pool = {t: why for t, why in out.items()
                    if not beside or (t in chosen and t not in beside)}
            if (pool or not beside) and not any(why is None for why in pool.values()):
                # (those named said, not the layers left out by choosing them)
                named = {t: why for t, why in pool.items() if why != registry.NOT_CHOSEN}
                said = "; ".join(f"{t}: {why}" for t, why in (named or pool).items())
                raise BadInput("no feature or attribute table to track in this file (a "
                               "GeoPackage lists its layers in gpkg_contents)"
                               f"{': ' if said else ''}{said}; nothing was changed")
            switch_capture(conn, True)
            gdal_listing.hide_sync_tables(conn)
            return out
    finally:
        if own:
            conn.close()


def is_installed(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, "sync_state")


def not_a_master(path) -> BadInput:
    """A field package given where a command takes the master (it holds its township's or
    its box's rows alone)."""
    return BadInput(f"{path} is a field package, not a master")


def open_master(path) -> sqlite3.Connection:
    """The master at ``path``, opened to write; a field package is refused."""
    conn = connect(path)
    if state(conn)["kind"] != MASTER:
        conn.close()
        raise not_a_master(path)
    return conn


def no_capture(path: str) -> BadInput:
    """A file without change capture given as a master or a field package: a copy of the
    master's layers most often (QGIS's Package layers, ogr2ogr), which ``init`` would make a
    master of a project of its own, so both ways on are said. An empty file is said to be
    one (a copy cut short, a new file), not taken for such a copy."""
    with contextlib.suppress(OSError):
        if path and os.path.getsize(path) == 0:
            return BadInput(f"{path} is an empty file (0 bytes), neither a master nor a field "
                            "package: a copy cut short, or a file just made; nothing was "
                            "changed: give the master's or the field package's file")
    return BadInput(f"{path} is neither a master nor a field package (no change capture in "
                    "it, as in a copy made by QGIS's Package layers or ogr2ogr): to take a "
                    "field package from the master, run field-kit checkout MASTER OUT --device "
                    f"NAME; to make this file a new master, of a project of its own, run "
                    f"field-kit init {in_command(path)}")


def state(conn: sqlite3.Connection) -> dict:
    if not is_installed(conn):
        raise no_capture(path_of(conn))
    row = conn.execute(f"SELECT {', '.join(STATE_COLUMNS)} FROM sync_state").fetchone()
    return dict(zip(STATE_COLUMNS, row))


def record(conn: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Write changes made by the sync core itself: (change_uuid, tbl, row_uuid, op, old_json,
    new_json, device, at, origin, src_seq) where src_seq is the change's seq on its device."""
    conn.executemany(
        "INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, origin,"
        " src_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


@aside()  # (the log kept, not what a command did: one stopped then did nothing)
def seal(conn: sqlite3.Connection, *, refresh: bool = True, added_only: bool = False,
         left: Collection[str] = ()) -> None:
    """Move the captured edits, in order, into ``sync_changes``, each with its own change
    UUID; then (``refresh``) track what was added to the schema since and log what was
    written into it (:func:`field_kit.sync.drift.adopt`), or refuse while capture is broken.
    Runs in the caller's transaction, or in its own. A file from before ``sync_capture``
    or the registry is brought up to date first (:func:`install`), which seals it with
    ``added_only``: of what changed since, only the columns and tables added (the rest
    :func:`field_kit.sync.drift.find` sees in a file an earlier version wrote is that
    version's form of capture, which install rebuilds). ``left``: tables whose broken
    capture a repair could not mend, and said so (left as they are)."""
    from . import added_again, dates_for_qgis, device_clock, drift
    if not added_only:
        _up_to_date(conn, refresh)
    with transaction(conn, join=True):
        drifts = drift.find(conn) if refresh else []
        if added_only:
            drifts = [d for d in drifts if d.kind in (drift.COLUMN_ADDED, drift.TABLE_ADDED)]
        drifts = [d for d in drifts if d.table not in left]
        drift.raise_if_broken(_path(conn), drifts, typed_path(conn))
        sealed = conn.execute("SELECT max(seq) FROM sync_capture").fetchone()[0]
        if sealed is not None:
            dates_for_qgis.uncut(conn)  # (a feature QGIS saved: its times kept whole)
            device_clock.in_device_order(conn)  # (a clock set back: its edits in order)
            conn.execute("INSERT INTO sync_changes (seq, change_uuid, tbl, row_uuid, op, old, "
                         f"new, device, at) {sealed_sql(conn, numbered=False)}")
        _mend_log(conn)
        if drifts:  # (a column added since is read in the rows the capture rows name)
            drift.adopt(conn, drifts)
        added_again.mend(conn)  # a dropped column back: its edits from the values it had
        if refresh and not added_only:
            drift.mark_whole(conn)
        if sealed is not None:
            # every row, as a rule: SQLite then frees the pages whole; edits captured while
            # adopting stay for the next seal
            later = conn.execute("SELECT max(seq) FROM sync_capture").fetchone()[0] != sealed
            conn.execute("DELETE FROM sync_capture" + (" WHERE seq <= ?" if later else ""),
                         (sealed,) if later else ())


def _up_to_date(conn: sqlite3.Connection, refresh: bool) -> None:
    from . import drift
    if not has_capture(conn) or (refresh and not registry.has_registry(conn)):
        install(conn)
    elif refresh and registry.meta(conn, "capture_version") != CAPTURE_VERSION:
        # another version's triggers: rebuilt, once they are known to be all there
        drift.raise_if_broken(_path(conn), drift.find(conn, compare_sql=False),
                              typed_path(conn))
        install(conn)


# sync_meta's log_form in a field package whose log holds ±Infinity as this version writes
# it, ±9e999 (an earlier version wrote SQLite's Inf, which is not JSON)
LOG_FORM, LOG_FORM_KEY = "2", "log_form"


def _mend_log(conn: sqlite3.Connection) -> None:
    """A field package's log as an earlier version wrote it, with ±Infinity as ``Inf``, written as
    this version logs it, once, so that SQL reads every row of it (export, pull). (A master's
    log is only read row by row, by :func:`~field_kit.sync.log_values.loads`, which reads
    ``Inf`` too.)"""
    if conn.execute("SELECT kind FROM sync_state").fetchone() != (PACKAGE,) or \
            not registry.has_registry(conn) or registry.meta(conn, LOG_FORM_KEY) == LOG_FORM:
        return
    value_functions(conn)
    for side in ("old", "new"):
        conn.execute(f"UPDATE sync_changes SET {side} = toksun_finite({side}) WHERE NOT "
                     f"json_valid({side})")
    registry.set_meta(conn, LOG_FORM_KEY, LOG_FORM)


def _path(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA database_list").fetchone()[2] or "this file"


__all__ = ["install", "state", "record", "seal", "MASTER", "PACKAGE"]
