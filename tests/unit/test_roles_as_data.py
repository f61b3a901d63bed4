# SPDX-License-Identifier: GPL-2.0-or-later
"""Roles as data: the grants GIS staff keep in the master's sync_roles reach the field
packages at each pull, a grant that names nothing is said, and a row of a layer ogr2ogr wrote
is named by its text, never by its geometry."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import registry
from tests.unit.cli_run import cli

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def add_wells(gpkg, tmp_path) -> None:
    """The county's well checks, as ogr2ogr writes them: fid, geom first, then its text."""
    src = tmp_path / "wells.csv"
    src.write_text("WKT,well_id,water_level_m,notes\n"
                   "\"POINT (88.6 42.8)\",W-01,12.5,north\n"
                   "\"POINT (88.7 42.9)\",W-02,9.0,south\n")
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", str(gpkg), str(src), "-nln",
                    "well_checks", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                    "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES", "-a_srs",
                    "EPSG:4490", "-lco", "GEOMETRY_NAME=geom"], check=True, capture_output=True)


def grant(gpkg, *rows, revoke=()) -> None:
    """GIS staff edit the master's sync_roles, as in QGIS or the sqlite3 shell."""
    with connect(gpkg) as c:
        c.executemany("INSERT INTO sync_roles (role, tbl, col) VALUES (?, ?, ?)", rows)
        c.executemany("DELETE FROM sync_roles WHERE role = ? AND tbl = ? AND col = ?", revoke)


def held(gpkg) -> set:
    with sqlite3.connect(gpkg) as c:
        return set(c.execute("SELECT role, tbl, col FROM sync_roles"))


@pytest.fixture
def wells_master(master, tmp_path, capsys):
    """The plan's master with the county's well checks tracked (repair tracks them)."""
    add_wells(master, tmp_path)
    assert cli(capsys, "repair", master)[0] == errors.OK
    return master


def test_pull_gives_the_package_the_masters_grants_and_says_what_changed(
        wells_master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", wells_master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    # after the checkout: one column of the wells granted, the photos taken back
    grant(wells_master, ("technician", "well_checks", "water_level_m"),
          revoke=[("technician", "photos", "*")])
    code, out, err = cli(capsys, "pull", pkg, wells_master)
    assert code == errors.OK, out + err
    assert "grants changed: technician may now change well_checks.water_level_m" in out, out
    assert "grants changed: technician may no longer change photos (every column)" in out, out
    assert held(pkg) == held(wells_master)
    with connect(pkg, readonly=True) as c:  # what QGIS locks the package's layers by
        assert registry.grants(c, "technician")["well_checks"] == {"water_level_m"}
        assert "photos" not in registry.grants(c, "technician")
    # (a plan layer by its title, a column of a layer of the county's own by its name)
    assert chinese("grants changed: technician may no longer change photos (every column)") \
        == "权限已变更：技术员不再可以修改照片（所有字段）"
    assert chinese("grants changed: technician may now change well_checks.water_level_m") \
        == "权限已变更：技术员现在可以修改 well_checks：water_level_m"
    code, out, _ = cli(capsys, "pull", pkg, wells_master)  # said once
    assert code == errors.OK and "grants changed" not in out, out


def test_roles_lists_a_roles_grants_in_chinese_by_title_and_label(wells_master, capsys,
                                                                 monkeypatch):
    """Under each English line, the layers and columns a role may change by the plan's
    titles and labels, several listed with 、 (not the tables' names joined with ", "), a
    layer's title once before its columns."""
    grant(wells_master, ("technician", "mine_patches", "phase"),
          ("technician", "mine_patches", "mineral"))
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, _ = cli(capsys, "roles", wells_master)
    assert code == errors.OK, out
    assert "  technician may change mine_patches.mineral, mine_patches.phase\n  技术员可以修改" \
           "历史遗留矿山图斑：矿种、治理阶段\n" in out, out  # (the layer's title once)
    assert "  技术员可以修改照片（所有字段）\n" in out, out
    said = "grants changed: technician may now change only mine_patches.phase, nor add or " \
           "delete features of mine_patches"
    assert chinese(said) == "权限已变更：技术员现在只能修改历史遗留矿山图斑：治理阶段，不能新增或" \
                            "删除历史遗留矿山图斑的要素"


MISTAKES = (("technician", "well_checks", "water_levl"), ("technician", "wellchecks", "*"),
            ("technican", "well_checks", "*"))


def test_status_and_checkout_name_grants_that_grant_nothing(wells_master, tmp_path, capsys):
    code, out, _ = cli(capsys, "status", wells_master)  # (the plan's own grants: none)
    assert code == errors.OK and "sync_roles" not in out, out
    grant(wells_master, *MISTAKES)
    code, out, _ = cli(capsys, "status", wells_master)
    assert code == errors.OK, out
    said = ["grant (technician, well_checks, water_levl) in sync_roles names no column of "
            "well_checks; it grants nothing",
            "grant (technician, wellchecks, *) in sync_roles names no table the master "
            "tracks; it grants nothing",
            "grant (technican, well_checks, *) in sync_roles names no role: roles are "
            "technician, gis; it grants nothing"]
    for line in said:
        assert f"warning: {line}" in out, out
        assert chinese(line) != line, line
    code, _, err = cli(capsys, "checkout", wells_master, tmp_path / "t.gpkg", "--device", "t1",
                       "--role", "technician")
    assert code == errors.OK
    for line in said:
        assert f"field-kit: warning: {line}" in err, err


def test_a_refused_insert_of_an_ogr2ogr_layer_is_named_by_its_text_not_its_geometry(
        wells_master, tmp_path, capsys):
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", wells_master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    with connect(pkg) as c:  # a well added as QGIS adds it: geometry first
        geom = c.execute("SELECT geom FROM well_checks WHERE well_id = 'W-01'").fetchone()[0]
        c.execute("INSERT INTO well_checks (geom, well_id, water_level_m) VALUES (?, 'W-77', 3)",
                  (geom,))
    assert cli(capsys, "export", pkg, tmp_path / "t.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", wells_master, tmp_path / "t.zip")
    said = out + err
    assert "refused 1" in said, said
    assert "well_checks W-77" in said, said
    assert "4750" not in said, said


def test_a_refused_row_is_never_named_by_a_blob_column(wells_master, tmp_path, capsys):
    """A row the master refused, named at the pull by what it wrote: a BLOB column's value
    (a sketch's bytes, logged as hex) names nothing; its uuid does."""
    with connect(wells_master) as c:  # a table of the county's own, its BLOB column first
        c.execute("CREATE TABLE sketches (fid INTEGER PRIMARY KEY, image BLOB, label TEXT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('sketches', 'attributes', 'sketches')")
    assert cli(capsys, "repair", wells_master)[0] == errors.OK
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", wells_master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    with connect(pkg) as c:
        c.execute("INSERT INTO sketches (image) VALUES (?)", (b"\x89PNG\r\n\x1a\n" * 8,))
        row = c.execute("SELECT uuid FROM sketches").fetchone()[0]
    assert cli(capsys, "export", pkg, tmp_path / "t.zip")[0] == errors.OK
    assert "refused 1" in "".join(cli(capsys, "merge", wells_master, tmp_path / "t.zip")[1:])
    code, out, err = cli(capsys, "pull", pkg, wells_master)
    said = out + err
    assert "sketches" in said and row in said, said
    assert "89504E47" not in said.upper(), said
