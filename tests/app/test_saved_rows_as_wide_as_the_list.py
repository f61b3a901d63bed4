# SPDX-License-Identifier: GPL-2.0-or-later
"""A record's line longer than the saved records' list is as wide as the list, as the
other lines are: shortened at the list's edge, not a row running on past it."""

from __future__ import annotations

from PyQt5.QtCore import Qt

from field_kit.app.patch_list import PATCH
from tests.app.test_main_window import _save_verification


def test_a_record_just_saved_is_as_wide_as_the_other_rows(qtbot, window, patch, photo):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    qtbot.mouseClick(window.form.new_button, Qt.LeftButton)
    _save_verification(window.form, photo)
    window.form.set_value("verifier", "Ayxam Tursun, Nurgul Abdukerim, Mahmut Ibrahim 李伟")
    assert window.form.save()
    records = window.form.records
    longest = max(records.fontMetrics().horizontalAdvance(records.item(i).text())
                  for i in range(records.count()))
    assert longest > records.viewport().width()  # (the line just saved is longer)
    widths = {records.visualItemRect(records.item(i)).width() for i in range(records.count())}
    assert widths == {records.viewport().width()}
    window.resize(1100, 768)  # a narrower window: the rows follow the list
    qtbot.waitUntil(lambda: {records.visualItemRect(records.item(i)).width()
                             for i in range(records.count())} == {records.viewport().width()})
