# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock on a master that can no longer be read (removed, or overwritten by
something that is no plan, after it was opened): Refresh says why, and the report's exports
are greyed while nothing can be reported (they stayed offered, to fail once chosen); in
English and in Chinese. Read again, the exports are offered again."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsApplication

from tests.qgis.conftest import plugin_speaking, triggered

SAID = {
    "en_US": ("Cannot read ", "No figures are shown, nor a report exported, until it is read: "
              "press Refresh once it can be."),
    "zh_CN": ("无法读取 ", "读取成功之前不显示任何数字，也不能导出报告：可以读取后请点击“刷新”。"),
}


@pytest.mark.parametrize("how", ["removed", "overwritten"])
@pytest.mark.parametrize("locale", sorted(SAID))
def test_the_reports_are_not_offered_while_the_master_cannot_be_read(iface, master, tmp_path,
                                                                     locale, how):
    kept = tmp_path / "kept.gpkg"
    shutil.copyfile(master, kept)
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_dashboard")
        dock = plugin.docks["dashboard"]
        assert dock.xlsx_button.isEnabled() and dock.pdf_button.isEnabled()
        iface.mapCanvas().waitWhileRendering()
        if how == "removed":
            master.unlink()
        else:
            master.write_bytes(b"not a GeoPackage\n" * 64)
        dock.refresh_button.click()
        QgsApplication.processEvents()
        assert not dock.xlsx_button.isEnabled() and not dock.pdf_button.isEnabled()
        said = dock.summary.text()
        first, then = SAID[locale]
        assert said.startswith(first) and said.endswith(then), said
        assert dock.refresh_button.isEnabled()

        shutil.copyfile(kept, master)  # put back: read again, its reports offered
        dock.refresh_button.click()
        assert dock.progress is not None
        assert dock.xlsx_button.isEnabled() and dock.pdf_button.isEnabled()
