# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's value kept aside in a conflict the undo of another merge left open: the
technician edits the field again, pulls, and the package is merged again. That later edit,
merged, replaces the value kept aside: the first conflict closes as superseded, naming the
merge, and conflicts and history say so (in Chinese too), not left open for ever. So does a
later edit back to the value the master holds: the merge has nothing to write, yet that edit
is what the device asks for now."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.sync import masters, package_checkout, package_export, pull
from field_kit.sync.conflicts_now import conflicts
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.three_devices import CODE

NOTES = "UPDATE patch_verifications SET notes = ? WHERE uuid = ?"


def _a_record(master) -> str:
    """A verification GIS staff entered in the master; its uuid."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
         "verified_on, notes) SELECT uuid, patch_code, '李四', '2026-11-20', 'GIS 初录' FROM "
         "mine_patches WHERE patch_code = ?", CODE)
    return rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?", CODE)[0][0]


def _left_open(master, tmp_path) -> tuple[str, dict]:
    """tab-2's notes (older than GIS staff's, in the master) kept aside against tab-1's,
    then tab-1's merge undone: the conflict stays open against GIS staff's value. Returns
    the record's uuid and the packages."""
    record = _a_record(master)
    pkg = {d: tmp_path / f"{d}.gpkg" for d in ("tab-1", "tab-2")}
    package_checkout.checkout(master, pkg["tab-2"], "tab-2", township="郭勒布依乡")
    edit(pkg["tab-2"], NOTES, "t2", record)
    time.sleep(0.01)
    edit(master, NOTES, "GIS 复核", record)
    time.sleep(0.01)
    package_checkout.checkout(master, pkg["tab-1"], "tab-1", township="郭勒布依乡")
    edit(pkg["tab-1"], NOTES, "t1", record)
    merged = {}
    for device in ("tab-1", "tab-2"):
        package_export.export(pkg[device], tmp_path / f"{device}.zip")
        merged[device] = masters.merge(master, [tmp_path / f"{device}.zip"]
                                       ).results[-1].merge_id
    masters.undo(master, merged["tab-1"], by="王科长")
    (first,) = conflicts(master, status="open")
    assert (first.device, first.theirs, first.ours) == ("tab-2", "t2", "GIS 复核")
    return record, pkg


def test_a_later_edit_of_the_same_device_merged_closes_the_first(master, tmp_path, capsys,
                                                                  monkeypatch):
    record, pkg = _left_open(master, tmp_path)
    time.sleep(0.01)
    edit(pkg["tab-2"], NOTES, "t2 复查后", record)
    pull.pull(pkg["tab-2"], master)
    package_export.export(pkg["tab-2"], tmp_path / "again.zip")
    code, said = cli_said(capsys, "merge", master, tmp_path / "again.zip")
    assert code in (errors.OK, errors.CONFLICTS), said
    again = masters.merges(master)[-1]["merge_id"]
    assert "1 open conflict closed as superseded (1)" in said, said
    pull.pull(pkg["tab-2"], master)
    first = next(c for c in conflicts(master, status=None) if c.id == 1)
    assert (first.status, first.resolution, first.resolved_by) == (
        "resolved", f"superseded:{again}", "tab-2")
    # the technician's new value is what the master holds: nothing of it kept aside
    assert rows(master, "SELECT notes FROM patch_verifications WHERE uuid = ?",
                record) == [("t2 复查后",)]
    code, said = cli_said(capsys, "history", master, record)
    assert "conflict 1 closed as superseded: the same device's later edit" in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert f"closed as superseded: tab-2's later edit of the field, merged by merge {again}" \
        in said, said
    assert f"关闭：tab-2 之后对该字段的修改已由合并 {again} 合并" in said, said
    code, said = cli_said(capsys, "history", master, record)
    assert "冲突 1 已被同一设备之后的修改取代" in said, said


def test_a_later_edit_to_the_masters_value_closes_the_conflict(master, tmp_path, capsys):
    record = _a_record(master)
    pkg = {d: tmp_path / f"{d}.gpkg" for d in ("tab-1", "tab-2")}
    for device in pkg:
        package_checkout.checkout(master, pkg[device], device, township="郭勒布依乡")
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
