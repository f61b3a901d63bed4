# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan feature's code names one feature: a mine patch its patch code, a restoration
project its project id. A merged change that would give a second row a code a row of the
master, or one a package merged before it in the same merge, holds is refused by name:
the plan would count the patch twice, and every report and `history` would meet two rows
of one code. (An import into a package cut to a township
or box takes the master's features outside the cut for new ones: this is where that is
caught.)"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..db import chunks, quote
from . import registry

# table -> the column whose value names one row of it
UNIQUE = {"mine_patches": "patch_code", "restoration_projects": "project_id"}


def _coded(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, code column) of the tables of :data:`UNIQUE` the master tracks with it."""
    tables = registry.by_name(conn)
    return [(t, c) for t, c in UNIQUE.items() if t in tables and c in tables[t].column_names]


def _set(conn: sqlite3.Connection, tbl: str, col: str, where: str, args: tuple) -> list:
    """(id, slot, row, code) of the incoming inserts and updates of ``tbl`` that set ``col``
    to a code, as ``where`` picks them, in the order they are merged."""
    path = f'$."{col}"'
    return conn.execute(
        f"SELECT id, slot, row, json_extract(new, ?) FROM incoming WHERE tbl = ? AND op != "
        f"'delete' AND json_type(new, ?) = 'text' AND {where} ORDER BY slot, seq",
        (path, tbl, path, *args)).fetchall()


def holder(conn: sqlite3.Connection, tbl: str, row: str, values: dict
           ) -> tuple[str, str, str] | None:
    """(column, code, the row holding it) where ``values`` give ``row`` of ``tbl`` a code
    another row holds, else None."""
    col = UNIQUE.get(tbl)
    code = values.get(col) if col else None
    if not isinstance(code, str):
        return None  # (most decisions write no code: the registry not read for them)
    tracked = registry.by_name(conn).get(tbl)
    if tracked is None or col not in tracked.column_names:
        return None
    got = conn.execute(f"SELECT uuid FROM {quote(tbl)} WHERE {quote(col)} = ? AND uuid != ? "
                       "LIMIT 1", (code, row)).fetchone()
    return (col, code, got[0]) if got else None


def incoming(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, codes) the incoming changes set: the rows holding them are the ones
    a merge into a master it stages (PostgreSQL) must see."""
    out = []
    for tbl, col in _coded(conn):
        codes = sorted({c for *_, c in _set(conn, tbl, col, "1", ())})
        if codes:
            out.append((tbl, col, codes))
    return out


def logged(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, codes) the change log and the conflicts ``conn`` holds name (what
    a decision or an undo may give a row back): the rows holding them are the ones a
    master it stages (PostgreSQL) must see to hold those to one row a code."""
    out = []
    for tbl, col in _coded(conn):
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
    another row holds once the package's changes are all made (but a row the package
    deletes or gives another code: a swap of two codes through a third is no clash): every
    change setting that row's code, so that none of them is half made. Another row is one
    of the master as the packages merged before this one in the merge leave it (so a merge
    of packages ends as merging them one by one, in that order, would), or one this package
    gave the code first."""
    out = []
    for tbl, col in _coded(conn):
        mine = _set(conn, tbl, col, "slot = ? AND status IS NULL AND change NOT IN (SELECT "
                    "change_uuid FROM sync_applied)", (slot,))
        if not mine:
            continue
        final = {row: code for _, _, row, code in mine}  # each row's code once all are made
        for (row,) in conn.execute("SELECT row FROM incoming WHERE slot = ? AND tbl = ? AND "
                                   "op = 'delete'", (slot, tbl)):
            final[row] = None
        # the codes the packages merged before give (a delete of theirs frees no code: it
        # may meet a later edit and leave the row)
        before = {row: code for _, _, row, code in _set(
            conn, tbl, col, "slot < ? AND status IS NULL AND change NOT IN (SELECT "
            "change_uuid FROM sync_applied)", (slot,))}
        codes = sorted({c for c in final.values() if c is not None})
        holders: dict[str, set] = defaultdict(set)  # code -> the rows holding it before
        first: dict[str, str] = {}  # code -> the row of this package it goes to first
        held = set()  # (row, code) of the master's rows holding the codes
        for part in chunks(codes):
            for code, row in conn.execute(
                    f"SELECT {quote(col)}, uuid FROM {quote(tbl)} WHERE {quote(col)} IN "
                    f"({', '.join('?' * len(part))})", part):
                held.add((row, code))
                if row not in final and row not in before:
                    holders[code].add(row)
                elif final.get(row) == code:
                    first[code] = row  # keeps the code it holds: no other row of ours takes it
        for row, code in before.items():
            if row not in final and code in codes:
                holders[code].add(row)
        new = {row for (row,) in conn.execute("SELECT row FROM incoming WHERE slot = ? AND "
                                              "tbl = ? AND op = 'insert'", (slot, tbl))}
        for _, _, row, _ in mine:
            if final[row] is not None:
                first.setdefault(final[row], row)
        for id_, _, row, _ in mine:
            code = final[row]
            other = sorted(holders.get(code, set()) - {row}) if code is not None else []
            if other:
                where = ("in the master" if (other[0], code) in held else
                         "by a package merged before this one")
                out.append((f"{col} {code} already names row {other[0]} {where}: a second "
                            "row does not take it" + (
                                " (an import into a package cut to a township or box takes "
                                "the master's rows outside the cut for new ones: import into "
                                "the master)" if row in new and where == "in the master"
                                else ""), id_))
            elif code is not None and first[code] != row:
                out.append((f"{col} {code} is given to row {first[code]} by this package "
                            "too: a second row does not take it", id_))
    return out

