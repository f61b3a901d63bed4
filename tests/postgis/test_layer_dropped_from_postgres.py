# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer of the county's own dropped from a PostgreSQL master (``DROP TABLE`` in psql,
then ``repair``) after a GIS package was checked out with it, as on a GeoPackage master:
repair says the package's edits of it are refused each by name (it could not vouch for
them, and stopped with exit 3); the merge refuses those alone, naming the layer, its other
edits going in (it refused the package whole, as if the layer were new); the pull names
the edits given up, never sent again."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from tests.postgis.cluster import query
from tests.postgis.test_layer_rewritten_in_postgres import in_gdal
from tests.postgis.test_postgis_master import cli_json
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows
from tests.unit.test_layer_dropped_from_master import closed_as_dropped, refused_alone
from tests.unit.test_package_conflicts_of_a_layer_dropped import closed_on_both_sides
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_edits_of_a_layer_dropped_in_postgres_are_refused_alone(database, tmp_path, capsys,
                                                                 monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, pkg = wells_edited(tmp_path, capsys, database)
    said = refused_alone(capsys, tmp_path, database, pkg,
                         lambda: query(database, 'DROP TABLE "泉眼"'),
                         lambda sql: query(database, sql))
    assert "no longer tracked: 泉眼 (dropped from the schema)" in said, said
    assert "cannot vouch" not in said, said


def test_a_layer_dropped_in_postgres_then_added_back_is_tracked_again(database, tmp_path,
                                                                       capsys, monkeypatch):
    """Added back (``ogr2ogr``) after the drop: tracked again as a layer rewritten (status
    did not list it, and the package's edits of it were refused as of a layer dropped). The
    edits of rows it holds again go in; those of rows it came back without are refused
    naming the rewrite, and the pull brings the layer as the master holds it."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    _, pkg = wells_edited(tmp_path, capsys, database)
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 8.8 WHERE name = '泉1'")
    kept = query(database, 'SELECT uuid FROM "泉眼" WHERE name = \'泉1\'')[0][0]
    query(database, 'DROP TABLE "泉眼"')
    assert cli_said(capsys, "repair", database)[0] == errors.OK
    # added back with 泉1 as it was (its uuid kept), and a 泉2 new to the sync
    subprocess.run(["ogr2ogr", "-f", "PostgreSQL", in_gdal(database), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    query(database, 'ALTER TABLE "泉眼" ADD COLUMN uuid text')
    query(database, 'UPDATE "泉眼" SET uuid = %s WHERE name = \'泉1\'', kept)
    code, st = cli_json(capsys, "status", database)
    assert code == errors.OK and "泉眼" not in st["not_tracked"], st
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", database, tmp_path / "g.zip")
    assert code == errors.REFUSED, said
    assert "applied 2," in said and "refused 1" in said and "conflicts 0" in said, said
    assert "dropped from the master" not in said, said
    assert "泉眼 was rewritten in the master on " in said and "row 泉2 (uuid " in said and \
           "is not there any more; its edit flow 9.9 is not applied" in said, said
    assert query(database, 'SELECT name, flow FROM "泉眼" ORDER BY name') == [
        ("泉1", 8.8), ("泉2", 2.5)]
    code, said = cli_said(capsys, "pull", pkg, database)
    assert code == errors.OK, said
    assert "1 edit of them the master never applied is not sent again" in said, said
    assert rows(pkg, "SELECT uuid, name, flow FROM 泉眼 ORDER BY name") == query(
        database, 'SELECT uuid, name, flow FROM "泉眼" ORDER BY name')


def test_open_conflicts_of_a_table_dropped_in_postgres_are_closed_as_dropped(
        database, tmp_path, capsys, monkeypatch):
    """As on a GeoPackage master: a conflict on the table, open when it is dropped, is closed
    by repair as dropped and named so (it stayed open for ever, and the next pull met the
    master's value of a table it no longer has)."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, pkg = wells_edited(tmp_path, capsys, database)
    every = closed_as_dropped(capsys, tmp_path, database, pkg,
                              lambda sql: query(database, sql.replace("泉眼", '"泉眼"')))
    assert "#1 已随图层删除关闭" in every, every


def test_reading_commands_go_on_after_a_table_dropped_in_postgres(database, tmp_path, capsys,
                                                                 monkeypatch):
    """history, conflicts and progress read the master without the table dropped, warning,
    as on a GeoPackage master; what writes still stops (exit 8) until repair follows."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, pkg = wells_edited(tmp_path, capsys, database)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", database, tmp_path / "g.zip")[0] == errors.OK
    ((patch,),) = query(database, "SELECT uuid FROM mine_patches WHERE patch_code = "
                                  "'P0000001'")
    query(database, 'DROP TABLE "泉眼"')
    warned = ("field-kit: warning: the schema of the PostgreSQL master changed where capture "
              "cannot follow: table 泉眼 was dropped (or moved out of the schema). This "
              "command reads the master as it is, without it; the sync (export, merge, pull) "
              "stops until field-kit repair has followed it\n")
    in_chinese = "field-kit: 注意：PostgreSQL 主库的表结构在数据库中被修改，修改记录无法跟随：" \
        "表 泉眼 已被删除（或移出模式）。本命令按主库现状读取（不含该表）"
    for argv in (("history", database, patch), ("conflicts", database),
                 ("progress", database)):
        code, said = cli_said(capsys, *argv)
        assert warned in said and in_chinese in said, said
        if argv[0] == "progress":  # read on: this master holds no plan to count against
            assert code != errors.CAPTURE_BROKEN and "holds no plan data" in said, said
        else:
            assert code == errors.OK, said
        if argv[0] == "history":
            assert '"B"' in said, said
    code, said = cli_said(capsys, "merge", database, tmp_path / "g.zip")
    assert code == errors.CAPTURE_BROKEN and "table 泉眼 was dropped" in said, said


def test_a_packages_conflicts_of_a_table_dropped_in_postgres_are_closed_at_pull(
        database, tmp_path, capsys, monkeypatch):
    """As from a GeoPackage master: the pull closes the package's own conflict on the table
    dropped as dropped, saying so, and the package counts none open (it stayed open)."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    closed_on_both_sides(tmp_path, capsys, database,
                         lambda sql: query(database, sql.replace("泉眼", '"泉眼"')))
