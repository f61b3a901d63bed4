# SPDX-License-Identifier: GPL-2.0-or-later
"""One app writing a package at a time: a lock file next to the package (``NAME.gpkg.lock``)
naming the process and computer that hold it. Two copies of the app on one package would
each keep their own drafts and overwrite each other's records without a word.

A lock left by a process that is gone (a crash, a power cut) is stale and taken over, and
so is one whose process id now names another program (ids are used again, after a restart
at once): the lock keeps when its process started, and a process started at another time,
or (a lock without that time) one that does not run the app, is not its holder. A
lock held from another computer (a package on a shared folder) cannot be checked and is
respected: the message says which computer holds it and which file to delete if it is not
running the app any more."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    since: str
    path: Path
    started: str = ""  # when the process started, where the system says (Linux)


class Held(Exception):
    """The package is open in another copy of the app."""

    def __init__(self, holder: Holder):
        super().__init__(f"{holder.path} is held by process {holder.pid} on {holder.host} "
                         f"since {holder.since}")
        self.holder = holder


def alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        import ctypes
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def started(pid: int) -> str | None:
    """When a process started (clock ticks since boot, from Linux's /proc), None where
    unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]  # field 22, after the name in parentheses
    except (OSError, IndexError):
        return None


def runs_the_app(pid: int) -> bool | None:
    """Whether a process's command line runs the field app (``python -m field_kit.app``,
    ``field-kit app``); None where the system does not say (no /proc)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    line = " ".join(args)
    return "field_kit.app" in line or "field_kit/app" in line or (
        "field-kit" in line and "app" in args)


class PackageLock:
    def __init__(self, package):
        self.path = Path(f"{package}.lock")
        self.held = False

    def holder(self) -> Holder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(int(data["pid"]), str(data["host"]), str(data.get("since", "")),
                          self.path, str(data.get("started") or ""))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):  # half written: a crash while
            return Holder(0, socket.gethostname(), "", self.path)  # writing it; stale

    def stale(self, h: Holder) -> bool:
        if h.host != socket.gethostname():
            return False  # another computer's processes cannot be checked
        if h.pid == os.getpid() or not alive(h.pid):
            return True
        now = started(h.pid)
        if h.started and now:
            return now != h.started  # the id is another process's now
        return runs_the_app(h.pid) is False

    def acquire(self) -> Holder | None:
        """Take the lock, or raise Held naming who has it; return the stale lock's holder
        when one was taken over."""
        taken = None
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                h = self.holder()
                if h is not None and not self.stale(h):
                    raise Held(h) from None
                taken = h
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"pid": os.getpid(), "host": socket.gethostname(),
                           "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           "started": started(os.getpid())}, fh)
            self.held = True
            return taken
        h = self.holder()
        raise Held(h or Holder(0, "?", "", self.path))

    def release(self) -> None:
        if not self.held:
            return
        h = self.holder()
        if h is not None and h.pid == os.getpid() and h.host == socket.gethostname():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False


def refuse_pull_while_open(package) -> None:
    """Refuse a pull into ``package`` while the field app has it open in another process:
    its open form keeps the values it read, and its next save would write them back over
    the master's the pull brought, with no conflict (the app's own Update reloads it)."""
    from .errors import Busy
    from .sync.changelog import local_time
    lock = PackageLock(package)
    h = lock.holder()
    if h is None or lock.stale(h):
        return
    since = local_time(h.since)
    # (another computer's process cannot be checked: a lock it left is deleted by hand)
    elsewhere = "" if h.host == socket.gethostname() else \
        f"; if computer {h.host} no longer runs the app, delete the lock file {lock.path}"
    raise Busy(f"{package} is open in the field app (process {h.pid} on computer {h.host}, "
               f"since {since}): nothing was pulled: close the app first, or pull with the "
               "app's Update button, which reloads its open form (a form left open on the "
               f"values it read would write them back over the master's at its next save)"
               f"{elsewhere}")
