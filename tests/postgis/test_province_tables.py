# SPDX-License-Identifier: GPL-2.0-or-later
"""A province's own tables as a province makes them, made a master: column names SQL and
JSON give a meaning of their own, geometry columns without a declared SRID, defaults,
NaN, types the sync cannot carry and keys that refer to other tables' rows."""

from __future__ import annotations

import json
import subprocess

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect, quote
from field_kit.sync import masters, package_export
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
    package_export.export(pkg, out)
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


def _schema(cluster, database, text):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql("CREATE SCHEMA prov; SET search_path = prov, public; " + text, db=db)
    return cluster.address(db, schema="prov")


def _init(master, capsys) -> str:
    capsys.readouterr()
    assert main(["init", master]) == 0
    return capsys.readouterr().out


def test_a_geometry_column_without_a_declared_srid_takes_its_rows_srid(cluster, database,
                                                                       tmp_path, capsys):
    master = _schema(cluster, database, """
CREATE TABLE parent (id serial PRIMARY KEY, name text, geom geometry);
INSERT INTO parent (name, geom) SELECT 'p' || g, ST_SetSRID(ST_MakePoint(88 + g * 0.001,
  42.5), 4490) FROM generate_series(1, 5) g;
CREATE TABLE mixed (id serial PRIMARY KEY, geom geometry);
INSERT INTO mixed (geom) VALUES (ST_SetSRID(ST_MakePoint(88, 42), 4490)),
  (ST_SetSRID(ST_MakePoint(88, 42), 4326));
CREATE TABLE unknown (id serial PRIMARY KEY, geom geometry);
INSERT INTO unknown (geom) VALUES (NULL);
""")
    out = _init(master, capsys)
    assert "tracked: parent" in out
    assert ("not tracked: mixed: geometry column geom declares no SRID and its rows hold "
            "several (4326, 4490)") in out
    assert "not tracked: unknown: geometry column geom declares no SRID and no row holds one" \
        in out
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis-1", role="gis")
    conn = connect(pkg, readonly=True)
    assert conn.execute("SELECT g.srs_id, s.organization_coordsys_id FROM "
                        "gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s USING (srs_id) "
                        "WHERE table_name = 'parent'").fetchone() == (4490, 4490)
    conn.close()
    src = tmp_path / "new.csv"
    src.write_text('WKT,name\n"POINT (88.5 42.6)",ogr\n')
    subprocess.run(["ogr2ogr", "-update", "-append", "-f", "GPKG", str(pkg), str(src), "-nln",
                    "parent", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO"],
                   check=True, capture_output=True)
    out = tmp_path / "gis.zip"
    package_export.export(pkg, out)
    assert main(["merge", master, str(out)]) == 0
    assert query(master, "SELECT ST_SRID(geom), ST_AsText(geom) FROM parent WHERE name = "
                 "'ogr'") == [(4490, "POINT(88.5 42.6)")]


def test_a_columns_constant_default_fills_a_package_insert_that_leaves_it_out(
        cluster, database, tmp_path, capsys):
    master = _schema(cluster, database, """
CREATE TABLE plots (id serial PRIMARY KEY, name text, def text NOT NULL DEFAULT 'dflt',
  n integer NOT NULL DEFAULT 7, flag boolean DEFAULT true, at timestamptz DEFAULT now());
INSERT INTO plots (name) VALUES ('a');
""")
    assert "tracked: plots" in _init(master, capsys)
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "INSERT INTO plots (name) VALUES ('from the field')")  # as QGIS or sqlite3
    out = tmp_path / "gis.zip"
    package_export.export(pkg, out)
    assert main(["merge", master, str(out)]) == 0
    assert query(master, "SELECT def, n, flag FROM plots WHERE name = 'from the field'") == [
        ("dflt", 7, True)]


def test_init_names_every_column_the_sync_cannot_carry(cluster, database, capsys):
    master = _schema(cluster, database, """
CREATE TYPE mood AS ENUM ('good', 'bad');
CREATE TABLE t_types (id serial PRIMARY KEY, ok text, tm time, iv interval, e mood,
  j jsonb, arr text[], n numeric, gen numeric GENERATED ALWAYS AS (n * 2) STORED);
""")
    assert main(["init", master]) == 2  # nothing else to track
    said = capsys.readouterr().err
    assert ("t_types: columns e (mood), j (jsonb), arr (text[]) are of types the sync does "
            "not carry; column gen is generated by the database") in said


def test_nan_travels_as_empty_by_one_rule_and_is_named(cluster, database, tmp_path, capsys):
    master = _schema(cluster, database, """
CREATE TABLE m (id serial PRIMARY KEY, name text, r real, d double precision, n numeric);
INSERT INTO m (name, r, d, n) VALUES ('a', 'NaN', 1.5, 2), ('b', 2.5, 'NaN', 'NaN'),
  ('c', 3.5, 3, 3);
""")
    capsys.readouterr()
    assert main(["init", master]) == 0
    said = "m: NaN in r (rows id 1); d (rows id 2); n (rows id 2): a GeoPackage cannot hold NaN"
    assert said in capsys.readouterr().err
    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", master, str(pkg), "--device", "gis-1", "--role", "gis"]) == 0
    assert said in capsys.readouterr().err
    conn = connect(pkg, readonly=True)
    assert conn.execute("SELECT typeof(r), typeof(d), typeof(n) FROM m ORDER BY id").fetchall() \
        == [("null", "real", "real"), ("real", "null", "null"), ("real", "real", "real")]
    conn.close()
    query(master, "UPDATE m SET d = 'NaN', r = 'NaN' WHERE name = 'c'")  # in QGIS or psql
    assert main(["pull", str(pkg), master]) == 0  # names the rows it brings (the checkout
    assert "m: NaN in r (rows id 3); d (rows id 3)" in capsys.readouterr().err  # the others)
    conn = connect(pkg, readonly=True)
    assert conn.execute("SELECT typeof(r), typeof(d) FROM m WHERE name = 'c'").fetchone() == (
        "null", "null")
    conn.close()
    edit(pkg, "UPDATE m SET name = 'a2' WHERE name = 'a'")  # the NaN row edited elsewhere
    package_export.export(pkg, tmp_path / "gis.zip")
    assert main(["merge", master, str(tmp_path / "gis.zip")]) == 0
    assert query(master, "SELECT name, r::text FROM m WHERE id = 1") == [("a2", "NaN")]


def test_a_foreign_key_to_a_numbered_key_is_named_by_init_and_status(cluster, database,
                                                                     capsys):
    master = _schema(cluster, database, """
CREATE TABLE parent (id serial PRIMARY KEY, name text);
CREATE TABLE child (id serial PRIMARY KEY, parent_id int REFERENCES parent (id), note text);
INSERT INTO parent (name) VALUES ('p'); INSERT INTO child (parent_id, note) VALUES (1, 'c');
""")
    capsys.readouterr()
    assert main(["init", master]) == 0
    said = ("child.parent_id refers to parent.id, a key each copy numbers for itself: a row a "
            "field package inserts into parent gets another id in the master")
    assert said in capsys.readouterr().err
    assert main(["status", master]) == 0
    assert f"warning: {said}" in capsys.readouterr().out
    assert main(["status", master, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["key_references"][0].startswith(said)


def test_nan_and_key_warnings_are_said_in_chinese_too(cluster, database, tmp_path, capsys,
                                                      monkeypatch):
    master = _schema(cluster, database, """
CREATE TABLE parent (id serial PRIMARY KEY, name text, r real);
CREATE TABLE child (id serial PRIMARY KEY, parent_id int REFERENCES parent (id), note text);
INSERT INTO parent (name, r) VALUES ('p', 'NaN'); INSERT INTO child (parent_id, note)
  VALUES (1, 'c');
""")
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["init", master]) == 0
    err = capsys.readouterr().err
    assert "field-kit: 注意：parent 中有 NaN（非数值）：r（要素 id 1）；GeoPackage 不能保存 NaN" \
        in err, err
    assert "field-kit: 注意：child.parent_id 引用 parent.id，而该主键在每个副本中各自编号" in err


def test_a_layer_without_a_declared_srid_keeps_its_shapes_in_its_rows_system(
        cluster, database, tmp_path, capsys):
    """As a declared column would: a shape of no system is taken to be in the layer's, one
    in another system is refused by name, where an editor writes it; an earlier version's
    master gets the rule from the next command."""
    import psycopg2.errors

    from field_kit.plan.geometry import blob_srs_id
    from field_kit.sync.postgis import sql
    master = _schema(cluster, database, """
CREATE TABLE parcels (id serial PRIMARY KEY, name text, geom geometry(Point));
INSERT INTO parcels (name, geom) VALUES ('p1', ST_SetSRID(ST_MakePoint(88.1, 42.5), 4490));
CREATE TABLE declared (id serial PRIMARY KEY, geom geometry(Point, 4490));
""")
    assert "tracked: parcels" in _init(master, capsys)
    query(master, "INSERT INTO parcels (name, geom) VALUES ('bare', ST_MakePoint(88.2, 42.6))")
    with pytest.raises(psycopg2.errors.InvalidParameterValue) as got:
        query(master, "INSERT INTO parcels (name, geom) VALUES ('gk', ST_SetSRID("
              "ST_MakePoint(500000, 4700000), 4526))")
    assert "Geometry SRID (4526) does not match column SRID (4490)" in str(got.value)
    assert got.value.diag.message_detail.startswith("Layer parcels holds its shapes in SRID "
                                                    "4490")
    with pytest.raises(psycopg2.errors.InvalidParameterValue):
        query(master, "UPDATE parcels SET geom = ST_Transform(geom, 4526) WHERE name = 'p1'")
    assert query(master, "SELECT name, ST_SRID(geom), ST_AsText(geom) FROM parcels ORDER BY "
                 "id") == [("p1", 4490, "POINT(88.1 42.5)"), ("bare", 4490, "POINT(88.2 42.6)")]
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis-1", role="gis")
    conn = connect(pkg, readonly=True)
    assert [(n, blob_srs_id(g)) for n, g in conn.execute(
        "SELECT name, geom FROM parcels ORDER BY id")] == [("p1", 4490), ("bare", 4490)]
    conn.close()
    assert query(master, "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = "
                 "'toksun_srid'") == [("parcels",)]
    # a master whose capture an earlier version installed has no such rule
    query(master, "DROP TRIGGER toksun_srid ON parcels")
    body = query(master, "SELECT pg_get_functiondef('toksun_capture'::regproc)")[0][0]
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(f"SET search_path = prov, public; {body.replace(sql.VERSION, 'an earlier')}",
                db=db)
    assert main(["status", master]) == 0
    with pytest.raises(psycopg2.errors.InvalidParameterValue):
        query(master, "INSERT INTO parcels (geom) VALUES (ST_SetSRID(ST_MakePoint(1, 1), 4326))")
