# SPDX-License-Identifier: GPL-2.0-or-later
"""History in Chinese, as a county supervisor who reads only Chinese reads it: each row by
its name (a patch by its code, a record by its layer's title and its label), not its uuid;
a value after a Chinese colon, a figure as the reports write it (60,000, not 60000.0). The
English lines keep the row's uuid, for scripts (the figures written as the reports do)."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"
RECORD = f"{CODE} 2026-11-30"  # a verification by its patch and its day


def _verified(master) -> tuple[str, str]:
    """A verification of the patch ``CODE`` edited, and the patch edited: their uuids."""
    verify(master, CODE)
    edit(master, "UPDATE patch_verifications SET remediation_status = 'C'")
    edit(master, "UPDATE mine_patches SET geometry_source = 'surveyed' WHERE patch_code = ?",
         CODE)
    return (rows(master, "SELECT uuid FROM patch_verifications")[0][0],
            rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", CODE)[0][0])


def _history(capsys, monkeypatch, lang: str, *argv) -> list[str]:
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "history", *argv)
    assert code == errors.OK, err
    return out.splitlines()


def test_history_in_chinese_names_a_record_and_a_patch_not_their_uuids(
        master, capsys, monkeypatch):
    record, patch = _verified(master)
    lines = _history(capsys, monkeypatch, "zh", master, record)
    heads = [line for line in lines if not line.startswith(" ")]
    assert len(heads) == 2 and all(record not in line for line in heads), lines
    assert " 本机 新增 图斑核查记录 " + RECORD + " 变更 " in heads[0], heads
    assert " 本机 修改 图斑核查记录 " + RECORD + " 变更 " in heads[1], heads
    (head,) = [line for line in _history(capsys, monkeypatch, "zh", master, patch)
               if not line.startswith(" ")]
    assert f" 本机 修改 历史遗留矿山图斑 {CODE} 变更 " in head and patch not in head, head
    # the records on a patch asked by its code, each by its label (its uuid in the command)
    said = _history(capsys, monkeypatch, "zh", master, CODE)
    assert any(f"{CODE} 上的图斑核查记录 {RECORD} 有 2 项修改：`field-kit history " in line
               for line in said), said
    # in English, the uuid scripts read; a figure as the reports write it
    lines = _history(capsys, monkeypatch, "en", master, record)
    assert f" master local insert patch_verifications {record} change " in lines[0], lines
    assert "    measured_area_m2: 60,000" in lines, lines


def test_history_in_chinese_writes_its_colon_and_figures_as_chinese_and_the_reports_do(
        master, capsys, monkeypatch):
    record, _ = _verified(master)
    lines = _history(capsys, monkeypatch, "zh", master, record)
    values = [line for line in lines if line.startswith("    ")]
    assert "    核查面积（平方米）：60,000" in values, values
    assert "    已治理面积（平方米）：50,000" in values, values
    assert '    恢复治理情况："B"（已恢复治理） -> "C"（治理中）' in values, values
    assert not [v for v in values if ": " in v or ".0" in v], values
