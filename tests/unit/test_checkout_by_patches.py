# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages of chosen patches (the features selected on the map, or patches named on
the command line): the package holds those patches with their projects and records, not
the other patches lying among them, and stays so at a pull."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_any_table import add_forest

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

# two patches far apart, and one lying in the box around them
CHOSEN = ("C6521232009097120035838001", "ZJ6504222021046001")
BETWEEN = "C6521232009097120035838002"


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def codes(path) -> set[str]:
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT patch_code FROM mine_patches")}


def test_patches_named_are_the_package_s_and_stay_so_at_a_pull(master, tmp_path, capsys,
                                                                chinese_locale):
    (uuid,) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", CHOSEN[1])[0]
    out = tmp_path / "two.gpkg"
    assert run("checkout", master, out, "--device", "tab-2", "--patches",
               f"{CHOSEN[0]},{uuid}") == errors.OK  # by code or by uuid
    said = capsys.readouterr().out
    assert codes(out) == set(CHOSEN)
    assert "cut to the 2 patches chosen, the package holds: mine_patches 2, " in said, said
    assert "按所选的 2 个图斑裁切，数据包中有：历史遗留矿山图斑 2 项，" in said, said
    # a verification of the patch between them, made in the master since, stays out of it;
    # one of a patch chosen comes
    for code, notes in ((BETWEEN, "between"), (CHOSEN[0], "chosen")):
        edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, notes) SELECT "
             "uuid, patch_code, ? FROM mine_patches WHERE patch_code = ?", notes, code)
    assert run("pull", out, master) == errors.OK
    assert codes(out) == set(CHOSEN)
    with sqlite3.connect(out) as c:
        assert {r[0] for r in c.execute("SELECT notes FROM patch_verifications")} == {"chosen"}


def test_patches_none_of_which_is_there_are_refused_by_name(master, tmp_path, capsys,
                                                            chinese_locale):
    out = tmp_path / "none.gpkg"
    assert run("checkout", master, out, "--device", "tab-n", "--patches",
               f"{CHOSEN[0]},CT000") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "no mine patch has the uuid or patch code CT000 (in " in err, err
    assert "图层历史遗留矿山图斑（mine_patches）中没有 uuid 或图斑编号为 CT000 的矿山图斑：" \
        "未签出任何数据包" in err, err  # (the layer in Chinese alone: no "Legacy mine patches")
    assert not out.exists()
    assert run("checkout", master, out, "--device", "tab-n", "--patches", CHOSEN[0],
               "--township", "郭勒布依乡") == errors.BAD_INPUT
    assert "--township 与 --patches 只能给出其一" in capsys.readouterr().err
    assert not out.exists()


def test_a_layer_of_the_county_s_own_is_cut_by_the_box_given_too(master, tmp_path, capsys,
                                                                 chinese_locale):
    """Patches alone leave the county's own layers whole (said); a box given with them
    cuts those layers, not the patches chosen."""
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    assert run("checkout", master, tmp_path / "a.gpkg", "--device", "tab-a", "--patches",
               CHOSEN[0]) == errors.OK
    said = capsys.readouterr().out
    assert "carried whole, the patches chosen keeping only the plan's patches and projects " \
           "and their records: forest_stands (5 features); to cut a layer of the county's " \
           "own, give --bbox too" in said, said
    assert "以下本县自有图层已整层带入（按所选图斑签出只裁切规划的图斑、项目及其记录）" in said
    box = tmp_path / "b.gpkg"
    assert run("checkout", master, box, "--device", "tab-b", "--patches", ",".join(CHOSEN),
               "--bbox", "87.99,42.49,88.015,42.51") == errors.OK
    assert "cut to the 2 patches chosen and the box 87.99,42.49,88.015,42.51, the package " \
           "holds: mine_patches 2, " in capsys.readouterr().out
    assert codes(box) == set(CHOSEN)
    with sqlite3.connect(box) as c:
        assert c.execute("SELECT count(*) FROM forest_stands").fetchone() == (2,)


def stands(path) -> dict[str, str]:
    """stand_id -> uuid of the forest_stands a GeoPackage holds."""
    with sqlite3.connect(path) as c:
        return dict(c.execute("SELECT stand_id, uuid FROM forest_stands"))


def test_features_chosen_of_a_layer_of_the_county_s_own_are_the_package_s_and_stay_so(
        master, tmp_path, capsys, chinese_locale):
    """The stands chosen, not those lying between them in the box, and a pull brings their
    edits, not a stand the master added in the box since."""
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    assert run("checkout", master, tmp_path / "whole.gpkg", "--device", "tab-0") == errors.OK
    uuid = stands(master)  # (tracked, with their uuids, at the first checkout)
    out = tmp_path / "chosen.gpkg"
    capsys.readouterr()
    assert run("checkout", master, out, "--device", "tab-f", "--patches", CHOSEN[0], "--bbox",
               "87.99,42.49,88.05,42.51", "--features",
               f"forest_stands={uuid['F1']},{uuid['F3']}") == errors.OK
    said = capsys.readouterr().out
    assert "cut to the 1 patch chosen and the box 87.99,42.49,88.05,42.51 and 2 features " \
           "of forest_stands chosen, the package holds: mine_patches 1, " in said, said
    assert "forest_stands 2" in said, said
    assert "按所选的 1 个图斑、范围 87.99,42.49,88.05,42.51（西,南,东,北，度）及所选的 " \
           "forest_stands 2 个要素裁切，数据包中有：历史遗留矿山图斑 1 项，" in said, said
    assert set(stands(out)) == {"F1", "F3"}
    assert codes(out) == {CHOSEN[0]}
    edit(master, "UPDATE forest_stands SET species = 'elm' WHERE stand_id IN ('F1', 'F2')")
    edit(master, "INSERT INTO forest_stands (stand_id, species, area_ha, geom) SELECT 'F9', "
         "'elm', 1, geom FROM forest_stands WHERE stand_id = 'F2'")
    assert run("pull", out, master) == errors.OK
    assert set(stands(out)) == {"F1", "F3"}
    with sqlite3.connect(out) as c:
        assert c.execute("SELECT species FROM forest_stands WHERE stand_id = 'F1'").fetchone() \
            == ("elm",)


def test_features_chosen_alone_cut_only_their_layer(master, tmp_path, capsys, chinese_locale):
    """Features chosen with nothing else: every patch, and of the layer named those alone."""
    add_forest(master, tmp_path)
    assert run("checkout", master, tmp_path / "whole.gpkg", "--device", "tab-0") == errors.OK
    uuid = stands(master)
    out = tmp_path / "one.gpkg"
    capsys.readouterr()
    assert run("checkout", master, out, "--device", "tab-1", "--features",
               f"forest_stands={uuid['F4']}") == errors.OK
    said = capsys.readouterr().out
    assert "cut to 1 feature of forest_stands chosen, the package holds: forest_stands 1" \
        in said, said
    assert "按所选的 forest_stands 1 个要素裁切，数据包中有：forest_stands 1 项" in said, said
    assert set(stands(out)) == {"F4"}
    assert codes(out) == codes(master)


def test_features_not_of_the_layer_named_are_refused_by_name(master, tmp_path, capsys,
                                                             chinese_locale):
    add_forest(master, tmp_path)
    assert run("checkout", master, tmp_path / "whole.gpkg", "--device", "tab-0") == errors.OK
    uuid = stands(master)
    (patch,) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", CHOSEN[0])[0]
    out = tmp_path / "none.gpkg"
    capsys.readouterr()
    assert run("checkout", master, out, "--device", "tab-n", "--features",
               f"forest_stands={uuid['F1']},{patch}") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"no feature of forest_stands has the uuid {patch}: nothing was checked out" in err, \
        err
    assert f"图层 forest_stands 中没有 uuid 为 {patch} 的要素：未签出任何数据包" in err, err
    for table, said in (("mine_patches", "mine_patches is the plan's layer, cut by --patches, "
                         "--township or --bbox, not by --features"),
                        ("roads", "roads is not a tracked layer of the master")):
        assert run("checkout", master, out, "--device", "tab-n", "--features",
                   f"{table}={patch}") == errors.BAD_INPUT
        assert said in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:  # (a table without its features)
        run("checkout", master, out, "--device", "tab-n", "--features", "forest_stands")
    assert stopped.value.code == errors.BAD_INPUT
    assert "--features 应为 TABLE=UUID,UUID" in capsys.readouterr().err
    assert not out.exists()
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT count(*) FROM sync_devices WHERE device = 'tab-n'").fetchone() \
            == (0,)
