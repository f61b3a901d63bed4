# SPDX-License-Identifier: GPL-2.0-or-later
"""A province's own tables as a province makes them, made a master: column names SQL and
JSON give a meaning of their own, geometry columns without a declared SRID, defaults,
NaN, types the sync cannot carry and keys that refer to other tables' rows."""

from __future__ import annotations

import json

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect, quote
from field_kit.sync import masters, packages
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit

ODD = ['quo"te', "ap'o", "a.b", "x[0]", "$d", "back\\slash"]


@pytest.fixture
def province(cluster, database):
    db = query(database, "SELECT current_database()")[0][0]
    cols = ", ".join(f"{quote(c)} text" for c in ODD)
    cluster.sql(f"""
CREATE SCHEMA prov;
CREATE TABLE prov.odd (id serial PRIMARY KEY, name text, {cols},
  geom geometry(Point, 4490));
INSERT INTO prov.odd (name, {", ".join(map(quote, ODD))}, geom)
  SELECT 'r' || g, {", ".join(f"'v{i} r' || g" for i in range(len(ODD)))},
         ST_SetSRID(ST_MakePoint(88 + g * 0.01, 42.5), 4490)
  FROM generate_series(1, 5) g;
""", db=db)
    return cluster.address(db, schema="prov")


def _pg_values(master, name):
    got = query(master, f"SELECT {', '.join(map(quote, ODD))} FROM odd WHERE name = %s", name)
    return list(got[0]) if got else None


def _values(pkg, name):
    conn = connect(pkg, readonly=True)
    try:
        got = conn.execute(f"SELECT {', '.join(map(quote, ODD))} FROM odd WHERE name = ?",
                           (name,)).fetchone()
    finally:
        conn.close()
    return list(got) if got else None


def test_edits_of_columns_with_odd_names_reach_a_postgresql_master_whole(province, tmp_path,
                                                                         capsys):
    assert main(["init", province]) == 0
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(province, pkg, "gis-1", role="gis")
    cols = ", ".join(map(quote, ODD))
    new = [f'new "{i}" \\ \'.' for i in range(len(ODD))]
    edit(pkg, f"INSERT INTO odd (name, {cols}) VALUES ('n1', {', '.join('?' for _ in ODD)})",
         *new)
    edit(pkg, f"UPDATE odd SET {', '.join(f'{quote(k)} = ?' for k in ODD)} WHERE name = 'r1'",
         *[f"up{i}" for i in range(len(ODD))])
    edit(pkg, "DELETE FROM odd WHERE name = 'r2'")
    edit(pkg, f"UPDATE odd SET {quote(ODD[0])} = 'theirs' WHERE name = 'r3'")
    query(province, f"UPDATE odd SET {quote(ODD[0])} = 'ours' WHERE name = 'r3'")
    query(province, f"UPDATE odd SET {quote(ODD[5])} = 'pulled' WHERE name = 'r4'")
    out = tmp_path / "gis.zip"
    packages.export(pkg, out)
    assert main(["merge", province, str(out)]) == 1
    assert _pg_values(province, "n1") == new
    assert _pg_values(province, "r1") == [f"up{i}" for i in range(len(ODD))]
    assert _pg_values(province, "r2") is None
    assert _pg_values(province, "r3")[0] == "ours"
    capsys.readouterr()
    assert main(["conflicts", province, "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(f["field"], f["ours"], f["theirs"]) for f in found] == [(ODD[0], "ours", "theirs")]
    assert main(["pull", str(pkg), province]) == 0
    assert _values(pkg, "r4")[5] == "pulled"
    assert _values(pkg, "n1") == new
