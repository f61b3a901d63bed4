# SPDX-License-Identifier: GPL-2.0-or-later
"""A geometry written back with the shape it had is no edit of it. GDAL, and so QGIS and
QField, writes a feature's whole row on any edit, the geometry in GDAL's header and byte
order; PostGIS and SpatiaLite give the same shape in theirs. Capture does not log such a
write, and merge and pull compare geometries by shape, so an attribute edit never carries
an old shape over a newer one, and a package never keeps a shape the master moved on from."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.plan.geometry import same_shape
from field_kit.sync import changelog, merge, package_export
from tests.unit.gpkg_factory import big_endian, edit, gdal_moves, gdal_sets

PATCH = "CT6504222017000026001"


def one(path, sql: str, *args):
    conn = connect(path, readonly=True)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def geometry(path) -> bytes:
    return one(path, "SELECT geom FROM mine_patches WHERE patch_code = ?", PATCH)


def checkout(master, tmp_path, device: str):
    pkg = tmp_path / f"{device}.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", device, "--role", "gis"]) == 0
    return pkg


def exported(pkg, tmp_path):
    package_export.export(pkg, tmp_path / "a.zip")
    return tmp_path / "a.zip"


def test_a_geometry_written_back_alone_is_no_change_waiting(master, tmp_path, capsys):
    pkg = checkout(master, tmp_path, "gis-a")
    edit(pkg, "UPDATE mine_patches SET geom = ? WHERE patch_code = ?",
         big_endian(geometry(pkg)), PATCH)
    capsys.readouterr()
    assert main(["status", str(pkg), "--json"]) == errors.OK
    assert json.loads(capsys.readouterr().out)["changes_waiting"] == 0
    assert package_export.export(pkg, tmp_path / "a.zip")["counts"]["changes"] == 0


def test_an_attribute_edit_through_gdal_logs_the_attribute_alone(master, tmp_path):
    edit(master, "UPDATE mine_patches SET geom = ? WHERE patch_code = ?",
         big_endian(geometry(master)), PATCH)  # as PostGIS or SpatiaLite wrote it
    pkg = checkout(master, tmp_path, "gis-a")
    gdal_sets(pkg, "mine_patches", "patch_code", PATCH, "mineral", "砖瓦用粘土")
    assert geometry(pkg) != big_endian(geometry(pkg))  # GDAL wrote its own bytes
    package_export.export(pkg, tmp_path / "a.zip")
    assert json.loads(one(pkg, "SELECT new FROM sync_changes WHERE origin = 'local'")) == \
        {"mineral": "砖瓦用粘土"}


def test_a_shape_written_back_in_a_package_an_earlier_version_logged_is_no_edit(master,
                                                                              tmp_path):
    """Such a package holds the geometry as an edit: the merge keeps the master's newer
    shape and applies the rest."""
    u = one(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    pkg = checkout(master, tmp_path, "gis-a")
    was = geometry(pkg)
    edit(pkg, "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE patch_code = ?", PATCH)
    conn = connect(pkg)
    changelog.seal(conn)
    conn.execute("UPDATE sync_changes SET old = json_set(old, '$.geom', ?), new = "
                 "json_set(new, '$.geom', ?)", (was.hex().upper(), big_endian(was).hex().upper()))
    conn.close()
    gdal_moves(master, "mine_patches", u, 0.01)
    newer = geometry(master)
    rep = merge.merge(master, [exported(pkg, tmp_path)])
    assert rep.totals["applied"] == 1 and rep.totals["conflict"] == 0, rep.totals
    assert geometry(master) == newer
    assert one(master, "SELECT mineral FROM mine_patches WHERE uuid = ?", u) == "水泥用石灰岩"


def test_a_pull_compares_shapes_not_bytes(master, tmp_path, capsys):
    """The package's move merged; the master's copy written again in another encoding (no
    edit), then moved on: the pull takes the newer shape, with no conflict."""
    u = one(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    pkg = checkout(master, tmp_path, "gis-a")
    gdal_moves(pkg, "mine_patches", u, 0.001)
    merge.merge(master, [exported(pkg, tmp_path)])
    edit(master, "UPDATE mine_patches SET geom = ? WHERE uuid = ?", big_endian(geometry(master)),
         u)
    gdal_moves(master, "mine_patches", u, 0.002)
    capsys.readouterr()
    assert main(["pull", str(pkg), str(master)]) == errors.OK, capsys.readouterr().out
    assert same_shape(geometry(pkg), geometry(master))
    assert one(pkg, "SELECT count(*) FROM sync_conflicts") == 0


def test_a_shape_given_heights_or_other_heights_is_another_shape():
    """Z (a GNSS height) and M count, in whatever encoding each side is written."""
    from osgeo import ogr

    from field_kit.plan.geometry import gpkg_blob

    def blob(wkt: str, order=ogr.wkbNDR, iso=True) -> bytes:
        g = ogr.CreateGeometryFromWkt(wkt)
        return gpkg_blob(bytes(g.ExportToIsoWkb(order) if iso else g.ExportToWkb(order)))

    flat = blob("POINT (88.6 42.8)")
    assert same_shape(flat, big_endian(flat))
    assert not same_shape(flat, big_endian(blob("POINT Z (88.6 42.8 101)")))
    assert not same_shape(blob("POINT Z (88.6 42.8 100)"),
                          big_endian(blob("POINT Z (88.6 42.8 150)")))
    assert not same_shape(blob("POINT Z (88.6 42.8 100)"),
                          blob("POINT Z (88.6 42.8 150)", ogr.wkbXDR, iso=False))
    assert same_shape(blob("POINT Z (88.6 42.8 100)"),
                      blob("POINT Z (88.6 42.8 100)", ogr.wkbXDR, iso=False))
    assert not same_shape(flat, blob("POINT M (88.6 42.8 5)", ogr.wkbXDR))
    assert not same_shape(blob("POINT Z (88.6 42.8 5)"), blob("POINT M (88.6 42.8 5)", ogr.wkbXDR))


def test_a_geometry_given_heights_in_another_encoding_is_an_edit(master, tmp_path):
    pkg = checkout(master, tmp_path, "gis-a")
    from osgeo import ogr

    from field_kit.plan.geometry import blob_wkb, gpkg_blob
    g = ogr.CreateGeometryFromWkb(blob_wkb(geometry(pkg)))
    g.Set3D(True)
    edit(pkg, "UPDATE mine_patches SET geom = ? WHERE patch_code = ?",
         big_endian(gpkg_blob(bytes(g.ExportToIsoWkb()))), PATCH)
    assert package_export.export(pkg, tmp_path / "a.zip")["counts"]["changes"] == 1


def test_text_written_into_a_geometry_column_is_an_edit_and_leaves_the_package_readable(
        master, tmp_path, capsys):
    """A shell slip (|| makes text of the blob, not always UTF-8) is logged as written."""
    import sqlite3
    pkg = checkout(master, tmp_path, "gis-a")
    conn = sqlite3.connect(pkg)  # as the sqlite3 shell, without GeoPackage's functions
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "name LIKE 'rtree_mine_patches_%'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE mine_patches SET geom = substr(geom, 1, 4) || X'E6100000' || "
                 "substr(geom, 9) WHERE patch_code = ?", (PATCH,))
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["status", str(pkg), "--json"]) == errors.OK
    assert json.loads(capsys.readouterr().out)["changes_waiting"] == 1
