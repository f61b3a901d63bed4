# SPDX-License-Identifier: GPL-2.0-or-later
"""One copy of the app per package: a second one is refused, naming the process and the
computer that hold the package; a lock left by a killed app is taken over."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from field_kit.app.lock import Held, PackageLock

ROOT = Path(__file__).resolve().parents[2]


def _start(package, patch, script=True):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "field_kit.app", str(package), "--lang", "en"]
    if script:
        args += ["--test-script", json.dumps({"select": patch[0], "values": []})]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _ready(proc) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "READY", proc.stderr.read() if proc.poll() is not None else line


def _end(proc) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    proc.stderr.close()


def test_a_second_copy_is_refused_and_a_dead_ones_lock_taken_over(package, patch):
    first = _start(package, patch)
    try:
        _ready(first)
        second = _start(package, patch)
        try:
            assert second.wait(timeout=60) == 7  # BUSY: nothing changed
            err = second.stderr.read()
            assert f"process {first.pid}" in err and socket.gethostname() in err
            assert "already open in another copy" in err
        finally:
            _end(second)
    finally:
        _end(first)  # killed: its lock file stays, stale
    assert Path(f"{package}.lock").exists()
    third = _start(package, patch)
    try:
        _ready(third)  # the stale lock is taken over
        h = PackageLock(package).holder()
        assert (h.pid, h.host) == (third.pid, socket.gethostname())
    finally:
        _end(third)


def test_the_lock_in_process(tmp_path):
    pkg = tmp_path / "p.gpkg"
    mine = PackageLock(pkg)
    mine.acquire()
    other = PackageLock(pkg)
    other.stale = lambda h: False  # as if held by another living process
    try:
        other.acquire()
        raise AssertionError("taken twice")
    except Held as exc:
        assert exc.holder.pid == os.getpid()
    mine.release()
    assert not Path(f"{pkg}.lock").exists()
    Path(f"{pkg}.lock").write_text("{")  # half written by a crash: stale
    again = PackageLock(pkg)
    again.acquire()
    again.release()
