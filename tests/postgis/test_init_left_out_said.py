# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init ADDRESS --tables X` again on a PostgreSQL master changes nothing, and says
so by what was chosen: X tracked as chosen, and the tables left out by choice named, the
first ten, the rest counted, with how to take them up; not "tracking every table it can",
which read as if the others could not be tracked. In Chinese too."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import registry
from tests.postgis.cluster import query


def left_out(database) -> list[str]:
    return [t for (t,) in query(database, "SELECT tbl FROM sync_untracked WHERE reason = %s "
                                "ORDER BY tbl", registry.NOT_CHOSEN)]


def refused(capsys, *argv) -> list[str]:
    capsys.readouterr()
    assert main(list(argv)) == errors.REFUSED
    return capsys.readouterr().err.splitlines()


def test_init_again_names_the_tables_chosen_and_those_left_out(database, plan_gpkg,
                                                               tmp_path, capsys,
                                                               monkeypatch):
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src), "--tables", "plan_meta"]) == errors.OK
    left = [t for t in left_out(database) if t != "plan_meta"]
    more = len(left) - registry.NAMED
    assert more > 0, left
    named = ", ".join(left[:registry.NAMED]) + f" and {more} more: name them with --tables " \
        "to track them"
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    said = refused(capsys, "init", database, "--tables", "plan_meta")
    assert said[0] == ("field-kit: schema toksun already holds a master tracking plan_meta, as "
                       f"chosen; left out by choice (not chosen at init): {named}; nothing was "
                       "changed"), said
    assert said[1].startswith("field-kit: 模式 toksun 中已有主库，所选的plan_meta已在跟踪；"
                              "按选择未跟踪（初始化时未选择）：代码表、县域范围、"), said
    assert said[1].endswith(f" 等，另有 {more} 个表：用 --tables 指定即可跟踪；未作任何更改"), said
    said = refused(capsys, "init", database)
    assert said[0] == ("field-kit: schema toksun already holds a master tracking every table it "
                       f"can but those left out by choice (not chosen at init): {named}; nothing "
                       "was changed"), said
    # one it holds as it was published, untracked: taken up, as the line says
    capsys.readouterr()
    assert main(["init", database, "--tables", "mine_patches"]) == errors.OK
    assert "  tracked: mine_patches" in capsys.readouterr().out


def test_tables_of_the_schema_left_out_are_named_to_take_up(cluster, database, capsys):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("CREATE SCHEMA county; CREATE TABLE county.wells (id serial PRIMARY KEY, "
                "name text); CREATE TABLE county.springs (id serial PRIMARY KEY, name text); "
                "CREATE TABLE county.canals (id serial PRIMARY KEY, name text)", db=db)
    county = database.replace("schema=toksun", "schema=county")
    assert main(["init", county, "--tables", "wells"]) == errors.OK
    assert "  not tracked: canals, springs: not chosen at init (left out by choice)" in \
        capsys.readouterr().out
    said = refused(capsys, "init", county)
    assert said == ["field-kit: schema county already holds a master tracking every table it "
                    "can but those left out by choice (not chosen at init): canals, springs: "
                    "name them with --tables to track them; nothing was changed"], said
    assert main(["init", county, "--tables", "springs"]) == errors.OK
    assert "  tracked: springs" in capsys.readouterr().out


def test_init_says_what_it_installed_in_chinese_too(cluster, database, capsys, monkeypatch):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("CREATE SCHEMA county; CREATE TABLE county.wells (id serial PRIMARY KEY, "
                "name text)", db=db)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["init", database.replace("schema=toksun", "schema=county")]) == errors.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [f"change capture installed in PostgreSQL {db} (schema county) on 1 "
                         "table",
                         f"已在 PostgreSQL {db}（模式 county）中安装修改记录，共 1 个表"], lines
