# SPDX-License-Identifier: GPL-2.0-or-later
"""A column added to a GIS field package by a program that knows nothing of the toolkit
(``ALTER TABLE … ADD COLUMN``, then values written into it) is captured from the moment it
exists: whichever command runs first, ``repair`` too, logs the values written into it, each
from the column's default, and the next export carries them to the master."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.sync import package_export


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def rows(path, sql):
    with connect(path) as c:
        return c.execute(sql).fetchall()


def add_priority(pkg) -> None:
    with connect(pkg) as c:  # as the sqlite3 shell would, knowing nothing of the toolkit
        c.execute("ALTER TABLE mine_patches ADD COLUMN priority TEXT")
        c.execute("UPDATE mine_patches SET priority = 'high' WHERE fid IN (1, 2)")


def export_and_merge(master, pkg, tmp_path, changes: int, code: int = errors.OK) -> None:
    out = tmp_path / "c.zip"
    assert package_export.export(pkg, out)["counts"]["changes"] == changes
    assert run("merge", master, out) == code


@pytest.mark.parametrize("first", ["repair", "status", "pull"])
def test_values_written_into_a_column_added_reach_the_master(first, master, tmp_path):
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    add_priority(pkg)
    assert run(first, pkg, *([master] if first == "pull" else [])) == errors.OK
    export_and_merge(master, pkg, tmp_path, 2)
    assert rows(master, "SELECT fid FROM mine_patches WHERE priority = 'high' ORDER BY fid") \
        == rows(pkg, "SELECT fid FROM mine_patches WHERE priority = 'high' ORDER BY fid")
    assert len(rows(master, "SELECT fid FROM mine_patches WHERE priority = 'high'")) == 2


def test_a_repair_of_another_layer_keeps_them_too(master, tmp_path, capsys):
    """Capture broken on another layer (its triggers dropped, a row edited meanwhile):
    repair recovers that edit and logs the values written into the column added. (The
    edit's earlier value is known by its checksum only: the merge holds it as a conflict,
    the package's value written.)"""
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    add_priority(pkg)
    with connect(pkg) as c:
        for op in ("insert", "update", "delete"):
            c.execute(f'DROP TRIGGER "sync_restoration_projects_{op}"')
        c.execute("UPDATE restoration_projects SET name_en = 'renamed' WHERE fid = 1")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    assert "recovered 1 edit of restoration_projects" in capsys.readouterr().out
    export_and_merge(master, pkg, tmp_path, 3, errors.CONFLICTS)
    assert len(rows(master, "SELECT fid FROM mine_patches WHERE priority = 'high'")) == 2
    assert rows(master, "SELECT name_en FROM restoration_projects WHERE fid = 1") == \
        [("renamed",)]


def test_a_layer_added_with_rows_reaches_the_master_after_repair(master, tmp_path):
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    add_priority(pkg)
    with connect(pkg) as c:  # a table made and filled, listed as GeoPackage lists a layer
        c.execute("CREATE TABLE site_notes (fid INTEGER PRIMARY KEY, note TEXT)")
        c.execute("INSERT INTO site_notes (note) VALUES ('gate locked'), ('road washed out')")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                  "VALUES ('site_notes', 'attributes', 'site_notes')")
    assert run("repair", pkg) == errors.OK
    export_and_merge(master, pkg, tmp_path, 4)
    assert rows(master, "SELECT note FROM site_notes ORDER BY note") == \
        [("gate locked",), ("road washed out",)]
    assert len(rows(master, "SELECT fid FROM mine_patches WHERE priority = 'high'")) == 2
