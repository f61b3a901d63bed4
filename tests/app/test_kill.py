# SPDX-License-Identifier: GPL-2.0-or-later
"""Kill the app in the middle of a form (SIGKILL: no clean-up runs) and find the draft."""

from __future__ import annotations

import os
import signal

from field_kit.app.form_widget import FormWidget
from tests.app import process as app_process


def test_a_killed_app_loses_nothing_typed(qtbot, package, patch):
    script = {"select": patch[0], "values": [
        ["patch_class", "30", None], ["patch_subclass", "35", None],
        ["measured_area_m2", "7.5", "亩"], ["notes", "沙坑北侧有新的堆土", None]]}
    proc = app_process.start(package, script)
    try:
        app_process.ready(proc)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        app_process.end(proc)
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    v = fw.values()
    assert (v["patch_class"], v["patch_subclass"]) == ("30", "35")
    assert v["measured_area_m2"] == 5000.0  # 7.5 亩, kept as typed with its unit
    assert fw.editor("measured_area_m2").edit.text() == "7.5"
    assert v["notes"] == "沙坑北侧有新的堆土"
    assert "draft restored" in fw.banner.text()
    fw.close_db()
