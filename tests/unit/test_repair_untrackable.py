# SPDX-License-Identifier: GPL-2.0-or-later
"""A tracked table rebuilt so that it cannot be tracked as it is (``CREATE TABLE … AS
SELECT``: no INTEGER PRIMARY KEY) was dropped from tracking by repair, which said "change
capture reinstalled" and exited 0: its edits since were never sent, and ``export`` said
"nothing to export". Repair now leaves it as it is, names it and why, and exits non-zero;
every command goes on naming its broken capture until it is rebuilt as it was, when repair
recovers the edits made meanwhile and they reach the master."""

from __future__ import annotations

import sqlite3

from field_kit import errors
from field_kit.cli import commands as cli

LAYER = "restoration_projects"


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def sql(path, *statements) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for s in statements:
            conn.execute(s)
    conn.close()


def names(path) -> list:
    conn = sqlite3.connect(path)
    got = conn.execute(f"SELECT fid, name_en FROM {LAYER} WHERE fid <= 2 ORDER BY fid").fetchall()
    conn.close()
    return got


def test_a_table_rebuilt_with_no_key_is_named_until_mended(master, tmp_path, capsys):
    pkg, out = tmp_path / "gis.gpkg", tmp_path / "gis.zip"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    conn = sqlite3.connect(master)
    made = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (LAYER,)).fetchone()[0]
    conn.close()
    sql(pkg, f"UPDATE {LAYER} SET name_en = 'before' WHERE fid = 1",
        f"CREATE TABLE t AS SELECT * FROM {LAYER}", f"DROP TABLE {LAYER}",
        f"ALTER TABLE t RENAME TO {LAYER}",
        f"UPDATE {LAYER} SET name_en = 'edited meanwhile' WHERE fid = 2")
    capsys.readouterr()
    assert run("repair", pkg) == errors.REFUSED
    said = capsys.readouterr().out
    assert f"cannot track {LAYER} again as it is now (no INTEGER PRIMARY KEY" in said, said
    assert f"change capture reinstalled in {pkg}, but for {LAYER}" in said, said
    assert "recovered" not in said, said  # (no edit made up of its fid, now a column)
    # named by every command after, never "nothing to export"
    assert run("export", pkg, out) == errors.CAPTURE_BROKEN
    assert not out.exists()
    assert run("repair", pkg) == errors.REFUSED
    # rebuilt as it was: the edits made meanwhile are recovered, and reach the master
    rebuilt = made.replace(f'"{LAYER}"', "t3", 1).replace(f"TABLE {LAYER}", "TABLE t3", 1)
    sql(pkg, rebuilt, f"INSERT INTO t3 SELECT * FROM {LAYER}", f"DROP TABLE {LAYER}",
        f"ALTER TABLE t3 RENAME TO {LAYER}", f"CREATE UNIQUE INDEX rp_uuid ON {LAYER} (uuid)")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    assert f"recovered 1 edit of {LAYER}" in capsys.readouterr().out
    assert run("export", pkg, out) == errors.OK
    assert run("merge", master, out) in (errors.OK, errors.CONFLICTS)
    assert names(master) == [(1, "before"), (2, "edited meanwhile")]


def test_a_table_whose_rows_share_a_uuid_is_named_and_left_untouched(master, tmp_path,
                                                                      capsys):
    """Rows sharing a uuid cannot be told apart: repair names the table before touching it
    (no uuid filled, nothing logged), exit 3, as it does a table with no key."""
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    conn = sqlite3.connect(pkg)
    indexes = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT "
        "NULL", (LAYER,))]
    triggers = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE "
        "'sync_%'", (LAYER,))]
    conn.close()
    sql(pkg, *(f'DROP INDEX "{n}"' for n in indexes), *(f'DROP TRIGGER "{n}"' for n in triggers),
        f"UPDATE {LAYER} SET uuid = (SELECT uuid FROM {LAYER} WHERE fid = 1) WHERE fid = 2",
        f"UPDATE {LAYER} SET uuid = NULL WHERE fid = 3")
    capsys.readouterr()
    assert run("repair", pkg) == errors.REFUSED
    said = capsys.readouterr().out
    assert f"cannot track {LAYER} again as it is now (rows share the uuid " in said, said
    conn = sqlite3.connect(pkg)
    assert conn.execute(f"SELECT uuid FROM {LAYER} WHERE fid = 3").fetchone() == (None,)
    conn.close()
    assert run("export", pkg, tmp_path / "gis.zip") == errors.CAPTURE_BROKEN
