# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER P1`: a restoration program named by its id, as its projects'
program_id names it, as history names a project by its id; renamed since, by the id it had."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import DEFAULT_TABLES, edit, make_gpkg

PROGRAM = "11111111-1111-4111-8111-111111111111"


def master_with_a_program(tmp_path) -> str:
    master = make_gpkg(tmp_path / "m.gpkg", patches=3, install=False,
                       tables=DEFAULT_TABLES + ("restoration_programs",))
    with sqlite3.connect(master) as conn:
        conn.execute("INSERT INTO restoration_programs (uuid, program_id, name_zh) VALUES "
                     "(?, 'P1', '历史遗留矿山修复工程')", (PROGRAM,))
        conn.execute("UPDATE restoration_projects SET program_id = 'P1', program_uuid = ?",
                     (PROGRAM,))
    assert main(["init", master]) == errors.OK
    return master


def test_history_names_a_program_by_its_id(tmp_path, capsys):
    master = master_with_a_program(tmp_path)
    code, out, err = cli(capsys, "history", master, "P1")
    assert code == errors.OK, out + err
    assert f"P1 is row {PROGRAM} of restoration_programs: no change recorded since it was " \
        "put in the master" in out
    edit(master, "UPDATE restoration_programs SET content = '修复治理' WHERE uuid = ?", PROGRAM)
    code, out, err = cli(capsys, "history", master, "P1")
    assert code == errors.OK and f"P1 is row {PROGRAM} of restoration_programs\n" in out, err
    assert 'content: null -> "修复治理"' in out
    code, out, _ = cli(capsys, "history", master, "P1", "--json")
    assert [(c["row_uuid"], c["new"]) for c in history_json(out)["changes"]] == [
        (PROGRAM, {"content": "修复治理"})]


def test_history_finds_a_program_by_the_id_it_had(tmp_path, capsys, monkeypatch):
    master = master_with_a_program(tmp_path)
    edit(master, "UPDATE restoration_programs SET program_id = 'P9' WHERE uuid = ?", PROGRAM)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "history", master, "P1")
    assert code == errors.OK, out + err
    assert f"P1 is row {PROGRAM} of restoration_programs, renamed since" in out
    assert f"P1 即重点工程的要素 {PROGRAM}（其后已改编码）" in out
    assert '工程编号："P1" -> "P9"' in out  # (the field by its label)


def test_an_id_nothing_holds_is_said_naming_program_ids(tmp_path, capsys, monkeypatch):
    master = master_with_a_program(tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, _, err = cli(capsys, "history", master, "P7")
    assert code == errors.BAD_INPUT
    assert "(history takes a row's uuid, or a patch code, project id or program id, or a " \
        "feature's name): no row holds or held P7" in err
    assert "图斑编号、项目编号、工程编号" in err
