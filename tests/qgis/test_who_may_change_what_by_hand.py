# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what, driven by hand as the plugin's menu opens it: the mouse wheel
passing over its drop-downs (the Table box one types into too) turns none of them, typing
in them still works; Enter in a box queues and applies nothing, only the buttons do."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QWheelEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from tests.qgis.test_who_may_change_what import (  # noqa: F401 (fixtures)
    WELLS,
    closed,
    grants,
    in_english,
    opened,
    type_into,
    wells_master,
)


def wheel(widget, notches: int = -1) -> None:
    """The mouse wheel turned over the middle of ``widget`` (negative: down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.NoButton, Qt.NoModifier,
                        Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    QgsApplication.processEvents()
    gc.collect()


def test_the_wheel_over_its_drop_downs_turns_none(iface, wells_master, in_english):  # noqa: F811
    plugin, dialog = opened(iface, wells_master)
    try:
        table = dialog.table
        assert table.isEditable() and table.count() > 2
        table.setCurrentIndex(1)  # (a table chosen: the wheel would pick the next one)
        for combo in (table, dialog.role):
            before = combo.currentText()
            for notches in (-1, -1, 1):
                wheel(combo, notches)
                wheel(combo.lineEdit() or combo, notches)
                assert combo.currentText() == before, combo
        # a real wheel focuses no drop-down before turning it
        assert table.focusPolicy() != Qt.WheelFocus
        assert dialog.role.focusPolicy() != Qt.WheelFocus
        # typing into the Table box still works, and a grant is queued from it
        type_into(table.lineEdit(), WELLS)
        assert table.currentText() == WELLS
        type_into(dialog.columns, "深度")
        QTest.mouseClick(dialog.grant, Qt.LeftButton)
        assert dialog.asked() == [(True, "technician", f"{WELLS}.深度")]
    finally:
        closed(iface, plugin, dialog)


def test_enter_in_a_box_queues_and_applies_nothing(iface, wells_master, in_english):  # noqa: F811
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        listed = [dialog.table.itemText(i) for i in range(dialog.table.count())]
        type_into(dialog.table.lineEdit(), WELLS)
        type_into(dialog.columns, "深度")
        for key in (Qt.Key_Return, Qt.Key_Enter):
            for box in (dialog.columns, dialog.table.lineEdit()):
                QTest.keyClick(box, key)
                QgsApplication.processEvents()
                gc.collect()
        assert dialog.isVisible()
        assert dialog.changes.count() == 0, dialog.asked()  # nothing queued
        assert grants(wells_master) == before
        assert [dialog.table.itemText(i) for i in range(dialog.table.count())] == listed
        # queued by its button: Enter then applies nothing either
        QTest.mouseClick(dialog.grant, Qt.LeftButton)
        assert dialog.changes.count() == 1
        for key in (Qt.Key_Return, Qt.Key_Enter):
            QTest.keyClick(dialog.columns, key)
            QgsApplication.processEvents()
            gc.collect()
        assert dialog.isVisible() and dialog.changes.count() == 1
        assert grants(wells_master) == before
        QTest.mouseClick(dialog.apply, Qt.LeftButton)  # only its button applies it
        assert grants(wells_master) == before | {("technician", WELLS, "深度")}
    finally:
        closed(iface, plugin, dialog)
