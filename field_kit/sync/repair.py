# SPDX-License-Identifier: GPL-2.0-or-later
"""Bringing capture back after it was bypassed, and recovering the edits made meanwhile.

A tool that rebuilds a table drops its triggers; edits made then never reach the log.
A field package keeps a record of every tracked row as it was when the package was written
(``sync_baseline``: table, uuid and the row's values as the log writes them). The log since
then, replayed over that record, says what each row should hold now; a row that holds
something else was edited while capture was off. :func:`repair` logs those edits as the
triggers would have (an insert, the changed fields of an update with their old values, a
delete with the row's last known values), reinstalls the triggers and says which rows it
could not vouch for: on a file without the record (a master, an older package), every row
of a table whose capture was broken.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field

from ..db import connect, quote, transaction
from . import changelog, drift, registry

DDL = ("CREATE TABLE IF NOT EXISTS sync_baseline (tbl TEXT NOT NULL, uuid TEXT NOT NULL, "
       "vals TEXT NOT NULL, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID")


def _row_json(t: registry.Tracked, ref: str = "") -> str:
    return changelog._object_sql([(c, f"{ref}{quote(c)}") for c in t.column_names])


def write_baseline(conn: sqlite3.Connection) -> None:
    """Record every tracked row as it is now (checkout; inside the caller's transaction)."""
    conn.execute(DDL)
    conn.execute("DELETE FROM sync_baseline")
    for t in registry.tracked(conn):
        conn.execute(f"INSERT INTO sync_baseline (tbl, uuid, vals) SELECT ?, uuid, "
                     f"{_row_json(t)} FROM {quote(t.name)} WHERE uuid IS NOT NULL", (t.name,))


@dataclass
class Repair:
    path: str
    problems: list = field(default_factory=list)  # the drifts found, as text
    recovered: dict = field(default_factory=dict)  # table -> edits logged
    unvouched: dict = field(default_factory=dict)  # table -> row uuids (or "*": every row)


def _expected(conn: sqlite3.Connection, tbl: str) -> dict[str, dict | None]:
    """uuid -> values the row should hold by the record and the log (None: deleted)."""
    rows: dict[str, dict | None] = {u: json.loads(v) for u, v in conn.execute(
        "SELECT uuid, vals FROM sync_baseline WHERE tbl = ?", (tbl,))}
    for row, op, new in conn.execute(
            "SELECT row_uuid, op, new FROM sync_changes WHERE tbl = ? ORDER BY seq", (tbl,)):
        if op == "delete":
            rows[row] = None
        elif op == "insert":
            rows[row] = json.loads(new)
        elif rows.get(row) is not None:
            rows[row].update(json.loads(new))
    return rows


def _recover(conn: sqlite3.Connection, tbl: str, rep: Repair) -> None:
    t = registry.describe(conn, tbl)  # the table as it is now
    expected = _expected(conn, t.name)
    now = {u: json.loads(v) for u, v in conn.execute(
        f"SELECT uuid, {_row_json(t)} FROM {quote(t.name)} WHERE uuid IS NOT NULL")}
    device = changelog.state(conn)["device"]
    defaults = {c: changelog.encode(c, conn.execute(
        f"SELECT {drift.default_sql(conn, t.name, c)}").fetchone()[0]) for c in t.column_names}
    at = changelog.now()
    log = []
    for row, vals in now.items():
        was = expected.get(row)
        if was is None:
            log.append((row, "insert", None, vals))
            continue
        old = {c: was.get(c) for c in vals if c in was and was.get(c) != vals[c]}
        # a column added since: its ancestor is its default
        old.update({c: defaults[c] for c in vals if c not in was and vals[c] != defaults[c]})
        if old:
            log.append((row, "update", old, {c: vals[c] for c in old}))
    for row, was in expected.items():
        if was is not None and row not in now:
            log.append((row, "delete", was, None))
    changelog.record(conn, ((changelog.new_uuid(), t.name, row, op,
                             None if old is None else changelog.dumps(old),
                             None if new is None else changelog.dumps(new), device, at,
                             "local", None) for row, op, old, new in log))
    if log:
        rep.recovered[t.name] = len(log)


def repair(path: str | os.PathLike) -> Repair:
    """Reinstall capture where it is not whole and recover the edits made meanwhile."""
    path = os.fspath(path)
    conn = connect(path)
    try:
        changelog.state(conn)
        rep = Repair(path)
        with transaction(conn):
            changelog.seal(conn, refresh=False)
            found = drift.find(conn)
            bad = drift.broken(found)
            rep.problems = [str(d) for d in bad]
            if not bad:
                changelog.seal(conn)  # only additions: adopted as any command does
                return rep
            conn.execute("UPDATE sync_state SET capture = 0")
            has_record = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sync_baseline'").fetchone()
            for tbl in sorted({d.table for d in bad}):
                if any(d.table == tbl and d.kind == drift.TABLE_GONE for d in bad):
                    registry.untrack(conn, tbl, "gone from the file")
                    rep.unvouched[tbl] = ["*"]
                    continue
                changelog.drop_triggers(conn, tbl)
                if has_record:
                    _recover(conn, tbl, rep)
                else:
                    rep.unvouched[tbl] = ["*"]
                reason = changelog.track(conn, tbl)
                if reason is not None:
                    rep.problems.append(f"{tbl}: cannot be tracked again: {reason}")
            conn.execute("UPDATE sync_state SET capture = 1")
            changelog.seal(conn)
        return rep
    finally:
        conn.close()
