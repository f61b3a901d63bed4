# SPDX-License-Identifier: GPL-2.0-or-later
"""A master's table whose edits made while its capture was off repair cannot recover: repair
says how to take its rows as the master holds them now, every pull says the package may
differ until then, and once taken a pull brings them and history shows them."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gpkg, rows
from tests.unit.test_any_table import add_forest

DIFFER = "forest_stands: its rows here may differ from the master's"


def run(capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def capture_bypassed(path, tbl: str, sql: str) -> None:
    """What a tool that drops a table's triggers and edits it does."""
    with connect(path) as c:
        for op in ("insert", "update", "delete"):
            c.execute(f"DROP TRIGGER sync_{tbl}_{op}")
        c.execute(sql)


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_table_repair_cannot_vouch_for_is_said_until_accepted(tmp_path, capsys):
    master = tmp_path / "m.gpkg"
    make_gpkg(master, patches=5)
    add_forest(master, tmp_path)
    assert cli.main(["init", str(master)]) == errors.OK
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    capture_bypassed(master, "forest_stands",
                     "UPDATE forest_stands SET species = 'willow' WHERE stand_id = 'F1'")
    code, out = run(capsys, "repair", master)
    assert code == errors.REFUSED
    way = f"field-kit repair {master} --accept-current forest_stands"
    assert f"so that a pull brings them to the field packages: {way}" in out
    assert way in chinese(out.splitlines()[-2])
    code, out = run(capsys, "status", master)
    assert f"warning: forest_stands: edits made to it while its capture was off are not in " \
           f"the change log, so no pull brings them to the field packages holding it; to log " \
           f"its rows as the master holds them now: {way}" in out
    assert "拉取无法把它们带到含该表的外业数据包" in chinese(next(
        line for line in out.splitlines() if "warning: forest_stands" in line))
    code, out = run(capsys, "pull", pkg, master)
    assert code == errors.OK
    assert DIFFER in out and f"run {way} to log its rows" in out
    assert "拉取无法带来" in chinese(next(line.strip() for line in out.splitlines()
                                          if DIFFER in line))
    code, out = run(capsys, "repair", master, "--accept-current", "forest_stands")
    assert code == errors.OK
    assert "accepted forest_stands as the master holds it now, logged as changed in the " \
           "master: 1 row whose values differ from those last logged, 0 the log never named" \
           in out
    assert "已按主库现状接受 forest_stands" in chinese(out.strip())
    code, out = run(capsys, "pull", pkg, master)
    assert code == errors.OK and DIFFER not in out
    assert "forest_stands" not in run(capsys, "status", master)[1]
    assert rows(pkg, "SELECT species FROM forest_stands WHERE stand_id = 'F1'") == [("willow",)]
    (uuid,), = rows(master, "SELECT uuid FROM forest_stands WHERE stand_id = 'F1'")
    code, out = run(capsys, "history", master, uuid)
    assert "repair update forest_stands" in out and '"poplar" -> "willow"' in out


def test_rows_never_logged_are_accepted_whole_in_the_repair_itself(tmp_path, capsys):
    """Rows there since before capture have no logged state: each is logged with all its
    values; --accept-current given to the repair that finds the table takes it at once."""
    master = tmp_path / "m.gpkg"
    make_gpkg(master, patches=5)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    capture_bypassed(master, "mine_patches", "UPDATE mine_patches SET township = 'Bostan' "
                                             "WHERE fid = 1")
    code, out = run(capsys, "repair", master, "--accept-current", "mine_patches")
    assert code == errors.OK, out
    assert "cannot vouch for mine_patches" in out and "--accept-current mine_patches" not in out
    assert "0 rows whose values differ from those last logged, 5 the log never named" in out
    code, out = run(capsys, "pull", pkg, master)
    assert code == errors.OK and "may differ" not in out
    assert rows(pkg, "SELECT township FROM mine_patches WHERE fid = 1") == [("Bostan",)]


def test_accept_current_is_refused_on_a_field_package(tmp_path, capsys):
    master = tmp_path / "m.gpkg"
    make_gpkg(master, patches=2)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    code, out = run(capsys, "repair", pkg, "--accept-current", "mine_patches")
    assert code == errors.BAD_INPUT
    assert "is a field package: --accept-current is for a master" in out
    assert "数据包在变更捕获关闭期间" in chinese(out.strip().removeprefix("field-kit: "))


def test_a_table_mistyped_is_refused_before_the_repair_naming_the_one_meant(tmp_path, capsys,
                                                                          chinese_locale):
    master = tmp_path / "m.gpkg"
    make_gpkg(master, patches=2)
    package_checkout.checkout(master, tmp_path / "p.gpkg", "gis1", role="gis")
    capture_bypassed(master, "mine_patches", "UPDATE mine_patches SET township = 'Bostan' "
                                             "WHERE fid = 1")
    code, out = run(capsys, "repair", master, "--accept-current", "mine_patche")
    assert code == errors.BAD_INPUT, out
    said = (f"mine_patche is not a table {master} tracks (did you mean mine_patches?); nothing "
            "was changed: tracked are ")
    assert said in out, out
    assert f"mine_patche 不是 {master} 跟踪的表（是否想输入 mine_patches？）；未作任何更改：" \
        "跟踪的表有 历史遗留矿山图斑（mine_patches）" in out, out
    # nothing was changed: the repair did not run, capture is as it was left
    with connect(master) as c:
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name = "
                             "'sync_mine_patches_update'").fetchall()
