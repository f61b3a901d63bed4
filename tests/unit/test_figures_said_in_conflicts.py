# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit conflicts` writes an area as the reports, the dialogs and Chinese history write
it (61,000 and 52,500.5, not 61000.0), in English and in Chinese; a value that is no figure
stays as it is, and ``--json`` keeps the values as they are held, for scripts."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows


def _areas_in_conflict(setup, capsys) -> tuple[str, str]:
    """One verification's measured area written 61000 by tab-a and 52500.5 by tab-b, its
    note "a" and "b", merged in that order (the later edit held): the master and the
    verification's uuid."""
    master, a, b, tmp = setup
    ((row,),) = rows(master, "SELECT uuid FROM patch_verifications ORDER BY fid LIMIT 1")
    for pkg, area, note in ((a, 61000.0, "a"), (b, 52500.5, "b")):
        edit(pkg, "UPDATE patch_verifications SET measured_area_m2 = ?, notes = ? "
             "WHERE uuid = ?", area, note, row)
        assert cli(capsys, "export", pkg, tmp / f"{note}.zip")[0] == errors.OK
        assert cli(capsys, "merge", master, tmp / f"{note}.zip")[0] in (errors.OK,
                                                                       errors.CONFLICTS)
    return master, row


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_conflicts_write_an_area_as_the_reports_do(setup, capsys, monkeypatch, lang):
    master, _ = _areas_in_conflict(setup, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    code, out, err = cli(capsys, "conflicts", master)
    assert code == errors.CONFLICTS, out + err
    lines = out.splitlines()
    assert "    ancestor null | ours 52,500.5 | theirs 61,000" in lines, lines
    assert '    ancestor null | ours "b" | theirs "a"' in lines, lines  # (text as it was)
    if lang == "zh":
        assert "    共同祖先 空 ｜ 主库现值（ours）52,500.5 ｜ 另一方（theirs）61,000" in lines, \
            lines
        assert '    共同祖先 空 ｜ 主库现值（ours）"b" ｜ 另一方（theirs）"a"' in lines, lines
    assert not [line for line in lines if "61000" in line or "52500" in line], lines
    # (for scripts, the values as held)
    listed = json.loads(cli(capsys, "conflicts", master, "--json")[1])
    (area,) = [c for c in listed if c["field"] == "measured_area_m2"]
    assert (area["ours"], area["theirs"]) == (52500.5, 61000.0), area


def test_history_in_chinese_writes_an_area_in_conflict_as_the_reports_do(
        setup, capsys, monkeypatch):
    master, row = _areas_in_conflict(setup, capsys)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "history", master, row)
    assert code == errors.OK, out + err
    (said,) = [line for line in out.splitlines() if line.startswith("  #")
               and "核查面积" in line]
    assert "主库现值 52,500.5，另一值 61,000；" in said, said
