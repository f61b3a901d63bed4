# SPDX-License-Identifier: GPL-2.0-or-later
"""Kill the app in the middle of a form (SIGKILL: no clean-up runs) and find the draft."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from field_kit.app.form_widget import FormWidget

ROOT = Path(__file__).resolve().parents[2]


def test_a_killed_app_loses_nothing_typed(qtbot, package, patch):
    script = {"select": patch[0], "values": [
        ["patch_class", "30", None], ["patch_subclass", "35", None],
        ["measured_area_m2", "7.5", "亩"], ["notes", "沙坑北侧有新的堆土", None]]}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-m", "field_kit.app", str(package), "--lang", "en",
                             "--test-script", json.dumps(script)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read() if proc.poll() is not None else line
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    v = fw.values()
    assert (v["patch_class"], v["patch_subclass"]) == ("30", "35")
    assert v["measured_area_m2"] == 5000.0  # 7.5 亩, kept as typed with its unit
    assert fw.editor("measured_area_m2").edit.text() == "7.5"
    assert v["notes"] == "沙坑北侧有新的堆土"
    assert "draft restored" in fw.banner.text()
    fw.close_db()
