# SPDX-License-Identifier: GPL-2.0-or-later
"""The app told to end (a shutdown, `kill`: SIGTERM) ends as a normal close does: its lock
on the package is gone, what was typed is in the draft."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from field_kit.app.form_widget import FormWidget
from tests.app import process as app_process
from tests.app.test_read_only import ROOT


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_removes_the_lock_and_keeps_the_draft(qtbot, package, patch):
    lock = Path(f"{package}.lock")
    proc = app_process.start(package, {"select": patch[0],
                                       "values": [["notes", "北侧堆土", None]]})
    try:
        app_process.ready(proc)
        assert lock.exists()
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=10) == 0, proc.stderr.read()
    finally:
        app_process.end(proc)
    assert not lock.exists()
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    assert fw.values()["notes"] == "北侧堆土"
    assert "draft restored" in fw.banner.text()
    fw.close_db()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_ends_the_app_while_it_shows_why_a_file_is_not_opened(master):
    """A master given to the app is refused in a box; a shutdown or `timeout` then ended
    nothing (the box's loop runs no Python to hear the signal): the app ran on, the box
    open, until killed. It ends as the box closed, with the refusal's exit code."""
    proc = subprocess.Popen([sys.executable, "-m", "field_kit", "app", str(master), "--lang",
                             "en"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert proc.stderr.readline().startswith("field-kit app: ")  # why, then the box
        time.sleep(1.5)  # the box shown
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=10) == 2
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
