# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's own PostGIS layers named as a Chinese county bureau names them: a schema named
with a space, a table and columns in Chinese, columns whose names differ in case alone
(Year, year), which a field package cannot hold both of."""

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters
from field_kit.sync.postgis import address
from tests.postgis.cluster import query

LAYERS = """
CREATE SCHEMA "林业 数据";
CREATE TABLE "林业 数据"."林地小班" (id serial PRIMARY KEY, "面积" double precision,
  "林班号" text, "备注 说明" text, "Year" int, geom geometry(Polygon, 4490));
INSERT INTO "林业 数据"."林地小班" ("面积", "林班号", "备注 说明", "Year", geom)
  SELECT i * 1.5, '林班' || i, E'一行\\n二行\\t"引号" 🌲', 2020 + i,
         ST_MakeEnvelope(88.6 + i * 0.01, 42.8, 88.605 + i * 0.01, 42.805, 4490)
  FROM generate_series(1, 3) i;
"""


@pytest.fixture
def bureau(cluster, database):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYERS, db=db)
    return cluster.address(db, schema="X").replace("schema=X", "schema='林业 数据'")


def test_a_schema_named_with_a_space_is_made_a_master(bureau, tmp_path, capsys):
    """init on a schema whose name holds a space (quoted in the address, as libpq takes it)
    tracks its Chinese layer, which a field package carries with its values whole."""
    assert main(["init", bureau]) == 0
    assert "tracked: 林地小班" in capsys.readouterr().out
    pkg = tmp_path / "外业 包" / "张三.gpkg"
    pkg.parent.mkdir()
    masters.checkout(bureau, pkg, "技术员-张三", role="gis")
    conn = connect(pkg, readonly=True)
    try:
        assert conn.execute('SELECT "备注 说明", "Year" FROM "林地小班" WHERE "林班号" = '
                            "'林班2'").fetchone() == ('一行\n二行\t"引号" 🌲', 2022)
    finally:
        conn.close()


def test_columns_differing_in_case_alone_keep_their_table_untracked_by_name(
        bureau, capsys, monkeypatch):
    """A table with Year and year (NAME and name): not tracked, the columns named, in
    Chinese too; the schema's other tables are, and the command is no internal error."""
    query(bureau, 'CREATE TABLE "林业 数据"."年度核查" (id serial PRIMARY KEY, "Year" int, '
          '"year" int, "NAME" text, name text)')
    assert main(["init", bureau]) == 0
    out = capsys.readouterr().out
    assert "tracked: 林地小班" in out, out
    assert "not tracked: 年度核查: columns Year, year; NAME, name differ in the case of their " \
        "letters alone, which a field package (a GeoPackage) takes for one name: rename one " \
        "to track the table" in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["status", bureau]) == 0
    assert "未跟踪：年度核查：字段 Year、year；NAME、name 的名称仅大小写不同，" \
        "外业数据包（GeoPackage）会把它们当作同一个名称：请重命名其中一个后再跟踪该表" \
        in capsys.readouterr().out


def test_tables_differing_in_case_alone_are_left_untracked_by_name(bureau, capsys):
    """Tables Wells and wells in one schema: neither tracked, both named with the reason;
    the schema's other tables are."""
    for table in ("Wells", "wells"):
        query(bureau, f'CREATE TABLE "林业 数据"."{table}" (id serial PRIMARY KEY, 井深 real)')
    assert main(["init", bureau]) == 0
    out = capsys.readouterr().out
    assert "tracked: 林地小班" in out, out
    for table in ("Wells", "wells"):
        assert f"not tracked: {table}: tables Wells, wells differ in the case of their letters " \
            "alone, which a field package (a GeoPackage) takes for one name: rename one to " \
            "track them" in out, out


def test_a_column_added_in_the_database_differing_in_case_alone_is_named(bureau, capsys,
                                                                         monkeypatch):
    """year added in psql beside the tracked Year: the next command names the column and the
    one it clashes with, in Chinese too, and changes nothing (no internal error)."""
    assert main(["init", bureau]) == 0
    query(bureau, 'ALTER TABLE "林业 数据"."林地小班" ADD COLUMN "year" int')
    capsys.readouterr()
    assert main(["status", bureau]) == 8
    err = capsys.readouterr().err
    assert "columns added in PostgreSQL that the sync cannot carry: 林地小班.year (its name " \
        "differs from Year's in the case of its letters alone, which a field package takes " \
        "for one name)" in err, err
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["status", bureau]) == 8
    assert "在 PostgreSQL 中新增的字段无法同步：林地小班.year（名称与 Year 仅大小写不同，" \
        "外业数据包会把它们当作同一个名称）" in capsys.readouterr().err


def test_the_address_suggested_for_a_schema_named_with_a_space_quotes_it(bureau, capsys,
                                                                         monkeypatch):
    """The schema holds no master yet: the hint names it in the addresses that would make it
    one as each takes it, quoted in a keyword string, its space encoded in a postgresql://
    one (typed as it was, the address reads schema 林业 alone), in Chinese
    too; the keyword address suggested reaches that schema."""
    assert main(["status", bureau]) == 2
    err = capsys.readouterr().err
    assert "(postgresql://…?schema=林业%20数据 or service=NAME schema='林业 数据')" in err, err
    assert address.parse("service=NAME schema='林业 数据'")[1] == "林业 数据"
    assert address.parse("postgresql://h/d?schema=林业%20数据")[1] == "林业 数据"
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["status", bureau]) == 2
    assert "（postgresql://…?schema=林业%20数据 或 service=名称 schema='林业 数据'）" in \
        capsys.readouterr().err
