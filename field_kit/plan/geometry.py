# SPDX-License-Identifier: GPL-2.0-or-later
"""GeoPackage geometry blobs and ellipsoidal measures, with the standard library only.

Blobs follow the GeoPackage binary format (a ``GP`` header, an optional envelope, then
ISO WKB). Areas and lengths are on the CGCS2000 ellipsoid: areas on its authalic sphere
with edges densified along their geodesics (equal-area, so within a tenth of a part per
million of the exact geodesic area), lengths and bearings by Vincenty's formulae.
"""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Iterable, Sequence

# CGCS2000 ellipsoid (EPSG:1024); it differs from GRS80 only in the 11th digit of f.
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)
E = math.sqrt(E2)

Coord = tuple[float, float]
Ring = Sequence[Coord]

WKB_POINT, WKB_LINESTRING, WKB_POLYGON = 1, 2, 3
WKB_MULTIPOINT, WKB_MULTILINESTRING, WKB_MULTIPOLYGON, WKB_COLLECTION = 4, 5, 6, 7
# the curves and surfaces a GeoPackage may hold too (its geometry types extension): a curve
# by its points as a line, the others by their parts, each a whole geometry
WKB_CIRCULARSTRING, WKB_TRIANGLE = 8, 17
WKB_OF_PARTS = (WKB_MULTIPOINT, WKB_MULTILINESTRING, WKB_MULTIPOLYGON, WKB_COLLECTION,
                9, 10, 11, 12, 15, 16)  # compound curve, curve polygon, multi-curve,
#                                        multi-surface, polyhedral surface, TIN


# --- WKB ------------------------------------------------------------------------------

def point_wkb(lon: float, lat: float) -> bytes:
    return struct.pack("<BIdd", 1, WKB_POINT, lon, lat)


def _ring_wkb(ring: Ring) -> bytes:
    return struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", x, y) for x, y in ring)


def multilinestring_wkb(lines: Iterable[Ring]) -> bytes:
    parts = [struct.pack("<BI", 1, WKB_LINESTRING) + _ring_wkb(line) for line in lines]
    return struct.pack("<BII", 1, WKB_MULTILINESTRING, len(parts)) + b"".join(parts)


def multipolygon_wkb(polygons: Iterable[Sequence[Ring]]) -> bytes:
    """``polygons`` is a list of polygons, each a list of closed rings (exterior first)."""
    parts = []
    for rings in polygons:
        parts.append(struct.pack("<BII", 1, WKB_POLYGON, len(rings))
                     + b"".join(map(_ring_wkb, rings)))
    return struct.pack("<BII", 1, WKB_MULTIPOLYGON, len(parts)) + b"".join(parts)


def parse_wkb(wkb: bytes, full: bool = False) -> tuple:
    """Return (base geometry type, nested coordinates (x, y)) of ISO or extended WKB;
    ``full``, ((type, has z, has m), nested coordinates with every ordinate)."""
    value, _ = _parse(memoryview(wkb), 0, full)
    return value


def wkb_type(wkb: bytes) -> int:
    """The base geometry type of WKB that parses whole, with nothing left over; raise
    ValueError (or struct.error) if it does not."""
    (code, _), end = _parse(memoryview(wkb), 0)
    if end != len(wkb):
        raise ValueError(f"{len(wkb) - end} bytes after the geometry")
    return code


def _parse(buf: memoryview, pos: int, full: bool = False):
    """((type, body), end) of the geometry at ``pos``: the coordinates x, y; ``full``, every
    ordinate (z, m too), the type as ((type, has z, has m))."""
    order = "<" if buf[pos] == 1 else ">"
    (code,) = struct.unpack_from(order + "I", buf, pos + 1)
    pos += 5
    has_z, has_m = bool(code & 0x80000000), bool(code & 0x40000000)  # extended WKB flags
    code &= 0x0FFFFFFF
    if code >= 1000:
        has_z, has_m = has_z or code // 1000 in (1, 3), has_m or code // 1000 in (2, 3)
        code %= 1000
    dims = 2 + has_z + has_m
    step = 8 * dims
    ordinates = order + ("d" * dims if full else "dd")
    kind = (code, has_z, has_m) if full else code

    def points(pos: int) -> tuple[list[Coord], int]:
        (n,) = struct.unpack_from(order + "I", buf, pos)
        pos += 4
        out = [struct.unpack_from(ordinates, buf, pos + i * step) for i in range(n)]
        return out, pos + n * step

    if code == WKB_POINT:
        xy = struct.unpack_from(ordinates, buf, pos)
        return (kind, [] if math.isnan(xy[0]) else [xy]), pos + step
    if code in (WKB_LINESTRING, WKB_CIRCULARSTRING):
        pts, pos = points(pos)
        return (kind, pts), pos
    if code in (WKB_POLYGON, WKB_TRIANGLE):
        (n,) = struct.unpack_from(order + "I", buf, pos)
        pos += 4
        rings = []
        for _ in range(n):
            ring, pos = points(pos)
            rings.append(ring)
        return (kind, rings), pos
    if code in WKB_OF_PARTS:
        (n,) = struct.unpack_from(order + "I", buf, pos)
        pos += 4
        parts = []
        for _ in range(n):
            part, pos = _parse(buf, pos, full)
            parts.append(part)
        return (kind, parts), pos
    raise ValueError(f"unsupported WKB geometry type {code}")


def _coords(parsed) -> Iterable[Coord]:
    code, body = parsed
    if code in (WKB_POINT, WKB_LINESTRING, WKB_CIRCULARSTRING):
        yield from body
    elif code in (WKB_POLYGON, WKB_TRIANGLE):
        for ring in body:
            yield from ring
    else:
        for part in body:
            yield from _coords(part)


# --- GeoPackage blobs -----------------------------------------------------------------

def envelope(wkb: bytes) -> tuple[float, float, float, float] | None:
    xs, ys = [], []
    for x, y in _coords(parse_wkb(wkb)):
        xs.append(x)
        ys.append(y)
    if not xs:
        return None
    return min(xs), max(xs), min(ys), max(ys)


def gpkg_blob(wkb: bytes, srs_id: int = 4490) -> bytes:
    """Wrap WKB in a GeoPackage header; points carry no envelope, as GDAL writes them."""
    env = envelope(wkb)
    empty = env is None
    is_point = parse_wkb(wkb)[0] == WKB_POINT
    env_flag = 0 if (empty or is_point) else 1
    flags = 0x01 | (env_flag << 1) | (0x10 if empty else 0)
    head = b"GP" + bytes([0, flags]) + struct.pack("<i", srs_id)
    if env_flag and env is not None:
        head += struct.pack("<dddd", *env)
    return head + wkb


def blob_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    env_size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return bytes(blob[8 + env_size:])


def blob_srs_id(blob: bytes) -> int:
    """The coordinate system a GeoPackage geometry blob's header names."""
    return struct.unpack_from("<i" if blob[3] & 0x01 else ">i", blob, 4)[0]


def as_written(blob: bytes) -> bytes:
    """A GeoPackage geometry blob with its header as :func:`gpkg_blob` (and GDAL) write
    one: PostGIS gives a shape back with another (big-endian, its own envelope), so one
    shape would read as two. A blob that does not parse, as it is."""
    try:
        return gpkg_blob(blob_wkb(blob), blob_srs_id(blob))
    except (ValueError, KeyError, IndexError, struct.error):
        return blob


def same_shape(a: bytes, b: bytes) -> bool:
    """Whether two GeoPackage geometry blobs hold the same shape: one written by QGIS and
    one PostGIS wrote back may differ in their header (envelope, flags) or WKB byte order.
    A blob that does not parse is the same as nothing else; one in another coordinate
    system (the header's srs_id), or with other z or m values or none, is another shape."""
    try:
        if blob_srs_id(a) != blob_srs_id(b):
            return False
        wa, wb = blob_wkb(a), blob_wkb(b)
        if wa == wb:
            return True
        if wa[:5] == wb[:5]:  # same byte order and type, other bytes: another shape
            return False
        return parse_wkb(wa, full=True) == parse_wkb(wb, full=True)
    except (ValueError, KeyError, IndexError, struct.error):
        return False


def blob_envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) from the header, or computed when the header has none."""
    flags = blob[3]
    if flags & 0x10:
        return None
    env_kind = (flags >> 1) & 0x07
    if env_kind:
        order = "<" if flags & 0x01 else ">"
        return struct.unpack_from(order + "dddd", blob, 8)
    return envelope(blob_wkb(blob))


def register_functions(conn: sqlite3.Connection) -> None:
    """Give a plain SQLite connection the functions GeoPackage R-tree triggers call.

    GDAL registers these itself; the sqlite3 module does not, and without them any edit of
    a geometry in a GeoPackage with a spatial index fails.
    """

    def component(i: int):
        def fn(blob):
            if blob is None:
                return None
            env = blob_envelope(bytes(blob))
            return None if env is None else env[i]
        return fn

    def is_empty(blob):
        if blob is None:
            return None
        return 1 if bytes(blob)[3] & 0x10 or blob_envelope(bytes(blob)) is None else 0

    for name, fn in (("ST_MinX", component(0)), ("ST_MaxX", component(1)),
                     ("ST_MinY", component(2)), ("ST_MaxY", component(3))):
        conn.create_function(name, 1, fn, deterministic=True)
    conn.create_function("ST_IsEmpty", 1, is_empty, deterministic=True)
    # (the sync's own: a geometry written again with its shape is no edit of it)
    conn.create_function("toksun_same_shape", 2, lambda a, b: isinstance(a, bytes) and
                         isinstance(b, bytes) and same_shape(a, b), deterministic=True)
    # (and the change log's: a real as JSON, exactly, where SQLite's printf is not exact)
    conn.create_function("toksun_real", 1, lambda x: repr(float(x)), deterministic=True)
    # GDAL's GeoPackage driver also checks this on open of files it wrote
    conn.create_function("GPKG_IsAssignable", 2, lambda a, b: 1, deterministic=True)


# --- Ellipsoidal measures -------------------------------------------------------------

_QP = 1 + (1 - E2) / (2 * E) * math.atanh(E)  # q at the pole
AUTHALIC_RADIUS = A * math.sqrt(_QP / 2)


def _authalic_lat(lat_deg: float) -> float:
    s = math.sin(math.radians(lat_deg))
    q = (1 - E2) * (s / (1 - E2 * s * s) + math.atanh(E * s) / E)
    return math.asin(max(-1.0, min(1.0, q / _QP)))


# Longer edges get points along their geodesic before measuring: a great circle on the
# authalic sphere is no geodesic's image, and the area's error grows as the square of the
# step (at 200 m, 14 ppm of a small triangle's; at 10 m, 0.04 ppm, below the cm² stored)
DENSIFY_M = 10.0


def densify(ring: Ring, step_m: float = DENSIFY_M) -> list[Coord]:
    """The ring with points added along each geodesic edge, at most ``step_m`` apart."""
    out: list[Coord] = [tuple(ring[0])]  # type: ignore[list-item]
    for p1, p2 in zip(ring, ring[1:]):
        dist, bearing = inverse(p1, p2)
        n = int(dist // step_m)
        out.extend(direct(p1, bearing, dist * i / (n + 1)) for i in range(1, n + 1))
        out.append(tuple(p2))  # type: ignore[arg-type]
    return out


def ring_area(ring: Ring) -> float:
    """Area in m² of a closed lon/lat ring with geodesic edges on CGCS2000 (positive)."""
    total = 0.0
    pts = [(math.radians(x), _authalic_lat(y)) for x, y in densify(ring)]
    for (l1, b1), (l2, b2) in zip(pts, pts[1:]):
        # signed spherical excess of the triangle pole-p1-p2 (great-circle edges)
        t1, t2 = math.tan(b1 / 2), math.tan(b2 / 2)
        total += 2 * math.atan2(math.tan((l2 - l1) / 2) * (t1 + t2), 1 + t1 * t2)
    return abs(total) * AUTHALIC_RADIUS ** 2


def polygon_area(rings: Sequence[Ring]) -> float:
    return ring_area(rings[0]) - sum(ring_area(r) for r in rings[1:])


def ray_crosses(x: float, y: float, a: Coord, b: Coord) -> bool:
    """Whether a ray from (x, y) towards +x crosses the edge a-b (the even-odd rule's step)."""
    (x1, y1), (x2, y2) = a, b
    return (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1)


def point_in_rings(x: float, y: float, rings: Iterable[Ring]) -> bool:
    """Even-odd rule over all the rings: a point in a hole is outside."""
    inside = False
    for ring in rings:
        for a, b in zip(ring, ring[1:]):
            if ray_crosses(x, y, a, b):
                inside = not inside
    return inside


class Outline:
    """A treated outline measured in the field: points clicked on the map or walked, in
    lon/lat; its ellipsoidal area once it has three points (closed back to the first)."""

    WALK_STEP_M = 2.0  # a walked point is kept once the technician moved this far

    def __init__(self) -> None:
        self.points: list[Coord] = []

    def add(self, lon: float, lat: float) -> None:
        self.points.append((lon, lat))

    def walk(self, lon: float, lat: float) -> bool:
        """Add a walked position unless it is within a step of the last point."""
        if self.points and distance(self.points[-1], (lon, lat)) < self.WALK_STEP_M:
            return False
        self.add(lon, lat)
        return True

    def undo(self) -> None:
        if self.points:
            self.points.pop()

    def clear(self) -> None:
        self.points.clear()

    @property
    def area_m2(self) -> float | None:
        if len(self.points) < 3:
            return None
        return ring_area(self.points + [self.points[0]])

    @property
    def perimeter_m(self) -> float:
        if len(self.points) < 2:
            return 0.0
        closed = self.points + ([self.points[0]] if len(self.points) > 2 else [])
        return line_length(closed)


def wkb_area(wkb: bytes) -> float:
    code, body = parse_wkb(wkb)
    if code == WKB_POLYGON:
        return polygon_area(body)
    if code == WKB_MULTIPOLYGON:
        return sum(polygon_area(part[1]) for part in body)
    return 0.0


def centroid(polys: list) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of polygons, on the lon/lat plane (fine for patches)."""
    sx = sy = sw = 0.0
    for rings in polys:
        for k, ring in enumerate(rings):
            x0, y0 = ring[0]
            a2 = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                x1, y1, x2, y2 = x1 - x0, y1 - y0, x2 - x0, y2 - y0
                c = x1 * y2 - x2 * y1
                a2 += c
                cx += (x1 + x2) * c
                cy += (y1 + y2) * c
            if not a2:
                continue
            w = abs(a2) / 2 * (1.0 if k == 0 else -1.0)
            sx += (x0 + cx / (3 * a2)) * w
            sy += (y0 + cy / (3 * a2)) * w
            sw += w
    if not sw:
        pts = [p for rings in polys for p in rings[0]]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return sx / sw, sy / sw


def distance(p1: Coord, p2: Coord) -> float:
    """Ellipsoidal distance in metres between two lon/lat points (Vincenty's inverse)."""
    return inverse(p1, p2)[0]


def inverse(p1: Coord, p2: Coord) -> tuple[float, float]:
    """(distance in m, initial bearing in degrees from north) from p1 to p2 on CGCS2000."""
    (lon1, lat1), (lon2, lat2) = p1, p2
    if (lon1, lat1) == (lon2, lat2):
        return 0.0, 0.0
    b = A * (1 - F)
    big_l = math.radians(lon2 - lon1)
    u1 = math.atan((1 - F) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - F) * math.tan(math.radians(lat2)))
    su1, cu1, su2, cu2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _ in range(200):
        sl, cl = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cu2 * sl, cu1 * su2 - su1 * cu2 * cl)
        if sin_sigma == 0:
            return 0.0, 0.0
        cos_sigma = su1 * su2 + cu1 * cu2 * cl
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cu1 * cu2 * sl / sin_sigma
        cos2_alpha = 1 - sin_alpha ** 2
        cos_2sm = cos_sigma - 2 * su1 * su2 / cos2_alpha if cos2_alpha else 0.0
        c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
        prev = lam
        lam = big_l + (1 - c) * F * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm ** 2)))
        if abs(lam - prev) < 1e-12:
            break
    u_sq = cos2_alpha * (A ** 2 - b ** 2) / b ** 2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    d_sigma = big_b * sin_sigma * (cos_2sm + big_b / 4 * (
        cos_sigma * (-1 + 2 * cos_2sm ** 2)
        - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma ** 2) * (-3 + 4 * cos_2sm ** 2)))
    dist = b * big_a * (sigma - d_sigma)
    bearing = math.degrees(math.atan2(cu2 * math.sin(lam), cu1 * su2 - su1 * cu2 * math.cos(lam)))
    return dist, bearing % 360


def direct(p1: Coord, bearing_deg: float, dist: float) -> Coord:
    """The point ``dist`` metres from p1 along the geodesic at ``bearing_deg`` (Vincenty)."""
    b = A * (1 - F)
    alpha1 = math.radians(bearing_deg)
    sa1, ca1 = math.sin(alpha1), math.cos(alpha1)
    tu1 = (1 - F) * math.tan(math.radians(p1[1]))
    cu1 = 1 / math.sqrt(1 + tu1 * tu1)
    su1 = tu1 * cu1
    sigma1 = math.atan2(tu1, ca1)
    sin_alpha = cu1 * sa1
    cos2_alpha = 1 - sin_alpha ** 2
    u_sq = cos2_alpha * (A ** 2 - b ** 2) / b ** 2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    sigma = dist / (b * big_a)
    for _ in range(200):
        cos_2sm = math.cos(2 * sigma1 + sigma)
        ss, cs = math.sin(sigma), math.cos(sigma)
        d_sigma = big_b * ss * (cos_2sm + big_b / 4 * (
            cs * (-1 + 2 * cos_2sm ** 2)
            - big_b / 6 * cos_2sm * (-3 + 4 * ss ** 2) * (-3 + 4 * cos_2sm ** 2)))
        prev, sigma = sigma, dist / (b * big_a) + d_sigma
        if abs(sigma - prev) < 1e-12:
            break
    ss, cs = math.sin(sigma), math.cos(sigma)
    cos_2sm = math.cos(2 * sigma1 + sigma)
    tmp = su1 * ss - cu1 * cs * ca1
    lat = math.atan2(su1 * cs + cu1 * ss * ca1, (1 - F) * math.hypot(sin_alpha, tmp))
    lam = math.atan2(ss * sa1, cu1 * cs - su1 * ss * ca1)
    c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
    big_l = lam - (1 - c) * F * sin_alpha * (
        sigma + c * ss * (cos_2sm + c * cs * (-1 + 2 * cos_2sm ** 2)))
    return p1[0] + math.degrees(big_l), math.degrees(lat)


def line_length(line: Ring) -> float:
    return sum(distance(a, b) for a, b in zip(line, line[1:]))


def bounds_meet(a: bytes | None, b: bytes | None) -> bool:
    """Whether the bounds of two GeoPackage geometry blobs meet (touch or overlap): the two
    parts of a shape split do, as a shape and its copy do."""
    try:
        ea, eb = (blob_envelope(x) if x else None for x in (a, b))
    except (ValueError, KeyError, IndexError, struct.error):
        return False
    if ea is None or eb is None:
        return False
    slack = 1e-9 * max(1.0, *map(abs, ea + eb))  # (a shared edge, written twice)
    return (ea[0] <= eb[1] + slack and eb[0] <= ea[1] + slack and ea[2] <= eb[3] + slack
            and eb[2] <= ea[3] + slack)
