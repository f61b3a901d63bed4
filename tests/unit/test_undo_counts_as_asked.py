# SPDX-License-Identifier: GPL-2.0-or-later
"""undo-merge counts what it reverted in the units the question before it asks in: the
changes the merge applied and the values settling its conflicts wrote, apart ("2 changes
reverted" was 1 change and 1 value, or two fields: no one could tell)."""

from __future__ import annotations

import time

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import masters, package_export
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg


def later_edit_over_the_masters(tmp_path):
    """The master's own edit of a patch's phase, then tech-li-laptop's later one of its
    phase and project name, merged: one change applied, its phase met in a conflict.
    Returns the master and the merge."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "tech-li-laptop.gpkg"
    masters.checkout(master, pkg, "tech-li-laptop", role="gis")
    edit(master, "UPDATE mine_patches SET phase = 'mid' WHERE fid = 1")
    time.sleep(0.05)  # the device's the later edit
    edit(pkg, "UPDATE mine_patches SET phase = 'long', project_name = 'x' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "t.zip")
    report = masters.merge(master, [tmp_path / "t.zip"])
    (result,) = report.results
    return master, result.merge_id


def test_undo_says_the_change_applied_and_the_value_settling_wrote(tmp_path, capsys):
    master, merge_id = later_edit_over_the_masters(tmp_path)
    (conflict,) = masters.conflicts(master)
    assert cli_said(capsys, "resolve", master, str(conflict.id), "--take", "theirs")[0] \
        == errors.OK
    asked = masters.to_undo(master, merge_id)
    assert (asked.applied, asked.settled) == (1, 1)
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    first = said.splitlines()[0]
    assert first == (f"merge {merge_id} undone: 1 change reverted, and 1 value written "
                     "settling its conflicts"), said
    assert chinese(first) == (f"合并 {merge_id} 已撤销：还原了 1 项修改，以及处理其冲突时写入的 "
                              "1 个值")
