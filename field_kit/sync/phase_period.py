# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's period follows its phase in a merge, as its area follows its shape.

By the plan a legacy-mine patch's period is the one its phase names
(:data:`field_kit.plan.schema.PHASE_PERIODS`); QGIS's form sets it as the phase is picked.
A package from elsewhere (QField, ogr2ogr, an older plugin) may change the phase alone: the
merge then gives the patch its phase's period, in the same transaction, logged as an update
at the time of the phase's change (so any merge order ends alike), and says so. A period
set with the phase or later (or where no edit of the phase is logged) that disagrees with it
is the user's: left as it is, and warned of,
naming the patch and both values. A conflict on the phase settled (``resolve``) gives the
period the same way, logged with the decision, and so does the next command that follows the
master's own edits for a phase written there without it (the sqlite3 shell, ogrinfo, psql:
:meth:`field_kit.sync.rederive.Shapes.captured`), logged as the master's. Both are said
among the codes followed (``table``, ``warning``, :meth:`said`, as
:class:`patch_code_format.OffFormat` is).
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass

from ..db import chunks, file_columns, marks, quote, table_exists
from ..plan.schema import PERIOD_OF_PHASE, PHASE_PERIODS
from . import changelog, codes_follow, json_fields, log_values, registry

# the ids of the changes that make a merged phase's period follow it
_FOLLOWING = uuid.UUID("0b6f2d8e-8c3a-4f57-b1e2-5d9a4c7e3f10")
FOLLOWED, APART = "period of its phase", "period unlike its phase"
UNWRITTEN = "period not given"  # (the master not written: ``was`` says why)
# how the line of a period left unlike its phase ends: a warning wherever it is said
LEFT_APART = "left as it is: make them agree"


@dataclass(frozen=True)
class Period(codes_follow.LeftWhy):
    """``row`` (its code) of ``table``: its ``column`` ``was``, the period of its phase
    ``phase`` being ``named``; given it (``what`` :data:`FOLLOWED`), or left (:data:`APART`,
    set later than the phase; :data:`UNWRITTEN`, the phases written in the master itself not
    looked at, the master not being written: ``was`` says why)."""

    table: str
    column: str
    row: str
    phase: str
    was: str | None
    named: str
    what: str = FOLLOWED

    @property
    def warning(self) -> bool:
        return self.what in (APART, UNWRITTEN)

    def said(self) -> str:
        was = "empty" if self.was is None else self.was
        if self.what == UNWRITTEN:
            return (f"{self.table}: the {self.column} of the phase written in the master "
                    f"itself since the last command that wrote not given: {was}; left as "
                    "it was")
        if self.warning:
            return (f"{self.table} {self.row}: {self.column} {was} is not the period of its "
                    f"phase {self.phase} ({self.named}), and was set after the phase; "
                    f"{LEFT_APART}")
        return (f"{self.table} {self.row}: {self.column} {was} made {self.named}, the period "
                f"of its phase {self.phase}")


def merged(conn: sqlite3.Connection, since: int, origins: dict[str, str], device: str,
           reader) -> list[Period]:
    """After a merge: the period of each patch whose phase or period a change logged after
    seq ``since`` by one of ``origins`` wrote, made its phase's where the period's latest
    edit (``reader()(row)``: field -> (order key, value); the reader made only where a
    period disagrees) is earlier than the phase's (none: the plan's own), each
    logged as an update by ``device`` of the origin ``origins`` gives; said where it was set
    with the phase or later, or with no edit of the phase, and disagrees."""
    out: list[Period] = []
    latest = None
    for table, (phase, period) in PERIOD_OF_PHASE.items():
        if not origins or not table_exists(conn, table) or \
                not {"uuid", phase, period} <= set(file_columns(conn, table)):
            continue
        wrote: dict[str, tuple] = {}  # row -> (origin, at, change) of its latest
        for row, origin, when, change in conn.execute(
                f"SELECT row_uuid, origin, at, change_uuid FROM sync_changes WHERE seq > ? "
                f"AND tbl = ? AND origin IN {marks(len(origins))} AND op != 'delete' AND "
                f"({json_fields.kind('new', phase)} IS NOT NULL OR "
                f"{json_fields.kind('new', period)} IS NOT NULL) ORDER BY seq",
                (since, table, *origins)):
            wrote[row] = (origins[origin], when, change)
        code = "patch_code" if "patch_code" in file_columns(conn, table) else "uuid"
        log = []
        for part in chunks(sorted(wrote)):
            for row, fid, name, has, held in conn.execute(
                    f"SELECT uuid, rowid, {quote(code)}, {quote(phase)}, {quote(period)} "
                    f"FROM {quote(table)} WHERE uuid IN {marks(len(part))}", part):
                named = PHASE_PERIODS.get(has)
                if named is None or held == named:
                    continue
                latest = latest or reader()
                keys = latest(row)
                who = str(name or row)
                # (a period written with no edit of the phase logged, with it (a whole row
                # written, a form that sets both) or after it: the user's, kept; none, given)
                if held is not None and (phase not in keys or period in keys and
                                         keys[period][0] >= keys[phase][0]):
                    out.append(Period(table, period, who, has, held, named, APART))
                    continue
                origin, when, change = wrote[row]
                conn.execute(f"UPDATE {quote(table)} SET {quote(period)} = ? WHERE rowid = ?",
                             (named, fid))
                log.append((str(uuid.uuid5(_FOLLOWING, change)), table, row, "update",
                            log_values.dumps({period: held}), log_values.dumps({period: named}),
                            device, when, origin, None))
                out.append(Period(table, period, who, has, held, named))
        changelog.record(conn, log)
    return out


def unwritten(table: str, why: str) -> Period:
    """The periods of ``table``'s phases written in the master itself left, and ``why``."""
    return Period(table, PERIOD_OF_PHASE[table][1], "", "", why, "", UNWRITTEN)


def to_follow(conn: sqlite3.Connection, since: int) -> list[str]:
    """The tables whose phase the master's own edits since seq ``since`` (sealed or
    captured, not yet) wrote; reads only."""
    columns = {t.name: t.column_names for t in registry.tracked(conn)}
    captured = table_exists(conn, "sync_capture")
    return [t for t, (phase, _) in PERIOD_OF_PHASE.items() if t in columns and
            codes_follow.written(conn, t, phase, since, columns[t], captured)]


__all__ = ["APART", "FOLLOWED", "UNWRITTEN", "Period", "merged", "to_follow", "unwritten"]
