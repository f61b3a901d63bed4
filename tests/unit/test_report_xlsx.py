# SPDX-License-Identifier: GPL-2.0-or-later
"""The workbook, read back with a real reader (openpyxl): titles, dates, units in the
headers, values against the master's records, and exact 亩/公顷."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from fractions import Fraction

import pytest

from field_kit.db import connect
from field_kit.reports.xlsx import Sheet, SheetColumn, Workbook, col_letter, write_xlsx
from tests.unit.test_progress import inspect, photo_file, verify  # noqa: F401

openpyxl = pytest.importorskip("openpyxl")
REPORT_DATE = date(2024, 6, 3)
SHEETS = ["图斑核查表", "注意事项", "图斑状态汇总", "项目进度表", "指标表", "规划一致性"]


def header_index(ws, header_row: int) -> dict[str, int]:
    """{first line of each header: column number}."""
    return {str(c.value).split("\n")[0]: c.column for c in ws[header_row] if c.value}


def find_row(ws, col: int, value) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    raise AssertionError(f"{value!r} not in column {col} of {ws.title}")


@pytest.fixture
def workbook(master, tmp_path):  # noqa: F811
    conn = connect(master)
    jpg = photo_file(tmp_path)
    verify(conn, "CT6504222017000026002", "A", measured=109000, on="2024-03-01")
    verify(conn, "CT6504222017000026002", "B", measured=110000, treated=52345.5,
           on="2024-05-01", photos=[jpg, photo_file(tmp_path, "b.jpg",
                                                     jpg.read_bytes() + b"\0")],
           year_closed=2012, land_use="04", notes="已平整覆土")
    verify(conn, "ZJ6504222021027001", "C", measured=290000.5, on="2024-05-02")
    inspect(conn, "P4-1", "人工造林", 15000, "亩")
    conn.close()
    out = write_xlsx(master, tmp_path / "report.xlsx", today=REPORT_DATE)
    return openpyxl.load_workbook(out), master


def test_sheets_titles_dates_and_units(workbook):
    wb, _ = workbook
    assert wb.sheetnames == SHEETS
    for ws in wb:
        assert ws["A1"].value and ws["A1"].font.b and ws["A1"].font.sz == 14
        assert ws["A2"].value.startswith("报告日期")
        assert ws["B2"].value == datetime(2024, 6, 3)
        assert ws["B2"].number_format == "yyyy-mm-dd"
        assert ws.freeze_panes  # the header stays in view
        assert ws.column_dimensions["A"].width > 0
    patches = wb["图斑核查表"]
    assert "图斑核查表" in patches["A1"].value
    assert patches["C2"].value.startswith("记录截至")
    assert patches["D2"].value == datetime(2024, 5, 10)
    heads = header_index(patches, 5)
    for h in ("图斑面积（平方米）", "图斑面积（亩）", "图斑面积（公顷）", "核查面积（平方米）",
              "核查面积（亩）", "核查面积（公顷）", "已治理面积（亩）", "中心经度（度）"):
        assert h in heads, h
    assert "m²" in patches.cell(5, heads["核查面积（平方米）"]).value
    assert patches.cell(5, heads["图斑编号"]).font.b
    assert "1 公顷 = 15 亩" in patches["A3"].value
    # the header row is tall enough for its longest header, wrapped in its column: 计入治理面积
    # （平方米） and Counted as remediated (m²) take two lines each in 15 characters
    assert patches.row_dimensions[5].height >= 4 * 13.5


def test_patch_rows_against_the_records(workbook):
    wb, path = workbook
    ws = wb["图斑核查表"]
    h = header_index(ws, 5)
    rows = [r for r in range(6, ws.max_row + 1) if str(ws.cell(r, h["图斑编号"]).value or "")
            .startswith(("C", "Z"))]
    assert len(rows) == 11  # one row a patch
    r = find_row(ws, h["图斑编号"], "CT6504222017000026002")
    cell = lambda name: ws.cell(r, h[name]).value  # noqa: E731
    assert cell("核查次数") == 2
    assert cell("恢复治理情况") == "B 已恢复治理"  # the latest verification, not the first
    assert cell("图斑大类") == "10 历史遗留矿山" and cell("图斑小类") == "11 无主废弃矿山"
    assert cell("修复方式") == "3 生态重建" and cell("开采方式") == "A 露天开采"
    assert cell("闭坑年份") == 2012 and cell("备注") == "已平整覆土"
    assert cell("核查日期") == datetime(2024, 5, 1)
    assert cell("照片（张）") == 2 and cell("核查人") == "李工"
    assert cell("乡镇") == "郭勒布依乡" and cell("项目编号") == "P1-1"
    # exact conversions: 1 公顷 = 15 亩 = 10000 m²
    assert cell("核查面积（平方米）") == 110000
    assert cell("核查面积（亩）") == 165
    assert cell("核查面积（公顷）") == 11
    assert cell("已治理面积（平方米）") == 52345.5
    assert cell("已治理面积（亩）") == float(Fraction("52345.5") * 15 / 10000)
    assert cell("已治理面积（公顷）") == 5.23455
    assert cell("计入治理面积（平方米）") == 52345.5 and cell("计入依据") == "已治理面积"
    conn = connect(path)
    area = conn.execute("SELECT area_m2, centre_lon FROM mine_patches WHERE patch_code = "
                        "'CT6504222017000026002'").fetchone()
    conn.close()
    assert cell("图斑面积（平方米）") == area[0]
    assert cell("图斑面积（亩）") == float(Fraction(repr(area[0])) * 15 / 10000)
    assert cell("中心经度（度）") == area[1]
    assert ws.cell(r, h["核查面积（亩）"]).number_format == "#,##0.00"
    r2 = find_row(ws, h["图斑编号"], "ZJ6504222021027001")
    assert ws.cell(r2, h["恢复治理情况"]).value == "C 治理中"
    assert ws.cell(r2, h["核查面积（公顷）"]).value == 29.00005
    r3 = find_row(ws, h["图斑编号"], "C6521232009097120035838001")
    assert ws.cell(r3, h["恢复治理情况"]).value == "未核查"
    assert ws.cell(r3, h["核查面积（平方米）"]).value is None
    total = find_row(ws, h["图斑编号"], "合计 Total")
    assert ws.cell(total, h["计入治理面积（平方米）"]).value == 52345.5


def test_status_projects_indicators_and_findings(workbook):
    wb, _ = workbook
    st = wb["图斑状态汇总"]
    h = header_index(st, 4)
    r = find_row(st, 1, "郭勒布依乡")
    assert st.cell(r, h["图斑数（个）"]).value == 4
    assert st.cell(r, h["已恢复治理（个）"]).value == 1
    assert st.cell(r, h["未核查（个）"]).value == 3
    r = find_row(st, 1, "全县")
    assert st.cell(r, h["已核查（个）"]).value == 2
    assert st.cell(r, h["治理中（个）"]).value == 1

    pj = wb["项目进度表"]
    h = header_index(pj, 4)
    assert "目标单位" in pj.cell(4, h["已完成数量（目标单位）"]).value
    r = find_row(pj, h["目标"], "人工造林")
    assert (pj.cell(r, h["目标数量"]).value, pj.cell(r, h["单位"]).value) == (4, "万亩")
    assert pj.cell(r, h["已完成数量（目标单位）"]).value == 1.5
    assert pj.cell(r, h["完成率（%）"]).value == 37.5
    assert pj.cell(r, h["最近检查日期"]).value == datetime(2024, 5, 10)
    r = find_row(pj, h["项目编号"], "P1-1")
    assert pj.cell(r, h["图斑已恢复治理（目标单位）"]).value == float(
        Fraction("52345.5") / 10**6)

    # the plan's decimals kept (0.10, 202.80), the cells still numbers
    r = find_row(pj, h["项目编号"], "P1-6")
    cell = pj.cell(r, h["目标数量"])
    assert (cell.value, cell.number_format) == (0.1, "#,##0.00")

    ind = wb["指标表"]
    h = header_index(ind, 4)
    cell = ind.cell(find_row(ind, h["指标"], "永久基本农田面积"), h["2035年目标"])
    assert (cell.value, cell.number_format) == (202.8, "#,##0.00")
    r = find_row(ind, h["指标"], "历史遗留矿山综合治理面积")
    assert [ind.cell(r, h[k]).value for k in ("单位", "2020年", "2025年目标", "2035年目标")] == [
        "平方千米", 1.9, 2.46, 3.18]
    assert ind.cell(r, h["现状"]).value == float(Fraction("1.9") + Fraction("52345.5") / 10**6)
    r = find_row(ind, h["指标"], "沙化土地治理面积")
    assert ind.cell(r, h["单位"]).value == "万公顷" and ind.cell(r, h["现状"]).value is None

    pc = wb["规划一致性"]
    h = header_index(pc, 4)
    ids = [pc.cell(r, h["编号"]).value for r in range(5, pc.max_row + 1)]
    for fid in ("mine_projects_2021_2025_vs_indicator", "zone_key_projects_1716",
                "mine_2025_new_vs_total", "agricultural_water_share",
                "mine_2035_equals_2025_plus_2026_2030", "referenced_columns_missing"):
        assert fid in ids
    r = find_row(pc, h["编号"], "zone_key_projects_1716")
    assert "专栏6-5" in pc.cell(r, h["规划出处"]).value
    assert "1716" in pc.cell(r, h["规划原文"]).value
    assert pc.cell(r, h["类别"]).value.startswith("不一致")


def test_the_package_is_plain_spreadsheetml(workbook, tmp_path):
    wb, _ = workbook
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        names = set(z.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} <= names
        assert z.testzip() is None
    assert not (tmp_path / "report.xlsx.part").exists()


def test_workbook_basics(tmp_path):
    assert [col_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    wb = Workbook("t")
    with pytest.raises(ValueError):
        wb.add(Sheet("a/b", "t", []))
    wb.add(Sheet("s", "标题 <&>", [SheetColumn("x", 5)], rows=[["a\x01b"], [float("nan")]]))
    out = wb.save(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(out)["s"]
    assert ws["A1"].value == "标题 <&>" and ws["A3"].value == "ab" and ws["A4"].value is None
