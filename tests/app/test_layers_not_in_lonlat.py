# SPDX-License-Identifier: GPL-2.0-or-later
"""A package with layers of the county's own in a Gauss-Krüger zone or with no coordinate
system: the map is centred and scaled on the layers in longitude and latitude, not squashed
and mirrored by metres taken as degrees."""

from __future__ import annotations

import math
import sqlite3
import subprocess

import pytest

from field_kit.app.main_window import MainWindow

pytest.importorskip("osgeo")


def add_layer(package, layer: str, name: str, *options) -> None:
    subprocess.run(["ogr2ogr", "-update", *options, "-nln", name, "-lco",
                    f"IDENTIFIER={name}", str(package), str(package), layer],
                   check=True, capture_output=True)


def shown(qtbot, package) -> MainWindow:
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_own_layers_in_metres_or_without_system_leave_the_view_on_the_county(qtbot, package):
    add_layer(package, "mine_patches", "forest_4517", "-t_srs", "EPSG:4517")
    add_layer(package, "mine_patches", "forest_nocrs")
    conn = sqlite3.connect(package)
    with conn:
        for tbl in ("gpkg_geometry_columns", "gpkg_contents"):
            conn.execute(f"UPDATE {tbl} SET srs_id = 0 WHERE table_name = 'forest_nocrs'")
        conn.execute("UPDATE gpkg_contents SET min_x = 29600000, max_x = 29700000, "
                     "min_y = 4700000, max_y = 4800000 WHERE table_name = 'forest_nocrs'")
    conn.close()
    win = shown(qtbot, package)
    m = win.map
    assert 87 < m.lon0 < 90 and 41 < m.lat0 < 44
    assert m.kx == pytest.approx(math.cos(math.radians(m.lat0)))
    assert m.not_drawn == [] and not win.map_note.isVisible()
    win.close()


def test_a_plan_layer_the_map_cannot_place_is_left_off_and_said_by_name(qtbot, package):
    conn = sqlite3.connect(package)
    with conn:
        for tbl in ("gpkg_geometry_columns", "gpkg_contents"):
            conn.execute(f"UPDATE {tbl} SET srs_id = 0 WHERE table_name = 'mine_patches'")
    conn.close()
    win = shown(qtbot, package)
    assert not win.map.patches
    assert win.map_note.isVisible()
    assert "Not drawn on the map" in win.map_note.text()
    assert "mine_patches: no coordinate system (srs_id 0" in win.map_note.text()
    assert win.map.not_drawn_said("zh").startswith("未在地图上绘制")
    win.close()
