# SPDX-License-Identifier: GPL-2.0-or-later
"""The workbook ``field-kit report`` writes is in the user's language: an English user's
sheets, titles, headings, notes and labels in English, a Chinese user's as the plan's
readers share them (Chinese, then English); the same figures in both."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from tests.unit.test_progress import inspect, photo_file, verify
from tests.unit.test_report_xlsx import SHEETS

openpyxl = pytest.importorskip("openpyxl")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_SHEETS = ["Patch verification", "Cautions", "Patches by status", "Project progress",
                  "Indicators", "Plan consistency"]


@pytest.fixture
def recorded(master, tmp_path):
    """A master with a patch restored, one in progress, one far off its mapped area (a
    caution) and a project inspected."""
    conn = connect(master)
    jpg = photo_file(tmp_path)
    verify(conn, "CT6504222017000026002", "B", measured=110000, treated=52345.5,
           on="2024-05-01", photos=[jpg], year_closed=2012, land_use="04")
    verify(conn, "ZJ6504222021027001", "C", measured=290000.5, on="2024-05-02")
    verify(conn, "CT6504222016000037002", "B", measured=5_000_000, on="2024-05-03",
           photos=[photo_file(tmp_path, "b.jpg", jpg.read_bytes() + b"\0")])
    inspect(conn, "P4-1", "人工造林", 15000, "亩")
    conn.close()
    return master


def report_in(locale: str, master, out, monkeypatch, capsys):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    assert main(["report", str(master), "--out", str(out), "--date", "2024-06-03"]) == errors.OK
    capsys.readouterr()
    return openpyxl.load_workbook(out)


HEADS_FIRST = ("No.", "序号\nNo.", "Group", "分组\nGroup")  # a sheet's first header


def header_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in HEADS_FIRST)


def figures(ws) -> list:
    """The sheet's numbers and dates, row by row (the text between them left out)."""
    return [v for row in ws.iter_rows(values_only=True) for v in row
            if isinstance(v, (int, float, datetime, date)) and not isinstance(v, bool)]


def row_of(ws, col: int, value) -> list:
    return next(list(r) for r in ws.iter_rows(values_only=True) if r[col] == value)


def test_an_english_user_reads_the_workbook_in_english(recorded, tmp_path, monkeypatch,
                                                      capsys):
    wb = report_in("en_GB.UTF-8", recorded, tmp_path / "en.xlsx", monkeypatch, capsys)
    assert wb.sheetnames == ENGLISH_SHEETS
    for ws in wb:
        # the title, the report date's label and every heading in English
        assert not CHINESE.search(ws["A1"].value.replace("专栏3-1", "")), ws["A1"].value
        assert ws["A2"].value == "Report date"
        heads = [c.value for c in ws[header_row(ws)] if c.value]
        assert heads and not [h for h in heads if CHINESE.search(h)], (ws.title, heads)
    patches = wb["Patch verification"]
    assert patches["A1"].value == "Legacy-mine patch verification table"
    assert patches["C2"].value == "Records up to"
    assert patches["A3"].value.startswith("One row a patch") and not CHINESE.search(
        patches["A3"].value)
    heads = [c.value for c in patches[header_row(patches)]]
    assert "Patch area (mu)" in heads and "Remediation status" in heads
    restored = row_of(patches, 1, "CT6504222017000026002")
    status, township = heads.index("Remediation status"), heads.index("Township")
    assert restored[status] == "B Restored" and restored[township] == "Guolebuyi Township"
    assert restored[heads.index("Counted from")] == "treated area"
    assert row_of(patches, 1, "Total")[status] == "Restored 2"
    by_status = wb["Patches by status"]
    assert row_of(by_status, 0, "Whole county")[1:3] == [11, 3]
    projects = wb["Project progress"]
    heads = [c.value for c in projects[header_row(projects)]]
    forest = row_of(projects, 2, "P4-1")
    assert not CHINESE.search(forest[heads.index("Project name")])
    assert forest[heads.index("Unit")] == "10⁴ mu"  # (the plan's 万亩)
    indicators = wb["Indicators"]
    heads = [c.value for c in indicators[header_row(indicators)]]
    # the plan's own name of an indicator kept beside its English name
    mine = row_of(indicators, 1, "历史遗留矿山综合治理面积")
    assert mine[heads.index("Indicator")] == "Area of legacy mines comprehensively remediated"
    assert mine[heads.index("Unit")] == "km²"
    cautions = wb["Cautions"]
    caution = row_of(cautions, 1, "CT6504222016000037002")
    assert "times its mapped area" in caution[2] and not CHINESE.search(caution[2])
    findings = wb["Plan consistency"]
    assert row_of(findings, 0, 1)[1] == "Inconsistency"


def test_a_chinese_user_reads_it_as_before_with_the_same_figures(recorded, tmp_path,
                                                                monkeypatch, capsys):
    zh = report_in("zh_CN.UTF-8", recorded, tmp_path / "zh.xlsx", monkeypatch, capsys)
    en = report_in("en_US.UTF-8", recorded, tmp_path / "en.xlsx", monkeypatch, capsys)
    assert zh.sheetnames == SHEETS and en.sheetnames == ENGLISH_SHEETS
    patches = zh["图斑核查表"]
    assert patches["A1"].value.startswith("托克逊县历史遗留矿山图斑核查表")
    assert patches["A2"].value == "报告日期 Report date"
    heads = [c.value for c in patches[header_row(patches)]]
    assert "图斑面积（亩）\nPatch area (mu)" in heads
    restored = row_of(patches, 1, "CT6504222017000026002")
    assert restored[heads.index("恢复治理情况\nRemediation status")] == "B 已恢复治理"
    assert restored[heads.index("乡镇\nTownship")] == "郭勒布依乡"
    assert row_of(zh["图斑状态汇总"], 0, "全县")[1:3] == [11, 3]
    for zh_sheet, en_sheet in zip(zh, en):
        assert figures(zh_sheet) == figures(en_sheet), zh_sheet.title
        assert figures(zh_sheet), zh_sheet.title


CODED = ("Patch class", "Sub-class", "Damage type", "Patch feature", "Restoration method",
         "Mineral", "Mining method", "Land use")


def test_an_english_workbook_gives_a_word_code_by_its_english_label(recorded, tmp_path,
                                                                   monkeypatch, capsys):
    """A code that is itself a Chinese word (damage type 挖损, mineral 建筑用砂) reads as its
    English label alone, as a numbered one reads "10 Legacy mine"; a Chinese user's as
    before."""
    en = report_in("en_GB.UTF-8", recorded, tmp_path / "en.xlsx", monkeypatch, capsys)
    patches = en["Patch verification"]
    heads = [c.value for c in patches[header_row(patches)]]
    restored = row_of(patches, 1, "CT6504222017000026002")
    assert restored[heads.index("Damage type")] == "Excavation"
    assert restored[heads.index("Mineral")] == "Construction sand"
    assert restored[heads.index("Patch class")] == "10 Legacy mine"
    assert restored[heads.index("Land use")] == "04 Grassland"
    shown = [r[heads.index(h)] for r in patches.iter_rows(min_row=header_row(patches) + 1,
                                                          values_only=True) for h in CODED]
    assert "Excavation" in shown and not [s for s in shown if s and CHINESE.search(s)], shown
    zh = report_in("zh_CN.UTF-8", recorded, tmp_path / "zh.xlsx", monkeypatch, capsys)
    patches = zh["图斑核查表"]
    heads = [c.value for c in patches[header_row(patches)]]
    restored = row_of(patches, 1, "CT6504222017000026002")
    assert restored[heads.index("损毁类型\nDamage type")] == "挖损"
    assert restored[heads.index("矿种\nMineral")] == "建筑用砂"
    assert restored[heads.index("图斑大类\nPatch class")] == "10 历史遗留矿山"


def test_no_code_of_any_list_reads_in_chinese_for_an_english_user(master):
    """Every code of every code list, as an English user's reports give it, holds no
    Chinese: its English label, after its code where the code is a number or letter."""
    from field_kit.bilingual import EN
    from field_kit.reports.xlsx import code_labels, coded_text

    conn = connect(master, readonly=True)
    try:
        codes = code_labels(conn, EN)
    finally:
        conn.close()
    assert len(codes) > 50
    shown = {key: coded_text(codes, *key) for key in codes}
    assert not {k: s for k, s in shown.items() if CHINESE.search(s)}, shown
    assert shown[("damage_type", "挖损")] == "Excavation"
    assert shown[("mineral", "砖瓦用粘土")] == "Clay for bricks and tiles"
    assert shown[("patch_class", "10")] == "10 Legacy mine"
