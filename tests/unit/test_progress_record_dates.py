# SPDX-License-Identifier: GPL-2.0-or-later
"""A record's date compared as a day, not as text: one written another way than YYYY-MM-DD
(by another tool: the forms write YYYY-MM-DD) is read as the day it means and named among
the cautions; one that means no day is never the latest record, and is named too."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from field_kit.db import connect
from field_kit.reports.progress import progress
from field_kit.reports.xlsx import write_xlsx
from tests.unit.test_progress import by_code, inspect, photo_file, run_cli, verify

CODE = "CT6504222017000026002"


def written_as(master, table: str, uuid: str, value) -> None:
    """The record's date rewritten as another tool wrote it."""
    col = {"patch_verifications": "verified_on", "project_inspections": "inspected_on"}[table]
    conn = connect(master)
    conn.execute(f"UPDATE {table} SET {col} = ? WHERE uuid = ?", (value, uuid))
    conn.commit()
    conn.close()


def restored_then_untreated(master, tmp_path, written: str) -> str:
    """A patch restored on 2024-03-12 and another visit's record that found it untreated,
    dated ``written``; that record's uuid."""
    conn = connect(master)
    verify(conn, CODE, "B", measured=60000, treated=50000, on="2024-03-12",
           photos=[photo_file(tmp_path)])
    other = verify(conn, CODE, "A", measured=60000, on="2024-04-01")
    conn.close()
    written_as(master, "patch_verifications", other, written)
    return other


@pytest.fixture
def restored_then_slashed(master, tmp_path):
    """The record of an older visit dated 2024/01/05 ('/' sorts after '-': as text it read
    as the later)."""
    return master, restored_then_untreated(master, tmp_path, "2024/01/05")


def test_a_date_written_with_slashes_is_read_as_its_day_and_named(restored_then_slashed):
    master, older = restored_then_slashed
    p = progress(master)
    patch = by_code(p, CODE)
    assert (patch.status, patch.verifications, patch.restored_area_m2) == ("B", 2, 50000.0)
    assert p.as_of == "2024-03-12"
    named = [c for c in p.cautions if older in c.text.en]
    assert [(c.patch_code, c.text.en, c.text.zh) for c in named] == [(
        CODE, f"patch {CODE}: its verification {older} gives Date verified as '2024/01/05', "
        "not a date YYYY-MM-DD: read as 2024-01-05",
        f"图斑 {CODE} 的核查记录 {older} 核查日期为 '2024/01/05'，不是 YYYY-MM-DD 格式的日期，"
        "按 2024-01-05 计")]


@pytest.mark.parametrize("written", ["2024.5.20", "2024/5/20", "2024.05.20"])
def test_a_later_date_written_another_way_is_the_latest(master, tmp_path, written):
    restored_then_untreated(master, tmp_path, written)
    p = progress(master)
    assert by_code(p, CODE).status == "A" and p.as_of == "2024-05-20"
    assert any(f"as {written!r}, not a date YYYY-MM-DD: read as 2024-05-20" in c.text.en
               for c in p.cautions)


def test_a_date_that_means_no_day_is_never_the_latest_and_is_named(master, tmp_path):
    odd = restored_then_untreated(master, tmp_path, "last spring")
    p = progress(master)
    patch = by_code(p, CODE)
    assert (patch.status, patch.verifications) == ("B", 2) and p.as_of == "2024-03-12"
    said = next(c for c in p.cautions if odd in c.text.en)
    assert said.patch_code == CODE
    assert "gives Date verified as 'last spring', not a date: its place among the records " \
        "cannot be told, so it is never taken as the latest" in said.text.en
    assert "核查日期为 'last spring'，不是日期，无从判断先后，不作为最近的记录" in said.text.zh


def test_an_inspection_dated_another_way_is_compared_as_a_day(master):
    conn = connect(master)
    inspect(conn, "P1-1", "治理面积", 0.2, "平方千米", on="2024-05-10")
    earlier = inspect(conn, "P1-1", "治理面积", 0.05, "平方千米", on="2024-05-09")
    conn.close()
    written_as(master, "project_inspections", earlier, "2024.5.9")  # '.' sorts after '-'
    p = progress(master)
    target = next(t for t in p.targets if t.project_id == "P1-1" and t.completed is not None)
    assert (target.completed, target.inspected_on) == (0.2, "2024-05-10")
    assert p.as_of == "2024-05-10"
    said = next(c for c in p.cautions if earlier in c.text.en)
    assert said.patch_code == "P1-1"
    assert said.text.en == (f"project P1-1: its inspection {earlier} gives Date inspected as "
                            "'2024.5.9', not a date YYYY-MM-DD: read as 2024-05-09")
    assert said.text.zh.startswith(f"项目 P1-1 的检查记录 {earlier} 检查日期为 '2024.5.9'")


def test_the_report_date_compares_a_date_written_another_way_as_a_day(master, tmp_path):
    conn = connect(master)
    earlier = verify(conn, CODE, "B", measured=60000, treated=50000, on="2025-04-01",
                     photos=[photo_file(tmp_path)])
    conn.close()
    written_as(master, "patch_verifications", earlier, "2025/04/01")
    p = progress(master, date(2025, 5, 1))
    assert by_code(p, CODE).status == "B" and p.not_counted == 0 and p.as_of == "2025-04-01"


def test_the_report_and_the_command_name_the_same_dates(restored_then_slashed, tmp_path,
                                                        capsys):
    openpyxl = pytest.importorskip("openpyxl")
    master, older = restored_then_slashed
    out = write_xlsx(master, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["注意事项"].iter_rows(values_only=True) if older in str(r[3])]
    p = progress(master)
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (c.patch_code, c.text.zh, c.text.en) for c in p.cautions if older in c.text.en]
    ws = wb["注意事项"]
    assert ws["D2"].value == datetime(2024, 3, 12)  # records up to
    assert run_cli("progress", master) == 0
    said = capsys.readouterr().out
    assert "records up to 2024-03-12" in said and "'2024/01/05', not a date YYYY-MM-DD" in said
