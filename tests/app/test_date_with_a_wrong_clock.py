# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the device's clock is known wrong (it reads before its package was checked out),
a new record's date is not filled in with its "today": it is left empty, and beside it the
form says why, in the language chosen; the record cannot be saved until a date is typed."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from PyQt5.QtWidgets import QLabel

from field_kit.app.form_widget import FormWidget
from tests.app.conftest import click_in_list


def _checked_out_ahead(package) -> None:
    later = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with sqlite3.connect(package) as conn:  # a master a day ahead of this device's clock
        conn.execute("UPDATE sync_state SET created_at = ?", (later,))


def _note(fw) -> str:
    notes = [n for n in fw.findChildren(QLabel, "clockWrong") if n.isVisible()]
    return notes[0].text() if notes else ""


def test_a_new_records_date_is_left_empty_and_said_where_the_clock_is_wrong(
        qtbot, package, patch):
    right = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(right)
    right.show()  # a clock that reads right gives today, with nothing to say
    assert right.editor("verified_on").edit.text() == datetime.now().date().isoformat()
    assert _note(right) == ""
    right.close_db()
    _checked_out_ahead(package)
    from field_kit.app.main_window import MainWindow
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    click_in_list(qtbot, win, "patch", patch[0])
    form = win.form
    qtbot.waitUntil(form.isVisible)
    assert form.record_uuid is None
    assert form.editor("verified_on").edit.text() == "", form.editor("verified_on").edit.text()
    note = _note(form)
    assert "Not filled in with today: this device's clock reads " in note, note
    assert "before this package was checked out" in note, note
    assert any(p.field == "verified_on" for p in form.problems)  # required: not saved empty
    win.close()

    zh = FormWidget(package, "patch_verification", patch[0], language="zh")
    qtbot.addWidget(zh)
    zh.show()
    assert "未按今天填写：本设备时钟显示为 " in _note(zh), _note(zh)
    zh.close_db()



def _problems_of(form, name: str) -> list[tuple[str, str, str]]:
    return [(p.severity, p.code, p.message("en")) for p in form.problems if p.field == name]


def test_not_after_today_is_not_checked_against_a_clock_known_wrong(qtbot, package, patch):
    """The device's clock reads a day before the package was checked out: a date typed
    after that day is not refused by its wrong today; one it cannot check is said, and the
    device's Today is no button to press."""
    _checked_out_ahead(package)
    device_today = datetime.now().date()
    from field_kit.app.main_window import MainWindow
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    click_in_list(qtbot, win, "patch", patch[0])
    form = win.form
    qtbot.waitUntil(form.isVisible)
    date_editor = form.editor("verified_on")
    # the day the package was checked out: today is no earlier than that, whatever the
    # device's clock reads
    qtbot.keyClicks(date_editor.edit, (device_today + timedelta(days=1)).isoformat())
    assert _problems_of(form, "verified_on") == [], _problems_of(form, "verified_on")
    date_editor.edit.clear()
    later = (device_today + timedelta(days=3)).isoformat()
    qtbot.keyClicks(date_editor.edit, later)
    said = _problems_of(form, "verified_on")
    assert [(s, c) for s, c, _ in said] == [("warning", "today_unknown")], said
    assert f"Whether Date verified ({later}) is after today cannot be told: this device's " \
        "clock is wrong" in said[0][2], said
    shown = form.problem_labels["verified_on"]
    assert shown.isVisible() and "cannot be told" in shown.text(), shown.text()
    assert not date_editor.today_button.isEnabled()  # it would type the wrong today
    win.close()

    zh = FormWidget(package, "patch_verification", patch[0], language="zh")
    qtbot.addWidget(zh)
    zh.show()
    zh.editor("verified_on").edit.clear()  # (the draft kept what was typed above)
    qtbot.keyClicks(zh.editor("verified_on").edit, later)
    assert "是否晚于今天：本设备时钟有误" in zh.problem_labels["verified_on"].text()
    zh.close_db()
