# SPDX-License-Identifier: GPL-2.0-or-later
"""The patch-verification and project-inspection forms, as data.

Labels come from ``schema`` so they are said once; rules are data: a kind (what
``checks`` does), the field a problem is reported on, parameters, and messages in Chinese
and English.
"""

from __future__ import annotations

from ..bilingual import Text
from ..plan import schema
from ..plan.rules import AREA_SHORT, AREA_SLIP
from .model import (
    CHOICE,
    DATE,
    DATE_WRITTEN,
    EARLIEST_YEAR_CLOSED,
    INTEGER,
    MULTILINE,
    PATCH_CODE,
    PHOTOS,
    PLAN_END,
    PLAN_START,
    POSITION,
    POSITION_NOTE_DISTANCE_M,
    REAL,
    TARGETS,
    TEXT,
    UNITS,
    WARNING,
    Field,
    Form,
    Rule,
)


def _f(table: str, name: str, widget: str, **kw) -> Field:
    col = next(c for c in schema.table(table).columns if c.name == name)
    return Field(name, widget, col.label, (name,), **kw)


def _position(table: str) -> Field:
    return Field("position", POSITION, Text("定位", "Position"),
                 ("position_lon", "position_lat", "position_accuracy_m"), required=True,
                 help=Text("GNSS 定位或手工输入经纬度（CGCS2000，6 位小数）",
                           "GNSS fix or typed longitude/latitude (CGCS2000, 6 decimals)"))


def _photos() -> Field:
    t = schema.table("photos")
    return Field("photos", PHOTOS, t.title,
                 help=Text("现场照片，读取其 EXIF 位置、时间与方位",
                           "Site photos; their EXIF position, time and heading are read"))


def _date(table: str, name: str) -> Field:
    return _f(table, name, DATE, required=True, min=PLAN_START.isoformat(),
              max=PLAN_END.isoformat())


_AREA_UNITS = ("平方米", "亩", "公顷")


def _near_rule(what: Text) -> Rule:
    ask = Text("请填写定位说明", "give a position note")
    limit = POSITION_NOTE_DISTANCE_M
    return Rule(
        "position_far_from_subject", "near_subject", "position_note", Text(
            f"定位点距{what.zh} {{distance:.0f}} 米，超过 {{limit:.0f}} 米，{ask.zh}",
            f"The position is {{distance:.0f}} m from the {what.en}, more than "
            f"{{limit:.0f}} m: {ask.en}"),
        params={"limit_m": limit},
        statement=Text(f"定位点距{what.zh}超过 {limit:.0f} 米，{ask.zh}",
                       f"The position is more than {limit:.0f} m from the {what.en}: {ask.en}"))


def _found(statement: Text, zh: str, en: str) -> Text:
    """A message: the rule's statement and, after it, what was found."""
    return Text(statement.zh + zh, statement.en + en)


_NOT_FUTURE = Text("{label}不能晚于今天", "{label} cannot be after today")


def _area_off_patch(way: str, statement: Text, found: Text, params: dict) -> Rule:
    """A warning of a measured area far ``way`` ("above", "below") its patch's mapped one: a
    slip of a unit (亩, km² in a field of m²) or a digit far more often than the ground."""
    return Rule(f"area_far_{way}_patch", f"not_far_{way}_subject", "measured_area_m2",
                Text(f"核查面积 {{area:,.2f}} 平方米{found.zh}，请核对单位和数字",
                     f"The measured area, {{area:,.2f}} m², {found.en}: check the unit and the "
                     "digits"),
                severity=WARNING, params={"of": "area_m2", **params},
                statement=Text(f"核查面积{statement.zh}，请核对单位和数字",
                               f"The measured area is {statement.en} the patch's mapped area: "
                               "check the unit and the digits"))


def _not_future(field: str) -> Rule:
    return Rule("date_in_future", "not_future", field,
                _found(_NOT_FUTURE, "（{today}）", " ({today})"), statement=_NOT_FUTURE)


_CLOSED_AFTER = Text("闭坑年份不能晚于核查年份", "The year closed cannot be after the year of "
                     "verification")
_PV = "patch_verifications"
PATCH_VERIFICATION = Form(
    "patch_verification", _PV, Text("历史遗留矿山图斑核查", "Legacy mine patch verification"),
    "mine_patches", "patch_uuid",
    fields=(
        _f(_PV, "patch_uuid", TEXT, required=True, read_only=True, derived=True, hidden=True,
           source="uuid"),
        _f(_PV, "patch_code", TEXT, required=True, read_only=True, derived=True,
           source="patch_code"),
        _f(_PV, "patch_class", CHOICE, required=True, code_list="patch_class"),
        _f(_PV, "patch_subclass", CHOICE, required=True, code_list="patch_subclass",
           parent="patch_class"),
        _f(_PV, "damage_type", CHOICE, required=True, code_list="damage_type"),
        _f(_PV, "patch_feature", CHOICE, required=True, code_list="patch_feature"),
        _f(_PV, "remediation_status", CHOICE, required=True, code_list="remediation_status",
           help=Text("标记为“已恢复治理”前须附照片", "A photo is needed to mark it restored")),
        _f(_PV, "restoration_method", CHOICE, code_list="restoration_method"),
        _f(_PV, "mineral", CHOICE, code_list="mineral", open_choice=True, source="mineral"),
        _f(_PV, "mining_method", CHOICE, code_list="mining_method"),
        _f(_PV, "year_closed", INTEGER, min=EARLIEST_YEAR_CLOSED),
        _f(_PV, "measured_area_m2", REAL, required=True, unit="平方米", units=_AREA_UNITS,
           min=0, min_exclusive=True, help=Text("1 公顷 = 15 亩", "1 ha = 15 mu")),
        _f(_PV, "treated_area_m2", REAL, unit="平方米", units=_AREA_UNITS, min=0,
           min_exclusive=True, help=Text("不大于核查面积", "Not more than the measured area")),
        _f(_PV, "land_use", CHOICE, code_list="land_use"),
        _position(_PV),
        _f(_PV, "position_note", MULTILINE,
           help=Text(f"定位点距图斑超过 {POSITION_NOTE_DISTANCE_M:.0f} 米时必填",
           f"Needed when over {POSITION_NOTE_DISTANCE_M:.0f} m from the patch")),
        _f(_PV, "verifier", TEXT, required=True),
        _f(_PV, "verifying_unit", TEXT),
        _date(_PV, "verified_on"),
        _photos(),
        _f(_PV, "notes", MULTILINE),
    ),
    rules=(
        Rule("photo_required_for_restored", "photo_required_when", "remediation_status",
             Text("标记为“已恢复治理”前须至少附一张现场照片",
                  "Attach at least one site photo before marking the patch restored"),
             params={"value": "B", "min_photos": 1}),
        Rule("restoration_method_required", "required_when", "restoration_method",
             Text("已恢复治理或治理中的图斑须填写修复方式",
                  "Give the restoration method of a restored or in-progress patch"),
             params={"when": "remediation_status", "values": ("B", "C")}),
        Rule("treated_exceeds_measured", "not_greater", "treated_area_m2",
             Text("已治理面积不能大于核查面积", "The treated area cannot exceed the measured area"),
             params={"than": "measured_area_m2"}),
        _area_off_patch(
            "above", Text(f"超过图斑面积的 {AREA_SLIP:g} 倍", f"more than {AREA_SLIP:g} times"),
            Text("是图斑面积 {subject:,.0f} 平方米的 {times:.1f} 倍",
                 "is {times:.1f} times the patch's mapped {subject:,.0f} m²"),
            {"times": AREA_SLIP}),
        _area_off_patch(
            "below", Text(f"不到图斑面积的 1/{AREA_SHORT:g}", f"under 1/{AREA_SHORT:g} of"),
            Text("只有图斑面积 {subject:,.0f} 平方米的 {share:.2%}",
                 "is {share:.2%} of the patch's mapped {subject:,.0f} m²"),
            {"share": AREA_SHORT}),
        Rule("year_closed_after_verification", "year_not_after", "year_closed",
             _found(_CLOSED_AFTER, "（{year}）", " ({year})"), params={"date": "verified_on"},
             statement=_CLOSED_AFTER),
        _not_future("verified_on"),
        _near_rule(Text("图斑", "patch")),
        Rule("patch_code_format", "pattern", "patch_code",
             Text("图斑编号“{value}”不符合 C/CT/ZJ 编号格式",
                  "Patch code {value!r} does not follow the C/CT/ZJ code format"),
             severity=WARNING, params={"regex": PATCH_CODE.pattern},
             statement=Text("图斑编号不符合 C/CT/ZJ 编号格式",
                            "The patch code does not follow the C/CT/ZJ code format")),
    ),
)

_PI = "project_inspections"
PROJECT_INSPECTION = Form(
    "project_inspection", _PI, Text("重点项目实施检查", "Restoration project inspection"),
    "restoration_projects", "project_uuid",
    fields=(
        _f(_PI, "project_uuid", TEXT, required=True, read_only=True, derived=True, hidden=True,
           source="uuid"),
        _f(_PI, "project_id", TEXT, required=True, read_only=True, derived=True,
           source="project_id"),
        _f(_PI, "target_uuid", CHOICE, code_list=TARGETS),
        _f(_PI, "completed_quantity", REAL, min=0,
           help=Text("按规划目标的单位填写", "In the unit of the plan's target")),
        _f(_PI, "unit", CHOICE, code_list=UNITS,
           help=Text("可选可换算的面积单位，保存时换算为目标单位",
           "A convertible unit is converted to the target's unit on saving")),
        _f(_PI, "rating", CHOICE, required=True, code_list="inspection_rating"),
        _f(_PI, "issues_found", MULTILINE),
        _position(_PI),
        _f(_PI, "position_note", MULTILINE,
           help=Text(f"定位点距项目图斑超过 {POSITION_NOTE_DISTANCE_M:.0f} 米时必填",
           f"Needed when over {POSITION_NOTE_DISTANCE_M:.0f} m from the project's patches")),
        _f(_PI, "inspector", TEXT, required=True),
        _f(_PI, "inspecting_unit", TEXT),
        _date(_PI, "inspected_on"),
        _photos(),
        _f(_PI, "notes", MULTILINE),
    ),
    rules=(
        Rule("target_required", "target_required", "target_uuid",
             Text("请选择本次检查对应的项目目标",
                  "Choose the project target this inspection measures")),
        Rule("completed_quantity_required", "required_when", "completed_quantity",
             Text("请填写完成数量", "Give the completed quantity"),
             params={"when": "target_uuid"}),
        Rule("unit_not_target_unit", "target_unit", "unit",
             Text("单位“{unit}”不能换算为目标单位“{target_unit}”",
                  "Unit {unit_en!r} cannot be converted to the target's unit "
                  "{target_unit_en!r}"),
             statement=Text("单位须能换算为目标单位",
                            "The unit must convert to the target's unit")),
        Rule("completed_exceeds_target", "not_over_target", "completed_quantity",
             Text("完成数量 {value:g} {unit} 超过规划目标 {target:g} {unit}",
                  "Completed {value:g} {unit_en} exceeds the plan's target of {target:g} "
                  "{target_unit_en}"),
             severity=WARNING,
             statement=Text("完成数量超过规划目标", "The completed quantity exceeds the plan's "
                            "target")),
        _not_future("inspected_on"),
        _near_rule(Text("项目图斑", "project's patches")),
    ),
)

FORMS = {f.form_id: f for f in (PATCH_VERIFICATION, PROJECT_INSPECTION)}
BY_TABLE = {f.table: f for f in FORMS.values()}


def field_of(table: str, column: str) -> Field | None:
    """The form field a record table's column belongs to, None for a column no form has
    (a table's own, a layer GIS staff added)."""
    form = BY_TABLE.get(table)
    try:
        return form.field(column) if form else None
    except KeyError:
        return None

# Messages of the checks every field gets, by code.
MESSAGES = {
    "required": Text("请填写{label}", "{label} is required"),
    "not_a_number": Text("{label}须为数字", "{label} must be a number"),
    "not_an_integer": Text("{label}须为整数", "{label} must be a whole number"),
    "too_large": Text("{label}的数值太大，请检查（单位是否选对？）",
                  "{label} is far too large: check the number and its unit"),
    "ambiguous_comma": Text("{label}中的逗号无法确定含义：小数请用点（1.5），千位用 1,500",
                        "{label}: the comma is unclear; write decimals with a point (1.5) "
                        "and thousands as 1,500"),
    "not_a_date": Text(f"{{label}}须为日期（{DATE_WRITTEN.zh}）",
                       f"{{label}} must be a date ({DATE_WRITTEN.en})"),
    "below_min": Text("{label}不能小于 {min}", "{label} cannot be less than {min}"),
    "not_above_min": Text("{label}须大于 {min}", "{label} must be greater than {min}"),
    "above_max": Text("{label}不能大于 {max}", "{label} cannot be more than {max}"),
    "outside_plan_period": Text("{label}须在规划期（{min} 至 {max}）内",
                            "{label} must lie in the plan period ({min} to {max})"),
    "not_in_code_list": Text("“{value}”不是{label}的代码", "{value!r} is not a code of {label}"),
    "not_in_parent": Text("{label}“{value}”不属于所选的{parent}",
                      "{label} {value!r} does not belong to the chosen {parent}"),
    # a file that is not the whole plan: the table a field's list is read from is not there
    "list_lacking": Text("{label}无法对照其代码列表核对：本文件没有表 {table}",
                         "{label} cannot be checked against its list: this file has no "
                         "table {table}"),
    # a date after the checkout, checked against no today: the device's clock is wrong
    "today_unknown": Text("无法核对{label}（{value}）是否晚于今天：本设备时钟有误，只知今天不早于"
                          "本数据包的签出日期（{day}）。请核对该日期，并校正时钟",
                          "Whether {label} ({value}) is after today cannot be told: this "
                          "device's clock is wrong, and today is known only to be no earlier "
                          "than the day this package was checked out ({day}). Check the date, "
                          "and set the clock right"),
}
