# SPDX-License-Identifier: GPL-2.0-or-later
"""A save cut short (the process killed as its draft is removed) never leaves a draft that a
second Save would make into a second, identical record."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

import pytest

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


@pytest.fixture(autouse=True)
def _rescue_env(rescue_dir, monkeypatch):
    """The killed process writes its rescue file where the test looks."""
    monkeypatch.setenv("TOKSUN_FIELD_KIT_RESCUE", str(rescue_dir))
