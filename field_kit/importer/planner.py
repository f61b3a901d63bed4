# SPDX-License-Identifier: GPL-2.0-or-later
"""Plan an import (read, map, transform, validate, match: nothing written), then apply it in
one transaction. The change log's triggers record every row written, as for any edit."""

from __future__ import annotations

import dataclasses
import math
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import db, errors
from ..bilingual import NO_TEXT, Text
from ..forms.store import township_names
from ..messages_zh import chinese
from ..plan import coordinates, rules, schema, units
from ..plan.values import field_label
from ..sync import changelog
from ..sync.field_check import FieldCheck, county_extent
from . import crs as crsmod
from . import lookups as L
from . import mapping as mapmod
from . import synonyms
from .apply import ImportResult, Invalid, apply_import
from .delimited import packed_dms
from .gpx import ONE_FEATURE
from .old_datums import NeedsParameters
from .report import (
    ERROR,
    INFO,
    WARNING,
    ImportProblem,
    Missing,
    RowChange,
    follow_outcome,
    summary,
)
from .source import Feature, Geom, SourceError, SourceLayer, read_source
from .validate import FeatureChecks

__all__ = ["plan_import", "apply_import", "ImportPlan", "ImportResult", "Invalid", "LAYERS"]

LAYERS = ("mine_patches", "restoration_zones", "county_boundary")
GEOM = schema.GEOMETRY_COLUMN
Progress = Callable[[float], None]


@dataclass
class ImportPlan:
    master: str
    source: str
    layer: str
    source_info: dict
    crs: crsmod.CRS | None
    encoding: str | None
    encoding_how: str
    fields: list[str]
    targets: list[str]
    mapping: dict
    mapping_origin: str
    source_key: str
    area_tolerance: float
    problems: list[ImportProblem] = field(default_factory=list)
    updates: list[RowChange] = field(default_factory=list)
    inserts: list[RowChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)  # rows in error
    missing: list[Missing] = field(default_factory=list)
    base_seq: int | None = None  # the master's last change when planned
    dry_run: bool = False  # planned to report only (the command's --dry-run): never written

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def summary(self, lang: str = "en", delete_missing: bool = False) -> str:
        return summary(self, lang, delete_missing)

    @property
    def summary_en(self) -> str:
        return summary(self, "en")

    @property
    def summary_zh(self) -> str:
        return summary(self, "zh")


# --- planning ----------------------------------------------------------------------------------

def plan_import(master: str | os.PathLike, source: str | os.PathLike, layer: str, *,
                source_layer: str | None = None, crs: str | None = None,
                mapping: dict | str | os.PathLike | None = None, area_tolerance: float = 0.05,
                progress: Progress | None = None, dry_run: bool = False) -> ImportPlan:
    """Read ``source``, map its fields to ``layer``'s, bring its geometry to EPSG:4490,
    validate it and match it against the master. Nothing is written; ``dry_run``: nor will
    be, and the plan says what an import would do."""
    tick = progress or (lambda f: None)
    if layer not in LAYERS:
        raise errors.BadInput(f"cannot import into {layer!r}: choose one of {', '.join(LAYERS)}")
    if not 0 <= area_tolerance < 10:
        raise errors.BadInput("the area tolerance is a fraction, e.g. 0.05 for 5%")
    given_crs = None
    if crs:
        try:
            given_crs = crsmod.parse_code(crs)
        except NeedsParameters as exc:
            raise errors.BadInput(exc.text.en, exc.text.zh) from None
        except ValueError as exc:
            raise errors.BadInput(str(exc)) from None
    override = None
    if mapping is not None:
        try:
            override = mapping if isinstance(mapping, dict) else mapmod.read_file(mapping)
        except FileNotFoundError:
            raise errors.BadInput(f"no such mapping file: {mapping}") from None
        except (OSError, ValueError) as exc:
            raise errors.BadInput(f"cannot use the mapping {mapping}: {exc}") from None
    try:
        src = read_source(source, source_layer)
    except SourceError as exc:
        raise errors.BadInput(exc.message.en, exc.message.zh) from None
    tick(0.1)
    conn = db.connect(master, readonly=True)
    try:
        if not db.table_exists(conn, layer):
            raise errors.BadInput(f"{master} has no layer {layer}")
        # the target and the county's extent it is held to are read as longitude/latitude
        unfit = coordinates.unfit_plan_layers(conn, (layer, "county_boundary"))
        if unfit:
            raise errors.BadInput(
                f"cannot import into {layer} of {master}: {coordinates.unfit_said(unfit)}, "
                f"not longitude/latitude (EPSG:{schema.CRS_EPSG}) as the toolkit reads the "
                f"plan's layers: {coordinates.FIX}")
        plan = _Planner(conn, str(master), src, layer, given_crs, override, area_tolerance,
                        tick).run()
        plan.dry_run = dry_run
        follow_outcome(plan.problems, dry_run)
        return plan
    finally:
        conn.close()


class _Planner(FeatureChecks):
    def __init__(self, conn, master, src: SourceLayer, layer, given_crs, override, tol, tick):
        self.conn, self.src, self.layer, self.tick = conn, src, layer, tick
        self.table = schema.table(layer)
        self.columns = db.file_columns(conn, layer)
        self.types = {c.name: c.type for c in self.table.columns}
        key = mapmod.source_key(layer, src.fields)
        self.plan = ImportPlan(
            master=master, source=src.path, layer=layer,
            source_info={"path": src.path, "format": src.format, "name": src.name,
                         "features": len(src.features)},
            crs=None, encoding=src.encoding, encoding_how=src.encoding_how, fields=src.fields,
            targets=mapmod.targets(layer, self.columns), mapping={}, mapping_origin="",
            source_key=key, area_tolerance=tol)
        self.given_crs, self.override = given_crs, override
        self.boundary_faults: dict[int, list[tuple]] = {}  # a CSV boundary's, by its row
        self.code_fields: list[str] = []  # fields each of whose rows holds a patch code

    def problem(self, severity: str, kind: str, message: Text, **kw) -> None:
        self.plan.problems.append(ImportProblem(severity, kind, message, **kw))

    def run(self) -> ImportPlan:
        p = self.plan
        for note in self.src.notes:
            self.problem(WARNING, "source", note)
        for said in self.src.said:
            self.problem(INFO, "source_read", said)
        if changelog.is_installed(self.conn):
            p.base_seq = changelog.last_seq(self.conn)
        else:
            # (a copy of the master's layers, often: init would make it a second master)
            self.problem(ERROR, "no_change_log", Text(
                "{master} 不是主库（其中没有修改记录，如规划 GeoPackage 本身，或 QGIS“打包图层”、"
                "ogr2ogr 复制所得）：请导入主库；要把此文件作为新的主库（另立一个项目），请运行 "
                "field-kit init {typed}",
                "{master} is not a master (no change capture in it, as in the plan GeoPackage "
                "itself, or a copy made by QGIS's Package layers or ogr2ogr): import into the "
                "master; to make this file a new master, of a project of its own, run "
                "field-kit init {typed}").format(master=p.master, typed=db.in_command(p.master)))
        self._crs()
        self._mapping()
        rows = self._features()
        self.tick(0.8)
        self._match(rows)
        self.tick(1.0)
        p.problems.sort(key=lambda q: (q.row is not None, q.row or 0))
        return p

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
                if p.crs is not None and src.crs_from_rows:
                    p.crs = dataclasses.replace(p.crs, how="the SRID of the WKT rows")
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
                f"{self.layer} 没有治理状态字段（由图斑核查记录填写）",
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

    # --- features ---------------------------------------------------------------------------
    def _features(self) -> list[dict]:
        p, feats = self.plan, self.src.features
        by_target = {t: f for f, t in p.mapping.items() if t and f in self.src.fields}
        if self.src.point_list:
            feats = self._point_lists(feats, by_target)
            self._packed_dms(feats, by_target)
        status_codes = L.status_codes(self.conn)
        county, county_surveyed = (L.county(self.conn) if self.layer == "mine_patches"
                                   else (None, False))
        # the extent a plan layer must keep near, as a merge holds it to
        extent = county_extent(self.conn) if self.layer != "county_boundary" else None
        projects = L.lookup(self.conn, "restoration_projects", "project_id")
        # a field package holds the projects of its township or box alone
        in_package = changelog.is_installed(self.conn) and \
            changelog.state(self.conn)["kind"] == changelog.PACKAGE
        townships = township_names(self.conn)
        check = FieldCheck(self.conn)  # the plan's lists, as a merge holds values to them
        area_field = next((t for t in by_target if t in mapmod.STATED_AREAS), None)
        out = []
        first_row: dict[str, int] = {}
        n = max(1, len(feats))
        if self.layer == "county_boundary" and len(feats) != 1:
            self.problem(ERROR, "county_features", Text(
                f"县域范围应为一个要素，数据源有 {len(feats)} 个（请先融合为一个）",
                f"the county boundary is one feature; the "
                f"source has {len(feats)} (dissolve them into one first)"))
        for i, f in enumerate(feats):
            if i % 50 == 0:
                self.tick(0.1 + 0.7 * i / n)
            start, self.cur_bbox = len(p.problems), None
            faults = self.boundary_faults.get(f.row, []) if self.src.point_list else []
            for kind, message, sf in faults:
                self.problem(ERROR, kind, message, row=f.row, fid=f.fid, field=sf)
            values: dict = {}
            key = None
            empty: dict[str, str] = {}  # the plan fields the row leaves empty, by source field
            for t, sf in by_target.items():
                raw = f.attrs.get(sf)
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    empty[t] = sf
                    continue
                if t in mapmod.STATED_AREAS or t == mapmod.STATUS or t in self.types:
                    val = self._convert(t, raw, f, sf, status_codes)
                    if val is not None:
                        values[t] = val
            key = self._key(values)
            where = {"row": f.row, "code": key, "fid": f.fid}
            if self.layer == "mine_patches":
                self._check_code(key, by_target.get("patch_code"), first_row, where)
                pid = values.get("project_id")
                if "project_uuid" in self.columns and "project_id" in by_target:
                    if in_package and pid and pid not in projects:
                        del values["project_id"]  # (left as it is: the package cannot link)
                    else:
                        values["project_uuid"] = projects.get(pid) if pid else None
                    if pid and pid not in projects:
                        self.problem(WARNING, "unknown_project", Text(
                            f"项目编号 {pid} 不在此外业数据包中（数据包只含其范围内的项目）："
                            "图斑的项目保持不变，要改请导入主库",
                            f"project {pid} is not in this field package (it holds the "
                            "projects of its area alone): the patch's project is left as it "
                            "is; import into the master to change it") if in_package else Text(
                            f"项目编号 {pid} 不在规划项目中",
                            f"project {pid} is not a project of the plan"),
                                     field=by_target["project_id"], **where)
                self._township(values, townships, by_target.get("township"), where,
                               "township" in check.codes)
            elif self.layer == "restoration_zones":
                if key is None:
                    self.problem(ERROR, "missing_key", Text(
                        "缺少分区编号或名称",
                        "no zone id or name"), **where)
                elif key in first_row:
                    self.problem(ERROR, "duplicate_code", Text(
                        f"分区 {key} 重复（首次出现在第 "
                        f"{first_row[key]} 行）",
                        f"zone {key} appears again (first at "
                        f"row {first_row[key]})"), **where)
                else:
                    first_row[key] = f.row
            stated = values.pop(area_field, None) if area_field else None
            values.pop(mapmod.STATUS, None) if mapmod.STATUS not in self.columns else None
            geom = None if faults else self._geometry(
                f, where, stated, area_field and by_target[area_field], county,
                county_surveyed, extent)
            if geom is not None:
                values.update(geom)
            values["geometry_source"] = schema.SURVEYED
            self._listed(check, values, by_target, where)
            if self.layer == "county_boundary" and "source_note" in self.columns:
                name = Path(self.src.path).name
                values["source_note"] = f"测绘数据导入：{name} / Imported surveyed data: {name}"
            values = {k: v for k, v in values.items() if k in self.columns or k == "project_uuid"
                      and "project_uuid" in self.columns}
            for q in p.problems[start:]:  # name the feature in every problem it has
                q.code = q.code or key
                q.bbox = q.bbox or self.cur_bbox
            # a row in error, or whose shape could not be read, is not compared
            in_error = geom is None or any(q.severity == ERROR for q in p.problems[start:])
            out.append({"row": f.row, "key": key, "values": values, "in_error": in_error,
                        "empty": {t: sf for t, sf in empty.items() if t in self.columns}})
        return out

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
            self.problem(INFO, "point_list", Text(
                "{n} 个航点{order}连成 {m} 个{zh}的边界",
                "{n} waypoints joined into the boundaries of {m} {en}{order}").format(
                n=joined, order=Text(order.zh, f", {order.en}") if col
                else self._corner_order(groups, by_corner),
                m=len(groups) - (None in groups), zh=self._what()[0], en=self._what()[1]))
            return out
        x, y = self.src.point_list or ("", "")
        cols = Text(f"{x} 列", f"column {x}") if x == y else Text(f"{x}/{y} 列",
                                                                  f"columns {x}/{y}")
        by = Text(f"按字段 {sf} ", f"by field {sf}, ") if sf else Text("", "")
        self.problem(INFO, "point_list", Text(
            "CSV 中 {n} 个点（{cols}）{by}{order}连成 {m} 个边界",
            "the CSV's {n} points ({cols}) are joined {by}{order}, into {m} boundary(ies)")
            .format(n=len(feats), cols=cols, by=by, order=order, m=len(out)))
        return out

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
                if on < off and off > 1:
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
                f"{corners} point(s); a boundary needs at least 3"), None))
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

    def _township(self, values: dict, townships: dict, sf, where, listed: bool) -> None:
        """A township given by another name of the plan's (its alias) is taken as its name;
        one not in the plan at all is said (an error, by the list, where the plan has one)."""
        tn = values.get("township")
        name = townships.get(tn) if tn else None
        if name is not None and name != tn:
            values["township"] = name
            self.problem(INFO, "township_alias", Text(
                f"乡镇 {tn!r} 是 {name} 的别名，按 {name} 导入",
                f"township {tn!r} is another name of {name}: imported as {name}"),
                         field=sf, would=lambda once: (Text(
                             f"乡镇 {tn!r} 是 {name} 的别名，{once.zh}将按 {name} 导入",
                             f"township {tn!r} is another name of {name}: it would be "
                             f"imported as {name}{once.en}"), None), **where)
        elif tn and townships and tn not in townships and not listed:
            self.problem(WARNING, "unknown_township", Text(
                f"乡镇 {tn!r} 不在规划乡镇名单中",
                f"township {tn!r} is not one of the plan's townships"), field=sf, **where)

    def _listed(self, check: FieldCheck, values: dict, by_target: dict, where) -> None:
        """Each value outside its field's list in the plan (a township, phase, mineral...),
        an error as in a merge, which refuses it."""
        plain = {k: v for k, v in values.items() if k != GEOM}
        for said in check.problems(self.layer, plain):
            col = said.split(":", 1)[0]
            self.problem(ERROR, "not_in_list", Text(
                chinese(said) + "（合并同样拒绝，未导入）",
                said + " (a merge refuses it too; not imported)"),
                         field=by_target.get(col, col), **where)

    def _key(self, values: dict) -> str | None:
        if self.layer == "mine_patches":
            return values.get("patch_code")
        if self.layer == "restoration_zones":
            return values.get("zone_id") or values.get("name_zh")
        return "county"

    # --- matching -------------------------------------------------------------------------
    def _match(self, rows: list[dict]) -> None:
        p, layer = self.plan, self.layer
        cols = [c for c in self.columns if c in self.table.column_names or c == GEOM]
        have = [dict(zip(["fid", *cols], r)) for r in self.conn.execute(
            f"SELECT fid, {', '.join(db.quote(c) for c in cols)} FROM {db.quote(layer)} "
            "ORDER BY fid")]
        index: dict[str, dict] = {}
        if layer == "county_boundary":
            if len(have) > 1:
                self.problem(ERROR, "master_rows", Text(
                    f"主库县域范围有 {len(have)} 行，应为一行",
                    f"the master has {len(have)} county "
                    "boundary rows; expected one"))
            if have:
                index["county"] = have[0]
        else:
            names = ("patch_code",) if layer == "mine_patches" else ("zone_id", "name_zh")
            for name in names:
                for r in have:
                    k = r.get(name)
                    if k is None:
                        continue
                    if k in index and index[k] is not r and name == names[0]:
                        self.problem(ERROR, "master_duplicate", Text(
                            f"主库中 {name} 为 {k} 的记录有两条",
                            f"the master has two rows with "
                            f"{name} {k}"))
                    index.setdefault(k, r)
        matched: set[int] = set()
        for r in rows:
            key, values = r["key"], r["values"]
            if key is None:  # (no code: an error, counted with the rows in error)
                if r["in_error"]:
                    p.not_compared.append(f"row {r['row']}")
                continue
            old = index.get(key)
            if old is None and layer == "restoration_zones":
                old = index.get(values.get("name_zh"))
            if r["in_error"]:
                p.not_compared.append(str(key))
                if old is not None:
                    matched.add(old["fid"])  # in the source, if in error: not missing
                continue
            if old is None:
                ins = dict(values)
                p.inserts.append(RowChange(str(key), r["row"], None,
                                           {k: (None, L.shown(k, v)) for k, v in ins.items()},
                                           ins))
                self._left_empty(r, ins)
                continue
            matched.add(old["fid"])
            self._kept(r, old)
            changed = {k: v for k, v in values.items() if not L.same(k, old.get(k), v)}
            if GEOM in values and GEOM not in changed:
                # the same shape: its area and centre, measured again, and where it came
                # from are left as they are (a plan's drawn shape sent back is not surveyed)
                for k in (*L.MEASURED, *L.OF_THE_SHAPE):
                    changed.pop(k, None)
            if changed:
                p.updates.append(RowChange(
                    str(key), r["row"], old["uuid"],
                    {k: (L.shown(k, old.get(k)), L.shown(k, v)) for k, v in changed.items()},
                    changed))
            else:
                p.unchanged.append(str(key))
        if layer == "county_boundary":
            return
        label = "patch_code" if layer == "mine_patches" else "zone_id"
        for r in have:
            if r["fid"] in matched:
                continue
            n = 0
            if layer == "mine_patches" and db.table_exists(self.conn, "patch_verifications"):
                n = self.conn.execute("SELECT count(*) FROM patch_verifications WHERE patch_uuid"
                                      " = ?", (r["uuid"],)).fetchone()[0]
            p.missing.append(Missing(str(r.get(label) or r.get("name_zh")), r["uuid"], n))


    def _kept(self, r: dict, old: dict) -> None:
        """Say each field the source row leaves empty where the master holds a value: an
        import writes no empty value, so the master's is kept."""
        for t, sf in r["empty"].items():
            if old.get(t) is None or old.get(t) == "":
                continue
            value = L.shown(t, old[t])
            self.problem(INFO, "empty_kept", Text(
                f"导入数据中为空：{field_label(self.layer, t)}保留主库的值 {value}",
                f"empty in the source: {t} keeps the master's value {value}"),
                row=r["row"], code=r["key"], field=sf, detail=(t, value))

    def _left_empty(self, r: dict, written: dict) -> None:
        """Say the fields a new row is left without: none of the source's fields gives them
        (a patch's project and period, say), to set in QGIS or map a source field to."""
        said = {GEOM, "uuid", "project_uuid", *L.MEASURED, *L.OF_THE_SHAPE}
        empty = [c.name for c in self.table.columns
                 if c.name in self.columns and c.name not in written and c.name not in said]
        if not empty:
            return
        self.problem(INFO, "new_left_empty", Text(
            "新增要素，以下字段导入数据未给出，留空："
            + "、".join(field_label(self.layer, c) for c in empty)
            + "（可在 QGIS 中填写，或将导入数据的字段对应到它们）",
            "new row, left empty as the source gives none: " + ", ".join(empty)
            + " (fill them in QGIS, or map source fields to them)"),
            row=r["row"], code=r["key"], detail=tuple(empty))


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


def _unit_list(targets: list[str]) -> Text:
    """The units of stated-area targets, "亩、公顷" / "mu, ha"."""
    said = [units.SYMBOLS[synonyms.AREA_COLUMN_UNITS[t]] for t in targets]
    return Text("、".join(u.zh for u in said), ", ".join(u.en for u in said))


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
