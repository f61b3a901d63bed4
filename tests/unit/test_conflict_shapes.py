# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict over a geometry is shown as a supervisor can weigh it: each side's kind,
centre and area, never the first forty characters of its hex (which were the same header
for every side)."""

from __future__ import annotations

import re

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.plan.geometry import gpkg_blob, multipolygon_wkb, point_wkb
from field_kit.plan.values import shape_shown
from field_kit.sync import package_checkout, package_export
from field_kit.sync.conflicts import shown
from tests.unit.gpkg_factory import make_gdal_layer, rows


def _square(x: float) -> bytes:
    """A square of 0.01 degree with its corner at (x, 42.5), in CGCS2000."""
    ring = [(x, 42.5), (x + 0.01, 42.5), (x + 0.01, 42.51), (x, 42.51), (x, 42.5)]
    return gpkg_blob(multipolygon_wkb([[ring]]), 4490)


def _moved(pkg, x: float) -> None:
    with connect(pkg) as c:
        c.execute("UPDATE forest_stands SET geom = ? WHERE fid = 1", (_square(x),))


def _moved_by_two(tmp_path):
    """A forest layer's stand 1 moved by gis1 and by gis2, each elsewhere, merged: the
    master holds gis2's square, gis1's is set aside in conflict 1."""
    master = tmp_path / "forest.gpkg"
    make_gdal_layer(master, 5, "forest_stands")
    assert cli.main(["init", str(master)]) == errors.OK
    zips = []
    for device, x in (("gis1", 88.001), ("gis2", 88.002)):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        _moved(pkg, x)
        zips.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, zips[-1])
    assert cli.main(["merge", str(master), *map(str, zips)]) == errors.CONFLICTS
    return master


def test_a_conflict_over_a_shape_shows_each_side_by_its_centre_and_area(tmp_path, capsys,
                                                                         chinese_locale):
    master = _moved_by_two(tmp_path)
    capsys.readouterr()
    assert cli.main(["conflicts", str(master)]) == errors.CONFLICTS
    out = capsys.readouterr().out
    assert "4750" not in out, out
    # the two moves, a tenth of a kilometre apart, told apart by their centres
    assert "ours polygons @ 88.007000, 42.505000, 913,019 m² | " in out, out
    assert "theirs polygons @ 88.006000, 42.505000, 913,019 m²" in out
    assert "另一方（theirs）面 @ 88.006000, 42.505000, 913,019 m²" in out


def test_shapes_said_in_their_coordinate_system():
    assert shape_shown(gpkg_blob(point_wkb(88.5, 42.25), 4490), "en") == \
        "point @ 88.500000, 42.250000"
    # metres of a Gauss-Krüger zone: no area reckoned on the ellipsoid, its system named
    ring = [(500000.0, 4700000.0), (500100.0, 4700000.0), (500100.0, 4700100.0),
            (500000.0, 4700000.0)]
    assert shape_shown(gpkg_blob(multipolygon_wkb([[ring]]), 4539), "zh") == \
        "面 @ 500050.000000, 4700050.000000 (EPSG:4539)"
    assert shape_shown(b"not a geometry") is None
    # text that only begins as a geometry's hex does is shown as the text it is
    assert shown("4750 metres") == '"4750 metres"'
    assert shown("4750ABCD") == '"4750ABCD"'


SQUARE_WKT = "POLYGON ((88.05 42.5, 88.06 42.5, 88.06 42.51, 88.05 42.51, 88.05 42.5))"


def test_a_shape_typed_as_well_known_text_settles_a_conflict_as_the_layer_holds_it(
        tmp_path, capsys):
    """A supervisor types the shape neither side holds as QGIS copies it (WKT, EWKT): it is
    written as the layer's own blob (a MULTIPOLYGON in its srs, as GDAL reads it); it was
    refused, a shape taken only as a GeoPackage blob's hex."""
    master = _moved_by_two(tmp_path)
    capsys.readouterr()
    assert cli.main(["resolve", str(master), "1", "--value", f"SRID=4490;{SQUARE_WKT}"]) == \
        errors.OK, capsys.readouterr()
    (held,) = rows(master, "SELECT geom FROM forest_stands WHERE fid = 1")[0]
    want = gpkg_blob(multipolygon_wkb([[[(88.05, 42.5), (88.06, 42.5), (88.06, 42.51),
                                         (88.05, 42.51), (88.05, 42.5)]]]), 4490)
    assert bytes(held) == want
    assert shape_shown(bytes(held), "en").startswith("polygons @ 88.055000, 42.505000")


def test_a_shape_typed_that_the_layer_cannot_hold_is_refused_by_name(tmp_path, capsys):
    master = _moved_by_two(tmp_path)
    (before,) = rows(master, "SELECT geom FROM forest_stands WHERE fid = 1")[0]
    for typed, said in (
            ("POINT (88.05 42.5)", "conflict 1: geom: a POINT where the layer holds "
                                   "MULTIPOLYGON"),
            (f"SRID=4326;{SQUARE_WKT}", "conflict 1: the shape typed is in SRID 4326, the "
                                        "layer's in 4490: give it in the layer's coordinates"),
            ("POLYGON EMPTY", "conflict 1: the shape typed is empty"),
            ("POLYGON Z ((88.05 42.5 9, 88.06 42.5 9, 88.06 42.51 9, 88.05 42.5 9))",
             "conflict 1: the shape typed has heights or measures (Z, M), which would not be "
             "written: give its x and y only"),
            ("a square by the well", "conflict 1: a shape is typed as well-known text "
                                     "(POLYGON ((88.5 42.8, …)), as QGIS copies it) or as a "
                                     "GeoPackage blob's hex")):
        capsys.readouterr()
        code = cli.main(["resolve", str(master), "1", "--value", typed])
        err = capsys.readouterr().err
        assert code == errors.BAD_INPUT and said in err, (typed, err)
        zh = chinese(err.strip().removeprefix("field-kit: "))
        assert re.match("冲突 1：[\u4e00-\u9fff]", zh), zh  # (in Chinese from the start)
    assert rows(master, "SELECT geom FROM forest_stands WHERE fid = 1")[0] == (before,)
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(1,)]


def test_a_point_typed_settles_a_records_position(master, tmp_path, capsys):
    """Two technicians each move a verification's point: the supervisor types the point (a
    POINT column's type reads as a whole number's to SQLite, and every shape typed for it
    was refused as 'takes a whole number')."""
    from tests.unit.gpkg_factory import edit

    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on, geom) SELECT uuid, patch_code, 'Li', '2025-05-20', ? FROM "
                 "mine_patches WHERE patch_code = 'CT6504222017000026001'",
         gpkg_blob(point_wkb(88.75, 42.9), 4490))
    moved = {"tab-a": 88.7501, "tab-b": 88.7503}
    for device in moved:  # both from the same master
        package_checkout.checkout(master, tmp_path / f"{device}.gpkg", device)
    for device, x in moved.items():
        pkg = tmp_path / f"{device}.gpkg"
        edit(pkg, "UPDATE patch_verifications SET geom = ?", gpkg_blob(point_wkb(x, 42.9), 4490))
        package_export.export(pkg, tmp_path / f"{device}.zip")
        cli.main(["merge", str(master), str(tmp_path / f"{device}.zip")])
    assert rows(master, "SELECT field FROM sync_conflicts WHERE status = 'open'") == [("geom",)]
    capsys.readouterr()
    assert cli.main(["resolve", str(master), "1", "--value", "POINT (88.7502 42.9002)"]) == \
        errors.OK, capsys.readouterr()
    assert rows(master, "SELECT geom FROM patch_verifications") == [
        (gpkg_blob(point_wkb(88.7502, 42.9002), 4490),)]
    said = capsys.readouterr().out  # (the point's kind in Chinese too)
    assert "geom now holds point @ 88.750200, 42.900200" in said, said
    assert "的几何现为 点 @ 88.750200, 42.900200" in chinese(said.splitlines()[1]), said


def test_a_shape_typed_in_degrees_for_a_layer_in_metres_is_refused(tmp_path, capsys,
                                                                   chinese_locale):
    """A county's wells in metres of a Gauss-Krüger zone: a point typed in longitude and
    latitude (as a phone shows it) would have been written near the projection's origin,
    thousands of kilometres away, without a word; the layer's own coordinates are taken."""
    import subprocess

    master = tmp_path / "wells.gpkg"
    src = tmp_path / "wells.csv"
    src.write_text('WKT,name\n"POINT (500000 4740000)",W1\n"POINT (500100 4740100)",W2\n')
    subprocess.run(["ogr2ogr", "-f", "GPKG", master, src, "-nln", "wells", "-oo",
                    "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs",
                    "EPSG:4539"], check=True, capture_output=True)
    assert cli.main(["init", str(master)]) == errors.OK
    zips = []
    for device, x in (("gis1", 500001.0), ("gis2", 500002.0)):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        with connect(pkg) as c:
            c.execute("UPDATE wells SET geom = ? WHERE name = 'W1'",
                      (gpkg_blob(point_wkb(x, 4740000.0), 4539),))
        zips.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, zips[-1])
    assert cli.main(["merge", str(master), *map(str, zips)]) == errors.CONFLICTS
    capsys.readouterr()
    assert cli.main(["resolve", str(master), "1", "--value", "POINT (88.6 42.8)"]) == \
        errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "conflict 1: the shape typed (at 88.6, 42.8) reads as longitude and latitude, the " \
           "layer's coordinates are metres (SRID 4539): give it in the layer's coordinates" \
           in err, err
    assert "冲突 1：所给几何（位于 88.6, 42.8）看来是经纬度，而图层的坐标为米（SRID 4539）：" \
           "请以图层的坐标给出" in err, err
    assert rows(master, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(1,)]
    assert cli.main(["resolve", str(master), "1", "--value", "POINT (500003 4740000)"]) == \
        errors.OK, capsys.readouterr()
    (held,) = rows(master, "SELECT geom FROM wells WHERE name = 'W1'")[0]
    assert shape_shown(bytes(held), "en") == "point @ 500003.000000, 4740000.000000 (EPSG:4539)"
