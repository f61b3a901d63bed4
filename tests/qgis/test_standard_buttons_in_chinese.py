# SPDX-License-Identifier: GPL-2.0-or-later
"""Qt's standard buttons of the plugin's dialogs (Close, Help, OK, Cancel) stay in Chinese
under a Chinese QGIS: when a translator is installed while a dialog is open (a plugin
enabled later does), Qt names them again, in English where QGIS has not installed Qt's own
Chinese (QGIS set to 简体中文, zh-Hans)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QDialogButtonBox

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import install_chinese, qgis_speaking


@pytest.fixture()
def plugin(plugin_in_chinese):
    return plugin_in_chinese


def _buttons(dialog) -> list[str]:
    (box,) = dialog.findChildren(QDialogButtonBox)
    return [b.text() for b in box.buttons()]


def test_settle_conflicts_says_close_and_help_in_chinese(plugin, tmp_path):
    next(a for a in plugin.actions if a.objectName() == "toksun_show_conflicts").trigger()
    QgsApplication.processEvents()
    dialog = plugin.dialogs[-1]
    assert sorted(_buttons(dialog)) == sorted(["关闭", "帮助"])
    # another plugin's translator installed while the dialog is open
    later = install_chinese(tmp_path / "later")
    try:
        QgsApplication.processEvents()
        dialog.grab().save(str(tmp_path / "conflicts.png"))  # to look at
        assert sorted(_buttons(dialog)) == sorted(["关闭", "帮助"]), _buttons(dialog)
    finally:
        QCoreApplication.removeTranslator(later)
    dialog.close()


def test_undo_s_question_says_yes_and_no_in_chinese(iface, master, tmp_path, monkeypatch):
    """QGIS set to 简体中文 (zh-Hans) installs no Qt translation (Qt has none of that name):
    the question before undoing a merge is asked with Qt's Yes and No in Chinese all the
    same, and Qt speaks as QGIS had it once the plugin is unloaded."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox

    from tests.qgis.test_plugin import _conflict_on

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))  # a merge to undo
    asked = {}

    def answer():
        box = QApplication.activeModalWidget()
        asked["title"] = box.windowTitle()
        asked["buttons"] = {box.standardButton(b): b.text() for b in box.buttons()}
        box.grab().save(str(tmp_path / "undo.png"))  # to look at
        box.button(QMessageBox.No).click()

    with qgis_speaking("zh-Hans", tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        p.load(master)
        QgsApplication.processEvents()
        dock = p.show_sync()
        dock.refresh_merges()
        dock.merge_list.setCurrentRow(0)
        QTimer.singleShot(0, answer)
        dock.undo_button.click()
        iface.mapCanvas().waitWhileRendering()
        p.unload()
        QgsApplication.processEvents()
        box = QDialogButtonBox(QDialogButtonBox.Yes)
        after = box.button(QDialogButtonBox.Yes).text()
    assert asked["title"] == "撤销所选合并…", asked
    assert asked["buttons"] == {QMessageBox.Yes: "是(&Y)", QMessageBox.No: "否(&N)"}, asked
    assert after == "&Yes"
