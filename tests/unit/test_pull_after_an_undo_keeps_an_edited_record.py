# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge undone in the master while the package that sent it edited the record it added
since (a technician's note typed again, not exported yet): the pull keeps the package's
record, in a conflict with the master's delete, and counts that conflict as `conflicts`
and `status` list it. It said "conflicts 0" over the line naming the conflict, and took
the delete for one of a row the master holds again."""

from __future__ import annotations

import json

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows

TOWNSHIP = "郭勒布依乡"


def test_the_pull_counts_the_conflict_it_keeps_the_record_in(master, tmp_path, capsys):
    pkg, z = tmp_path / "t.gpkg", tmp_path / "c.zip"
    assert cli_said(capsys, "init", master)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "t3", "--role",
                          "technician", "--township", TOWNSHIP)
    assert code == errors.OK, said
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
              "remediation_status, verifier, verified_on, notes) SELECT uuid, patch_code, "
              "'10', 'B', 'Li', '2025-06-01', 'first' FROM mine_patches WHERE township = ? "
              "LIMIT 1", TOWNSHIP)
    assert cli_said(capsys, "export", pkg, z)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, z, "--json")
    merge_id = json.loads(said[said.index("{"):])["merges"][0]["merge_id"]
    assert cli_said(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'typed again' WHERE verifier = 'Li'")
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.CONFLICTS, said
    assert "conflicts 1 to settle in 1 change" in said, said
    assert "the package keeps the row; the master deleted it" in said, said
    assert rows(pkg, "SELECT notes FROM patch_verifications WHERE verifier = 'Li'") == [
        ("typed again",)]
    code, said = cli_said(capsys, "conflicts", pkg)
    assert code == errors.CONFLICTS and "\n1 conflict\n" in said, said


def test_a_qfield_projects_conflict_is_listed_by_its_folder(master, tmp_path, capsys):
    """The same in a QField project: `conflicts` given the folder, as `status` and `pull`
    are, lists what status counts (it refused a folder)."""
    folder, z = tmp_path / "t-q", tmp_path / "c.zip"
    assert cli_said(capsys, "init", master)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", master, folder, "--device", "t4", "--township",
                          TOWNSHIP, "--for", "qfield")
    assert code == errors.OK, said
    pkg = folder / "package.gpkg"
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
              "remediation_status, verifier, verified_on, notes) SELECT uuid, patch_code, "
              "'10', 'B', 'Li', '2025-06-01', 'first' FROM mine_patches WHERE township = ? "
              "LIMIT 1", TOWNSHIP)
    assert cli_said(capsys, "export", folder, z)[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, z, "--json")
    merge_id = json.loads(said[said.index("{"):])["merges"][0]["merge_id"]
    assert cli_said(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'typed again' WHERE verifier = 'Li'")
    assert cli_said(capsys, "pull", folder, master)[0] == errors.CONFLICTS
    assert "open conflicts 1" in cli_said(capsys, "status", folder)[1]
    code, said = cli_said(capsys, "conflicts", folder)
    assert code == errors.CONFLICTS and "\n1 conflict\n" in said, said
