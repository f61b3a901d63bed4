# SPDX-License-Identifier: GPL-2.0-or-later
"""A device checked out after the master's backup was made is unknown to the master restored
from it: neither the device nor its key. Its packages are refused, nothing of them merged
nor credited to another, and the refusal says so by name (not "another master"), in English
and Chinese, with the way on: register the device again from its field package (field-kit
readmit), then merge its changes."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import master_id
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows

season = restored.season  # (the master, 赵刚's package and last week's copy)
LI = "SELECT measured_area_m2 FROM patch_verifications WHERE verifier = '李娜'"


def _li_after_the_backup(capsys, tmp_path, master, zhao):
    """李娜's package, checked out after the backup; her verification merged into the
    master, and pulled by 赵刚's package. Returns her package."""
    li = tmp_path / "li.gpkg"
    assert cli(capsys, "checkout", master, li, "--device", "tab-li", "--township",
               "伊拉湖镇")[0] == errors.OK
    restored._verify(li, 2800, "2026-10-20")
    edit(li, "UPDATE patch_verifications SET verifier = '李娜' WHERE measured_area_m2 = 2800")
    assert cli(capsys, "export", li, tmp_path / "li-01.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "li-01.zip")[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    assert rows(zhao, LI) == [(2800.0,)]
    return li


def test_its_package_is_refused_saying_the_master_was_restored_from_before_it(
        season, tmp_path, capsys, chinese_locale):
    master, zhao, backup = season
    li = _li_after_the_backup(capsys, tmp_path, master, zhao)
    here = rows(master, "SELECT value FROM sync_meta WHERE key = 'master_id'")[0][0]
    shutil.copyfile(backup, master)  # the hard day
    assert cli(capsys, "export", li, tmp_path / "LI-ALL.zip", "--all")[0] == errors.OK
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip", tmp_path / "LI-ALL.zip")
    assert code == errors.REFUSED, out + err
    said = ("LI-ALL.zip: device 'tab-li' is not registered in this master, though its package "
            f"was checked out from it (master.gpkg, master {master_id.short(here)}): this "
            "master was restored from a backup made before the device was checked out, and "
            "holds neither the device nor its key; nothing of the package was merged. Its "
            "changes stay in the device's field package: register its device again from it, "
            f"field-kit readmit {master} FIELD_PACKAGE, then merge this package again")
    assert f"REFUSED {said}\n" in out, out
    assert chinese(said).startswith("LI-ALL.zip：设备 tab-li 未在此主库登记，但其数据包正是"
                                    "从此主库签出的"), chinese(said)
    assert chinese(said).endswith("；修改包的内容均未合并。其修改仍在该设备的外业数据包中：请用它"
                                  f"重新登记该设备，field-kit readmit {master} FIELD_PACKAGE，然后"
                                  "重新合并此修改包"), chinese(said)
    # nothing of hers merged, nor credited to 赵刚, whose own verifications are
    assert rows(master, LI) == []
    assert sorted(rows(master, restored.MINE)) == [(3000.0, "field"), (3200.0, "field")]
    assert rows(master, "SELECT DISTINCT device FROM sync_merges") == [("tab-zhao",)]
    # her pull says the same, and the way on works
    code, out, err = cli(capsys, "pull", li, master)
    assert code == errors.REFUSED, out + err
    pulled = (f"{li}: device 'tab-li' is not registered in this master, though its package "
              f"was checked out from it (master.gpkg, master {master_id.short(here)}): this "
              "master was restored from a backup made before the device was checked out, and "
              "holds neither the device nor its key; nothing was pulled. Its changes stay in "
              f"this field package: register its device again from it, field-kit readmit "
              f"{master} {li}, then field-kit export {li} ALL.zip --all, then field-kit merge "
              f"{master} ALL.zip, then field-kit checkout {master} NEW.gpkg --device tab-li "
              "--replace --township 伊拉湖镇 and work on in NEW.gpkg")
    assert f"field-kit: {pulled}\n" in err, err
    assert chinese(pulled).endswith(
        "；未拉取任何内容。其修改仍在此外业数据包中：请用它重新登记该设备，field-kit readmit "
        f"{master} {li}，然后运行 field-kit export {li} ALL.zip --all，再运行 field-kit merge "
        f"{master} ALL.zip，再运行 field-kit checkout {master} NEW.gpkg --device tab-li "
        "--replace --township 伊拉湖镇，之后在 NEW.gpkg 中继续工作"), chinese(pulled)
    assert cli(capsys, "readmit", master, li)[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "LI-ALL.zip")[0] == errors.OK
    assert rows(master, LI) == [(2800.0,)]


def test_a_refused_pull_names_her_changes_as_hers_not_that_masters_own(
        season, tmp_path, capsys, chinese_locale):
    master, zhao, backup = season
    _li_after_the_backup(capsys, tmp_path, master, zhao)
    seqs = rows(zhao, "SELECT min(seq), max(seq) FROM sync_changes WHERE device = 'tab-li'")[0]
    shutil.copyfile(backup, master)
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    code, out, err = cli(capsys, "pull", zhao, master)
    assert code == errors.REFUSED, out + err
    assert "made in that master itself" not in err, err
    theirs = ("and work on in NEW.gpkg; this package holds 2 changes of devices that master had "
              "checked out and this one does not know (checked out after its backup was made) "
              "that this master lacks (patch_verifications 2): their own packages hold them, "
              "which this master refuses: check each device out again and enter them again "
              f"there (field-kit log {zhao} lists them: by tab-li, seq {seqs[0]}-{seqs[1]})\n")
    assert theirs in err, err
    assert ("；本数据包持有 2 项那个主库签出过、而此主库不认识的设备（在其备份之后签出）的修改，"
            "此主库没有它们（") in err, err
    assert f"修改者 tab-li，序号 {seqs[0]}-{seqs[1]}）" in err, err


def test_with_the_lost_masters_own_edits_both_are_said(season, tmp_path, capsys,
                                                       chinese_locale):
    master, zhao, backup = season
    _li_after_the_backup(capsys, tmp_path, master, zhao)
    restored.gis_note_pulled(capsys, master, zhao)
    shutil.copyfile(backup, master)
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    code, out, err = cli(capsys, "pull", zhao, master)
    assert code == errors.REFUSED, out + err
    assert ("; this package holds 1 change made in that master itself that this master lacks "
            "(patch_verifications 1)") in err, err
    assert ("; this package holds 2 changes of devices that master had checked out and this "
            "one does not know") in err, err
    assert "；本数据包持有 1 项在那个主库中直接做出" in err
    assert "；本数据包持有 2 项那个主库签出过" in err


def test_a_package_from_before_the_record_counts_them_as_before(season, tmp_path, capsys):
    """A package that pulled before it kept the master's devices cannot tell hers from that
    master's own: said as before, each by its name."""
    master, zhao, backup = season
    _li_after_the_backup(capsys, tmp_path, master, zhao)
    edit(zhao, "DELETE FROM sync_meta WHERE key = 'master_devices'")
    shutil.copyfile(backup, master)
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    code, out, err = cli(capsys, "pull", zhao, master)
    assert code == errors.REFUSED, out + err
    assert ("; this package holds 2 changes made in that master itself that this master lacks "
            "(patch_verifications 2)") in err and "by tab-li, seq" in err, err
