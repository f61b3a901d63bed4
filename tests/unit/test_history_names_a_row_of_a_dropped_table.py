# SPDX-License-Identifier: GPL-2.0-or-later
"""A record naming a row of a table dropped from the master since (a project's target, its
project): history names that row by its uuid, said its table is gone, not deleted, in
English and in Chinese, and goes on to its other changes."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows

INSPECTION = "aaaaaaaa-0000-4000-8000-000000000001"


def inspected_on_a_target(read, write, mark: str = "?") -> tuple[str, str]:
    """An inspection ``INSPECTION`` of a project's target, made by ``write(sql, *args)`` (its
    parameters marked ``mark``) after ``read(sql)``: the target's uuid and its project's."""
    ((target, project, project_id),) = read(
        "SELECT t.uuid, t.project_uuid, p.project_id FROM project_targets t JOIN "
        "restoration_projects p ON p.uuid = t.project_uuid LIMIT 1")
    write("INSERT INTO project_inspections (uuid, project_uuid, project_id, target_uuid, "
          f"completed_quantity, inspected_on) VALUES ({mark}, {mark}, {mark}, {mark}, 1234.5, "
          "'2026-11-30')", INSPECTION, project, project_id, target)
    return target, project


def test_history_names_a_row_of_a_dropped_table_by_its_uuid_its_table_gone(
        master, capsys, monkeypatch):
    target, project = inspected_on_a_target(lambda sql: rows(master, sql),
                                            lambda sql, *args: edit(master, sql, *args))
    for table in ("project_targets", "restoration_projects"):
        edit(master, f"DROP TABLE {table}")
        edit(master, "DELETE FROM gpkg_contents WHERE table_name = ?", table)
    for lang, said in (("en", [f"    target_uuid: {target} (table project_targets gone)",
                               f"    project_uuid: {project} (table restoration_projects gone)",
                               "    completed_quantity: 1,234.5"]),
                       ("zh", [f"    项目目标：{target}（项目目标：表已不存在）",
                               f"    项目：{project}（重点项目：表已不存在）"])):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        code, out, err = cli(capsys, "history", master, INSPECTION)
        # (the master's capture of the tables dropped is not whole: said, exit 8)
        assert code == errors.CAPTURE_BROKEN, out + err
        assert "internal error" not in err, err
        lines = out.splitlines()
        assert [s for s in said if s not in lines] == [], lines
