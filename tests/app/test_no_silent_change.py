# SPDX-License-Identifier: GPL-2.0-or-later
"""The form never changes what the technician did not change: a scroll over a drop-down
scrolls the form, it does not pick another code or unit."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import QPoint, QPointF, Qt
from PyQt5.QtGui import QWheelEvent
from PyQt5.QtWidgets import QApplication, QScrollArea

from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts
from tests.app.test_form_widget import _pick


@pytest.fixture
def form(qtbot, package, patch):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.resize(520, 600)  # short: the form has to scroll
    fw.show()
    yield fw
    fw.close_db()


def wheel(widget, notches: int = -1) -> None:
    """A mouse wheel turned over the middle of ``widget`` (negative: scroll down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def test_a_wheel_over_a_drop_down_scrolls_the_form_and_changes_nothing(qtbot, form, package):
    _pick(qtbot, form.editor("patch_class"), "10")
    _pick(qtbot, form.editor("patch_subclass"), "11")
    _pick(qtbot, form.editor("damage_type"), "压占")
    area = form.editor("measured_area_m2")
    qtbot.keyClicks(area.edit, "3")
    area.unit.setCurrentIndex(area.unit.findData("亩"))
    area.unit.activated.emit(area.unit.currentIndex())
    before = form.state()
    bar = form.findChild(QScrollArea).verticalScrollBar()
    assert bar.maximum() > 0
    top = bar.value()
    for combo in (form.editor("patch_subclass").combo, form.editor("damage_type").combo,
                  area.unit):
        wheel(combo, -1)
        form.editor("patch_subclass").combo.setFocus()  # focused by a click: still no change
        wheel(combo, -1)
    assert form.state() == before
    assert (form.values()["patch_subclass"], form.values()["damage_type"]) == ("11", "压占")
    assert area.current_unit() == "亩"
    assert bar.value() > top  # the wheel scrolled the form instead
    kept = drafts.load_draft(form.conn, form.draft_id).values
    assert (kept["patch_subclass"], kept["damage_type"], kept["_units"]["measured_area_m2"]) == (
        "11", "压占", "亩")
