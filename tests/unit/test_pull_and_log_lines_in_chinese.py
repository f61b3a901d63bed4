# SPDX-License-Identifier: GPL-2.0-or-later
"""For a user who reads Chinese, the lines of a pull and of the log that name a row's
values name its layer by title and each field by its label, as the lines above them do;
the English line a pull says first stays as it was, for scripts."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import both_noted_one_merged, cli_said, sent
from tests.unit.gpkg_factory import edit, make_gpkg


def test_a_value_replaced_is_named_by_layer_title_and_field_label(tmp_path, capsys,
                                                                   monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    edit(master, "UPDATE patch_verifications SET notes = NULL")  # (the ancestor: empty)
    _, two = both_noted_one_merged(capsys, master, tmp_path)
    assert sent(capsys, two, master, tmp_path / "two.zip")[0] == errors.CONFLICTS
    uuid, code = sqlite3.connect(master).execute(
        "SELECT uuid, patch_code FROM patch_verifications").fetchone()
    ours = sqlite3.connect(master).execute("SELECT ours FROM sync_conflicts").fetchone()[0]
    side = "ours" if ours == '"one says"' else "theirs"  # one's value kept, two's replaced
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    said = cli_said(capsys, "conflicts", master)[1]
    assert "    ancestor null | " in said and "    共同祖先 空 ｜ " in said, said
    assert cli_said(capsys, "resolve", master, "1", "--take", side)[0] == errors.OK
    code_, said = cli_said(capsys, "pull", two, master)
    assert code_ == errors.OK, said
    lines = said.splitlines()
    english = f'    patch_verifications {uuid} ({code}) notes: "two says" -> "one says"'
    assert english in lines, said
    assert lines[lines.index(english) + 1] == \
        f'    图斑核查记录 {uuid}（{code}）的备注："two says" -> "one says"', said


def test_the_log_names_each_field_by_its_label(tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "tab")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = NULL")
    edit(pkg, "UPDATE patch_verifications SET notes = 'dry', verifier = 'Li'")
    code, said = cli_said(capsys, "log", pkg)
    assert code == errors.OK and "    notes: " in said and "    verifier: " in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "log", pkg)
    assert code == errors.OK, said
    assert '    备注：' in said and '-> "dry"' in said and '    核查人：' in said, said
    assert "notes" not in said and "verifier" not in said, said
    assert '    备注：空 -> "dry"' in said and "null" not in said, said  # (empty, as 空)
