# SPDX-License-Identifier: GPL-2.0-or-later
"""A project folder and the zip of the same name beside it: two copies of one field package
(the checkout writes both; the phone's copy may come back as either). Before either is
exported, what each holds that the other lacks is compared: the package's local edits (by
what they changed and when, sealed or not, so an export made from one copy does not count as
a difference) and the other files (photos under ``DCIM/``), so the copy that lacks the
technician's work is never exported in its place."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field

from ..bilingual import counted
from ..db import (
    SIDE_FILES,
    connect,
    file_columns,
    in_command,
    in_wal_mode,
    quote,
    table_exists,
)
from ..errors import BadInput, Refused, SyncError
from ..forms import photo_size
from ..sync import changelog, drift, log_reads, package_export, registry
from . import dcim, photo_reads
from . import project as qproject


def wal_left(gpkg: str) -> str | None:
    """What to say of a QField project's package in WAL mode with no ``-wal`` beside it, or
    an empty one (checkout and pull leave it in rollback-journal mode): QField or QGIS may
    leave it so when they close it, their edits written in; but copied while the project
    was open there, its latest edits are in the ``-wal`` left on the phone. The file cannot
    tell which: said, so that the edits are looked for there, never taken as none."""
    if not os.path.isfile(gpkg) or wal_holds(gpkg) or not in_wal_mode(gpkg):
        return None
    name = os.path.basename(gpkg)
    how = f"with {name}-wal empty" if os.path.exists(gpkg + "-wal") else f"without {name}-wal"
    return (f"{gpkg} came back in WAL mode {how}: if the project was still open "
            f"in QField when it was copied, its latest edits are in {name}-wal on the phone, "
            f"not here: close the project in QField and copy the folder again, or copy "
            f"{name}-wal (and {name}-shm) beside it, and run this again")


# sync_meta of a package brought back in WAL mode without its -wal: :func:`wal_left` was said
# of this copy (an export notes it; a copy from the phone again lacks it, a pull clears it)
WAL_SAID = "qfield_wal_said"


def wal_said_before(gpkg: str) -> bool:
    """Whether what :func:`wal_left` says of ``gpkg`` was said of this copy of it already (by
    the export that noted it): the pull that follows does not say it again."""
    try:
        conn = connect(gpkg, readonly=True)
    except SyncError:
        return False
    try:
        return registry.meta(conn, WAL_SAID) == "1"
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def note_wal_said(conn, said: bool) -> None:
    """Note in the package of ``conn`` that :func:`wal_left` was said of it, or clear the
    note (a pull, whose zip carries the package to the phone, leaves none)."""
    if said:
        registry.set_meta(conn, WAL_SAID, "1")
    elif registry.meta(conn, WAL_SAID) is not None:
        conn.execute("DELETE FROM sync_meta WHERE key = ?", (WAL_SAID,))


def wal_holds(gpkg: str) -> bool:
    """Whether a ``-wal`` beside the file holds anything (SQLite may leave one empty)."""
    try:
        return os.path.getsize(gpkg + "-wal") > 0
    except OSError:
        return False


@dataclass
class Difference:
    zip_changes: int = 0  # local edits in the zip's package the folder's lacks
    folder_changes: int = 0  # and the other way
    zip_files: list[str] = field(default_factory=list)  # files the folder lacks or holds apart
    folder_files: list[str] = field(default_factory=list)  # files the zip lacks

    @property
    def zip_holds_more(self) -> bool:
        return bool(self.zip_changes or self.zip_files)

    @property
    def folder_holds_more(self) -> bool:
        return bool(self.folder_changes or self.folder_files)


def _edits(gpkg: str, folder: str | None = None) -> tuple[set[tuple], set[tuple]]:
    """The package's local edits, as what they changed and when (not their earlier values,
    which an export may give the photo names the master knows: :mod:`.photo_names`), but
    the readings of photos the exports of ``folder`` made (:mod:`.photo_reads`): a copy from
    the phone lacks them though nobody worked on the other, and an export puts them back.
    With them, as ``(table, row, operation)``, the edits the next export logs, which the
    capture did not see (a value typed into a column added, a row of a layer added): the
    edits ``status`` counts as waiting, counted alike here. Returned with those of them not
    sent yet: an edit an export of this copy sent (up to its "exported up to") is in a
    change package, no work the other copy lacks, though the other copy may lack it."""
    if not os.path.isfile(gpkg):
        return set(), set()
    conn = connect(gpkg, readonly=True)
    try:
        exported = changelog.state(conn)["exported_seq"]
        edits: set[tuple] = set()
        sent: set[tuple] = set()
        for c in log_reads.log(conn):
            if c["origin"] == "local":
                edit = (c["tbl"], c["row_uuid"], c["op"], c["new"], c["at"])
                edits.add(edit)
                if c["change_uuid"] is not None and c["seq"] <= exported:
                    sent.add(edit)
        if folder is not None:
            edits -= photo_reads.sent(folder, changelog.state(conn)["checkout_uuid"])
        drifts = drift.find(conn)
        if not drift.broken(drifts):
            for tbl, ops in drift.unlogged_rows(conn, drifts).items():
                by_uuid = "uuid" in file_columns(conn, tbl)
                edits |= {(tbl, conn.execute(f"SELECT uuid FROM {quote(tbl)} WHERE rowid = ?",
                                             (rowid,)).fetchone()[0] if by_uuid else rowid, op)
                          for rowid, op in ops.items()}
        return edits, edits - sent
    finally:
        conn.close()


def _lacking(edits: set[tuple], other: set[tuple]) -> int:
    """How many of ``edits`` (:func:`_edits`) the copy holding ``other`` lacks. An edit not
    logged yet in one copy is known in the other by its row and operation alone: exported
    from that copy, it was logged there when the export was made."""
    unlogged = {e for e in other if len(e) == 3}
    rows = unlogged | {e[:3] for e in other}
    return sum(1 for e in edits - other
               if e[:3] not in (rows if len(e) == 3 else unlogged))


def _same_file(path: str, info: zipfile.ZipInfo) -> bool:
    if not os.path.isfile(path) or os.path.getsize(path) != info.file_size:
        return False
    crc = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            crc = zlib.crc32(chunk, crc)
    return crc == info.CRC


# a QGIS project file, QGIS's (and QField's) backup of it saved over (``~``) and the ones a
# pull that writes it again keeps (``.bak``, ``.bak.2`` …): no work, whichever copy holds it
PROJECT_FILE = re.compile(r"\.(qgs|qgz)(~|\.bak(\.\d+)?)?$")


def is_project_file(name: str) -> bool:
    return PROJECT_FILE.search(name) is not None


def is_project_backup(name: str) -> bool:
    """A project file's backup (QGIS's ``~``, a pull's ``.bak``): kept in the office folder,
    not carried to the phone, where QField opens the project by its own file."""
    found = PROJECT_FILE.search(name)
    return found is not None and found.group(2) is not None


def _stored(gpkg: str, digests: dict[str, str]) -> set[str]:
    """The names in ``digests`` (name: SHA-256 of its bytes) whose bytes the package
    ``gpkg`` stores already (a photo an export read, or a pull brought, taken again since in
    the other copy under its name; one a pull wrote into the folder): no work the other copy
    lacks. A photo stored smaller is known by the original it was made from."""
    if not digests or not os.path.isfile(gpkg):
        return set()
    conn = connect(gpkg, readonly=True)
    try:
        if not table_exists(conn, "attachments"):
            return set()
        return {name for name, sha in digests.items()
                if conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
                or sha in _originals(conn, name)}
    finally:
        conn.close()


def _zip_sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    with zf.open(info) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _originals(conn, name: str) -> set[str]:
    """The originals the pictures stored for the photos naming the file ``name`` were made
    smaller from."""
    if not package_export.plan_photos(conn):
        return set()
    return {sha for (data,) in conn.execute(
        "SELECT a.data FROM photos p JOIN attachments a ON a.sha256 = p.sha256 "
        "WHERE p.file_name = ?", (name,)) if (sha := photo_size.original_sha256(bytes(data)))}


def compare(folder: str, zip_path: str) -> Difference:
    """What the zip holds that ``folder`` (where it is unpacked) lacks, and the edits and
    files the folder holds that the zip lacks. BadInput when the zip cannot be read."""
    try:
        with zipfile.ZipFile(zip_path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            packages = sorted((i for i in infos
                               if i.filename.rsplit("/", 1)[-1] == qproject.GPKG_NAME),
                              key=lambda i: i.filename.count("/"))
            if not packages:
                raise BadInput(f"{zip_path} holds no {qproject.GPKG_NAME}: not a QField "
                               "project of a field package")
            member = packages[0].filename
            here = os.path.dirname(os.path.join(folder, *member.split("/")))  # its photos'
            package_members = {member + s for s in ("", *SIDE_FILES)}
            # (a project file is no work the folder lacks, whichever changed: the folder's
            # is the one QGIS saved, and one the folder lacks the pull writes again)
            apart = [i for i in infos if i.filename not in package_members
                     and not is_project_file(i.filename)
                     and not _same_file(os.path.join(folder, *i.filename.split("/")), i)]
            digests = {i.filename: _zip_sha256(zf, i) for i in apart}
            held = _stored(os.path.join(folder, *member.split("/")), digests)
            tmp = tempfile.mkdtemp(prefix="toksun-qfield-")
            try:
                names = {i.filename for i in infos}
                for name in sorted(package_members & names):
                    target = os.path.join(tmp, qproject.GPKG_NAME + name[len(member):])
                    with zf.open(name) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                theirs, theirs_unsent = _edits(os.path.join(tmp, qproject.GPKG_NAME), here)
                # (a photo the zip's own package stores is in its edits: sent, or counted)
                held |= _stored(os.path.join(tmp, qproject.GPKG_NAME), digests)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            out = Difference(zip_files=[i.filename for i in apart if i.filename not in held])
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadInput(f"{zip_path} is not a readable zip ({exc})") from None
    ours, ours_unsent = _edits(os.path.join(folder, *member.split("/")), here)
    # only work not sent yet is lacking: what either copy sent is in a change package
    out.zip_changes = _lacking(theirs_unsent, ours)
    out.folder_changes = _lacking(ours_unsent, theirs)
    # (nor is a file in DCIM/ no record of the folder's package names: a pull leaves it out)
    unnamed = set(unnamed_photos(os.path.join(folder, *member.split("/")), folder))
    only_here = [n for n in _files(folder) if n not in names and n not in package_members
                 and not is_project_file(n) and not kept_at_the_office(folder, n)
                 and n not in unnamed]
    brought = _stored(os.path.join(folder, *member.split("/")), {  # (by a pull, say)
        n: photo_size.file_sha256(os.path.join(folder, *n.split("/"))) for n in only_here})
    out.folder_files = [n for n in only_here if n not in brought]
    return out


def unnamed_photos(gpkg: str, folder: str) -> list[str]:
    """The files under the project's ``DCIM/`` no record of its package ``gpkg`` names (a
    photo of a record deleted, the old name of a photo renamed, a file put there), as zip
    member names of ``folder``: no work (no export sends them), not carried to the phone."""
    if not os.path.isfile(gpkg):
        return []
    here = os.path.dirname(os.path.abspath(gpkg))
    sub = os.path.relpath(here, folder).replace(os.sep, "/")
    conn = connect(gpkg, readonly=True)
    try:
        if not table_exists(conn, "photos"):
            return []
        return [n if sub == "." else f"{sub}/{n}" for n in dcim.unnamed(conn, here)]
    finally:
        conn.close()


def kept_at_the_office(folder: str, name: str) -> bool:
    """Whether the file ``name`` (as a zip member name) under ``folder`` is one the office
    keeps beside a project folder inside it (a zip holding the project folder itself is
    unpacked so): the readings of its exports (:mod:`.photo_reads`), or the zip a pull
    into it writes again. Neither is work of the folder's, nor goes to a phone."""
    if name.endswith(photo_reads.SUFFIX):
        return True
    stem, ext = os.path.splitext(name)
    return ext == ".zip" and os.path.isfile(
        os.path.join(folder, *stem.split("/"), qproject.GPKG_NAME))


def _files(folder: str) -> list[str]:
    """The files under ``folder``, as zip member names."""
    out = []
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        out += [os.path.relpath(os.path.join(here, f), folder).replace(os.sep, "/")
                for f in sorted(files)]
    return out


def _listed(names: list[str], most: int = 5) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _held(changes: int, files: list[str]) -> str:
    return " and ".join(([counted(changes, "change")] if changes else []) +
                        ([f"{'file' if len(files) == 1 else 'files'} {_listed(files)}"]
                         if files else []))


def _free_second(folder: str) -> str:
    """The name to give a second copy's zip, ``folder``-2.zip or on: one that is no zip nor
    folder there yet (renamed to, it would be written over; exported, unpacked into)."""
    n = 2
    while os.path.lexists(f"{folder}-{n}.zip") or os.path.lexists(f"{folder}-{n}"):
        n += 1
    return f"{folder}-{n}.zip"


def refusal(folder: str, zip_path: str, diff: Difference, *, given: str,
            doing: str = "exported") -> Refused:
    """Why neither copy is exported (``doing``: or pulled into): each named, with what it
    holds that the other lacks, and how to go on without losing either's work."""
    text = (f"{zip_path} and the folder {folder} are two copies of one project that differ: "
            f"{zip_path} holds {_held(diff.zip_changes, diff.zip_files)} that {folder} lacks")
    if diff.folder_holds_more:
        second = _free_second(folder)
        text += (f", and {folder} holds {_held(diff.folder_changes, diff.folder_files)} that "
                 f"{zip_path} lacks")
        how = (f"both copies were worked on: to send both, rename {zip_path} to {second} and "
               f"export each (field-kit export {in_command(folder)} …, then field-kit export "
               f"{in_command(second)} …, which unpacks it to {second[:-len('.zip')]}), then "
               "merge both packages: where the two copies changed one field the merge records "
               "a conflict to settle")
        if doing == "pulled":
            how += "; then pull into each folder"
    elif doing == "pulled":
        how = (f"export the zip's copy first: move the folder {folder} away and export "
               f"{zip_path} (it is unpacked to {folder}), then pull into that folder; or, to "
               f"pull into the folder as it is, move {zip_path} away")
    elif given == zip_path:
        how = (f"to export {os.path.basename(zip_path)}, move the folder {folder} away (the "
               "zip is unpacked there) and export the zip again")
    else:
        how = (f"to export the zip's copy, move the folder {folder} away and export "
               f"{zip_path}; to export the folder as it is, move {zip_path} away")
    return Refused(f"{text}; nothing was {doing}: {how}")
