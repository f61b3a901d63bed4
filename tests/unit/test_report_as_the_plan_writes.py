# SPDX-License-Identifier: GPL-2.0-or-later
"""Figures shown as the plan writes them: a count as a whole number, 202.80 with its
trailing zero, in the Excel report and in ``check-plan -v``."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.db import connect
from tests.unit.test_progress import photo_file, run_cli, verify


def test_a_count_of_patches_is_shown_whole_in_the_indicator_sheet(master, tmp_path, capsys,
                                                                   chinese_locale):
    openpyxl = pytest.importorskip("openpyxl")
    conn = connect(master)
    near = conn.execute("SELECT patch_code FROM mine_patches WHERE phase = '近期' "
                        "ORDER BY patch_code LIMIT 2").fetchall()
    for (code,) in near:
        verify(conn, code, "B", photos=[photo_file(tmp_path)])
    conn.close()
    assert run_cli("report", master, "--out", tmp_path / "r.xlsx") == errors.OK
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["指标表"]
    heads = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "序号\nNo.")]
    now = heads.index("现状\nNow")
    rows = {r[1].value: r for r in ws.iter_rows() if r[1].value}
    assert rows["近期覆盖图斑数量"][now].value == 2
    assert rows["近期覆盖图斑数量"][now].number_format == "0"
    assert rows["中期覆盖图斑数量"][now].number_format == "0"
    # an area shows the decimals the command line writes it with (2.1, not 2.1000)
    mine = rows["历史遗留矿山综合治理面积"][now]
    assert mine.value == pytest.approx(2.1) and mine.number_format == "#,##0.0", mine.value


def test_check_plan_writes_the_farmland_as_the_plan_does(master, capsys, chinese_locale):
    run_cli("check-plan", "-v", master)
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "永久基本农田面积两种单位" in x)
    assert "202.80 平方千米 = 30.42 万亩" in line and "202.80 km²" in line, line
    assert "202.8 " not in line, line


@pytest.mark.parametrize("lang, line", [
    ("en", "Legacy mines remediated: 1.9 (2020) + 0 restored = 1.9 km²; 2025 target 2.46 "
           "(77.2%), 2035 target 3.18 (59.7%)"),
    ("zh", "历史遗留矿山综合治理面积 Legacy mines remediated: 1.9 (2020) + 0 restored = 1.9 km²; "
           "2025 target 2.46 (77.2%), 2035 target 3.18 (59.7%)")])
def test_progress_writes_the_mine_area_as_the_plan_does(master, capsys, monkeypatch, lang, line):
    """The bundled plan with nothing restored: 1.9, 0, 2.46 as the plan writes them, not
    1.9000 beside 2.46."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    assert run_cli("progress", master) == errors.OK
    assert line in capsys.readouterr().out.splitlines()
