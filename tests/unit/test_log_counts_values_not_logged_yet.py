# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit log` counts the values in a column added since the last command that wrote,
which the log does not hold yet: in Chinese too for a Chinese user (it was said in English
alone), and as `not_logged_yet` in `--json`."""

from __future__ import annotations

import json

from field_kit import errors
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg


def test_a_chinese_user_reads_how_many_values_wait_to_be_logged(tmp_path, capsys,
                                                                 chinese_locale):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "tab.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab", "--role", "gis"
               )[0] == errors.OK
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN depth_m REAL")
    edit(pkg, "UPDATE mine_patches SET depth_m = 3 WHERE fid <= 2")
    code, out, err = cli(capsys, "log", pkg)
    assert code == errors.OK, out + err
    assert out.splitlines()[:2] == [
        "2 values in columns or tables added or renamed since the last command that wrote, "
        "not in the log yet: the next one logs them (export, merge, pull)",
        "2 个值位于上次写入的命令之后新增或改名的字段或图层中，尚未记入变更日志：下一个写入的命令"
        "（export、merge、pull）会记入它们"], out
    code, out, err = cli(capsys, "log", pkg, "--json")
    assert code == errors.OK and json.loads(out)["not_logged_yet"] == 2, out + err
