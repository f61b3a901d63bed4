# SPDX-License-Identifier: GPL-2.0-or-later
"""Whenever what was typed is kept nowhere but on the screen, the form knows it at once, not
at the next keystroke: closing the window right then asks first. The package unplugged with
no rescue file possible, then plugged back: the values come back with it, nothing asked."""

from __future__ import annotations

import shutil

from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.conftest import click_in_list
from tests.app.test_read_only import _fill

KEPT_NOWHERE = "The form's values are kept nowhere"


def _no_rescue_folder(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the rescue folder would be")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))


def test_unplugged_with_no_rescue_closing_at_once_asks(qtbot, window, patch, package, shown,
                                                       answers, tmp_path, monkeypatch):
    click_in_list(qtbot, window, PATCH, patch[0])
    _fill(window.form)
    window.form.editor("verifier").edit.clear()
    qtbot.keyClicks(window.form.editor("verifier").edit, "Nurgul")
    _no_rescue_folder(tmp_path, monkeypatch)
    away = package.with_name("elsewhere.gpkg")
    shutil.move(package, away)  # the USB stick pulled out
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's own check, every 2 s
    assert "could not be written to a rescue file" in shown[0], shown
    form = window.form
    assert form.kept_nowhere
    assert "only on the screen" in form.banner.text(), form.banner.text()
    try:
        _closing_asks(qtbot, window, package, away, form, shown, answers)
    finally:
        window.end()  # (asking nothing, whatever failed)


def _closing_asks(qtbot, window, package, away, form, shown, answers) -> None:
    answers.append(False)  # closing right away: asked, and "No" keeps the window
    window.close()
    assert answers.asked and answers.asked[-1].startswith(KEPT_NOWHERE), answers.asked
    assert window.isVisible()

    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # a save that can be kept nowhere
    assert form.kept_nowhere and "Nothing was kept" in shown[-1], shown[-1]
    answers.append(False)
    window.close()
    assert len(answers.asked) == 2 and window.isVisible()

    qtbot.keyClicks(form.editor("verifier").edit, " Tursun")  # typed while it is away
    shutil.move(away, package)  # plugged back: nothing asked, the values are in the form
    qtbot.waitUntil(lambda: not window.gone, timeout=5000)
    assert len(answers.asked) == 2, answers.asked
    assert window.form.editor("verifier").edit.text() == "Nurgul Tursun"
    assert not window.form.kept_nowhere
    assert [d.values["verifier"] for d in drafts.load_drafts(window.conn)] == ["Nurgul Tursun"]


def test_a_failed_save_kept_nowhere_asks_at_once_in_chinese(qtbot, window, patch, package,
                                                            shown, answers, tmp_path,
                                                            monkeypatch):
    """Nothing typed after the failed save: the box said "kept nowhere", so does the form."""
    window.lang_actions[i18n.ZH].trigger()
    click_in_list(qtbot, window, PATCH, patch[0])
    _fill(window.form)
    window.form.editor("verifier").edit.clear()
    qtbot.keyClicks(window.form.editor("verifier").edit, "Nurgul")
    _no_rescue_folder(tmp_path, monkeypatch)
    shutil.move(package, package.with_name("elsewhere.gpkg"))
    qtbot.mouseClick(window.form.save_button, Qt.LeftButton)  # before the window's check
    try:
        assert "没有保存任何内容" in shown[0], shown
        answers.append(False)
        window.close()
        assert answers.asked and "没有保存在任何地方" in answers.asked[-1], answers.asked
        assert window.isVisible()
        shutil.move(package.with_name("elsewhere.gpkg"), package)
        qtbot.waitUntil(lambda: not window.gone, timeout=5000)
        assert window.form.editor("verifier").edit.text() == "Nurgul"
    finally:
        window.end()
