# SPDX-License-Identifier: GPL-2.0-or-later
"""An area field whose long Chinese name a Shapefile cut with its unit (实测面积（亩） read as
实测面� from UTF-8, 实测面积（ from GBK) is taken as the stated area; the import says which
unit it reads it in and which to map it to otherwise, and checks the areas by it."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.test_import_cut_gbk import MU, cli, shapefile_of

pytest.importorskip("pyproj")
L._proj_data()



def _shapefile(path, plan_gpkg, encoding):
    """The surveyed patches, their areas in 亩 under 实测面积（亩）."""
    return shapefile_of(path, plan_gpkg, encoding, "实测面积（亩）", MU)


@pytest.mark.parametrize(("encoding", "cut"), [("UTF-8", "实测面\ufffd"), ("GBK", "实测面积（")])
def test_an_area_cut_with_its_unit_is_read_in_the_unit_said(master, plan_gpkg, tmp_path, capsys,
                                                             encoding, cut):
    src = _shapefile(tmp_path / "patches.shp", plan_gpkg, encoding)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    said = [line for line in out.splitlines() if "unit was cut off" in line]
    assert said == [
        f"  warning: field {cut}: the area's unit was cut off with the field's name: it is "
        "read in m² (as an area named with no unit); if the field is in mu, ha, km², map it "
        "to stated_area_mu, stated_area_ha, stated_area_km2"], out
    # read in m², the 亩 do not match the shapes: each says so, and which to map it to
    mismatched = [line for line in out.splitlines() if "stated area" in line]
    assert len(mismatched) == len(L.surveyed(plan_gpkg)), out
    assert all(line.endswith("the field seems to be in mu: map it to stated_area_mu")
               for line in mismatched), mismatched
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({cut: "stated_area_mu"}, ensure_ascii=False),
                       encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--mapping",
                    mapping)
    assert code == errors.OK, out
    assert "unit was cut off" not in out and "stated area" not in out, out
    assert "written: updated 10, new 1" in out, out


def test_an_area_cut_with_its_unit_is_said_in_chinese(master, plan_gpkg, tmp_path):
    from field_kit.importer import plan_import
    src = _shapefile(tmp_path / "patches.shp", plan_gpkg, "UTF-8")
    plan = plan_import(master, src, "mine_patches")
    assert plan.mapping["实测面\ufffd"] == "stated_area_m2"
    (said,) = [p for p in plan.problems if p.kind == "area_unit_cut"]
    assert said.message("zh") == (
        "字段名连同面积单位被截断：按平方米读取（未写单位的面积即为此单位）；如该字段以亩、公顷、"
        "平方千米为单位，请将其对应到 stated_area_mu、stated_area_ha、stated_area_km2")
