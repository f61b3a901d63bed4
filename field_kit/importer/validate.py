# SPDX-License-Identifier: GPL-2.0-or-later
"""The checks of one source feature: its code, its values, its geometry (brought to
EPSG:4490 and measured on the ellipsoid), its stated area and its place in the county.
Each problem names the feature (row and code) and the field."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ..bilingual import NO_TEXT, Text
from ..messages_zh import chinese
from ..plan import rules, schema, units
from ..plan.derived import derived_values
from ..plan.geometry import distance, gpkg_blob, multipolygon_wkb, ring_area
from ..sync.field_check import COUNTY_MARGIN_DEG, beyond_county
from . import crs as crsmod
from . import lookups as L
from . import mapping as mapmod
from . import synonyms
from .checks import clean_ring, parts_problem, ring_defects, self_intersection
from .report import ERROR, INFO, WARNING
from .source import Geom

GEOM = schema.GEOMETRY_COLUMN


_KINDS_ZH = (("geometry collection", "几何集合"), ("WKB type", "WKB 类型"),
             ("polygon", "面"), ("point", "点"), ("line", "线"), (" + ", "＋"))


NO_AREA = Text("几何面积为零", "the geometry has no area")
# how far apart a track's ends may lie for it to be closed and taken as the boundary it
# was walked round: a handheld GPS's accuracy in the open (3 to 5 m) keeps a walk that ends
# where it began from ending on the very point it began at
TRACK_CLOSED_WITHIN_M = 5.0
# how a line that does not close is made a patch's boundary
_CLOSE_IT = Text(
    "如为绕图斑一周的轨迹，请将其闭合（终点与起点相同）后再导入，"
    "或在 Google Earth、QGIS 中将其绘制为面（多边形）",
    "if it is a track walked round the patch, close it (end it on its first point) and "
    "import it again, or draw it as a polygon in Google Earth or QGIS")
OPEN_LINE = Text("：该线的首尾点不同，未闭合；{fix}",
                 ": the line's first and last points differ, so it bounds no area; {fix}"
                 ).format(fix=_CLOSE_IT)
OPEN_LINE_APART = Text(
    "：该线的首尾点相距 {gap} 米，超过可自动闭合的 {tol} 米，未闭合；{fix}",
    ": the line's first and last points lie {gap} m apart, more than the {tol} m within "
    "which a track's ends are closed, so it bounds no area; {fix}")
# (said of many lines at once, how far apart each one's ends lie its own)
OPEN_LINES_APART = Text(
    "：该线的首尾点相距超过可自动闭合的 {tol} 米，未闭合；{fix}",
    ": the line's first and last points lie more than the {tol} m apart within which a "
    "track's ends are closed, so it bounds no area; {fix}")
# what is done with a line closed as a track walked round a patch: said as done, and as
# what would be done once the errors are fixed where an error refuses the import
AS_ITS_POLYGON = (
    Text("按其围成的面导入 {layer}", "imported into {layer} as the polygon it bounds"),
    Text("{once}将按其围成的面导入 {layer}",
         "would be imported into {layer} as the polygon it bounds{once}"))
# a line closed, or its ends near, but of too few points for a polygon's ring
TOO_FEW_POINTS = Text(
    "：{which}的点太少，围不成面：只有 {n} 个点，连同闭合点（与起点相同的终点）至少需要 4 个",
    ": {which} has too few points to bound an area: {n} given, at least 4 with the closing "
    "point (the last, the same as the first)")
# a line whose ends cannot be measured: the source's coordinate system unknown
ENDS_UNMEASURED = Text(
    "：该线的首尾点不同，在给出坐标系之前无法量出两者相距多远（相距 {tol} 米以内的轨迹会闭合，"
    "按其围成的面导入）：请用 --crs 指定",
    ": the line's first and last points are not the same, and how far apart they lie cannot "
    "be measured until the coordinate system is given (a track whose ends lie within {tol} m "
    "of each other is closed and imported as the polygon it bounds): give --crs")


def _kind_zh(what: str) -> str:
    """A geometry's kind as the readers name it (point, KML point + line), in Chinese."""
    for en, zh in _KINDS_ZH:
        what = what.replace(en, zh)
    return f" {what} " if what[:1].isascii() else what  # (a space beside a Latin word)


class FeatureChecks:
    """Mixed into the planner: needs ``problem()``, ``plan``, ``layer``, ``columns``,
    ``types`` and sets ``cur_bbox``."""

    problem: Callable[..., None]
    plan: Any
    layer: str
    columns: Any
    types: Any

    def _check_code(self, code, sf, first_row, where) -> None:
        if sf is None:
            return  # reported once: the field is not mapped
        if code is None:
            self.problem(ERROR, "missing_code", Text(
                "缺少图斑编号",
                "no patch code"), field=sf, **where)
            return
        if code in first_row:
            self.problem(ERROR, "duplicate_code", Text(
                f"图斑编号 {code} 重复（首次出现在第 "
                f"{first_row[code]} 行）",
                f"patch code {code} appears again (first at row"
                f" {first_row[code]})"), field=sf, **where)
        else:
            first_row[code] = where["row"]
        if not any(re.match(rx, code) for rx in synonyms.PATCH_CODE_FORMATS):
            self.problem(ERROR, "bad_code", Text(
                f"图斑编号 {code!r} 不符合国家图斑编号格式（C+25位数字、CT+19位数字、"
                "ZJ+16位数字）",
                f"patch code {code!r} matches none of the national "
                "formats (C + 25 digits, CT + 19 digits, ZJ + 16 digits)"), field=sf, **where)

    def _convert(self, target, raw, f, sf, status_codes):
        where = {"row": f.row, "fid": f.fid, "field": sf}
        if target in mapmod.STATED_AREAS:
            num = L.number(raw)
            if num is None:
                self.problem(ERROR, "bad_value", Text(
                    f"面积 {raw!r} 不是数字",
                    f"area {raw!r} is not a number"), **where)
                return None
            return num * synonyms.AREA_FACTORS[target]
        if target == mapmod.STATUS:
            code = status_codes.get(synonyms.norm(str(raw)))
            if code is None:
                sev = ERROR if mapmod.STATUS in self.columns else WARNING
                self.problem(sev, "unknown_status", Text(
                    f"治理状态 {raw!r} 无法识别（应为 A 未治理、B 已恢复治理、C 治理中、"
                    "D 自然恢复）",
                    f"remediation status {raw!r} is none of "
                    "A 未治理, B 已恢复治理, C 治理中, D 自然恢复"), **where)
            return code
        kind = self.types.get(target, "TEXT")
        if kind == "REAL":
            num = L.number(raw)
            if num is None:
                self.problem(ERROR, "bad_value", Text(
                    f"{raw!r} 不是数字",
                    f"{raw!r} is not a number"), **where)
            return num
        if kind in ("INTEGER", "BOOLEAN"):
            num = L.number(raw)
            if num is None or num != int(num):
                self.problem(ERROR, "bad_value", Text(
                    f"{raw!r} 不是整数",
                    f"{raw!r} is not a whole number"), **where)
                return None
            return int(num)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw).strip()
        if target != "patch_code":
            return text
        code = rules.plain_code(text)
        if code != text:  # (a code typed with spaces, in full-width or small letters)
            small = code != unicodedata.normalize("NFKC", text).replace(" ", "")
            self.problem(INFO, "code_written_apart", Text(
                f"图斑编号 {text!r} 按 {code} 读取（去掉空格、全角字符改为半角"
                f"{'、字母改为大写' if small else ''}）",
                f"patch code {text!r} read as {code} (spaces taken out, full-width "
                f"characters read as half-width{', letters as capitals' if small else ''})"),
                **where)
        return code

    # --- geometry ---------------------------------------------------------------------------
    def _geometry(self, f, where, stated, area_sf, county, county_surveyed,
                  county_extent=None) -> dict | None:
        """The feature's geometry values (geometry, area, centre), or None when it cannot
        be taken. ``county`` is the county boundary its vertices are warned outside of;
        ``county_extent`` the extent it must keep near (as a merge asks)."""
        g = f.geom
        if g is None or (g.kind == "polygon" and not g.parts):
            self.problem(ERROR, "empty_geometry", Text(
                "几何为空",
                "empty geometry"), **where)
            return None
        if isinstance(g.detail, Text):
            self.problem(ERROR, "unreadable_geometry", g.detail, **where)
            return None
        gap = None  # how far apart a line's ends lie (m), the farthest of its parts'
        gaps: list[float | None] = []
        if g.kind == "line" and g.parts:
            gaps = [_ends_apart(self.plan.crs, ln) for ln in g.parts]
            if all(_closes(ln, d) for ln, d in zip(g.parts, gaps)):
                g = self._track_closed(g, gaps, where)
            else:
                gap = max((d for d in gaps if d is not None), default=None)
        if g.kind != "polygon":
            what = g.detail or g.kind
            said = Text(f"几何类型为{_kind_zh(str(what)).rstrip()}，{self.layer} 需要面{{how}}",
                        f"the geometry is a {what}; {self.layer} needs polygons{{how}}")
            tol = f"{TRACK_CLOSED_WITHIN_M:g}"
            if gap is not None and not _within(gap):
                alike = said.format(how=OPEN_LINES_APART.format(tol=tol, fix=_CLOSE_IT))
                self.problem(ERROR, "geometry_type", said.format(how=OPEN_LINE_APART.format(
                    gap=f"{gap:.1f}", tol=tol, fix=_CLOSE_IT)),
                    alike=Text("：" + alike.zh, ": " + alike.en), own=f"{gap:.1f} m",
                    **where)
                return None
            short = _too_short(g.parts, gaps) if g.kind == "line" else None
            if short is not None:
                i, n = short
                which = Text("该线", "the line") if len(g.parts) == 1 else Text(
                    f"该线第 {i} 段", f"part {i} of the line")
                self.problem(ERROR, "geometry_type", said.format(
                    how=TOO_FEW_POINTS.format(which=which, n=n)), **where)
                return None
            if g.kind == "line" and self.plan.crs is None:  # (alike of every such line: said once)
                how = ENDS_UNMEASURED.format(tol=tol)
            else:
                how = OPEN_LINE if g.kind == "line" else NO_TEXT
            self.problem(ERROR, "geometry_type", said.format(how=how), **where)
            return None
        c = self.plan.crs
        if c is None:
            return None
        polys = self._lonlat_polygons(c, g, where, county_extent)
        if polys is None:
            return None
        # a geometry far off first: it has other faults that mislead (no area, crossings)
        if county_extent is not None and self._far_off(c, g, polys, where, county_extent):
            return None
        bad = False
        for rings in polys:
            for k, pts in enumerate(rings):
                for d in ring_defects(pts):
                    bad = True
                    self.problem(ERROR, d, L.DEFECTS[d].format(ring=k + 1), **where)
        if bad:
            return None
        for rings in polys:
            hit = self_intersection(rings)
            if hit is not None:
                self.problem(ERROR, "self_intersection", Text(
                    f"边界自相交，位置 {hit[0]:.6f}, "
                    f"{hit[1]:.6f}",
                    f"the boundary crosses itself at "
                    f"{hit[0]:.6f}, {hit[1]:.6f}"), **where)
                return None
        wrong = parts_problem(polys)
        if wrong is not None and wrong[0] == "hole":
            self.problem(ERROR, "hole_outside", Text(
                f"第 {wrong[1]} 个面的第 {wrong[2]} 个环是洞，却位于其外环之外",
                f"ring {wrong[2]} of part {wrong[1]}, a hole, lies outside its outer ring"),
                **where)
            return None
        if wrong is not None:
            _, i, j, (x, y) = wrong
            self.problem(ERROR, "parts_overlap", Text(
                f"第 {i} 个面与第 {j} 个面重叠（如 {x:.6f}, {y:.6f}），其面积会被重复计算",
                f"parts {i} and {j} overlap (at {x:.6f}, {y:.6f}): their area would be "
                "counted twice"), **where)
            return None
        polys = [L.orient(rings) for rings in polys]
        wkb = multipolygon_wkb(polys)
        area = sum(ring_area(r[0]) - sum(ring_area(h) for h in r[1:]) for r in polys)
        if area <= 0:
            self.problem(ERROR, "zero_area", NO_AREA, **where)
            return None
        if stated is not None:
            self._check_area(stated, area, {**where, "field": area_sf})
        if county is not None:
            pts = [pt for rings in polys for pt in rings[0][:-1]]
            out = [pt for pt in pts if not county.contains(*pt)]
            if out:
                sev = ERROR if county_surveyed else WARNING
                note = NO_TEXT if county_surveyed else Text(
                    "（县域范围仍为示意）", " (the county boundary is still schematic)")
                self.problem(sev, "outside_county", Text(
                    f"{len(pts)} 个顶点中有 {len(out)} 个"
                    f"位于县域范围外，如 {out[0][0]:.6f}, {out[0][1]:.6f}{{note}}",
                    f"{len(out)} of {len(pts)} vertices lie "
                    f"outside the county boundary, e.g. {out[0][0]:.6f}, "
                    f"{out[0][1]:.6f}{{note}}").format(note=note), **where)
        # its area and centre as every edit of the shape gives them (rounded alike)
        derived = derived_values(wkb, {"area_m2", *self.columns})
        if not derived.get("area_m2"):  # (too small to have one to the square centimetre)
            self.problem(ERROR, "zero_area", NO_AREA, **where)
            return None
        return {GEOM: gpkg_blob(wkb, schema.CRS_EPSG), **derived}

    def _track_closed(self, g, gaps, where) -> Geom:
        """A line each of whose parts closes, or ends within ``TRACK_CLOSED_WITHIN_M`` of
        where it began (a track walked round the patch: a GPS's, Google Earth's path), as
        the polygon it bounds (as QGIS's Lines to polygons makes it); said."""
        gap = max(gaps)
        tol = f"{TRACK_CLOSED_WITHIN_M:g}"
        # imported as its polygon; where the import writes nothing, when it would be
        done = AS_ITS_POLYGON[0].format(layer=self.layer)

        def undone(once: Text) -> Text:
            return AS_ITS_POLYGON[1].format(layer=self.layer, once=once)
        if not gap:
            closed = Text("几何为闭合的线（首尾点相同，如绕图斑一周的 GPS 轨迹）：{how}",
                          "the geometry is a closed line (its first and last points the same, "
                          "as a GPS track walked round the patch): {how}")
            self.problem(INFO, "closed_line", closed.format(how=done),
                         would=lambda once: (closed.format(how=undone(once)), None),
                         **where)
        else:
            closed = Text("：已将其闭合（终点连回起点），{how}",
                          ": closed (its last point joined to its first) and {how}")
            said = Text(
                "几何为首尾点相距 {gap} 米的线（在 {tol} 米以内，如绕图斑一周、终点回到起点附近的 "
                "GPS 轨迹）{closed}",
                "the geometry is a line whose first and last points lie {gap} m apart (within "
                "{tol} m, as a GPS track walked round the patch ends near where it began)"
                "{closed}")
            # (said of many rows at once: how far apart each one's ends lie its own)
            alike = Text("：几何为首尾点相距 {tol} 米以内的线（如绕图斑一周、终点回到起点附近的 "
                         "GPS 轨迹）{closed}",
                         ": the geometry is a line whose first and last points lie within "
                         "{tol} m of each other (as a GPS track walked round the patch ends "
                         "near where it began){closed}")

            def told(how: Text) -> tuple[Text, Text]:
                end = closed.format(how=how)
                return (said.format(gap=f"{gap:.1f}", tol=tol, closed=end),
                        alike.format(tol=tol, closed=end))
            message, alike_done = told(done)
            self.problem(INFO, "closed_track", message, alike=alike_done,
                         would=lambda once: told(undone(once)), own=f"{gap:.1f} m",
                         **where)
        return Geom("polygon", [[ln if ln[0] == ln[-1] else ln + ln[:1]] for ln in g.parts],
                    heights=g.heights)

    def _lonlat_polygons(self, c, g, where, county_extent) -> list | None:
        """The polygons' rings in longitude/latitude; None (said) where a point is off the
        coordinate system's domain or off the earth."""
        polys = []
        for poly in g.parts:
            rings = []
            for ring in poly:
                got = [_lonlat(c, p) for p in ring]  # (each vertex converted once)
                pts = clean_ring(got) if all(_on_the_earth(q) for q in got) else []
                if not pts:
                    self._off_the_earth(c, g, ring, where, county_extent)
                    return None
                rings.append(pts)
            if rings:
                polys.append(rings)
        self.cur_bbox = L.bbox(polys)
        return polys

    def _off_the_earth(self, c, g, ring, where, county_extent) -> None:
        # the first vertex that is off (the others may be right)
        x, y = next((p for p in ring if not _on_the_earth(_lonlat(c, p))), ring[0]) if ring else \
            (math.nan, math.nan)
        hint = crsmod.easting_hint(c, x) if ring else ""
        fit = _fitting_crs(c, g.parts, county_extent) if county_extent is not None else None
        if fit is not None:
            # the system the shape lies in the county in, over the one its eastings alone
            # suggest (the zone of the system given, which may be far from the county)
            hint = re.sub(r": the data is probably EPSG:\d+$", "", hint)
        if not hint and c.geographic and abs(x) > 180:  # metres read as degrees (a
            hint = crsmod.guess_from_coordinates([x])     # GeoJSON names no system)
        said = Text(f"：{chinese(hint)}", f": {hint}") if hint else NO_TEXT
        if fit is not None:
            said = Text("{said}：{fit}", "{said}: {fit}").format(said=said, fit=_read_in(fit))
        elif not hint and county_extent is not None and _xy_swapped(c, g.parts,
                                                                    county_extent):
            said = Text("：X 与 Y 坐标似乎写反了：互换后位于县域内{fix}",
                        ": x and y look swapped: the other way round it lies in the "
                        "county{fix}").format(fix=self._swap_fix())
        off = (Text("不在地球上", "on no place of the earth") if c.geographic else
               Text("在投影的定义域之外", "off the projection's domain"))
        self.problem(ERROR, "out_of_range", Text(
            "坐标 {x:.3f}, {y:.3f} 按 {crs} 读取{off}{said}",
            "the coordinates {x:.3f}, {y:.3f} read in {crs} are {off}{said}").format(
            x=x, y=y, crs=c.label, off=off, said=said),
            # (said of many rows at once: the coordinates each its own)
            alike=Text("的坐标按 {crs} 读取{off}{said}",
                       " have coordinates that, read in {crs}, are {off}{said}").format(
                crs=c.label, off=off, said=said),
            own=f"{x:.3f}, {y:.3f}", **where)

    def _far_off(self, c, g, polys, where, county_extent) -> bool:
        """Whether the geometry lies beyond the county's extent (said, with the county's
        extent and the likely slip)."""
        west, south, east, north = self.cur_bbox
        far = beyond_county((west, east, south, north), county_extent)
        if far is None:
            return False
        cw, ce, cs, cn = county_extent
        slip = _likely_slip(c, g.parts, self.cur_bbox, county_extent, self._swap_fix(),
                            self._lonlat_swap_fix())
        self.problem(ERROR, "beyond_county", Text(
            f"位于县域范围外接矩形（{cw:.6f}, {cs:.6f} 至 {ce:.6f}, {cn:.6f}）外 {far:.2f}°"
            f"（其范围 {west:.6f}, {south:.6f} 至 {east:.6f}, {north:.6f}）："
            f"超出县域范围外接矩形 {COUNTY_MARGIN_DEG:g}° 以上的几何不能导入，"
            "合并同样拒绝（{slip}）",
            f"lies {far:.2f}° beyond the county boundary's extent ({cw:.6f}, {cs:.6f} to "
            f"{ce:.6f}, {cn:.6f}; it spans {west:.6f}, {south:.6f} to {east:.6f}, "
            f"{north:.6f}): a geometry more than {COUNTY_MARGIN_DEG:g}° beyond it is not "
            "imported, as a merge refuses it ({slip})").format(slip=slip),
            # (said of many rows at once: the county's extent and the slip alike, how far
            # each lies its own)
            alike=Text(f"位于县域范围外接矩形（{cw:.6f}, {cs:.6f} 至 {ce:.6f}, {cn:.6f}）外 "
                       f"{COUNTY_MARGIN_DEG:g}° 以上：不能导入，合并同样拒绝（{{slip}}）",
                       f" lie more than {COUNTY_MARGIN_DEG:g}° beyond the county boundary's "
                       f"extent ({cw:.6f}, {cs:.6f} to {ce:.6f}, {cn:.6f}): not imported, as a "
                       "merge refuses them ({slip})").format(slip=slip),
            own=f"{far:.2f}°", **where)
        return True

    def _swap_fix(self) -> Text:
        """How to have a shape's x and y read the other way round: a point list's by its
        headers (Chinese surveying writes X for the northing, and headers saying so are
        believed), a layer file's by QGIS's tool that swaps them."""
        src = getattr(self, "src", None)
        if src is None or not src.point_list or src.wkt_column or src.format != "CSV":
            # (no columns to head: a WKT's x and y are the file's, a GPX's its own)
            return Text("；{fix}", "; {fix}").format(fix=_swap_in_qgis(src))
        x, y = src.point_list
        return Text(f"；如 {x} 列为北坐标、{y} 列为东坐标（测量习惯 X 为北、Y 为东），"
                    "请将这两列的表头改为 X(北坐标) 和 Y(东坐标)，即按表头所写读取",
                    f"; if column {x} holds the northing and {y} the easting, as Chinese "
                    "surveying writes X and Y, head them X(北坐标) and Y(东坐标) and they are "
                    "read as their headers say")

    def _lonlat_swap_fix(self) -> Text:
        """How to have longitudes and latitudes read the other way round: a point list's by
        exchanging its two columns' headers, a layer file's or a column of WKT's by QGIS's
        tool that swaps them."""
        src = getattr(self, "src", None)
        if src is None or not src.point_list or src.wkt_column or src.format != "CSV":
            return _swap_in_qgis(src)
        x, y = src.point_list
        return Text(f"请交换 {x} 与 {y} 两列的表头（{x} 列中似为纬度，{y} 列中似为经度），"
                    "即按互换后的列读取",
                    f"exchange the headers of columns {x} and {y} ({x} seems to hold the "
                    f"latitudes, {y} the longitudes) and they are read the other way round")

    def _check_area(self, stated: float, area: float, where: dict) -> None:
        tol = self.plan.area_tolerance
        diff = abs(stated - area) / area
        if diff <= tol:
            return
        hint = NO_TEXT
        for t, factor in synonyms.AREA_FACTORS.items():
            if factor != 1.0 and abs(stated * factor - area) / area <= tol:
                hint = Text("；该字段似乎以{unit}为单位，请对应到 {t}",
                            "; the field seems to be in {unit}: map it to {t}").format(
                    unit=units.SYMBOLS[synonyms.AREA_COLUMN_UNITS[t]], t=t)
            if factor != 1.0 and abs(stated / factor - area) / area <= tol:
                hint = Text("；该字段的单位似乎比所对应的单位小",
                            "; the field's unit seems smaller than the one mapped")
        self.problem(ERROR, "area_mismatch", Text(
            f"填报面积 {stated:,.1f} 平方米与几何椭球面积 "
            f"{area:,.1f} 平方米相差 {diff:.1%}（容差 {tol:.0%}）{{hint}}",
            f"stated area {stated:,.1f} m² differs from the "
            f"geometry's ellipsoidal area {area:,.1f} m² by {diff:.1%} (tolerance "
            f"{tol:.0%}){{hint}}").format(hint=hint), **where)


# how a layer file whose x and y are swapped is put right before it is imported again
SWAP_XY = Text("处理工具箱 › 矢量几何 › 交换 X 和 Y 坐标（Swap X and Y coordinates，"
               "native:swapxy）",
               "Processing Toolbox › Vector geometry › Swap X and Y coordinates "
               "(native:swapxy)")
SWAP_IN_QGIS = Text("请在 QGIS 中用 {tool}处理该图层，再导入其保存的图层",
                    "put them right in QGIS with {tool} and import the layer it saves").format(
    tool=SWAP_XY)
# so a CSV of WKT: what the tool makes saved as a CSV again, its shapes as WKT (the tool's
# own CSV output leaves the geometry out, and points in any other file are no point list)
SWAP_WKT_IN_QGIS = Text(
    "请在 QGIS 中将该 CSV 添加为图层（几何取自 {col} 列），用 {tool}处理，再用 导出 › "
    "要素另存为… 将其结果保存为 CSV（图层选项 GEOMETRY 为 AS_WKT），导入该 CSV",
    "put them right in QGIS: add the CSV as a layer (its geometry from column {col}), run "
    "{tool} on it, save what it makes with Export › Save Features As… as a CSV with the "
    "layer option GEOMETRY set to AS_WKT, and import that CSV")


def _swap_in_qgis(src) -> Text:
    """How a source's x and y are swapped back in QGIS: a CSV of WKT saved as one again."""
    col = getattr(src, "wkt_column", None)
    return SWAP_WKT_IN_QGIS.format(col=col, tool=SWAP_XY) if col else SWAP_IN_QGIS


def _likely_slip(c, parts, bbox, county_extent, swap_fix: Text = NO_TEXT,
                 lonlat_fix: Text = NO_TEXT) -> Text:
    """Why a shape may lie far from the county: its longitude and latitude swapped, or its x
    and y (a projection's easting and northing, written the other way round), where the
    shape so swapped lies in the county; else its coordinate system. How to swap them back:
    ``lonlat_fix`` (a point list's columns, a layer file's QGIS tool) and ``swap_fix``."""
    west, south, east, north = bbox
    if beyond_county((south, north, west, east), county_extent) is None:
        return Text("经度与纬度是否写反了？{fix}", "latitude and longitude swapped?{fix}").format(
            fix=Text("如是，{fix}", " If so, {fix}").format(fix=lonlat_fix)
            if lonlat_fix else NO_TEXT)
    if _xy_swapped(c, parts, county_extent):
        return Text("X 与 Y 坐标似乎写反了：互换后位于县域内{fix}",
                    "x and y look swapped: the other way round it lies in the county{fix}"
                    ).format(fix=swap_fix)
    fit = _fitting_crs(c, parts, county_extent)
    if fit is not None:
        return Text("坐标系是否有误？{fit}", "a wrong coordinate system? {fit}").format(
            fit=_read_in(fit))
    return Text("坐标系是否有误？", "a wrong coordinate system?")


def _read_in(fit) -> Text:
    return Text(f"按 {fit.label} 读取则位于县域内：如数据为此坐标系，请给出 --crs EPSG:{fit.epsg}",
                f"read in {fit.label} it lies in the county: if the data is in it, give "
                f"--crs EPSG:{fit.epsg}")


def _fitting_crs(c, parts, county_extent):
    """The CGCS2000 Gauss-Krüger system other than ``c`` in which a shape read in ``c`` far
    from the county lies in it (its .prj or --crs naming the neighbouring zone, or one with
    the zone prefix its eastings lack), or None."""
    pts = [pt for poly in parts for ring in poly for pt in ring]
    if not pts:
        return None
    near = (county_extent[0] + county_extent[1]) / 2
    # (the corners of the shape's extent stand for its vertices: far from the county or in
    # it, the shape is so whole, and a survey's thousand vertices are not read four times)
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    for crs in crsmod.gauss_kruger_readings(pts[0][0], near):
        if crs.tm == c.tm:
            continue
        # (the series alone, unchecked: a point it puts in the county is on its domain)
        try:
            lon, lat = crs.tm.inverse(x0, y0)  # (one point first: most readings are far off)
            if beyond_county((lon, lon, lat, lat), county_extent) is not None:
                continue
            lonlat = [crs.tm.inverse(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1),
                                                         (x0, y1))]
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        if beyond_county((min(p[0] for p in lonlat), max(p[0] for p in lonlat),
                          min(p[1] for p in lonlat), max(p[1] for p in lonlat)),
                         county_extent) is None:
            return crs
    return None


def _xy_swapped(c, parts, county_extent) -> bool:
    """Whether a projected shape read with its x and y the other way round lies in the
    county (an easting and a northing written in each other's column)."""
    if c.geographic:
        return False
    try:
        pts = [c.to_lonlat(y, x) for poly in parts for ring in poly for x, y in ring]
    except (ValueError, OverflowError, ZeroDivisionError):
        return False
    return bool(pts) and all(math.isfinite(v) for pt in pts for v in pt) and beyond_county(
        (min(p[0] for p in pts), max(p[0] for p in pts), min(p[1] for p in pts),
         max(p[1] for p in pts)), county_extent) is None


def _ends_apart(c, line) -> float | None:
    """How far apart (m, on the ellipsoid) a line's first and last points lie, read in
    ``c``: 0 where they are the same point, None where it cannot be told (no coordinate
    system, a point it cannot place)."""
    if line[0] == line[-1]:
        return 0.0
    if c is None:
        return None
    first, last = _lonlat(c, line[0]), _lonlat(c, line[-1])
    if first is None or last is None or not (_on_the_earth(first) and _on_the_earth(last)):
        return None
    return distance(first, last)


def _closes(line, gap) -> bool:
    """Whether a line is a boundary once closed: its ends the same point, with three more
    points, or within ``TRACK_CLOSED_WITHIN_M`` of each other, with two more."""
    if gap == 0:
        return len(line) >= 4
    return gap is not None and _within(gap) and len(line) >= 3


def _too_short(lines, gaps) -> tuple[int, int] | None:
    """The first of ``lines`` (its number, from 1, and how many points it has) whose ends
    are closed, or near enough to be, but which has too few points to bound an area."""
    for i, (line, gap) in enumerate(zip(lines, gaps), 1):
        if gap is not None and _within(gap) and not _closes(line, gap):
            return i, len(line)
    return None


def _within(gap: float) -> bool:
    """Whether ends ``gap`` m apart are closed, as its decimetres are said."""
    return round(gap, 1) <= TRACK_CLOSED_WITHIN_M


def _lonlat(c, point) -> tuple[float, float] | None:
    """``point``, read in ``c``, as longitude/latitude; None where ``c`` cannot place it."""
    try:
        return c.to_lonlat(*point)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None


def _on_the_earth(lonlat) -> bool:
    return lonlat is not None and crsmod.on_earth(*lonlat)
