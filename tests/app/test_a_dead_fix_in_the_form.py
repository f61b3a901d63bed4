# SPDX-License-Identifier: GPL-2.0-or-later
"""A form following the fix when it goes dead (the receiver unplugged, a replay ended,
position stopped) holds the last fix, said as the map and the navigation bar say it: with
its age, growing each second, not as "Following"; keeping it is a choice whose button says
how old it is. The status bar says a dead fix at once, an export under way or not."""

from __future__ import annotations

import threading

import pytest
from PyQt5.QtCore import Qt, QTimer

from field_kit.app import gnss, i18n, sync_actions
from field_kit.app.patch_list import PATCH
from tests.app.nmea import epoch, walk
from tests.app.test_main_window import _save_verification
from tests.app.test_said_export_and_waiting import _export


def _shown(form) -> list[str]:
    return [form.position.edits[c].text() for c in ("position_lon", "position_lat")]


def _unplugged(window, receiver, tmp_path):
    name, send, unplug = receiver
    window.start_source(gnss.SerialSource(name, 4800))
    return lambda lon, lat: send(epoch(lon, lat, 0)), unplug, "No fix: receiver disconnected"


def _replayed(window, receiver, tmp_path):
    def fix(lon, lat):
        log = tmp_path / "one.nmea"
        log.write_text(walk(lon, lat, n=1))  # one fix, then the file ends
        window.start_source(gnss.ReplaySource(log, speed=0))
    return fix, lambda: None, "No fix: the NMEA replay has ended"


def _stopped(window, receiver, tmp_path):
    name, send, _ = receiver
    window.start_source(gnss.SerialSource(name, 4800))
    return (lambda lon, lat: send(epoch(lon, lat, 0)), window.act_stop.trigger,
            "No fix: position stopped")


@pytest.mark.parametrize("ends", [_unplugged, _replayed, _stopped])
def test_a_form_holds_the_last_fix_with_its_age(qtbot, window, patch, receiver,
                                                tmp_path, clock, ends):
    uuid, lon, lat = patch
    window.select(PATCH, uuid)  # a new record, following the technician
    position = window.form.position
    fix, end, why = ends(window, receiver, tmp_path)
    fix(lon, lat)
    qtbot.waitUntil(lambda: _shown(window.form)[0] != "", timeout=10000)
    followed = _shown(window.form)

    end()
    qtbot.waitUntil(lambda: why in window.gnss_label.text(), timeout=10000)
    clock[0] += 12
    held = (f"◌ {why}. The position here is the last fix, 12 s ago, not updated until a fix "
            "comes again; to use it press “Keep the last fix”")
    qtbot.waitUntil(lambda: position.note.text() == held, timeout=10000)
    assert "Following" not in position.note.text()
    assert position.keep_button.text() == "✔ Keep the last fix (12 s ago)"
    assert position.keep_button.isVisible()
    clock[0] += 120  # older each second, as the map says it
    qtbot.waitUntil(lambda: "last fix, 2 min ago" in position.note.text(), timeout=10000)
    assert window.map.age_label.text() == "last fix, 2 min ago"
    assert position.keep_button.text() == "✔ Keep the last fix (2 min ago)"
    assert _shown(window.form) == followed and window.form.draft_id is None  # nothing taken


def test_the_last_fix_is_kept_on_purpose_with_its_age_said(qtbot, window, patch, receiver,
                                                            clock):
    name, send, unplug = receiver
    uuid, lon, lat = patch
    window.select(PATCH, uuid)
    form = window.form
    window.start_source(gnss.SerialSource(name, 4800))
    send(epoch(lon, lat, 0))
    qtbot.waitUntil(lambda: _shown(form)[0] != "", timeout=10000)
    followed = _shown(form)
    unplug()
    qtbot.waitUntil(lambda: "disconnected" in window.gnss_label.text(), timeout=10000)
    clock[0] += 30
    qtbot.waitUntil(lambda: form.position.keep_button.text() ==
                    "✔ Keep the last fix (30 s ago)", timeout=10000)
    assert form.draft_id is None
    qtbot.mouseClick(form.position.keep_button, Qt.LeftButton)  # on purpose: it is kept
    assert not form.position.following and form.draft_id is not None
    assert _shown(form) == followed
    assert "last fix" not in form.position.note.text()
    assert form.position.keep_button.text() == "✔ Keep this position"


def test_the_last_fix_held_in_chinese(qtbot, window, patch, tmp_path, clock):
    uuid, lon, lat = patch
    window.lang_actions[i18n.ZH].trigger()
    window.select(PATCH, uuid)
    log = tmp_path / "one.nmea"
    log.write_text(walk(lon, lat, n=1))
    window.start_source(gnss.ReplaySource(log, speed=0))
    qtbot.waitUntil(lambda: "NMEA 文件已回放完" in window.gnss_label.text(), timeout=10000)
    clock[0] += 180
    position = window.form.position
    qtbot.waitUntil(lambda: position.keep_button.text() == "✔ 固定最后一次定位（3 分钟前）",
                    timeout=10000)
    assert position.note.text() == (
        "◌ 无定位：NMEA 文件已回放完。此处为 3 分钟前的最后一次定位，在重新定位之前不再更新；"
        "要用它请点“固定最后一次定位”")
    assert "位置随当前定位更新" not in position.note.text()
    window.lang_actions[i18n.EN].trigger()


def test_a_fix_again_is_followed_again(qtbot, window, patch, receiver, clock):
    name, send, _ = receiver
    uuid, lon, lat = patch
    window.select(PATCH, uuid)
    position = window.form.position
    window.start_source(gnss.SerialSource(name, 4800))
    send(epoch(lon, lat, 0))
    qtbot.waitUntil(lambda: _shown(window.form)[0] != "", timeout=10000)
    clock[0] += 6  # the receiver silent
    qtbot.waitUntil(lambda: "last fix, 6 s ago" in position.note.text(), timeout=10000)
    assert "No fix: receiver silent for 6 s" in position.note.text()
    send(epoch(lon + 0.001, lat, 1))  # it speaks again: followed, said so
    qtbot.waitUntil(lambda: float(_shown(window.form)[0]) == pytest.approx(lon + 0.001),
                    timeout=10000)
    assert "Following" in position.note.text() and "last fix" not in position.note.text()
    assert position.keep_button.text() == "✔ Keep this position"


def test_the_status_bar_says_the_fix_while_an_export_runs(qtbot, window, patch, photo,
                                                          receiver, tmp_path,
                                                          monkeypatch, clock):
    name, send, unplug = receiver
    uuid, lon, lat = patch
    window.select(PATCH, uuid)
    window.start_source(gnss.SerialSource(name, 4800))
    send(epoch(lon, lat, 0))
    qtbot.waitUntil(lambda: "GPS" in window.gnss_label.text(), timeout=10000)
    _save_verification(window.form, photo)
    let_go = threading.Event()
    export = sync_actions.export_changes

    def slow_stick(*args, **kw):  # written for as long as the receiver is watched below
        let_go.wait(30)
        return export(*args, **kw)
    monkeypatch.setattr(sync_actions, "export_changes", slow_stick)
    # while it is written: the receiver falls silent, speaks again, is unplugged
    steps = [(lambda: clock.__setitem__(0, clock[0] + 6), "◌ No fix: receiver silent for 6 s"),
             (lambda: send(epoch(lon, lat, 1)), "◉ Fix GPS · ±4.5 m · 9 satellites"),
             (unplug, "◌ No fix: receiver disconnected")]
    awaited = ["◉ Fix GPS · ±4.5 m · 9 satellites"]  # said as it starts, then each step's
    seen: list[str] = []

    def look() -> None:  # what the status bar says while the export is written
        if not window.busy:
            return
        seen.append(window.gnss_label.text())
        if seen[-1] == awaited[-1] and steps:
            act, said = steps.pop(0)
            awaited.append(said)
            act()
        elif seen[-1] == awaited[-1] or len(seen) > 200:  # (200: said wrong, let it end)
            let_go.set()
    timer = QTimer(window, interval=50, timeout=look)
    timer.start()
    usb = tmp_path / "usb"
    usb.mkdir()
    text = _export(window, monkeypatch, usb)
    timer.stop()
    assert "Exported" in text, text
    assert not steps and seen[-1] == awaited[-1], (awaited[-1], seen[-1])
