# SPDX-License-Identifier: GPL-2.0-or-later
"""``check-plan`` and the workbook's plan-consistency sheet name each finding by a title in
the reader's language, not by its key (the key stays in the workbook's ID column, for
scripts), and write its figures as named pairs, not as variable names and a dict."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.reports.plan_check import check_plan

KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # an identifier: listed_by_program


def _in(locale, monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)


def _sheet(master, tmp_path, locale, monkeypatch) -> tuple[dict, dict]:
    """The plan-consistency sheet of the report a user of ``locale`` writes: its columns by
    header (first line), its rows by their ID."""
    openpyxl = pytest.importorskip("openpyxl")
    _in(locale, monkeypatch)
    out = tmp_path / f"{locale}.xlsx"
    assert main(["report", str(master), "--out", str(out)]) == errors.OK
    ws = openpyxl.load_workbook(out).worksheets[-1]
    heads = next(r for r in ws.iter_rows(values_only=True) if r[0] in ("No.", "序号\nNo."))
    col = {h.split("\n")[0]: i for i, h in enumerate(heads)}
    key = col.get("编号", col.get("ID"))
    return col, {r[key]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)}


def test_check_plan_heads_each_finding_by_its_title_not_its_key(master, monkeypatch, capsys):
    _in("zh_CN.UTF-8", monkeypatch)
    capsys.readouterr()
    assert main(["check-plan", str(master), "-v"]) == errors.PLAN_INCONSISTENT
    said = capsys.readouterr().out
    check = check_plan(master)
    for f in check.findings + check.passed:
        assert f.id not in said, f.id
    heads = [ln for ln in said.splitlines() if re.match(r"\d+\. \[", ln)]
    assert heads[2] == ("3. [不一致 Inconsistency] 分区重点工程的重点项目数 Key projects of "
                        "the zone programs"), heads
    assert "   分区重点工程数 Zone key programs：分区重点工程 6 项" in said


def test_the_workbook_keeps_the_key_and_gives_title_and_figures_in_chinese(
        master, tmp_path, monkeypatch, capsys):
    col, rows = _sheet(master, tmp_path, "zh_CN.UTF-8", monkeypatch)
    row = rows["zone_key_projects_1716"]  # (the key, for a script)
    assert row[col["标题"]] == "分区重点工程的重点项目数 Key projects of the zone programs"
    assert row[col["数据"]] == (
        "正文所称项目数：1716；所列项目数：16；各专栏所列项目数：专栏6-4（6）、专栏6-5（4）、"
        "专栏6-6（1）、专栏6-7（4）、专栏6-8（1）、专栏6-9（0）")
    for key, r in rows.items():
        figures = r[col["数据"]] or ""
        assert not KEY.search(figures) and "{" not in figures and " = " not in figures, (
            key, figures)
    # the project figures name the patches' fields by their labels
    assert "项目图斑数" in rows["project_figures"][col["数据"]]


def test_the_english_workbook_says_the_figures_in_english(master, tmp_path, monkeypatch,
                                                          capsys):
    col, rows = _sheet(master, tmp_path, "en_US.UTF-8", monkeypatch)
    row = rows["agricultural_water_share"]
    assert row[col["Title"]] == "Agricultural share of water use"
    assert row[col["Figures"]] == ("share in 2020 (%): 80; reduction (points): 4.5; share after "
                                   "it (%): 75.5; stated cap (%): 75.3; difference (points): 0.2")
