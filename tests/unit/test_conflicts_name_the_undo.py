# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict whose "ours" an undo-merge gave (settling another conflict of the field
taking its value kept aside): conflicts, and --json, name it as the value the undo took,
whose it was and who undid it, not as a value the master's device wrote, nor capture
switched off; and the conflict the undo named settles as asked."""

from __future__ import annotations

import json
import time

from field_kit import errors
from field_kit.sync import masters, package_checkout, package_export
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, rows
from tests.unit.three_devices import CODE

ROW = "CT6504222017000026001"


def _undone(master, tmp_path, capsys, *by: str) -> tuple[str, str]:
    """gis-2's delete of ROW kept aside against gis-1's later edit of it, then gis-1's merge
    undone (``by``: undo-merge's --by and its name): its id and what the undo said."""
    devices = ("gis-1", "gis-2")
    for device in devices:
        assert cli_said(capsys, "checkout", master, tmp_path / f"{device}.gpkg", "--device",
                        device, "--role", "gis")[0] == errors.OK
    edit(tmp_path / "gis-2.gpkg", "DELETE FROM mine_patches WHERE patch_code = ?", ROW)
    time.sleep(0.01)
    edit(tmp_path / "gis-1.gpkg", "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE "
         "patch_code = ?", ROW)
    for device in devices:
        assert cli_said(capsys, "export", tmp_path / f"{device}.gpkg",
                        tmp_path / f"{device}.zip")[0] == errors.OK
        code, said = cli_said(capsys, "merge", master, tmp_path / f"{device}.zip")
        assert code in (errors.OK, errors.CONFLICTS), said
    merge_id = next(m["merge_id"] for m in masters.merges(master) if m["device"] == "gis-1")
    code, said = cli_said(capsys, "undo-merge", master, merge_id, *by)
    assert code == errors.OK, said
    return merge_id, said


def _two_kept_aside(master, tmp_path) -> str:
    """tab-2's and tab-3's notes of a record, each kept aside against tab-1's later ones,
    then tab-1's merge undone by 王科长: it takes tab-3's, the later, and leaves tab-2's
    conflict open against it. Returns the merge undone."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
         "verified_on, notes) SELECT uuid, patch_code, '李四', '2026-11-20', 'GIS 初录' FROM "
         "mine_patches WHERE patch_code = ?", CODE)
    (record,) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_code = ?",
                     CODE)[0]
    merged = {}
    for device in ("tab-2", "tab-3", "tab-1"):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, township="郭勒布依乡")
        edit(pkg, "UPDATE patch_verifications SET notes = ? WHERE uuid = ?", device, record)
        package_export.export(pkg, tmp_path / f"{device}.zip")
        time.sleep(0.01)  # (each edit later than the one before)
    for device in ("tab-1", "tab-2", "tab-3"):
        merged[device] = masters.merge(master, [tmp_path / f"{device}.zip"]
                                       ).results[-1].merge_id
    masters.undo(master, merged["tab-1"], by="王科长")
    return merged["tab-1"]


def test_conflicts_and_resolve_name_the_undo(master, tmp_path, capsys, monkeypatch):
    merge_id = _two_kept_aside(master, tmp_path)
    code, said = cli_said(capsys, "conflicts", master)
    assert code == errors.CONFLICTS and "#1 open" in said and "#2" not in said, said
    assert f"the master holds the value the undo of merge {merge_id} took from conflict 2: " \
        "tab-3's, given at " in said and "(undone by 王科长) (ours)" in said, said
    assert "capture was off" not in said and "master gave" not in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", master)
    assert f"主库现为：撤销合并 {merge_id} 时从冲突 2 采用的值：tab-3 于 " in said, said
    assert "（由 王科长 撤销）（ours）" in said, said
    assert "变更捕获关闭" not in said and "主库 于 " not in said, said
    monkeypatch.delenv("FIELD_KIT_LANG")
    # --json names it so too
    code, out, _ = cli(capsys, "conflicts", master, "--json")
    (c,) = json.loads(out)
    assert (c["ours_from"]["device"], c["ours_from"]["origin"], c["ours_from"]["undo_of"],
            c["ours_from"]["undone_by"]) == ("tab-3", "resolve:2", merge_id, "王科长"), c
    # the undo named the conflict and set its "ours" to what the row holds: settled as asked
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.OK, said
    assert "capture was off" not in said, said
