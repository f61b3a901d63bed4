# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge undone, then the same package merged again: the master deleted the package's new
record and has it again, as the package holds it. The pull into that package changes
nothing and says so; it said "applied 1" and "brought 1 row now in this package's
township or area" for a record it held all along."""

from __future__ import annotations

import json
import sqlite3

from field_kit import errors
from tests.unit.cli_run import cli_said
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
    assert cli_said(capsys, "merge", master, z)[0] == errors.OK
    before = sqlite3.connect(pkg).execute(
        "SELECT uuid, verifier, verified_on FROM patch_verifications").fetchall()
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "applied 0, already 1, conflicts 0" in said and "row(s) now in" not in said, said
    assert sqlite3.connect(pkg).execute(
        "SELECT uuid, verifier, verified_on FROM patch_verifications").fetchall() == before
