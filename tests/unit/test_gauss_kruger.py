# SPDX-License-Identifier: GPL-2.0-or-later
"""The import's own Gauss-Krüger inverse against PROJ (pyproj), and CRS recognition."""

import random

import pytest
from osgeo import osr

from field_kit.importer import crs as crsmod
from field_kit.importer.gauss_kruger import TransverseMercator
from tests.unit.import_layers import _proj_data

_proj_data()
pyproj = pytest.importorskip("pyproj")


def _points(cm: float, fe: float, n: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(n):  # Toksun's latitudes and a bit more, up to 2 degrees off the CM
        yield rnd.uniform(cm - 2.0, cm + 2.0), rnd.uniform(38.0, 46.0)


@pytest.mark.parametrize("epsg", [4517, 4518, 4538, 4539, 4495, 4503, 4504, 4513, 4554])
def test_inverse_matches_proj_to_well_under_a_millimetre(epsg):
    ours = crsmod.from_epsg(epsg)
    fwd = pyproj.Transformer.from_crs(4490, epsg, always_xy=True)
    cm = ours.tm.central_meridian
    worst = 0.0
    for lon, lat in _points(cm, ours.tm.false_easting, 500, epsg):
        x, y = fwd.transform(lon, lat)  # PROJ projects...
        lon2, lat2 = ours.to_lonlat(x, y)  # ...we bring it back
        x2, y2 = fwd.transform(lon2, lat2)  # and measure the miss in metres
        worst = max(worst, abs(x2 - x), abs(y2 - y))
    assert worst < 1e-4  # 0.1 mm; in practice nanometres


@pytest.mark.parametrize("epsg", [4517, 4518])
def test_inverse_against_proj_inverse_in_degrees(epsg):
    ours = crsmod.from_epsg(epsg)
    inv = pyproj.Transformer.from_crs(epsg, 4490, always_xy=True)
    fe = ours.tm.false_easting
    rnd = random.Random(1)
    for _ in range(2000):
        x, y = fe + rnd.uniform(-250_000, 250_000), rnd.uniform(4_550_000, 4_850_000)
        lon, lat = ours.to_lonlat(x, y)
        plon, plat = inv.transform(x, y)
        assert abs(lat - plat) * 111_000 < 1e-4 and abs(lon - plon) * 82_000 < 1e-4


def test_forward_and_inverse_round_trip():
    tm = TransverseMercator(90.0, 30_500_000.0)
    for lon, lat in _points(90.0, 0, 200, 7):
        x, y = tm.forward(lon, lat)
        lon2, lat2 = tm.inverse(x, y)
        assert abs(lon2 - lon) < 1e-11 and abs(lat2 - lat) < 1e-11


@pytest.mark.parametrize("epsg", list(range(4491, 4555)) + [4490, 4326])
@pytest.mark.parametrize("esri", [True, False])
def test_every_cgcs2000_zone_is_recognised_from_its_prj(epsg, esri):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    if esri:
        s.MorphToESRI()  # what ArcGIS and OGR write in a .prj: no EPSG authority
    got = crsmod.from_wkt(s.ExportToWkt())
    assert got.epsg == epsg
    if got.tm:
        assert got.tm.central_meridian == s.GetProjParm("central_meridian")
        assert got.tm.false_easting == s.GetProjParm("false_easting")


def test_names_without_parameters_and_parameters_without_names():
    geog = ('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",'
            'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
            'UNIT["Degree",0.0174532925199433]]')
    for name, epsg in (("CGCS2000_3_Degree_GK_CM_87E", 4538), ("CGCS2000_3_Degree_GK_Zone_29",
                       4517), ("CGCS2000_GK_CM_87E", 4504), ("CGCS2000_GK_Zone_15", 4493)):
        wkt = f'PROJCS["{name}",{geog},PROJECTION["Gauss_Kruger"],UNIT["Meter",1.0]]'
        assert crsmod.from_wkt(wkt).epsg == epsg
    wkt = (f'PROJCS["county local",{geog},PROJECTION["Gauss_Kruger"],PARAMETER['
           '"False_Easting",30500000.0],PARAMETER["Central_Meridian",90.0],'
           'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')
    assert crsmod.from_wkt(wkt).epsg == 4518
    custom = wkt.replace("90.0]", "88.5]").replace("30500000.0", "500000.0")
    got = crsmod.from_wkt(custom)
    assert got.epsg is None and got.tm.central_meridian == 88.5
    assert crsmod.from_wkt(geog).epsg == 4490


def test_beijing_1954_and_utm_are_refused_with_a_reason():
    for epsg, words in ((2435, "Beijing 1954"), (2362, "Xian 1980"), (32645, "UTM")):
        s = osr.SpatialReference()
        s.ImportFromEPSG(epsg)
        s.MorphToESRI()
        with pytest.raises(ValueError, match=words):
            crsmod.from_wkt(s.ExportToWkt())


def test_codes():
    assert crsmod.parse_code("EPSG:4518").tm.false_easting == 30_500_000
    assert crsmod.parse_code("urn:ogc:def:crs:EPSG::4490").epsg == 4490
    assert crsmod.parse_code("urn:ogc:def:crs:OGC:1.3:CRS84").epsg == 4326
    with pytest.raises(ValueError):
        crsmod.parse_code("EPSG:3857")
