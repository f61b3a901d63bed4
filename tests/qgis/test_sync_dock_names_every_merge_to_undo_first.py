# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's undo, refused over later merges, names every merge to undo first, in the
order to undo them, as undo-merge does."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox

from field_kit.sync import masters
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _wait_for
from tests.unit.gpkg_factory import snapshot
from tests.unit.three_devices import three_packages


def test_the_whole_chain_is_named_in_the_dock(iface, master, tmp_path, monkeypatch):
    zips, _ = three_packages(master, tmp_path)
    done = masters.merge(master, [zips["gis-1"], zips["tab-1"], zips["tab-2"]])
    g1, t1, t2 = (r.merge_id for r in done.results)
    for conflict in (1, 2):
        masters.resolve(master, conflict, take="theirs")
    before = snapshot(master)
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    try:
        dock = p.show_sync()
        dock.refresh_merges()
        (item,) = [dock.merge_list.item(i) for i in range(dock.merge_list.count())
                   if dock.merge_list.item(i).data(Qt.UserRole) == g1]
        dock.merge_list.setCurrentItem(item)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
        dock.undo_button.click()
        _wait_for(dock)
        gc.collect()
        said = " ".join(dock.report.toPlainText().split())
        assert "undo the later merges tab-2.zip from tab-2 at " in said, said
        assert f"(merge id {t2}), then tab-1.zip from tab-1 at " in said, said
        assert f"(merge id {t1}) first" in said, said
        assert snapshot(master) == before
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
