# SPDX-License-Identifier: GPL-2.0-or-later
"""Importing surveyed layers into a copy of the built plan: a GBK Shapefile in a
Gauss-Krüger zone, a GeoPackage in EPSG:4490, a GeoJSON in WGS 84, and a bad layer."""

import json
import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.cli.importer import register
from field_kit.db import connect
from field_kit.importer import Invalid, apply_import, plan_import
from field_kit.plan.geometry import blob_wkb, parse_wkb
from field_kit.sync import log_reads
from tests.plan_build import copy_of_plan
from tests.unit import import_layers as L

pyproj = pytest.importorskip("pyproj")
L._proj_data()


@pytest.fixture(scope="module")
def layers(plan_gpkg, tmp_path_factory):
    d = tmp_path_factory.mktemp("layers")
    s = L.surveyed(plan_gpkg)
    out = {"patches": s,
           "shp": L.write_shapefile(d / "图斑.shp", s, epsg=4518),
           "shp_nocpg": L.write_shapefile(d / "tb_nocpg.shp", s, epsg=4517, cpg=False),
           "gpkg": L.write_gpkg(d / "tb.gpkg", s),
           "geojson": L.write_geojson(d / "tb.geojson", s),
           "bad": L.write_shapefile(d / "bad.shp", L.bad_patches(plan_gpkg), epsg=4518)}
    return out


@pytest.fixture
def master(tmp_path, plan_gpkg):
    return copy_of_plan(tmp_path, plan_gpkg)


def rows(path, table="mine_patches"):
    conn = sqlite3.connect(path)
    out = {r[0]: r[1:] for r in conn.execute(
        f"SELECT patch_code, uuid, geometry_source, area_m2, geom FROM {table}")}
    conn.close()
    return out


def changes(path):
    conn = connect(path, readonly=True)
    out = [(c["tbl"], c["row_uuid"], c["op"], c["old"], c["new"])
           for c in reversed(log_reads.log(conn))]
    conn.close()
    return out


def source_areas(path, epsg):
    """Each source patch's area by PROJ and geographiclib: its own vertices to EPSG:4490,
    then the geodesic area on CGCS2000."""
    from osgeo import ogr
    t = pyproj.Transformer.from_crs(epsg, 4490, always_xy=True)
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    out = {}
    for f in lyr:
        code = f.GetField(0)
        ring = f.GetGeometryRef().GetGeometryRef(0)
        xs, ys = zip(*[t.transform(*ring.GetPoint_2D(i)) for i in range(ring.GetPointCount())])
        out[code] = abs(L.geod().polygon_area_perimeter(xs, ys)[0])
    return out


def check_imported(master, before, plan, expected_areas):
    after = rows(master)
    imported = {ch.key for ch in plan.updates + plan.inserts}
    assert imported == set(expected_areas)
    for code, area in expected_areas.items():
        uuid, source, stored, geom = after[code]
        assert source == "surveyed"
        assert stored == pytest.approx(area, rel=2e-5)
        if code in before:
            assert uuid == before[code][0]  # identity kept
    missing = set(before) - set(expected_areas)
    assert {m.key for m in plan.missing} == missing
    for code in missing:  # listed, not deleted, untouched
        assert after[code] == before[code]
    log = changes(master)
    ops = sorted((op, tbl) for tbl, _, op, _, _ in log)
    assert ops == sorted([("update", "mine_patches")] * len(plan.updates)
                         + [("insert", "mine_patches")] * len(plan.inserts))
    by_uuid = {u: json.loads(new) for _, u, op, _, new in log if op == "update"}
    for code in set(expected_areas) & set(before):
        assert by_uuid[before[code][0]]["geometry_source"] == "surveyed"
        assert "geom" in by_uuid[before[code][0]]


def reimport_changes_nothing(master, source, **kw):
    digest = L.sha256(master)
    plan = plan_import(master, source, "mine_patches", **kw)
    assert not plan.has_errors
    assert plan.updates == [] and plan.inserts == []
    res = apply_import(master, plan)
    assert not res.written and res.seq_from is None
    assert L.sha256(master) == digest


def test_gbk_shapefile_in_gauss_kruger_zone_30(master, layers):
    before = rows(master)
    plan = plan_import(master, layers["shp"], "mine_patches")
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert plan.encoding == "gb18030" and "GBK" in plan.encoding_how
    assert plan.crs.epsg == 4518
    assert plan.mapping == {"图斑编号": "patch_code", "面积": "stated_area_m2", "乡镇": "township",
                            "矿种": "mineral", "治理状态": "remediation_status"}
    assert (len(plan.updates), len(plan.inserts), len(plan.missing)) == (10, 1, 1)
    assert "updated 10, new 1" in plan.summary_en and "更新 10，新增 1" in plan.summary_zh
    res = apply_import(master, plan)
    assert (res.updated, res.inserted, res.deleted, res.missing_kept) == (10, 1, 0, 1)
    check_imported(master, before, plan, source_areas(layers["shp"], 4518))
    after = rows(master)
    township = sqlite3.connect(master).execute(
        "SELECT township FROM mine_patches WHERE patch_code = ?", (L.NEW_CODE,)).fetchone()[0]
    assert township == layers["patches"][-1]["township"]  # Chinese text read from GBK
    assert len(after[L.NEW_CODE][0]) == 36
    reimport_changes_nothing(master, layers["shp"])


def test_shapefile_without_cpg_is_detected_as_gbk(master, layers):
    plan = plan_import(master, layers["shp_nocpg"], "mine_patches")
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert plan.encoding == "gb18030" and "detected" in plan.encoding_how
    assert plan.crs.epsg == 4517
    assert "图斑编号" in plan.fields
    before = rows(master)
    apply_import(master, plan)
    check_imported(master, before, plan, source_areas(layers["shp_nocpg"], 4517))


def test_geopackage_in_4490_with_pinyin_names(master, layers):
    from field_kit.errors import BadInput
    with pytest.raises(BadInput, match="choose one"):
        plan_import(master, layers["gpkg"], "mine_patches")
    plan = plan_import(master, layers["gpkg"], "mine_patches", source_layer="kcfj_tb")
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert plan.crs.epsg == 4490
    assert plan.mapping["TBBH"] == "patch_code" and plan.mapping["TBMJ"] == "stated_area_m2"
    assert plan.mapping["XZMC"] == "township" and plan.mapping["ZLZT"] == "remediation_status"
    before = rows(master)
    apply_import(master, plan)
    check_imported(master, before, plan, source_areas(layers["gpkg"], 4490))
    reimport_changes_nothing(master, layers["gpkg"], source_layer="kcfj_tb")


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_geopackage_layer_named_with_quotes_is_read(master, layers, tmp_path):
    odd = tmp_path / "odd.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(odd), str(layers["gpkg"]), "kcfj_tb",
                    "-nln", 'kcfj "tb"'], check=True, capture_output=True)
    plan = plan_import(master, odd, "mine_patches", source_layer='kcfj "tb"')
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert plan.mapping["TBBH"] == "patch_code" and len(plan.updates) + len(plan.inserts) > 0


def test_geojson_in_wgs84_with_area_in_mu(master, layers):
    plan = plan_import(master, layers["geojson"], "mine_patches")
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert plan.crs.epsg == 4326
    assert any(p.kind == "crs_note" and "centimetres" in p.message.en for p in plan.problems)
    assert plan.mapping["面积（亩）"] == "stated_area_mu"
    assert plan.mapping["图斑编码"] == "patch_code"
    assert plan.mapping["恢复治理情况"] == "remediation_status"
    before = rows(master)
    apply_import(master, plan)
    areas = {p["code"]: L.lonlat_area(p["ring"]) for p in layers["patches"]}
    check_imported(master, before, plan, areas)
    reimport_changes_nothing(master, layers["geojson"])


def test_bad_layer_is_refused_with_its_report_and_the_master_unchanged(master, layers):
    digest = L.sha256(master)
    plan = plan_import(master, layers["bad"], "mine_patches")
    assert plan.has_errors
    found = {(p.kind, p.row) for p in plan.errors}
    assert ("self_intersection", 2) in found
    assert ("duplicate_code", 3) in found
    assert ("bad_code", 4) in found
    assert ("area_mismatch", 6) in found
    # the bundled county is schematic: outside it is a warning, and it names the feature
    outside = [p for p in plan.problems if p.kind == "outside_county"]
    assert [(p.severity, p.row) for p in outside] == [("warning", 5)]
    assert outside[0].code and outside[0].bbox
    for p in plan.errors:  # each names its feature
        assert p.row is not None and p.code
    area = next(p for p in plan.errors if p.kind == "area_mismatch")
    assert area.field == "面积" and "20.0%" in area.message.en
    with pytest.raises(Invalid):
        apply_import(master, plan)
    assert L.sha256(master) == digest


def test_outside_a_surveyed_county_is_an_error(master, layers, tmp_path):
    from field_kit.db import connect
    conn = connect(master)
    conn.execute("UPDATE county_boundary SET geometry_source = 'surveyed'")
    conn.close()
    plan = plan_import(master, layers["bad"], "mine_patches")
    outside = [p for p in plan.problems if p.kind == "outside_county"]
    assert [(p.severity, p.row) for p in outside] == [("error", 5)]


def run_cli(*argv):
    import argparse
    p = argparse.ArgumentParser(prog="field-kit")
    register(p.add_subparsers(dest="command"))
    a = p.parse_args(["import", *map(str, argv)])
    try:
        return a.func(a)
    except errors.SyncError as exc:
        return exc.exit_code


def test_cli_refuses_with_its_own_exit_code(master, layers, capsys):
    digest = L.sha256(master)
    assert run_cli(master, layers["bad"], "--layer", "mine_patches") == errors.INVALID == 5
    out = capsys.readouterr().out
    assert "row 2" in out and "crosses itself" in out and "refused" in out
    assert L.sha256(master) == digest


def test_cli_dry_run_then_import_then_nothing_to_do(master, layers, capsys):
    digest = L.sha256(master)
    assert run_cli(master, layers["shp"], "--layer", "mine_patches", "--dry-run") == 0
    assert L.sha256(master) == digest
    assert run_cli(master, layers["shp"], "--layer", "mine_patches") == 0
    out = capsys.readouterr().out
    assert "written: updated 10, new 1" in out and "missing (kept)" in out
    digest = L.sha256(master)
    assert run_cli(master, layers["shp"], "--layer", "mine_patches") == 0
    assert "nothing to do" in capsys.readouterr().out
    assert L.sha256(master) == digest


def test_an_import_whose_reader_stops_early_is_still_written(master, layers):
    """``field-kit import … | head -1``: the output the reader no longer takes goes nowhere;
    the import is written whole and the exit code is the import's."""
    import sys
    run = subprocess.Popen([sys.executable, "-m", "field_kit.cli", "import", str(master),
                            str(layers["shp"]), "--layer", "mine_patches"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run.stdout.close()  # the reader gone before the first line
    assert run.wait(timeout=120) == errors.OK
    assert run.stderr.read() == b""
    run.stderr.close()
    assert len(rows(master)) == 12  # the plan's 11 and the one new


def test_delete_missing_is_explicit_and_logged(master, layers):
    plan = plan_import(master, layers["geojson"], "mine_patches")
    (gone,) = plan.missing
    res = apply_import(master, plan, delete_missing=True)
    assert res.deleted == 1
    assert gone.key not in rows(master)
    assert any(op == "delete" and u == gone.uuid for _, u, op, _, _ in changes(master))


def test_mapping_file_overrides_and_is_saved_for_next_time(master, layers, tmp_path):
    src = tmp_path / "odd.geojson"
    doc = json.loads(layers["geojson"].read_text(encoding="utf-8"))
    for f in doc["features"]:
        f["properties"] = {"BH": f["properties"]["图斑编码"], "X": "y"}
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    plan = plan_import(master, src, "mine_patches")
    assert [p.kind for p in plan.errors] == ["unmapped_required"]
    mfile = tmp_path / "m.json"
    mfile.write_text(json.dumps({"BH": "patch_code"}), encoding="utf-8")
    plan = plan_import(master, src, "mine_patches", mapping=mfile)
    assert not plan.has_errors and plan.mapping == {"BH": "patch_code", "X": None}
    assert apply_import(master, plan).mapping_saved
    plan = plan_import(master, src, "mine_patches")  # no file: the saved mapping
    assert plan.mapping_origin == "saved" and plan.mapping["BH"] == "patch_code"
    assert not plan.updates and not plan.inserts


def test_no_prj_asks_for_the_crs_and_wrong_zone_prefix_is_explained(master, layers, tmp_path):
    for ext in (".shp", ".shx", ".dbf", ".cpg"):
        shutil.copy(layers["shp"].with_suffix(ext), tmp_path / ("n" + ext))
    plan = plan_import(master, tmp_path / "n.shp", "mine_patches")
    (err,) = plan.errors
    assert err.kind == "unknown_crs" and "EPSG:4518" in err.message.en
    assert not plan_import(master, tmp_path / "n.shp", "mine_patches",
                           crs="EPSG:4518").has_errors
    plan = plan_import(master, tmp_path / "n.shp", "mine_patches", crs="EPSG:4539")
    assert {p.kind for p in plan.errors} == {"out_of_range"}
    assert "zone prefix" in plan.errors[0].message.en


def test_county_boundary_and_zones(master, layers, tmp_path):
    from osgeo import ogr
    conn = sqlite3.connect(master)
    (blob,) = conn.execute("SELECT geom FROM county_boundary").fetchone()
    zones = conn.execute("SELECT name_zh, geom FROM restoration_zones").fetchall()
    (uuid,) = conn.execute("SELECT uuid FROM county_boundary").fetchone()
    conn.close()
    # as surveyed: each vertex a centimetre east of the schematic one (the same shape would
    # be left as it is, schematic)
    def surveyed(ring):
        return [(x + 1e-7, y) for x, y in ring]
    ring = surveyed(parse_wkb(blob_wkb(blob))[1][0][1][0])
    county = L._write(tmp_path / "xzq.gpkg", "GPKG", "xzq", 4490,
                      [("XZQMC", ogr.OFTString), ("XZQDM", ogr.OFTString)],
                      [(("托克逊县", "650422"), ring)])
    county = None  # noqa: F841
    plan = plan_import(master, tmp_path / "xzq.gpkg", "county_boundary")
    assert not plan.has_errors and plan.mapping == {"XZQMC": "name_zh", "XZQDM": "admin_code"}
    (ch,) = plan.updates
    assert ch.uuid == uuid and ch.fields["geometry_source"] == ("schematic", "surveyed")
    apply_import(master, plan)
    zrows = [((name + "",), surveyed(parse_wkb(blob_wkb(g))[1][0][1][0])) for name, g in zones]
    zsrc = L._write(tmp_path / "fq.gpkg", "GPKG", "fq", 4490, [("FQMC", ogr.OFTString)], zrows)
    zsrc = None  # noqa: F841
    plan = plan_import(master, tmp_path / "fq.gpkg", "restoration_zones")
    assert not plan.has_errors, [p.text() for p in plan.problems]
    assert len(plan.updates) == 4 and not plan.inserts and not plan.missing
    apply_import(master, plan)
    conn = sqlite3.connect(master)
    assert {r[0] for r in conn.execute("SELECT geometry_source FROM restoration_zones")} == {
        "surveyed"}
    conn.close()


def test_a_cpg_that_lies_is_caught_and_said(master, layers, tmp_path):
    for ext in (".shp", ".shx", ".dbf", ".prj"):
        shutil.copy(layers["shp"].with_suffix(ext), tmp_path / ("u" + ext))
    (tmp_path / "u.cpg").write_text("UTF-8")  # the text is GBK
    plan = plan_import(master, tmp_path / "u.shp", "mine_patches")
    assert plan.encoding == "gb18030" and "图斑编号" in plan.fields
    assert any(p.kind == "source" and "UTF-8" in p.message.en for p in plan.warnings)
    assert not plan.has_errors


def county_extent(path):
    conn = sqlite3.connect(path)
    ext = conn.execute("SELECT min_x, max_x, min_y, max_y FROM gpkg_contents WHERE "
                       "table_name = 'county_boundary'").fetchone()
    conn.close()
    return ext


def moved_east(layers, tmp_path, to_lon=None, past=None, master=None):
    """The GeoJSON source with its second patch moved east: its east edge at ``to_lon``, or
    ``past`` degrees beyond the county's extent. Returns the file, the patch's code and how
    far past the county's extent it reaches."""
    doc = json.loads(layers["geojson"].read_text(encoding="utf-8"))
    feat = doc["features"][1]
    ring = feat["geometry"]["coordinates"][0]
    east = county_extent(master)[1]
    dx = (to_lon if to_lon is not None else east + past) - max(x for x, _ in ring)
    feat["geometry"]["coordinates"][0] = [[x + dx, y] for x, y in ring]
    src = tmp_path / "moved.geojson"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return src, feat["properties"]["图斑编码"], max(x for x, _ in ring) + dx - east


def test_cli_refuses_a_patch_far_outside_the_county_as_a_merge_would(
        master, layers, tmp_path, capsys):
    src, code, far = moved_east(layers, tmp_path, to_lon=120.0, master=master)
    digest = L.sha256(master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "beyond the county" in ln]
    assert line.startswith("  error: row 2 " + code)  # the feature
    assert f"lies {far:.2f}° beyond the county boundary's extent" in line  # the distance
    assert "more than 0.5°" in line
    assert "vertices lie outside" not in out  # the error says it, not a warning too
    assert "refused" in out and "written:" not in out
    assert L.sha256(master) == digest


def test_a_patch_with_latitude_and_longitude_swapped_is_said_so(master, layers, tmp_path,
                                                                 capsys):
    """A GeoJSON patch written latitude first: refused as lying beyond the county, with the
    likely slip named (not as a geometry without area, which it also is up there)."""
    doc = json.loads(layers["geojson"].read_text(encoding="utf-8"))
    feat = doc["features"][1]
    feat["geometry"]["coordinates"] = [[[y, x] for x, y in ring]
                                       for ring in feat["geometry"]["coordinates"]]
    src = tmp_path / "swapped.geojson"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    digest = L.sha256(master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "row 2 " in ln]
    assert "beyond the county boundary's extent" in line, line
    assert line.endswith("(latitude and longitude swapped? If so, put them right in QGIS with "
                         "Processing Toolbox › Vector geometry › Swap X and Y coordinates "
                         "(native:swapxy) and import the layer it saves)"), line
    assert L.sha256(master) == digest


def test_a_patch_with_easting_and_northing_swapped_is_said_so(master, tmp_path, capsys):
    """A patch in Gauss-Krüger metres (EPSG:4538) written northing first: refused as lying
    beyond the county, with the slip named, since the other way round it lies in it."""
    src = tmp_path / "gk.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4538", str(src), str(master),
                    "mine_patches"], check=True)
    doc = json.loads(src.read_text(encoding="utf-8"))
    geom = doc["features"][1]["geometry"]
    geom["coordinates"] = [[[[y, x] for x, y, *_ in ring] for ring in poly]
                           for poly in geom["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    digest = L.sha256(master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "row 2 " in ln]
    assert "beyond the county boundary's extent" in line, line
    assert line.endswith("(x and y look swapped: the other way round it lies in the "
                         "county; put them right in QGIS with Processing Toolbox › Vector "
                         "geometry › Swap X and Y coordinates (native:swapxy) and import the "
                         "layer it saves)"), line
    assert L.sha256(master) == digest
    far = doc["features"][2]["geometry"]  # a wrong coordinate system is still said so
    far["coordinates"] = [[[[x + 3e6, y] for x, y, *_ in ring] for ring in poly]
                          for poly in far["coordinates"]]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "row 3 " in ln]
    assert line.endswith("(a wrong coordinate system?)"), line


def test_cli_keeps_the_margin_a_merge_keeps(master, layers, tmp_path, capsys):
    from field_kit.sync.field_check import COUNTY_MARGIN_DEG
    src, code, _ = moved_east(layers, tmp_path, past=COUNTY_MARGIN_DEG + 0.05, master=master)
    digest = L.sha256(master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.INVALID
    assert "0.55° beyond the county" in capsys.readouterr().out
    assert L.sha256(master) == digest
    # slightly outside (within the margin): a warning, and written
    src, code, _ = moved_east(layers, tmp_path, past=COUNTY_MARGIN_DEG - 0.05, master=master)
    assert run_cli(master, src, "--layer", "mine_patches") == errors.OK
    out = capsys.readouterr().out
    assert "warning: row 2 " + code in out and "vertices lie outside the county" in out
    assert "beyond the county" not in out and "written: updated" in out


def test_cli_refuses_a_restoration_zone_far_outside_the_county(master, tmp_path, capsys):
    from osgeo import ogr
    conn = sqlite3.connect(master)
    zones = conn.execute("SELECT name_zh, geom FROM restoration_zones").fetchall()
    conn.close()
    rings = [(name, parse_wkb(blob_wkb(g))[1][0][1][0]) for name, g in zones]
    far_name, ring = rings[0]
    rings[0] = (far_name, [(x + 30.0, y) for x, y in ring])
    src = L._write(tmp_path / "fq.gpkg", "GPKG", "fq", 4490, [("FQMC", ogr.OFTString)],
                   [((name,), r) for name, r in rings])
    src = None  # noqa: F841 - closes the file
    digest = L.sha256(master)
    assert run_cli(master, tmp_path / "fq.gpkg", "--layer", "restoration_zones") == \
        errors.INVALID
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if "beyond the county" in ln]
    assert far_name in line and "refused" in out
    assert L.sha256(master) == digest


def test_a_source_in_an_unknown_coordinate_system_is_said_in_chinese_whole(
        master, layers, tmp_path, capsys, monkeypatch):
    """The report of a Shapefile whose .prj names a datum the import does not know, for a
    user whose locale is Chinese: the reason in Chinese too, no English left in it; and the
    import's saved field mappings are the toolkit's own, never listed as a layer untracked."""
    from field_kit.cli.commands import main
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for part in ("shp", "shx", "dbf", "cpg"):
        shutil.copy(layers["shp"].with_suffix(f".{part}"), tmp_path / f"odd.{part}")
    (tmp_path / "odd.prj").write_text('PROJCS["odd",GEOGCS["Tokyo",DATUM["Tokyo",SPHEROID['
                                      '"Bessel 1841",6377397.155,299.1528128]]]]')
    assert run_cli(master, tmp_path / "odd.shp", "--layer", "mine_patches") == errors.INVALID
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "无法识别坐标系" in ln)
    assert "坐标系既非 CGCS2000 也非 WGS 84" in line and "neither" not in line, line
    assert run_cli(master, layers["shp"], "--layer", "mine_patches") == errors.OK
    capsys.readouterr()
    assert main(["status", str(master)]) == errors.OK
    assert "import_mappings" not in capsys.readouterr().out
