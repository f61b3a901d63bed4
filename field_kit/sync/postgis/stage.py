# SPDX-License-Identifier: GPL-2.0-or-later
"""The stage: a GeoPackage master holding the part of a PostgreSQL master a command needs.

It starts from the template GeoPackage kept in the master (its tables empty), takes the
small tables whole, and the tracked layers, the change log, the conflicts and the fates
whole or only for the rows a merge touches (locked ``FOR UPDATE`` while it runs, so an edit
in the database waits for the merge, or the merge for it, and nothing is lost). After the
command, :meth:`Stage.write_back` writes what it changed to PostgreSQL: each update only if
the fields it changes still hold what was staged (else nothing is written and the command
is refused as "in use"); new log rows and conflicts are numbered by the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator

from ...db import connect, quote
from ...errors import Busy, CaptureBroken, Refused
from ...plan.geometry import blob_wkb
from . import tables as mirror

# Tables taken only for the rows a merge touches (by row uuid / change uuid).
BY_ROW = ("sync_changes", "sync_conflicts")
BY_CHANGE = ("sync_applied",)
ON_DEMAND = ("attachments",)  # a merge only adds to them
FETCH = 5000


def template(pg) -> bytes:
    with pg.cursor() as cur:
        cur.execute("SELECT gpkg FROM sync_template WHERE id = 1")
        got = cur.fetchone()
    if got is None:
        raise Refused("this PostgreSQL schema holds no master template; run field-kit init")
    return bytes(got[0])


class Stage:
    """A staged master in a temporary folder; ``conn`` is its open SQLite connection."""

    def __init__(self, pg, workdir: str):
        self.pg = pg
        self.path = os.path.join(workdir, "master.gpkg")
        with open(self.path, "wb") as fh:
            fh.write(template(pg))
        self.conn = connect(self.path)
        self.tables = {t.name: t for t in mirror.mirrored(self.conn)}
        self._before: str | None = None
        self._check_columns()

    # -- reading -------------------------------------------------------------------------
    def _check_columns(self) -> None:
        """Every column of the mirrored tables in PostgreSQL is one the template knows."""
        with self.pg.cursor() as cur:
            cur.execute("SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = ANY(%s)",
                        (list(self.tables),))
            extra = sorted(f"{t}.{c}" for t, c in cur.fetchall()
                           if c not in self.tables[t].names)
        if extra:
            raise CaptureBroken(
                "columns added in PostgreSQL after init are not captured yet: "
                + ", ".join(extra) + "; add them in a GIS field package (they travel by "
                "merge) or drop them; nothing was changed")

    def copy(self, name: str, where: str = "", params: tuple = (), *,
             lock: bool = False) -> int:
        """Copy rows of ``name`` (all, or those ``where`` picks) into the stage."""
        t = self.tables[name]
        cols = t.names
        order = f" ORDER BY {', '.join(map(quote, t.key))}" if lock else ""
        query = (f"SELECT {t.select_sql(cols)} FROM {quote(name)}"
                 f"{' WHERE ' + where if where else ''}{order}{' FOR UPDATE' if lock else ''}")
        insert = (f"INSERT OR REPLACE INTO {quote(name)} ({', '.join(map(quote, cols))}) "
                  f"VALUES ({', '.join('?' * len(cols))})")
        n = 0
        with self.pg.cursor() as cur:
            cur.execute(query, params)
            while True:
                rows = cur.fetchmany(FETCH)
                if not rows:
                    break
                self.conn.executemany(insert, [tuple(map(mirror.to_stage, r)) for r in rows])
                n += len(rows)
        return n

    def copy_small(self) -> None:
        """Every table but the tracked layers and the per-row ones, whole."""
        with self._quiet():
            for t in self.tables.values():
                if not t.tracked and t.name not in BY_ROW + BY_CHANGE + ON_DEMAND:
                    self.copy(t.name)

    def copy_all(self) -> None:
        with self._quiet():
            for t in self.tables.values():
                if not t.tracked and t.name not in BY_ROW + BY_CHANGE + ON_DEMAND:
                    continue
                self.copy(t.name)

    def copy_rows(self, rows: dict[str, list[str]], changes: list[str]) -> None:
        """The rows ``rows`` (table -> row uuids) locked, with their history and conflicts,
        and the fates of ``changes``. Tables are locked in one order, rows by uuid, so two
        merges never wait on each other in a circle."""
        uuids = sorted({u for us in rows.values() for u in us})
        with self._quiet():
            for name in sorted(rows):
                if name in self.tables and self.tables[name].tracked:
                    self.copy(name, "uuid = ANY(%s)", (sorted(rows[name]),), lock=True)
            for name in BY_ROW:
                self.copy(name, "row_uuid = ANY(%s)", (uuids,))
            self.copy("sync_applied", "change_uuid = ANY(%s)", (sorted(set(changes)),))

    def align_geometry(self) -> None:
        """Where a staged geometry is the same shape as a value the incoming changes name
        (their ancestor or their new value), stage that value's own bytes: PostGIS writes
        its own blob for a shape QGIS wrote, and the same shape must compare equal."""
        geoms = {t.name: t.geom[0] for t in self.tables.values() if t.tracked and t.geom}
        fixes = []
        for tbl, row, old, new in self.conn.execute(
                "SELECT tbl, row, old, new FROM incoming ORDER BY seq"):
            col = geoms.get(tbl)
            if col is None:
                continue
            named = [json.loads(side).get(col) for side in (old, new) if side]
            for text in named:
                if isinstance(text, str):
                    fixes.append((tbl, col, row, bytes.fromhex(text)))
        with self._quiet():
            for tbl, col, row, blob in fixes:
                got = self.conn.execute(f"SELECT {quote(col)} FROM {quote(tbl)} WHERE uuid = ?",
                                        (row,)).fetchone()
                if got and got[0] is not None and got[0] != blob and _same_shape(got[0], blob):
                    self.conn.execute(f"UPDATE {quote(tbl)} SET {quote(col)} = ? WHERE uuid = ?",
                                      (blob, row))

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """Rows copied in are not edits: the stage's own capture is off meanwhile."""
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("UPDATE sync_state SET capture = 0")
            yield
            self.conn.execute("UPDATE sync_state SET capture = 1")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def snapshot(self) -> None:
        """Keep the staged state, to tell later what the command changed."""
        self._before = self.path + ".before"
        dst = sqlite3.connect(self._before)
        with dst:
            self.conn.backup(dst)
        dst.close()

    # -- writing back ----------------------------------------------------------------------
    def write_back(self) -> dict[str, int]:
        """Write what changed in the stage since :meth:`snapshot` to PostgreSQL, inside the
        caller's transaction, with the database's capture off (the command logged it)."""
        assert self._before is not None
        conn = self.conn
        changed = [f"{t}.{c}" for t, c in _columns_added(conn, self.tables)]
        if changed:
            raise Refused("a schema change into a PostgreSQL master is not carried yet: "
                          + ", ".join(changed) + "; nothing was changed")
        conn.execute("ATTACH DATABASE ? AS before", (self._before,))
        counts = {"inserted": 0, "updated": 0, "deleted": 0}
        try:
            with self.pg.cursor() as cur:
                cur.execute("SET LOCAL toksun.capture = 'off'")
                for t in self.tables.values():
                    for kind, n in _write_table(conn, cur, t).items():
                        counts[kind] += n
        finally:
            conn.execute("DETACH DATABASE before")
        return counts

    def close(self) -> None:
        self.conn.close()


def _same_shape(a: bytes, b: bytes) -> bool:
    try:
        return blob_wkb(a) == blob_wkb(b)
    except (ValueError, KeyError, IndexError):
        return False


def _columns_added(conn: sqlite3.Connection, known: dict) -> Iterable[tuple[str, str]]:
    for name, t in known.items():
        for r in conn.execute(f"PRAGMA table_info({quote(name)})"):
            if r[1] not in t.names:
                yield name, r[1]


def _match(keys: Iterable[str], a: str, b: str) -> str:
    return " AND ".join(f"{a}.{quote(k)} IS {b}.{quote(k)}" for k in keys)


def _write_table(conn: sqlite3.Connection, cur, t: mirror.Table) -> dict[str, int]:
    q, cols, key = quote(t.name), t.names, t.key
    sel = ", ".join(f"n.{quote(c)}" for c in cols)
    out = {"inserted": 0, "updated": 0, "deleted": 0}
    # a row whose key the stage numbered itself is new whatever its number
    new_rows = conn.execute(
        f"SELECT {sel} FROM main.{q} n WHERE NOT EXISTS (SELECT 1 FROM before.{q} o WHERE "
        f"{_match(key, 'o', 'n')}) ORDER BY {', '.join('n.' + quote(k) for k in key)}"
    ).fetchall()
    written = t.written
    insert = (f"INSERT INTO {q} ({', '.join(map(quote, written))}) VALUES "
              f"({', '.join(t.placeholder(c) for c in written)})"
              + (" ON CONFLICT DO NOTHING" if t.name in ON_DEMAND else ""))
    for row in new_rows:
        values = dict(zip(cols, row))
        cur.execute(insert, [t.to_pg(c, values[c]) for c in written])
        out["inserted"] += 1
    osel = ", ".join(f"o.{quote(c)}" for c in cols)
    differ = " OR ".join(f"n.{quote(c)} IS NOT o.{quote(c)}" for c in cols)
    for row in conn.execute(
            f"SELECT {sel}, {osel} FROM main.{q} n JOIN before.{q} o ON {_match(key, 'o', 'n')} "
            f"WHERE {differ}"):
        new, old = dict(zip(cols, row[:len(cols)])), dict(zip(cols, row[len(cols):]))
        diff = [c for c in cols if new[c] != old[c] or type(new[c]) is not type(old[c])]
        sets = ", ".join(f"{quote(c)} = {t.placeholder(c)}" for c in diff)
        where = " AND ".join([f"{quote(k)} = %s" for k in key]
                             + [f"{t.compared(c)} IS NOT DISTINCT FROM %s" for c in diff])
        args = ([t.to_pg(c, new[c]) for c in diff] + [old[k] for k in key]
                + [t.compare_arg(c, old[c]) for c in diff])
        cur.execute(f"UPDATE {q} SET {sets} WHERE {where}", args)
        if cur.rowcount != 1:
            raise Busy(f"{t.name} row {old[key[0]]} was changed in the database while this "
                       "ran; nothing was changed: run it again")
        out["updated"] += 1
    for row in conn.execute(
            f"SELECT {osel} FROM before.{q} o WHERE NOT EXISTS (SELECT 1 FROM main.{q} n "
            f"WHERE {_match(key, 'o', 'n')})"):
        old = dict(zip(cols, row))
        where = " AND ".join(f"{t.compared(c)} IS NOT DISTINCT FROM %s" for c in cols)
        cur.execute(f"DELETE FROM {q} WHERE {where}",
                    [t.compare_arg(c, old[c]) for c in cols])
        if cur.rowcount != 1:
            raise Busy(f"{t.name} row {old[key[0]]} was changed in the database while this "
                       "ran; nothing was changed: run it again")
        out["deleted"] += 1
    return out


@contextlib.contextmanager
def staged(pg) -> Iterator[Stage]:
    with tempfile.TemporaryDirectory(prefix="toksun-stage-") as workdir:
        st = Stage(pg, workdir)
        try:
            yield st
        finally:
            st.close()
