# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit progress`` in the user's language, as the Excel report is: an English user's
headings, names and cautions in English (the names the workbook gives them), a Chinese
user's in Chinese, then English; the same figures in both."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.reports.progress import STATUS_LABELS, progress
from tests.unit.test_progress import inspect, photo_file, verify

CHINESE = re.compile(r"[\u4e00-\u9fff]")
FIGURES = re.compile(r"\d[\d,.]*%?")


@pytest.fixture
def recorded(master, tmp_path):
    """A patch restored, one in progress with a treated area not counted (a caution) and a
    project target inspected."""
    conn = connect(master)
    verify(conn, "CT6504222017000026002", "B", measured=110000, treated=52345.5,
           on="2024-05-01", photos=[photo_file(tmp_path)])
    verify(conn, "ZJ6504222021027001", "C", measured=290000.5, treated=1000, on="2024-05-02")
    inspect(conn, "P4-1", "人工造林", 15000, "亩")
    conn.close()
    return master


def progress_in(locale: str, master, monkeypatch, capsys) -> str:
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    capsys.readouterr()
    assert main(["progress", str(master), "--date", "2024-06-03"]) == errors.OK
    return capsys.readouterr().out


def line_of(text: str, start: str) -> str:
    """The line that starts with ``start`` (a table's columns read as one space apart)."""
    return next(ln for ln in text.splitlines() if " ".join(ln.split()).startswith(start))


def test_progress_in_english_for_an_english_user(recorded, monkeypatch, capsys):
    said = progress_in("en_US.UTF-8", recorded, monkeypatch, capsys)
    p = progress(recorded)
    assert said.startswith(p.title.en + "\n"), said[:200]
    assert "Progress — records up to 2024-05-10; verifications 2, inspections 1, photos 1" \
        in said
    for heading in ("Indicators (专栏3-1)", "Other binding controls and targets of the plan",
                    "Legacy-mine patches by township", "By phase",
                    "Project targets (in the plan's units)", "Cautions (1): what the figures"):
        assert f"\n{heading}" in said, heading
    # the names the workbook gives: statuses, townships, phases, targets, units
    for name in [STATUS_LABELS[s].en for s in STATUS_LABELS] + [
            p.group_label("克尔碱镇", "en"), p.group_label(p.total.group, "en"),
            p.group_label(p.by_phase[0].group, "en"), "Afforestation", "10⁴ mu"]:
        assert name in said, name
    assert "patch ZJ6504222021027001 is in progress" in said
    # Chinese only where the plan names itself: 专栏3-1 and the sections it cites
    rest = said.replace("专栏3-1", "")
    for section in sorted({c.section for c in p.controls}, key=len, reverse=True):
        rest = rest.replace(section, "")
    assert not CHINESE.findall(rest), [ln for ln in rest.splitlines() if CHINESE.search(ln)]


def test_progress_in_chinese_for_a_chinese_user_with_the_same_figures(recorded, monkeypatch,
                                                                     capsys):
    zh = progress_in("zh_CN.UTF-8", recorded, monkeypatch, capsys)
    en = progress_in("C.UTF-8", recorded, monkeypatch, capsys)
    assert zh.startswith(progress(recorded).title.both("\n"))
    for heading in ("指标（专栏3-1） Indicators",
                    "历史遗留矿山图斑（按乡镇） Legacy-mine patches by township",
                    "按治理阶段 By phase", "重点项目目标 Project targets", "注意 Cautions (1)"):
        assert heading in zh, heading
    assert "全县" in zh and "未治理 Untreated" in zh
    # each row's figures the same in either language
    for zh_row, en_row in (("全县", "Whole county"), ("P4-1 人工造林", "P4-1 Afforestation"),
                           ("历史遗留矿山综合治理面积 Legacy", "Legacy mines remediated")):
        assert FIGURES.findall(line_of(zh, zh_row)) == FIGURES.findall(line_of(en, en_row))


@pytest.mark.parametrize(("locale", "said"), [
    ("en_US.UTF-8", "Progress — no records yet; verifications 0, inspections 0, photos 0"),
    ("zh_CN.UTF-8", "进度 Progress — 尚无记录 no records yet; 核查 verifications 0, 检查 "
                    "inspections 0, 照片 photos 0")])
def test_a_master_with_no_record_yet_says_so(master, monkeypatch, capsys, locale, said):
    """Before any field work: not "records up to none", a day named none."""
    out = progress_in(locale, master, monkeypatch, capsys)
    assert said in out, out[:400]
    assert "up to none" not in out and "无记录 none" not in out
