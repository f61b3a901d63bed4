# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict: one field (or a whole row) with its ancestor, ours and theirs, always in that
order, as the merge records it and every face shows it (the command line, the QGIS dialog).

``ours`` is what the file holds (for an open field conflict read from the table when the
conflict is listed), ``theirs`` the other value, kept aside with the ``device`` and time
(``at``) of the edit that wrote it (:meth:`Conflict.made_by`). For a whole-row conflict
(``field`` None) a side is the row's values, or None where the row is deleted.

Where the master's value changed since the conflict was recorded (GIS staff in QGIS, psql, a
later merge), ``changed_since`` says what it held then (``ours``) and who changed it when
(``device``, ``at``, ``origin``: None where no recorded edit says); settling such a conflict
other than by keeping what is there is refused unless asked for by name
(:func:`field_kit.sync.merge.resolve`).
"""

from __future__ import annotations

import dataclasses
import getpass
import json
from dataclasses import dataclass
from typing import Any

from ..plan.geometry import as_written
from . import changelog

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
    # an open conflict whose value the master changed since: what it held then, who changed
    # it when (keys ours, device, at, origin); None where it did not change
    changed_since: dict | None = None
    # the file an import of the master's own took "theirs" from (None: no import gave it)
    imported_from: str | None = None

    @classmethod
    def from_row(cls, row) -> Conflict:
        """From a ``sync_conflicts`` row read in :data:`COLUMNS` order (sides are JSON)."""
        d = dict(zip(COLUMNS, row))
        for side in SIDES:
            d[side] = changelog.loads(d[side]) if d[side] is not None else None
        return cls(**d)

    def made_by(self) -> str:
        """Who wrote "theirs" and when; where no edit of it was recorded, says so."""
        if self.device is None and self.at is None:
            return f"with {NO_EDIT}"
        imported = f" (imported from {self.imported_from})" if self.imported_from else ""
        return (f"from {self.device or 'an unnamed device'}{imported} at "
                f"{self.at or 'an unrecorded time'}")

    def named(self, name: str | None = None) -> str:
        """The conflict as messages name it: its id, table, row (by ``name``, as people know
        it, where it has one, with the uuid history takes) and field."""
        what = f"field {self.field}" if self.field is not None else "the whole row"
        row = f"row {self.row_uuid}" if name in (None, self.row_uuid) else \
            f"{name} (row {self.row_uuid})"
        return f"conflict {self.id} ({self.tbl} {row}, {what})"

    def how_changed(self) -> str:
        """How the master's value changed since the conflict was recorded, and who changed
        it when, as far as the change log says ("" where it did not change)."""
        since = self.changed_since
        if since is None:
            return ""
        then, now = since["ours"], self.ours
        if self.field is None and then is not None and now is not None:
            keys = [k for k in then if then[k] != now.get(k)] or list(then)
            then, now = {k: then[k] for k in keys}, {k: now.get(k) for k in keys}
        if self.field is not None:
            said = (f"{shown(then)} when it was recorded, "
                    f"{'its row deleted' if since.get('deleted') else shown(now)} now")
        elif then is None:
            said = "deleted when it was recorded, there again now"
        else:
            said = (f"{shown(then)} when it was recorded, "
                    f"{'deleted' if now is None else shown(now)} now")
        if since.get("device") is None and since.get("at") is None:
            return f"{said}, {UNRECORDED}"
        return f"{said}, {changed_by(since)}"

    def side(self, name: str) -> Any:
        """``ancestor``, ``ours`` or ``theirs``."""
        if name not in SIDES:
            raise ValueError(f"a side is one of {', '.join(SIDES)}, not {name!r}")
        return getattr(self, name)

    def read_alike(self, geom: str | None) -> Conflict:
        """The conflict with the shapes of its sides (the field ``geom``, or that key of a
        row's values) read alike whichever side gave them
        (:func:`~field_kit.plan.geometry.as_written`); what is stored stays as it is."""
        if geom is None or self.field not in (None, geom):
            return self

        def alike(value):
            if isinstance(value, dict):
                return {k: alike(v) if k == geom else v for k, v in value.items()}
            if not isinstance(value, str) or value.startswith(changelog.TEXT_MARK):
                return value
            try:
                return as_written(bytes.fromhex(value)).hex().upper()
            except ValueError:
                return value
        since = self.changed_since
        return dataclasses.replace(
            self, **{side: alike(getattr(self, side)) for side in SIDES},
            changed_since=since and {**since, "ours": alike(since["ours"])})

    def as_dict(self) -> dict:
        """The keys of ``field-kit conflicts --json``."""
        return dataclasses.asdict(self)


def shown(value: Any, width: int = 40) -> str:
    """A side's value as the listing and messages show it: as JSON, a long text (a
    geometry's hex) cut to ``width`` characters; text a BLOB column holds as the text."""
    if isinstance(value, str) and value.startswith(changelog.TEXT_MARK):
        value = value[len(changelog.TEXT_MARK):]
    if isinstance(value, str) and len(value) > width:
        return value[:width - 3] + "..."
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {shown(v, width)}"
                               for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


IMPORTED = "import"  # the origin of an import's edits: import:<the source's file name>

# said of a value no recorded edit gave
UNRECORDED = "no recorded edit says who changed it (written while capture was off)"


def changed_by(edit: dict) -> str:
    """"changed by tab-2 at 2026-… (settling conflict 3)": who made a recorded edit, when,
    and as what (its ``device``, ``at`` and ``origin``)."""
    kind, _, what = (edit.get("origin") or "local").partition(":")
    doing = {"merge": "merge", "resolve": "settling conflict", "undo": "undoing merge"}
    origin = "" if kind == "local" else (f" ({doing[kind]} {what.split(':')[0]})"
                                         if kind in doing else f" (imported from {what})"
                                         if kind == IMPORTED else f" ({edit['origin']})")
    return (f"changed by {edit.get('device') or 'an unnamed device'} at "
            f"{edit.get('at') or 'an unrecorded time'}{origin}")


def user_name() -> str | None:
    """The user this program runs as, as the system names them (from the environment where
    it says, USER or Windows' USERNAME, else the account), or None where it cannot tell: who
    settles a conflict in a GeoPackage master, which knows no one but its device."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError, ImportError):
        return None
