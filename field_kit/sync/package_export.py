# SPDX-License-Identifier: GPL-2.0-or-later
"""Change packages written (export): a field package's local changes since its last
export, with the pictures of its photos, zipped and signed with the key the master issued
it (the format: :mod:`field_kit.sync.package_manifest`)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable

from ..bilingual import noun
from ..db import (
    PART,
    FileProblem,
    connect,
    file_columns,
    file_problem,
    in_command,
    is_database,
    refuse_folder_to_write,
    refuse_folder_unwritable,
    table_exists,
    transaction,
    written_whole,
)
from ..errors import BadInput
from . import (
    brought_up_to,
    change_list,
    changelog,
    cut_short,
    master_id,
    new_layers,
    one_code_here,
    pasted_rows,
    refused,
    rewritten,
    room,
    schema_changes,
    schema_sent,
    sent_again,
    undone_lost,
)
from .package_checkout import untracked_here
from .package_manifest import FORMAT, FORMAT_VERSION
from .package_zip import file_digest

OPS = change_list.OPS


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
            sha = file_digest(fh).hexdigest()
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
