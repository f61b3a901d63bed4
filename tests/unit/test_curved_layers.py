# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's layer of curved shapes (arcs, curve polygons, multi-surfaces with Z and M), as
GDAL and QGIS write one: its shapes edited in a field package reach the master as written."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said, sent

osgeo = pytest.importorskip("osgeo")
VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")

ARC = ("MULTISURFACE ZM (CURVEPOLYGON ZM (CIRCULARSTRING ZM (88.70 42.91 1 2, "
       "88.71 42.92 1 2, 88.72 42.91 1 2, 88.71 42.90 1 2, 88.70 42.91 1 2)))")
DRAWN_AGAIN = ("MULTISURFACE ZM (CURVEPOLYGON ZM (COMPOUNDCURVE ZM (CIRCULARSTRING ZM "
               "(88.70 42.91 3 4, 88.715 42.925 3 4, 88.73 42.91 3 4), (88.73 42.91 3 4, "
               "88.70 42.91 3 4))), ((88.74 42.92 5 6, 88.75 42.92 5 6, 88.75 42.93 5 6, "
               "88.74 42.92 5 6)))")


def curved_layer(path, name="sand_dunes", kind=None, wkt=ARC) -> None:
    """A layer of curve polygons, as GDAL writes it (EPSG:4490), in a GeoPackage made or
    added to."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds = (ogr.Open(str(path), 1) if Path(path).exists() else
          ogr.GetDriverByName("GPKG").CreateDataSource(str(path)))
    lyr = ds.CreateLayer(name, srs, kind or ogr.wkbMultiSurfaceZM, ["GEOMETRY_NAME=geom"])
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("name", "dune 1")
    f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
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


def valid(path) -> str:
    """What GDAL's GeoPackage validator says of the file (nothing where it conforms)."""
    run = subprocess.run(["/usr/bin/python3", str(VALIDATOR), "--extra", str(path)],
                         capture_output=True, text=True)
    return run.stdout + run.stderr


@pytest.mark.skipif(not VALIDATOR.exists(), reason="GDAL's validate_gpkg.py is not installed")
def test_a_layer_of_curves_a_package_adds_keeps_the_master_and_a_pull_a_geopackage(tmp_path,
                                                                                   capsys):
    """The master, and a package the layer is pulled into, declare its curve type as a
    GeoPackage must (the geometry types extension), as GDAL declared it where it was made."""
    from osgeo import ogr
    master, pkg, other = tmp_path / "county.gpkg", tmp_path / "pkg.gpkg", tmp_path / "b.gpkg"
    curved_layer(master)
    assert cli_said(capsys, "init", master)[0] == errors.OK
    for device, path in (("gis1", pkg), ("gis2", other)):
        assert cli_said(capsys, "checkout", master, path, "--device", device, "--role",
                        "gis")[0] == errors.OK
    curved_layer(pkg, "gullies", ogr.wkbCurvePolygon, "CURVEPOLYGON (CIRCULARSTRING (88.70 "
                 "42.91, 88.71 42.92, 88.72 42.91, 88.71 42.90, 88.70 42.91))")  # made there
    assert valid(pkg) == ""
    code, said = sent(capsys, pkg, master, tmp_path / "c.zip")
    assert code == errors.OK and "added to the master: layer gullies" in said, said
    assert valid(master) == ""
    code, said = cli_said(capsys, "pull", other, master)
    assert code == errors.OK and "gullies" in said, said
    assert valid(other) == ""
