# SPDX-License-Identifier: GPL-2.0-or-later
"""An import holds a patch's township, mineral and phase to the plan's lists, as a merge
does: a value outside them refuses the source, naming the row, the patch, the field and
the list; a township's other name in the plan is taken as its name."""

import json
import sqlite3

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.test_import import run_cli

pytest.importorskip("pyproj")
L._proj_data()


@pytest.fixture
def master(tmp_path, plan_gpkg):
    from tests.plan_build import copy_of_plan
    return copy_of_plan(tmp_path, plan_gpkg)


def stored(master, code, col):
    conn = sqlite3.connect(master)
    got = conn.execute(f"SELECT {col} FROM mine_patches WHERE patch_code = ?", (code,)).fetchone()
    conn.close()
    return got[0] if got else None


def plan_rows(master):
    """The patches and the change log's length."""
    conn = sqlite3.connect(master)
    got = (conn.execute("SELECT * FROM mine_patches ORDER BY fid").fetchall(),
           conn.execute("SELECT count(*) FROM sync_changes").fetchone())
    conn.close()
    return got


@pytest.mark.parametrize("col, value, list_label", [
    ("township", "乌鲁木齐市", "Township (行政区)"), ("mineral", "金矿xx", "Mineral (矿种)")])
def test_a_value_outside_the_plans_list_refuses_the_source(master, tmp_path, capsys, col,
                                                          value, list_label):
    patches = L.surveyed(master)
    patches[2] = {**patches[2], col: value}
    src = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4518)
    digest = L.sha256(master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if value in ln and "error" in ln]
    field = {"township": "乡镇", "mineral": "矿种"}[col]
    assert line.startswith(f"  error: row 3 {patches[2]['code']} field {field}: "), line
    assert f"is not in the code list {list_label}" in line and "a merge refuses it" in line
    assert "refused" in out and "written:" not in out
    assert L.sha256(master) == digest


def test_the_refusal_is_said_in_chinese(master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    patches = L.surveyed(master)
    patches[0] = {**patches[0], "township": "乌鲁木齐市"}
    src = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4518)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out.splitlines()
    (line,) = [ln for ln in out if "乌鲁木齐市" in ln and "错误" in ln]
    assert "不在代码表“行政区”中" in line and "合并同样拒绝" in line, line
    assert "not in" not in line


def test_a_townships_other_name_is_imported_as_its_name(master, tmp_path, capsys):
    patches = L.surveyed(master)
    patches[1] = {**patches[1], "township": "夏乡"}  # the plan's other name of 夏镇
    src = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4518)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.OK
    out = capsys.readouterr().out
    assert "'夏乡' is another name of 夏镇: imported as 夏镇" in out
    assert stored(master, patches[1]["code"], "township") == "夏镇"


def test_a_townships_other_name_in_a_dry_run_is_not_said_imported(
        master, tmp_path, capsys, monkeypatch):
    patches = L.surveyed(master)
    patches[1] = {**patches[1], "township": "夏乡"}
    src = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4518)
    assert run_cli(master, src, "--layer", "mine_patches", "--dry-run") == errors.OK
    out = capsys.readouterr().out
    assert ("'夏乡' is another name of 夏镇: it would be imported as 夏镇 without --dry-run"
            in out), out
    assert "imported as 夏镇\n" not in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert run_cli(master, src, "--layer", "mine_patches", "--dry-run") == errors.OK
    out = capsys.readouterr().out
    assert "乡镇 '夏乡' 是 夏镇 的别名，去掉 --dry-run 后将按 夏镇 导入" in out, out
    assert "，按 夏镇 导入" not in out, out
    assert stored(master, patches[1]["code"], "township") != "夏镇"


def test_a_townships_other_name_in_a_refused_import_is_not_said_imported(
        master, tmp_path, capsys, monkeypatch):
    patches = L.surveyed(master)
    patches[1] = {**patches[1], "township": "夏乡"}
    patches[2] = {**patches[2], "mineral": "金矿xx"}  # (refused for this one)
    src = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4518)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out
    assert ("'夏乡' is another name of 夏镇: it would be imported as 夏镇 once the errors are "
            "fixed") in out, out
    assert "imported as 夏镇\n" not in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out
    assert "乡镇 '夏乡' 是 夏镇 的别名，改正错误后将按 夏镇 导入" in out, out
    assert "，按 夏镇 导入" not in out, out
    assert stored(master, patches[1]["code"], "township") != "夏镇"


def test_the_same_shapes_from_another_format_change_nothing(master, tmp_path, capsys):
    """A survey imported as a Shapefile in a Gauss-Krüger zone, then the same shapes as a
    GeoJSON (WGS 84) or in the 6° zone: the shapes come back within some 1e-14° of the
    stored ones (reprojection), well within the 1e-9° the import holds the same."""
    patches = L.surveyed(master)
    shp = L.write_shapefile(tmp_path / "tb.shp", patches, epsg=4538)
    assert run_cli(master, shp, "--layer", "mine_patches") == errors.OK
    assert "written: updated 10, new 1" in capsys.readouterr().out
    before = plan_rows(master)
    for again in (L.write_geojson(tmp_path / "tb.geojson", patches),
                  L.write_shapefile(tmp_path / "tb6.shp", patches, epsg=4504)):
        assert run_cli(master, again, "--layer", "mine_patches") == errors.OK
        out = capsys.readouterr().out
        assert "updated 0, new 0, unchanged 11" in out and "nothing to do" in out, out
        assert plan_rows(master) == before  # (the new source's field mapping is saved)
    # a vertex moved 1 mm is another shape
    moved = [dict(p) for p in patches]
    moved[0]["ring"] = [(x + 1e-8, y) for x, y in moved[0]["ring"]]
    src = L.write_geojson(tmp_path / "moved.geojson", moved)
    assert run_cli(master, src, "--layer", "mine_patches", "--dry-run") == errors.OK
    out = capsys.readouterr().out
    assert ("would be updated 1, new 0 without --dry-run (nothing written), unchanged 10"
            in out) and "geom: (geometry) -> (geometry)" in out


def verified(master, code):
    """A verification record of the patch ``code``, as a merge brings one in."""
    from field_kit.db import connect
    conn = connect(master)
    (uuid,) = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?",
                           (code,)).fetchone()
    conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, "
                 "remediation_status, treated_area_m2) VALUES ('v-1', ?, ?, 'B', 100.0)",
                 (uuid, code))
    conn.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_delete_missing_keeps_a_patch_with_verification_records(master, tmp_path, capsys,
                                                                 monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    plan = L.plan_patches(master)
    with_records, without = plan[-1]["code"], plan[0]["code"]
    verified(master, with_records)
    patches = L.surveyed(master)[1:]  # the first patch missing too, and it has no records
    src = L.write_geojson(tmp_path / "tb.geojson", patches)
    assert run_cli(master, src, "--layer", "mine_patches", "--delete-missing") == errors.OK
    out = capsys.readouterr().out
    assert stored(master, with_records, "patch_code") == with_records
    assert stored(master, without, "patch_code") is None  # deleted as asked
    said = {"en": "missing ", "zh": "缺少 "}[lang] + with_records  # (zh: the English too)
    (line,) = [ln for ln in out.splitlines() if ln.startswith(said)]
    if lang == "en":
        assert "missing from the source 2 (--delete-missing: 1 deleted, 1 kept as they have " \
            "verification records)" in out
        assert "kept (an import does not delete a patch with verification records" in line
        assert "1 verification" in line and "delete " + without in out
        assert "deleted 1 (change log" in out and f"kept 1 patch with verification " \
            f"records: {with_records}" in out
    else:
        assert "导入数据中缺少 2（--delete-missing：删除 1，保留 1 个有核查记录的图斑）" in out
        assert "有 1 条核查记录：保留（导入不删除有核查记录的图斑" in line
        assert f"保留 1 个有核查记录的图斑：{with_records}" in out
    assert "kept (--delete-missing deletes" not in out and "保留；--delete-missing" not in out


def test_rows_in_error_are_not_said_unchanged(master, tmp_path, capsys):
    """A source whose coordinate system is not known: no row could be compared."""
    src = L.write_shapefile(tmp_path / "odd.shp", L.surveyed(master), epsg=4518)
    src.with_suffix(".prj").unlink()
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out
    assert "would be updated 0, new 0 once the errors are fixed (nothing written), " \
        "unchanged 0, in error (not compared) 11, missing from the " \
        "source 1" in out, out
    # one patch in error, the others compared
    patches = L.surveyed(master)
    patches[0] = {**patches[0], "mineral": "金矿xx"}
    src = L.write_shapefile(tmp_path / "one.shp", patches, epsg=4518)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    assert "would be updated 9, new 1 once the errors are fixed (nothing written), " \
        "unchanged 0, in error (not compared) 1, missing from the " \
        "source 1" in capsys.readouterr().out


def test_a_symmetric_bow_tie_is_said_to_cross_itself(master, tmp_path, capsys):
    patches = L.surveyed(master)
    ring = patches[1]["ring"]
    x, y = min(p[0] for p in ring), min(p[1] for p in ring)
    d = 0.001  # two equal triangles meeting at the centre: the signed areas cancel
    patches[1] = {**patches[1], "ring": [(x, y), (x + d, y + d), (x + d, y), (x, y + d), (x, y)]}
    # a ring along one line has no area, and is said so
    patches[2] = {**patches[2], "ring": [(x, y), (x + d, y + d), (x + 2 * d, y + 2 * d), (x, y)]}
    src = L.write_geojson(tmp_path / "bow.geojson", patches)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out.splitlines()
    (line,) = [ln for ln in out if "error: row 2 " in ln]
    assert "the boundary crosses itself at" in line and "no area" not in line, line
    (line,) = [ln for ln in out if "error: row 3 " in ln]
    assert line.endswith("ring 1 has no area"), line


def test_a_shapefiles_cut_names_are_recognised_and_the_rest_named(master, tmp_path, capsys):
    """A Shapefile of the master's own patches: ogr2ogr cuts the plan's longer field names to
    ten characters (project_treated_area_km2 to project_tr). Each is still the field it was,
    and the fields left out are named, so "nothing to do" never hides an edit in one."""
    from osgeo import gdal
    gdal.UseExceptions()
    shp = str(tmp_path / "patches.shp")
    gdal.VectorTranslate(shp, str(master), layers=["mine_patches"], dstSRS="EPSG:4538",
                         layerCreationOptions=["ENCODING=UTF-8"])
    code = L.surveyed(master)[0]["code"]
    ds = gdal.OpenEx(shp, gdal.OF_UPDATE)
    ds.ExecuteSQL(f"UPDATE patches SET project_tr = 9.99, patches_in = 7 WHERE patch_code = "
                  f"'{code}'", dialect="SQLite")
    ds = None
    assert run_cli(master, shp, "--layer", "mine_patches") == errors.OK
    out = capsys.readouterr().out
    assert "project_tr -> project_treated_area_km2" in out and \
        "patches_in -> patches_in_project" in out, out
    assert "source fields mapped to no plan field, not imported: uuid, project_uu" in out, out
    assert (stored(master, code, "project_treated_area_km2"),
            stored(master, code, "patches_in_project")) == (9.99, 7)


def test_the_plans_own_shapes_brought_back_as_they_are_change_nothing(master, tmp_path,
                                                                    capsys):
    """The plan's zones and county boundary written out (their rings run clockwise, the
    import writes them anticlockwise) and patches whose rings start at another vertex,
    imported back: the same shapes, left as they were (each was said updated and marked
    surveyed, and a boundary so marked turned vertices beyond it into errors)."""
    from osgeo import gdal

    def written(layer, rotated=False):
        out = tmp_path / f"{layer}.geojson"
        gdal.VectorTranslate(str(out), str(master), layers=[layer], format="GeoJSON",
                             layerCreationOptions=["COORDINATE_PRECISION=15"])
        if rotated:  # each ring from its second vertex
            data = json.loads(out.read_text())
            for f in data["features"]:
                for poly in f["geometry"]["coordinates"]:
                    ring = poly[0][1:-1] + poly[0][:2]
                    poly[0] = ring
            out.write_text(json.dumps(data))
        return out

    before = plan_rows(master)
    for layer, n, rotated in (("restoration_zones", 4, False), ("county_boundary", 1, False),
                              ("mine_patches", 11, True)):
        assert run_cli(master, written(layer, rotated), "--layer", layer) == errors.OK
        out = capsys.readouterr().out
        assert f"updated 0, new 0, unchanged {n}" in out and "nothing to do" in out, out
    assert plan_rows(master) == before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_values_the_master_has_no_list_for_are_imported_said_unchecked(tmp_path, capsys,
                                                                       monkeypatch, lang):
    """A master that is not the whole plan (no code_lists, no townships): a patch's mineral
    and township are imported as given, each field a warning naming the tables lacking."""
    from tests.unit.cli_run import cli
    from tests.unit.gpkg_factory import make_gpkg

    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    new = {**L.surveyed(master)[-1], "mineral": "bogus", "township": "Nowhere"}
    src = L.write_shapefile(tmp_path / "tb.shp", [new], epsg=4518)
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK, out + err
    lines = [ln for ln in out.splitlines() if "could not be checked" in ln]
    assert lines == [
        "  warning: field 乡镇: mine_patches: the values imported into township could not be "
        "checked against their code lists: the master has no tables code_lists and townships; "
        "imported as given: check them",
        "  warning: field 矿种: mine_patches: the values imported into mineral could not be "
        "checked against their code lists: the master has no table code_lists; imported as "
        "given: check them"], out
    assert "errors 0, warnings 3" in out, out  # (and the remediation status not stored)
    zh = [ln for ln in out.splitlines() if "无法对照代码列表核对" in ln]
    assert zh == ([
        "  警告：字段 乡镇：历史遗留矿山图斑：导入行政区的值无法对照代码列表核对：主库没有表 "
        "code_lists、townships；已按原样导入，请逐一核对",
        "  警告：字段 矿种：历史遗留矿山图斑：导入矿种的值无法对照代码列表核对：主库没有表 "
        "code_lists；已按原样导入，请逐一核对"] if lang == "zh" else []), out
    assert stored(master, new["code"], "mineral") == "bogus"
