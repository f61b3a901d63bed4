# SPDX-License-Identifier: GPL-2.0-or-later
"""KML (as ogr2ogr, Google Earth and phone apps write it, always WGS 84) and CSV lists of
boundary points (longitude/latitude or x/y columns, as Excel saves them) are imported like
the other sources; a CSV's coordinate system is said or asked, and a CSV with no coordinate
columns is refused naming the columns it has."""

from __future__ import annotations

import subprocess

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def test_a_kml_written_by_ogr2ogr_is_imported_as_wgs84(master, plan_gpkg, tmp_path, capsys):
    gpkg = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    kml = tmp_path / "图斑.kml"
    subprocess.run(["ogr2ogr", "-f", "KML", str(kml), str(gpkg), "kcfj_tb"], check=True)
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert code == errors.OK, out
    assert "(KML, layer kcfj_tb, 11 features)" in out, out
    assert "coordinate system: EPSG:4326 WGS 84 (KML is always WGS 84 longitude/latitude)" \
        in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--crs",
                    "EPSG:4518", "--dry-run")
    assert code == errors.INVALID and "KML is always WGS 84 longitude/latitude; it cannot be " \
        "read in EPSG:4518" in out, out


def test_a_kml_of_two_folders_is_read_one_folder_at_a_time(master, plan_gpkg, tmp_path,
                                                           capsys):
    gpkg = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    kml = tmp_path / "two.kml"
    subprocess.run(["ogr2ogr", "-f", "KML", str(kml), str(gpkg)], check=True)
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches")
    assert code == errors.BAD_INPUT, out
    assert "two.kml has 2 layers (folders: kcfj_tb, other_layer): choose one " \
        "(--source-layer)" in out, out
    code, out = cli(capsys, "import", master, kml, "--layer", "mine_patches",
                    "--source-layer", "kcfj_tb", "--dry-run")
    assert code == errors.OK and "updated 10, new 1" in out, out


def _points_csv(path, patches, header, point, encoding):
    """A survey's list of boundary points: a row a vertex, by patch, as Excel saves it."""
    lines = [",".join(header)]
    for p in patches:
        for k, (x, y) in enumerate(point(p["ring"])[:-1]):
            lines.append(f"{p['code']},{k + 1},{x!r},{y!r},{p['township']}")
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def test_a_csv_of_lonlat_points_is_imported_a_boundary_a_patch(master, plan_gpkg, tmp_path,
                                                                capsys):
    patches = L.surveyed(plan_gpkg)
    header = ["图斑编号", "点号", "经度", "纬度", "乡镇"]
    src = _points_csv(tmp_path / "界址点.csv", patches, header, lambda ring: ring, "gbk")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK, out
    n = sum(len(p["ring"]) - 1 for p in patches)
    assert "text encoding: gb18030 (detected: not UTF-8, valid GB18030/GBK)" in out, out
    assert ("warning: the CSV does not say its coordinate system (no .prj beside it): its "
            "columns 经度/纬度 are read as longitude/latitude (WGS 84/CGCS2000), as named; if "
            "they are not, give --crs") in out, out
    assert (f"info: the CSV's {n} points (columns 经度/纬度) are joined by field 图斑编号, in "
            "the order of their numbers in column 点号, into 11 boundaries") in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def test_a_csv_of_xy_points_asks_its_coordinate_system(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    src = _points_csv(tmp_path / "xy.csv", patches, ["TBBH", "DH", "X", "Y", "XZ"],
                      lambda ring: L.to_epsg(ring, 4518), "utf-8-sig")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert ("unknown coordinate system: the source does not say its coordinate system (no "
            ".prj); the eastings carry zone prefix 30: if CGCS2000, give --crs EPSG:4518") \
        in out, out
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                    "EPSG:4518")
    assert code == errors.OK, out
    assert "text encoding: utf-8 (UTF-8 byte order mark)" in out, out
    assert "written: updated 10, new 1, deleted 0" in out, out


def test_a_csv_with_no_coordinate_columns_is_refused_naming_its_columns(master, tmp_path,
                                                                        capsys):
    src = tmp_path / "codes.csv"
    src.write_text("图斑编号,面积,备注\nC1,2.5,东侧\n", encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.BAD_INPUT, out
    assert ("codes.csv has no coordinate columns it can be read by (longitude/latitude, "
            "lon/lat or x/y); its columns are: 图斑编号, 面积, 备注") in out, out
