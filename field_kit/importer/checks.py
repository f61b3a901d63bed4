# SPDX-License-Identifier: GPL-2.0-or-later
"""Geometry checks on lon/lat polygons: ring validity, self-intersection (a sweep over the
segments, so a county boundary of many thousand vertices is checked in well under a second
per thousand), and a banded point-in-polygon index for "inside the county"."""

from __future__ import annotations

import math

from ..plan.geometry import A, point_in_rings, ray_crosses

# how far from a line (degrees, about 0.1 µm) a ring's points may lie and the ring have no
# area: the rounding of longitudes near 90° is some 1e-14°
FLAT_DEG = 1e-12


def clean_ring(ring: list) -> list:
    """The ring without consecutive repeated points."""
    out: list[tuple[float, float]] = []
    for p in ring:
        p = (float(p[0]), float(p[1]))
        if not out or p != out[-1]:
            out.append(p)
    return out


def ring_defects(ring: list) -> list[str]:
    """'unclosed', 'too_few_points' (a closed ring needs 4), 'zero_area'."""
    out = []
    if len(ring) < 2 or ring[0] != ring[-1]:
        out.append("unclosed")
    pts = ring if ring and ring[0] == ring[-1] else ring + ring[:1]
    if len(pts) < 4:
        out.append("too_few_points")
    elif abs(_twice_area(pts)) <= FLAT_DEG * _span(pts) and _flat(pts):
        # (a ring of points not on one line whose areas cancel, a bow-tie, crosses itself:
        # the self-intersection check says so)
        out.append("zero_area")
    return out


def _twice_area(pts: list) -> float:
    """The ring's signed area, twice, about its first point (which keeps the products of
    longitudes and latitudes from drowning the area in rounding)."""
    x0, y0 = pts[0]
    return sum((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
               for (x1, y1), (x2, y2) in zip(pts, pts[1:]))


def _span(pts: list) -> float:
    a = pts[0]
    return max(math.hypot(p[0] - a[0], p[1] - a[1]) for p in pts)


def _flat(pts: list) -> bool:
    """Whether the points lie on one line (within :data:`FLAT_DEG` of it)."""
    a = pts[0]
    b = max(pts, key=lambda p: math.hypot(p[0] - a[0], p[1] - a[1]))
    span = math.hypot(b[0] - a[0], b[1] - a[1])
    return all(abs(_orient(a, b, c)) <= FLAT_DEG * span for c in pts)


def _orient(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _proper(p1, p2, q1, q2) -> tuple[float, float] | None:
    """Where two segments cross each other properly (each through the other); None if they
    don't."""
    o1, o2 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    o3, o4 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    if o1 * o2 < 0 and o3 * o4 < 0:
        t = o3 / (o3 - o4)
        return p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])
    return None


def _cross(p1, p2, q1, q2) -> tuple[float, float] | None:
    """Where two segments cross properly or overlap along a line; None if they don't."""
    hit = _proper(p1, p2, q1, q2)
    if hit is not None:
        return hit
    o1, o2 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    o3, o4 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    if o1 == 0 and o2 == 0 and o3 == 0 and o4 == 0:  # collinear: a shared stretch?
        k = 0 if abs(p2[0] - p1[0]) >= abs(p2[1] - p1[1]) else 1
        lo = max(min(p1[k], p2[k]), min(q1[k], q2[k]))
        hi = min(max(p1[k], p2[k]), max(q1[k], q2[k]))
        if hi > lo:
            return q1 if min(p1[k], p2[k]) <= q1[k] <= max(p1[k], p2[k]) else q2
    return None


def self_intersection(rings: list) -> tuple[float, float] | None:
    """A point where the polygon's rings cross themselves or each other, or None."""
    segs = []
    for r, ring in enumerate(rings):
        n = len(ring) - 1
        for i in range(n):
            a, b = ring[i], ring[i + 1]
            segs.append((min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1]),
                         a, b, r, i, n))
    segs.sort(key=lambda s: s[0])
    active: list = []
    for s in segs:
        active = [t for t in active if t[1] >= s[0]]
        for t in active:
            if t[3] < s[2] or t[2] > s[3]:
                continue
            if t[6] == s[6]:
                d = abs(t[7] - s[7])
                if (d == 1 or d == s[8] - 1) and (d == 1 or s[8] > 2):
                    # neighbours share a vertex: only a fold back counts
                    if _folds(t, s):
                        return s[4]
                    continue
            hit = _cross(t[4], t[5], s[4], s[5])
            if hit is not None:
                return hit
        active.append(s)
    return None


def _folds(t, s) -> bool:
    """Two consecutive segments running back along each other (a spike)."""
    pts = {t[4], t[5]} & {s[4], s[5]}
    if not pts:
        return False
    v = pts.pop()
    a = t[5] if t[4] == v else t[4]
    b = s[5] if s[4] == v else s[4]
    if _orient(v, a, b) != 0:
        return False
    return (a[0] - v[0]) * (b[0] - v[0]) + (a[1] - v[1]) * (b[1] - v[1]) > 0


class Region:
    """Point-in-polygon for a (multi)polygon in lon/lat, edges bucketed by latitude band."""

    BANDS = 512

    def __init__(self, polys: list) -> None:
        edges = [(a, b) for rings in polys for ring in rings for a, b in zip(ring, ring[1:])]
        ys = [p[1] for a, b in edges for p in (a, b)]
        self.empty = not edges
        if self.empty:
            return
        self.y0, y1 = min(ys), max(ys)
        self.xmin = min(p[0] for a, b in edges for p in (a, b))
        self.xmax = max(p[0] for a, b in edges for p in (a, b))
        self.y1 = y1
        self.h = (y1 - self.y0) / self.BANDS or 1e-9
        self.bands: list[list] = [[] for _ in range(self.BANDS + 1)]
        for a, b in edges:
            lo, hi = self._band(min(a[1], b[1])), self._band(max(a[1], b[1]))
            for k in range(lo, hi + 1):
                self.bands[k].append((a, b))

    def _band(self, y: float) -> int:
        return max(0, min(self.BANDS, int((y - self.y0) / self.h)))

    def contains(self, x: float, y: float, tolerance_m: float = 0.5) -> bool:
        if self.empty:
            return False
        tol = tolerance_m / (A * math.pi / 180)  # degrees of latitude
        if not (self.xmin - 3 * tol <= x <= self.xmax + 3 * tol
                and self.y0 - tol <= y <= self.y1 + tol):
            return False
        inside = False
        near = False
        coslat = max(0.1, math.cos(math.radians(y)))
        for a, b in self.bands[self._band(y)]:
            if ray_crosses(x, y, a, b):
                inside = not inside
            (x1, y1), (x2, y2) = a, b
            if not near:
                near = _seg_dist(x * coslat, y, x1 * coslat, y1, x2 * coslat, y2) <= tol
        return inside or near


def _seg_dist(px, py, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    d2 = dx * dx + dy * dy
    t = 0.0 if not d2 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / d2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def inner_point(rings: list) -> tuple[float, float] | None:
    """A point inside the polygon ``rings`` (its outer ring, then its holes), off its holes:
    the middle of the widest stretch inside it of the line across its middle."""
    ys = [p[1] for p in rings[0]]
    y = (min(ys) + max(ys)) / 2
    xs = sorted(x1 + (y - y1) * (x2 - x1) / (y2 - y1) for ring in rings
                for (x1, y1), (x2, y2) in zip(ring, ring[1:]) if (y1 > y) != (y2 > y))
    widest = max(zip(xs[0::2], xs[1::2]), key=lambda s: s[1] - s[0], default=None)
    return None if widest is None else ((widest[0] + widest[1]) / 2, y)


def parts_problem(polys: list) -> tuple | None:
    """What makes a (multi)polygon's parts wrong, though each ring is sound: ("hole", part,
    ring) for a hole outside its outer ring; ("overlap", part, part, point) for two parts
    one over the other (their area counted twice); None where none is."""
    for k, rings in enumerate(polys, 1):
        for h, hole in enumerate(rings[1:], 2):
            if not any(point_in_rings(x, y, rings[:1]) for x, y in hole[:-1]):
                return "hole", k, h
    for i, a in enumerate(polys):
        for j, b in enumerate(polys):
            if i == j or not _boxes_meet(a[0], b[0]):
                continue
            pt = inner_point(b)
            hit = pt if pt is not None and point_in_rings(*pt, a) else _crossing(a[0], b[0])
            if hit is not None:
                return "overlap", min(i, j) + 1, max(i, j) + 1, hit
    return None


def _boxes_meet(a: list, b: list) -> bool:
    return not (max(p[0] for p in a) < min(p[0] for p in b) or
                max(p[0] for p in b) < min(p[0] for p in a) or
                max(p[1] for p in a) < min(p[1] for p in b) or
                max(p[1] for p in b) < min(p[1] for p in a))


def _crossing(a: list, b: list) -> tuple[float, float] | None:
    """Where two rings' edges cross each other properly (edges they share do not)."""
    return next((hit for p1, p2 in zip(a, a[1:]) for q1, q2 in zip(b, b[1:])
                 if (hit := _proper(p1, p2, q1, q2)) is not None), None)
