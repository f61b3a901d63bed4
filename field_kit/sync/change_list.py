# SPDX-License-Identifier: GPL-2.0-or-later
"""The change list of a change package: a small SQLite database, ``changes.sqlite``.

Export writes it straight from the field package's log (:func:`write`); a merge attaches it
to the master's connection and copies it into the temporary table ``incoming``
(:func:`load`), where it is checked and applied set-based, without parsing each change in
Python. One table, nothing else::

    changes (seq, change, tbl, row, op, old, new, device, at)

with ``old`` and ``new`` the JSON objects of the change log (:mod:`field_kit.sync.changelog`).

A change list is read only after the package's checksums and signature are verified, and
then only if its schema is exactly that one table (no views, triggers or indexes that could
run code or mislead); every change is then checked in SQL (tables, columns, operations,
values, device and sequence range) before anything is written to the master.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator

from ..bilingual import counted
from ..db import table_exists
from ..errors import Refused
from ..plan import schema
from . import column_edits, json_fields, log_values, registry
from .refused import DROPPED_LAYER
from .registry import describe, to_adopt, tracked_columns, tracked_tables

MEMBER = "changes.sqlite"
TABLE_SQL = ("CREATE TABLE changes (seq INTEGER PRIMARY KEY, change TEXT NOT NULL, "
             "tbl TEXT NOT NULL, row TEXT NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT, "
             "device TEXT NOT NULL, at TEXT NOT NULL)")
COLUMNS = ("seq", "change", "tbl", "row", "op", "old", "new", "device", "at")
OPS = ("insert", "update", "delete")
_ALIAS = "change_list"

INCOMING_SQL = """
CREATE TEMP TABLE IF NOT EXISTS incoming (
    id INTEGER PRIMARY KEY,
    slot INTEGER NOT NULL,
    seq, change, tbl, row, op, old, new, device, at,
    status TEXT,
    reason TEXT,
    kept_out TEXT NOT NULL DEFAULT '',
    fid INTEGER,
    settled INTEGER NOT NULL DEFAULT 0,
    keys_old TEXT,
    keys TEXT
);
CREATE INDEX IF NOT EXISTS temp.incoming_slot ON incoming (slot, seq);
CREATE TEMP TABLE IF NOT EXISTS incoming_columns (tbl TEXT, col TEXT, PRIMARY KEY (tbl, col))
    WITHOUT ROWID
"""


@contextlib.contextmanager
def _attached(conn: sqlite3.Connection, path: str) -> Iterator[None]:
    """The change list at ``path`` attached to ``conn`` as ``change_list`` (outside any
    transaction: SQLite attaches and detaches only there)."""
    conn.execute(f"ATTACH ? AS {_ALIAS}", (path,))
    try:
        yield
    finally:
        conn.execute(f"DETACH {_ALIAS}")


def write(conn: sqlite3.Connection, after: int, path: str,
          local: str = "FROM sync_changes WHERE seq > ? AND origin = 'local'") -> None:
    """Write the local changes after seq ``after`` of ``conn``'s log (``local``: the FROM
    and WHERE picking them, its one parameter ``after``) to a new change list."""
    with _attached(conn, path):
        conn.execute(f"PRAGMA {_ALIAS}.journal_mode = OFF")
        conn.execute(f"PRAGMA {_ALIAS}.synchronous = OFF")
        conn.execute(TABLE_SQL.replace("TABLE changes", f"TABLE {_ALIAS}.changes"))
        conn.execute(f"INSERT INTO {_ALIAS}.changes SELECT seq, change_uuid, tbl, row_uuid, op, "
                     f"old, new, device, at {local} ORDER BY seq", (after,))


def prepare(conn: sqlite3.Connection) -> None:
    """Create the (empty) temporary tables a merge reads change lists into."""
    for stmt in INCOMING_SQL.split(";"):
        conn.execute(stmt)
    conn.execute("DELETE FROM incoming")
    conn.execute("DELETE FROM incoming_columns")
    # with the columns and tables added to the master and not tracked yet: the merge's own
    # sealing tracks them before anything is applied
    conn.executemany("INSERT OR IGNORE INTO incoming_columns VALUES (?, ?)",
                     [(t.name, c) for t in tracked_tables(conn)
                      for c in tracked_columns(conn, t) + (
                          describe(conn, t.name).column_names
                          if table_exists(conn, t.name) else [])] +
                     # and the tables added to the master that its sealing will track
                     [(t.name, c) for t in to_adopt(conn).values() for c in t.column_names])


def load(conn: sqlite3.Connection, slot: int, data: bytes | bytearray, name: str,
         manifest: dict, progress=None) -> None:
    """Copy a package's change list into ``incoming`` as ``slot`` and check every change;
    raise Refused (and keep nothing) if one is wrong. Outside any transaction.
    ``progress(fraction)`` hears each step done."""
    tick = progress or (lambda fraction: None)
    fd, path = tempfile.mkstemp(prefix="toksun-changes-", suffix=".sqlite")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            with _attached(conn, path):
                # its name gone at once: the file lives on while attached (where the system
                # lets it), and a merge killed meanwhile leaves no copy of the changes behind
                with contextlib.suppress(OSError):
                    os.remove(path)
                _copy(conn, slot, name)
        except sqlite3.DatabaseError as exc:
            raise Refused(f"{name}: {MEMBER} is not a change list ({exc})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
    tick(0.6)  # copying is the longer part
    _mend_numbers(conn, slot)
    _shapes_as_named_here(conn, slot, manifest)
    try:
        _check(conn, slot, name, manifest)
    except Refused:
        drop(conn, slot)
        raise
    _mark_earlier_text(conn, slot)
    tick(1.0)


# Per change, the keys of old and new in document order, as a JSON array; a key whose value
# is not plain (object or array) gets a "!" in front; text that is not a JSON object gives "?".
_KEYS_SQL = ("CASE WHEN {x} IS NULL THEN NULL WHEN json_valid({x}) AND json_type({x}) = "
             "'object' THEN (SELECT json_group_array(CASE WHEN j.type IN ('object', 'array') "
             "THEN '!' || j.key ELSE j.key END) FROM json_each({x}) j) ELSE '?' END")


def _copy(conn: sqlite3.Connection, slot: int, name: str) -> None:
    try:
        objects = conn.execute(f"SELECT type, name, tbl_name, sql FROM {_ALIAS}.sqlite_master"
                               ).fetchall()
        ok = objects == [("table", "changes", "changes", TABLE_SQL)] and conn.execute(
            f"PRAGMA {_ALIAS}.quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise Refused(f"{name}: {MEMBER} is not a change list (unexpected content)")
    conn.execute(f"INSERT INTO incoming (slot, {', '.join(COLUMNS)}, keys_old, keys) SELECT ?, "
                 f"{', '.join(COLUMNS)}, {_KEYS_SQL.format(x='old')}, {_KEYS_SQL.format(x='new')} "
                 f"FROM {_ALIAS}.changes ORDER BY seq", (slot,))


def _check(conn: sqlite3.Connection, slot: int, name: str, manifest: dict) -> None:
    n = conn.execute("SELECT count(*) FROM incoming WHERE slot = ?", (slot,)).fetchone()[0]
    said = manifest.get("counts", {}).get("changes")
    if n != said:
        raise Refused(f"{name}: holds {counted(n, 'change')}, the manifest says {said}")
    columns: dict[str, set] = {}
    for tbl, col in conn.execute("SELECT tbl, col FROM incoming_columns"):
        columns.setdefault(tbl, set()).add(col)
    _refuse_dropped(conn, slot, set(columns))
    rules = [
        ("typeof(change) != 'text' OR typeof(row) != 'text' OR typeof(at) != 'text' OR "
         "typeof(tbl) != 'text' OR typeof(op) != 'text'", lambda *_: "not a valid change"),
        ("tbl NOT IN (SELECT tbl FROM incoming_columns) AND status IS NULL", lambda t, *_: (
            f"table {t!r} is not in the plan schema" if t not in schema.BY_NAME
            else f"table {t!r} is not in this master")),
        ("op NOT IN ('insert', 'update', 'delete')",
         lambda _, op, *__: f"unknown operation {op!r}"),
        ("keys_old = '?' OR keys = '?'", lambda t, op, ko, kn: (
            f"{'old' if ko == '?' else 'new'} is not an object "
            f"({'a' if op == 'delete' else 'an'} {op} of {t})")),
        ("(op != 'insert' AND old IS NULL) OR (op != 'delete' AND new IS NULL) OR "
         "(op = 'update' AND keys = '[]')",  # capture never logs an update that sets nothing
         lambda _, op, *__: f"{op} without its values"),
        ("device IS NOT ?1 OR NOT (seq BETWEEN ?2 AND ?3)",
         lambda *_: "change not from this package's device and range"),
    ]
    args = (manifest.get("device"), manifest.get("seq_from"), manifest.get("seq_to"))
    # one pass over the changes; only a package that breaks a rule is read rule by rule
    # (so the first rule broken is the one reported)
    anywhere = " OR ".join(f"({where})" for where, _ in rules)
    broken = conn.execute(f"SELECT 1 FROM incoming WHERE slot = ?4 AND ({anywhere}) LIMIT 1",
                          (*args, slot)).fetchone()
    for where, message in rules if broken else ():
        got = conn.execute(f"SELECT seq, tbl, op, keys_old, keys FROM incoming WHERE slot = ?4 "
                           f"AND ({where}) ORDER BY seq LIMIT 1", (*args, slot)).fetchone()
        if got is not None:
            raise Refused(f"{name}: change {got[0]}: {message(*got[1:])}")
    dup = conn.execute("SELECT min(seq), change FROM incoming WHERE slot = ? GROUP BY change "
                       "HAVING count(*) > 1 LIMIT 1", (slot,)).fetchone()
    if dup is not None:
        raise Refused(f"{name}: change {dup[0]}: its UUID {dup[1]} is given to another change "
                      "of the package too")
    unknown: dict[str, set] = {}  # table -> the columns changes name that the master lacks
    # the key lists are few (one per kind of edit): check each once
    for seq, tbl, ko, kn in conn.execute(
            "SELECT min(seq), tbl, keys_old, keys FROM incoming WHERE slot = ? AND status IS "
            "NULL GROUP BY tbl, keys_old, keys", (slot,)).fetchall():
        for part, keys in (("old", ko), ("new", kn)):
            listed = json.loads(keys) if keys else []
            for key in listed:
                if key.startswith("!"):
                    raise Refused(f"{name}: change {seq}: {part} holds a value of "
                                  f"{key[1:]} that is not plain")
                if key not in columns[tbl]:
                    unknown.setdefault(tbl, set()).add(key)
            if len(set(listed)) != len(listed):
                raise Refused(f"{name}: change {seq}: {part} names a column twice")
    for tbl, cols in unknown.items():
        odd = next((c for c in cols if '"' in c), None)
        if odd is not None:  # a JSON path cannot name it
            raise Refused(f"{name}: column {odd!r} of {tbl} is not in the master")
        _refuse_unknown(conn, slot, tbl, sorted(cols), manifest)


def _mend_numbers(conn: sqlite3.Connection, slot: int) -> None:
    """±Infinity as a change list of an earlier version holds it (SQLite's ``Inf``, which is
    not JSON) written as this version logs it (:func:`~field_kit.sync.log_values.finite`)."""
    bad = "slot = ? AND (keys_old = '?' OR keys = '?')"
    if conn.execute(f"SELECT 1 FROM incoming WHERE {bad} LIMIT 1", (slot,)).fetchone() is None:
        return
    log_values.value_functions(conn)
    conn.execute(f"UPDATE incoming SET old = toksun_finite(old), new = toksun_finite(new), "
                 f"keys_old = {_KEYS_SQL.format(x='toksun_finite(old)')}, keys = "
                 f"{_KEYS_SQL.format(x='toksun_finite(new)')} WHERE {bad}", (slot,))


def _shapes_as_named_here(conn: sqlite3.Connection, slot: int, manifest: dict) -> None:
    """A package's shapes of a layer whose geometry column the master names otherwise (the
    layer rewritten there since the checkout) under the master's name: one geometry, its
    column named otherwise in each file (:mod:`field_kit.sync.geometry_named`)."""
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        return
    for t in tracked_tables(conn):
        spec = tables.get(t.name)
        here = spec.get("geom") if isinstance(spec, dict) else None
        if not isinstance(here, str) or not t.geom or here == t.geom or \
                here in t.column_names or not json_fields.by_path(here):
            continue
        for side in ("old", "new"):
            moved = json_fields.put(json_fields.remove(side, here), t.geom,
                                    json_fields.get(side, here))
            conn.execute(f"UPDATE incoming SET {side} = {moved} WHERE slot = ? AND tbl = ? AND "
                         f"{json_fields.kind(side, here)} IS NOT NULL", (slot, t.name))
        conn.execute(f"UPDATE incoming SET keys_old = {_KEYS_SQL.format(x='old')}, keys = "
                     f"{_KEYS_SQL.format(x='new')} WHERE slot = ? AND tbl = ?", (slot, t.name))


def _mark_earlier_text(conn: sqlite3.Connection, slot: int) -> None:
    """Text in a BLOB column as a change list of an earlier version holds it, unmarked,
    marked as this version logs it (:data:`~field_kit.sync.log_values.TEXT_MARK`), so that
    every later step reads it as the text it is (a geometry's text is refused as any)."""
    blobs = [(t.name, c) for t in tracked_tables(conn) for c in sorted(t.blobs)
             if c != t.geom]
    if not blobs:
        return
    log_values.value_functions(conn)
    for tbl, col in blobs:
        for side in ("old", "new"):
            got = json_fields.get(side, col)
            marked = json_fields.put(side, col, f"?1 || {got}")
            conn.execute(f"UPDATE incoming SET {side} = {marked} WHERE slot = ?2 AND tbl = ?3 "
                         f"AND toksun_earlier_text({got})",
                         (log_values.TEXT_MARK, slot, tbl))


def _refuse_dropped(conn: sqlite3.Connection, slot: int, tracked: set[str]) -> None:
    """Changes of a layer the master dropped since the package was checked out (repair found
    it gone): refused alone, named, as those of a column dropped are; the package's other
    changes go in."""
    for tbl in sorted(registry.dropped(conn) - tracked):
        conn.execute("UPDATE incoming SET status = 'refused', reason = ? WHERE slot = ? AND "
                     "tbl = ? AND status IS NULL", (DROPPED_LAYER.format(layer=tbl), slot, tbl))


def _refuse_unknown(conn: sqlite3.Connection, slot: int, tbl: str, cols: list[str],
                    manifest: dict) -> None:
    """Changes that name columns of ``tbl`` the master lacks (a technician's package does not
    add them; a package may have dropped one it had filled): refused alone, named. What
    names such a column without writing it is kept: a delete (the row goes whatever its
    columns) and an insert's empty value."""
    for c in cols:
        conn.execute(f"UPDATE incoming SET old = {json_fields.remove('old', c)} WHERE slot = ?1 "
                     f"AND tbl = ?2 AND op = 'delete' AND {json_fields.kind('old', c)} IS NOT "
                     "NULL", (slot, tbl))
        conn.execute(f"UPDATE incoming SET new = {json_fields.remove('new', c)} WHERE slot = ?1 "
                     f"AND tbl = ?2 AND op = 'insert' AND {json_fields.kind('new', c)} = 'null'",
                     (slot, tbl))
    conn.execute(f"UPDATE incoming SET keys_old = {_KEYS_SQL.format(x='old')}, keys = "
                 f"{_KEYS_SQL.format(x='new')} WHERE slot = ? AND tbl = ?", (slot, tbl))
    why = (", and the package no longer has it (add it to the master" if manifest.get("role")
           == schema.GIS else f": a {manifest.get('role')}'s package does not add columns (GIS "
           "staff can add it to the master")
    gone = column_edits.gone(conn).get(tbl, {})
    for c in cols:
        conn.execute(
            "UPDATE incoming SET status = 'refused', reason = ?3 WHERE slot = ?1 AND tbl = ?2 AND "
            f"status IS NULL AND ({json_fields.kind('new', c)} IS NOT NULL OR "
            f"{json_fields.kind('old', c)} IS NOT NULL)", (
                slot, tbl, _gone_reason(tbl, c, gone[c]) if c in gone else
                f"column {c} of {tbl} is not in the master{why}, then merge this package again)"))


def _gone_reason(tbl: str, col: str, gone: dict) -> str:
    when = f" on {gone['at'][:10]}" if gone.get("at") else ""
    if gone.get("renamed_to"):
        return (f"column {col} of {tbl} was renamed {gone['renamed_to']} in the master{when}, "
                "after this package was checked out (pull into the package, then make the "
                f"edit again in {gone['renamed_to']})")
    return (f"column {col} of {tbl} was dropped from the master{when}, after this package was "
            "checked out (GIS staff can add it to the master again, then merge this package "
            "again)")


def drop(conn: sqlite3.Connection, slot: int) -> None:
    conn.execute("DELETE FROM incoming WHERE slot = ?", (slot,))


def photo_types(conn: sqlite3.Connection, slot: int) -> dict:
    """sha256 -> mime type of the photos a slot's changes add or change."""
    return dict(conn.execute(
        "SELECT json_extract(new, '$.sha256'), json_extract(new, '$.mime_type') FROM incoming "
        "WHERE slot = ? AND tbl = 'photos' AND json_extract(new, '$.sha256') IS NOT NULL "
        "ORDER BY seq", (slot,)))


def changes(conn: sqlite3.Connection, slot: int) -> list[dict]:
    """The changes of a slot the set-based step left, as dicts (the form the three-way apply
    takes), in seq order."""
    out = []
    for seq, change, tbl, row, op, old, new, device, at in conn.execute(
            f"SELECT {', '.join(COLUMNS)} FROM incoming WHERE slot = ? AND status IS NULL "
            "ORDER BY seq", (slot,)):
        out.append({"seq": seq, "change": change, "table": tbl, "row": row, "op": op,
                    "old": log_values.loads(old) if old is not None else None,
                    "new": log_values.loads(new) if new is not None else None,
                    "device": device, "at": at})
    return out


__all__ = ["write", "prepare", "load", "drop", "changes", "photo_types", "MEMBER"]
