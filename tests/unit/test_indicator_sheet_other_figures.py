"""The plan's figures for another year (the urban boundary, 2026–2030's projects and
patches) in a number column of the workbook, as progress and the PDF give them."""

from __future__ import annotations

import pytest

from field_kit.reports.xlsx import write_xlsx


@pytest.mark.parametrize("lang, sheet, name, other", [
    ("zh", "指标表", 1, "其他\nOther"), ("en", "Indicators", 2, "Other")])
def test_each_control_has_its_figure_in_a_number_cell(master, tmp_path, lang, sheet, name,
                                                      other):
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(write_xlsx(master, tmp_path / "r.xlsx", lang=lang))[sheet]
    heads = [c.value for c in next(r for r in ws.iter_rows() if r[1].value and str(
        r[0].value).endswith("No."))]
    col = heads.index(other)
    rows = {r[name].value: r for r in ws.iter_rows() if r[name].value}
    figures = {"城镇开发边界面积": 74.91, "Urban development boundary": 74.91,
               "中期治理重点项目": 4, "Key mine projects 2026-2030": 4,
               "中期覆盖图斑数量": 6, "Patches covered 2026-2030": 6}
    found = {k: (rows[k][col].value, rows[k][col].data_type) for k in figures if k in rows}
    assert len(found) == 3, found
    assert found == {k: (figures[k], "n") for k in found}, found
    # the figures of a year keep their columns
    heads_2035 = heads.index("2035年目标\n2035 target" if lang == "zh" else "2035 target")
    assert rows[next(k for k in rows if k in ("永久基本农田面积", "Permanent basic farmland"))
                ][heads_2035].value == 202.8
