# SPDX-License-Identifier: GPL-2.0-or-later
"""Shapes that carry heights (Z) or measures (M) are imported by their x and y, the master
holding no more, and the import says so, naming the features: a surveyor's PolygonZ with
real elevations is not flattened unsaid. Heights of 0 (Google Earth's ",0", a tool's
placeholder) and a Shapefile's "no data" measures say nothing, and are not named."""

from __future__ import annotations

import json

import pytest
from osgeo import ogr

from field_kit.importer.source import read_source
from tests.unit.cli_run import cli_said as cli
from tests.unit.import_layers import srs

RING = [(88.70, 42.95), (88.704, 42.95), (88.704, 42.954), (88.70, 42.954), (88.70, 42.95)]
CODE = "CT6504222017000026505"


def _ogr_layer(path, driver, kind, heights):
    """One polygon a feature, written by GDAL with ``kind`` (25D or M), its vertices at
    ``heights[i]`` (one height or measure for each feature)."""
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    lyr = ds.CreateLayer(path.stem, srs(4490), kind,
                         ["ENCODING=UTF-8"] if driver == "ESRI Shapefile" else [])
    lyr.CreateField(ogr.FieldDefn("图斑编号", ogr.OFTString))
    for i, h in enumerate(heights):
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in RING:
            if kind == ogr.wkbPolygonM:
                ring.AddPointM(x + i * 0.01, y, h)
            else:
                ring.AddPoint(x + i * 0.01, y, h)
        g = ogr.Geometry(kind)
        g.AddGeometry(ring)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField(0, f"CT65042220170000265{i + 10}")
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    ds = None  # noqa: F841
    return path


def _said(layer) -> list[str]:
    return [t.en for t in layer.said if "heights (Z)" in t.en]


@pytest.mark.parametrize("driver, name, kind", [
    ("ESRI Shapefile", "z.shp", ogr.wkbPolygon25D),
    ("ESRI Shapefile", "m.shp", ogr.wkbPolygonM),
    ("GPKG", "z.gpkg", ogr.wkbPolygon25D),
    ("GPKG", "m.gpkg", ogr.wkbPolygonM),
    ("GeoJSON", "z.geojson", ogr.wkbPolygon25D),
    ("KML", "z.kml", ogr.wkbPolygon25D),
])
def test_heights_that_say_something_are_named(tmp_path, driver, name, kind):
    path = _ogr_layer(tmp_path / name, driver, kind, [1203.5, 0.0, 980.0])
    layer = read_source(path)
    assert _said(layer) == ["2 features carry heights (Z) or measures (M), which are not "
                            "imported: the master holds x and y only (rows 1, 3)"]
    assert [t.zh for t in layer.said if "高程" in t.zh] == [
        "2 个要素的几何带有高程（Z）或测量值（M），只导入平面坐标（x、y）：第 1, 3 行"]
    # (x and y read as before)
    assert layer.features[0].geom.parts[0][0][0][:2] == pytest.approx(RING[0])


@pytest.mark.parametrize("driver, name", [("ESRI Shapefile", "flat.shp"), ("KML", "flat.kml"),
                                          ("GeoJSON", "flat.geojson")])
def test_heights_of_nothing_are_not_named(tmp_path, driver, name):
    assert _said(read_source(_ogr_layer(tmp_path / name, driver, ogr.wkbPolygon25D,
                                        [0.0, 0.0]))) == []


def test_a_wkt_csv_with_heights_is_said_and_imported(master, tmp_path, capsys):
    wkt = "POLYGON Z ((" + ", ".join(f"{x} {y} 1150.2" for x, y in RING) + "))"
    src = tmp_path / "z.csv"
    src.write_text(f"图斑编号,乡镇,WKT\n{CODE},托克逊镇,\"{wkt}\"\n", encoding="utf-8")
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4490")
    assert rc == 0, out
    assert "1 feature carries heights (Z) or measures (M), which are not imported: the " \
           "master holds x and y only (row 2)" in out, out


def test_geojson_heights_in_the_json_are_read(tmp_path):
    src = tmp_path / "h.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"图斑编号": CODE},
         "geometry": {"type": "Polygon", "coordinates": [[[x, y, 0] for x, y in RING]]}},
        {"type": "Feature", "properties": {"图斑编号": CODE},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[x, y, 7.5]
                                                                for x, y in RING]]]}}]}))
    assert _said(read_source(src))[0].endswith("(row 2)")
