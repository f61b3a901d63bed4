# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages (checkout).

A **field package** is a copy of the master GeoPackage (SQLite backup API) cut down to a
subset (a township, or a bounding box), with the master-only state cleared and, in its
``sync_state``: kind ``package``, the device name and role, a signing key issued by the
master (32 random bytes, hex) and ``base_seq``, the master's last change seq it was taken
from. The master keeps the device, role, key and base in ``sync_devices``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable

from ..db import PART, FileProblem, backup, connect, file_problem, remove_database, transaction
from ..errors import BadInput, Busy, SyncError
from ..plan import schema
from . import (
    brought_up_to,
    capture_switch,
    changelog,
    drift,
    log_reads,
    master_id,
    refused,
    registry,
    repair,
    replaced,
    saved_projects,
    schema_sent,
    subset,
)

# Where each step of a checkout ends on its progress (0..1), by the time each takes on a large
# layer: the copy of the master, the rows cut away, the record of each row as it is; the
# copy compacted takes what is left.
COPIED, CUT, RECORDED = 0.05, 0.1, 0.8

# SQLite's steps between two ticks of a VACUUM (a few for a county's package, hundreds for a
# province's): counted, not timed, so that a package stops at the same tick every time
STEPS_PER_TICK = 100_000


def _vacuum(conn: sqlite3.Connection, progress: Callable[[float], None]) -> None:
    """VACUUM, ``progress`` hearing a fraction nearing 1 (SQLite tells no end) as it runs,
    so that a Cancel raised from it stops the VACUUM, not only what follows it."""
    stopped: list[BaseException] = []
    ticks = 0

    def heard() -> int:
        nonlocal ticks
        ticks += 1
        try:
            progress(ticks / (ticks + 10))
        except BaseException as exc:  # (SQLite cannot carry it: kept, raised below)
            stopped.append(exc)
            return 1
        return 0
    conn.set_progress_handler(heard, STEPS_PER_TICK)
    try:
        conn.execute("VACUUM")
    except Exception:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def checkout(master: str | os.PathLike, out: str | os.PathLike, device: str, *,
             township: str | None = None, bbox: tuple[float, float, float, float] | None = None,
             patches: Iterable[str] | None = None,
             features: dict[str, list[str]] | None = None, role: str = schema.TECHNICIAN,
             replace: bool = False,
             progress: Callable[[float], None] | None = None,
             master_name: str | None = None, named: bool = True) -> dict:
    """Write the field package ``out`` for ``device`` and register the device in the master.

    A device name that has a package already is refused unless ``replace``: then the new
    package gets a new key, and the earlier one's packages are refused from then on. The
    package records the master by ``master_name`` (as people know it: the file's name by
    default) and its id (:mod:`~field_kit.sync.master_id`). ``patches`` (each a patch's uuid
    or code) keeps those patches alone, with their projects and records; a ``bbox`` given
    too cuts the layers of the county's own. ``features`` (a layer of the county's own ->
    uuids of its features) keeps those features alone of each layer it names.
    ``progress(fraction)`` hears how far the package got (0..1), the last time before the
    device is registered; raising from it (for instance
    :class:`~field_kit.errors.Cancelled`) leaves no package and the master as it was.
    ``named`` False: ``master`` is a stage whose registration the database commits after
    this returns; the package is left where it was written (``"unnamed"`` in what is
    returned), for the caller to name ``out`` once it did (removing ``out``.part where the
    package is not that: the one it was checked out again in place of)."""
    tick = progress or (lambda fraction: None)
    if role not in schema.ROLES:
        raise BadInput(f"unknown role {role!r}; expected technician or gis")
    if not device or not re.fullmatch(r"[\w.@-]{1,64}", device):
        raise BadInput(f"device names are 1-64 letters, digits, '.', '-', '_' or '@': {device!r}")
    if township and bbox:
        raise BadInput("give --township or --bbox, not both")
    if township and patches is not None:
        raise BadInput("give --township or --patches, not both")
    out = os.fspath(out)
    if os.path.exists(out):
        raise BadInput(f"{out} exists already; choose another name")
    # (closed on every way out: a refusal or a full disk too, not left to the collector)
    with contextlib.closing(connect(master)) as src:
        st = changelog.state(src)
        if st["kind"] != changelog.MASTER:
            raise changelog.not_a_master(master)
        issued = src.execute("SELECT issued_at FROM sync_devices WHERE device = ?",
                             (device,)).fetchone()
        # a package a checkout cut short left registered, unnamed: kept until this one is
        # registered in its place, so that a stop before that leaves it to the same checkout again
        left = _left_unnamed(src, out, device) if issued is not None else None
        unnamed = left is not None
        if issued is not None and not replace and not unnamed:
            raise BadInput(f"device {device} has a field package already (checked out "
                           f"{changelog.local_time(issued[0])}): choose another device name, or "
                           "replace that package (--replace): the earlier package could then "
                           "never be merged, nor pulled into")
        subset.check(src, township, os.fspath(master), bbox, patches)
        if patches is not None:  # (by uuid, whichever way each was named)
            patches = subset.patches_chosen(src, list(patches))
        # (none named: as if not given; refused before anything is written)
        features = subset.features_chosen(src, features) if features else None
        if township is not None:  # (by the name its patches go by, whichever name it was given)
            township = subset.township_of(src, township)
        if township is not None and not src.execute(
                "SELECT 1 FROM mine_patches WHERE township = ? LIMIT 1", (township,)).fetchone():
            raise BadInput(f"no mine patch in township {township!r}: nothing to cut a package "
                           f"to (none in {registry.layer_shown(src, 'mine_patches')}; check it out "
                           "by --bbox)")
        changelog.seal(src)
        # (sealed: a layer added since is one the box cuts)
        box_empty = (subset.empty_box_said(src, bbox, features)
                     if bbox is not None and patches is None else None)
        # (named from the master: the package holds them no more)
        shapeless = subset.shapeless(src, bbox, patches, features)
        with transaction(src):  # (a master from before the id gets one now)
            this_master = master_id.ensure(src)
        stale = None
        if left is not None and left != out + PART:  # (see _left_unnamed)
            stale = out + PART if os.path.exists(out + PART) else None
            os.replace(left, out + PART)  # the one before it, no longer registered, gives way
        tmp = out + PART + (PART if unnamed else "")
        remove_database(tmp)
        key = secrets.token_hex(32)
        checkout_uuid = changelog.new_uuid()
        dst, registered = None, False
        try:
            dst = connect(tmp, must_exist=False)
            with transaction(src, read=True):  # backup() would retry a held lock for ever
                backup(src, dst, progress=lambda f: tick(COPIED * f))
            tick(COPIED)
            base = log_reads.last_seq(dst)
            base_change = brought_up_to.change_at(dst, base)  # (before the log is emptied)
            with transaction(dst), capture_switch.capture_off(dst):
                for name in ("sync_capture", "sync_changes", "sync_devices", "sync_merges",
                             "sync_applied", "sync_conflicts"):
                    dst.execute(f"DELETE FROM {name}")
                dst.execute("DELETE FROM sync_meta WHERE key = ?", (replaced.REPLACED,))
                dst.execute(
                    "UPDATE sync_state SET kind = ?, device = ?, role = ?, base_seq = ?, "
                    "exported_seq = 0, key = ?, checkout_uuid = ?, created_at = ?",
                    (changelog.PACKAGE, device, role, base, key, checkout_uuid, changelog.now()))
                registry.set_meta(dst, changelog.LOG_FORM_KEY, changelog.LOG_FORM)  # (its log new)
                brought_up_to.record(dst, base_change)
                master_id.record(dst, master_name or os.path.basename(os.fspath(master)),
                                 this_master)
                refused.mark_checkout(dst)
                registry.set_meta(dst, subset.CHECKED_OUT_CUT,
                                  subset.as_json(township, bbox, patches, features))
                projects_here = saved_projects.point_here(dst, os.fspath(master), out)
                held = subset.cut(dst, township, bbox, patches, features)
                tick(CUT)
                whole = subset.carried_whole(dst, bbox, features)
                whole_here = subset.whole_in_township(dst, township, features)
                whole_beside = subset.whole_beside_patches(dst, patches, bbox, features)
                attributes_whole = subset.attributes_whole(dst, township, bbox, patches, features)
                not_tracked = registry.untracked(dst)
                registry.set_json_meta(dst, UNTRACKED_AT_CHECKOUT, not_tracked)
                repair.write_baseline(dst, progress=lambda f: tick(CUT + (RECORDED - CUT) * f))
                schema_sent.mark(dst, checkout=True)
            _vacuum(dst, lambda f: tick(RECORDED + (1 - RECORDED) / 2 * f))
            tick(RECORDED + (1 - RECORDED) / 2)
            # one file to carry, whatever the master's mode (a copy takes a WAL master's)
            dst.execute("PRAGMA journal_mode = DELETE")
            with transaction(dst):  # (VACUUM counts as a schema change)
                drift.mark_whole(dst)
            dst.close()
            tick(1.0)  # (the last time: a package the master registers is the user's)
            cut_to = subset.as_json(township, bbox, patches, features)
            with transaction(src):
                if issued is not None and not unnamed:  # (one left unnamed was handed to no one)
                    replaced.keep(src, device)
                src.execute(
                    "INSERT OR REPLACE INTO sync_devices (device, role, key, checkout_uuid, "
                    "base_seq, merged_seq, subset, issued_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                    (device, role, key, checkout_uuid, base, cut_to, changelog.now()))
            registered = True
            if named:
                # the one before it first (its registration replaced by this one's): killed
                # between, this one is left unnamed, which the same checkout again names
                if unnamed:
                    with contextlib.suppress(OSError):
                        os.remove(out + PART)
                os.replace(tmp, out)
        except BaseException as exc:
            if dst is not None:
                dst.close()
            # (a signal may come as the registration commits, before the flag is set)
            if os.path.isfile(tmp) and (registered or _registered(src, device, checkout_uuid)):
                if unnamed:  # in place of the one left before, no longer registered
                    os.replace(tmp, out + PART)
                raise  # stopped once the master knew it: kept unnamed, as a kill keeps it
            # (a journal, or a WAL master's -wal and -shm, stays where its writing failed)
            remove_database(tmp)
            if isinstance(exc, FileProblem) and tmp in exc.message:
                if exc.damaged:  # a copy just written is damaged where the master was
                    raise FileProblem(f"{os.fspath(master)} is damaged (its copy cannot be read "
                                      "back); nothing was changed: restore it from a backup",
                                      exc.code) from None
                raise file_problem(out, exc) or exc from None  # as the user named it
            raise
    return {"device": device, "role": role, "base": base, "checkout": checkout_uuid,
            "township": township, "bbox": bbox, "patches": patches, "features": features,
            "whole": whole,
            "whole_in_township": whole_here, "whole_beside_patches": whole_beside,
            "attributes_whole": attributes_whole, "shapeless": shapeless,
            "cut_said": subset.cut_said(os.fspath(master), shapeless, attributes_whole),
            "not_tracked": not_tracked, "projects_here": projects_here,
            "projects_said": saved_projects.said_here(projects_here, out),
            "box_empty": box_empty, "held": held, "stale_removed": stale,
            "finished": unnamed, "unnamed": None if named else tmp}


def _registered(src: sqlite3.Connection, device: str, checkout_uuid: str) -> bool:
    """Whether the master holds ``device``'s checkout ``checkout_uuid`` (its registration
    committed), the master unreadable (or held by another program) taken as not."""
    try:
        return src.execute("SELECT 1 FROM sync_devices WHERE device = ? AND checkout_uuid = ?",
                           (device, checkout_uuid)).fetchone() is not None
    except (sqlite3.Error, Busy):
        return False


def _left_unnamed(src: sqlite3.Connection, out: str, device: str) -> str | None:
    """Where ``device``'s package is, if it is the one a checkout to ``out`` wrote and
    registered but, interrupted, never named ``out``: handed to no one, so it is checked out
    again as if new. It is ``out``.part, or ``out``.part.part where that checkout was the
    same one run again and killed once registered (beside it, the ``out``.part of the run
    before, registered no longer). None for neither."""
    for part in (out + PART, out + PART + PART):
        wrote = checkout_of(part)
        if wrote is not None and _registered(src, device, wrote):
            return part
    return None


def checkout_of(path: str) -> str | None:
    """The checkout uuid of the package at ``path``, named or left unnamed; None where there
    is no package there to read."""
    if not os.path.isfile(path):
        return None
    try:
        with contextlib.closing(connect(path, readonly=True, unfinished=True)) as conn:
            wrote = conn.execute("SELECT checkout_uuid FROM sync_state").fetchone()
    except (sqlite3.Error, SyncError, OSError):
        return None
    return None if wrote is None else wrote[0]


# sync_meta of a package: the tables not tracked when it was checked out (the master's own)
UNTRACKED_AT_CHECKOUT = "untracked_at_checkout"


def untracked_here(conn: sqlite3.Connection) -> dict[str, str]:
    """The tables a package holds that it does not track, and why, but those it was checked
    out with: a layer made here that cannot travel (no INTEGER PRIMARY KEY, say), which an
    export that sends nothing else would otherwise leave unsaid. None named in a package
    from before the record (which ones it came with is not known)."""
    got = registry.meta(conn, UNTRACKED_AT_CHECKOUT)
    if got is None:
        return {}
    at_checkout = json.loads(got) if got else {}
    return {t: why for t, why in registry.untracked(conn).items() if t not in at_checkout}
