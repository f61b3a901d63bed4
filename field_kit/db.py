# SPDX-License-Identifier: GPL-2.0-or-later
"""Opening GeoPackages for the sync core, and transactions.

Connections are in autocommit mode (``isolation_level=None``): every write of the sync core
runs inside an explicit ``BEGIN IMMEDIATE ... COMMIT`` (:func:`transaction`), so a merge, a
checkout or a resolve is all or nothing, whatever happens to the process.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator

from .errors import BadInput, Busy
from .plan.geometry import register_functions

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another program's lock


def connect(path: str | os.PathLike, *, readonly: bool = False, must_exist: bool = True
            ) -> sqlite3.Connection:
    """A connection to a GeoPackage with the functions its R-tree triggers need."""
    path = os.fspath(path)
    if must_exist and not os.path.isfile(path):
        raise BadInput(f"no such file: {path}")
    if readonly:
        conn = sqlite3.connect(f"file:{_quote_uri(path)}?mode=ro", uri=True,
                               isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise BadInput(f"not a GeoPackage: {path} ({exc})") from None
    return conn


def _quote_uri(path: str) -> str:
    return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, join: bool = False
                ) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception. A lock another program
    holds past the busy timeout (at the start, or at the commit) raises :class:`Busy`.
    With ``join``, inside a transaction the caller has open already, that one is used."""
    if join and conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        _raise_if_busy(conn, exc)
        raise
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        _raise_if_busy(conn, exc)
        raise


def _raise_if_busy(conn: sqlite3.Connection, exc: BaseException) -> None:
    """Raise :class:`Busy` in place of SQLite's "database is locked" (another connection
    held the lock past the busy timeout); any other error is left to the caller."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if isinstance(exc, sqlite3.OperationalError) and code in (sqlite3.SQLITE_BUSY,
                                                               sqlite3.SQLITE_LOCKED):
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        raise Busy(f"{path} is in use by another program (an edit session in QGIS not saved "
                   "yet, another merge): save or close it there, then run this again; "
                   "nothing was changed") from None


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (name,)).fetchone() is not None


def file_columns(conn: sqlite3.Connection, name: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]


def chunks(items: list, size: int = 900):
    """``items`` in slices small enough for one statement's ``?`` parameters."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def marks(n: int) -> str:
    """``(?, ?, ...)`` with ``n`` parameters, for ``IN`` lists."""
    return "(" + ", ".join("?" * n) + ")"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
