# SPDX-License-Identifier: GPL-2.0-or-later
"""A record that holds a sub-class of another class (written so by a tool, or a master
settled so) shows that sub-class as stored, and the form says it does not belong to the
class, in English and Chinese: not an empty box said to be required."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit.app.form_widget import FormWidget
from tests.app.test_form_widget import _pick, _problem_text
from tests.unit.gpkg_factory import edit


@pytest.fixture
def record(package, patch):
    """A verification of the patch holding class 20 and sub-class 33 (of class 30)."""
    edit(package, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
                  "patch_subclass, verifier, verified_on) SELECT uuid, patch_code, '20', '33', "
                  "'Li', '2025-05-20' FROM mine_patches WHERE uuid = ?", patch[0])
    with sqlite3.connect(package) as conn:
        return conn.execute("SELECT uuid FROM patch_verifications").fetchone()[0]


def _opened(qtbot, package, record, language):
    fw = FormWidget(package, "patch_verification", record, language=language)
    qtbot.addWidget(fw)
    fw.show()
    return fw


@pytest.mark.parametrize("language, said", [
    ("en", "Patch sub-class '33' does not belong to the chosen Patch class"),
    ("zh", "图斑小类“33”不属于所选的图斑大类")])
def test_the_stored_sub_class_shows_and_is_said_not_to_belong(qtbot, package, record,
                                                               language, said):
    fw = _opened(qtbot, package, record, language)
    try:
        sub = fw.editor("patch_subclass")
        assert (sub.combo.currentData(), sub.combo.currentText()) == ("33", "33")
        assert fw.values()["patch_subclass"] == "33"
        assert said in _problem_text(fw, "patch_subclass")
        assert "required" not in _problem_text(fw, "patch_subclass")
        assert not fw.save_button.isEnabled()
    finally:
        fw.close_db()


def test_choosing_its_class_keeps_it_and_another_class_asks_again(qtbot, package, record):
    fw = _opened(qtbot, package, record, "en")
    try:
        _pick(qtbot, fw.editor("patch_class"), "30")
        assert fw.values()["patch_subclass"] == "33"
        assert _problem_text(fw, "patch_subclass") == ""
        _pick(qtbot, fw.editor("patch_class"), "10")
        assert fw.values()["patch_subclass"] is None  # a sub-class of 10 to choose
        assert fw.editor("patch_subclass").combo.findData("33") < 0
    finally:
        fw.close_db()
