# SPDX-License-Identifier: GPL-2.0-or-later
"""A column a pull brings, with the master's values in the rows the package holds, is no edit
of the package's, in a row it made itself too: when capture is later found bypassed
elsewhere in the file, its rows are not said changed outside capture, and repair logs no
edit of them for the device to send as its own."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.sync import merge, package_checkout, package_export


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def rows(path, sql):
    with sqlite3.connect(path) as c:
        return c.execute(sql).fetchall()


def test_a_column_pulled_into_a_record_made_here_is_no_edit_when_repair_looks(tmp_path, master,
                                                                            capsys):
    pkg = tmp_path / "tech1.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('made here')")
    package_export.export(pkg, tmp_path / "a.zip")
    assert not merge.merge(master, [tmp_path / "a.zip"]).refused
    with connect(master) as c:  # GIS staff add a column and fill it in that record
        c.execute("ALTER TABLE patch_verifications ADD COLUMN soil TEXT")
        c.execute("UPDATE patch_verifications SET soil = 'sandy' WHERE notes = 'made here'")
    assert run("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT soil FROM patch_verifications") == [("sandy",)]
    with connect(pkg) as c:  # another layer rebuilt by a program: its triggers gone
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name LIKE 'sync_townships_%'").fetchall():
            c.execute(f'DROP TRIGGER "{name}"')
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    out = capsys.readouterr().out
    assert "townships: capture triggers missing" in out
    assert "patch_verifications" not in out
    assert run("repair", pkg) == errors.OK
    assert "patch_verifications" not in capsys.readouterr().out
    assert run("status", pkg) == errors.OK
    assert "changes waiting 0" in capsys.readouterr().out
