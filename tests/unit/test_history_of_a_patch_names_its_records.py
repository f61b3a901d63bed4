# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER <patch code>` names the records on the patch (its
verifications), each with how many changes it has and the command that lists them: it said
only that the patch had no change since it was put in the master, while its verification
had been merged and settled five times."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli, sent
from tests.unit.gpkg_factory import edit

PATCH = "CT6504222017000026001"


def verified_and_sent(master, tmp_path, capsys) -> str:
    """A verification of PATCH in the master, edited in a field package and merged back (two
    changes of it, none of the patch): its uuid."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on) SELECT uuid, patch_code, 'Li', '2025-05-20' FROM mine_patches "
                 "WHERE patch_code = ?", PATCH)
    pkg = tmp_path / "tab.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'dry'")  # (its insert, then this)
    assert sent(capsys, pkg, master, tmp_path / "tab.zip")[0] == errors.OK
    (record,) = sqlite3.connect(master).execute(
        "SELECT uuid FROM patch_verifications").fetchone()
    return record


def test_history_by_a_patch_code_names_the_verifications_on_it(master, tmp_path, capsys,
                                                               monkeypatch):
    record = verified_and_sent(master, tmp_path, capsys)
    code, out, err = cli(capsys, "history", master, PATCH)
    assert code == errors.OK, out + err
    assert f"{PATCH} is row " in out, out  # the patch itself: no change of its own
    assert (f"{PATCH}: record {record} of patch_verifications ({PATCH} 2025-05-20) on it has "
            f"2 changes: `field-kit history {master} {record}` lists them") in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = cli(capsys, "history", master, PATCH)[1]
    assert (f"{PATCH} 上的图斑核查记录 {PATCH} 2025-05-20 有 2 项修改："
            f"`field-kit history {master} {record}` 可列出这些修改") in out, out


def test_a_code_typed_in_full_width_small_letters_or_with_spaces_is_read_as_the_plan_holds_it(
        master, capsys, monkeypatch):
    """As the import reads a patch code (a phone's keyboard in full-width, a code copied
    with a space): history said no row held it."""
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in PATCH)
    for typed in (full_width, PATCH.lower(), f" {PATCH[:6]} {PATCH[6:]}"):
        code, out, err = cli(capsys, "history", master, typed)
        assert code == errors.OK, out + err
        assert out.startswith(f"{typed!r} read as {PATCH} (spaces taken out, full-width "
                              "characters read as half-width, letters as capitals)\n"), out
        assert f"{PATCH} is row " in out, out
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = cli(capsys, "history", master, PATCH.lower())[1]
    assert f"“{PATCH.lower()}”按 {PATCH} 读取（去掉空格、全角字符改为半角、字母改为大写）" in out
    # a uuid, or a name as typed, is looked up as it is
    assert "read as" not in cli(capsys, "history", master, PATCH)[1]


def test_a_project_id_typed_in_small_letters_is_read_as_the_plan_writes_it(master, capsys):
    """The plan writes a project id P1-1: "p1-1" was no row's, while a merge takes the two
    for one code."""
    code, out, err = cli(capsys, "history", master, "p1-1")
    assert code == errors.OK, out + err
    assert out.startswith("'p1-1' read as P1-1 (spaces taken out, full-width characters "
                          "read as half-width, letters as capitals)\n"), out
    assert "P1-1 is row " in out, out
