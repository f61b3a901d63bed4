# SPDX-License-Identifier: GPL-2.0-or-later
"""The master's audit trail read back: a row's history (who made each change, a decision by
whoever settled the conflict), the merges the master holds, and how much of each merge's
changes went in where some of their fields met a conflict."""

from __future__ import annotations

import contextlib
import heapq
import os
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from ..bilingual import EN, ZH
from ..db import chunks, connect, marks, table_exists
from ..messages_zh import device_in_chinese
from . import changelog, drift, log_reads, log_values, new_layers, registry

T = TypeVar("T")


def history(path: str | os.PathLike, row_uuid: str) -> list[dict]:
    """Every recorded change to a row, oldest first: the device, when, origin, before, after,
    and who made it (``by``): for a conflict settled, whoever settled it, as its decision
    keeps (the change itself is the master's device's); else the device."""
    conn = connect(path, readonly=True)
    try:
        changelog.state(conn)
        rows = drift.as_found(conn, with_settlers(
            conn, list(reversed(log_reads.log(conn, row_uuid=row_uuid)))))
        for r in rows:
            r["old"] = log_values.loads(r["old"]) if r["old"] else None
            r["new"] = log_values.loads(r["new"]) if r["new"] else None
        return rows
    finally:
        conn.close()


# sync_meta of a master: who undid each merge undone (merge id -> who), as ``--by`` named
# them, else the user the command ran as (on a PostgreSQL master, its database session)
UNDONE_BY = "undone_by"


def in_log_order(changes: list[T], closed: list[T], when: Callable[[T], str | None]
                 ) -> list[T]:
    """A row's ``changes`` as its history lists them (the log's order) with ``closed``, its
    conflicts closed with no change, each where it came by time (``when`` reads an item's:
    a change first at one time). The log's order, not the changes' times: a merge made
    again after its undo keeps the device's times, and comes after the undo."""
    return list(heapq.merge(changes, sorted(closed, key=lambda c: when(c) or ""),
                            key=lambda c: when(c) or ""))


def with_settlers(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    """``rows`` of the change log, each given who made it (``by``): for a change settling a
    conflict, whoever settled it, as its decision keeps, and for one an undo of a merge
    wrote, whoever undid it (the change itself is the master's device's); else its device
    (and a decision or an undo an earlier version kept without a name)."""
    ids = [int(r["origin"].split(":", 1)[1]) for r in rows
           if (r["origin"] or "").startswith("resolve:")
           and r["origin"].split(":", 1)[1].isdigit()]
    settled: dict = {}
    if ids and table_exists(conn, "sync_conflicts"):
        for part in chunks(ids):
            settled.update(conn.execute(
                "SELECT 'resolve:' || id, resolved_by FROM sync_conflicts WHERE id IN "
                f"{marks(len(part))} AND resolved_by IS NOT NULL", part))
    undone = registry.json_meta(conn, UNDONE_BY) if any(
        (r["origin"] or "").startswith("undo:") for r in rows) else {}
    for r in rows:
        kind, _, ref = (r["origin"] or "").partition(":")
        r["by"] = undone.get(ref.partition(":")[0], r["device"]) if kind == "undo" else \
            settled.get(r["origin"], r["device"])
    return rows


def made_by(change: dict, lang: str = EN) -> str:
    """Who made a logged change (given ``by``: :func:`with_settlers`): its device (the
    master's own as 主库 in Chinese), and beside it whoever settled the conflict it settles
    or undid the merge its undo reverted: the master's own work named one way, its device
    first ("master" for an edit in QGIS, "root" alone for a decision read as another's)."""
    device = change["device"] or ""
    shown = device_in_chinese(device) if lang == ZH and device else device
    by = change.get("by") or device
    if by == device:
        return shown
    undo = (change["origin"] or "").startswith("undo:")
    role = ("撤销人" if undo else "处理人") if lang == ZH else \
        ("undone by" if undo else "settled by")
    if not shown:
        return f"{role} {by}"
    return f"{shown}，{role} {by}" if lang == ZH else f"{shown}, {role} {by}"


MERGE_COLUMNS = ("merge_id", "package", "device", "at", "applied", "already", "conflicts",
                 "refused", "undone_at")


def merges_of(conn: sqlite3.Connection) -> list[dict]:
    """The master's merges, oldest first, each with the layers and the columns
    ("table.column") it added to the master (``layers_added``, ``columns_added``)."""
    return [{**dict(zip(MERGE_COLUMNS, r)), "layers_added": new_layers.made_by(conn, r[0]),
             "columns_added": new_layers.made_by(conn, r[0], columns=True)}
            for r in conn.execute(
                f"SELECT {', '.join(MERGE_COLUMNS)} FROM sync_merges ORDER BY at")]


def merges(path: str | os.PathLike) -> list[dict]:
    conn = connect(path, readonly=True)
    try:
        return merges_of(conn)
    finally:
        conn.close()


def applied_in_part(path: str | os.PathLike, merge_ids: list[str]
                    ) -> dict[str, tuple[int, int, int, int]]:
    """merge id -> (its changes of which some fields went in and some, in conflict, did
    not (Result.in_part), the fields that went in, the fields in conflict that did not, the
    fields that went in over a conflict, the later edits): a count of conflicts alone reads
    as if nothing of those changes went in."""
    out = {}
    with contextlib.closing(connect(path, readonly=True)) as conn:
        for merge_id in merge_ids:
            clashed: dict[str, set] = {}
            for change, fld in conn.execute("SELECT change_uuid, field FROM sync_conflicts "
                                            "WHERE merge_id = ?", (merge_id,)):
                clashed.setdefault(change, set()).add(fld)
            written: dict[str, set] = {}
            for change, new in conn.execute(
                    "SELECT change_uuid, new FROM sync_changes WHERE origin = ? AND op = "
                    "'update' AND change_uuid IN (SELECT change_uuid FROM sync_conflicts "
                    "WHERE merge_id = ?)", (f"merge:{merge_id}", merge_id)):
                written.setdefault(change, set()).update(log_values.loads(new or "{}"))
            # (a field in conflict whose value went in, the later edit, is taken too; a change
            # all of whose fields in conflict went in, or the row it brought back, is applied
            # whole: Result.written_over)
            held = {ch: {f for f in clashed[ch] if f is not None and f not in fields}
                    for ch, fields in written.items() if fields}
            part = [ch for ch in held if held[ch]]
            if part:
                out[merge_id] = (len(part), sum(len(written[ch]) for ch in part),
                                 sum(len(held[ch]) for ch in part),
                                 sum(len(written[ch] & clashed[ch]) for ch in part))
    return out
