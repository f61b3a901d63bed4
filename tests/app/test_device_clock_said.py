# SPDX-License-Identifier: GPL-2.0-or-later
"""The app opened on a laptop whose clock reads before its package was checked out (its
battery ran flat) says so in its status bar while it is open, in the language chosen."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow


def test_a_clock_behind_the_checkout_is_said_as_the_app_opens(qtbot, package):
    later = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with sqlite3.connect(package) as conn:  # checked out by a master a day ahead of this clock
        conn.execute("UPDATE sync_state SET created_at = ?", (later,))
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.show()
    note = win.start_note
    assert note.isVisible() and "this device's clock reads " in note.text(), note.text()
    assert "before this package was checked out" in note.text(), note.text()
    i18n.set_language(i18n.ZH)  # the technician switches: the note follows
    assert "本设备时钟显示为 " in note.text(), note.text()
    win.close()


def test_a_clock_that_reads_right_says_nothing(window):
    assert "clock" not in window.start_note.text()
