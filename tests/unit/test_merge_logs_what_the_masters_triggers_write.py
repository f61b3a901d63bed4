# SPDX-License-Identifier: GPL-2.0-or-later
"""A trigger of the county's own in the master (AFTER UPDATE setting another column) writes
as a merge writes: what it writes is logged as the master's own edit, said by the merge, and
brought by the pulls, of the package merged and of the others."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from tests.unit.test_any_table import add_forest

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def note(path, stand: str):
    with sqlite3.connect(path) as c:
        return c.execute("SELECT note FROM forest_stands WHERE stand_id = ?",
                         (stand,)).fetchone()[0]


def test_what_a_masters_own_trigger_writes_in_a_merge_reaches_the_packages(
        master, tmp_path, capsys, chinese_locale):
    add_forest(master, tmp_path)
    with sqlite3.connect(master) as c:
        c.execute("ALTER TABLE forest_stands ADD COLUMN note TEXT")
        c.execute("CREATE TABLE stand_log (fid INTEGER PRIMARY KEY, stand TEXT, what TEXT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('stand_log', 'attributes', 'stand_log')")
    one, two = tmp_path / "one.gpkg", tmp_path / "two.gpkg"
    assert run("checkout", master, one, "--device", "one", "--role", "gis") == errors.OK
    assert run("checkout", master, two, "--device", "two", "--role", "gis") == errors.OK
    with sqlite3.connect(master) as c:  # the county's own, added to the master since
        c.execute("CREATE TRIGGER stands_checked AFTER UPDATE OF species ON forest_stands "
                  "BEGIN UPDATE forest_stands SET note = 'checked: ' || NEW.species "
                  "WHERE fid = NEW.fid; END")
        c.execute("CREATE TRIGGER stands_logged AFTER UPDATE OF species ON forest_stands "
                  "BEGIN INSERT INTO stand_log (stand, what) VALUES (NEW.stand_id, "
                  "'species ' || NEW.species); END")
    with connect(one) as c:
        c.execute("UPDATE forest_stands SET species = 'willow' WHERE stand_id = 'F1'")
    assert run("export", one, tmp_path / "one.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "one.zip") == errors.OK
    said = capsys.readouterr().out
    assert note(master, "F1") == "checked: willow"
    assert ("the master's own triggers wrote as the merge wrote, logged as the master's own "
            "edits, which pulls bring: forest_stands (1 row), stand_log (1 row)\n") in said, said
    assert ("合并写入时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，"
            "拉取时会带到数据包：forest_stands（1 行）、stand_log（1 行）\n") in said, said
    for pkg in (one, two):
        assert run("pull", pkg, master) == errors.OK
        assert note(pkg, "F1") == "checked: willow"
        with sqlite3.connect(pkg) as c:
            assert c.execute("SELECT stand, what FROM stand_log").fetchall() == [
                ("F1", "species willow")]
    with sqlite3.connect(two) as c:
        assert c.execute("SELECT species FROM forest_stands WHERE stand_id = 'F1'"
                         ).fetchone() == ("willow",)
    # nothing else was written past the log: the merge's own values are not logged twice
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT op, old, new FROM sync_changes WHERE tbl = 'forest_stands' "
                         "AND origin = 'local' AND op = 'update'").fetchall() == [
            ("update", '{"note":null}', '{"note":"checked: willow"}')]
