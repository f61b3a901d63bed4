# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master published before targets held their unit in English still counts
全县计划完成25个村庄绿化任务 as 25 villages in English, from the plan as shipped."""

from __future__ import annotations

import shutil
import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import column_edits
from tests.unit.cli_run import cli_said


def test_a_master_made_before_counts_villages_in_villages(database, plan_gpkg, tmp_path,
                                                         capsys, monkeypatch):
    src = tmp_path / "plan-before.gpkg"
    shutil.copyfile(plan_gpkg, src)
    column_edits.prepare(src, "project_targets", drop=["unit_en"])
    with sqlite3.connect(src) as conn:
        conn.execute("ALTER TABLE project_targets DROP COLUMN unit_en")
    assert main(["init", database, "--from", str(src)]) == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    code, said = cli_said(capsys, "progress", database)
    assert code == errors.OK, said
    line = next(x for x in said.splitlines() if "Villages greened" in x)
    assert " villages " in line and "sites" not in line, line
