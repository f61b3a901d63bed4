# SPDX-License-Identifier: GPL-2.0-or-later
"""Surveyed layers for the import tests, generated with OGR from the built plan's patches.

Each layer holds the plan's patches but the last (so one is "missing"), each outline grown
by 5% about its centre (so every geometry changes), and one new patch; the attributes use
the names county data uses: Chinese in a GBK Shapefile in a Gauss-Krüger zone, pinyin in a
GeoPackage in EPSG:4490, Chinese with the area in 亩 in a GeoJSON in WGS 84.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from osgeo import gdal, ogr, osr

from field_kit.plan.geometry import blob_wkb, parse_wkb

ogr.UseExceptions()
NEW_CODE = "ZJ6504222021099001"
MISSING_INDEX = -1  # the plan's last patch is left out of the surveyed layers


def _proj_data() -> None:
    """pyproj (Debian's) cannot find PROJ's data by itself in the venv."""
    import pyproj
    try:
        pyproj.datadir.get_data_dir()
    except pyproj.exceptions.DataDirError:
        pyproj.datadir.set_data_dir("/usr/share/proj")


def geod():
    _proj_data()
    import pyproj
    return pyproj.Geod(a=6378137.0, f=1 / 298.257222101)


def srs(epsg: int) -> osr.SpatialReference:
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def plan_patches(plan: Path) -> list[dict]:
    conn = sqlite3.connect(plan)
    rows = conn.execute("SELECT patch_code, township, mineral, geom FROM mine_patches "
                        "ORDER BY fid").fetchall()
    conn.close()
    out = []
    for code, township, mineral, blob in rows:
        _, polys = parse_wkb(blob_wkb(blob))
        ring = polys[0][1][0]
        out.append({"code": code, "township": township, "mineral": mineral, "ring": ring})
    return out


def _grow(ring, factor=1.05, shift=(0.0, 0.0)):
    pts = ring[:-1]
    cx, cy = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
    out = [(cx + (x - cx) * factor + shift[0], cy + (y - cy) * factor + shift[1]) for x, y in pts]
    return out + out[:1]


def surveyed(plan: Path) -> list[dict]:
    """The surveyed patches in lon/lat: all the plan's but the last, grown, and a new one."""
    patches = plan_patches(plan)
    kept = patches[:MISSING_INDEX]
    out = [{**p, "ring": _grow(p["ring"]), "status": "未治理" if i % 2 else "已治理"}
           for i, p in enumerate(kept)]
    first = patches[0]
    out.append({"code": NEW_CODE, "township": first["township"], "mineral": "建筑用砂",
                "status": "治理中", "ring": _grow(first["ring"], 0.8, (0.0, 0.01))})
    return out


def lonlat_area(ring) -> float:
    """The ellipsoidal area of a lon/lat ring (pyproj's geodesic, on CGCS2000)."""
    xs, ys = zip(*ring)
    return abs(geod().polygon_area_perimeter(xs, ys)[0])


def to_epsg(ring, epsg: int):
    t = osr.CoordinateTransformation(srs(4490), srs(epsg))
    return [tuple(t.TransformPoint(x, y)[:2]) for x, y in ring]


def _polygon(ring) -> ogr.Geometry:
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ring:
        r.AddPoint_2D(x, y)
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(r)
    return g


def _write(path: Path, driver: str, layer: str, epsg: int, fields: list[tuple], rows: list,
           options=(), ds=None):
    if ds is None:
        if path.exists():
            ogr.GetDriverByName(driver).DeleteDataSource(str(path))
        ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    lyr = ds.CreateLayer(layer, srs(epsg), ogr.wkbPolygon, list(options))
    for name, kind in fields:
        fd = ogr.FieldDefn(name, kind)
        if kind == ogr.OFTReal:
            fd.SetWidth(18)
            fd.SetPrecision(3)
        lyr.CreateField(fd)
    for values, ring in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for i, v in enumerate(values):
            if v is not None:
                f.SetField(i, v)
        f.SetGeometry(_polygon(ring))
        lyr.CreateFeature(f)
    return ds


def write_shapefile(path: Path, patches: list[dict], epsg: int = 4518, cpg: bool = True
                    ) -> Path:
    """GBK, Chinese field names, Gauss-Krüger (zone prefix in the easting for 4517/4518)."""
    fields = [("图斑编号", ogr.OFTString), ("面积", ogr.OFTReal), ("乡镇", ogr.OFTString),
              ("矿种", ogr.OFTString), ("治理状态", ogr.OFTString)]
    rows = [((p["code"], p.get("stated", lonlat_area(p["ring"])), p["township"], p["mineral"],
              p["status"]), to_epsg(p["ring"], epsg)) for p in patches]
    # QGIS sets SHAPE_ENCODING="" (no recoding) for the whole process once it has opened a
    # Shapefile; OGR must recode to GBK here whatever ran before in this test session
    saved = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        ds = _write(path, "ESRI Shapefile", path.stem, epsg, fields, rows, ["ENCODING=GBK"])
        ds = None  # noqa: F841
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", saved)
    if not cpg:
        path.with_suffix(".cpg").unlink()
    return path


def write_gpkg(path: Path, patches: list[dict]) -> Path:
    """EPSG:4490, pinyin field names, and a second layer so the layer must be chosen."""
    fields = [("TBBH", ogr.OFTString), ("TBMJ", ogr.OFTReal), ("XZMC", ogr.OFTString),
              ("KZ", ogr.OFTString), ("ZLZT", ogr.OFTString)]
    rows = [((p["code"], lonlat_area(p["ring"]), p["township"], p["mineral"], p["status"]),
             p["ring"]) for p in patches]
    ds = _write(path, "GPKG", "kcfj_tb", 4490, fields, rows)
    _write(path, "GPKG", "other_layer", 4490, [("MC", ogr.OFTString)],
           [(("x",), patches[0]["ring"])], ds=ds)
    ds = None
    return path


def write_geojson(path: Path, patches: list[dict]) -> Path:
    """WGS 84 (no crs member: RFC 7946), the area in 亩."""
    feats = [{"type": "Feature", "properties": {
        "图斑编码": p["code"], "面积（亩）": round(lonlat_area(p["ring"]) * 0.0015, 4),
        "乡镇名称": p["township"], "KZ": p["mineral"], "恢复治理情况": p["status"]},
        "geometry": {"type": "Polygon", "coordinates": [[list(pt) for pt in p["ring"]]]}}
        for p in patches]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                               ensure_ascii=False), encoding="utf-8")
    return path


def bad_patches(plan: Path) -> list[dict]:
    """Five patches, each wrong in one way, and one good one."""
    good = surveyed(plan)
    a, b, c, d, e, f = (dict(p) for p in good[:6])
    ring = b["ring"]  # a bow-tie: swap two vertices
    b["ring"] = [ring[0], ring[2], ring[1], *ring[3:]]
    c["code"] = a["code"]  # duplicate
    d["code"] = "TK-0001"  # no national format
    conn = sqlite3.connect(plan)
    (west,) = conn.execute("SELECT min_x FROM gpkg_contents WHERE table_name = "
                           "'county_boundary'").fetchone()
    conn.close()
    # just west of the county (0.1° past its westmost point): outside, within the margin
    shift = west - 0.1 - max(x for x, _ in e["ring"])
    e["ring"] = [(x + shift, y) for x, y in e["ring"]]
    f["stated"] = lonlat_area(f["ring"]) * 1.2
    return [a, b, c, d, e, f]


def sha256(path: os.PathLike) -> str:
    import hashlib
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
