# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog stays within a laptop's 1366×768 screen as a GIS user works through it
in a Chinese QGIS: a source of every plan field (as ogr2ogr writes the plan's own patches),
its preview, the import, into the master and into a field package."""

from __future__ import annotations

import json
import subprocess

import pytest
from qgis.core import QgsApplication

from tests.plan_build import ROOT
from tests.qgis.test_import_dialog import wait_for
from tests.qgis.test_import_dialog_said import chinese_qgis, open_import  # noqa: F401

ROOM = 768 - 60  # a laptop's screen, less a title bar and a task bar


def _edited_patches(gpkg, tmp_path):
    """The file's mine_patches as ogr2ogr writes them to GeoJSON, one patch's count of
    patches in its project changed."""
    source = tmp_path / "patches.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(source), str(gpkg), "mine_patches"],
                   check=True)
    doc = json.loads(source.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["patches_in_project"] = 5
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return source


@pytest.mark.parametrize("into", ["master", "package"])
def test_the_dialog_keeps_within_a_laptops_screen_through_an_import(
        open_import, master, tmp_path, into):  # noqa: F811
    from field_kit.cli.commands import main

    target = master
    if into == "package":
        target = tmp_path / "gis.gpkg"
        assert main(["checkout", str(master), str(target), "--device", "gis", "--role",
                     "gis"]) == 0
    source = _edited_patches(target, tmp_path)
    dlg = open_import(None if into == "master" else target)
    heights = {"opened": dlg.minimumSizeHint().height()}
    dlg.set_target("mine_patches")
    dlg.load_source(str(source))
    heights["loaded"] = dlg.minimumSizeHint().height()
    dlg.preview_button.click()
    heights["previewed"] = dlg.minimumSizeHint().height()
    assert dlg.import_button.isEnabled(), dlg.verdict.text()
    dlg.import_button.click()
    wait_for(dlg)
    for _ in range(5):
        QgsApplication.processEvents()
    assert dlg.result is not None and dlg.result.updated == 1
    heights["imported"] = dlg.minimumSizeHint().height()
    heights["shown"] = dlg.height()
    assert max(heights.values()) <= ROOM, heights
    (ROOT / "out").mkdir(exist_ok=True)
    dlg.grab().save(str(ROOT / "out" / f"qgis_import_done_{into}_zh.png"))


def test_the_mapping_names_plan_fields_as_the_plan_does_and_a_scroll_changes_none(
        open_import, master, tmp_path):  # noqa: F811
    """In Chinese the plan layer and the plan fields carry the plan's names beside the
    table's and column's (they were column names alone), the layer's in Chinese alone (no
    "Legacy mine patches" in a Chinese list); the mouse wheel over a mapping's
    drop-down, scrolling the table, leaves the choice as it was (it picked another
    field)."""
    from qgis.PyQt.QtCore import QPoint, QPointF, Qt
    from qgis.PyQt.QtGui import QWheelEvent

    source = tmp_path / "patches.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(source), str(master), "mine_patches"],
                   check=True)
    dlg = open_import()
    dlg.set_target("mine_patches")
    assert dlg.target_combo.currentText() == "历史遗留矿山图斑（mine_patches）"
    dlg.load_source(str(source))
    table = dlg.mapping_table
    row = [table.item(i, 0).text() for i in range(table.rowCount())].index("patch_code")
    combo = table.cellWidget(row, 1)
    assert combo.currentText() == "图斑编号 patch_code"
    before = dlg.mapping()
    for delta in (-120, -120, 120):  # a hand scrolling over it, down and back
        centre = QPointF(combo.rect().center())
        event = QWheelEvent(centre, QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                            QPoint(0, delta), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                            False)
        QgsApplication.sendEvent(combo, event)
        QgsApplication.processEvents()
    assert combo.currentText() == "图斑编号 patch_code"
    assert dlg.mapping() == before


def test_enter_in_the_file_box_previews_and_imports_nothing(
        open_import, master, tmp_path):  # noqa: F811
    """A path typed and Enter pressed: the source is read and previewed, nothing written
    (Import was the dialog's default button: Enter imported at once, unseen)."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest

    source = _edited_patches(master, tmp_path)
    before = master.read_bytes()
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.source_edit.setFocus()
    QTest.keyClicks(dlg.source_edit, str(source))
    QTest.keyClick(dlg.source_edit, Qt.Key_Return)
    for _ in range(10):
        QgsApplication.processEvents()
    assert dlg.plan is not None and dlg.import_button.isEnabled()
    assert dlg.task is None and dlg.result is None
    assert master.read_bytes() == before
