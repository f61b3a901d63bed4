# SPDX-License-Identifier: GPL-2.0-or-later
"""The captured edits read as change-log rows: what :func:`field_kit.sync.changelog.seal`
moves into ``sync_changes``, and what the log's readers count before it is sealed.

To keep an edit cheap, a trigger writes one row of ``sync_capture``: table, row uuid,
operation, time (a julian day) and the values themselves, typed, by position (``o<i>`` the
old and ``n<i>`` the new value of the table's i-th tracked column; for an update only the
changed columns are filled, so two NULLs mean "unchanged").
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid as uuidlib

from ..db import file_columns, lit, table_exists
from ..plan.geometry import register_functions
from .log_values import object_sql
from .registry import Tracked, tracked_tables
from .triggers import TOUCH


def has_capture(conn: sqlite3.Connection) -> bool:
    """False for a file whose triggers predate ``sync_capture`` (they log JSON directly)."""
    return table_exists(conn, "sync_capture")


def captured_count(conn: sqlite3.Connection) -> int:
    if not has_capture(conn):
        return 0
    return conn.execute(f"SELECT count(*) FROM sync_capture WHERE {edits_sql(conn)}"
                        ).fetchone()[0]


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


def sealed_sql(conn: sqlite3.Connection, change_uuid: str | None = None, *,
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
                      f"{object_sql(olds, blobs=blobs)} ELSE "
                      f"{object_sql(olds, changed, blobs)} END")
        new_by.append(f"WHEN {lit(t.name)} THEN CASE op WHEN 'insert' THEN "
                      f"{object_sql(news, blobs=blobs)} ELSE "
                      f"{object_sql(news, changed, blobs)} END")
    if not old_by:
        return ("SELECT seq, NULL, tbl, row_uuid, op, NULL, NULL, NULL, NULL FROM sync_capture "
                "WHERE 0")
    # a touch is no change (see triggers.TOUCH)
    seq = ("(SELECT coalesce(max(seq), 0) FROM sync_changes) + row_number() OVER "
           "(ORDER BY seq)") if numbered else "NULL"
    return (f"SELECT {seq}, {change_uuid}, tbl, row_uuid, op, "
            f"CASE WHEN op = 'insert' THEN NULL ELSE CASE tbl {' '.join(old_by)} END END, "
            f"CASE WHEN op = 'delete' THEN NULL ELSE CASE tbl {' '.join(new_by)} END END, "
            "(SELECT device FROM sync_state), strftime('%Y-%m-%dT%H:%M:%fZ', at) "
            f"FROM sync_capture WHERE {edits_sql(conn)}" + ("" if numbered else " ORDER BY seq"))


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


def edits_sql(conn: sqlite3.Connection) -> str:
    """SQL for the captured edits that are changes: not a touch (see triggers.TOUCH), nor an update
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
