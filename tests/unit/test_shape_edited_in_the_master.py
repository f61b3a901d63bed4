# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch's shape written in a GeoPackage master outside QGIS (the sqlite3 shell, a GDAL
script) gets its area and centre from the next command that reads or sends the master's
data: progress counts the new area, a pull brings it, a merge says so; each logged like
any edit. An area written in the same edit, or typed after the shape, is kept."""

from __future__ import annotations

import subprocess

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.plan import geometry
from field_kit.sync import package_checkout, package_export
from tests.unit.cli_run import history_json
from tests.unit.test_area_follows_shape import derived_held as held
from tests.unit.test_area_follows_shape import fk, of_shape, square
from tests.unit.test_progress import photo_file, verify

CODE = "CT6504222016000053002"
SAID = "mine_patches: area_m2, centre_lon, centre_lat recomputed from their geometry for 1 " \
       "feature"


def in_the_shell(master, sql: str) -> None:
    subprocess.run(["sqlite3", "-cmd", ".load mod_spatialite", str(master), sql], check=True,
                   capture_output=True)


def by_gdal(source, u, wkb: bytes) -> None:
    """A GDAL script setting the patch's geometry (SetGeometry, SetFeature) in ``source``
    (a GeoPackage, or OGR's "PG:…")."""
    from osgeo import ogr
    ds = ogr.Open(str(source), update=1)
    lyr = ds.GetLayerByName("mine_patches")
    lyr.SetAttributeFilter(f"uuid = '{u}'")
    f = lyr.GetNextFeature()
    f.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
    assert lyr.SetFeature(f) == 0
    ds = None


def reshape(master, u, blob: bytes, how: str) -> None:
    if how == "sqlite3":
        in_the_shell(master, f"UPDATE mine_patches SET geom = x'{blob.hex()}' WHERE uuid = "
                             f"'{u}'")
    else:
        by_gdal(master, u, geometry.blob_wkb(blob))


@pytest.fixture
def restored(master, tmp_path):
    """The plan's master with a patch restored and verified without a measured area (its
    own area counts): (master, the patch's uuid)."""
    conn = connect(master)
    verify(conn, CODE, "B", photos=[photo_file(tmp_path)])
    conn.execute("UPDATE patch_verifications SET measured_area_m2 = NULL")  # another tool's
    u = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (CODE,)).fetchone()[0]
    conn.close()
    return master, u


@pytest.mark.parametrize("how", ["sqlite3", "gdal"])
def test_progress_counts_the_area_of_a_shape_edited_outside_qgis(restored, capsys, how):
    master, u = restored
    shape = square(88.7, 42.8, 0.004)
    reshape(master, u, shape, how)
    code, out, err = fk(capsys, "progress", master)
    assert code == errors.OK, err
    area = of_shape(shape)["area_m2"]
    assert f"{area:,.2f}" in out
    assert SAID in out
    assert held(master, u) == of_shape(shape)
    # logged like any edit: history shows it, after the shape's own
    code, text, _ = fk(capsys, "history", master, u, "--json")
    last = history_json(text)["changes"][-1]
    assert (last["origin"], last["device"], last["new"]) == ("local", "master",
                                                             of_shape(shape))
    # said once: the next command has nothing to recompute
    code, out, _ = fk(capsys, "progress", master)
    assert f"{area:,.2f}" in out and "recomputed" not in out


@pytest.mark.parametrize("how", ["sqlite3", "gdal"])
def test_a_pull_brings_the_area_of_a_shape_edited_in_the_master(master, tmp_path, capsys,
                                                                how):
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(master, readonly=True)
    u = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (CODE,)).fetchone()[0]
    conn.close()
    shape = square(88.7, 42.8, 0.004)
    reshape(master, u, shape, how)
    code, out, err = fk(capsys, "pull", pkg, master)
    assert code == errors.OK, err
    assert held(pkg, u) == held(master, u) == of_shape(shape)
    assert SAID in out


def test_a_merge_recomputes_the_area_of_a_shape_edited_in_the_master(master, tmp_path,
                                                                      capsys):
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(pkg)
    verify(conn, CODE, "C")
    conn.close()
    package_export.export(pkg, tmp_path / "tab-1.zip")
    conn = connect(master, readonly=True)
    u = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (CODE,)).fetchone()[0]
    conn.close()
    shape = square(88.7, 42.8, 0.004)
    reshape(master, u, shape, "sqlite3")
    code, out, err = fk(capsys, "merge", master, tmp_path / "tab-1.zip")
    assert code == errors.OK, err
    assert held(master, u) == of_shape(shape)
    assert SAID in out


def test_an_area_written_with_the_shape_or_after_it_is_kept(restored, capsys):
    master, u = restored
    shape = square(88.7, 42.8, 0.004)
    in_the_shell(master, f"UPDATE mine_patches SET geom = x'{shape.hex()}', area_m2 = 4321.0 "
                         f"WHERE uuid = '{u}'")
    assert fk(capsys, "check-plan", master)[0] in (errors.OK, errors.PLAN_INCONSISTENT)
    assert held(master, u) == {**of_shape(shape), "area_m2": 4321.0}
    # the shape, then the area typed in a later edit: the area stands, the centre follows
    other = square(88.71, 42.81, 0.003)
    in_the_shell(master, f"UPDATE mine_patches SET geom = x'{other.hex()}' WHERE uuid = '{u}'; "
                         f"UPDATE mine_patches SET area_m2 = 1234.5 WHERE uuid = '{u}'")
    code, out, _ = fk(capsys, "progress", master)
    assert held(master, u) == {**of_shape(other), "area_m2": 1234.5}
    assert "1,234.50" in out
    assert "mine_patches: centre_lon, centre_lat recomputed from their geometry for 1 " \
           "feature" in out


def test_a_read_only_master_says_the_areas_it_counts_are_the_old_ones(restored, capsys):
    """A master marked read-only is not written, and the command says which table's shapes
    edited since are counted with their old area and centre."""
    import os
    import stat

    master, u = restored
    before = held(master, u)
    reshape(master, u, square(88.7, 42.8, 0.004), "sqlite3")
    mode = os.stat(master).st_mode
    os.chmod(master, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        code, out, err = fk(capsys, "progress", master)
    finally:
        os.chmod(master, mode)
    assert code == errors.OK, err
    said = out + err
    assert "mine_patches (shapes edited since the last command that wrote): area_m2, " \
        "centre_lon, centre_lat not recomputed" in said and "is read-only" in said, said
    assert held(master, u)["area_m2"] == before["area_m2"]
    from field_kit.messages_zh import chinese
    line = next(x for x in said.splitlines() if "is read-only" in x)
    assert "为只读" in chinese(line.split("warning: ", 1)[-1].strip()), line
