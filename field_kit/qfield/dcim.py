# SPDX-License-Identifier: GPL-2.0-or-later
"""Photos taken in QField: files under the project's ``DCIM/`` that ``photos`` rows name by a
path relative to the project. Before a change package is written they are brought in like
the app's photos: read, checked as JPEG or PNG, hashed, their EXIF position, time and
heading read, the ``photos`` row completed and the bytes stored in ``attachments`` — in the
package, with capture on, so the change package carries them. A file that holds other
bytes than were read (QField's photo widget, taking the picture again, writes a new file
and points the row at it) is read again. The photos of a record deleted in the project are
deleted with it, as the app deletes them (a project written before a record owned its
photos deletes the record alone)."""

from __future__ import annotations

import hashlib
import os
import posixpath
import sqlite3
from collections.abc import Callable, Collection

from ..bilingual import EN, noun, them
from ..db import connect, table_exists, transaction
from ..errors import BadInput
from ..forms import exif, photo_size, settings
from ..forms.store import ATTACHMENTS_DDL
from ..plan.values import column_named, feature_name, names_in
from ..sync import log_reads, log_values
from ..sync.package_export import plan_photos
from . import attribute_forms as qforms
from . import photo_names

# (picture, long edge, file name) -> (file name, bytes to store)
Shrink = Callable[[bytes, int, str], "tuple[str, bytes]"]
NO_SHRINK = ("making photos smaller needs PyQt5, the field app's toolkit: install it "
             "(pip install 'toksun-field-kit[app]') and export again")

_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def image_type(data: bytes) -> str | None:
    """The MIME type of a JPEG or PNG by its first bytes; None for anything else."""
    return next((mime for magic, mime in _MAGIC if data.startswith(magic)), None)


_RECORD_TABLES = ("patch_verifications", "project_inspections")


def _record_table(conn: sqlite3.Connection, record_uuid: str) -> str | None:
    for form_table in _RECORD_TABLES:
        if conn.execute(f'SELECT 1 FROM "{form_table}" WHERE uuid = ?',
                        (record_uuid,)).fetchone():
            return form_table
    return None


def orphans(conn: sqlite3.Connection
            ) -> dict[tuple[str, str, str | None], list[tuple[str, str]]]:
    """The photos whose record was deleted here (its latest change a local delete), by
    record: {(table, record uuid, the record's name): [(photo uuid, file name)]}, the
    record named by what it held when deleted (its patch or project and day; None where
    nothing names it). A photo naming a record this package never deleted is none of
    them."""
    missing = " AND ".join(f'NOT EXISTS (SELECT 1 FROM "{t}" r WHERE r.uuid = p.record_uuid)'
                           for t in _RECORD_TABLES)
    found: dict[tuple[str, str, str | None], list] = {}
    for uuid, record, name in conn.execute(
            f"SELECT p.uuid, p.record_uuid, p.file_name FROM photos p WHERE p.record_uuid IS "
            f"NOT NULL AND {missing} ORDER BY p.fid").fetchall():
        latest = log_reads.log(conn, limit=1, row_uuid=record)
        if latest and latest[0]["op"] == "delete" and latest[0]["origin"] == "local" and \
                latest[0]["tbl"] in _RECORD_TABLES:
            held = latest[0]["old"]
            named = feature_name(latest[0]["tbl"], log_values.loads(held) if isinstance(
                held, str) else held or {})
            found.setdefault((latest[0]["tbl"], record, named), []).append((uuid, name or uuid))
    return found


def _drop(conn: sqlite3.Connection, found: dict) -> list[str]:
    """Delete the photos :func:`orphans` found (captured: the master deletes them too), in
    the caller's transaction; what is said of them."""
    conn.executemany("DELETE FROM photos WHERE uuid = ?",
                     [(u,) for rows in found.values() for u, _ in rows])
    return [deleted_said(table, record, named, [name for _, name in rows])
            for (table, record, named), rows in found.items()]


def deleted_said(table: str, record: str, named: str | None, names: list[str],
                 ahead: bool = False) -> str:
    """The photos ``names`` of a record deleted in the project, deleted with it (``ahead``:
    by the next export, as status says it)."""
    when = " by the next export" if ahead else ""
    return (f"photos of {_record_said(table, record, named)}, deleted in the project, "
            f"deleted with it{when}: {', '.join(names)}")


def _record_said(table: str, record: str, named: str | None) -> str:
    """A record as status names it: its layer by its title, then its patch or project and
    day (``named``) with its uuid, or its uuid alone where nothing names it."""
    return f"{column_named(table, EN)} {f'{named} (row {record})' if named else record}"


def path_in(folder: str, name: str) -> str | None:
    """The file a stored path names, inside ``folder`` only (no escaping it)."""
    rel = posixpath.normpath(name.replace("\\", "/"))
    if rel.startswith(("../", "/")) or rel == ".." or os.path.isabs(rel):
        return None
    return os.path.join(folder, *rel.split("/"))


def _renamed_since_read(conn: sqlite3.Connection, uuid: str) -> bool:
    """Whether the row's file_name changed here after its bytes were last read (its sha256
    set): by the package's own edits, newest first (a pull writes the file it names)."""
    for change in log_reads.log(conn, row_uuid=uuid):
        if change["origin"] != "local":
            continue
        new = log_values.loads(change["new"]) if isinstance(change["new"], str) else change["new"]
        if "sha256" in (new or {}):
            return False
        if "file_name" in (new or {}):
            return True
    return False


def _to_read(conn: sqlite3.Connection, folder: str, skip: Collection[str] = (),
             read_back: dict[str, str] | None = None) -> tuple[list, list, list, list]:
    """(rows whose file is to be read, names of files missing, rows passed over, names of
    files that cannot be told apart): the rows with no bytes yet, and those whose file now
    holds other bytes than were read (a picture taken again under a new name or the same
    one). A row read before whose file is gone keeps its bytes, unless its file_name changed
    since: then the file it names is missing. A file other photos name too (a folder a
    checkout wrote before each photo had a file of its own) is read for none of those read
    before: where it is another one's picture, or one pointed at it here, it is passed over
    (that photo keeps the picture it was sent with); where it holds a picture none of them
    had, it is named. ``read_back`` (photo uuid: sha256): the readings an export is to log
    again first (:func:`.photo_reads.due`), taken as made, for status to count ahead."""
    todo, missing, passed, unclear = [], [], [], []
    back = read_back or {}
    rows = [(*r[:4], back.get(r[0], r[4])) for r in conn.execute(
        "SELECT uuid, record_uuid, record_table, file_name, sha256 FROM photos WHERE "
        "file_name IS NOT NULL ORDER BY fid").fetchall() if r[0] not in skip]

    def renamed_since_read(uuid: str) -> bool:  # (a reading logged again is the latest)
        return uuid not in back and _renamed_since_read(conn, uuid)
    named: dict[str, list] = {}
    for row in rows:
        named.setdefault(photo_names.key(row[3]), []).append(row)
    for uuid, record_uuid, record_table, name, sha in rows:
        path = path_in(folder, name)
        if path is None or not os.path.isfile(path):
            if sha is None or renamed_since_read(uuid):
                missing.append(name)
        elif sha is None or _holds_other_bytes(conn, path, sha):
            others = [r for r in named[photo_names.key(name)] if r[0] != uuid]
            if sha is None or not others or renamed_since_read(uuid):
                todo.append((uuid, record_uuid, record_table, name, path))
            elif any(o[4] is None or renamed_since_read(o[0]) or
                     _is_photo(conn, photo_size.file_sha256(path), o[4]) for o in others):
                passed.append((record_table, record_uuid, name))
            elif name not in unclear:
                unclear.append(name)
    return todo, missing, passed, unclear


def write_out(gpkg: str, folder: str, changed: Collection[str] = (), progress=None
              ) -> tuple[list[str], list[str]]:
    """Put each photo the package holds as the file its row names, inside ``folder``, so
    QField shows the photos taken before (a row naming no file, or a file outside the
    folder, is left as it is; export then finds each file as it was read); a photo whose
    name another picture holds gets a name of its own first (:mod:`.photo_names`). A file already
    there is left as it is, except for a row in ``changed`` (a pull brought its picture)
    whose file holds another picture: that one is written over when it is a picture the
    package stored before (the one this photo had, taken again elsewhere since), and kept
    otherwise (a picture taken here since, not read yet). ``progress(fraction)`` hears how
    many of the photos are done, file by file; raising from it stops there. Returns (the
    names written, the names kept holding another picture than their row's)."""
    conn = connect(gpkg, unfinished=True)  # (the checkout's, in its folder not yet named)
    try:
        if not (plan_photos(conn) and table_exists(conn, "attachments")):
            return [], []  # (a county's own photos layer, not the plan's)
        changed = set(changed)
        photo_names.give_own(conn, folder, lambda name: path_in(folder, name),
                             lambda path, sha: sha is not None and
                             _is_photo(conn, photo_size.file_sha256(path), sha), changed)
        written, kept = [], []
        rows = conn.execute(
            "SELECT p.uuid, p.file_name, p.sha256 FROM photos p WHERE p.file_name IS NOT "
            "NULL AND p.sha256 IN (SELECT sha256 FROM attachments) ORDER BY p.fid").fetchall()
        for done, (uuid, name, sha) in enumerate(rows):
            if progress is not None:  # (before each file: a Cancel is heard before it is written)
                progress(done / len(rows))
            path = path_in(folder, name)
            if path is None:
                continue
            if os.path.exists(path):
                if uuid not in changed:
                    continue
                found = photo_size.file_sha256(path)
                if _is_photo(conn, found, sha):
                    continue
                if not _stored_elsewhere(conn, name, found):
                    kept.append(name)
                    continue
            elif _renamed_since_read(conn, uuid):
                continue  # the file it names now is not the picture stored: export says so
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = conn.execute("SELECT data FROM attachments WHERE sha256 = ?",
                                (sha,)).fetchone()[0]
            with open(path, "wb") as fh:
                fh.write(bytes(data))
            written.append(name)
        if progress is not None:
            progress(1.0)
        return written, kept
    finally:
        conn.close()


def _stored_elsewhere(conn: sqlite3.Connection, name: str, found: str) -> bool:
    """Whether the file ``name`` holding the bytes ``found`` is a picture the package stored
    that no photo record naming that file shows now, nor waits to read."""
    if not conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (found,)).fetchone():
        return False
    return not conn.execute("SELECT 1 FROM photos WHERE file_name = ? AND (sha256 = ? OR "
                            "sha256 IS NULL)", (name, found)).fetchone()


def _holds_other_bytes(conn: sqlite3.Connection, path: str, sha: str) -> bool:
    """Whether the file is neither the photo stored as ``sha`` nor the original it was
    made smaller from."""
    return not _is_photo(conn, photo_size.file_sha256(path), sha)


def _is_photo(conn: sqlite3.Connection, found: str, sha: str) -> bool:
    """Whether bytes hashed ``found`` are the photo stored as ``sha`` or the original it was
    made smaller from."""
    if found == sha:
        return True
    stored = conn.execute("SELECT data FROM attachments WHERE sha256 = ?",
                          (sha,)).fetchone() if table_exists(conn, "attachments") else None
    return stored is not None and photo_size.original_sha256(bytes(stored[0])) == found


def unread(conn: sqlite3.Connection, folder: str, read_back: Collection[dict] = ()
           ) -> dict:
    """What status says of the photos of the project ``folder`` that its package's edits do
    not show: the files of photos taken again since they were read, which the next export
    reads and sends, though no edit waits for them; the photo files missing, the paths
    leaving the folder and the files cut short, for which :func:`bring_in` refuses the
    export; every photo the next
    export reads in, the readings of an earlier export it logs again first (``read_back``,
    :func:`.photo_reads.due`), and the photos of records deleted here that it deletes with
    them (each a change it makes)."""
    if not plan_photos(conn):
        return {"photos_taken_again": [], "photo_files_missing": [], "photos_unnamed": [],
                "photo_paths_outside": [],
                "photos_cut_short": [], "photos_to_read": [], "photos_read_back": [],
                "photos_deleted_with_records": []}
    back = {r["row"]: log_values.loads(r["new"]).get("sha256") for r in read_back}
    found = orphans(conn)
    gone = {u for rows in found.values() for u, _ in rows}
    rows, missing, _passed, _unclear = _to_read(conn, folder, gone, back)
    # (read one at a time, as bring_in reads them: the export refuses these by name)
    cut = [name for _u, _r, _t, name, path in rows if not photo_size.whole(_read(path))]
    rows = [row for row in rows if row[3] not in cut]
    read = {u for (u,) in conn.execute("SELECT uuid FROM photos WHERE sha256 IS NOT NULL")}
    return {"photos_taken_again": [name for uuid, _r, _t, name, _p in rows
                                   if uuid in read or uuid in back],
            "photo_files_missing": [n for n in missing if path_in(folder, n) is not None],
            "photos_unnamed": unnamed(conn, folder) if missing else [],
            "photo_paths_outside": [n for n in missing if path_in(folder, n) is None],
            "photos_cut_short": cut,
            "photos_read_back": [r.get("file_name") or r["row"] for r in read_back],
            "photos_to_read": [name for _u, _r, _t, name, _p in rows],
            "photos_deleted_with_records": [
                {"table": table, "record": record, "name": named,
                 "photos": [name for _, name in photos],
                 "said": deleted_said(table, record, named, [name for _, name in photos],
                                      ahead=True)}
                for (table, record, named), photos in found.items()]}


def bring_in(conn: sqlite3.Connection, folder: str | os.PathLike,
             shrink: Shrink | None = None, said: list[str] | None = None) -> list[str]:
    """Complete every ``photos`` row whose file is not read yet or holds other bytes than
    were read; return the names brought in. A picture whose long edge is over the package
    setting ``photo_long_edge_px`` is stored that size, made by ``shrink`` (the field app's
    :func:`field_kit.app.photos.shrink`: it needs Qt). Raise BadInput naming every missing,
    unreadable or cut short file, path leaving the folder, (without ``shrink``) too large
    file, or one several photos name that holds a picture none of them had: nothing is
    written then. A photo whose file is another one's picture is passed over, which is
    added to ``said``; so are the photos of a record deleted here (:func:`orphans`), deleted
    with the rest."""
    folder = os.fspath(folder)
    orphaned = orphans(conn)
    rows, missing, passed, unclear = _to_read(
        conn, folder, {u for found in orphaned.values() for u, _ in found})
    if unclear:
        raise BadInput(f"{', '.join(unclear)} in {folder}: the file of more than one photo, "
                       "holding a picture none of them was sent with, so whose photo was "
                       "taken again cannot be told; nothing was "
                       "exported: take the picture again in QField on the record it belongs "
                       "to (QField gives it a name of its own), then move the file out of the "
                       "folder (each photo keeps the picture it was sent with)")
    if said is not None:
        named = names_in(conn, [(table, record) for table, record, _ in passed])
        said.extend(f"{name} is not read for "
                    f"{_record_said(table, record, named.get((table, record)))}: it is the "
                    "file of another photo too, holding another picture; the photo keeps the "
                    "picture it was sent with" for table, record, name in passed)
    if not (rows or missing or orphaned):
        return []
    edge = settings.get(conn, "photo_long_edge_px")
    outside = [name for name in missing if path_in(folder, name) is None]
    missing = [name for name in missing if name not in outside]
    not_images, cut_short, too_large = [], [], []
    for _uuid, _record, _table, name, path in rows:
        data = _read(path)
        if image_type(data) is None:
            not_images.append(name)
        elif not photo_size.whole(data):
            cut_short.append(name)
        elif shrink is None and photo_size.too_large(data, edge):
            w, h = photo_size.too_large(data, edge) or (0, 0)
            too_large.append(f"{name} ({w}×{h})")
    if missing or outside or not_images or cut_short:
        raise BadInput(refused_said(folder, missing, outside, not_images, cut_short,
                                    unnamed(conn, folder) if missing else ()))
    if too_large:
        raise BadInput(f"{noun(len(too_large), 'photo')} larger than the package's "
                       f"photo_long_edge_px ({edge} px) and no way to make "
                       f"{them(len(too_large))} smaller here: {', '.join(too_large)}; "
                       f"nothing was exported: {NO_SHRINK}")
    conn.execute(ATTACHMENTS_DDL)
    # (sealed, they are dated after the device's edits they follow, whatever this
    # computer's clock reads: device_clock.in_device_order)
    with transaction(conn):
        dropped = _drop(conn, orphaned)
        for uuid, record_uuid, record_table, name, path in rows:
            original = _read(path)  # read again: one picture in memory at a time
            data = shrink(original, edge, posixpath.basename(name))[1] if shrink else original
            if photo_size.too_large(data, edge):
                raise BadInput(f"{name} could not be made smaller than {edge} px; "
                               "nothing was exported: open and save it again with an image "
                               "editor, or delete its photo record")
            mime = image_type(data) or "image/jpeg"
            sha = hashlib.sha256(data).hexdigest()
            info = exif.parse_jpeg(original) if original[:2] == b"\xff\xd8" else exif.PhotoInfo()
            conn.execute("INSERT OR IGNORE INTO attachments (sha256, data, size, mime_type) "
                         "VALUES (?, ?, ?, ?)", (sha, data, len(data), mime))
            table = record_table or (_record_table(conn, record_uuid) if record_uuid else None)
            conn.execute(
                "UPDATE photos SET sha256 = ?, mime_type = ?, taken_at = ?, lon = ?, lat = ?, "
                "heading = ?, record_table = ? WHERE uuid = ?",
                (sha, mime, info.taken_at, info.lon, info.lat, info.heading, table, uuid))
    if said is not None:
        said.extend(dropped)
    return [r[3] for r in rows]


def unnamed(conn: sqlite3.Connection, folder: str) -> list[str]:
    """The files under the project's ``DCIM/`` no photo record names (as zip member names):
    a photo renamed on the phone or in copying is one of them, its record naming the
    file missing."""
    named = {photo_names.key(n) for (n,) in conn.execute(
        "SELECT file_name FROM photos WHERE file_name IS NOT NULL")}
    out = []
    for here, dirs, files in os.walk(os.path.join(folder, qforms.PHOTO_DIR)):
        dirs.sort()
        for f in sorted(files):
            name = os.path.relpath(os.path.join(here, f), folder).replace(os.sep, "/")
            if photo_names.key(name) not in named:
                out.append(name)
    return out


def gone_said(folder: str) -> list[str]:
    """Where the project's whole ``DCIM/`` is gone (a photo file is missing): said so."""
    if os.path.isdir(os.path.join(folder, qforms.PHOTO_DIR)):
        return []
    return [f"the folder {qforms.PHOTO_DIR}/ is gone from {folder}, with every photo taken "
            "in QField: copy it back from the phone"]


def unnamed_said(files: Collection[str]) -> list[str]:
    """The files in ``DCIM/`` no record names (:func:`unnamed`), where a photo file is
    missing: each perhaps one of those under another name."""
    if not files:
        return []
    return [f"{noun(len(files), 'file')} in {qforms.PHOTO_DIR}/ no photo record names, "
            "perhaps a missing photo "
            f"under another name (give it back its name): {', '.join(files)}"]


def in_project(name: str) -> str:
    """The path inside the project a photo's path leaving it (absolute, a drive, ``..``)
    means: from its last ``DCIM/`` on, else its file under ``DCIM/``."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    at = max((i for i, p in enumerate(parts) if p.casefold() == qforms.PHOTO_DIR.casefold()),
             default=None)
    return posixpath.join(qforms.PHOTO_DIR, *(parts[at + 1:] if at is not None else parts[-1:]))


def outside_said(names: Collection[str]) -> str:
    """Photo paths leaving the project folder, each with the path it must be."""
    return ", ".join(f"{name} (must be {in_project(name)})" for name in names)


def refused_said(folder: str, missing: Collection[str], outside: Collection[str] = (),
                 not_images: Collection[str] = (), cut_short: Collection[str] = (),
                 unnamed_files: Collection[str] = ()) -> str:
    """Why an export refuses the project's photos, each file named, and what to do."""
    problems, todo = [], []
    if missing:
        problems += gone_said(folder)
        problems.append(f"{noun(len(missing), 'photo file')} missing from {folder}: "
                        f"{', '.join(missing)}")
        problems += unnamed_said(unnamed_files)
        todo.append(f"copy the missing photos back into {qforms.PHOTO_DIR}/")
    if outside:  # (copied into DCIM/, the record would still name the path it has)
        problems.append(f"{noun(len(outside), 'photo path')} outside the project folder: "
                        f"{outside_said(outside)}")
        todo.append("set the path of each photo record outside the folder as said (in QGIS: "
                    "the photos layer of the project) and put its file there")
    if not_images:  # (a file there that is no picture is replaced, not copied back)
        problems.append(f"not a JPEG or PNG image: {', '.join(not_images)}")
        todo.append("put a picture in place of each file that is none")
    if cut_short:  # (a decoder fills the rest grey without a word)
        problems.append(f"not the whole picture, cut short: {', '.join(cut_short)}")
        todo.append("copy each picture cut short again from the phone")
    said = (f"copy the photos back into {qforms.PHOTO_DIR}/ or delete their photo records"
            if len(todo) == 1 and missing else
            ", ".join(todo) + ", or delete their photo records")
    return "; ".join(problems) + f"; nothing was exported: {said}"


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()
