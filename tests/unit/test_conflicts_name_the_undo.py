# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict's row whose value an undo-merge put back (a value from before the change
log, which no recorded edit gave): conflicts name the undo as what gave it, not capture
switched off, and the conflict the undo named settles as asked."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.sync import masters
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit

ROW = "CT6504222017000026001"


def _undone(master, tmp_path, capsys) -> str:
    """gis-2's delete of ROW kept aside against gis-1's later edit of it, then gis-1's
    merge undone: its id."""
    for device in ("gis-1", "gis-2"):
        assert cli_said(capsys, "checkout", master, tmp_path / f"{device}.gpkg", "--device",
                        device, "--role", "gis")[0] == errors.OK
    edit(tmp_path / "gis-2.gpkg", "DELETE FROM mine_patches WHERE patch_code = ?", ROW)
    time.sleep(0.01)
    edit(tmp_path / "gis-1.gpkg", "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE "
         "patch_code = ?", ROW)
    for device in ("gis-1", "gis-2"):
        assert cli_said(capsys, "export", tmp_path / f"{device}.gpkg",
                        tmp_path / f"{device}.zip")[0] == errors.OK
        code, said = cli_said(capsys, "merge", master, tmp_path / f"{device}.zip")
        assert code in (errors.OK, errors.CONFLICTS), said
    merge_id = next(m["merge_id"] for m in masters.merges(master) if m["device"] == "gis-1")
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    return merge_id


def test_conflicts_and_resolve_name_the_undo(master, tmp_path, capsys, monkeypatch):
    merge_id = _undone(master, tmp_path, capsys)
    code, said = cli_said(capsys, "conflicts", master)
    assert "the master holds the value master gave at " in said, said
    assert f"(undoing merge {merge_id}) (ours)" in said, said
    assert "capture was off" not in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "conflicts", master)
    assert "主库现为：主库 于 " in said and f"（撤销合并 {merge_id}）（ours）" in said, said
    assert "变更捕获关闭" not in said, said
    monkeypatch.delenv("FIELD_KIT_LANG")
    # the undo named the conflict and set its "ours" to what the row holds: settled as asked
    code, said = cli_said(capsys, "resolve", master, "1", "--take", "theirs")
    assert code == errors.OK, said
    assert "capture was off" not in said, said
