# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit init ADDRESS --tables NAME` takes up a table of a PostgreSQL master's schema it
does not track: one left out by choice when the GeoPackage was published (`--from … --tables`)
as well as one created later by other tools. Taken up, it is tracked as any table: its rows
have uuids, edits made in the database are captured, checkout brings it, a merge writes a
package's edits of it. One that truly cannot be tracked is named with the reason."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import package_export
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit, rows


def _published_leaving_out_mine_patches(database, plan_gpkg, tmp_path) -> None:
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src), "--tables",
                 "county_boundary,townships,code_lists"]) == errors.OK


def test_a_table_left_out_at_publishing_and_one_made_later_are_taken_up(
        cluster, database, plan_gpkg, tmp_path, capsys):
    _published_leaving_out_mine_patches(database, plan_gpkg, tmp_path)
    cluster.sql("CREATE TABLE toksun.wells (id serial PRIMARY KEY, name text, depth_m real); "
                "INSERT INTO toksun.wells (name, depth_m) VALUES ('w1', 12), ('w2', 30)",
                db=query(database, "SELECT current_database()")[0][0])
    capsys.readouterr()
    assert main(["init", database, "--tables", "mine_patches,wells"]) == errors.OK
    out = capsys.readouterr().out
    assert "  tracked: mine_patches" in out and "  tracked: wells" in out, out
    for tbl in ("mine_patches", "wells"):
        assert query(database, f"SELECT count(*) = count(DISTINCT uuid) AND count(*) > 0 FROM "
                     f"{tbl}") == [(True,)], tbl
    assert [t for (t,) in query(database, "SELECT tbl FROM sync_tables WHERE tbl IN "
                                "('mine_patches', 'wells') ORDER BY tbl")] == \
        ["mine_patches", "wells"]
    # edited in psql (or QGIS): captured
    code = query(database, "SELECT patch_code FROM mine_patches ORDER BY fid LIMIT 1")[0][0]
    query(database, "UPDATE mine_patches SET mineral = 'psql mineral' WHERE patch_code = %s",
          code)
    query(database, "UPDATE wells SET depth_m = 31 WHERE name = 'w2'")
    assert query(database, "SELECT tbl FROM sync_changes WHERE op = 'update' AND tbl IN "
                 "('mine_patches', 'wells') ORDER BY tbl") == [("mine_patches",), ("wells",)]
    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", database, str(pkg), "--device", "gis-1", "--role",
                 "gis"]) == errors.OK
    assert rows(pkg, "SELECT mineral FROM mine_patches WHERE patch_code = ?", code) == [
        ("psql mineral",)]
    assert rows(pkg, "SELECT count(*), count(uuid) FROM mine_patches") == query(
        database, "SELECT count(*), count(uuid) FROM mine_patches")
    assert rows(pkg, "SELECT name, depth_m FROM wells ORDER BY name") == [("w1", 12.0),
                                                                          ("w2", 31.0)]
    conn = connect(pkg, readonly=True)
    tracked = {t for (t,) in conn.execute("SELECT tbl FROM sync_tables")}
    conn.close()
    assert {"mine_patches", "wells"} <= tracked, tracked
    # a package's edits of them merged
    edit(pkg, "UPDATE mine_patches SET project_name = 'field name' WHERE patch_code = ?", code)
    edit(pkg, "INSERT INTO wells (name, depth_m) VALUES ('w3', 8)")
    package_export.export(pkg, tmp_path / "gis.zip")
    assert main(["merge", database, str(tmp_path / "gis.zip")]) == errors.OK
    assert query(database, "SELECT mineral, project_name FROM mine_patches WHERE patch_code = %s",
                 code) == [("psql mineral", "field name")]
    assert query(database, "SELECT depth_m FROM wells WHERE name = 'w3'") == [(8.0,)]
    # and pulled by another package
    query(database, "UPDATE wells SET depth_m = 9 WHERE name = 'w3'")
    assert main(["pull", str(pkg), database]) == errors.OK
    assert rows(pkg, "SELECT depth_m FROM wells WHERE name = 'w3'") == [(9.0,)]


def test_a_published_table_without_an_integer_key_is_named_with_the_reason(
        database, plan_gpkg, tmp_path, capsys, monkeypatch):
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    conn = connect(src)
    conn.execute("CREATE TABLE wells (name TEXT PRIMARY KEY, depth_m REAL)")
    conn.execute("INSERT INTO wells VALUES ('w1', 12)")
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
                 "('wells', 'attributes', 'wells')")
    conn.commit()
    conn.close()
    assert main(["init", database, "--from", str(src), "--tables", "townships"]) == errors.OK
    query(database, "CREATE VIEW toksun.town_names AS SELECT name_zh FROM townships")
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["init", database, "--tables", "wells"]) == errors.BAD_INPUT  # none tracked
    err = capsys.readouterr().err
    key = "its primary key name is text, not an integer: change capture follows rows by a "
    assert f"can be tracked: wells: {key}" in err and "ADD UNIQUE (name); then run field-kit " \
        "init on the master with --tables wells; none was tracked" in err, err
    assert "没有可跟踪的表：wells：其主键 name 的类型为 text，不是整数" in err and \
        "并加上 --tables wells；未跟踪任何表" in err, err
    # recorded with the reason, no longer as left out by choice
    (reason,), = query(database, "SELECT reason FROM sync_untracked WHERE tbl = 'wells'")
    assert reason.startswith(key), reason
    assert query(database, "SELECT count(*) FROM sync_tables WHERE tbl = 'wells'") == [(0,)]
    assert main(["init", database, "--tables", "town_names"]) == errors.BAD_INPUT
    assert "town_names: a view: change capture needs a table" in capsys.readouterr().err


def test_leaving_out_a_tracked_table_is_refused_as_on_a_geopackage(
        database, plan_gpkg, tmp_path, capsys, monkeypatch):
    """`init ADDRESS --exclude T` on a master tracking T: refused (exit 3), named with the
    devices whose packages hold it, nothing changed, the table tracked still."""
    _published_leaving_out_mine_patches(database, plan_gpkg, tmp_path)
    assert main(["checkout", database, str(tmp_path / "gis.gpkg"), "--device", "gis-1",
                 "--role", "gis"]) == errors.OK
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["init", database, "--tables", "mine_patches", "--exclude",
                 "townships"]) == errors.REFUSED
    err = capsys.readouterr().err
    assert ("schema toksun tracks townships: init does not stop tracking a table (edits made "
            "in it from then on would be logged nowhere; the packages of gis-1 hold them, "
            "whose edits of them would no longer reach the master); nothing was changed") in \
        err, err
    assert "schema toksun 正在跟踪 townships：初始化不会停止跟踪已跟踪的表" in err, err
    assert query(database, "SELECT tbl FROM sync_tables WHERE tbl IN ('townships', "
                 "'mine_patches') ORDER BY tbl") == [("townships",)]
