# SPDX-License-Identifier: GPL-2.0-or-later
"""What a merge refuses and a resolve writes, said as a supervisor knows it: a row by its
patch or project, the plan's name for a township's other name, a field emptied or refused
by the form's own rule."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.errors import BAD_INPUT, CONFLICTS, OK, REFUSED
from field_kit.sync import masters, package_checkout, package_export
from tests.unit.gpkg_factory import edit


def _first(path, sql: str):
    with connect(path) as conn:
        return conn.execute(sql).fetchone()


def _township_conflict(master, tmp_path) -> int:
    """A patch's township changed by a GIS package and in the master meanwhile: the
    conflict's id."""
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '托克逊镇' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "g.zip")
    edit(master, "UPDATE mine_patches SET township = '伊拉湖镇' WHERE fid = 1")
    assert main(["merge", str(master), str(tmp_path / "g.zip")]) == CONFLICTS
    return masters.conflicts(master)[0].id


def _status_conflict(master, tmp_path, col: str = "remediation_status",
                     values=("'A'", "'B'", "'C'")) -> int:
    """A verification's ``col`` (its remediation status: a field its form requires) set to
    the first of ``values``, then changed by a technician's package and in the master
    meanwhile: the conflict's id."""
    first, other = tmp_path / "tech-a.gpkg", tmp_path / "tech-b.gpkg"
    masters.checkout(master, first, "tech-a", township="郭勒布依乡")
    edit(first, f"INSERT INTO patch_verifications (patch_uuid, patch_code, {col}, verifier) "
         f"SELECT uuid, patch_code, {values[0]}, 'a' FROM mine_patches ORDER BY fid LIMIT 1")
    package_export.export(first, tmp_path / "a.zip")
    masters.merge(master, [tmp_path / "a.zip"])
    package_checkout.checkout(master, other, "tech-b", township="郭勒布依乡")
    edit(other, f"UPDATE patch_verifications SET {col} = {values[1]}")
    package_export.export(other, tmp_path / "b.zip")
    edit(master, f"UPDATE patch_verifications SET {col} = {values[2]}")
    assert main(["merge", str(master), str(tmp_path / "b.zip")]) == CONFLICTS
    return masters.conflicts(master)[0].id


def test_a_merge_refuses_a_townships_other_name_naming_the_plans(master, tmp_path, capsys,
                                                                 monkeypatch):
    """An import writes 夏镇 for 夏乡; a merge writes what the device sent or nothing, and
    says which name to write."""
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '夏乡' WHERE fid = 2")
    package_export.export(pkg, tmp_path / "g.zip")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "g.zip")]) == REFUSED
    out = capsys.readouterr().out
    assert "township: '夏乡' is the plan's other name for 夏镇: write 夏镇" in out
    assert "行政区：“夏乡”是规划中“夏镇”的别称：请填写“夏镇”" in out
    assert _first(master, "SELECT township FROM mine_patches WHERE fid = 2")[0] != "夏乡"


def test_resolve_refuses_a_townships_other_name_naming_the_plans(master, tmp_path, capsys):
    cid = _township_conflict(master, tmp_path)
    capsys.readouterr()
    assert main(["resolve", str(master), str(cid), "--value", "夏乡"]) == BAD_INPUT
    assert "'夏乡' is the plan's other name for 夏镇: write 夏镇" in capsys.readouterr().err
    assert main(["resolve", str(master), str(cid), "--value", "夏镇"]) == OK
    assert _first(master, "SELECT township FROM mine_patches WHERE fid = 1")[0] == "夏镇"


def test_resolve_says_a_listed_field_it_empties(master, tmp_path, capsys, monkeypatch):
    """A patch's township may be empty: emptied, and said so."""
    cid = _township_conflict(master, tmp_path)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["resolve", str(master), str(cid), "--value", ""]) == OK
    out = capsys.readouterr().out
    assert re.search(rf"conflict {cid}: mine_patches \S+ \(row \S+\) township emptied \(NULL\)\n",
                     out), out
    assert re.search(rf"冲突 {cid}：历史遗留矿山图斑 \S+（要素 \S+）的行政区已清空（NULL）",
                     out), out
    assert _first(master, "SELECT township FROM mine_patches WHERE fid = 1")[0] is None


@pytest.mark.parametrize("value", ["", "NULL"])
def test_resolve_refuses_to_empty_a_field_the_form_requires(master, tmp_path, capsys, value):
    cid = _status_conflict(master, tmp_path)
    capsys.readouterr()
    assert main(["resolve", str(master), str(cid), "--value", value]) == BAD_INPUT
    err = capsys.readouterr().err
    assert f"conflict {cid}: remediation_status (恢复治理情况) is required by the form" in err
    assert masters.conflicts(master)[0].status == "open"
    assert _first(master, "SELECT remediation_status FROM patch_verifications")[0] == "C"


def test_a_merges_refusals_and_conflicts_name_each_row_as_the_plan_does(master, tmp_path,
                                                                         capsys, monkeypatch):
    """A patch by its code, a new record refused by its patch and day; --json keeps the
    uuid for tools, with the name."""
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '火星镇' WHERE fid = 1")
    edit(pkg, "UPDATE mine_patches SET township = '托克逊镇' WHERE fid = 2")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verified_on) SELECT uuid, patch_code, 'Z', '2024-05-01' FROM mine_patches "
         "WHERE fid = 3")
    package_export.export(pkg, tmp_path / "g.zip")
    edit(master, "UPDATE mine_patches SET township = '伊拉湖镇' WHERE fid = 2")
    code = {f: _first(master, f"SELECT patch_code, uuid FROM mine_patches WHERE fid = {f}")
            for f in (1, 2, 3)}
    record = _first(pkg, "SELECT uuid FROM patch_verifications")[0]
    shutil.copyfile(master, tmp_path / "again.gpkg")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "g.zip")]) == REFUSED
    out = capsys.readouterr().out
    assert f"refused update mine_patches {code[1][0]} change " in out
    assert f"已拒收 修改 历史遗留矿山图斑 {code[1][0]}（变更 " in out
    assert f"conflict update mine_patches {code[2][0]} change " in out
    assert f"refused insert patch_verifications {code[3][0]} 2024-05-01 change " in out
    assert f"已拒收 新增 图斑核查记录 {code[3][0]} 2024-05-01（变更 " in out
    assert record not in out and code[1][1] not in out

    assert main(["merge", str(tmp_path / "again.gpkg"), str(tmp_path / "g.zip"),
                 "--json"]) == REFUSED
    outcomes = {o["row"]: o for o in json.loads(capsys.readouterr().out)["merges"][0][
        "outcomes"]}
    assert outcomes[code[1][1]]["name"] == code[1][0]
    assert outcomes[record]["name"] == f"{code[3][0]} 2024-05-01"
    assert outcomes[record]["status"] == "refused"


def test_a_row_of_a_layer_of_ones_own_by_its_name_else_its_uuid(tmp_path, capsys):
    """A county's own layer: a feature by what QGIS names it (its first text field), one
    without any by its uuid."""
    from tests.unit.gpkg_factory import make_gdal_layer
    master = tmp_path / "m.gpkg"
    make_gdal_layer(master, 2)
    edit(master, "UPDATE forest_stands SET stand_id = NULL, species = NULL, status = NULL, "
         "surveyed_on = NULL WHERE fid = 2")
    assert main(["init", str(master)]) == OK
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE forest_stands SET crown_cover = 'many'")
    package_export.export(pkg, tmp_path / "g.zip")
    row = _first(pkg, "SELECT uuid FROM forest_stands WHERE fid = 2")[0]
    capsys.readouterr()
    assert main(["merge", str(master), str(tmp_path / "g.zip")]) == REFUSED
    out = capsys.readouterr().out
    assert "refused update forest_stands S00000000 change " in out
    assert f"refused update forest_stands {row} change " in out


def test_the_conflicts_list_names_each_row_with_its_uuid(master, tmp_path, capsys):
    cid = _township_conflict(master, tmp_path)
    code, row = _first(master, "SELECT patch_code, uuid FROM mine_patches WHERE fid = 1")
    capsys.readouterr()
    assert main(["conflicts", str(master)]) == CONFLICTS
    assert f"#{cid} open update/update mine_patches {code} (row {row}) township " in \
        capsys.readouterr().out
    assert main(["conflicts", str(master), "--json"]) == CONFLICTS
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["row_uuid"], listed["name"]) == (row, code)


def test_a_pull_names_the_rows_whose_sent_value_the_master_replaced(master, tmp_path, capsys):
    """A's edit merged after B's of the same field: the master keeps B's, and A's pull says
    which patch's value it replaced."""
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, town in ((a, "托克逊镇"), (b, "伊拉湖镇")):
        package_checkout.checkout(master, pkg, pkg.stem, role="gis")
        edit(pkg, "UPDATE mine_patches SET township = ? WHERE fid = 1", town)
        package_export.export(pkg, tmp_path / f"{pkg.stem}.zip")
    assert main(["merge", str(master), str(tmp_path / "b.zip")]) == OK
    assert main(["merge", str(master), str(tmp_path / "a.zip")]) == CONFLICTS
    code, row = _first(master, "SELECT patch_code, uuid FROM mine_patches WHERE fid = 1")
    capsys.readouterr()
    assert main(["pull", str(a), str(master)]) == OK
    assert f'    mine_patches {row} ({code}) township: "托克逊镇" -> "伊拉湖镇"' in \
        capsys.readouterr().out


@pytest.mark.parametrize("col, values, empties", [
    ("position_accuracy_m", ("3", "5", "8"), True),
    ("position_lat", ("42.8", "42.81", "42.82"), False)])
def test_resolve_empties_a_positions_accuracy_not_its_latitude(master, tmp_path, capsys, col,
                                                               values, empties):
    """A position needs its longitude and latitude; its accuracy may be unknown."""
    cid = _status_conflict(master, tmp_path, col, values)
    capsys.readouterr()
    code = main(["resolve", str(master), str(cid), "--value", ""])
    said = capsys.readouterr()
    if empties:
        assert code == OK and re.search(rf"conflict {cid}: .+ {col} emptied \(NULL\)\n",
                                        said.out), said.out
        assert _first(master, f"SELECT {col} FROM patch_verifications")[0] is None
    else:
        assert code == BAD_INPUT and f"conflict {cid}: {col} (" in said.err
        assert "is required by the form" in said.err


def test_every_conflict_of_a_big_merge_is_named_by_its_patch(tmp_path, capsys):
    """600 patches whose phase two packages both set: each conflict line names its patch by
    its code (past the first 500 they were named by uuid)."""
    from tests.unit.gpkg_factory import make_gpkg
    master = make_gpkg(tmp_path / "master.gpkg", patches=600, tables=("mine_patches",))
    zips = []
    for device in ("gis-a", "gis-b"):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, role="gis")
        edit(pkg, "UPDATE mine_patches SET phase = ?", device)
        zips.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, zips[-1])
    capsys.readouterr()
    assert main(["merge", master, *map(str, zips)]) == CONFLICTS
    lines = [x for x in capsys.readouterr().out.splitlines()
             if x.startswith("  conflict update mine_patches ")]
    assert len(lines) == 600
    assert all(x.split()[3].startswith("P") for x in lines), [
        x for x in lines if not x.split()[3].startswith("P")][:3]


def test_a_conflicts_row_deleted_by_its_decision_is_named_by_what_it_held(tmp_path, capsys):
    """Edit against delete, the delete taken: `conflicts --every` names the settled
    conflict's patch by the code it had (it gave the uuid alone)."""
    from tests.unit.gpkg_factory import exported_edits, make_gpkg, patch_uuids
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    u = patch_uuids(master)[0]
    code = _first(master, f"SELECT patch_code FROM mine_patches WHERE uuid = '{u}'")[0]
    zips = exported_edits(master, tmp_path, (
        ("gis-b", "DELETE FROM mine_patches WHERE uuid = ?"),
        ("gis-a", "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?")), u)
    assert main(["merge", master, *zips]) == CONFLICTS
    (c,) = masters.conflicts(master)
    assert main(["resolve", master, str(c.id), "--take", "theirs"]) == OK
    assert _first(master, f"SELECT count(*) FROM mine_patches WHERE uuid = '{u}'") == (0,)
    capsys.readouterr()
    assert main(["conflicts", master, "--every"]) == OK
    out = capsys.readouterr().out
    assert f"#{c.id} resolved update/delete mine_patches {code} (row {u}) (row) " in out, out
