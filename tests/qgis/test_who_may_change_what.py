# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what, as a supervisor drives it in QGIS: opened from the plugin's menu on
the master open, a column of a county's own layer granted to technicians, written to the
master's sync_roles and said as the library says it; a grant naming a column there is not
refused by name, nothing changed; in Chinese under a Chinese QGIS."""

from __future__ import annotations

import gc
import sqlite3
import subprocess

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtGui import QKeyEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from field_kit.cli.commands import main
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_postgres_master import province  # noqa: F401 (a fixture)

WELLS = "防护林水井"


@pytest.fixture()
def wells_master(master, tmp_path):
    """The master with a layer of the county's own, its wells, tracked."""
    wells = tmp_path / "wells.csv"
    wells.write_text("名称,深度,lon,lat\n一号井,35.5,88.10,42.70\n", encoding="utf-8")
    subprocess.run(["ogr2ogr", "-update", str(master), str(wells), "-nln", WELLS, "-a_srs",
                    "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"],
                   check=True, capture_output=True)
    assert main(["init", str(master)]) == 0
    return master


def grants(master) -> set:
    with sqlite3.connect(master) as conn:
        return set(conn.execute("SELECT role, tbl, col FROM sync_roles"))


def opened(iface, master):
    """A fresh plugin on ``master``, the dialog opened from its menu entry, found on the
    screen (the test holds no reference to it while it opens)."""
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    plugin.load(master)
    QgsApplication.processEvents()
    next(a for a in iface.menu if a.objectName() == "toksun_show_grants").trigger()
    gc.collect()
    QgsApplication.processEvents()
    from qgis_plugin.dialogs.grants import GrantsDialog
    (dialog,) = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, GrantsDialog) and w.isVisible()]
    return plugin, dialog


def closed(iface, plugin, dialog) -> None:
    if dialog.changes.count():  # (asked whether to apply those left queued: discarded)
        QTimer.singleShot(0, lambda: answered(QMessageBox.Discard))
    dialog.close()
    iface.mapCanvas().waitWhileRendering()
    plugin.unload()


def answered(button) -> dict:
    """The question asked now answered with ``button``: what it asked and its buttons' names
    (nothing where none is asked)."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        return {}
    asked = {"title": box.windowTitle(), "text": box.text(),
             "buttons": {box.standardButton(b): b.text() for b in box.buttons()}}
    box.button(button).click()
    return asked


def typed(dialog, table: str, columns: str, give: bool = True) -> None:
    """``table`` and ``columns`` typed in, the change asked for and applied."""
    type_into(dialog.table.lineEdit(), table)
    type_into(dialog.columns, columns)
    QTest.mouseClick(dialog.grant if give else dialog.revoke, Qt.LeftButton)
    QTest.mouseClick(dialog.apply, Qt.LeftButton)
    QgsApplication.processEvents()


def type_into(edit, text: str) -> None:
    """Key presses, one a character (QTest's own only knows ASCII keys), over what is
    there."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    QTest.keyClick(edit, Qt.Key_Delete)
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        QgsApplication.processEvents()


def rows(dialog) -> list[tuple]:
    t = dialog.grants
    return [tuple(t.item(i, j).text() if t.item(i, j) else "" for j in range(t.columnCount()))
            for i in range(t.rowCount())]


@pytest.fixture()
def in_english(monkeypatch, tmp_path):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("en", tmp_path / "qm"):
        yield


def test_a_column_of_a_countys_layer_granted_to_technicians(iface, wells_master, in_english):
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        assert dialog.windowTitle() == "Who may change what"
        assert ("technician", "patch_verifications", "every column", "") in rows(dialog)
        assert not any(r[1] == WELLS for r in rows(dialog))
        typed(dialog, WELLS, "深度")
        said = dialog.message.text()
        assert grants(wells_master) == before | {("technician", WELLS, "深度")}
        assert f"grants changed: technician may now change {WELLS}.深度" in said, said
        assert "field packages get them at their next pull" in said, said
        assert ("technician", WELLS, "深度", "") in rows(dialog)  # listed again
        assert dialog.changes.count() == 0
    finally:
        closed(iface, plugin, dialog)


def test_the_grants_and_what_was_said_are_in_sight_whole(iface, wells_master, in_english):
    """At the size it opens at, every grant listed is in sight (the list is what the dialog is
    for, not the few changes queued), and what the library said is not cut off."""
    from qgis.PyQt.QtWidgets import QApplication

    plugin, dialog = opened(iface, wells_master)
    try:
        typed(dialog, WELLS, "深度")
        QApplication.processEvents()
        grants_list = dialog.grants
        wanted = sum(grants_list.rowHeight(i) for i in range(grants_list.rowCount()))
        assert grants_list.rowCount() >= 4 and grants_list.viewport().height() >= wanted, (
            grants_list.viewport().height(), wanted)
        message = dialog.message
        assert message.height() >= message.heightForWidth(message.width())
        assert message.geometry().bottom() < dialog.height()
    finally:
        closed(iface, plugin, dialog)


def test_a_column_there_is_not_is_refused_by_name_and_nothing_changes(
        iface, wells_master, in_english):
    before = grants(wells_master)
    plugin, dialog = opened(iface, wells_master)
    try:
        typed(dialog, WELLS, "深度, 水量")
        said = dialog.message.text()
        assert f"{WELLS} has no column 水量" in said, said
        assert "nothing was changed" in said, said
        assert grants(wells_master) == before
        assert not any(r[1] == WELLS for r in rows(dialog))
        assert dialog.changes.count() == 1  # kept, to correct
    finally:
        closed(iface, plugin, dialog)


def test_a_grant_that_grants_nothing_is_marked_and_may_be_taken_back(
        iface, wells_master, in_english):
    with sqlite3.connect(wells_master) as conn:  # (written by hand: a column there is not)
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)",
                     ("technician", WELLS, "水量"))
    plugin, dialog = opened(iface, wells_master)
    try:
        (row,) = [r for r in rows(dialog) if r[1] == WELLS]
        assert row[:3] == ("technician", WELLS, "水量")
        assert row[3].startswith("ignored: grant (technician, 防护林水井, 水量) in sync_roles "
                                 "names no column of 防护林水井"), row
        dialog.grants.selectRow(rows(dialog).index(row))  # fills in the change
        assert (dialog.table.currentText(), dialog.columns.text()) == (WELLS, "水量")
        QTest.mouseClick(dialog.revoke, Qt.LeftButton)
        QTest.mouseClick(dialog.apply, Qt.LeftButton)
        assert ("technician", WELLS, "水量") not in grants(wells_master), \
            dialog.message.text()
        assert not any(r[1] == WELLS for r in rows(dialog))
    finally:
        closed(iface, plugin, dialog)


def test_a_field_packages_grants_are_listed_and_changed_only_in_its_master(
        iface, wells_master, tmp_path, in_english):
    from field_kit.sync import package_checkout

    tech = tmp_path / "tech-li.gpkg"
    package_checkout.checkout(wells_master, tech, "tech-li", role="technician")
    before = grants(tech)
    plugin, dialog = opened(iface, tech)
    try:
        assert ("technician", "photos", "every column", "") in rows(dialog)
        typed(dialog, WELLS, "深度")
        said = dialog.message.text()
        assert "tech-li.gpkg is a field package: grants are changed in its master" in said, \
            said
        assert grants(tech) == before
    finally:
        closed(iface, plugin, dialog)


def test_chinese_labels_and_what_the_library_said_in_chinese(iface, wells_master, tmp_path,
                                                             monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        plugin, dialog = opened(iface, wells_master)
        try:
            entry = next(a for a in iface.menu if a.objectName() == "toksun_show_grants")
            assert entry.text() == "谁可以修改什么…"
            assert dialog.windowTitle() == "谁可以修改什么"
            assert (dialog.grant.text(), dialog.revoke.text(), dialog.apply.text()) == (
                "授予", "收回", "应用更改")
            assert dialog.role.currentText() == "技术员"
            (box,) = dialog.findChildren(QDialogButtonBox)
            assert sorted(b.text() for b in box.buttons()) == sorted(["关闭", "帮助"])
            heads = [dialog.grants.horizontalHeaderItem(j).text() for j in range(4)]
            assert heads == ["角色", "表", "字段", "说明"]
            typed(dialog, WELLS, "深度")
            said = dialog.message.text()
            assert "权限已变更：技术员现在可以修改" in said and "深度" in said, said
            assert "外业数据包在下次拉取时获得" in said, said
            assert ("技术员", WELLS, "深度", "") in rows(dialog)
            typed(dialog, WELLS, "水量")
            said = dialog.message.text()
            assert f"{WELLS}中没有字段 水量" in said and "未作任何更改" in said, said
            dialog.grab().save(str(tmp_path / "grants.png"))  # to look at
        finally:
            closed(iface, plugin, dialog)


def test_on_a_postgresql_master_a_column_taken_back_is_written_to_its_sync_roles(
        iface, province, in_english):  # noqa: F811 (a fixture)
    """As the supervisor who published it: the grants changed in the database."""
    from tests.postgis.cluster import query
    from tests.qgis.test_postgres_master import open_saved

    plugin = ToksunPlugin(iface)
    plugin.initGui()
    open_saved(plugin)
    next(a for a in iface.menu if a.objectName() == "toksun_show_grants").trigger()
    gc.collect()
    QgsApplication.processEvents()
    from qgis_plugin.dialogs.grants import GrantsDialog
    (dialog,) = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, GrantsDialog) and w.isVisible()]
    try:
        assert "PostgreSQL" in dialog.summary.text()
        assert ("technician", "photos", "every column", "") in rows(dialog)
        typed(dialog, "photos", "caption", give=False)
        said = dialog.message.text()
        held = set(query(province, "SELECT role, tbl, col FROM toksun.sync_roles "
                                   "WHERE tbl = 'photos'"))
        assert ("technician", "photos", "*") not in held and held, said
        assert ("technician", "photos", "caption") not in held, said
        assert "technician may no longer change photos.caption" in said, said
        assert "field packages get them at their next pull" in said, said
    finally:
        closed(iface, plugin, dialog)
        for layer in list(plugin.layers.values()):
            QgsProject.instance().removeMapLayer(layer.id())


def test_a_tables_column_list_takes_the_room_of_its_lines_only(iface, wells_master, in_english):
    """No table named, the Grant button comes right below the Columns box (an empty list of
    columns took three lines' room); a table's columns take as many lines as they have, up
    to three, the rest scrolled."""
    plugin, dialog = opened(iface, wells_master)
    try:
        line = dialog.its_columns.fontMetrics().lineSpacing()

        def gap() -> int:
            for _ in range(3):
                QgsApplication.processEvents()
            columns_foot = dialog.columns.mapTo(dialog, dialog.columns.rect().bottomLeft())
            return dialog.grant.mapTo(dialog, dialog.grant.rect().topLeft()).y() - columns_foot.y()

        empty = gap()
        assert empty < line, (empty, line)
        type_into(dialog.table.lineEdit(), WELLS)  # its columns, on one line
        assert dialog.its_columns.text() == "Its columns: geom, 名称, 深度, lon, lat"
        assert empty + line <= gap() < empty + 2 * line, (empty, gap(), line)
        area = dialog.its_columns_area
        assert area.isVisible() and not area.verticalScrollBar().isVisible()
        type_into(dialog.table.lineEdit(), "patch_verifications")  # many: three lines
        assert empty + 3 * line <= gap() < empty + 4 * line, (empty, gap(), line)
        assert area.verticalScrollBar().isVisible()
        type_into(dialog.table.lineEdit(), "no_such_table")
        assert dialog.its_columns.text() == "" and gap() == empty
    finally:
        closed(iface, plugin, dialog)
