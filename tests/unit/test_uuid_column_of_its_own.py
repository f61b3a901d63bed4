# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's layer with a column of its own named uuid, as GDAL writes one: a number (a
serial of its own) or UUID in capitals (as Esri's tools name one). The sync cannot name its
rows by it: the layer is named as not tracked, with why, and the column left as it is, never
filled with text it cannot hold or taken over."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said

osgeo = pytest.importorskip("osgeo")


def county_layers(path, uuid_type) -> None:
    """``wells`` (tracked as any layer) and ``surveys``, whose column uuid is the county's
    own, of ``uuid_type`` (an OGR field type) and named ``UUID`` where it is a string."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    wells = ds.CreateLayer("wells", srs, ogr.wkbPoint, ["GEOMETRY_NAME=geom"])
    wells.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    f = ogr.Feature(wells.GetLayerDefn())
    f.SetField("name", "井1")
    f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (88.7 42.9)"))
    wells.CreateFeature(f)
    surveys = ds.CreateLayer("surveys", None, ogr.wkbNone, ["ASPATIAL_VARIANT=GPKG_ATTRIBUTES"])
    name = "UUID" if uuid_type == ogr.OFTString else "uuid"
    surveys.CreateField(ogr.FieldDefn(name, uuid_type))
    surveys.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    for i in range(3):
        f = ogr.Feature(surveys.GetLayerDefn())
        f.SetField(name, 100 + i if uuid_type == ogr.OFTInteger else f"{{A-{i}}}")
        f.SetField("note", f"n{i}")
        surveys.CreateFeature(f)
    ds = None


def own_ids(path) -> list:
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO surveys (note) VALUES ('added later')")
        return c.execute("SELECT uuid, typeof(uuid) FROM surveys ORDER BY fid").fetchall()


NUMBERS = ("its uuid column is of type MEDIUMINT, where the sync keeps uuids as text",
           [(100, "integer"), (101, "integer"), (102, "integer")])
CAPITALS = ("its column UUID is the sync's uuid in other letters, SQLite taking one for the "
            "other", [("{A-0}", "text"), ("{A-1}", "text"), ("{A-2}", "text")])


@pytest.mark.parametrize("own, why", [("OFTInteger", NUMBERS), ("OFTString", CAPITALS)],
                         ids=["numbers", "capitals"])
def test_a_layer_with_a_uuid_column_of_its_own_is_named_and_left_as_it_is(tmp_path, capsys,
                                                                         own, why):
    """Numbers in it (taken over, they were written over with text), or UUID in capitals
    (init stopped on an internal error): named as not tracked, its values left as they are,
    the file's other layers tracked."""
    from osgeo import ogr
    gpkg = tmp_path / "county.gpkg"
    county_layers(gpkg, getattr(ogr, own))
    code, said = cli_said(capsys, "init", gpkg)
    assert code == errors.OK, said
    assert "tracked: wells" in said
    reason, ids = why
    assert (f"not tracked: surveys: {reason} (rename that column to track the layer, with "
            "QGIS's Rename Field)") in said, said
    assert own_ids(gpkg) == ids + [(None, "null")]
