# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict: one field (or a whole row) with its ancestor, ours and theirs, always in that
order, as the merge records it and every face shows it (the command line, the QGIS dialog).

``ours`` is what the file holds (for an open field conflict read from the table when the
conflict is listed), ``theirs`` the other value, kept aside with the ``device`` and time
(``at``) of the edit that wrote it (:meth:`Conflict.made_by`). For a whole-row conflict
(``field`` None) a side is the row's values, or None where the row is deleted.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

COLUMNS = ("id", "merge_id", "change_uuid", "tbl", "row_uuid", "field", "kind", "ancestor",
           "ours", "theirs", "device", "at", "status", "resolution", "resolved_at",
           "resolved_by")
SIDES = ("ancestor", "ours", "theirs")
# "theirs" no recorded edit wrote: a value from before the change log began, or one written
# while capture was off
NO_EDIT = ("no recorded edit (a value from before the change log, or written while capture "
           "was off)")


@dataclass
class Conflict:
    id: int
    merge_id: str | None
    change_uuid: str
    tbl: str
    row_uuid: str
    field: str | None
    kind: str
    ancestor: Any
    ours: Any
    theirs: Any
    device: str | None
    at: str | None
    status: str
    resolution: str | None = None
    resolved_at: str | None = None
    resolved_by: str | None = None

    @classmethod
    def from_row(cls, row) -> Conflict:
        """From a ``sync_conflicts`` row read in :data:`COLUMNS` order (sides are JSON)."""
        d = dict(zip(COLUMNS, row))
        for side in SIDES:
            d[side] = json.loads(d[side]) if d[side] is not None else None
        return cls(**d)

    def made_by(self) -> str:
        """Who wrote "theirs" and when; where no edit of it was recorded, says so."""
        if self.device is None and self.at is None:
            return f"with {NO_EDIT}"
        return f"from {self.device or 'an unnamed device'} at {self.at or 'an unrecorded time'}"

    def side(self, name: str) -> Any:
        """``ancestor``, ``ours`` or ``theirs``."""
        if name not in SIDES:
            raise ValueError(f"a side is one of {', '.join(SIDES)}, not {name!r}")
        return getattr(self, name)

    def as_dict(self) -> dict:
        """The keys of ``field-kit conflicts --json``."""
        return dataclasses.asdict(self)
