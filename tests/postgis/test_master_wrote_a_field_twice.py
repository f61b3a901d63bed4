# SPDX-License-Identifier: GPL-2.0-or-later
"""The master saved one field of a project twice ("A", then "B") while a field package holds
its own unsent edit of it: the pull keeps the package's value in one conflict, naming what
the master holds now ("B"), not one for each save; and merged, that edit meets the master's
present value in one conflict. On a GeoPackage master and on a PostgreSQL one."""

import json

import pytest

from tests.postgis.cluster import query
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows

PROJECT = "P1-1"


@pytest.fixture(params=["gpkg", "postgres"])
def either(request):
    """A master of each kind, and a write to its tables as a user would."""
    if request.param == "gpkg":
        m = request.getfixturevalue("master")
        return m, lambda sql, *args: edit(m, sql, *args)
    m = request.getfixturevalue("plan_database")
    return m, lambda sql, *args: query(m, sql.replace("?", "%s"), *args)


def test_one_conflict_naming_the_value_the_master_holds_now(either, tmp_path, capsys,
                                                             monkeypatch):
    master, write = either
    pkg = tmp_path / "gis-1.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == 0, said
    (row,), = rows(pkg, "SELECT uuid FROM restoration_projects WHERE project_id = ?", PROJECT)
    edit(pkg, "UPDATE restoration_projects SET name_en = 'mine' WHERE uuid = ?", row)
    for name in ("A", "B"):  # two saves in the master
        write("UPDATE restoration_projects SET name_en = ? WHERE uuid = ?", name, row)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == 1, said
    assert "conflicts 1 to settle in 1 change" in said, said
    assert said.count("  conflict: ") == 1, said
    assert 'name_en: the package keeps "mine", the master holds "B"' in said, said
    assert '"A"' not in said, said
    assert "1 change met a conflict on a field a later change of the master wrote again: " \
        "the conflict listed is the later one's, with the value the master holds now" in said
    assert "1 项修改曾在某字段上遇到冲突，该字段随后又被主库较晚的修改写入" in said, said
    code, said = cli_said(capsys, "conflicts", pkg, "--json")
    listed = json.loads(said)
    assert [(c["field"], c["ours"], c["theirs"]) for c in listed] == \
        [("name_en", "mine", "B")], said
    # (from where the package's edit started: the value checked out)
    (started,), = rows(pkg, "SELECT old FROM sync_changes WHERE "
                       "origin = 'local' AND row_uuid = ?", row)
    assert listed[0]["ancestor"] == json.loads(started)["name_en"], said
    # merged, the package's edit meets the master's present value once
    z = tmp_path / "gis-1.zip"
    code, said = cli_said(capsys, "export", pkg, z)
    assert code == 0, said
    code, said = cli_said(capsys, "merge", master, z)
    assert code == 1, said
    code, said = cli_said(capsys, "conflicts", master, "--json")
    listed = json.loads(said)
    assert sorted((c["field"], c["ours"], c["theirs"]) for c in listed) in (
        [("name_en", "B", "mine")], [("name_en", "mine", "B")]), said


def test_a_later_pull_s_conflict_on_the_field_stands_for_the_earlier_one(either, tmp_path,
                                                                         capsys):
    """A pull between the two saves kept the package's value against "A"; the next, against
    "B", leaves the package one conflict on the field, naming "B"."""
    master, write = either
    pkg = tmp_path / "tab-1.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "tab-1")
    assert code == 0, said
    (row,), = rows(pkg, "SELECT uuid FROM restoration_projects WHERE project_id = ?", PROJECT)
    edit(pkg, "UPDATE restoration_projects SET name_en = 'mine' WHERE uuid = ?", row)
    for name in ("A", "B"):
        write("UPDATE restoration_projects SET name_en = ? WHERE uuid = ?", name, row)
        code, said = cli_said(capsys, "pull", pkg, master)
        assert code == 1 and "conflicts 1 to settle in 1 change" in said, said
        assert f'name_en: the package keeps "mine", the master holds "{name}"' in said, said
    code, said = cli_said(capsys, "conflicts", pkg, "--json")
    listed = json.loads(said)
    assert [(c["field"], c["ours"], c["theirs"]) for c in listed] == \
        [("name_en", "mine", "B")], said
    (started,), = rows(pkg, "SELECT old FROM sync_changes WHERE origin = 'local' AND "
                       "row_uuid = ?", row)
    assert listed[0]["ancestor"] == json.loads(started)["name_en"], said
    code, said = cli_said(capsys, "conflicts", pkg)
    assert said.startswith("1 open conflict in 1 pull: restoration_projects 1"), said
