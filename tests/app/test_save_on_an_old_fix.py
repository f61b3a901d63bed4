# SPDX-License-Identifier: GPL-2.0-or-later
"""Save pressed while the form holds a dead fix older than a live one can be (a receiver
gives one a second; silent for five seconds it gives none) asks the technician, in their
language, whether to keep that old position: Cancel leaves the form open and nothing
saved, Keep saves the record there. A fix dead for less than that is saved unasked."""

from __future__ import annotations

import gc
import sqlite3

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QMessageBox

from field_kit.app import failures, gnss, i18n
from field_kit.app.fix_watch import SILENT_S
from field_kit.app.patch_list import PATCH
from tests.app.conftest import box_answered, verifications_in
from tests.app.nmea import epoch
from tests.app.test_a_dead_fix_in_the_form import _shown
from tests.app.test_main_window import _fill_verification

CHOOSE = failures.choose  # the real question box, answered below by a click


def _followed_then_dead(qtbot, window, receiver, patch, photo, end) -> list[str]:
    """A new verification following the receiver's fix, filled in; then the fix ends."""
    name, send, unplug = receiver
    uuid, lon, lat = patch
    window.select(PATCH, uuid)
    window.start_source(gnss.SerialSource(name, 4800))
    send(epoch(lon, lat, 0))
    qtbot.waitUntil(lambda: _shown(window.form)[0] != "", timeout=10000)
    _fill_verification(window.form, photo)
    assert window.form.position.following
    (unplug if end == "unplug" else window.act_stop.trigger)()
    qtbot.waitUntil(lambda: window.fix_watch.lost is not None, timeout=10000)
    gc.collect()
    return _shown(window.form)


def _save_answered(qtbot, form, button: str) -> list[str]:
    """Save clicked; the question's text and buttons, answered by a click on ``button``."""
    names: list[str] = []

    def pick(box: QMessageBox):
        names.extend(b.text() for b in box.buttons())
        assert box.defaultButton().text() == names[-1]  # Cancel, unless chosen
        return next(b for b in box.buttons() if b.text() == button)
    return box_answered(qtbot, form.save_button, pick) + names


def _position_saved(package) -> tuple:
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT position_lon, position_lat FROM "
                            "patch_verifications").fetchone()
    finally:
        conn.close()


def test_save_on_an_old_fix_asks_cancel_keeps_the_form(qtbot, window, package, patch,
                                                       receiver, photo, clock, monkeypatch):
    monkeypatch.setattr(failures, "choose", CHOOSE)
    followed = _followed_then_dead(qtbot, window, receiver, patch, photo, "unplug")
    form = window.form
    clock[0] += 12
    qtbot.waitUntil(lambda: form.position.keep_button.text() ==
                    "✔ Keep the last fix (12 s ago)", timeout=10000)
    said = _save_answered(qtbot, form, "Cancel")
    assert said == ["No fix: receiver disconnected. The position here is the last fix, 12 s "
                    "ago: you may have moved since. Keep that old position in the record "
                    "saved?", "Keep it and save", "Cancel"], said
    gc.collect()
    assert verifications_in(package) == 0
    assert window.form is form and form.record_uuid is None  # open, unsaved, still held
    assert form.position.held() and _shown(form) == followed
    said = _save_answered(qtbot, form, "Keep it and save")
    assert verifications_in(package) == 1
    assert [f"{v:.6f}" for v in _position_saved(package)] == \
        [f"{float(v):.6f}" for v in followed]


def test_the_question_in_chinese(qtbot, window, package, patch, receiver, clock,
                                 photo, monkeypatch):
    monkeypatch.setattr(failures, "choose", CHOOSE)
    window.lang_actions[i18n.ZH].trigger()
    _followed_then_dead(qtbot, window, receiver, patch, photo, "unplug")
    clock[0] += 180
    form = window.form
    qtbot.waitUntil(lambda: "3 分钟前" in form.position.keep_button.text(), timeout=10000)
    said = _save_answered(qtbot, form, "取消")
    assert said == ["无定位：接收机已断开。此处位置是 3 分钟前的最后一次定位，您可能已离开那里。"
                    "保存时保留这个旧位置吗？", "保留旧位置并保存", "取消"], said
    assert verifications_in(package) == 0
    window.lang_actions[i18n.EN].trigger()


def test_a_fix_dead_for_less_than_a_silence_saves_unasked(qtbot, window, package, patch,
                                                          receiver, photo, clock):
    followed = _followed_then_dead(qtbot, window, receiver, patch, photo, "stop")
    clock[0] += SILENT_S - 2
    form = window.form
    qtbot.waitUntil(lambda: form.position.keep_button.text() ==
                    f"✔ Keep the last fix ({SILENT_S - 2} s ago)", timeout=10000)
    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # (a question would fail the test)
    assert verifications_in(package) == 1
    assert [f"{v:.6f}" for v in _position_saved(package)] == \
        [f"{float(v):.6f}" for v in followed]
