# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock narrows, in English and in Chinese, below the role drop-down's longest
choice ("Technician: verification and inspection records" held it at 488 px): the choice
cut there is whole in the drop-down's tooltip and in the list it opens, and at the width
the dock asks for it reads whole."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_sync_dock_fits import plugin_on

NARROWEST = 340  # a dock beside a laptop's map, in either language


def _room_for_text(combo) -> int:
    """The width a drop-down shows its current text in (less its arrow and frame)."""
    from qgis.PyQt.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.CC_ComboBox, option,
                                        QStyle.SC_ComboBoxEditField, combo).width()


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_sync_dock_narrows_its_role_whole_in_its_tooltip(iface, master, tmp_path, locale):
    with qgis_speaking(locale, tmp_path / "qm"), plugin_on(iface, master) as p:
        dock = p.show_sync()
        dock.setFloating(True)  # a window of its own, laid out as QGIS shows it
        dock.show()
        QgsApplication.processEvents()
        role = dock.role
        assert dock.minimumSizeHint().width() <= NARROWEST, dock.minimumSizeHint().width()
        for i in range(role.count()):  # whole at the width the dock opens at
            role.setCurrentIndex(i)
            QgsApplication.processEvents()
            width = role.fontMetrics().horizontalAdvance(role.currentText())
            assert _room_for_text(role) >= width, (role.currentText(), _room_for_text(role))
        dock.resize(dock.minimumSizeHint().width(), dock.height())
        QgsApplication.processEvents()
        if os.environ.get("SYNC_SHOT"):
            dock.grab().save(f"{os.environ['SYNC_SHOT']}-{locale}.png")
        for i in range(role.count()):
            role.setCurrentIndex(i)
            QgsApplication.processEvents()
            assert role.toolTip() == role.currentText() == role.itemText(i)
            # still in the dock: nothing cut off at its right edge
            right = role.mapTo(dock, role.rect().topRight()).x()
            assert right <= dock.width(), (right, dock.width())
