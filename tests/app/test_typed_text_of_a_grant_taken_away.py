# SPDX-License-Identifier: GPL-2.0-or-later
"""Text typed in a field whose grant an update takes away: the form names the field and
shows the typed text (selectable, copied with a button), the draft keeps it through edits
and a Save, and only the technician throws it away."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication

from field_kit.app import failures, i18n
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.conftest import click_in_list, opened_again
from tests.app.test_main_window import _save_verification
from tests.app.test_typed_position import _type as typed
from tests.unit.cli_run import cli_said

ADDED = " 补充：围栏破损两处。"


def _type(qtbot, editor, text: str) -> None:
    """Type at the end of a text field: keys, and what a Chinese input method commits."""
    box = getattr(editor, "edit", editor)
    box.setFocus()
    QTest.keyClick(box, Qt.Key_End, Qt.ControlModifier)
    typed(qtbot, box, text)


def _drafted_notes(package) -> list[str]:
    conn = sqlite3.connect(package)
    try:
        return [str(d.values) for d in drafts.load_drafts(conn)]
    finally:
        conn.close()


@pytest.fixture
def typed_then_revoked(qtbot, window, master, package, patch, photo, capsys):
    """A saved verification, 备注 typed into (kept as a draft), the grant of notes taken
    back on the master, and the update taken."""
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    window.form.set_value("notes", "fence seen")
    assert window.form.save() == uuid
    _type(qtbot, window.form.editor("notes"), ADDED)
    assert any(ADDED in d for d in _drafted_notes(package))
    code, said = cli_said(capsys, "roles", master, "--revoke", "technician",
                          "patch_verifications.notes")
    assert code == 0, said
    window.pull_from(master)
    assert window.form.record_uuid == uuid
    return uuid


def test_the_typed_text_is_named_and_shown(qtbot, window, typed_then_revoked):
    form = window.form
    assert not form.editor("notes").isEnabled()
    qtbot.waitUntil(form.isVisible)
    assert form.stranded_note.isVisible()
    note = form.stranded_note.note
    text = note.text()
    assert "Notes" in text and "fence seen" + ADDED in text, text
    assert "cannot be saved" in text, text
    assert note.textInteractionFlags() & Qt.TextSelectableByMouse
    qtbot.mouseClick(form.stranded_note.copy_button, Qt.LeftButton)
    assert QApplication.clipboard().text() == "fence seen" + ADDED
    i18n.set_language(i18n.ZH)
    text = window.form.stranded_note.note.text()
    assert "备注" in text and "无法保存" in text and ADDED in text, text


def test_the_draft_keeps_it_through_an_edit_and_a_save(qtbot, window, package, patch,
                                                       typed_then_revoked):
    form = window.form
    form.set_value("verifier", "王五")
    assert any(ADDED in d for d in _drafted_notes(package))
    assert form.save() == typed_then_revoked
    conn = sqlite3.connect(package)
    row = conn.execute("SELECT verifier, notes FROM patch_verifications WHERE uuid = ?",
                       (typed_then_revoked,)).fetchone()
    conn.close()
    assert row == ("王五", "fence seen"), row  # the master's notes, the role's verifier
    assert any(ADDED in d for d in _drafted_notes(package)), "the typed text went with Save"
    form = window.form  # still said, and the field shows what the record holds
    qtbot.waitUntil(form.stranded_note.isVisible)
    assert ADDED in form.stranded_note.note.text()
    assert "stays in the draft" in form.banner.text(), form.banner.text()
    again = opened_again(qtbot, window, package, patch[0])  # and when opened again
    assert ADDED in again.form.stranded_note.note.text()
    again.close()
    assert form.editor("notes").state()["notes"] == "fence seen"
    assert form.editor("verifier").state()["verifier"] == "王五"


def test_thrown_away_only_when_the_technician_says(qtbot, window, package, monkeypatch,
                                                   typed_then_revoked):
    form = window.form
    asked: list[str] = []

    def answer(yes):
        def ask(parent, title, text):
            asked.append(text)
            return yes
        return ask

    monkeypatch.setattr(failures, "ask", answer(False))
    qtbot.mouseClick(form.stranded_note.forget_button, Qt.LeftButton)
    assert asked and "Notes" in asked[-1], asked
    assert any(ADDED in d for d in _drafted_notes(package))
    assert form.stranded_note.isVisible()
    monkeypatch.setattr(failures, "ask", answer(True))
    qtbot.mouseClick(form.stranded_note.forget_button, Qt.LeftButton)
    assert not any(ADDED in d for d in _drafted_notes(package))
    assert form.stranded_note.isHidden()


def test_the_status_bar_says_plainly_what_may_still_be_changed(qtbot, window,
                                                               typed_then_revoked):
    note = window.start_note.text()
    assert "may not change Legacy mine patch verification (other than these fields of a " \
           "record already saved: " in note, note
    assert "Notes" not in note.split("other than")[1].split(":")[1], note
    i18n.set_language(i18n.ZH)
    window.show_start_note()
    note = window.start_note.text()
    assert "历史遗留矿山图斑核查（已保存记录的这些字段除外：" in note, note


def test_saved_the_mark_says_the_note_waits_not_unsaved(qtbot, window, patch,
                                                        typed_then_revoked):
    form = window.form
    form.set_value("verifier", "王五")
    gc.collect()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    gc.collect()
    form = window.form
    assert form.record_uuid == typed_then_revoked
    held = "⚠ typed text that cannot be saved"
    banner = form.banner.text()
    assert banner.startswith("⚠ Saved ") and "✎" not in banner, banner
    assert not form.discard_button.isEnabled()  # nothing unsaved to discard
    row = next(form.records.item(i).text() for i in range(form.records.count())
               if form.records.item(i).data(Qt.UserRole) == typed_then_revoked)
    assert "✎" not in row and held in row, row
    listed = window.list.items[(PATCH, patch[0])].text(0)
    assert "✎" not in listed and held.replace(" ", "", 1) in listed, listed
    other = next(e.uuid for e in window.list.entries if e.kind == PATCH and e.uuid != patch[0])
    click_in_list(qtbot, window, PATCH, other)  # away, and back: said so again
    click_in_list(qtbot, window, PATCH, patch[0])
    gc.collect()
    assert window.form.banner.text() == (
        "⚠ The record is saved; what you typed in Notes cannot be saved and waits in the "
        "note above"), window.form.banner.text()
    qtbot.waitUntil(window.form.stranded_note.isVisible)
    window.lang_actions[i18n.ZH].trigger()
    assert window.form.banner.text() == \
        "⚠ 记录已保存；您在备注中输入的内容无法保存，保留在上方的提示中"
    assert "⚠有无法保存的输入" in window.list.items[(PATCH, patch[0])].text(0)
    window.lang_actions[i18n.EN].trigger()


def test_export_names_the_typed_text_waiting_not_an_unsaved_form(
        qtbot, window, patch, typed_then_revoked, answers, monkeypatch):
    """A saved record whose draft holds only the typed text that cannot be saved: Export…
    named it among the forms not saved; it says the text waiting in the note instead."""
    form = window.form
    form.set_value("verifier", "王五")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    gc.collect()
    from field_kit.app import window_sync
    monkeypatch.setattr(window_sync.QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    code = next(e.code for e in window.list.entries if e.uuid == patch[0])
    answers.append(False)
    window.export_dialog()
    (asked,) = answers.asked
    assert "not saved" not in asked, asked
    assert asked == ("1 saved record holds typed text that cannot be saved, waiting in the "
                     f"note on its form; it will not be exported:\n{code}\nExport anyway?"), \
        asked
    i18n.set_language(i18n.ZH)
    answers.append(False)
    window.export_dialog()
    assert answers.asked[1] == ("有 1 条已保存的记录另有无法保存的输入，留在其表单上方的提示中，"
                                f"不会被导出：\n{code}\n仍然导出？"), answers.asked[1]
