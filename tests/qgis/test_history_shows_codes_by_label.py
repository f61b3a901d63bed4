# SPDX-License-Identifier: GPL-2.0-or-later
"""History of a mine patch whose outline an import replaced: its geometry source is shown
by its label in the user's language, as the patch's form shows it, not by its stored code
("schematic → surveyed")."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from field_kit.db import connect
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.unit.gpkg_factory import edit

SAID = {"en_US": ("Geometry source", "Schematic (drawn from the plan's text)",
                  "Surveyed (imported by the user)"),
        "zh_CN": ("几何来源", "示意（依据规划文本绘制）", "实测（用户导入）")}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_a_patchs_geometry_source_is_shown_by_its_label(iface, master, tmp_path, locale):
    with connect(master) as conn:
        (fid,) = conn.execute("SELECT fid FROM mine_patches "
                                "WHERE geometry_source = 'schematic' LIMIT 1").fetchone()
    edit(master, f"UPDATE mine_patches SET geometry_source = 'surveyed' WHERE fid = {fid}")
    with qgis_speaking(locale, tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(master)
            QgsApplication.processEvents()
            patches = plugin.layers["mine_patches"]
            patches.selectByIds([fid])
            iface.setActiveLayer(patches)
            dialog = plugin.show_history()
            assert dialog is not None
            try:
                rows = [[dialog.table.item(i, j).text()
                         for j in range(dialog.table.columnCount())]
                        for i in range(dialog.table.rowCount())]
            finally:
                dialog.close()
            label, before, after = SAID[locale]
            (row,) = [r for r in rows if r[2] == label]
            assert row[3:5] == [before, after], rows
        finally:
            plugin.unload()
