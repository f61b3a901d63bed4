# SPDX-License-Identifier: GPL-2.0-or-later
"""A project inspection far beyond its target (a unit or a digit slipped: 万公顷 typed for
万亩) is counted as recorded and named beside the figures, as a patch area far beyond its
patch's is: in the command's cautions and the Excel report's, in Chinese and English."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.reports.progress import progress
from field_kit.sync import merge, package_checkout, package_export
from tests.unit.test_progress import run_cli, target_uuid


def _inspect_in_qgis(pkg, quantity, unit: str, inspector: str, on: str) -> str:
    """An inspection of P4-1 封育 (target 5 万亩) added as a QGIS or QField form adds it:
    a row written straight to the layer, no warning as it is typed."""
    conn = connect(pkg)
    t_uuid, p_uuid = target_uuid(conn, "P4-1", "封育")
    conn.execute("INSERT INTO project_inspections (project_uuid, project_id, target_uuid, "
                 "completed_quantity, unit, inspector, inspected_on) VALUES (?, 'P4-1', ?, ?, "
                 "?, ?, ?)", (p_uuid, t_uuid, quantity, unit, inspector, on))
    uuid = conn.execute("SELECT uuid FROM project_inspections ORDER BY fid DESC "
                        "LIMIT 1").fetchone()[0]
    conn.close()
    return uuid


def _merged(master, tmp_path, quantity, unit: str, on: str = "2026-11-25") -> str:
    pkg = tmp_path / "tech.gpkg"
    package_checkout.checkout(master, pkg, "tech")
    uuid = _inspect_in_qgis(pkg, quantity, unit, "马工", on)
    package_export.export(pkg, tmp_path / "tech.zip")
    merge.merge(master, [tmp_path / "tech.zip"])
    return uuid


def test_an_inspection_ten_times_its_target_is_named(master, tmp_path, capsys, chinese_locale):
    _merged(master, tmp_path, 3.3333, "万公顷")
    p = progress(master)
    t = next(t for t in p.targets if t.project_id == "P4-1" and t.target_zh == "封育")
    assert t.completed == pytest.approx(49.9995)  # counted as recorded
    said = [c for c in p.cautions if c.patch_code == "P4-1"]
    assert len(said) == 1, [c.text.en for c in p.cautions]
    zh, en = said[0].text.zh, said[0].text.en
    for words in ("P4-1", "封育", "5 万亩", "2026-11-25", "马工", "3.3333 万公顷",
                  "49.9995 万亩", "1000.0%", "2 倍"):
        assert words in zh, (words, zh)
    for words in ("P4-1", "Enclosure", "5 10⁴ mu", "2026-11-25", "马工",
                  "3.3333 10⁴ ha", "49.9995 10⁴ mu", "1000.0%", "more than 2 times"):
        assert words in en, (words, en)
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    assert zh in out and en in out
    openpyxl = pytest.importorskip("openpyxl")
    from field_kit.reports.xlsx import write_xlsx
    write_xlsx(master, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["注意事项"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "P4-1" in cells and zh in cells and en in cells and "无" not in cells


def test_an_inspection_within_twice_its_target_is_not_a_caution(master, tmp_path):
    """Done beyond the plan (a little more enclosed than planned) is no slip: twice the
    target is the line, as for an area against its patch's."""
    _merged(master, tmp_path, 10, "万亩")
    p = progress(master)
    assert not [c for c in p.cautions if c.patch_code == "P4-1"], [c.text.en for c in p.cautions]


def test_a_count_target_far_beyond_is_named_not_an_internal_error(master, capsys):
    """60 typed for 25 villages greened (a target counted in 个): progress and both reports
    stopped with an internal error (a count word is no unit to convert), so one slip stopped
    the county's reporting."""
    from tests.unit.test_progress import inspect
    conn = connect(master)
    inspect(conn, "P4-4", "村庄绿化", 60, "个", on="2025-06-01")
    conn.close()
    p = progress(master)
    (said,) = [c.text for c in p.cautions if c.patch_code == "P4-4"]
    assert "完成数量 60 个，为目标的 240.0%，超过目标的 2 倍，已照录计入" in said.zh, said.zh
    assert "gives 60 villages, 240.0% of the target, more than 2 times it" in said.en, said.en
    assert run_cli("progress", master) == errors.OK


def test_a_reading_without_a_unit_or_below_zero_is_named(master):
    """An inspection written without its unit was counted in the target's, and a caution
    then named that unit as recorded; a quantity under 0 (no form saves it) was counted
    without a word; an inspection naming no target was left out unsaid."""
    from tests.unit.test_progress import inspect
    conn = connect(master)
    below = inspect(conn, "P4-2", "退化林修复", 2, "万亩", on="2025-04-02")
    conn.execute("UPDATE project_inspections SET completed_quantity = -2 WHERE uuid = ?",
                 (below,))
    bare = inspect(conn, "P4-1", "封育", 1.5, "万亩", on="2025-04-02")
    conn.execute("UPDATE project_inspections SET unit = NULL WHERE uuid = ?", (bare,))
    lost = inspect(conn, "P4-1", "封育", 1, "万亩", on="2025-03-01")
    conn.execute("UPDATE project_inspections SET target_uuid = NULL WHERE uuid = ?", (lost,))
    conn.commit()
    conn.close()
    said = [c.text.en for c in progress(master).cautions]
    assert any(t.startswith("project P4-2, target ") and "the latest inspection (2025-04-02, "
               "inspector 王工) gives a quantity below 0 (-2): counted as recorded, check it"
               in t for t in said), said
    assert any(t.startswith("project P4-1, target ") and "the latest inspection (2025-04-02, "
               "inspector 王工) gives no unit: its quantity, 1.5, is counted in the target's "
               "(10⁴ mu), check it" in t for t in said), said
    assert f"inspection {lost} (2025-03-01) of project P4-1 names no target: not counted" \
        in said, said


@pytest.mark.parametrize(("quantity", "unit", "counted"), [
    (2.5, "10⁴ mu", 2.5), (2.5, "10⁴  mu", 2.5), (0.1, "10⁴ ha", 1.5)])
def test_an_inspection_in_the_unit_as_the_reports_write_it_is_counted(master, tmp_path,
                                                                      quantity, unit, counted):
    """A quantity typed in a unit as the toolkit's English text writes it (``10⁴ mu``, as a
    report shows the target), spaces doubled as a hand types them: counted in the target's
    unit (万亩), no caution (it said "'10⁴ mu' does not convert to the target's unit '10⁴
    mu'")."""
    _merged(master, tmp_path, quantity, unit)
    p = progress(master)
    t = next(t for t in p.targets if t.project_id == "P4-1" and t.target_zh == "封育")
    assert t.completed == pytest.approx(counted)
    assert not [c for c in p.cautions if c.patch_code == "P4-1"], [c.text.en for c in p.cautions]
