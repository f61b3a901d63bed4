# SPDX-License-Identifier: GPL-2.0-or-later
"""Opening GeoPackages for the sync core, and transactions.

Connections are in autocommit mode (``isolation_level=None``): every write of the sync core
runs inside an explicit ``BEGIN EXCLUSIVE ... COMMIT`` (:func:`transaction`), so a merge, a
checkout or a resolve is all or nothing, whatever happens to the process.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import json
import os
import re
import shlex
import shutil
import sqlite3
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator

from .errors import BadInput, Busy
from .plan.geometry import register_functions

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another program's lock
# a shorter wait, where a person waits on a read (:func:`waiting_at_most`)
_WAIT_MS: contextvars.ContextVar[int | None] = contextvars.ContextVar("wait_ms", default=None)
# Where a wait for another program's lock is said once it has lasted WAIT_SAID_AFTER_MS (the
# command line: its standard error), before the rest of the wait; None: not said (the
# app waits a short while only, and says a file held at once)
on_wait: Callable[[str], None] | None = None
# Where it is said for work run in this thread, before on_wait (:func:`told`)
_here = threading.local()
WAIT_SAID_AFTER_MS = 1000
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: sqlite3 names them only from Python 3.11
_BUSY_TEXT = ("database is locked", "database table is locked", "database schema is locked")
# SQLite's result codes (and, before Python 3.11, texts) for a file it cannot write or read
_READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 10, 11, 13, 14, 26
_FILE_TEXT = {"attempt to write a readonly database": _READONLY, "disk I/O error": _IOERR,
              "database disk image is malformed": _CORRUPT,
              "database or disk is full": _FULL, "unable to open database file": _CANTOPEN,
              "file is not a database": _NOTADB, "file is encrypted or is not a database": _NOTADB}
# SQLITE_IOERR_SHMSIZE: the shared memory of a file in WAL mode (as QGIS edits a GeoPackage)
# could not grow, its disk full: said as the disk full, not as a disk that failed
_SHM_FULL = 4874
_DENIED, _FOLDER = 1000, 1001  # (the system's, not SQLite's)
_NOT_UTF8 = 1002  # (Python's: a name or text in the file that is not UTF-8)
_NOT_UTF8_TEXT = "Could not decode to UTF-8"
_FILE_ERRNO = {errno.ENOSPC: _FULL, errno.EROFS: _READONLY, errno.EACCES: _DENIED,
               errno.EPERM: _DENIED, errno.EIO: _IOERR, errno.EISDIR: _FOLDER,
               # (a folder where no file may be made, /proc say, answers "no such file")
               errno.ENOENT: _CANTOPEN}


class FileProblem(BadInput, sqlite3.DatabaseError):
    """A file that cannot be written or read (read-only, the disk full, damaged), by name.
    Still an sqlite3.DatabaseError: code reading a file it may find damaged (a package's
    change list) catches it as before."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code  # SQLite's result code

    @property
    def damaged(self) -> bool:
        """The file's content is damaged (not: it cannot be written)."""
        return self.code in (_CORRUPT, _NOTADB)

    @property
    def full(self) -> bool:
        """The disk is full."""
        return self.code == _FULL

    @property
    def unwritable(self) -> bool:
        """The file may not be written: read-only (the file, its folder, the disk) or no
        permission (not: damaged, nor the disk full)."""
        return self.code in (_READONLY, _CANTOPEN, _DENIED)


def _file_code(exc: BaseException) -> int | None:
    if isinstance(exc, OSError):
        return _FILE_ERRNO.get(exc.errno or 0)
    if isinstance(exc, FileProblem):
        return exc.code
    if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith(_NOT_UTF8_TEXT):
        return _NOT_UTF8
    if isinstance(exc, sqlite3.DatabaseError):
        code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
        if code == _SHM_FULL:
            return _FULL
        return code & 0xFF if code is not None else _FILE_TEXT.get(str(exc))
    return None


def marked_read_only(path: str) -> bool:
    """Whether the file is marked read-only by its owner (no write bit: chmod 444), which
    root, whom the system lets write, keeps too."""
    return os.path.isfile(path) and not os.stat(path).st_mode & 0o222


# a master is never copied to be written: the copy would be a second master of its id,
# whose packages the other refuses as a copy's
MASTER_WRITABLE = ("it is a master: ask its owner to make it writable, or run this where it "
                   "may be written; not on a copy (a second master of the same id, whose "
                   "packages the other refuses)")


def sync_state_read(path: str) -> tuple[str | None, str | None, str | None]:
    """(kind, device, the master's name it records) of the file at ``path`` as far as they
    can be read without writing (a damaged file may still hold them); None for each not
    read. (changelog.state's kind, master_id.CHECKED_OUT_FROM's name.)"""
    kind = device = master = None
    try:
        conn = sqlite3.connect(f"file:{_quote_uri(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return kind, device, master
    try:  # (the schema read past entries a damaged page cut short: the file is not written)
        conn.execute("PRAGMA writable_schema = ON")
        with contextlib.suppress(sqlite3.Error, TypeError):
            kind, device = conn.execute("SELECT kind, device FROM sync_state").fetchone()
        with contextlib.suppress(sqlite3.Error, TypeError, ValueError, AttributeError):
            got = conn.execute("SELECT value FROM sync_meta WHERE key = "
                               "'checked_out_from'").fetchone()
            master = json.loads(got[0]).get("name") or None
    finally:
        conn.close()
    return kind, device, master


def _damaged_package_way(path: str) -> str:
    """What a damaged file's refusal says after "restore it from a backup" of a field
    package, which a tablet seldom has a backup of: its edits not exported yet are in it
    alone, and the way on without a backup (empty for a master, which keeps its backups)."""
    kind, device, master = sync_state_read(path)
    if kind == "master":
        return ""
    again = (f"field-kit checkout {in_command(master) if master else 'MASTER'} NEW.gpkg "
             f"--device {in_command(device) if device else 'DEVICE'} --replace")
    return ("; " + ("" if kind == "package" else "if it is a field package: ") +
            "the edits made in it and not exported yet are in it alone, and are lost "
            f"without a backup; with none, check its device out again: {again}")


def read_only(path: str) -> FileProblem:
    master = sync_state_read(path)[0] == "master"
    if os.path.exists(path + "-journal"):  # (what the interrupted write left: see below)
        return FileProblem(
            f"cannot read {path}: a command that was interrupted left {path}-journal beside "
            "it, to undo its unfinished write, and the file is read-only (the file, its "
            "folder or the disk), so it cannot be undone; the file is not whole without that "
            "journal; nothing was changed: " + (MASTER_WRITABLE if master else
                                                "copy both, the file and its -journal, where "
                                                "you may write, or ask its owner"), _READONLY)
    return FileProblem(f"cannot write {path}: read-only (the file, its folder or the disk); "
                       "nothing was changed: " + (MASTER_WRITABLE if master else
                                                  "copy it where you may write, or ask its "
                                                  "owner"), _READONLY)


def _undo_interrupted(path: str) -> bool:
    """Undo what a command interrupted mid-write (killed, the power cut) left unfinished in
    ``path``, by its ``-journal``, as SQLite does when a connection that may write reads it
    first (a read-only one cannot, and cannot read the file at all meanwhile); False where
    nothing was undone (no journal, or the file marked read-only by its owner)."""
    if not os.path.exists(path + "-journal") or not os.stat(path).st_mode & 0o222:
        return False
    try:
        conn = sqlite3.connect(path, timeout=busy_wait_ms() / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True


def file_problem(path: str, exc: BaseException, *, writing: bool = False
                 ) -> FileProblem | None:
    """The :class:`FileProblem` an error of SQLite or of the system writing or reading
    ``path`` is, or None for any other error. ``writing``: ``path`` is only written, so a
    damaged file the error names is another one (None)."""
    code = _file_code(exc)
    if writing and code in (_CORRUPT, _NOTADB):
        return None
    if code == _FOLDER:
        return _folder(path)
    if code == _READONLY:
        return read_only(path)
    elif code == _FULL:
        temporary = _temporary_folder_full(path)
        said = (f"cannot write {path}: the disk is full; nothing was changed: free some space "
                "and run it again") if temporary is None else (
            f"cannot write a temporary file in {temporary}, the folder for temporary files: "
            "its disk is full; nothing was changed: free some space there, or set TMPDIR to "
            "a folder on a disk with room, and run it again")
    elif code in (_CORRUPT, _NOTADB):
        said = (f"{path} is damaged (SQLite: {exc}); nothing was changed: restore it from a "
                f"backup{_damaged_package_way(path)}")
    elif code == _CANTOPEN and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        return _no_folder(path)
    elif code == _CANTOPEN:
        said = (f"cannot open {path} (a folder that may not be written, or a file that may "
                "not be read); nothing was changed")
    elif code == _DENIED:
        said = f"cannot read or write {path}: permission denied; nothing was changed"
    elif code == _IOERR:
        said = f"cannot read or write {path}: the disk failed ({exc}); nothing was changed"
    elif code == _NOT_UTF8:
        names = not_utf8_names(path.split(" or ")[0])
        said = (f"{path} holds " + (f"names that are not UTF-8 text ({', '.join(names)}; "
                                    "� marks what cannot be read)" if names else
                                    "text that is not UTF-8") +
                ": a Shapefile's field names cut at its 10 bytes in the middle of a character, "
                "say; nothing was changed: rename them (QGIS's field editor, or ogr2ogr with "
                "-sql giving new names) and run it again")
    else:
        return None
    return FileProblem(said, code)


def not_utf8_names(path: str) -> list[str]:
    """The tables and columns of a file whose names are not UTF-8, as far as they can be
    read ("table 林班, column 实�"); [] where none, or the file cannot be read."""
    found: list[str] = []
    try:
        conn = sqlite3.connect(f"file:{_quote_uri(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return found
    try:
        conn.text_factory = bytes
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = "
                                      "'table' AND sql IS NOT NULL"):
            table = name.decode("utf-8", "replace")
            text = sql.decode("utf-8", "replace")
            if "\ufffd" in table:
                found.append(f"table {table}")
            found += [f"column {c} of {table}" for c in dict.fromkeys(
                re.findall(r'"([^"]*\ufffd[^"]*)"|`([^`]*\ufffd[^`]*)`', text))
                for c in c if c and c != table]
    except sqlite3.Error:
        pass
    finally:
        conn.close()
    return found


_ROOM = 64 * 1024 * 1024  # free space below which a disk is taken as the full one


def _temporary_folder_full(path: str) -> str | None:
    """The folder for temporary files (a package's change list is read through one, and
    SQLite writes its own there), where it is on a full disk of its own and ``path``'s
    disk is not full (the files a command names: the first)."""
    folder = os.environ.get("SQLITE_TMPDIR") or tempfile.gettempdir()
    here = os.path.dirname(os.path.abspath(path.split(" or ")[0]))
    try:
        if os.stat(folder).st_dev == os.stat(here).st_dev or \
                shutil.disk_usage(folder).free >= _ROOM or shutil.disk_usage(here).free < _ROOM:
            return None
    except OSError:
        return None
    return folder


# what a file written whole is named until it is: left where the writing was killed
PART = ".part"

# how every file SQLite writes begins: a GeoPackage, a master, a field package
SQLITE_HEADER = b"SQLite format 3\x00"

SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside a database it writes


def remove_database(path: str | os.PathLike) -> None:
    """Remove the database ``path`` and what SQLite left beside it: a copy of a master in WAL
    mode is in WAL mode too, and a write that failed (the disk full) leaves its -wal and
    -shm, of no use without the file, taking the room the user is told of."""
    for side in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.fspath(path) + side)


def is_database(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a file SQLite wrote (a GeoPackage: a master, a field package)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # (none there, a folder: not one)
        return False


@contextlib.contextmanager
def written_whole(out: str | os.PathLike) -> Iterator[str]:
    """Write ``out`` whole or not at all: the block writes the path this yields, a file
    beside ``out``, which then replaces ``out``. On any error it is removed and ``out`` is
    as it was; an error writing it (the disk full, read-only) is a :class:`FileProblem`
    naming ``out``, the file asked for. A folder in the way is refused at once
    (:func:`refuse_folder_to_write`). Its bytes are on the disk before it takes its name,
    and its name once this returns: a USB stick pulled out, or the battery gone, after a
    change package was said written leaves that package whole, not an empty file."""
    out = os.fspath(out)
    refuse_folder_to_write(out)
    part = out + PART
    try:
        yield part
        _on_disk(part)
        os.replace(part, out)
        _on_disk_folder(os.path.dirname(os.path.abspath(out)))
        committed(os.path.abspath(out))  # (it stands, whatever stops the command next)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.remove(part)
        problem = file_problem(out, exc, writing=True)
        if problem is not None:
            raise problem from None
        raise


def _on_disk(path: str) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # (Windows flushes writers')
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _on_disk_folder(folder: str | os.PathLike) -> None:
    """The names in ``folder`` on the disk. Where a folder cannot be synced (Windows, some
    USB sticks' file systems), its file system keeps names by itself or not at all."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _folder(path: str) -> FileProblem:
    return FileProblem(f"{path} is a folder, not a file; nothing was changed: give a file's "
                       "name", _FOLDER)


def refuse_folder(path: str | os.PathLike) -> None:
    """A folder given where a file is to be read or written is said to be one."""
    if os.path.isdir(path):
        raise _folder(os.fspath(path))


def refuse_folder_to_write(out: str | os.PathLike) -> None:
    """A folder named as a file :func:`written_whole` writes, or as the file it writes first
    beside it (``out.part``, which would be said as ``out`` a folder), said to be one."""
    refuse_folder(out)
    part = os.fspath(out) + PART
    if os.path.isdir(part):
        raise FileProblem(f"cannot write {os.fspath(out)}: {part}, where it is written before "
                          "it takes its name, is a folder; nothing was changed: move or rename "
                          "that folder, and run it again", _FOLDER)


def _no_folder(path: str) -> FileProblem:
    return FileProblem(f"cannot write {path}: its folder {os.path.dirname(path) or '.'} does not "
                       "exist; nothing was changed: make the folder, or give a path in one that "
                       "does", _CANTOPEN)


def refuse_folder_unwritable(out: str | os.PathLike) -> None:
    """The folder ``out`` is to be written in, missing (a USB stick pulled out) or one that
    may not be written (read-only, no permission), said before the work begins: writing
    would meet it only once the work before it was done."""
    out = os.fspath(out)
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        raise _no_folder(out)
    if not os.access(folder, os.W_OK | os.X_OK):  # (a read-only disk refuses root too)
        raise FileProblem(f"cannot write {out}: its folder {os.path.dirname(out) or '.'} may "
                          "not be written (read-only, the folder or its disk, or no "
                          "permission); nothing was changed: choose a folder you may write",
                          _DENIED)


def must_be_file(path: str | os.PathLike) -> None:
    """A file to read: "no such file", or a folder said to be one."""
    refuse_folder(path)
    if not os.path.isfile(path):
        raise BadInput(f"no such file: {os.fspath(path)}")


# the package's name in a QField project folder (field_kit.qfield.project)
QFIELD_PACKAGE = "package.gpkg"


def refuse_unfinished(path: str) -> None:
    """A GeoPackage still named ``NAME.part`` is what a checkout cut short left: whole as it
    may be, and registered in the master, but handed to no one; opened as a package (or a
    master) its work could never be merged. The same checkout run again makes ``NAME``. So
    is the package in a QField project folder still named ``OUT.part``, named or not."""
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    if folder.endswith(PART) and QFIELD_PACKAGE in (name, name[:-len(PART)]):
        raise BadInput(f"{path} is the package of a QField checkout cut short (its folder "
                       f"{folder} was never named), never a field package: run the same "
                       f"checkout again (to {folder[:-len(PART)]}), which makes the project")
    if path.endswith(PART):
        named = path
        while named.endswith(PART):  # (OUT.part.part: a checkout cut short run again)
            named = named[:-len(PART)]
        raise BadInput(f"{path} is what a checkout cut short left, never a field package: "
                       f"run the same checkout again (to {named}), which makes the package")


class _Connection(sqlite3.Connection):
    """A connection whose statements raise :class:`Busy`, not SQLite's "database is locked",
    when another program holds the file past the busy timeout (reads outside a transaction
    too: a writer holding the file exclusively blocks them)."""

    typed = ""  # the file's path as it was given (:func:`typed_path`)

    def execute(self, *args):  # type: ignore[override]
        asked = bool(STOPPING)
        try:
            return super().execute(*args)
        except sqlite3.DatabaseError as exc:
            _raise_if_stopping(exc, asked)
            _raise_if_busy(self, exc)
            _raise_file_problem(self, exc)
            raise

    def executemany(self, *args):  # type: ignore[override]
        asked = bool(STOPPING)
        try:
            return super().executemany(*args)
        except sqlite3.DatabaseError as exc:
            _raise_if_stopping(exc, asked)
            _raise_if_busy(self, exc)
            _raise_file_problem(self, exc)
            raise


def connect(path: str | os.PathLike, *, readonly: bool = False, must_exist: bool = True,
            unfinished: bool = False) -> sqlite3.Connection:
    """A connection to a GeoPackage with the functions its R-tree triggers need. A file a
    checkout cut short left is refused (:func:`refuse_unfinished`) unless ``unfinished``:
    the checkout itself reads it."""
    path = os.fspath(path)
    if must_exist:
        must_be_file(path)
        if not unfinished:
            refuse_unfinished(path)
    else:
        refuse_folder(path)
    wait_ms = busy_wait_ms()
    wait = wait_ms / 1000
    if not readonly and marked_read_only(path):
        # marked read-only by its owner: root's writes would pass, the mark is kept
        raise read_only(path)
    try:
        if readonly:
            # a file in WAL mode no program has open (no -wal): read as it is, so that
            # reading leaves no -wal and -shm beside it (SQLite makes them, and cannot
            # remove them read-only: an empty -wal would pass for the one a copy lacks)
            alone = "&immutable=1" if _wal_alone(path) else ""
            conn = sqlite3.connect(f"file:{_quote_uri(path)}?mode=ro{alone}", uri=True,
                                   isolation_level=None, timeout=wait, factory=_Connection)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=wait,
                                   factory=_Connection)
    except sqlite3.DatabaseError as exc:
        raise file_problem(path, exc) or exc from None
    conn.typed = path
    register_functions(conn)
    conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
    try:
        _waiting_said(conn, "SELECT count(*) FROM sqlite_master").fetchone()
    except Busy:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        if readonly and _file_code(exc) == _READONLY and _undo_interrupted(path):
            return connect(path, readonly=True)
        if isinstance(exc, FileProblem) and exc.code != _NOTADB:
            raise  # damaged, unreadable, as it says
        # most often the wrong file picked, which no backup mends
        raise BadInput(f"not a GeoPackage: {path} ({_what_file(path)})") from None
    return conn


def _what_file(path: str) -> str:
    """What a file that is not a database is, where it is a zip (a change package, a zipped
    QField project, one cut short by a copy)."""
    with contextlib.suppress(OSError), open(path, "rb") as fh:
        if fh.read(4) == b"PK\x03\x04":
            if zipfile.is_zipfile(path):
                return ("a zip file: a change package is merged into the master; a zipped "
                        "QField project is given as the folder it is unpacked to")
            return ("a zip file cut short or damaged, its list of members missing: copy it "
                    "again whole")
    return "the file is not a database"


def in_wal_mode(path: str) -> bool:
    """Whether the file's header says WAL (bytes 18 and 19 both 2; 1 in rollback-journal
    mode)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(20)[18:20] == b"\x02\x02"
    except OSError:
        return False


def _wal_alone(path: str) -> bool:
    """Whether the file is in WAL mode with no -wal beside it."""
    return not os.path.exists(path + "-wal") and in_wal_mode(path)


def _quote_uri(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, join: bool = False, read: bool = False,
                nested: bool = False) -> Iterator[sqlite3.Connection]:
    """BEGIN EXCLUSIVE ... COMMIT, or ROLLBACK on any exception. A lock another program
    holds past the busy timeout (a reader, a writer) raises :class:`Busy` at the start.
    With ``join``, inside a transaction the caller has open already, that one is used; with
    ``nested``, a savepoint of it (undone alone on an error). Every writer of the toolkit
    (sync, forms, drafts, the track log) writes through here, so a file in use is always
    the one :class:`Busy`.

    Exclusive from the start, because in rollback-journal mode (GeoPackages' default) a
    writer needs the exclusive lock anyway, to spill its cache and to commit: taken later,
    each spill waits the whole busy timeout for an open reader, gives up, and the next one
    waits again, so a reader could hold a merge for minutes. Taken at BEGIN, the wait is
    one busy timeout, then :class:`Busy` with nothing done. (In WAL mode EXCLUSIVE is
    IMMEDIATE: readers go on reading.)

    With ``read``, a read transaction, its shared lock taken at once (within the busy
    timeout): a consistent view for reads that do not wait by themselves (the backup API
    retries a lock for ever)."""
    if join and conn.in_transaction:
        yield conn
        return
    if nested and conn.in_transaction:  # inside the caller's: a savepoint, the caller commits
        conn.execute("SAVEPOINT field_kit")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # a full disk or an I/O error rolled back the whole
                conn.execute("ROLLBACK TO field_kit")  # transaction, its savepoints too
                conn.execute("RELEASE field_kit")
            raise
        conn.execute("RELEASE field_kit")
        return
    if not read:  # marked read-only since it was opened: root's writes would pass
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        if path and marked_read_only(path):
            raise read_only(path)
    try:
        if read:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        else:
            _waiting_said(conn, "BEGIN EXCLUSIVE")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        _raise_if_busy(conn, exc)
        raise
    committing = False
    asked = bool(STOPPING)
    try:
        yield conn
        committing = not read
        conn.execute("COMMIT")
        _committed(conn)
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        elif committing and isinstance(exc, KeyboardInterrupt):
            _committed(conn)  # the signal came once COMMIT had returned: it stands
        _raise_if_stopping(exc, asked)
        _raise_if_busy(conn, exc)
        raise


# the files (and PostgreSQL masters) this process committed changes to, or wrote whole, since
# the command began, the latest last: a command stopped after it committed says what stands
# (cli.stopping)
COMMITTED: dict[str, None] = {}


# the stop (Ctrl-C, SIGTERM) the command line's signal handler raised, while the command
# unwinds (cli.stopping): raised inside a function of ours SQLite was running (toksun_*, the
# R-tree triggers' ST_*), it reaches the statement as SQLite's own error ("user-defined
# function raised exception"), which is the stop all the same
STOPPING: list[type[KeyboardInterrupt]] = []


def _raise_if_stopping(exc: BaseException, asked_before: bool) -> None:
    """Raise the stop (:data:`STOPPING`) asked while what raised ``exc`` ran, in place of
    the error it caused (what began once it was asked, as the command unwinds, has errors of
    its own, which it may mean to catch)."""
    if STOPPING and not asked_before and not isinstance(exc, KeyboardInterrupt):
        raise STOPPING[0]() from exc


def committed(where: str) -> None:
    COMMITTED.pop(where, None)
    COMMITTED[where] = None


def _committed(conn: sqlite3.Connection) -> None:
    committed(path_of(conn))


@contextlib.contextmanager
def aside() -> Iterator[None]:
    """Commits that are no part of what the command does (what every command does first:
    the master's areas brought up to date), left out of :data:`COMMITTED`."""
    held = dict(COMMITTED)
    try:
        yield
    finally:
        COMMITTED.clear()
        COMMITTED.update(held)


def _waiting_said(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """``sql`` run (a statement that may wait for another program's lock); where it waits
    past :data:`WAIT_SAID_AFTER_MS`, said to :data:`on_wait` (the file, and how much longer
    at most) before it waits the rest: a command that seems to hang says why."""
    tell = told_here() or on_wait
    if tell is None:  # (no one to tell: not even the wait read)
        return conn.execute(sql)
    wait_ms = sqlite3.Connection.execute(conn, "PRAGMA busy_timeout").fetchone()[0]
    if wait_ms <= WAIT_SAID_AFTER_MS:
        return conn.execute(sql)
    conn.execute(f"PRAGMA busy_timeout = {WAIT_SAID_AFTER_MS}")
    try:
        return conn.execute(sql)
    except (Busy, sqlite3.OperationalError) as exc:  # (Busy: a connection of connect()'s)
        if not isinstance(exc, Busy) and not is_busy(exc):
            raise
        rest = (wait_ms - WAIT_SAID_AFTER_MS) / 1000
        tell(f"{path_of(conn)} is in use by another program: waiting up to {rest:g} s more "
             "for it")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
    return conn.execute(sql)


def told_here() -> Callable[[str], None] | None:
    """Where a wait is said for work run in this thread (:func:`told`), if anywhere."""
    return getattr(_here, "tell", None)


@contextlib.contextmanager
def told(tell: Callable[[str], None]) -> Iterator[None]:
    """While the block runs, what work run in this thread waits for (a GeoPackage another
    program holds, a PostgreSQL lock) is said to ``tell``: a program running work in
    threads of its own says each where it is shown."""
    before = getattr(_here, "tell", None)
    _here.tell = tell
    try:
        yield
    finally:
        _here.tell = before


def busy_wait_ms() -> int:
    """How long a connection opened now waits for another program's lock (ms)."""
    return _WAIT_MS.get() or BUSY_TIMEOUT_MS


@contextlib.contextmanager
def waiting_at_most(ms: int) -> Iterator[None]:
    """Connections opened in the block wait ``ms`` for another program's lock, not
    :data:`BUSY_TIMEOUT_MS`: a read a person waits on, with nothing else to do meanwhile,
    says the file is held soon instead."""
    token = _WAIT_MS.set(ms)
    try:
        yield
    finally:
        _WAIT_MS.reset(token)


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked" (or "table is locked")."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return str(exc) in _BUSY_TEXT


def _raise_if_busy(conn: sqlite3.Connection, exc: BaseException) -> None:
    """Raise :class:`Busy` in place of SQLite's "database is locked" (another connection
    held the lock past the busy timeout); any other error is left to the caller."""
    if is_busy(exc):
        raise Busy(f"{path_of(conn)} is in use by another program (an edit session in QGIS "
                   "not saved yet, another field-kit command writing it: a merge, a resolve, "
                   "an undo): save or close it there, or let it finish, then run this again; "
                   "nothing was changed") from None


def _raise_file_problem(conn: sqlite3.Connection, exc: BaseException) -> None:
    """Raise :class:`FileProblem` naming the connection's file where SQLite could not write
    or read it; any other error is left to the caller."""
    problem = file_problem(path_of(conn), exc)
    if problem is not None:
        try:
            raise problem from None
        finally:
            # (a local holding the exception whose traceback holds this frame is a cycle:
            # the frames up the stack, and what they hold, would wait for the collector)
            del problem


# pages a copy takes at a time where it reports how far it got (16 MB of GeoPackage pages)
BACKUP_STEP_PAGES = 4096


def backup(src: sqlite3.Connection, dst: sqlite3.Connection, progress=None) -> None:
    """Copy ``src`` into ``dst``; a damaged source, or a destination that cannot be written,
    is named (the copy does not go through :meth:`_Connection.execute`). ``progress(fraction)``
    hears how far it got, step by step; raising from it stops the copy."""
    try:
        if progress is None:
            src.backup(dst)
        else:
            src.backup(dst, pages=BACKUP_STEP_PAGES, progress=lambda status, remaining, total:
                       progress((total - remaining) / total if total else 1.0))
    except sqlite3.DatabaseError as exc:
        damaged = _file_code(exc) in (_CORRUPT, _NOTADB)
        _raise_file_problem(src if damaged else dst, exc)
        raise


def in_command(path) -> str:
    """A path as it is typed in a command the user is told to run: quoted where a shell
    would split it or read it otherwise (a space, a bracket), else as it is."""
    text = os.fspath(path)
    if text and all((c.isalnum() or c in "/._-+:@%,=" or ord(c) > 127) and not c.isspace()
                    for c in text):
        return text
    return f'"{text}"' if os.name == "nt" else shlex.quote(text)


def typed_path(conn: sqlite3.Connection) -> str:
    """The file a connection has open, as the user gave it (a command told to them names
    it so), else as SQLite holds it."""
    return getattr(conn, "typed", "") or path_of(conn)


def path_of(conn: sqlite3.Connection) -> str:
    """The file a connection has open."""
    return sqlite3.Connection.execute(conn, "PRAGMA database_list").fetchone()[2]


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (name,)).fetchone() is not None


def file_columns(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({quote(name)})")]


def chunks(items: list, size: int = 900):
    """``items`` in slices small enough for one statement's ``?`` parameters."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def marks(n: int) -> str:
    """``(?, ?, ...)`` with ``n`` parameters, for ``IN`` lists."""
    return "(" + ", ".join("?" * n) + ")"


def lit(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
