# SPDX-License-Identifier: GPL-2.0-or-later
"""A field's problem under it is shown whole, on as many lines as it takes in the form's
column at 1024×600: held one line high, "Date verified must be a date (YYYY-MM-DD)" lost the
format a technician had to type."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt

from field_kit.app.patch_list import PATCH
from tests.app.conftest import click_in_list


def test_each_problem_under_a_field_is_shown_on_all_its_lines(qtbot, window, package):
    window.resize(1024, 600)
    conn = sqlite3.connect(package)
    try:
        uuid = conn.execute("SELECT uuid FROM mine_patches ORDER BY patch_code").fetchone()[0]
    finally:
        conn.close()
    click_in_list(qtbot, window, PATCH, uuid)
    form = window.form
    qtbot.waitUntil(form.isVisible)
    date = form.editors["verified_on"].edit
    form._scroll.ensureWidgetVisible(date)
    qtbot.mouseClick(date, Qt.LeftButton)
    qtbot.keyClick(date, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(date, "2025-13-45")
    qtbot.wait(50)  # (laid out as the event loop runs)
    said = form.problem_labels["verified_on"]
    assert said.isVisible() and "(YYYY-MM-DD)" in said.text()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # the fields left empty said too
    qtbot.wait(50)
    shown = [(name, label.text()) for name, label in form.problem_labels.items()
             if label.isVisible()]
    assert len(shown) > 1
    for name, label in form.problem_labels.items():
        if label.isVisible():
            assert label.height() >= label.heightForWidth(label.width()), (name, label.text())
    assert any(label.heightForWidth(label.width()) > label.fontMetrics().lineSpacing() * 2
               for label in form.problem_labels.values() if label.isVisible())  # (2 lines)
