# SPDX-License-Identifier: GPL-2.0-or-later
"""The code a row keeps of the row it names follows that row's code.

A verification keeps its patch's uuid and its code, an inspection, a patch and a project
target their project's uuid and id, a project its program's: the sync and the progress go
by the uuid, people read the code. A merge that renames a patch while a verification of it
comes from a technician who knew the old code (or was made before) would leave the record
naming its patch by a code the patch no longer has, or, once another patch takes it, by
another patch's. So after a merge has applied its packages (and a conflict is settled, or
a merge undone), each row it wrote that names a row by uuid, and each row naming one whose
code it wrote, is given that row's code, logged as an update of the merge (decision, undo)
whose change made it due (a pull brings it, ``undo-merge`` takes it back with that merge,
``history`` shows it). A row the uuid names nowhere (none, or
deleted) keeps the code it has; so does one with a conflict open on that field, whose
settling decides it.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from ..db import chunks, file_columns, marks, quote, table_exists
from . import changelog, json_fields

# (table, its column naming a row by uuid, its column keeping that row's code, the named
# table, the named table's code column)
LINKS = (
    ("patch_verifications", "patch_uuid", "patch_code", "mine_patches", "patch_code"),
    ("project_inspections", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("mine_patches", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("project_targets", "project_uuid", "project_id", "restoration_projects", "project_id"),
    ("restoration_projects", "program_uuid", "program_id", "restoration_programs",
     "program_id"),
)
KINDS = {"mine_patches": "patch", "restoration_projects": "project",
         "restoration_programs": "program"}
# the ids of the changes that give a row the code of the row it names
_FOLLOWING = uuid.UUID("0b8e6a52-4f3d-4c8e-a1d7-6c2e9f5b3a17")


@dataclass(frozen=True)
class Followed:
    """``rows`` rows of ``table`` given, in ``column``, the code of the row they name."""

    table: str
    column: str
    named: str
    rows: int

    def said(self) -> str:
        return (f"{self.table}: {self.rows} row(s) given the {self.column} of the "
                f"{KINDS.get(self.named, self.named)} they name (its code had changed, or "
                "they came with another)")


def links(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """The links this file holds: both tables there, with their columns."""
    out = []
    for tbl, by, code, named, named_code in LINKS:
        if table_exists(conn, tbl) and table_exists(conn, named):
            have, theirs = set(file_columns(conn, tbl)), set(file_columns(conn, named))
            if {by, code, "uuid"} <= have and {named_code, "uuid"} <= theirs:
                out.append((tbl, by, code, named, named_code))
    return out


def renamed(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(table, column, uuids): the rows naming those whose code this merge's packages give,
    and the rows its packages' rows name; a staged master stages them."""
    out = []
    for tbl, by, _, named, named_code in links(conn):
        given = [r for (r,) in conn.execute(
            f"SELECT DISTINCT row FROM incoming WHERE tbl = ? AND op != 'delete' AND "
            f"{json_fields.kind('new', named_code)} IS NOT NULL", (named,))]
        if given:
            out.append((tbl, by, given))
        names = [r for (r,) in conn.execute(
            f"SELECT DISTINCT {json_fields.get('new', by)} FROM incoming WHERE tbl = ? AND "
            "op != 'delete'", (tbl,)) if isinstance(r, str)]
        if names:
            out.append((named, "uuid", names))
    return out


def around(conn: sqlite3.Connection, pairs) -> list[tuple[str, str, list[str]]]:
    """(table, column, uuids): the rows naming the rows ``pairs`` (table, uuid) gives, and
    the rows those name (read where they are staged); a staged master stages them."""
    by_table: dict[str, list[str]] = {}
    for tbl, row in pairs:
        by_table.setdefault(tbl, []).append(row)
    out = []
    for tbl, by, _, named, _ in links(conn):
        if by_table.get(named):
            out.append((tbl, by, sorted(by_table[named])))
        names = [v for part in chunks(sorted(by_table.get(tbl, ()))) for (v,) in conn.execute(
            f"SELECT DISTINCT {quote(by)} FROM {quote(tbl)} WHERE uuid IN "
            f"{marks(len(part))}", part) if isinstance(v, str)]
        if names:
            out.append((named, "uuid", names))
    return out


def follow(conn: sqlite3.Connection, since: int, origins: dict[str, str],
           device: str) -> list[Followed]:
    """After a merge (its changes logged after seq ``since`` by ``origins``: origin ->
    the origin to log for it): give each row its changes wrote, and each naming a row whose
    code they wrote, the code of the row it names; each logged as an update by ``device``
    of the latest change that made it due, at its time."""
    out = []
    written = {t for (t,) in conn.execute("SELECT DISTINCT tbl FROM sync_changes WHERE seq > ?",
                                          (since,))}
    for tbl, by, code, named, named_code in links(conn):
        if not {tbl, named} & written:
            continue
        due: dict[str, tuple] = {}  # row -> (seq, origin, at, change) of the latest cause
        cause = (f"SELECT row_uuid, seq, origin, at, change_uuid FROM sync_changes WHERE "
                 f"seq > ? AND tbl = ? AND origin IN {marks(len(origins))} AND op != 'delete'")
        for row, *why in conn.execute(cause, (since, tbl, *origins)):
            due[row] = max(due.get(row, why), why)
        named_by: dict[str, tuple] = {}
        for row, *why in conn.execute(
                cause + f" AND {json_fields.kind('new', named_code)} IS NOT NULL",
                (since, named, *origins)):
            named_by[row] = max(named_by.get(row, why), why)
        for part in chunks(sorted(named_by)):
            for row, of in conn.execute(f"SELECT uuid, {quote(by)} FROM {quote(tbl)} WHERE "
                                        f"{quote(by)} IN {marks(len(part))}", part):
                due[row] = max(due.get(row, named_by[of]), named_by[of])
        log = []
        for part in chunks(sorted(due)):
            for row, fid, was, now in conn.execute(
                    f"SELECT r.uuid, r.rowid, r.{quote(code)}, n.{quote(named_code)} FROM "
                    f"{quote(tbl)} r JOIN {quote(named)} n ON n.uuid = r.{quote(by)} WHERE "
                    f"r.uuid IN {marks(len(part))} AND r.{quote(code)} IS NOT "
                    f"n.{quote(named_code)} AND NOT EXISTS (SELECT 1 FROM sync_conflicts c "
                    f"WHERE c.tbl = ? AND c.row_uuid = r.uuid AND c.status = 'open' AND "
                    f"(c.field IS NULL OR c.field = ?))", (*part, tbl, code)):
                _, origin, at, change = due[row]
                conn.execute(f"UPDATE {quote(tbl)} SET {quote(code)} = ? WHERE rowid = ?",
                             (now, fid))
                log.append((str(uuid.uuid5(_FOLLOWING, f"{change}:{row}")), tbl, row,
                            "update", changelog.dumps({code: was}),
                            changelog.dumps({code: now}), device, at, origins[origin], None))
        changelog.record(conn, log)
        if log:
            out.append(Followed(tbl, code, named, len(log)))
    return out


__all__ = ["LINKS", "Followed", "around", "follow", "links", "renamed"]
