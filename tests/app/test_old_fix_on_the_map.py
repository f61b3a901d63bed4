# SPDX-License-Identifier: GPL-2.0-or-later
"""Once the fix has gone dead, the map draws the technician's marker as a last fix, not as
where they stand: grey and hollow, its way to the patch grey and dotted, "last fix, N s ago"
beside it, counting up as the navigation bar does; live again when fixes come back."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QPoint, QRect, Qt
from PyQt5.QtGui import QColor

from field_kit.app import gnss, i18n
from field_kit.app.map_view import LIVE, OLD_FIX
from field_kit.app.patch_list import PATCH
from tests.app.conftest import click_in_list
from tests.app.nmea import walk

OUT = Path(__file__).resolve().parents[2] / "out"


def _seen(window) -> tuple[QColor, QColor]:
    """The colours the map shows at the marker's centre and on its ring (above it)."""
    view = window.map
    window.act_me.trigger()  # ◎ the map centred on the technician
    image = view.viewport().grab().toImage()
    at = view.mapFromScene(view.position[1].pos())
    return image.pixelColor(at), image.pixelColor(at + QPoint(0, -9))


def _label_box(view) -> QRect:
    """Where "last fix, N s ago" is on the map, in its pixels."""
    label = view.age_label
    return label.deviceTransform(view.viewportTransform()).mapRect(
        label.boundingRect()).toAlignedRect()


def _replay(window, tmp_path, name, lon, lat):
    log = tmp_path / name
    log.write_text(walk(lon, lat, n=2))
    window.start_source(gnss.ReplaySource(log, speed=0.001))  # the next fix minutes later
    return log


def test_the_map_draws_a_dead_fix_as_the_last_one(qtbot, window, patch, tmp_path, clock):
    uuid, lon, lat = patch
    click_in_list(qtbot, window, PATCH, uuid)
    _replay(window, tmp_path, "off.nmea", lon + 0.01, lat)  # some 800 m east of it
    qtbot.waitUntil(lambda: window.fix is not None and "GPS" in window.gnss_label.text(),
                    timeout=10000)
    view = window.map
    centre, ring = _seen(window)
    assert centre == QColor(LIVE) and ring == QColor("#ffffff"), (centre.name(), ring.name())
    assert view.line_item.pen().style() == Qt.DashLine
    assert view.line_item.pen().color() == QColor("#ff00c8")
    assert view.age_label is None

    clock[0] += 6  # the receiver says nothing more
    qtbot.waitUntil(lambda: "silent" in window.gnss_label.text(), timeout=10000)
    assert view.age_label is not None and view.age_label.text() == "last fix, 6 s ago"
    centre, ring = _seen(window)
    assert centre != QColor(LIVE) and ring == QColor(OLD_FIX), (centre.name(), ring.name())
    acc, dot = view.position
    assert dot.brush().style() == acc.brush().style() == Qt.NoBrush  # hollow
    assert acc.pen().style() == Qt.DashLine and acc.pen().color() == QColor(OLD_FIX)
    assert view.line_item.pen().style() == Qt.DotLine
    assert view.line_item.pen().color() == QColor(OLD_FIX)
    OUT.mkdir(exist_ok=True)
    assert window.grab().save(str(OUT / "field_app_old_fix.png"))

    clock[0] += 120  # older each second the map is looked at, as the bar
    qtbot.waitUntil(lambda: view.age_label.text() == "last fix, 2 min ago", timeout=10000)
    window.lang_actions[i18n.ZH].trigger()
    assert view.age_label.text() == "最后一次定位，2 分钟前"
    # the map moved till the marker is near its right edge: the label on its left, whole
    at = view.mapFromScene(view.position[1].pos())
    view.centerOn(view.mapToScene(at - QPoint(view.viewport().width() // 2 - 40, 0)))
    clock[0] += 1
    qtbot.waitUntil(lambda: view.viewport().rect().contains(_label_box(view)), timeout=10000)
    assert _label_box(view).right() < view.mapFromScene(view.position[1].pos()).x()
    assert window.grab().save(str(OUT / "field_app_old_fix_zh.png"))
    window.lang_actions[i18n.EN].trigger()
    assert view.age_label.text() == "last fix, 2 min ago"

    window.act_stop.trigger()  # Position ▸ Stop position: still the last fix, still counting
    clock[0] += 3600
    qtbot.waitUntil(lambda: view.age_label.text() == "last fix, 1 h ago", timeout=10000)
    assert window.fix_watch.timer.isActive()  # (what the map and the bar say grows older)

    _replay(window, tmp_path, "back.nmea", lon + 0.01, lat)  # fixes again: live again
    qtbot.waitUntil(lambda: "GPS" in window.gnss_label.text(), timeout=10000)
    assert view.age_label is None
    centre, ring = _seen(window)
    assert centre == QColor(LIVE) and ring == QColor("#ffffff"), (centre.name(), ring.name())
    assert view.line_item.pen().style() == Qt.DashLine
    assert view.line_item.pen().color() == QColor("#ff00c8")


def test_the_map_redrawn_keeps_the_last_fix_old(qtbot, window, patch, tmp_path, clock):
    uuid, lon, lat = patch
    click_in_list(qtbot, window, PATCH, uuid)
    log = tmp_path / "on.nmea"
    log.write_text(walk(lon + 0.01, lat, n=1))  # one fix, then the file ends
    window.start_source(gnss.ReplaySource(log, speed=0))
    qtbot.waitUntil(lambda: "the NMEA replay has ended" in window.gnss_label.text(),
                    timeout=10000)
    window.reload(redraw=True)  # the package read again (after an update): the map redrawn
    view = window.map
    assert view.age_label is not None and view.age_label.text() == "last fix, 0 s ago"
    centre, ring = _seen(window)
    assert ring == QColor(OLD_FIX), ring.name()
