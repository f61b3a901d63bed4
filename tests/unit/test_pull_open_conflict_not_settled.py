# SPDX-License-Identifier: GPL-2.0-or-later
"""A value this device sent that the master set aside in a conflict still open there is
replaced by the master's in a pull: the pull says so, and says the conflict open, not that a
later change of the master settled it."""

from __future__ import annotations

import sqlite3
import time

from field_kit import errors
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, make_gpkg


def test_a_conflict_open_in_the_master_is_not_said_settled(tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    pkg = tmp_path / "gis-1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")[0] == 0
    edit(pkg, "UPDATE patch_verifications SET notes = 'poor'")
    assert cli(capsys, "export", pkg, f"{pkg}.zip")[0] == errors.OK
    time.sleep(0.05)
    edit(master, "UPDATE patch_verifications SET notes = 'fair'")
    assert cli(capsys, "merge", master, f"{pkg}.zip")[0] == errors.CONFLICTS
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, said = cli_said(capsys, "pull", pkg, master)
    assert status == errors.OK, said
    assert "1 value this device sent is replaced by the master's" in said, said
    assert "  1 of them still in open conflicts in the master" in said, said
    assert "later change of the master settled" not in said, said
    assert "已由主库较晚的修改解决" not in said, said
    assert sqlite3.connect(pkg).execute(
        "SELECT notes FROM patch_verifications").fetchone()[0] == "fair"
