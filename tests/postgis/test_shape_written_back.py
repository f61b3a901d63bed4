# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package checked out of a PostgreSQL master, edited as QGIS edits it: through GDAL,
which writes a feature's whole row back on any edit, the geometry in GDAL's own header and
byte order (the checkout wrote PostGIS's). The shape written back is no edit of it: an
attribute edit carries no geometry, so it neither puts an old shape over a newer one nor is
refused for a column the technician never touched; and a pull compares shapes, not bytes."""

import json

import pytest
from osgeo import ogr

from field_kit.cli.commands import main
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, cli_json, export, in_gpkg, value
from tests.postgis.test_undo_geometry import gdal_moves, wells
from tests.unit.gpkg_factory import gdal_sets, make_gpkg, patch_uuids


@pytest.fixture
def master(database, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def centre(database, u: str) -> tuple:
    got = rows(database, "SELECT round(ST_X(ST_Centroid(geom))::numeric, 6), "
               "round(ST_Y(ST_Centroid(geom))::numeric, 6) FROM mine_patches WHERE uuid = %s", u)
    return tuple(float(v) for v in got[0])


def test_an_attribute_edit_in_qgis_keeps_a_shape_moved_in_the_master_meanwhile(master,
                                                                                  capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "gis-a")
    rows(database, "UPDATE mine_patches SET geom = ST_Translate(geom, 0.01, 0) WHERE uuid = %s",
         u)
    moved = centre(database, u)
    gdal_sets(pkg, "mine_patches", "uuid", u, "mineral", "砂石QGIS")
    assert in_gpkg(pkg, "SELECT count(*) FROM sync_capture WHERE op = 'update'") == 1
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep
    assert rep["merges"][0]["counts"]["applied"] == 1 and \
        rep["merges"][0]["counts"]["conflict"] == 0, rep
    assert value(database, "SELECT mineral FROM mine_patches WHERE uuid = %s", u) == "砂石QGIS"
    assert centre(database, u) == moved
    logged = value(database, "SELECT new FROM sync_changes WHERE origin LIKE 'merge:%%' "
                   "ORDER BY seq DESC LIMIT 1")
    assert set(json.loads(logged)) == {"mineral"}, logged


def test_a_technicians_granted_edit_in_qgis_is_not_refused_for_the_geometry(master, capsys):
    database, _, tmp = master
    gis = checkout(database, tmp, "gis-a")
    wells(gis, tmp)
    assert cli_json(capsys, "merge", database, export(gis, tmp))[0] == 0
    rows(database, "INSERT INTO sync_roles VALUES ('technician', 'wells', 'depth')")
    tech = checkout(database, tmp, "tab-1", role="technician")
    gdal_sets(tech, "wells", "name", "井一", "depth", 20.5)
    code, rep = cli_json(capsys, "merge", database, export(tech, tmp))
    assert code == 0, rep
    assert rep["merges"][0]["counts"]["applied"] == 1, rep
    assert value(database, "SELECT depth FROM wells WHERE name = '井一'") == 20.5


def test_a_pull_takes_a_shape_the_master_moved_after_merging_the_packages_own_move(
        master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "gis-a")
    gdal_moves(pkg, "mine_patches", u, 0.001)
    assert cli_json(capsys, "merge", database, export(pkg, tmp))[0] == 0
    rows(database, "UPDATE mine_patches SET geom = ST_Translate(geom, 0, 0.005) WHERE "
         "uuid = %s", u)
    capsys.readouterr()
    code = main(["pull", str(pkg), database])
    assert code == 0, capsys.readouterr().out
    ds = ogr.Open(str(pkg))
    lyr = ds.GetLayerByName("mine_patches")
    lyr.SetAttributeFilter(f"uuid = '{u}'")
    f = lyr.GetNextFeature()  # (held: the geometry is the feature's)
    c = f.GetGeometryRef().Centroid()
    assert (round(c.GetX(), 6), round(c.GetY(), 6)) == centre(database, u)
    ds = None
    assert in_gpkg(pkg, "SELECT count(*) FROM sync_conflicts") == 0
