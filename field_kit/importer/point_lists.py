# SPDX-License-Identifier: GPL-2.0-or-later
"""A point list's points joined into boundaries, one a patch (a zone; the county's one): in
the order of their point numbers (J2 before J10) or corner numbers where they have them,
else in the file's; what keeps a boundary from being one (a point with no coordinate,
values its points disagree on, a number twice, too few points) kept as the patch's own
errors; and coordinates written as 度.分秒 packed into one number told from decimal
degrees."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..bilingual import NO_TEXT, Text, counted, noun
from ..plan import rules
from ..sync.field_check import county_extent
from . import synonyms
from .delimited import packed_dms
from .lookups import FAR_FROM_ITS_PATCH_KM
from .report import ERROR, INFO, WARNING
from .source import Feature, Geom, SourceLayer

if TYPE_CHECKING:
    from collections.abc import Callable

    from .planner import ImportPlan


# how a point list's points are joined into boundaries: as the import does it, and as what
# it would do where it writes nothing ({once}: ONCE_FIXED, WITHOUT_DRY_RUN)
JOINED_WAYPOINTS = (
    Text("{n} 个航点{order}连成 {m} 个{zh}的边界",
         "{n} waypoints joined into the boundaries of {m} {en}{order}"),
    Text("{once}将把 {n} 个航点{order}连成 {m} 个{zh}的边界并导入",
         "{n} waypoints would be joined into the boundaries of {m} {en}{order}, and imported"
         "{once}"))
JOINED_POINTS = (
    Text("CSV 中 {n} 个点（{cols}）{by}{order}连成 {m} 个边界",
         "the CSV's {n} points ({cols}) are joined {by}{order}, into {m} {boundaries}"),
    Text("{once}将把 CSV 中 {n} 个点（{cols}）{by}{order}连成 {m} 个边界并导入",
         "the CSV's {n} points ({cols}) would be joined {by}{order}, into {m} "
         "{boundaries}, and imported{once}"))


class PointLists:
    """Mixed into the planner: needs ``problem()``, ``conn``, ``src``, ``plan``, ``layer``
    and ``columns``; sets ``boundary_faults``."""

    problem: Callable[..., None]
    conn: Any
    src: SourceLayer
    plan: ImportPlan
    layer: str
    columns: Any
    boundary_faults: dict[int, list[tuple]]

    def _point_lists(self, feats: list[Feature], by_target: dict) -> list[Feature]:
        """A CSV's points joined into one boundary a patch (a zone; the county's one), as a
        survey's list of boundary points gives them: in the order of their numbers where a
        column gives them (J2 before J10), else in their order in the file."""
        keys = {"mine_patches": ("patch_code",), "restoration_zones": ("zone_id", "name_zh")}
        sf = next((by_target[t] for t in keys.get(self.layer, ()) if t in by_target), None)
        if sf is None and self.layer != "county_boundary":
            return feats  # (no field for the key: said, and each point refused as no polygon)
        groups: dict = {}
        for f in feats:
            groups.setdefault(f.attrs.get(sf) if sf else "county", []).append(f)
        col = self._point_numbers(groups, [sf, *by_target.values()])
        out = []
        by_corner: dict[str, bool] = {}  # a GPX's patches: joined by their corner numbers?
        for key, members in groups.items():
            if key is None:  # points of no patch: each said on its own
                out += members
                continue
            members, twice = _numbered(members, col) if col else (members, [])
            if self.src.format == "GPX" and not col:
                corners = self._by_corner_numbers(members)
                by_corner[key] = corners is not None
                members = corners or members
            out.append(self._boundary(members, [by_target[t] for t in by_target], twice))
        # the preview counts the patches, not the points they are made of
        self.plan.source_info.update(features=len(out), points=len(feats))
        order = Text(f"按点号列 {col} 的编号顺序", f"in the order of their numbers in column "
                     f"{col}") if col else Text("依文件中的顺序", "in their order in the file")
        if self.src.format == "GPX":  # (its waypoints, each a patch's corner)
            joined = sum(len(m) for k, m in groups.items() if k is not None)
            said = dict(n=joined, order=Text(order.zh, f", {order.en}") if col
                        else self._corner_order(groups, by_corner),
                        m=len(groups) - (None in groups), zh=self._what()[0],
                        en=self._what()[1])
            self._joined(JOINED_WAYPOINTS, said)
            return out
        x, y = self.src.point_list or ("", "")
        cols = Text(f"{x} 列", f"column {x}") if x == y else Text(f"{x}/{y} 列",
                                                                  f"columns {x}/{y}")
        by = Text(f"按字段 {sf} ", f"by field {sf}, ") if sf else Text("", "")
        self._joined(JOINED_POINTS, dict(n=len(feats), cols=cols, by=by, order=order,
                                         m=len(out),
                                         boundaries=noun(len(out), "boundary", "boundaries")))
        return out

    def _joined(self, said: tuple[Text, Text], blanks: dict) -> None:
        """Say how the points were joined into boundaries, and where the import writes
        nothing (refused, a dry run), as what it would import once it is run again."""
        self.problem(INFO, "point_list", said[0].format(**blanks, once=NO_TEXT),
                     would=lambda once: (said[1].format(**blanks, once=once), None))

    def _what(self) -> tuple[str, str]:
        """What the layer's boundaries are of, said (zh, en)."""
        what = {"mine_patches": ("图斑", "patches"), "restoration_zones": ("分区", "zones")}
        return what.get(self.layer, ("要素", "features"))

    def _by_corner_numbers(self, members: list[Feature]) -> list[Feature] | None:
        """A GPX patch's waypoints in the order of their corner numbers (CT…-2 before
        CT…-10, as a GPS program sorting them by name does not keep them), where each has its
        own; else None (they are joined in the file's order)."""
        numbers = self.src.corner_numbers
        if any(f.row not in numbers for f in members) or len(
                {numbers[f.row] for f in members}) < len(members):
            return None
        return sorted(members, key=lambda f: numbers[f.row])

    def _corner_order(self, groups: dict, by_corner: dict[str, bool]) -> Text:
        """The order a GPX's waypoints were joined in, patch by patch: their corner numbers',
        or the file's (a patch whose corners are not each numbered once named, where they
        carry numbers at all)."""
        numbered = sum(by_corner.values())
        rest = len(by_corner) - numbered
        if not rest:
            return Text("按角点编号的顺序", ", in the order of their corner numbers")
        unsure = [k for k, by in by_corner.items() if not by and any(
            f.row in self.src.corner_numbers for f in groups[k])]
        shown = unsure[:10] + ([f"… ({len(unsure)})"] if len(unsure) > 10 else [])
        why = Text(f"{'、'.join(shown)} 的角点并非各有一个不同的编号",
                   f"{', '.join(shown)}: their corners not each numbered once") if unsure \
            else None
        if not numbered:
            return Text("按文件中的顺序" + (f"（{why.zh}）" if why else ""),
                        ", in file order" + (f" ({why.en})" if why else ""))
        zh, en = self._what()
        return Text(
            f"（{numbered} 个{zh}按角点编号的顺序，{rest} 个按文件中的顺序"
            + (f"：{why.zh}" if why else "") + "）",
            f": those of {numbered} {en} in the order of their corner numbers, of {rest} in "
            "file order" + (f" ({why.en})" if why else ""))

    def _packed_dms(self, feats: list[Feature], by_target: dict) -> None:
        """A point list whose every coordinate reads as 度.分秒 packed into one number
        (88.4423636, 88°44′23.636″) is refused where that reading puts its boundaries on the
        master's patches of their codes (or in the county) and the decimal one does not: read
        as decimal degrees each would land tens of kilometres off, too small. Where nothing
        tells the two readings apart it is read as decimal degrees, and said."""
        c, first = self.plan.crs, self.src.packed_dms
        if first is None or c is None or not c.geographic or self.layer == "county_boundary":
            return
        extent = county_extent(self.conn)
        sf = by_target.get("patch_code") if self.layer == "mine_patches" else None
        master = {}
        if sf and {"centre_lon", "centre_lat"} <= set(self.columns):
            master = {rules.plain_code(str(k)): (x, y) for k, x, y in self.conn.execute(
                "SELECT patch_code, centre_lon, centre_lat FROM mine_patches WHERE patch_code "
                "IS NOT NULL AND centre_lon IS NOT NULL AND centre_lat IS NOT NULL")}
        dms_fits, decimal_fits, shown = 0, 0, None
        for f in feats:
            if f.geom is None or f.geom.kind != "polygon":
                continue
            pts = f.geom.parts[0][0][:-1]
            dec = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            dms = (packed_dms(dec[0]), packed_dms(dec[1]))
            code = f.attrs.get(sf) if sf else None
            at = master.get(rules.plain_code(str(code))) if code else None
            if at is not None:
                off, on = _km(dec, at), _km(dms, at)
                if on < off and off > FAR_FROM_ITS_PATCH_KM:
                    dms_fits += 1
                    shown = shown or Text(
                        f"按十进制度读取，{code} 距主库中同编号图斑 {off:.0f} 公里，"
                        f"按度.分秒读取则为 {on:.1f} 公里",
                        f"read as decimal degrees {code} lies {off:.0f} km from its patch in the "
                        f"master, read as 度.分秒 {on:.1f} km")
                else:
                    decimal_fits += 1
            elif extent is not None and not _inside(dec, extent) and _inside(dms, extent):
                dms_fits += 1
                shown = shown or Text(
                    f"按十进制度读取，{code or f'第 {f.row} 行的边界'}位于县域范围外，"
                    "按度.分秒读取则在县域内",
                    f"read as decimal degrees {code or f'the boundary of row {f.row}'} lies "
                    "outside the county, read as 度.分秒 inside it")
        x, y = first
        reading = Text(
            f"所有坐标都可读作“度.分秒”写成的一个数（如 {x}、{y} 即 "
            f"{_dms_said(x)}、{_dms_said(y)}）",
            f"every coordinate reads as degrees, minutes and seconds packed into one number "
            f"(度.分秒: {x}, {y} as {_dms_said(x)}, {_dms_said(y)})")
        if dms_fits and not decimal_fits:
            self.problem(ERROR, "packed_dms", Text(
                "{reading}；{shown}：请把坐标写成度分秒（{dms}）或十进制度（{dec:.7f}）后再导入",
                "{reading}; {shown}: write them as degrees-minutes-seconds ({dms}) or in "
                "decimal degrees ({dec:.7f}) and import again").format(
                reading=reading, shown=shown, dms=_dms_said(x), dec=packed_dms(float(x))),
                field=self.src.point_list[0] if self.src.point_list else None)
        elif not decimal_fits:
            self.problem(WARNING, "packed_dms", Text(
                "{reading}：按十进制度读取；如为度.分秒，请写成度分秒（{dms}）后再导入",
                "{reading}: they are read as decimal degrees; if they are 度.分秒, write them as "
                "degrees-minutes-seconds ({dms}) and import again").format(
                reading=reading, dms=_dms_said(x)))

    def _point_numbers(self, groups: dict, taken: list) -> str | None:
        """The column numbering the points of each boundary (点号: J1, J2 ...), or None:
        none, one left empty, or one giving a boundary's points all one number (序号, the
        patch's place in the list), each said."""
        fields = [f for f in self.src.fields if f not in taken]
        normed = {synonyms.norm(f): f for f in reversed(fields)}
        col = next((normed[n] for n in synonyms.POINT_NUMBER if n in normed), None)
        if col is None:
            return None
        grouped = [m for k, m in groups.items() if k is not None]
        blank = [f.row for m in grouped for f in m if not (f.attrs.get(col) or "").strip()]
        if blank:
            shown = "、".join(map(str, blank[:10])), ", ".join(map(str, blank[:10]))
            more = f" … ({len(blank)})" if len(blank) > 10 else ""
            self.problem(WARNING, "point_number_empty", Text(
                f"点号列 {col} 在第 {shown[0]}{more} 行为空：各点按其在文件中的顺序连接",
                f"the point number column {col} is empty on row{'s' if len(blank) > 1 else ''}"
                f" {shown[1]}{more}: the points are joined in their order in the file"),
                         field=col)
            return None
        if any(len(m) > 1 and len({number_key(f.attrs[col]) for f in m}) == 1
               for m in grouped):
            self.problem(WARNING, "point_number_serial", Text(
                f"{col} 列对同一边界的各点给出同一个编号，不作为点号：各点按其在文件中的顺序连接",
                f"column {col} gives all the points of a boundary one number, so it is not "
                "read as their point numbers: the points are joined in their order in the "
                "file"), field=col)
            return None
        return col

    def _boundary(self, members: list[Feature], mapped: list[str],
                  twice: Sequence[tuple] = ()) -> Feature:
        """One feature of the points of one patch: its values (which its rows must agree
        on), its ring closed. What keeps it from being one is kept in ``boundary_faults``,
        said as the patch's own errors."""
        first = members[0]
        faults = self._unread_points(members) + self._disagreements(members, mapped)
        for number, a, b in twice:
            faults.append(("point_number_twice", Text(
                f"点号 {number} 出现两次（第 {a}、{b} 行）：同一边界的每个点号只能出现一次",
                f"point number {number} twice (lines {a} and {b}): number each point of a "
                "boundary once"), None))
        pts = [f.geom.parts[0] for f in members if f.geom is not None]
        closed = len(pts) > 1 and pts[0] == pts[-1]
        ring = pts if closed or not pts else pts + pts[:1]
        corners = len(pts) - closed
        if not faults and corners < 3:
            faults.append(("too_few_points", Text(
                f"{corners} 个点；边界至少需要 3 个点",
                f"{counted(corners, 'point')}; a boundary needs at least 3"), None))
        self.boundary_faults[first.row] = faults
        geom = None if faults else Geom("polygon", [[ring]])
        return Feature(row=first.row, fid=first.fid, attrs=first.attrs, geom=geom)

    def _unread_points(self, members: list[Feature]) -> list[tuple]:
        """A point of the boundary with no coordinate to read: its line said."""
        x_col, y_col = self.src.point_list or ("", "")
        out = []
        for f in members:
            if f.geom is not None:
                continue
            x, y, why = self.src.unread_points.get(f.row, (None, None, None))
            shown = (f"{x_col} {x or ''!r}" if x_col == y_col  # (one WKT column)
                     else f"{x_col} {x or ''!r}, {y_col} {y or ''!r}")
            out.append(("unreadable_point", Text(
                f"{self._lines([f.fid]).zh}：没有可读的坐标（{shown}）"
                + (f"：{why.zh}" if why else ""),
                f"{self._lines([f.fid]).en}: no readable coordinate ({shown})"
                + (f": {why.en}" if why else "")), None))
        return out

    def _lines(self, fids: list) -> Text:
        """Where in the file the points ``fids`` of a list are: its lines (a CSV's), its
        waypoints (a GPX's, numbered in the file's order)."""
        if self.src.format == "GPX":
            return Text(f"第 {'、'.join(map(str, fids))} 个航点",
                        f"waypoint{'s' if len(fids) > 1 else ''} {', '.join(map(str, fids))}")
        return Text(f"第 {'、'.join(map(str, fids))} 行",
                    f"line{'s' if len(fids) > 1 else ''} {', '.join(map(str, fids))}")

    def _disagreements(self, members: list[Feature], mapped: list[str]) -> list[tuple]:
        """Each field the rows of one boundary hold different values of: every value and
        the lines (of the file) holding it."""
        out = []
        for sf in mapped:
            lines: dict = {}
            for f in members:
                lines.setdefault(f.attrs.get(sf), []).append(f.fid)
            if len(lines) < 2:
                continue
            zh = "；".join(f"{v if v is not None else '（空）'} 在{self._lines(n).zh}"
                          for v, n in lines.items())
            en = "; ".join(f"{v if v is not None else '(empty)'} on {self._lines(n).en}"
                           for v, n in lines.items())
            out.append(("point_list_values", Text(
                f"同一边界的各点 {sf} 的值不一致：{zh}",
                f"the points of one boundary disagree on {sf}: {en}"), sf))
        return out


def _km(a: tuple, b: tuple) -> float:
    """About how far apart two points of longitude and latitude are, in kilometres."""
    dx = (a[0] - b[0]) * 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot(dx, (a[1] - b[1]) * 110.57)


def _inside(pt: tuple, extent: tuple) -> bool:
    return extent[0] <= pt[0] <= extent[1] and extent[2] <= pt[1] <= extent[3]


def _dms_said(text: str) -> str:
    """88.4423636 as the 度.分秒 it is read as, 88°44′23.636″."""
    sign, rest = ("-", text.strip()[1:]) if text.strip().startswith("-") else ("", text.strip())
    whole, frac = rest.split(".")
    secs = frac[2:4] + ("." + frac[4:] if frac[4:] else "")
    return f"{sign}{whole}°{frac[:2]}′{secs}″"


def number_key(text: str) -> tuple:
    """A point number as it sorts: J2 before J10, its digits read as numbers."""
    parts = re.split(r"(\d+)", unicodedata.normalize("NFKC", text).strip().casefold())
    return tuple(int(p) if k % 2 else p for k, p in enumerate(parts))


def _numbered(members: list[Feature], col: str) -> tuple[list[Feature], list[tuple]]:
    """One boundary's points in the order of their numbers (sorted stably), the first point
    repeated (closing the boundary) last; and each other number given twice: (the number,
    the line first giving it, the line giving it again)."""
    keys = [number_key(f.attrs[col]) for f in members]
    low, top = min(keys), max(keys)
    seen: dict = {}
    closed = False
    rank, twice = {}, []
    for f, k in zip(members, keys):
        first = seen.setdefault(k, f)
        rank[id(f)] = (k, 0)
        if first is f:
            continue
        if k == low and not closed and (f.geom is None or first.geom is None
                                       or f.geom.parts == first.geom.parts):
            rank[id(f)], closed = (top, 1), True
        else:
            twice.append((f.attrs[col], first.fid, f.fid))
    return sorted(members, key=lambda f: rank[id(f)]), twice
