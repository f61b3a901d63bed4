# SPDX-License-Identifier: GPL-2.0-or-later
"""History of a feature of a PostgreSQL master opened in QGIS says its open conflict apart
from its changes, and opens Settle conflicts on it, as on a GeoPackage master."""

from __future__ import annotations

import shutil

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from qgis_plugin.plan_layers import GROUP_NAME
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_history_shows_open_conflicts import cells, history_of
from tests.qgis.test_postgres_master import open_saved, published


def test_history_of_a_postgres_feature_shows_its_open_conflict(iface, cluster, database,
                                                               plan_gpkg, tmp_path):
    from tests.qgis.test_plugin import conflict_on_a_well
    from tests.unit.test_qfield import add_wells

    gpkg = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    add_wells(gpkg, tmp_path)
    with published(cluster, database, gpkg):
        row = conflict_on_a_well(database, tmp_path)
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            open_saved(plugin)
            group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
            (wells,) = [n.layer() for n in group.findLayers() if n.layer().name() == "水井"]
            history = history_of(plugin, iface, wells, row)
            box = history.open_conflicts
            assert box is not None and "1 open conflict(s) on this feature" in \
                box.heading.text()
            assert cells(box.table)[:3] == ["面积", "30.5", "20.5"], cells(box.table)
            QTest.mouseClick(box.settle_button, Qt.LeftButton)
            settle = plugin.dialogs[-1]
            assert [c.row_uuid for c in settle.selected()] == [row]
            QTest.mouseClick(settle.take_buttons["theirs"], Qt.LeftButton)
            settle.close()
            history.close()
            history = history_of(plugin, iface, wells, row)
            assert history.open_conflicts is None
            assert any("settled" in history.table.item(i, 5).text()
                       for i in range(history.table.rowCount()))
            history.close()
        finally:
            QgsApplication.processEvents()
            plugin.unload()
    assert query(database, "SELECT 面积 FROM 水井 WHERE uuid = %s", row) == [(20.5,)]
