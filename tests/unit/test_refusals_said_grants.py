# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edit refused for what the role may not change, as the merge and the pull
say it: every column it may not change named, the advice a grant (not a mended value), a
feature moved said moved; in English and in Chinese."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync.three_way import Applier
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

MENDED = "pull, mend the value refused, then export: the pull sends the edit again, with its mend"
GRANT = ("ask GIS staff for a grant (QGIS: Who may change what; or field-kit roles), or leave "
         "what the role may not change")


@pytest.fixture
def package(master, tmp_path, capsys):
    """A technician's package of a master that grants technicians the phase of the patches
    only: (master, package, the codes of its first three patches)."""
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    with connect(pkg, readonly=True) as c:
        codes = [r[0] for r in c.execute("SELECT patch_code FROM mine_patches ORDER BY fid "
                                         "LIMIT 3")]
    return master, pkg, codes


def merged(capsys, master, pkg, tmp_path) -> tuple[str, dict]:
    """Export and merge ``pkg``: what the merge printed, and its refusals' reasons by row
    name as ``merge --json`` (the same package merged again) gives them."""
    assert cli(capsys, "export", pkg, tmp_path / "e.zip")[0] == errors.OK
    code, out = cli_said(capsys, "merge", master, tmp_path / "e.zip")
    assert code == errors.REFUSED, out
    code, text, _ = cli(capsys, "merge", master, tmp_path / "e.zip", "--json")
    reasons = {o["name"]: o["reason"] for m in json.loads(text)["merges"]
               for o in m["outcomes"] if o["status"] == "refused"}
    return out, reasons


def pulled(capsys, master, pkg) -> str:
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, out
    return out


def test_an_edit_of_two_columns_the_role_may_not_change_names_both(package, tmp_path,
                                                                   capsys):
    master, pkg, codes = package
    edit(pkg, "UPDATE mine_patches SET township = 'X镇', mineral = '金' WHERE patch_code = ?",
         codes[0])
    out, reasons = merged(capsys, master, pkg, tmp_path)
    why = "a technician may not change columns mineral, township of mine_patches"
    assert reasons[codes[0]].startswith(why + "; the edit is refused whole"), reasons
    assert f"{codes[0]} change " in out and why in out, out
    # (the layer by its title, its fields by their labels, listed with 、)
    assert chinese(why) == "技术员无权修改历史遗留矿山图斑的字段矿种、行政区"
    out = pulled(capsys, master, pkg)
    said = f"your edit of mine_patches {codes[0]} (township, mineral) was refused: {why}; " \
           "the package now holds the master's values"
    assert said in out, out
    assert chinese(said) == f"本机对历史遗留矿山图斑 {codes[0]}（行政区、矿种）的修改被主库" \
                            "拒收：技术员无权修改历史遗留矿山图斑的字段矿种、行政区；" \
                            "数据包现已采用主库的值"
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out, out


def test_an_edit_refused_for_a_column_the_role_may_never_change_asks_for_a_grant(
        package, tmp_path, capsys):
    """Not "mend the value": no value of the column would do. The phase it may change is
    sent again after the pull; an edit refused for a bad value keeps its advice."""
    master, pkg, codes = package
    edit(pkg, "UPDATE mine_patches SET mineral = '铜', phase = '中期' WHERE patch_code = ?",
         codes[1])
    edit(pkg, "UPDATE mine_patches SET mineral = '金', township = 'X镇' WHERE patch_code = ?",
         codes[2])
    edit(pkg, "INSERT INTO patch_verifications (patch_code, measured_area_m2, notes) VALUES "
              "(?, 5, '北坡')", codes[0])
    edit(pkg, "UPDATE patch_verifications SET measured_area_m2 = 'abc', notes = '南坡'")
    out, reasons = merged(capsys, master, pkg, tmp_path)
    assert MENDED not in reasons[codes[1]] and MENDED not in reasons[codes[2]], reasons
    assert reasons[codes[1]] == (
        "a technician may not change column mineral of mine_patches; the edit is refused "
        "whole, so none of its values were written (mineral, phase): " + GRANT +
        "; the rest is sent again after the package's next pull"), reasons
    assert reasons[codes[2]].endswith(f"(township, mineral): {GRANT}"), reasons
    bad = next(r for r in reasons.values() if "'abc'" in r)
    assert bad.endswith(MENDED), bad  # a bad value: mend it
    assert out.count(GRANT) == 2 and out.count(MENDED) == 1, out
    assert chinese(reasons[codes[1]]).endswith(
        "：请向 GIS 人员申请权限（QGIS 中的“谁可以修改什么”，或 field-kit roles），"
        "或不再修改该角色无权修改的内容；其余的值在数据包下次拉取后重新发送"), \
        chinese(reasons[codes[1]])
    assert chinese(reasons[codes[2]]).startswith(
        "技术员无权修改历史遗留矿山图斑的字段矿种、行政区；整条修改被拒收，其中的值均未写入"
        "（行政区、矿种）：")
    out = pulled(capsys, master, pkg)
    assert f"your edit of mine_patches {codes[1]} (mineral, phase) was refused: a technician " \
           "may not change column mineral of mine_patches; what the package still holds of " \
           "it (phase) is sent again with the next export" in out, out
    assert "mended" not in out, out
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 2" in out, out  # the phase, the notes


def test_a_feature_moved_where_the_role_may_change_some_columns_is_said_moved(
        package, tmp_path, capsys):
    master, pkg, codes = package
    edit(pkg, "UPDATE mine_patches SET geom = (SELECT geom FROM mine_patches WHERE "
              "patch_code = ?) WHERE patch_code = ?", codes[1], codes[0])
    edit(pkg, "UPDATE mine_patches SET geom = (SELECT geom FROM mine_patches WHERE "
              "patch_code = ?), mineral = '金' WHERE patch_code = ?", codes[0], codes[2])
    out, reasons = merged(capsys, master, pkg, tmp_path)
    moved = "a technician may not move features of mine_patches (geometry column geom)"
    assert reasons[codes[0]] == moved, reasons
    assert reasons[codes[2]].startswith(f"{moved} nor change column mineral of it; "), reasons
    assert "column geom of" not in out, out
    assert chinese(moved) == "技术员无权移动历史遗留矿山图斑的要素（几何字段 geom）"
    assert chinese(reasons[codes[2]]).startswith(
        "技术员无权移动历史遗留矿山图斑的要素（几何字段 geom），也无权修改其字段矿种；")
    out = pulled(capsys, master, pkg)
    said = f"your edit of mine_patches {codes[0]} (geom) was refused: {moved}; the feature " \
           "is back where the master has it"
    assert said in out, out
    assert chinese(said) == f"本机对历史遗留矿山图斑 {codes[0]}（几何）的修改被主库拒收：技术员" \
                            "无权移动历史遗留矿山图斑的要素（几何字段 geom）；该要素已回到主库中" \
                            "的位置"
    assert f"{moved} nor change column mineral of it; the package now holds the master's " \
           "values" in out, out
    with connect(pkg, readonly=True) as p, connect(master, readonly=True) as m:
        sql = "SELECT geom FROM mine_patches WHERE patch_code = ?"
        assert p.execute(sql, (codes[0],)).fetchone() == m.execute(sql, (codes[0],)).fetchone()
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out, out


def test_the_engine_names_every_column_and_a_move_as_the_set_based_step_does(master):
    """A technician's updates the engine meets change by change are said as the merge's
    set-based step says them."""
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    with connect(master) as conn:
        row = conn.execute("SELECT uuid FROM mine_patches LIMIT 1").fetchone()[0]
        applier = Applier(conn, merge_id="m", origin="merge:m", role="technician")
        changes = [{"change": str(i), "table": "mine_patches", "row": row, "op": "update",
                    "old": dict.fromkeys(new), "new": new, "device": "tech1"}
                   for i, new in enumerate(({"township": "X镇", "mineral": "金"},
                                            {"geom": "00", "phase": "中期"}))]
        reasons = [o.reason for o in applier.apply(changes, set())]
        conn.rollback()
    assert reasons == [
        "a technician may not change columns mineral, township of mine_patches; the edit is "
        f"refused whole, so none of its values were written (township, mineral): {GRANT}",
        "a technician may not move features of mine_patches (geometry column geom); the edit "
        f"is refused whole, so none of its values were written (geom, phase): {GRANT}; the "
        "rest is sent again after the package's next pull"], reasons


def test_a_layer_of_the_countys_own_keeps_its_name_set_apart_from_the_chinese_words():
    """A layer not of the plan, and its columns, by their own names: a space either side
    where they meet Chinese words; the columns listed with 、."""
    assert chinese("a technician may not change columns depth, kind of forest_stands") == \
        "技术员无权修改 forest_stands 的字段 depth、kind"
    assert chinese("a gis may not delete features of forest_stands (may change only depth, "
                   "notes)") == "GIS 人员无权删除 forest_stands 的要素（只能修改其 depth、notes）"
    said = "your edit of forest_stands F1 (depth) was refused: a technician may not change " \
           "column depth of forest_stands; the package now holds the master's value"
    assert chinese(said) == "本机对 forest_stands F1（depth）的修改被主库拒收：技术员无权修改 " \
                            "forest_stands 的字段 depth；数据包现已采用主库的值"
