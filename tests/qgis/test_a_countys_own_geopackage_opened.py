# SPDX-License-Identifier: GPL-2.0-or-later
"""A GeoPackage of the county's own layers alone (written by ogr2ogr), opened as a master,
is refused saying it holds none of the plan's layers and how its layers join the plan's
(added to the master), in English and Chinese, not by a list of the plan's table names."""

from __future__ import annotations

import json
import subprocess

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking

SAID = {"en": "county.gpkg holds none of the plan's layers: it is no master or field package "
              "of this toolkit. To work on its layers with the plan, add them to the master "
              "(ogr2ogr -update MASTER.gpkg county.gpkg), then open the master.",
        "zh": "county.gpkg 不含任何规划图层，不是本工具的主库或外业数据包。如需将其图层与规划一起"
              "使用，请先将其加入主库（ogr2ogr -update 主库.gpkg county.gpkg），再打开主库。"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_countys_own_geopackage_is_refused_saying_how_its_layers_join_the_plan(
        lang, iface, tmp_path, monkeypatch):
    wells = tmp_path / "wells.geojson"
    wells.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "一号井", "深度": 35.5},
         "geometry": {"type": "Point", "coordinates": [88.1, 42.7]}}]}), encoding="utf-8")
    county = tmp_path / "county.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(county), str(wells), "-nln", "防护林水井"],
                   check=True, capture_output=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(county), "")))
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            next(a for a in plugin.actions if a.objectName() == "toksun_open_other").trigger()
            QgsApplication.processEvents()
        finally:
            plugin.unload()
    said = [text for kind, _, text in iface.messages if kind == "critical"]
    assert len(said) == 1 and said[0].startswith(SAID[lang]), said
    assert "county_boundary" not in said[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_said_for_a_file_named_with_a_space_runs_as_copied(lang, iface, tmp_path):
    """The file chosen in the real file dialog is named with a space (a county's
    "county wells.gpkg"): the ogr2ogr command the message says, copied into a shell, names
    it whole, as one argument."""
    import shlex

    from qgis.PyQt.QtCore import Qt, QTimer
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QApplication, QLineEdit

    wells = tmp_path / "wells.geojson"
    wells.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "一号井"},
         "geometry": {"type": "Point", "coordinates": [88.1, 42.7]}}]}), encoding="utf-8")
    county = tmp_path / "county wells.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(county), str(wells), "-nln", "水井"],
                   check=True, capture_output=True)

    def choose() -> None:  # typed into the dialog's file name box, then Enter
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(100, choose)
            return
        box = dialog.findChild(QLineEdit, "fileNameEdit")
        box.setText(str(county))
        QTest.keyClick(box, Qt.Key_Return)

    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            QTimer.singleShot(100, choose)
            next(a for a in plugin.actions if a.objectName() == "toksun_open_other").trigger()
            QgsApplication.processEvents()
        finally:
            plugin.unload()
    said = [text for kind, _, text in iface.messages if kind == "critical"]
    assert len(said) == 1 and said[0].startswith("county wells.gpkg "), said
    command = said[0].split("（" if lang == "zh" else "(")[1].split("）" if lang == "zh"
                                                                 else ")")[0]
    assert shlex.split(command) == ["ogr2ogr", "-update",
                                    "主库.gpkg" if lang == "zh" else "MASTER.gpkg",
                                    "county wells.gpkg"], command
