# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch, project or project target the field's records name is not deleted by a merge.

A technician's verification names its patch, an inspection its project and target: the
plan's progress counts them through it. A package deleting the patch (GIS staff who never
saw the record, checked out before it was made) would leave the record naming nothing, and
the area it restored out of the progress. A delete that meets records its package never saw
(made, or moved to the row, after the package's base; or brought by another package of the
merge) is refused, naming how many; the records and the row stay, as ``import
--delete-missing`` keeps a patch with records. Records the package held when it deleted the
row were its user's to see: the delete goes, as does one that deletes them too."""

from __future__ import annotations

import sqlite3

from ..bilingual import counted, them
from ..db import file_columns, quote, table_exists
from .json_fields import get

# the row's table -> (the record table, its column naming the row by uuid)
NAMED_BY = {
    "mine_patches": (("patch_verifications", "patch_uuid"),),
    "restoration_projects": (("project_inspections", "project_uuid"),),
    "project_targets": (("project_inspections", "target_uuid"),),
}
KINDS = {"mine_patches": "patch", "restoration_projects": "project",
         "project_targets": "project target"}


def links(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(table, record table, column) of the links this master holds."""
    return [(tbl, rec, col) for tbl, named in NAMED_BY.items() for rec, col in named
            if table_exists(conn, tbl) and table_exists(conn, rec)
            and col in file_columns(conn, rec)]


def deleted(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    """(record table, column, uuids) of the rows this merge's packages delete that records
    may name: a staged master stages the records naming them."""
    out = []
    for tbl, rec, col in links(conn):
        rows = [r for (r,) in conn.execute(
            "SELECT DISTINCT row FROM incoming WHERE tbl = ? AND op = 'delete'", (tbl,))]
        if rows:
            out.append((rec, col, rows))
    return out


def refuse_deleting_named(conn: sqlite3.Connection, bases: dict[int, int]) -> int:
    """Refuse each open delete of a row that records its package never saw name (``bases``:
    each package's slot -> the master's last change seq it holds): those of the master this
    merge does not delete, logged naming the row after that seq, and those another package
    of the merge inserts. Run once every package's changes are checked."""
    refused = []
    for tbl, rec, col in links(conn):
        q, qr = quote(tbl), quote(rec)
        deletes = conn.execute(
            f"SELECT id, row, slot FROM incoming i WHERE tbl = ? AND op = 'delete' AND status "
            f"IS NULL AND change NOT IN (SELECT change_uuid FROM sync_applied) AND EXISTS "
            f"(SELECT 1 FROM {q} WHERE uuid = i.row)", (tbl,)).fetchall()
        for id_, row, slot in deletes:
            unseen = conn.execute(
                f"SELECT count(*) FROM {qr} r WHERE r.{quote(col)} = ?1 AND r.uuid NOT IN "
                "(SELECT row FROM incoming WHERE tbl = ?2 AND op = 'delete' AND status IS "
                "NULL) AND EXISTS (SELECT 1 FROM sync_changes c WHERE c.row_uuid = r.uuid AND "
                f"c.tbl = ?2 AND c.seq > ?3 AND c.op != 'delete' AND {get('c.new', col)} = ?1)",
                (row, rec, bases.get(slot, 0))).fetchone()[0]
            unseen += conn.execute(
                f"SELECT count(DISTINCT row) FROM incoming WHERE tbl = ? AND op = 'insert' AND "
                f"status IS NULL AND slot != ? AND {get('new', col)} = ? AND row NOT IN "
                f"(SELECT uuid FROM {qr})", (rec, slot, row)).fetchone()[0]
            if unseen:
                kind = KINDS[tbl]
                one = unseen == 1
                refused.append((f"{counted(unseen, 'field record')} in {rec} "
                                f"{'names' if one else 'name'} this {kind}: deleted, "
                                f"{'it' if one else 'they'} would name none and the progress "
                                f"would lose {them(unseen)}; the {kind} is kept (delete or "
                                "move its records first)",
                                id_))
    conn.executemany("UPDATE incoming SET status = 'refused', reason = ? WHERE id = ?",
                     refused)
    return len(refused)


__all__ = ["NAMED_BY", "deleted", "refuse_deleting_named"]
