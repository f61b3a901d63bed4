# SPDX-License-Identifier: GPL-2.0-or-later
"""The commands a refusal tells the user to run, with a master in a folder whose name has a
space: each runs as typed, the master and the package quoted as a shell needs them, and the
cut of a checkout given again by its options where the master knows it."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import subset
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_master_restored_from_a_backup import _verify


def _county_master(plan_gpkg, tmp_path):
    """The master in "county data", a folder whose name a shell would split."""
    folder = tmp_path / "county data"
    folder.mkdir()
    shutil.copyfile(plan_gpkg, folder / "master.gpkg")
    return folder / "master.gpkg"


def test_a_cut_is_given_again_as_the_options_that_made_it():
    assert subset.as_options(subset.Cut(None, None, None, None)) == ""
    assert subset.as_options(subset.Cut("伊拉湖镇", None, None, None)) == "--township 伊拉湖镇"
    assert subset.as_options(subset.Cut("Kara Tag", None, None, None)) == \
        "--township 'Kara Tag'"
    assert subset.as_options(subset.Cut(None, (88.5, 42.7, 88.8, 42.9), ["CT1", "CT2"],
                                        {"forest_stands": ["u1", "u2"]})) == (
        "--bbox 88.5,42.7,88.8,42.9 --patches CT1,CT2 --features forest_stands=u1,u2")


def test_a_pull_from_a_restored_master_gives_commands_that_run_as_typed(
        plan_gpkg, tmp_path, capsys, chinese_locale):
    master, gis = _county_master(plan_gpkg, tmp_path), tmp_path / "gis.gpkg"
    assert cli(capsys, "checkout", master, gis, "--device", "gis-1", "--role", "gis",
               "--township", "伊拉湖镇")[0] == errors.OK
    for area, day in ((3000, "2026-05-20"), (3200, "2026-10-05")):
        _verify(gis, area, day)
        assert cli(capsys, "export", gis, tmp_path / f"{area}.zip")[0] == errors.OK
        assert cli(capsys, "merge", master, tmp_path / f"{area}.zip")[0] == errors.OK
        assert cli(capsys, "pull", gis, master)[0] == errors.OK
        if area == 3000:
            shutil.copyfile(master, tmp_path / "backup.gpkg")
    shutil.copyfile(tmp_path / "backup.gpkg", master)  # restored from the backup
    edit(master, "UPDATE patch_verifications SET notes = 'GIS: 已复核'")
    code, out, err = cli(capsys, "pull", gis, master)
    assert code == errors.REFUSED, out + err
    typed = f"'{master}'"
    said = (f"field-kit export {gis} ALL.zip --all, then field-kit merge {typed} ALL.zip, "
            f"then field-kit checkout {typed} NEW.gpkg --device gis-1 --replace --role gis "
            "--township 伊拉湖镇 and work on in NEW.gpkg")
    assert said in err, err
    assert (f"先运行 field-kit export {gis} ALL.zip --all，再运行 field-kit merge {typed} "
            f"ALL.zip，再运行 field-kit checkout {typed} NEW.gpkg --device gis-1 --replace "
            "--role gis --township 伊拉湖镇，之后在 NEW.gpkg 中继续工作") in err, err


def test_a_device_registered_again_is_told_the_merge_and_export_as_typed(
        plan_gpkg, tmp_path, capsys, chinese_locale):
    master = _county_master(plan_gpkg, tmp_path)
    li = master.parent / "li.gpkg"
    assert cli(capsys, "init", master)[0] == errors.OK
    shutil.copyfile(master, tmp_path / "backup.gpkg")
    assert cli(capsys, "checkout", master, li, "--device", "tab-li", "--township",
               "伊拉湖镇")[0] == errors.OK
    shutil.copyfile(tmp_path / "backup.gpkg", master)  # restored from before her checkout
    code, out, err = cli(capsys, "readmit", master, li)
    assert code == errors.OK, out + err
    said = out.splitlines()[0]
    ways = f"field-kit merge '{master}' PACKAGE; field-kit export '{li}' ALL.zip --all"
    assert f"({ways} sends all its changes)" in said, said
    assert f"（field-kit merge '{master}' PACKAGE；field-kit export '{li}' ALL.zip --all " \
        "导出其全部修改）" in chinese(said), chinese(said)


def test_export_and_merge_on_a_file_whose_capture_broke_tell_its_repair_as_typed(
        plan_gpkg, tmp_path, capsys, chinese_locale, monkeypatch):
    master = _county_master(plan_gpkg, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "init", "county data/master.gpkg")[0] == errors.OK
    assert cli(capsys, "checkout", "county data/master.gpkg", "county data/t1.gpkg",
               "--device", "t1")[0] == errors.OK
    _verify(master.parent / "t1.gpkg", 3000, "2026-05-20")
    assert cli(capsys, "export", "county data/t1.gpkg", "t1.zip")[0] == errors.OK
    for file in (master, master.parent / "t1.gpkg"):
        for op in ("insert", "update", "delete"):
            edit(file, f"DROP TRIGGER sync_patch_verifications_{op}")
    for args in (("export", "county data/t1.gpkg", "t2.zip"),
                 ("merge", "county data/master.gpkg", "t1.zip")):
        code, out, err = cli(capsys, *args)
        assert code == errors.CAPTURE_BROKEN, out + err
        typed = f"'{args[1]}'"
        assert f"run field-kit repair {typed} before anything else; nothing was changed" \
            in err, err
        assert f"请先运行 field-kit repair {typed}；未作任何更改" in err, err


def test_a_change_package_cut_short_is_refused_with_the_way_on(
        plan_gpkg, tmp_path, capsys, chinese_locale):
    master = _county_master(plan_gpkg, tmp_path)
    assert cli(capsys, "init", master)[0] == errors.OK
    cut = tmp_path / "trunc.zip"
    cut.write_bytes(b"PK\x03\x04" + b"\x00" * 60)  # (a copy cut short)
    code, out, err = cli(capsys, "merge", master, cut)
    assert code == errors.REFUSED, out + err
    assert ("REFUSED trunc.zip: not a readable change package (truncated or damaged: File is "
            "not a zip file): copy it again from the device, or export its changes again "
            "from the device's field package: field-kit export FIELD_PACKAGE OUT.zip --all"
            ) in out, out
    assert ("trunc.zip：不是可读取的修改包（文件被截断或已损坏）：请从设备重新复制，或从该设备的"
            "外业数据包重新导出其修改：field-kit export FIELD_PACKAGE OUT.zip --all") in out, out
