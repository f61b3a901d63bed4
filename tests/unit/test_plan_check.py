# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan-consistency check reports each known finding from the bundled plan, with the
sections it cites, and follows the GeoPackage's numbers when they change."""

from __future__ import annotations

import shutil

import pytest

from field_kit.db import connect
from field_kit.reports.plan_check import INCONSISTENCY, NOTE, TEXT_FACTS, check_plan
from tests.plan_text import plan_text


@pytest.fixture(scope="module")
def check(plan_gpkg):
    return check_plan(plan_gpkg)


def finding(check, fid):
    found = [f for f in check.findings if f.id == fid]
    assert found, f"no finding {fid}: {[f.id for f in check.findings]}"
    return found[0]


def test_2021_2025_projects_against_the_indicator(check):
    f = finding(check, "mine_projects_2021_2025_vs_indicator")
    assert f.severity == INCONSISTENCY
    assert f.figures["projects_2021_2025"] == "0.33+0.12+0.29"
    assert f.figures["projects_2021_2025_total"] == "0.74"
    assert (f.figures["indicator_2020"], f.figures["indicator_2025"]) == ("1.9", "2.46")
    assert f.figures["indicator_rise"] == "0.56" and f.figures["difference"] == "0.18"
    assert "专栏3-1" in f.sections and "专栏6-1" in f.sections
    assert "0.74" in f.message.zh and "0.56" in f.message.en


def test_2035_is_2025_plus_the_2026_2030_projects(check):
    f = finding(check, "mine_2035_equals_2025_plus_2026_2030")
    assert f.severity == NOTE  # the sum agrees; what it leaves out is noted
    assert f.figures["projects_2026_2030"] == "0.11+0.41+0.10+0.10"  # as 专栏6-2 writes them
    assert (f.figures["projects_2026_2030_total"], f.figures["sum"],
            f.figures["indicator_2035"]) == ("0.72", "3.18", "3.18")
    assert f.figures["patches_2031_2035"] == "210"
    assert {"专栏3-1", "专栏6-2"} <= set(f.sections)
    assert "2.46 + 0.72" in f.message.zh and "210" in f.message.en


def test_1716_key_projects_against_the_columns(check):
    f = finding(check, "zone_key_projects_1716")
    assert f.severity == INCONSISTENCY
    assert f.figures["stated_projects"] == "1716" and f.figures["listed_projects"] == 16
    assert f.figures["listed_by_program"] == {"专栏6-4": 6, "专栏6-5": 4, "专栏6-6": 1,
                                              "专栏6-7": 4, "专栏6-8": 1, "专栏6-9": 0}
    assert any("各分区生态修复重点工程" in s for s in f.sections)
    assert "共计1716项重点项目" in f.quotes[0]


def test_new_versus_total_in_the_2025_goal(check):
    f = finding(check, "mine_2025_new_vs_total")
    assert f.severity == INCONSISTENCY
    assert "新增" in f.figures["text_2025"] and "2.46平方千米" in f.figures["text_2025"]
    assert f.figures["if_new_2025_total"] == "4.36"
    assert f.sections == ("第三节 规划目标", "专栏3-1")


def test_agricultural_water_share(check):
    f = finding(check, "agricultural_water_share")
    assert f.severity == INCONSISTENCY
    assert (f.figures["share_2020_percent"], f.figures["reduction_points"],
            f.figures["result_percent"], f.figures["stated_cap_percent"]) == (
        "80", "4.5", "75.5", "75.3")
    assert f.figures["difference_points"] == "0.2"
    assert f.sections == ("第四节 水资源与水平衡",)


def test_the_two_precipitation_figures(check, plan_gpkg, tmp_path):
    """第一章 gives the county 5.7 mm of precipitation, 第四节 a yearly mean of 8.7 mm."""
    f = finding(check, "annual_precipitation")
    assert f.severity == INCONSISTENCY
    assert f.figures == {"first_mm": "5.7", "second_mm": "8.7"}
    assert f.quotes == ("降水量5.7毫米", "年平均降水量仅8.7毫米")
    assert "5.7 毫米" in f.message.zh and "8.7 mm" in f.message.en
    copy = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, copy)
    conn = connect(copy)
    conn.execute("UPDATE plan_indicators SET value_other = 8.7 WHERE indicator_id = "
                 "'annual_precipitation'")
    conn.close()
    assert "annual_precipitation" in {f.id for f in check_plan(copy).passed}


def test_columns_referenced_but_absent(check):
    f = finding(check, "referenced_columns_missing")
    assert f.severity == NOTE
    assert f.figures["columns"] == ["专栏6-3", "专栏6-4", "专栏6-9"]
    assert {"专栏6-3", "专栏6-4", "专栏6-9"} <= set(f.sections)


def test_inconsistencies_come_first_and_checks_that_agree_are_listed(check):
    kinds = [f.severity for f in check.findings]
    assert kinds == sorted(kinds, key=lambda k: k != INCONSISTENCY)
    assert len(check.inconsistencies) == 6 and len(check.notes) == 2
    passed = {f.id for f in check.passed}
    assert {"mine_patch_total", "permanent_farmland_units", "zone_key_programs",
            "forest_land_area_parts", "grassland_area_parts",
            "mine_patch_count_2021_2025", "mine_patch_count_2026_2030"} <= passed
    for f in check.findings + check.passed:
        assert f.sections and f.message.zh and f.message.en
    # each finding carries its own figures: six programs agree, whatever the projects do
    programs = next(f for f in check.passed if f.id == "zone_key_programs")
    assert programs.figures == {"stated_programs": "6", "listed_programs": 6}


@pytest.mark.plan_text
def test_every_quote_is_in_the_plan(check):
    text = plan_text()
    flat = "".join(text.split())
    for fact in TEXT_FACTS.values():
        assert "".join(fact.quote.split()) in flat, fact.quote
    for f in check.findings:
        for q in f.quotes:
            assert "".join(q.split()) in flat, q


def test_the_check_follows_the_geopackage(plan_gpkg, tmp_path):
    copy = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, copy)
    conn = connect(copy)
    conn.execute("UPDATE plan_indicators SET value_2025 = 2.64, plan_quote = "
                 "'历史遗留矿山综合治理面积达到2.64平方千米' WHERE indicator_id = "
                 "'legacy_mine_remediation_area'")
    conn.execute("UPDATE plan_indicators SET value_2025 = 75.5 WHERE indicator_id = "
                 "'agricultural_water_share'")
    conn.close()
    c = check_plan(copy)
    ids = {f.id for f in c.findings}
    assert "mine_projects_2021_2025_vs_indicator" not in ids  # 1.9 + 0.74 = 2.64
    assert "mine_2025_new_vs_total" not in ids  # no longer says 新增
    assert "agricultural_water_share" not in ids
    f = next(f for f in c.findings if f.id == "mine_2035_equals_2025_plus_2026_2030")
    assert f.severity == INCONSISTENCY and f.figures["sum"] == "3.36"


def test_a_land_use_total_against_its_parts(check):
    """第一节 gives wetland as 13.42548 万亩 and its four parts, which sum to 13.42538;
    grassland's parts sum to 628.86346 for a total written 628.8634, equal to its last
    decimal."""
    (f,) = [f for f in check.findings if f.id == "wetland_area_parts"]
    assert f.severity == INCONSISTENCY and f.figures["sum"] == "13.42538"
    assert f.figures["difference"] == "-0.0001" and "湿地面积13.42548万亩" in f.quotes
    assert "0.0001 万亩" in f.message.zh and "13.42538 10⁴ mu" in f.message.en
    assert not any(f.id == "grassland_area_parts" for f in check.findings)
    # said as it agrees: cut, not rounded (628.86346 rounds to 628.8635)
    (g,) = [f for f in check.passed if f.id == "grassland_area_parts"]
    assert "628.86346, as stated (628.8634 10⁴ mu) cut at its last decimal (rounded, it would " \
        "be 628.8635)" in g.message.en, g.message.en
    assert "四舍五入则为 628.8635" in g.message.zh
    (forest,) = [f for f in check.passed if f.id == "forest_land_area_parts"]
    assert forest.message.en.endswith("to its last decimal"), forest.message.en



def test_patches_edited_in_a_master_are_the_masters_not_the_plans(plan_gpkg, tmp_path):
    """GIS staff delete a patch of 专栏6-1 from the master: the count that no longer matches
    the text is said to be the master's (a note naming how many patches changed), not an
    inconsistency of the plan; the plan as built still counts as the column."""
    from field_kit.sync import changelog

    master = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, master)
    changelog.install(master)
    conn = connect(master)
    gone = conn.execute("SELECT min(patch_code) FROM mine_patches WHERE phase = '近期'"
                        ).fetchone()[0]
    with conn:
        conn.execute("DELETE FROM mine_patches WHERE patch_code = ?", (gone,))
    conn.close()
    c = check_plan(master)
    assert "mine_patch_count_2021_2025" not in {f.id for f in c.inconsistencies}
    f = finding(c, "mine_patch_count_2021_2025")
    assert f.severity == NOTE and f.figures["patches_edited"] == 1
    assert "the master now holds" in f.message.en and "not an inconsistency of the plan" in \
        f.message.en, f.message.en
    assert "此差异属于主库" in f.message.zh
    # the patch deleted is named by its code, which history takes
    assert f"loaded ({gone}; `field-kit history CODE` lists a patch's changes)" in \
        f.message.en, f.message.en
    assert f"（{gone}；field-kit history 图斑编号 可查其修改）" in f.message.zh, f.message.zh
    assert len(c.inconsistencies) == len(check_plan(plan_gpkg).inconsistencies)
