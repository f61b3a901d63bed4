# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package chosen in the Sync dock that cannot be read offers neither Pull nor
Export (not the Export of the package chosen before it), and the dock says why, in the
user's language."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_says_a_master_is_no_field_package import _chosen

SAID = {"en": ("not a GeoPackage", "Pull and Export are not offered for it."),
        "zh": ("不是 GeoPackage", "因此不对其提供拉取与导出。")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_package_that_cannot_be_read_offers_neither_pull_nor_export(
        lang, iface, master, tmp_path, monkeypatch):
    pkg = tmp_path / "tech-a.gpkg"
    broken = tmp_path / "tech-b.gpkg"
    broken.write_text("not a geopackage\n", encoding="utf-8")
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(master)
            QgsApplication.processEvents()
            next(a for a in plugin.actions if a.objectName() == "toksun_show_sync").trigger()
            dock = plugin.docks["sync"]
            dock.device.setText("tech-a")
            monkeypatch.setattr(QFileDialog, "getSaveFileName",
                                staticmethod(lambda *a, **k: (str(pkg), "")))
            dock.checkout_button.click()
            _wait_for(dock)
            _chosen(dock, monkeypatch, pkg)  # a field package first: Pull and Export offered
            assert dock.pull_button.isEnabled() and dock.export_button.isEnabled(), \
                dock.package_label.text()
            _chosen(dock, monkeypatch, broken)
            said = dock.package_label.text()
            assert not dock.pull_button.isEnabled() and not dock.export_button.isEnabled(), said
            reason, offered = SAID[lang]
            assert "tech-b.gpkg" in said and reason in said, said
            assert said.endswith("\n" + offered), said
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()
