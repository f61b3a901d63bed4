# SPDX-License-Identifier: GPL-2.0-or-later
"""Measuring the treated outline: corners clicked on the map, or walked, give the
ellipsoidal area in m², 亩 and 公顷, which can go into the verification."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import QPoint, Qt

from field_kit.app import gnss
from field_kit.app.patch_list import PATCH
from field_kit.plan import geometry

SQUARE = [(88.0, 42.5), (88.001, 42.5), (88.001, 42.501), (88.0, 42.501)]
AREA = 9130.841  # m², as pyproj's geodesic area of the same square on GRS80 gives


def test_an_outline_has_its_ellipsoidal_area():
    o = geometry.Outline()
    for p in SQUARE:
        o.add(*p)
    assert o.area_m2 == pytest.approx(AREA, rel=1e-6)
    assert not o.walk(88.0, 42.501)  # within a step of the last point: not kept
    o.undo()
    assert o.area_m2 == pytest.approx(AREA / 2, rel=1e-3)


def test_clicking_corners_on_the_map_measures_and_fills_the_treated_area(qtbot, window,
                                                                          patch):
    win = window
    qtbot.waitExposed(win)
    win.select(PATCH, patch[0])
    win.act_measure.trigger()
    assert win.measure.isVisible() and win.map.measuring
    lon, lat = patch[1], patch[2]
    corners = [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001)]
    win.map.centerOn(win.map.to_scene(lon + 0.0005, lat + 0.0005))
    win.map.resetTransform()
    win.map.scale(2.0, 2.0)  # the square about 160 px across
    for x, y in corners:
        at = win.map.mapFromScene(win.map.to_scene(x, y))
        qtbot.mouseClick(win.map.viewport(), Qt.LeftButton, pos=QPoint(at))
    want = geometry.Outline()
    for x, y in corners:
        want.add(x, y)
    got = win.measure.outline.area_m2
    assert got == pytest.approx(want.area_m2, rel=0.02)  # a click lands on a pixel
    text = win.measure.area.text()
    assert " m² / " in text and " mu / " in text and " ha" in text
    assert win.form is not None and win.form.form.table == "patch_verifications"
    win.measure.b_use.click()
    st = win.form.editor("treated_area_m2").state()
    assert float(st["treated_area_m2"]) == pytest.approx(round(got, 2))  # as typed, in m²
    assert st["_unit"] == "平方米"
    win.act_measure.trigger()  # off: a click picks patches again
    assert not win.measure.isVisible() and not win.map.measuring


def test_walking_round_the_outline_measures_it(window):
    win = window
    win.act_measure.trigger()
    win.measure.b_walk.click()
    for x, y in SQUARE + [SQUARE[0]]:
        for k in range(5):  # each side walked in steps of about 17 m
            nx, ny = SQUARE[(SQUARE.index((x, y)) + 1) % 4]
            px, py = x + (nx - x) * k / 5, y + (ny - y) * k / 5
            win.on_fix(gnss.Fix(lon=px, lat=py, quality=1, accuracy_m=3.0, satellites=9))
    assert win.measure.outline.area_m2 == pytest.approx(AREA, rel=1e-3)
    assert win.map.outline == win.measure.outline.points
