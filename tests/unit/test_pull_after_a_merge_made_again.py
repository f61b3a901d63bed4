# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge undone, then the same package merged again: the master deleted the package's new
record and has it again, as the package holds it. The pull into that package changes
nothing and says so; it said "applied 1" and "brought 1 row now in this package's
township or area" for a record it held all along."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from field_kit import errors
from tests.unit import undone_made_again as made_again
from tests.unit.cli_run import cli_said, sent
from tests.unit.gpkg_factory import edit

TOWNSHIP = "郭勒布依乡"


def test_a_pull_after_an_undo_and_the_merge_made_again_changes_nothing(master, tmp_path,
                                                                       capsys):
    pkg, z = tmp_path / "t.gpkg", tmp_path / "c.zip"
    assert cli_said(capsys, "init", master)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "t3", "--role",
                          "technician", "--township", TOWNSHIP)
    assert code == errors.OK, said
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
              "remediation_status, verifier, verified_on) SELECT uuid, patch_code, '10', 'B', "
              "'Li', '2025-06-01' FROM mine_patches WHERE township = ? LIMIT 1", TOWNSHIP)
    assert cli_said(capsys, "export", pkg, z)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, z, "--json")
    merge_id = json.loads(said[said.index("{"):])["merges"][0]["merge_id"]
    assert cli_said(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert cli_said(capsys, "merge", master, z, "--again-undone")[0] == errors.OK
    before = sqlite3.connect(pkg).execute(
        "SELECT uuid, verifier, verified_on FROM patch_verifications").fetchall()
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "applied 0, already 1, conflicts 0" in said and "now in this package's" not in said, said
    assert sqlite3.connect(pkg).execute(
        "SELECT uuid, verifier, verified_on FROM patch_verifications").fetchall() == before


@pytest.fixture
def technician(master, tmp_path, capsys):
    """The master initialised and the technician's package of one township."""
    assert cli_said(capsys, "init", master)[0] == errors.OK
    pkg = tmp_path / "w.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", made_again.DEVICE,
                          "--role", "technician", "--township", TOWNSHIP)
    assert code == errors.OK, said
    return pkg


def test_an_edit_after_the_merge_made_again_meets_no_delete(master, technician, capsys):
    """The record the undo deleted is in the master again: the technician's edit of it since
    meets no delete at the pull, and nothing is left to settle."""
    z, row = made_again.new_record(master, technician)
    made_again.merged_again(master, z)
    edit(technician, "UPDATE patch_verifications SET notes = '第二次' WHERE uuid = ?", row)
    code, said = cli_said(capsys, "pull", technician, master)
    assert code == errors.OK, said
    assert "conflicts 0" in said and "deleted" not in said, said
    assert made_again.open_conflicts(technician) == 0
    assert made_again.notes(technician, row) == "第二次"
    assert made_again.notes(master, row) == "第一次"
    assert "open conflicts 0" in cli_said(capsys, "status", technician)[1]
    code, said = sent(capsys, technician, master, technician.with_name("w2.zip"))
    assert code == errors.OK and "conflicts 0" in said, said
    assert made_again.notes(master, row) == "第二次"


def test_an_edit_of_an_update_made_again_meets_no_undo(master, technician, capsys):
    """An update the undo reverted, in the master again: the technician's later edit of the
    field meets nothing at the pull."""
    edit(technician, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, notes) "
                     "SELECT uuid, patch_code, 'Li', 'A' FROM mine_patches LIMIT 1")
    assert sent(capsys, technician, master, technician.with_name("w0.zip"))[0] == errors.OK
    row = made_again.value(technician, "SELECT uuid FROM patch_verifications WHERE notes = 'A'")
    z = made_again.sent_undone(master, technician,
                               "UPDATE patch_verifications SET notes = 'B' WHERE uuid = ?", row)
    made_again.merged_again(master, z)
    edit(technician, "UPDATE patch_verifications SET notes = 'C' WHERE uuid = ?", row)
    code, said = cli_said(capsys, "pull", technician, master)
    assert code == errors.OK and "conflicts 0" in said, said
    assert made_again.open_conflicts(technician) == 0
    assert made_again.notes(technician, row) == "C"


def test_a_pull_after_the_merge_made_again_writes_nothing(master, technician, capsys):
    """No edit since: the pull neither deletes the record nor brings it back."""
    z, row = made_again.new_record(master, technician)
    made_again.merged_again(master, z)
    assert cli_said(capsys, "pull", technician, master)[0] == errors.OK
    assert made_again.pulled_writes(technician) == 0
    assert made_again.notes(technician, row) == "第一次"


def test_a_pull_between_the_undo_and_the_merge_made_again(master, technician, capsys):
    """Pulled after the undo (the record gone from the package), then after the merge made
    again: the record comes back as the master's change applied, not as a record that moved
    into the package's township."""
    z, row = made_again.new_record(master, technician)
    code, said = cli_said(capsys, "pull", technician, master)
    assert code == errors.OK and "undid the merge" in said, said
    assert made_again.value(technician, "SELECT count(*) FROM patch_verifications WHERE "
                                        "uuid = ?", row) == 0
    made_again.merged_again(master, z)
    code, said = cli_said(capsys, "pull", technician, master)
    assert code == errors.OK, said
    assert "applied 1, already 0, conflicts 0" in said and "now in this package's" not in said, said
    assert made_again.notes(technician, row) == "第一次"
    assert made_again.open_conflicts(technician) == 0


def test_history_lists_the_merge_made_again_after_the_undo(master, technician, capsys):
    """The merge made again keeps the technician's times, earlier than the undo's: history
    lists the changes as the master made them, the record's last change its insert again."""
    z, row = made_again.new_record(master, technician,
                                     before_undo=lambda: time.sleep(1.1))  # (its seconds)
    made_again.merged_again(master, z)
    code, said = cli_said(capsys, "history", master, row)
    assert code == errors.OK, said
    heads = [line.split()[0] for line in said.splitlines() if row in line]
    assert heads == ["1", "2", "3"], said
