# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan feature's code names one feature: a mine patch its patch code, a restoration
project its project id. A merged change that would give a second row a code a row of the
master holds, or another row of the same merge is given first, is refused by name, and so
is one leaving a row without its code: the plan would count the patch twice, and every
report and `history` would meet two rows of one code. (An import into a package cut to a
township or box takes the master's features outside the cut for new ones: this is where
that is caught.) Two codes differing only by letter case or the spaces around them are one
code (the plan writes "P1-2", a keyboard may give "p1-2 "), and a code given with spaces
around it is refused as a code left empty is."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..db import chunks, quote
from ..plan import schema
from . import registry

UNIQUE = schema.CODES  # table -> the column whose value names one row of it
# the rows of a staged master (PostgreSQL) beyond the stage holding a code alike to one the
# merge gives (:func:`field_kit.sync.postgis.values.take` notes them): the stage holds the
# rows of the codes as given, not of their other letter cases
BEYOND = "toksun_codes_beyond"


# what str.strip() takes for spaces; of letters, SQLite's lower() makes A-Z small only
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
          "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SMALL = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def key(code: str) -> str:
    """The code ``code`` is, as two rows' codes are compared: without the spaces around it,
    letter case aside (as :func:`key_sql` reads a column)."""
    return code.strip(SPACES).translate(_SMALL)


def key_sql(col: str) -> str:
    """:func:`key` of the column ``col``, in SQLite's SQL."""
    return f"lower(trim({quote(col)}, '{SPACES}'))"


def _holding(conn: sqlite3.Connection, tbl: str, col: str, keys: list[str]) -> list:
    """(code, row) of the rows of ``tbl`` holding a code whose :func:`key` is one of
    ``keys``: the master's, and on a staged master those beyond it (:data:`BEYOND`)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_code_keys (k TEXT PRIMARY KEY) "
                 "WITHOUT ROWID")
    conn.execute("DELETE FROM temp.toksun_code_keys")
    conn.executemany("INSERT OR IGNORE INTO temp.toksun_code_keys VALUES (?)",
                     ((k,) for k in keys))
    # (one pass over the table: its codes' keys are no index's)
    out = conn.execute(f"SELECT {quote(col)}, uuid FROM {quote(tbl)} WHERE {key_sql(col)} IN "
                       "(SELECT k FROM temp.toksun_code_keys)").fetchall()
    if conn.execute("SELECT 1 FROM sqlite_temp_master WHERE name = ?", (BEYOND,)).fetchone():
        out += conn.execute(f"SELECT code, uuid FROM temp.{BEYOND} WHERE tbl = ? AND "
                            f"{key_sql('code')} IN (SELECT k FROM temp.toksun_code_keys) "
                            f"AND uuid NOT IN (SELECT uuid FROM {quote(tbl)})",
                            (tbl,)).fetchall()
    conn.execute("DELETE FROM temp.toksun_code_keys")
    return out


def coded_layers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, code column) of the tables of :data:`UNIQUE` the master tracks with it."""
    tables = registry.by_name(conn)
    return [(t, c) for t, c in UNIQUE.items() if t in tables and c in tables[t].column_names]


def _set(conn: sqlite3.Connection, tbl: str, col: str, where: str, args: tuple) -> list:
    """(id, slot, row, code, at, device) of the incoming inserts and updates of ``tbl`` that
    set ``col`` to a code, as ``where`` picks them, in the order they are merged."""
    path = f'$."{col}"'
    return conn.execute(
        f"SELECT id, slot, row, json_extract(new, ?), at, device FROM incoming WHERE tbl = ? "
        f"AND op != 'delete' AND json_type(new, ?) = 'text' AND {where} ORDER BY slot, seq",
        (path, tbl, path, *args)).fetchall()


def holder(conn: sqlite3.Connection, tbl: str, row: str, values: dict
           ) -> tuple[str, str, str] | None:
    """(column, the code it holds, the row holding it) where ``values`` give ``row`` of
    ``tbl`` a code another row holds (letter case and spaces around it aside), else None."""
    col = UNIQUE.get(tbl)
    code = values.get(col) if col else None
    if not isinstance(code, str):
        return None  # (most decisions write no code: the registry not read for them)
    tracked = registry.by_name(conn).get(tbl)
    if tracked is None or col not in tracked.column_names:
        return None
    got = next((h for h in sorted(_holding(conn, tbl, col, [key(code)]), key=lambda h: (
        h[0] != code, h[1])) if h[1] != row), None)  # (the same code first)
    return (col, got[0], got[1]) if got else None


def incoming(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, codes) the incoming changes set: the rows holding them are the ones
    a merge into a master it stages (PostgreSQL) must see."""
    out = []
    for tbl, col in coded_layers(conn):
        codes = sorted({c for _, _, _, c, *_ in _set(conn, tbl, col, "1", ())})
        if codes:
            out.append((tbl, col, codes))
    return out


def logged(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, codes) the change log and the conflicts ``conn`` holds name (what
    a decision or an undo may give a row back): the rows holding them are the ones a
    master it stages (PostgreSQL) must see to hold those to one row a code."""
    out = []
    for tbl, col in coded_layers(conn):
        path = f'$."{col}"'
        codes = sorted({c for (c,) in conn.execute(
            "SELECT json_extract(old, ?1) FROM sync_changes WHERE tbl = ?2 UNION "
            "SELECT json_extract(new, ?1) FROM sync_changes WHERE tbl = ?2 UNION "
            "SELECT json_extract(v, CASE WHEN field IS NULL THEN ?1 ELSE '$' END) FROM "
            "(SELECT field, ancestor AS v FROM sync_conflicts WHERE tbl = ?2 UNION ALL "
            "SELECT field, ours FROM sync_conflicts WHERE tbl = ?2 UNION ALL "
            "SELECT field, theirs FROM sync_conflicts WHERE tbl = ?2) WHERE (field IS NULL "
            "OR field = ?3) AND json_valid(v)", (path, tbl, col)) if isinstance(c, str)})
        if codes:
            out.append((tbl, col, codes))
    return out


def refuse_taken(conn: sqlite3.Connection, slot: int) -> list[tuple[str, int]]:
    """(reason, id) of the changes of ``slot`` in ``incoming`` that leave a row with a code
    another row holds once the merge's changes are all made: every change setting that
    row's code, so that none of them is half made. A row the merge deletes or gives another
    code frees its code (a swap of two codes through a third is no clash). Of the rows the
    merge gives one code, it goes to a row of the master that held it, else to the one
    given it first (by the edits' time, then device and row): the same whatever the order
    of the merge's packages. Codes are one where their :func:`key` is."""
    out = []
    live = "status IS NULL AND change NOT IN (SELECT change_uuid FROM sync_applied)"
    for tbl, col in coded_layers(conn):
        mine = _set(conn, tbl, col, f"slot = ? AND {live}", (slot,))
        if not mine:
            continue
        # (slot, row) -> the code each package leaves each row with, first given when, by whom
        claims: dict[tuple, list] = {}
        for _, s, row, code, at, device in _set(conn, tbl, col, live, ()):
            got = claims.get((s, row))
            claims[(s, row)] = [code, *(got[1:] if got and got[0] == code else (at, device))]
        freed = {row for _, row in claims} | {r for (r,) in conn.execute(
            f"SELECT row FROM incoming WHERE tbl = ? AND op = 'delete' AND {live}", (tbl,))}
        # (a package that deletes a row at last gives it no code: this one's, and another's
        # whose delete stands, as it frees the code for the rows after)
        for s, row in conn.execute(f"SELECT slot, row FROM incoming WHERE tbl = ?1 AND op = "
                                   f"'delete' AND (slot = ?2 OR {live})", (tbl, slot)):
            claims.pop((s, row), None)
        keys = sorted({key(c[0]) for k, c in claims.items() if k[0] == slot})
        held: dict[str, dict] = defaultdict(dict)  # key -> the master's rows holding it: code
        for code, row in _holding(conn, tbl, col, keys):
            held[key(code)][row] = code
        new = {row for (row,) in conn.execute("SELECT row FROM incoming WHERE slot = ? AND "
                                              "tbl = ? AND op = 'insert'", (slot, tbl))}
        claimed = defaultdict(list)  # key -> (slot, row, its claim)
        for (s, r), c in claims.items():
            claimed[key(c[0])].append((s, r, c))
        refused = {}  # row of this package -> why
        for k in keys:
            kept = sorted(r for r in held[k] if r not in freed)
            rivals = sorted(((r in held[k], c[1], c[2], r, s, c[0]) for s, r, c in claimed[k]),
                            key=lambda t: (not t[0], t[1], t[2], t[3]))
            first = rivals[0]
            for _, _, _, row, s, code in rivals:
                if s != slot or row in refused:
                    continue
                other = held[k][kept[0]] if kept else first[5]
                if other != code:  # alike, not the same: said so
                    refused[row] = (f"{col} {code} differs only by letter case or spaces from "
                                    f"{other!r}, " + (
                                        f"which names row {kept[0]} in the master" if kept else
                                        f"given to row {first[3]} by this package too"
                                        if first[4] == slot else
                                        f"given in this merge to row {first[3]} first (device "
                                        f"{first[2]}, {first[1]})") +
                                    ": a second row does not take it")
                elif kept:  # (a row the merge gives a code is never among those)
                    refused[row] = (f"{col} {code} already names row {kept[0]} in the master: a "
                                    "second row does not take it" + (
                                        " (an import into a package cut to a township or box "
                                        "takes the master's rows outside the cut for new ones: "
                                        "import into the master)"
                                        if row in new and _cut(conn, slot) else ""))
                elif row != first[3]:
                    refused[row] = (
                        f"{col} {code} is given to row {first[3]} by this package too: a second "
                        "row does not take it" if first[4] == slot else
                        f"{col} {code} is given in this merge to row {first[3]} first (device "
                        f"{first[2]}, {first[1]}): a second row does not take it")
        out += [(refused[row], id_) for id_, _, row, *_ in mine if row in refused]
    return out


def _cut(conn: sqlite3.Connection, slot: int) -> bool:
    """Whether the package in ``slot`` was checked out cut to a township, a box or patches."""
    from .subset import device_subset
    got = conn.execute("SELECT device FROM incoming WHERE slot = ? LIMIT 1", (slot,)).fetchone()
    return got is not None and any(v is not None for v in device_subset(conn, got[0]))


def refuse_emptied(conn: sqlite3.Connection, slot: int) -> list[tuple[str, int]]:
    """(reason, id) of the changes of ``slot`` that leave a row without its code (emptied,
    or a new row given none), or with one with spaces around it (:func:`spaced`), once the
    package's changes are all made: every change of that row setting it, and its insert.
    (An import refuses a patch without a code alike.)"""
    out = []
    for tbl, col in coded_layers(conn):
        path = f'$."{col}"'
        left: dict[str, tuple[list, object]] = {}  # row -> (its changes, the code left)
        for id_, row, op, kind, value in conn.execute(
                "SELECT id, row, op, json_type(new, ?1), json_extract(new, ?1) FROM incoming "
                "WHERE slot = ?2 AND tbl = ?3 AND op != 'delete' AND status IS NULL AND "
                "change NOT IN (SELECT change_uuid FROM sync_applied) ORDER BY seq",
                (path, slot, tbl)):
            if kind is None and op != "insert":
                continue  # an update writing other fields
            ids = left.get(row, ([], None))[0] + [id_]
            left[row] = (ids, value if kind not in (None, "null") else None)
        gone = {r for (r,) in conn.execute("SELECT row FROM incoming WHERE slot = ? AND "
                                           "tbl = ? AND op = 'delete'", (slot, tbl))}
        for row, (ids, value) in left.items():
            if row not in gone and (value is None or not str(value).strip()):
                out += [(f"{col} left empty: each row of {tbl} is named by its {col}; give "
                         "it one", i) for i in ids]
            elif row not in gone and spaced(value):
                out += [(spaced(value, col), i) for i in ids]
    return out


def spaced(code, col: str = "") -> str:
    """Why ``code`` (of the column ``col``) is no code where it has spaces around it, else
    "": a second row's "P1-2 " would be "P1-2" to whoever reads it."""
    if not isinstance(code, str) or code == code.strip() or not code.strip():
        return ""
    return f"{col} {code!r} has spaces around it: give it as {code.strip()!r}"


def doubled(conn: sqlite3.Connection) -> dict[tuple[str, str], list[str]]:
    """(table, code) -> the rows holding it, of the codes the incoming changes give that more
    than one row holds."""
    out = {}
    for tbl, col, given in incoming(conn):
        for part in chunks(given):
            for code, rows in conn.execute(
                    f"SELECT {quote(col)}, group_concat(uuid, ', ') FROM {quote(tbl)} WHERE "
                    f"{quote(col)} IN ({', '.join('?' * len(part))}) GROUP BY {quote(col)} "
                    "HAVING count(*) > 1", part):
                out[(tbl, code)] = sorted(rows.split(", "))
    return out


def refuse_doubling(conn: sqlite3.Connection, before: dict, packages: dict) -> None:
    """Refuse the merge (raise) where it leaves a code on two rows that ``before`` (what
    :func:`doubled` gave before it) did not: a change freeing the code (a delete, another
    code given to the row holding it) met an edit and was kept aside as a conflict, while
    another package's row took the code. ``packages``: slot -> the package's name."""
    from ..errors import Refused
    now = {k: v for k, v in doubled(conn).items() if k not in before}
    if not now:
        return
    (tbl, code), rows = next(iter(sorted(now.items())))
    col = UNIQUE[tbl]
    marks_ = ", ".join("?" * len(rows))
    freer = [packages.get(s, "?") for (s,) in conn.execute(
        f"SELECT DISTINCT slot FROM incoming WHERE tbl = ? AND row IN ({marks_}) AND (op = "
        "'delete' OR json_type(new, ?) IS NOT NULL) AND NOT coalesce(json_extract(new, ?) = ?, "
        "0) ORDER BY slot", (tbl, *rows, f'$."{col}"', f'$."{col}"', code))]
    taker = [packages.get(s, "?") for (s,) in conn.execute(
        f"SELECT DISTINCT slot FROM incoming WHERE tbl = ? AND row IN ({marks_}) AND "
        "json_extract(new, ?) = ? ORDER BY slot", (tbl, *rows, f'$."{col}"', code))]
    first = ", ".join(freer) or "the package freeing it"
    raise Refused(f"{col} {code} would name {len(rows)} rows of {tbl} after this merge "
                  f"({', '.join(rows)}): the change of {first} freeing it (a delete, or another "
                  "code given to the row holding it) met an edit and is kept aside as a "
                  f"conflict, while {', '.join(taker) or 'another package'} gives it to another "
                  f"row; nothing was merged: merge {first} alone first (and settle its "
                  "conflict), then the others")
