# SPDX-License-Identifier: GPL-2.0-or-later
"""Change capture on layers as GDAL writes them, schema changes after init, and capture
that was bypassed: every edit reaches the master or is named, never silently lost."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import (
    changelog,
    log_reads,
    merge,
    package_checkout,
    package_export,
    pull,
    registry,
    repair,
    triggers,
)
from tests.unit.gpkg_factory import as_an_earlier_version_captured, edit

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def run(*argv) -> int:
    return cli.main([str(a) for a in argv])


def ogr(*argv) -> None:
    subprocess.run(["ogr2ogr", *map(str, argv)], check=True, capture_output=True)


def forest_csv(tmp_path, n=5):
    src = tmp_path / "forest.csv"
    src.write_text("WKT,stand_id,species,area_ha\n" + "".join(
        f"\"POINT ({88 + i / 100} 42.5)\",F{i},poplar,{1.5 + i}\n" for i in range(n)))
    return src


def add_forest(gpkg, tmp_path, name="forest_stands", update=True, n=5):
    """A layer as ogr2ogr writes it: its own columns, fid, geom, no uuid."""
    ogr(*(["-update"] if update else []), "-f", "GPKG", gpkg, forest_csv(tmp_path, n), "-nln",
        name, "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo",
        "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom")


def rows(path, sql, args=()):
    with sqlite3.connect(path) as c:
        return c.execute(sql, args).fetchall()


def test_a_gdal_layer_of_its_own_is_tracked_and_its_edits_merge(tmp_path, capsys):
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    assert "tracked: forest_stands" in capsys.readouterr().out
    assert all(u for (u,) in rows(gpkg, "SELECT uuid FROM forest_stands"))
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    with connect(pkg) as c:  # as QGIS or the sqlite3 shell would, knowing no uuid
        c.execute("UPDATE forest_stands SET species = 'willow' WHERE stand_id = 'F1'")
        c.execute("INSERT INTO forest_stands (stand_id, species, area_ha) VALUES ('N1', 'elm', 2)")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.OK
    assert rows(gpkg, "SELECT species FROM forest_stands WHERE stand_id IN ('F1', 'N1') "
                      "ORDER BY stand_id") == [("willow",), ("elm",)]


def test_a_column_added_after_init_reaches_the_master(tmp_path, master, capsys):
    with connect(master) as c:  # what QGIS's "Add Field" does
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    with connect(pkg) as c:
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid IN (1, 2, 3)")
    capsys.readouterr()
    assert run("status", pkg) == errors.OK
    assert "changes waiting 3" in capsys.readouterr().out
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    assert rows(master, "SELECT count(*) FROM mine_patches WHERE remarks = 'seen'") == [(3,)]


def test_values_written_into_a_new_column_before_any_command_are_logged(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:  # the column appears in the package after checkout
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT DEFAULT 'none'")
        c.execute("UPDATE mine_patches SET remarks = 'checked' WHERE fid = 2")
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 1
    with connect(pkg) as c:
        (old, new), = c.execute("SELECT old, new FROM sync_changes WHERE tbl = 'mine_patches'")
    assert json.loads(old) == {"remarks": "none"} and json.loads(new) == {"remarks": "checked"}


def test_a_new_columns_values_are_found_in_rows_an_earlier_version_captured(tmp_path, master,
                                                                              capsys):
    """Capture rows an earlier version's triggers wrote name no rowid: their rows are found
    by uuid, and what was written into a column added meanwhile is logged all the same."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        as_an_earlier_version_captured(c)
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen', phase = 'x' WHERE fid = 2")
        c.execute("UPDATE mine_patches SET remarks = 'also' WHERE fid = 3")
        assert c.execute("SELECT count(*) FROM sync_capture").fetchone() == (2,)
    assert run("status", pkg) == errors.OK  # reads the file as that version left it
    assert "changes waiting 3" in capsys.readouterr().out
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 3
    with connect(pkg) as c:
        logged = {json.loads(n).get("remarks") for (n,) in c.execute(
            "SELECT new FROM sync_changes WHERE tbl = 'mine_patches'")}
    assert logged == {None, "seen", "also"}


def capture_slots(path) -> int:
    with sqlite3.connect(path) as c:
        return len([r for r in c.execute("PRAGMA table_info(sync_capture)")
                    if re.fullmatch(r"[on]\d+", r[1])]) // 2


def test_a_column_added_after_init_finds_room_in_the_capture(tmp_path, master):
    """QGIS's "Add Field" rebuilds the layer's triggers but does not widen the capture
    table (each ALTER TABLE of it reloads the whole schema): it holds spare slots."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    before = capture_slots(pkg)
    with connect(pkg) as c:
        widest = max(len(t.columns) for t in registry.tracked_tables(c))
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid = 2")
    assert before >= widest + 1
    assert package_export.export(pkg, tmp_path / "c.zip")["counts"]["changes"] == 1
    assert capture_slots(pkg) == before


def test_an_earlier_versions_capture_is_widened_only_as_far_as_needed(tmp_path, master):
    """Edits an earlier version captured without random bits get ids digested from every
    value column: a spare one there would give another id than that version, sealing a
    copy of the file, gives the same edit (merged twice)."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        as_an_earlier_version_captured(c)
        widest = max(len(t.columns) for t in registry.tracked_tables(c))
        for i in range(widest, capture_slots(pkg)):  # as that version left it: no spare
            c.execute(f"ALTER TABLE sync_capture DROP COLUMN o{i}")
            c.execute(f"ALTER TABLE sync_capture DROP COLUMN n{i}")
        c.execute("UPDATE mine_patches SET phase = 'x' WHERE fid = 2")
        wide = max((t for t in registry.tracked_tables(c)), key=lambda t: len(t.columns))
        c.execute(f"ALTER TABLE {wide.name} ADD COLUMN remarks TEXT")
    package_export.export(pkg, tmp_path / "c.zip")
    assert capture_slots(pkg) == widest + 1


def test_a_layer_added_under_an_earlier_versions_capture_travels(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        as_an_earlier_version_captured(c)
    add_forest(pkg, tmp_path)  # then this version's first command
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["tables"] == {"forest_stands": 5}


def test_a_layer_added_to_the_master_is_tracked_by_init_again(tmp_path, master, capsys):
    add_forest(master, tmp_path)
    capsys.readouterr()
    assert run("init", master) == errors.OK
    out = capsys.readouterr().out
    assert "tracked: forest_stands" in out and "tracked: mine_patches" in out
    with connect(master) as c:
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "sync_forest_stands_update" in names


def test_a_layer_added_after_init_is_tracked_by_the_next_command(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    add_forest(pkg, tmp_path)  # no field-kit command in between
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["tables"]["forest_stands"] == 5


def test_a_county_layer_named_as_a_plan_table_is_tracked_by_its_own_columns(tmp_path, capsys):
    gpkg = tmp_path / "county.gpkg"
    src = tmp_path / "p.csv"
    src.write_text("WKT,status,verified_by,verified_at,notes\n" + "".join(
        f"\"POINT ({88 + i / 100} 42.5)\",A,li,2024-05-0{i + 1},n{i}\n" for i in range(3)))
    ogr("-f", "GPKG", gpkg, src, "-nln", "mine_patches", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
        "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490")
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(gpkg, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("UPDATE mine_patches SET status = 'B', verified_by = 'wang'")
    assert package_export.export(pkg, tmp_path / "c.zip")["counts"]["changes"] == 3
    rep = merge.merge(gpkg, [tmp_path / "c.zip"])
    assert rep.totals["applied"] == 3
    assert rows(gpkg, "SELECT DISTINCT status, verified_by FROM mine_patches") == [("B", "wang")]


def test_tables_that_cannot_be_tracked_are_named_with_the_reason(tmp_path, capsys):
    gpkg = tmp_path / "odd.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    with connect(gpkg) as c:
        c.execute("CREATE TABLE keyless (name TEXT, n REAL)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('keyless', 'attributes', 'keyless')")
        c.execute("CREATE VIEW v AS SELECT * FROM forest_stands")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('v', 'attributes', 'v')")
    assert run("init", gpkg) == errors.OK
    out = capsys.readouterr().out
    assert "not tracked: keyless: no INTEGER PRIMARY KEY" in out
    assert "not tracked: v: a view: change capture needs a table" in out
    assert "tracked: forest_stands" in out


def test_tables_a_geopackage_does_not_list_are_named_not_passed_over(tmp_path, master,
                                                                     capsys):
    """A table or view made by SQL alone is no GeoPackage layer: never tracked, and said."""
    with connect(master) as c:
        c.execute("CREATE TABLE field_notes (fid INTEGER PRIMARY KEY, note TEXT)")
        c.execute("CREATE VIEW open_patches AS SELECT * FROM mine_patches")
    assert run("init", master) == errors.OK
    out = capsys.readouterr().out
    assert "not tracked: field_notes: not listed in gpkg_contents, so not a GeoPackage " \
        "layer" in out, out
    assert "not tracked: open_patches: a view: change capture needs a table (edit the tables " \
        "it reads)" in out
    assert "attachments" not in out and "rtree_" not in out and "sync_" not in out
    assert run("status", master) == errors.OK
    assert "not tracked: field_notes: not listed" in capsys.readouterr().out


VIEW_SAID = "a view: change capture needs a table (edit the tables it reads)"


def views_made(master) -> None:
    """Two views made in the master: open_patches by SQL alone, listed also listed in
    gpkg_contents, as GDAL and QGIS list one."""
    with connect(master) as c:
        c.execute("CREATE VIEW open_patches AS SELECT fid, patch_code FROM mine_patches")
        c.execute("CREATE VIEW listed AS SELECT fid, patch_code FROM mine_patches")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('listed', 'attributes', 'listed')")


def test_a_view_made_in_the_master_is_said_as_a_postgresql_master_says_it(master, capsys,
                                                                           chinese_locale):
    """A view made in the master with SQL was said to be "a view not listed in
    gpkg_contents", one listed there "a view, not a table", and a PostgreSQL master's
    otherwise again: each is a view, which capture cannot track, said in the same words on
    both masters (tests/postgis/test_existing_tables.py), a file of an earlier version's
    reason too; in Chinese too."""
    views_made(master)
    capsys.readouterr()
    assert run("status", master) == errors.OK
    out = capsys.readouterr().out
    for view in ("open_patches", "listed"):
        assert f"not tracked: {view}: {VIEW_SAID}\n" in out, out
        assert f"未跟踪：{view}：是视图：变更捕获只能用于数据表（请编辑它所读取的数据表）\n" \
            in out, out
    with connect(master) as c:  # recorded by an earlier version's init
        c.execute("INSERT INTO sync_untracked (tbl, reason) VALUES ('listed', 'a view, not a "
                  "table')")
    assert run("status", master, "--json") == errors.OK
    assert json.loads(capsys.readouterr().out)["not_tracked"]["listed"] == VIEW_SAID


def test_a_table_added_after_init_that_cannot_be_tracked_is_named(tmp_path, master, capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(master) as c:
        c.execute("CREATE TABLE nopk (a TEXT, b INT)")
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                  "('nopk', 'attributes', 'nopk')")
    why = "nopk: no INTEGER PRIMARY KEY"
    capsys.readouterr()
    assert run("status", master) == errors.OK
    assert f"not tracked: {why}" in capsys.readouterr().out
    assert run("status", master, "--json") == errors.OK
    assert "INTEGER PRIMARY KEY" in json.loads(capsys.readouterr().out)["not_tracked"]["nopk"]
    assert run("pull", pkg, master) == errors.OK
    assert f"not brought from the master, not tracked there: {why}" in capsys.readouterr().out
    assert run("checkout", master, tmp_path / "two.gpkg", "--device", "t2") == errors.OK
    assert f"not tracked, edits to it do not travel: {why}" in capsys.readouterr().out
    assert run("status", tmp_path / "two.gpkg") == errors.OK
    assert f"not tracked: {why}" in capsys.readouterr().out


def test_init_tables_and_exclude_choose(tmp_path, master, capsys):
    add_forest(master, tmp_path)
    assert run("init", master, "--exclude", "forest_stands") == errors.OK
    # (in one line with the plan's plan_meta, left out when the plan is built)
    left = "  not tracked: plan_meta, forest_stands: not chosen at init (left out by choice)"
    assert left in capsys.readouterr().out.splitlines()
    assert run("init", master) == errors.OK  # again without a choice: the earlier one stands
    lines = capsys.readouterr().out.splitlines()  # (the plan's build left out plan_meta alone)
    assert ("  not tracked: forest_stands: not chosen at init (left out at an earlier init, "
            "whose choice stands)") in lines, lines
    assert ("  not tracked: plan_meta: not chosen at init (left out at an earlier init, whose "
            "choice stands; the plan's file is built so, plan_meta holding the plan's own "
            "metadata)") in lines, lines


def test_a_repair_that_cannot_vouch_for_many_rows_names_a_few_and_counts_the_rest(
        tmp_path, master, capsys):
    with connect(master) as c:
        c.executemany("INSERT INTO patch_verifications (notes) VALUES (?)",
                      [(f"recorded earlier {i}",) for i in range(25)])
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name LIKE 'sync_patch_verifications_%'").fetchall():
            c.execute(f'DROP TRIGGER "{name}"')
        c.execute("UPDATE patch_verifications SET notes = 'unseen'")
        n = c.execute("SELECT count(*) FROM patch_verifications").fetchone()[0]
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    line = next(x for x in capsys.readouterr().out.splitlines() if "cannot vouch" in x)
    assert line.startswith(f"cannot vouch for {n} rows of patch_verifications")
    assert len(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-", line)) == 10  # ten uuids named
    assert line.endswith(f"and {n - 10} more (field-kit log lists them all)")


def test_bypassed_capture_is_caught_and_repaired(tmp_path, master, capsys):
    with connect(master) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('recorded earlier')")
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        (before,) = c.execute("SELECT count(*) FROM patch_verifications").fetchone()
        assert before  # a record checked out with the package, edited unseen below
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name LIKE 'sync_patch_verifications_%'").fetchall():
            c.execute(f'DROP TRIGGER "{name}"')  # as a tool that rebuilds the table does
        c.execute("UPDATE patch_verifications SET notes = 'unseen' WHERE fid = "
                  "(SELECT min(fid) FROM patch_verifications)")
        c.execute("INSERT INTO patch_verifications (uuid, notes) VALUES "
                  "('11111111-2222-4333-8444-555555555555', 'new one')")
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    assert "patch_verifications: capture triggers missing" in capsys.readouterr().out
    assert run("export", pkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    assert "field-kit repair" in capsys.readouterr().err
    assert not (tmp_path / "c.zip").exists()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "recovered 2 edits of patch_verifications" in out
    # the record keeps a checksum of the note as checked out, not the note: the update goes
    # without its earlier value, named, and the merge holds it as a conflict
    assert "cannot vouch for 1 row of patch_verifications" in out
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.CONFLICTS
    assert rows(master, "SELECT count(*) FROM patch_verifications WHERE notes IN "
                        "('unseen', 'new one')") == [(2,)]
    (c,) = merge.conflicts(master)
    assert (c.ancestor, c.ours, c.theirs) == (None, "unseen", "recorded earlier")
    # not known, which is not empty: shown so, and not to be taken (it emptied the field)
    assert not c.ancestor_known
    capsys.readouterr()
    assert run("conflicts", master) == errors.CONFLICTS
    assert "ancestor not known (logged without it) | ours" in capsys.readouterr().out
    assert run("resolve", master, c.id, "--take", "ancestor") == errors.REFUSED
    assert f"the ancestor of conflict {c.id} is not known" in capsys.readouterr().err
    assert rows(master, "SELECT count(*) FROM patch_verifications WHERE notes = 'unseen'") \
        == [(1,)]
    assert merge.conflicts(master)[0].status == "open"


def _switched_off_elsewhere(path) -> None:
    """``sync_state.capture`` set to 0 and committed by another program (a tool or a hand
    in the sqlite3 shell), the way no command of field-kit leaves it."""
    with connect(path) as c:
        c.execute("UPDATE sync_state SET capture = 0")


def test_capture_switched_off_by_another_program_is_caught_and_repaired(tmp_path, capsys):
    """A package whose capture flag another program left off: its edits since are in no log.
    Every command says so by name (it said "changes waiting 0" and "nothing to export");
    repair switches it on again and recovers the edits from the package's record."""
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    _switched_off_elsewhere(pkg)
    with connect(pkg) as c:
        c.execute("UPDATE forest_stands SET species = 'elm' WHERE stand_id IN ('F0', 'F1')")
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    assert "forest_stands: capture switched off (sync_state.capture is 0)" in \
        capsys.readouterr().out
    assert run("export", pkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    said = capsys.readouterr().err
    assert "capture switched off" in said and "field-kit repair" in said
    assert "记录修改被关闭" in chinese(said.removeprefix("field-kit: ").strip())
    assert not (tmp_path / "c.zip").exists()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "found: forest_stands: capture switched off" in out
    assert "recovered 2 edits of forest_stands" in out
    assert rows(pkg, "SELECT capture FROM sync_state") == [(1,)]
    with connect(pkg) as c:  # captured again from now on
        c.execute("UPDATE forest_stands SET species = 'ash' WHERE stand_id = 'F2'")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    # the two recovered without their earlier values: held as conflicts, their values written
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.CONFLICTS
    assert rows(gpkg, "SELECT stand_id, species FROM forest_stands WHERE species <> "
                      "'poplar' ORDER BY 1") == [("F0", "elm"), ("F1", "elm"), ("F2", "ash")]


def test_capture_switched_off_in_a_master_stops_the_merge(tmp_path, capsys):
    """A master whose capture flag another program left off: edits made in it meanwhile are
    in no log, so no pull would bring them to the packages. The merge refuses, by name;
    repair, with no record of the master's rows, says it cannot vouch for them."""
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F0'")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    _switched_off_elsewhere(gpkg)
    with connect(gpkg) as c:
        c.execute("UPDATE forest_stands SET species = 'oak' WHERE stand_id = 'F3'")
    capsys.readouterr()
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    assert "forest_stands: capture switched off" in capsys.readouterr().err
    assert rows(gpkg, "SELECT species FROM forest_stands WHERE stand_id = 'F0'") == \
        [("poplar",)]
    # (what it cannot vouch for is a refusal to say "repaired": exit 3)
    assert run("repair", gpkg) == errors.REFUSED
    out = capsys.readouterr().out
    assert "found: forest_stands: capture switched off" in out
    assert "cannot vouch for forest_stands" in out
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.OK
    assert rows(gpkg, "SELECT capture FROM sync_state") == [(1,)]


def _off_and_on_again_elsewhere(path, *edits) -> None:
    """Another program (a tool, or a hand in the sqlite3 shell) switches capture off, edits,
    and switches it on again, each step committed, between two commands of field-kit: the
    triggers and the schema are as they were."""
    with sqlite3.connect(path) as c:  # (no function of the toolkit's: switching needs none)
        c.execute("UPDATE sync_state SET capture = 0")
    with connect(path) as c:  # (GeoPackage's own triggers need GDAL's functions)
        for sql in edits:
            c.execute(sql)
    with sqlite3.connect(path) as c:
        c.execute("UPDATE sync_state SET capture = 1")


def test_capture_switched_off_and_on_again_by_another_program_is_caught_and_repaired(
        tmp_path, capsys):
    """Edits made while another program had capture off, switched on again before the next
    command, were in no log, and status said "changes waiting 0", export "nothing to
    export": the file records the switch, every command names it, repair recovers them."""
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    _off_and_on_again_elsewhere(
        pkg, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F1'",
        "INSERT INTO forest_stands (stand_id, species, area_ha) VALUES ('N1', 'oak', 2)")
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    out = capsys.readouterr().out
    said = re.search(r"forest_stands: capture was switched off by another program at "
                     r"(\S+ \S+) and on again: edits made meanwhile were not captured", out)
    assert said, out
    assert "run field-kit repair" in out
    assert "记录修改曾被另一程序于 " + said[1] + " 关闭，之后又被打开：其间所做的编辑未被记录" in \
        chinese(f"change capture not whole: {said[0]}")
    assert run("export", pkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    err = capsys.readouterr().err
    assert "capture was switched off by another program" in err and "field-kit repair" in err
    assert "其间所做的编辑未被记录" in chinese(err.removeprefix("field-kit: ").strip())
    assert not (tmp_path / "c.zip").exists()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "found: forest_stands: capture was switched off by another program" in out
    assert "recovered 2 edits of forest_stands" in out
    assert run("status", pkg) == errors.OK  # the record cleared with the repair
    assert rows(pkg, "SELECT count(*) FROM sync_capture_switched") == [(0,)]
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    # the update recovered without its earlier value: held as a conflict, its value written
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.CONFLICTS
    assert rows(gpkg, "SELECT stand_id, species FROM forest_stands WHERE species <> "
                      "'poplar' ORDER BY 1") == [("F1", "elm"), ("N1", "oak")]


def test_the_toolkits_own_pauses_of_capture_leave_no_record(tmp_path, capsys):
    """A merge and a pull switch capture off inside their own transactions: no switch is
    recorded, and no command takes them for another program's."""
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    other = tmp_path / "other.gpkg"
    assert run("checkout", gpkg, other, "--device", "gis2", "--role", "gis") == errors.OK
    edit(other, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F0'")
    assert run("export", other, tmp_path / "c.zip") == errors.OK
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.OK
    assert run("pull", pkg, gpkg) == errors.OK
    for path in (gpkg, pkg):
        assert rows(path, "SELECT count(*) FROM sync_capture_switched") == [(0,)]
        assert run("status", path) == errors.OK
    assert rows(pkg, "SELECT species FROM forest_stands WHERE stand_id = 'F0'") == [("elm",)]


def test_a_package_from_before_the_record_of_switches_gets_it_at_its_next_command(
        tmp_path, master, capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:  # as the version before wrote it
        c.execute("DROP TRIGGER sync_state_capture_off")
        c.execute("DROP TRIGGER sync_state_capture_on")
        c.execute("DROP TABLE sync_capture_switched")
        c.execute("UPDATE sync_meta SET value = '4' WHERE key = 'capture_version'")
    edit(pkg, "INSERT INTO patch_verifications (notes) VALUES ('before')")
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert rows(pkg, "SELECT value FROM sync_meta WHERE key = 'capture_version'") == \
        [(triggers.CAPTURE_VERSION,)]
    _off_and_on_again_elsewhere(pkg, "UPDATE patch_verifications SET notes = 'unseen'")
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    assert "patch_verifications: capture was switched off by another program" in \
        capsys.readouterr().out


def test_repair_of_a_package_an_earlier_version_made(tmp_path, master, capsys):
    """A package whose capture an earlier version wrote (its capture table without the
    random bits of each edit's id), capture then bypassed: repair reinstalls it and keeps
    the edit captured before, as it does for any package."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        as_an_earlier_version_captured(c)
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('captured then')")
        c.execute('DROP TRIGGER "sync_patch_verifications_update"')
        c.execute("UPDATE patch_verifications SET notes = 'unseen'")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK, capsys.readouterr().err
    assert "recovered 1 edit of patch_verifications" in capsys.readouterr().out
    assert run("status", pkg) == errors.OK
    assert [(op, json.loads(new).get("notes")) for op, new in rows(
        pkg, "SELECT op, new FROM sync_changes WHERE origin = 'local' ORDER BY seq")] == [
        ("insert", "captured then"), ("update", "unseen")]


def test_repair_recovers_exactly_what_the_log_knows(tmp_path, master, capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('a', 'li')")
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('gone soon')")
    package_export.export(pkg, tmp_path / "first.zip")
    with connect(pkg) as c:
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name LIKE 'sync_patch_verifications_%'").fetchall():
            c.execute(f'DROP TRIGGER "{name}"')
        c.execute("UPDATE patch_verifications SET notes = 'b' WHERE notes = 'a'")
        c.execute("DELETE FROM patch_verifications WHERE notes = 'gone soon'")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "recovered 2 edits" in out and "cannot vouch" not in out
    with connect(pkg) as c:
        got = [(op, json.loads(old)) for op, old in c.execute(
            "SELECT op, old FROM sync_changes ORDER BY seq DESC LIMIT 2")]
    assert ("update", {"notes": "a"}) in got
    assert any(op == "delete" and old["notes"] == "gone soon" for op, old in got)
    assert merge.merge(master, [tmp_path / "first.zip"]).totals["applied"] == 2
    package_export.export(pkg, tmp_path / "second.zip")
    rep = merge.merge(master, [tmp_path / "second.zip"])
    assert rep.totals["applied"] == 2 and rep.totals["conflict"] == 0
    assert rows(master, "SELECT notes FROM patch_verifications") == [("b",)]


def ogrsql(path, sql) -> None:
    """An edit as GDAL makes it (its GeoPackage triggers need its own SQL functions)."""
    subprocess.run(["ogrinfo", "-q", str(path), "-sql", sql], check=True, capture_output=True)


def test_rows_inserted_while_capture_was_off_are_recovered_as_inserts(tmp_path, master,
                                                                       capsys):
    src = tmp_path / "lin.csv"
    src.write_text("WKT,小班号,树种\n" + "".join(
        f"\"POINT ({88 + i / 10} 42.5)\",L{i},杨树\n" for i in range(3)))
    ogr("-update", "-f", "GPKG", master, src, "-nln", "林地", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
        "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom")
    assert run("init", master) == errors.OK
    pkg, tmp = tmp_path / "pkg.gpkg", tmp_path / "tmp.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    # the layer rebuilt by GDAL from an edited copy: one changed, one gone, one new
    ogr("-f", "GPKG", tmp, pkg, "林地")
    ogrsql(tmp, "UPDATE 林地 SET 树种 = '松树' WHERE 小班号 = 'L0'")
    ogrsql(tmp, "DELETE FROM 林地 WHERE 小班号 = 'L1'")
    ogrsql(tmp, "INSERT INTO 林地 (小班号, 树种) VALUES ('L9', '桦树')")
    ogr("-update", "-overwrite", pkg, tmp, "林地")
    with connect(pkg) as c:  # and rows added in the sqlite3 shell with its trigger dropped
        c.execute('DROP TRIGGER "sync_patch_verifications_insert"')
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('no uuid')")
        c.execute("INSERT INTO patch_verifications (notes, uuid) VALUES ('with uuid', "
                  "'aaaaaaaa-0000-4000-8000-000000000001')")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "recovered 3 edits of 林地" in out and "recovered 2 edits of patch_verifications" in out
    with connect(pkg) as c:
        logged = {(t, op, json.loads(new or "{}").get("小班号") or json.loads(new or "{}").get(
            "notes")) for t, op, new in c.execute("SELECT tbl, op, new FROM sync_changes")}
        assert not c.execute("SELECT 1 FROM patch_verifications WHERE uuid IS NULL OR uuid = ''"
                             ).fetchone()
    assert {("林地", "insert", "L9"), ("林地", "update", None), ("林地", "delete", None),
            ("patch_verifications", "insert", "no uuid"),
            ("patch_verifications", "insert", "with uuid")} == logged
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    run("merge", master, tmp_path / "c.zip")
    assert rows(master, "SELECT 小班号 FROM 林地 ORDER BY 1") == [("L0",), ("L2",), ("L9",)]
    assert rows(master, "SELECT count(*) FROM patch_verifications WHERE notes IN "
                        "('no uuid', 'with uuid')") == [(2,)]


def test_a_layer_rebuilt_without_its_uuids_is_matched_again_by_its_values(tmp_path, master,
                                                                          capsys):
    """ogr2ogr -overwrite from a county's own copy (no uuid column): repair finds each row
    again by its values (one edited meanwhile by its other values), so later edits of the
    layer still reach the master; a row found by all but one value is logged as an update
    without its earlier value, which the merge holds as a conflict, not applied blind; a row
    gone is a delete, a row new an insert."""
    add_forest(master, tmp_path, n=4)
    assert run("init", master) == errors.OK
    pkg, tmp = tmp_path / "pkg.gpkg", tmp_path / "copy.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    ogr("-f", "GPKG", tmp, pkg, "-sql", "SELECT geom, stand_id, species, area_ha FROM "
        "forest_stands", "-nln", "forest_stands")
    ogrsql(tmp, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F0'")
    ogrsql(tmp, "DELETE FROM forest_stands WHERE stand_id = 'F3'")
    ogrsql(tmp, "INSERT INTO forest_stands (stand_id, species, area_ha) VALUES ('F9', 'fir', 2)")
    ogr("-update", "-overwrite", pkg, tmp, "forest_stands", "-lco", "GEOMETRY_NAME=geom")
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK, capsys.readouterr()
    out = capsys.readouterr().out
    assert "3 of its 4 rows found again by their values" in out, out
    kept = rows(master, "SELECT uuid FROM forest_stands WHERE stand_id IN ('F0', 'F1', 'F2') "
                "ORDER BY stand_id")
    assert rows(pkg, "SELECT uuid FROM forest_stands WHERE stand_id IN ('F0', 'F1', 'F2') "
                "ORDER BY stand_id") == kept
    ogrsql(pkg, "UPDATE forest_stands SET area_ha = 99 WHERE stand_id = 'F2'")
    assert run("export", pkg, tmp_path / "p.zip") == errors.OK
    capsys.readouterr()
    # the edited row's update and the gone row's delete know only checksums of the values
    # they met: each held as a conflict for a supervisor (the package's side applied, the
    # master's kept aside)
    assert run("merge", master, tmp_path / "p.zip") == errors.CONFLICTS
    said = capsys.readouterr().out
    assert said.count("conflict ") == 2, said
    assert rows(master, "SELECT stand_id, species, area_ha FROM forest_stands ORDER BY 1") == \
        rows(pkg, "SELECT stand_id, species, area_ha FROM forest_stands ORDER BY 1")
    assert rows(master, "SELECT uuid FROM forest_stands WHERE stand_id IN ('F0', 'F1', 'F2') "
                "ORDER BY stand_id") == kept


def test_repair_on_a_master_names_what_it_cannot_vouch_for(master, capsys):
    with connect(master) as c:
        c.execute('DROP TRIGGER "sync_mine_patches_update"')
    assert run("repair", master) == errors.REFUSED
    out = capsys.readouterr().out
    assert "cannot vouch for mine_patches" in out and "reinstalled" in out
    assert run("status", master) == errors.OK


def test_a_layer_dropped_in_a_package_is_said_gone_its_edits_kept(tmp_path, master, capsys,
                                                                  chinese_locale):
    """A layer edited, then dropped from a package (ogrinfo's DROP TABLE): repair has no row
    of it to vouch for (it said it had no record of their earlier state, exit 3), says the
    drop does not travel, in Chinese too; the edit goes, and a pull brings the layer back."""
    add_forest(master, tmp_path)
    assert run("init", master) == errors.OK
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    ogrsql(pkg, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F1'")
    ogrsql(pkg, "DROP TABLE forest_stands")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert "cannot vouch" not in out, out
    assert ("forest_stands is gone from this file: what was logged of it before goes with the "
            "next export; dropping a layer does not travel (a pull brings it back from the "
            "master)") in out
    assert "forest_stands 已不在此文件中：此前记录的对它的修改随下次导出发送；删除图层不会传送" \
        in out
    assert "发现：forest_stands：表已不存在" in out
    assert run("export", pkg, tmp_path / "p.zip") == errors.OK
    assert run("merge", master, tmp_path / "p.zip") == errors.OK
    assert rows(master, "SELECT species FROM forest_stands WHERE stand_id = 'F1'") == [("elm",)]
    assert run("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT species FROM forest_stands WHERE stand_id = 'F1'") == [("elm",)]


def test_gdal_reads_a_master_and_its_package_without_a_warning(tmp_path, capsys):
    """GDAL lists every table of a GeoPackage whose only layers are its own where one of the
    user's tables is left out of gpkg_contents: the capture table's value columns, declared
    with no type, gave a warning each (30 lines of "Field format '' not supported" from
    ogrinfo, QGIS's log likewise)."""
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    with sqlite3.connect(gpkg) as conn:  # (made by SQL: GDAL then lists every table)
        conn.execute("CREATE TABLE lookup (id INTEGER PRIMARY KEY, label TEXT)")
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(gpkg, pkg, "gis1", role="gis")
    for path in (gpkg, pkg):
        said = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True,
                              text=True, check=True)
        assert "sync_capture" in said.stdout and "Warning" not in said.stderr, said.stderr


@pytest.mark.parametrize("layer, csv, edit, name, changed, names_nothing", [
    # a field called name names the rows (status says W1)
    ("wells", "WKT,name,depth_m\n\"POINT (88.6 42.8)\",W1,12.5\n"
     "\"POINT (88.7 42.9)\",W2,30\n",
     "UPDATE wells SET depth_m = 13 WHERE name = 'W1'", "W1", "depth_m: 12.5 -> 13", "12.5"),
    # none is: the first text field holding a value names them (a bureau's well checks)
    ("水井检查", "WKT,编号,水位_m,备注\n\"POINT (88.6 42.8)\",SJ-001,12.5,清\n"
     "\"POINT (88.7 42.9)\",SJ-002,30,浑\n",
     "UPDATE 水井检查 SET 水位_m = 31 WHERE 编号 = 'SJ-002'", "SJ-002",
     "水位_m: 30 -> 31", "浑"),
])
def test_history_finds_a_row_by_the_name_status_calls_it(tmp_path, master, capsys, layer, csv,
                                                        edit, name, changed, names_nothing):
    """A layer of the county's own: merge and status name its rows by a field called name,
    else by their first text field holding a value; history by that name lists the row's
    changes (it said no row held W1, then SJ-002). A value of another field names nothing."""
    src = tmp_path / "layer.csv"
    src.write_text(csv)
    ogr("-update", "-f", "GPKG", master, src, "-nln", layer, "-oo", "GEOM_POSSIBLE_NAMES=WKT",
        "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4490")
    assert run("init", master) == errors.OK
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    ogrsql(pkg, edit)
    assert run("export", pkg, tmp_path / "p.zip") == errors.OK
    assert run("merge", master, tmp_path / "p.zip") == errors.OK
    capsys.readouterr()
    assert run("history", master, name) == errors.OK
    out = capsys.readouterr().out
    assert out.startswith(f"{name} is row ") and f" of {layer}" in out.split("\n")[0], out
    assert changed in out, out
    assert run("history", master, names_nothing) == errors.BAD_INPUT
    assert f"no row holds or held {names_nothing}" in capsys.readouterr().err


def test_repair_names_the_rows_it_cannot_vouch_for_as_status_names_them(tmp_path, master,
                                                                        capsys, chinese_locale):
    """A row of a county's layer edited while capture was off: repair names it by what
    people call it, with its uuid (it gave the uuid alone), in Chinese too."""
    add_forest(master, tmp_path)
    assert run("init", master) == errors.OK
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    u = rows(pkg, "SELECT uuid FROM forest_stands WHERE stand_id = 'F1'")[0][0]
    with connect(pkg) as c:
        c.execute('DROP TRIGGER "sync_forest_stands_update"')
    ogrsql(pkg, "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F1'")
    capsys.readouterr()
    assert run("repair", pkg) == errors.OK
    out = capsys.readouterr().out
    assert f"as conflicts for a supervisor: F1 (row {u})" in out, out
    assert f"合并时将作为冲突交由主管处理：F1（要素 {u}）" in out, out


def test_roles_are_data_in_the_master(tmp_path, master):
    add_forest(master, tmp_path)
    with connect(master) as c:  # the bureau lets technicians fill its own layer
        c.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                  "'forest_stands', 'species')")
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        c.execute("UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F0'")
        c.execute("UPDATE forest_stands SET area_ha = 99 WHERE stand_id = 'F1'")
    package_export.export(pkg, tmp_path / "c.zip")
    rep = merge.merge(master, [tmp_path / "c.zip"])
    outcomes = {o.status: o.reason for o in rep.results[0].outcomes}
    assert rep.totals["applied"] == 1 and rep.totals["refused"] == 1
    assert outcomes["refused"] == "a technician may not change column area_ha of forest_stands"
    assert rows(master, "SELECT species, area_ha FROM forest_stands WHERE stand_id IN "
                        "('F0', 'F1') ORDER BY stand_id") == [("elm", 1.5), ("poplar", 2.5)]


def _package_adding_a_column(tmp_path, master, role):
    pkg = tmp_path / f"{role}.gpkg"
    package_checkout.checkout(master, pkg, f"{role}1", role=role)
    with connect(pkg) as c:
        c.execute("ALTER TABLE patch_verifications ADD COLUMN soil_sample TEXT")
        c.execute("INSERT INTO patch_verifications (notes, soil_sample) VALUES ('v', 'S-1')")
    out = tmp_path / f"{role}.zip"
    package_export.export(pkg, out)
    return out


def test_a_gis_package_brings_its_new_column_to_the_master(tmp_path, master):
    rep = merge.merge(master, [_package_adding_a_column(tmp_path, master, "gis")])
    # the insert as the old triggers saw it, then its new column's value from the default
    assert not rep.refused and rep.totals["applied"] == 2
    assert rows(master, "SELECT soil_sample FROM patch_verifications") == [("S-1",)]
    with connect(master) as c:  # tracked from then on
        c.execute("UPDATE patch_verifications SET soil_sample = 'S-2'")
        newest = log_reads.log(c, limit=1)[0]
    assert json.loads(newest["new"]) == {"soil_sample": "S-2"}


def test_a_technician_packages_new_column_is_refused_alone(tmp_path, master, capsys):
    """Technicians fill records, they do not change the schema: the master does not take
    their column, the changes that fill it are refused, named, and the rest applies."""
    package = _package_adding_a_column(tmp_path, master, "technician")
    capsys.readouterr()
    assert run("merge", master, package) == errors.REFUSED
    out = capsys.readouterr().out
    assert "applied 1" in out and "refused 1" in out
    assert "column soil_sample of patch_verifications is not in the master" in out
    assert rows(master, "SELECT notes FROM patch_verifications") == [("v",)]
    assert "soil_sample" not in [r[1] for r in rows(master, "PRAGMA table_info("
                                                            "patch_verifications)")]
    # once GIS staff add the column, the same package brings its values
    with connect(master) as c:
        c.execute("ALTER TABLE patch_verifications ADD COLUMN soil_sample TEXT")
    assert run("merge", master, package) == errors.OK
    assert rows(master, "SELECT soil_sample FROM patch_verifications") == [("S-1",)]


def test_a_column_a_technician_added_and_dropped_leaves_the_rest_to_travel(tmp_path, master,
                                                                            capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        c.execute("ALTER TABLE patch_verifications ADD COLUMN 天气 TEXT")
        c.execute("INSERT INTO patch_verifications (notes, 天气) VALUES ('first', '晴')")
    assert run("status", pkg) == errors.OK  # the column is tracked from here on
    capsys.readouterr()
    assert run("export", pkg, tmp_path / "a.zip") == errors.OK
    assert "refuses the changes that fill column patch_verifications.天气" in \
        capsys.readouterr().out  # said at once, where it was made
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('second')")
        with pytest.raises(sqlite3.OperationalError, match="天气"):  # the triggers name it
            c.execute("ALTER TABLE patch_verifications DROP COLUMN 天气")
        # the table rebuilt without it, as a tool does (its triggers go with it)
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name LIKE 'sync_patch_verifications_%'").fetchall():
            c.execute(f'DROP TRIGGER "{name}"')
        c.execute("ALTER TABLE patch_verifications DROP COLUMN 天气")
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('third')")
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    assert run("repair", pkg) == errors.OK
    assert run("export", pkg, tmp_path / "b.zip", "--all") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "b.zip") == errors.REFUSED
    out = capsys.readouterr().out
    assert "applied 3" in out and "refused 1" in out
    assert "column 天气 of patch_verifications is not in the master" in out
    assert rows(master, "SELECT notes FROM patch_verifications ORDER BY notes") == [
        ("first",), ("second",), ("third",)]


def test_pull_brings_the_masters_new_columns_and_layers(tmp_path, master, capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(master) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'fenced' WHERE fid = 1")
    add_forest(master, tmp_path)
    capsys.readouterr()
    assert run("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    assert "column mine_patches.remarks" in out and "table forest_stands" in out
    assert rows(pkg, "SELECT remarks FROM mine_patches WHERE fid = 1") == [("fenced",)]
    assert rows(pkg, "SELECT count(*) FROM forest_stands") == [(5,)]
    with connect(pkg) as c:  # the package's copy of the new layer is tracked
        c.execute("UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F2'")
        assert log_reads.pending(c) == 1
    capsys.readouterr()
    assert run("status", pkg) == errors.OK
    # what the master added is not the technician's own schema change
    assert "schema changes" not in capsys.readouterr().out
    assert run("export", pkg, tmp_path / "t.zip") == errors.OK
    assert "schema changes" not in capsys.readouterr().out
    rep = merge.merge(master, [tmp_path / "t.zip"])  # (the edit is not a technician's)
    assert not rep.refused and rep.totals["refused"] == 1


def test_a_layer_new_to_a_package_comes_with_the_masters_keys(tmp_path, master, capsys):
    """A county's own data may refer to rows by their key: a pull that brings a layer the
    package lacks gives each row the key it has in the master, as a checkout does, also for
    rows edited or deleted since the layer was tracked; a package cut to a box takes the
    rows within it."""
    from tests.unit.gpkg_factory import _square
    whole, box = tmp_path / "whole.gpkg", tmp_path / "box.gpkg"
    assert run("checkout", master, whole, "--device", "og1", "--role", "gis") == errors.OK
    assert run("checkout", master, box, "--device", "og2", "--role", "gis", "--bbox",
               "88.015,42.4,88.035,42.6") == errors.OK
    add_forest(master, tmp_path, n=10)  # points at lon 88.00 .. 88.09, lat 42.5
    assert run("status", master) == errors.OK  # tracked: its rows logged as inserts
    with connect(master) as c:
        c.execute("UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'F2'")
        c.execute("DELETE FROM forest_stands WHERE stand_id = 'F5'")
        c.execute("INSERT INTO forest_stands (stand_id, species, geom) VALUES ('N1', 'elm', ?)",
                  (_square(88.03, 42.5),))
    held = rows(master, "SELECT fid, stand_id, species FROM forest_stands ORDER BY fid")
    for pkg in (whole, box):
        capsys.readouterr()
        assert run("pull", pkg, master) == errors.OK
        assert "conflicts 0" in capsys.readouterr().out
    assert rows(whole, "SELECT fid, stand_id, species FROM forest_stands ORDER BY fid") == held
    assert rows(box, "SELECT fid, stand_id, species FROM forest_stands ORDER BY fid") == \
        [r for r in held if r[1] in ("F2", "F3", "N1")]


def test_a_pulled_column_has_the_masters_default_in_every_row(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(master) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN visits INTEGER DEFAULT 5")
    assert run("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT DISTINCT visits FROM mine_patches") == [(5,)]


def test_a_column_a_package_renamed_comes_back_with_the_masters_values(tmp_path, master,
                                                                       capsys):
    """GIS staff rename a column in their package: the master gains the new name on merge
    and keeps the old one; pulled back into the package, the old column holds the master's
    values, not its default, and the merge names the column it added."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("ALTER TABLE project_targets RENAME COLUMN plan_quote TO quote_text")
    assert run("repair", pkg) == errors.OK
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    assert "added to the master: column project_targets.quote_text" in capsys.readouterr().out
    assert run("pull", pkg, master) == errors.OK
    assert "added from the master: column project_targets.plan_quote" in capsys.readouterr().out
    held = rows(master, "SELECT uuid, plan_quote FROM project_targets ORDER BY uuid")
    assert sum(1 for _, q in held if q) >= 5
    assert rows(pkg, "SELECT uuid, plan_quote FROM project_targets ORDER BY uuid") == held


VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


def validate(path) -> str:
    got = subprocess.run(["/usr/bin/python3", VALIDATOR, "--extra", str(path)],
                         capture_output=True, text=True)
    return got.stdout + got.stderr + ("" if got.returncode == 0 else f"exit {got.returncode}")


def test_files_stay_valid_geopackages(tmp_path, master):
    gpkg = tmp_path / "forest.gpkg"
    add_forest(gpkg, tmp_path, update=False)
    assert run("init", gpkg) == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    add_forest(master, tmp_path)
    with connect(master) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
    assert run("pull", pkg, master) == errors.OK
    for path in (gpkg, master, pkg):
        assert validate(path) == "", path


@pytest.mark.parametrize("alter", ["RENAME COLUMN notes TO remark", "DROP COLUMN notes"])
def test_a_renamed_or_dropped_column_is_never_silently_ignored(tmp_path, master, capsys, alter):
    with connect(master) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('earlier')")
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        try:
            c.execute(f"ALTER TABLE patch_verifications {alter}")
        except sqlite3.OperationalError as exc:  # SQLite itself refuses: the triggers use it
            assert "notes" in str(exc)
            return
    capsys.readouterr()
    assert run("export", pkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    err = capsys.readouterr().err
    assert "patch_verifications: column gone (notes)" in err


def test_an_empty_column_added_in_a_package_still_travels(tmp_path, master, capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
    capsys.readouterr()
    assert run("status", pkg) == errors.OK
    assert "schema changes waiting: mine_patches.remarks" in capsys.readouterr().out
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert "schema changes: mine_patches.remarks" in capsys.readouterr().out
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    assert "remarks" in [r[1] for r in rows(master, "PRAGMA table_info(mine_patches)")]
    assert run("export", pkg, tmp_path / "again.zip") == errors.OK
    assert "nothing to export" in capsys.readouterr().out


def test_rows_inserted_with_an_empty_uuid_get_one(tmp_path, master):
    """A form that sends an empty text for the uuid field (as a table editor may)."""
    with connect(master) as c:
        c.execute("INSERT INTO patch_verifications (uuid, notes) VALUES ('', 'one')")
        c.execute("INSERT INTO patch_verifications (uuid, notes) VALUES (NULL, 'two')")
        got = [u for (u,) in c.execute("SELECT uuid FROM patch_verifications")]
    assert len(got) == 2 and all(len(u) == 36 for u in got)


def test_a_merge_into_a_master_whose_capture_is_broken_changes_nothing(tmp_path, master,
                                                                      capsys):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('v')")
    package_export.export(pkg, tmp_path / "c.zip")
    with connect(master) as c:
        c.execute('DROP TRIGGER "sync_mine_patches_delete"')
    before = master.read_bytes()
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    assert "mine_patches: capture triggers missing" in capsys.readouterr().err
    assert master.read_bytes() == before


def test_init_on_a_file_with_nothing_to_track_says_so(tmp_path, capsys):
    plain = tmp_path / "plain.sqlite"
    with sqlite3.connect(plain) as c:
        c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)")
    assert run("init", plain) == errors.BAD_INPUT
    assert "no feature or attribute table to track" in capsys.readouterr().err
    assert run("init", tmp_path / "text.gpkg") == errors.BAD_INPUT  # no such file
    (tmp_path / "junk.gpkg").write_text("not a database at all " * 100)
    assert run("init", tmp_path / "junk.gpkg") == errors.BAD_INPUT
    with sqlite3.connect(plain) as c:  # and left the file as it was
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master")] == ["t"]


def test_init_again_after_a_column_was_added_and_filled_keeps_the_values(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid IN (1, 2)")
    # capture installed again (as the library does; the command line's init refuses a
    # package) keeps them
    changelog.install(pkg)
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 2


def test_a_new_columns_values_are_found_without_reading_the_whole_layer(tmp_path, master):
    """Only the rows edited since the last command are read for a column added meanwhile:
    an UPDATE that changes no tracked column is captured as a touch for that."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid = 1")
        c.execute("UPDATE mine_patches SET remarks = 'both', phase = 'x' WHERE fid = 2")
        c.execute("UPDATE mine_patches SET phase = phase WHERE fid = 3")  # changes nothing
        assert log_reads.pending(c) == 3  # fid 2's phase, and the two remarks
        assert [r["op"] for r in log_reads.log(c)] == ["update"]  # a touch is no change
    man = package_export.export(pkg, tmp_path / "c.zip")
    assert man["counts"]["changes"] == 3


def test_one_column_added_on_both_sides_with_two_definitions_is_refused(tmp_path, master):
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(master) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT DEFAULT 'none'")
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "c.zip")
    rep = merge.merge(master, [tmp_path / "c.zip"])
    assert rep.refused and "column remarks of mine_patches was added in the master as TEXT " \
        "DEFAULT 'none' and in the package as TEXT" in rep.refused[0][1]


def test_triggers_another_version_wrote_are_rebuilt_unless_some_are_missing(tmp_path, master):
    from field_kit.sync import registry
    with connect(master) as c:  # as a version with other trigger text left it
        c.execute("UPDATE sync_meta SET value = '1' WHERE key = 'capture_version'")
        c.execute('DROP TRIGGER "sync_mine_patches_update"')
        c.execute('CREATE TRIGGER "sync_mine_patches_update" AFTER UPDATE ON mine_patches '
                  "BEGIN SELECT 1; END")
    assert run("status", master) == errors.OK  # whole, only written otherwise: rebuilt
    with connect(master) as c:
        changelog.seal(c)
        assert registry.meta(c, "capture_version") == triggers.CAPTURE_VERSION
        c.execute("UPDATE mine_patches SET phase = 'p' WHERE fid = 1")
        assert log_reads.pending(c) == 1
        c.execute("UPDATE sync_meta SET value = '1' WHERE key = 'capture_version'")
        c.execute('DROP TRIGGER "sync_mine_patches_delete"')
    assert run("status", master) == errors.CAPTURE_BROKEN


def test_a_layer_whose_name_holds_a_double_quote_is_tracked_and_merges(tmp_path, capsys):
    gpkg = tmp_path / "odd.gpkg"
    name = 'stands "north"'
    add_forest(gpkg, tmp_path, name=name, update=False)
    assert run("init", gpkg) == errors.OK
    assert f"tracked: {name}" in capsys.readouterr().out
    pkg = tmp_path / "pkg.gpkg"
    assert run("checkout", gpkg, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    with connect(pkg) as c:
        c.execute('UPDATE "stands ""north""" SET species = \'willow\' WHERE stand_id = \'F1\'')
        c.execute('ALTER TABLE "stands ""north""" ADD COLUMN remarks TEXT')
        c.execute('UPDATE "stands ""north""" SET remarks = \'seen\' WHERE stand_id = \'F2\'')
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", gpkg, tmp_path / "c.zip") == errors.OK
    assert rows(gpkg, 'SELECT stand_id, species, remarks FROM "stands ""north""" '
                      "WHERE stand_id IN ('F1', 'F2') ORDER BY stand_id") == [
        ("F1", "willow", None), ("F2", "poplar", "seen")]


def test_a_box_cuts_a_layer_of_the_countys_own_and_a_township_carries_it_whole(
        tmp_path, master, capsys, chinese_locale):
    """A field package cut to a box holds the stands of a forest layer within it, not a
    province's millions; its pull brings a stand moved into the box and leaves out one
    added elsewhere. A package cut to a township carries the layer whole, and says so:
    the technician's tablet gets the county's whole layer."""
    from tests.unit.gpkg_factory import _square
    add_forest(master, tmp_path)  # points at lon 88.00 .. 88.04, lat 42.5
    box = (88.015, 42.4, 88.035, 42.6)
    pkg = tmp_path / "box.gpkg"
    assert run("checkout", master, pkg, "--device", "tab-box", "--role", "gis", "--bbox",
               ",".join(map(str, box))) == errors.OK
    assert rows(pkg, "SELECT stand_id FROM forest_stands ORDER BY stand_id") == \
        [("F2",), ("F3",)]
    with connect(master) as c:  # a stand moved into the box, another added far away
        c.execute("UPDATE forest_stands SET geom = ? WHERE stand_id = 'F0'",
                  (_square(88.025, 42.5),))
        c.execute("INSERT INTO forest_stands (stand_id, species, geom) VALUES ('FAR', 'elm', ?)",
                  (_square(89.5, 42.5),))
    assert run("pull", pkg, master) == errors.OK
    assert rows(pkg, "SELECT stand_id FROM forest_stands ORDER BY stand_id") == \
        [("F0",), ("F2",), ("F3",)]
    town = rows(master, "SELECT township FROM mine_patches LIMIT 1")[0][0]
    capsys.readouterr()
    assert run("checkout", master, tmp_path / "town.gpkg", "--device", "tab-town",
               "--township", town) == errors.OK
    assert rows(tmp_path / "town.gpkg", "SELECT count(*) FROM forest_stands") == [(6,)]
    out = capsys.readouterr().out
    assert "carried whole, a township keeping only the plan's patches and projects and " \
           "their records: forest_stands (6 features); to cut a layer of the county's own " \
           "to the township's area, check out by a box instead" in out
    assert "以下本县自有图层已整层带入（按乡镇签出只裁切规划的图斑、项目及其记录）：" \
           "forest_stands（6 个要素）；" in out


def test_a_layer_of_one_feature_carried_whole_is_said_in_the_singular(tmp_path, master, capsys,
                                                                     chinese_locale):
    add_forest(master, tmp_path, n=1)
    town = rows(master, "SELECT township FROM mine_patches LIMIT 1")[0][0]
    capsys.readouterr()
    assert run("checkout", master, tmp_path / "town.gpkg", "--device", "tab-town",
               "--township", town) == errors.OK
    out = capsys.readouterr().out
    assert "their records: forest_stands (1 feature); to cut" in out, out
    assert "：forest_stands（1 个要素）；" in out, out


def test_a_layer_in_other_coordinates_is_carried_whole_and_said_so(tmp_path, master, capsys):
    add_forest(master, tmp_path, name="grass_plots")
    with connect(master) as c:  # as if written in a projected system (GK zone 29)
        c.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                  "organization_coordsys_id, definition) VALUES ('CGCS2000 / 3-degree GK CM "
                  "87E', 4528, 'EPSG', 4528, 'undefined')")
        c.execute("UPDATE gpkg_geometry_columns SET srs_id = 4528 WHERE table_name = "
                  "'grass_plots'")
    capsys.readouterr()
    assert run("checkout", master, tmp_path / "box.gpkg", "--device", "tab-box", "--bbox",
               "88.015,42.4,88.035,42.6") == errors.OK
    assert "carried whole, their coordinates not being the box's (EPSG:4490): grass_plots" \
        in capsys.readouterr().out
    assert rows(tmp_path / "box.gpkg", "SELECT count(*) FROM grass_plots") == [(5,)]


def test_a_township_cut_of_a_county_geopackage_without_the_plans_layers_is_refused(
        tmp_path, capsys):
    gpkg = tmp_path / "p.gpkg"
    add_forest(gpkg, tmp_path, name="林地", update=False)
    assert run("init", gpkg) == errors.OK
    capsys.readouterr()
    out = tmp_path / "x.gpkg"
    assert run("checkout", gpkg, out, "--device", "x", "--township", "博斯坦镇") == \
        errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "--township needs the plan's layers (mine_patches" in err and "--bbox" in err
    assert not out.exists()
    assert run("checkout", gpkg, out, "--device", "x", "--bbox", "88.015,42.4,88.035,42.6") \
        == errors.OK
    assert rows(out, "SELECT count(*) FROM 林地") == [(2,)]


def test_county_tables_named_as_the_plans_are_cut_as_the_countys_own(tmp_path, capsys):
    """A county's own mine_patches and photos (other columns than the plan's): a box cuts
    them by their geometry as any layer of the county's own; a township has none of the
    plan's patches to go by."""
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, name="mine_patches", update=False)
    add_forest(gpkg, tmp_path, name="photos")
    assert run("init", gpkg) == errors.OK
    capsys.readouterr()
    box = "88.015,42.4,88.035,42.6"
    assert run("checkout", gpkg, tmp_path / "box.gpkg", "--device", "b", "--bbox", box) == \
        errors.OK
    for tbl in ("mine_patches", "photos"):
        assert rows(tmp_path / "box.gpkg", f"SELECT stand_id FROM {tbl} ORDER BY stand_id") \
            == [("F2",), ("F3",)]
    assert run("checkout", gpkg, tmp_path / "q", "--device", "q", "--bbox", box,
               "--for", "qfield") == errors.OK
    assert rows(tmp_path / "q" / "package.gpkg", "SELECT count(*) FROM photos") == [(2,)]
    capsys.readouterr()
    assert run("checkout", gpkg, tmp_path / "t.gpkg", "--device", "t", "--township", "X") == \
        errors.BAD_INPUT
    assert "--township needs the plan's layers" in capsys.readouterr().err
    assert not (tmp_path / "t.gpkg").exists()


def test_a_township_cut_names_the_countys_own_mine_patches_as_qgis_shows_it(
        tmp_path, capsys, chinese_locale):
    """A county's own mine_patches, shown in QGIS by the name gpkg_contents gives it: the
    refusal of a township cut names that layer, its table in brackets, and what keeps it
    from being the plan's (columns it lacks, or not tracked), in Chinese too."""
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, name="mine_patches", update=False)
    assert run("init", gpkg) == errors.OK
    edit(gpkg, "UPDATE gpkg_contents SET identifier = '矿区林地 2024' WHERE table_name = "
               "'mine_patches'")
    head = ("field-kit: --township needs the plan's layers (mine_patches with its township "
            f"column, and the projects and records that follow it); {gpkg} has none (its "
            "layer 矿区林地 2024 (mine_patches) ")
    zh = ("field-kit: 按乡镇签出需要规划图层（含 township 字段的 mine_patches 等）；此主库没有："
          "其图层矿区林地 2024（mine_patches）")
    capsys.readouterr()
    assert run("checkout", gpkg, tmp_path / "t.gpkg", "--device", "t", "--township", "X") == \
        errors.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        head + "has no column township, project_uuid): cut it by --bbox W,S,E,N instead",
        zh + "缺少字段 township、project_uuid，不是规划的图层：请改用 --bbox 按范围签出"]
    other = tmp_path / "other.gpkg"  # the plan's columns, left out at init
    add_forest(other, tmp_path, update=False)
    add_forest(other, tmp_path, name="mine_patches")
    for col in ("uuid", "township", "project_uuid"):
        edit(other, f"ALTER TABLE mine_patches ADD COLUMN {col} TEXT")
    edit(other, "UPDATE gpkg_contents SET identifier = '矿区林地 2024' WHERE table_name = "
                "'mine_patches'")
    assert run("init", other, "--exclude", "mine_patches") == errors.OK
    capsys.readouterr()
    assert run("checkout", other, tmp_path / "t.gpkg", "--device", "t", "--township", "X") == \
        errors.BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        head.replace(str(gpkg), str(other)) + "is not tracked): cut it by --bbox W,S,E,N "
        "instead", zh + "未被跟踪：请改用 --bbox 按范围签出"]
    assert not (tmp_path / "t.gpkg").exists()


def _package_adding_a_layer(tmp_path, master, role="gis", device="gis1", name="林班 stands",
                            n=3):
    pkg = tmp_path / f"{device}.gpkg"
    package_checkout.checkout(master, pkg, device, role=role)
    add_forest(pkg, tmp_path, name=name, n=n)
    out = tmp_path / f"{device}.zip"
    package_export.export(pkg, out)
    return pkg, out


def test_a_gis_package_brings_its_new_layer_to_the_master(tmp_path, master, capsys):
    """A layer GIS staff added in their package arrives in the master as they have it: the
    layer (registered, in its coordinate system), its columns and its rows, and is tracked;
    a pull gives it to the other packages."""
    other = tmp_path / "gis2.gpkg"
    package_checkout.checkout(master, other, "gis2", role="gis")
    pkg, out = _package_adding_a_layer(tmp_path, master)
    assert run("merge", master, out) == errors.OK
    assert "added to the master: layer 林班 stands" in capsys.readouterr().out
    sel = 'SELECT stand_id, species, area_ha, hex(geom), uuid FROM "林班 stands" ORDER BY stand_id'
    assert rows(master, sel) == rows(pkg, sel) and len(rows(master, sel)) == 3
    assert rows(master, "SELECT data_type, srs_id FROM gpkg_contents WHERE table_name = ?",
                ("林班 stands",)) == [("features", 4490)]
    assert rows(master, "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE "
                "table_name = ?", ("林班 stands",)) == [("geom", 4490)]
    assert validate(master) == ""
    assert spatially_indexed(master, "林班 stands") == 3
    assert rows(master, "SELECT min_x, max_x, min_y, max_y FROM gpkg_contents WHERE "
                "table_name = ?", ("林班 stands",)) == [(88.0, 88.02, 42.5, 42.5)]
    with connect(master) as c:  # tracked from then on
        c.execute('UPDATE "林班 stands" SET species = \'elm\' WHERE stand_id = \'F1\'')
        assert json.loads(log_reads.log(c, limit=1)[0]["new"]) == {"species": "elm"}
    assert run("merge", master, out) == errors.OK  # again: nothing new
    assert len(rows(master, sel)) == 3
    assert run("pull", other, master) == errors.OK
    assert "added from the master: table 林班 stands" in capsys.readouterr().out
    assert rows(other, 'SELECT count(*) FROM "林班 stands"') == [(3,)]
    assert spatially_indexed(other, "林班 stands") == 3 and validate(other) == ""


def spatially_indexed(path, layer) -> int:
    """How many features of ``layer`` GDAL finds through its spatial index (in a box holding
    them all), after checking the index is registered as GDAL registers its own."""
    assert rows(path, "SELECT column_name, extension_name, scope FROM gpkg_extensions WHERE "
                "table_name = ?", (layer,)) == [("geom", "gpkg_rtree_index", "write-only")]
    from osgeo import ogr
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    assert lyr.TestCapability(ogr.OLCFastSpatialFilter)
    lyr.SetSpatialFilterRect(0, 0, 180, 90)
    return lyr.GetFeatureCount()


def test_a_technician_packages_new_layer_is_refused_by_name(tmp_path, master, capsys):
    _, out = _package_adding_a_layer(tmp_path, master, role="technician", device="tech1")
    assert run("merge", master, out) == errors.REFUSED
    said = capsys.readouterr().out
    assert "table 林班 stands is not in the master: a technician's package does not add " \
        "layers" in said, said
    assert rows(master, "SELECT count(*) FROM sqlite_master WHERE name = '林班 stands'") == [(0,)]


def test_two_packages_adding_one_layer_in_one_merge(tmp_path, master, capsys):
    """The same layer from two devices (a county layer each loaded): one layer, the rows of
    both; added with other columns by the second, that package is refused by name."""
    _, a = _package_adding_a_layer(tmp_path, master, device="gis1")
    _, b = _package_adding_a_layer(tmp_path, master, device="gis2", n=2)
    assert run("merge", master, a, b) == errors.OK
    assert rows(master, 'SELECT count(*) FROM "林班 stands"') == [(5,)]
    pkg = tmp_path / "gis3.gpkg"
    package_checkout.checkout(master, pkg, "gis3", role="gis")
    ogr("-update", "-f", "GPKG", pkg, forest_csv(tmp_path, 1), "-nln", "wells", "-oo",
        "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490")
    package_export.export(pkg, tmp_path / "c.zip")
    pkg = tmp_path / "gis4.gpkg"
    package_checkout.checkout(master, pkg, "gis4", role="gis")
    add_forest(pkg, tmp_path, name="wells")
    package_export.export(pkg, tmp_path / "d.zip")
    capsys.readouterr()
    assert run("merge", master, tmp_path / "c.zip", tmp_path / "d.zip") == errors.REFUSED
    said = capsys.readouterr().out
    assert "REFUSED d.zip: layer wells is added by another package of this merge as another " \
        "layer (column area_ha of type TEXT in the other package, REAL in this one)" in said, said
    from field_kit.messages_zh import chinese
    assert "两者不同（字段 area_ha 的类型：另一个修改包中为 TEXT，此修改包中为 REAL）" in chinese(
        said.split("REFUSED ", 1)[1].split("\n")[0])
    assert "added to the master: layer wells" in said
    # merged alone, as told: two layers of one name, not mixed into one
    assert run("merge", master, tmp_path / "d.zip") == errors.REFUSED
    said = capsys.readouterr().out
    assert "layer wells was added in the master and in the package as two different layers " \
        "(column area_ha of type TEXT in the master, REAL in the package)" in said, said
    assert rows(master, "SELECT count(*) FROM wells") == [(1,)]


def test_a_layer_of_the_same_name_but_another_kind_is_not_mixed_in(tmp_path, master, capsys):
    _, out = _package_adding_a_layer(tmp_path, master, name="wells")
    src = tmp_path / "wells.csv"
    src.write_text('WKT,名称,flow\n"POINT (88.5 42.5)",W1,3\n')
    ogr("-update", "-f", "GPKG", master, src, "-nln", "wells", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
        "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom")
    assert run("merge", master, out) == errors.REFUSED
    said = capsys.readouterr().out
    assert "as two different layers (no column in common)" in said
    from field_kit.messages_zh import chinese
    assert "但两者不同（没有共同的字段）" in chinese(said.split("REFUSED ", 1)[1].split("\n")[0])
    assert rows(master, "SELECT count(*) FROM wells") == [(1,)]
    assert "species" not in [r[1] for r in rows(master, "PRAGMA table_info(wells)")]


def test_a_layer_added_to_the_master_is_taken_up_by_the_next_merge(tmp_path, master, capsys):
    """The layer a package adds, added to the master by ogr2ogr too before the merge: status
    names it, and the merge tracks it and puts the package's rows in it."""
    _, out = _package_adding_a_layer(tmp_path, master, name="forest_stands")
    ogr("-update", "-f", "GPKG", master, forest_csv(tmp_path), "-nln", "forest_stands", "-oo",
        "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES",
        "-a_srs", "EPSG:4490", "-lco", "GEOMETRY_NAME=geom", "-where", "1=0")  # empty
    assert run("status", master) == errors.OK
    assert "added since the last command, tracked by the next: forest_stands" in \
        capsys.readouterr().out
    assert run("merge", master, out) == errors.OK
    assert rows(master, "SELECT count(*) FROM forest_stands") == [(3,)]


def test_a_delete_meets_the_values_of_a_column_its_package_never_had(tmp_path, master):
    """Another package's value in a column added after this one's checkout is an edit the
    delete did not see: a conflict, kept aside, as for any column, never lost unsaid."""
    adds, deletes = tmp_path / "gis1.gpkg", tmp_path / "gis2.gpkg"
    for pkg in (adds, deletes):
        package_checkout.checkout(master, pkg, pkg.stem, role="gis")
    u = rows(master, "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1")[0][0]
    with connect(adds) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN fenced INTEGER DEFAULT 0")
        c.execute("UPDATE mine_patches SET fenced = 1 WHERE uuid = ?", (u,))
    package_export.export(adds, tmp_path / "a.zip")
    assert merge.merge(master, [tmp_path / "a.zip"]).totals["conflict"] == 0
    with connect(deletes) as c:
        c.execute("DELETE FROM mine_patches WHERE uuid = ?", (u,))
    package_export.export(deletes, tmp_path / "d.zip")
    assert merge.merge(master, [tmp_path / "d.zip"]).totals["conflict"] == 1
    (conflict,) = merge.conflicts(master)
    assert (conflict.row_uuid, conflict.kind) == (u, "delete/update"), conflict
    assert conflict.ancestor["fenced"] == 0, conflict
    assert (conflict.ours or conflict.theirs)["fenced"] == 1, conflict


def test_an_edit_refused_for_one_value_names_the_others_it_held(tmp_path, master, capsys):
    pkg = tmp_path / "gis1.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    u = rows(master, "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 1")[0][0]
    with connect(pkg) as c:
        c.execute("UPDATE mine_patches SET phase = 'p2', area_m2 = 'abc' WHERE uuid = ?", (u,))
    package_export.export(pkg, tmp_path / "g.zip")
    assert run("merge", master, tmp_path / "g.zip") == errors.REFUSED
    said = capsys.readouterr().out
    assert "area_m2: 'abc' is not a number" in said and "refused whole, so none of its " \
        "values were written (" in said and "phase" in said.split("refused whole")[1], said
    from field_kit.messages_zh import chinese  # as the plugin shows it
    reason = said.split(": ", 2)[2].strip()
    assert "整条修改被拒收，其中的值均未写入（治理阶段、椭球面积（平方米））" in chinese(reason), \
        chinese(reason)


def test_a_delete_repair_cannot_vouch_for_is_held_as_a_conflict(tmp_path, master, capsys):
    """A row deleted while capture was off, whose values the package knows only by their
    checksums: the delete cannot say what it met, so the merge holds it as a conflict for a
    supervisor, as repair says, even for a row the master's log never named."""
    pkg = tmp_path / "gis1.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    u, code = rows(master, "SELECT uuid, patch_code FROM mine_patches ORDER BY fid LIMIT 1")[0]
    assert rows(master, "SELECT count(*) FROM sync_changes WHERE row_uuid = ?", (u,)) == [(0,)]
    with connect(pkg) as c:
        c.execute('DROP TRIGGER "sync_mine_patches_delete"')
        c.execute("DELETE FROM mine_patches WHERE uuid = ?", (u,))
    assert run("repair", pkg) == errors.OK
    assert "cannot vouch for 1 row of mine_patches" in capsys.readouterr().out
    package_export.export(pkg, tmp_path / "p.zip")
    assert run("merge", master, tmp_path / "p.zip") == errors.CONFLICTS
    assert f"conflict delete mine_patches {code} change " in capsys.readouterr().out


def test_a_layer_two_packages_add_one_with_a_column_more_fills_it_merged_after(tmp_path, master,
                                                                             capsys):
    _, a = _package_adding_a_layer(tmp_path, master, device="gis1", name="ponds")
    pkg = tmp_path / "gis2.gpkg"
    package_checkout.checkout(master, pkg, "gis2", role="gis")
    add_forest(pkg, tmp_path, name="ponds", n=2)
    with connect(pkg) as c:
        c.execute("ALTER TABLE ponds ADD COLUMN depth_m REAL")
        c.execute("UPDATE ponds SET depth_m = 2.5")
    package_export.export(pkg, tmp_path / "b.zip")
    assert run("merge", master, a, tmp_path / "b.zip") == errors.REFUSED
    assert "layer ponds is added by another package of this merge with other columns: merge " \
        "this package on its own, after it" in capsys.readouterr().out
    assert run("merge", master, tmp_path / "b.zip") == errors.OK
    assert "added to the master: column ponds.depth_m" in capsys.readouterr().out
    assert rows(master, "SELECT count(*), sum(depth_m) FROM ponds") == [(5, 5.0)]


def test_repair_finds_no_edit_in_what_a_pull_brought(tmp_path, master):
    """A column and a layer a pull brings come with values no edit of the package wrote:
    repairing the package after its capture was bypassed recovers none of them as its own."""
    other = tmp_path / "gis2.gpkg"
    package_checkout.checkout(master, other, "gis2", role="gis")
    pkg, out = _package_adding_a_layer(tmp_path, master)
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN remarks TEXT")
        c.execute("UPDATE mine_patches SET remarks = 'seen' WHERE fid = 2")
    package_export.export(pkg, out, everything=True)
    merge.merge(master, [out])
    assert pull.pull(other, master).layers == ["林班 stands"]
    with connect(other) as c:
        for tbl in ("mine_patches", "林班 stands"):
            c.execute(f'DROP TRIGGER "sync_{tbl}_update"')
    rep = repair.repair(other)
    assert rep.recovered == {} and rep.unvouched == {}
    assert package_export.export(other, tmp_path / "o.zip")["counts"]["changes"] == 0


def test_a_layer_renamed_stops_every_command_until_it_is_renamed_back(tmp_path, master,
                                                                       capsys):
    """A rename (QGIS's Browser, GDAL's ALTER TABLE) is carried by no package: it is named,
    with how to rename it back, and its edits made meanwhile are kept and travel after."""
    import shlex
    add_forest(master, tmp_path, name="水井")
    assert run("init", master) == errors.OK
    pkg = tmp_path / "gis.gpkg"
    assert run("checkout", master, pkg, "--device", "gis1", "--role", "gis") == errors.OK
    ogrsql(pkg, 'ALTER TABLE "水井" RENAME TO wells')
    with connect(pkg) as c:
        c.execute("UPDATE wells SET species = 'willow' WHERE stand_id = 'F1'")
    capsys.readouterr()
    assert run("status", pkg) == errors.CAPTURE_BROKEN
    out, err = capsys.readouterr()
    assert "change capture not whole: 水井: renamed wells" in out
    assert "layer 水井 was renamed wells: the sync knows a layer by its name" in err
    assert run("export", pkg, tmp_path / "c.zip") == errors.CAPTURE_BROKEN
    assert "layer 水井 was renamed wells" in capsys.readouterr().err
    assert not (tmp_path / "c.zip").exists()
    assert run("repair", pkg) == errors.REFUSED
    err = capsys.readouterr().err
    assert "layer 水井 was renamed wells" in err
    assert rows(pkg, "SELECT tbl FROM sync_tables WHERE tbl IN ('水井', 'wells')") == [("水井",)]
    # the way back the message gives, run as given
    how = re.search(r"or: (ogrinfo .+?)\), then run", err)[1]
    subprocess.run(shlex.split(how), check=True, capture_output=True)
    assert run("status", pkg) == errors.OK
    assert run("export", pkg, tmp_path / "c.zip") == errors.OK
    assert run("merge", master, tmp_path / "c.zip") == errors.OK
    assert rows(master, "SELECT species FROM \"水井\" WHERE stand_id = 'F1'") == [("willow",)]
    assert not rows(master, "SELECT name FROM sqlite_master WHERE name = 'wells'")
    # renamed in the master: a merge stops there too, naming it, in Chinese as well
    ogrsql(master, 'ALTER TABLE "水井" RENAME TO wells')
    with connect(pkg) as c:
        c.execute("UPDATE \"水井\" SET species = 'elm' WHERE stand_id = 'F2'")
    assert run("export", pkg, tmp_path / "d.zip") == errors.OK
    capsys.readouterr()
    assert run("merge", master, tmp_path / "d.zip") == errors.CAPTURE_BROKEN
    err = capsys.readouterr().err
    assert f"in {master}, layer 水井 was renamed wells" in err
    # a new layer of the old name beside the renamed one is no internal error
    add_forest(master, tmp_path, name="水井")
    assert run("init", master, "--tables", "水井") == errors.CAPTURE_BROKEN


def test_a_renamed_layer_is_said_in_chinese(tmp_path, master, capsys, chinese_locale):
    add_forest(master, tmp_path, name="水井")
    assert run("init", master) == errors.OK
    ogrsql(master, 'ALTER TABLE "水井" RENAME TO wells')
    capsys.readouterr()
    assert run("status", master) == errors.CAPTURE_BROKEN
    err = capsys.readouterr().err
    assert "中图层 水井 被改名为 wells：同步在主库和每个数据包中都按名称识别图层" in err
    assert "请改回原名（在 QGIS 的浏览器中，或：ogrinfo" in err


def test_an_index_name_taken_by_another_table_is_no_internal_error(tmp_path, capsys):
    """SQLite keeps an index's name when its table is renamed: the uuid index of a layer
    tracked later takes another name than one already taken."""
    gpkg = tmp_path / "county.gpkg"
    add_forest(gpkg, tmp_path, name="springs", update=False)
    edit(gpkg, 'CREATE INDEX "forest_stands_uuid" ON springs (stand_id)')
    add_forest(gpkg, tmp_path)
    assert run("init", gpkg) == errors.OK
    assert "tracked: forest_stands" in capsys.readouterr().out
    assert rows(gpkg, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                      "'forest_stands'") == [("forest_stands_uuid_2",)]


def test_one_column_added_by_two_packages_of_a_merge_with_two_definitions_refuses_the_later(
        tmp_path, master):
    """Merged together, the first package's column stood and the second's values went into
    it as they were: an INTEGER column of one device then held the other's text."""
    for dev, decl, val in (("gis1", "TEXT", "'2026-1'"), ("gis2", "INTEGER", "7")):
        pkg = tmp_path / f"{dev}.gpkg"
        package_checkout.checkout(master, pkg, dev, role="gis")
        with connect(pkg) as c:
            c.execute(f"ALTER TABLE mine_patches ADD COLUMN batch {decl}")
            c.execute(f"UPDATE mine_patches SET batch = {val} WHERE fid = 2")
        package_export.export(pkg, tmp_path / f"{dev}.zip")
    rep = merge.merge(master, [tmp_path / "gis1.zip", tmp_path / "gis2.zip"])
    assert [r.schema for r in rep.results] == [["mine_patches.batch"]]
    assert len(rep.refused) == 1 and rep.refused[0][0].endswith("gis2.zip")
    assert "column batch of mine_patches is added by another package of this merge as TEXT " \
        "and in this package as INTEGER" in rep.refused[0][1]
    assert "另一个修改包也新增了字段 batch（mine_patches），其类型为 TEXT，本包为 INTEGER" in \
        chinese(rep.refused[0][1])
    with connect(master) as c:
        assert c.execute("SELECT batch FROM mine_patches WHERE fid = 2").fetchone()[0] == "2026-1"
    # merged on its own after it, the column stands as the master's: refused, as it says
    rep = merge.merge(master, [tmp_path / "gis2.zip"])
    assert rep.refused and "was added in the master as TEXT and in the package as INTEGER" \
        in rep.refused[0][1]


def test_a_value_a_column_added_by_the_merge_cannot_take_is_refused(tmp_path, master):
    """The values were checked against the master's columns before the merge added the
    package's: text went into a MEDIUMINT column it added, unchecked."""
    pkg = tmp_path / "pkg.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    with connect(pkg) as c:
        c.execute("ALTER TABLE mine_patches ADD COLUMN survey_no MEDIUMINT")
        c.execute("UPDATE mine_patches SET survey_no = 'abc' WHERE fid = 1")
        c.execute("UPDATE mine_patches SET survey_no = 7 WHERE fid = 2")
    package_export.export(pkg, tmp_path / "c.zip")
    rep = merge.merge(master, [tmp_path / "c.zip"])
    refused = [o for r in rep.results for o in r.outcomes if o.status == "refused"]
    assert len(refused) == 1 and "survey_no" in refused[0].reason, refused
    with connect(master) as c:
        assert sorted(c.execute("SELECT survey_no FROM mine_patches WHERE survey_no IS NOT "
                                "NULL").fetchall()) == [(7,)]


def test_a_point_layer_a_gis_package_adds_is_merged_with_its_points(tmp_path, master):
    """A layer's geometry column is no column of a type to check (POINT, read as a whole
    number, refused every well)."""
    if not shutil.which("ogr2ogr"):
        pytest.skip("ogr2ogr is not installed")
    from tests.postgis.test_gis_package_columns import ogr2ogr_layer
    pkg = tmp_path / "gis1.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    ogr2ogr_layer(pkg, tmp_path)
    package_export.export(pkg, tmp_path / "w.zip")
    rep = merge.merge(master, [tmp_path / "w.zip"])
    assert rep.totals["refused"] == 0 and rep.totals["applied"] == 1, rep.results[0].outcomes
    with connect(master) as c:
        assert c.execute("SELECT count(*) FROM wells WHERE geom IS NOT NULL").fetchone() == (1,)


def test_a_view_named_at_init_is_refused_as_a_view(master, capsys, chinese_locale):
    """``init --tables`` naming a view made by SQL said it was "not a feature or attribute
    table of this GeoPackage", in English only: it is a view, said as status says it, and a
    name that is nothing here is said so; in Chinese too, nothing changed."""
    views_made(master)
    capsys.readouterr()
    assert run("init", master, "--tables", "listed") == errors.BAD_INPUT
    assert capsys.readouterr().err.startswith(f"field-kit: listed: {VIEW_SAID}; nothing was "
                                              "changed\n")
    assert run("init", master, "--tables", "open_patches,no_such") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert f"open_patches: {VIEW_SAID}; no such table in the feature and attribute tables " \
        "of this GeoPackage: no_such; nothing was changed" in err, err
    assert "open_patches：是视图：变更捕获只能用于数据表（请编辑它所读取的数据表）；" \
        "此 GeoPackage 的要素表和属性表中没有这些表：no_such；未作任何更改" in err, err
