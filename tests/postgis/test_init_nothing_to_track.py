# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init ADDRESS --tables X` again on a PostgreSQL master, where no table named can
be tracked, took up nothing and said "installed … on 0 tables", exit 0: it is refused, each
table named with why (kept so for status), exit 2, as a GeoPackage master refuses it. A
first init says only the tables named, not those it left out for them. In Chinese too."""

from __future__ import annotations

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.cluster import query

NO_KEY = "no single-column integer primary key (rows have no stable key)"


def county(cluster, database) -> str:
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("CREATE SCHEMA county; CREATE TABLE county.wells (id serial PRIMARY KEY, "
                "name text); CREATE TABLE county.notes (code text PRIMARY KEY, said text); "
                "CREATE VIEW county.well_names AS SELECT name FROM county.wells", db=db)
    return database.replace("schema=toksun", "schema=county")


def said(capsys) -> list[str]:
    out, err = capsys.readouterr()
    assert not out, out
    return err.splitlines()


def test_init_again_naming_only_tables_it_cannot_track_is_refused(cluster, database, capsys,
                                                                   monkeypatch):
    master = county(cluster, database)
    assert main(["init", master, "--tables", "wells"]) == errors.OK
    untracked = "SELECT tbl, reason FROM county.sync_untracked ORDER BY tbl"
    assert query(database, untracked) == [("notes", "not chosen at init"),
                                          ("well_names", "a view: change capture needs a table "
                                                         "(edit the tables it reads)")]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["init", master, "--tables", "notes"]) == errors.BAD_INPUT
    assert said(capsys) == [
        f"field-kit: no table of schema county can be tracked: notes: {NO_KEY}; none was "
        "tracked (field-kit status names each with why)",
        "field-kit: 模式 county 中没有可跟踪的表：notes：没有单列整数主键（要素没有稳定的键）；"
        "未跟踪任何表（field-kit status 会列出各表及原因）"]
    assert ("notes", NO_KEY) in query(database, untracked)
    assert query(database, "SELECT tbl FROM county.sync_tables") == [("wells",)]


def test_a_first_init_names_only_the_tables_asked_for(cluster, database, capsys,
                                                      monkeypatch):
    master = county(cluster, database)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["init", master, "--tables", "notes"]) == errors.BAD_INPUT
    assert said(capsys) == [
        f"field-kit: no table of schema county can be tracked: notes: {NO_KEY}; nothing was "
        "changed",
        "field-kit: 模式 county 中没有可跟踪的表：notes：没有单列整数主键（要素没有稳定的键）；"
        "未作任何更改"]
