# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages (checkout) and change packages (export, verify).

A **field package** is a copy of the master GeoPackage (SQLite backup API) cut down to a
subset (a township, or a bounding box), with the master-only state cleared and, in its
``sync_state``: kind ``package``, the device name and role, a signing key issued by the
master (32 random bytes, hex) and ``base_seq``, the master's last change seq it was taken
from. The master keeps the device, role, key and base in ``sync_devices``.

A **change package** is a zip file::

    manifest.json      project, schema version, device, role, checkout, base, sequence
                       range, counts, the sha256 and size of every other member, and the
                       master checked out from (master_name, master_id; not in a package
                       from before the record)
    manifest.sig       hex HMAC-SHA256 of manifest.json's bytes with the device's key
    changes.sqlite     the changes, in seq order (:mod:`field_kit.sync.change_list`)
    attachments/<sha256>  the bytes of the photos the changes reference

:func:`open_package` checks one against a master and raises :class:`~field_kit.errors.Refused`
with a one-line reason (truncated or altered zip, unknown device, bad signature, other
project, newer schema, unsafe member name, unknown table or column, too big, a gap in the
device's sequence) before anything is written to the master.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..bilingual import counted, noun, size_said
from ..db import (
    PART,
    QFIELD_PACKAGE,
    FileProblem,
    backup,
    connect,
    file_columns,
    file_problem,
    in_command,
    is_database,
    must_be_file,
    refuse_folder_to_write,
    refuse_folder_unwritable,
    remove_database,
    table_exists,
    transaction,
    written_whole,
)
from ..errors import BadInput, Behind, Busy, Refused, SyncError
from ..forms import photo_size
from ..messages_zh import os_error_in_chinese
from ..plan import schema
from . import (
    brought_up_to,
    change_list,
    changelog,
    cut_short,
    drift,
    master_id,
    new_layers,
    one_code_here,
    pasted_rows,
    refused,
    registry,
    repair,
    replaced,
    rewritten,
    room,
    saved_projects,
    schema_changes,
    schema_sent,
    sent_again,
    subset,
    undone_lost,
)

FORMAT = "toksun-change-package"
FORMAT_VERSION = 2
MAX_BYTES = 512 * 1024 * 1024  # default limit for a change package, zipped or unzipped
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
OPS = change_list.OPS

# --- checkout -----------------------------------------------------------------------------

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
    src = connect(master)
    st = changelog.state(src)
    if st["kind"] != changelog.MASTER:
        src.close()
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
        base = changelog.last_seq(dst)
        base_change = brought_up_to.change_at(dst, base)  # (before the log is emptied)
        with transaction(dst), changelog.capture_off(dst):
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
        cut_to = json.dumps({"township": township, "bbox": bbox, "patches": patches,
                             "features": features}, ensure_ascii=False)
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
    finally:
        src.close()
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


# --- export ---------------------------------------------------------------------------------

def _refuse_geopackage(pkg: str | os.PathLike, out: str) -> None:
    if is_database(out):  # the package itself, the master: a slip of the name, never replaced
        raise BadInput(f"{out} is a GeoPackage (a master or a field package), not a change "
                       "package: an export never writes over one; nothing was changed: give "
                       f"the change package a name of its own (field-kit export "
                       f"{in_command(os.fspath(pkg))} OUT.zip)")


def refuse_out(pkg: str | os.PathLike, out: str | os.PathLike) -> None:
    """What an export of ``pkg`` to ``out`` is refused for that is seen before it begins,
    said before a QField project's photos are read into the package: a folder in the way, a
    GeoPackage (:func:`export` refuses it too) or a new name of one, its folder missing or one
    that may not be written."""
    out = os.fspath(out)
    refuse_folder_to_write(out)
    _refuse_geopackage(pkg, out)
    if out.lower().endswith(".gpkg"):  # a zip so named: neither QGIS nor the app opens it
        raise BadInput(f"{out} is named as a GeoPackage (.gpkg), not as a change package; "
                       "nothing was changed: give the change package a name ending in .zip "
                       f"(field-kit export {in_command(os.fspath(pkg))} OUT.zip)")
    refuse_folder_unwritable(out)


def export(pkg: str | os.PathLike, out: str | os.PathLike, *, everything: bool = False,
           progress: Callable[[int, int], None] | None = None) -> dict:
    """Write the change package ``out`` with the local changes since the last export.

    ``everything`` exports all local changes since checkout again (merging is idempotent, so
    this is the way to replace a lost package). ``progress(written, pictures)`` is told once
    the change list is read (0 written) and of each picture written: raising there (a
    cancel) leaves ``out`` as it was, no part of the change package written. Returns the
    manifest; when there is nothing to export no file is written and
    ``manifest["counts"]["changes"]`` is 0. ``cut_short``: an export before this one that was
    stopped as it wrote, settled (:func:`cut_short.settle`), or None.
    ``schema_own``: the tables and columns the package added itself since its checkout,
    carried now or before (what fills them, the master refuses from a technician's)."""
    out = os.fspath(out)
    refuse_folder_to_write(out)  # (before the package is written: its edits sealed)
    _refuse_geopackage(pkg, out)
    conn = connect(pkg)
    noted = False
    try:
        st = changelog.state(conn)
        if st["kind"] != changelog.PACKAGE:
            raise BadInput(f"{pkg} is a master, not a field package")
        # the edits sealed and the export noted in one write (one sync of the disk, not
        # two); a refusal before the note undoes the seal: the edits wait, captured
        with transaction(conn):
            changelog.seal(conn)
            # (a feature pasted into another layer: given a uuid of its own before it is sent)
            pasted = pasted_rows.renew(conn, st["exported_seq"])
            one_code_here.refuse(conn, os.fspath(pkg))  # (a split or paste keeping a code)
            held_back = untracked_here(conn)
            sent_again.fold_mends(conn)  # (a new row refused, sent again: with its mend)
            after = 0 if everything else st["exported_seq"]
            # all again: but the refused edits a pull gave up or logged again as new copies
            # (and, since the last export, the edits a pull gave up unsent: of a layer the
            # master rewrote)
            not_again = refused.handled(conn)
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS toksun_not_again "
                         "(change TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM temp.toksun_not_again")
            conn.executemany("INSERT OR IGNORE INTO temp.toksun_not_again VALUES (?)",
                             [(u,) for u in not_again])
            # the log as it stands now: what another program seals meanwhile (an edit saved in
            # QGIS, another export) goes with the next export, never into this one's change
            # list beyond what its manifest counts (a merge would refuse the package whole)
            upto = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0]
            local = (f"FROM sync_changes WHERE seq > ? AND seq <= {int(upto)} AND origin = 'local' "
                     "AND change_uuid NOT IN (SELECT change FROM temp.toksun_not_again)")
            first, last, n = conn.execute(f"SELECT min(seq), max(seq), count(*) {local}",
                                          (after,)).fetchone()
            # (said by the caller, not in the package: how many of those it leaves out)
            # (those of a layer the master rewrote, which it never saw, counted apart)
            rewrite = json.dumps(rewritten.given_up(conn))
            not_sent, not_rewritten = conn.execute(
                "SELECT coalesce(sum(change_uuid NOT IN (SELECT value FROM json_each(?))), 0), "
                "coalesce(sum(change_uuid IN (SELECT value FROM json_each(?))), 0) FROM "
                "sync_changes WHERE change_uuid IN (SELECT change FROM temp.toksun_not_again) AND "
                "origin = 'local' AND seq > ?", (rewrite, rewrite, after)).fetchone()
            counts = {"changes": n, **{op: 0 for op in OPS}, "tables": {}}
            for tbl, op, k in conn.execute(f"SELECT tbl, op, count(*) {local} GROUP BY tbl, op",
                                           (after,)):
                counts[op] += k
                counts["tables"][tbl] = counts["tables"].get(tbl, 0) + k
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "project_uuid": st["project_uuid"], "schema_version": st["schema_version"],
                "device": st["device"], "role": st["role"], "checkout": st["checkout_uuid"],
                "base_seq": st["base_seq"], "after_seq": after, "seq_from": first, "seq_to": last,
                "counts": counts, "created_at": changelog.now(), "members": {},
                "tables": schema_changes.describe(conn), **master_id.for_manifest(conn),
                **brought_up_to.for_manifest(conn), **undone_lost.for_manifest(conn),
            }
            manifest["schema_changes"] = schema_changes.unsent(conn)
            since_checkout = schema_changes.unsent(conn, since_checkout=True)
            manifest["layers"] = new_layers.describe(conn, [t for t in since_checkout
                                                            if "." not in t])
            if not n and not (manifest["schema_changes"] or everything and since_checkout):
                met = cut_short.settle(conn)  # (as below)
                # what an export to ``out`` killed left: every change it held is sent since
                for left in (out + PART, out + PART + ".db"):
                    with contextlib.suppress(OSError):
                        os.remove(left)
                return {**manifest, "not_again": not_sent, "not_again_rewritten": not_rewritten,
                        "not_tracked": held_back, "cut_short": met, "pasted": pasted,
                        "schema_own": since_checkout}
            _refuse_unread_photos(conn, pkg, local, after)
            # the pictures of the photos it holds: one added and taken off again since the last
            # export does not leave the device
            held = "IN (SELECT sha256 FROM photos)" if plan_photos(conn) else "IS NOT NULL"
            shas = [sha for (sha,) in conn.execute(
                f"SELECT DISTINCT json_extract(new, '$.sha256') {local} AND tbl = 'photos' AND "
                f"json_extract(new, '$.sha256') {held} ORDER BY 1", (after,))]
            # an export before this one stopped as it wrote: its unfinished file removed
            # (room on the USB stick), what it had done returned to be said
            met = cut_short.settle(conn)
            # noted while it is written: stopped meanwhile (killed, the power gone), whatever
            # opens the package next says so
            cut_short.note(conn, out, st["exported_seq"])
        noted = True
        # read one picture at a time, to sum it here and to write it below: weeks of photos
        # are gigabytes, more than a field laptop's memory holds at once
        blobs = {}
        pictures = 0  # their bytes
        for sha in shas:
            data = _attachment(conn, sha, pkg)
            blobs[f"attachments/{sha}"] = {"sha256": hashlib.sha256(data).hexdigest(),
                                           "size": len(data)}
            pictures += len(data)
        counts["attachments"] = len(blobs)
        # the room it takes where it is written, said if that disk is full: the change list
        # (as the log holds it until it is written) and the pictures
        need = _change_list_size(conn, local, after) + pictures
        try:
            with written_whole(out) as tmp:
                if os.path.exists(tmp + ".db"):
                    os.remove(tmp + ".db")
                try:
                    change_list.write(conn, after, tmp + ".db", local)
                    with open(tmp + ".db", "rb") as fh:
                        changes = fh.read()
                finally:
                    if os.path.exists(tmp + ".db"):
                        os.remove(tmp + ".db")
                need = len(changes) + pictures
                if progress is not None:  # (the change list read: a last word before the zip)
                    progress(0, len(shas))
                manifest["members"] = {change_list.MEMBER: {
                    "sha256": hashlib.sha256(changes).hexdigest(), "size": len(changes)},
                    **blobs}
                body = json.dumps(manifest, ensure_ascii=False, indent=1,
                                  sort_keys=True).encode()
                sig = hmac.new(bytes.fromhex(st["key"]), body, hashlib.sha256).hexdigest()
                with zipfile.ZipFile(tmp, "w") as zf:
                    zf.writestr("manifest.json", body, zipfile.ZIP_DEFLATED)
                    zf.writestr("manifest.sig", sig)
                    # fast deflate: the change list shrinks about 3x at level 1, 3.5x at
                    # the default
                    zf.writestr(change_list.MEMBER, changes, zipfile.ZIP_DEFLATED,
                                compresslevel=1)
                    for done, sha in enumerate(shas, 1):
                        zf.writestr(f"attachments/{sha}", _attachment(conn, sha, pkg),
                                    zipfile.ZIP_STORED)
                        if progress is not None:
                            progress(done, len(shas))
        except FileProblem as exc:
            if not exc.full or out not in exc.message:  # (another disk's: said as it is)
                raise
            raise room.export_full(out, need, exc) from None
        with open(out, "rb") as fh:
            sha = _digest(fh).hexdigest()
        try:
            with transaction(conn):
                # (the master, once it merged it, knows it by its digest: refused.py)
                refused.note_export(conn, sha, last or after)
                # (all again: what it sent past the last export is sent too)
                conn.execute("UPDATE sync_state SET exported_seq = max(exported_seq, ?)",
                             (last or after,))
                schema_sent.mark(conn)
                if noted:  # (in the same write: one sync of the disk fewer)
                    cut_short.forget(conn)
            noted = False
        except (sqlite3.Error, OSError) as exc:
            # the change package is whole; the field package could not note it (its own
            # disk full): said, and the next export carries these changes again
            problem = file_problem(os.fspath(pkg), exc, writing=True)
            if problem is None:
                raise
            manifest["unmarked"] = problem.message
        return {**manifest, "not_again": not_sent, "not_again_rewritten": not_rewritten,
                "not_tracked": held_back, "cut_short": met, "pasted": pasted,
                "schema_own": since_checkout}
    finally:
        if noted:
            cut_short.ended(conn)
        conn.close()


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


def plan_photos(conn: sqlite3.Connection) -> bool:
    """Whether the file's ``photos`` is the plan's (records naming their picture's file and
    its digest), not a county's own layer of that name."""
    return table_exists(conn, "photos") and \
        {"file_name", "sha256"} <= set(file_columns(conn, "photos"))


def _change_list_size(conn: sqlite3.Connection, local: str, after: int) -> int:
    """About the size of the change list of the changes ``local`` picks (its one parameter
    ``after``), before it is written: what its rows hold."""
    return conn.execute(
        "SELECT coalesce(sum(length(change_uuid) + length(tbl) + length(row_uuid) + "
        "length(op) + coalesce(length(old), 0) + coalesce(length(new), 0) + "
        f"coalesce(length(device), 0) + coalesce(length(at), 0) + 16), 0) {local}",
        (after,)).fetchone()[0]


def _attachment(conn: sqlite3.Connection, sha: str, pkg) -> bytes:
    """The bytes of the picture stored as ``sha``."""
    got = conn.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
    if got is None:
        raise BadInput(f"a photo refers to attachment {sha} which is not in {pkg}")
    return bytes(got[0])


def _refuse_unread_photos(conn: sqlite3.Connection, pkg, local: str, after: int) -> None:
    """Photo records to send whose picture was never read into the package (QField took
    it into the project folder's DCIM/, and the package alone was given): refused by name,
    or the master would get the records without their pictures."""
    if not plan_photos(conn):
        return
    unread = [name for (name,) in conn.execute(
        "SELECT file_name FROM photos WHERE file_name IS NOT NULL AND sha256 IS NULL AND "
        f"uuid IN (SELECT row_uuid {local} AND tbl = 'photos' AND op != 'delete') "
        "ORDER BY fid", (after,))]
    if unread:
        raise BadInput(f"{noun(len(unread), 'photo')} whose picture is not in {os.fspath(pkg)}: "
                       f"{', '.join(unread)}; nothing was exported: export the "
                       "QField project folder (or its zip), which holds the photos, not the "
                       "package file alone, or delete these photo records")


# --- reading a change package -------------------------------------------------------------

@dataclass
class Package:
    path: str
    sha256: str
    manifest: dict
    slot: int  # its changes are the rows of this slot in the temp table ``incoming``
    attachments: Mapping = field(default_factory=dict)  # sha256 -> (bytes, mime)
    new_columns: list = field(default_factory=list)  # (table, column, type) it adds
    new_layers: list = field(default_factory=list)  # (table, layer, columns) it adds
    not_whole: set = field(default_factory=set)  # sha256 of its pictures cut short

    @property
    def device(self) -> str:
        return self.manifest["device"]

    @property
    def role(self) -> str:
        return self.manifest["role"]


def _refuse_not_a_change_package(name: str, members: list[str]) -> None:
    """A zip without a change package's manifest is said as what it is, before its members'
    names are judged (as a change package's, they are all "not allowed"): a QField project's
    (what comes back from the phone) with the export that makes one of it."""
    for required in ("manifest.json", "manifest.sig"):
        if required in members:
            continue
        if QFIELD_PACKAGE in members or any(m.lower().endswith((".qgs", ".qgz"))
                                            for m in members):
            raise Refused(f"{name}: a QField project, not a change package: its edits travel "
                          f"as its export (field-kit export {in_command(name)} OUT.zip), "
                          "which is what a merge takes")
        raise Refused(f"{name}: no {required}; not a change package")


def _refuse_geopackage_given(path: str, name: str, master: sqlite3.Connection) -> None:
    """A GeoPackage given to a merge as a change package, said as what it is: a field
    package with the export that makes one of it; a master (this one, or another), which
    exports none, with what a merge takes instead."""
    kind = None
    with contextlib.suppress(sqlite3.Error, SyncError, OSError), \
            contextlib.closing(connect(path, readonly=True)) as conn:
        kind = changelog.state(conn)["kind"] if changelog.is_installed(conn) else None
    if kind == changelog.MASTER:
        here = next((row[2] for row in master.execute("PRAGMA database_list")
                     if row[1] == "main"), "")
        same = False
        with contextlib.suppress(OSError):
            same = bool(here) and os.path.samefile(path, here)
        raise Refused(f"{name}: {'the master itself' if same else 'a master'}, not a change "
                      f"package: a merge takes the change packages {'its' if same else 'the'} "
                      "field packages export (field-kit export FIELD_PACKAGE OUT.zip)")
    if kind is None:  # (a copy of layers: no export of it can be made)
        raise Refused(f"{name}: a GeoPackage with no change capture, neither a field package "
                      "nor a master, not a change package: a merge takes the change packages "
                      "the master's field packages export (field-kit export FIELD_PACKAGE "
                      "OUT.zip); edits made in a copy of its layers travel by field-kit import")
    raise Refused(f"{name}: a GeoPackage, not a change package: a field package's edits "
                  f"travel as its export (field-kit export {in_command(name)} OUT.zip), which "
                  "is what a merge takes")


def _member_name_ok(name: str) -> bool:
    if name in ("manifest.json", "manifest.sig", change_list.MEMBER):
        return True
    folder, _, base = name.partition("/")
    return folder == "attachments" and bool(SHA256_RE.match(base))


def said_manifest(path: str | os.PathLike) -> dict | None:
    """A package's manifest, read unchecked (to name its device, to choose locks or an
    order; :func:`open_package` checks it in full), or None where it cannot be read."""
    with contextlib.suppress(Exception):  # (within the bounds open_package keeps)
        with open(path, "rb") as fh:
            if _directory_size(fh, os.path.getsize(path)) > MAX_DIRECTORY_BYTES:
                return None
        with zipfile.ZipFile(path) as zf, zf.open("manifest.json") as member:
            body = member.read(MAX_MANIFEST_BYTES + 1)
        got = json.loads(body) if len(body) <= MAX_MANIFEST_BYTES else None
        return got if isinstance(got, dict) else None
    return None


def said_device(path: str | os.PathLike) -> str | None:
    """The device a package's manifest names, read unchecked, or None."""
    got = said_manifest(path)
    return None if got is None else str(got.get("device"))


def in_device_order(paths: list) -> list:
    """The packages, each device's in the order of its changes (one waits for the device's
    earlier ones), in the places the device's packages had; the rest as given."""
    said = [said_manifest(p) or {} for p in paths]

    def start(i: int) -> tuple:
        return tuple(v if isinstance(v, int) else 0
                     for v in (said[i].get("after_seq"), said[i].get("seq_to")))
    places: dict[str, list[int]] = {}
    for i, m in enumerate(said):
        if m.get("device") is not None:
            places.setdefault(str(m["device"]), []).append(i)
    out = list(paths)
    for where in places.values():
        for place, i in zip(where, sorted(where, key=start)):
            out[place] = paths[i]
    return out


def open_package(path: str | os.PathLike, master: sqlite3.Connection, slot: int, *,
                 max_bytes: int = MAX_BYTES, merged: dict | None = None,
                 refused: dict | None = None, progress=None, layers: dict | None = None,
                 columns: dict | None = None, name_limit: int | None = None,
                 master_name: str | None = None) -> Package:
    """Read and check a change package against the master; raise Refused on anything wrong.

    Reads only from the master (its state and device register); the changes go to ``slot``
    of the connection's temp table ``incoming`` (:func:`field_kit.sync.change_list.prepare` first).
    ``merged`` maps devices to the last seq merged so far when several packages of one
    device are merged together; ``refused`` maps devices to the names of their packages
    this merge refused, to name the one a later package waits for. ``progress(fraction)``
    hears how far the reading and checking got (0..1), step by step. ``layers`` and
    ``columns`` hold what the packages before it in this merge add, and get this one's
    (:func:`field_kit.sync.new_layers.planned`, :func:`field_kit.sync.schema_changes.
    added_columns`). ``name_limit``: the
    most bytes the master holds in a layer's or a column's name (a PostgreSQL master's).
    ``master_name``: the master as people know it (its file's name by default), which a
    package checked out from another master is refused naming.

    Nothing is inflated but the (small, capped) manifest and signature until the signature
    is checked; then each member is inflated up to the size the signed manifest gives it and
    refused as soon as it would grow past that, whatever the zip's own headers say."""
    tick = progress or (lambda fraction: None)
    path = os.fspath(path)
    name = os.path.basename(path)
    if path.endswith(PART):  # what an export killed left, whole as it may be (not named yet)
        raise Refused(f"{name}: the unfinished file of an export cut short, never a change "
                      "package: export again (field-kit export)")
    must_be_file(path)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise Refused(f"{name}: package is {size_said(size, up=True).en}, over the limit "
                      f"of {size_said(max_bytes, exact=True).en}")
    if is_database(path):  # a field package itself, or a master
        _refuse_geopackage_given(path, name, master)
    with open(path, "rb") as fh:
        directory = _directory_size(fh, size)
    if directory > MAX_DIRECTORY_BYTES:
        raise Refused(f"{name}: its zip directory is {directory} bytes, over the "
                      f"{MAX_DIRECTORY_BYTES} a change package may have")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
            NotImplementedError) as exc:  # NotImplementedError: a "zip version" from 8.4 on
        raise Refused(f"{name}: not a readable change package (truncated or damaged: {exc})"
                      ) from None
    with zf, open(path, "rb") as fh:
        digest = _digest(fh)
        tick(0.1)
        names = [i.filename for i in infos]
        if "changes.jsonl" in names:
            raise Refused(f"{name}: written by an earlier version of the toolkit (format 1); "
                          "export it again from its field package with: field-kit export --all")
        _refuse_not_a_change_package(name, names)
        for n in names:
            if not _member_name_ok(n):
                raise Refused(f"{name}: member name {n!r} is not allowed "
                              "(it could leave the package's folders)")
        if len(set(names)) != len(names):
            raise Refused(f"{name}: duplicate member names")
        for info in infos:
            _check_method(name, info)
        if sum(i.file_size for i in infos) > max_bytes:
            raise Refused(f"{name}: unpacked size over the limit of "
                          f"{size_said(max_bytes, exact=True).en}")
        by_name = {i.filename: i for i in infos}

        def read(member: str, cap: int) -> bytearray:
            return _inflate(fh, by_name[member], cap, name)

        body = read("manifest.json", MAX_MANIFEST_BYTES)
        try:
            manifest = json.loads(body)
        except ValueError:
            manifest = None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise Refused(f"{name}: manifest.json is not a change package manifest")
        _check_manifest(name, manifest)
        st = changelog.state(master)
        came = master_id.in_manifest(manifest)
        here_name = master_name or _file_name(master)
        if manifest.get("project_uuid") != st["project_uuid"]:
            raise Refused(f"{name}: package belongs to another project "
                          f"({manifest.get('project_uuid')}, master is {st['project_uuid']})"
                          + master_id.other_project(came, here_name))
        if not isinstance(manifest.get("schema_version"), int) \
                or manifest["schema_version"] > st["schema_version"]:
            raise Refused(f"{name}: package has schema version {manifest.get('schema_version')},"
                          f" newer than the master's {st['schema_version']}; update the master")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise Refused(f"{name}: unknown package format version "
                          f"{manifest.get('format_version')}")
        dev = master.execute("SELECT key, role, checkout_uuid, merged_seq FROM sync_devices "
                             "WHERE device = ?", (manifest.get("device"),)).fetchone()
        # every master made from one plan file has its project: a package from another
        # one is told by the master it records, or by its device or its checkout
        here = master_id.of_master(master)
        elsewhere = master_id.elsewhere(came, here_name, here)
        if dev is None:
            if came and came[1] == here and not elsewhere:
                raise Refused(f"{name}: {master_id.before_checkout(manifest.get('device'), came)}"
                              "; nothing of the package was merged"
                              + master_id.enter_again(manifest.get("device"), "the device's"))
            if came and elsewhere:
                raise Refused(f"{name}: device {manifest.get('device')!r} is not registered in "
                              f"this master: {elsewhere}; merge it into {came[0]}")
            raise Refused(f"{name}: device {manifest.get('device')!r} is not registered in "
                          "this master (the package is from another master made from the same "
                          "plan, or altered)")
        key, role, checkout_uuid, merged_seq = dev
        sig = read("manifest.sig", MAX_SIG_BYTES).decode("ascii", "replace").strip()
        good = hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, good):
            if came and elsewhere:
                raise Refused(f"{name}: wrong signature for device {manifest['device']!r}: "
                              f"{elsewhere}; merge it into {came[0]}")
            retired = replaced.refusal(master, name, manifest, bytes(body), sig, came is not None)
            if retired is not None:
                raise Refused(retired)
            why = ("forged or altered" if manifest.get("checkout") == checkout_uuid else
                   "from an earlier checkout of the device, from another master made from "
                   "the same plan, or forged")
            raise Refused(f"{name}: wrong signature for device {manifest['device']!r} ({why})")
        if came and elsewhere and master_id.another_id(came, here):  # (signed by a key both hold)
            raise Refused(f"{name}: {elsewhere}; merge it into {came[0]}")
        if manifest.get("role") != role or manifest.get("checkout") != checkout_uuid:
            raise Refused(f"{name}: role or checkout does not match the device register")
        members = manifest.get("members", {})
        if not isinstance(members, dict) or \
                set(members) != set(names) - {"manifest.json", "manifest.sig"}:
            raise Refused(f"{name}: members differ from those the manifest lists")
        sizes = {}
        for member, meta in members.items():
            listed = meta.get("size") if isinstance(meta, dict) else None
            if not isinstance(listed, int) or isinstance(listed, bool) or listed < 0 \
                    or listed != by_name[member].file_size:
                raise Refused(f"{name}: {member} is {counted(by_name[member].file_size, 'byte')}"
                              f" by the zip and {listed} by the manifest")
            sizes[member] = listed
        if sum(sizes.values()) > max_bytes:
            raise Refused(f"{name}: unpacked size over the limit of "
                          f"{size_said(max_bytes, exact=True).en}")
        data = {}
        not_whole = set()
        for member, meta in members.items():
            blob = read(member, sizes[member])
            if hashlib.sha256(blob).hexdigest() != meta.get("sha256"):
                raise Refused(f"{name}: checksum mismatch for {member}")
            if member.startswith("attachments/"):
                if member.split("/", 1)[1] != meta["sha256"]:
                    raise Refused(f"{name}: {member} holds the bytes of another attachment")
                # (an earlier version took a picture a copy had cut short: its photos are
                # refused, the rest of the package merged)
                if not photo_size.whole(blob):
                    not_whole.add(meta["sha256"])
                continue  # read again when written: one in memory at a time
            data[member] = blob
        tick(0.25)
        merged_seq = max(merged_seq, (merged or {}).get(manifest["device"], 0))
        after = manifest.get("after_seq") or 0
        if after > merged_seq:
            earlier = (refused or {}).get(manifest["device"])
            which = (f"its package {', '.join(earlier)}, refused above" if earlier else
                     "in the package it exported before this one")
            raise Behind(
                f"{name}: device {manifest['device']!r} has changes after seq {merged_seq} not "
                f"merged yet (seq {merged_seq + 1} to {after}: {which}); merge its earlier "
                "package first, or both in one merge; where that one is lost or refused whole, "
                "export all the device's changes again (field-kit export --all) and merge "
                "that package instead", device=str(manifest["device"]), first=merged_seq + 1,
                last=after)
        pkg = Package(path, digest.hexdigest(), manifest, slot, not_whole=not_whole)
        pkg.new_layers = new_layers.planned(master, manifest, name, earlier=layers)
        pkg.new_columns = schema_changes.added_columns(master, manifest, name, columns)
        if name_limit is not None:
            new_layers.too_long(pkg.new_layers, pkg.new_columns, name_limit, name)
        master.executemany("INSERT OR IGNORE INTO incoming_columns VALUES (?, ?)",
                           [(t, c) for t, c, _ in pkg.new_columns] +
                           [(t, c) for t, _, cols in pkg.new_layers for c, _, _ in cols])
        if change_list.MEMBER in data:
            change_list.load(master, slot, data[change_list.MEMBER], name, manifest,
                             lambda f: tick(0.25 + 0.75 * f))
        elif manifest.get("counts", {}).get("changes"):
            raise Refused(f"{name}: no {change_list.MEMBER}; the manifest lists changes")
        pkg.attachments = _Attachments(path, name, {
            member.split("/", 1)[1]: by_name[member] for member in members
            if member.startswith("attachments/")}, change_list.photo_types(master, slot))
        if layers is not None:
            layers.update({t: (layer, cols) for t, layer, cols in pkg.new_layers
                           if t not in layers})
        if columns is not None:
            columns.update({(t, c): d for t, c, d in pkg.new_columns if (t, c) not in columns})
        return pkg


def _file_name(conn: sqlite3.Connection) -> str:
    """The name of the file ``conn`` opened."""
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"),
                "")
    return os.path.basename(path) or "this master"


class _Attachments(Mapping):
    """sha256 -> (bytes, mime type) of a package's attachments, checked when the package is
    opened and read from it again when asked, one at a time: a merge of many packages holds
    one photo in memory, not all of every package's."""

    def __init__(self, path: str, name: str, infos: dict, mimes: dict):
        self._path, self._name, self._infos, self._mimes = path, name, infos, mimes

    def __getitem__(self, sha: str) -> tuple[bytearray, str | None]:
        return bytearray().join(self.pieces(sha)), self._mimes.get(sha)

    def size(self, sha: str) -> int:
        return self._infos[sha].file_size

    def mime(self, sha: str) -> str | None:
        return self._mimes.get(sha)

    def pieces(self, sha: str) -> Iterator[bytes | memoryview]:
        """The attachment's bytes read again, a piece at a time, so that a photo is never
        held whole; what it read checked against what was checked before its end (changed
        since, or unreadable: :class:`Refused` in place of the end)."""
        info, digest = self._infos[sha], hashlib.sha256()
        try:
            with open(self._path, "rb") as fh:
                for piece in _inflated(fh, info, info.file_size, self._name):
                    digest.update(piece)
                    yield piece
        except OSError as exc:
            raise Refused(f"{self._name}: cannot be read again ({exc})",
                          f"{self._name}：无法再次读取（{os_error_in_chinese(exc)}）") from None
        if digest.hexdigest() != sha:
            raise Refused(f"{self._name}: attachments/{sha} changed since it was checked")

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


_COUNT = "a whole number from 0"
# what each field of a manifest is, so no later step meets a list where it counts on a number
_MANIFEST = {"format_version": _COUNT, "project_uuid": "text", "schema_version": _COUNT,
             "device": "text", "role": "text", "checkout": "text", "base_seq": _COUNT,
             "after_seq": _COUNT, "seq_from": _COUNT, "seq_to": _COUNT, "created_at": "text",
             "counts": "an object", "members": "an object"}
# (fields a later version added: absent from a package made before them)
_MANIFEST_ADDED = {master_id.MANIFEST_NAME: "text", master_id.MANIFEST_ID: "text",
                   brought_up_to.MANIFEST: "text", undone_lost.MANIFEST: "an object"}


def _is(value, what: str) -> bool:
    if what == _COUNT:
        return type(value) is int and 0 <= value < 2 ** 63
    return isinstance(value, {"text": str, "an object": dict}[what])


def _check_manifest(name: str, manifest: dict) -> None:
    """Refuse a manifest any of whose fields is not of its kind (the signing device's word
    is trusted for what it says, not for being well formed)."""
    for key, what in _MANIFEST.items():
        value = manifest.get(key)
        if not _is(value, what) and not (value is None and key in ("seq_from", "seq_to")):
            raise Refused(f"{name}: manifest.json: {key} is {str(value)[:40]!r}, not {what}")
    for key, what in _MANIFEST_ADDED.items():
        value = manifest.get(key)
        if value is not None and not _is(value, what):
            raise Refused(f"{name}: manifest.json: {key} is {str(value)[:40]!r}, not {what}")
    if not _is(manifest["counts"].get("changes"), _COUNT):
        raise Refused(f"{name}: manifest.json: counts.changes is not {_COUNT}")
    for member, meta in manifest["members"].items():
        if not (isinstance(meta, dict) and _is(meta.get("size"), _COUNT)
                and isinstance(meta.get("sha256"), str)):
            raise Refused(f"{name}: manifest.json: member {member!r} has no size and sha256")


# --- unpacking, bounded by what is read ---------------------------------------------------

MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # room to list as many members as the directory may hold
MAX_SIG_BYTES = 1024  # 64 hex digits
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_CHUNK = 1024 * 1024


def _digest(fh):
    """The sha256 of a file's bytes, from where ``fh`` stands (a change package is known
    by it to the master)."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(_CHUNK), b""):
        digest.update(chunk)
    return digest
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip's local file header, 30 bytes
_END = struct.Struct("<4s4H2LH")  # the zip's end of central directory record, 22 bytes
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024  # about 130,000 attachments


def _directory_size(fh, size: int) -> int:
    """The size of a zip's central directory as its end record says (the bytes ``zipfile``
    reads and parses into an object per member), found as ``zipfile`` finds it; 0 if none."""
    tail = min(size, _END.size + 0xFFFF)
    fh.seek(size - tail)
    data = fh.read(tail)
    at = len(data) - _END.size if data[-_END.size:][:4] == b"PK\x05\x06" else \
        data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) - at < _END.size:
        return 0
    end = _END.unpack_from(data, at)
    if (end[5] != 0xFFFFFFFF and end[4] != 0xFFFF) or size - tail + at < 20:
        return end[5]
    fh.seek(size - tail + at - 20)  # zip64: its locator, then its end record
    locator = fh.read(20)
    if len(locator) != 20 or locator[:4] != b"PK\x06\x07":
        return end[5]
    fh.seek(struct.unpack_from("<Q", locator, 8)[0])
    record = fh.read(56)
    if len(record) != 56 or record[:4] != b"PK\x06\x06":
        return end[5]
    return struct.unpack_from("<Q", record, 40)[0]


def _check_method(name: str, info: zipfile.ZipInfo) -> None:
    if info.compress_type not in METHODS:
        raise Refused(f"{name}: member {info.filename} is compressed with method "
                      f"{info.compress_type}; only stored (0) and deflate (8) are accepted")
    if info.flag_bits & 0x1:
        raise Refused(f"{name}: member {info.filename} is encrypted; change packages never are")


def _inflate(fh, info: zipfile.ZipInfo, cap: int, name: str) -> bytearray:
    """A member's bytes, read from the raw file and inflated to at most the size its header
    declares (itself at most ``cap``), plus one byte to see it would grow past: so memory is
    bounded by what is read, whatever the headers claim."""
    if info.compress_type == zipfile.ZIP_STORED and \
            0 <= info.compress_size <= info.file_size <= cap:
        out = bytearray(info.compress_size)  # (read in place: no copy of a photo beside it)
        for _ in _inflated(fh, info, cap, name, into=memoryview(out)):
            pass
        return out  # (not copied into bytes: a photo is held once)
    out = bytearray()
    for piece in _inflated(fh, info, cap, name):
        out += piece
    return out


def _inflated(fh, info: zipfile.ZipInfo, cap: int, name: str, *,
              into: memoryview | None = None) -> Iterator[bytes | memoryview]:
    """A member's bytes a piece at a time (a stored member's read into ``into`` where it is
    given), as :func:`_inflate` bounds them; its size and CRC checked once the last piece is
    out, before the generator ends (a consumer sees :class:`Refused` in place of its end)."""
    member = info.filename
    _check_method(name, info)
    if info.file_size > cap:
        raise Refused(f"{name}: member {member} declares {info.file_size} bytes, over the "
                      f"{cap} it may have")
    cap = info.file_size
    if info.header_offset < 0:  # zipfile's arithmetic on a directory offset that lies
        raise Refused(f"{name}: member {member} is damaged (its offset is {info.header_offset})")
    fh.seek(info.header_offset)
    head = fh.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        raise Refused(f"{name}: member {member} is damaged (no local header)")
    fields = _LOCAL_HEADER.unpack(head)
    fh.seek(info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1])
    left, size, crc = info.compress_size, 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        if left > cap:
            raise Refused(f"{name}: member {member} holds more than the "
                          f"{counted(cap, 'byte')} its header declares")
        while left > 0:
            piece = into[size:size + left] if into is not None else \
                memoryview(bytearray(min(_CHUNK, left)))
            got = fh.readinto(piece)
            if not got:
                raise Refused(f"{name}: member {member} is damaged (truncated)")
            left, size, crc = left - got, size + got, zlib.crc32(piece[:got], crc)
            yield piece[:got]
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while left > 0 and not inflater.eof:
                chunk = fh.read(min(_CHUNK, left))
                if not chunk:
                    raise Refused(f"{name}: member {member} is damaged (truncated)")
                left -= len(chunk)
                while chunk and not inflater.eof:
                    out = inflater.decompress(chunk, cap + 1 - size)
                    size += len(out)
                    if size > cap:
                        raise Refused(f"{name}: member {member} inflates past the "
                                      f"{counted(cap, 'byte')} its header declares")
                    crc = zlib.crc32(out, crc)
                    yield out
                    chunk = inflater.unconsumed_tail
        except zlib.error as exc:
            raise Refused(f"{name}: member {member} is damaged ({exc})") from None
        if not inflater.eof:
            raise Refused(f"{name}: member {member} is damaged (truncated)")
    if size != info.file_size or crc != info.CRC:
        raise Refused(f"{name}: member {member} is damaged (size or CRC differs from its "
                      "header)")


__all__ = ["checkout", "export", "open_package", "Package", "MAX_BYTES"]
