# SPDX-License-Identifier: GPL-2.0-or-later
"""What was typed that neither the package nor the rescue folder could take (only on the
screen) goes with the record a Delete takes, held in memory, and comes back on the form
with Undo delete; where it is kept then is said on the banner."""

from __future__ import annotations

import gc

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.conftest import click_in_list
from tests.app.test_failures import _fill
from tests.app.test_save_box_says_what_was_kept import _nowhere_to_keep

NOTE = "沙坑北侧有新的堆土。" * 20000  # more than the full disk takes


def _typed_kept_nowhere(qtbot, window, patch, photo, tmp_path, monkeypatch) -> str:
    """A record saved; then, the package's disk full and no rescue folder, a long note and
    a name typed into it: only on the screen. Its uuid."""
    click_in_list(qtbot, window, PATCH, patch[0])
    form = window.form
    _fill(form, photo)
    uuid = form.save()
    assert uuid
    _nowhere_to_keep(window, tmp_path, monkeypatch)
    form.set_value("notes", NOTE)
    qtbot.keyClicks(form.editor("verifier").edit, " Tursun")
    assert form.kept_nowhere
    return uuid


def _delete_and_undo(qtbot, window, answers, between=lambda: None) -> None:
    answers.append(True)  # Delete record? Yes (a slip)
    uuid = window.form.record_uuid
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert window.form.record_uuid != uuid and not window.form.kept_nowhere
    gc.collect()
    between()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.undo_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)
    gc.collect()


def test_undo_delete_puts_back_what_only_the_screen_held(qtbot, window, patch, photo,
                                                         answers, tmp_path, monkeypatch):
    uuid = _typed_kept_nowhere(qtbot, window, patch, photo, tmp_path, monkeypatch)
    _delete_and_undo(qtbot, window, answers, between=lambda: window.conn.execute(
        "PRAGMA max_page_count = 1073741823"))  # space freed since

    form = window.form
    assert form.record_uuid == uuid
    assert form.editor("verifier").edit.text() == "Ayxam Tursun"
    assert form.values()["notes"] == NOTE
    assert [(d.values["uuid"], d.values["verifier"]) for d in drafts.load_drafts(
        window.conn)] == [(uuid, "Ayxam Tursun")]  # kept as its draft now
    assert form.banner.text() == ("✎ Delete undone: the record, its 1 photo and its draft "
                                  "are back, and the master keeps the record")
    assert form.discard_button.isEnabled() and not form.kept_nowhere


def test_still_nowhere_to_keep_them_the_banner_says_so(qtbot, window, patch, photo, answers,
                                                       tmp_path, monkeypatch):
    uuid = _typed_kept_nowhere(qtbot, window, patch, photo, tmp_path, monkeypatch)
    window.lang_actions[i18n.ZH].trigger()
    try:
        _delete_and_undo(qtbot, window, answers)
        form = window.form
        assert form.record_uuid == uuid
        assert form.editor("verifier").edit.text() == "Ayxam Tursun"
        assert form.kept_nowhere  # closing asks, as before the delete
        assert form.banner.text().startswith("✎ 已撤销删除：记录、其 1 张照片及其草稿已恢复")
        assert "这些值只在屏幕上" in form.banner.text(), form.banner.text()
    finally:
        window.end()  # (asking nothing, whatever failed)
