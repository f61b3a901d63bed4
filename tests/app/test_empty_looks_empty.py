# SPDX-License-Identifier: GPL-2.0-or-later
"""An empty box looks empty: no value-like placeholder, and placeholders drawn grey."""

from __future__ import annotations

import pytest
from PyQt5.QtGui import QColor

from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH


def darkest(widget) -> int:
    """The darkest pixel inside the box's border (0 black, 255 white)."""
    img = widget.grab().toImage()
    r = widget.rect().adjusted(5, 5, -5, -5)
    return min(QColor(img.pixel(x, y)).lightness()
               for x in range(r.left(), r.right()) for y in range(r.top(), r.bottom()))


@pytest.fixture
def form(qtbot, package, patch):
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.select(PATCH, patch[0])
    yield win.form
    win.close()


def test_empty_number_and_position_boxes_look_empty(qtbot, form):
    year = form.editor("year_closed").edit
    area = form.editor("measured_area_m2").edit
    lon = form.position.edits["position_lon"]
    for edit in (year, area, lon):
        assert edit.text() == ""
        assert darkest(edit) > 100, edit.placeholderText()  # nothing black: nothing typed
    assert year.placeholderText() == "" and area.placeholderText() == ""
    qtbot.keyClicks(year, "1998")
    assert darkest(year) < 60  # what is typed is black
    year.clear()
    assert darkest(year) > 100
