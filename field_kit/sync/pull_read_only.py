# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull from a master marked read-only (a share a technician may only read).

A pull writes into the master only to log what was done to it since the last command that
wrote it (:func:`field_kit.sync.changelog.seal`): edits captured and not logged yet, layers
and columns added, capture an earlier version installed. Where there is none of that, the
master is read as it is and left untouched; where there is, the pull is refused, naming
what it had to write."""

from __future__ import annotations

import os
import sqlite3

from ..db import FileProblem, connect, marked_read_only, read_only
from . import changelog, drift, registry
from .captured_edits import captured_count, has_capture
from .triggers import CAPTURE_VERSION


def open_master(path: str | os.PathLike) -> sqlite3.Connection:
    """The master at ``path``, opened to read where it is marked read-only, else to write."""
    path = os.fspath(path)
    if not marked_read_only(path):
        return changelog.open_master(path)
    conn = connect(path, readonly=True)
    if changelog.state(conn)["kind"] != changelog.MASTER:
        conn.close()
        raise changelog.not_a_master(path)
    return conn


def seal(src: sqlite3.Connection, path: str | os.PathLike) -> None:
    """Log what was done to the master since the last command that wrote it, as any
    command does; in one marked read-only, refuse where there is something to log."""
    path = os.fspath(path)
    if not marked_read_only(path):
        changelog.seal(src)
        return
    found = drift.find(src)
    drift.raise_if_broken(path, found)  # (repair's, said as for a master that may be written)
    to_write = []
    if not has_capture(src) or not registry.has_registry(src) or \
            registry.meta(src, "capture_version") != CAPTURE_VERSION:
        to_write.append("change capture as an earlier version installed it, to bring up to "
                        "date")
    n = captured_count(src)
    if n:
        to_write.append(f"{n} edit{'' if n == 1 else 's'} captured and not logged yet")
    if found:
        to_write.append("layers or columns added, to be tracked: " + "; ".join(map(str, found)))
    if to_write:
        raise FileProblem(
            f"cannot pull from {path}: it is read-only (the file, its folder or the disk), and "
            "the pull must first log in it what was done to it since the last command that "
            f"wrote it: {', and '.join(to_write)}; nothing was changed: ask its owner to run "
            "field-kit repair on it, which logs that, or copy it where you may write",
            read_only(path).code)


__all__ = ["open_master", "seal"]
