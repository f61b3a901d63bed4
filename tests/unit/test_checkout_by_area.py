# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages cut to an area as GIS staff take them: a box within the county that holds
no patch nor any feature of a layer it cuts is said, with where those features lie, not
written as a package like any other."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from tests.unit.test_any_table import add_forest

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def count(path, table: str) -> int:
    with sqlite3.connect(path) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_box_holding_no_patch_says_so_and_where_they_lie(master, tmp_path, capsys,
                                                            chinese_locale):
    """The box meets the county's extent (so no slip of its coordinates is said) but holds
    none of its patches: the package (of the county-wide projects alone) is written and
    the warning says the box holds none, with the extent the patches lie in, in Chinese
    too; a box holding features of a layer of the county's own it cuts says nothing."""
    out = tmp_path / "empty.gpkg"
    assert run("checkout", master, out, "--device", "tab-1", "--bbox",
               "87.5,41.5,87.6,41.6") == errors.OK
    err = capsys.readouterr().err
    assert "field-kit: warning: the box 87.5,41.5,87.6,41.6 (W,S,E,N, degrees) holds no " \
           "feature of mine_patches: the package holds none of them; they lie within " \
           "mine_patches 88.299367,42.714807,88.761612,43.094872\n" in err, err
    assert "field-kit: 注意：范围 87.5,41.5,87.6,41.6（西,南,东,北，度）内没有 历史遗留矿山图斑 " \
           "的任何要素：数据包中一个也没有；这些要素位于 mine_patches " in err, err
    assert count(out, "mine_patches") == 0
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    assert run("checkout", master, tmp_path / "f.gpkg", "--device", "tab-2", "--bbox",
               "87.99,42.49,88.015,42.51") == errors.OK
    assert "holds no feature" not in capsys.readouterr().err
    assert count(tmp_path / "f.gpkg", "forest_stands") == 2
    # none of either: both named, each with its extent
    assert run("checkout", master, tmp_path / "b.gpkg", "--device", "tab-3", "--bbox",
               "87.5,41.5,87.6,41.6") == errors.OK
    assert "holds no feature of mine_patches, forest_stands: the package holds none of " \
           "them; they lie within mine_patches 88.299367,42.714807,88.761612,43.094872; " \
           "forest_stands 88,42.5,88.04,42.5\n" in capsys.readouterr().err


def test_a_checkout_says_what_the_area_kept_of_each_layer_it_cuts(master, tmp_path, capsys,
                                                                   chinese_locale):
    """Cut to a township or a box, a checkout says how many features of each layer it cuts
    the package holds (patches first), in Chinese too: GIS staff see a package of the
    wrong area before handing it over. A stand crossing the box's edge comes whole."""
    import subprocess

    from tests.unit.gpkg_factory import make_gdal_layer
    stands = make_gdal_layer(tmp_path / "stands.gpkg", 10_000)  # 0.001° squares, 0.002° apart
    subprocess.run(["ogr2ogr", "-update", str(master), stands, "forest_stands"], check=True,
                   capture_output=True)
    assert run("checkout", master, tmp_path / "t.gpkg", "--device", "tab-t", "--township",
               "郭勒布依乡") == errors.OK
    out = capsys.readouterr().out
    assert "cut to township 郭勒布依乡, the package holds: mine_patches 4, " \
           "restoration_projects 21, patch_verifications 0, project_inspections 0, " \
           "photos 0\n" in out, out
    assert "按乡镇 郭勒布依乡 裁切，数据包中有：历史遗留矿山图斑 4 项，重点项目 21 项，" \
           "图斑核查记录 0 项，项目检查记录 0 项，照片 0 项\n" in out, out
    box = tmp_path / "b.gpkg"  # five by five stands, those of the edges crossing it
    assert run("checkout", master, box, "--device", "tab-b", "--bbox",
               "88.0005,42.5005,88.0085,42.5085") == errors.OK
    out = capsys.readouterr().out
    assert "cut to the box 88.0005,42.5005,88.0085,42.5085, the package holds: " \
           "mine_patches 0, restoration_projects 19, patch_verifications 0, " \
           "project_inspections 0, photos 0, forest_stands 25\n" in out, out
    assert count(box, "forest_stands") == 25
    assert "按范围 88.0005,42.5005,88.0085,42.5085（西,南,东,北，度）裁切，数据包中有：" \
           "历史遗留矿山图斑 0 项" in out, out


def test_a_box_with_features_chosen_names_only_the_layers_it_holds_none_of(
        master, tmp_path, capsys, chinese_locale):
    """A box around no feature, with stands chosen of the county's own layer: the package
    holds those stands, so the warning names the patches alone, never the stands (it said
    the package held none of them)."""
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    assert run("checkout", master, tmp_path / "whole.gpkg", "--device", "tab-0") == errors.OK
    with sqlite3.connect(master) as c:
        uuid = c.execute("SELECT uuid FROM forest_stands WHERE stand_id = 'F1'").fetchone()[0]
    out = tmp_path / "chosen.gpkg"
    capsys.readouterr()
    assert run("checkout", master, out, "--device", "tab-1", "--bbox", "87.5,41.5,87.6,41.6",
               "--features", f"forest_stands={uuid}") == errors.OK
    err = capsys.readouterr().err
    assert "holds no feature of mine_patches: the package holds none of them; they lie " \
           "within mine_patches 88.299367,42.714807,88.761612,43.094872\n" in err, err
    assert "forest_stands" not in err, err
    assert count(out, "forest_stands") == 1
