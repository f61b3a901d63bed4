# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts opened from a feature's history among hundreds of conflicts: the row of
its conflict is selected and scrolled into sight, the feature shown on the map as a click on
the row shows it (the list showed its top, nothing of what was selected)."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsPointXY
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from field_kit.db import connect
from field_kit.plan import geometry
from field_kit.sync import merge
from tests.qgis.test_history_shows_open_conflicts import history_of
from tests.qgis.test_plugin import edited_by_two

RECORDS = 200
PATCH = "CT6504222017000026002"
LON, LAT = 88.742016, 42.901282  # the patch's centre


def many_verifications_in_conflict(master, tmp_path) -> None:
    """``RECORDS`` verifications a step apart to the east, their notes changed by gis-a and
    by gis-b: a conflict each."""
    conn = connect(master)
    with conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                             (PATCH,)).fetchone()[0]
        conn.executemany(
            "INSERT INTO patch_verifications (patch_uuid, patch_code, notes, geom) "
            "VALUES (?, ?, '内业', ?)",
            [(patch, PATCH, geometry.gpkg_blob(geometry.point_wkb(LON + i * 0.001, LAT)))
             for i in range(RECORDS)])
    conn.close()
    outs = edited_by_two(master, tmp_path, "UPDATE patch_verifications SET notes = ?",
                         [("外业 a",), ("外业 b",)])
    assert merge.merge(master, outs).totals["conflict"] >= RECORDS


def test_settle_opened_from_history_shows_its_conflict_far_down_the_list(iface, plugin,
                                                                          master, tmp_path):
    many_verifications_in_conflict(master, tmp_path)
    plugin.load(master)
    last = merge.conflicts(master)[-1]  # listed last: far below the list's top
    history = history_of(plugin, iface, "patch_verifications", last.row_uuid)
    QTest.mouseClick(history.open_conflicts.settle_button, Qt.LeftButton)
    QgsApplication.processEvents()
    settle = plugin.dialogs[-1]
    table = settle.table
    assert table.rowCount() >= RECORDS
    assert [c.id for c in settle.selected()] == [last.id]
    (row,) = table.selectionModel().selectedRows()
    assert table.verticalScrollBar().value() > 0  # scrolled: the top is out of sight
    assert table.viewport().rect().contains(table.visualRect(row))  # the row in sight
    assert table.currentIndex().row() == row.row()  # the keyboard goes on from it
    # the feature on the map, as a click on its row shows it
    assert settle.highlight is not None
    layer = plugin.layers["patch_verifications"]
    feature = next(layer.getFeatures(f"\"uuid\" = '{last.row_uuid}'"))
    canvas = iface.mapCanvas()
    at = canvas.mapSettings().layerToMapCoordinates(layer, QgsPointXY(
        feature.geometry().asPoint()))
    assert canvas.extent().contains(at), (canvas.extent().toString(), at.toString())
    settle.close()
    history.close()
