# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout by township, the township named otherwise than by its Chinese name in the
plan: by its English or pinyin name it is the same township; a name no township has is
refused as such, naming the county's townships, not said to be a township with no patch."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from tests.unit.gpkg_factory import edit

TOWNS_EN = ("托克逊镇 (Toksun Town, Tuokexun), 伊拉湖镇 (Yilahu Town), 博斯坦镇 (Bostan Town, "
            "Bositan), 郭勒布依乡 (Guolebuyi Township), 夏镇 (Xia Town, 夏乡), 克尔碱镇 (Kerjian "
            "Town, Ke'erjian), 库米什镇 (Kumux Town, Kumishi)")
TOWNS_ZH = ("托克逊镇（Toksun Town、Tuokexun）、伊拉湖镇（Yilahu Town）、博斯坦镇（Bostan Town、"
            "Bositan）、郭勒布依乡（Guolebuyi Township）、夏镇（Xia Town、夏乡）、克尔碱镇"
            "（Kerjian Town、Ke'erjian）、库米什镇（Kumux Town、Kumishi）")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def patch_townships(path) -> set[str]:
    with sqlite3.connect(path) as c:
        return {t for (t,) in c.execute("SELECT township FROM mine_patches")}


@pytest.mark.parametrize("named", ["Guolebuyi Township", "guolebuyi", " GUOLEBUYI  town ",
                                   "guolebuyi-township"])
def test_a_township_named_in_english_or_pinyin_is_that_township(master, tmp_path, capsys,
                                                                named):
    out = tmp_path / "tab-1.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--township", named) == errors.OK
    said = capsys.readouterr().out
    assert patch_townships(out) == {"郭勒布依乡"}
    assert "cut to township 郭勒布依乡, the package holds: mine_patches 4," in said, said
    # recorded by the plan's name: its pulls keep to the same patches
    with sqlite3.connect(master) as c:
        (subset,) = c.execute("SELECT subset FROM sync_devices WHERE device = 'tab-1'"
                              ).fetchone()
    assert json.loads(subset)["township"] == "郭勒布依乡"


@pytest.mark.parametrize("named", ["bositan", "Bositan Town", "BOSITAN zhen", "bostan"])
def test_a_township_named_by_its_hanyu_pinyin_is_that_township(master, tmp_path, capsys,
                                                               named):
    """博斯坦镇's pinyin, Bositan, is not its English name, Bostan: both are taken."""
    out = tmp_path / "tab-3.gpkg"
    assert run("checkout", master, out, "--device", "tab-3", "--township", named) == errors.OK
    assert patch_townships(out) == {"博斯坦镇"}


@pytest.mark.parametrize("named", ["650422", "托克", "Guolebuyi Towns", "Toksun County"])
def test_a_name_no_township_has_is_refused_naming_the_townships(master, tmp_path, capsys,
                                                                chinese_locale, named):
    out = tmp_path / "tab-1.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--township",
               named) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"field-kit: no township is named '{named}'; the county's townships: {TOWNS_EN}\n" \
        in err, err
    assert f"field-kit: 没有名为 {named} 的乡镇；本县的乡镇：{TOWNS_ZH}\n" in err, err
    assert "no mine patch" not in err and not out.exists()
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT count(*) FROM sync_devices").fetchone() == (0,)


@pytest.mark.parametrize("named", ["夏乡", "Xia Town", "xia"])
def test_a_township_that_has_no_patch_keeps_its_own_message(master, tmp_path, capsys, named):
    """夏乡 is 夏镇's other name in the plan: a township that exists, with no patch."""
    out = tmp_path / "tab-1.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--township",
               named) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "field-kit: no mine patch in township '夏镇': nothing to cut a package to" in err, err
    assert not out.exists()


def test_a_township_with_no_patch_names_the_patches_layer_as_the_county_knows_it(
        master, tmp_path, capsys, chinese_locale):
    """The layer read for the township's patches by the name QGIS shows it under (the
    county's own, given in gpkg_contents), its table in brackets."""
    edit(master, "UPDATE gpkg_contents SET identifier = '矿山图斑 2024' WHERE table_name = "
                 "'mine_patches'")
    out = tmp_path / "tab-1.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--township", "夏镇") == \
        errors.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        "field-kit: no mine patch in township '夏镇': nothing to cut a package to (none in "
        "矿山图斑 2024 (mine_patches); check it out by --bbox)",
        "field-kit: 乡镇 夏镇 中没有矿山图斑（图层矿山图斑 2024（mine_patches）中没有），无法按乡镇"
        "签出（请用 --bbox 按范围签出）"]
    assert not out.exists()


def test_a_township_its_patches_alone_name_is_one_of_the_countys(master, tmp_path, capsys):
    """A county's own patches may name a township its townships layer lacks: it is cut
    to, and listed with the others where a name is none of theirs."""
    edit(master, "UPDATE mine_patches SET township = '红山口' WHERE township = '博斯坦镇'")
    assert run("checkout", master, tmp_path / "tab-1.gpkg", "--device", "tab-1",
               "--township", "红山") == errors.BAD_INPUT
    assert f"no township is named '红山'; the county's townships: {TOWNS_EN}, 红山口\n" in \
        capsys.readouterr().err
    out = tmp_path / "tab-2.gpkg"
    assert run("checkout", master, out, "--device", "tab-2", "--township",
               "红山口") == errors.OK
    assert patch_townships(out) == {"红山口"}


@pytest.mark.parametrize("named", ["bositan", "Bositan Zhen"])
def test_a_master_built_before_the_pinyin_takes_it_from_the_plan_shipped(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, named):
    """A master whose townships layer predates their pinyin takes it as the plan ships it,
    matched only: the master's layer is left as it was."""
    from field_kit.plan import shipped

    monkeypatch.setattr(shipped, "SHIPPED", plan_gpkg)  # (built from the plan's text)
    edit(master, "UPDATE townships SET aliases = NULL WHERE aliases <> '夏乡'")
    with sqlite3.connect(master) as c:
        before = c.execute("SELECT name_zh, aliases FROM townships ORDER BY fid").fetchall()
    out = tmp_path / "tab-3.gpkg"
    assert run("checkout", master, out, "--device", "tab-3", "--township", named) == \
        errors.OK, capsys.readouterr().err
    assert patch_townships(out) == {"博斯坦镇"}
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT name_zh, aliases FROM townships ORDER BY fid").fetchall() \
            == before
