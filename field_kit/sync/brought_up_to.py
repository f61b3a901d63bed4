# SPDX-License-Identifier: GPL-2.0-or-later
"""The master's change a field package was last brought up to, known again by its id.

A package's base is a seq of the master's log: a pull takes the master's changes after it.
A master restored from a backup (``cp backup.gpkg master.gpkg``), or another copy of it,
numbers its changes as the one the package last pulled from did, and its log may hold other
changes under the same numbers, or end before the base: a pull by seq alone would skip them
without a word. So checkout and each pull keep, beside the base, the ``change_uuid`` of the
master's change at that seq (``sync_meta`` :data:`KEY`, sent with each export as
:data:`MANIFEST`); a pull from a master whose log no longer holds that change is refused
(:func:`refuse_pull`), and a merge of a package brought up to such a change says so
(:func:`merge_caution`). A package from before this record holds none: it is pulled and
merged as before. The refusal counts too, by layer, the changes made in the master it
pulled from that this master lacks (:func:`lost_said`): no export carries them; those of a
device that master had checked out and this one does not know (checked out after the
backup) are said as that device's, by the devices each pull keeps (:func:`note_devices`).
"""

from __future__ import annotations

import os
import sqlite3

from ..bilingual import counted, them
from ..db import in_command
from ..errors import Refused
from . import changelog, log_reads, master_id, readmit, registry, undone_lost

KEY = "brought_up_to"
MANIFEST = "base_change"
DEVICES = "master_devices"  # sync_meta of a package: the devices its master has checked out


def change_at(src: sqlite3.Connection, seq: int) -> str | None:
    """The id of the change at ``seq`` of ``src``'s log (None: none there)."""
    got = src.execute("SELECT change_uuid FROM sync_changes WHERE seq = ?", (seq,)).fetchone()
    return got[0] if got else None


def record(conn: sqlite3.Connection, change: str | None) -> None:
    """Keep in the package ``conn`` the id of the master's change its base is (none: the
    master's log was empty, or its last edit not sealed yet)."""
    if change:
        registry.set_meta(conn, KEY, change)
    else:
        conn.execute("DELETE FROM sync_meta WHERE key = ?", (KEY,))


def recorded(conn: sqlite3.Connection) -> str | None:
    return registry.meta(conn, KEY)


def for_manifest(conn: sqlite3.Connection) -> dict:
    """What an export's manifest carries of it (nothing for a package that holds none)."""
    change = recorded(conn)
    return {MANIFEST: change} if change else {}


def _missing(seq: int, change: str | None, log) -> str | None:
    """How a master lacks the change ``change`` at ``seq``, said (None: it holds it, or
    there is no change to look for); ``log(seq)`` gives the master's change at ``seq`` and
    the seq its log ends at (:func:`log_of`)."""
    if not change or not seq:
        return None
    there, top = log(seq)
    if there == change:
        return None
    return (f"the master's log ends at {top}; this package was brought up to {seq}, "
            + ("a change this master never had" if there is None else
               f"and the master's change {seq} is another"))


def log_of(src: sqlite3.Connection):
    """``log(seq)`` of :func:`_missing` for a master file."""
    return lambda seq: (change_at(src, seq), log_reads.last_seq(src))


def refuse_pull(src: sqlite3.Connection, conn: sqlite3.Connection, package, master: str,
                st: dict, master_typed: str) -> None:
    """Refuse the pull where the master ``src`` is not the one the package ``conn`` was last
    brought up to, saying what happened, the figures, and the way on that loses nothing
    (``master_typed``: the master as a command names it)."""
    said = _missing(st["base_seq"], recorded(conn), log_of(src))
    if said is None:
        return
    typed = in_command(os.fspath(package))
    raise Refused(
        f"{package}: the master {master} is not the one this package was last brought up "
        f"to: it was restored from a backup or is another copy ({said}); a pull would skip "
        "the master's changes. Nothing was pulled. So that nothing is lost: "
        + master_id.check_out_again(typed, st["device"], master_typed, st["role"],
                                    readmit.cut_options(src, conn, st))
        + (lost_said(src, conn, typed) or ""))


def lost_said(src: sqlite3.Connection, conn: sqlite3.Connection, typed: str) -> str | None:
    """What a refused pull says of the changes made in the master itself (by its GIS staff)
    that the package ``conn`` pulled and the master ``src`` lacks, by layer (None: none):
    an export carries the device's own edits only. The undos of the device's own merges are
    left to the merge (:mod:`field_kit.sync.undone_lost`)."""
    # (made in the master itself: by no device it checked out; on PostgreSQL, by the user)
    devices = {d for (d,) in src.execute("SELECT device FROM sync_devices")}
    devices.add(changelog.state(conn)["device"])
    undo = undone_lost.undo_changes(conn)
    top = log_reads.last_seq(src)

    def lacks(change: str, at: int | None) -> bool:
        """Whether the master's log ends before ``at`` or holds another change there (a
        seq it does not hold below its end, as a staged master's, it cannot speak for; nor
        a change the pull made of the master's values, which has none)."""
        if at is None:
            return False
        if at > top:
            return True
        there = change_at(src, at)
        return there is not None and there != change
    # (a change the master made itself is logged by the pull with the master's seq)
    lacking = [(seq, tbl, by) for seq, change, tbl, at, by in conn.execute(
        "SELECT seq, change_uuid, tbl, src_seq, device FROM sync_changes WHERE origin IN "
        "('pull', 'pull:restore') ORDER BY seq").fetchall()
        if by not in devices and change not in undo and lacks(change, at)]
    # (a device that master had checked out, unknown here: checked out after the backup)
    checked_out = set(registry.json_meta(conn, DEVICES)) - devices
    own = [c for c in lacking if c[2] not in checked_out]
    theirs = [c for c in lacking if c[2] in checked_out]
    said = ""
    if own:
        it = them(len(own))
        said += (f"; this package holds {counted(len(own), 'change')} made in that master "
                 f"itself that this master lacks ({_by_layer(own)}): no export carries {it} (a "
                 f"package sends only its own edits), so nothing brings {it} back: enter {it} "
                 f"again in this master (field-kit log {typed} lists {it}: {_by_seq(own)})")
    if theirs:
        it = them(len(theirs))
        said += (f"; this package holds {counted(len(theirs), 'change')} of devices that "
                 "master had checked out and this one does not know (checked out after its "
                 f"backup was made) that this master lacks ({_by_layer(theirs)}): their own "
                 f"packages hold {it}, which this master refuses: check each device out again "
                 f"and enter {it} again there (field-kit log {typed} lists {it}: "
                 f"{_by_seq(theirs)})")
    return said or None


def _by_layer(changes: list) -> str:
    layers: dict[str, int] = {}
    for _, tbl, _ in changes:
        layers[tbl] = layers.get(tbl, 0) + 1
    return ", ".join(f"{t} {n}" for t, n in sorted(layers.items()))


def _by_seq(changes: list) -> str:
    return (f"by {', '.join(sorted({str(by) for *_, by in changes}))}, seq "
            f"{changes[0][0]}-{changes[-1][0]}")


def note_devices(src: sqlite3.Connection, conn: sqlite3.Connection) -> None:
    """Keep in the package ``conn`` the devices the master ``src`` has checked out, with
    those kept before: restored from a backup made before one was checked out, a master
    knows it no more, and its changes the package pulled are that device's, not that
    master's own (:func:`lost_said`). A package from before this record holds none."""
    kept = registry.json_meta(conn, DEVICES)
    kept.update({d: 1 for (d,) in src.execute("SELECT device FROM sync_devices")})
    registry.set_json_meta(conn, DEVICES, kept)


def merge_caution(log, name: str, device: str, manifest: dict,
                  undone: list[str] | None = None) -> list[str]:
    """What a merge says of a package whose base is a change the master does not hold: one
    message, with what it says of the undo-merges such a master lost (``undone``:
    :func:`~field_kit.sync.undone_lost.keep_out`), which the same restore explains (where
    the master holds the base, or the package names none, those alone, one each);
    ``log``: the master's, as :func:`log_of` gives it."""
    said = _missing(int(manifest.get("base_seq") or 0), manifest.get(MANIFEST), log)
    if said is None:
        return [f"{name} from {device}: {part}" for part in undone or ()]
    lost = "".join(f"; {part}" for part in undone or ())
    return [f"{name} from {device}: the package was last brought up to a master this one is "
            f"not: this master was restored from a backup or is another copy ({said}){lost}; "
            + ("otherwise " if lost else "") + "its changes were merged field by field "
            "against the values they replaced, as always, but the device holds values of that "
            "other master this one lacks, and this master changes the device has not seen: "
            "pull refuses it until it is checked out again (checkout --replace) once its "
            "changes are merged (export --all)"]
