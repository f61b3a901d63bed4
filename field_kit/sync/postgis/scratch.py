# SPDX-License-Identifier: GPL-2.0-or-later
"""The stage's temporary folder, which names the process that owns it: a command killed
with SIGKILL (or the power cut) cannot remove its own, so the next command removes those
whose owner is gone (on this host, and left more than a minute ago), never a live one's;
an earlier version's, which names no owner, once it is a day old."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator

PREFIX = "toksun-stage-"
OWNER = "owner"  # "host pid", the file in each folder
SETTLED = 60  # seconds: a folder younger than this may be one being made
# seconds: a folder naming no owner (an earlier version's) untouched this long is no stage
# still at work (none takes a day)
UNOWNED = 24 * 3600


@contextlib.contextmanager
def folder() -> Iterator[str]:
    """A temporary folder for a stage, removed after it (by SIGTERM too: see the CLI)."""
    left_behind()
    with tempfile.TemporaryDirectory(prefix=PREFIX) as workdir:
        with open(os.path.join(workdir, OWNER), "w") as fh:
            fh.write(f"{socket.gethostname()} {os.getpid()}\n")
        yield workdir


def left_behind() -> list[str]:
    """Remove the stage folders whose owner has ended on this host; the ones removed."""
    removed = []
    for path in glob.glob(os.path.join(tempfile.gettempdir(), PREFIX + "*")):
        if _owner_gone(path):
            shutil.rmtree(path, ignore_errors=True)  # (another user's: theirs to remove)
            removed.append(path)
    return removed


def _owner_gone(path: str) -> bool:
    try:
        age = time.time() - os.stat(path).st_mtime
        if not os.path.exists(os.path.join(path, OWNER)):
            return age > UNOWNED
        with open(os.path.join(path, OWNER)) as fh:
            host, pid = fh.read().split()
        if age < SETTLED:
            return False
        if host != socket.gethostname():
            return False
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):  # not ours, or unreadable
        return False
    return False
