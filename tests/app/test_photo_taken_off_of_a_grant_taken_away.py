# SPDX-License-Identifier: GPL-2.0-or-later
"""A saved photo taken off its record in a draft when an update takes away the grant of
photos: taking it off cannot be saved, so the record keeps the photo through a Save (the
master would refuse its removal, the device would have lost it), the form's note names
it, copies its picture to a folder with a button, and only the technician throws the
taking off away (the photo staying on the record)."""

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
from tests.app.test_main_window import _fill_verification
from tests.unit.cli_run import cli_said


def _kept(package) -> list[dict]:
    conn = sqlite3.connect(package)
    try:
        return [d.values for d in drafts.load_drafts(conn)]
    finally:
        conn.close()


def _take_off(qtbot, form) -> None:
    """The technician clicks the record's photo in the strip, then Remove photo."""
    strip = form.photos.list
    item = strip.item(0)
    qtbot.mouseClick(strip.viewport(), Qt.LeftButton, pos=strip.visualItemRect(item).center())
    assert item.isSelected()
    qtbot.mouseClick(form.photos.remove, Qt.LeftButton)


@pytest.fixture
def taken_off_then_revoked(qtbot, window, master, package, patch, photo, capsys):
    """A verification saved with its photo (work in progress: no photo needed), the photo
    taken off in the draft, the grant of photos taken back on the master, the update
    taken."""
    window.select(PATCH, patch[0])
    _fill_verification(window.form, photo)
    window.form.set_value("remediation_status", "C")
    uuid = window.form.save()
    assert uuid and rows_in(package, "photos") == 1
    _take_off(qtbot, window.form)
    assert window.form.photos.list.count() == 0
    assert any(v.get("_removed_photos") for v in _kept(package))
    code, said = cli_said(capsys, "roles", master, "--revoke", "technician", "photos")
    assert code == 0, said
    window.pull_from(master)
    gc.collect()
    assert window.form.record_uuid == uuid
    return uuid


def test_the_photo_is_named_and_its_picture_copied(qtbot, window, package, photo, tmp_path,
                                                   monkeypatch, taken_off_then_revoked):
    note = window.form.stranded_note
    qtbot.waitUntil(note.isVisible)
    text = note.note.text()
    assert "Photos" in text and "DSC_0001.jpg (taken off; the record keeps it)" in text, text
    assert window.form.photos.list.count() == 1  # the record keeps it, and shows it
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / photo.name).write_bytes(b"another picture")  # a name taken already
    monkeypatch.setattr(stranded_module.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(stick))
    assert note.photos_button.isVisible()
    qtbot.mouseClick(note.photos_button, Qt.LeftButton)
    assert (stick / "DSC_0001-1.jpg").read_bytes() == photo.read_bytes()
    assert note.copied.text() == f"Copied DSC_0001-1.jpg to {stick}", note.copied.text()
    conn = sqlite3.connect(package)  # a package not holding the picture: said, not copied
    with conn:
        conn.execute("DELETE FROM attachments")
    conn.close()
    qtbot.mouseClick(note.photos_button, Qt.LeftButton)
    assert note.copied.text() == ("Not copied, the package does not hold their pictures: "
                                  "DSC_0001.jpg"), note.copied.text()
    i18n.set_language(i18n.ZH)
    text = window.form.stranded_note.note.text()
    assert "照片" in text and "DSC_0001.jpg（已移除；记录仍保留此照片）" in text, text


def test_a_save_keeps_the_photo_and_the_note(qtbot, window, package, patch,
                                             taken_off_then_revoked):
    form = window.form
    form.set_value("notes", "seen again")
    gc.collect()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    gc.collect()
    assert rows_in(package, "photos") == 1, "the photo went with Save"
    conn = sqlite3.connect(package)
    try:
        assert conn.execute("SELECT notes FROM patch_verifications").fetchall() == [
            ("seen again",)]
    finally:
        conn.close()
    qtbot.waitUntil(window.form.stranded_note.isVisible)
    assert "DSC_0001.jpg (taken off" in window.form.stranded_note.note.text()
    again = opened_again(qtbot, window, package, patch[0])  # and when opened again
    assert "DSC_0001.jpg (taken off" in again.form.stranded_note.note.text()
    assert again.form.photos.list.count() == 1 and again.form.removed_photos == []
    again.close()


def test_thrown_away_the_photo_stays(qtbot, window, package, answers,
                                     taken_off_then_revoked):
    note = window.form.stranded_note
    qtbot.waitUntil(note.isVisible)
    answers.extend([True])
    qtbot.mouseClick(note.forget_button, Qt.LeftButton)
    assert "Photos" in answers.asked[-1], answers.asked
    assert _kept(package) == [] and window.form.stranded_note.isHidden()
    assert rows_in(package, "photos") == 1 and window.form.photos.list.count() == 1


def test_the_grant_given_back_takes_it_off_again(qtbot, window, master, package, capsys,
                                                 taken_off_then_revoked):
    qtbot.waitUntil(window.form.stranded_note.isVisible)
    code, said = cli_said(capsys, "roles", master, "--grant", "technician", "photos")
    assert code == 0, said
    window.pull_from(master)
    gc.collect()
    form = window.form
    assert form.stranded_note.isHidden() and form.photos.list.count() == 0
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert rows_in(package, "photos") == 0 and _kept(package) == []
