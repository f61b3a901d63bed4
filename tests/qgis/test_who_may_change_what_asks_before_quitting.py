# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS asked to quit while Who may change what holds changes queued and not applied: it
asks, as closing the dialog does, whether to apply them, discard them or go back to them
(going back keeps QGIS open). The plugin unloaded with changes queued (no question can keep
it): nothing applied, and the next opening says so and lists them again."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from tests.qgis.test_who_may_change_what import (  # noqa: F401 (fixtures)
    WELLS,
    answered,
    closed,
    grants,
    in_english,
    opened,
    wells_master,
)
from tests.qgis.test_who_may_change_what_asks_before_closing import queued

ASKED = ("The changes listed under “Changes to apply” are not applied yet. Apply them, "
         "discard them, or go back to them?")


def quitting(iface, button) -> tuple[bool, dict]:
    """QGIS asked to quit, the question asked answered with ``button``: whether QGIS may
    quit, and what was asked."""
    asked: dict = {}
    QTimer.singleShot(0, lambda: asked.update(answered(button)))
    may = iface.quit_asked()
    QgsApplication.processEvents()
    gc.collect()
    return may, asked


def test_quitting_asks_and_going_back_keeps_qgis_open(
        iface, wells_master, in_english):  # noqa: F811 (fixtures)
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "深度")
        may, asked = quitting(iface, QMessageBox.Cancel)
        assert asked, "QGIS quit with a change queued, nothing asked"
        assert asked["title"] == "Who may change what" and asked["text"] == ASKED
        assert set(asked["buttons"]) == {QMessageBox.Apply, QMessageBox.Discard,
                                         QMessageBox.Cancel}
        assert not may  # QGIS stays open
        assert dialog.isVisible() and dialog.changes.count() == 1
        assert grants(wells_master) == before
        may, asked = quitting(iface, QMessageBox.Apply)
        assert asked and may
        assert grants(wells_master) == before | {("technician", WELLS, "深度")}
        assert dialog.changes.count() == 0
        may, asked = quitting(iface, QMessageBox.Cancel)
        assert may and not asked  # nothing queued: nothing asked
    finally:
        closed(iface, plugin, dialog)


def test_quitting_discarded_applies_nothing_and_says_nothing_next_time(
        iface, wells_master, in_english):  # noqa: F811
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    queued(dialog, WELLS, "深度")
    may, asked = quitting(iface, QMessageBox.Discard)
    assert asked and may
    plugin.unload()  # (QGIS unloads its plugins as it quits)
    gc.collect()
    assert grants(wells_master) == before
    plugin, dialog = opened(iface, wells_master)
    try:
        assert dialog.changes.count() == 0 and dialog.message.text() == ""
    finally:
        closed(iface, plugin, dialog)


def test_refused_as_applied_keeps_qgis_open_saying_why(
        iface, wells_master, in_english):  # noqa: F811 (fixtures)
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        queued(dialog, WELLS, "水量")
        may, asked = quitting(iface, QMessageBox.Apply)
        assert asked and not may
        assert dialog.isVisible() and dialog.changes.count() == 1
        assert f"{WELLS} has no column 水量" in dialog.message.text()
        assert grants(wells_master) == before
    finally:
        closed(iface, plugin, dialog)


def test_unloaded_with_changes_queued_the_next_opening_says_them(
        iface, wells_master, in_english):  # noqa: F811
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    queued(dialog, WELLS, "深度")
    asked: dict = {}
    QTimer.singleShot(0, lambda: asked.update(answered(QMessageBox.Apply)))
    plugin.unload()  # (Plugins → Manage and Install Plugins, unticked)
    QgsApplication.processEvents()
    gc.collect()
    assert not asked  # (no question can keep it loaded)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()
                and w.windowTitle() == "Who may change what"]
    assert grants(wells_master) == before  # nothing applied
    plugin, dialog = opened(iface, wells_master)
    try:
        said = dialog.message.text()
        assert said == ("1 change queued here before the plugin was unloaded (or QGIS "
                        "closed) was not applied. It is listed again under “Changes to "
                        "apply”: apply it, or remove it."), said
        assert dialog.asked() == [(True, "technician", f"{WELLS}.深度")]
        assert dialog.changes.item(0).text() == f"grant technician: {WELLS}.深度"
        QTest.mouseClick(dialog.apply, Qt.LeftButton)
        assert grants(wells_master) == before | {("technician", WELLS, "深度")}
    finally:
        closed(iface, plugin, dialog)
    plugin, dialog = opened(iface, wells_master)  # said once
    try:
        assert dialog.changes.count() == 0 and dialog.message.text() == ""
    finally:
        closed(iface, plugin, dialog)


def test_unloaded_with_changes_for_another_master_said_by_its_name(
        iface, wells_master, master, in_english, tmp_path):  # noqa: F811
    import shutil
    other = tmp_path / "other" / "county.gpkg"
    other.parent.mkdir()
    shutil.copyfile(wells_master, other)
    plugin, dialog = opened(iface, other)
    queued(dialog, WELLS, "深度")
    plugin.unload()
    gc.collect()
    plugin, dialog = opened(iface, wells_master)
    try:
        said = dialog.message.text()
        assert said.startswith("1 change queued for "), said
        assert str(other) in said or other.name in said, said
        assert f"grant technician: {WELLS}.深度" in said, said
        assert dialog.changes.count() == 0
    finally:
        closed(iface, plugin, dialog)


def test_what_was_not_applied_said_in_chinese(
        iface, wells_master, tmp_path, monkeypatch):  # noqa: F811 (fixtures)
    from tests.qgis.conftest import qgis_speaking

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        plugin, dialog = opened(iface, wells_master)
        queued(dialog, WELLS, "深度")
        plugin.unload()
        gc.collect()
        plugin, dialog = opened(iface, wells_master)
        try:
            assert dialog.message.text() == (
                "插件卸载（或 QGIS 关闭）前在此排队的 1 项更改未被应用。它已重新列在“待应用"
                "的更改”中：请应用，或将其移除。")
            assert dialog.changes.item(0).text() == f"授予技术员：{WELLS}.深度"
        finally:
            closed(iface, plugin, dialog)


def test_two_dialogs_unloaded_with_changes_queued_keep_both(
        iface, wells_master, in_english):  # noqa: F811 (fixtures)
    plugin, first = opened(iface, wells_master)
    queued(first, WELLS, "深度")
    first.move(first.x() + 40, first.y() + 40)  # (a second one opened beside it)
    next(a for a in iface.menu if a.objectName() == "toksun_show_grants").trigger()
    QgsApplication.processEvents()
    gc.collect()
    (second,) = [d for d in plugin.dialogs if d is not first]
    queued(second, WELLS, "名称")
    plugin.unload()
    gc.collect()
    plugin, dialog = opened(iface, wells_master)
    try:
        assert dialog.message.text().startswith("2 changes queued here"), \
            dialog.message.text()
        assert dialog.asked() == [(True, "technician", f"{WELLS}.深度"),
                                  (True, "technician", f"{WELLS}.名称")]
    finally:
        closed(iface, plugin, dialog)
