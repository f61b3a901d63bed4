# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app as its own process, as a technician starts it: driven by a test script
(select a patch, type values), read until it says READY, killed like a pulled battery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(package, script: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "field_kit.app", str(package), "--lang", "en"]
    if script is not None:
        args += ["--test-script", json.dumps(script)]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def ready(proc: subprocess.Popen) -> list[str]:
    """Wait for READY; what the window's status bar said as it opened (its SAID lines)."""
    said = []
    line = proc.stdout.readline()
    while line.startswith("SAID "):
        said.append(line[5:].strip())
        line = proc.stdout.readline()
    assert line.strip() == "READY", proc.stderr.read() if proc.poll() is not None else line
    return said


def end(proc: subprocess.Popen) -> None:
    """Kill it if it still runs, and close its pipes."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    proc.stderr.close()
