# SPDX-License-Identifier: GPL-2.0-or-later
"""An import setting a project's figure on one of its patches (its treated area 1.5 km² on
one, 0.33 on the others) wrote it with nothing said, the patches of one project left
disagreeing. It is written as given, as a merge takes it, and warned of as a merge warns of
it: the project, each value and the patches holding it, in English and Chinese."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.test_project_figures_apart import CODES, SAID


def figures_changed(master, path, where: str) -> str:
    """The master's patches written out as a Shapefile (the longer names cut to ten
    characters, as ogr2ogr cuts them), the project's treated area set to 1.5 ``where``."""
    from osgeo import gdal
    gdal.UseExceptions()
    gdal.VectorTranslate(str(path), str(master), layers=["mine_patches"],
                         layerCreationOptions=["ENCODING=UTF-8"])
    ds = gdal.OpenEx(str(path), gdal.OF_UPDATE)
    ds.ExecuteSQL(f"UPDATE {path.stem} SET project_tr = 1.5 WHERE {where}", dialect="SQLite")
    ds = None
    return str(path)


def test_an_import_leaving_a_projects_patches_apart_warns(master, tmp_path, capsys,
                                                          chinese_locale):
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK and "written: updated 1" in out, out + err
    assert f"field-kit: warning: {SAID}" in err.splitlines(), err
    assert ("field-kit: 注意：历史遗留矿山图斑：项目 P1-1 的各图斑所填项目治理面积（平方千米，"
            f"规划）不一致（这是项目的数值，每个图斑都应相同）：0.33（{CODES[0]}、{CODES[2]}）、"
            f"1.5（{CODES[1]}）；已按原样接收，请在该项目的所有图斑上改为同一数值") \
        in err.splitlines(), err


def test_an_import_setting_it_alike_on_all_its_patches_says_nothing(master, tmp_path,
                                                                     capsys):
    src = figures_changed(master, tmp_path / "patches.shp", "project_id = 'P1-1'")
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert code == errors.OK and "written: updated 3" in out, out + err
    assert "disagree" not in err, err


def test_a_dry_run_and_a_run_again_warn_too(master, tmp_path, capsys):
    """A dry run would leave them apart, an import run again leaves them apart still: each
    was silent, only the run writing them warned."""
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    for run in ([], ["--dry-run"], []):
        dry = bool(run)
        code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", *run)
        assert code == errors.OK, out + err
        assert ("dry run: nothing written" if dry else "written: updated 1") in out \
            or "nothing to do: the master already matches the source" in out, out
        assert f"field-kit: warning: {SAID}" in err.splitlines(), (run, err)
    assert "nothing to do" in out, out  # (the last: the source written already)


def test_a_dry_run_would_leave_apart_before_anything_is_written(master, tmp_path, capsys):
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches",
                         "--dry-run")
    assert code == errors.OK and "dry run: nothing written" in out, out + err
    assert f"field-kit: warning: {SAID}" in err.splitlines(), err
    src = figures_changed(master, tmp_path / "alike.shp", "project_id = 'P1-1'")
    err = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")[2]
    assert "disagree" not in err, err


def test_the_warnings_counted_count_the_figures_warned_of(master, tmp_path, capsys,
                                                          chinese_locale):
    """The summary said "warnings 0" above the figures it warned of: a dry run, the import
    and the run again each count them, in English and Chinese."""
    src = figures_changed(master, tmp_path / "patches.shp", f"patch_code = '{CODES[1]}'")
    for run in (["--dry-run"], [], []):
        code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", *run)
        assert code == errors.OK and f"field-kit: warning: {SAID}" in err.splitlines(), err
        assert "errors 0, warnings 1" in out.splitlines(), (run, out)
        assert "错误 0，警告 1" in out.splitlines(), (run, out)
