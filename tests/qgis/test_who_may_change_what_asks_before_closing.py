# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what closed with changes queued and not applied (Escape, Close, the
window's own close): asked whether to apply them, discard them or go back to them, with
Qt's standard buttons, in the user's language; nothing queued, it closes at once."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDialogButtonBox, QMessageBox

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_who_may_change_what import (  # noqa: F401 (fixtures)
    WELLS,
    answered,
    closed,
    grants,
    in_english,
    opened,
    type_into,
    wells_master,
)


def queued(dialog, table: str, columns: str) -> None:
    """A grant asked for, not applied."""
    type_into(dialog.table.lineEdit(), table)
    type_into(dialog.columns, columns)
    QTest.mouseClick(dialog.grant, Qt.LeftButton)


def escape(dialog) -> None:
    QTest.keyClick(dialog.columns, Qt.Key_Escape)


def close_button(dialog) -> None:
    (box,) = dialog.findChildren(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.Close), Qt.LeftButton)


def window_closed(dialog) -> None:
    dialog.close()  # (the close event the window's own close button sends)


CLOSINGS = {"escape": escape, "close button": close_button, "window closed": window_closed}


def closing(dialog, how: str, button) -> dict:
    """The dialog closed ``how``, the question it asks answered with ``button``."""
    asked: dict = {}
    QTimer.singleShot(0, lambda: asked.update(answered(button)))
    CLOSINGS[how](dialog)
    QgsApplication.processEvents()
    return asked


@pytest.mark.parametrize("how", list(CLOSINGS))
def test_changes_queued_are_asked_of_before_the_dialog_closes(
        iface, wells_master, in_english, how):  # noqa: F811 (fixtures)
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "深度")
        asked = closing(dialog, how, QMessageBox.Cancel)
        assert asked, "closed with a change queued, nothing asked"
        assert asked["title"] == "Who may change what"
        assert asked["text"] == ("The changes listed under “Changes to apply” are not applied "
                                 "yet. Apply them, discard them, or go back to them?")
        assert set(asked["buttons"]) == {QMessageBox.Apply, QMessageBox.Discard,
                                         QMessageBox.Cancel}
        assert dialog.isVisible() and dialog.changes.count() == 1  # gone back to them
        assert grants(wells_master) == before
        assert closing(dialog, how, QMessageBox.Apply)
        assert not dialog.isVisible()
        assert grants(wells_master) == before | {("technician", WELLS, "深度")}
    finally:
        plugin.unload()


@pytest.mark.parametrize("how", list(CLOSINGS))
def test_changes_discarded_close_it_and_change_nothing(
        iface, wells_master, in_english, how):  # noqa: F811 (fixtures)
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "深度")
        assert closing(dialog, how, QMessageBox.Discard)
        assert not dialog.isVisible()
        assert grants(wells_master) == before
    finally:
        plugin.unload()


def test_changes_refused_as_applied_keep_it_open_saying_why(
        iface, wells_master, in_english):  # noqa: F811 (fixtures)
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "水量")
        assert closing(dialog, "escape", QMessageBox.Apply)
        assert dialog.isVisible() and dialog.changes.count() == 1
        assert f"{WELLS} has no column 水量" in dialog.message.text()
        assert grants(wells_master) == before
    finally:
        closed(iface, plugin, dialog)


@pytest.mark.parametrize("how", list(CLOSINGS))
def test_the_changes_removed_it_closes_at_once(
        iface, wells_master, in_english, how):  # noqa: F811 (fixtures)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "深度")
        assert closing(dialog, how, QMessageBox.Cancel)
        dialog.changes.selectAll()
        QTest.mouseClick(dialog.remove, Qt.LeftButton)
        assert dialog.changes.count() == 0
        assert not closing(dialog, how, QMessageBox.Cancel)  # nothing asked
        assert not dialog.isVisible()
    finally:
        plugin.unload()


def test_the_question_in_chinese(iface, wells_master, tmp_path, monkeypatch):  # noqa: F811
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        plugin, dialog = opened(iface, wells_master)
        try:
            queued(dialog, WELLS, "深度")
            asked: dict = {}

            def answer():
                box = QgsApplication.activeModalWidget()
                if box is not None:
                    box.grab().save(str(tmp_path / "asked.png"))  # to look at
                asked.update(answered(QMessageBox.Cancel))
            QTimer.singleShot(0, answer)
            escape(dialog)
            assert asked, "closed with a change queued, nothing asked"
            assert asked["title"] == "谁可以修改什么"
            assert asked["text"] == ("“待应用的更改”中列出的更改尚未应用。要应用、丢弃，还是"
                                     "返回继续修改？")
            assert asked["buttons"] == {QMessageBox.Apply: "应用", QMessageBox.Discard: "丢弃",
                                        QMessageBox.Cancel: "取消"}
        finally:
            closed(iface, plugin, dialog)
