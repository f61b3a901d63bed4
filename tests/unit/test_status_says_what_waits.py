# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit status`` on a field package says what its next export carries: per layer (by
its title; a layer of the county's own by its name) the records added, changed and deleted,
each named as the rest of the product names it, in English and Chinese and in ``--json``."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli, log_json
from tests.unit.gpkg_factory import edit, make_gpkg, rows

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


@pytest.fixture
def package(tmp_path, capsys):
    """A package of a master holding the plan's layers and a layer of the county's own
    written by GDAL; one edit exported, then the edits status is asked about."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=6, verifications=2, install=False)
    src = tmp_path / "wells.csv"
    src.write_text("WKT,well_name,depth\n" + "".join(
        f"\"POINT ({88 + i / 100} 42.5)\",Well {i},{10 + i}\n" for i in range(4)))
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", master, src, "-nln", "county_wells",
                    "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo",
                    "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4490", "-lco",
                    "GEOMETRY_NAME=geom"], check=True, capture_output=True)
    assert cli(capsys, "init", master)[0] == errors.OK
    pkg = tmp_path / "pkg.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "gis1", "--role", "gis"
               )[0] == errors.OK
    edit(pkg, "UPDATE county_wells SET depth = 99 WHERE well_name = 'Well 3'")
    assert cli(capsys, "export", pkg, tmp_path / "first.zip")[0] == errors.OK
    edit(pkg, "INSERT INTO mine_patches (patch_code, township, phase) SELECT 'P90000' || "
         "value, 'Toksun', 'planned' FROM json_each('[0,1,2,3,4,5,6]')")
    edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE patch_code = 'P0000001'")
    edit(pkg, "DELETE FROM mine_patches WHERE patch_code = 'P0000002'")
    edit(pkg, "INSERT INTO mine_patches (patch_code, township) VALUES ('P8888888', 'Toksun')")
    edit(pkg, "DELETE FROM mine_patches WHERE patch_code = 'P8888888'")
    edit(pkg, "UPDATE patch_verifications SET verified_on = '2024-05-01', notes = 'seen' "
         "WHERE patch_code = 'P0000000'")
    edit(pkg, "UPDATE county_wells SET depth = 1 WHERE well_name = 'Well 1'")
    edit(pkg, "DELETE FROM county_wells WHERE well_name = 'Well 2'")
    edit(pkg, "INSERT INTO county_wells (well_name, depth) VALUES ('Well 9', 3)")
    return pkg


def _held(pkg) -> tuple:
    return (rows(pkg, "SELECT count(*) FROM sync_capture"),
            rows(pkg, "SELECT count(*) FROM sync_changes"))


def test_status_names_what_waits_by_layer_and_record(package, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    before = _held(package)
    code, out, _ = cli(capsys, "status", package)
    assert code == errors.OK, out + _
    assert "changes waiting 15" in out
    assert ("waiting to be sent in Legacy mine patches: 7 added, 1 changed, 1 deleted, "
            "1 added and deleted again\n") in out
    assert "  added: P900000, P900001, P900002, P900003, P900004 and 2 more\n" in out
    assert "  changed: P0000001\n" in out
    assert "  deleted: P0000002\n" in out
    assert ("  added and deleted again, the master never had them (the export sends both: "
            "together they change nothing): P8888888\n") in out
    # a verification by its patch and day
    assert "waiting to be sent in Patch verifications: 1 changed\n  changed: P0000000 " \
           "2024-05-01\n" in out
    # the county's own layer by its name, its records as QGIS names them; the edit
    # exported before is not waiting
    assert ("waiting to be sent in county_wells: 1 added, 1 changed, 1 deleted\n"
            "  added: Well 9\n  changed: Well 1\n  deleted: Well 2\n") in out
    assert "Well 3" not in out
    assert "新增" not in out
    assert _held(package) == before  # read only: nothing sealed


def test_status_says_it_in_chinese_too(package, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, _ = cli(capsys, "status", package)
    assert code == errors.OK, out + _
    assert ("waiting to be sent in Legacy mine patches: 7 added, 1 changed, 1 deleted, "
            "1 added and deleted again\n待发送：历史遗留矿山图斑：新增 7 个要素，修改 1 个要素，"
            "删除 1 个要素，新增后又删除 1 个要素\n") in out
    assert ("  added: P900000, P900001, P900002, P900003, P900004 and 2 more\n"
            "  新增：P900000, P900001, P900002, P900003, P900004，另有 2 个要素\n") in out
    assert "  修改：P0000001\n" in out and "  删除：P0000002\n" in out
    assert ("  新增后又删除、主库从未有过（导出会发送这两项修改：两者合并后不改变任何数据）："
            "P8888888\n") in out
    assert "待发送：图斑核查记录：修改 1 个要素\n" in out
    assert "  修改：P0000000 2024-05-01\n" in out
    assert "待发送：county_wells：新增 1 个要素，修改 1 个要素，删除 1 个要素\n" in out
    assert "  新增：Well 9\n" in out


def test_status_json_lists_what_waits(package, capsys):
    before = _held(package)
    code, out, _ = cli(capsys, "status", package, "--json")
    assert code == errors.OK, out + _
    s = json.loads(out)
    assert s["changes_waiting"] == 15
    by = {w["table"]: w for w in s["waiting"]}
    assert list(by) == ["mine_patches", "patch_verifications", "county_wells"]
    patches = by["mine_patches"]
    assert patches["layer"] == {"en": "Legacy mine patches", "zh": "历史遗留矿山图斑"}
    assert [r["name"] for r in patches["added"]] == [f"P90000{i}" for i in range(7)]
    assert [r["name"] for r in patches["changed"]] == ["P0000001"]
    assert [r["name"] for r in patches["deleted"]] == ["P0000002"]
    assert [r["name"] for r in patches["never_sent"]] == ["P8888888"]
    deleted = patches["deleted"][0]["row"]
    assert rows(package, "SELECT count(*) FROM mine_patches WHERE uuid = ?", deleted) == [(0,)]
    wells = by["county_wells"]
    assert wells["layer"] == {"en": "county_wells", "zh": "county_wells"}
    assert [[r["name"] for r in wells[k]] for k in ("added", "changed", "deleted",
                                                      "never_sent")] == \
        [["Well 9"], ["Well 1"], ["Well 2"], []]
    assert [r["name"] for r in by["patch_verifications"]["changed"]] == ["P0000000 2024-05-01"]
    assert _held(package) == before


def test_status_after_export_has_nothing_waiting(package, tmp_path, capsys):
    assert cli(capsys, "export", package, tmp_path / "second.zip")[0] == errors.OK
    code, out, _ = cli(capsys, "status", package, "--json")
    assert json.loads(out)["waiting"] == []
    code, out, _ = cli(capsys, "status", package)
    assert "changes waiting 0" in out and "waiting to be sent" not in out


def test_status_names_records_of_a_column_and_a_layer_added_since_the_last_command(
        package, tmp_path, capsys, monkeypatch):
    """Values written into a column added since the last command (QGIS's Add Field, then
    an edit), and a layer added meanwhile by ogr2ogr (no uuid yet), are named by record as
    the logged edits are, though the next command logs them: they were only counted."""
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    assert cli(capsys, "export", package, tmp_path / "second.zip")[0] == errors.OK
    edit(package, "ALTER TABLE county_wells ADD COLUMN owner TEXT")
    edit(package, "UPDATE county_wells SET owner = 'Bureau' WHERE well_name IN "
         "('Well 0', 'Well 3')")
    src = tmp_path / "springs.csv"
    src.write_text("WKT,spring_name\n\"POINT (88.1 42.5)\",Aiding spring\n"
                   "\"POINT (88.2 42.5)\",\n")
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", package, src, "-nln", "springs",
                    "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO",
                    "-a_srs", "EPSG:4490"], check=True, capture_output=True)
    # a free note as a feature's only text: named by its first line, cut short
    edit(package, "UPDATE springs SET spring_name = spring_name || char(10) || 'seen dry "
         "in May; the herders say it runs again after the snow melts' WHERE fid = 1")
    before = _held(package)
    code, out, _ = cli(capsys, "status", package)
    assert code == errors.OK, out + _
    assert "changes waiting 4" in out, out
    assert "waiting to be sent in county_wells: 2 changed\n  changed: Well 0, Well 3\n" in out
    assert "waiting to be sent in springs: 2 added\n  added: Aiding spring…, fid 2\n" in out
    code, out, _ = cli(capsys, "status", package, "--json")
    by = {w["table"]: w for w in json.loads(out)["waiting"]}
    assert [r["row"] is None and r["fid"] for r in by["springs"]["added"]] == [1, 2]
    assert all(len(r["row"]) == 36 for r in by["county_wells"]["changed"])
    assert _held(package) == before  # read only: nothing logged
    # the next command logs the same four
    [(last,)] = rows(package, "SELECT max(seq) FROM sync_changes")
    assert cli(capsys, "export", package, tmp_path / "third.zip")[0] == errors.OK
    code, out, _ = cli(capsys, "log", package, "--json")
    logged = [c for c in log_json(out)["changes"] if c["seq"] > last]
    assert sorted((c["tbl"], c["op"]) for c in logged) == [
        ("county_wells", "update"), ("county_wells", "update"), ("springs", "insert"),
        ("springs", "insert")]


def _layer_added(pkg, tmp_path) -> None:
    """A layer 水井2 written into the package ``pkg`` by ogr2ogr."""
    src = tmp_path / "wells.csv"
    src.write_text("WKT,well_name\n\"POINT (88.1 42.5)\",Well A\n")
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", pkg, src, "-nln", "水井2", "-oo",
                    "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs",
                    "EPSG:4490"], check=True, capture_output=True)


def test_a_technicians_export_with_a_layer_added_says_the_package_is_refused_whole(
        tmp_path, capsys, monkeypatch):
    """A layer a technician adds (ogr2ogr into the package) makes the master refuse the
    package whole: export says so before it is carried, and the merge then does."""
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    master = make_gpkg(tmp_path / "master.gpkg", patches=6, verifications=2)
    pkg = tmp_path / "tech.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab1")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'seen' WHERE fid = 1")
    _layer_added(pkg, tmp_path)
    code, out, _ = cli(capsys, "export", pkg, tmp_path / "t.zip")
    assert code == errors.OK, out
    assert ("a technician's package does not add layers: the master refuses this package "
            "whole, every edit in it, while it holds layer 水井2") in out, out
    code, out, err = cli(capsys, "merge", master, tmp_path / "t.zip")
    assert code == errors.REFUSED and "does not add layers" in out + err, out + err
    # what makes it go: the layer in the master, and the technicians given it
    assert "and a supervisor grant it: field-kit roles MASTER --grant technician 水井2; " \
           "then merge this package again" in out + err, out + err
    assert "再由主管授权：field-kit roles MASTER --grant technician 水井2；然后重新合并此包" in \
        chinese((out + err).strip().splitlines()[-1].removeprefix("field-kit: "))


def test_a_technicians_status_says_the_master_refuses_a_column_and_a_layer_it_added(
        tmp_path, capsys, monkeypatch):
    """What a technician's package added (a column, a layer) the master refuses: status
    says so while it waits, as export says it, in Chinese too."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=6, verifications=2)
    pkg = tmp_path / "tech.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab1")[0] == errors.OK
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN 负责人 TEXT")
    edit(pkg, "UPDATE patch_verifications SET 负责人 = '张三' WHERE fid = 1")
    _layer_added(pkg, tmp_path)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, _ = cli(capsys, "status", pkg)
    assert code == errors.OK, out
    column = ("  a technician's package does not add columns: the master refuses the changes "
              "that fill column patch_verifications.负责人")
    layer = ("  a technician's package does not add layers: the master refuses this package "
             "whole, every edit in it, while it holds layer 水井2")
    assert column in out and layer in out, out
    assert "  技术员的数据包不能新增图层：只要其中含有图层 水井2，主库就整包拒收" in out, out
    assert "  技术员的数据包不能新增字段" in out, out
    code, said, _ = cli(capsys, "export", pkg, tmp_path / "t.zip")
    assert code == errors.OK and column in said and layer in said, said
