# SPDX-License-Identifier: GPL-2.0-or-later
"""undo-merge of a merge that wrote a layer of the county's own which the master has dropped
whole since (``DROP TABLE`` through GDAL, then ``repair``): there is no layer to set its
values back in. The undo sets back what the merge wrote in the other layers and names the
layer gone, never an internal error."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from field_kit.sync import masters
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg, rows

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

WELLS = ('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":'
         '"urn:ogc:def:crs:EPSG::4490"}},"features":['
         '{"type":"Feature","properties":{"name":"泉1","flow":1.5},"geometry":{"type":"Point",'
         '"coordinates":[88.6,42.8]}},'
         '{"type":"Feature","properties":{"name":"泉2","flow":2.5},"geometry":{"type":"Point",'
         '"coordinates":[88.65,42.8]}}]}')


def ogrsql(path, sql) -> None:
    """An edit as GDAL makes it (its GeoPackage triggers need its own SQL functions)."""
    subprocess.run(["ogrinfo", "-q", str(path), "-sql", sql], check=True, capture_output=True)


def wells_edited(tmp_path, capsys, database: str | None = None) -> tuple:
    """A master with a layer of wells as ogr2ogr adds it (泉眼), and a GIS package checked
    out of it with 泉2's flow and a patch's section edited: (master, package). ``database``:
    a PostgreSQL master, published from such a GeoPackage."""
    master, pkg = tmp_path / "m.gpkg", tmp_path / "g.gpkg"
    make_gpkg(master, patches=2)
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(master), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    if database is not None:
        assert cli_said(capsys, "init", database, "--from", master)[0] == errors.OK
        master = database
    assert cli_said(capsys, "status", master)[0] == errors.OK
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    edit(pkg, "UPDATE mine_patches SET section = 'B' WHERE patch_code = 'P0000001'")
    return master, pkg


def wells_checked_out(master, tmp_path, capsys):
    """泉眼, a county layer, added to ``master`` with ogr2ogr, then a GIS package of it."""
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(master), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    return pkg


def test_the_undo_sets_back_the_rest_and_names_the_layer_gone(tmp_path, capsys,
                                                               chinese_locale):
    master, pkg = wells_edited(tmp_path, capsys)
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.OK and "applied 2," in said, said
    (merge_id,) = [m["merge_id"] for m in masters.merges(master)]
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    code, said = cli_said(capsys, "undo-merge", master, merge_id)
    assert code == errors.OK, said
    assert "internal error" not in said, said
    assert f"merge {merge_id} undone: 1 change reverted" in said, said
    assert "layer 泉眼 is no longer in the master: what this merge wrote there in 1 row is " \
           "not set back (there is no layer to set it back in)" in said, said
    assert "图层 泉眼 已不在主库中：此次合并在其中写入的 1 个要素的值未还原" in said, said
    assert rows(master, "SELECT section FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [(None,)]
    assert masters.merges(master)[0]["undone_at"] is not None
