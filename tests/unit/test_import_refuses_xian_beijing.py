# SPDX-License-Identifier: GPL-2.0-or-later
"""Survey teams hand over Shapefiles, CSVs and GeoPackages in Xi'an 1980, Beijing 1954 or
New Beijing (新北京 54), in Gauss-Krüger zones or longitude/latitude: `import` refuses each
as an invalid source, naming the system it found, why (about 100 m from CGCS2000, no agreed
parameters) and what to do, in English and in Chinese; the master is left as it was."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

WHY = ("not CGCS2000: the two differ by up to about 100 m and there are no agreed parameters "
       "to convert between them, so it is neither converted nor read as CGCS2000; have the "
       "survey team deliver it in CGCS2000")
WHY_ZH = "不是 CGCS2000：两者相差可达约 100 米，且没有公认的转换参数"


def _import(capsys, master, source, *more):
    return cli(capsys, "import", master, source, "--layer", "mine_patches", *more)


@pytest.mark.parametrize("epsg, named, named_zh", [
    (2354, "Xian 1980 / 3-degree Gauss-Kruger zone 30 (EPSG:2354)",
     "西安 1980 / 3 度高斯-克吕格第 30 带（EPSG:2354）"),
    (2377, "Xian 1980 / 3-degree Gauss-Kruger CM 96E (EPSG:2377)",
     "西安 1980 / 3 度高斯-克吕格 中央经线 96°E（EPSG:2377）"),
    (2405, "Beijing 1954 / 3-degree Gauss-Kruger zone 29 (EPSG:2405)",
     "北京 1954 / 3 度高斯-克吕格第 29 带（EPSG:2405）"),
    (4214, "Beijing 1954 longitude/latitude (EPSG:4214)", "北京 1954 经纬度（EPSG:4214）"),
    (4610, "Xian 1980 longitude/latitude (EPSG:4610)", "西安 1980 经纬度（EPSG:4610）"),
    (4766, "New Beijing / 3-degree Gauss-Kruger zone 30 (EPSG:4766)",
     "新北京 54 / 3 度高斯-克吕格第 30 带（EPSG:4766）"),
    (4787, "New Beijing / 3-degree Gauss-Kruger CM 90E (EPSG:4787)",
     "新北京 54 / 3 度高斯-克吕格 中央经线 90°E（EPSG:4787）"),
    (4555, "New Beijing longitude/latitude (EPSG:4555)", "新北京 54 经纬度（EPSG:4555）"),
])
def test_a_shapefile_in_xian_1980_or_beijing_1954_is_refused_by_name(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, epsg, named, named_zh):
    shp = L.write_shapefile(tmp_path / "测量成果.shp", L.surveyed(plan_gpkg), epsg=epsg)
    assert "GEOGCS" in shp.with_suffix(".prj").read_text()  # ArcGIS's .prj: no EPSG code
    digest = L.sha256(master)
    rc, out = _import(capsys, master, shp)
    assert rc == errors.INVALID, out
    assert f"error: the data is in {named}, {WHY}" in out, out
    assert "coordinate system: not accepted (see the error)" in out, out
    assert "official transformation parameters" in out and "unknown coordinate" not in out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    rc, out = _import(capsys, master, shp)
    assert rc == errors.INVALID and f"数据采用 {named_zh} 坐标系，{WHY_ZH}" in out, out
    assert "请测量单位提交 CGCS2000 数据" in out and "本县官方转换参数" in out, out
    assert "坐标系：不接受（见错误）" in out, out
    assert L.sha256(master) == digest


def test_a_geopackage_in_xian_1980_is_refused_by_its_srs(master, plan_gpkg, tmp_path, capsys):
    from osgeo import ogr

    gpkg = tmp_path / "tb.gpkg"
    rows = [((p["code"],), L.to_epsg(p["ring"], 2353)) for p in L.surveyed(plan_gpkg)]
    L._write(gpkg, "GPKG", "tb", 2353, [("TBBH", ogr.OFTString)], rows)
    rc, out = _import(capsys, master, gpkg)
    assert rc == errors.INVALID, out
    assert f"the data is in Xian 1980 / 3-degree Gauss-Kruger zone 29 (EPSG:2353), {WHY}" \
        in out, out


def test_a_csv_with_a_beijing_1954_prj_is_refused(master, plan_gpkg, tmp_path, capsys):
    from osgeo import osr

    patch = L.surveyed(plan_gpkg)[0]
    ring = L.to_epsg(patch["ring"], 2406)
    wkt = "POLYGON ((" + ", ".join(f"{x:.3f} {y:.3f}" for x, y in ring) + "))"
    csv = tmp_path / "tb.csv"
    csv.write_text(f'TBBH,WKT\n{patch["code"]},"{wkt}"\n', encoding="utf-8")
    s = osr.SpatialReference()
    s.ImportFromEPSG(2406)
    s.MorphToESRI()
    csv.with_suffix(".prj").write_text(s.ExportToWkt(), encoding="latin-1")
    rc, out = _import(capsys, master, csv)
    assert rc == errors.INVALID, out
    assert f"the data is in Beijing 1954 / 3-degree Gauss-Kruger zone 30 (EPSG:2406), {WHY}" \
        in out, out


def test_a_crs_given_as_xian_1980_is_refused_by_name(master, plan_gpkg, tmp_path, capsys):
    shp = L.write_shapefile(tmp_path / "tb.shp", L.surveyed(plan_gpkg), epsg=4518)
    shp.with_suffix(".prj").unlink()
    rc, out = _import(capsys, master, shp, "--crs", "EPSG:2354")
    assert rc != errors.OK, out
    assert f"the data is in Xian 1980 / 3-degree Gauss-Kruger zone 30 (EPSG:2354), {WHY}" \
        in out, out


def test_a_cgcs2000_prj_on_the_grs_1980_ellipsoid_is_not_taken_for_xian_1980(
        master, plan_gpkg, tmp_path, capsys):
    """A .prj some tools write for CGCS2000: no datum name, only the GRS 1980 ellipsoid."""
    shp = L.write_shapefile(tmp_path / "tb.shp", L.surveyed(plan_gpkg), epsg=4490)
    shp.with_suffix(".prj").write_text(
        'GEOGCS["unnamed",DATUM["unknown",SPHEROID["GRS 1980",6378137.0,298.257222101]],'
        'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]', encoding="latin-1")
    rc, out = _import(capsys, master, shp, "--dry-run")
    assert rc == errors.OK, out
    assert "Xian" not in out and "coordinate system: EPSG:4490 CGCS2000" in out, out
