# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan check's findings and figures as a reader reads them.

Each finding has a key (``Finding.id``) a machine reads (the workbook's ID column) and a
title a person reads (:data:`TITLES`, or one the check gives where it names a figure of its
own). Its figures are written ``name: value``, the names in the reader's language
(:data:`FIGURE_LABELS`); a name without a label is written as it is, never left out.
"""

from __future__ import annotations

from ..bilingual import ZH, Text
from ..plan import schema
from ..plan.values import field_label

TITLES = {
    "figures_as_shipped": Text("总库中的规划数字", "The plan's figures in the master"),
    "mine_projects_2021_2025_vs_indicator": Text(
        "2021–2025年矿山治理项目面积与指标增量", "2021–2025 legacy-mine project areas and the "
        "indicator's rise"),
    "mine_2035_equals_2025_plus_2026_2030": Text(
        "2035年矿山治理目标与2025年数值、2026–2030年项目", "The 2035 legacy-mine target, the 2025 "
        "figure and the 2026–2030 projects"),
    "mine_2025_new_vs_total": Text("2025年矿山治理面积：新增还是总量",
                                   "The 2025 legacy-mine area: new or a total"),
    "zone_key_projects_1716": Text("分区重点工程的重点项目数", "Key projects of the zone programs"),
    "zone_key_programs": Text("分区重点工程数", "Zone key programs"),
    "referenced_columns_missing": Text("正文引用而规划中没有的专栏",
                                       "Columns the text refers to that the plan lacks"),
    "agricultural_water_share": Text("农业用水占比", "Agricultural share of water use"),
    "mine_patch_total": Text("各期矿山图斑数与未治理图斑总数",
                             "Legacy-mine patches by period and untreated in all"),
    "patch_township_not_held": Text("图斑所填乡镇", "The townships the patches name"),
    "patch_code_shared": Text("图斑编号重复", "A patch code held by several patches"),
    "patch_layer": Text("图斑编号与乡镇", "Patch codes and townships"),
    "project_figures": Text("各项目图斑所填项目数值", "The project figures each patch repeats"),
    "permanent_farmland_units": Text("永久基本农田面积两种单位",
                                     "Permanent basic farmland in both units"),
    "annual_precipitation": Text("县域年降水量", "The county's yearly precipitation"),
}

FIGURE_LABELS = {
    "projects_2021_2025": Text("2021–2025年各项目面积", "2021–2025 project areas"),
    "projects_2021_2025_total": Text("2021–2025年项目面积合计", "2021–2025 projects in all"),
    "projects_2026_2030": Text("2026–2030年各项目面积", "2026–2030 project areas"),
    "projects_2026_2030_total": Text("2026–2030年项目面积合计", "2026–2030 projects in all"),
    "indicator_2020": Text("指标2020年", "indicator, 2020"),
    "indicator_2025": Text("指标2025年", "indicator, 2025"),
    "indicator_2035": Text("指标2035年", "indicator, 2035"),
    "indicator_rise": Text("指标增量", "indicator's rise"),
    "difference": Text("相差", "difference"),
    "sum": Text("合计", "sum"),
    "unit": Text("单位", "unit"),
    "patches_2031_2035": Text("2031–2035年图斑数", "patches of 2031–2035"),
    "text_2025": Text("规划目标原文", "the goal as written"),
    "table_2020": Text("表中2020年", "table, 2020"),
    "table_2025": Text("表中2025年", "table, 2025"),
    "table_2035": Text("表中2035年", "table, 2035"),
    "if_new_2025_total": Text("若为新增则2025年总量", "2025 total if new"),
    "stated_projects": Text("正文所称项目数", "projects the text states"),
    "listed_projects": Text("所列项目数", "projects listed"),
    "listed_by_program": Text("各专栏所列项目数", "projects listed by column"),
    "stated_programs": Text("正文所称工程数", "programs the text states"),
    "listed_programs": Text("所列工程数", "programs listed"),
    "columns": Text("专栏", "columns"),
    "projects": Text("表中项目数", "projects in the tables"),
    "share_2020_percent": Text("2020年占比（%）", "share in 2020 (%)"),
    "reduction_points": Text("下降（百分点）", "reduction (points)"),
    "result_percent": Text("下降后占比（%）", "share after it (%)"),
    "stated_cap_percent": Text("规划所称上限（%）", "stated cap (%)"),
    "difference_points": Text("相差（百分点）", "difference (points)"),
    "stated_patches": Text("正文所称图斑数", "patches the text states"),
    "listed_patches": Text("所列图斑数", "patches listed"),
    "patches_edited": Text("主库中改动过的图斑数", "patches edited in the master"),
    "codes_counted_again": Text("重复计数的图斑编号（次数）", "patch codes counted again (times)"),
    "parts": Text("各部分", "parts"),
    "stated": Text("所写数值", "stated"),
    "township": Text("乡镇", "township"),
    "patches": Text("图斑数", "patches"),
    "patch_code": Text("图斑编号", "patch code"),
    "project": Text("项目", "project"),
    "column": Text("字段", "field"),
    "fields": Text("字段", "fields"),
    "values": Text("所填数值", "values held"),
    "table": Text("表", "table"),
    "row": Text("行", "row"),
    "master": Text("总库数值", "master's value"),
    "plan": Text("规划数值", "plan's value"),
    "km2": Text("面积（平方千米）", "area (km²)"),
    "converted_wan_mu": Text("折合（万亩）", "converted (10⁴ mu)"),
    "stated_wan_mu": Text("规划所写（万亩）", "stated (10⁴ mu)"),
    "first_mm": Text("第一处（毫米）", "first place (mm)"),
    "second_mm": Text("第二处（毫米）", "second place (mm)"),
}

# the plan table whose columns a finding's ``column`` or ``fields`` name, unless it names one
PATCHES = "mine_patches"


def title_of(finding_id: str) -> Text:
    """The title of a finding the check gives no title of its own (a KeyError names a key
    with none, so no finding goes untitled)."""
    return TITLES[finding_id]


def _value(name: str, value, figures: dict, lang: str) -> str:
    sep = "、" if lang == ZH else ", "
    table = figures.get("table", PATCHES)
    if name in ("column", "fields"):
        names = value if isinstance(value, (list, tuple)) else [value]
        return sep.join(field_label(table, str(c), lang) for c in names)
    if name == "table" and value in schema.BY_NAME:
        return schema.BY_NAME[value].title(lang)
    if isinstance(value, dict):
        inner = "（{}）" if lang == ZH else " ({})"
        return sep.join(k + inner.format(_value(name, v, figures, lang))
                        for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sep.join(_value(name, v, figures, lang) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def figures_said(figures: dict, lang: str = ZH) -> str:
    """A finding's figures as ``name: value`` pairs in ``lang``, the numbers as the findings
    write them."""
    colon, sep = ("：", "；") if lang == ZH else (": ", "; ")
    return sep.join(f"{FIGURE_LABELS[k](lang) if k in FIGURE_LABELS else k}{colon}"
                    f"{_value(k, v, figures, lang)}" for k, v in figures.items())
