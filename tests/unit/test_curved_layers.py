# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's layer of curved shapes (arcs, curve polygons, multi-surfaces with Z and M), as
GDAL and QGIS write one: its shapes edited in a field package reach the master as written."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said, sent

osgeo = pytest.importorskip("osgeo")

ARC = ("MULTISURFACE ZM (CURVEPOLYGON ZM (CIRCULARSTRING ZM (88.70 42.91 1 2, "
       "88.71 42.92 1 2, 88.72 42.91 1 2, 88.71 42.90 1 2, 88.70 42.91 1 2)))")
DRAWN_AGAIN = ("MULTISURFACE ZM (CURVEPOLYGON ZM (COMPOUNDCURVE ZM (CIRCULARSTRING ZM "
               "(88.70 42.91 3 4, 88.715 42.925 3 4, 88.73 42.91 3 4), (88.73 42.91 3 4, "
               "88.70 42.91 3 4))), ((88.74 42.92 5 6, 88.75 42.92 5 6, 88.75 42.93 5 6, "
               "88.74 42.92 5 6)))")


def curved_layer(path) -> None:
    """A GeoPackage of one layer of curve polygons, as GDAL writes it (EPSG:4490)."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("sand_dunes", srs, ogr.wkbMultiSurfaceZM, ["GEOMETRY_NAME=geom"])
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("name", "dune 1")
    f.SetGeometry(ogr.CreateGeometryFromWkt(ARC))
    lyr.CreateFeature(f)
    ds = None


def reshape(path, wkt: str) -> None:
    """The dune's shape drawn again and saved, as QGIS saves it through GDAL."""
    from osgeo import ogr
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName("sand_dunes")
    f = lyr.GetNextFeature()
    f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
    lyr.SetFeature(f)
    ds = None


def shape(path) -> bytes:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT geom FROM sand_dunes").fetchone()[0]


def test_a_curved_shape_drawn_again_in_a_package_reaches_the_master(tmp_path, capsys):
    master, pkg = tmp_path / "county.gpkg", tmp_path / "pkg.gpkg"
    curved_layer(master)
    assert cli_said(capsys, "init", master)[0] == errors.OK
    assert cli_said(capsys, "checkout", master, pkg, "--device", "gis1", "--role",
                    "gis")[0] == errors.OK
    reshape(pkg, DRAWN_AGAIN)
    code, said = sent(capsys, pkg, master, tmp_path / "c.zip")
    assert code == errors.OK, said
    assert "refused" not in said.replace("refused 0", "")
    assert shape(master) == shape(pkg)
