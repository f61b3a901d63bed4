# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo added to a record, still in its draft when an update takes away the grant of
photos: it cannot be saved, so it is not queued for Save (nor lost at it); the form's
note names it with its file, kept through a Save and an opening again, copied to a folder
with a button, and thrown away only when the technician says."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app import stranded as stranded_module
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.conftest import opened_again, rows_in
from tests.app.test_main_window import _save_verification
from tests.unit.cli_run import cli_said
from tests.unit.forms_fixtures import jpeg_with_exif


def _held(package) -> list[list[str]]:
    conn = sqlite3.connect(package)
    try:
        return [drafts.stranded_photos(d.values) for d in drafts.load_drafts(conn)]
    finally:
        conn.close()


@pytest.fixture
def added_then_revoked(qtbot, window, master, package, patch, photo, capsys, tmp_path):
    """A saved verification, a second photo added to it (kept in the draft), the grant of
    photos taken back on the master, and the update taken: the second photo's file."""
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    second = tmp_path / "DSC_0002.jpg"
    second.write_bytes(jpeg_with_exif(lat=patch[2], lon=patch[1], heading=10.0,
                                      taken="2025:06:01 10:20:00", offset="+08:00"))
    window.form.add_photos([second])
    assert _held(package) == [[str(second)]]
    code, said = cli_said(capsys, "roles", master, "--revoke", "technician", "photos")
    assert code == 0, said
    window.pull_from(master)
    gc.collect()
    assert window.form.record_uuid == uuid
    return uuid, second


def test_the_photo_is_named_not_queued_and_kept_through_a_save(qtbot, window, package, patch,
                                                               added_then_revoked):
    uuid, second = added_then_revoked
    form = window.form
    qtbot.waitUntil(form.stranded_note.isVisible)
    text = form.stranded_note.note.text()
    assert "Photos" in text and str(second) in text, text
    assert form.photos.pending == []  # not saved with the record, to be refused at a merge
    assert form.stranded_note.photos_button.isVisible()
    form.set_value("notes", "seen again")
    gc.collect()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    gc.collect()
    assert rows_in(package, "photos") == 1  # the first photo only
    assert _held(package) == [[str(second)]], "the photo went with Save"
    qtbot.waitUntil(window.form.stranded_note.isVisible)
    assert str(second) in window.form.stranded_note.note.text()
    again = opened_again(qtbot, window, package, patch[0])  # and when opened again
    assert str(second) in again.form.stranded_note.note.text()
    assert again.form.photos.pending == []
    i18n.set_language(i18n.ZH)
    text = again.form.stranded_note.note.text()
    assert "照片" in text and "无法保存" in text and str(second) in text, text
    assert again.form.stranded_note.photos_button.text() == "将照片复制到文件夹…"
    again.close()


def test_the_photo_copied_to_a_folder_then_thrown_away(qtbot, window, package, tmp_path,
                                                      monkeypatch, answers,
                                                      added_then_revoked):
    _, second = added_then_revoked
    note = window.form.stranded_note
    qtbot.waitUntil(note.isVisible)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / second.name).write_bytes(b"another picture")  # a name taken already
    monkeypatch.setattr(stranded_module.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(stick))
    qtbot.mouseClick(note.photos_button, Qt.LeftButton)
    assert (stick / "DSC_0002-1.jpg").read_bytes() == second.read_bytes()
    assert (stick / second.name).read_bytes() == b"another picture"
    assert note.copied.text() == f"Copied DSC_0002-1.jpg to {stick}", note.copied.text()
    second.unlink()  # the card taken out: said, not a copy
    qtbot.mouseClick(note.photos_button, Qt.LeftButton)
    assert "Not copied, their files are not there" in note.copied.text()
    assert "DSC_0002.jpg" in note.copied.text(), note.copied.text()
    answers.extend([False, True])
    qtbot.mouseClick(note.forget_button, Qt.LeftButton)  # No: kept
    assert _held(package) == [[str(second)]] and note.isVisible()
    assert "Photos" in answers.asked[-1], answers.asked
    qtbot.mouseClick(note.forget_button, Qt.LeftButton)  # Yes: gone
    assert _held(package) == [] and window.form.stranded_note.isHidden()
