# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan GeoPackage's tables, said once.

Every tracked table has an integer ``fid`` (local to one file) and a ``uuid`` (the row's
identity everywhere). The build, the change log, packages, merge and both faces read
this module; nothing else lists tables or columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..bilingual import Text

SCHEMA_VERSION = 1
CRS_EPSG = 4490  # CGCS2000 geographic
GEOMETRY_COLUMN = "geom"
# table -> the column whose value names one row of it (a patch's code, a project's id); a
# row of another table holding one of those refers to that row
CODES = {"mine_patches": "patch_code", "restoration_projects": "project_id"}
# the plan GeoPackage's own record (project, schema version): not plan data, never synced
META_TABLE = "plan_meta"

# What a table holds, which decides who may change it.
PLAN = "plan"  # the plan's own layers: GIS staff edit them
RECORD = "record"  # field results: technicians fill them
REFERENCE = "reference"  # code lists and indicators: GIS staff edit them

TECHNICIAN = "technician"
GIS = "gis"
ROLES = (TECHNICIAN, GIS)

# the plan's phases of work, in order, with the periods they name
PHASES = {"近期": "Near term (2021–2025)", "中期": "Medium term (2026–2030)",
          "远期": "Long term (2031–2035)"}
# the period each phase names, as the plan writes it: a patch's period is its phase's
PHASE_PERIODS = {"近期": "2021-2025年", "中期": "2026-2030年", "远期": "2031-2035年"}
# table -> (the phase column, the column holding the period it names)
PERIOD_OF_PHASE = {"mine_patches": ("phase", "period")}
SCHEMATIC, SURVEYED = "schematic", "surveyed"  # geometry_source: drawn from the text, or measured


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN
    label: Text


@dataclass(frozen=True)
class Table:
    name: str
    kind: str
    geometry_type: str | None  # GeoPackage geometry type name, or None for attributes
    columns: tuple[Column, ...]
    title: Text
    extra_roles: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def editable_by(self, role: str) -> bool:
        if role == GIS:
            return True
        return self.kind == RECORD or role in self.extra_roles


def _cols(*spec: tuple[str, str, str, str]) -> tuple[Column, ...]:
    """Columns from (name, type, Chinese label, English label), after the uuid."""
    return tuple(Column(name, kind, Text(zh, en))
                 for name, kind, zh, en in (("uuid", "TEXT", "唯一标识", "UUID"), *spec))


_GEOMETRY_SOURCE = ("geometry_source", "TEXT", "几何来源", "Geometry source")
_SECTION = ("section", "TEXT", "规划出处", "Plan section")
_AREA = ("area_m2", "REAL", "椭球面积（平方米）", "Ellipsoidal area (m²)")
_NAMES = (("name_zh", "TEXT", "名称", "Name (Chinese)"),
          ("name_en", "TEXT", "英文名称", "Name (English)"))
_POSITION = (
    ("position_lon", "REAL", "定位经度", "Position longitude"),
    ("position_lat", "REAL", "定位纬度", "Position latitude"),
    ("position_accuracy_m", "REAL", "定位精度（米）", "Position accuracy (m)"),
    ("position_note", "TEXT", "定位说明", "Position note"),
)
_RECORDED = (
    ("notes", "TEXT", "备注", "Notes"),
    ("created_at", "DATETIME", "记录时间", "Recorded at"),
)

TABLES: tuple[Table, ...] = (
    Table("county_boundary", PLAN, "MULTIPOLYGON", _cols(
        *_NAMES,
        ("admin_code", "TEXT", "行政区划代码", "Administrative code"),
        ("former_admin_code", "TEXT", "原行政区划代码", "Former administrative code"),
        ("plan_area_km2", "REAL", "规划面积（平方千米）", "Area stated by the plan (km²)"),
        _AREA, _GEOMETRY_SOURCE, ("source_note", "TEXT", "来源说明", "Source note"), _SECTION,
    ), Text("县域范围", "County boundary")),
    Table("townships", PLAN, "POINT", _cols(
        *_NAMES,
        ("aliases", "TEXT", "别名", "Other names"),
        ("zone_id", "TEXT", "所在修复分区", "Restoration zone"),
        _GEOMETRY_SOURCE, _SECTION,
    ), Text("乡镇", "Townships")),
    Table("restoration_zones", PLAN, "MULTIPOLYGON", _cols(
        ("zone_id", "TEXT", "分区编号", "Zone ID"), *_NAMES,
        ("overview", "TEXT", "分区概况", "Overview"),
        ("natural_conditions", "TEXT", "自然地理条件", "Natural conditions"),
        ("main_problems", "TEXT", "主要生态问题", "Main ecological problems"),
        ("main_direction", "TEXT", "主攻方向", "Main direction"),
        ("townships", "TEXT", "涉及乡镇", "Townships covered"),
        ("townships_source", "TEXT", "乡镇来源", "Source of the township list"),
        _AREA, _GEOMETRY_SOURCE, _SECTION,
    ), Text("生态修复分区", "Restoration zones")),
    Table("ecological_pattern_areas", PLAN, "MULTIPOLYGON", _cols(
        ("element", "TEXT", "格局要素", "Pattern element"), *_NAMES,
        ("description", "TEXT", "说明", "Description"),
        _AREA, _GEOMETRY_SOURCE, _SECTION,
    ), Text("生态格局（一屏一核）", "Ecological pattern: barrier and core")),
    Table("ecological_pattern_corridors", PLAN, "MULTILINESTRING", _cols(
        ("element", "TEXT", "格局要素", "Pattern element"), *_NAMES,
        ("length_m", "REAL", "椭球长度（米）", "Ellipsoidal length (m)"),
        _GEOMETRY_SOURCE, _SECTION,
    ), Text("生态格局（三廊）", "Ecological pattern: corridors")),
    Table("ecological_pattern_points", PLAN, "POINT", _cols(
        ("element", "TEXT", "格局要素", "Pattern element"), *_NAMES,
        ("point_kind", "TEXT", "保护点类型", "Kind of protection point"),
        _GEOMETRY_SOURCE, _SECTION,
    ), Text("生态格局（多点）", "Ecological pattern: protection points")),
    Table("restoration_programs", PLAN, None, _cols(
        ("program_id", "TEXT", "工程编号", "Program ID"), *_NAMES,
        ("zone_id", "TEXT", "修复分区", "Restoration zone"),
        ("column_ref", "TEXT", "专栏", "Plan table"),
        ("implementation_area", "TEXT", "实施区域", "Implementation area"),
        ("content", "TEXT", "建设内容", "Content"),
        ("period", "TEXT", "时序安排", "Period"),
        _SECTION,
    ), Text("重点工程", "Key programs")),
    Table("restoration_projects", PLAN, None, _cols(
        ("project_id", "TEXT", "项目编号", "Project ID"),
        ("program_uuid", "TEXT", "所属工程", "Program"),
        ("program_id", "TEXT", "工程编号", "Program ID"),
        ("seq", "INTEGER", "序号", "No."), *_NAMES,
        ("zone_id", "TEXT", "修复分区", "Restoration zone"),
        ("township", "TEXT", "行政区", "Township"),
        ("mineral", "TEXT", "矿种", "Mineral"),
        ("content", "TEXT", "项目建设内容", "Content"),
        ("period", "TEXT", "项目时序安排", "Period"),
        ("period_start", "INTEGER", "开始年份", "First year"),
        ("period_end", "INTEGER", "结束年份", "Last year"),
        ("column_ref", "TEXT", "专栏", "Plan table"),
        _SECTION,
    ), Text("重点项目", "Key projects")),
    Table("project_targets", PLAN, None, _cols(
        ("project_uuid", "TEXT", "所属项目", "Project"),
        ("project_id", "TEXT", "项目编号", "Project ID"),
        ("target_zh", "TEXT", "目标内容", "Target"),
        ("target_en", "TEXT", "目标内容（英文）", "Target (English)"),
        ("quantity", "REAL", "目标数量", "Quantity"),
        ("unit", "TEXT", "单位", "Unit"),
        ("unit_en", "TEXT", "单位（英文）", "Unit (English)"),
        ("period", "TEXT", "时序安排", "Period"),
        ("plan_quote", "TEXT", "规划原文", "Plan text"),
        _SECTION,
    ), Text("项目目标", "Project targets")),
    Table("mine_patches", PLAN, "MULTIPOLYGON", _cols(
        ("patch_code", "TEXT", "图斑编号", "Patch code"),
        ("project_uuid", "TEXT", "所属项目", "Project"),
        ("project_id", "TEXT", "项目编号", "Project ID"),
        ("project_name", "TEXT", "项目名称", "Project name"),
        ("township", "TEXT", "行政区", "Township"),
        ("mineral", "TEXT", "矿种", "Mineral"),
        ("phase", "TEXT", "治理阶段", "Phase"),
        ("period", "TEXT", "治理时段", "Period"),
        ("project_treated_area_km2", "REAL", "项目治理面积（平方千米，规划）",
         "Project treated area stated by the plan (km²)"),
        ("patches_in_project", "INTEGER", "项目图斑数", "Patches in the project"),
        _AREA,
        ("centre_lon", "REAL", "中心经度", "Centre longitude"),
        ("centre_lat", "REAL", "中心纬度", "Centre latitude"),
        _GEOMETRY_SOURCE, _SECTION,
    ), Text("历史遗留矿山图斑", "Legacy mine patches")),
    Table("plan_indicators", REFERENCE, None, _cols(
        ("indicator_id", "TEXT", "指标编号", "Indicator ID"),
        ("category", "TEXT", "类别", "Category"), *_NAMES,
        ("unit", "TEXT", "单位", "Unit"),
        ("unit_en", "TEXT", "单位（英文）", "Unit (English)"),
        ("comparison", "TEXT", "约束", "Constraint"),
        ("value_2020", "REAL", "2020年", "2020"),
        ("value_2025", "REAL", "2025年", "2025"),
        ("value_2035", "REAL", "2035年", "2035"),
        ("value_other", "REAL", "数值（未注年份）", "Value (no year stated)"),
        _SECTION,
        ("plan_quote", "TEXT", "规划原文", "Plan text"),
    ), Text("规划指标与控制指标", "Plan indicators and control totals")),
    Table("code_lists", REFERENCE, None, _cols(
        ("list_name", "TEXT", "代码表", "Code list"),
        ("code", "TEXT", "代码", "Code"),
        ("label_zh", "TEXT", "名称", "Label (Chinese)"),
        ("label_en", "TEXT", "英文名称", "Label (English)"),
        ("parent_code", "TEXT", "上级代码", "Parent code"),
        ("sort_order", "INTEGER", "排序", "Order"),
        ("source", "TEXT", "来源", "Source"),
    ), Text("代码表", "Code lists")),
    Table("patch_verifications", RECORD, "POINT", _cols(
        ("patch_uuid", "TEXT", "图斑", "Patch"),
        ("patch_code", "TEXT", "图斑编号", "Patch code"),
        ("patch_class", "TEXT", "图斑大类", "Patch class"),
        ("patch_subclass", "TEXT", "图斑小类", "Patch sub-class"),
        ("damage_type", "TEXT", "损毁类型", "Damage type"),
        ("patch_feature", "TEXT", "图斑属性", "Patch feature"),
        ("remediation_status", "TEXT", "恢复治理情况", "Remediation status"),
        ("restoration_method", "TEXT", "修复方式", "Restoration method"),
        ("mineral", "TEXT", "矿种", "Mineral"),
        ("mining_method", "TEXT", "开采方式", "Mining method"),
        ("year_closed", "INTEGER", "闭坑年份", "Year closed"),
        ("measured_area_m2", "REAL", "核查面积（平方米）", "Measured area (m²)"),
        ("treated_area_m2", "REAL", "已治理面积（平方米）", "Treated area (m²)"),
        ("land_use", "TEXT", "现状地类", "Current land use"),
        *_POSITION,
        ("verifier", "TEXT", "核查人", "Verifier"),
        ("verifying_unit", "TEXT", "核查单位", "Verifying unit"),
        ("verified_on", "DATE", "核查日期", "Date verified"),
        *_RECORDED,
    ), Text("图斑核查记录", "Patch verifications")),
    Table("project_inspections", RECORD, "POINT", _cols(
        ("project_uuid", "TEXT", "项目", "Project"),
        ("project_id", "TEXT", "项目编号", "Project ID"),
        ("target_uuid", "TEXT", "项目目标", "Target"),
        ("completed_quantity", "REAL", "完成数量", "Completed quantity"),
        ("unit", "TEXT", "单位", "Unit"),
        ("issues_found", "TEXT", "发现问题", "Issues found"),
        ("rating", "TEXT", "评价", "Rating"),
        *_POSITION,
        ("inspector", "TEXT", "检查人", "Inspector"),
        ("inspecting_unit", "TEXT", "检查单位", "Inspecting unit"),
        ("inspected_on", "DATE", "检查日期", "Date inspected"),
        *_RECORDED,
    ), Text("项目检查记录", "Project inspections")),
    Table("photos", RECORD, None, _cols(
        ("record_uuid", "TEXT", "所属记录", "Record"),
        ("record_table", "TEXT", "记录表", "Record table"),
        ("sha256", "TEXT", "内容摘要", "Content hash"),
        ("file_name", "TEXT", "文件名", "File name"),
        ("mime_type", "TEXT", "类型", "Type"),
        ("taken_at", "DATETIME", "拍摄时间", "Taken at"),
        ("lon", "REAL", "拍摄经度", "Longitude"),
        ("lat", "REAL", "拍摄纬度", "Latitude"),
        ("heading", "REAL", "拍摄方位角", "Heading"),
        ("caption", "TEXT", "说明", "Caption"),
    ), Text("照片", "Photos")),
)

BY_NAME = {t.name: t for t in TABLES}


def plan_table(name: str, columns: Iterable[str]) -> Table | None:
    """The plan's table ``name`` where a table of that name holding ``columns`` is it: one
    that holds most of the plan's columns of it (the uuid aside). Columns added to it, and
    one GIS staff renamed or dropped, leave it the plan's; a layer of the county's own that
    only shares its name (a point layer called photos, say) is not (None)."""
    t = BY_NAME.get(name)
    if t is None:
        return None
    have = set(columns)
    own = [c for c in t.column_names if c != "uuid"]
    return t if 2 * sum(c in have for c in own) > len(own) else None


def table(name: str) -> Table:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"not a table of the plan schema: {name!r}") from None
