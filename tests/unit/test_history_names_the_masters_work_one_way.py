# SPDX-License-Identifier: GPL-2.0-or-later
"""history names the master's own work one way: its edit in QGIS by the master's device
and a conflict settled there a few seconds later by that device too, with who settled it
beside it ("root" alone read as another device); in Chinese too."""

from __future__ import annotations

from field_kit import errors
from field_kit.sync import masters
from tests.unit.cli_run import cli_said
from tests.unit.test_undo_counts_as_asked import later_edit_over_the_masters


def settled_in_the_master(tmp_path, capsys):
    """The master's edit of a patch's phase met by tech-li-laptop's later one, settled in
    the master by root taking the master's: the master and the patch's code."""
    master, _merge_id = later_edit_over_the_masters(tmp_path)
    (conflict,) = masters.conflicts(master)
    assert cli_said(capsys, "resolve", master, str(conflict.id), "--take", "theirs",
                    "--by", "root")[0] == errors.OK
    return master, conflict.id


def _who(said: str, what: str) -> list[str]:
    """Who made each change history lists whose line holds ``what``."""
    return [line.split(" ", 3)[3].split(f" {what}", 1)[0]
            for line in said.splitlines() if f" {what}" in line]


def test_a_decision_in_the_master_is_named_by_the_master_and_who_settled(tmp_path, capsys,
                                                                        monkeypatch):
    master, conflict = settled_in_the_master(tmp_path, capsys)
    code, said = cli_said(capsys, "history", master, "P0000000")
    assert code == errors.OK, said
    assert _who(said, "local update mine_patches") == ["master"], said
    assert _who(said, f"resolve:{conflict} update mine_patches") == \
        ["master, settled by root"], said
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    said = cli_said(capsys, "history", master, "P0000000")[1]
    assert _who(said, f"处理冲突 {conflict} 修改") == ["主库，处理人 root"], said
