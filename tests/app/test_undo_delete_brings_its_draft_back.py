# SPDX-License-Identifier: GPL-2.0-or-later
"""Delete record drops the record's draft with it (its question says so); Undo delete puts
the draft back with the record, as it was: what was typed and not saved yet, and the note
of what was typed that cannot be saved."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from field_kit.sync import changelog
from tests.app.test_delete_says_what_cannot_be_saved import photo_held
from tests.app.test_main_window import _save_verification


def _drafts(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return [(d, s, json.loads(v)) for d, s, v in conn.execute(
            "SELECT draft_id, subject_uuid, values_json FROM form_drafts ORDER BY draft_id")]
    finally:
        conn.close()


def _delete_then_ctrl_z(qtbot, window, answers) -> None:
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert _drafts(window.path) == []  # gone with the record
    window.activateWindow()  # the window keys go to, as a click on it makes it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.undo_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)


def test_the_note_of_what_cannot_be_saved_comes_back(qtbot, window, master, package, patch,
                                                     photo, capsys, answers):
    uuid = photo_held(qtbot, window, master, package, patch, photo, capsys)
    note = window.form.stranded_note.fields()
    before = _drafts(package)
    assert len(before) == 1

    _delete_then_ctrl_z(qtbot, window, answers)
    form = window.form
    assert form.record_uuid == uuid
    assert _drafts(package) == before  # the same draft, holding the same
    qtbot.waitUntil(form.stranded_note.isVisible)
    assert form.stranded_note.fields() == note
    assert form.banner.text() == ("✎ Delete undone: the record, its 0 photos and its draft "
                                  "are back, and the master keeps the record")


@pytest.mark.parametrize("lang, said", [
    (i18n.EN, "✎ Delete undone: the record, its 1 photo and its draft are back, and the "
     "master keeps the record"),
    (i18n.ZH, "✎ 已撤销删除：记录、其 1 张照片及其草稿已恢复，主库将保留这条记录")])
def test_what_was_typed_and_not_saved_comes_back(qtbot, window, package, patch, photo,
                                                 answers, lang, said):
    i18n.set_language(lang)
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    box = window.form.editor("verifier").edit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, " Nurgul")  # typed, not saved: the draft holds it
    before = _drafts(package)
    assert len(before) == 1

    _delete_then_ctrl_z(qtbot, window, answers)
    form = window.form
    assert form.record_uuid == uuid
    assert _drafts(package) == before
    assert form.editor("verifier").edit.text() == "Ayxam Nurgul"
    assert form.banner.text() == said
    assert form.discard_button.isEnabled()  # the draft is there to throw away again


def test_the_draft_back_keeps_the_time_it_was_typed(qtbot, window, package, patch, photo,
                                                    answers, monkeypatch):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    typed = "2025-06-01T02:15:00.000Z"  # typed on another day (10:15 in Toksun)
    with monkeypatch.context() as then:  # after it, the clock goes on: the undo is now
        then.setattr(drafts, "_now", lambda: typed)
        window.form.editor("verifier").edit.setFocus()
        qtbot.keyClicks(window.form.editor("verifier").edit, " Nurgul")
    (before,) = drafts.load_drafts(window.conn)
    assert before.updated_at == typed

    _delete_then_ctrl_z(qtbot, window, answers)
    assert window.form.record_uuid == uuid
    assert [d.updated_at for d in drafts.load_drafts(window.conn)] == [typed]
    again = MainWindow(package, "en")  # the draft opened again says when it was typed
    qtbot.addWidget(again)
    window.close()
    again.show()
    again.select(PATCH, patch[0])
    assert again.form.record_uuid == uuid
    assert again.form.banner.text() == "✎ Unsaved draft restored ({})".format(
        changelog.local_time(typed, "%m-%d %H:%M"))
    again.close()
