# SPDX-License-Identifier: GPL-2.0-or-later
"""What a master's triggers of its own (a county's ``AFTER UPDATE`` setting another column,
say) write while a merge applies its changes.

A merge (a resolve, an undo-merge too) writes with capture off, so a trigger that fires on
its writes writes past the log: its values would never reach the packages, nor history.
While a merge runs, each tracked table is watched (temporary triggers keep every row's
values before its first write); once it is applied, each row written is compared with what
the merge logged of it, and what differs, the triggers' doing, is logged as the master's own
edit, which pulls bring.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator

from ..bilingual import counted
from ..db import quote
from . import changelog, log_reads, log_values
from .registry import tracked_columns, tracked_tables

# triggers of GeoPackage, GDAL and the sync itself: none writes a tracked table's rows
_NOT_OWN = ("sync\\_%", "rtree\\_%", "gpkg\\_%", "trigger\\_insert\\_feature\\_count\\_%",
            "trigger\\_delete\\_feature\\_count\\_%")
_TOUCHED = "temp.toksun_touched"  # (named bare inside a trigger, which takes no schema)


def _writing(conn: sqlite3.Connection, tables: list[str]) -> bool:
    """Whether a trigger of the file's own may write a row of ``tables``."""
    own = " AND ".join("name NOT LIKE ? ESCAPE '\\'" for _ in _NOT_OWN)
    bodies = [sql for (sql,) in conn.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND {own}", _NOT_OWN)]
    if not bodies:
        return False
    names = "|".join(re.escape(t) for t in tables)
    written = re.compile(rf"\b(?:UPDATE|INTO|FROM)\s+(?:OR\s+\w+\s+)?[\"`\[]?(?:main\.)?"
                         rf"[\"`\[]?(?:{names})\b", re.IGNORECASE)
    return any(written.search(sql.split("BEGIN", 1)[-1]) for sql in bodies if sql)


class Watch:
    """The rows of tracked tables written while it watches, with their values before."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.tables = {t.name: (t, tracked_columns(conn, t)) for t in tracked_tables(conn)}
        self.on = bool(self.tables) and _writing(conn, list(self.tables))
        self.since = 0

    def start(self) -> None:
        if not self.on:
            return
        c = self.conn
        self.since = log_reads.last_seq(c)
        c.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_touched (tbl TEXT, rid INTEGER, "
                  "PRIMARY KEY (tbl, rid))")
        for i, (name, (_, cols)) in enumerate(self.tables.items()):
            t, lit = quote(name), "'" + name.replace("'", "''") + "'"
            listed = ", ".join(["rowid", "uuid", *map(quote, cols)])
            c.execute(f"CREATE TEMP TABLE toksun_before_{i} AS SELECT {listed} FROM main.{t} "
                      "WHERE 0")
            first = f"NOT EXISTS (SELECT 1 FROM {_TOUCHED} WHERE tbl = {lit} AND rid = %s.rowid)"
            for when, what, row in (("BEFORE UPDATE", "u", "OLD"), ("BEFORE DELETE", "d", "OLD")):
                c.execute(f"CREATE TEMP TRIGGER toksun_watch_{i}_{what} {when} ON main.{t} "
                          f"WHEN {first % row} BEGIN "
                          f"INSERT INTO toksun_touched VALUES ({lit}, {row}.rowid); "
                          f"INSERT INTO toksun_before_{i} SELECT {listed} FROM main.{t} "
                          f"WHERE rowid = {row}.rowid; END")
            c.execute(f"CREATE TEMP TRIGGER toksun_watch_{i}_i AFTER INSERT ON main.{t} "
                      f"WHEN {first % 'NEW'} BEGIN "
                      f"INSERT INTO toksun_touched VALUES ({lit}, NEW.rowid); END")

    def stop(self) -> None:
        if not self.on:
            return
        for i in range(len(self.tables)):
            for what in "udi":
                self.conn.execute(f"DROP TRIGGER IF EXISTS temp.toksun_watch_{i}_{what}")
            self.conn.execute(f"DROP TABLE IF EXISTS temp.toksun_before_{i}")
        self.conn.execute(f"DROP TABLE IF EXISTS {_TOUCHED}")

    def _row(self, name: str, where: str, arg) -> tuple[str, dict] | None:
        t, cols = self.tables[name]
        got = self.conn.execute(f"SELECT uuid, {', '.join(map(quote, cols))} FROM "
                                f"main.{quote(name)} WHERE {where} = ?", (arg,)).fetchone()
        if got is None or not got[0]:
            return None
        return got[0], {c: log_values.encode(c, v, t.blobs) for c, v in zip(cols, got[1:])}

    def log_written(self) -> dict[str, int]:
        """Log what the file's own triggers wrote since :meth:`start`, as the master's own
        edits; the tables, each with the rows they wrote."""
        if not self.on:
            return {}
        c = self.conn
        before: dict[tuple[str, str], dict] = {}
        after: dict[tuple[str, str], dict | None] = {}
        for i, (name, (t, cols)) in enumerate(self.tables.items()):
            for _rid, uuid, *vals in c.execute(f"SELECT * FROM temp.toksun_before_{i}"):
                if uuid:
                    before[(name, uuid)] = {col: log_values.encode(col, v, t.blobs)
                                            for col, v in zip(cols, vals)}
            for (rid,) in c.execute(f"SELECT rid FROM {_TOUCHED} WHERE tbl = ?", (name,)):
                now = self._row(name, "rowid", rid)
                if now is not None:
                    after[(name, now[0])] = now[1]
        for key in before:
            if key not in after:
                held = self._row(key[0], "uuid", key[1])
                after[key] = None if held is None else held[1]
        # what the merge itself wrote of each row, as it logged it
        expected: dict[tuple[str, str], dict | None] = {k: dict(v) for k, v in before.items()}
        for tbl, row, op, new in c.execute(
                "SELECT tbl, row_uuid, op, new FROM sync_changes WHERE seq > ? ORDER BY seq",
                (self.since,)):
            key = (tbl, row)
            if key not in after:
                continue
            if op == "delete":
                expected[key] = None
            elif op == "insert" or expected.get(key) is None:
                expected[key] = dict(log_values.loads(new) or {})
            else:
                expected[key].update(log_values.loads(new) or {})  # type: ignore[union-attr]
        device = changelog.state(c)["device"]
        at = changelog.now()
        log: list[tuple] = []
        wrote: dict[str, int] = {}
        d = log_values.dumps
        for (tbl, row), row_now in after.items():
            was = expected.get((tbl, row))
            if was is None and row_now is None:
                continue
            entry: tuple[str, str | None, str | None]
            if was is None:  # none before, or deleted by the merge: a trigger's row
                entry = ("insert", None, d(row_now))
            elif row_now is None:
                entry = ("delete", d(was), None)
            else:
                fields = [f for f in was if f in row_now and row_now[f] != was[f]]
                if not fields:
                    continue
                entry = ("update", d({f: was[f] for f in fields}),
                         d({f: row_now[f] for f in fields}))
            log.append((changelog.new_uuid(), tbl, row, *entry, device, at, "local", None))
            wrote[tbl] = wrote.get(tbl, 0) + 1
        changelog.record(c, log)
        return wrote


def wrote_said(wrote: dict[str, int], meanwhile: str) -> str:
    """The line naming what the master's own triggers wrote (:meth:`Watch.log_written`)
    ``meanwhile`` ("as the decisions were written", "as the undo wrote")."""
    return (f"the master's own triggers wrote {meanwhile}, logged as the master's "
            "own edits, which pulls bring: "
            + ", ".join(f"{tbl} ({counted(n, 'row')})" for tbl, n in wrote.items()))


@contextlib.contextmanager
def watched(conn: sqlite3.Connection) -> Iterator[Watch]:
    """Watch ``conn``'s tracked tables (where a trigger of its own may write them) inside the
    caller's transaction; the temporary triggers gone after, whatever happens."""
    w = Watch(conn)
    w.start()
    try:
        yield w
    finally:
        with contextlib.suppress(sqlite3.Error):  # (a transaction failing: gone with it)
            w.stop()


__all__ = ["Watch", "watched", "wrote_said"]
