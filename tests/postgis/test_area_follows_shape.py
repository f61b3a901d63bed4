# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too, a patch's area and centre follow the shape the sync core
writes: a conflict on its shape settled, a shape merged without them; a shape in metres
(EPSG:4526) keeps the values it has, and the command says so. A patch's period follows its
phase as merged."""

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.plan import geometry
from field_kit.plan.derived import derived_values
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, cli_json, export, history_json
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

DERIVED = ("area_m2", "centre_lon", "centre_lat")


@pytest.fixture
def master(database, tmp_path):
    """A PostgreSQL master: (address, the GeoPackage it was published from, a folder)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def square(lon: float, lat: float, d: float) -> bytes:
    ring = [(lon, lat), (lon + d, lat), (lon + d, lat + d), (lon, lat + d), (lon, lat)]
    return geometry.gpkg_blob(geometry.multipolygon_wkb([[ring]]))


def of_shape(blob: bytes) -> dict:
    return derived_values(geometry.blob_wkb(blob), DERIVED)


def in_qgis(pkg, u, blob: bytes) -> None:
    d = of_shape(blob)
    edit(pkg, "UPDATE mine_patches SET geom = ?, area_m2 = ?, centre_lon = ?, centre_lat = ? "
         "WHERE uuid = ?", blob, d["area_m2"], d["centre_lon"], d["centre_lat"], u)


def derived_held(database, u) -> dict:
    (got,) = rows(database, "SELECT area_m2, centre_lon, centre_lat FROM mine_patches WHERE "
                  "uuid = %s", u)
    return dict(zip(DERIVED, got))


def test_a_shape_taken_in_a_conflict_on_postgres_gets_its_area_and_centre(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a, b = checkout(database, tmp, "tab-a"), checkout(database, tmp, "tab-b")
    mine, theirs = square(88.0, 42.5, 0.002), square(88.0, 42.5, 0.003)
    in_qgis(a, u, mine)
    in_qgis(b, u, theirs)
    for pkg in (a, b):
        cli_json(capsys, "merge", database, export(pkg, tmp))
    assert derived_held(database, u) == of_shape(theirs)
    code, listed = cli_json(capsys, "conflicts", database)
    (c,) = [c for c in listed if c["field"] == "geom"]
    capsys.readouterr()
    assert main(["resolve", database, str(c["id"]), "--take", "theirs"]) == errors.OK
    said = capsys.readouterr().out
    assert rows(database, "SELECT ST_Equals(geom, ST_GeomFromWKB(%s, 4490)) FROM mine_patches "
                "WHERE uuid = %s", geometry.blob_wkb(mine), u) == [(True,)]
    assert derived_held(database, u) == of_shape(mine)
    assert "area_m2, centre_lon, centre_lat recomputed from its geometry" in said
    code, changes = history_json(capsys, database, u)
    assert changes[-1]["origin"] == f"resolve:{c['id']}"
    assert {k: changes[-1]["new"][k] for k in DERIVED} == of_shape(mine)
    # made by whoever settled it, as the decision names them ("root (field-kit)")
    code, every = cli_json(capsys, "conflicts", database, "--every")
    (settled,) = [s for s in every if s["id"] == c["id"]]
    assert changes[-1]["by"] == settled["resolved_by"] != changes[-1]["device"]
    # the area and centre conflicts of that edit show what the master holds now
    code, listed = cli_json(capsys, "conflicts", database)
    assert all(c["changed_since"] is None for c in listed) and len(listed) == 3


def test_a_shape_merged_into_postgres_without_its_area_gets_it(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a = checkout(database, tmp, "tab-a")
    before = derived_held(database, u)
    shape = square(88.0, 42.5, 0.002)
    edit(a, "UPDATE mine_patches SET geom = ? WHERE uuid = ?", shape, u)  # QField, ogr2ogr
    code, rep = cli_json(capsys, "merge", database, export(a, tmp))
    assert code == errors.OK
    assert derived_held(database, u) == of_shape(shape)
    assert [d["row"] for d in rep["derived"]] == [u]
    code, changes = history_json(capsys, database, u)
    merge_id = rep["merges"][0]["merge_id"]
    assert (changes[-1]["origin"], changes[-1]["new"]) == (f"merge:{merge_id}",
                                                           of_shape(shape))
    assert main(["undo-merge", database, merge_id]) == errors.OK
    assert derived_held(database, u) == before  # with the shape it had


def test_a_shape_in_metres_settled_on_postgres_keeps_its_area_and_is_said(master, capsys):
    """A layer whose geometry column GIS staff opened to any coordinate system, a shape
    moved there in EPSG:4526 (metres) and one from the field: settling the conflict by
    taking the shape in metres leaves the area and centre, and says so."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a = checkout(database, tmp, "tab-a")
    rows(database, "ALTER TABLE mine_patches ALTER COLUMN geom TYPE geometry USING geom")
    rows(database, "UPDATE mine_patches SET geom = ST_Transform(ST_Translate(geom, 0.0005, 0), "
         "4526) WHERE uuid = %s", u)
    in_qgis(a, u, square(88.0, 42.5, 0.002))  # later than the edit in the database
    cli_json(capsys, "merge", database, export(a, tmp))
    before = derived_held(database, u)
    code, (c,) = cli_json(capsys, "conflicts", database)
    assert c["field"] == "geom"
    capsys.readouterr()
    assert main(["resolve", database, str(c["id"]), "--take", "theirs"]) == errors.OK
    err = capsys.readouterr().err
    assert f"field-kit: warning: mine_patches {u} (P0000000): area_m2, centre_lon, " \
           "centre_lat not recomputed from its geometry: its geometry is not in " \
           "longitude/latitude (SRID:4526" in err
    assert derived_held(database, u) == before


def test_a_phase_merged_into_postgres_without_its_period_gets_it(master, capsys):
    """As into a GeoPackage master (tests/unit/test_period_follows_phase.py)."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    a = checkout(database, tmp, "gis-a")
    edit(a, "UPDATE mine_patches SET phase = '中期', period = '2021-2025年' WHERE uuid = ?", u)
    cli_json(capsys, "merge", database, export(a, tmp))
    b = checkout(database, tmp, "gis-b")
    edit(b, "UPDATE mine_patches SET phase = '远期' WHERE uuid = ?", u)
    code, report = cli_json(capsys, "merge", database, export(b, tmp))
    assert rows(database, "SELECT phase, period FROM mine_patches WHERE uuid = %s", u) == [
        ("远期", "2031-2035年")]
    assert [f["what"] for f in report["codes_followed"] if "period" in f["what"]] == [
        "period of its phase"]
    code, changes = history_json(capsys, database, u)
    assert changes[-1]["new"] == {"period": "2031-2035年"}
