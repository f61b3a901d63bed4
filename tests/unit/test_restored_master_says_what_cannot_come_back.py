# SPDX-License-Identifier: GPL-2.0-or-later
"""A master restored from a backup lost what was done in it after the backup. The devices'
``export --all`` brings back their own edits; what it cannot bring, which a package that
pulled it knows of, is said by name:

* an undo-merge made in the lost master: the device's changes it undid are kept out of the
  merge into the restored master (as that master held them), named, in English and Chinese;
  where the restored master still holds the merge, the merge says to undo it again."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import rows

season = restored.season  # (the master, 赵刚's package and last week's copy)
MINE = restored.MINE

LAST_MERGE = "SELECT merge_id FROM sync_merges ORDER BY at DESC, rowid DESC LIMIT 1"


def _undo_the_last_merge(capsys, master, zhao) -> str:
    """GIS staff undo the master's last merge (赵刚's last verification); his package pulls
    the undo. Returns the merge's id."""
    merge_id = rows(master, LAST_MERGE)[0][0]
    held = rows(zhao, MINE)
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    assert len(rows(zhao, MINE)) == len(held) - 1
    return merge_id


def test_an_undo_the_lost_master_made_is_kept_and_named(season, tmp_path, capsys,
                                                         chinese_locale):
    master, zhao, backup = season
    merge_id = _undo_the_last_merge(capsys, master, zhao)
    shutil.copyfile(backup, master)  # the hard day: the backup is from before that merge
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    # the second verification, undone there, is not brought back: kept out, said
    assert rows(master, MINE) == [(3000.0, "field")]
    assert code == errors.REFUSED, out + err
    assert "applied 0, already applied 1, conflicts 0, refused 1" in out, out
    said = (f"ALL.zip from tab-zhao: undone on the master before it was restored: 1 change, "
            f"tab-zhao, merge {merge_id} (undone ")
    assert f"field-kit: warning: {said}" in err, err
    line = next(x for x in err.splitlines() if said in x)[len("field-kit: warning: "):]
    assert line.endswith(": kept out of this merge, as that master held them undone (each "
                         "named as refused); the device's values stay in ALL.zip: enter them "
                         "again if they are wanted after all"), line
    assert f"field-kit: 注意：{chinese(line)}" in err
    assert chinese(line).startswith(f"来自 tab-zhao 的 ALL.zip：在主库从备份恢复之前已被撤销："
                                    f"1 项修改，设备 tab-zhao，合并 {merge_id}（")
    reason = f"undone on the master before it was restored (merge {merge_id}, undone "
    assert reason in out, out
    assert "在主库从备份恢复之前已被撤销（合并" in out, out
    # checked out again, the device holds what the lost master held
    new = tmp_path / "NEW.gpkg"
    assert cli(capsys, "checkout", master, new, "--device", "tab-zhao", "--township", "伊拉湖镇",
               "--replace")[0] == errors.OK
    assert rows(new, MINE) == [(3000.0, "field")]


def test_a_merge_the_restored_master_holds_still_is_named_to_undo_again(
        season, tmp_path, capsys, chinese_locale):
    master, zhao, _ = season
    backup = tmp_path / "backup-after-the-merge.gpkg"
    shutil.copyfile(master, backup)  # made after the merge, before its undo
    merge_id = _undo_the_last_merge(capsys, master, zhao)
    shutil.copyfile(backup, master)
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    assert code == errors.OK, out + err
    said = (f"ALL.zip from tab-zhao: the master before the restore had undone merge {merge_id} "
            "of tab-zhao (")
    assert f"field-kit: warning: {said}" in err, err
    line = next(x for x in err.splitlines() if said in x)[len("field-kit: warning: "):]
    assert line.endswith(f"); this master holds it still: undo it again: field-kit undo-merge "
                         f"master.gpkg {merge_id}"), line
    assert f"field-kit: 注意：{chinese(line)}" in err
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert rows(master, MINE) == [(3000.0, "field")]


def test_changes_made_again_after_the_undo_are_not_named(season, tmp_path, capsys):
    """The lost master undid a merge and took the device's changes again (merged again):
    it held them, and they are merged as always; only a later merge it undid and never took
    again is kept out."""
    master, zhao, backup = season
    _undo_the_last_merge(capsys, master, zhao)
    assert cli(capsys, "export", zhao, tmp_path / "AGAIN.zip", "--all")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "AGAIN.zip")[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    restored._verify(zhao, 3300, "2026-11-02")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-03.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "zhao-03.zip")[0] == errors.OK
    merge_id = _undo_the_last_merge(capsys, master, zhao)
    shutil.copyfile(backup, master)
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    assert code == errors.REFUSED, out + err
    assert sorted(rows(master, MINE)) == [(3000.0, "field"), (3200.0, "field")]
    assert err.count("undone on the master before it was restored") == 1, err
    assert (f"undone on the master before it was restored: 1 change, tab-zhao, merge "
            f"{merge_id} (undone ") in err, err
