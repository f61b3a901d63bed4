# SPDX-License-Identifier: GPL-2.0-or-later
"""A surveyed layer read in a Gauss-Krüger system that puts it far from the county (a .prj of
the neighbouring zone, as the county straddles 88.5°E; a --crs of a zone prefix its eastings
lack) is refused naming the system it lies in the county in, and the --crs to give: not an
unanswered "a wrong coordinate system?", nor a zone of the system given, far from the county,
that the eastings alone suggest."""

from __future__ import annotations

import pytest
from osgeo import osr

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

CM90 = "EPSG:4539 CGCS2000 / 3-degree Gauss-Kruger CM 90E"


def _esri_prj(epsg: int) -> str:
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.MorphToESRI()
    return s.ExportToWkt()


@pytest.fixture
def cm90(plan_gpkg, tmp_path):
    """The surveyed patches in CGCS2000 CM 90E, no zone prefix."""
    return L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4539)


def test_a_prj_of_the_neighbouring_zone(master, cm90, capsys):
    cm90.with_suffix(".prj").write_text(_esri_prj(4538), encoding="utf-8")
    before = L.sha256(master)
    code, out = cli(capsys, "import", master, cm90, "--layer", "mine_patches")
    assert code == errors.INVALID, out
    assert (f"(a wrong coordinate system? read in {CM90} it lies in the county: if the data is "
            "in it, give --crs EPSG:4539)") in out, out
    assert L.sha256(master) == before
    code, out = cli(capsys, "import", master, cm90, "--layer", "mine_patches",
                    "--crs", "EPSG:4539")
    assert code == errors.OK and "written: updated 10, new 1, deleted 0" in out, out


def test_a_crs_with_a_zone_prefix_the_eastings_lack(master, cm90, capsys):
    code, out = cli(capsys, "import", master, cm90, "--layer", "mine_patches", "--crs",
                    "EPSG:4527")
    assert code == errors.INVALID, out
    assert ("are off the projection's domain: the eastings have no zone prefix, but EPSG:4527 "
            "CGCS2000 / 3-degree Gauss-Kruger zone 39 expects one: read in "
            f"{CM90} it lies in the county: if the data is in it, give --crs EPSG:4539") in out, \
        out
    assert "EPSG:4548" not in out, out  # (CM 117E, the zone given's: far from the county)


def test_said_in_chinese(master, cm90, capsys, chinese_locale):
    cm90.with_suffix(".prj").write_text(_esri_prj(4538), encoding="utf-8")
    code, out = cli(capsys, "import", master, cm90, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert (f"（坐标系是否有误？按 {CM90} 读取则位于县域内：如数据为此坐标系，请给出 "
            "--crs EPSG:4539）") in out, out
