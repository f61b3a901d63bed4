# SPDX-License-Identifier: GPL-2.0-or-later
"""Capture switched off and on again in psql: the Chinese line says the table, when and
the session in Chinese, not the English inside Chinese brackets."""

import re

from field_kit.cli.commands import main
from tests.postgis.test_capture_switched_off import master, switched_off_and_on  # noqa: F401
from tests.unit.gpkg_factory import patch_uuids


def test_capture_switched_off_said_in_chinese(master, capsys, monkeypatch):  # noqa: F811
    database, src, _ = master
    switched_off_and_on(database, patch_uuids(src)[0])
    switched_off_and_on(database, patch_uuids(src)[1])
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["status", database]) == 8
    err = capsys.readouterr().err
    assert re.search(r"capture was switched off on mine_patches at \S+Z by postgres \(psql\) "
                     r"\(and 1 time more\): edits made", err), err
    assert re.search(r"PostgreSQL 主库的修改记录曾被关闭（mine_patches：\d{4}-\d\d-\d\dT\S+Z 由 "
                     r"postgres（经由 psql） 关闭，另有 1 次）：关闭期间", err), err
    assert " at " not in err.splitlines()[-1] and " by " not in err.splitlines()[-1], err
