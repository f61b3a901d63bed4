# SPDX-License-Identifier: GPL-2.0-or-later
"""An import's warning that the remediation status is checked, not stored, names the layer
in Chinese by its title, as the supervisor knows it, not by its table's name."""

from __future__ import annotations


def test_an_import_without_a_stored_status_names_the_layer_by_its_title(master, plan_gpkg,
                                                                        tmp_path):
    from field_kit.importer import plan_import
    from tests.unit.test_import_cut_gbk import shapefile_of
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, "UTF-8", "实测面积",
                       status_name="恢复治理情况")
    (warned,) = [p for p in plan_import(master, src, "mine_patches").problems
                 if p.kind == "status_not_stored"]
    assert "历史遗留矿山图斑没有治理状态字段" in warned.message("zh"), warned.message("zh")
    assert "mine_patches" not in warned.message("zh")
    assert "mine_patches has no remediation_status column" in warned.message("en")
