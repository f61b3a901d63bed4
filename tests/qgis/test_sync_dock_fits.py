# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock never makes QGIS's window taller than a laptop's 1366×768 screen: after a
merge its report and the merges listed scroll within the dock (the window grew to 990 px,
its status bar and the dock's buttons off the screen)."""

from __future__ import annotations

from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _wait_for

# a laptop's screen less QGIS's menu, three toolbars and status bar, as the desktop has them
ROOM = 768 - 60 - 200


def test_the_docks_scroll_within_a_laptops_screen_after_merges(iface, master, tmp_path):
    from tests.unit.gpkg_factory import exported_edits

    zips = exported_edits(master, tmp_path, [
        (f"gis-{i}", f"UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE fid = {i + 1}")
        for i in range(4)])
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        p.load(master)
        QgsApplication.processEvents()
        dock = p.show_sync()
        heights = {"opened": dock.minimumSizeHint().height()}
        for z in zips:
            dock.package_list.addItem(str(z))
        heights["listed"] = dock.minimumSizeHint().height()
        dock.merge_packages()
        _wait_for(dock)
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        QgsApplication.processEvents()
        heights["merged"] = dock.minimumSizeHint().height()
        assert dock.merge_list.count() == 4
        heights["progress dock"] = p.show_dashboard().minimumSizeHint().height()
        assert max(heights.values()) <= ROOM, heights
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
