# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package as a QField project folder, and finding the package in one brought back.

``checkout(master, OUT, device, ...)`` writes::

    OUT/                       the project folder (OUT must not exist)
        package.gpkg           the field package, as ``field-kit checkout`` writes it
        <OUT's name>.qgs       the QGIS project, every layer by a relative path
        DCIM/                  where QField keeps the photos it takes
        basemap.<ext>          with --basemap: the MBTiles or GeoTIFF, a raster layer
    OUT.zip                    the same folder's contents, for QField's "import from ZIP"

Both are written under other names (``OUT.part``, ``OUT.zip.part``) and named last: a
checkout cut short leaves nothing taken for the project, and the same command run again
makes it (or, killed between the two names, writes the zip again).

``pull(OUT, master)`` keeps both so: the photos the pull brought are written to ``DCIM/`` and
``OUT.zip`` is written again from the folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field

from .. import package_lock
from ..bilingual import counted, noun, them
from ..db import (
    PART,
    FileProblem,
    connect,
    file_columns,
    file_problem,
    in_command,
    in_wal_mode,
    quote,
    refuse_unfinished,
    transaction,
)
from ..errors import BadInput, Busy, Cancelled, SyncError, add_note
from ..forms.photo_size import file_sha256
from ..plan import schema
from ..sync import changelog, log_reads, masters, not_finite, registry
from ..sync.outcomes import APPLIED, Result
from . import attribute_forms as qforms
from . import basemap as qbasemap
from . import copies, dcim, exports_waiting, photo_names, photo_reads
from . import project as qproject

BASEMAP_TYPES = (".mbtiles", ".tif", ".tiff")
# Where each step of a QField checkout ends on its progress (0..1): the field package, its
# photos written to DCIM/, a --basemap copied in (imagery: it may be GBs); its zip takes the
# rest (the package and the basemap, deflated, are most of it).
PACKAGED = 0.7
PHOTOS_WRITTEN = 0.75
BASEMAP_COPIED = 0.85
# bytes zipped, or of a basemap copied, between two ticks of its progress
ZIP_STEP_BYTES = 1024 * 1024


def checkout(master, out, device: str, *, township: str | None = None,
             bbox: tuple[float, float, float, float] | None = None, patches=None,
             features: dict[str, list[str]] | None = None, role: str = schema.TECHNICIAN,
             basemap: str | os.PathLike | None = None,
             replace: bool = False, progress=None) -> dict:
    """Write the project folder ``out`` and its zip. The folder is written as ``out``.part
    and its zip as ``out``.zip.part, both named once whole: a checkout that fails or is
    killed once the master registered the device keeps its package there unnamed, as a
    GeoPackage checkout does (handed to no one), so that the same command run again makes
    the project (``"finished"`` in what is returned: the one cut short). ``progress`` hears
    how far it got: its field package, as :func:`field_kit.sync.masters.checkout` says
    (up to :data:`PACKAGED`), its photos file by file (up to :data:`PHOTOS_WRITTEN`), the
    basemap copied :data:`ZIP_STEP_BYTES` at a time (up to :data:`BASEMAP_COPIED`), then its
    zip, as many bytes at a time. Raising from it (:class:`~field_kit.errors.Cancelled`)
    while the package is written leaves nothing, the device not registered; after, once the
    master registered the device, it leaves the folder unnamed, as a checkout cut short,
    said so."""
    out = os.path.abspath(os.fspath(out)).rstrip(os.sep)
    zip_path = out + ".zip"
    if os.path.exists(out):
        named = _zip_not_named(out, zip_path, device)
        if named is not None:  # (warned of as the run it finishes would have warned)
            return {**named, "warnings": masters.checkout_warnings(
                master, os.path.join(out, qproject.GPKG_NAME))}
        raise BadInput(f"{out} exists already; choose another name")
    if os.path.exists(zip_path):
        raise BadInput(f"{zip_path} exists already; choose another name")
    ext, base_epsg = None, 0
    if basemap is not None:
        ext = os.path.splitext(os.fspath(basemap))[1].lower()
        if not os.path.isfile(basemap):
            raise BadInput(f"no such basemap file: {basemap}")
        if ext not in BASEMAP_TYPES:
            raise BadInput(f"a basemap is an MBTiles or GeoTIFF file, not {basemap}")
        base_epsg = qbasemap.epsg(basemap)
    work = out + PART
    gpkg = os.path.join(work, qproject.GPKG_NAME)
    zip_part = zip_path + PART
    finished = os.path.isdir(work)
    if finished:  # what a checkout cut short left: its package, unnamed, and its zip's part
        _keep_unnamed(gpkg)
        for part in (zip_part, zip_part + PART):
            with contextlib.suppress(FileNotFoundError):
                os.remove(part)
    else:
        os.makedirs(work)
    registered = False
    tick = progress or (lambda fraction: None)
    try:
        info = masters.checkout(master, gpkg, device, township=township, bbox=bbox,
                                patches=patches, features=features, role=role,
                                replace=replace, warn=False,
                                progress=None if progress is None
                                else lambda f: progress(PACKAGED * f))
        registered = True
        one_file(gpkg)
        os.makedirs(os.path.join(work, qforms.PHOTO_DIR))
        dcim.write_out(gpkg, work, progress=_between(progress, PACKAGED, PHOTOS_WRITTEN))
        base_name = None
        if basemap is not None:
            base_name = f"basemap{'.tif' if ext == '.tiff' else ext}"
            _copy(basemap, os.path.join(work, base_name),
                  _between(progress, PHOTOS_WRITTEN, BASEMAP_COPIED))
        qgs = f"{os.path.basename(out)}.qgs"
        write_project(gpkg, os.path.join(work, qgs), device=device, role=role,
                      basemap=(base_name, base_epsg) if base_name else None)
        _note_written(gpkg, os.path.join(work, qgs))
        zipped_from = BASEMAP_COPIED if basemap is not None else PHOTOS_WRITTEN
        tick(zipped_from)  # (the project file written: a Cancel is heard before the zip)
        make_zip(work, zip_part, progress=_between(progress, zipped_from, 1.0))
        os.replace(work, out)
    except BaseException as exc:
        for made in (zip_part, zip_path):  # (no zip was there before)
            with contextlib.suppress(OSError):
                os.remove(made)
        # (the package named, or kept unnamed, is registered: stopped as the checkout
        # returned, before it was noted here)
        if not (registered or os.path.exists(gpkg) or os.path.exists(gpkg + PART)):
            shutil.rmtree(work, ignore_errors=True)  # the master does not know it
            raise
        _keep_unnamed(gpkg)
        if isinstance(exc, Cancelled):  # (not "nothing was changed": the master knows it)
            raise Cancelled(f"cancelled by the user once the master had registered device "
                            f"{device}: the QField project {out} was not made; run the same "
                            "command again, which makes it") from None
        if isinstance(exc, Exception):
            raise _not_made(out, exc) from None
        raise
    os.replace(zip_part, zip_path)
    return {**info, "folder": out, "project": os.path.join(out, qgs), "zip": zip_path,
            "finished": finished, "warnings": masters.checkout_warnings(
                master, os.path.join(out, qproject.GPKG_NAME), info.get("box_empty"))}


def _between(progress, start: float, end: float):
    """``progress`` hearing a step's own fraction (0..1) as its share, ``start`` to ``end``,
    of the whole checkout; None for none."""
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


def _copy(src: str | os.PathLike, dst: str, progress=None) -> None:
    """Copy the file ``src`` to ``dst`` (a basemap: imagery, it may be GBs), ``progress``
    hearing how much of it is copied, :data:`ZIP_STEP_BYTES` at a time; raising from it
    stops the copy (the file cut short is the caller's to remove)."""
    if progress is None:
        shutil.copyfile(src, dst)
        return
    total = os.path.getsize(src)
    copied = 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(ZIP_STEP_BYTES):
            fout.write(chunk)
            copied += len(chunk)
            progress(min(1.0, copied / total))
    progress(1.0)  # (an empty file too)


def _zip_not_named(out: str, zip_path: str, device: str) -> dict | None:
    """A checkout to ``out`` for ``device`` killed once the folder was named, before its zip
    was (``out``.zip.part, whole or not, is left): the zip written again from the folder,
    as a pull writes it, finishes it. None for any other folder."""
    gpkg = os.path.join(out, qproject.GPKG_NAME)
    if not (os.path.isdir(out) and os.path.isfile(gpkg) and os.path.isfile(zip_path + PART)
            and not os.path.lexists(zip_path)):
        return None
    conn = connect(gpkg, readonly=True)
    try:
        st = changelog.state(conn)
    finally:
        conn.close()
    if (st["kind"], st["device"]) != (changelog.PACKAGE, device):
        return None
    make_zip(out, zip_path)  # (over the part left: its own part's name)
    qgs = os.path.join(out, f"{os.path.basename(out)}.qgs")
    return {"device": device, "role": st["role"], "base": st["base_seq"],
            "checkout": st["checkout_uuid"], "folder": out, "project": qgs, "zip": zip_path,
            "finished": True}


def _keep_unnamed(gpkg: str) -> None:
    """Keep only the package of a project folder not finished, unnamed: the same checkout
    run again makes it anew (:func:`field_kit.sync.package_checkout.checkout`), taking whichever
    of ``.part`` and ``.part.part`` (that checkout run again, killed before naming it) the
    master registered."""
    for side in ("", *copies.SIDE_FILES):
        if os.path.exists(gpkg + side):
            os.replace(gpkg + side, gpkg + PART + side)
    kept = {os.path.basename(gpkg) + part + side for part in (PART, PART + PART)
            for side in ("", *copies.SIDE_FILES)}
    folder = os.path.dirname(gpkg)
    for name in os.listdir(folder):
        if name not in kept:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.remove(path)


def _not_made(out: str, exc: Exception) -> SyncError:
    """A checkout that failed once the master registered the device, said with what to do:
    the same command, run again, makes the project."""
    why = exc if isinstance(exc, SyncError) else file_problem(
        getattr(exc, "filename", None) or out, exc)
    said = BadInput(f"the QField project {out} was not made "
                    f"({why.message if why is not None else f'{type(exc).__name__}: {exc}'}): "
                    "run the same command again, which makes it")
    if why is not None:
        said.exit_code = why.exit_code  # (the file in use stays "run it again later")
    return said


def one_file(gpkg: str) -> None:
    """The package as one file, in rollback-journal mode with no ``-wal`` or ``-shm`` beside
    it, as the project ships (QField chooses its own mode on the phone). A master in WAL mode
    gives a package in WAL mode, and QGIS or QField leave a package they edited so; what its
    ``-wal`` holds is written into the file first (SQLite deletes a -wal only once all of it
    is in the file). :class:`Busy` when another program holds it open in WAL mode (the
    project open in QGIS or QField): the -wal is then left as it is."""
    conn = connect(gpkg, unfinished=True)  # (the checkout's, in its folder not yet named)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except Busy:
        mode = None
    finally:
        conn.close()
    if mode == "delete" and not os.path.exists(gpkg + "-wal") and os.path.exists(gpkg + "-shm"):
        os.remove(gpkg + "-shm")  # a WAL index with no WAL (copied apart): it holds no data
    left = [gpkg + s for s in copies.SIDE_FILES if os.path.exists(gpkg + s)]
    if mode != "delete" or left:
        raise Busy(f"{gpkg} is open in another program (the project in QGIS or QField), "
                   f"which keeps it in WAL mode{' with ' + ', '.join(left) if left else ''}: "
                   "close the project there first")


def write_project(gpkg: str, qgs: str, *, device: str, role: str,
                  basemap: tuple[str, int] | None = None) -> None:
    conn = connect(gpkg, readonly=True, unfinished=True)  # (as in one_file)
    try:
        layers = qproject.read_layers(conn, role)
    finally:
        conn.close()
    title = f"托克逊生态修复野外核查 Toksun field check — {device}"
    tree = qproject.build(layers, title=title, variables={qforms.TECHNICIAN_VARIABLE: device},
                          basemap=basemap)
    qproject.write(tree, qgs)


def make_zip(folder: str, zip_path: str, progress=None, leave: Collection[str] = ()) -> None:
    """The folder's files at the root of the zip (QField makes the project folder itself),
    but those the office keeps beside a project folder inside it
    (:func:`copies.kept_at_the_office`), the project file's backups
    (:func:`copies.is_project_backup`) and those named in ``leave`` (as zip member names),
    written beside it first and renamed: ``zip_path`` is the old zip or the new one whole.
    A database of the folder with a ``-wal``, ``-shm`` or ``-journal`` beside it (the
    package QGIS or QField edited), and the project's package whatever is beside it, is made
    one file first (:func:`one_file`): those are never zipped, nor deleted with data in
    them; :class:`Busy` when that cannot be done. ``progress(fraction)`` hears how many of
    the bytes to zip are in it, file by file and :data:`ZIP_STEP_BYTES` at a time; raising
    from it stops the zip, leaving none written."""
    for here, _dirs, files in os.walk(folder):
        for db in sorted({f[:-len(s)] for f in files for s in copies.SIDE_FILES
                          if f.endswith(s) and f[:-len(s)] in files}):
            one_file(os.path.join(here, db))
    package = os.path.join(folder, qproject.GPKG_NAME)
    if os.path.isfile(package):  # in WAL mode with its -wal gone (its last writer closed)
        one_file(package)
    tmp = zip_path + ".part"
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            entries: list[tuple[str, str | None]] = []  # (name in the zip, file or None)
            for here, dirs, files in os.walk(folder):
                dirs.sort()
                rel = os.path.relpath(here, folder)
                if rel != "." and not files and not dirs:
                    entries.append((rel.replace(os.sep, "/") + "/", None))  # keep DCIM/ empty
                for f in sorted(files):
                    full = os.path.join(here, f)
                    name = os.path.relpath(full, folder).replace(os.sep, "/")
                    if not (copies.kept_at_the_office(folder, name)
                            or copies.is_project_backup(name) or name in leave):
                        entries.append((name, full))
            zipped = 0
            total = sum(os.path.getsize(path) for _, path in entries if path)
            for name, path in entries:
                if path is None:
                    zf.writestr(name, b"")
                    continue
                info = zipfile.ZipInfo.from_file(path, name)  # (as ZipFile.write makes it)
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as src, zf.open(info, "w") as dst:
                    while chunk := src.read(ZIP_STEP_BYTES):
                        dst.write(chunk)
                        zipped += len(chunk)
                        if progress is not None:
                            progress(min(1.0, zipped / total))
                if progress is not None:  # (an empty file too)
                    progress(min(1.0, zipped / total) if total else 1.0)
        os.replace(tmp, zip_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


# --- bringing a project back --------------------------------------------------------------

def _package_in(folder: str) -> str | None:
    refuse_unfinished(folder.rstrip(os.sep))  # (a project folder a checkout cut short left)
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        if qproject.GPKG_NAME in files:
            return os.path.join(here, qproject.GPKG_NAME)
        if os.path.relpath(here, folder).count(os.sep) >= 1:
            dirs[:] = []
    return None


def _unzip(zip_path: str) -> str:
    folder = os.path.splitext(zip_path)[0]
    try:
        with zipfile.ZipFile(zip_path) as zf:
            names = zf.namelist()
            for member in names:
                parts = member.replace("\\", "/").split("/")
                if member.startswith("/") or ".." in parts:
                    raise BadInput(f"{zip_path}: member {member!r} would leave its folder")
            if not any(n.rsplit("/", 1)[-1] == qproject.GPKG_NAME for n in names):
                raise BadInput(f"{zip_path} holds no {qproject.GPKG_NAME}: not a QField "
                               "project of a field package")
            zf.extractall(folder)
    except zipfile.BadZipFile as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise BadInput(f"{zip_path} is not a readable zip ({exc})") from None
    return folder


RECORD_TABLES = ("patch_verifications", "project_inspections", "photos")  # a technician's


def _capture_kept(gpkg: str, folder: str | None) -> None:
    """Refuse, saying what happened and how to send its records, the package of a QField
    project folder that lost its change capture: copied through ogr2ogr or QGIS's Package
    layers, which keep the layers and drop the sync tables (the log, the device, the
    checkout), so its edits can be neither exported nor repaired. Its records are counted
    against the project's package in the zip beside the folder, which keeps its capture."""
    if folder is None or not os.path.isfile(gpkg):
        return
    conn = connect(gpkg, readonly=True)
    try:
        if changelog.is_installed(conn) or \
                not any(f.endswith((".qgs", ".qgz")) for f in os.listdir(folder)):
            return  # a package, or no QField project's: said as any file without capture
        zip_path = folder.rstrip(os.sep) + ".zip"
        lacking = _lacking(conn, zip_path)
    finally:
        conn.close()
    moved = f"{folder.rstrip(os.sep)}-copied"
    if lacking is None:
        tables = " ".join(RECORD_TABLES)
        raise BadInput(
            f"{gpkg}, the package of the QField project {folder}, has lost its change capture "
            "(its sync tables: a copy made through ogr2ogr or QGIS's Package layers keeps the "
            "layers only), so its edits can be neither exported nor repaired: to send its "
            "records, put them into a package that keeps its capture, "
            "a new checkout (field-kit checkout MASTER OUT --device NAME --for qfield): "
            f"ogr2ogr -append -update -skipfailures OUT/{qproject.GPKG_NAME} "
            f"{in_command(gpkg)} {tables} "
            "(each is logged as a new record; those it holds already are skipped), copy "
            f"{os.path.join(folder, qforms.PHOTO_DIR)} into OUT, then export OUT")
    held = ", ".join(f"{t} {n}" for t, n in lacking.items() if n) or "none"
    tables = " ".join(t for t, n in lacking.items() if n) or " ".join(RECORD_TABLES)
    raise BadInput(
        f"{gpkg}, the package of the QField project {folder}, has lost its change capture "
        "(its sync tables: a copy made through ogr2ogr or QGIS's Package layers keeps the "
        "layers only), so its edits can be neither exported nor repaired; records the "
        f"project's package in {zip_path} lacks: {held}: to send them, "
        f"move the folder {folder} away (to {moved}), unpack {zip_path} into {folder} (its "
        "package keeps the capture), add them there with ogr2ogr -append -update "
        f"-skipfailures {in_command(os.path.join(folder, qproject.GPKG_NAME))} "
        f"{in_command(os.path.join(moved, qproject.GPKG_NAME))} {tables} (each is logged as a "
        "new record; "
        f"those it holds already are skipped), copy {os.path.join(moved, qforms.PHOTO_DIR)} "
        f"into {folder}, then export {folder}; an edit of a record both hold is not carried: "
        "make it again")


def _lacking(conn, zip_path: str) -> dict[str, int] | None:
    """{table: how many of its records the package of ``conn`` holds that the one in
    ``zip_path`` lacks (by uuid; a record made without capture has none)}, for the tables
    both hold with a uuid; None when the zip holds no package with its capture."""
    if not (_is_zip(zip_path) and _holds_package(zip_path)):
        return None
    tmp = tempfile.mkdtemp(prefix="toksun-qfield-")
    try:
        with zipfile.ZipFile(zip_path) as zf:
            member = min((n for n in zf.namelist()
                          if n.rsplit("/", 1)[-1] == qproject.GPKG_NAME),
                         key=lambda n: n.count("/"))
            with zf.open(member) as src, open(os.path.join(tmp, "zip.gpkg"), "wb") as dst:
                shutil.copyfileobj(src, dst)
        theirs = connect(os.path.join(tmp, "zip.gpkg"), readonly=True)
        try:
            if not changelog.is_installed(theirs):
                return None
            out = {}
            for (tbl,) in conn.execute("SELECT table_name FROM gpkg_contents WHERE data_type "
                                       "IN ('features', 'attributes') ORDER BY table_name"):
                if "uuid" not in file_columns(conn, tbl) or \
                        "uuid" not in file_columns(theirs, tbl):
                    continue
                have = {u for (u,) in theirs.execute(f"SELECT uuid FROM {quote(tbl)}")}
                out[tbl] = sum(1 for (u,) in conn.execute(f"SELECT uuid FROM {quote(tbl)}")
                               if not u or u not in have)
            return out
        finally:
            theirs.close()
    except (zipfile.BadZipFile, OSError, sqlite3.DatabaseError, SyncError):
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_whole(gpkg: str, said: list[str] | None, once: bool = False) -> None:
    """A QField project's package as checkout and pull leave it, with what its ``-wal``
    holds (QField's latest edits) written into it; where that file may have been left on
    the phone, said in ``said`` (:func:`.copies.wal_left`). Written in, the ``-wal`` is
    gone once the command closes the package, which the next command would take for one
    left behind. An export says it each time; with ``once`` (a pull, status) it is not said
    of a copy an export said it of already (:func:`.copies.wal_said_before`)."""
    left = copies.wal_left(gpkg)
    if left and said is not None and not (once and copies.wal_said_before(gpkg)):
        said.append(left)
    if copies.wal_holds(gpkg) and in_wal_mode(gpkg):
        # open in QGIS here, or read-only: read through its -wal as it is (an empty one
        # is left, and the file in WAL mode: the phone's -wal, copied beside it, is read)
        with contextlib.suppress(Busy, FileProblem):
            one_file(gpkg)


def _is_zip(path: str) -> bool:
    return path.lower().endswith(".zip") and os.path.isfile(path) and zipfile.is_zipfile(path)


def package_file(path: str | os.PathLike, said: list[str] | None = None) -> str:
    """The field package ``path`` names for the commands that read or write one in place
    (status, log, pull, repair, app): the file itself, or a QField project folder's
    package (a project's package that may lack QField's latest edits said in ``said``). A
    QField project zip is refused, saying what to give instead."""
    path = os.fspath(path)
    if os.path.isdir(path):
        gpkg = _package_in(path)
        if gpkg is None:
            _refuse_half_copied(path)
            raise BadInput(f"no {qproject.GPKG_NAME} in the folder {path}: give a field "
                           "package or a QField project folder")
        _read_whole(gpkg, said, once=True)
        _capture_kept(gpkg, os.path.dirname(gpkg))
        return gpkg
    if _is_zip(path) and _holds_package(path):
        folder = os.path.splitext(path)[0]
        raise BadInput(f"{path} is a zipped QField project: give the folder it is "
                       f"unpacked to ({folder}, as field-kit export unpacks it) or "
                       f"the {qproject.GPKG_NAME} in it")
    if os.path.basename(path) == qproject.GPKG_NAME:
        if _project_beside(path) is not None:
            _read_whole(path, said, once=True)
        _capture_kept(path, _project_beside(path))
    return path


# where QField on Android keeps the projects it imported, each in a folder of its own
PHONE_PROJECTS = "Android/data/ch.opengis.qfield/files/Imported Projects"


def _refuse_half_copied(path: str) -> None:
    """Refuse a QField project folder (a project file in it, or a zip of its name beside
    it holding a package) without its package: copied back from the phone in part. Said
    where the package is found, and the zip's copy where there is one."""
    folder = os.path.abspath(path).rstrip(os.sep)
    zip_path = folder + ".zip"
    zipped = _is_zip(zip_path) and _holds_package(zip_path)
    if not zipped and _project_lacking(folder) is not None:
        return  # (no QField project: said as any folder without a package)
    text = (f"the folder {path} is a QField project whose {qproject.GPKG_NAME} is missing "
            f"(copied back without it): copy {qproject.GPKG_NAME} back from the phone "
            f"({PHONE_PROJECTS}/{os.path.basename(folder)}/) into {path} and run this again")
    if zipped:
        text += (f"; {zip_path} beside it holds a {qproject.GPKG_NAME}, as it was when the "
                 f"zip was written: to export that copy, move the folder {path} away and "
                 f"export {zip_path}")
    raise BadInput(text)


def _holds_package(zip_path: str) -> bool:
    """Whether the zip holds a ``package.gpkg`` (False for one that cannot be read)."""
    with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(zip_path) as zf:
        return any(n.rsplit("/", 1)[-1] == qproject.GPKG_NAME for n in zf.namelist())
    return False


def _checked_against_zip(folder: str, said: list[str]) -> None:
    """Refuse to export the folder while the zip of its name beside it holds edits or
    photos it lacks (the phone's copy brought back as a zip over the checkout's)."""
    zip_path = folder + ".zip"
    if not _is_zip(zip_path):
        return
    try:
        diff = copies.compare(folder, zip_path)
    except BadInput:
        return  # not a copy of the project (a change package of that name, say)
    if diff.zip_holds_more:
        raise copies.refusal(folder, zip_path, diff, given=folder)
    said.append(_folder_goes(zip_path, folder))


def _project_said(folder: str, said: list[str], photo_dir: bool = True) -> None:
    """Say a project folder copied back without its project file, or without its photo
    folder (``photo_dir``: unless a photo found missing says it already): each it lacks by
    name (the export goes on: the package holds the work), and how it comes back."""
    qgs = _project_lacking(folder)
    if qgs is not None:
        zip_path = folder + ".zip"
        copy = f" (or copy it from {zip_path})" if _is_zip(zip_path) else ""
        said.append(f"the folder {folder} lacks its project file {qgs}, which QField opens "
                    f"the project by: the next pull into the folder writes it again{copy}")
    if photo_dir and _photo_dir_lacking(folder):
        said.append(f"the folder {folder} lacks {qforms.PHOTO_DIR}/, where QField keeps the "
                    "photos it takes: no photo taken in the project is read in until it is "
                    f"copied back from the phone ({PHONE_PROJECTS}/{os.path.basename(folder)}/"
                    f"{qforms.PHOTO_DIR})")


def _photo_dir_lacking(folder: str) -> bool:
    """Whether ``folder`` lacks the ``DCIM/`` its checkout made (copied back without it)."""
    return not os.path.isdir(os.path.join(folder, qforms.PHOTO_DIR))


def _project_lacking(folder: str) -> str | None:
    """The name of the project file the checkout wrote into ``folder`` when the folder holds
    no QGIS project at all (copied back from the phone without it)."""
    if any(f.endswith((".qgs", ".qgz")) for f in os.listdir(folder)):
        return None
    return f"{os.path.basename(folder)}.qgs"


def _folder_goes(zip_path: str, folder: str) -> str:
    """What is said when a folder is exported with a zip of it beside it holding nothing
    it lacks (the checkout's zip, the folder worked on since): which of the two went."""
    return f"{zip_path} holds nothing the folder {folder} lacks: exporting the folder"


def locate(path: str | os.PathLike, said: list[str] | None = None
           ) -> tuple[str, str | None]:
    """(the field package, the project folder or None) for what ``field-kit export`` was
    given: a project folder, a zip of one (unpacked beside it), or the package file (a
    project folder when a ``.qgs`` is beside it). A folder and a zip of the same name beside
    it are compared first (:mod:`.copies`): the one that lacks what the other holds is
    refused, naming both; what was decided is added to ``said``."""
    path = os.fspath(path)
    said = [] if said is None else said
    if os.path.isdir(path):
        gpkg = _package_in(path)
        if gpkg is None:
            _refuse_half_copied(path)
            raise BadInput(f"no {qproject.GPKG_NAME} in the folder {path}")
        _read_whole(gpkg, said)
        _capture_kept(gpkg, os.path.dirname(gpkg))
        _checked_against_zip(os.path.abspath(path).rstrip(os.sep), said)
        _project_said(os.path.abspath(path).rstrip(os.sep), said)
        said += exports_waiting.said(gpkg, os.path.dirname(gpkg))
        return gpkg, os.path.dirname(gpkg)
    if _is_zip(path):
        folder = os.path.splitext(path)[0]
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise BadInput(f"{folder} exists and is not a folder: move it away to unpack "
                           f"{os.path.basename(path)}")
        if os.path.exists(folder):
            here = _package_in(folder)
            if here is not None:
                _read_whole(here, said)
                _capture_kept(here, os.path.dirname(here))
            diff = copies.compare(folder, path)
            if diff.zip_holds_more:
                raise copies.refusal(folder, path, diff, given=path)
            said.append(_folder_goes(path, folder))
        else:
            _unzip(path)
        gpkg = _package_in(folder)
        if gpkg is None:
            raise BadInput(f"{path} holds no {qproject.GPKG_NAME}: not a QField project of a "
                           "field package")
        _read_whole(gpkg, said)  # (unpacked from a zip made so)
        _project_said(os.path.dirname(gpkg), said)  # (zipped on the phone without them)
        return gpkg, os.path.dirname(gpkg)
    beside = _project_beside(path)
    if beside is not None:
        _read_whole(path, said)
        _capture_kept(path, beside)
        _checked_against_zip(beside, said)
        _project_said(beside, said)
        said += exports_waiting.said(path, beside)
    elif os.path.basename(path) == qproject.GPKG_NAME and os.path.isfile(path):
        said.append(_alone_said(path))
    return path, beside


def _alone_said(gpkg: str) -> str:
    """What is said of a QField project's package handed back alone, its folder holding
    neither the project file nor ``DCIM/``: exported as a package, with what it lacks."""
    folder = os.path.dirname(os.path.abspath(gpkg))
    return (f"{gpkg} is a QField project's package without its project: the folder {folder} "
            f"lacks the project file ({os.path.basename(folder)}.qgs) and {qforms.PHOTO_DIR}/, "
            "so no photo taken in the project is read in; the package is exported alone: to "
            "send the project's photos too, copy the project folder back from the phone "
            f"whole ({PHONE_PROJECTS}/) and export the folder")


def photos_unread(conn: sqlite3.Connection, gpkg: str, in_folder: bool = False) -> dict:
    """For status: when the package file ``gpkg`` is a QField project's (``in_folder``: its
    folder was given), what :func:`dcim.unread` finds in its folder, and what the folder
    lacks of what its checkout made ({} for another package)."""
    folder = os.path.dirname(os.path.abspath(gpkg)) if in_folder else \
        _project_beside(gpkg) if os.path.basename(gpkg) == qproject.GPKG_NAME else None
    if folder is None:
        return {}
    found = dcim.unread(conn, folder, photo_reads.due(conn, folder))
    lacking = _project_lacking(folder)
    if lacking is not None:
        found["project_file_missing"] = lacking
    if _photo_dir_lacking(folder):
        found["photo_folder_missing"] = f"{qforms.PHOTO_DIR}/"
    return found


def at_export(found: dict, waiting: int) -> int:
    """The changes the next export sends: the ``waiting`` and one for each photo
    :func:`photos_unread` ``found`` it reads in, logs again or deletes with its record."""
    return waiting + len(found.get("photos_to_read", [])) \
        + len(found.get("photos_read_back", [])) \
        + sum(len(d["photos"]) for d in found.get("photos_deleted_with_records", []))


def unread_said(found: dict, gpkg: str, waiting: int) -> list[str]:
    """What status says of the photos :func:`photos_unread` ``found`` beside the package
    file ``gpkg`` with ``waiting`` changes: the photos the next export reads, logs again or
    deletes, those it refuses, and the changes it sends in all."""
    lines: list[str] = []
    # (copied back from the phone without them; a photo file missing says DCIM/ gone)
    if found.get("project_file_missing") or found.get("photo_folder_missing"):
        _project_said(os.path.dirname(os.path.abspath(gpkg)), lines,
                      photo_dir=not found.get("photo_files_missing"))
    if found.get("photos_taken_again"):
        again = found["photos_taken_again"]
        lines.append(f"{noun(len(again), 'photo')} taken again since "
                     f"{'it was' if len(again) == 1 else 'they were'} read, sent by the next "
                     f"export: {', '.join(again)}")
    if found.get("photo_files_missing"):
        lines += dcim.gone_said(os.path.dirname(gpkg))
        missing = found["photo_files_missing"]
        one = len(missing) == 1
        lines.append(f"{noun(len(missing), 'photo file')} missing from "
                     f"{os.path.dirname(gpkg)}: {', '.join(missing)}; the export refuses "
                     f"{them(len(missing))} until {'it is' if one else 'they are'} copied back "
                     f"into {qforms.PHOTO_DIR}/ or "
                     f"{'its photo record' if one else 'their photo records'} deleted")
        lines += dcim.unnamed_said(found.get("photos_unnamed", []))
    if found.get("photo_paths_outside"):
        outside = found["photo_paths_outside"]
        one = len(outside) == 1
        lines.append(f"{noun(len(outside), 'photo path')} outside the project folder: "
                     f"{dcim.outside_said(outside)}; the export refuses {them(len(outside))} "
                     f"until {'its photo record is' if one else 'their photo records are'} "
                     "given that path (in QGIS: the photos layer of the project) or deleted")
    if found.get("photos_cut_short"):  # (a copy from the phone stopped partway)
        short = found["photos_cut_short"]
        one = len(short) == 1
        lines.append(f"{noun(len(short), 'photo file')} not the whole picture, cut short: "
                     f"{', '.join(short)}; the export refuses {them(len(short))} until "
                     f"{'it is' if one else 'each is'} copied again from the phone or "
                     f"{'its photo record' if one else 'their photo records'} deleted")
    if found.get("photos_to_read"):
        to_read = found["photos_to_read"]
        lines.append(f"{noun(len(to_read), 'photo')} the next export reads in, "
                     f"{'a change' if len(to_read) == 1 else 'a change each'}: "
                     f"{', '.join(to_read)}")
    if found.get("photos_read_back"):
        back = found["photos_read_back"]
        lines.append(f"{noun(len(back), 'photo reading')} an earlier export of this folder "
                     "made, which this copy lacks, logged again by the next export, "
                     f"{'a change' if len(back) == 1 else 'a change each'}: {', '.join(back)}")
    lines += [deleted["said"] for deleted in found.get("photos_deleted_with_records", [])]
    sent = at_export(found, waiting)
    if sent != waiting:
        deleted = sum(len(d["photos"]) for d in found.get("photos_deleted_with_records", []))
        made = sent - waiting - deleted
        lines.append(f"the next export sends {counted(sent, 'change')}: "
                     f"{photo_changes_said(f'the {waiting} waiting', made, deleted)}")
    return lines


def photo_changes_said(edits: str, read: int, deleted: int) -> str:
    """The changes an export sends, ``edits`` (those waiting, or since checkout) with the
    ``read`` made by reading in the project's photos and the ``deleted`` deleting the photos
    of records deleted in the project, each said as what it is."""
    parts = [edits] + ([f"{read} made by reading in the project's photos"] if read else []) \
        + ([f"{deleted} deleting the photos of records deleted in the project"]
           if deleted else [])
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _project_beside(path: str) -> str | None:
    """The project folder holding the package file ``path``: its folder when a QGIS project
    is beside it, or its DCIM/ (a project copied back without its project file)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isfile(path) and (_project_lacking(folder) is None
                                 or os.path.isdir(os.path.join(folder, qforms.PHOTO_DIR))):
        return folder
    return None


def photo_shrinker() -> dcim.Shrink | None:
    """The field app's way of storing a large photo smaller (Qt), for :func:`prepare_export`,
    where PyQt5 is here (None where it is not: a photo too large is then said)."""
    try:
        from ..app.photos import shrink
    except ImportError:
        return None
    return shrink


def prepare_export(path: str | os.PathLike, said: list[str] | None = None,
                   shrink: dcim.Shrink | None = None) -> tuple[str, list[str], int, int]:
    """The package to export from ``path``, after its QField photos are brought in (made
    smaller by ``shrink`` where they are over the package's photo size), the names brought
    in, how many changes bringing them in made and how many deleting the photos of records
    deleted in the project (the export sends both with the changes waiting, which status
    counts apart); what was decided about the copies to export is added to ``said``."""
    gpkg, folder = locate(path, said)
    if folder is None:
        return gpkg, [], 0, 0
    wal_said = copies.wal_left(gpkg) is not None  # (said by locate: not again by a pull)
    conn = connect(gpkg)
    try:
        if changelog.state(conn)["kind"] != changelog.PACKAGE:
            return gpkg, [], 0, 0
        if wal_said:
            with transaction(conn):
                copies.note_wal_said(conn, True)
        waiting = log_reads.pending(conn)
        # the readings an export of this folder made that a copy from the phone lacks
        photo_reads.put_back(conn, folder, lambda name: dcim.path_in(folder, name))
        deleted = sum(len(rows) for rows in dcim.orphans(conn).values())
        brought = dcim.bring_in(conn, folder, shrink, said)
        photo_names.as_sent(conn)
        if brought:
            photo_reads.remember(conn, folder)
        return gpkg, brought, log_reads.pending(conn) - waiting - deleted, deleted
    finally:
        conn.close()


# --- pulling the master into a project ------------------------------------------------------

@dataclass
class Pulled:
    """What :func:`pull` did: the pull's result, and for a QField project folder the photos
    it wrote there and the zip it wrote again; ``problems`` names what it could not do."""

    result: Result
    package: str
    folder: str | None = None
    zip: str | None = None
    photos: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what may be missing (done all the same)
    project: str | None = None  # the project file written again (grants or layers changed)
    project_kept: str | None = None  # the one it replaced, kept (changes made in QGIS)
    project_lacked: bool = False  # the project file written where the folder lacked it


def pull(path: str | os.PathLike, master: masters.Master, progress=None) -> Pulled:
    """Pull the master into a field package, or a QField project folder (given as the
    folder or its ``package.gpkg``), which then stays a project QField shows whole: the
    photos the pull brought are written to the folder as the checkout writes them, and the
    zip beside it is written again from the folder. A zip there holding work the folder
    lacks (or that is no copy of the project) is refused before anything is pulled.
    ``progress(fraction)`` hears how far the pull got (:func:`field_kit.sync.pull.pull`);
    raising from it leaves the package (and the zip) as they were."""
    masters.refuse_swapped_pull(path, master)
    warned: list[str] = []
    gpkg = package_file(path, warned)
    path = os.fspath(path)
    package_lock.refuse_pull_while_open(gpkg)
    folder = os.path.abspath(path).rstrip(os.sep) if os.path.isdir(path) else \
        (_project_beside(gpkg) if os.path.basename(gpkg) == qproject.GPKG_NAME else None)
    since = _base_before(gpkg, master)
    if folder is None:
        pulled = masters.pull(gpkg, master, progress)
        return Pulled(pulled, gpkg, warnings=warned + _pull_warnings(master, gpkg, pulled, since))
    zip_path = folder + ".zip"
    _replaceable(folder, zip_path)
    # Written again from the folder once the pull is done; until then there is none, so
    # that a crash meanwhile leaves no zip of the project as it was to carry to a phone
    # (it holds nothing the folder lacks: checked above).
    had_zip = os.path.lexists(zip_path)
    if had_zip:
        os.remove(zip_path)
    try:
        pulled = masters.pull(gpkg, master, progress)
    except BaseException as exc:  # nothing pulled: the zip as it was
        if had_zip:
            left_out: list[str] = []  # (a package that cannot be read: the whole folder)
            with contextlib.suppress(OSError, SyncError, sqlite3.Error):
                left_out = copies.unnamed_photos(gpkg, folder)
            with contextlib.suppress(OSError, Busy):
                make_zip(folder, zip_path, leave=left_out)
                if left_out:  # (said beside what stopped the pull)
                    add_note(exc, left_out_said(left_out, folder, zip_path))
        raise
    out = Pulled(pulled, gpkg, folder, zip_path, warnings=warned)
    r = out.result
    # what QField lets the phone edit, and shows: written again where the pull changed it,
    # or an earlier pull could not write it
    if r.grants or r.layers or r.schema or _project_due(gpkg) or _project_lacking(folder):
        out.project_lacked = _project_lacking(folder) is not None
        try:
            out.project, out.project_kept = _project_again(gpkg, folder)
        except (OSError, SyncError) as exc:
            with contextlib.suppress(OSError, SyncError, sqlite3.Error):
                _note_project_due(gpkg, True)
            out.problems.append(
                f"the project file in {folder} could not be written again for the grants "
                f"or layers the pull changed ({exc}): until it is, QField edits the layers "
                "as the project file last written gave them (a field it lets you change may "
                "be refused at the merge): pull again once it can be written (the next pull "
                "writes it), or take a new checkout --for qfield")
        else:
            _note_project_due(gpkg, False)
    changed = {o.row for o in r.outcomes if o.table == "photos" and o.status == APPLIED}
    changed |= {row for table, row in r.brought if table == "photos"}
    here = os.path.dirname(gpkg)
    try:
        out.photos, kept = dcim.write_out(gpkg, here, changed)
    except OSError as exc:
        out.problems.append(f"the photos the pull brought could not all be written to "
                            f"{here} ({exc}): pull again once it can be written")
    else:
        if kept:
            out.problems.append(
                f"{noun(len(kept), 'photo')} the pull brought not written to {here}, a "
                f"picture taken here having that name: {', '.join(kept)} (kept; "
                "同名照片已存在，未覆盖): until "
                "one of the two is renamed, QField shows the picture taken here for both "
                "records, and an export sends it for both")
    try:
        _clear_wal_said(gpkg)  # (the zip carries the package: a copy back is said of anew)
        left_out = copies.unnamed_photos(gpkg, folder)
        make_zip(folder, zip_path, leave=left_out)
        if left_out:
            out.warnings.append(left_out_said(left_out, folder, zip_path))
    except (OSError, SyncError, sqlite3.Error) as exc:
        try:
            if os.path.lexists(zip_path):
                os.remove(zip_path)
            gone = "the one from before the pull was removed so that it is not carried to a phone"
        except OSError:
            gone = "it holds the package from before the pull: do not carry it to a phone"
        out.problems.append(f"{zip_path} could not be written ({exc}); {gone} (ZIP 未更新): "
                            "pull again once it can be written")
        out.zip = None
    out.warnings += _pull_warnings(master, gpkg, pulled, since)  # (its project made first)
    return out


def left_out_said(names: list[str], folder: str, zip_path: str) -> str:
    """The files :func:`copies.unnamed_photos` found, left out of the zip for the phone."""
    return (f"{counted(len(names), 'file')} in {qforms.PHOTO_DIR}/ that no record of the "
            f"package names (photos of records deleted, old names of photos renamed) left out "
            f"of {zip_path}: they stay in {folder}")


def _clear_wal_said(gpkg: str) -> None:
    conn = connect(gpkg)
    try:
        with transaction(conn):
            copies.note_wal_said(conn, False)
    finally:
        conn.close()


def _base_before(gpkg: str, master: masters.Master) -> int | None:
    """The base of the package ``gpkg`` before a pull from a PostgreSQL master (where NaN
    can be: named in the rows changed since); None for a GeoPackage master, or a package
    that cannot be read (the pull says what is wrong with it)."""
    if not masters.is_postgres(master):
        return None
    with contextlib.suppress(SyncError), \
            contextlib.closing(connect(gpkg, readonly=True)) as conn:
        return changelog.state(conn)["base_seq"]
    return None


def _pull_warnings(master: masters.Master, gpkg: str, pulled: Result,
                   since: int | None) -> list[str]:
    """What the pull into ``gpkg`` from ``master`` warns of, the pull done all the same, in
    the order every face says them: the rows changed since ``since`` whose NaN it carried
    as empty, the plan's figures it brought as ±Infinity, the dates and times it brought
    that QGIS shows empty, grants that grant nothing."""
    with contextlib.closing(connect(gpkg, readonly=True)) as conn:
        ignored = registry.grants_ignored(conn)
    return [*masters.nan_checked(master, since, "pulled"),
            *not_finite.said(gpkg, pulled.not_finite), *pulled.dates_unread, *ignored]


# sync_meta of a QField project's package: a pull could not write its project file again
PROJECT_DUE = "qfield_project_due"


def _project_due(gpkg: str) -> bool:
    conn = connect(gpkg, readonly=True)
    try:
        return registry.meta(conn, PROJECT_DUE) == "1"
    finally:
        conn.close()


def _note_project_due(gpkg: str, due: bool) -> None:
    conn = connect(gpkg)
    try:
        with transaction(conn):
            if due:
                registry.set_meta(conn, PROJECT_DUE, "1")
            elif registry.meta(conn, PROJECT_DUE) is not None:
                conn.execute("DELETE FROM sync_meta WHERE key = ?", (PROJECT_DUE,))
    finally:
        conn.close()


def _project_again(gpkg: str, folder: str) -> tuple[str | None, str | None]:
    """Write the project file of ``folder`` again as its checkout wrote it (device, role,
    basemap), from the package as the pull left it: (its path, where the one it replaced is
    kept: its changes made in QGIS are there), or (None, None) when the folder holds none of
    the checkout's name (a project made otherwise is left as it is), and its path alone when
    it is the same."""
    qgs = os.path.join(folder, f"{os.path.basename(folder)}.qgs")
    lacking = _project_lacking(folder) is not None  # (copied back without it)
    if not os.path.isfile(qgs) and not lacking:
        return None, None
    conn = connect(gpkg, readonly=True)
    try:
        st = changelog.state(conn)
    finally:
        conn.close()
    base = next((f for f in sorted(os.listdir(folder)) if f.startswith("basemap.") and
                 os.path.splitext(f)[1].lower() in BASEMAP_TYPES), None)
    basemap = (base, qbasemap.epsg(os.path.join(folder, base))) if base else None
    write_project(gpkg, qgs + PART, device=st["device"], role=st["role"], basemap=basemap)
    if lacking:
        os.replace(qgs + PART, qgs)
        _note_written(gpkg, qgs)
        return qgs, None
    with open(qgs, "rb") as old, open(qgs + PART, "rb") as new:
        if old.read() == new.read():
            os.remove(qgs + PART)
            return None, None
    # kept where it is not as the checkout or a pull wrote it (changed in QGIS)
    kept = None if _as_written(gpkg, qgs) else _kept_as(qgs)
    if kept is not None and not os.path.exists(kept):
        shutil.copyfile(qgs, kept)
    os.replace(qgs + PART, qgs)
    _note_written(gpkg, qgs)
    return qgs, kept


# sync_meta of a QField project's package: the SHA-256 of the project file last written
PROJECT_WRITTEN = "qfield_project_sha256"


def _note_written(gpkg: str, qgs: str) -> None:
    """Note in the package ``gpkg`` the project file ``qgs`` as it was written, so that a
    pull writing it again tells it from one changed in QGIS since."""
    conn = connect(gpkg, unfinished=True)  # (a checkout's, in its folder's part)
    try:
        with transaction(conn):
            registry.set_meta(conn, PROJECT_WRITTEN, file_sha256(qgs))
    finally:
        conn.close()


def _as_written(gpkg: str, qgs: str) -> bool:
    """Whether the project file ``qgs`` is as the checkout or a pull last wrote it (False
    where the package noted none: a project written before it was noted)."""
    conn = connect(gpkg, readonly=True)
    try:
        written = registry.meta(conn, PROJECT_WRITTEN)
    finally:
        conn.close()
    return written is not None and written == file_sha256(qgs)


def _kept_as(qgs: str) -> str:
    """Where the project file ``qgs``, about to be written again, is kept: ``.bak``, or
    ``.bak.2`` and on while those hold other projects (one a user changed, kept by an
    earlier pull, is never written over); the one already holding its bytes, if any."""
    with open(qgs, "rb") as fh:
        held = fh.read()
    n = 1
    while True:
        kept = qgs + ".bak" + (f".{n}" if n > 1 else "")
        if not os.path.exists(kept):
            return kept
        with open(kept, "rb") as fh:
            if fh.read() == held:
                return kept
        n += 1


def _replaceable(folder: str, zip_path: str) -> None:
    """Refuse to pull into ``folder`` when the zip of its name beside it, which the pull
    writes again, holds edits or photos the folder lacks or is no copy of the project."""
    if not os.path.lexists(zip_path):
        return
    if not _is_zip(zip_path) or not _holds_package(zip_path):
        why = f"no {qproject.GPKG_NAME} in it" if _is_zip(zip_path) else "not a readable zip"
        raise BadInput(f"{zip_path} is not a zip of the project {folder} ({why}), and a pull "
                       f"writes the folder's zip there; nothing was pulled: move {zip_path} "
                       "away and pull again")
    diff = copies.compare(folder, zip_path)
    if diff.zip_holds_more:
        raise copies.refusal(folder, zip_path, diff, given=folder, doing="pulled")
