# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master changed in the database where row triggers see nothing: tables and
columns dropped, renamed or retyped are named by every command and followed by repair; a
TRUNCATE is logged as the deletes of its rows."""

import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import (
    changes_json,
    checkout,
    cli_json,
    export,
    in_gpkg,
    value,
)
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


@pytest.fixture
def master(database, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=20)
    assert main(["init", database, "--from", src]) == 0
    return database, src, tmp_path


def said(capsys) -> str:
    got = capsys.readouterr()
    return got.out + got.err


def test_a_column_dropped_or_renamed_in_postgres_is_named_then_followed(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[:2]
    pkg = checkout(database, tmp, "gis-a")
    rows(database, "ALTER TABLE mine_patches DROP COLUMN mineral")
    rows(database, "ALTER TABLE mine_patches RENAME COLUMN phase TO stage")
    capsys.readouterr()
    assert main(["status", database]) == 8
    text = said(capsys)
    assert "column mineral of mine_patches was dropped or renamed" in text
    assert "column phase of mine_patches was dropped or renamed" in text
    from qgis_plugin.core_messages import in_user_language  # as the plugin shows it
    zh = in_user_language(text.strip().removeprefix("field-kit: "), "zh")
    assert "field-kit repair" in zh and "mine_patches" in zh and "结构" in zh
    assert main(["checkout", database, str(tmp / "x.gpkg"), "--device", "x"]) == 8
    assert not (tmp / "x.gpkg").exists()
    edit(pkg, "UPDATE mine_patches SET area_m2 = 5 WHERE uuid = ?", u[0])
    zipped = export(pkg, tmp)
    assert main(["merge", database, zipped]) == 8
    assert value(database, "SELECT area_m2 FROM mine_patches WHERE uuid = %s", u[0]) != 5
    # repair: the dropped column is no longer tracked, the renamed one under its new name
    capsys.readouterr()
    assert main(["repair", database]) == 3
    text = said(capsys)
    assert "no longer tracked: column mineral of mine_patches" in text
    assert "tracked: column stage of mine_patches (added or renamed), 20 values logged" in text
    assert "cannot vouch for mine_patches.phase" in text
    assert main(["status", database]) == 0
    assert main(["repair", database]) == 0
    fresh = checkout(database, tmp, "gis-b")
    assert in_gpkg(fresh, "SELECT stage FROM mine_patches WHERE uuid = ?", u[1]) == "planned"
    code, rep = cli_json(capsys, "merge", database, zipped)
    assert code == 0 and rep["totals"]["applied"] == 1, rep
    assert value(database, "SELECT area_m2 FROM mine_patches WHERE uuid = %s", u[0]) == 5
    # the renamed column's values, and edits to it, reach the packages checked out before
    rows(database, "UPDATE mine_patches SET stage = 'done' WHERE uuid = %s", u[1])
    assert main(["pull", str(pkg), database]) == 0
    assert in_gpkg(pkg, "SELECT stage FROM mine_patches WHERE uuid = ?", u[0]) == "planned"
    assert in_gpkg(pkg, "SELECT stage FROM mine_patches WHERE uuid = ?", u[1]) == "done"


def test_a_table_renamed_or_dropped_in_postgres_is_named_then_followed(master, capsys):
    database, src, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    rows(database, "ALTER TABLE restoration_projects RENAME TO projects_2025")
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "table restoration_projects was renamed to projects_2025" in said(capsys)
    # it is not taken for a new layer: its rows are not logged again
    assert value(database, "SELECT count(*) FROM sync_changes") == 0
    assert main(["repair", database]) == 3
    text = said(capsys)
    assert "tracked under its new name: restoration_projects is now projects_2025" in text
    assert "check them out again" in text
    assert main(["status", database]) == 0
    rows(database, "UPDATE projects_2025 SET name_zh = 'renamed' WHERE seq = 1")
    code, log = changes_json(capsys, "log", database)
    assert [(c["tbl"], c["new"]) for c in log] == [("projects_2025", {"name_zh": "renamed"})]
    fresh = checkout(database, tmp, "gis-b")
    assert in_gpkg(fresh, "SELECT name_zh FROM projects_2025 WHERE seq = 1") == "renamed"
    # renamed back: followed again
    rows(database, "ALTER TABLE projects_2025 RENAME TO restoration_projects")
    assert main(["status", database]) == 8
    assert "table projects_2025 was renamed to restoration_projects" in said(capsys)
    assert main(["repair", database]) == 3
    assert main(["status", database]) == 0
    # a table dropped is no longer tracked, and said so
    rows(database, "DROP TABLE project_inspections")
    assert main(["status", database]) == 8
    assert "table project_inspections was dropped" in said(capsys)
    assert main(["repair", database]) == 0  # (its edits in packages refused each by name)
    assert "no longer tracked: project_inspections" in said(capsys)
    code, st = cli_json(capsys, "status", database)
    assert code == 0 and "project_inspections" in st["not_tracked"]
    edit(pkg, "UPDATE mine_patches SET area_m2 = 7")
    code, rep = cli_json(capsys, "merge", database, export(pkg, tmp))
    assert code == 0, rep


def test_a_truncate_in_postgres_is_logged_as_deletes_and_reaches_packages(master, capsys):
    database, src, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    n = value(database, "SELECT count(*) FROM mine_patches")
    rows(database, "TRUNCATE mine_patches CASCADE")
    code, log = changes_json(capsys, "log", database)
    assert code == 0 and len(log) == n and {c["op"] for c in log} == {"delete"}
    assert all(c["old"]["patch_code"] for c in log)  # with the values the rows held
    assert main(["pull", str(pkg), database]) == 0
    assert in_gpkg(pkg, "SELECT count(*) FROM mine_patches") == 0


def test_an_earlier_masters_tables_get_the_truncate_trigger_at_the_next_command(master):
    from field_kit.sync.postgis import sql
    database, src, tmp = master
    rows(database, "DROP TRIGGER toksun_truncate ON mine_patches")
    rows(database, sql.functions_sql("toksun", "UTC").replace(sql.VERSION, "toksun capture 5")
         .replace("%", "%%"))
    assert main(["status", database]) == 0
    assert value(database, "SELECT count(*) FROM pg_trigger WHERE tgname = 'toksun_truncate' "
                 "AND tgrelid = 'mine_patches'::regclass") == 1
    # dropped from a master of this version, it is capture not whole
    rows(database, "DROP TRIGGER toksun_truncate ON mine_patches")
    assert main(["status", database]) == 8
    assert main(["repair", database]) == 3
    assert main(["status", database]) == 0


def test_a_column_given_another_type_in_postgres_is_named_then_recorded(master, capsys):
    database, src, tmp = master
    u = patch_uuids(src)[0]
    rows(database, "ALTER TABLE mine_patches ALTER COLUMN area_m2 TYPE text")
    rows(database, "UPDATE mine_patches SET area_m2 = 'about 1000' WHERE uuid = %s", u)
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "column area_m2 of mine_patches was changed to type text" in said(capsys)
    assert main(["repair", database]) == 3
    text = said(capsys)
    assert "column area_m2 of mine_patches recorded as TEXT" in text
    assert "check them out again" in text
    fresh = checkout(database, tmp, "gis-b")
    assert in_gpkg(fresh, "SELECT type FROM pragma_table_info('mine_patches') WHERE name = "
                   "'area_m2'") == "TEXT"
    assert in_gpkg(fresh, "SELECT area_m2 FROM mine_patches WHERE uuid = ?", u) == "about 1000"


def test_a_gis_packages_edits_of_columns_dropped_in_postgres_are_refused_by_name(
        database, tmp_path, capsys):
    """A DBA drops one column and renames another; after repair a GIS package checked out
    before fills both: those edits are refused by name, as a GeoPackage master refuses them,
    never taken to add the columns back; the rest of the package applies."""
    tmp = tmp_path
    src = make_gpkg(tmp / "src.gpkg", patches=20, install=False)
    assert main(["init", database, "--from", src]) == 0
    u = patch_uuids(src)[:2]
    gis = checkout(database, tmp, "gis-a")
    rows(database, "ALTER TABLE mine_patches DROP COLUMN period")
    rows(database, "ALTER TABLE mine_patches RENAME COLUMN section TO plan_section")
    assert main(["repair", database]) == 3
    assert "field packages' edits to it are refused at merge, by name" in said(capsys)
    edit(gis, "UPDATE mine_patches SET period = 'P' WHERE uuid = ?", u[0])
    edit(gis, "UPDATE mine_patches SET section = 'S' WHERE uuid = ?", u[0])
    edit(gis, "UPDATE mine_patches SET phase = 'p2' WHERE uuid = ?", u[1])
    code, rep = cli_json(capsys, "merge", database, export(gis, tmp))
    assert code == 3 and rep["totals"]["applied"] == 1, rep
    reasons = sorted(o["reason"] for o in rep["merges"][0]["outcomes"]
                     if o["status"] == "refused")
    assert [r.split(" on ")[0] for r in reasons] == [
        "column period of mine_patches was dropped from the master",
        "column section of mine_patches was dropped from the master"], reasons
    assert value(database, "SELECT count(*) FROM information_schema.columns WHERE "
                 "table_name = 'mine_patches' AND column_name IN ('period', 'section')") == 0
    assert value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u[1]) == "p2"


def test_a_type_change_that_can_change_stored_values_is_named_then_recorded(master, capsys):
    """numeric(12,1) for double precision rounds every value PostgreSQL holds, with no edit
    any trigger sees: named as any other type change, and followed by repair."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    rows(database, "UPDATE mine_patches SET area_m2 = 49997.71195391922 WHERE uuid = %s", u)
    rows(database, "ALTER TABLE mine_patches ALTER COLUMN area_m2 TYPE numeric(12,1)")
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "column area_m2 of mine_patches was changed to type numeric(12,1)" in said(capsys)
    assert main(["checkout", database, str(tmp / "x.gpkg"), "--device", "x"]) == 8
    assert main(["repair", database]) == 3
    text = said(capsys)
    assert "column area_m2 of mine_patches recorded as REAL (numeric(12,1) in PostgreSQL)" \
        in text
    assert "cannot vouch for mine_patches.area_m2: field packages checked out before hold " \
        "its values as they were before PostgreSQL converted them to numeric(12,1)" in text
    assert main(["status", database]) == 0
    fresh = checkout(database, tmp, "gis-b")
    assert in_gpkg(fresh, "SELECT area_m2 FROM mine_patches WHERE uuid = ?", u) == 49997.7
    # its scale, a text's length, a time zone, a float's width: each named
    for table, column, change, shown in (
            ("mine_patches", "area_m2", "numeric(12,0)", "numeric(12,0)"),
            ("mine_patches", "patch_code", "varchar(8)", "character varying(8)"),
            ("mine_patches", "patch_code", "varchar(4) USING left(patch_code, 4)",
             "character varying(4)"),
            ("mine_patches", "centre_lon", "real", "real"),
            ("patch_verifications", "created_at", "timestamp USING created_at::timestamp",
             "timestamp without time zone"),
            ("patch_verifications", "created_at", "timestamptz", "timestamp with time zone")):
        rows(database, f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {change}")
        capsys.readouterr()
        assert main(["status", database]) == 8, change
        assert f"column {column} of {table} was changed to type {shown}" in said(capsys)
        assert main(["repair", database]) == 3, change
        assert main(["status", database]) == 0, change


def test_a_layer_added_later_is_held_to_the_types_it_was_tracked_with(master, capsys):
    """A table created in the schema after init, with PostgreSQL's own types, is tracked
    with them as they are; a change of one is named."""
    database, src, tmp = master
    rows(database, "CREATE TABLE wells (id serial PRIMARY KEY, code varchar(12), depth "
         "numeric(6,2), drilled timestamp(0), yield_m3 real); INSERT INTO wells (code, depth, "
         "drilled, yield_m3) VALUES ('W1', 12.25, '2024-05-01 10:00', 1.5)")
    assert main(["status", database]) == 0
    assert main(["status", database]) == 0
    for change, shown in (("depth TYPE numeric(6,1)", "numeric(6,1)"),
                          ("drilled TYPE timestamptz(0)", "timestamp(0) with time zone"),
                          ("yield_m3 TYPE double precision", "double precision"),
                          ("code TYPE varchar(20)", "character varying(20)")):
        rows(database, f"ALTER TABLE wells ALTER COLUMN {change}")
        capsys.readouterr()
        assert main(["status", database]) == 8, change
        assert f"of wells was changed to type {shown}" in said(capsys)
        assert main(["repair", database]) == 3
        assert main(["status", database]) == 0


def test_an_earlier_masters_triggers_record_the_types_at_the_next_command(master, capsys):
    """Capture triggers an earlier version installed kept no record of the columns' types:
    the next command reinstalls them with one, and a type changed after is named."""
    database, src, tmp = master
    made = value(database, "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = "
                 "'toksun_capture' AND tgrelid = 'mine_patches'::regclass")
    earlier = made[:made.rindex(", '{")] + ")"  # the same, but its last argument
    rows(database, "DROP TRIGGER toksun_capture ON mine_patches; " + earlier.replace("%", "%%"))
    assert value(database, "SELECT tgnargs FROM pg_trigger WHERE tgname = 'toksun_capture' "
                 "AND tgrelid = 'mine_patches'::regclass") == 4
    assert main(["status", database]) == 0
    assert value(database, "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = "
                 "'toksun_capture' AND tgrelid = 'mine_patches'::regclass") == made
    rows(database, "ALTER TABLE mine_patches ALTER COLUMN area_m2 TYPE numeric(12,1)")
    capsys.readouterr()
    assert main(["status", database]) == 8
    assert "column area_m2 of mine_patches was changed to type numeric(12,1)" in said(capsys)
