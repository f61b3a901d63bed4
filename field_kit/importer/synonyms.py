# SPDX-License-Identifier: GPL-2.0-or-later
"""The names surveyed layers use in practice for the plan's fields: the one table to extend.

Matching is on the NFKC-normalised, case-folded name with spaces, underscores, hyphens and
brackets removed (so ``面积（亩）``, ``MJ_MU`` and ``mj mu`` compare as ``面积亩``, ``mjmu``).
Within a target, earlier names win when a source has several (TBBH before BSM).

Targets are the plan's columns, plus ``stated_area_<unit>`` (the area the source states, in
m², 亩, 公顷 or km²: checked against the geometry's ellipsoidal area, never stored: the
plan stores the area it computes) and ``remediation_status`` (stored where the layer has the
column, otherwise checked and reported).
"""

from __future__ import annotations

import re
import unicodedata

from ..plan import rules, units

# target -> names, for every layer (a layer only offers the targets it has)
COMMON: dict[str, tuple[str, ...]] = {
    "patch_code": ("图斑编号", "图斑编码", "图斑号", "tbbh", "tbbm", "tbhm", "patchcode",
                   "patch_code", "bsm", "标识码"),
    "township": ("乡镇", "乡镇名称", "所在乡镇", "乡镇名", "xz", "xzmc", "xzm", "township",
                 "所属乡镇"),
    "mineral": ("矿种", "开采矿种", "主矿种", "kz", "kckz", "zkz", "mineral"),
    "remediation_status": ("治理状态", "恢复治理情况", "治理情况", "修复状态", "zlzt", "hfzlqk",
                           "zlqk", "remediationstatus", "status"),
    "project_name": ("项目名称", "xmmc", "projectname"),
    "project_id": ("项目编号", "xmbh", "projectid"),
    "phase": ("治理阶段", "zljd", "phase"),
    "period": ("治理时段", "时序安排", "zlsd", "period"),
    "zone_id": ("分区编号", "分区代码", "fqbh", "fqdm", "zoneid"),
    "name_zh": ("名称", "mc", "namezh", "name"),
    "name_en": ("英文名称", "ywmc", "nameen"),
    "admin_code": ("行政区代码", "行政区划代码", "xzqdm", "xzqhdm", "admincode"),
    "townships": ("涉及乡镇", "sjxz"),
    "main_direction": ("主攻方向", "zgfx"),
    "main_problems": ("主要生态问题", "zystwt"),
    "overview": ("分区概况", "fqgk"),
}

# per layer, names that mean something else there (the zone's name is 分区/FQMC)
BY_LAYER: dict[str, dict[str, tuple[str, ...]]] = {
    "restoration_zones": {"name_zh": ("分区名称", "分区", "fqmc", "修复分区", "名称", "mc",
                                      "namezh", "name")},
    "county_boundary": {"name_zh": ("行政区名称", "县名", "xzqmc", "名称", "mc", "namezh",
                                    "name")},
}

# stated area: a word for "area" followed by an optional unit
AREA_WORDS = ("图斑面积", "图斑地类面积", "核查面积", "实测面积", "测量面积", "面积", "tbdlmj",
              "tbmj", "hcmj", "scmj", "mj", "area")
AREA_UNITS = {  # unit suffix (normalised) -> target
    "": "stated_area_m2", "m2": "stated_area_m2", "平方米": "stated_area_m2",
    "pfm": "stated_area_m2", "㎡": "stated_area_m2", "sqm": "stated_area_m2",
    "亩": "stated_area_mu", "mu": "stated_area_mu",
    "公顷": "stated_area_ha", "ha": "stated_area_ha", "gq": "stated_area_ha",
    "hm2": "stated_area_ha",
    "平方千米": "stated_area_km2", "平方公里": "stated_area_km2", "km2": "stated_area_km2",
    "gkm": "stated_area_km2", "pfgl": "stated_area_km2",
}
# names that look like an area but are not one to check against (ArcGIS's planar area)
NOT_AREA = ("shapearea", "shapeleng", "shapelength")

AREA_COLUMN_UNITS = {"stated_area_m2": "平方米", "stated_area_mu": "亩", "stated_area_ha": "公顷",
                     "stated_area_km2": "平方千米"}
AREA_FACTORS = {  # to m², from the units' exact factors (1 公顷 = 15 亩 = 10 000 m²)
    column: float(units.factor(unit, "平方米")) for column, unit in AREA_COLUMN_UNITS.items()}

# remediation status: labels seen in practice -> code (the code list's own codes and labels,
# from the master's code_lists, are accepted as well)
STATUS_LABELS = {
    "未治理": "A", "未修复": "A", "未恢复": "A", "未恢复治理": "A", "untreated": "A",
    "已治理": "B", "已修复": "B", "已恢复": "B", "已恢复治理": "B", "已完成治理": "B",
    "restored": "B", "treated": "B",
    "治理中": "C", "正在治理": "C", "在治理": "C", "部分治理": "C", "workinprogress": "C",
    "inprogress": "C",
    "自然恢复": "D", "已自然恢复": "D", "naturalrecovery": "D",
}

# a point list's point number (J1, J2 ... or 1, 2 ...): the order of a boundary's points
POINT_NUMBER = ("界址点号", "界址点编号", "点号", "点号码", "点编号", "点序号", "序号", "pointno",
                "pointnumber", "pointid", "ptno", "pt", "no", "jzdh", "dh")

# codes of the national verification (DOMAIN.md)
PATCH_CODE_FORMATS = rules.PATCH_CODE_FORMATS


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s_\-()（）\[\]【】:：/.]+", "", s)


def synonyms(layer: str, target: str) -> tuple[str, ...]:
    return BY_LAYER.get(layer, {}).get(target, COMMON.get(target, ()))


def area_target(name: str) -> str | None:
    """The stated-area target a field name stands for (with its unit), or None."""
    n = norm(name)
    if n in NOT_AREA:
        return None
    for word in AREA_WORDS:
        if n.startswith(word):
            return AREA_UNITS.get(n[len(word):])
        if n.endswith(word) and n[:-len(word)] in AREA_UNITS and n != word:
            return AREA_UNITS[n[:-len(word)]]
    return None


def area_names(target: str) -> tuple[str, ...]:
    """The names a stated-area target goes by: a word for "area" with one of its units
    after it (面积亩) or before it (亩面积); the unit-less word is the m² one's."""
    suffixes = [u for u, t in AREA_UNITS.items() if t == target]
    return tuple(w + u for w in AREA_WORDS for u in suffixes) + tuple(
        u + w for w in AREA_WORDS for u in suffixes if u)
