# SPDX-License-Identifier: GPL-2.0-or-later
"""Beijing 1954, Xi'an 1980 and New Beijing (新北京 54, Beijing 1954 recomputed on the
Xi'an 1980 adjustment): the systems older surveys are still delivered in, named as found
(datum, Gauss-Krüger zone or central meridian, EPSG code) and refused.

They differ from CGCS2000 by up to about 100 m, and no transformation to CGCS2000 is
published that would be right for a county: neither converting them nor reading them as
CGCS2000 is acceptable, so the import says which one it found and what to do.
"""

from __future__ import annotations

import re

from ..bilingual import Text

XIAN, BEIJING = Text("西安 1980", "Xian 1980"), Text("北京 1954", "Beijing 1954")
NEW_BEIJING = Text("新北京 54", "New Beijing")

# (first code, last code, datum, kind, first zone or central meridian, step)
_CODES = (
    (4610, 4610, XIAN, "geographic", 0, 0),
    (2327, 2337, XIAN, "6-zone", 13, 1),
    (2338, 2348, XIAN, "6-cm", 75, 6),
    (2349, 2369, XIAN, "3-zone", 25, 1),
    (2370, 2390, XIAN, "3-cm", 75, 3),
    (4214, 4214, BEIJING, "geographic", 0, 0),
    (21413, 21423, BEIJING, "6-zone", 13, 1),
    (21453, 21463, BEIJING, "6-cm", 75, 6),
    (21473, 21483, BEIJING, "6-cm", 75, 6),
    (2401, 2421, BEIJING, "3-zone", 25, 1),
    (2422, 2442, BEIJING, "3-cm", 75, 3),
    (4555, 4555, NEW_BEIJING, "geographic", 0, 0),
    (4568, 4578, NEW_BEIJING, "6-zone", 13, 1),
    (4579, 4589, NEW_BEIJING, "6-cm", 75, 6),
    (4652, 4656, NEW_BEIJING, "3-zone", 25, 1),
    (4766, 4781, NEW_BEIJING, "3-zone", 30, 1),
    (4782, 4802, NEW_BEIJING, "3-cm", 75, 3),
)

GEOGRAPHIC = (4610, 4214, 4555)  # Xi'an 1980, Beijing 1954, New Beijing

# words of a WKT's datum or ellipsoid (Krassowsky 1940: Beijing 1954 unless the datum is
# New Beijing, on the same ellipsoid; IAG 1975: Xi'an 1980)
_WORDS = (
    (NEW_BEIJING, re.compile(r"new.?beijing")),
    (BEIJING, re.compile(r"beijing.?1954|krass?owsky|krasovsky|6378245")),
    (XIAN, re.compile(r"xi\W?an.?1980|iag.?1975|6378140")),
)


class NeedsParameters(ValueError):
    """A source in Beijing 1954, Xi'an 1980 or New Beijing: its system named, why and what
    to do."""

    def __init__(self, system: Text) -> None:
        self.text = Text(
            f"数据采用 {system.zh} 坐标系，不是 CGCS2000："
            "两者相差可达约 100 米，且没有公认的转换参数，"
            "因此既不转换，也不当作 CGCS2000 读取；"
            "请测量单位提交 CGCS2000 数据（EPSG:4490 或 "
            "CGCS2000 高斯-克吕格分带，如 EPSG:4518），"
            "或先在其 GIS 中用本县官方转换参数转换为 CGCS2000",
            f"the data is in {system.en}, not CGCS2000: the two differ by up to about 100 m "
            "and there are no agreed parameters to convert between them, so it is neither "
            "converted nor read as CGCS2000; have the survey team deliver it in CGCS2000 "
            "(EPSG:4490 or a CGCS2000 Gauss-Kruger zone, e.g. EPSG:4518), or convert it to "
            "CGCS2000 in their GIS first with the county's official transformation parameters")
        super().__init__(self.text.en)


def datum_in(wkt_lower: str) -> Text | None:
    """Beijing 1954, Xi'an 1980 or New Beijing where a WKT's words name one of them."""
    for datum, words in _WORDS:
        if words.search(wkt_lower):
            return datum
    return None


def refuse_code(code: int) -> None:
    """NeedsParameters for an EPSG code of Beijing 1954, Xi'an 1980 or New Beijing."""
    for first, last, datum, kind, start, step in _CODES:
        if first <= code <= last:
            raise NeedsParameters(_named(datum, kind, start + (code - first) * step, code))


def refuse_wkt(datum: Text, wkt: str, cm: float | None, fe: float | None,
               code: int | None) -> None:
    """NeedsParameters for a WKT of ``datum``: its system named by the EPSG code it gives,
    else by its projection's parameters (a .prj written by ArcGIS gives no code)."""
    if code is not None and (code in GEOGRAPHIC) != (cm is None):
        code = None  # the code of its geographic part, not of the projection
    if code is not None:
        refuse_code(code)
    name = re.match(r'\w+\[\s*"([^"]*)"', wkt)
    if name and code is not None:
        # another system on the same ellipsoid: named as the source names it
        code_said = f" (EPSG:{code})" if code is not None else ""
        raise NeedsParameters(Text(name[1] + code_said.replace(" (", "（").replace(")", "）"),
                                   name[1] + code_said))
    if cm is None:
        raise NeedsParameters(_named(datum, "geographic", 0))
    fe = fe or 0.0
    zone = int(fe // 1e6)
    if zone and fe == zone * 1e6 + 500000 and cm in (3 * zone, 6 * zone - 3):
        raise NeedsParameters(_named(datum, "3-zone" if cm == 3 * zone else "6-zone", zone))
    if fe == 500000 and cm == int(cm):
        three = re.search(r"3.?degree", wkt, re.I) or cm % 6 != 3
        raise NeedsParameters(_named(datum, "3-cm" if three else "6-cm", int(cm)))
    raise NeedsParameters(Text(
        f"{datum.zh} / 横轴墨卡托 中央经线 {cm:g}°E，东偏 {fe:.0f} 米",
        f"{datum.en} / Transverse Mercator CM {cm:g}E, false easting {fe:.0f}"))


def _named(datum: Text, kind: str, n: int, code: int | None = None) -> Text:
    """"Xian 1980 / 3-degree Gauss-Kruger zone 30 (EPSG:2354)", in both languages; the
    code the series gives where the source gives none."""
    codes = [code] if code else [
        first + (n - start) // (step or 1) for first, last, d, k, start, step in _CODES
        if d == datum and k == kind and (n - start) % (step or 1) == 0
        and first <= first + (n - start) // (step or 1) <= last]
    epsg = f" (EPSG:{codes[0]})" if codes else ""
    zh_epsg = f"（EPSG:{codes[0]}）" if codes else ""
    deg = "3-degree " if kind[0] == "3" else ""
    zh_deg = "3 度" if kind[0] == "3" else "6 度"
    if kind == "geographic":
        return Text(f"{datum.zh} 经纬度{zh_epsg}", f"{datum.en} longitude/latitude{epsg}")
    if kind.endswith("zone"):
        return Text(f"{datum.zh} / {zh_deg}高斯-克吕格第 {n} 带{zh_epsg}",
                    f"{datum.en} / {deg}Gauss-Kruger zone {n}{epsg}")
    return Text(f"{datum.zh} / {zh_deg}高斯-克吕格 中央经线 {n}°E{zh_epsg}",
                f"{datum.en} / {deg}Gauss-Kruger CM {n}E{epsg}")
