# SPDX-License-Identifier: GPL-2.0-or-later
"""A province's schema of its own layers, without the plan's, made a master: the plan's
figures cannot be read from it, and ``progress`` and ``report`` say which tables it lacks,
in Chinese too."""

import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query


@pytest.fixture
def own(cluster, database):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("CREATE SCHEMA own; CREATE TABLE own.wells (id serial PRIMARY KEY, "
                "name text, working boolean, depth numeric(10,2))", db=db)
    target = cluster.address(db, schema="own")
    assert main(["init", target]) == 0
    return target


@pytest.mark.parametrize("command", [["progress"], ["report", "--out", "r.xlsx"]])
def test_the_plan_s_tables_it_lacks_are_named_in_chinese(own, tmp_path, capsys, monkeypatch,
                                                          command):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main([command[0], own, *command[1:]]) == 2
    said = capsys.readouterr().err
    assert "(schema own) 中没有规划数据：没有表 mine_patches, patch_verifications, " \
        "project_inspections, plan_indicators, project_targets, restoration_projects" in said, \
        said
    assert not (tmp_path / "r.xlsx").exists()
