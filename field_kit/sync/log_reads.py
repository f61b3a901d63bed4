# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading the change log: the changes, newest first, of the file or of one row; the last
seq; the local changes waiting for an export. Captured edits not sealed yet are read with
the log, so read-only readers see them."""

from __future__ import annotations

import contextlib
import json
import sqlite3

from . import changelog
from .captured_edits import captured_count, has_capture, sealed_sql

CHANGE_COLUMNS = ("seq", "change_uuid", "tbl", "row_uuid", "op", "old", "new", "device", "at",
                  "origin", "src_seq")


def last_seq(conn: sqlite3.Connection) -> int:
    """The seq of the latest change, counting captured edits not sealed yet (sealing numbers
    them on from the log's last seq)."""
    top = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
    return top + captured_count(conn)


def pending(conn: sqlite3.Connection, drifts: list | None = None) -> int:
    """Local changes not exported yet, as the next export sends them: a refused edit sent
    again and its mend as one (``drifts``: what ``drift.find`` just read, if at hand)."""
    from . import drift, sent_again
    from .refused import handled
    st = changelog.state(conn)
    if drifts is None:
        drifts = drift.find(conn)
    # (an edit a pull gave up before it was exported is not sent: of a layer rewritten)
    return captured_count(conn) + drift.unlogged(conn, drifts) + conn.execute(
        "SELECT count(*) FROM sync_changes WHERE seq > ? AND origin = 'local' AND change_uuid "
        "NOT IN (SELECT value FROM json_each(?))",
        (st["exported_seq"], json.dumps(handled(conn)))).fetchone()[0] - \
        sent_again.folded_away(conn)


def log_sql(conn: sqlite3.Connection) -> str:
    """The change log as one query, the edits not sealed yet with it."""
    cols = ", ".join(CHANGE_COLUMNS)
    sql = f"SELECT {cols} FROM sync_changes"
    if has_capture(conn):
        unsealed = f"SELECT *, 'local', NULL FROM ({sealed_sql(conn, change_uuid='NULL')})"
        sql = f"SELECT {cols} FROM ({sql} UNION ALL {unsealed})"
    return sql


def rows_that_held(conn: sqlite3.Connection, tbl: str, column: str, value) -> list[str]:
    """The uuids of the rows of ``tbl`` the log saw deleted, or given another value of
    ``column``, while they held ``value`` in it, newest first. Reads only."""
    changelog.state(conn)
    return [r for (r,) in conn.execute(
        f"SELECT row_uuid FROM ({log_sql(conn)}) WHERE tbl = ? AND op IN ('delete', "
        "'update') AND json_extract(old, ?) = ? GROUP BY row_uuid ORDER BY max(seq) DESC",
        (tbl, f'$."{column}"', value))]


def seen_deleted(conn: sqlite3.Connection, tbl: str, row: str) -> bool:
    """Whether the log saw row ``row`` of ``tbl`` deleted, sealed or captured (not the row
    of a uuid typed, or another master's, which no row held). Reads only."""
    with contextlib.suppress(sqlite3.Error):  # (a file with no change log: none seen)
        return any(conn.execute(
            f"SELECT 1 FROM {log} WHERE tbl = ? AND row_uuid = ? AND op = 'delete' LIMIT 1",
            (tbl, row)).fetchone() for log in ("sync_changes", "sync_capture"))
    return False


def log(conn: sqlite3.Connection, limit: int | None = None, row_uuid: str | None = None
        ) -> list[dict]:
    """Changes, newest first (optionally of one row); unsealed edits come first, with the
    seq sealing will give them and no change UUID yet. Reads only."""
    changelog.state(conn)  # (a file with no log: said what it is)
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
