# SPDX-License-Identifier: GPL-2.0-or-later
"""A save cut short (the process killed as its draft is removed) never leaves a draft that a
second Save would make into a second, identical record."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

from field_kit.app.form_widget import FormWidget
from tests.app.process import ROOT


def _kill_in_save(package, patch, where):
    got = subprocess.run([sys.executable, "-m", "tests.app.kill_in_save", str(package), patch,
                          where], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr
    assert got.stdout.split() == ["saving"]


def _records(package, patch) -> int:
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT count(*) FROM patch_verifications WHERE patch_uuid = ?",
                            (patch,)).fetchone()[0]
    finally:
        conn.close()


def test_killed_while_its_draft_goes_the_record_is_saved_once(qtbot, package, patch):
    _kill_in_save(package, patch[0], "package")
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    # the record and the draft's removal are one: either both happened or neither
    if fw.record_uuid is None:
        assert "draft restored" in fw.banner.text()
        assert fw.values()["notes"] == "killed while saving"
        assert fw.save() is not None
    assert _records(package, patch[0]) == 1
    fw.close_db()
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    assert again.record_uuid is not None and "draft restored" not in again.banner.text()
    again.save()  # a second Save corrects the same record
    assert _records(package, patch[0]) == 1
    again.close_db()


def test_killed_while_its_rescue_file_goes_the_record_is_saved_once(qtbot, package, patch,
                                                                   rescue_dir):
    _kill_in_save(package, patch[0], "rescue")
    assert _records(package, patch[0]) == 1 and len(list(rescue_dir.glob("*.json"))) == 1
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    assert fw.record_uuid is not None  # the record saved is shown
    fw.new_record()  # the rescue file of a new record was saved already: not brought back
    assert fw.values()["notes"] in (None, "")
    assert "saved already" in fw.banner.text()
    assert not list(rescue_dir.glob("*.json"))
    assert fw.save() is None  # an empty form: nothing to save twice
    assert _records(package, patch[0]) == 1
    fw.close_db()

