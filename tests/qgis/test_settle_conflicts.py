# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts as a user drives it: opened from its action, typed into, keys pressed."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QAction, QPushButton

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _conflict_on


@pytest.fixture()
def plugin(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    iface.mapCanvas().waitWhileRendering()
    yield p
    iface.mapCanvas().waitWhileRendering()
    p.unload()


def opened(iface, plugin):
    """Settle conflicts as its action opens it."""
    iface.mainWindow().findChild(QAction, "toksun_show_conflicts").trigger()
    QgsApplication.processEvents()
    return plugin.dialogs[-1]


def note_of(master, row: str):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0]


def test_enter_in_the_typed_value_uses_that_value_and_no_take_button(iface, plugin, master,
                                                                     tmp_path):
    row = _conflict_on(master, tmp_path, "notes", "内业：未治理", ["坡面已稳定", "北侧仍有积水"])
    dialog = opened(iface, plugin)
    dialog.table.selectRow(0)
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)  # empty: nothing is settled
    assert dialog.table.rowCount() == 1 and note_of(master, row) == "北侧仍有积水"
    QTest.keyClicks(dialog.value_edit, "north side drained")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    assert note_of(master, row) == "north side drained"
    assert dialog.table.rowCount() == 0 and dialog.isVisible()
    # no button is one the Enter key presses
    assert not [b.text() for b in dialog.findChildren(QPushButton)
                if b.isDefault() or b.autoDefault()]
    dialog.close()
