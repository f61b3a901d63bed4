# SPDX-License-Identifier: GPL-2.0-or-later
"""A trigger of the county's own in the master writes as a decision on a conflict, or the undo
of a merge, writes: what it writes is logged as the master's own edit, said, and brought by
pulls, as what it writes in a merge is."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.db import connect
from tests.unit.test_any_table import add_forest
from tests.unit.test_merge_logs_what_the_masters_triggers_write import note, run

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def checked_out(master, tmp_path):
    """The master with forest_stands and a trigger of its own noting each species set, and a
    package of it."""
    add_forest(master, tmp_path)
    with sqlite3.connect(master) as c:
        c.execute("ALTER TABLE forest_stands ADD COLUMN note TEXT")
    pkg = tmp_path / "one.gpkg"
    assert run("checkout", master, pkg, "--device", "one", "--role", "gis") == errors.OK
    with sqlite3.connect(master) as c:  # the county's own, added to the master since
        c.execute("CREATE TRIGGER stands_checked AFTER UPDATE OF species ON forest_stands "
                  "BEGIN UPDATE forest_stands SET note = 'checked: ' || NEW.species "
                  "WHERE fid = NEW.fid; END")
    return pkg


def test_what_a_masters_own_trigger_writes_in_a_resolve_reaches_the_package(
        master, tmp_path, capsys, chinese_locale):
    pkg = checked_out(master, tmp_path)
    two = tmp_path / "two.gpkg"
    assert run("checkout", master, two, "--device", "two", "--role", "gis") == errors.OK
    for device, species in ((pkg, "larch"), (two, "willow")):
        with connect(device) as c:
            c.execute("UPDATE forest_stands SET species = ? WHERE stand_id = 'F1'", (species,))
        assert run("export", device, tmp_path / "out.zip") == errors.OK
        assert run("merge", master, tmp_path / "out.zip") in (errors.OK, errors.CONFLICTS)
    with sqlite3.connect(master) as c:
        (conflict, theirs) = c.execute("SELECT id, theirs FROM sync_conflicts WHERE status = "
                                       "'open' AND field = 'species'").fetchone()
    theirs = json.loads(theirs)
    assert note(master, "F1") != f"checked: {theirs}"
    capsys.readouterr()
    assert run("resolve", master, conflict, "--take", "theirs") == errors.OK
    said = capsys.readouterr().out
    assert note(master, "F1") == f"checked: {theirs}"
    assert ("the master's own triggers wrote as the decisions were written, logged as the "
            "master's own edits, which pulls bring: forest_stands (1 row)\n") in said, said
    assert ("写入决定时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，"
            "拉取时会带到数据包：forest_stands（1 行）\n") in said, said
    assert run("pull", pkg, master) == errors.OK
    assert note(pkg, "F1") == f"checked: {theirs}"


def test_what_a_masters_own_trigger_writes_in_an_undo_reaches_the_package(
        master, tmp_path, capsys, chinese_locale):
    pkg = checked_out(master, tmp_path)
    with connect(pkg) as c:
        c.execute("UPDATE forest_stands SET species = 'willow' WHERE stand_id = 'F1'")
    assert run("export", pkg, tmp_path / "one.zip") == errors.OK
    assert run("merge", master, tmp_path / "one.zip") == errors.OK
    assert run("pull", pkg, master) == errors.OK
    assert note(pkg, "F1") == "checked: willow"
    with sqlite3.connect(master) as c:
        (merge_id,) = c.execute("SELECT merge_id FROM sync_merges").fetchone()
    capsys.readouterr()
    assert run("undo-merge", master, merge_id) == errors.OK
    said = capsys.readouterr().out
    with sqlite3.connect(master) as c:
        (was,) = c.execute("SELECT species FROM forest_stands WHERE stand_id = 'F1'").fetchone()
    assert was != "willow"
    assert note(master, "F1") == f"checked: {was}"
    assert ("the master's own triggers wrote as the undo wrote, logged as the master's own "
            "edits, which pulls bring: forest_stands (1 row)\n") in said, said
    assert ("撤销合并写入时主库自有的触发器也写入了数据，已作为主库自己的修改记入日志，"
            "拉取时会带到数据包：forest_stands（1 行）\n") in said, said
    assert run("pull", pkg, master) == errors.OK
    assert note(pkg, "F1") == f"checked: {was}"
