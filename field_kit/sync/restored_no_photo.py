# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification a merge or a decision marks restored, with no photo, is said.

The verification form refuses to mark a patch restored (remediation status B) without a
photo; a package made otherwise (QField, a GIS package, a shell), or a conflict settled
with ``--value B``, can bring one all the same. It is merged as given: its photo may come
in a later package than the record, as a technician adds it afterwards. The merge names
each such record by its patch, as a warning among the codes it followed
(:class:`NoPhoto` is said as :class:`codes_follow.Followed` is: ``table``, ``warning``,
:meth:`said`); the progress report keeps cautioning on each patch so counted until a photo
comes (:mod:`field_kit.reports.cautions`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..bilingual import counted
from ..db import chunks, file_columns, marks, table_exists
from . import json_fields

TABLE, COLUMN, RESTORED = "patch_verifications", "remediation_status", "B"
NO_PHOTO = "restored without a photo"


@dataclass(frozen=True)
class NoPhoto:
    """``rows`` verifications of ``table`` a merge or a decision wrote, holding now the
    ``column`` restored, with no photo: ``records``, each "patch code (uuid)"."""

    table: str
    column: str
    rows: int
    records: tuple
    what: str = NO_PHOTO

    @property
    def warning(self) -> bool:
        return True

    def said(self) -> str:
        return (f"{self.table}: {counted(self.rows, 'verification')} "
                f"{'marks its' if self.rows == 1 else 'mark their'} patch restored "
                f"({self.column} {RESTORED}) with no photo, which the form needs: "
                f"{', '.join(map(str, self.records))}; taken as given, and counted "
                f"restored: attach {'its photo' if self.rows == 1 else 'their photos'}")


def restored_without_photo(conn: sqlite3.Connection, since: int,
                           origins: Iterable[str]) -> list[NoPhoto]:
    """The verifications whose status the changes logged after seq ``since`` by
    ``origins`` wrote, holding now the status restored and having no photo."""
    origins = list(origins)
    if not origins or not table_exists(conn, TABLE) or \
            not {COLUMN, "uuid", "patch_code"} <= set(file_columns(conn, TABLE)):
        return []
    rows = [r for (r,) in conn.execute(
        f"SELECT DISTINCT row_uuid FROM sync_changes WHERE seq > ? AND tbl = ? AND origin IN "
        f"{marks(len(origins))} AND op != 'delete' AND "
        f"{json_fields.kind('new', COLUMN)} IS NOT NULL", (since, TABLE, *origins))]
    photos = "photos" if table_exists(conn, "photos") else None
    found = []
    for part in chunks(rows):
        found += conn.execute(
            f"SELECT patch_code, uuid FROM {TABLE} v WHERE uuid IN {marks(len(part))} AND "
            f"{COLUMN} = ?" + (
                f" AND NOT EXISTS (SELECT 1 FROM {photos} p WHERE p.record_table = '{TABLE}' "
                "AND p.record_uuid = v.uuid)" if photos else ""),
            (*part, RESTORED)).fetchall()
    # (in the order of the codes, as both masters give it whatever order they were applied in)
    records = tuple(f"{code} ({uuid})" for code, uuid in sorted(found, key=lambda r: (
        str(r[0]), str(r[1]))))
    return [NoPhoto(TABLE, COLUMN, len(records), records)] if records else []


__all__ = ["NO_PHOTO", "NoPhoto", "restored_without_photo"]
