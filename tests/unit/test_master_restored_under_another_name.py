# SPDX-License-Identifier: GPL-2.0-or-later
"""A master restored from a backup under another file name shares the master's id: readmit
and merge refuse it as a copy, and where the master's own file is gone or broken they say
the way on, which runs as typed: give it the master's name."""

from __future__ import annotations

import os
import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit


def test_a_master_restored_under_another_name_is_told_to_take_the_masters_name(
        plan_gpkg, tmp_path, capsys):
    master, t4 = tmp_path / "master.gpkg", tmp_path / "t4.gpkg"
    shutil.copyfile(plan_gpkg, master)
    assert cli(capsys, "init", master)[0] == errors.OK
    shutil.copyfile(master, tmp_path / "backup.gpkg")
    assert cli(capsys, "checkout", master, t4, "--device", "gis-4", "--role", "gis")[0] == \
        errors.OK
    edit(t4, "UPDATE mine_patches SET phase = '中期' WHERE fid = 1")
    assert cli(capsys, "export", t4, tmp_path / "t4.zip")[0] == errors.OK
    restored = tmp_path / "master-restored.gpkg"
    shutil.copyfile(tmp_path / "backup.gpkg", restored)
    way = (". If master-restored.gpkg is the master restored from a backup and master.gpkg is "
           f"no longer used, give it the master's name (mv {restored} {master}) and run this "
           "again")
    # the master's own file at hand: a fork, which renaming would put over it
    code, out, err = cli(capsys, "readmit", restored, t4)
    assert code == errors.REFUSED and "one of them is a copy of the other" in err, err
    assert "give it the master's name" not in err, err
    master.write_bytes(b"\0" * 4096)  # broken
    code, out, err = cli(capsys, "readmit", restored, t4)
    assert code == errors.REFUSED and "one of them is a copy of the other" in err, err
    assert way in err, err
    os.remove(master)  # gone
    for argv in (("readmit", restored, t4), ("merge", restored, tmp_path / "t4.zip")):
        code, out, err = cli(capsys, *argv)
        assert code == errors.REFUSED and way in out + err, (argv, out + err)
    said = next(line for line in (out + err).splitlines() if way in line)
    zh = chinese(said[said.index("t4.zip: "):])
    assert (f"若 master-restored.gpkg 是从备份恢复的主库，且 master.gpkg 已不再使用，请把它改为"
            f"主库的文件名（mv {restored} {master}），再重新运行") in zh, zh
    os.rename(restored, master)  # the way on, as typed
    assert cli(capsys, "readmit", master, t4)[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "t4.zip")
    assert code == errors.OK, out + err
