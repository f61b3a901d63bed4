# SPDX-License-Identifier: GPL-2.0-or-later
"""History of a feature of a PostgreSQL master opened in QGIS says its open conflict apart
from its changes, and opens Settle conflicts on it, as on a GeoPackage master."""

from __future__ import annotations

from tests.postgis.cluster import query
from tests.qgis.test_history_shows_open_conflicts import cells, history_of, settled_from
from tests.qgis.test_postgres_master import well_in_conflict_opened


def test_history_of_a_postgres_feature_shows_its_open_conflict(iface, cluster, database,
                                                               plan_gpkg, tmp_path):
    with well_in_conflict_opened(iface, cluster, database, plan_gpkg, tmp_path) as (
            plugin, wells, row):
        history = history_of(plugin, iface, wells, row)
        box = history.open_conflicts
        assert box is not None and "1 open conflict on this feature" in box.heading.text()
        assert cells(box.table)[:3] == ["面积", "30.5", "20.5"], cells(box.table)
        history, rows = settled_from(history, plugin, iface, row, "theirs", layer=wells)
        assert any("settled" in r[5] for r in rows), rows
        history.close()
    assert query(database, "SELECT 面积 FROM 水井 WHERE uuid = %s", row) == [(20.5,)]
