# SPDX-License-Identifier: GPL-2.0-or-later
"""A device's merge undone in the master (undo-merge) and its package merged again: the
master's log holds the device's changes, the undo's reverting them, then the same changes
again. A pull into the package that made them reads that log so (:func:`undone_then_again`):

* an undo after the package's base whose reverted changes of a row the master made again
  after it is no change to the package: it holds those changes, and the master holds them
  again (the undo's delete of a record it then holds is no delete to meet);
* an own change made again after an undo the package has pulled already (which took the
  change from it) is no change the package holds: it is pulled, as any other; but not an
  insert of a record the package kept against the undo's delete (its edit since met it),
  which it holds still (:func:`lost_here`).
"""

from __future__ import annotations

import sqlite3

from ..db import quote, table_exists

_UNDO = "undo:"

# the log a pull from a PostgreSQL master stages besides its changes after the package's
# base (``%(base)s``): the earlier undos, and the device's (``%(device)s``) merged changes
# they reverted, of the rows the device's merges since wrote
EARLIER_SQL = ("seq <= %(base)s AND row_uuid IN (SELECT row_uuid FROM sync_changes WHERE seq > "
               "%(base)s AND device = %(device)s AND origin LIKE 'merge:%%') AND (origin LIKE "
               "'undo:%%' OR device = %(device)s AND origin LIKE 'merge:%%')")


def undone_then_again(src: sqlite3.Connection, base: int, device: str
                      ) -> tuple[set[str], set[str]]:
    """Of the master ``src``'s log, for the package of ``device`` at seq ``base``: the UUIDs
    of the undo changes after ``base`` the master made again what they reverted of the row
    (the package holds them as the master does), and the change UUIDs of ``device`` made
    again after ``base`` following an undo at or before it (the package takes them again)."""
    again: dict[tuple[str, str], list[tuple[int, str]]] = {}  # row -> own merged changes
    for seq, tbl, row, change in src.execute(
            "SELECT seq, tbl, row_uuid, change_uuid FROM sync_changes WHERE seq > ? AND "
            "device = ? AND origin LIKE 'merge:%' ORDER BY seq", (base, device)):
        again.setdefault((tbl, row), []).append((seq, change))
    if not again:
        return set(), set()
    skip: set[str] = set()
    take: set[str] = set()
    for seq, undo, tbl, row, origin in src.execute(
            "SELECT seq, change_uuid, tbl, row_uuid, origin FROM sync_changes WHERE origin "
            "LIKE 'undo:%' ORDER BY seq").fetchall():
        later = {change for at, change in again.get((tbl, row), ()) if at > seq}
        if not later:
            continue
        reverted = {c for (c,) in src.execute(
            "SELECT change_uuid FROM sync_changes WHERE tbl = ? AND row_uuid = ? AND seq < ? "
            "AND device = ? AND origin LIKE ?",
            (tbl, row, seq, device, "merge:" + origin[len(_UNDO):] + "%"))}
        if not reverted or not reverted <= later:
            continue
        if seq > base:
            skip.add(undo)
        else:
            take |= reverted
    return skip, take


def lost_here(conn: sqlite3.Connection, own: list[tuple], again: set[str]) -> set[str]:
    """Of ``own`` (change UUID, table, row, op, ...: the device's changes the master logged),
    the UUIDs of those in ``again`` the package ``conn`` lacks now: all but the inserts of
    the rows it holds."""
    return {c for c, tbl, row, op, *_ in own if c in again and not (
        op == "insert" and table_exists(conn, tbl) and conn.execute(
            f"SELECT 1 FROM {quote(tbl)} WHERE uuid = ?", (row,)).fetchone())}
