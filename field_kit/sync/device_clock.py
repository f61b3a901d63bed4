# SPDX-License-Identifier: GPL-2.0-or-later
"""A field device's clock that reads wrong, said on the device before its edits travel.

Edits carry the time of the device that made them, and a merge weighs two devices' edits of
one field by those times. A phone whose battery ran flat may wake in 2000 or 1970: its clock
then reads before the package was checked out (a time the master's clock gave), which the
device itself can tell. ``status`` and ``export`` say so, with the time it reads and the edits
already dated so, so that the clock is set right before more edits are made (a merge names
those edits again: :func:`field_kit.sync.merge._clock_wrong`).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from . import changelog
from .outcomes import CLOCK_SLACK_DAYS

SLACK = timedelta(days=CLOCK_SLACK_DAYS)  # (as much as a merge allows a package's times)


def _parsed(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def said(conn: sqlite3.Connection, now: str | None = None) -> list[str]:
    """Warnings of a field package whose device clock reads (``now``: this device's time)
    before the package was checked out, and of its edits dated so; none for a master, or a
    clock that reads right."""
    st = changelog.state(conn)
    checked_out = _parsed(st.get("created_at") or "")
    if st["kind"] != changelog.PACKAGE or checked_out is None:
        return []
    before = (checked_out - SLACK).strftime("%Y-%m-%dT%H:%M:%S")
    out = []
    now = now or changelog.now()
    reads = _parsed(now)
    shown = changelog.local_time(st["created_at"])
    if reads is not None and reads < checked_out - SLACK:
        out.append(f"this device's clock reads {changelog.local_time(now)}, "
                   f"before this package was checked out ({shown}): set it right before "
                   "editing; edits are dated by it, and a merge weighs two devices' edits of "
                   "a field by their dates")
    n, first, last = conn.execute(  # (the edits not sealed yet too)
        f"SELECT count(*), min(at), max(at) FROM ({changelog.log_sql(conn)}) WHERE origin = "
        "'local' AND at < ?", (before,)).fetchone()
    if n:
        dated = changelog.local_time(first) + (
            f" to {changelog.local_time(last)}" if last != first else "")
        out.append(f"{n} edit(s) made here are dated {dated}, before this package was checked "
                   f"out ({shown}): the device's clock was wrong when they were made; the merge "
                   "names them, and weighs them by those dates against other devices' edits")
    return out
