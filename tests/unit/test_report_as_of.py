# SPDX-License-Identifier: GPL-2.0-or-later
"""A report as of its date: records made in a technician's package, sent and merged, counted
only up to the report date, the rest said; a date after today refused; beside 专栏3-1's
running totals, what was done since the 2020 base; the project sheet's rating and area."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.reports.progress import progress
from field_kit.reports.xlsx import write_xlsx
from field_kit.sync import merge, package_checkout, package_export
from tests.unit.test_progress import inspect, photo_file, run_cli, verify

openpyxl = pytest.importorskip("openpyxl")
EARLY, LATE = "2025-06-01", "2026-11-21"  # a record of each side of the report date
REPORT = date(2025, 12, 31)


def rows_of(ws, header_row: int = 0) -> tuple[dict[str, int], list[tuple]]:
    """{first line of each header: column index}, and the rows under the headers."""
    rows = list(ws.iter_rows(values_only=True))
    at = header_row or next(n for n, r in enumerate(rows) if r[0] == "序号\nNo.")
    heads = {str(v).split("\n")[0]: i for i, v in enumerate(rows[at]) if v}
    return heads, rows[at + 1:]


@pytest.fixture
def merged(master, tmp_path):
    """A master with a technician's records of EARLY and LATE, merged from a package."""
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", township="郭勒布依乡")
    conn = connect(pkg)
    jpg = photo_file(tmp_path)
    verify(conn, "CT6504222017000026001", "B", measured=60000, treated=50014.52, on=EARLY,
           photos=[jpg])
    verify(conn, "CT6504222017000026002", "B", measured=110000, treated=100000, on=LATE,
           photos=[jpg])
    verify(conn, "CT6504222017000026001", "A", measured=60000, on=LATE)  # found undone later
    inspect(conn, "P1-1", "治理面积", 0.05, "平方千米", on=EARLY)
    inspect(conn, "P1-1", "治理面积", 0.2, "平方千米", on=LATE)
    conn.close()
    zipped = tmp_path / "tab-1.zip"
    package_export.export(pkg, zipped)
    report = merge.merge(master, [zipped])
    assert report.totals["refused"] == 0 and report.totals["conflict"] == 0
    return master


def test_a_report_counts_the_records_up_to_its_date_and_says_so(merged, tmp_path):
    wb = openpyxl.load_workbook(write_xlsx(merged, tmp_path / "d.xlsx", today=REPORT))
    for ws in wb.worksheets[:-1]:  # each sheet of records (not the plan's own check)
        assert (ws["B2"].value, ws["D2"].value) == (datetime(2025, 12, 31), datetime(2025, 6, 1))
        assert ws["E2"].value == "报告日期之后的 3 条记录未计入 3 later records not counted"
    heads, rows = rows_of(wb["指标表"])
    mine = next(r for r in rows if r[heads["指标"]] == "历史遗留矿山综合治理面积")
    assert mine[heads["现状"]] == float(Fraction("1.9") + Fraction("50014.52") / 10**6)
    heads, rows = rows_of(wb["图斑核查表"])
    state = {r[heads["图斑编号"]]: r for r in rows}
    assert state["CT6504222017000026001"][heads["恢复治理情况"]] == "B 已恢复治理"
    assert state["CT6504222017000026001"][heads["核查次数"]] == 1
    assert state["CT6504222017000026002"][heads["恢复治理情况"]] == "未核查"
    heads, rows = rows_of(wb["项目进度表"])
    p11 = next(r for r in rows if r[heads["项目编号"]] == "P1-1")
    assert (p11[heads["已完成数量（目标单位）"]], p11[heads["最近检查日期"]]) == (
        0.05, datetime(2025, 6, 1))
    cautions = [r[3] for r in wb["注意事项"].iter_rows(values_only=True)]
    # named, as a patch verified later reads as not verified
    assert "records dated after the report date 2025-12-31 not counted: 2 verifications, " \
        f"1 inspection (CT6504222017000026002 {LATE}, CT6504222017000026001 {LATE}, " \
        f"P1-1 {LATE})" in cautions
    p = progress(merged, REPORT)
    assert p.mine_area.restored_km2 == float(Fraction("50014.52") / 10**6)
    assert p.total.restored == 1 and p.as_of == EARLY and p.not_counted == 3
    # the same master today counts them all
    now = progress(merged)
    assert now.as_of == LATE and now.not_counted == 0 and now.total.restored == 1
    assert now.mine_area.restored_km2 == 0.1


def test_a_report_date_after_today_is_refused(merged, tmp_path, capsys):
    tomorrow = date.today() + timedelta(days=1)
    out = tmp_path / "future.xlsx"
    assert run_cli("report", merged, "--out", out, "--date", tomorrow.isoformat()) == \
        errors.BAD_INPUT
    said = capsys.readouterr().out
    assert f"the report date {tomorrow} is after today ({date.today()})" in said
    assert not out.exists()
    with pytest.raises(errors.BadInput) as refused:
        write_xlsx(merged, out, today=tomorrow)
    assert chinese(refused.value.message).startswith(
        f"报告日期 {tomorrow} 晚于今天（{date.today()}）：报告统计截至报告日期的记录")
    # today itself is a report date
    assert run_cli("report", merged, "--out", out, "--date", date.today().isoformat()) == \
        errors.OK


def test_progress_today_leaves_a_record_dated_later_out_and_says_so(merged):
    conn = connect(merged)  # written by another tool: the forms refuse a date to come
    conn.execute("UPDATE patch_verifications SET verified_on = ? WHERE verified_on = ?",
                 ((date.today() + timedelta(days=3)).isoformat(), LATE))
    conn.commit()
    conn.close()
    p = progress(merged)
    assert p.total.restored == 1 and p.not_counted == 2 and p.as_of == LATE
    later = (date.today() + timedelta(days=3)).isoformat()
    assert f"records dated after the report date {date.today()} not counted: 2 " \
        f"verifications, 0 inspections (CT6504222017000026002 {later}, " \
        f"CT6504222017000026001 {later})" in [c.text.en for c in p.cautions]


# 专栏3-1: 2020 / 2025 / 2035, running totals
PLAN = {"grassland_vegetation_cover": ("35", "37", "38"),
        "soil_erosion_control_area": ("314", "353", "385"),
        "legacy_mine_remediation_area": ("1.9", "2.46", "3.18"),
        "desertified_land_treatment_area": ("3.14", "3.53", "3.85")}


def test_new_since_2020_beside_the_running_totals(master, tmp_path):
    p = progress(master)
    for i in p.indicators:
        base, by_2025, by_2035 = (Fraction(v) for v in PLAN[i.indicator_id])
        assert (i.value_2020, i.value_2025, i.value_2035) == tuple(
            float(v) for v in (base, by_2025, by_2035))
        assert i.planned_new(2025) == float(by_2025 - base)
        assert i.planned_new(2035) == float(by_2035 - base)
    mine = next(i for i in p.indicators if i.indicator_id == "legacy_mine_remediation_area")
    assert (mine.current, mine.percent_2025) == (1.9, pytest.approx(1.9 * 100 / 2.46))
    assert mine.since_2020().en == "new since 2020: 0 of 0.56 km² planned by 2025 (0.0%)"
    assert mine.since_2020().zh == "2020年以来新增 0，规划至2025年新增 0.56 平方千米（0.0%）"
    grass = p.indicators[0]
    assert grass.since_2020().en == \
        "new since 2020: — of 2 percentage points planned by 2025 (—)"
    wb = openpyxl.load_workbook(write_xlsx(master, tmp_path / "r.xlsx", today=REPORT))
    heads, rows = rows_of(wb["指标表"])
    row = next(r for r in rows if r[heads["指标"]] == "历史遗留矿山综合治理面积")
    since = ("2020年", "现状", "2020年以来新增", "规划至2025年新增", "新增达2025年（%）",
             "规划至2035年新增", "新增达2035年（%）")
    assert [row[heads[k]] for k in since] == [1.9, 1.9, 0.0, 0.56, 0.0, 1.28, 0.0]
    row = next(r for r in rows if r[heads["指标"]] == "沙化土地治理面积")
    assert [row[heads[k]] for k in ("2020年以来新增", "规划至2025年新增", "规划至2035年新增")] == [
        None, 0.39, 0.71]
    footer = [r[0] for r in wb["图斑状态汇总"].iter_rows(values_only=True) if r[0]]
    assert any("new since 2020: 0 of 0.56 km² planned by 2025 (0.0%)" in str(x)
               for x in footer)


def project_row(master, tmp_path, today=REPORT) -> tuple:
    """The 项目进度表 sheet, its headers and the row of P1-1."""
    ws = openpyxl.load_workbook(write_xlsx(master, tmp_path / "d.xlsx", today=today))["项目进度表"]
    heads, rows = rows_of(ws)
    at = next(n for n, r in enumerate(rows) if r[heads["项目编号"]] == "P1-1")
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "序号\nNo.")
    return ws, heads, first + 1 + at


def test_the_project_sheet_names_the_rating(merged, tmp_path):
    ws, heads, r = project_row(merged, tmp_path)
    assert ws.cell(r, heads["评价"] + 1).value == "2 良"


def test_the_restored_area_of_a_project_shows_the_decimals_the_cli_writes(master, tmp_path):
    conn = connect(master)
    verify(conn, "CT6504222017000026001", "B", measured=60000, treated=50014.52,
           photos=[photo_file(tmp_path)])
    conn.close()
    ws, heads, r = project_row(master, tmp_path, today=None)
    cell = ws.cell(r, heads["图斑已恢复治理（目标单位）"] + 1)
    assert cell.value == float(Fraction("50014.52") / 10**6)  # the value kept exact
    assert cell.number_format == "#,##0.00"  # 0.0500 to four decimals, written 0.05


def test_progress_says_what_was_done_since_the_2020_base(master, capsys, chinese_locale):
    assert run_cli("progress", master) == errors.OK
    said = capsys.readouterr().out
    # 专栏3-1: 1.9 (2020) and 2.46 (2025) are running totals: 0.56 km² to add by 2025
    assert "new since 2020: 0 of 0.56 km² planned by 2025 (0.0%)" in said, said
    assert "2020年以来新增 0，规划至2025年新增 0.56 平方千米（0.0%）" in said
    assert "new since 2020: — of 39 km² planned by 2025" in said  # 314 to 353
