# SPDX-License-Identifier: GPL-2.0-or-later
"""Which coordinate system a source is in, and how to bring its points to EPSG:4490.

Recognised: CGCS2000 geographic (4490), WGS 84 (4326, taken as CGCS2000: the two frames
differ by a few centimetres, far below the accuracy of any surveyed patch), CRS84, and the
CGCS2000 Gauss-Krüger series: 3-degree zones 25-45 with the zone prefix in the easting
(EPSG:4513-4533) and without it (4534-4554), 6-degree zones 13-23 with the prefix
(4491-4501) and without it (4502-4512). From a .prj (ESRI or OGC WKT) the EPSG authority,
the name ("CGCS2000_3_Degree_GK_Zone_30", "CGCS2000_3_Degree_GK_CM_90E", ...) or, for any
other Gauss-Krüger / Transverse Mercator on CGCS2000, the projection parameters are used.
Beijing 1954 and Xi'an 1980 are refused by name (old_datums): they need local parameters.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from ..bilingual import NO_TEXT, Text
from . import old_datums
from .gauss_kruger import TransverseMercator

CGCS2000 = 4490
WGS84 = 4326
# how near a projected point must come back to itself through longitude/latitude to be on
# the projection's domain (within it the series agree to nanometres)
DOMAIN_TOLERANCE_M = 0.001


@dataclass(frozen=True)
class CRS:
    """A source's coordinate system: geographic (lon/lat) or a Gauss-Krüger projection."""

    name: str
    epsg: int | None = None
    tm: TransverseMercator | None = None
    datum: str = "CGCS2000"  # CGCS2000 or WGS84
    how: str = ""  # how it was recognised, for the report
    note: Text = NO_TEXT  # said in the import's report

    @property
    def geographic(self) -> bool:
        return self.tm is None

    @property
    def label(self) -> str:
        return f"EPSG:{self.epsg} {self.name}" if self.epsg else self.name

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """(lon, lat) of a point; ValueError where it is off the projection's domain (the
        series give a point there, e.g. 180, 0, that does not project back to it)."""
        if self.tm is None:
            return x, y
        lon, lat = self.tm.inverse(x, y)
        try:
            back_x, back_y = self.tm.forward(lon, lat)
        except (ValueError, OverflowError, ZeroDivisionError):
            back_x = back_y = math.nan
        if not abs(back_x - x) <= DOMAIN_TOLERANCE_M or not abs(back_y - y) <= \
                DOMAIN_TOLERANCE_M:
            raise ValueError(f"{x}, {y} is off the domain of {self.label}")
        return lon, lat


WGS84_NOTE = Text("WGS 84 坐标按 CGCS2000 处理：两者相差仅数厘米，远小于图斑测量精度",
                  "WGS 84 coordinates are taken as CGCS2000: the two differ by a few "
                  "centimetres, well below the accuracy of surveyed patches")


def on_earth(lon: float, lat: float) -> bool:
    """Whether a pair can be a longitude and a latitude at all (±180°, ±90°)."""
    return -180 <= lon <= 180 and -90 <= lat <= 90


def from_epsg(code: int, how: str = "EPSG code") -> CRS | None:
    if code == CGCS2000:
        return CRS("CGCS2000", CGCS2000, how=how)
    if code == WGS84:
        return CRS("WGS 84", WGS84, datum="WGS84", how=how, note=WGS84_NOTE)
    if 4513 <= code <= 4533:  # 3-degree zones 25..45, zone prefix
        zone = code - 4513 + 25
        return CRS(f"CGCS2000 / 3-degree Gauss-Kruger zone {zone}", code,
                   TransverseMercator(3.0 * zone, zone * 1e6 + 500000.0), how=how)
    if 4534 <= code <= 4554:  # CM 75..135 step 3, no prefix
        cm = 75 + 3 * (code - 4534)
        return CRS(f"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E", code,
                   TransverseMercator(float(cm)), how=how)
    if 4491 <= code <= 4501:  # 6-degree zones 13..23, zone prefix
        zone = code - 4491 + 13
        return CRS(f"CGCS2000 / Gauss-Kruger zone {zone}", code,
                   TransverseMercator(6.0 * zone - 3, zone * 1e6 + 500000.0), how=how)
    if 4502 <= code <= 4512:  # CM 75..135 step 6, no prefix
        cm = 75 + 6 * (code - 4502)
        return CRS(f"CGCS2000 / Gauss-Kruger CM {cm}E", code, TransverseMercator(float(cm)),
                   how=how)
    return None


def parse_code(text: str) -> CRS:
    """``EPSG:4518``, ``4518``, ``urn:ogc:def:crs:EPSG::4518``, ``CRS84`` -> CRS (ValueError)."""
    t = text.strip()
    if re.search(r"CRS:?84$", t, re.I):
        return from_epsg(WGS84, "CRS84")  # type: ignore[return-value]
    m = re.fullmatch(r"(?:urn:ogc:def:crs:)?(?:EPSG)?:*(?:[\d.]*:)?(\d+)", t, re.I)
    if not m:
        raise ValueError(f"not a CRS code: {text!r} (expected e.g. EPSG:4518)")
    crs = from_epsg(int(m.group(1)), f"given as {t}")
    if crs is None:
        old_datums.refuse_code(int(m.group(1)))
        raise ValueError(f"EPSG:{m.group(1)} is not a coordinate system this import knows: "
                         "use CGCS2000 (EPSG:4490), a CGCS2000 Gauss-Kruger zone "
                         "(EPSG:4491-4554) or WGS 84 (EPSG:4326)")
    return crs


# --- WKT ------------------------------------------------------------------------------------

def _epsg_in(wkt: str) -> int | None:
    """The EPSG code of the outermost object (its AUTHORITY / ID is the last one)."""
    codes = re.findall(r'(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]', wkt, re.I)
    return int(codes[-1]) if codes else None


def _param(wkt: str, *names: str) -> float | None:
    for name in names:
        m = re.search(r'PARAMETER\[\s*"' + name + r'"\s*,\s*([-+\d.eE]+)', wkt, re.I)
        if m:
            return float(m.group(1))
    return None


def from_wkt(wkt: str) -> CRS:
    """Recognise a .prj or GeoPackage definition (ValueError with the reason if not)."""
    text = wkt.strip()
    low = text.lower()
    projected = bool(re.match(r"(PROJCS|PROJCRS|PROJECTEDCRS)\[", text, re.I))
    code = _epsg_in(text)
    if code is not None:
        crs = from_epsg(code, "EPSG authority in the WKT")
        if crs is not None and crs.geographic == projected:  # authority of a sub-object
            crs = None
        if crs is not None:
            return crs
    datum = None if re.search(r"cgcs|china.2000", low) else old_datums.datum_in(low)
    if datum is not None:
        old_datums.refuse_wkt(datum, text, _param(
            text, "central_meridian", "longitude_of_natural_origin",
            "longitude of natural origin") if projected else None, _param(
            text, "false_easting", "false easting"), code)
    cgcs = any(k in low for k in ("cgcs", "china_2000", "china 2000", "china_geodetic",
                                  "china geodetic"))
    wgs = not cgcs and ("wgs" in low and "84" in low or "6378137" in low and "298.257223563"
                        in low)
    if not cgcs and not wgs and "298.257222101" in low:
        cgcs = True  # CGCS2000 / GRS 1980 ellipsoid, unnamed datum
    if not cgcs and not wgs:
        raise ValueError("unknown coordinate system (neither CGCS2000 nor WGS 84): "
                         + text[:80] + ("..." if len(text) > 80 else ""))
    if not projected:
        return from_epsg(CGCS2000 if cgcs else WGS84, "name in the WKT")  # type: ignore
    if not cgcs:
        raise ValueError("a projected WGS 84 system (e.g. UTM) is not supported: "
                         "give the data in CGCS2000 or WGS 84 longitude/latitude")
    name_m = re.match(r'\w+\[\s*"([^"]*)"', text)
    name = name_m.group(1) if name_m else "CGCS2000 Transverse Mercator"
    by_name = _from_name(name)
    cm = _param(text, "central_meridian", "longitude_of_natural_origin",
                "longitude of natural origin")
    if cm is None:
        if by_name is not None:
            return by_name
        if not re.search(r"gauss|kruger|transverse", low):
            raise ValueError(f"unsupported projection in {name!r}: only Gauss-Kruger "
                             "(Transverse Mercator) is supported")
        raise ValueError(f"the projection {name!r} gives no central meridian")
    if not re.search(r"gauss|kruger|transverse.?mercator|tmerc", low):
        raise ValueError(f"unsupported projection in {name!r}: only Gauss-Kruger "
                         "(Transverse Mercator) is supported")
    unit = re.findall(r'UNIT\[\s*"([^"]*)"\s*,\s*([\d.eE+-]+)', text, re.I)
    if unit and abs(float(unit[-1][1]) - 1.0) > 1e-9:
        raise ValueError(f"the projected unit is {unit[-1][0]!r}, not the metre")
    fe = _param(text, "false_easting", "false easting") or 0.0
    fn = _param(text, "false_northing", "false northing") or 0.0
    k = _param(text, "scale_factor", "scale factor at natural origin") or 1.0
    lat0 = _param(text, "latitude_of_origin", "latitude of natural origin") or 0.0
    tm = TransverseMercator(cm, fe, fn, k, lat0)
    agree = by_name is not None and by_name.tm == tm
    epsg = by_name.epsg if by_name is not None and agree else _matching_epsg(tm)
    note = NO_TEXT
    if by_name is not None and by_name.tm != tm:
        note = Text(f"坐标系名称 {name!r} 与投影参数不一致，按投影参数处理",
                    f"the name {name!r} does not agree with the projection parameters; "
                    "the parameters are used")
    if epsg is not None:
        how = "name and parameters in the WKT" if agree else "projection parameters"
        return CRS(from_epsg(epsg).name, epsg, tm, how=how, note=note)  # type: ignore
    return CRS(f"CGCS2000 / Transverse Mercator CM {cm:g}E, false easting {fe:.0f}", None, tm,
               how="projection parameters", note=note)


def _from_name(name: str) -> CRS | None:
    n = name.replace(" ", "_").lower()
    for pattern, make in (
        (r"cgcs_?2000_3_degree_gk_zone_(\d+)", lambda v: 4513 + v - 25),
        (r"cgcs_?2000_3_degree_gk_cm_(\d+)e", lambda v: 4534 + (v - 75) // 3),
        (r"cgcs_?2000_gk_zone_(\d+)", lambda v: 4491 + v - 13),
        (r"cgcs_?2000_gk_cm_(\d+)e", lambda v: 4502 + (v - 75) // 6),
    ):
        m = re.search(pattern, n)
        if m:
            crs = from_epsg(make(int(m.group(1))), "name in the .prj")
            if crs is not None and (crs.tm is None or abs(
                    crs.tm.central_meridian - _cm_of_name(n, int(m.group(1)))) < 1e-9):
                return crs
    return None


def _cm_of_name(n: str, v: int) -> float:
    if "_cm_" in n:
        return float(v)
    return 3.0 * v if "3_degree" in n else 6.0 * v - 3


def _matching_epsg(tm: TransverseMercator) -> int | None:
    if tm.scale != 1.0 or tm.false_northing or tm.latitude_of_origin:
        return None
    # 3-degree codes first: a 6-degree zone's CM is also a 3-degree CM (87E: 4538 = 4504)
    for code in [*range(4513, 4555), *range(4491, 4513)]:
        crs = from_epsg(code)
        if crs is not None and crs.tm is not None and crs.tm == tm:
            return code
    return None


def guess_from_coordinates(xs: list[float]) -> str:
    """A hint for data with no coordinate system, from the eastings' size."""
    if not xs:
        return ""
    x = sorted(xs)[len(xs) // 2]
    if -180 <= x <= 180:
        return "the coordinates look like longitude/latitude: if CGCS2000, give --crs EPSG:4490"
    zone = int(x // 1_000_000)
    if 25 <= zone <= 45:
        return (f"the eastings carry zone prefix {zone}: if CGCS2000, give --crs "
                f"EPSG:{4513 + zone - 25}")
    if 13 <= zone <= 23:
        return (f"the eastings carry 6-degree zone prefix {zone}: if CGCS2000, give --crs "
                f"EPSG:{4491 + zone - 13}")
    if 0 < x < 1_000_000:
        return ("the eastings have no zone prefix: give the zone's EPSG code, e.g. "
                "--crs EPSG:4538 (CM 87E) or EPSG:4539 (CM 90E)")
    return ""


def easting_hint(crs: CRS, x: float) -> str:
    """Why a projected easting is far outside its zone (zone prefix confusion)."""
    if crs.tm is None:
        return ""
    fe = crs.tm.false_easting
    if fe >= 1e6 and 0 < x < 1e6:
        cm = crs.tm.central_meridian
        alt = _matching_epsg(TransverseMercator(cm))
        return (f"the eastings have no zone prefix, but {crs.label} expects one"
                + (f": the data is probably EPSG:{alt}" if alt else ""))
    if fe < 1e6 and x >= 1e7:
        zone = int(x // 1e6)
        return (f"the eastings carry a zone prefix ({zone}) that {crs.label} does not expect"
                + (f": the data is probably EPSG:{4513 + zone - 25}" if 25 <= zone <= 45 else ""))
    return ""


def gauss_kruger_readings(x: float, near_lon: float) -> list[CRS]:
    """The CGCS2000 Gauss-Krüger systems an easting ``x`` may be read in whose central
    meridian lies within 6° of ``near_lon``: by its zone prefix where it carries one, else
    those of no prefix (a 6-degree zone's that is a 3-degree one's too, once)."""
    if x >= 1e6:
        return list(_readings(int(x // 1e6), near_lon))
    return list(_readings(0, near_lon)) if 0 < x < 1e6 else []


@functools.lru_cache(maxsize=64)
def _readings(zone: int, near_lon: float) -> tuple[CRS, ...]:
    """(zone 0: the systems of no zone prefix)"""
    if zone:
        codes = [c for c in (4513 + zone - 25 if 25 <= zone <= 45 else None,
                             4491 + zone - 13 if 13 <= zone <= 23 else None) if c]
    else:
        codes = [*range(4534, 4555), *range(4502, 4513)]
    out: list[CRS] = []
    for code in codes:
        crs = from_epsg(code)
        if crs is not None and crs.tm is not None and abs(
                crs.tm.central_meridian - near_lon) <= 6 and all(o.tm != crs.tm for o in out):
            out.append(crs)
    return tuple(out)
