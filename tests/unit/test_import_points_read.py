# SPDX-License-Identifier: GPL-2.0-or-later
"""How a county GIS officer's lists of boundary points, KML files and mappings are read:
the points of a patch must agree on its values, each unreadable point is named by its line,
coordinates are read as surveyors write them, and what is refused is said by name."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_cut_area import _shapefile

pytest.importorskip("pyproj")
L._proj_data()


def _first(plan_gpkg):
    """The first surveyed patch: its code, township and boundary (not closed)."""
    p = L.surveyed(plan_gpkg)[0]
    return p["code"], p["township"], p["ring"][:-1]


def _csv(path, header, rows):
    path.write_text("\n".join([header, *(",".join(map(str, r)) for r in rows)]) + "\n",
                    encoding="utf-8")
    return path


def _dms(value: float, spaced: bool, hemisphere: str) -> str:
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d} {m} {s:.6f}" if spaced else f"{hemisphere}{d}°{m}′{s:.6f}″"


def test_the_points_of_a_patch_disagreeing_on_a_value_are_an_error_naming_the_lines(
        master, plan_gpkg, tmp_path, capsys):
    code, township, ring = _first(plan_gpkg)
    other = next(p["township"] for p in L.surveyed(plan_gpkg) if p["township"] != township)
    rows = [(code, x, y, other if k == 0 else township) for k, (x, y) in enumerate(ring)]
    src = _csv(tmp_path / "points.csv", "图斑编号,经度,纬度,乡镇", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    rest = ", ".join(str(n) for n in range(3, len(ring) + 2))
    assert (f"error: row 2 {code} field 乡镇: the points of one boundary disagree on 乡镇: "
            f"{other} on line 2; {township} on lines {rest}") in out, out


def test_a_kml_declared_gbk_is_read(master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    coords = " ".join(f"{x!r},{y!r},0" for x, y in [*ring, ring[0]])
    kml = tmp_path / "gbk.kml"
    kml.write_bytes((
        '<?xml version="1.0" encoding="GBK"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        f'<Document><name>托克逊图斑</name><Placemark><ExtendedData><Data name="图斑编号">'
        f"<value>{code}</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing>"
        f"<coordinates>{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon>"
        "</Placemark></Document></kml>").encode("gbk"))
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "(KML, layer 托克逊图斑, 1 feature)" in out, out  # (one, in the singular)


def test_an_unreadable_point_is_named_by_its_line_and_refuses_its_patch(
        master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    rows = [(code, x, y) for x, y in ring]
    rows[2] = (code, "", ring[2][1])
    rows[3] = (code, "88.5x", ring[3][1])
    src = _csv(tmp_path / "points.csv", "图斑编号,经度,纬度", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert f"error: row 2 {code}: line 4: no readable coordinate (经度 '', 纬度 " in out, out
    assert f"error: row 2 {code}: line 5: no readable coordinate (经度 '88.5x', 纬度 " in out
    assert "empty geometry" not in out, out


def test_degrees_minutes_seconds_are_read_hemisphere_first_and_space_separated(
        master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    rows = [(code, _dms(x, k % 2 == 1, "E"), _dms(y, k % 2 == 1, "N"))
            for k, (x, y) in enumerate(ring)]
    src = _csv(tmp_path / "dms.csv", "图斑编号,经度,纬度", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "no readable coordinate" not in out and "not numbers" not in out, out


def _county_extent(master):
    conn = sqlite3.connect(master)
    try:
        return conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE "
                            "table_name = 'county_boundary'").fetchone()
    finally:
        conn.close()


def test_a_patch_far_off_says_the_county_extent_before_its_other_faults(
        master, plan_gpkg, tmp_path, capsys):
    code, _, _ = _first(plan_gpkg)
    rows = [(code, 120.0, 30.0), (code, 120.001, 30.0), (code, 120.002, 30.0)]  # a line
    src = _csv(tmp_path / "far.csv", "图斑编号,经度,纬度", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    w, s, e, n = _county_extent(master)
    assert (f"beyond the county boundary's extent ({w:.6f}, {s:.6f} to {e:.6f}, {n:.6f}; "
            "it spans 120.000000, 30.000000 to 120.002000, 30.000000)") in out, out
    assert "has no area" not in out, out


def test_points_off_the_projection_s_domain_are_said_so(master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    rows = [(code, round(n, 3), round(e, 3)) for e, n in L.to_epsg(ring, 4518)]  # X north
    src = _csv(tmp_path / "xnorth.csv", "图斑编号,X,Y", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4518")
    assert rc == errors.INVALID, out
    assert (f"the coordinates {rows[0][1]:.3f}, {rows[0][2]:.3f} read in EPSG:4518 "
            "CGCS2000 / 3-degree Gauss-Kruger zone 30 are off the projection's domain: x and "
            "y look swapped: the other way round it lies in the county") in out, out
    assert "180.000000" not in out and "has no area" not in out, out


def test_headers_saying_x_is_the_northing_are_believed(master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    rows = [(code, round(n, 3), round(e, 3)) for e, n in L.to_epsg(ring, 4518)]
    src = _csv(tmp_path / "rtk.csv", "图斑编号,X(北坐标),Y(东坐标)", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4518", "--dry-run")
    assert rc == errors.OK, out
    assert ("info: the coordinate columns are read as their headers say: Y(东坐标) as the "
            "easting, X(北坐标) as the northing (surveying's X north, Y east)") in out, out


def test_kml_coordinates_with_spaces_after_the_commas_are_read(master, plan_gpkg, tmp_path,
                                                              capsys):
    code, _, ring = _first(plan_gpkg)
    coords = " ".join(f"{x!r}, {y!r}, 0" for x, y in [*ring, ring[0]])
    kml = tmp_path / "spaces.kml"
    kml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://earth.google.com/kml/2.1">'
        f'<Document><Placemark><ExtendedData><Data name="图斑编号"><value>{code}</value>'
        "</Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        f"{coords}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>"
        "</Document></kml>", encoding="utf-8")
    rc, out = cli(capsys, "import", master, kml, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "unreadable" not in out, out


def test_a_mapping_naming_a_cut_field_by_its_whole_name_is_taken(master, plan_gpkg,
                                                                 tmp_path, capsys):
    shp = _shapefile(tmp_path / "patches.shp", plan_gpkg, "UTF-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"实测面积（亩）": "stated_area_mu"}, ensure_ascii=False),
                       encoding="utf-8")
    rc, out = cli(capsys, "import", master, shp, "--layer", "mine_patches", "--mapping",
                  mapping, "--dry-run")
    assert rc == errors.OK, out
    assert ("info: field 实测面\ufffd: the mapping's 实测面积（亩） is taken as the source's "
            "field 实测面\ufffd, its name cut") in out, out
    assert "实测面\ufffd -> stated_area_mu" in out, out
    assert "does not have" not in out and "more than one stated area" not in out, out


def test_an_empty_column_with_no_name_is_no_field(master, plan_gpkg, tmp_path, capsys):
    code, _, ring = _first(plan_gpkg)
    rows = [(code, x, y, "东侧", "") for x, y in ring]
    src = _csv(tmp_path / "excel.csv", "图斑编号,经度,纬度,备注,", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "not imported: 备注 (map them" in out, out
    rows = [(code, x, y, "东侧", "x") for x, y in ring]  # a column with no name, filled
    src = _csv(tmp_path / "excel.csv", "图斑编号,经度,纬度,备注,", rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert "not imported: 备注, column 5 (map them" in out, out


def test_a_patch_of_two_points_says_a_boundary_needs_three(master, plan_gpkg, tmp_path,
                                                           capsys):
    code, _, ring = _first(plan_gpkg)
    src = _csv(tmp_path / "two.csv", "图斑编号,经度,纬度", [(code, x, y) for x, y in ring[:2]])
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert f"error: row 2 {code}: 2 points; a boundary needs at least 3" in out, out
    assert "fewer than 4 points" not in out, out
