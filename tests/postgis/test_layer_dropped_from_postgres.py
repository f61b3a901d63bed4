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
from tests.unit.gpkg_factory import edit, make_gpkg, rows
from tests.unit.test_undo_after_a_layer_dropped import WELLS, ogrsql

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_edits_of_a_layer_dropped_in_postgres_are_refused_alone(database, tmp_path, capsys,
                                                                 monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    src, pkg = tmp_path / "src.gpkg", tmp_path / "g.gpkg"
    make_gpkg(src, patches=2)
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(src), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    assert cli_said(capsys, "init", database, "--from", src)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", database, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    edit(pkg, "UPDATE mine_patches SET section = 'B' WHERE patch_code = 'P0000001'")
    query(database, 'DROP TABLE "泉眼"')
    code, said = cli_said(capsys, "repair", database)
    assert code == errors.OK, said
    assert "no longer tracked: 泉眼 (dropped from the schema)" in said, said
    assert "泉眼 is gone from this master: it is tracked no more, and a field package's edits " \
           "of it are refused at merge, each by name, the package's other edits going in" \
           in said, said
    assert "泉眼 已不在此主库中：不再跟踪" in said and "cannot vouch" not in said, said
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", database, tmp_path / "g.zip")
    assert code == errors.REFUSED, said
    assert "applied 1," in said and "refused 1" in said, said
    assert "layer 泉眼 was dropped from the master, after this package was checked out (GIS " \
           "staff can add it to the master again, then merge this package again)" in said, said
    assert "图层 泉眼 已从主库删除，晚于此数据包的签出：其修改被拒收" in said, said
    assert query(database, "SELECT section FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [("B",)]
    code, said = cli_said(capsys, "pull", pkg, database)
    assert code == errors.OK, said
    assert "your edit of 泉眼 泉2 (flow) was refused: layer 泉眼 was dropped from the master" \
           in said and "it is not sent again" in said, said
    assert "本机对泉眼 泉2（flow）的修改被主库拒收：图层 泉眼 已从主库删除" in said, said
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g2.zip")
    assert code == errors.OK and "nothing to export" in said, said  # (given up: not sent again)


def test_a_layer_dropped_in_postgres_then_added_back_is_tracked_again(database, tmp_path,
                                                                       capsys, monkeypatch):
    """Added back (``ogr2ogr``) after the drop: tracked again as a layer rewritten (status
    did not list it, and the package's edits of it were refused as of a layer dropped). The
    edits of rows it holds again go in; those of rows it came back without are refused
    naming the rewrite, and the pull brings the layer as the master holds it."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    src, pkg = tmp_path / "src.gpkg", tmp_path / "g.gpkg"
    make_gpkg(src, patches=2)
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(src), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    assert cli_said(capsys, "init", database, "--from", src)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", database, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
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
    assert "applied 1," in said and "refused 1" in said and "conflicts 0" in said, said
    assert "dropped from the master" not in said, said
    assert "泉眼 was rewritten in the master on " in said and "row 泉2 (uuid " in said and \
           "is not there any more; its edit flow 9.9 is not applied" in said, said
    assert query(database, 'SELECT name, flow FROM "泉眼" ORDER BY name') == [
        ("泉1", 8.8), ("泉2", 2.5)]
    code, said = cli_said(capsys, "pull", pkg, database)
    assert code == errors.OK, said
    assert "1 edit(s) of them the master never applied are not sent again" in said, said
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
    src, pkg = tmp_path / "src.gpkg", tmp_path / "g.gpkg"
    make_gpkg(src, patches=2)
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(src), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    assert cli_said(capsys, "init", database, "--from", src)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", database, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    query(database, 'UPDATE "泉眼" SET flow = 7.7 WHERE name = \'泉2\'')
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", database, tmp_path / "g.zip")
    assert code == errors.CONFLICTS, said
    query(database, 'DROP TABLE "泉眼"')
    code, said = cli_said(capsys, "repair", database)
    assert code == errors.OK, said
    assert "1 open conflict(s) on 泉眼 closed as dropped: the layer was dropped from the " \
           "master, so there is nothing left to settle" in said, said
    assert "泉眼 上 1 项未处理的冲突已随图层删除关闭" in said, said
    code, said = cli_said(capsys, "status", database)
    assert code == errors.OK and "open conflicts 0" in said, said
    assert "conflicts 1 closed as dropped in 1 change(s)" in said and "settled" not in said, said
    assert "冲突 1 项（已随图层删除关闭，涉及 1 项修改）" in said, said
    code, said = cli_said(capsys, "conflicts", database)
    assert code == errors.OK and "0 conflict(s)" in said, said
    code, said = cli_said(capsys, "conflicts", database, "--every")
    assert code == errors.OK, said
    assert "#1 dropped update/update 泉眼" in said and "closed as dropped at " in said, said
    assert "no recorded edit" not in said, said
    code, said = cli_said(capsys, "resolve", database, "1", "--take", "theirs")
    assert code == errors.BAD_INPUT, said
    assert "conflict 1 was closed as dropped: layer 泉眼 was dropped from the master" in said
    code, said = cli_said(capsys, "pull", pkg, database)
    assert code == errors.OK and "conflicts 0" in said and "7.7" not in said, said
