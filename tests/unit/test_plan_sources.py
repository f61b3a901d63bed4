# SPDX-License-Identifier: GPL-2.0-or-later
"""The transcribed plan tables agree with the plan's own text, number for number."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from tests.plan_text import (
    PATCH_CODE_FORMATS,
    indicator_table,
    mine_project_table,
    plan_text,
    source,
)

INDICATOR_NAMES = {
    "grassland_vegetation_cover": "草原综合植被盖度",
    "soil_erosion_control_area": "水土流失治理面积",
    "legacy_mine_remediation_area": "历史遗留矿山综合治理面积",
    "desertified_land_treatment_area": "沙化土地治理面积",
}


def by(rows, key):
    return {r[key]: r for r in rows}


def test_indicators_of_column_3_1_match_the_plan_table():
    table = indicator_table()
    assert len(table) == 4
    rows = [r for r in source("indicators.csv") if r["category"] == "indicator"]
    assert len(rows) == 4
    for row, cells in zip(rows, table):
        assert row["name_zh"] == cells["name"] == INDICATOR_NAMES[row["indicator_id"]]
        assert row["unit"] == cells["unit"]
        assert (row["value_2020"], row["value_2025"], row["value_2035"]) == \
            (cells["2020"], cells["2025"], cells["2035"])
        assert row["section"] == "专栏3-1"


def test_indicator_values_as_transcribed():
    # the numbers themselves, so a slip in both the source and the parser still fails
    rows = by(source("indicators.csv"), "indicator_id")
    expected = {
        "grassland_vegetation_cover": ("35", "37", "38"),
        "soil_erosion_control_area": ("314", "353", "385"),
        "legacy_mine_remediation_area": ("1.9", "2.46", "3.18"),
        "desertified_land_treatment_area": ("3.14", "3.53", "3.85"),
    }
    for key, values in expected.items():
        r = rows[key]
        assert (r["value_2020"], r["value_2025"], r["value_2035"]) == values


def test_every_other_figure_is_quoted_from_the_plan():
    text = plan_text()
    for row in source("indicators.csv"):
        quote = row["plan_quote"]
        if row["category"] == "indicator" and not quote:
            continue
        assert quote and quote in text, f"{row['indicator_id']}: quote not found in the plan"
        if row["category"] == "indicator":
            continue
        values = [row[k] for k in ("value_2020", "value_2025", "value_2035", "value_other")
                  if row[k]]
        assert values, row["indicator_id"]
        for value in values:
            assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", quote), \
                f"{row['indicator_id']}: {value} is not what the plan says ({quote})"


def test_a_figure_the_plan_gives_for_a_year_is_stored_for_that_year():
    """至2020年，草地面积628.8634万亩 (第三节 生态修复工作成效) is the 2020 figure, not one
    without a year; 至2035年，划定永久基本农田面积不低于202.80平方千米 the 2035 one."""
    text = plan_text()
    dated = []
    for row in source("indicators.csv"):
        for column in ("value_2020", "value_2025", "value_2035", "value_other"):
            value = row[column]
            if not value:
                continue
            for m in re.finditer(rf"至(20\d\d)年，[^。；，\d]{{0,6}}{re.escape(row['name_zh'])}"
                                 rf"[^。；\d]{{0,12}}{re.escape(value)}(?![\d])", text):
                dated.append(row["indicator_id"])
                assert column == f"value_{m[1]}", f"{row['indicator_id']}: {m[0]} ({column})"
    assert {"grassland_area", "permanent_basic_farmland"} <= set(dated), dated


def test_sections_cited_exist_in_the_plan():
    text = re.sub(r"\s+", " ", plan_text())
    for name in ("indicators.csv", "programs.csv"):
        for row in source(name):
            for part in row["section"].split("；"):
                assert part in text, f"{name}: section {part!r} is not in the plan"


def test_control_totals():
    rows = by(source("indicators.csv"), "indicator_id")
    assert rows["ecological_red_line_area"]["value_2025"] == "55.07"
    # 第三节 states the red line for 2025 only; 第五节 states it for 2035, in a row of its own
    assert rows["ecological_red_line_area"]["value_2035"] == ""
    assert rows["ecological_red_line_2035"]["value_2035"] == "55.07"
    assert rows["cultivated_land_retention"]["value_2025"] == "261.51"
    assert rows["cultivated_land_retention"]["comparison"] == "≥"
    assert rows["permanent_basic_farmland"]["value_2035"] == "202.80"
    assert rows["permanent_basic_farmland_mu"]["value_2035"] == "30.42"
    assert rows["urban_development_boundary"]["value_other"] == "74.91"
    assert rows["total_water_use"]["value_2025"] == "3.78"
    assert rows["total_water_use"]["comparison"] == "≤"
    assert rows["groundwater_extraction"]["value_2025"] == "1.14"
    assert rows["agricultural_water_share"]["value_2025"] == "75.3"
    assert rows["ecological_importance_extreme_area"]["value_other"] == "2078.5"
    assert rows["ecological_importance_high_area"]["value_other"] == "4327.1"
    assert rows["ecological_importance_general_area"]["value_other"] == "10155.6"


def test_basic_farmland_in_km2_and_mu_agree_exactly():
    rows = by(source("indicators.csv"), "indicator_id")
    km2 = Fraction(rows["permanent_basic_farmland"]["value_2035"])
    wan_mu = Fraction(rows["permanent_basic_farmland_mu"]["value_2035"])
    assert km2 * 1500 / 10000 == wan_mu  # 1 km² = 1500 亩


@pytest.mark.parametrize("column,until,period", [
    ("专栏6-1", "中期", "2021-2025年"),
    ("专栏6-2", "远期", "2026-2030年"),
])
def test_mine_projects_and_patches_match_the_plan(column, until, period):
    table = mine_project_table(column, until)
    projects = [p for p in source("projects.csv") if p["column_ref"] == column]
    targets = by([t for t in source("project_targets.csv") if t["column_ref"] == column],
                 "project_id")
    patches = source("mine_patches.csv")
    assert len(projects) == len(table)
    for project, row in zip(projects, table):
        assert int(project["seq"]) == row["seq"]
        assert project["name_zh"] == row["name"]
        assert project["township"] == row["township"]
        assert project["mineral"] == row["mineral"]
        assert project["period"] == period
        target = targets[project["project_id"]]
        assert target["quantity"] == row["area"] and target["unit"] == "平方千米"
        codes = [p["patch_code"] for p in patches if p["project_id"] == project["project_id"]]
        assert codes == row["codes"]


def test_patch_counts_per_phase_match_the_plan_text():
    indicators = by(source("indicators.csv"), "indicator_id")
    patches = source("mine_patches.csv")
    projects = by(source("projects.csv"), "project_id")
    near = [p for p in patches if projects[p["project_id"]]["period"] == "2021-2025年"]
    mid = [p for p in patches if projects[p["project_id"]]["period"] == "2026-2030年"]
    assert len(near) == int(indicators["mine_patches_2021_2025"]["value_2025"]) == 5
    assert len(mid) == int(indicators["mine_patches_2026_2030"]["value_other"]) == 6
    assert len({projects[p["project_id"]]["project_id"] for p in near}) == 3
    assert len({projects[p["project_id"]]["project_id"] for p in mid}) == 4
    # the other 210 of the 221 are targets, not patches: no codes are invented for them
    assert len(patches) == 11
    assert int(indicators["legacy_mine_patches_untreated"]["value_other"]) == 221
    assert int(indicators["mine_patches_2031_2035"]["value_2035"]) == 210


def test_patch_codes_follow_the_national_formats():
    for p in source("mine_patches.csv"):
        code = p["patch_code"]
        prefix = "CT" if code.startswith("CT") else code[:2] if code.startswith("ZJ") else "C"
        assert PATCH_CODE_FORMATS[prefix].match(code), code
    codes = [p["patch_code"] for p in source("mine_patches.csv")]
    assert len(codes) == len(set(codes))


def test_programs_and_projects_are_the_plans_own_words():
    text = plan_text()
    programs = source("programs.csv")
    assert [p["program_id"] for p in programs] == [f"P{i}" for i in range(1, 10)]
    for p in programs:
        assert p["name_zh"] in text, p["name_zh"]
        for field in ("implementation_area", "content", "period"):
            assert p[field] in text, (p["program_id"], field)
    for p in source("projects.csv"):
        assert p["name_zh"] in text, p["name_zh"]
        assert p["content"] in text, p["project_id"]
        assert p["period"] in text, p["project_id"]


def test_project_counts_per_program_match_the_plan():
    projects = source("projects.csv")
    count = {}
    for p in projects:
        count[p["program_id"]] = count.get(p["program_id"], 0) + 1
    # zone 1: 6 projects; zone 2: 4 + 1 + 4 = 9 (the text: 下设9项重点项目); zone 3: 1;
    # support program 6-10: 3; mine program 6-1 and 6-2: 3 + 4
    assert count == {"P1": 7, "P3": 6, "P4": 4, "P5": 1, "P6": 4, "P7": 1, "P9": 3}
    assert "该区部署3项重点工程，下设9项重点项目" in plan_text()


def test_project_targets_are_quoted_with_their_units():
    text = plan_text()
    expected = {
        ("P4-1", "人工造林"): ("4", "万亩"), ("P4-1", "封育"): ("5", "万亩"),
        ("P4-2", "退化林修复"): ("5", "万亩"),
        ("P4-3", "低质低效林改造及平茬复壮"): ("5", "万亩"),
        ("P4-4", "村庄绿化"): ("25", "个"), ("P5-1", "新建高标准农田"): ("2", "万亩"),
        ("P6-2", "新建渠道"): ("15", "公里"),
        ("P9-2", "森林草原防火物资储备库"): ("1", "座"),
    }
    quoted = {(t["project_id"], t["target_zh"]): t for t in source("project_targets.csv")
              if t["plan_quote"] and not t["project_id"].startswith("P1-")}
    assert set(quoted) == set(expected)
    for key, (quantity, unit) in expected.items():
        t = quoted[key]
        assert (t["quantity"], t["unit"]) == (quantity, unit)
        assert t["plan_quote"] in text
        assert f"{quantity}{unit}" in t["plan_quote"]


def test_mine_project_areas_are_quoted_from_their_table_rows():
    """The mine projects' areas come from the rows of 专栏6-1 and 6-2: each quotes its row's
    cells (name, township, area) as the plan writes them, so 0.10 stays 0.10."""
    text = plan_text()
    projects = {p["project_id"]: p for p in source("projects.csv")}
    rows = [t for t in source("project_targets.csv") if t["project_id"].startswith("P1-")]
    assert len(rows) == 7
    for t in rows:
        cells = t["plan_quote"].split(" | ")
        p = projects[t["project_id"]]
        assert cells == [p["name_zh"], p["township"], t["quantity"]], t["project_id"]
        assert "\n\t".join(cells) in text, t["project_id"]


def test_zones_are_the_plans_four_restoration_zones():
    text = plan_text()
    zones = source("zones.json")
    assert [z["zone_id"] for z in zones] == ["Z1", "Z2", "Z3", "Z4"]
    for z in zones:
        assert z["name_zh"] in text
        for field in ("overview", "natural_conditions", "main_problems", "main_direction"):
            assert z[field] and z[field] in text, (z["zone_id"], field)
        assert z["townships"] and z["townships_source"]


def test_townships_are_the_ones_the_plan_names():
    text = plan_text()
    names = [t["name_zh"] for t in source("townships.csv")]
    assert names == ["托克逊镇", "伊拉湖镇", "博斯坦镇", "郭勒布依乡", "夏镇", "克尔碱镇",
                     "库米什镇"]
    for name in names:
        assert name in text
    assert "夏乡" in text  # the plan writes 夏镇 both ways; kept as an alias


def test_each_code_has_its_own_label_not_its_code_again():
    """A value map shows "code  label": two codes of a list whose labels differ only by the
    code ("21  有责任主体（21）", "22  有责任主体（22）") leave a technician no way to choose."""
    seen: dict[tuple, str] = {}
    for r in source("code_lists.csv"):
        for lang in ("label_zh", "label_en"):
            plain = re.sub(rf"\s*[(（]{re.escape(r['code'])}[)）]", "", r[lang])
            key = (r["list_name"], lang, plain)
            assert key not in seen, f"{r['list_name']} {seen.get(key)} and {r['code']}: {plain}"
            seen[key] = r["code"]
            assert r["code"] not in r[lang] or not r["code"].isdigit(), r


def test_code_lists_are_complete():
    lists: dict[str, list[str]] = {}
    for r in source("code_lists.csv"):
        lists.setdefault(r["list_name"], []).append(r["code"])
        assert r["label_zh"] and r["label_en"], r
    assert lists["patch_class"] == ["10", "20", "30", "40"]
    assert lists["patch_subclass"] == ["11", "12", "21", "22", "31", "32", "33", "34", "35",
                                       "36", "37", "41", "42", "43"]
    assert lists["damage_type"] == ["挖损", "压占", "塌陷"]
    assert lists["patch_feature"] == [str(i) for i in range(1, 8)]
    assert lists["remediation_status"][:2] == ["A", "B"]
    assert lists["restoration_method"] == ["1", "2", "3", "4"]
    assert lists["mining_method"] == ["A", "B", "C"]
    minerals = {p["mineral"] for p in source("projects.csv") if p["mineral"]}
    assert minerals <= set(lists["mineral"])
