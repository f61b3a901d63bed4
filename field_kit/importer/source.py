# SPDX-License-Identifier: GPL-2.0-or-later
"""What a source layer holds once read, whatever its format; the GeoJSON and GeoPackage
readers (the Shapefile, KML, GPX and CSV ones are in :mod:`.shapefile`, :mod:`.kml`,
:mod:`.gpx` and :mod:`.delimited`), and :func:`read_source`."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..bilingual import Text, counted
from ..db import quote
from ..plan.geometry import (
    WKB_COLLECTION,
    WKB_LINESTRING,
    WKB_MULTILINESTRING,
    WKB_MULTIPOINT,
    WKB_MULTIPOLYGON,
    WKB_POINT,
    WKB_POLYGON,
    blob_wkb,
    parse_wkb,
    point_in_rings,
)


class SourceError(Exception):
    """A source that cannot be read at all, said in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass
class Geom:
    """``kind`` polygon (``parts``: polygons, each a list of rings, exterior first),
    point (``parts``: points), line (``parts``: lines) or other (``detail`` says what)."""

    kind: str
    parts: list
    detail: str | Text = ""  # a Text: why it cannot be read
    heights: bool = False  # it had heights (Z) or measures (M), which are not imported


@dataclass
class Feature:
    row: int  # 1-based position in the source
    fid: int | str | None  # the source's own feature id (what QGIS shows)
    attrs: dict
    geom: Geom | None  # None: empty geometry


@dataclass
class SourceLayer:
    path: str
    format: str
    name: str
    fields: list[str] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    crs_wkt: str | None = None  # .prj / gpkg definition
    crs_code: str | None = None  # "EPSG:4490", GeoJSON crs name...
    crs_from_rows: bool = False  # crs_code is the SRID every row's EWKT gives
    encoding: str | None = None
    encoding_how: str = ""
    notes: list[Text] = field(default_factory=list)  # warnings
    point_list: tuple[str, str] | None = None  # a CSV's x and y columns: a row a point
    wkt_column: str | None = None  # a CSV's column of WKT: its shapes (or points)
    lonlat_by: str = ""  # the columns named longitude/latitude, where nothing else says
    said: list[Text] = field(default_factory=list)  # how it was read, for the report
    # a CSV's rows (by Feature.row) whose point could not be read: (x, y) as written, and
    # why (a Text) where more is known than that
    unread_points: dict[int, tuple] = field(default_factory=dict)
    # a CSV's first point (x, y as written) where every coordinate reads as degrees, minutes
    # and seconds packed into one number (度.分秒: 88.4423636 for 88°44′23.636″)
    packed_dms: tuple[str, str] | None = None
    # a GPX's waypoints (by Feature.row) whose name gives their corner's number: CT…-2, 2
    corner_numbers: dict[int, int] = field(default_factory=dict)

    def keep_filled(self, seen) -> None:
        """The fields, in the order ``seen``, that some feature fills; each feature's
        attributes those (a field none fills, a description nobody wrote, is none)."""
        self.fields = [k for k in seen if any(f.attrs.get(k) is not None
                                              for f in self.features)]
        for f in self.features:
            f.attrs = {k: f.attrs.get(k) for k in self.fields}


# A Shapefile's measure below this is "no data"
NO_MEASURE = -1e38


def beyond_xy(coords) -> bool:
    """Whether nested coordinates (tuples or lists of numbers, in lists) hold a third or
    fourth ordinate, a height or a measure, that says something: neither 0 (what a tool
    writes where it has no height: Google Earth's ",0") nor NaN nor a Shapefile's "no data"."""
    if isinstance(coords, (tuple, list)) and coords and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in coords):
        return any(v == v and v != 0 and v > NO_MEASURE for v in coords[2:])
    return isinstance(coords, (tuple, list)) and any(beyond_xy(c) for c in coords)


def say_heights(layer: SourceLayer) -> None:
    """Say which features' heights or measures are not imported: the master holds x and y."""
    rows = [f.row for f in layer.features if f.geom is not None and f.geom.heights]
    if not rows:
        return
    shown = ", ".join(map(str, rows[:10])) + (f" (+{len(rows) - 10})" if len(rows) > 10 else "")
    layer.said.append(Text(
        f"{len(rows)} 个要素的几何带有高程（Z）或测量值（M），只导入平面坐标（x、y）："
        f"第 {shown} 行",
        f"{counted(len(rows), 'feature')} {'carries' if len(rows) == 1 else 'carry'} heights "
        "(Z) or measures (M), which are not imported: "
        f"the master holds x and y only (row{'s' if len(rows) > 1 else ''} {shown})"))


def _signed_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def polygons_from_rings(rings: list, clockwise_outer: bool) -> Geom:
    """Group a Shapefile's rings into polygons: exterior rings run clockwise, holes
    counter-clockwise and go with the smallest exterior that holds them."""
    outers: list = []
    holes: list = []
    for ring in rings:
        a = _signed_area(ring)
        (outers if (a < 0) == clockwise_outer else holes).append(ring)
    if not outers:  # written with the wrong orientation throughout: take rings as exteriors
        outers, holes = holes, []
    polys = [[o] for o in outers]
    sizes = [abs(_signed_area(o)) for o in outers]
    for h in holes:
        best = None
        for i, o in enumerate(outers):
            inside = h and point_in_rings(h[0][0], h[0][1], [o])
            if inside and (best is None or sizes[i] < sizes[best]):
                best = i
        if best is None:
            polys.append([h])  # a hole in nothing: keep it as a polygon of its own
        else:
            polys[best].append(h)
    return Geom("polygon", polys)


def geom_from_wkb(wkb: bytes) -> Geom | None:
    code, body = parse_wkb(wkb)
    if code == WKB_POLYGON:
        return Geom("polygon", [body]) if body else None
    if code == WKB_MULTIPOLYGON:
        polys = [p[1] for p in body if p[1]]
        return Geom("polygon", polys) if polys else None
    if code == WKB_POINT:
        return Geom("point", body) if body else None
    if code == WKB_MULTIPOINT:
        pts = [p for part in body for p in part[1]]
        return Geom("point", pts) if pts else None
    if code == WKB_LINESTRING:
        return Geom("line", [body]) if body else None
    if code == WKB_MULTILINESTRING:
        return Geom("line", [p[1] for p in body]) if body else None
    if code == WKB_COLLECTION:
        return Geom("other", [], "geometry collection") if body else None
    return Geom("other", [], f"WKB type {code}")


# --- GeoJSON -------------------------------------------------------------------------------

def _geom_from_geojson(g: dict | None) -> Geom | None:
    geom = _geojson_shape(g)
    if geom is not None:
        geom.heights = beyond_xy((g or {}).get("coordinates"))
    return geom


def _geojson_shape(g: dict | None) -> Geom | None:
    if not g:
        return None
    t, c = g.get("type"), g.get("coordinates")

    def ring(r):
        return [(float(p[0]), float(p[1])) for p in r]

    if t == "Polygon":
        return Geom("polygon", [[ring(r) for r in c]]) if c else None
    if t == "MultiPolygon":
        polys = [[ring(r) for r in p] for p in c or [] if p]
        return Geom("polygon", polys) if polys else None
    if t == "Point":
        return Geom("point", [(float(c[0]), float(c[1]))]) if c else None
    if t == "MultiPoint":
        return Geom("point", ring(c)) if c else None
    if t == "LineString":
        return Geom("line", [ring(c)]) if c else None
    if t == "MultiLineString":
        return Geom("line", [ring(x) for x in c]) if c else None
    return Geom("other", [], str(t))


def read_geojson(path: Path) -> SourceLayer:
    try:
        with open(path, encoding="utf-8-sig") as f:
            doc = json.load(f)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(Text(
            f"{path.name} 不是有效的 GeoJSON（UTF-8 JSON）：{exc}",
            f"{path.name} is not valid GeoJSON (UTF-8 JSON): {exc}")) from None
    layer = SourceLayer(path=str(path), format="GeoJSON", name=doc.get("name") or path.stem,
                        encoding="utf-8", encoding_how="GeoJSON is UTF-8")
    if doc.get("type") == "Feature":
        feats = [doc]
    elif doc.get("type") == "FeatureCollection":
        feats = doc.get("features") or []
    else:
        raise SourceError(Text(
            f"{path.name} 中没有 GeoJSON 要素",
            f"{path.name} holds no GeoJSON features"))
    crs = doc.get("crs") or {}
    name = (crs.get("properties") or {}).get("name")
    if name:
        layer.crs_code = name
    seen: dict[str, None] = {}
    for i, f in enumerate(feats):
        props = f.get("properties") or {}
        for k in props:
            seen.setdefault(k, None)
        layer.features.append(Feature(row=i + 1, fid=f.get("id", i), attrs=dict(props),
                                      geom=_geom_from_geojson(f.get("geometry"))))
    layer.fields = list(seen)
    return layer


# --- GeoPackage ----------------------------------------------------------------------------

def gpkg_layers(path: str | os.PathLike) -> list[str]:
    conn = _open_ro(path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' "
            "ORDER BY table_name")]
    finally:
        conn.close()


def _open_ro(path) -> sqlite3.Connection:
    p = os.fspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        conn.execute("SELECT 1 FROM gpkg_contents LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise SourceError(Text(
            f"{Path(path).name} 不是 GeoPackage（{exc}）",
            f"{Path(path).name} is not a GeoPackage ({exc})")) from None
    return conn


def chosen_layer(path: Path, names: list[str], layer_name: str | None, kind: str = "") -> str:
    """The layer of a file with layers ``names`` to read: the one asked for, or its only one
    (``kind``: what its layers are, "folders" in a KML)."""
    if layer_name is None:
        if len(names) != 1:
            listed = (f"{kind}: " if kind else "") + ", ".join(names)
            raise SourceError(Text(
                f"{path.name} 含 {len(names)} 个图层（{'文件夹：' if kind else ''}"
                f"{'、'.join(names)}），请指定一个",
                f"{path.name} has {len(names)} layers ({listed}): choose one (--source-layer)"))
        return names[0]
    if layer_name not in names:
        raise SourceError(Text(
            f"{path.name} 中没有图层 {layer_name!r}（现有：{'、'.join(names)}）",
            f"{path.name} has no layer {layer_name!r} (it has: {', '.join(names)})"))
    return layer_name


def read_gpkg(path: Path, layer_name: str | None) -> SourceLayer:
    conn = _open_ro(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name")]
        layer_name = chosen_layer(path, names, layer_name)
        gcol, srs_id = conn.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
            (layer_name,)).fetchone()
        layer = SourceLayer(path=str(path), format="GeoPackage", name=layer_name,
                            encoding="utf-8", encoding_how="GeoPackage text is UTF-8")
        srs = conn.execute("SELECT organization, organization_coordsys_id, definition "
                           "FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone()
        if srs:
            org, org_id, definition = srs
            if (org or "").upper() == "EPSG" and org_id and org_id > 0:
                layer.crs_code = f"EPSG:{org_id}"
            if definition and definition.strip().lower() != "undefined":
                layer.crs_wkt = definition
        cols = conn.execute(f"PRAGMA table_info({quote(layer_name)})").fetchall()
        pk = next((c[1] for c in cols if c[5]), None)
        layer.fields = [c[1] for c in cols if c[1] not in (pk, gcol)]
        sel = ", ".join(quote(c) for c in [pk or "rowid", gcol, *layer.fields])
        for i, row in enumerate(conn.execute(f"SELECT {sel} FROM {quote(layer_name)} ORDER BY 1")):
            blob = row[1]
            geom = None
            if blob is not None:
                try:
                    wkb = blob_wkb(bytes(blob))
                    geom = geom_from_wkb(wkb)
                    if geom is not None and not _xy_only(wkb):
                        geom.heights = beyond_xy(parse_wkb(wkb, full=True)[1])
                except (ValueError, KeyError, IndexError) as exc:
                    geom = Geom("other", [], f"unreadable geometry ({exc})")
            layer.features.append(Feature(row=i + 1, fid=row[0],
                                          attrs=dict(zip(layer.fields, row[2:])), geom=geom))
        return layer
    finally:
        conn.close()


def _xy_only(wkb: bytes) -> bool:
    """Whether WKB's type says x and y alone (ISO's 1000s, or EWKB's flags, say Z or M)."""
    code = int.from_bytes(wkb[1:5], "little" if wkb[0] == 1 else "big")
    return code < 1000 and not code & 0xC0000000


def _existing(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        raise SourceError(Text(
            f"文件不存在：{p}",
            f"no such file: {p}"))
    return p


def source_layers(path: str | os.PathLike) -> list[str]:
    """The layers of a file that holds several to choose from, by the names ``read_source``
    takes: a GeoPackage's feature tables, a KML's (or KMZ's) folders holding placemarks, a
    GPX's tracks, routes and waypoints and the points of its tracks and routes (those it
    holds); [] for a file that is one layer (Shapefile, GeoJSON, CSV)."""
    p = _existing(path)
    ext = p.suffix.lower()
    if ext == ".gpkg":
        return gpkg_layers(p)
    if ext in (".kml", ".kmz"):
        from .kml import kml_layers
        return kml_layers(p)
    if ext == ".gpx":
        from .gpx import gpx_layers
        return gpx_layers(p)
    return []


def unasked_layer(path: str | os.PathLike, names: list[str]) -> str | None:
    """Of the layers ``names`` of a file of several, the one an import reads where none is
    chosen (a GPX's tracks); None where the user is to say which."""
    if Path(path).suffix.lower() == ".gpx":
        from .gpx import unasked
        return unasked(names)
    return None


def read_source(path: str | os.PathLike, source_layer: str | None = None,
                mapping: dict | None = None) -> SourceLayer:
    """Read a Shapefile (.shp, or a .zip is not read: unzip it), GeoJSON, GeoPackage, KML
    or KMZ (a folder of it: ``source_layer``), GPX (its tracks, routes, waypoints, or the
    points of its tracks or routes: ``source_layer``, else its tracks) or a CSV (a point
    list, or a WKT column). The ``mapping`` given, where there is one: a GPX waypoint's
    field it maps to a plan field is read as that alone, not as the patch code too."""
    layer = _read(path, source_layer, mapping)
    say_heights(layer)
    return layer


def _read(path: str | os.PathLike, source_layer: str | None,
          mapping: dict | None = None) -> SourceLayer:
    p = _existing(path)
    ext = p.suffix.lower()
    if ext == ".shp":
        from .shapefile import read_shapefile
        return read_shapefile(p)
    if ext in (".geojson", ".json"):
        return read_geojson(p)
    if ext == ".gpkg":
        return read_gpkg(p, source_layer)
    if ext in (".kml", ".kmz"):
        from .kml import read_kml
        return read_kml(p, source_layer)
    if ext == ".gpx":
        from .gpx import read_gpx
        return read_gpx(p, source_layer, mapping)
    if ext in (".csv", ".tsv"):
        from .delimited import read_csv
        return read_csv(p)
    raise SourceError(Text(
        f"{p.name}：不是 Shapefile、GeoJSON、GeoPackage、KML/KMZ、GPX 或 CSV 文件",
        f"{p.name}: not a Shapefile (.shp), GeoJSON (.geojson), GeoPackage (.gpkg), KML "
        "(.kml, .kmz), GPX (.gpx) or CSV (.csv)"))
