# SPDX-License-Identifier: GPL-2.0-or-later
"""A master restored from last week's copy (``cp backup.gpkg master.gpkg``), or another copy
of it, numbers its changes as the master a package last pulled from did: a pull taking the
changes after the package's base skipped the new edits without a word, and the edits a
device exported into the lost master were on the device only, named nowhere. A package
keeps the master's change it was brought up to: a pull from a master that does not hold it
is refused, saying what happened, the figures and the way on that loses nothing; a merge of
such a package says so; a pull names the exports the master lacks, and status after it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import brought_up_to
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, rows

ZHAO = "CT6504222016000037002"  # the patch of 伊拉湖镇
NOTE = "SELECT inspector_note FROM mine_patches WHERE patch_code = ?"
MINE = "SELECT measured_area_m2, notes FROM patch_verifications WHERE verifier = '赵刚'"


def _verify(pkg, area: float, day: str) -> None:
    """赵刚's verification of his patch in the field package ``pkg``."""
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, patch_class, "
         "patch_subclass, remediation_status, restoration_method, measured_area_m2, "
         "treated_area_m2, verifier, verified_on, notes) SELECT uuid, patch_code, '10', '11', "
         "'A', '3', ?, ?, '赵刚', ?, 'field' FROM mine_patches WHERE patch_code = ?",
         area, area, day, ZHAO)


def gis_note_pulled(capsys, master, zhao) -> None:
    """GIS staff's note on 赵刚's first verification, made in the master; his package pulls
    it."""
    edit(master, "UPDATE patch_verifications SET notes = 'GIS: 面积已复核' WHERE verifier = "
         "'赵刚' AND measured_area_m2 = 3000")
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK


@pytest.fixture
def season(plan_gpkg, tmp_path, capsys):
    """A master, 赵刚's package of 伊拉湖镇, his first verification merged and pulled, and
    the master's copy made then (``backup.gpkg``); then GIS staff's edits and his second
    verification merged into the master and pulled: (master, zhao, backup)."""
    master, zhao = tmp_path / "master.gpkg", tmp_path / "zhao.gpkg"
    shutil.copyfile(plan_gpkg, master)
    # (a column GIS staff added for their notes, as a county adds one)
    edit(master, "ALTER TABLE mine_patches ADD COLUMN inspector_note TEXT")
    assert cli(capsys, "checkout", master, zhao, "--device", "tab-zhao", "--township",
               "伊拉湖镇")[0] == errors.OK
    _verify(zhao, 3000, "2026-05-20")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-01.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "zhao-01.zip")[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    backup = tmp_path / "backup.gpkg"
    shutil.copyfile(master, backup)
    edit(master, "UPDATE mine_patches SET inspector_note = 'GIS: 已核' WHERE fid IN (1, 2)")
    _verify(zhao, 3200, "2026-10-05")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-02.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "zhao-02.zip")[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    return master, zhao, backup


def test_a_pull_from_the_restored_master_is_refused_naming_what_happened(
        season, capsys, chinese_locale):
    master, zhao, backup = season
    base = rows(zhao, "SELECT base_seq FROM sync_state")[0][0]
    shutil.copyfile(backup, master)  # the hard day
    top = rows(master, "SELECT max(seq) FROM sync_changes")[0][0]
    # GIS staff correct six patches' notes in the restored master, 赵刚's among them: the
    # restored master's log reaches the package's base again, with other changes
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    held = Path(zhao).read_bytes()
    code, out, err = cli(capsys, "pull", zhao, master)
    assert code == errors.REFUSED, out + err
    now = rows(master, "SELECT max(seq) FROM sync_changes")[0][0]  # (sealed by the pull)
    assert top < base <= now, (top, base, now)
    said = (f"{zhao}: the master master.gpkg is not the one this package was last brought up "
            "to: it was restored from a backup or is another copy (the master's log ends at "
            f"{now}; this package was brought up to {base}, and the master's change {base} is "
            "another); a pull would skip the master's changes. Nothing was pulled. So that "
            f"nothing is lost: field-kit export {zhao} ALL.zip --all, then field-kit merge "
            f"{master} ALL.zip, then field-kit checkout {master} NEW.gpkg --device tab-zhao "
            "--replace --township 伊拉湖镇 and work on in NEW.gpkg")
    assert f"field-kit: {said}\n" in err, err
    assert ("主库 master.gpkg 不是本数据包上次同步到的那个主库：它是从备份恢复的，或是另一个"
            f"副本（主库的日志止于 {now}；本数据包已同步到 {base}，而此主库的第 {base} 项修改"
            "是另一项）") in err
    # nothing changed in the package but the note of the refusal, which status says
    assert rows(zhao, NOTE, ZHAO) == [(None,)]
    assert rows(zhao, "SELECT base_seq FROM sync_state")[0][0] == base
    assert Path(zhao).read_bytes() != held
    code, out = cli_said(capsys, "status", zhao)
    assert said in out


def test_the_way_on_it_names_loses_nothing(season, tmp_path, capsys):
    master, zhao, backup = season
    shutil.copyfile(backup, master)
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED
    # the second verification went into the lost master only
    assert rows(master, MINE) == [(3000.0, "field")]
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "ALL.zip")
    # merged as always, the package's base said to be a change this master does not hold
    assert code == errors.OK, out + err
    assert "applied 1, already applied 1" in out
    assert ("field-kit: warning: ALL.zip from tab-zhao: the package was last brought up to a "
            "master this one is not: this master was restored from a backup or is another "
            "copy (the master's log ends at ") in err, err
    new = tmp_path / "NEW.gpkg"
    assert cli(capsys, "checkout", master, new, "--device", "tab-zhao", "--township", "伊拉湖镇",
               "--replace")[0] == errors.OK
    for held in (master, new):  # both of his verifications, and GIS staff's note
        assert sorted(rows(held, MINE)) == [(3000.0, "field"), (3200.0, "field")]
        assert rows(held, NOTE, ZHAO) == [("边界已重测",)]
    edit(master, "UPDATE mine_patches SET inspector_note = '再核' WHERE fid <= 6")
    assert cli(capsys, "pull", new, master)[0] == errors.OK
    assert rows(new, NOTE, ZHAO) == [("再核",)]


def test_a_pull_from_another_copy_of_the_master_is_refused(season, tmp_path, capsys):
    master, zhao, _ = season
    other = tmp_path / "B" / "其他电脑" / "托克逊主库.gpkg"
    other.parent.mkdir(parents=True)
    shutil.copyfile(master, other)
    # each copy edited apart: the package pulls one, then the other
    edit(master, "UPDATE mine_patches SET inspector_note = 'A: 待核' WHERE fid = 3")
    edit(other, "UPDATE mine_patches SET inspector_note = 'B: 已核' WHERE patch_code = ?", ZHAO)
    edit(other, "UPDATE mine_patches SET inspector_note = 'B: 已核' WHERE fid = 4")
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    code, out = cli_said(capsys, "pull", zhao, other)
    assert code == errors.REFUSED, out
    assert ("the master 托克逊主库.gpkg is not the one this package was last brought up to: it "
            "was restored from a backup or is another copy") in out
    assert rows(zhao, NOTE, ZHAO) == [(None,)]


def test_a_copy_that_holds_the_base_is_pulled_from(season, tmp_path, capsys):
    """A copy made after the package's last pull holds the change it was brought up to:
    its changes since are all new to the package, and the pull takes them."""
    master, zhao, _ = season
    other = tmp_path / "copy.gpkg"
    shutil.copyfile(master, other)
    edit(other, "UPDATE mine_patches SET inspector_note = 'B: 已核' WHERE patch_code = ?", ZHAO)
    assert cli(capsys, "pull", zhao, other)[0] == errors.OK
    assert rows(zhao, NOTE, ZHAO) == [("B: 已核",)]


def test_a_package_that_pulled_a_value_of_the_lost_master_is_cautioned_at_merge(
        season, tmp_path, capsys, chinese_locale):
    master, zhao, backup = season
    gis_note_pulled(capsys, master, zhao)
    base = rows(zhao, "SELECT base_seq FROM sync_state")[0][0]
    shutil.copyfile(backup, master)
    top = rows(master, "SELECT max(seq) FROM sync_changes")[0][0]
    edit(zhao, "UPDATE patch_verifications SET measured_area_m2 = 3150 WHERE verifier = '赵刚' "
         "AND measured_area_m2 = 3000")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-03.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "zhao-02.zip",
                         tmp_path / "zhao-03.zip")
    assert code == errors.OK, out + err  # merged field by field, as always
    caution = ("zhao-03.zip from tab-zhao: the package was last brought up to a master this one "
               "is not: this master was restored from a backup or is another copy (the "
               f"master's log ends at {top}; this package was brought up to {base}, a change "
               "this master never had); its changes were merged field by field against the "
               "values they replaced, as always, but the device holds values of that other "
               "master this one lacks, and this master changes the device has not seen: pull "
               "refuses it until it is checked out again (checkout --replace) once its changes "
               "are merged (export --all)")
    assert f"field-kit: warning: {caution}\n" in err, err
    assert f"field-kit: 注意：{chinese(caution)}\n" in err
    assert chinese(caution).startswith("来自 tab-zhao 的 zhao-03.zip：该数据包上次同步到的主库不是")
    assert sorted(rows(master, MINE)) == [(3150.0, "field"), (3200.0, "field")]
    # the pull does not leave the device with the lost master's note, unsaid: refused
    assert cli(capsys, "pull", zhao, master)[0] == errors.REFUSED


def test_a_pull_names_the_exports_the_restored_master_lacks(season, tmp_path, capsys,
                                                            chinese_locale):
    """A device that pulled before the copy was made, whose export went into the lost master
    only, and that has nothing new to export: its pull goes through and says which of its
    changes the master lacks; status says it after."""
    master, zhao, _ = season
    copy = tmp_path / "backup-2.gpkg"
    shutil.copyfile(master, copy)  # made after the device's last pull
    _verify(zhao, 3300, "2026-11-02")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-03.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "zhao-03.zip")[0] == errors.OK
    shutil.copyfile(copy, master)  # the hard day
    edit(master, "UPDATE mine_patches SET inspector_note = '边界已重测' WHERE fid <= 6")
    code, out = cli_said(capsys, "pull", zhao, master)
    assert code == errors.OK, out
    assert rows(zhao, NOTE, ZHAO) == [("边界已重测",)]
    lacks = ("the master has merged this device's changes up to seq 2: it lacks 1 change "
             "this device exported (seq 3-3): a change package not merged yet, or one lost "
             "with the master (restored from a backup, or another copy); unless one "
             "waits to be merged, send them again with export --all")
    assert f"  {lacks}\n" in out, out
    assert "主库合并本设备的修改只到序号 2：它缺少本设备已导出的 1 项修改（序号 3-3）" in out
    code, out = cli_said(capsys, "status", zhao)
    assert "at the last pull (" in out and f") {lacks}\n" in out, out
    assert "时，主库合并本设备的修改只到序号 2" in out
    # sent again, merged: the next pull says nothing of it, nor status
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "ALL.zip")[0] == errors.OK
    assert sorted(rows(master, MINE)) == [(3000.0, "field"), (3200.0, "field"),
                                          (3300.0, "field")]
    code, out = cli_said(capsys, "pull", zhao, master)
    assert code == errors.OK and "lacks" not in out, out
    assert "lacks" not in cli_said(capsys, "status", zhao)[1]


def test_a_package_from_before_the_record_is_pulled_as_before(season, capsys):
    master, zhao, backup = season
    edit(zhao, "DELETE FROM sync_meta WHERE key = ?", brought_up_to.KEY)
    edit(master, "UPDATE mine_patches SET inspector_note = '再核' WHERE patch_code = ?", ZHAO)
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    assert rows(zhao, NOTE, ZHAO) == [("再核",)]
    # and records the change it was brought up to from then on
    assert brought_up_to.KEY in {k for (k,) in rows(zhao, "SELECT key FROM sync_meta")}
