# SPDX-License-Identifier: GPL-2.0-or-later
"""A device that edits a field twice, both edits meeting another device's value merged
before: only its later value is left to settle. The older one, kept aside in the same merge
(one package) or in the merge of its earlier package given in the same command, closes as
superseded; and each package's line counts the conflicts it recorded, those closed so said
apart, not "conflicts 0" above a conflict listed."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.sync import masters, package_checkout, package_export
from field_kit.sync.conflicts_now import conflicts
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.three_devices import CODE

NOTES = "UPDATE patch_verifications SET notes = ? WHERE uuid = ?"


def _two_devices(master, tmp_path) -> tuple[str, dict]:
    """A verification GIS staff entered, checked out by tab-1 and tab-2; its uuid and the
    packages."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
         "verified_on, notes) SELECT uuid, patch_code, '李四', '2026-11-20', 'GIS 初录' FROM "
         "mine_patches WHERE patch_code = ?", CODE)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                     CODE)[0]
    pkg = {d: tmp_path / f"{d}.gpkg" for d in ("tab-1", "tab-2")}
    for device in pkg:
        package_checkout.checkout(master, pkg[device], device, township="郭勒布依乡")
    return record, pkg


def _notes(pkg, record, *values) -> None:
    for value in values:
        time.sleep(0.01)  # (each edit later than the one before)
        edit(pkg, NOTES, value, record)


def test_the_older_value_in_the_same_package_closes(master, tmp_path, capsys, monkeypatch):
    record, pkg = _two_devices(master, tmp_path)
    _notes(pkg["tab-1"], record, "初记", "复绿良好")
    _notes(pkg["tab-2"], record, "边坡仍有裸露")  # (the latest: the master keeps it)
    for device in ("tab-2", "tab-1"):
        package_export.export(pkg[device], tmp_path / f"{device}.zip")
    masters.merge(master, [tmp_path / "tab-2.zip"])
    code, said = cli_said(capsys, "merge", master, tmp_path / "tab-1.zip")
    assert code == errors.CONFLICTS, said
    merge_id = masters.merges(master)[-1]["merge_id"]
    (left,) = conflicts(master, status="open")
    assert (left.device, left.theirs, left.ours) == ("tab-1", "复绿良好", "边坡仍有裸露")
    (older,) = [c for c in conflicts(master, status=None) if c.id != left.id]
    assert (older.theirs, older.status, older.resolution) == (
        "初记", "resolved", f"superseded:{merge_id}")
    assert f"1 open conflict closed as superseded ({older.id})" in said, said
    assert "conflicts 2 (1 to settle, 1 superseded by a later edit) in 2 changes" in said, \
        said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", master, "--every")
    assert f"关闭：tab-1 之后对该字段的修改已由合并 {merge_id} 合并" in said, said


def tab1_after_tab2(master, tmp_path) -> list:
    """tab-2's value merged; tab-1's later package, which edits the field twice, and its
    earlier one, to merge."""
    record, pkg = _two_devices(master, tmp_path)
    _notes(pkg["tab-1"], record, "初记")
    package_export.export(pkg["tab-1"], tmp_path / "t1b.zip")
    _notes(pkg["tab-1"], record, "补记", "复绿良好")
    package_export.export(pkg["tab-1"], tmp_path / "t1c.zip")
    _notes(pkg["tab-2"], record, "边坡仍有裸露")
    package_export.export(pkg["tab-2"], tmp_path / "t2.zip")
    masters.merge(master, [tmp_path / "t2.zip"])
    return [tmp_path / "t1c.zip", tmp_path / "t1b.zip"]


def test_two_packages_of_one_device_in_one_merge(master, tmp_path, capsys, monkeypatch):
    """A supervisor's day: tab-1's earlier package and its later one, which edits the field
    twice, merged in one command after tab-2's value."""
    packages = tab1_after_tab2(master, tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "merge", master, *packages)
    assert code == errors.CONFLICTS, said
    (left,) = conflicts(master, status="open")
    assert (left.device, left.theirs) == ("tab-1", "复绿良好")
    closed = [c for c in conflicts(master, status=None) if c.id != left.id]
    assert sorted(c.theirs for c in closed) == ["初记", "补记"] and \
        {c.status for c in closed} == {"resolved"}, closed
    assert "conflicts 0" not in said, said
    assert "conflicts 1 superseded by a later edit in 1 change" in said, said
    assert "conflicts 2 (1 to settle, 1 superseded by a later edit) in 2 changes" in said, \
        said
    assert "冲突 1 项（已被同一设备之后的修改取代而关闭，涉及 1 项修改）" in said, said
    assert "冲突 2 项（其中 1 项待处理，1 项已被同一设备之后的修改取代而关闭，涉及 2 项修改）" \
        in said, said
