# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock's plan check says its counts as English says them: one project, one
patch ("1 projects, 1 patches" was said of a master holding one patch of a period)."""

from __future__ import annotations

from qgis.core import QgsApplication

from field_kit.db import connect
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.unit.gpkg_factory import edit


def test_a_period_of_one_patch_is_said_in_the_singular(iface, master, tmp_path):
    with connect(master) as conn:
        (kept,) = conn.execute("SELECT min(fid) FROM mine_patches WHERE phase = '中期'"
                               ).fetchone()
    edit(master, f"DELETE FROM mine_patches WHERE phase = '中期' AND fid != {kept}")
    with qgis_speaking("en_US", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(master)
            next(a for a in plugin.actions
                 if a.objectName() == "toksun_show_dashboard").trigger()
            QgsApplication.processEvents()
            table = plugin.docks["dashboard"].findings_table
            said = [table.item(i, 1).text() for i in range(table.rowCount())]
            (line,) = [s for s in said if s.startswith("2026–2030")]
            assert line.startswith("2026–2030: the text says 4 projects, 6 patches; the master "
                                   "now holds 1 project, 1 patch: 5 patches of any period in "
                                   "all were added, deleted or moved"), line
        finally:
            plugin.unload()
