# SPDX-License-Identifier: GPL-2.0-or-later
"""A master restored from a backup lost what was done in it after the backup. The devices'
``export --all`` brings back their own edits; two things it cannot bring, which a package
that pulled them knows of, are said by name:

* an undo-merge made in the lost master: the device's changes it undid are kept out of the
  merge into the restored master (as that master held them), named, in English and Chinese;
  where the restored master still holds the merge, the merge says to undo it again;
* the edits GIS staff made in the lost master itself, which the package pulled: the refused
  pull, and status after it, count them by layer and say that nothing brings them back."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.db import in_command
from field_kit.messages_zh import chinese
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, rows

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


def _the_one_warning(err: str) -> str:
    """What a merge of the device's ``export --all`` into the restored master warns, one
    message: the restore, with what it says of the undo-merge the lost master made."""
    warned = [x[len("field-kit: warning: "):] for x in err.splitlines()
              if x.startswith("field-kit: warning: ")]
    assert len(warned) == 1, err
    assert warned[0].startswith("ALL.zip from tab-zhao: the package was last brought up to a "
                                "master this one is not: this master was restored from a "
                                "backup or is another copy ("), warned
    return warned[0]


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
    # one warning: the restore, with the undo it lost, and how the rest was merged
    line = _the_one_warning(err)
    assert (f"a change this master never had); undone on the master before it was restored: "
            f"1 change, tab-zhao, merge {merge_id} (undone ") in line, line
    assert ("): kept out of this merge, as that master held them undone (each named as "
            "refused); the device's values stay in ALL.zip: enter them again if they are "
            "wanted after all; otherwise its changes were merged field by field") in line, line
    assert f"field-kit: 注意：{chinese(line)}" in err
    assert (f"此主库从未有过该修改）；在主库从备份恢复之前已被撤销：1 项修改，设备 tab-zhao，合并 "
            f"{merge_id}（") in chinese(line), chinese(line)
    assert "：如仍需要，请重新录入；除此之外，其修改照常按字段" in chinese(line), chinese(line)
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
    line = _the_one_warning(err)
    assert (f"a change this master never had); the master before the restore had undone merge "
            f"{merge_id} of tab-zhao (") in line, line
    assert (f"); this master holds it still: undo it again: field-kit undo-merge "
            f"{in_command(master)} {merge_id}; otherwise its changes were merged field by "
            "field") in line, line
    assert f"field-kit: 注意：{chinese(line)}" in err
    assert (f"；恢复之前的主库已撤销设备 tab-zhao 的合并 {merge_id}（") in chinese(line)
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert rows(master, MINE) == [(3000.0, "field")]


def test_changes_made_again_after_the_undo_are_not_named(season, tmp_path, capsys):
    """The lost master undid a merge and took the device's changes again (merged again):
    it held them, and they are merged as always; only a later merge it undid and never took
    again is kept out."""
    master, zhao, backup = season
    _undo_the_last_merge(capsys, master, zhao)
    assert cli(capsys, "export", zhao, tmp_path / "AGAIN.zip", "--all")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "AGAIN.zip", "--again-undone")[0] == \
        errors.OK
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


def test_the_lost_masters_own_edits_the_package_pulled_are_counted_by_layer(
        season, capsys, chinese_locale):
    master, zhao, backup = season
    restored.gis_note_pulled(capsys, master, zhao)  # (after the backup)
    seq, at = rows(zhao, "SELECT seq, src_seq FROM sync_changes WHERE origin = 'pull' "
                   "ORDER BY seq DESC LIMIT 1")[0]
    shutil.copyfile(backup, master)
    # GIS staff edit six patches in the restored master: its log holds other changes at the
    # seq the package's pulled change had there
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    code, out, err = cli(capsys, "pull", zhao, master)
    assert code == errors.REFUSED, out + err
    assert rows(master, "SELECT max(seq) FROM sync_changes")[0][0] >= at
    lost = (f"and work on in NEW.gpkg; this package holds 1 change made in that master "
            "itself that this master lacks (patch_verifications 1): no export carries it (a "
            "package sends only its own edits), so nothing brings it back: enter it again "
            f"in this master (field-kit log {zhao} lists it: by master, seq {seq}-{seq})")
    assert f"{lost}\n" in err, err
    assert ("；本数据包持有 1 项在那个主库中直接做出、而此主库没有的修改（" in err), err
    assert "：导出只带各设备自己的修改，没有任何途径能把它们带回：请在此主库中重新录入" in err
    code, said = cli_said(capsys, "status", zhao)
    assert lost in said, said
    # the log names it
    code, said = cli_said(capsys, "log", zhao)
    assert "GIS: 面积已复核" in said
