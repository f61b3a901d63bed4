# SPDX-License-Identifier: GPL-2.0-or-later
"""The county's own layers on the app's map: a layer of a few features is drawn and named
in the legend; one of too many features (100,000 wells) is left off and the legend says so,
naming it, in the language chosen, as it does a layer the map cannot place."""

from __future__ import annotations

import subprocess

from field_kit.app import i18n
from field_kit.app.main_window import MainWindow


def _points(package, tmp_path, name: str, n: int, srs: str = "EPSG:4490") -> None:
    csv = tmp_path / f"{name}.csv"
    with open(csv, "w", encoding="utf-8") as fh:
        fh.write("lon,lat,note\n")
        for i in range(n):
            fh.write(f"{88.0 + (i % 400) * 0.002:.6f},{42.5 + (i // 400) * 0.001:.6f},w{i}\n")
    subprocess.run(["ogr2ogr", "-update", "-a_srs", srs, "-nln", name, "-oo",
                    "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", str(package),
                    str(csv)], check=True, capture_output=True)


def _legend_text(win: MainWindow) -> str:
    win.map.viewport().grab()  # the legend painted as the user sees it
    return "\n".join(text for _, text in win.map.legend_lines())


def test_a_layer_of_too_many_features_is_said_in_the_legend_by_name(qtbot, package,
                                                                     tmp_path):
    _points(package, tmp_path, "水井", 100_000)
    _points(package, tmp_path, "泉眼", 12)
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    said = _legend_text(win)
    assert "水井: not drawn on the map, too many features (100,000; the map draws up to " \
        in said, said
    assert ("#8e24aa", "泉眼") in win.map.legend_lines()  # a few: drawn, and named
    assert "泉眼: not drawn" not in said
    i18n.set_language(i18n.ZH)  # the technician switches: the legend follows
    said = _legend_text(win)
    assert "水井：未在地图上绘制，要素过多（100,000 个" in said, said
    win.close()


def test_a_layer_of_the_countys_own_in_metres_is_said_in_the_legend(qtbot, package,
                                                                    tmp_path):
    _points(package, tmp_path, "forest_4517", 5, "EPSG:4517")
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    said = _legend_text(win)
    assert "forest_4517: not drawn on the map, not in longitude/latitude (" in said, said
    win.close()


def test_the_plans_layers_the_map_does_not_draw_are_named_in_the_legend(qtbot, package):
    """The plan's ecological pattern (areas, corridors, points) is in the package but not on
    the map: the legend names those layers, in the plan's words and the language chosen."""
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    said = _legend_text(win)
    # the English says they are the ecological pattern's, as the Chinese titles do
    assert "Ecological pattern (barrier and core, corridors, protection points): layers of " \
        "the plan not drawn on the map" in said, said
    assert "Legacy mine patches" not in said and "Townships" not in said  # (drawn)
    i18n.set_language(i18n.ZH)
    said = _legend_text(win)
    assert "生态格局（一屏一核）、生态格局（三廊）、生态格局（多点）：规划图层，未在地图上绘制" \
        in said, said
    win.close()


def test_a_first_records_position_names_its_layer_in_the_legend(qtbot, package, patch, photo):
    """The records' positions are not drawn on the map: once a record saved holds one, the
    legend names its layer too, without the map being opened again."""
    from PyQt5.QtCore import Qt

    from tests.app.conftest import click_in_list
    from tests.app.test_failures import _fill
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert "Patch verifications" not in _legend_text(win)  # none saved yet
    click_in_list(qtbot, win, "patch", patch[0])
    _fill(win.form, photo)
    qtbot.mouseClick(win.form.save_button, Qt.LeftButton)
    assert win.form.record_uuid is not None
    said = _legend_text(win)
    assert "Ecological pattern (barrier and core, corridors, protection points), Patch " \
        "verifications: layers of the plan not drawn on the map" in said, said
    win.close()


def _red_in_legend(win: MainWindow) -> int:
    """The legend's pixels in the red of a layer the map could not draw."""
    from PyQt5.QtGui import QColor

    image = win.map.viewport().grab().toImage()
    red = QColor("#b00020").rgb()
    return sum(image.pixel(x, y) == red for x in range(min(image.width(), 500))
               for y in range(min(image.height(), 200)))


def test_the_plans_layers_the_map_never_draws_are_named_not_marked_as_failed(qtbot, package,
                                                                             tmp_path):
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    said = _legend_text(win)
    assert "layers of the plan not drawn on the map" in said, said  # named
    assert _red_in_legend(win) == 0  # nothing failed: no red cross
    _points(package, tmp_path, "水井", 100_000)  # one the map could not draw: in red
    win.close()
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    assert "水井: not drawn on the map" in _legend_text(win)
    assert _red_in_legend(win) > 0
    win.close()
