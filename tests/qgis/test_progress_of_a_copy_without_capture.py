# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock opened on a GeoPackage with no change capture (a copy of the master's
layers, as QGIS's Package layers or ogr2ogr makes it) says it as ``field-kit progress``
refuses it: neither a master nor a field package; no figures (a copy's, not the master's
now) and no report to export; in English and in Chinese."""

from __future__ import annotations

import html

import pytest
from osgeo import gdal

from tests.qgis.conftest import plugin_speaking, triggered
from tests.qgis.test_progress_of_a_field_package import shows_no_figures, shows_the_master

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
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_dashboard")
        dock = plugin.docks["dashboard"]
        assert dock.xlsx_button.isEnabled()  # the master's figures first

        dock.set_master(copy)
        first, then = SAID[locale]
        shows_no_figures(dock, html.escape(first.format(path=copy)) + f"<br>{then}")
        assert dock.progress is None
        shows_the_master(dock, master)
