# SPDX-License-Identifier: GPL-2.0-or-later
"""A column of a GIS field package dropped (as QGIS does with the plugin) and added again by
the same name: its rows hold nothing where the master holds values. The package says so,
a pull fills it back, and what was written into it meanwhile reaches the master as an edit
of the value the master had, never of an empty one."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.sync import column_edits, package_checkout


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def rows(path, sql, args=()):
    with sqlite3.connect(path) as c:
        return c.execute(sql, args).fetchall()


def local_changes(path, col) -> list[tuple[str, dict | None, dict | None]]:
    return [(op, json.loads(old) if old else None, json.loads(new) if new else None)
            for op, old, new in rows(path, "SELECT op, old, new FROM sync_changes WHERE "
                                           "origin = 'local' ORDER BY seq")
            if col in (json.loads(new or old or "{}"))]


@pytest.fixture
def gis_pkg(tmp_path, master):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    return pkg


def drop_and_add(pkg, table, col, decl="TEXT", *then) -> None:
    """As QGIS saves a field deleted and one added by its name (the plugin prepares the
    drop), then the values typed."""
    column_edits.prepare(pkg, table, [col])
    conn = connect(pkg)
    try:
        conn.execute("BEGIN")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {col} {decl}")
        for sql in then:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.parametrize("col", ["period", "section"])  # (section is the last)
def test_a_column_added_again_is_said_filled_back_by_a_pull_and_its_edit_goes_whole(
        gis_pkg, master, tmp_path, capsys, col):
    held = rows(master, f"SELECT uuid, {col} FROM mine_patches ORDER BY fid")
    assert all(v is not None for _, v in held)
    drop_and_add(gis_pkg, "mine_patches", col, "TEXT",
                 f"UPDATE mine_patches SET {col} = 'typed' WHERE fid = 1")
    capsys.readouterr()
    assert run("status", gis_pkg) == errors.OK
    out = capsys.readouterr().out
    assert (f"column mine_patches.{col} was dropped and added again in this package: it "
            "holds nothing where the master holds values until the next pull fills them back"
            in out)
    assert "schema changes waiting" not in out  # the master has it: no schema change
    assert run("status", gis_pkg, "--json") == errors.OK
    s = json.loads(capsys.readouterr().out)
    assert s["columns_added_again"] == [f"mine_patches.{col}"]
    assert s["schema_changes_waiting"] == [] and s["changes_waiting"] == 1
    # an export before the pull: the edit typed is one of the master's value
    assert run("export", gis_pkg, tmp_path / "c1.zip") == errors.OK
    assert local_changes(gis_pkg, col) == [("update", {col: held[0][1]}, {col: "typed"})]
    capsys.readouterr()
    assert run("status", gis_pkg) == errors.OK  # said until the pull fills it
    assert f"column mine_patches.{col} was dropped and added again" in capsys.readouterr().out
    assert run("pull", gis_pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert (f"column mine_patches.{col}, dropped and added again in this package, filled back "
            f"with the master's values in {len(held) - 1} rows; 1 row keeps the value "
            "written into it since") in out
    assert rows(gis_pkg, f"SELECT uuid, {col} FROM mine_patches ORDER BY fid") == [
        (held[0][0], "typed"), *held[1:]]
    assert run("status", gis_pkg, "--json") == errors.OK
    s = json.loads(capsys.readouterr().out)
    assert s["columns_added_again"] == [] and s["changes_waiting"] == 0  # (sent in c1)
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c1.zip") == errors.OK
    assert rows(master, f"SELECT uuid, {col} FROM mine_patches ORDER BY fid") == [
        (held[0][0], "typed"), *held[1:]]  # nothing emptied, no conflict


def test_an_edit_of_a_column_added_again_meets_the_masters_later_edit_with_its_real_ancestor(
        gis_pkg, master, tmp_path, capsys):
    (was,), = rows(master, "SELECT period FROM mine_patches WHERE fid = 1")
    drop_and_add(gis_pkg, "mine_patches", "period", "TEXT(20)")
    assert run("export", gis_pkg, tmp_path / "c0.zip") == errors.OK  # the drop settled
    with connect(gis_pkg) as c:  # typed after a command tracked the column again
        c.execute("UPDATE mine_patches SET period = 'typed' WHERE fid = 1")
        c.execute("DELETE FROM mine_patches WHERE fid = 2")
    with connect(master) as c:
        c.execute("UPDATE mine_patches SET period = 'surveyed' WHERE fid = 1")
    assert run("export", gis_pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip") == errors.CONFLICTS
    capsys.readouterr()
    assert run("conflicts", master, "--json") == errors.CONFLICTS
    got = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["field"], c["ancestor"], c["ours"], c["theirs"]) for c in got] == [
        ("update/update", "period", was, "surveyed", "typed")]
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE fid = 2") == [(0,)]


def test_a_column_added_again_is_said_in_chinese(gis_pkg, master, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    drop_and_add(gis_pkg, "mine_patches", "period")
    capsys.readouterr()
    assert run("status", gis_pkg) == errors.OK
    assert "数据包中字段 mine_patches.period 被删除后又重新添加" in \
        capsys.readouterr().out
    assert run("pull", gis_pkg, master) == errors.OK
    assert "数据包中删除后又重新添加的字段 mine_patches.period 已按主库的值回填" in \
        capsys.readouterr().out


def test_a_column_added_fresh_by_a_name_never_dropped_keeps_its_rules(gis_pkg, capsys):
    with connect(gis_pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'new' WHERE fid = 1")
    capsys.readouterr()
    assert run("status", gis_pkg, "--json") == errors.OK
    s = json.loads(capsys.readouterr().out)
    assert s["columns_added_again"] == []
    assert s["schema_changes_waiting"] == ["mine_patches.remarks"]
    assert run("export", gis_pkg, gis_pkg.parent / "c.zip") == errors.OK
    assert local_changes(gis_pkg, "remarks") == [("update", {"remarks": None},
                                                  {"remarks": "new"})]
