# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo queued on a record follows its file: the card taken out, the form says the photo
is gone and counts it no more (a patch marked restored then needs a photo again); the card
put back, the form says it is back, counts it again, and Save stores it."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow
from tests.app.conftest import click_in_list
from tests.app.test_failures import _fill

NEEDS_A_PHOTO = "photo_required_for_restored"


def _codes(form) -> set[str]:
    return {p.code for p in form.problems}


def _photos_saved(package) -> int:
    with sqlite3.connect(package) as conn:
        return conn.execute("SELECT count(*) FROM photos").fetchone()[0]


def test_a_queued_photo_is_counted_while_its_file_is_there(qtbot, package, patch, photo,
                                                          tmp_path):
    card = tmp_path / "card"
    card.mkdir()
    queued = card / "DSC_0002.jpg"
    queued.write_bytes(photo.read_bytes())
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    click_in_list(qtbot, win, "patch", patch[0])
    form = win.form
    _fill(form, queued)  # restored, with its photo
    assert NEEDS_A_PHOTO not in _codes(form) and form.save_button.isEnabled()

    queued.rename(tmp_path / "elsewhere.jpg")  # the card is out
    qtbot.waitUntil(lambda: "no longer where they were" in form.banner.text(), timeout=5000)
    assert "DSC_0002.jpg" in form.banner.text()
    assert NEEDS_A_PHOTO in _codes(form) and not form.save_button.isEnabled()
    assert form.photos.list.count() == 0  # no tile of a photo that is not there
    i18n.set_language(i18n.ZH)
    assert "待保存的照片已不在原处" in form.banner.text(), form.banner.text()
    i18n.set_language(i18n.EN)

    (tmp_path / "elsewhere.jpg").rename(queued)  # the card back
    qtbot.waitUntil(lambda: "back where they were" in form.banner.text(), timeout=5000)
    assert "DSC_0002.jpg" in form.banner.text()
    assert form.photos.pending == [str(queued)] and form.photos.gone == []
    assert NEEDS_A_PHOTO not in _codes(form) and form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert form.record_uuid is not None
    assert _photos_saved(package) == 1
    win.close()


def test_a_photo_gone_as_save_is_pressed_is_said_not_saved_without_a_word(
        qtbot, package, patch, photo, tmp_path):
    queued = tmp_path / "DSC_0003.jpg"
    queued.write_bytes(photo.read_bytes())
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    click_in_list(qtbot, win, "patch", patch[0])
    form = win.form
    _fill(form, queued)
    form.set_value("remediation_status", "C")  # work in progress: no photo needed
    assert form.save_button.isEnabled()
    queued.unlink()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # before the form looked again
    assert form.record_uuid is None  # not saved: the photo's going is said first
    assert "no longer where they were" in form.banner.text() and "DSC_0003.jpg" in \
        form.banner.text(), form.banner.text()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # saved, as said, without it
    assert form.record_uuid is not None and _photos_saved(package) == 0
    win.close()
