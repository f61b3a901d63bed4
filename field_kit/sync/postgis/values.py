# SPDX-License-Identifier: GPL-2.0-or-later
"""What a PostgreSQL master's own columns and rules make of the values a merge brings.

A province's tables carry types a GeoPackage does not know: ``varchar(5)``, ``integer``,
``numeric(6,2)``, ``real``, ``timestamptz``. PostgreSQL refuses some values for them (too
long, out of range, too many digits) and stores others otherwise than sent (rounded,
turned to another time zone). Before a merge classifies its changes, :func:`take` has the
database read every incoming value of such a column as it reads a row written to it; a
change whose new value it refuses is refused, naming the field and the database's
reason; every other value, old and new, is put as the database holds it, so the merge
compares, logs and sends what the master stores. What cannot be checked ahead (CHECK, a
foreign key, NOT NULL, a trigger) is met when the rows are written: the rows refused are
found (:class:`~field_kit.sync.postgis.writing.Unwritable`), :func:`refusals` names the
changes that made them, and the merge runs again with those refused.
"""

from __future__ import annotations

import json
import sqlite3

from ...db import connect, quote
from .. import capture_switch, codes, json_fields, log_values
from ..conflicts import shown
from . import copy_in, sql
from .tables import Table, to_stage
from .writing import RefusedRow, pg_types, rule_broken, said

# Column types PostgreSQL keeps any value of exactly as the stage sends it.
_AS_SENT = ("text", "bigint", "boolean", "bytea", "double precision", "uuid")


def _read_back(t: Table, col: str, kind: str | None) -> str | None:
    """``kind``, the type of ``t``'s column ``col`` in the database (None where it has
    none), where its values must be read back as the database holds them; None where it
    holds every value as it is sent."""
    return None if kind is None or kind in _AS_SENT or t.is_geom(col) or col == t.serial \
        else kind


def take(pg, conn: sqlite3.Connection, tables: dict[str, Table]) -> int:
    """Put the values of ``incoming`` as the database holds them, refusing the changes
    whose new value it cannot take. Changes merged before and changes refused already are
    left alone. Returns how many it refused. (And notes the rows beyond the stage holding a
    code alike to one the changes give: :func:`_codes_beyond`.)"""
    _codes_beyond(pg, conn, tables)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_taken (sent, kept, why TEXT)")
    refused = 0
    for (name,) in conn.execute("SELECT DISTINCT tbl FROM incoming ORDER BY 1").fetchall():
        t = tables.get(name)
        if t is None or not t.tracked:
            continue
        with pg.cursor() as cur:
            types = pg_types(cur, t)
        named: set[str] = set()  # the columns the changes give a value (few key lists)
        for keys in conn.execute("SELECT DISTINCT keys_old FROM incoming WHERE tbl = ?1 UNION "
                                 "SELECT DISTINCT keys FROM incoming WHERE tbl = ?1", (name,)):
            if keys[0] and keys[0] != "?":
                named.update(k.lstrip("!") for k in json.loads(keys[0]))
        for col in (c for c in t.names if c in named):
            kind = types.get(col)
            if kind == "bytea":
                refused += _bytes_only(conn, name, col)
            if (read := _read_back(t, col, kind)) is not None:
                refused += _take_column(pg, conn, name, col, read)
    return refused


def _codes_beyond(pg, conn: sqlite3.Connection, tables: dict[str, Table]) -> None:
    """Note (:data:`~field_kit.sync.codes.BEYOND`) the master's rows the stage does not hold
    whose code differs only by letter case or spaces from one the incoming changes give:
    the stage holds the rows of the codes as given, and a second row takes no code alike
    to another's (:func:`~field_kit.sync.codes.refuse_taken`)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {codes.BEYOND} (tbl TEXT, code TEXT, "
                 "uuid TEXT)")
    conn.execute(f"DELETE FROM temp.{codes.BEYOND}")
    for tbl, col, given in codes.incoming(conn):
        t = tables.get(tbl)
        if t is None or not t.tracked:
            continue
        keys = sorted({codes.key(c) for c in given})
        key, args = sql.code_key(col)
        with pg.cursor() as cur:  # (the rows staged are left out where read)
            cur.execute(f"SELECT {quote(col)}, uuid::text FROM {quote(tbl)} WHERE {key} = "
                        "ANY(%s)", (*args, keys))
            conn.executemany(f"INSERT INTO temp.{codes.BEYOND} VALUES (?, ?, ?)",
                             [(tbl, code, u) for code, u in cur.fetchall()])


def _bytes_only(conn: sqlite3.Connection, tbl: str, col: str) -> int:
    """Refuse the changes that would write what is not bytes (text, a number) into the
    bytea column ``col``: a GeoPackage's BLOB column holds any value, PostgreSQL's bytea
    bytes only (and COPY would read the text as the bytes it spells)."""
    log_values.value_functions(conn)
    got = conn.execute(
        f"SELECT id, {json_fields.get('new', col)} AS v FROM incoming WHERE tbl = ? AND "
        "status IS NULL AND change NOT IN (SELECT change_uuid FROM sync_applied) AND v IS NOT "
        "NULL AND typeof(toksun_blob_or_text(v)) <> 'blob'", (tbl,)).fetchall()
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE id = ?", [
        (f"{col}: the database cannot take it: its column is bytea, which holds bytes, not "
         f"{'text' if isinstance(v, str) else 'a number'} "
         f"({shown(log_values.blob_or_text(v) if isinstance(v, str) else v)})", i)
        for i, v in got])
    return len(got)


def _take_column(pg, conn: sqlite3.Connection, tbl: str, col: str, kind: str) -> int:
    old, new = json_fields.get("incoming.old", col), json_fields.get("incoming.new", col)
    sent = [v for (v,) in conn.execute(  # (of the changes that may name the column)
        f"SELECT DISTINCT v FROM (SELECT {old} AS v FROM incoming WHERE tbl = ?1 AND "
        f"{json_fields.may_hold('incoming.old', col)} UNION ALL SELECT {new} FROM incoming "
        f"WHERE tbl = ?1 AND {json_fields.may_hold('incoming.new', col)}) WHERE v IS NOT "
        "NULL", (tbl,))]
    if not sent:
        return 0
    conn.execute("DELETE FROM temp.toksun_taken")
    conn.executemany("INSERT INTO temp.toksun_taken VALUES (?, ?, ?)",
                     _all_held(pg, kind, sent))
    if not conn.execute("SELECT EXISTS (SELECT 1 FROM temp.toksun_taken WHERE why IS NOT NULL "
                        "OR kept IS NOT sent OR typeof(kept) <> typeof(sent))").fetchone()[0]:
        return 0  # (most columns: every value held as sent)
    # (a value matches only one of its own SQLite type: 1 and '1' are not the same value)
    same = "s.sent IS {0} AND typeof(s.sent) = typeof({0})"
    for side in ("old", "new"):
        match = same.format(json_fields.get(f"incoming.{side}", col))
        kept = json_fields.put(side, col,
                               f"(SELECT s.kept FROM temp.toksun_taken s WHERE {match})")
        conn.execute(
            f"UPDATE incoming SET {side} = {kept} WHERE tbl = ? AND EXISTS (SELECT 1 FROM "
            f"temp.toksun_taken s WHERE {match} AND s.why IS NULL AND (s.kept IS NOT s.sent "
            "OR typeof(s.kept) <> typeof(s.sent)))", (tbl,))
    match = same.format(new)
    bad = (f"EXISTS (SELECT 1 FROM temp.toksun_taken s WHERE {match} AND s.why IS NOT NULL)")
    why = f"(SELECT s.why FROM temp.toksun_taken s WHERE {match})"
    # a change refused already for another of its values: this one named too (all mended
    # in one go)
    conn.execute(f"UPDATE incoming SET reason = reason || '; ' || ?2 || {why} WHERE tbl = ?1 "
                 f"AND status = 'refused' AND instr(reason, ?3) > 0 AND {bad}",
                 (tbl, f"{col}{_CANNOT}", _CANNOT))
    return conn.execute(
        f"UPDATE incoming SET status = 'refused', reason = ?2 || {why} WHERE tbl = ?1 AND "
        "status IS NULL AND change NOT IN (SELECT change_uuid FROM sync_applied) AND "
        f"{bad}", (tbl, f"{col}{_CANNOT}")).rowcount


_CANNOT = ": the database cannot take it: "


def _all_held(pg, kind: str, sent: list) -> list[tuple]:
    """(sent, kept, None) for each of ``sent``, ``kept`` what the database holds of it in a
    column of type ``kind``; where it refuses one, each on its own, refused ones as (sent,
    None, the database's reason)."""
    import psycopg2
    try:
        kept = _held(pg, kind, sent)
    except psycopg2.Error as exc:
        if not rule_broken(exc):
            raise
        if len(sent) == 1:
            return [(sent[0], None, said(exc))]
        return [row for v in sent for row in _all_held(pg, kind, [v])]
    return [(v, k, None) for v, k in zip(sent, kept)]


def _held(pg, kind: str, sent: list) -> list:
    """``sent`` as the database holds it in a column of type ``kind``, read as COPY reads a
    row written (an explicit cast would cut an overlong text short instead), in a savepoint
    rolled back where it refuses one."""
    import psycopg2
    with pg.cursor() as cur:
        cur.execute("SAVEPOINT toksun_take")
        try:
            cur.execute(f"CREATE TEMP TABLE toksun_take (i integer, v {kind}) ON COMMIT DROP")
            copy_in.copy_rows(cur, "toksun_take", ["i", "v"], enumerate(sent),
                              [copy_in.as_is] * 2)
            cur.execute("SELECT v FROM toksun_take ORDER BY i")
            kept = [to_stage(v) for (v,) in cur.fetchall()]
            cur.execute("DROP TABLE toksun_take")
        except psycopg2.Error:
            cur.execute("ROLLBACK TO SAVEPOINT toksun_take; RELEASE SAVEPOINT toksun_take")
            raise
        cur.execute("RELEASE SAVEPOINT toksun_take")
    return kept


def logged_as_held(pg, path: str, before: str, tables: dict[str, Table]) -> None:
    """Put the values the command logged in the stage ``path`` since its snapshot
    ``before`` (a value typed to settle a conflict) as the database holds them, in the log
    and in their rows, as :func:`take` puts a merge's: a ``numeric(10,2)`` column holds
    4.555 as 4.56, and the decision says, logs and sends 4.56."""
    conn = connect(path)
    try:
        conn.execute("ATTACH DATABASE ? AS before", (before,))
        logged = conn.execute(
            "SELECT rowid, tbl, row_uuid, new FROM main.sync_changes WHERE new IS NOT NULL "
            "AND change_uuid NOT IN (SELECT change_uuid FROM before.sync_changes)").fetchall()
        types: dict[str, dict[str, str]] = {}
        asked: dict[str, list] = {}  # type -> the values logged in a column of it
        wanted = []  # (rowid, table, row, fields, [(column, type, index in asked[type])])
        for rowid, tbl, row, new in logged:
            t = tables.get(tbl)
            if t is None or not t.tracked:
                continue
            if tbl not in types:
                with pg.cursor() as cur:
                    types[tbl] = pg_types(cur, t)
            fields = log_values.loads(new)
            cols = []
            for col, sent in fields.items():
                kind = _read_back(t, col, types[tbl].get(col))
                if sent is None or kind is None:
                    continue
                cols.append((col, kind, len(asked.setdefault(kind, []))))
                asked[kind].append(sent)
            if cols:
                wanted.append((rowid, tbl, row, fields, cols))
        # (one the database refuses is left for the write to refuse, by name)
        held = {kind: _all_held(pg, kind, sent) for kind, sent in asked.items()}
        with conn:
            capture_switch.switch_capture(conn, False)  # (the log is mended with its rows)
            for rowid, tbl, row, fields, cols in wanted:
                mended = {}
                for col, kind, i in cols:
                    sent, kept, why = held[kind][i]
                    if why is None and (kept != sent or type(kept) is not type(sent)):
                        mended[col] = kept
                if not mended:
                    continue
                conn.execute("UPDATE sync_changes SET new = ? WHERE rowid = ?",
                             (log_values.dumps({**fields, **mended}), rowid))
                conn.execute(f"UPDATE {quote(tbl)} SET "
                             f"{', '.join(f'{quote(c)} = ?' for c in mended)} WHERE uuid = ?",
                             (*mended.values(), row))
            capture_switch.switch_capture(conn, True)
        conn.execute("DETACH DATABASE before")
    finally:
        conn.close()


def refusals(conn: sqlite3.Connection, rows: list[RefusedRow]) -> dict[tuple, str]:
    """(device, change uuid) -> reason, for the incoming changes that made each row the
    database refused: a delete, its delete; else the changes that gave a column the
    database named the value it refused (or, none found, that set the column at all);
    else the row's insert, or its updates."""
    out: dict[tuple, str] = {}
    for r in rows:
        changes = conn.execute("SELECT device, change, op, new FROM incoming WHERE tbl = ? "
                               "AND row = ? ORDER BY slot, seq", (r.table, r.row)).fetchall()
        held: dict = {}
        if r.columns and r.op != "delete":
            got = conn.execute(f"SELECT {', '.join(map(quote, r.columns))} FROM main."
                               f"{quote(r.table)} WHERE uuid = ?", (r.row,)).fetchone()
            held = dict(zip(r.columns, got or ()))
        news = [(d, c, op, log_values.loads(new) if new else {}) for d, c, op, new in changes]
        if r.op == "delete":
            picked = [(d, c) for d, c, op, _ in news if op == "delete"]
        else:
            picked = [(d, c) for d, c, _, new in news
                      if any(k in new and new[k] == v for k, v in held.items())] or \
                [(d, c) for d, c, _, new in news if any(k in new for k in r.columns)] or \
                [(d, c) for d, c, op, _ in news if op == r.op] or [(d, c) for d, c, *_ in news]
        named = f"{', '.join(r.columns)}: " if r.columns and r.op != "delete" else ""
        for key in picked:
            out.setdefault(key, f"{named}the database refused it: {r.reason}")
    return out


def refuse(conn: sqlite3.Connection, refused: dict[tuple, str]) -> None:
    """Mark the incoming changes ``refused`` names as refused, with their reasons (not those
    merged before)."""
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE device = ? AND "
                     "change = ? AND status IS NULL AND change NOT IN (SELECT change_uuid FROM "
                     "sync_applied)", [(why, d, c) for (d, c), why in refused.items()])


__all__ = ["refusals", "refuse", "take"]
