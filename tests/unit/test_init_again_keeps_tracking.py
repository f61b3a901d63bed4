# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init MASTER --tables X` on a master that tracks tables already takes X up beside
them: it never stops tracking the others (their edits in the master, and those of the
packages checked out, would reach no log). `--exclude` naming a table the master tracks is
refused (exit 3), naming it and the devices whose packages hold it. A table it cannot track
keeps its own reason, and a merge of a table the master holds but does not track says how
to take it up."""

from __future__ import annotations

import json
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.sync import registry, triggers
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows


@pytest.fixture
def checked_out(master, tmp_path, capsys):
    """The plan's master and a GIS package of it, of device gis-1."""
    pkg = tmp_path / "gis-1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")[0] == \
        errors.OK
    return master, pkg


def not_tracked(capsys, path) -> dict[str, str]:
    code, out, err = cli(capsys, "status", path, "--json")
    assert code == errors.OK, err
    return json.loads(out)["not_tracked"]


def test_tables_named_are_taken_up_beside_those_tracked(checked_out, tmp_path, capsys):
    master, pkg = checked_out
    code, out, err = cli(capsys, "init", master, "--tables", "plan_meta")
    assert code == errors.OK, out + err
    assert "  tracked: mine_patches" in out.splitlines(), out
    assert "taken up, beside the tables tracked already: plan_meta" in out.splitlines(), out
    assert "not chosen" not in out, out
    assert set(not_tracked(capsys, master)) == {"layer_styles"}
    # an edit made in the master since is logged, and a pull brings it to the package
    code_ = rows(master, "SELECT patch_code FROM mine_patches LIMIT 1")[0][0]
    edit(master, "UPDATE mine_patches SET mineral = 'edited in QGIS' WHERE patch_code = ?",
         code_)
    assert cli(capsys, "pull", pkg, master)[0] == errors.OK
    assert rows(pkg, "SELECT mineral FROM mine_patches WHERE patch_code = ?", code_) == [
        ("edited in QGIS",)]


def test_in_chinese_too(checked_out, capsys, chinese_locale):
    master, _ = checked_out
    code, out, err = cli(capsys, "init", master, "--tables", "plan_meta")
    assert code == errors.OK, out + err
    assert "已开始跟踪（原已跟踪的表照旧跟踪）：plan_meta" in out.splitlines(), out


def test_leaving_out_a_tracked_table_is_refused(checked_out, capsys, chinese_locale):
    master, _ = checked_out
    before = master.read_bytes()
    code, out, err = cli(capsys, "init", master, "--exclude", "mine_patches,plan_meta,townships")
    assert code == errors.REFUSED, out + err
    assert err.splitlines() == [
        f"field-kit: {master} tracks townships, mine_patches: init does not stop tracking a "
        "table (edits made in it from then on would be logged nowhere; the packages of gis-1 "
        "hold them, whose edits of them would no longer reach the master); nothing was "
        "changed",
        f"field-kit: {master} 正在跟踪 townships、mine_patches：初始化不会停止跟踪已跟踪的表（此后"
        "对其所作的修改将不再记入日志；gis-1 的数据包中有这些表，其修改将无法再合并到主库）；"
        "未作任何更改"], err
    assert master.read_bytes() == before


def test_with_no_package_out_it_is_refused_all_the_same(master, capsys):
    code, out, err = cli(capsys, "init", master, "--exclude", "photos")
    assert code == errors.REFUSED, out + err
    assert err == (f"field-kit: {master} tracks photos: init does not stop tracking a table "
                   "(edits made in it from then on would be logged nowhere); nothing was "
                   "changed\n"), err


def test_a_table_that_cannot_be_tracked_keeps_its_reason(master, capsys):
    with sqlite3.connect(master) as c:
        c.execute("CREATE TABLE notes (code TEXT, said TEXT)")  # (no key at all)
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('notes', 'attributes', 'Notes')")
    assert cli(capsys, "init", master)[0] == errors.OK
    why = "no INTEGER PRIMARY KEY (rows have no stable key)"
    assert not_tracked(capsys, master)["notes"] == why
    code, out, err = cli(capsys, "init", master, "--tables", "plan_meta")
    assert code == errors.OK, out + err
    assert f"  not tracked: notes: {why}" in out.splitlines(), out
    assert not_tracked(capsys, master)["notes"] == why
    code, out, err = cli(capsys, "init", master)  # plan_meta's note is plan_meta's alone
    assert code == errors.OK, out + err
    assert f"  not tracked: notes: {why}" in out.splitlines(), out
    assert "plan_meta holding" not in out, out


def test_the_plans_note_is_plan_metas_alone(master, tmp_path, capsys):
    """Left out by the first init's choice, a layer is not said to be left out as the plan's
    file is built, as plan_meta is."""
    layers = tmp_path / "layers.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(layers), str(master)], check=True,
                   capture_output=True)
    assert cli(capsys, "init", layers, "--exclude", "photos,plan_meta")[0] == errors.OK
    code, out, err = cli(capsys, "init", layers)
    assert code == errors.OK, out + err
    lines = out.splitlines()
    assert ("  not tracked: photos: not chosen at init (left out at an earlier init, whose "
            "choice stands)") in lines, lines
    assert ("  not tracked: plan_meta: not chosen at init (left out at an earlier init, whose "
            "choice stands; the plan's file is built so, plan_meta holding the plan's own "
            "metadata)") in lines, lines


def test_a_merge_of_a_table_held_but_not_tracked_says_how_to_take_it_up(
        checked_out, tmp_path, capsys, chinese_locale):
    """A master an earlier version's init left with a layer untracked that a package holds:
    the merge names the layer as there but not tracked, not as missing."""
    master, pkg = checked_out
    with sqlite3.connect(master) as c, c:
        triggers.drop_triggers(c, "mine_patches")
        registry.untrack(c, "mine_patches", registry.NOT_CHOSEN)
    edit(pkg, "UPDATE mine_patches SET mineral = 'from the field' WHERE rowid = (SELECT "
              "min(rowid) FROM mine_patches)")
    zipped = tmp_path / "c.zip"
    assert cli(capsys, "export", pkg, zipped)[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, zipped)
    assert code == errors.REFUSED, out + err
    err = out + err
    assert ("table mine_patches is in the master but not tracked there: field-kit init MASTER "
            "--tables mine_patches takes it up") in err, err
    assert ("表 mine_patches 在主库中，但主库未跟踪它：运行 field-kit init MASTER --tables "
            "mine_patches 即可跟踪") in err, err
    assert "add the layer" not in err, err
