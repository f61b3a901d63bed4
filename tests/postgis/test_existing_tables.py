# SPDX-License-Identifier: GPL-2.0-or-later
"""A province's own PostGIS layers, made a master where they are: capture installed on the
tables a schema holds, without publishing anything."""

import json

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters, packages
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import _square, edit

LAYERS = """
CREATE SCHEMA forestry;
CREATE TABLE forestry.forest_stands (id serial PRIMARY KEY, stand_id varchar(12),
  species text, area_ha double precision, surveyed date, checked boolean,
  geom geometry(MultiPolygon, 4490));
INSERT INTO forestry.forest_stands (stand_id, species, area_ha, surveyed, checked, geom)
  SELECT 'S' || i, 'poplar', i * 1.5, DATE '2024-06-01', i % 2 = 0,
         ST_Multi(ST_MakeEnvelope(89 + i * 0.01, 42.5, 89.005 + i * 0.01, 42.505, 4490))
  FROM generate_series(1, 20) i;
CREATE TABLE forestry.grazing_notes (note_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  note text);
INSERT INTO forestry.grazing_notes (note) VALUES ('spring'), ('autumn');
CREATE TABLE forestry.no_key (name text);
CREATE TABLE forestry.fixed_key (id integer PRIMARY KEY, name text);
CREATE TABLE forestry.odd_type (id serial PRIMARY KEY, tags text[]);
CREATE TABLE forestry.typed_uuid (id serial PRIMARY KEY, uuid uuid);
CREATE VIEW forestry.poplar_stands AS SELECT * FROM forestry.forest_stands
  WHERE species = 'poplar';
"""


@pytest.fixture
def forestry(cluster, database):
    db = query(database, "SELECT current_database()")[0][0]
    cluster.sql(LAYERS, db=db)
    return cluster.address(db, schema="forestry")


def test_init_installs_capture_on_the_tables_a_schema_holds(forestry, capsys):
    assert main(["init", forestry]) == 0
    out = capsys.readouterr().out
    assert "tracked: forest_stands" in out and "tracked: grazing_notes" in out
    assert "not tracked: no_key: no single-column integer primary key" in out
    assert "not tracked: fixed_key: its primary key id has no default" in out
    assert "not tracked: odd_type: column tags is of type text[]" in out
    assert "not tracked: typed_uuid: its uuid column is of type uuid" in out
    assert "not tracked: poplar_stands: a view, not a table" in out
    # every row has a uuid, the layer's own columns and values are untouched
    assert query(forestry, "SELECT count(*), count(DISTINCT uuid) FROM forest_stands") == \
        [(20, 20)]
    assert query(forestry, "SELECT stand_id, area_ha, surveyed::text, checked FROM "
                 "forest_stands WHERE id = 2") == [("S2", 3.0, "2024-06-01", True)]
    capsys.readouterr()
    assert main(["init", forestry]) == 3  # a master already, tracking all it can
    assert "already holds a master" in capsys.readouterr().err


def test_a_table_left_out_at_init_stays_out_until_named(forestry, tmp_path, capsys):
    assert main(["init", forestry, "--tables", "forest_stands"]) == 0
    capsys.readouterr()
    assert main(["status", forestry, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_tracked"]["grazing_notes"] == \
        "not chosen at init"
    assert query(forestry, "SELECT count(*) FROM information_schema.columns WHERE "
                 "table_name = 'grazing_notes' AND column_name = 'uuid'") == [(0,)]
    assert main(["init", forestry, "--tables", "grazng_notes"]) == 2  # a typo: named
    assert "no such table in schema forestry: grazng_notes" in capsys.readouterr().err
    assert main(["init", forestry, "--tables", "grazing_notes"]) == 0
    assert "tracked: grazing_notes" in capsys.readouterr().out
    # a view made later is named by the next command, as a table would be
    query(forestry, "CREATE MATERIALIZED VIEW stand_areas AS SELECT species, sum(area_ha) "
          "FROM forest_stands GROUP BY species")
    assert main(["status", forestry, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_tracked"]["stand_areas"] == \
        "a materialized view, not a table"


def test_an_existing_layer_round_trips_through_a_field_package(forestry, tmp_path, capsys):
    assert main(["init", forestry]) == 0
    uuid = query(forestry, "SELECT uuid FROM forest_stands WHERE id = 3")[0][0]
    query(forestry, "UPDATE forest_stands SET species = 'elm' WHERE id = 3")  # in QGIS
    pkg = tmp_path / "gis.gpkg"
    masters.checkout(forestry, pkg, "gis-1", role="gis")
    conn = connect(pkg, readonly=True)
    assert conn.execute("SELECT species, surveyed, checked FROM forest_stands WHERE uuid = ?",
                        (uuid,)).fetchone() == ("elm", "2024-06-01", 0)
    conn.close()
    edit(pkg, "UPDATE forest_stands SET area_ha = 99.5, checked = 1, geom = ? WHERE uuid = ?",
         _square(89.5, 42.6), uuid)
    edit(pkg, "INSERT INTO forest_stands (stand_id, species, surveyed) VALUES "
         "('NEW', 'saxaul', '2025-05-05')")
    edit(pkg, "DELETE FROM grazing_notes WHERE note = 'spring'")
    out = tmp_path / "gis.zip"
    packages.export(pkg, out)
    capsys.readouterr()
    assert main(["merge", forestry, str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["applied"] == 3
    assert query(forestry, "SELECT species, area_ha, checked, round(ST_XMin(geom)::numeric, 3) "
                 "FROM forest_stands WHERE id = 3") == [("elm", 99.5, True, 89.5)]
    new = query(forestry, "SELECT id, surveyed::text, uuid IS NOT NULL FROM forest_stands "
                "WHERE stand_id = 'NEW'")
    assert new == [(21, "2025-05-05", True)]  # numbered by the table's own sequence
    assert query(forestry, "SELECT note FROM grazing_notes") == [("autumn",)]
    history = masters.history(forestry, uuid)
    assert [h["origin"].split(":")[0] for h in history] == ["local", "merge"]


def test_tables_whose_names_a_geopackage_or_the_sync_reserves_are_named_at_init(
        forestry, capsys):
    query(forestry, "CREATE TABLE sqlite_notes (id serial PRIMARY KEY, note text); "
          "CREATE TABLE sync_points (id serial PRIMARY KEY, note text)")
    assert main(["init", forestry]) == 0
    out = capsys.readouterr().out
    assert "tracked: forest_stands" in out
    assert "not tracked: sqlite_notes: its name is reserved in a GeoPackage" in out
    assert "not tracked: sync_points: its name is reserved for the sync's own tables" in out
    assert main(["status", forestry]) == 0


def test_plan_commands_on_a_master_without_the_plan_name_its_address(forestry, tmp_path,
                                                                      capsys):
    assert main(["init", forestry]) == 0
    for argv in (["progress", forestry], ["check-plan", forestry],
                 ["report", forestry, "--out", str(tmp_path / "r.xlsx")],
                 ["checkout", forestry, str(tmp_path / "t.gpkg"), "--device", "t",
                  "--township", "博斯坦镇"]):
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "PostgreSQL " in err and ".forestry " in err and "toksun-stage" not in err, err
    assert not list(tmp_path.iterdir())
