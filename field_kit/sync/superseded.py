# SPDX-License-Identifier: GPL-2.0-or-later
"""A value kept aside in an open field conflict that its own device replaced since: the
device's later edit of the same field, merged (written, or kept aside in a conflict of the
merge's own), is what it asks for now, so its older value is no side to take any more. A
merge closes such a conflict as superseded, naming itself; ``conflicts`` and history say
so. (A whole row's conflict, a delete kept aside, stays open: a later edit of one field
is no answer to it.)"""

from __future__ import annotations

import sqlite3

from ..bilingual import Text, counted
from . import changelog
from .three_way import RESTORE

# the resolution of a conflict closed so: superseded:<the merge whose edit replaced it>
SUPERSEDED = "superseded"

_REPLACED = f"""
SELECT c.id FROM sync_conflicts c WHERE c.status = 'open' AND c.field IS NOT NULL
 AND c.device = ?2 AND (
  EXISTS (SELECT 1 FROM sync_changes s WHERE s.row_uuid = c.row_uuid AND s.tbl = c.tbl
   AND s.origin IN ('merge:' || ?1, 'merge:' || ?1 || '{RESTORE}') AND s.device = c.device
   AND s.at > c.at AND json_type(s.new, '$."' || c.field || '"') IS NOT NULL)
  OR EXISTS (SELECT 1 FROM sync_conflicts n WHERE n.merge_id = ?1 AND n.tbl = c.tbl
   AND n.row_uuid = c.row_uuid AND n.field = c.field AND n.device = c.device
   AND n.at > c.at))
"""


def close(conn: sqlite3.Connection, merge_id: str, device: str) -> list[str]:
    """Close the open field conflicts whose value kept aside ("theirs") a later edit of the
    field by the same device, merged by ``merge_id`` from ``device``'s package, replaced:
    of earlier merges, and of this one (the package edited the field twice, both edits
    kept aside); what the merge says of them (a line, none where it closed none).
    (Only that device's conflicts are read: the others' cost would grow with the season.)"""
    ids = [i for (i,) in conn.execute(_REPLACED, (merge_id, device))]
    if not ids:
        return []
    conn.executemany("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, "
                     "resolved_at = ?, resolved_by = device WHERE id = ?",
                     [(f"{SUPERSEDED}:{merge_id}", changelog.now(), i) for i in ids])
    return [f"{counted(len(ids), 'open conflict')} closed as superseded "
            f"({', '.join(map(str, ids))}): the device whose value each kept aside sent a "
            "later edit of that field, merged here, so the older value is no side to take"]


def merge_of(resolution: str | None) -> str | None:
    """The merge whose edit superseded a conflict closed so, from its ``resolution``."""
    kind, _, merge_id = (resolution or "").partition(":")
    return merge_id if kind == SUPERSEDED and merge_id else None


def said(resolution: str | None, device: str | None) -> Text:
    """How ``conflicts`` says a conflict closed as superseded (``device``: whose value it
    kept aside)."""
    by = device or "its device"
    return Text(f"关闭：{device or '该设备'} 之后对该字段的修改已由合并 {merge_of(resolution)} "
                "合并，取代了搁置的值，无需处理",
                f"closed as superseded: {by}'s later edit of the field, merged by merge "
                f"{merge_of(resolution)}, replaced the value kept aside; nothing is left to "
                "settle")
