# SPDX-License-Identifier: GPL-2.0-or-later
"""A new verification opened in the field app lists no faults before anything is typed: its
required fields are marked (*) and counted in a neutral line. A field edited and left empty,
and Save tried, name what is missing, at its field, in English and Chinese; the record is
refused as before."""

from __future__ import annotations

from PyQt5.QtCore import Qt

from tests.app.conftest import form_shown, verifications_in

MISSING_EN = ["Patch class is required", "Patch sub-class is required",
              "Damage type is required", "Verifier is required"]
MISSING_ZH = ["请填写图斑大类", "请填写图斑小类", "请填写损毁类型"]


def _said(fw) -> list[str]:
    """The problems shown at their fields."""
    return [label.text() for label in fw.problem_labels.values() if not label.isHidden()]


def test_a_new_form_lists_no_faults_until_save_is_tried(qtbot, package, patch):
    fw = form_shown(qtbot, package, patch, "en")
    assert _said(fw) == []
    assert "✖" not in fw.summary.text() and "error" not in fw.summary.text()
    assert fw.summary.text() == "Fields marked * are required: 8 still empty"
    assert fw.save_button.isEnabled()  # Save is how the technician asks what is missing

    # a field typed in and emptied again is said at once, the others still quiet
    box = fw.editor("verifier").edit
    qtbot.keyClicks(box, "Li")
    assert _said(fw) == []
    box.selectAll()
    qtbot.keyClick(box, Qt.Key_Delete)
    assert _said(fw) == ["✖ Verifier is required"]
    assert "1 error to fix before saving; 7 more required fields still empty" in \
        fw.summary.text()
    assert fw.save_button.isEnabled()

    qtbot.mouseClick(fw.save_button, Qt.LeftButton)
    assert verifications_in(package) == 0  # refused, as before
    said = "\n".join(_said(fw))
    assert all(m in said for m in MISSING_EN), said
    assert "8 errors to fix before saving" in fw.summary.text()
    assert not fw.save_button.isEnabled()
    fw.close_db()


def test_the_chinese_form_is_as_quiet_and_names_them_at_ctrl_s(qtbot, package, patch):
    fw = form_shown(qtbot, package, patch, "zh")
    assert _said(fw) == []
    assert fw.summary.text() == "带 * 的为必填项，还有 8 项未填"
    fw.save_by_key()  # Ctrl+S
    assert verifications_in(package) == 0
    said = "\n".join(_said(fw))
    assert all(m in said for m in MISSING_ZH), said
    assert "8 处错误，改正后才能保存" in fw.summary.text()
    fw.close_db()


def test_discarding_the_draft_makes_the_form_quiet_again(qtbot, package, patch, answers):
    fw = form_shown(qtbot, package, patch, "en")
    fw.set_value("verifier", "Li")
    fw.save()
    assert _said(fw)
    answers.append(True)  # yes, throw the draft away
    assert fw.discard_draft()
    assert _said(fw) == [] and "8 still empty" in fw.summary.text()
    fw.close_db()


def test_a_field_gone_through_and_left_empty_is_said(qtbot, window, patch):
    """Tab through a required field without choosing: it is said as the cursor leaves it,
    the fields not reached yet stay quiet."""
    from PyQt5.QtWidgets import QApplication

    from field_kit.app.patch_list import PATCH

    window.select(PATCH, patch[0])
    form = window.form
    window.activateWindow()
    qtbot.waitActive(window)
    combo = form.editor("patch_class").combo
    combo.setFocus(Qt.TabFocusReason)
    assert QApplication.focusWidget() is combo
    assert _said(form) == []
    qtbot.keyClick(combo, Qt.Key_Tab)
    assert _said(form) == ["✖ Patch class is required"]
    assert "7 more required fields still empty" in form.summary.text()
