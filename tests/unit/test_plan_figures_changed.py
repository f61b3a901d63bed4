# SPDX-License-Identifier: GPL-2.0-or-later
"""A figure of the plan changed in the master (2.46 typed over as 2.64, a target's quantity
edited, an indicator's row deleted) is printed by the reports as the master holds it, and
said: by progress among its cautions, by check-plan first among its findings, each naming
the row, the column and both figures. check-plan quotes the plan's own words, not the
master's figure put into them."""

from __future__ import annotations

import sqlite3

from field_kit.reports import plan_figures
from field_kit.reports.plan_check import check_plan
from field_kit.reports.progress import progress

MINE = "legacy_mine_remediation_area"


def _edit(master, *sql) -> None:
    conn = sqlite3.connect(master)
    with conn:
        for s in sql:
            conn.execute(s)
    conn.close()


def _said(p) -> list[str]:
    return [c.text.en for c in p.cautions]


def test_a_plan_as_shipped_draws_no_caution(master):
    assert not [s for s in _said(progress(master)) if "the master holds otherwise" in s]
    check = check_plan(master)
    assert not [f for f in check.findings if f.id == "figures_as_shipped"]
    assert [f for f in check.passed if f.id == "figures_as_shipped"]


def test_a_figure_edited_in_the_master_is_said_by_progress_and_check_plan(master):
    _edit(master, f"UPDATE plan_indicators SET value_2025 = 2.64 WHERE indicator_id = '{MINE}'",
          "UPDATE project_targets SET quantity = 0.5 WHERE project_id = 'P1-2'")
    p = progress(master)
    said = [s for s in _said(p) if "the master holds otherwise" in s]
    assert said == [
        f"a figure of the plan the master holds otherwise, reported as the master holds it: "
        f"plan_indicators {MINE} (Area of legacy mines comprehensively remediated) "
        "value_2025: 2.64 in the master, 2.46 in the plan",
        "a figure of the plan the master holds otherwise, reported as the master holds it: "
        "project_targets P1-2 治理面积 (Area to remediate) quantity: 0.5 in the master, "
        "0.12 in the plan"]
    zh = [c.text.zh for c in p.cautions if "规划数字与规划不符" in c.text.zh]
    assert "规划指标与控制指标“历史遗留矿山综合治理面积”的“2025年”值：总库中为 2.64，规划为 " \
        "2.46" in zh[0]
    assert MINE not in zh[0] and "value_2025" not in zh[0]  # (no internal name)
    # (the figure printed is the master's: the caution says which it is)
    mine = next(i for i in p.indicators if i.indicator_id == MINE)
    assert mine.value_2025 == 2.64

    check = check_plan(master)
    first = check.findings[:2]
    assert [f.id for f in first] == ["figures_as_shipped"] * 2
    assert first[0].severity == "inconsistency"
    assert first[0].figures == {"table": "plan_indicators", "row": MINE, "column": "value_2025",
                                "master": 2.64, "plan": 2.46}
    assert first[0].sections == ("专栏3-1",)
    # the plan's words are quoted as the plan writes them, not with the master's figure
    new = next(f for f in check.findings if f.id == "mine_2025_new_vs_total")
    assert "新增历史遗留废弃矿山综合治理面积2.46平方千米" in new.message.en
    assert "2.64 平方千米" not in new.message.en


def test_a_row_of_the_plan_deleted_from_the_master_is_named(master):
    _edit(master, "DELETE FROM plan_indicators WHERE indicator_id = 'grassland_vegetation_cover'")
    said = [s for s in _said(progress(master)) if "the master holds otherwise" in s]
    assert said == ["a figure of the plan the master holds otherwise, reported as the master "
                    "holds it: plan_indicators grassland_vegetation_cover (Comprehensive "
                    "grassland vegetation cover): in the plan, not in the master"]


def test_without_the_plan_as_shipped_it_says_the_figures_were_not_compared(
        master, tmp_path, monkeypatch):
    monkeypatch.setattr(plan_figures, "SHIPPED", tmp_path / "gone" / "toksun_plan.gpkg")
    assert plan_figures.NOT_AT_HAND.en in _said(progress(master))
    assert [f for f in check_plan(master).findings if f.id == "figures_as_shipped"][0].message \
        == plan_figures.NOT_AT_HAND


def test_the_same_figure_written_again_is_no_change(master):
    _edit(master, f"UPDATE plan_indicators SET value_2025 = '2.460' WHERE indicator_id = '{MINE}'",
          "UPDATE project_targets SET quantity = 4 WHERE project_id = 'P4-1' AND quantity = 4.0")
    assert plan_figures.changed(sqlite3.connect(master)) == []


def test_a_figure_the_plan_now_gives_a_year_is_no_change_of_a_master_made_before(master):
    """The plan as shipped gives grassland's 628.8634万亩 its year (2020); a master made
    before holds it with none: the same figure, not one the master holds otherwise. A figure
    typed over beside it is still said, with every digit."""
    _edit(master, "UPDATE plan_indicators SET value_other = value_2020, value_2020 = NULL "
          "WHERE indicator_id = 'grassland_area'")
    assert plan_figures.changed(sqlite3.connect(master)) == []
    _edit(master, "UPDATE plan_indicators SET value_other = 628.8643 WHERE indicator_id = "
          "'grassland_area'")
    said = [plan_figures.said(c).en for c in plan_figures.changed(sqlite3.connect(master))]
    assert [s.split(") ")[-1] for s in said] == [
        "value_2020: — in the master, 628.8634 in the plan",
        "value_other: 628.8643 in the master, — in the plan"], said
