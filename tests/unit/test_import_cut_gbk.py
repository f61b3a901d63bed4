# SPDX-License-Identifier: GPL-2.0-or-later
"""A long Chinese field name a Shapefile cut cleanly at the .dbf's ten bytes (实测面积平方米
as 实测面积平 in GBK: five whole characters, nothing broken, no bracket) is recognised as
the one field whose name it begins: an area in m² unless its name says otherwise, said as an
area cut with its unit, and checked; a name begun by names of more fields than one is named
as such, not guessed."""

from __future__ import annotations

import json

import pytest
from osgeo import gdal, ogr

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.importer import plan_import
from tests.unit import import_layers as L

pytest.importorskip("pyproj")
L._proj_data()

MU = 0.0015  # 亩 in a square metre


def shapefile_of(path, plan_gpkg, encoding, area_name, per_m2=1.0, status_name=None):
    """The surveyed patches, their areas (in m² times ``per_m2``) under ``area_name``, their
    remediation status under ``status_name`` if given."""
    fields = [("图斑编号", ogr.OFTString), ("所在乡镇", ogr.OFTString), (area_name, ogr.OFTReal)]
    fields += [(status_name, ogr.OFTString)] if status_name else []
    rows = [((p["code"], p["township"], round(L.lonlat_area(p["ring"]) * per_m2, 3),
              p["status"])[:len(fields)], p["ring"]) for p in L.surveyed(plan_gpkg)]
    saved = gdal.GetConfigOption("SHAPE_ENCODING")  # (QGIS may have set it to "")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        ds = L._write(path, "ESRI Shapefile", path.stem, 4490, fields, rows,
                      [f"ENCODING={encoding}"])
        ds = None  # noqa: F841
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", saved)
    return path


def cli(capsys, *argv):
    capsys.readouterr()
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("whole", "cut", "others"), [
    ("实测面积平方米", "实测面积平", ["km2"]),  # 平 begins 平方米 and 平方千米
    ("图斑地类面积", "图斑地类面", ["mu", "ha", "km2"])])
def test_an_area_cut_cleanly_in_gbk_is_read_in_m2_and_checked(master, plan_gpkg, tmp_path,
                                                              capsys, whole, cut, others):
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, "GBK", whole, MU)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert f"{cut} -> stated_area_m2" in out, out
    assert "not imported" not in out and "no stated area field" not in out, out
    units = ", ".join(u.replace("km2", "km²") for u in others)
    maps = ", ".join(f"stated_area_{u}" for u in others)
    said = [line for line in out.splitlines() if "unit was cut off" in line]
    assert said == [
        f"  warning: field {cut}: the area's unit was cut off with the field's name: it is "
        f"read in m² (as an area named with no unit); if the field is in {units}, map it "
        f"to {maps}"], out
    # checked: read in m², the 亩 do not match the shapes, each says so
    mismatched = [line for line in out.splitlines() if "stated area" in line]
    assert len(mismatched) == len(L.surveyed(plan_gpkg)), out
    assert all(line.endswith("the field seems to be in mu: map it to stated_area_mu")
               for line in mismatched), mismatched
    # mapped by its whole name, as the user knows it
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({whole: "stated_area_mu"}, ensure_ascii=False),
                       encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--mapping",
                    mapping)
    assert code == errors.OK, out
    assert f"the mapping's {whole} is taken as the source's field {cut}" in out, out
    assert "unit was cut off" not in out and "stated area" not in out, out
    assert "written: updated 10, new 1" in out, out


def test_an_area_cut_cleanly_in_utf8_is_read_in_m2(master, plan_gpkg, tmp_path, capsys):
    # tbmj平方米 in UTF-8: tbmj平方, ten bytes of whole characters
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, "UTF-8", "tbmj平方米")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert "tbmj平方 -> stated_area_m2" in out, out
    assert "  warning: field tbmj平方: the area's unit was cut off with the field's name: it " \
        "is read in m² (as an area named with no unit); if the field is in km², map it to " \
        "stated_area_km2" in out.splitlines(), out
    assert "stated area" not in out, out  # in m², as read: they match


def test_an_area_whose_cut_name_holds_its_unit_is_in_that_unit(master, plan_gpkg, tmp_path):
    # 核查面积亩数 in GBK: 核查面积亩, the unit whole
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, "GBK", "核查面积亩数", MU)
    plan = plan_import(master, src, "mine_patches")
    assert plan.mapping["核查面积亩"] == "stated_area_mu", plan.mapping
    assert not [p for p in plan.problems if p.kind in ("area_unit_cut", "no_area_field")]
    assert not plan.errors, [p.message("en") for p in plan.errors]


def test_a_name_cut_cleanly_in_gbk_is_the_one_field_it_begins(master, plan_gpkg, tmp_path):
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, "GBK", "实测面积",
                     status_name="恢复治理情况")  # 恢复治理情 in GBK
    plan = plan_import(master, src, "mine_patches")
    assert plan.mapping["恢复治理情"] == "remediation_status", plan.mapping
    # read as the status: checked (not stored in the patches), no value refused
    assert [p.kind for p in plan.problems if p.field == "恢复治理情"] == ["status_not_stored"], [
        p.message("en") for p in plan.problems]


@pytest.mark.parametrize(("encoding", "name", "cut"), [
    ("UTF-8", "【治理】阶段", "【治理\ufffd"),  # cut inside 】
    ("GBK", "【 治理 】", "【 治理 】")])  # ten bytes whole: as long as a name can be
def test_a_cut_name_more_fields_begin_is_said_not_guessed(master, plan_gpkg, tmp_path, capsys,
                                                          encoding, name, cut):
    src = shapefile_of(tmp_path / "patches.shp", plan_gpkg, encoding, name)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert f"  warning: field {cut}: its name, cut at the .dbf's 10 bytes, begins the names " \
        "of more than one plan field: phase, period, remediation_status; it is not guessed: " \
        "map it with --mapping" in out.splitlines(), out
    assert f"not imported: {cut} " in out, out
    plan = plan_import(master, src, "mine_patches")
    (said,) = [p for p in plan.problems if p.kind == "cut_name_ambiguous"]
    assert said.message("zh") == ("字段名在 .dbf 的 10 字节处被截断，可能是 phase、period、"
                                  "remediation_status 中任一个，未自动对应：请用 --mapping 指定")
