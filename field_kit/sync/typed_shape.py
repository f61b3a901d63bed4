# SPDX-License-Identifier: GPL-2.0-or-later
"""A shape typed to settle a conflict on a geometry: well-known text, as QGIS copies a
feature's shape (``MULTIPOLYGON (((88.5 42.8, …)))``, or EWKT, ``SRID=4490;POLYGON …``),
made the GeoPackage blob the layer holds, in the layer's spatial reference and of its
single or multi type; or the hex of such a blob, as the change log keeps it. Whether the
shape fits the layer (its type, its place) is the merge's field check's to say."""

from __future__ import annotations

import sqlite3
import struct
from typing import NamedTuple

from ..errors import BadInput
from ..importer.wkt import looks_like_wkt, parse_wkt
from ..plan import geometry

_SINGLE = {"polygon": geometry.WKB_POLYGON, "line": geometry.WKB_LINESTRING,
           "point": geometry.WKB_POINT}
_KIND = {"POLYGON": "polygon", "LINESTRING": "line", "POINT": "point"}
_MULTI = {"polygon": geometry.WKB_MULTIPOLYGON, "line": geometry.WKB_MULTILINESTRING,
          "point": geometry.WKB_MULTIPOINT}


class Layer(NamedTuple):
    """What a shape typed for a layer is held to: its geometry type and spatial reference
    id; whether that reference is a projection (metres), and then the extent its features
    have (minx, maxx, miny, maxy; None where unknown)."""

    type: str = "GEOMETRY"
    srs_id: int | None = None
    projected: bool = False
    extent: tuple | None = None


def layer_of(conn: sqlite3.Connection, tbl: str, column: str) -> Layer:
    """The :class:`Layer` of ``tbl``'s geometry ``column``."""
    try:
        got = conn.execute(
            "SELECT g.geometry_type_name, g.srs_id, upper(substr(ltrim(s.definition), 1, 7)) "
            "IN ('PROJCS[', 'PROJCRS'), c.min_x, c.max_x, c.min_y, c.max_y FROM "
            "gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
            "LEFT JOIN gpkg_contents c ON c.table_name = g.table_name WHERE g.table_name = ? "
            "AND g.column_name = ?", (tbl, column)).fetchone()
    except sqlite3.OperationalError:  # (no GeoPackage's tables)
        got = None
    if not got:
        return Layer()
    extent = None if None in got[3:] else tuple(got[3:])
    return Layer(str(got[0]), got[1], bool(got[2]), extent)


def _as_degrees(parts: list, kind: str, layer: Layer) -> tuple[float, float] | None:
    """The first point of a shape typed for a projected layer whose every point reads as
    longitude and latitude, where the layer's features do not lie there (degrees typed where
    metres are held would put it near the projection's origin, thousands of kilometres
    away, without a word); else None."""
    if not layer.projected:
        return None
    points = [p for part in parts for p in (
        [part] if kind == "point" else part if kind == "line" else
        [q for ring in part for q in ring])]
    if not points or any(abs(x) > 180 or abs(y) > 90 for x, y in points):
        return None
    extent = layer.extent
    if extent is not None and extent[0] <= 180 and extent[1] >= -180 and extent[2] <= 90 \
            and extent[3] >= -90:
        return None  # (its features are there too)
    return points[0]


def typed_shape(text: str, layer: Layer, of: str = "") -> str:
    """The hex of the GeoPackage blob for ``text`` typed for a geometry of ``layer``;
    ``of``: the conflict it settles, "conflict 3: ". Text that is neither WKT nor hex is
    refused, saying what is taken."""
    if not looks_like_wkt(text):
        try:
            bytes.fromhex(text)
        except ValueError:
            raise BadInput(f"{of}a shape is typed as well-known text (POLYGON ((88.5 42.8, "
                           "…)), as QGIS copies it) or as a GeoPackage blob's hex") from None
        return text.upper()
    want, srs_id = layer.type, layer.srs_id
    try:
        shape, srid = parse_wkt(text)
    except ValueError:
        raise BadInput(f"{of}the shape typed is no well-known text this reads "
                       f"({text[:40]!r}…)") from None
    if shape is None or shape.kind not in _SINGLE or not shape.parts:
        raise BadInput(f"{of}the shape typed is empty or of no kind a layer holds: give its "
                       "points, lines or polygons")
    if shape.heights:
        raise BadInput(f"{of}the shape typed has heights or measures (Z, M), which would not "
                       "be written: give its x and y only")
    if srid is not None and srs_id is not None and srid != srs_id:
        raise BadInput(f"{of}the shape typed is in SRID {srid}, the layer's in {srs_id}: "
                       "give it in the layer's coordinates")
    degrees = _as_degrees(shape.parts, shape.kind, layer)
    if degrees is not None:
        raise BadInput(f"{of}the shape typed (at {degrees[0]:g}, {degrees[1]:g}) reads as "
                       f"longitude and latitude, the layer's coordinates are metres (SRID "
                       f"{srs_id}): give it in the layer's coordinates")
    # a layer of its kind has it single or multi as the layer is; else it is as typed (and
    # the check names that kind against the layer's)
    kind = want.upper().removeprefix("MULTI")
    multi = want.upper().startswith("MULTI") if _KIND.get(kind) == shape.kind else \
        len(shape.parts) > 1
    return geometry.gpkg_blob(_wkb(shape.kind, shape.parts, multi),
                              srs_id if srs_id is not None else srid or 0).hex().upper()


def _wkb(kind: str, parts: list, multi: bool) -> bytes:
    """The WKB of ``parts`` of ``kind``: one part where not ``multi`` and there is one (a
    multi-part shape for a single-part layer is refused by the check, as of its type)."""
    if not multi and len(parts) == 1:
        return _part(kind, parts[0])
    return struct.pack("<BII", 1, _MULTI[kind], len(parts)) + b"".join(
        _part(kind, p) for p in parts)


def _part(kind: str, part) -> bytes:
    if kind == "point":
        return geometry.point_wkb(*part)
    rings = [part] if kind == "line" else part
    body = b"".join(struct.pack("<I", len(r)) + b"".join(struct.pack("<dd", x, y)
                                                         for x, y in r) for r in rings)
    head = struct.pack("<BI", 1, _SINGLE[kind])
    return head + body if kind == "line" else head + struct.pack("<I", len(rings)) + body
