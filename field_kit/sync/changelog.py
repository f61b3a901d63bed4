# SPDX-License-Identifier: GPL-2.0-or-later
"""Change capture: SQLite triggers that record every edit of a tracked table.

:func:`install` adds, for each feature and attribute table of the GeoPackage (the plan's or
any other: :mod:`field_kit.sync.registry` records which, with their columns), three
``AFTER`` triggers written in built-in SQL only, so an edit is recorded whoever makes it
(QGIS, ``ogr2ogr``, the ``sqlite3`` shell, the field kit):

* ``sync_<t>_insert`` gives a row without a ``uuid`` (or an empty one, or QGIS's copy of one,
  ``<uuid>_1``, for a split or pasted feature) a fresh UUID v4, then logs the insert with all
  field values;
* ``sync_<t>_update`` fires only when a tracked field really changed, and logs the old and
  the new value of the changed fields only (an UPDATE that changes nothing logs nothing);
* ``sync_<t>_delete`` logs the whole old row, so a deleted row can always be brought back;
* ``sync_<t>_uuid_guard`` refuses to change a row's uuid (but QGIS's copy of one): it is the
  row's identity.

To keep an edit cheap, a trigger writes one row of ``sync_capture``: table, row uuid,
operation, time (a julian day) and the values themselves, typed, by position (``o<i>`` the
old and ``n<i>`` the new value of the table's i-th tracked column; for an update only the
changed columns are filled, so two NULLs mean "unchanged"). :func:`seal` turns captured rows,
in order, into ``sync_changes`` rows, the change log everything else reads; the sync core
seals inside its own transaction before it reads or writes the log, and :func:`log`,
:func:`pending` and :func:`last_seq` count unsealed edits too, so read-only readers see them.

One change is one row of ``sync_changes``: ``seq`` (local, increasing), ``change_uuid``
(a UUID: for a captured edit made from the random bits its trigger drew and its time, see
``_FROM_BITS``; for what the sync core writes, a UUID v4), ``tbl``, ``row_uuid``, ``op``,
``old`` and ``new`` (JSON objects of field -> value), ``device`` (the file's own, for local
edits), ``at`` (UTC, milliseconds), ``origin`` (``local`` for edits made in this file;
``merge:<id>``, ``pull``, ``resolve:<id>``, ``undo:<id>`` for what the sync core wrote
itself) and ``src_seq`` (for changes that came from another file, their seq there; (at,
device, src_seq or seq) orders all edits). Values in JSON: text and integers as JSON; reals
as ``%!.17g`` (exact round trip; SQLite's JSON keeps 15 digits), ±Infinity as ``9e999`` and
``-9e999`` (JSON has no infinity; SQLite's JSON functions and Python's ``json`` read these
numbers, too large for a double, as ±Infinity); blobs (geometry) as
upper-case hex strings, and text in a geometry or BLOB column as a string marked ``text:``
(:data:`TEXT_MARK`), so that it comes back as text, not as the blob its letters might spell.
:func:`encode` / :func:`decode` do the same in Python.

The triggers log only while ``sync_state.capture = 1``. The sync core sets it to 0 inside its
own transactions and writes its ``sync_changes`` rows itself, so merged changes are recorded
as merged, not re-captured as local edits.

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
import hashlib
import json
import os
import re
import sqlite3
import uuid as uuidlib
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime, timezone

from ..db import (
    aside,
    connect,
    file_columns,
    in_command,
    lit,
    path_of,
    quote,
    table_exists,
    transaction,
)
from ..errors import BadInput
from ..plan import schema
from ..plan.coordinates import refuse_unfit
from ..plan.geometry import register_functions
from . import gdal_listing, registry
from .registry import Tracked, tracked_tables

MASTER, PACKAGE = "master", "package"
GEOM = schema.GEOMETRY_COLUMN

# SQL expression for a random UUID v4, lower case (122 bits from SQLite's PRNG, which is
# seeded from the system's randomness; one printf is several times cheaper than hex pieces).
UUID_SQL = ("printf('%08x-%04x-4%03x-%04x-%012x', random() & 4294967295, random() & 65535, "
            "random() & 4095, (random() & 16383) | 32768, random() & 281474976710655)")

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

# Capture switched off and on again by another program between two commands leaves the
# triggers and the schema as they were: the file records each switch itself, whoever makes it
# (the toolkit takes out its own inside its transaction, see :func:`switch_capture`).
SWITCHES = "sync_capture_switched"
_AT_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
SWITCHES_DDL = (
    f"CREATE TABLE IF NOT EXISTS {SWITCHES} (id INTEGER PRIMARY KEY, off_at TEXT NOT NULL, "
    "on_at TEXT)",
    f"""CREATE TRIGGER IF NOT EXISTS sync_state_capture_off AFTER UPDATE OF capture ON sync_state
WHEN OLD.capture = 1 AND NEW.capture = 0
BEGIN
  INSERT INTO {SWITCHES} (off_at) VALUES ({_AT_NOW});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS sync_state_capture_on AFTER UPDATE OF capture ON sync_state
WHEN OLD.capture = 0 AND NEW.capture = 1
BEGIN
  UPDATE {SWITCHES} SET on_at = {_AT_NOW} WHERE on_at IS NULL;
END""")

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


# --- values -----------------------------------------------------------------------------

# ±Infinity in the log: JSON numbers too large for a double, which SQLite's JSON functions
# and Python's json module read as ±Infinity (JSON itself has no infinity)
INFINITY_JSON = "9e999"

# Text in a BLOB column (SQLite lets any column hold any value) is logged with this mark in
# front, where a blob is logged as upper-case hex: no hex text starts with it, so the two are
# told apart. An earlier version logged such text as it was: text that is no hex is read back
# as text all the same (hex text it logged so is read as the blob it looks like).
TEXT_MARK = "text:"


# Below this size SQLite's printf('%!.17g') writes a double exactly; above it, it may miss
# the last digit or two, and Python writes the number (``toksun_real``).
EXACT_BELOW = "1e15"


def _json_sql(ref: str, blob: bool = False) -> str:
    """SQL giving the JSON text of one value (see the module docstring for the rules): by
    the value's own type, so any column of any table is logged the same way; in a BLOB
    column (``blob``), text with :data:`TEXT_MARK` in front."""
    text = f"WHEN 'text' THEN json_quote({lit(TEXT_MARK)} || {ref}) " if blob else ""
    inf = INFINITY_JSON
    return (f"CASE typeof({ref}) WHEN 'real' THEN CASE WHEN abs({ref}) < {EXACT_BELOW} THEN "
            f"printf('%!.17g', {ref}) WHEN {ref} = {inf} THEN '{inf}' WHEN {ref} = -{inf} THEN "
            f"'-{inf}' ELSE toksun_real({ref}) END WHEN 'blob' THEN "
            f"'\"' || hex({ref}) || '\"' {text}ELSE json_quote({ref}) END")


def logged_sql(ref: str) -> str:
    """SQL for the value of a BLOB column ``ref`` as ``json_extract`` reads it back from the
    change log: hex for a blob, marked text for text, a number as it is."""
    return (f"CASE typeof({ref}) WHEN 'blob' THEN hex({ref}) WHEN 'text' THEN "
            f"{lit(TEXT_MARK)} || {ref} ELSE +{ref} END")


def encode(col: str, value, blobs=(GEOM,)):
    """A column value as it is stored in the change log's JSON: bytes as upper-case hex,
    text in one of the geometry and BLOB columns (``blobs``) marked (:data:`TEXT_MARK`)."""
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex().upper()
    if type(value) is str and col in blobs:
        return TEXT_MARK + value
    return value


def decode(col: str, value, blobs=(GEOM,)):
    """A value from the change log's JSON as it is stored in the table: for the geometry and
    BLOB columns (``blobs``), hex text back to bytes and marked text to text."""
    if col in blobs and isinstance(value, str):
        return blob_or_text(value)
    return value


def earlier_text(value) -> bool:
    """Whether ``value``, logged for a BLOB column, is text an earlier version logged as it
    was (unmarked: no hex, so no blob)."""
    return isinstance(value, str) and not value.startswith(TEXT_MARK) and \
        isinstance(blob_or_text(value), str)


def blob_or_text(value: str) -> bytes | str:
    """What a string the log holds for a BLOB column stands for: marked text, or the blob
    its hex spells (text an earlier version logged unmarked, being no hex, is text)."""
    if value.startswith(TEXT_MARK):
        return value[len(TEXT_MARK):]
    try:
        return bytes.fromhex(value)
    except ValueError:
        return value


def value_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the rules above as SQL functions: ``toksun_blob_or_text(v)`` (what a
    value logged for a BLOB column is stored as), ``toksun_earlier_text(v)`` and
    ``toksun_finite(json)``."""
    conn.create_function("toksun_blob_or_text", 1,
                         lambda v: blob_or_text(v) if isinstance(v, str) else v,
                         deterministic=True)
    conn.create_function("toksun_earlier_text", 1, earlier_text, deterministic=True)
    conn.create_function("toksun_finite", 1, lambda v: finite(v) if isinstance(v, str) else v,
                         deterministic=True)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(fields) -> str:
    """The log's JSON of ``fields`` (±Infinity as the log writes it, see :func:`finite`)."""
    return finite(_ENCODER.encode(fields))  # = json.dumps(fields, ensure_ascii=False, ...)


def loads(text: str):
    """Values of the log's JSON; what an earlier version wrote for ±Infinity (SQLite's
    ``Inf``, not JSON) read as ±Infinity too."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        mended = finite(text)
        if mended == text:
            raise
        return json.loads(mended)


# a JSON string (kept as it is), or a bare word for a number JSON does not have
_NOT_JSON = re.compile(r'"(?:[^"\\]|\\.)*"|(-?)(?:Infinity|Inf)\b|NaN\b')


def finite(text: str) -> str:
    """JSON ``text`` with the words for ±Infinity that are not JSON (Python's ``Infinity``,
    SQLite's ``Inf``) written as the log writes them, ±9e999, and NaN as null (SQLite
    stores none)."""
    if "Inf" not in text and "NaN" not in text:
        return text
    return _NOT_JSON.sub(lambda m: m[0] if m[0][0] == '"' else "null" if m[0] == "NaN"
                         else m[1] + INFINITY_JSON, text)


# --- triggers ---------------------------------------------------------------------------

def _object_sql(refs: list[tuple[str, str]], when: list[str] | None = None,
                blobs: Collection[str] = ()) -> str:
    """SQL for the JSON object of (column, SQL value) pairs; with ``when``, a pair is in the
    object only where its condition holds; ``blobs``: the geometry and BLOB columns."""
    if when is None:
        pairs = " || ',' || ".join(f"{lit(json.dumps(c, ensure_ascii=False) + ':')} || "
                                   f"{_json_sql(r, c in blobs)}" for c, r in refs)
        return f"'{{' || {pairs} || '}}'"
    parts = [f"CASE WHEN {w} THEN {lit(',' + json.dumps(c, ensure_ascii=False) + ':')} || "
             f"{_json_sql(r, c in blobs)} ELSE '' END" for (c, r), w in zip(refs, when)]
    if not parts:
        return "'{}'"
    if len(parts) <= 100:  # one printf instead of a chain of ||: same text, less time
        joined = f"printf('{'%s' * len(parts)}', {', '.join(parts)})"
    else:  # printf takes at most 127 arguments
        joined = " || ".join(parts)
    return f"'{{' || substr({joined}, 2) || '}}'"


def _capture_columns(n: int) -> str:
    return "".join(f", o{i}, n{i}" for i in range(n))


# Value columns per side that ``sync_capture`` holds beyond the widest table's when it
# grows: a column added later (QGIS's "Add Field") then needs no ALTER TABLE of it, each of
# which reloads the whole schema.
SPARE_SLOTS = 8


def _widen_capture(conn: sqlite3.Connection, n: int) -> None:
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


# A captured edit's change id, made from the edit itself: the 64 random bits the trigger drew
# and its time in milliseconds, in a UUID's form (version 8). Two copies of a file that
# hold the same captured edit (a QField project copied to a second phone before export) give
# it the same id, so the master merges it once; edits captured apart differ in their random
# bits. An edit an earlier version's triggers captured, without them, gets a digest of all
# its capture row holds (see :func:`_digest_id`): the same in both copies too.
_EDIT_MS = "CAST(round((at - 2440587.5) * 86400000.0) AS INTEGER)"
_FROM_BITS = ("printf('%08x-%04x-8%03x-%04x-%012x', rnd & 4294967295, (rnd >> 32) & 65535, "
              f"(rnd >> 48) & 4095, 32768 | ((rnd >> 60) & 15), {_EDIT_MS} & 281474976710655)")


def _digest_id(*captured) -> str:
    """A UUID (version 8) from a digest of an edit's capture row: its number in the capture,
    table, row, operation, time and values. Edits made apart in two copies differ in at
    least one of those; were they the same in all, they were the same change."""
    b = bytearray(hashlib.sha256(repr(captured).encode()).digest()[:16])
    b[6], b[8] = (b[6] & 0x0F) | 0x80, (b[8] & 0x3F) | 0x80
    return str(uuidlib.UUID(bytes=bytes(b)))


def _edit_id_sql(conn: sqlite3.Connection) -> str:
    """SQL for each captured edit's change id (see ``_FROM_BITS``), ``_digest_id`` made
    callable on ``conn`` for the edits captured without random bits."""
    conn.create_function("toksun_digest_id", -1, _digest_id, deterministic=True)
    have = file_columns(conn, "sync_capture")
    values = [c for c in have if c[:1] in "on" and c[1:].isdigit()]
    digest = f"toksun_digest_id({', '.join(['seq', 'tbl', 'row_uuid', 'op', 'at', *values])})"
    return f"CASE WHEN rnd IS NULL THEN {digest} ELSE {_FROM_BITS} END" if "rnd" in have \
        else digest


def _sealed_sql(conn: sqlite3.Connection, change_uuid: str | None = None, *,
                numbered: bool = True) -> str:
    """SELECT giving the captured edits as change-log rows (seq, change_uuid, tbl, row_uuid,
    op, old, new, device, at), numbered on from the log's last seq in capture order; not
    ``numbered``, seq is NULL and the rows come in capture order (inserted so, the log
    numbers them the same, without a window function's sort). ``change_uuid``: SQL for
    each change's id (by default the edit's own, see ``_edit_id_sql``)."""
    if change_uuid is None:
        change_uuid = _edit_id_sql(conn)
    old_by, new_by = [], []
    for t in tracked_tables(conn):
        cols = t.column_names
        olds = [(c, f"o{i}") for i, c in enumerate(cols)]
        news = [(c, f"n{i}") for i, c in enumerate(cols)]
        changed = _changed_sql(t)
        blobs = t.blobs
        old_by.append(f"WHEN {lit(t.name)} THEN CASE op WHEN 'delete' THEN "
                      f"{_object_sql(olds, blobs=blobs)} ELSE "
                      f"{_object_sql(olds, changed, blobs)} END")
        new_by.append(f"WHEN {lit(t.name)} THEN CASE op WHEN 'insert' THEN "
                      f"{_object_sql(news, blobs=blobs)} ELSE "
                      f"{_object_sql(news, changed, blobs)} END")
    if not old_by:
        return ("SELECT seq, NULL, tbl, row_uuid, op, NULL, NULL, NULL, NULL FROM sync_capture "
                "WHERE 0")
    # a touch is no change (see TOUCH)
    seq = ("(SELECT coalesce(max(seq), 0) FROM sync_changes) + row_number() OVER "
           "(ORDER BY seq)") if numbered else "NULL"
    return (f"SELECT {seq}, {change_uuid}, tbl, row_uuid, op, "
            f"CASE WHEN op = 'insert' THEN NULL ELSE CASE tbl {' '.join(old_by)} END END, "
            f"CASE WHEN op = 'delete' THEN NULL ELSE CASE tbl {' '.join(new_by)} END END, "
            "(SELECT device FROM sync_state), strftime('%Y-%m-%dT%H:%M:%fZ', at) "
            f"FROM sync_capture WHERE {_edits_sql(conn)}" + ("" if numbered else " ORDER BY seq"))


def _changed_sql(t: Tracked) -> list[str]:
    """Per column of ``t``, SQL for whether a captured edit changed it (the triggers keep
    both sides of a column an UPDATE changed). A geometry written again with the same shape
    is not changed: GDAL, and so QGIS, writes a feature's whole row back on any edit, the
    geometry in its own header and byte order."""
    # (only blobs are read as shapes: text there may not even be UTF-8)
    return [f"(o{i} IS NOT NULL OR n{i} IS NOT NULL) AND NOT CASE WHEN typeof(o{i}) = 'blob' "
            f"AND typeof(n{i}) = 'blob' THEN toksun_same_shape(o{i}, n{i}) ELSE 0 END"
            if c in t.blobs else f"o{i} IS NOT NULL OR n{i} IS NOT NULL"
            for i, c in enumerate(t.column_names)]


def _edits_sql(conn: sqlite3.Connection) -> str:
    """SQL for the captured edits that are changes: not a touch (see TOUCH), nor an update
    whose only written value is a geometry of the same shape."""
    try:  # (a connection of the toolkit's own has it: field_kit.db.connect)
        conn.execute("SELECT toksun_same_shape(NULL, NULL)")
    except sqlite3.OperationalError:
        register_functions(conn)
    by_table = []
    for t in tracked_tables(conn):
        if t.blobs:
            changed = _changed_sql(t)
            # the plain columns first: they decide most edits without reading a shape
            first = sorted(range(len(changed)), key=lambda i: t.column_names[i] in t.blobs)
            by_table.append(f"WHEN {lit(t.name)} THEN "
                            f"{' OR '.join(f'({changed[i]})' for i in first)}")
    kept = f" AND (op != 'update' OR CASE tbl {' '.join(by_table)} ELSE 1 END)" \
        if by_table else ""
    return f"op != '{TOUCH}'{kept}"


TRIGGER_SUFFIXES = ("insert", "update", "delete", "uuid_guard")
# The form of the triggers this version writes; a file whose triggers another version wrote
# (and left whole) has them rebuilt by the next command, not reported as altered.
CAPTURE_VERSION = "6"
# An UPDATE that changes no tracked column is captured as a touch, with no values: not a
# change, but where a column added since (which the triggers do not know yet) may have been
# written, so adopting that column reads the rows touched instead of the whole layer.
TOUCH = "touch"


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
            _widen_capture(conn, len(t.columns))
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
    _widen_capture(conn, len(t.columns))
    for stmt in trigger_sql(t):
        conn.execute(stmt)
    return None


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
            earlier = _has_capture(conn) and registry.has_registry(conn)
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
            _widen_capture(conn, max((len(t.columns) for t in tracked_tables(conn)), default=0))
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


@contextlib.contextmanager
def capture_off(conn: sqlite3.Connection) -> Iterator[None]:
    """Suspend the triggers' logging inside the caller's transaction. Edits captured before
    are sealed first, so the sync core reads a complete log and numbers its own records after
    them."""
    from .drift import mark_whole
    seal(conn)
    switch_capture(conn, False)
    try:
        yield
    finally:
        switch_capture(conn, True)
    mark_whole(conn)  # (what the sync core changed of the schema, it changed whole)


# PRAGMA temp.user_version of a connection that switched capture off itself: the temporary
# schema is the connection's own, and rolls back with its transaction
_OFF_HERE = 0x7C0F


def switch_capture(conn: sqlite3.Connection, on: bool) -> None:
    """Set ``sync_state.capture``, the connection remembering that it switched capture off
    itself: off by anyone else, edits escape the log (:func:`left_off`)."""
    top = None
    if not on:  # the switch off recorded (SWITCHES_DDL) is the toolkit's own: not kept
        with contextlib.suppress(sqlite3.OperationalError):  # (a file from before the record)
            top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {SWITCHES}").fetchone()[0]
    conn.execute("UPDATE sync_state SET capture = ?", (int(on),))
    if top is not None:
        conn.execute(f"DELETE FROM {SWITCHES} WHERE id > ?", (top,))
    conn.execute(f"PRAGMA temp.user_version = {0 if on else _OFF_HERE}")


def switched_elsewhere(conn: sqlite3.Connection) -> list[str]:
    """When (UTC, :func:`now`'s form) another program switched capture off and on again,
    earliest first: the edits made meanwhile escaped the log. Reads only."""
    if not table_exists(conn, SWITCHES):
        return []
    return [at for (at,) in conn.execute(f"SELECT off_at FROM {SWITCHES} WHERE on_at IS NOT "
                                         "NULL ORDER BY id")]


def forget_switches(conn: sqlite3.Connection) -> None:
    """Clear the record of switches (:func:`switched_elsewhere`): repaired."""
    if table_exists(conn, SWITCHES):
        conn.execute(f"DELETE FROM {SWITCHES}")


def left_off(conn: sqlite3.Connection) -> bool:
    """Whether capture is off in the file though this connection did not switch it off: a
    command cut short cannot leave it so (it is switched inside a transaction), so another
    program did, and the edits made since are not in the log."""
    if conn.execute("PRAGMA temp.user_version").fetchone()[0] == _OFF_HERE:
        return False
    got = conn.execute("SELECT capture FROM sync_state").fetchone()
    return got is not None and got[0] == 0


CHANGE_COLUMNS = ("seq", "change_uuid", "tbl", "row_uuid", "op", "old", "new", "device", "at",
                  "origin", "src_seq")


def record(conn: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Write changes made by the sync core itself: (change_uuid, tbl, row_uuid, op, old_json,
    new_json, device, at, origin, src_seq) where src_seq is the change's seq on its device."""
    conn.executemany(
        "INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, origin,"
        " src_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _has_capture(conn: sqlite3.Connection) -> bool:
    """False for a file whose triggers predate ``sync_capture`` (they log JSON directly)."""
    return table_exists(conn, "sync_capture")


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
        drift.raise_if_broken(_path(conn), drifts)
        sealed = conn.execute("SELECT max(seq) FROM sync_capture").fetchone()[0]
        if sealed is not None:
            dates_for_qgis.uncut(conn)  # (a feature QGIS saved: its times kept whole)
            device_clock.in_device_order(conn)  # (a clock set back: its edits in order)
            conn.execute("INSERT INTO sync_changes (seq, change_uuid, tbl, row_uuid, op, old, "
                         f"new, device, at) {_sealed_sql(conn, numbered=False)}")
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
    if not _has_capture(conn) or (refresh and not registry.has_registry(conn)):
        install(conn)
    elif refresh and registry.meta(conn, "capture_version") != CAPTURE_VERSION:
        # another version's triggers: rebuilt, once they are known to be all there
        drift.raise_if_broken(_path(conn), drift.find(conn, compare_sql=False))
        install(conn)


# sync_meta's log_form in a field package whose log holds ±Infinity as this version writes
# it, ±9e999 (an earlier version wrote SQLite's Inf, which is not JSON)
LOG_FORM, LOG_FORM_KEY = "2", "log_form"


def _mend_log(conn: sqlite3.Connection) -> None:
    """A field package's log as an earlier version wrote it, with ±Infinity as ``Inf``,
    written as this version logs it, once, so that SQL reads every row of it (export, pull).
    (A master's log is only read row by row, by :func:`loads`, which reads ``Inf`` too.)"""
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


def _captured(conn: sqlite3.Connection) -> int:
    if not _has_capture(conn):
        return 0
    return conn.execute(f"SELECT count(*) FROM sync_capture WHERE {_edits_sql(conn)}"
                        ).fetchone()[0]


def last_seq(conn: sqlite3.Connection) -> int:
    """The seq of the latest change, counting captured edits not sealed yet (sealing numbers
    them on from the log's last seq)."""
    top = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
    return top + _captured(conn)


def pending(conn: sqlite3.Connection, drifts: list | None = None) -> int:
    """Local changes not exported yet, as the next export sends them: a refused edit sent
    again and its mend as one (``drifts``: what ``drift.find`` just read, if at hand)."""
    from . import drift, sent_again
    from .refused import handled
    st = state(conn)
    if drifts is None:
        drifts = drift.find(conn)
    # (an edit a pull gave up before it was exported is not sent: of a layer rewritten)
    return _captured(conn) + drift.unlogged(conn, drifts) + conn.execute(
        "SELECT count(*) FROM sync_changes WHERE seq > ? AND origin = 'local' AND change_uuid "
        "NOT IN (SELECT value FROM json_each(?))",
        (st["exported_seq"], json.dumps(handled(conn)))).fetchone()[0] - \
        sent_again.folded_away(conn)


def log_sql(conn: sqlite3.Connection) -> str:
    """The change log as one query, the edits not sealed yet with it."""
    cols = ", ".join(CHANGE_COLUMNS)
    sql = f"SELECT {cols} FROM sync_changes"
    if _has_capture(conn):
        unsealed = f"SELECT *, 'local', NULL FROM ({_sealed_sql(conn, change_uuid='NULL')})"
        sql = f"SELECT {cols} FROM ({sql} UNION ALL {unsealed})"
    return sql


def rows_that_held(conn: sqlite3.Connection, tbl: str, column: str, value) -> list[str]:
    """The uuids of the rows of ``tbl`` the log saw deleted, or given another value of
    ``column``, while they held ``value`` in it, newest first. Reads only."""
    state(conn)
    return [r for (r,) in conn.execute(
        f"SELECT row_uuid FROM ({log_sql(conn)}) WHERE tbl = ? AND op IN ('delete', "
        "'update') AND json_extract(old, ?) = ? GROUP BY row_uuid ORDER BY max(seq) DESC",
        (tbl, f'$."{column}"', value))]


def log(conn: sqlite3.Connection, limit: int | None = None, row_uuid: str | None = None
        ) -> list[dict]:
    """Changes, newest first (optionally of one row); unsealed edits come first, with the
    seq sealing will give them and no change UUID yet. Reads only."""
    state(conn)  # (a file with no log: said what it is)
    sql = log_sql(conn)
    args: list = []
    if row_uuid:
        sql += " WHERE row_uuid = ?"
        args.append(row_uuid)
    sql += " ORDER BY seq DESC"
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    return [dict(zip(CHANGE_COLUMNS, r)) for r in conn.execute(sql, args)]


__all__ = ["install", "state", "capture_off", "record", "log", "log_sql", "pending", "encode",
           "decode", "transaction", "MASTER", "PACKAGE"]
