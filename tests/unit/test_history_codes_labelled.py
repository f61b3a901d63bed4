# SPDX-License-Identifier: GPL-2.0-or-later
"""``history`` and ``log`` show a coded value with its code list's label after it, as the
conflicts listing does ("B"（已恢复治理）, "schematic" (Schematic …)), in both languages."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"


def _edited(master) -> str:
    verify(master, CODE)
    edit(master, "UPDATE patch_verifications SET remediation_status = 'C'")
    edit(master, "UPDATE mine_patches SET geometry_source = 'surveyed' WHERE patch_code = ?",
         CODE)
    return rows(master, "SELECT uuid FROM patch_verifications")[0][0]


@pytest.mark.parametrize("lang, status, source", [
    ("zh", '    恢复治理情况："B"（已恢复治理） -> "C"（治理中）\n',
     '    几何来源："schematic"（示意（依据规划文本绘制）） -> "surveyed"（实测（用户导入））\n'),
    ("en", '    remediation_status: "B" (Restored) -> "C" (Work in progress)\n',
     '    geometry_source: "schematic" (Schematic (drawn from the plan\'s text)) -> '
     '"surveyed" (Surveyed (imported by the user))\n'),
])
def test_history_and_log_show_codes_with_their_labels(master, capsys, monkeypatch, lang,
                                                      status, source):
    row = _edited(master)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "history", master, row)
    assert code == errors.OK, err
    assert status in out, out
    code, out, err = cli(capsys, "log", master, "--limit", "1")
    assert code == errors.OK, err
    assert source in out, out
