# SPDX-License-Identifier: GPL-2.0-or-later
"""A county's own layer called photos (a point layer of its own, not the plan's photos
table) was taken for the plan's: status named it "Photos / 照片" and the plan's default
technician grant of photos let technicians' edits of it be merged, although technicians'
edits of the county's own layers are refused. A table is the plan's only when it holds the
plan's columns; the plan's photos table with a column added still is."""

from __future__ import annotations

from field_kit import errors
from field_kit.sync import registry
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit, make_gdal_layer, make_gpkg


def test_a_layer_of_the_county_s_own_called_photos_is_not_the_plan_s(tmp_path, capsys,
                                                                     chinese_locale):
    master, pkg = tmp_path / "m.gpkg", tmp_path / "t9.gpkg"
    make_gdal_layer(master, 2, name="photos")
    assert cli(capsys, "init", master)[0] == errors.OK
    assert cli(capsys, "checkout", master, pkg, "--device", "t9")[0] == errors.OK
    edit(pkg, "UPDATE photos SET species = 'elm' WHERE fid = 1")
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK, said
    assert "waiting to be sent in photos: 1 changed" in said, said
    assert "待发送：photos：修改 1 个要素" in said and "Photos" not in said, said
    assert "the master will refuse the edits of 1 of these: a technician may not change " \
           "photos" in said, said
    code, said = cli_said(capsys, "status", master)
    assert "grant (technician, photos, *) in sync_roles is the plan's default grant of its " \
           "table photos; photos here is a layer of the county's own" in said, said
    assert "sync_roles 中的授权（technician, photos, *）是规划为其 photos 表设的默认授权" \
        in said, said
    assert cli(capsys, "export", pkg, tmp_path / "t9.zip")[0] == errors.OK
    code, said = cli_said(capsys, "merge", master, tmp_path / "t9.zip")
    assert "applied 0," in said and "refused 1" in said, said
    assert "photos" not in registry.grants(registry_conn(master), "technician")


def test_the_plan_s_photos_table_with_a_column_added_is_still_the_plan_s(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=1)
    edit(master, "ALTER TABLE photos ADD COLUMN weather TEXT")
    assert registry.grants(registry_conn(master), "technician")["photos"] == {"*"}


def registry_conn(path):
    from field_kit.db import connect
    return connect(path, readonly=True)
