# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout by a box names the features it leaves out having no shape to place them by
(none, or an empty one), each by its name, and the attribute tables of the county's own it
carries whole, with their rows, in English and Chinese: GIS staff see what the package lacks
and what it holds whole before handing it over."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from osgeo import ogr

from field_kit import errors
from field_kit.cli import commands as cli
from tests.unit.test_any_table import add_forest
from tests.unit.test_any_table import ogr as ogr2ogr

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def _shapes(gpkg, layer: str, where: str, wkt: str | None) -> None:
    """Shapes as QGIS or GDAL leave them: none (NULL), or an empty one."""
    ds = ogr.Open(str(gpkg), update=1)
    lyr = ds.GetLayerByName(layer)
    lyr.SetAttributeFilter(where)
    for f in list(lyr):
        f.SetGeometryDirectly(None if wkt is None else ogr.CreateGeometryFromWkt(wkt))
        assert lyr.SetFeature(f) == 0
    ds = None


def test_a_box_names_the_features_it_leaves_out_and_the_tables_it_carries_whole(
        master, tmp_path, capsys, chinese_locale):
    add_forest(master, tmp_path)  # F0 .. F4 at lon 88.00 .. 88.04, lat 42.5
    _shapes(master, "forest_stands", "stand_id = 'F2'", None)
    _shapes(master, "forest_stands", "stand_id = 'F3'", "POINT EMPTY")
    notes = tmp_path / "notes.csv"
    notes.write_text("stand,note\nF0,fenced\nF1,burnt\nF4,dry\n")
    ogr2ogr("-update", master, notes, "-nln", "stand_notes")
    with sqlite3.connect(master) as c:
        patch = c.execute("SELECT patch_code FROM mine_patches ORDER BY fid LIMIT 1").fetchone()[0]
    _shapes(master, "mine_patches", f"patch_code = '{patch}'", None)
    out = tmp_path / "box.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--bbox",
               "87.99,42.49,88.015,42.51") == errors.OK
    said = capsys.readouterr().out
    with sqlite3.connect(out) as c:
        assert c.execute("SELECT stand_id FROM forest_stands ORDER BY fid").fetchall() == [
            ("F0",), ("F1",)]
        assert c.execute("SELECT count(*) FROM stand_notes").fetchone()[0] == 3
    with sqlite3.connect(master) as c:
        uuids = dict(c.execute("SELECT stand_id, uuid FROM forest_stands"))
        patch_uuid = c.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                               (patch,)).fetchone()[0]
    left = (f"mine_patches 1 ({patch} (row {patch_uuid})); forest_stands 2 "
            f"(F2 (row {uuids['F2']}), F3 (row {uuids['F3']}))")
    assert ("left out, having no shape (none, or an empty one) for the box to place them by: "
            + left + "\n") in said, said
    assert "以下要素没有几何（缺失或为空），无法按范围定位，未带入数据包：" + left + "\n" in said
    assert ("carried whole, attribute tables of the county's own having no shape to cut them "
            "by: stand_notes (3 rows)\n") in said
    assert "以下本县自有属性表没有几何可供裁切，已整表带入：stand_notes（3 行）\n" in said
