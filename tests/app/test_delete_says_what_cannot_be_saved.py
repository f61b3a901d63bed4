# SPDX-License-Identifier: GPL-2.0-or-later
"""Delete record asked on a record whose draft holds what cannot be saved (a photo added
before an update took the grant of photos away): the draft goes with the record, and
the question says so, as Discard's does."""

from __future__ import annotations

import gc

from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from tests.app.conftest import rows_in
from tests.app.test_main_window import _fill_verification
from tests.unit.cli_run import cli_said


def photo_held(qtbot, window, master, package, patch, photo, capsys) -> str:
    """A record saved without photos, a photo added in its draft, then an update that takes
    the grant of photos away: the photo held in the draft's note. The record's uuid."""
    window.select(PATCH, patch[0])
    _fill_verification(window.form, photo)
    window.form.set_value("remediation_status", "C")  # work in progress: saved without it
    window.form.photos.list.item(0).setSelected(True)
    qtbot.mouseClick(window.form.photos.remove, Qt.LeftButton)
    uuid = window.form.save()
    assert uuid and rows_in(package, "photos") == 0
    window.form.add_photos([photo])  # in the draft
    code, said = cli_said(capsys, "roles", master, "--revoke", "technician", "photos")
    assert code == 0, said
    window.pull_from(master)
    gc.collect()
    qtbot.waitUntil(window.form.stranded_note.isVisible)
    return uuid


def test_the_question_says_the_photo_held_goes_too(qtbot, window, master, package, patch,
                                                   photo, capsys, answers):
    photo_held(qtbot, window, master, package, patch, photo, capsys)
    form = window.form
    assert form.delete_button.isEnabled()
    answers.extend([False])
    qtbot.mouseClick(form.delete_button, Qt.LeftButton)
    assert "Photos, which cannot be saved" in answers.asked[-1], answers.asked
    assert form.stranded_note.isVisible()  # No: kept
    i18n.set_language(i18n.ZH)
    answers.extend([False])
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert "其中包括您在照片中输入、无法保存的内容" in answers.asked[-1], answers.asked
