# SPDX-License-Identifier: GPL-2.0-or-later
"""The app told to end (a shutdown, `kill`: SIGTERM) ends as a normal close does: its lock
on the package is gone, what was typed is in the draft."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from field_kit.app.form_widget import FormWidget
from tests.app import process as app_process


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
