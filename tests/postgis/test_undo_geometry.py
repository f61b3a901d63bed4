# SPDX-License-Identifier: GPL-2.0-or-later
"""Undoing a merge that wrote geometry: PostGIS gives a shape back as a blob of its own
(another header, another byte order), so what the merge wrote is known by its shape, not
by its bytes; a later edit of the geometry still stops the undo, named."""

import subprocess

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync.changelog import local_time
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, cli_json, export, in_gpkg, value
from tests.unit.gpkg_factory import gdal_moves, make_gpkg, patch_uuids


@pytest.fixture
def master(database, tmp_path):
    """A PostgreSQL master: (address, the GeoPackage it was published from, a folder)."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def wells(pkg, tmp) -> None:
    """A point layer a GIS worker adds with ogr2ogr."""
    (tmp / "wells.csv").write_text("name,depth,lon,lat\n井一,12.5,88.70,42.85\n"
                                   "井二,,88.71,42.86\n井三,3,88.72,42.87\n")
    subprocess.run(["ogr2ogr", "-update", str(pkg), str(tmp / "wells.csv"), "-f", "GPKG",
                    "-nln", "wells", "-a_srs", "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon",
                    "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"],
                   check=True, capture_output=True)


def undo(capsys, target, merge_id):
    capsys.readouterr()
    code = main(["undo-merge", target, merge_id])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_undo_of_a_merge_that_added_a_layer_with_points(master, capsys):
    """The rows of a layer a GIS package added with ogr2ogr are taken out again; the layer
    stays, empty, and undo-merge says so."""
    database, _, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    wells(pkg, tmp)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0 and rep["merges"][0]["layers_added"] == ["wells"], rep
    code, said = undo(capsys, database, rep["merges"][0]["merge_id"])
    assert code == 0, said
    assert "layer wells made by this merge is left, empty" in said
    assert value(database, "SELECT count(*) FROM wells") == 0


def test_undo_of_a_merge_that_added_a_column_says_the_column_is_left(master, capsys):
    """A column a GIS package added (QGIS's Add Field) stays when its merge is undone, its
    values taken out, and undo-merge says so, in English and Chinese."""
    from field_kit.messages_zh import chinese
    from tests.unit.gpkg_factory import edit

    database, _, tmp = master
    pkg = checkout(database, tmp, "gis-c")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN owner_note TEXT")
    edit(pkg, "UPDATE mine_patches SET owner_note = '村集体' WHERE fid = 1")
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0 and rep["merges"][0]["columns_added"] == ["mine_patches.owner_note"], rep
    code, said = undo(capsys, database, rep["merges"][0]["merge_id"])
    assert code == 0, said
    assert "column mine_patches.owner_note added by this merge is left" in said, said
    assert "此次合并新增的字段 mine_patches.owner_note 保留" in chinese(said), said
    assert value(database, "SELECT count(owner_note) FROM mine_patches") == 0


def test_undo_of_a_gdal_written_geometry_edit(master, capsys):
    """A plan layer's geometry a GIS worker moved (written by GDAL, with an envelope) is put
    back by the undo."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    before = value(database, "SELECT ST_AsText(geom) FROM mine_patches WHERE uuid = %s", u)
    pkg = checkout(database, tmp, "gis-a")
    gdal_moves(pkg, "mine_patches", u, 0.001)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0 and rep["merges"][0]["counts"]["applied"] == 1, rep
    assert value(database, "SELECT ST_AsText(geom) FROM mine_patches WHERE uuid = %s",
                 u) != before
    code, said = undo(capsys, database, rep["merges"][0]["merge_id"])
    assert code == 0, said
    assert value(database, "SELECT ST_AsText(geom) FROM mine_patches WHERE uuid = %s",
                 u) == before


def test_a_later_edit_of_the_geometry_still_stops_the_undo_by_name(master, capsys):
    """An edit of the geometry in the database after the merge (psql) blocks the undo,
    named by who made it, not by an earlier undo of another merge of the same row."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "gis-a")
    gdal_moves(pkg, "mine_patches", u, 0.001)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    first = rep["merges"][0]["merge_id"]
    assert undo(capsys, database, first)[0] == 0
    assert main(["pull", str(pkg), database]) == 0
    gdal_moves(pkg, "mine_patches", u, 0.002)
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0 and rep["merges"][0]["counts"]["applied"] == 1, rep
    rows(database, "UPDATE mine_patches SET geom = ST_Translate(geom, 0, 0.001) WHERE "
         "uuid = %s", u)
    device, at = rows(database, "SELECT device, at FROM sync_changes ORDER BY seq DESC "
                      "LIMIT 1")[0]
    moved = value(database, "SELECT ST_AsText(geom) FROM mine_patches WHERE uuid = %s", u)
    code, said = undo(capsys, database, rep["merges"][0]["merge_id"])
    assert code == errors.REFUSED, said
    # (the patch by its layer's title and code, the time in local time, as History shows)
    code = value(database, "SELECT patch_code FROM mine_patches WHERE uuid = %s", u)
    assert f"Legacy mine patches {code} (Geometry, changed by {device} at " \
        f"{local_time(at)})" in said, said
    assert "undoing merge" not in said
    assert value(database, "SELECT ST_AsText(geom) FROM mine_patches WHERE uuid = %s",
                 u) == moved


def test_geopackage_master_undoes_a_gdal_written_geometry_edit(tmp_path, capsys):
    """The same on a GeoPackage master."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", src]) == 0
    u = patch_uuids(src)[0]
    before = in_gpkg(src, "SELECT hex(geom) FROM mine_patches WHERE uuid = ?", u)
    pkg = checkout(src, tmp_path, "gis-a")
    gdal_moves(pkg, "mine_patches", u, 0.001)
    wells(pkg, tmp_path)
    code, rep = cli_json(capsys, "merge", src, export(pkg, tmp_path))
    assert code == 0 and rep["merges"][0]["counts"]["applied"] == 4, rep
    code, said = undo(capsys, src, rep["merges"][0]["merge_id"])
    assert code == 0, said
    assert "layer wells made by this merge is left, empty" in said
    assert in_gpkg(src, "SELECT hex(geom) FROM mine_patches WHERE uuid = ?", u) == before
    assert in_gpkg(src, "SELECT count(*) FROM wells") == 0
