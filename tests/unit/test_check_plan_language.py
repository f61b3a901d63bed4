# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit check-plan`` in the user's language, as progress and the reports are: an
English user's findings in English alone (the plan's sections and sentences quoted as it
writes them), a Chinese user's in Chinese, then English, as before; the same findings and
figures in both."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.reports.plan_check import check_plan

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def check_in(locale: str, master, monkeypatch, capsys) -> str:
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    capsys.readouterr()
    assert main(["check-plan", str(master), "-v"]) == errors.PLAN_INCONSISTENT
    return capsys.readouterr().out


def test_check_plan_in_english_for_an_english_user(master, monkeypatch, capsys):
    said = check_in("en_US.UTF-8", master, monkeypatch, capsys)
    check = check_plan(master)
    lines = said.splitlines()
    assert lines[0] == ("1. [Inconsistency] 2021–2025 legacy-mine project areas and the "
                        "indicator's rise"), lines[0]
    assert lines[1] == "   " + check.findings[0].message.en
    assert lines[2] == "   Sections: 专栏3-1; 专栏6-1"
    assert "   Plan text: “降水量5.7毫米”" in lines
    assert "[Note] Columns the text refers to that the plan lacks" in said
    assert "Consistent:" in lines
    assert lines[-1] == "6 inconsistencies, 2 notes, 10 consistent"
    # the units in English: km², 10⁴ mu, mm
    for words in ("= 0.74 km²", "13.42548 10⁴ mu", "5.7 mm", "202.80 km² = 30.42 10⁴ mu"):
        assert words in said, words
    # Chinese only where the plan's own words are quoted: its sections, columns and text
    rest = said
    owns = {own for f in check.findings + check.passed for own in (*f.sections, *f.quotes)}
    for own in sorted(owns, key=len, reverse=True):
        rest = rest.replace(own, "")
    rest = re.sub(r"专栏\d+-\d+|“新增”|\(新增:", "", rest)
    assert not CHINESE.findall(rest), [ln for ln in rest.splitlines() if CHINESE.search(ln)]


def test_check_plan_in_chinese_for_a_chinese_user_with_the_same_findings(master, monkeypatch,
                                                                         capsys):
    zh = check_in("zh_CN.UTF-8", master, monkeypatch, capsys)
    en = check_in("C.UTF-8", master, monkeypatch, capsys)
    check = check_plan(master)
    first = check.findings[0]
    assert zh.splitlines()[:4] == [
        "1. [不一致 Inconsistency] 2021–2025年矿山治理项目面积与指标增量 2021–2025 legacy-mine "
        "project areas and the indicator's rise",
        "   " + first.message.zh, "   " + first.message.en, "   出处 Sections: 专栏3-1; 专栏6-1"]
    assert "   原文 Plan text: “降水量5.7毫米”" in zh.splitlines()
    assert "一致 Consistent:" in zh.splitlines()
    assert zh.splitlines()[-1] == "6 处不一致 inconsistencies, 2 条提示 notes, 10 项一致 consistent"
    # the same findings, in the same order, with the same English
    for f in check.findings:
        assert f"] {f.heading.both()}\n   {f.message.zh}\n   {f.message.en}\n" in zh, f.id
        assert f"] {f.heading.en}\n   {f.message.en}\n" in en, f.id
    for f in check.passed:
        assert f"   {f.heading.both()}：{f.message.both(' / ')}" in zh, f.id
        assert f"   {f.heading.en}: {f.message.en}" in en, f.id


def test_an_english_users_workbook_gives_the_findings_units_in_english(master, tmp_path,
                                                                       monkeypatch, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    figures = {}
    for locale in ("en_US.UTF-8", "zh_CN.UTF-8"):
        for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LANG", locale)
        out = tmp_path / f"{locale}.xlsx"
        assert main(["report", str(master), "--out", str(out)]) == errors.OK
        ws = openpyxl.load_workbook(out).worksheets[-1]
        heads = next(r for r in ws.iter_rows(values_only=True) if r[0] in ("No.", "序号\nNo."))
        column = next(i for i, h in enumerate(heads) if h.endswith("Figures"))
        figures[locale] = {r[2]: r[column] for r in ws.iter_rows(values_only=True)
                           if isinstance(r[0], int)}
    en, zh = figures["en_US.UTF-8"], figures["zh_CN.UTF-8"]
    for finding in ("mine_projects_2021_2025_vs_indicator",
                    "mine_2035_equals_2025_plus_2026_2030"):
        assert "; unit: km²" in en[finding] and "平方千米" not in en[finding], en[finding]
        assert "；单位：平方千米" in zh[finding], zh[finding]
        # the numbers alike
        en_values = [pair.split(": ")[1] for pair in en[finding].split("; ")]
        zh_values = [pair.split("：")[1] for pair in zh[finding].split("；")]
        assert [v.replace("km²", "") for v in en_values] == [
            v.replace("平方千米", "") for v in zh_values]
