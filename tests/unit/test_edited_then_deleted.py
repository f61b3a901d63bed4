# SPDX-License-Identifier: GPL-2.0-or-later
"""A device edits a field and then deletes the row, while another device edits that field:
whichever package the master merges first, the conflict can be settled, and each decision
ends in the same master."""

from __future__ import annotations

import shutil

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import masters, merge, package_export
from tests.unit.gpkg_factory import edit, make_gdal_layer

LAYER = "forest_stands"


@pytest.fixture
def packages_of_a_and_b(tmp_path):
    """A master with a county layer; A's package gives stand S00000001 another species, B's
    gives it a third and then deletes it."""
    master = tmp_path / "master.gpkg"
    make_gdal_layer(master, 4)
    assert main(["init", str(master)]) == 0
    zips = {}
    for device, sql in (("A", "UPDATE forest_stands SET species = 'elm' WHERE stand_id = ?"),
                        ("B", "UPDATE forest_stands SET species = 'oak' WHERE stand_id = ?")):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        edit(pkg, sql, "S00000001")
        if device == "B":
            edit(pkg, "DELETE FROM forest_stands WHERE stand_id = ?", "S00000001")
        zips[device] = str(tmp_path / f"{device}1.zip")
        package_export.export(pkg, zips[device])
    return master, zips


def _stands(master) -> list[tuple]:
    conn = connect(master)
    try:
        return conn.execute("SELECT uuid, stand_id, species, status, area_ha FROM forest_stands "
                            "ORDER BY uuid").fetchall()
    finally:
        conn.close()


def _merged_in_order(master, zips, order, tmp_path) -> str:
    copy = tmp_path / f"m-{''.join(order)}.gpkg"
    shutil.copyfile(master, copy)
    assert main(["merge", str(copy), *(zips[d] for d in order)]) == 1
    return str(copy)


@pytest.mark.parametrize("take, species", [("theirs", "elm"), ("ours", None)])
def test_either_order_settles_to_the_same_master(packages_of_a_and_b, tmp_path, capsys, take,
                                                 species):
    master, zips = packages_of_a_and_b
    ends = []
    for order in (("A", "B"), ("B", "A")):
        m = _merged_in_order(master, zips, order, tmp_path)
        capsys.readouterr()
        # every open conflict of the merges, settled as a supervisor settles a package's
        for z in zips.values():
            assert main(["resolve", m, "--all", z, "--take", take]) == 0, capsys.readouterr()
        assert main(["status", m]) == 0
        assert "open conflicts 0" in capsys.readouterr().out
        stands = _stands(m)
        got = [s[2] for s in stands if s[1] == "S00000001"]
        assert got == ([species] if species else []), (order, stands)
        ends.append(stands)
    assert ends[0] == ends[1]  # the same rows, the same values, whichever came first


def test_a_row_deleted_after_the_conflict_is_a_later_edit(packages_of_a_and_b, tmp_path,
                                                          capsys):
    """Both devices edit a field; GIS staff then delete the row in the master: taking a side
    would bring back a row deleted since the conflict was recorded, and is refused as any
    decision over a later edit is, unless asked for."""
    from field_kit.errors import REFUSED

    master, _ = packages_of_a_and_b
    zips = []
    for device in ("C", "D"):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        edit(pkg, "UPDATE forest_stands SET species = ? WHERE stand_id = 'S00000002'",
             device.lower())
        zips.append(str(tmp_path / f"{device}1.zip"))
        package_export.export(pkg, zips[-1])
    assert main(["merge", str(master), *zips]) == 1
    edit(master, "DELETE FROM forest_stands WHERE stand_id = 'S00000002'")  # in QGIS, say
    capsys.readouterr()
    assert main(["resolve", str(master), "--all", zips[1], "--take", "theirs"]) == REFUSED
    assert "its row deleted now, changed by " in capsys.readouterr().err
    assert [s for s in _stands(master) if s[1] == "S00000002"] == []
    assert main(["resolve", str(master), "--all", zips[1], "--take", "theirs",
                 "--over-later-edit"]) == 0
    assert [s[2] for s in _stands(master) if s[1] == "S00000002"] == ["c"]


@pytest.fixture
def deleted_before_the_other_edit(tmp_path):
    """B gives stand S00000001 another species and then deletes it; A, later, gives it a
    third: A's edit is the latest, so the row stays, with B's edit and delete kept aside."""
    master = tmp_path / "master.gpkg"
    make_gdal_layer(master, 4)
    assert main(["init", str(master)]) == 0
    pkgs = {}
    for device in ("A", "B"):
        pkgs[device] = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkgs[device], device, role="gis")
    edit(pkgs["B"], "UPDATE forest_stands SET species = 'oak' WHERE stand_id = 'S00000001'")
    edit(pkgs["B"], "DELETE FROM forest_stands WHERE stand_id = 'S00000001'")
    edit(pkgs["A"], "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'S00000001'")
    zips = {}
    for device, pkg in pkgs.items():
        zips[device] = str(tmp_path / f"{device}1.zip")
        package_export.export(pkg, zips[device])
    return master, zips


@pytest.mark.parametrize("take", ["theirs", "ours", "ancestor"])
def test_a_delete_before_the_other_devices_edit_settles_alike_in_either_order(
        deleted_before_the_other_edit, tmp_path, capsys, take):
    """Merged in either order, the row and its field are met by the same two conflicts (B's
    species and B's delete kept aside, their ancestor the value both devices started from,
    not B's own edit before its delete), and each decision ends in the same master."""
    master, zips = deleted_before_the_other_edit
    (was,) = [s[2] for s in _stands(master) if s[1] == "S00000001"]
    expected = {"theirs": [], "ours": ["elm"], "ancestor": [was]}[take]
    ends = []
    for order in (("A", "B"), ("B", "A")):
        m = _merged_in_order(master, zips, order, tmp_path)
        assert [s[2] for s in _stands(m) if s[1] == "S00000001"] == ["elm"], order
        for c in merge.conflicts(m):  # as `field-kit conflicts` shows them
            assert (c.ancestor if c.field else c.ancestor["species"]) == was, (order, c)
        for z in zips.values():
            assert main(["resolve", m, "--all", z, "--take", take]) == 0, capsys.readouterr()
        stands = _stands(m)
        assert [s[2] for s in stands if s[1] == "S00000001"] == expected, order
        ends.append(stands)
    assert ends[0] == ends[1]


def test_an_edit_later_than_the_rows_delete_says_the_row_is_back(
        deleted_before_the_other_edit, tmp_path, capsys, monkeypatch):
    """Merged after B's delete, A's later edit brings the row back: the merge says so (it
    said "the row is kept", as if the master had not changed), in Chinese too."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    master, zips = deleted_before_the_other_edit
    capsys.readouterr()
    _merged_in_order(master, zips, ("B", "A"), tmp_path)
    out = capsys.readouterr().out
    assert "the row is back, with this edit" in out, out
    assert "所改要素此前已在此删除：此修改在后，要素已恢复，带有此修改" in out, out


@pytest.mark.parametrize("field_take", ["theirs", "ours", "ancestor"])
@pytest.mark.parametrize("row_take", ["theirs", "ours", "ancestor"])
def test_a_rows_two_conflicts_settled_one_at_a_time_in_either_order(
        deleted_before_the_other_edit, tmp_path, capsys, field_take, row_take):
    """The species' conflict and the row's, settled one by one as a supervisor does: the
    second is not refused as an edit made since (the first decision was the supervisor's
    own, of the same row and merge), and either order ends in the same master, the one
    settling both at once gives where the decisions agree. (The species' "ours" is what
    the master holds when it is settled: after the row's decision, what that gave.)"""
    master, zips = deleted_before_the_other_edit
    ends = {}
    for first in ("field", "row"):
        (tmp_path / first).mkdir()
        m = _merged_in_order(master, zips, ("A", "B"), tmp_path / first)
        by_kind = {("field" if c.field else "row"): c for c in merge.conflicts(m)}
        takes = {"field": field_take, "row": row_take}
        for kind in (first, {"field": "row", "row": "field"}[first]):
            between = _stands(m)
            capsys.readouterr()
            code = main(["resolve", m, str(by_kind[kind].id), "--take", takes[kind]])
            out = capsys.readouterr()
            assert code == 0, (first, kind, out.err)
        if first == "row" and field_take == "ours":
            assert _stands(m) == between  # kept what the row's decision gave
        if first == "row" and row_take == "theirs" and field_take != "ours":
            assert (f"conflict {by_kind['field'].id}: the row stays deleted, as conflict "
                    f"{by_kind['row'].id} settled it; field species not written") in out.out, out
            assert chinese(out.out.splitlines()[-1].strip()) == (
                f"冲突 {by_kind['field'].id}：该要素按冲突 {by_kind['row'].id} 的处理保持删除；"
                "字段 species 未写入")
        ends[first] = _stands(m)
    if field_take != "ours":
        assert ends["field"] == ends["row"]
    if field_take == row_take:
        m = _merged_in_order(master, zips, ("A", "B"), tmp_path)
        assert main(["resolve", m, "--all", zips["B"], "--take", row_take]) == 0
        assert _stands(m) == ends["row"]
