# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's layers in another coordinate system than longitude/latitude: refused at
``init`` and at ``import`` by name; a box that misses the county refused at ``checkout``;
a county's own layer in WGS 84 cut by the box as one in CGCS2000."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.plan_build import ROOT

pytest.importorskip("osgeo")


def field_kit(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "field_kit.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)


def ogr2ogr(*args) -> None:
    subprocess.run(["ogr2ogr", *map(str, args)], check=True, capture_output=True)


def add_layer(master, source, layer: str, name: str, *options) -> None:
    """``layer`` of ``source`` added to ``master`` as a layer of the county's own."""
    ogr2ogr("-update", *options, "-nln", name, "-lco", f"IDENTIFIER={name}", master, source,
            layer)


@pytest.fixture(scope="module")
def plan_4517(plan_gpkg, tmp_path_factory):
    """The plan as a county hands it over in a Gauss-Krüger zone (with the zone prefix)."""
    out = tmp_path_factory.mktemp("gk") / "plan_4517.gpkg"
    ogr2ogr("-t_srs", "EPSG:4517", out, plan_gpkg)
    return out


def test_init_refuses_plan_layers_in_gauss_kruger_naming_each(plan_4517, tmp_path):
    master = tmp_path / "m.gpkg"
    master.write_bytes(plan_4517.read_bytes())
    before = master.read_bytes()
    got = field_kit("init", master)
    assert got.returncode == errors.BAD_INPUT, got.stdout + got.stderr
    for layer in ("county_boundary", "townships", "mine_patches", "patch_verifications"):
        assert layer in got.stderr
    assert "EPSG:4517 (CGCS2000 / 3-degree Gauss-Kruger zone 29)" in got.stderr
    assert "ogr2ogr -t_srs EPSG:4490" in got.stderr
    assert master.read_bytes() == before
    assert "的坐标系为 EPSG:4517" in chinese(got.stderr.strip().removeprefix("field-kit: "))


def test_init_refuses_a_plan_layer_without_coordinate_system(plan_gpkg, tmp_path):
    master = tmp_path / "m.gpkg"
    ogr2ogr(master, plan_gpkg)  # the plan as GDAL copies it, no capture yet
    conn = sqlite3.connect(master)
    with conn:
        conn.execute("UPDATE gpkg_geometry_columns SET srs_id = 0 "
                     "WHERE table_name = 'mine_patches'")
    conn.close()
    got = field_kit("init", master)
    assert got.returncode == errors.BAD_INPUT
    assert "mine_patches is in no coordinate system (srs_id 0" in got.stderr
    assert "townships" not in got.stderr


def test_init_names_a_plan_layer_in_a_coordinate_system_of_the_files_own(plan_gpkg,
                                                                           tmp_path):
    """A custom projected system, defined in the file alone (organization NONE): refused as
    what it is, not as no coordinate system."""
    master = tmp_path / "m.gpkg"
    ogr2ogr(master, plan_gpkg)
    conn = sqlite3.connect(master)
    with conn:
        conn.execute("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                     "organization_coordsys_id, definition) VALUES ('custom TM', 990001, "
                     "'NONE', 990001, 'PROJCS[\"custom TM\"]')")
        for meta in ("gpkg_geometry_columns", "gpkg_contents"):
            conn.execute(f"UPDATE {meta} SET srs_id = 990001 WHERE table_name = 'townships'")
    conn.close()
    got = field_kit("init", master)
    assert got.returncode == errors.BAD_INPUT
    assert "townships is in a coordinate system of the file's own (srs_id 990001: custom " \
        "TM), not longitude/latitude" in got.stderr, got.stderr
    assert "no coordinate system" not in got.stderr


def test_a_box_that_is_not_a_number_is_refused(plan_gpkg, tmp_path):
    master = tmp_path / "m.gpkg"
    shutil.copy(plan_gpkg, master)
    for box in ("nan,42,88,43", "-inf,-90,inf,90"):
        got = field_kit("checkout", master, tmp_path / "p.gpkg", "--device", "d1", f"--bbox={box}")
        assert got.returncode == errors.BAD_INPUT and "--bbox is W,S,E,N in degrees" in \
            got.stderr, (box, got.stderr)
    assert not (tmp_path / "p.gpkg").exists()


def test_init_takes_wgs84_plan_and_own_layers_in_any_system(plan_gpkg, tmp_path):
    master = tmp_path / "m.gpkg"
    ogr2ogr("-t_srs", "EPSG:4326", master, plan_gpkg)
    # a county's own layer in a Gauss-Krüger zone, another with no coordinate system
    add_layer(master, plan_gpkg, "restoration_zones", "forest_gk", "-t_srs", "EPSG:4539")
    add_layer(master, plan_gpkg, "townships", "forest_nocrs")
    conn = sqlite3.connect(master)
    with conn:
        for tbl in ("gpkg_geometry_columns", "gpkg_contents"):
            conn.execute(f"UPDATE {tbl} SET srs_id = 0 WHERE table_name = 'forest_nocrs'")
    conn.close()
    got = field_kit("init", master)
    assert got.returncode == errors.OK, got.stderr
    for layer in ("forest_gk", "forest_nocrs", "mine_patches"):
        assert f"tracked: {layer}\n" in got.stdout


@pytest.fixture(scope="module")
def master_with_own(plan_gpkg, tmp_path_factory):
    """The plan with capture, and two layers of the county's own: one in WGS 84, one in a
    Gauss-Krüger zone."""
    out = tmp_path_factory.mktemp("own") / "master.gpkg"
    out.write_bytes(plan_gpkg.read_bytes())
    add_layer(out, plan_gpkg, "mine_patches", "own_wgs84", "-t_srs", "EPSG:4326")
    add_layer(out, plan_gpkg, "mine_patches", "own_gk", "-t_srs", "EPSG:4539")
    assert field_kit("init", out).returncode == errors.OK
    return out


@pytest.mark.parametrize("box, said", [
    ("29600000,4700000,29700000,4800000", "metres?"),
    ("42.7,88.3,42.9,88.6", "latitude and longitude swapped?"),
    ("100,30,101,31", "it lies elsewhere"),
])
def test_checkout_refuses_a_box_that_misses_the_county(master_with_own, tmp_path, box, said):
    out = tmp_path / "p.gpkg"
    got = field_kit("checkout", master_with_own, out, "--device", "t1", f"--bbox={box}")
    assert got.returncode == errors.BAD_INPUT, got.stdout + got.stderr
    assert f"--bbox {box} does not meet the county, whose extent is 87." in got.stderr
    assert said in got.stderr
    assert not out.exists()


def test_checkout_cuts_an_own_layer_in_wgs84_as_one_in_cgcs2000(master_with_own, tmp_path):
    out = tmp_path / "p.gpkg"
    got = field_kit("checkout", master_with_own, out, "--device", "t1",
                    "--bbox=88.3,42.6,88.7,43.0")
    assert got.returncode == errors.OK, got.stderr
    # own_gk alone carried whole; own_wgs84 said among the layers cut, not there
    assert "carried whole, their coordinates not being the box's (EPSG:4490): own_gk\n" \
        in got.stdout
    assert [line for line in got.stdout.splitlines() if "own_wgs84" in line] == \
        [line for line in got.stdout.splitlines() if line.startswith("cut to the box ")]
    conn = sqlite3.connect(out)
    kept = {r[0] for r in conn.execute("SELECT patch_code FROM mine_patches")}
    wgs84 = {r[0] for r in conn.execute("SELECT patch_code FROM own_wgs84")}
    gk = conn.execute("SELECT count(*) FROM own_gk").fetchone()[0]
    conn.close()
    conn = sqlite3.connect(master_with_own)
    every = conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0]
    conn.close()
    assert kept and len(kept) < every
    assert wgs84 == kept  # the same features as the plan's patches they were copied from
    assert gk == every
    assert f", own_wgs84 {len(kept)}" in got.stdout


def test_import_into_an_older_master_in_gauss_kruger_names_its_coordinate_system(
        plan_4517, plan_gpkg, tmp_path):
    from tests.unit import import_layers as L
    source = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    got = field_kit("import", plan_4517, source, "--layer", "mine_patches",
                    "--source-layer", "kcfj_tb", "--dry-run")
    assert got.returncode == errors.BAD_INPUT, got.stdout + got.stderr
    assert f"cannot import into mine_patches of {plan_4517}: county_boundary, mine_patches " \
           "are in EPSG:4517 (CGCS2000 / 3-degree Gauss-Kruger zone 29), not " \
           "longitude/latitude" in got.stderr
    assert "ogr2ogr -t_srs EPSG:4490" in got.stderr
    assert "beyond the county" not in got.stdout + got.stderr
    said = chinese(got.stderr.strip().removeprefix("field-kit: "))
    assert said.startswith(f"无法导入到 {plan_4517} 的 mine_patches：county_boundary, "
                           "mine_patches 的坐标系为 EPSG:4517")


def test_a_geometry_is_shown_with_its_height_and_in_metres_without_an_area_from_degrees():
    """Settle conflicts shows each side of a geometry: a county layer in a projected system
    is not given an area computed as if its metres were degrees, and a point's height shows
    (a conflict of heights alone would look the same on both sides)."""
    from osgeo import ogr

    from field_kit.plan.geometry import gpkg_blob
    from field_kit.plan.values import show_value

    def blob(wkt: str, srs: int) -> str:
        return gpkg_blob(bytes(ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb()), srs).hex()

    parcel = blob("MULTIPOLYGON (((36418000 5064000, 36419000 5064000, 36419000 5065000, "
                  "36418000 5064000)))", 4526)
    assert show_value("parcels", "geom", parcel) == \
        "面 polygons @ 36418500.000000, 5064500.000000 (EPSG:4526)"
    assert show_value("wells", "geom", blob("POINT Z (88.6 42.8 101.5)", 4490)) == \
        "点 point @ 88.600000, 42.800000, z 101.5"
    assert show_value("wells", "geom", blob("POINT (88.6 42.8)", 4490)) == \
        "点 point @ 88.600000, 42.800000"
