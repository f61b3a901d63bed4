# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician whose notes were kept aside in a conflict edits them again to the value the
master holds: the merge finds nothing to write, yet that later edit is what the device asks
for now, so its older value closes as superseded, said in the merge and in conflicts."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.sync import masters, packages
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.three_devices import CODE

NOTES = "UPDATE patch_verifications SET notes = ? WHERE uuid = ?"


def test_a_later_edit_to_the_masters_value_closes_the_conflict(master, tmp_path, capsys):
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
         "verified_on, notes) SELECT uuid, patch_code, '李四', '2026-11-20', 'GIS 初录' FROM "
         "mine_patches WHERE patch_code = ?", CODE)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                     CODE)[0]
    pkg = {d: tmp_path / f"{d}.gpkg" for d in ("tab-1", "tab-2")}
    for device in pkg:
        packages.checkout(master, pkg[device], device, township="郭勒布依乡")
    for device in pkg:  # (tab-2's the later edit: the master keeps it, tab-1's kept aside)
        time.sleep(0.01)
        edit(pkg[device], NOTES, f"{device} 的记录", record)
    for device in pkg:
        cli_said(capsys, "export", pkg[device], tmp_path / f"{device}.zip")
        cli_said(capsys, "merge", master, tmp_path / f"{device}.zip")
    (first,) = masters.conflicts(master, status="open")
    assert (first.device, first.theirs, first.ours) == ("tab-1", "tab-1 的记录", "tab-2 的记录")
    time.sleep(0.01)
    edit(pkg["tab-1"], NOTES, "tab-2 的记录", record)  # (what the master holds)
    code, said = cli_said(capsys, "export", pkg["tab-1"], tmp_path / "again.zip")
    assert code == errors.OK, said
    code, said = cli_said(capsys, "merge", master, tmp_path / "again.zip")
    assert code == errors.OK, said
    again = masters.merges(master)[-1]["merge_id"]
    assert "already applied 1" in said and \
        f"1 open conflict closed as superseded ({first.id})" in said, said
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert f"closed as superseded: tab-1's later edit of the field, merged by merge {again}" \
        in said, said
    assert masters.conflicts(master, status="open") == []
