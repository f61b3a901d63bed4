# SPDX-License-Identifier: GPL-2.0-or-later
"""Which master a field package was checked out from.

Every master made from one plan file has its project uuid, so two counties' masters (or a
county's master and its test copy) cannot be told apart by it. A master therefore keeps an
id of its own in ``sync_meta`` (given by ``init``, or by its first checkout where it has
none), which a copy of the master's file keeps too. A package records at checkout the
master's id and its name as people know it (the file's name, or PostgreSQL's database and
schema), and its change packages carry both in their manifest: a merge or pull into
another master is refused naming both. A package from before the record is told apart by
its device and signature alone, as it always was."""

from __future__ import annotations

import os
import sqlite3

from ..db import in_command, sync_state_read
from ..plan.schema import TECHNICIAN  # (the role a checkout gives where none is asked for)
from . import changelog, registry

MASTER_ID = "master_id"  # sync_meta of a master: its own id
CHECKED_OUT_FROM = "checked_out_from"  # sync_meta of a package: {"name", "master"}
# a change package's manifest: the master its field package was checked out from
MANIFEST_NAME, MANIFEST_ID = "master_name", "master_id"


def of_master(conn: sqlite3.Connection) -> str | None:
    """The master's own id, or None where it has none yet."""
    return registry.meta(conn, MASTER_ID) or None


def ensure(conn: sqlite3.Connection) -> str:
    """The master's own id, given to it where it has none (in the caller's transaction)."""
    conn.execute("CREATE TABLE IF NOT EXISTS sync_meta (key TEXT PRIMARY KEY, value TEXT) "
                 "WITHOUT ROWID")
    got = of_master(conn)
    if got is None:
        got = changelog.new_uuid()
        registry.set_meta(conn, MASTER_ID, got)
    return got


def record(conn: sqlite3.Connection, name: str, master: str) -> None:
    """Note in a field package the master it is checked out from (the master's own id,
    which the backup copied, is no package's)."""
    conn.execute("DELETE FROM sync_meta WHERE key = ?", (MASTER_ID,))
    registry.set_json_meta(conn, CHECKED_OUT_FROM, {"name": name, "master": master})


def recorded(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """(name, id) of the master a package was checked out from, or None for a package
    from before the record."""
    try:
        got = registry.json_meta(conn, CHECKED_OUT_FROM)
    except ValueError:
        return None
    return _pair(got.get("name"), got.get("master"))


def in_manifest(manifest: dict) -> tuple[str, str] | None:
    """(name, id) of the master a change package's field package came from, or None."""
    return _pair(manifest.get(MANIFEST_NAME), manifest.get(MANIFEST_ID))


def for_manifest(conn: sqlite3.Connection) -> dict:
    """The manifest's fields naming the package's master (none for a package from before
    the record: its manifest is as it was)."""
    got = recorded(conn)
    return {} if got is None else {MANIFEST_NAME: got[0], MANIFEST_ID: got[1]}


def _pair(name, master) -> tuple[str, str] | None:
    if isinstance(name, str) and isinstance(master, str) and name and master:
        return name, master
    return None


def short(master: str) -> str:
    """A master's id as messages give it: its first 8 characters."""
    return master[:8]


def elsewhere(came: tuple[str, str] | None, here_name: str, here: str | None) -> str | None:
    """Where a package recording ``came`` (name, id) was checked out, said against this
    master (``here_name``, its id ``here``), when that is another master by its id or, two
    masters sharing one id (a copy of a master's file keeps it), by its name; None for the
    same master, and for a package that records none."""
    if came is None:
        return None
    name, master = came
    if master == here and name == here_name:
        return None
    said = f"it was checked out from {name} (master {short(master)}), not this master, {here_name}"
    if master == here:
        return said + ", which has the same master id: one of them is a copy of the other"
    return said + (f" (master {short(here)})" if here else " (no master id yet)")


def restored_under_another_name(came: tuple[str, str] | None, here_name: str,
                                here: str | None, master_typed: str | None) -> str:
    """The way on after a refusal of a package ``came`` from a master of this one's id under
    another name, where this master (``here_name``; ``master_typed``: its file as the user
    gave it, None for PostgreSQL) may be that master restored from a backup under a name of
    its own: no master can be read from the file of the name the package records beside it
    (gone, or broken). Empty where it can: the two are forks, and renaming would put this
    one over the other."""
    if came is None or came[1] != here or came[0] == here_name or master_typed is None:
        return ""
    named = os.path.join(os.path.dirname(master_typed), came[0])
    if sync_state_read(named)[0] == changelog.MASTER:
        return ""
    return (f". If {here_name} is the master restored from a backup and {came[0]} is no "
            f"longer used, give it the master's name (mv {in_command(master_typed)} "
            f"{in_command(named)}) and run this again")


def restored_before(came: tuple[str, str] | None, here_name: str, here: str | None) -> bool:
    """Whether a package recording ``came`` was checked out from this very master (by its
    id and its name, ``here_name``, ``here``): one whose device it lacks was restored from a
    backup made before that checkout (:func:`before_checkout`)."""
    return came is not None and came[1] == here and elsewhere(came, here_name, here) is None


def before_checkout(device, came: tuple[str, str]) -> str:
    """Why this very master (by its id and name, ``came``) does not know a package's
    device: restored from a backup made before that checkout, it holds neither the device
    nor the key its packages are signed with."""
    return (f"device {device!r} is not registered in this master, though its package was "
            f"checked out from it ({came[0]}, master {short(came[1])}): this master was "
            "restored from a backup made before the device was checked out, and holds neither "
            "the device nor its key")


def readmit_way(whose: str, master_typed: str, typed: str, then: str) -> str:
    """The way on from :func:`before_checkout`: the device registered again from its field
    package (``whose``, as said; ``typed``, as a command names it) in the master
    (``master_typed``, as a command names it), ``then`` what follows."""
    return (f". Its changes stay in {whose} field package: register its device again from "
            f"it, field-kit readmit {master_typed} {typed}, then {then}")


CUT_AS_BEFORE = "(cut as before)"  # a package's cut its master does not know


def check_out_again(typed: str, device, master_typed: str, role: str,
                    cut: str | None = None) -> str:
    """The way on for a package whose pull a master refuses and that nothing may be lost
    of: its changes sent whole to the master, the device checked out again (``typed``,
    ``master_typed``: the package and the master as a command names them; ``role``: the
    package's; ``cut``: its checkout's options, None where the master does not know them)."""
    again = ([] if role == TECHNICIAN else [f"--role {role}"]) + (
        [CUT_AS_BEFORE] if cut is None else [cut] if cut else [])  # ("": the whole master)
    return (f"field-kit export {typed} ALL.zip --all, then field-kit merge {master_typed} "
            f"ALL.zip, then field-kit checkout {master_typed} NEW.gpkg --device "
            f"{in_command(str(device))} --replace{''.join(' ' + a for a in again)} and work "
            "on in NEW.gpkg")


def other_project(came: tuple[str, str] | None, here_name: str) -> str:
    """Where a package of another project was checked out, said against this master
    (``here_name``), after the refusal's own words: empty for a package that records none."""
    if came is None:
        return ""
    return f": checked out from {came[0]}; this master is {here_name}"


def another_id(came: tuple[str, str] | None, here: str | None) -> bool:
    """Whether a package recording ``came`` was checked out from a master of another id."""
    return came is not None and came[1] != here


def said(conn: sqlite3.Connection) -> dict:
    """What ``status`` says of a master's id, or a package's master."""
    if changelog.state(conn)["kind"] == changelog.MASTER:
        return {"master_id": of_master(conn)}
    got = recorded(conn)
    return {"checked_out_from": None if got is None else {"name": got[0], "master": got[1]}}


__all__ = ["CHECKED_OUT_FROM", "CUT_AS_BEFORE", "MASTER_ID", "another_id", "before_checkout",
           "check_out_again", "elsewhere", "ensure", "for_manifest", "in_manifest",
           "of_master", "other_project", "readmit_way", "record", "recorded",
           "restored_before", "restored_under_another_name", "said", "short"]
