# SPDX-License-Identifier: GPL-2.0-or-later
"""The capture triggers of a tracked table (:func:`field_kit.sync.changelog.install` adds
them, :func:`track` (re)builds one table's), written in built-in SQL only:

* ``sync_<t>_insert`` gives a row without a ``uuid`` (or an empty one, or QGIS's copy of one,
  ``<uuid>_1``, for a split or pasted feature) a fresh UUID v4, then logs the insert with all
  field values;
* ``sync_<t>_update`` fires only when a tracked field really changed, and logs the old and
  the new value of the changed fields only (an UPDATE that changes nothing logs nothing);
* ``sync_<t>_delete`` logs the whole old row, so a deleted row can always be brought back;
* ``sync_<t>_uuid_guard`` refuses to change a row's uuid (but QGIS's copy of one): it is the
  row's identity.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..db import file_columns, lit, quote, transaction
from . import registry
from .capture_switch import SWITCHES_DDL
from .registry import Tracked

# SQL expression for a random UUID v4, lower case (122 bits from SQLite's PRNG, which is
# seeded from the system's randomness; one printf is several times cheaper than hex pieces).
UUID_SQL = ("printf('%08x-%04x-4%03x-%04x-%012x', random() & 4294967295, random() & 65535, "
            "random() & 4095, (random() & 16383) | 32768, random() & 281474976710655)")


TRIGGER_SUFFIXES = ("insert", "update", "delete", "uuid_guard")
# The form of the triggers this version writes; a file whose triggers another version wrote
# (and left whole) has them rebuilt by the next command, not reported as altered.
CAPTURE_VERSION = "6"
# An UPDATE that changes no tracked column is captured as a touch, with no values: not a
# change, but where a column added since (which the triggers do not know yet) may have been
# written, so adopting that column reads the rows touched instead of the whole layer.
TOUCH = "touch"


def _capture_columns(n: int) -> str:
    return "".join(f", o{i}, n{i}" for i in range(n))


# Value columns per side that ``sync_capture`` holds beyond the widest table's when it
# grows: a column added later (QGIS's "Add Field") then needs no ALTER TABLE of it, each of
# which reloads the whole schema.
SPARE_SLOTS = 8


def widen_capture(conn: sqlite3.Connection, n: int) -> None:
    """``sync_capture`` holds ``n`` value columns per side at least (and each edit's random
    part of its change id and its row's rowid, which files from before them lack)."""
    have = set(file_columns(conn, "sync_capture"))
    for extra in ("rnd", "fid"):
        if extra not in have:
            conn.execute(f"ALTER TABLE sync_capture ADD COLUMN {extra} INTEGER")
    if n == 0 or f"n{n - 1}" in have:
        return
    # (none spare while it holds edits whose triggers drew no random bits: their ids are
    # digests of every value column, which an earlier version sealing a copy of the file
    # widened no further than needed)
    spare = 0 if conn.execute("SELECT 1 FROM sync_capture WHERE rnd IS NULL LIMIT 1"
                              ).fetchone() else SPARE_SLOTS
    # (BLOB: no affinity, as no type, the values kept as they are; typeless, each column gave
    # a warning from GDAL, which lists the table in a file of a county's own layers)
    for i in range(n + spare):
        for side in "on":
            if f"{side}{i}" not in have:
                conn.execute(f"ALTER TABLE sync_capture ADD COLUMN {side}{i} BLOB")


def trigger_names(tbl: str) -> list[str]:
    return [f"sync_{tbl}_{suffix}" for suffix in TRIGGER_SUFFIXES]


# QGIS gives a feature split off another, or pasted into the layer it was copied from, its
# original's uuid with "_1" after it (unique in the file, but every copy of the file makes the
# same for the same feature, and two such rows made apart would be merged as one). A row
# inserted with such a uuid is given a fresh one, as a row inserted without; only such a uuid
# may be replaced after (the guard lets the insert trigger do so). Any other uuid a tool
# writes (an ArcGIS GlobalID in braces, a county's own ids) is the row's, kept.
_HEX, _GROUPS = "[0-9a-fA-F]", (8, 4, 4, 4, 12)
UUID_GLOB = "-".join(_HEX * n for n in _GROUPS)
# a UUID with "_N" after it, as a GLOB and as a regular expression (PostgreSQL's capture)
COPY_GLOB = UUID_GLOB + "_[0-9]*"
COPY_PATTERN = "^" + "-".join(f"{_HEX}{{{n}}}" for n in _GROUPS) + "_[0-9]+$"


def _copied(ref: str) -> str:
    """SQL for whether ``ref`` is a uuid as QGIS copies one (a UUID with "_N" after it)."""
    return f"coalesce({ref} GLOB '{COPY_GLOB}', 0)"


def trigger_sql(t: Tracked) -> list[str]:
    """The capture triggers of a tracked table, by the columns the registry lists (rows are
    found by rowid: the table's INTEGER PRIMARY KEY, whatever its name)."""
    name, q = lit(t.name), quote(t.name)
    cols = t.column_names
    ins, upd, dele, guard = map(quote, trigger_names(t.name))
    on = "(SELECT capture FROM sync_state WHERE id = 1) = 1"
    changed = " OR ".join(f"OLD.{quote(c)} IS NOT NEW.{quote(c)}" for c in cols) or "0"
    slots = _capture_columns(len(cols))
    insert_vals = "".join(f", NULL, {quote(c)}" for c in cols)
    update_vals = "".join(f", CASE WHEN OLD.{quote(c)} IS NOT NEW.{quote(c)} THEN OLD.{quote(c)} "
                          f"END, CASE WHEN OLD.{quote(c)} IS NOT NEW.{quote(c)} THEN "
                          f"NEW.{quote(c)} END" for c in cols)
    delete_vals = "".join(f", OLD.{quote(c)}, NULL" for c in cols)
    return [
        f"""CREATE TRIGGER {ins} AFTER INSERT ON {q}
BEGIN
  UPDATE {q} SET uuid = {UUID_SQL} WHERE rowid = NEW.rowid AND (coalesce(NEW.uuid, '') = ''
    OR ({_copied('NEW.uuid')} AND {on}));
  INSERT INTO sync_capture (tbl, op, row_uuid, at, rnd, fid{slots})
  SELECT {name}, 'insert', uuid, julianday('now'), random(), NEW.rowid{insert_vals}
  FROM {q} WHERE rowid = NEW.rowid AND {on};
END""",
        f"""CREATE TRIGGER {upd} AFTER UPDATE ON {q}
WHEN OLD.uuid IS NOT NULL AND {on}
BEGIN
  INSERT INTO sync_capture (tbl, op, row_uuid, at, rnd, fid{slots})
  VALUES ({name}, CASE WHEN {changed} THEN 'update' ELSE '{TOUCH}' END, NEW.uuid,
          julianday('now'), random(), NEW.rowid{update_vals});
END""",
        f"""CREATE TRIGGER {dele} AFTER DELETE ON {q}
WHEN OLD.uuid IS NOT NULL AND {on}
BEGIN
  INSERT INTO sync_capture (tbl, op, row_uuid, at, rnd, fid{slots})
  VALUES ({name}, 'delete', OLD.uuid, julianday('now'), random(), OLD.rowid{delete_vals});
END""",
        f"""CREATE TRIGGER {guard} BEFORE UPDATE OF uuid ON {q}
WHEN coalesce(OLD.uuid, '') != '' AND NEW.uuid IS NOT OLD.uuid AND NOT {_copied('OLD.uuid')}
BEGIN
  SELECT RAISE(ABORT, 'a row''s uuid is its identity and cannot be changed');
END""",
    ]


def uuid_problem(conn: sqlite3.Connection, name: str) -> str | None:
    """Give ``name`` a filled, unique ``uuid`` column; the reason where it cannot have one."""
    q = quote(name)
    if "uuid" not in file_columns(conn, name):
        conn.execute(f"ALTER TABLE {q} ADD COLUMN uuid TEXT")
    fill_uuids(conn, name)
    for _, idx, unique, *_ in conn.execute(f"PRAGMA index_list({q})"):
        cols = [r[2] for r in conn.execute(f"PRAGMA index_info({quote(idx)})")]
        if unique and cols == ["uuid"]:
            return None
    shared = shared_uuid(conn, name)
    if shared is not None:
        return shared
    conn.execute(f"CREATE UNIQUE INDEX {quote(_free_index_name(conn, name + '_uuid'))} ON {q} "
                 "(uuid)")
    return None


def shared_uuid(conn: sqlite3.Connection, name: str) -> str | None:
    """Why the rows of ``name`` cannot be told apart by their uuid (two share one), or None
    (also where it has no uuid column yet)."""
    if "uuid" not in file_columns(conn, name):
        return None
    dupes = conn.execute(f"SELECT uuid FROM {quote(name)} WHERE uuid IS NOT NULL AND uuid != "
                         "'' GROUP BY uuid HAVING count(*) > 1 LIMIT 1").fetchone()
    return f"rows share the uuid {dupes[0]}" if dupes else None


def _free_index_name(conn: sqlite3.Connection, name: str) -> str:
    """``name``, or ``name_2``, ``name_3``… where a table renamed since kept its index of
    that name (SQLite keeps an index's name when its table is renamed)."""
    taken = {n.lower() for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    n, out = 1, name
    while out.lower() in taken:
        n += 1
        out = f"{name}_{n}"
    return out


def fill_uuids(conn: sqlite3.Connection, name: str) -> None:
    """Give each row of ``name`` without a uuid (NULL or empty) a new one, as the insert
    trigger gives a row inserted without."""
    q = quote(name)
    for empty in ("uuid IS NULL", "uuid = ''"):  # each an index look-up once indexed
        if conn.execute(f"SELECT 1 FROM {q} WHERE {empty} LIMIT 1").fetchone():
            conn.execute(f"UPDATE {q} SET uuid = {UUID_SQL} WHERE {empty}")


def drop_triggers(conn: sqlite3.Connection, tbl: str) -> None:
    for name in trigger_names(tbl):
        conn.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")


def renew_triggers(conn: sqlite3.Connection) -> bool:
    """Rebuild, as this version writes them, the capture triggers another version wrote, in
    a file that holds nothing captured: a PostgreSQL master's template, whose triggers every
    stage starts from (the master's own record of the version is in the database, and a
    stage that kept the template's would find them altered); whether any were."""
    from .drift import capture_triggers, trigger_drift
    have = capture_triggers(conn)
    stale = [t for t in registry.tracked(conn) if trigger_drift(t, have) is not None]
    with transaction(conn, join=True):
        for stmt in SWITCHES_DDL:  # (the packages checked out from it record switches too)
            conn.execute(stmt)
        for t in stale:
            drop_triggers(conn, t.name)
            widen_capture(conn, len(t.columns))
            for stmt in trigger_sql(t):
                conn.execute(stmt)
    return bool(stale)


def track(conn: sqlite3.Connection, tbl: str, without: Iterable[str] = ()) -> str | None:
    """Register ``tbl`` with its columns as the file holds them now (less those ``without``)
    and (re)build its triggers, inside the caller's transaction with capture off; the reason
    where it cannot be tracked (it is then recorded as untracked, never silently left out)."""
    reason = registry.why_untrackable(conn, tbl)
    if reason is None:
        reason = uuid_problem(conn, tbl)
    drop_triggers(conn, tbl)
    if reason is not None:
        registry.untrack(conn, tbl, reason)
        return reason
    t = registry.describe(conn, tbl, without)
    registry.register(conn, t)
    widen_capture(conn, len(t.columns))
    for stmt in trigger_sql(t):
        conn.execute(stmt)
    return None
