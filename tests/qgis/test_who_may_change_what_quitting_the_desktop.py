# SPDX-License-Identifier: GPL-2.0-or-later
"""The real QGIS desktop (a fresh profile, the packaged plugin) closed while Who may change
what, opened from the plugin's menu, holds a grant queued and not applied: before it quits
(after its own questions) QGIS asks whether to apply it, discard it or go back to it. Going
back keeps QGIS open with the grant still queued; closed again and applied, the grant is in
the master and QGIS quits."""

from __future__ import annotations

import pytest

from tests.qgis.desktop import run_qgis

QUIT_WITH_A_GRANT_QUEUED = r'''
import gc, sqlite3
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QMessageBox
import qgis.utils

result = {}


def pump():
    for _ in range(5):
        QgsApplication.processEvents()
    gc.collect()


def type_into(edit, text):
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClick(edit, Qt.Key_Delete)
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
    pump()


def answering(button, asked, tries=100):
    """The question the plugin asks as QGIS closes, once it is up, answered with ``button``
    (QGIS's own before it, a temporary layer's loss, proceeded with)."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and box.button(QMessageBox.Apply) is None:
        result.setdefault("qgis_asked", []).append(box.text())
        box.button(QMessageBox.Yes).click()
        box = None
    if not isinstance(box, QMessageBox):
        if tries:
            QTimer.singleShot(50, lambda: answering(button, asked, tries - 1))
        return
    asked.append(box.text())
    box.button(button).click()


def grants(master):
    with sqlite3.connect(master) as conn:
        return sorted(conn.execute("SELECT role, tbl, col FROM sync_roles"))


def check(result):
    iface = qgis.utils.iface
    plugin = qgis.utils.plugins["toksun_restoration"]
    next(a for a in plugin.actions if a.objectName() == "toksun_open_plan").trigger()
    pump()
    next(a for a in plugin.actions if a.objectName() == "toksun_show_grants").trigger()
    pump()
    (dialog,) = [w for w in QApplication.topLevelWidgets()
                 if type(w).__name__ == "GrantsDialog" and w.isVisible()]
    master = str(plugin.gpkg)
    before = grants(master)
    column = dialog.tables["mine_patches"][-1]
    type_into(dialog.table.lineEdit(), "mine_patches")
    type_into(dialog.columns, column)
    QTest.mouseClick(dialog.grant, Qt.LeftButton)
    pump()
    result["queued"] = dialog.changes.count()
    QgsProject.instance().setDirty(False)  # (QGIS asks of no project to save)

    asked = []
    QTimer.singleShot(0, lambda: answering(QMessageBox.Cancel, asked))
    iface.mainWindow().close()  # the window's close button
    pump()
    result["asked_first"] = asked[:]
    result["open_after_cancel"] = iface.mainWindow().isVisible()
    result["queued_after_cancel"] = dialog.changes.count()
    result["applied_after_cancel"] = grants(master) != before

    asked.clear()
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(0, lambda: answering(QMessageBox.Apply, asked))
    iface.mainWindow().close()
    pump()
    result["asked_then"] = asked[:]
    result["new_grants"] = [list(g) for g in grants(master) if g not in before]
    result["column"] = column
'''


@pytest.mark.slow
def test_closing_qgis_asks_of_a_grant_queued(plugin_zip, tmp_path):
    result = run_qgis(plugin_zip, QUIT_WITH_A_GRANT_QUEUED, tmp_path, locale="en",
                      timeout=120)
    assert "error" not in result, result.get("error")
    question = ("The changes listed under “Changes to apply” are not applied yet. Apply them, "
                "discard them, or go back to them?")
    assert result["queued"] == 1
    assert result["asked_first"] == [question], result
    assert result["open_after_cancel"] and result["queued_after_cancel"] == 1, result
    assert not result["applied_after_cancel"]
    assert result["asked_then"] == [question], result
    assert result["new_grants"] == [["technician", "mine_patches", result["column"]]], result
