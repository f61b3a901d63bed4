# SPDX-License-Identifier: GPL-2.0-or-later
"""An export stopped as it wrote its change package (killed, the battery flat, the power
gone): noted in the field package while the package is written, so that whatever opens it
next (the field app, ``status``, the next export) says what that export had done, and the
unfinished ``OUT.zip.part`` it left (no change package, taking room on the USB stick) is
removed, or named where it cannot be reached."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from ..db import PART, connect
from ..errors import SyncError
from . import changelog, registry

# sync_meta of a package: the export being written, {"zip", "started", "exported_seq"}
UNDER_WAY = "export_under_way"
# what an export not seen to end had done: its file whole and noted as sent, whole but not
# noted (sent again next time), or not whole
ENDED, UNNOTED, CUT = "ended", "unnoted", "cut"


def note(conn: sqlite3.Connection, out: str, exported_seq: int) -> None:
    """Note the export to ``out`` under way (committed at once, as its own write)."""
    registry.set_json_meta(conn, UNDER_WAY, {"zip": os.path.abspath(out),
                                             "started": changelog.now(),
                                             "exported_seq": exported_seq})


def ended(conn: sqlite3.Connection) -> None:
    """The export ended in sight: what it did, or why not, is said by it."""
    with contextlib.suppress(sqlite3.Error):
        forget(conn)


def forget(conn: sqlite3.Connection) -> None:
    """The note taken back, in the caller's transaction (the export noting itself sent)."""
    registry.set_json_meta(conn, UNDER_WAY, {})


def found(conn: sqlite3.Connection) -> dict | None:
    """The export the package was stopped in, as noted: ``zip``, ``started``, what it had
    done (``done``: ``ended``, ``unnoted``, ``cut``) and, when cut, ``part``: whether its
    unfinished file is there. None when every export ended in sight. Reads only."""
    try:
        met = registry.json_meta(conn, UNDER_WAY)
        if not met:
            return None
        sent = conn.execute("SELECT exported_seq FROM sync_state").fetchone()[0] or 0
    except (sqlite3.Error, ValueError, TypeError):
        return None
    out = met.get("zip") or ""
    if sent > (met.get("exported_seq") or 0):
        return {**met, "done": ENDED}
    if out and os.path.exists(out):
        return {**met, "done": UNNOTED}
    return {**met, "done": CUT, "part": os.path.exists(out + PART)}


def settle(conn: sqlite3.Connection) -> dict | None:
    """:func:`found`, then forgotten, its unfinished file removed: ``removed`` says whether
    it was (the USB stick may not be in)."""
    met = found(conn)
    if met is None:
        return None
    with contextlib.suppress(sqlite3.Error):
        forget(conn)
    if met["done"] == CUT:
        out = met.get("zip") or ""
        removed = False
        for part in (out + PART, out + PART + ".db"):
            with contextlib.suppress(OSError):
                os.remove(part)
                removed = removed or part.endswith(PART)
        met["removed"] = removed
    return met


def settle_file(gpkg) -> dict | None:
    """:func:`settle` on the package file ``gpkg``; None where it cannot be read or written
    (said by whatever opens it next)."""
    try:
        conn = connect(gpkg)
        try:
            return settle(conn)
        finally:
            conn.close()
    except (SyncError, sqlite3.Error, OSError):
        return None


def said(met: dict, export: bool = False) -> list[str]:
    """What the export the package was stopped in had done, and what is left to do: as
    ``status`` says it (the unfinished file, if there, named to delete), or as the next
    ``export`` says it (its unfinished file removed)."""
    out, since = met.get("zip") or "?", changelog.local_time(met.get("started")) or "?"
    part = out + PART
    if met["done"] == ENDED:
        return [f"the last export (started {since}) was written whole before it was stopped: "
                f"{out}; its changes count as sent"]
    if met["done"] == UNNOTED:
        return [f"the last export (started {since}) was stopped as it ended: {out} is whole "
                "and can be merged, but the package did not note it as sent: the next export "
                "sends those changes again (merging them twice changes nothing)"]
    lines = [f"the last export (started {since}, to {out}) was cut short: it was stopped "
             "before it was written whole; nothing was lost: its changes are still waiting "
             "and go with the next export"]
    if export and met.get("removed"):
        lines.append(f"its unfinished file {part} was removed")
    elif export or not met.get("part"):
        lines.append(f"if {part} is on the USB stick, delete it: it is no change package")
    else:
        lines.append(f"its unfinished file {part} is no change package: delete it (the next "
                     "export removes it)")
    return lines
