# SPDX-License-Identifier: GPL-2.0-or-later
"""A receiver that stops sending, or is unplugged, or a replay that has ended gives no live
fix: the status bar says so, a new record does not take the last position, a form
following it keeps what it has and says why; when fixes come again it follows again."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt

from field_kit.app import gnss
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from tests.app.nmea import epoch, walk


def _patches(win):
    return [e for e in win.list.entries if e.kind == PATCH]


def _shown(form):
    return [form.position.edits[c].text() for c in ("position_lon", "position_lat")]


@pytest.mark.parametrize(("lang", "silent", "long_silent", "gone", "following", "age"), [
    ("en", "No fix: receiver silent for 6 s", "No fix: receiver silent for 2 min",
     "No fix: receiver disconnected", "Following", "the last fix, 6 s ago"),
    ("zh", "无定位：接收机已 6 秒未发送位置", "无定位：接收机已 2 分钟未发送位置",
     "无定位：接收机已断开", "位置随当前定位更新", "6 秒前的最后一次定位")])
def test_a_receiver_gone_quiet_then_unplugged(qtbot, package, receiver, lang, silent,
                                               long_silent, gone, following, age):
    name, send, unplug = receiver
    win = MainWindow(package, lang)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    now = [1000.0]
    win.fix_watch.clock = lambda: now[0]
    a, b = _patches(win)[:2]
    win.start_source(gnss.SerialSource(name, 4800))
    send(epoch(a.lon, a.lat, 0))  # (one fix: it has come whole before the clock moves)
    qtbot.waitUntil(lambda: win.fix is not None and "GPS" in win.gnss_label.text(),
                    timeout=10000)
    win.select(PATCH, a.uuid)  # a new record, following the technician
    followed = _shown(win.form)
    assert followed[0] and win.form.position.following

    now[0] += 6  # the receiver says nothing more
    qtbot.waitUntil(lambda: silent in win.gnss_label.text(), timeout=10000)
    assert win.position() is None
    note = win.form.position.note.text()  # the last fix held, said with its age
    assert silent in note and following not in note and age in note
    assert _shown(win.form) == followed  # kept as it was
    win.select(PATCH, b.uuid)  # a new record does not take the last fix
    assert _shown(win.form) == ["", ""] and silent in win.form.position.note.text()
    qtbot.mouseClick(win.form.position.keep_button, Qt.LeftButton)  # typed by hand instead
    win.form.position.edits["position_lon"].setFocus()
    qtbot.keyClicks(win.form.position.edits["position_lon"], "88.7")
    assert _shown(win.form)[0] == "88.7"
    now[0] += 120  # minutes said as minutes, as the map and the navigation bar say them
    qtbot.waitUntil(lambda: long_silent in win.gnss_label.text(), timeout=10000)

    send(epoch(a.lon + 0.001, a.lat, 2))  # it speaks again
    qtbot.waitUntil(lambda: "GPS" in win.gnss_label.text(), timeout=10000)
    assert win.position()[0] == pytest.approx(a.lon + 0.001)
    assert silent not in win.form.position.note.text()
    win.select(PATCH, a.uuid)
    assert float(_shown(win.form)[0]) == pytest.approx(a.lon + 0.001)  # followed again

    unplug()
    qtbot.waitUntil(lambda: gone in win.gnss_label.text(), timeout=10000)
    assert win.position() is None and gone in win.form.position.note.text()
    win.close()


def test_a_replay_ended_and_a_position_stopped_are_no_fix(qtbot, window, patch, tmp_path):
    path = tmp_path / "walk.nmea"
    path.write_text(walk(patch[1], patch[2], n=3))
    window.start_source(gnss.ReplaySource(path, speed=0))
    qtbot.waitUntil(lambda: "the NMEA replay has ended" in window.gnss_label.text(),
                    timeout=10000)
    assert window.fix is not None and window.position() is None
    window.select(PATCH, patch[0])
    assert _shown(window.form) == ["", ""]
    assert "No fix: the NMEA replay has ended" in window.form.position.note.text()
    qtbot.mouseClick(window.form.position.keep_button, Qt.LeftButton)
    qtbot.mouseClick(window.form.position.gnss, Qt.LeftButton)  # Use GNSS: said why not
    assert _shown(window.form) == ["", ""]
    assert "the NMEA replay has ended" in window.form.position.note.text()
    window.start_source(gnss.ReplaySource(path, speed=0.001))  # one fix, then minutes apart
    qtbot.waitUntil(lambda: "GPS" in window.gnss_label.text(), timeout=10000)
    window.act_stop.trigger()  # Position ▸ Stop position
    assert "No fix: position stopped" in window.gnss_label.text()
    assert window.position() is None
