# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog keeps the field mapping a GIS user chose by hand in a Chinese QGIS:
Preview, Enter, leaving the path box and a click on Import all work on the mapping on the
screen; a scroll changes no drop-down; QGIS quitting with the dialog open says nothing."""

from __future__ import annotations

import json
import shutil
import sys

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QWheelEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QMainWindow

from tests.qgis.test_import_dialog import wait_for
from tests.qgis.test_import_dialog_fits import _edited_patches
from tests.qgis.test_import_dialog_said import chinese_qgis, open_import  # noqa: F401


def _pump(n: int = 5) -> None:
    for _ in range(n):
        QgsApplication.processEvents()


def _unrecognised(master, tmp_path):
    """The master's patches (one changed) with the patch code under a name the import does
    not recognise (编号): the user maps it by hand."""
    source = _edited_patches(master, tmp_path)
    doc = json.loads(source.read_text(encoding="utf-8"))
    for f in doc["features"]:
        f["properties"]["编号"] = f["properties"].pop("patch_code")
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return source


def _choose(dlg, field, target):
    """A click on the field's drop-down, then a click on the plan field in its list."""
    table = dlg.mapping_table
    row = [table.item(i, 0).text() for i in range(table.rowCount())].index(field)
    combo = table.cellWidget(row, 1)
    QTest.mouseClick(combo, Qt.LeftButton)
    _pump()
    assert not sip.isdeleted(combo) and table.cellWidget(row, 1) is combo, \
        "the drop-down clicked was taken away under the click"
    combo.hidePopup()
    combo.setCurrentIndex(combo.findData(target))
    _pump()


def _typed(dlg, path):
    """A path typed into the file box and Enter pressed: the cursor stays in the box."""
    QApplication.setActiveWindow(dlg)
    dlg.source_edit.setFocus(Qt.MouseFocusReason)
    dlg.source_edit.selectAll()
    QTest.keyClicks(dlg.source_edit, str(path))
    QTest.keyClick(dlg.source_edit, Qt.Key_Return)
    _pump(10)


def _wheel(widget, delta=-120):
    event = QWheelEvent(QPointF(widget.rect().center()), QPointF(widget.mapToGlobal(
        QPoint(5, 5))), QPoint(0, 0), QPoint(0, delta), Qt.NoButton, Qt.NoModifier,
        Qt.NoScrollPhase, False)
    QgsApplication.sendEvent(widget, event)
    _pump()


def test_preview_and_enter_show_the_mapping_chosen_by_hand(open_import, master, tmp_path):  # noqa: F811
    """A field mapped by hand in the table, then Preview clicked (or Enter pressed): the
    preview is of that mapping, Import stays enabled (Preview threw the choice away)."""
    source = _unrecognised(master, tmp_path)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(source))  # (as Browse… does)
    dlg.mapping_table.setFocus()
    _pump()
    assert dlg.mapping()["编号"] is None and not dlg.import_button.isEnabled()
    _choose(dlg, "编号", "patch_code")
    assert dlg.import_button.isEnabled(), dlg.verdict.text()
    QTest.mouseClick(dlg.preview_button, Qt.LeftButton)
    _pump()
    assert dlg.mapping()["编号"] == "patch_code"
    assert "编号 → 图斑编号" in dlg.summary_label.text(), dlg.summary_label.text()
    assert dlg.import_button.isEnabled(), dlg.verdict.text()
    dlg.tolerance.setFocus()
    QTest.keyClick(dlg.tolerance, Qt.Key_Return)  # (Preview is the default button)
    _pump()
    assert dlg.mapping()["编号"] == "patch_code"
    assert dlg.import_button.isEnabled(), dlg.verdict.text()


def test_leaving_the_path_box_keeps_the_mapping_and_import_imports_it(
        open_import, master, tmp_path):  # noqa: F811
    """The path typed and Enter pressed, the cursor left in the box: a click on a mapping's
    drop-down opens it (the table was rebuilt under the click), and a click on Import after
    the cursor went back to the box imports with the mapping chosen (it reset the mapping
    and greyed Import out under the click, saying nothing)."""
    source = _unrecognised(master, tmp_path)
    dlg = open_import()
    dlg.set_target("mine_patches")
    _typed(dlg, source)
    assert dlg.plan is not None and dlg.mapping()["编号"] is None
    _choose(dlg, "编号", "patch_code")
    assert dlg.import_button.isEnabled(), dlg.verdict.text()
    QApplication.setActiveWindow(dlg)
    dlg.source_edit.setFocus(Qt.MouseFocusReason)
    _pump()
    QTest.mouseClick(dlg.import_button, Qt.LeftButton)
    wait_for(dlg)
    assert dlg.result is not None, (dlg.verdict.text(), dlg.summary_label.text())
    assert dlg.result.updated == 1
    assert dlg.mapping()["编号"] == "patch_code"

    # another file of the same fields: the choice made by hand stays
    again = tmp_path / "again.geojson"
    shutil.copyfile(source, again)
    _typed(dlg, again)
    assert dlg.plan is not None and dlg.plan.source_info["path"] == str(again)
    assert dlg.mapping()["编号"] == "patch_code", dlg.summary_label.text()


def test_a_scroll_changes_no_drop_down_and_every_plan_field_is_named_in_chinese(
        open_import, master, tmp_path):  # noqa: F811
    """The mouse wheel over the plan layer's drop-down leaves it (it changed the layer and
    the whole mapping); the remediation status and the stated areas carry the plan's names
    in the mapping's drop-downs, as the other fields do (they were column names alone)."""
    source = _unrecognised(master, tmp_path)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(source))
    for combo in (dlg.target_combo, dlg.source_layer_combo):
        before = combo.currentIndex()
        _wheel(combo)
        _wheel(combo)
        assert combo.currentIndex() == before
    assert dlg.target_combo.currentData() == "mine_patches"
    combo = dlg.mapping_table.cellWidget(0, 1)
    names = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert names["remediation_status"] == "恢复治理情况 remediation_status"
    assert names["stated_area_m2"] == "填报面积（平方米） stated_area_m2"
    assert names["stated_area_mu"] == "填报面积（亩） stated_area_mu"
    assert names["stated_area_ha"] == "填报面积（公顷） stated_area_ha"
    assert names["stated_area_km2"] == "填报面积（平方千米） stated_area_km2"


def test_qgis_quitting_with_a_path_typed_says_nothing(iface, master, tmp_path, monkeypatch):
    """QGIS's main window destroyed (QGIS quitting) with the dialog open and a path typed in
    its box: no Python error (the box's editing ended into a dialog already deleted)."""
    from qgis_plugin.dialogs.import_data import ImportDialog

    raised = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: raised.append(exc))
    source = _edited_patches(master, tmp_path)
    window = QMainWindow()
    dlg = ImportDialog(iface, master, window)
    dlg.show()
    QApplication.setActiveWindow(dlg)
    dlg.source_edit.setFocus(Qt.MouseFocusReason)
    QTest.keyClicks(dlg.source_edit, str(source))
    _pump()
    sip.delete(window)
    _pump(10)
    assert raised == []


def test_a_click_on_import_that_reads_a_new_file_shows_its_preview_first(
        open_import, master, tmp_path):  # noqa: F811
    """Another path typed and Import clicked at once: the click ends the path's editing and
    the new file is read; its preview is shown and nothing imported until Import is clicked
    again (the plan of a file never seen was imported)."""
    first = _unrecognised(master, tmp_path)
    dlg = open_import()
    dlg.set_target("mine_patches")
    _typed(dlg, first)
    _choose(dlg, "编号", "patch_code")
    before = master.read_bytes()
    other = tmp_path / "other.geojson"
    shutil.copyfile(first, other)
    QApplication.setActiveWindow(dlg)
    dlg.source_edit.setFocus(Qt.MouseFocusReason)
    dlg.source_edit.selectAll()
    QTest.keyClicks(dlg.source_edit, str(other))  # (no Enter)
    QTest.mouseClick(dlg.import_button, Qt.LeftButton)
    wait_for(dlg)
    assert dlg.result is None and master.read_bytes() == before
    assert dlg.plan is not None and dlg.plan.source_info["path"] == str(other)
    assert dlg.verdict.text() == "已读取 other.geojson：请先查看其预览，再点击“导入”"
    assert dlg.import_button.isEnabled()
    QTest.mouseClick(dlg.import_button, Qt.LeftButton)
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.updated == 1, dlg.summary_label.text()


def test_a_scroll_over_the_area_tolerance_changes_it_not(open_import, master, tmp_path):  # noqa: F811
    """The dialog on a small screen (it scrolls), the mouse wheel turned over the area
    tolerance: the dialog scrolls, the tolerance stays (each notch took 1 % off it and
    previewed again), and no wheel focuses it (a real one focuses it first, then turns it)."""
    source = _unrecognised(master, tmp_path)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(source))
    dlg.resize(800, 420)
    _pump()
    bar = dlg.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    top = bar.value()
    for _ in range(3):
        _wheel(dlg.tolerance)
    assert dlg.tolerance.value() == 5.0
    assert bar.value() > top
    assert dlg.tolerance.focusPolicy() != Qt.WheelFocus
