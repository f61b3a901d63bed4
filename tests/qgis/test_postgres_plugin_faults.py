# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master opened in QGIS, as GIS staff meet it: History when its capture
broke, a column was renamed in the database or its server stopped, said on the message
bar in the user's language (no traceback); a master whose county outline is empty opens
framed on its other layers; History shows a coded value with its label, as on a
GeoPackage master."""

from __future__ import annotations

import math

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayerUtils,
)

from tests.postgis.cluster import query
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401 (a fixture)


def _select_first(iface, layer) -> None:
    layer.selectByIds([next(layer.getFeatures()).id()])
    iface.setActiveLayer(layer)


def _history_said(iface, plugin) -> str:
    """History asked for: no dialog, and what the bar said last (critical)."""
    before = len(iface.messages)
    assert plugin.show_history() is None
    said = iface.messages[before:]
    assert [m[0] for m in said] == ["critical"], said
    return said[-1][2]


@pytest.mark.parametrize("broken_by, heading, named, not_said", [
    ("ALTER TABLE mine_patches DISABLE TRIGGER toksun_capture", "无法读取修改历史：",
     ("历史遗留矿山图斑（mine_patches）的修改记录不完整（触发器被删除或停用）",
      "field-kit repair"), "capture"),
    ("ALTER TABLE mine_patches RENAME COLUMN section TO s2",
     "无法读取修改历史：PostgreSQL 主库的表结构在数据库中被修改，",
     ("字段 section（mine_patches）已被删除或改名",), "dropped"),
], ids=["capture broke", "column renamed"])
def test_history_on_a_master_changed_in_the_database_is_said_on_the_bar(
        iface, plugin, province, tmp_path,  # noqa: F811 (a fixture)
        broken_by, heading, named, not_said):
    with qgis_speaking("zh_CN", tmp_path):
        open_saved(plugin)
        _select_first(iface, plugin.layers["mine_patches"])
        query(province, broken_by)
        said = _history_said(iface, plugin)
    assert said.startswith(heading) and not_said not in said, said
    assert all(n in said for n in named), said


def test_history_with_the_server_stopped_says_it_cannot_be_reached(
        iface, plugin, cluster, province, tmp_path):  # noqa: F811 (a fixture)
    with qgis_speaking("zh_CN", tmp_path):
        open_saved(plugin)
        _select_first(iface, plugin.layers["mine_patches"])
        cluster.halt()
        try:
            said = _history_said(iface, plugin)
        finally:
            cluster.start()
    assert said.startswith("无法读取修改历史：无法连接 PostgreSQL 主库 "), said
    assert "数据库服务器未运行或无法访问" in said, said
    assert "请在规划图层中选择" not in said, said


def test_a_master_whose_county_is_empty_opens_framed_on_its_other_layers(
        iface, plugin, province):  # noqa: F811 (a fixture)
    query(province, "DELETE FROM county_boundary")
    open_saved(plugin)
    for _ in range(5):  # the county framed once the event loop runs
        QgsApplication.processEvents()
    assert plugin.layers["county_boundary"].featureCount() == 0
    assert not [m for m in iface.messages if m[0] == "critical"], iface.messages
    extent = iface.mapCanvas().extent()
    assert all(math.isfinite(v) for v in (extent.xMinimum(), extent.yMaximum()))
    patches = plugin.layers["mine_patches"]
    first = next(patches.getFeatures()).geometry().centroid().asPoint()
    project = QgsProject.instance()
    shown = QgsCoordinateTransform(patches.crs(), project.crs(), project).transform(first)
    assert extent.contains(shown), (extent.toString(), shown)


def test_history_on_a_postgres_master_labels_coded_values(
        iface, plugin, province, tmp_path):  # noqa: F811 (a fixture)
    with qgis_speaking("zh_CN", tmp_path):
        open_saved(plugin)
        patch = next(plugin.layers["mine_patches"].getFeatures())
        records = plugin.layers["patch_verifications"]
        assert records.startEditing()
        record = QgsVectorLayerUtils.createFeature(records)
        for name, value in {"patch_uuid": patch["uuid"], "patch_code": patch["patch_code"],
                            "remediation_status": "A", "verifier": "王工"}.items():
            record[name] = value
        record.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(88.6, 42.8)))
        assert records.addFeature(record) and records.commitChanges()
        record = next(records.getFeatures())
        assert records.startEditing()
        records.changeAttributeValue(record.id(),
                                     records.fields().indexOf("remediation_status"), "B")
        assert records.commitChanges()
        _select_first(iface, records)
        history = plugin.show_history()
        rows = [[history.table.item(r, j).text() for j in range(history.table.columnCount())]
                for r in range(history.table.rowCount())]
        history.close()
    coded = [row[3:5] for row in rows if row[2] == "恢复治理情况"]
    assert coded == [["", "A  未治理"], ["A  未治理", "B  已恢复治理"]], rows
