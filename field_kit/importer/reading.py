# SPDX-License-Identifier: GPL-2.0-or-later
"""How the planner reads a source: its coordinate system (given, stated in the source, or
known of its format) and the plan field each of its fields fills (saved, recognised by name,
or given), each choice said and what cannot be chosen refused by name."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..bilingual import NO_TEXT, ZH, Text
from ..messages_zh import chinese
from ..plan import rules, units
from ..plan.values import column_named
from . import crs as crsmod
from . import lookups as L
from . import mapping as mapmod
from . import synonyms
from .gpx import ONE_FEATURE
from .old_datums import NeedsParameters
from .report import ERROR, INFO, WARNING
from .source import SourceLayer

if TYPE_CHECKING:
    from collections.abc import Callable

    from .planner import ImportPlan


class SourceReading:
    """Mixed into the planner: needs ``problem()``, ``conn``, ``src``, ``plan``, ``layer``,
    ``columns``, ``given_crs`` and ``override``; sets ``code_fields``."""

    problem: Callable[..., None]
    conn: Any
    src: SourceLayer
    plan: ImportPlan
    layer: str
    columns: Any
    given_crs: crsmod.CRS | None
    override: Any  # the mapping given, or None
    code_fields: list[str]

    # --- CRS ---------------------------------------------------------------------------------
    def _crs(self) -> None:
        src, p = self.src, self.plan
        reason = None
        if self.given_crs is not None:
            p.crs = self.given_crs
            if src.crs_from_rows and src.crs_code != f"EPSG:{p.crs.epsg}":
                self.problem(ERROR, "crs_contradicted", Text(
                    f"--crs 给出 {p.crs.label}，而 WKT 各行的 SRID 为 {src.crs_code}：两者不一致；"
                    "请去掉 --crs，或修正各行的 SRID",
                    f"--crs gives {p.crs.label}, but the WKT rows' SRID is {src.crs_code}: "
                    "they disagree; leave out --crs, or mend the rows' SRID"))
                p.crs = None
                return
        else:
            older = None  # Beijing 1954 / Xi'an 1980 found, by code or by WKT
            if src.crs_code:
                try:
                    p.crs = crsmod.parse_code(src.crs_code)
                except NeedsParameters as exc:
                    older = exc
                except ValueError as exc:
                    reason = str(exc)
                if p.crs is not None:  # (the source's, not given: no "given as")
                    p.crs = dataclasses.replace(p.crs, how="the SRID of the WKT rows"
                                                if src.crs_from_rows
                                                else f"the source's own {src.crs_code}")
            if p.crs is None and src.crs_wkt:
                try:
                    p.crs = crsmod.from_wkt(src.crs_wkt)
                except NeedsParameters as exc:
                    older = exc
                except ValueError as exc:
                    reason = str(exc)
            if older is not None and p.crs is None:
                self.problem(ERROR, "crs_needs_parameters", older.text)
                return
            if p.crs is None and reason is None:
                if src.format in ("GeoJSON", "KML", "GPX"):
                    how = ("GeoJSON default (RFC 7946)" if src.format == "GeoJSON"
                           else f"{src.format} is always WGS 84 longitude/latitude")
                    p.crs = crsmod.CRS("WGS 84", crsmod.WGS84, datum="WGS84", how=how,
                                       note=crsmod.WGS84_NOTE)
                elif src.lonlat_by:
                    p.crs = self._lonlat_columns()
                else:
                    xs = [pt[0] for f in src.features[:50] if f.geom for pt in L.points(f.geom)]
                    hint = crsmod.guess_from_coordinates(xs)
                    reason = "the source does not say its coordinate system (no .prj)" + (
                        f"; {hint}" if hint else "")
        if src.format in ("KML", "GPX") and p.crs is not None and not p.crs.geographic:
            self.problem(ERROR, "kml_crs", Text(
                f"{src.format} 总是 WGS 84 经纬度，不能按 {p.crs.label} 读取：请去掉 --crs",
                f"{src.format} is always WGS 84 longitude/latitude; it cannot be read in "
                f"{p.crs.label}: leave out --crs"))
            p.crs = None
            return
        if p.crs is None:
            self.problem(ERROR, "unknown_crs", Text(
                f"无法识别坐标系：{chinese(reason or '')}"
                + ("" if "--crs" in (reason or "") else "（可用 --crs EPSG:代码 指定）"),
                f"unknown coordinate system: {reason}"))
        elif p.crs.note:
            self.problem(INFO, "crs_note", p.crs.note)

    def _lonlat_columns(self) -> crsmod.CRS:
        """A CSV saying nothing of its system but naming its columns longitude/latitude:
        read so, and said (WGS 84 and CGCS2000 differ by centimetres), never silently."""
        by = self.src.lonlat_by
        self.problem(WARNING, "crs_from_columns", Text(
            f"CSV 未说明坐标系（旁边没有 .prj）：按列名 {by} 作为经纬度（WGS 84/CGCS2000）读取；"
            "如不是，请用 --crs 指定",
            f"the CSV does not say its coordinate system (no .prj beside it): its columns {by}"
            " are read as longitude/latitude (WGS 84/CGCS2000), as named; if they are not, "
            "give --crs"))
        return crsmod.CRS("WGS 84", crsmod.WGS84, datum="WGS84",
                          how=f"the columns {by} named longitude/latitude")

    # --- mapping ---------------------------------------------------------------------------
    def _mapping(self) -> None:
        p, fields = self.plan, self.src.fields
        saved = mapmod.load_saved(self.conn, p.source_key)
        if saved is not None:
            base = {f: saved.get(f) for f in fields}
            p.mapping_origin = "saved"
        else:
            base = mapmod.auto(self.layer, fields, p.targets)
            p.mapping_origin = "recognised"
            self._name_as_code(base)
        if self.override:
            p.mapping_origin += " + given"
            self._cut_keys()
        p.mapping = mapmod.combine(base, self.override)
        seen: dict[str, str] = {}
        for f, t in p.mapping.items():
            if f not in fields:
                # it fills nothing: a required field it names is still to be mapped (else a
                # patch code read from no field leaves every row out, --delete-missing
                # deleting the whole layer)
                self.problem(WARNING, "mapping_field_absent", Text(
                    "字段对应中的字段在数据源中不存在" + (f"：{t} 不从它读取" if t else ""),
                    "the mapping names a field the source does not have"
                    + (f": no {t} is read from it" if t else "")), field=f)
                continue
            if not t:
                continue
            if t not in p.targets:
                self.problem(ERROR, "mapping_unknown_target", Text(
                    f"{t!r} 不是 {self.layer} "
                    "中可导入的字段",
                    f"{t!r} is not a field of "
                    f"{self.layer} the import can fill"), field=f)
            elif t in seen:
                self.problem(ERROR, "mapping_duplicate_target", Text(
                    f"{t} 同时对应 {seen[t]} 和 {f}",
                    f"{t} is mapped from both "
                    f"{seen[t]} and {f}"), field=f)
            seen.setdefault(t, f)
        self._cut_units(saved is not None)
        self._cut_ambiguous(saved is not None)
        areas = [t for t in seen if t in mapmod.STATED_AREAS]
        if len(areas) > 1:
            self.problem(ERROR, "mapping_duplicate_target", Text(
                "面积字段不止一个："
                + "、".join(seen[a] for a in areas),
                "more than one stated area field: "
                + ", ".join(seen[a] for a in areas)))
        for need in L.required(self.layer):
            if not any(n in seen for n in need):
                # which field holds it only the user can say: how to, with one of theirs
                # (a field of codes or names: never one of numbers GDAL gave, track_fid)
                held = next((f for f in (*self.code_fields, "name", *fields) if f in fields
                             and not p.mapping.get(f)
                             and mapmod.names_held(f, self.src.features)), None)
                example = Text(held, held) if held else mapmod.SOME_FIELD
                advice = NO_TEXT if not fields else Text(
                    f"：如某字段存有 {need[0]}，请用 --mapping 指定对应（一个 JSON 文件，"
                    f'如 {{"{example.zh}": "{need[0]}"}}）',
                    f": if a field holds it, map it with --mapping, a JSON file such as "
                    f'{{"{example.en}": "{need[0]}"}}'
                    + ("" if held else f" ({example.en}: the name of the field holding it)"))
                self.problem(ERROR, "unmapped_required", Text(
                    f"没有字段对应到必填字段 {' 或 '.join(need)}{advice.zh}",
                    f"no source field is mapped to "
                    f"{' or '.join(need)}{advice.en}"),
                             field=need[0])
        left = [f for f in fields if not p.mapping.get(f)]
        if left:  # said, so that "nothing to do" is never read as "every field the same"
            self.problem(INFO, "fields_not_imported", Text(
                f"数据源中未对应任何规划字段、不导入的字段：{'、'.join(left)}（需要时请指定字段对应）",
                f"source fields mapped to no plan field, not imported: {', '.join(left)} "
                "(map them where they hold a plan field)"))
        if len(areas) == 1:  # (what a preview passes is passed within this)
            tol = p.area_tolerance
            self.problem(INFO, "area_checked", Text(
                f"字段 {seen[areas[0]]} 的面积与几何面积核对，容差 {tol:.0%}",
                f"the areas of field {seen[areas[0]]} are checked against the geometry's "
                f"within {tol:.0%}"))
        if not areas and self.layer != "county_boundary":
            self.problem(INFO, "no_area_field", Text(
                "未找到面积字段：面积按几何计算，不做核对",
                "no stated area field: areas are computed from "
                "the geometry but not checked"))
        if mapmod.STATUS in seen and mapmod.STATUS not in self.columns:
            self.problem(WARNING, "status_not_stored", Text(
                f"治理状态仅做校验，不写入："
                f"{column_named(self.layer, ZH)}没有治理状态字段（由图斑核查记录填写）",
                f"the remediation status is checked but "
                f"not stored: {self.layer} has no remediation_status column (it is "
                "recorded by patch verifications)"),
                         field=seen[mapmod.STATUS])

    def _name_as_code(self, base: dict) -> None:
        """A field holding the patch code under a name no table of the import's knows is
        taken as the patch code where no field is, and said: a placemark's name (Google
        Earth's and 奥维's way, a GPS track's), every name being one; else, in a point list,
        a KML or a GPX, the one field whose every row holds one (a point list's 地块编码, a
        handheld GPS's description holding the code alone)."""
        given = self.override or {}
        if (self.layer != "mine_patches" or "patch_code" in base.values()
                or "patch_code" in given.values()):
            return
        feats = self.src.features
        if "name" in base and not base["name"] and "name" not in given:
            names = [str(f.attrs.get("name")).replace(" ", "") for f in feats
                     if f.attrs.get("name") is not None]
            if names and all(rules.is_patch_code(n) for n in names):
                base["name"] = "patch_code"
                zh, en = ONE_FEATURE.get(self.src.name, ("地标", "placemark")) \
                    if self.src.format == "GPX" else ("地标", "placemark")
                self.problem(INFO, "name_as_code", Text(
                    f"没有图斑编号字段，而各{zh}名称（name）均为图斑编号：按图斑编号读取；如不是，"
                    "请用 --mapping 指定",
                    f"no field holds the patch code, but every {en}'s name is one: name is "
                    "read as the patch code; if it is not, give --mapping"), field="name")
                return
        self.code_fields = [
            sf for sf in self.src.fields if sf != "name" and not base.get(sf)
            and sf not in given and feats
            and all(rules.is_patch_code(f.attrs.get(sf)) for f in feats)]
        # taken only where no field can be named for it: a point list's (whose points are
        # else refused one by one, as no polygons) and a KML's; elsewhere the refusal names
        # the field to map, and so where several hold codes
        if len(self.code_fields) != 1 or not (self.src.point_list
                                              or self.src.format in ("KML", "GPX")):
            return
        sf = self.code_fields[0]
        base[sf] = "patch_code"
        self.problem(INFO, "name_as_code", Text(
            f"没有以图斑编号命名的字段，而 {sf} 的每个值均为图斑编号：按图斑编号读取；如不是，"
            "请用 --mapping 指定",
            f"no field is named for the patch code, but every value of {sf} is one: it is "
            "read as the patch code; if it is not, give --mapping"), field=sf)

    def _cut_keys(self) -> None:
        """A given mapping's key naming a field by the whole name the source holds cut is
        taken as that field, and said."""
        for key, f in mapmod.cut_keys(self.override, self.src.fields).items():
            self.override = {(f if k == key else k): t for k, t in self.override.items()}
            self.problem(INFO, "mapping_cut_name", Text(
                f"字段对应中的 {key} 按数据源中被截断的字段 {f} 处理",
                f"the mapping's {key} is taken as the source's field {f}, its name cut"),
                         field=f)

    def _cut_units(self, saved: bool) -> None:
        """Say of an area field whose unit was cut off with its name (实测面积（亩） read as
        实测面�) which unit it is taken in, or that one must be chosen: never assumed
        silently (a mapping saved or given chose it)."""
        p = self.plan
        for f in self.src.fields:
            cands = mapmod.area_units_cut(self.layer, f, p.targets)
            if len(cands) < 2 or saved or f in (self.override or {}):
                continue
            t = p.mapping.get(f)
            others = [c for c in cands if c != t]
            units_ = _unit_list(others)
            maps = Text("、".join(others), ", ".join(others))
            if t in cands:
                self.problem(WARNING, "area_unit_cut", Text(
                    "字段名连同面积单位被截断：按{unit}读取（未写单位的面积即为此单位）；"
                    "如该字段以{units}为单位，请将其对应到 {maps}",
                    "the area's unit was cut off with the field's name: it is read in {unit} "
                    "(as an area named with no unit); if the field is in {units}, map it to "
                    "{maps}").format(unit=_unit_list([t]), units=units_, maps=maps), field=f)
            elif not t and not any(v in mapmod.STATED_AREAS for v in p.mapping.values()):
                self.problem(WARNING, "area_unit_cut", Text(
                    "字段名连同面积单位被截断，未作为面积核对：请选择其单位，将其对应到 {maps}",
                    "the area's unit was cut off with the field's name, so it is not checked "
                    "as an area: choose its unit by mapping it to {maps}").format(maps=maps),
                    field=f)

    def _cut_ambiguous(self, saved: bool) -> None:
        """Say of a field whose cut name begins names of more than one plan field that it
        was not guessed (a mapping saved or given chose)."""
        p = self.plan
        taken = {t for t in p.mapping.values() if t}
        for f in self.src.fields:
            if saved or p.mapping.get(f) or f in (self.override or {}):
                continue
            begun = mapmod.cut_ambiguous(self.layer, f, [t for t in p.targets
                                                         if t not in taken])
            if begun:
                self.problem(WARNING, "cut_name_ambiguous", Text(
                    f"字段名在 .dbf 的 {mapmod.DBF_NAME} 字节处被截断，可能是 {'、'.join(begun)}"
                    " 中任一个，未自动对应：请用 --mapping 指定",
                    f"its name, cut at the .dbf's {mapmod.DBF_NAME} bytes, begins the names of "
                    f"more than one plan field: {', '.join(begun)}; it is not guessed: map it "
                    "with --mapping"), field=f)


def _unit_list(targets: list[str]) -> Text:
    """The units of stated-area targets, "亩、公顷" / "mu, ha"."""
    said = [units.SYMBOLS[synonyms.AREA_COLUMN_UNITS[t]] for t in targets]
    return Text("、".join(u.zh for u in said), ", ".join(u.en for u in said))
