# SPDX-License-Identifier: GPL-2.0-or-later
"""history names who undid a merge beside the changes its undo wrote, with the merge undone
and when: --by, else the user the command ran as, as a decision names who settled it; in
Chinese too. On a PostgreSQL master too (tests/postgis/test_history_names_who_undid.py)."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.messages_zh import device_in_chinese
from field_kit.sync import masters
from tests.unit.cli_run import cli, cli_said, history_json
from tests.unit.gpkg_factory import edit

ROW = "CT6504222017000026001"


def undone(master, tmp_path, capsys, *by: str) -> tuple[str, dict]:
    """gis-1's edit of ROW merged, then the merge undone (``by``: undo-merge's --by and its
    name, or none): the merge's id, and the change its undo wrote, as history --json
    gives it."""
    pkg = tmp_path / "gis-1.gpkg"
    assert cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role",
                    "gis")[0] == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE patch_code = ?", ROW)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    code, said = cli_said(capsys, "undo-merge", master, merge_id, *by)
    assert code == errors.OK, said
    code, out, _ = cli(capsys, "history", master, ROW, "--json")
    (change,) = [c for c in history_json(out)["changes"] if c["origin"] == f"undo:{merge_id}"]
    return merge_id, change


def names_who_undid(master, tmp_path, capsys, monkeypatch, session: bool = False) -> None:
    """``session``: a PostgreSQL master, which names the database's session after --by
    ("anna, as postgres (field-kit)")."""
    merge_id, change = undone(master, tmp_path, capsys, "--by", "anna")
    by = change["by"]
    assert by != change["device"], json.dumps(change)
    assert by.startswith("anna, as ") and by.endswith(" (field-kit)") if session else \
        by == "anna", by
    code, said = cli_said(capsys, "history", master, ROW)
    assert code == errors.OK, said
    assert f" undone by {by} undo:{merge_id} update mine_patches " in said, said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, said = cli_said(capsys, "history", master, ROW)
    # (the master's own work named by the master's device, who undid it beside)
    device = device_in_chinese(change["device"])
    assert f" {device}，撤销人 {by} 撤销合并 {merge_id} 修改 历史遗留矿山图斑 " in said, said


def test_history_names_who_undid_by_by(master, tmp_path, capsys, monkeypatch):
    names_who_undid(master, tmp_path, capsys, monkeypatch)


def test_history_names_the_user_who_undid_without_by(master, tmp_path, capsys, monkeypatch):
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):  # (as the system names them)
        monkeypatch.setenv(name, "zhang")
    merge_id, change = undone(master, tmp_path, capsys)
    assert change["by"] == "zhang", json.dumps(change)
    code, said = cli_said(capsys, "history", master, ROW)
    assert f" undone by zhang undo:{merge_id} " in said, said
