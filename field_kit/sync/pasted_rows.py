# SPDX-License-Identifier: GPL-2.0-or-later
"""A feature pasted into another layer (QGIS's Paste Features copies every field, the uuid
too) gets an identity of its own at export. Every copy of a file makes the same for the same
feature: two devices pasting one patch into a county's layer would send two new rows under
one uuid, which the merge would take for one row, and the patch's history would list the
pasted rows as its own. The capture's triggers cannot look across tables; the export, which
sees the whole package, can.

A row this package inserted and has not exported yet, whose uuid a row of another tracked
table holds, is given a fresh UUID, in its table and in its logged changes (capture off:
nothing new logged), and said, by layer and feature. Where every row holding that uuid was
inserted here, the one inserted first keeps it."""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Iterable

from ..bilingual import Line
from ..db import quote
from ..plan.values import column_named
from . import capture_switch, changelog, codes, registry, triggers


def _held(conn: sqlite3.Connection, after: int) -> dict[str, dict[str, int | None]]:
    """uuid -> {table: the seq of its insert not exported yet (None: held, not inserted so)}
    of the uuids rows of two or more tracked tables hold, one of them inserted here since."""
    inserted: dict[str, dict[str, int]] = {}
    for tbl, row, seq in conn.execute(
            "SELECT tbl, row_uuid, min(seq) FROM sync_changes WHERE origin = 'local' AND "
            "op = 'insert' AND seq > ? GROUP BY tbl, row_uuid", (after,)):
        inserted.setdefault(row, {})[tbl] = seq
    if not inserted:
        return {}
    held: dict[str, dict[str, int | None]] = {}
    for tbl in registry.by_name(conn):
        for (row,) in conn.execute(
                f"SELECT uuid FROM {quote(tbl)} WHERE uuid IN (SELECT row_uuid FROM "
                "sync_changes WHERE origin = 'local' AND op = 'insert' AND seq > ?)", (after,)):
            held.setdefault(row, {})[tbl] = inserted[row].get(tbl)
    # (a row pasted, then deleted here, is renewed too: its logged insert and delete)
    for row, tables in inserted.items():
        if row in held:
            for tbl, seq in tables.items():
                held[row].setdefault(tbl, seq)
    return {row: tables for row, tables in held.items() if len(tables) > 1}


def _named(conn: sqlite3.Connection, tbl: str, row: str) -> tuple[str, str]:
    """A row as people know it, in English and Chinese: its layer and its code, or uuid."""
    code = dict(codes.coded_layers(conn)).get(tbl)
    got = conn.execute(f"SELECT {quote(code)} FROM {quote(tbl)} WHERE uuid = ?",
                       (row,)).fetchone() if code else None
    what = got[0] if got and got[0] else row
    return (f"{registry.layer_shown(conn, tbl)} {what}",
            f"{column_named(tbl)}（{tbl}）{what}" if column_named(tbl) != tbl
            else f"{tbl} {what}")


def _renew(conn: sqlite3.Connection, tbl: str, old: str, new: str, after: int) -> None:
    """The row ``old`` of ``tbl`` and its changes logged since ``after`` renamed ``new``
    (the uuid guard set aside meanwhile, in the caller's transaction)."""
    guard = triggers.trigger_names(tbl)[3]
    conn.execute(f"DROP TRIGGER IF EXISTS {quote(guard)}")
    conn.execute(f"UPDATE {quote(tbl)} SET uuid = ? WHERE uuid = ?", (new, old))
    conn.execute(triggers.trigger_sql(registry.by_name(conn)[tbl])[3])
    for side in ("old", "new"):  # (a value of the column uuid, where the log carries it)
        conn.execute(f"UPDATE sync_changes SET {side} = json_set({side}, '$.uuid', ?) WHERE "
                     f"tbl = ? AND row_uuid = ? AND seq > ? AND origin = 'local' AND "
                     f"json_extract({side}, '$.uuid') = ?", (new, tbl, old, after, old))
    conn.execute("UPDATE sync_changes SET row_uuid = ? WHERE tbl = ? AND row_uuid = ? AND "
                 "seq > ? AND origin = 'local'", (new, tbl, old, after))


def renew(conn: sqlite3.Connection, after: int) -> list[Line]:
    """Give each row pasted into another layer since the export mark ``after`` an identity
    of its own, in the caller's transaction; what it renewed, a line each."""
    said = []
    for old, tables in sorted(_held(conn, after).items()):
        # (the row it was pasted from: one checked out, else the one inserted first)
        kept = min(tables, key=lambda t: (tables[t] is not None, tables[t] or 0, t))
        for tbl in sorted(t for t in tables if t != kept and tables[t] is not None):
            new = str(uuidlib.uuid4())
            src_en, src_zh = _named(conn, kept, old)
            with capture_switch.capture_off(conn):
                _renew(conn, tbl, old, new, after)
            layer = registry.layer_shown(conn, tbl)
            said.append(Line(
                f"{layer} feature {new}, pasted from {src_en}: given an identity of its own "
                f"(the copied uuid {old} stays with {src_en})",
                f"{layer} 要素 {new} 系从 {src_zh} 粘贴而来：已给它自己的标识"
                f"（复制来的 uuid {old} 仍属 {src_zh}）"))
    return said


# sync_meta of a PostgreSQL master captured by an earlier version: the rows its capture gave
# a fresh uuid as they were inserted with the uuid a row of another tracked table holds
# (toksun_pasted), by the fresh uuid: [table, the uuid copied, the table holding it, when,
# who]. The capture now keeps them in sync_pasted, and moves this record there.
PASTED = "rows_pasted"
# A paste as sync_pasted records it: the fresh uuid, its table, the uuid copied, the table
# holding it, when, who
Paste = tuple[str, str, str, str, str, str]
# history's kind of line for such a row, and for the row it was pasted from
PASTED_KIND = "pasted"


def in_history(conn: sqlite3.Connection, row: str, recorded: Iterable[Paste] = ()
               ) -> list[dict]:
    """What history says of ``row`` where the master's capture gave a pasted row its own
    uuid (the pastes ``recorded``, and any the master's :data:`PASTED` holds yet): of the row
    pasted, where it came from; of the row it came from, the row pasted and its own uuid (its
    changes are listed under that). Each as ``layer``, ``at``, ``row`` (the row pasted),
    ``name`` (its uuid), ``kind`` :data:`PASTED_KIND` and ``said``."""
    said = []
    earlier = [(fresh, *p) for fresh, p in registry.json_meta(conn, PASTED).items()]
    for fresh, tbl, copied, source, at, who in sorted({*earlier, *map(tuple, recorded)},
                                                      key=lambda p: (p[4], p[0])):
        day = changelog.local_time(at, "%Y-%m-%d %H:%M")
        if row == fresh:
            line = (f"{tbl} feature {fresh} was pasted in the master from {source} feature "
                    f"{copied} on {day} by {who}, with its uuid: the master gave it an "
                    "identity of its own")
        elif row == copied:
            line = (f"{source} feature {copied} was pasted into {tbl} in the master on {day} "
                    f"by {who}: the feature pasted was given an identity of its own, {fresh}, "
                    "and its changes are listed under it")
        else:
            continue
        said.append({"layer": tbl, "at": at, "row": fresh, "name": fresh, "kind": PASTED_KIND,
                     "said": line})
    return said
