# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock opened on a field package (a GIS package cut to one township) says that
it shows a master's progress and that this is a field package, as ``field-kit progress``
refuses it: no figures (the package's were taken for the county's, with plan "inconsistencies"
made by the cut) and no report to export; in English and in Chinese."""

from __future__ import annotations

import html

import pytest
from qgis.PyQt.QtWidgets import QTableWidget

from field_kit.sync import package_checkout
from qgis_plugin.docks.dashboard import Chart
from tests.qgis.conftest import plugin_speaking, triggered

SAID = {
    "en_US": ("This dock shows a master's progress against the plan: {path} is a field "
              "package, which holds its township's or its area's records alone, so its "
              "figures would not be the county's.",
              "Open the master to see its progress and export its report."),
    "zh_CN": ("此面板显示主库的规划进展：{path} 是外业数据包，仅含其乡镇或范围内的记录，"
              "其数据不是全县的数据。", "请打开主库查看其进展并导出报告。"),
}


def shows_no_figures(dock, said: str) -> None:
    """The dock says ``said`` (and to open the master) and shows neither figures nor a report
    to export; Refresh stays offered. Then, the master opened again, its figures and
    reports."""
    assert dock.summary.text() == said, dock.summary.text()
    assert not dock.tabs.isVisible()
    assert all(t.rowCount() == 0 for t in dock.findChildren(QTableWidget))
    assert all(c.draw is None for c in dock.findChildren(Chart))
    assert not dock.xlsx_button.isEnabled() and not dock.pdf_button.isEnabled()
    assert dock.refresh_button.isEnabled()


def shows_the_master(dock, master) -> None:
    dock.set_master(master)  # the master opened again: its figures, its reports
    assert dock.tabs.isVisibleTo(dock) and dock.progress is not None
    assert dock.xlsx_button.isEnabled() and dock.pdf_button.isEnabled()


@pytest.mark.parametrize("locale", sorted(SAID))
def test_the_progress_dock_on_a_field_package_says_it_is_no_master(iface, master, tmp_path,
                                                                   locale):
    pkg = tmp_path / "pkgC.gpkg"
    package_checkout.checkout(master, pkg, "gt", role="gis", township="郭勒布依乡")
    with plugin_speaking(iface, locale, tmp_path / "qm", pkg) as plugin:
        triggered(plugin, "show_dashboard")
        dock = plugin.docks["dashboard"]
        first, then = SAID[locale]
        shows_no_figures(dock, html.escape(first.format(path=pkg)) + f"<br>{then}")
        shows_the_master(dock, master)
