# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock opened on a GeoPackage with no change capture (a copy of the master's
layers, as QGIS's Package layers or ogr2ogr makes it) says it as ``field-kit progress``
refuses it: neither a master nor a field package; no figures (a copy's, not the master's
now) and no report to export; in English and in Chinese."""

from __future__ import annotations

import html

import pytest
from osgeo import gdal
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QTableWidget

from qgis_plugin.docks.dashboard import Chart
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking

SAID = {
    "en_US": ("{path} is neither a master nor a field package (no change capture in it, as in "
              "a copy made by QGIS's Package layers or ogr2ogr): to take a field package from "
              "the master, run field-kit checkout MASTER OUT --device NAME; to make this file "
              "a new master, of a project of its own, run field-kit init {path}",
              "Open the master to see its progress and export its report."),
    "zh_CN": ("{path} 既不是主库，也不是外业数据包（其中没有修改记录，如 QGIS“打包图层”或 ogr2ogr "
              "复制所得）：要从主库取外业数据包，请运行 field-kit checkout 主库 输出文件 --device "
              "设备名；要把此文件作为新的主库（另立一个项目），请运行 field-kit init {path}",
              "请打开主库查看其进展并导出报告。"),
}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_the_progress_dock_on_a_copy_without_capture_says_it_is_neither(iface, master,
                                                                        tmp_path, locale):
    copy = tmp_path / "copy.gpkg"
    gdal.VectorTranslate(str(copy), str(master), format="GPKG")
    with qgis_speaking(locale, tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(master)
            next(a for a in plugin.actions
                 if a.objectName() == "toksun_show_dashboard").trigger()
            QgsApplication.processEvents()
            dock = plugin.docks["dashboard"]
            assert dock.xlsx_button.isEnabled()  # the master's figures first

            dock.set_master(copy)
            first, then = SAID[locale]
            said = dock.summary.text()
            assert said == html.escape(first.format(path=copy)) + f"<br>{then}", said
            assert not dock.tabs.isVisible() and dock.progress is None
            assert all(t.rowCount() == 0 for t in dock.findChildren(QTableWidget))
            assert all(c.draw is None for c in dock.findChildren(Chart))
            assert not dock.xlsx_button.isEnabled() and not dock.pdf_button.isEnabled()
            assert dock.refresh_button.isEnabled()

            dock.set_master(master)  # the master opened again: its figures, its reports
            assert dock.tabs.isVisibleTo(dock) and dock.progress is not None
            assert dock.xlsx_button.isEnabled() and dock.pdf_button.isEnabled()
        finally:
            plugin.unload()
