# SPDX-License-Identifier: GPL-2.0-or-later
"""A column or layer a GIS package adds whose name differs from one the master has, or one
another package of the merge adds, in the case of its letters alone (DEPTH, depth; springs,
Springs): a GeoPackage takes both for one name, so the package is refused by name, with the
way on, not stopped by the database; its pull likewise."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import column_edits, package_checkout


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def rows(path, sql):
    with sqlite3.connect(path) as c:
        return c.execute(sql).fetchall()


def columns(path, table="mine_patches"):
    return [r[1] for r in rows(path, f"PRAGMA table_info({table})")]


def _adding(tmp_path, master, device, column, value, fid):
    pkg = tmp_path / f"{device}.gpkg"
    package_checkout.checkout(master, pkg, device, role="gis")
    with connect(pkg) as c:
        c.execute(f'ALTER TABLE mine_patches ADD COLUMN "{column}" REAL')
        c.execute(f'UPDATE mine_patches SET "{column}" = ? WHERE fid = ?', (value, fid))
    return pkg


def _sent_and_refused(tmp_path, master, pkg, capsys) -> str:
    """What the merge of ``pkg``'s export, refused, says."""
    assert run("export", pkg, tmp_path / "a.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "a.zip") == errors.REFUSED
    return capsys.readouterr().out


def test_a_column_named_as_the_masters_but_for_case_is_refused_by_name(tmp_path, master,
                                                                     capsys, chinese_locale):
    pkg = _adding(tmp_path, master, "gis1", "DEPTH", 99, 5)
    with connect(master) as c:  # the master got its own depth meanwhile
        c.execute("ALTER TABLE mine_patches ADD COLUMN depth REAL")
        c.execute("UPDATE mine_patches SET depth = 7 WHERE fid = 6")
    out = _sent_and_refused(tmp_path, master, pkg, capsys)
    said = ("a.zip: column DEPTH of mine_patches is depth in the master, a name that differs "
            "in case alone, which a GeoPackage takes for the same: rename it in the package "
            "(QGIS: Rename Field) to depth, to fill that column, or to a name of its own, then "
            "export all its changes again (field-kit export FIELD_PACKAGE OUT.zip --all) and "
            "merge that package")
    assert said in out
    assert chinese(said) in out and "字段 DEPTH（mine_patches）与主库的 depth 只差字母大小写" in out
    assert columns(master).count("depth") == 1 and "DEPTH" not in columns(master)
    assert rows(master, "SELECT depth FROM mine_patches WHERE fid IN (5, 6) ORDER BY fid") == \
        [(None,), (7.0,)]

    assert run("pull", pkg, master) == errors.REFUSED  # not an internal error
    err = capsys.readouterr().err
    assert "column DEPTH of mine_patches is depth in the master, a name that differs in " \
           "case alone: added in the package and in the master as two different things" in err
    assert "字段 DEPTH（mine_patches）与主库的 depth 只差字母大小写：数据包和主库各自新增" in err

    # renamed as the master spells it, its values fill the master's column
    column_edits.prepare(pkg, "mine_patches", rename={"DEPTH": "depth"})
    with connect(pkg) as c:
        c.execute('ALTER TABLE mine_patches RENAME COLUMN "DEPTH" TO depth')
    assert run("export", pkg, tmp_path / "b.zip", "--all") == errors.OK
    assert run("merge", master, tmp_path / "b.zip") == errors.OK
    assert rows(master, "SELECT depth FROM mine_patches WHERE fid IN (5, 6) ORDER BY fid") == \
        [(99.0,), (7.0,)]
    assert run("pull", pkg, master) == errors.OK


def test_two_packages_adding_one_column_spelt_in_two_cases_fill_the_first(tmp_path, master,
                                                                          capsys):
    first = _adding(tmp_path, master, "gis1", "note3", 1, 7)
    second = _adding(tmp_path, master, "gis2", "NOTE3", 2, 8)
    for pkg, out in ((first, "a.zip"), (second, "b.zip")):
        assert run("export", pkg, tmp_path / out) == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "a.zip", tmp_path / "b.zip") == errors.REFUSED
    out = capsys.readouterr().out
    assert "b.zip: column NOTE3 of mine_patches is note3 in another package of this merge, " \
           "a name that differs in case alone" in out
    assert "added to the master: column mine_patches.note3" in out
    assert "NOTE3" not in columns(master)
    assert rows(master, "SELECT fid, note3 FROM mine_patches WHERE note3 IS NOT NULL") == \
        [(7, 1.0)]
    assert chinese("b.zip: column NOTE3 of mine_patches is note3 in another package of this "
                   "merge, a name that differs in case alone, which a GeoPackage takes for "
                   "the same: rename it in the package (QGIS: Rename Field) to note3, to fill "
                   "that column, or to a name of its own, then export all its changes again "
                   "(field-kit export FIELD_PACKAGE OUT.zip --all) and merge that package") == (
        "b.zip：字段 NOTE3（mine_patches）与本次合并另一个修改包的 note3 只差字母大小写，"
        "GeoPackage 视二者为同一名称：请在数据包中将其改名（QGIS：重命名字段）为 note3"
        "（填入该字段）或另取一名，再重新导出其全部修改（field-kit export FIELD_PACKAGE OUT.zip "
        "--all）并合并该修改包")


def _adding_a_layer(tmp_path, gpkg, layer):
    src = tmp_path / "springs.csv"
    src.write_text('WKT,name\n"POINT (88.72 42.82)",S1\n')
    subprocess.run(["ogr2ogr", "-update", str(gpkg), str(src), "-nln", layer, "-oo",
                    "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs",
                    "EPSG:4490", "-lco", "GEOMETRY_NAME=geom"], check=True, capture_output=True)


def tables(path):
    return [r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND lower(name) = 'springs'")]


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_layer_named_as_the_masters_but_for_case_is_refused_by_name(tmp_path, master,
                                                                    capsys, chinese_locale):
    pkg = tmp_path / "gis1.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    _adding_a_layer(tmp_path, pkg, "springs")
    _adding_a_layer(tmp_path, master, "Springs")  # the master got its own meanwhile
    out = _sent_and_refused(tmp_path, master, pkg, capsys)
    said = ("a.zip: layer springs was added in the master and in the package as two different "
            "layers (Springs in the master, a name that differs in case alone): rename one of "
            "them, then merge this package again")
    assert said in out and chinese(said) in out
    assert "（主库中为 Springs，名称只差字母大小写，GeoPackage 视为同一名称）" in out
    assert tables(master) == ["Springs"]
    assert run("pull", pkg, master) == errors.REFUSED  # not an internal error
    err = capsys.readouterr().err
    assert "layer springs (Springs in the master, a name that differs in case alone): added " \
           "in the package and in the master as two different things" in err
    assert "图层 springs（主库中为 Springs，名称只差字母大小写，GeoPackage 视为同一名称）" in err
    assert tables(pkg) == ["springs"]


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_two_packages_adding_one_layer_spelt_in_two_cases_fill_the_first(tmp_path, master,
                                                                         capsys):
    for device, layer in (("gis1", "springs"), ("gis2", "SPRINGS")):
        package_checkout.checkout(master, tmp_path / f"{device}.gpkg", device, role="gis")
        _adding_a_layer(tmp_path, tmp_path / f"{device}.gpkg", layer)
        assert run("export", tmp_path / f"{device}.gpkg", tmp_path / f"{device}.zip") == \
            errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "gis1.zip", tmp_path / "gis2.zip") == \
        errors.REFUSED
    out = capsys.readouterr().out
    said = ("gis2.zip: layer SPRINGS is added by another package of this merge as another "
            "layer (springs in the other package, a name that differs in case alone): rename "
            "one of them, then merge this package again")
    assert said in out and "added to the master: layer springs" in out
    assert "另一个修改包中为 springs，名称只差字母大小写" in chinese(said)
    assert tables(master) == ["springs"]
