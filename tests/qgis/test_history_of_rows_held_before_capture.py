# SPDX-License-Identifier: GPL-2.0-or-later
"""History in QGIS of a row of a layer loaded with ogr2ogr before ``init`` tracked it: its
first line is the row as it was when change capture began, in English and in Chinese, not
an insert edited here; the merge since is said as before."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsApplication

from field_kit.db import connect
from field_kit.sync import masters
from tests.unit.gpkg_factory import exported_edits
from tests.unit.test_history_of_rows_held_before_capture import wells_loaded  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def _well(master) -> str:
    with connect(master) as conn:
        return conn.execute("SELECT uuid FROM \"水井\" WHERE name = 'SJ-001'").fetchone()[0]


def test_the_history_dialog_says_the_row_as_capture_found_it(
        wells_loaded, tmp_path):  # noqa: F811 (a fixture)
    from qgis_plugin.dialogs.history import HistoryDialog

    masters.merge(wells_loaded, exported_edits(
        wells_loaded, tmp_path, [("gis-wang", "UPDATE \"水井\" SET depth = 13.0 WHERE name = "
                                  "'SJ-001'")]))
    dialog = HistoryDialog(wells_loaded, "水井", _well(wells_loaded))
    try:
        dialog.show()
        QgsApplication.processEvents()
        table = dialog.table
        rows = [[table.item(i, j).text() for j in range(table.columnCount())]
                for i in range(table.rowCount())]
    finally:
        dialog.close()
    found = [r for r in rows if r[1] == "held"]
    assert {r[2] for r in found} == {"depth", "Geometry", "name"}, rows
    assert all(r[5] == "as it was when change capture began (put in before)" for r in found)
    assert not [r for r in rows if r[1] == "added" or r[5] == "edited here"], rows
    (merged,) = [r for r in rows if r[1] == "changed"]
    assert merged[2:5] == ["depth", "12.5", "13"] and merged[5].startswith("merged from"), rows


def test_said_in_chinese(wells_loaded):  # noqa: F811 (a fixture)
    from qgis_plugin.dialogs.history import history_rows

    rows = history_rows(wells_loaded, "水井", _well(wells_loaded), "zh")
    assert {(r[1], r[5]) for r in rows} == {("已有", "开始记录变更时的原样（此前已在库中）")}, rows
    assert all(r[6] == "主库" for r in rows), rows
