# SPDX-License-Identifier: GPL-2.0-or-later
"""A field device's clock that reads wrong, said on the device before its edits travel.

Edits carry the time of the device that made them, and a merge weighs two devices' edits of
one field by those times. A phone whose battery ran flat may wake in 2000 or 1970: its clock
then reads before the package was checked out (a time the master's clock gave), which the
device itself can tell. ``status`` and ``export`` say so, with the time it reads and the edits
already dated so, so that the clock is set right before more edits are made (a merge names
those edits again: :func:`field_kit.sync.package_apply._clock_wrong`). ``conflicts`` marks a side of
a conflict dated so (:func:`conflicts_ahead`), so that a supervisor does not take its time
for the later edit.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..bilingual import be, counted, them
from ..db import chunks, connect, marks
from . import changelog, log_reads
from .outcomes import CLOCK_SLACK_DAYS

SLACK = timedelta(days=CLOCK_SLACK_DAYS)  # (as much as a merge allows a package's times)


def _parsed(at: str) -> datetime | None:
    try:
        got = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return got if got.tzinfo else got.replace(tzinfo=timezone.utc)  # (recorded in UTC)


def _checked_out(conn: sqlite3.Connection) -> tuple[datetime, str] | None:
    """When the package was checked out (a time the master's clock gave), parsed and as
    recorded; None for a master, or a package that recorded none."""
    st = changelog.state(conn)
    checked_out = _parsed(st.get("created_at") or "")
    if st["kind"] != changelog.PACKAGE or checked_out is None:
        return None
    return checked_out, st["created_at"]


def reads_wrong(conn: sqlite3.Connection, now: str | None = None) -> tuple[str, str] | None:
    """(the time this device's clock reads, the time the package was checked out), both
    local, where the clock (``now``) reads before the package was checked out: it is wrong;
    None for a master, or a clock that reads right."""
    got = _checked_out(conn)
    now = now or changelog.now()
    reads = _parsed(now)
    if got is None or reads is None or reads >= got[0] - SLACK:
        return None
    return changelog.local_time(now), changelog.local_time(got[1])


def checked_out_day(conn: sqlite3.Connection) -> date | None:
    """The local day the package was checked out (a time the master's clock gave): the
    earliest today can be where this device's clock is wrong; None for a master."""
    got = _checked_out(conn)
    return None if got is None else got[0].astimezone().date()


def said(conn: sqlite3.Connection, now: str | None = None) -> list[str]:
    """Warnings of a field package whose device clock reads (``now``: this device's time)
    before the package was checked out, and of its edits dated so; none for a master, or a
    clock that reads right."""
    got = _checked_out(conn)
    if got is None:
        return []
    checked_out, recorded = got
    before = (checked_out - SLACK).strftime("%Y-%m-%dT%H:%M:%S")
    out = []
    shown = changelog.local_time(recorded)
    wrong = reads_wrong(conn, now)
    if wrong is not None:
        out.append(f"this device's clock reads {wrong[0]}, "
                   f"before this package was checked out ({shown}): set it right before "
                   "editing; edits are dated by it, and a merge weighs two devices' edits of "
                   "a field by their dates")
    # of the edits waiting to be exported (those not sealed yet too): one exported has been
    # named by the merge it went to, and said here no more
    exported = changelog.state(conn)["exported_seq"] or 0
    n, first, last = conn.execute(
        f"SELECT count(*), min(at), max(at) FROM ({log_reads.log_sql(conn)}) WHERE origin = "
        "'local' AND at < ? AND seq > ?", (before, exported)).fetchone()
    if n:
        dated = changelog.local_time(first) + (
            f" to {changelog.local_time(last)}" if last != first else "")
        one = n == 1
        out.append(f"{counted(n, 'edit')} made here {be(n)} dated {dated}, before this package "
                   f"was checked out ({shown}): the device's clock was wrong when "
                   f"{'it was' if one else 'they were'} made; the merge names {them(n)}, and "
                   f"weighs {them(n)} by {'that date' if one else 'those dates'} against other "
                   "devices' edits")
    return out


_MS = 1 / 86_400_000  # a millisecond, in days (the capture's times are Julian days)


def in_device_order(conn: sqlite3.Connection) -> None:
    """Date each edit captured in a field package no earlier than 1 ms after the package's
    latest edit of its own device in the log and the edits captured before it, as a clock
    going on would: a device's clock set back between two of its edits (it ran fast, then
    was set right) would date the later before the earlier, and a merge, weighing edits of
    a field by their times, would hold the later in a conflict of the device with itself.
    Edits captured at one time (one statement) keep it together, and edits dated in order
    keep their times. One MAX over the log and one pass over the captured edits (three
    where the clock went back); runs before sealing, in the caller's transaction."""
    own = conn.execute("SELECT device FROM sync_state WHERE kind = ?",
                       (changelog.PACKAGE,)).fetchone()
    if own is None:
        return
    last = conn.execute("SELECT julianday(max(at)) FROM sync_changes WHERE device = ?",
                        own).fetchone()[0]
    if conn.execute("SELECT 1 FROM (SELECT at, lag(at) OVER (ORDER BY seq) AS before FROM "
                    "sync_capture) WHERE at < before OR at <= ? LIMIT 1",
                    (last,)).fetchone() is None:
        return  # (dated in order, as a rule)
    # step: the number of times captured so far (edits of one time share it); lifted: the
    # time of a clock that goes on by at least 1 ms from one time to the next
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_lifted (seq INTEGER PRIMARY KEY, "
                 "at REAL NOT NULL)")
    conn.execute(
        "INSERT INTO temp.toksun_lifted WITH t AS (SELECT seq, at, at IS NOT lag(at) OVER "
        "(ORDER BY seq) AS new_time FROM sync_capture), s AS (SELECT seq, at, sum(new_time) "
        "OVER (ORDER BY seq) * ?1 AS step FROM t), l AS (SELECT seq, at, step + max(coalesce("
        "?2, at - step), max(at - step) OVER (ORDER BY seq)) AS lifted FROM s) "
        "SELECT seq, lifted FROM l WHERE lifted > at", (_MS, last))
    conn.execute("UPDATE sync_capture SET at = (SELECT l.at FROM temp.toksun_lifted l WHERE "
                 "l.seq = sync_capture.seq) WHERE seq IN (SELECT seq FROM temp.toksun_lifted)")
    conn.execute("DELETE FROM temp.toksun_lifted")


# said by a merge, and by status, where the master's computer's clock reads before the
# master's last merge (:func:`master_behind`)
MASTER_BEHIND = ("this computer's clock reads {now}, before the master's last merge ({last}): "
                 "merges are dated by it, and take the devices' edits dated after that for "
                 "edits made with a wrong clock; set it right before the next merge")


def master_behind(conn: sqlite3.Connection, now: str | None = None) -> str | None:
    """What to say where this computer's clock (``now``) reads before the master's last
    merge, beyond the slack a merge allows: the merges it makes are dated wrong, and the
    devices' edits dated after them are named as made with a wrong clock (a clock gone
    back: a flat battery, a machine set by hand). None for a package, a master never merged
    into, or a clock that reads right."""
    if changelog.state(conn)["kind"] == changelog.PACKAGE:
        return None
    return behind(conn.execute("SELECT max(at) FROM sync_merges").fetchone()[0], now)


def behind(last: str | None, now: str | None = None) -> str | None:
    """:func:`master_behind` of a master whose last merge is dated ``last`` (as the merges
    listed give it: said before the next merge, not only after it)."""
    now = now or changelog.now()
    then, reads = _parsed(last or ""), _parsed(now)
    if last is None or then is None or reads is None or reads >= then - SLACK:
        return None
    return MASTER_BEHIND.format(now=changelog.local_time(now), last=changelog.local_time(last))


# said under a conflict a side of which is dated ahead (:func:`conflicts_ahead`)
SIDE_AHEAD = ("clock ahead: {side} ({device}'s) is dated {at}, more than {minutes} min after "
              "{when} ({against}): that device's clock was wrong, so it is not the later edit "
              "its time says")
MERGED, NOW = "it was merged", "now"


@dataclass(frozen=True)
class Ahead:
    """A side of a conflict (``ours`` or ``theirs``) whose edit's time (``at``, of
    ``device``) is more than the slack after ``against``: the time the edit was merged
    (``when`` MERGED), or now (NOW) where no merge brought it."""
    side: str
    device: str | None
    at: str
    when: str
    against: str

    def said(self) -> str:
        return SIDE_AHEAD.format(side=self.side, device=self.device or "an unnamed device",
                                 at=changelog.local_time(self.at), when=self.when,
                                 against=changelog.local_time(self.against),
                                 minutes=round(CLOCK_SLACK_DAYS * 24 * 60))

    def as_json(self) -> dict:
        return {"side": self.side, "device": self.device, "at": self.at,
                "of": "merge" if self.when == MERGED else "now", "against": self.against}


def conflicts_ahead(path: str | os.PathLike, rows: list, held: dict | None = None
                    ) -> dict[int, list[Ahead]]:
    """Conflict id -> its sides dated more than the slack a merge allows after the merge
    that brought their edit into the file (a package's edit; :func:`field_kit.sync.package_apply.
    _clock_wrong` says them at that merge), or after now (any other edit, a package's own
    met at a pull): the device's clock was wrong, and the later-edit rule, which read that
    time as given, is no guide to which edit was the later. ``held``: :func:`field_kit.sync.
    conflicts.held_by` of ``rows``, where read already."""
    from .conflicts import held_by
    if held is None:
        held = held_by(path, rows)
    with contextlib.closing(connect(path, readonly=True)) as conn:
        merged = {m: (device, at) for m, device, at in conn.execute(
            "SELECT merge_id, device, at FROM sync_merges")}
        brought: dict[tuple, str] = {}  # (row, device, time) -> the origin of that edit
        sql = f"SELECT row_uuid, device, at, origin FROM ({log_reads.log_sql(conn)})"
        for part in chunks(sorted({c.row_uuid for c in rows})):
            for row, device, at, origin in conn.execute(
                    f"{sql} WHERE row_uuid IN {marks(len(part))}", part):
                brought.setdefault((row, device, at), origin or "")
    now = changelog.now()

    def merge_of(origin: str) -> str | None:
        kind, _, ref = origin.partition(":")
        return ref.partition(":")[0] if kind == "merge" else None

    out: dict[int, list[Ahead]] = {}
    for c in rows:
        gave = held.get(c.id)
        sides = [("theirs", c.device, c.at, merge_of(brought.get((c.row_uuid, c.device, c.at),
                                                                 "")) or
                  # (a package's edit set aside unwritten is logged nowhere: this merge's)
                  (c.merge_id if merged.get(c.merge_id or "", ("",))[0] == c.device else
                   None))]
        if gave:
            sides.append(("ours", gave.get("device"), gave.get("at"),
                          merge_of(gave.get("origin") or "")))
        for side, device, at, merge_id in sides:
            reads = _parsed(at or "")
            when, against = (MERGED, merged[merge_id][1]) if merge_id in merged else (NOW, now)
            then = _parsed(against)
            if reads is not None and then is not None and reads > then + SLACK:
                out.setdefault(c.id, []).append(Ahead(side, device, at, when, against))
    return out
