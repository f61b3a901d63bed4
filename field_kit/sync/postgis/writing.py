# SPDX-License-Identifier: GPL-2.0-or-later
"""Writing a stage's changes to PostgreSQL, one table at a time, set-based; and finding the
rows the database's own rules (NOT NULL, CHECK, a foreign key, a trigger) refuse, each by
itself, so that the changes that made them can be refused by name."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ...bilingual import be, counted
from ...db import lit, quote
from ...errors import Busy
from . import copy_in, sql
from . import tables as mirror

ON_DEMAND = ("attachments",)  # a merge only adds to them


class Unwritable(Exception):
    """Rows of the layers PostgreSQL's own rules refused: ``rows`` holds a
    :class:`RefusedRow` for each."""

    def __init__(self, rows: list[RefusedRow]):
        super().__init__("; ".join(
            f"the {r.op} of {r.table} row {r.row}"
            + (f", field {', '.join(r.columns)}" if r.columns else "") + f": {r.reason}"
            for r in rows))
        self.rows = rows


@dataclass(frozen=True)
class RefusedRow:
    table: str
    row: str  # its uuid
    op: str  # insert, update or delete: what the stage asked of it
    columns: tuple[str, ...]  # the columns the database named (none: the row as a whole)
    reason: str  # the database's words


def raced(exc: Exception) -> bool:
    """Whether PostgreSQL rolled a transaction back because another got there first: a
    deadlock, a serialisation failure, or a row uuid another merge inserted meanwhile (a
    row lock cannot hold a row that is not there yet)."""
    import psycopg2.errors
    if isinstance(exc, (psycopg2.errors.DeadlockDetected,
                        psycopg2.errors.SerializationFailure)):
        return True
    detail = getattr(getattr(exc, "diag", None), "message_detail", None) or ""
    return isinstance(exc, psycopg2.errors.UniqueViolation) and detail.startswith("Key (uuid)=")


def rule_broken(exc: Exception) -> bool:
    """Whether ``exc`` is a rule of the database a value or a row breaks (its type, NOT
    NULL, CHECK, a foreign key, a trigger's RAISE), not a race or a fault."""
    import psycopg2
    return (isinstance(exc, (psycopg2.IntegrityError, psycopg2.DataError))
            or getattr(exc, "pgcode", None) == "P0001") and not raced(exc)


def said(exc) -> str:
    """The database's reason for refusing a value or a row, with its detail (but the row's
    values it repeats: the row is named by its uuid)."""
    diag = exc.diag
    why = (diag.message_primary or str(exc)).strip()
    detail = (diag.message_detail or "").strip().rstrip(".")
    if detail and not detail.startswith("Failing row contains"):
        why += f" ({detail})"
    return why


def sift(conn: sqlite3.Connection, cur, t: mirror.Table, locked: bool,
          rows: list[str] | None = None) -> tuple[dict[str, int], list]:
    """:func:`write_table` for a layer (``rows``: those uuids alone); where the database
    refuses some of its rows the others are written, and each refused one is returned as
    (table, uuid, error), found by halving the rows written at once, each part in a
    savepoint."""
    import psycopg2
    counts = {"inserted": 0, "updated": 0, "deleted": 0}
    refused: list = []
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_only (uuid TEXT PRIMARY KEY)")

    def attempt(part: list[str] | None) -> Exception | None:
        if part is not None:
            conn.execute("DELETE FROM temp.toksun_only")
            conn.executemany("INSERT INTO temp.toksun_only VALUES (?)", ((u,) for u in part))
        cur.execute("SAVEPOINT toksun_rows")
        try:
            got = write_table(conn, cur, t, locked, only=part is not None)
        except psycopg2.Error as exc:
            if not rule_broken(exc):
                raise
            cur.execute("ROLLBACK TO SAVEPOINT toksun_rows; RELEASE SAVEPOINT toksun_rows")
            return exc
        cur.execute("RELEASE SAVEPOINT toksun_rows")
        for kind, n in got.items():
            counts[kind] += n
        return None

    def halve(part: list[str]) -> None:
        exc = attempt(part)
        if exc is not None and len(part) == 1:
            refused.append((t.name, part[0], exc))
        elif exc is not None:
            halve(part[:len(part) // 2])
            halve(part[len(part) // 2:])

    if rows is not None:
        halve(rows)
    elif attempt(None) is not None:
        halve(_changed_rows(conn, t))
    return counts, refused


def again(conn: sqlite3.Connection, cur, tables: dict, locked: bool, refused: list,
           counts: dict[str, int]) -> list:
    """The rows refused of those in ``refused``, each tried again until no more goes in: a
    row may have needed one of another layer written after it (a foreign key)."""
    while refused:
        left = []
        for name, row, _ in refused:
            got, no = sift(conn, cur, tables[name], locked, [row])
            left += no
            for kind, n in got.items():
                counts[kind] += n
        if len(left) == len(refused):
            return left
        refused = left
    return refused


def _changed_rows(conn: sqlite3.Connection, t: mirror.Table) -> list[str]:
    """The uuids of the rows of a layer the stage inserted, changed or deleted."""
    q = quote(t.name)
    differ = " OR ".join(f"n.{quote(c)} IS NOT o.{quote(c)}" for c in t.names
                         if c not in ("uuid", t.serial)) or "0"
    return [u for (u,) in conn.execute(
        f"SELECT n.uuid FROM main.{q} n LEFT JOIN before.{q} o ON o.uuid = n.uuid WHERE "
        f"o.uuid IS NULL OR {differ} UNION SELECT o.uuid FROM before.{q} o WHERE NOT EXISTS "
        f"(SELECT 1 FROM main.{q} n WHERE n.uuid = o.uuid) ORDER BY 1")]


def named(conn: sqlite3.Connection, cur, tables: dict, refused: list) -> list[RefusedRow]:
    """Each refused (table, uuid, error) with what the stage asked of the row and the
    columns the database's error names (by itself, by its constraint, or by COPY's
    line)."""
    out = []
    for name, row, exc in refused:
        q = quote(name)
        now, was = (conn.execute(f"SELECT EXISTS (SELECT 1 FROM {db}.{q} WHERE uuid = ?)",
                                 (row,)).fetchone()[0] for db in ("main", "before"))
        op = "update" if now and was else "insert" if now else "delete"
        diag = exc.diag
        cols: list[str] = []
        if diag.column_name:
            cols = [diag.column_name]
        elif diag.constraint_name and diag.table_name == name and op != "delete":
            cur.execute("SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON "
                        "a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE "
                        "c.conrelid = %s::regclass AND c.conname = %s ORDER BY a.attnum",
                        (q, diag.constraint_name))
            cols = [c for (c,) in cur.fetchall()]
        else:  # COPY's line names the column, or the n-th field an update sets
            got = re.search(r"^COPY \S+, line \d+, column (\w+)", diag.context or "")
            col = got.group(1) if got else ""
            nth = re.fullmatch(r"new(\d+)", col)
            if nth and op == "update":
                t = tables[name]
                fields = [c for c in t.names if c not in t.key and c != t.serial and conn.execute(
                    f"SELECT n.{quote(c)} IS NOT o.{quote(c)} FROM main.{q} n JOIN before.{q} o "
                    "ON o.uuid = n.uuid WHERE n.uuid = ?", (row,)).fetchone()[0]]
                cols = fields[int(nth.group(1)):][:1]
            elif col in tables[name].names:
                cols = [col]
        out.append(RefusedRow(name, row, op, tuple(cols), said(exc)))
    return out


def _numbered(conn: sqlite3.Connection, cur, t: mirror.Table, rows_sql: str) -> int:
    """The change log's new rows (``rows_sql``: the stage's, in its order, its number last)
    written with the log's own numbers, as the numbering at commit would give them (see
    ``toksun_number_log``): its lock taken now (by numbering first whatever this
    transaction logged before) and held to the commit, which then finds nothing left to
    number; the numbers drawn at once (nobody else draws them while the lock is held). The
    last thing a command writes, the log is thus written once, straight into its table, not
    written and then each row updated again with its number."""
    n = conn.execute(f"SELECT count(*) FROM ({rows_sql})").fetchone()[0]
    if not n:
        return 0
    cur.execute(sql.NUMBER_LEFT)
    numbers = lit(sql.NUMBERS_SEQUENCES[0])
    cur.execute(f"SELECT nextval({numbers}); SELECT setval({numbers}, currval({numbers}) + "
                f"{int(n) - 1})")
    last = int(cur.fetchone()[0])
    first = last - n + 1
    cols = [*t.written, t.serial or ""]
    convert = copy_in.converters(t, t.written) + [copy_in.as_is]
    rows = (row[:-1] + (first + i,) for i, row in enumerate(conn.execute(rows_sql)))
    return copy_in.copy_rows(cur, quote(t.name), cols, rows, convert)


def _match(keys: Iterable[str], a: str, b: str, same: str = "IS") -> str:
    return " AND ".join(f"{a}.{quote(k)} {same} {b}.{quote(k)}" for k in keys)


def pg_types(cur, t: mirror.Table) -> dict[str, str]:
    """Column -> its type in PostgreSQL, with its length or precision (``varchar(5)``)."""
    cur.execute("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                "attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (quote(t.name),))
    return dict(cur.fetchall())


def _changed(cur, t: mirror.Table, count: int, what: str) -> None:
    if cur.rowcount != count:
        gone = count - cur.rowcount
        raise Busy(f"{counted(gone, 'row')} of {t.name} {be(gone, past=True)} changed in the "
                   "database "
                   f"while this ran ({what}); nothing was changed: run it again")


def write_table(conn: sqlite3.Connection, cur, t: mirror.Table, locked: bool = False,
                only: bool = False, numbered: bool = False) -> dict[str, int]:
    """Write one table's inserts, updates and deletes set-based: each batch is copied into a
    temporary table, then one statement applies it where the fields still hold what was
    staged (or, ``locked``, by key alone); fewer rows than sent means the database changed
    meanwhile. ``only``: just the rows (of a tracked table) whose uuids ``toksun_only``
    holds. ``numbered`` (the change log, where the database numbers it at commit): its new
    rows are given their numbers as they are written (:func:`_numbered`)."""
    q, cols, key = quote(t.name), t.names, t.key
    out = {"inserted": 0, "updated": 0, "deleted": 0}
    types: dict[str, str] | None = None
    picked = {a: f" AND {a}.uuid IN (SELECT uuid FROM temp.toksun_only)" if only else ""
              for a in "no"}
    written = t.written
    numbered = numbered and t.serial is not None
    sent = written + [t.serial] if numbered and t.serial else written  # (the log's order)
    # a row whose key the stage numbered itself is new whatever its number
    new_sql = (f"SELECT {', '.join(f'n.{quote(c)}' for c in sent)} FROM main.{q} n WHERE NOT "
               f"EXISTS (SELECT 1 FROM before.{q} o WHERE {_match(key, 'o', 'n')})"
               f"{picked['n']} ORDER BY {', '.join('n.' + quote(k) for k in key)}")
    convert = copy_in.converters(t, sent)
    if numbered:
        out["inserted"] = _numbered(conn, cur, t, new_sql)
    elif t.name in ON_DEMAND:
        cur.execute(f"CREATE TEMP TABLE toksun_new (LIKE {q})")
        out["inserted"] = copy_in.copy_rows(cur, "toksun_new", sent, conn.execute(new_sql),
                                            convert)
        names = ", ".join(map(quote, written))
        cur.execute(f"INSERT INTO {q} ({names}) SELECT {names} FROM toksun_new "
                    "ON CONFLICT DO NOTHING; DROP TABLE toksun_new")
    else:
        out["inserted"] = copy_in.copy_rows(cur, q, written, conn.execute(new_sql), convert)

    # The fields any row changed (a serial key is the database's own number: a row the stage
    # took out and put back has a new one here, never written there), then the changed rows,
    # streamed: a merge can change a great many.
    joined = f"FROM main.{q} n JOIN before.{q} o ON {_match(key, 'o', 'n')}{picked['n']}"
    may = [c for c in cols if c not in key and c != t.serial]
    flags = conn.execute("SELECT " + ", ".join(
        f"coalesce(max(n.{quote(c)} IS NOT o.{quote(c)}), 0)" for c in may) + f" {joined}"
    ).fetchone() if may else ()
    fields = [c for c, changed in zip(may, flags) if changed]
    if fields:
        types = pg_types(cur, t)
        spec = [f"{quote(k)} {types[k]}" for k in key]
        temp_cols: list[str] = list(key)
        for i, c in enumerate(fields):
            spec += [f"set{i} boolean", f"new{i} {types[c]}"]
            temp_cols += [f"set{i}", f"new{i}"]
            if not locked:
                spec.append(f"old{i} {'bytea' if t.is_geom(c) else types[c]}")
                temp_cols.append(f"old{i}")
        cur.execute(f"CREATE TEMP TABLE toksun_upd ({', '.join(spec)})")
        # per field: whether the row changed it (two equal values of two types, 1 and 1.0,
        # differ; text by its bytes, whatever the column's collation), its new value and,
        # not locked, the value staged, told by SQLite rather than row by row here
        values = [f"n.{quote(k)}" for k in key]
        convert = copy_in.converters(t, list(key))
        for c, fn, fo in zip(fields, copy_in.converters(t, fields),
                             copy_in.converters(t, fields, geometry="wkb")):
            qc = quote(c)
            hit = f"(n.{qc} IS NOT o.{qc} COLLATE BINARY OR typeof(n.{qc}) <> typeof(o.{qc}))"
            values += [f"CASE WHEN {hit} THEN 't' ELSE 'f' END", f"CASE WHEN {hit} THEN n.{qc} END"]
            convert += [copy_in.as_is, fn]
            if not locked:
                values.append(f"CASE WHEN {hit} THEN o.{qc} END")
                convert.append(fo)
        updated = copy_in.copy_rows(cur, "toksun_upd", temp_cols, conn.execute(
            f"SELECT {', '.join(values)} {joined} WHERE "
            + " OR ".join(f"n.{quote(c)} IS NOT o.{quote(c)}" for c in fields)), convert)
        copy_in.analyze(cur, {"toksun_upd": list(key)})  # a big layer looked up by key
        sets = ", ".join(f"{quote(c)} = CASE WHEN u.set{i} THEN u.new{i} ELSE t.{quote(c)} END"
                         for i, c in enumerate(fields))
        held = "TRUE" if locked else " AND ".join(
            f"(NOT u.set{i} OR {t.compared(c, 't')} IS NOT DISTINCT FROM u.old{i})"
            for i, c in enumerate(fields))
        cur.execute(f"UPDATE {q} AS t SET {sets} FROM toksun_upd u WHERE "
                    f"{_match(key, 't', 'u', '=')} AND {held}")
        _changed(cur, t, updated, "updated")
        cur.execute("DROP TABLE toksun_upd")
        out["updated"] = updated

    # what a deleted row held (locked: its key alone)
    held_cols = list(key) if locked else cols
    gone = conn.execute(f"SELECT {', '.join(f'o.{quote(c)}' for c in held_cols)} FROM "
                        f"before.{q} o WHERE NOT EXISTS (SELECT 1 FROM main.{q} n WHERE "
                        f"{_match(key, 'o', 'n')}){picked['o']}").fetchall()
    if gone:
        types = types or pg_types(cur, t)
        spec = [f"c{i} {'bytea' if t.is_geom(c) else types[c]}"
                for i, c in enumerate(held_cols)]
        cur.execute(f"CREATE TEMP TABLE toksun_del ({', '.join(spec)})")
        copy_in.copy_rows(cur, "toksun_del", [f"c{i}" for i in range(len(held_cols))], gone,
                          copy_in.converters(t, held_cols, geometry="wkb"))
        copy_in.analyze(cur, {"toksun_del": [f"c{held_cols.index(k)}" for k in key]})
        held = " AND ".join([f"t.{quote(k)} = d.c{held_cols.index(k)}" for k in key]
                            + [f"{t.compared(c, 't')} IS NOT DISTINCT FROM d.c{i}"
                               for i, c in enumerate(held_cols) if c not in key])
        cur.execute(f"DELETE FROM {q} AS t USING toksun_del d WHERE {held}")
        _changed(cur, t, len(gone), "deleted")
        cur.execute("DROP TABLE toksun_del")
        out["deleted"] = len(gone)
    return out
