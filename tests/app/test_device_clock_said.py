# SPDX-License-Identifier: GPL-2.0-or-later
"""The app opened on a laptop whose clock reads before its package was checked out (its
battery ran flat) says so in its status bar while it is open, in the language chosen."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH


def _checked_out_ahead(package) -> None:
    later = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with sqlite3.connect(package) as conn:  # checked out by a master a day ahead of this clock
        conn.execute("UPDATE sync_state SET created_at = ?", (later,))


def test_a_clock_behind_the_checkout_is_said_as_the_app_opens(qtbot, package):
    _checked_out_ahead(package)
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


@pytest.mark.parametrize("size, form_room", [((1366, 768), 440), ((1024, 600), 270)])
@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_the_clocks_note_leaves_the_form_its_room_and_is_read_whole(qtbot, package, patch,
                                                                    lang, size, form_room):
    """The note is at most three lines high in the status bar, not a bar over a quarter of
    the screen squeezing the form to two fields; the rest of it is scrolled to."""
    _checked_out_ahead(package)
    i18n.set_language(lang)
    win = MainWindow(package, lang)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.select(PATCH, patch[0])
    qtbot.wait(50)
    seen = win.form._scroll.viewport().height()
    assert seen >= form_room, seen
    note, box = win.start_note, win.start_note_box
    line = note.heightForWidth(1 << 20)  # one line of the note, as laid out
    assert win.statusBar().height() <= 3 * line + 10, (win.statusBar().height(), line)
    whole = "merge weighs two devices' edits of a field by their dates" if lang == i18n.EN \
        else "合并时按所记时间权衡两台设备对同一字段的修改"
    assert note.isVisible() and note.text().endswith(whole), note.text()
    view = box.viewport()
    assert note.width() <= view.width()  # wrapped, not cut at the right
    bar = box.verticalScrollBar()
    if note.height() > view.height():  # more than the box shows: a scroll bar to it
        assert bar.isVisible() and bar.maximum() > 0
    bar.setValue(bar.maximum())  # the user scrolls to the note's end: its last line in sight
    end = note.mapTo(view, note.rect().bottomLeft()).y()
    assert view.height() - line <= end <= view.height(), (end, view.height())
    win.close()
