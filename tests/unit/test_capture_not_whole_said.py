# SPDX-License-Identifier: GPL-2.0-or-later
"""Change capture not whole in a file (a capture trigger dropped by another program) is said
by every command that reads it, not by status alone: log and history, whose change log then
misses the edits made meanwhile, say so and exit 8 as status does, still listing what the
log holds; conflicts, progress, report, check-plan and roles, which read the data as it is
or only the sync's own tables, say it as a warning, their exit codes as they were. In
Chinese a plan layer is named by its title, its table in brackets; a layer of the county's
own by its name."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import cli, history_json, log_json
from tests.unit.gpkg_factory import edit, make_gdal_layer, rows

PATCH = "CT6504222017000026002"
MISSING = "change capture not whole: mine_patches: capture triggers missing"


def drop_update_trigger(path, table: str = "mine_patches") -> None:
    """Drop the table's update capture trigger, as another program may."""
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        (name,), = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
            "'sync\\_%\\_update' ESCAPE '\\' AND tbl_name = ?", (table,)).fetchall()
        conn.execute(f'DROP TRIGGER "{name}"')


@pytest.fixture
def edited(master):
    """The master with a patch edited while capture was whole, then its update trigger on
    the patches dropped and the patch edited again (that edit not logged)."""
    edit(master, "UPDATE mine_patches SET mineral = 'logged' WHERE patch_code = ?", PATCH)
    drop_update_trigger(master)
    edit(master, "UPDATE mine_patches SET mineral = 'unlogged' WHERE patch_code = ?", PATCH)
    return master


def missing_until_repair(path) -> str:
    return ("field-kit: edits made while capture was not whole are missing from the changes "
            f"shown until field-kit repair {path} has looked\n")


@pytest.mark.parametrize("command", ["log", "history"])
def test_log_and_history_say_capture_is_not_whole_and_exit_8(command, edited, capsys,
                                                              monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    code, out, err = cli(capsys, command, edited, *([PATCH] if command == "history" else []))
    assert code == errors.CAPTURE_BROKEN, err
    assert err == f"field-kit: {MISSING}\n" + missing_until_repair(edited), err
    # what the log holds is still listed: the edit made while capture was whole
    assert "mineral: " in out and '"logged"' in out and "unlogged" not in out, out


@pytest.mark.parametrize("command", ["log", "history"])
def test_their_json_names_what_is_wrong_and_is_one_document(command, master, capsys):
    argv = [command, master, *([PATCH] if command == "history" else []), "--json"]
    edit(master, "UPDATE mine_patches SET mineral = 'logged' WHERE patch_code = ?", PATCH)
    code, out, err = cli(capsys, *argv)
    assert (code, err) == (errors.OK, "")
    read = history_json if command == "history" else log_json
    whole = read(out)  # (whole: no problem named)
    assert whole["capture_problems"] == [] and whole["changes"], whole
    drop_update_trigger(master)
    code, out, _ = cli(capsys, *argv)
    assert code == errors.CAPTURE_BROKEN
    assert read(out) == {**whole, "capture_problems": ["mine_patches: capture triggers missing"]}


def test_log_says_it_in_chinese_the_plan_layer_by_its_title(edited, capsys, chinese_locale):
    code, _, err = cli(capsys, "log", edited)
    assert code == errors.CAPTURE_BROKEN
    assert "field-kit: 变更捕获不完整：历史遗留矿山图斑（mine_patches）：记录修改的触发器缺失\n" \
        in err, err
    assert (f"field-kit: 在运行 field-kit repair {edited} 检查之前，变更捕获不完整期间所做的修改"
            "不在所列的变更中\n") in err, err


WARNED = {"conflicts": [], "progress": [], "check-plan": [], "roles": [],
          "report": ["--out", "{tmp}/report.xlsx"]}


@pytest.mark.parametrize("command", sorted(WARNED))
def test_the_commands_reading_the_data_as_it_is_warn_their_exit_code_unchanged(
        command, master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    argv = [command, master, *(a.format(tmp=tmp_path) for a in WARNED[command])]
    whole_code, whole_out, whole_err = cli(capsys, *argv)
    drop_update_trigger(master)
    code, out, err = cli(capsys, *argv)
    assert (code, out) == (whole_code, whole_out)
    assert err == whole_err + (
        f"field-kit: warning: {MISSING}\n"
        "field-kit: warning: this command reads the file as it is, but the sync (export, merge, "
        f"pull) stops until field-kit repair {master} has looked: edits made while capture was "
        "not whole are not in the change log\n"), err


def test_a_layer_of_the_county_s_own_is_named_by_its_name(tmp_path, capsys, chinese_locale):
    stands = make_gdal_layer(tmp_path / "stands.gpkg", 3)
    assert cli(capsys, "init", stands)[0] == errors.OK
    drop_update_trigger(stands, "forest_stands")
    code, _, err = cli(capsys, "roles", stands)
    assert code == errors.OK
    assert "field-kit: 注意：变更捕获不完整：forest_stands：记录修改的触发器缺失\n" in err, err
    assert ("field-kit: 注意：本命令按文件现状读取，但变更捕获不完整期间所做的修改未记入变更日志："
            f"在运行 field-kit repair {stands} 检查之前，同步（export、merge、pull）都会停止\n") \
        in err, err
    assert rows(stands, "SELECT count(*) FROM forest_stands") == [(3,)]


def test_a_layer_renamed_is_to_be_renamed_back_as_status_says(master, capsys,
                                                               chinese_locale):
    """A layer renamed took its triggers along: its edits are kept, under its old name, and
    what is to be done is to rename it back, not repair."""
    with contextlib.closing(sqlite3.connect(master)) as conn, conn:
        conn.execute("ALTER TABLE townships RENAME TO townships2")
    code, _, err = cli(capsys, "log", master)
    assert code == errors.CAPTURE_BROKEN
    assert "field-kit: 变更捕获不完整：乡镇（townships）：已改名为 townships2\n" in err, err
    assert f"field-kit: in {master}, layer townships was renamed townships2: " in err, err
    assert "repair" not in err, err
    code, _, err = cli(capsys, "roles", master)
    assert code == errors.OK
    assert ("field-kit: 注意：本命令按文件现状读取，但在改名的图层改回原名之前，同步（"
            f"export、merge、pull）都会停止（field-kit status {master} 会说明如何改回）\n") \
        in err, err
