# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package whose edits leave two rows of a plan layer with one code (QGIS's Split
Features keeps the patch code on the new part, a pasted feature keeps the one copied): its
export is refused whole, by name, before anything is written. The merge would refuse the
row given the code a second time and apply the rest: a split would reach the master half
made, the patch shrunk to one part."""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable, Iterable

from ..db import quote
from ..errors import Refused
from ..plan import geometry
from . import codes, registry


def shared(conn: sqlite3.Connection) -> list[tuple[str, str, str, list[str]]]:
    """(table, column, code, rows) of each code more than one row of a plan layer holds
    (letter case and spaces around it aside), the rows as the layer holds them."""
    out = []
    for tbl, col in codes.coded_layers(conn):
        key = codes.key_sql(col)
        groups: dict[str, tuple[str, list[str]]] = {}
        for code, row, k in conn.execute(
                f"SELECT {quote(col)}, uuid, {key} FROM {quote(tbl)} WHERE {key} IN (SELECT "
                f"{key} FROM {quote(tbl)} WHERE {key} <> '' GROUP BY 1 HAVING count(*) > 1) "
                "ORDER BY rowid"):
            groups.setdefault(k, (code, []))[1].append(row)
        out += [(tbl, col, code, rows) for code, rows in groups.values()]
    return out


def alike(held: Iterable[tuple[Hashable, object]]) -> list[tuple[str, list]]:
    """(code, ids) of each code more than one of ``held`` (id, code) holds, as
    :func:`shared` tells codes apart (letter case and spaces around it aside), in the order
    given: the check of a layer read feature by feature (a PostgreSQL master's in QGIS)."""
    groups: dict[str, tuple[str, list]] = {}
    for fid, code in held:
        if isinstance(code, str) and codes.key(code):
            groups.setdefault(codes.key(code), (code, []))[1].append(fid)
    return [(code, ids) for code, ids in groups.values() if len(ids) > 1]


def _added_here(conn: sqlite3.Connection, tbl: str) -> set[str]:
    """The rows of ``tbl`` this package added itself (sealed or not)."""
    return {r for (r,) in conn.execute(
        "SELECT row_uuid FROM sync_changes WHERE origin = 'local' AND tbl = ?1 AND op = "
        "'insert' UNION SELECT row_uuid FROM sync_capture WHERE tbl = ?1 AND op = 'insert'",
        (tbl,))}


def _reshaped_here(conn: sqlite3.Connection, tbl: str, col: str) -> set[str]:
    """The rows of ``tbl`` whose shape this package changed (of the edits not sealed yet,
    any it changed: which fields they changed is read at sealing)."""
    return {r for (r,) in conn.execute(
        "SELECT row_uuid FROM sync_changes WHERE origin = 'local' AND tbl = ?1 AND op = "
        "'update' AND json_type(new, ?2) IS NOT NULL UNION SELECT row_uuid FROM sync_capture "
        "WHERE tbl = ?1 AND op = 'update'", (tbl, f'$."{col}"'))}


def found(conn: sqlite3.Connection) -> list[str]:
    """Why an export of the package ``conn`` is refused: a line a row this package added
    that keeps the code of a row it was checked out with whose shape it meets, that row
    reshaped here too (a split) or the same shape (a copy). (Two rows given one code
    otherwise, the merge refuses the one given it second, by name: a code the master
    shared already is the master's to mend.)"""
    out = []
    for tbl, col, code, rows in shared(conn):
        geom = registry.geometry_column(conn, tbl)
        added = _added_here(conn, tbl) & set(rows)
        if not geom or not added:
            continue
        reshaped = _reshaped_here(conn, tbl, geom)
        shapes = dict(conn.execute(f"SELECT uuid, {quote(geom)} FROM {quote(tbl)} WHERE uuid "
                                   f"IN ({', '.join('?' * len(rows))})", rows))
        for new in [r for r in rows if r in added]:
            parts = [r for r in rows if r not in added and geometry.bounds_meet(
                shapes[new], shapes[r]) and (r in reshaped or geometry.same_shape(
                    shapes[new], shapes[r]))]
            if parts:
                out.append(
                    f"{col} {code} names {len(rows)} rows of {tbl} in this field package: "
                    f"{new}, added here, and {', '.join(parts)} (a split part, or a feature "
                    f"pasted, keeps the code of the one it came from): give the new part {new} "
                    f"its own {col}, or merge the parts back into one feature")
                break
    return out


def refuse(conn: sqlite3.Connection, pkg: str) -> None:
    """Refuse the export of ``pkg`` (raise) where :func:`found` names a code."""
    why = found(conn)
    if why:
        raise Refused("\n".join(f"{line}; nothing was exported from {pkg}" for line in why))
