# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's own PostGIS layers named as a Chinese county bureau names them: a schema named
with a space, a table and columns in Chinese."""

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters
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

