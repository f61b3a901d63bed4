# SPDX-License-Identifier: GPL-2.0-or-later
"""Point lists joined by the planner: each boundary's points in the order of their numbers,
a number twice refused in the boundary the planner groups by (whatever column is mapped to
the patch code), the order used said, and a boundary of too few points counted right in
either language."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _rows(patches):
    """(code, point number, x, y) of every point of every patch, numbered J1, J2 ..."""
    return [(p["code"], f"J{k + 1}", x, y) for p in patches
            for k, (x, y) in enumerate(p["ring"][:-1])]


def _write(path, header, rows):
    path.write_text("\n".join([header, *(",".join(map(str, r)) for r in rows)]) + "\n",
                    encoding="utf-8")
    return path


def test_one_point_is_counted_as_one_and_said_in_chinese(master, plan_gpkg, tmp_path, capsys,
                                                        monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    code, _, x, y = _rows(L.surveyed(plan_gpkg))[0]
    src = _write(tmp_path / "one.csv", "图斑编号,经度,纬度", [(code, x, y)])
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert f"错误：第 2 行 {code}：1 个点；边界至少需要 3 个点" in out, out
    assert "0 个点" not in out, out


def test_one_point_is_counted_as_one_in_english(master, plan_gpkg, tmp_path, capsys):
    code, _, x, y = _rows(L.surveyed(plan_gpkg))[0]
    src = _write(tmp_path / "one.csv", "图斑编号,经度,纬度", [(code, x, y)])
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.INVALID, out
    assert f"error: row 2 {code}: 1 point; a boundary needs at least 3" in out, out


def test_a_boundary_of_too_few_points_or_a_number_twice_has_its_chinese():
    assert chinese("1 point; a boundary needs at least 3") == "1 个点；边界至少需要 3 个点"
    assert (chinese("point number J3 twice (lines 14 and 15): number each point of a boundary "
                    "once") == "点号 J3 出现两次（第 14、15 行）：同一边界的每个点号只能出现一次")


def _mapped(tmp_path, rows):
    """Patches told apart by a column no name says is a patch's (地块号), mapped to one."""
    src = _write(tmp_path / "pts.csv", "地块号,点号,经度,纬度", rows)
    mapping = tmp_path / "map.json"
    mapping.write_text('{"地块号": "patch_code"}', encoding="utf-8")
    return src, mapping


def test_numbers_are_checked_in_the_boundaries_of_the_mapped_column(master, plan_gpkg,
                                                                    tmp_path, capsys):
    rows = sorted(_rows(L.surveyed(plan_gpkg)), key=lambda r: r[2])  # by X: J1 of each patch
    src, mapping = _mapped(tmp_path, rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                    "--mapping", mapping)
    assert code == errors.OK, out
    assert "twice (lines" not in out, out
    assert ("would be joined by field 地块号, in the order of their numbers in column 点号, "
            "into 11 boundaries") in out, out
    assert "updated 10, new 1" in out, out


def test_a_number_twice_in_a_mapped_boundary_is_refused_there(master, plan_gpkg, tmp_path,
                                                             capsys):
    rows = _rows(L.surveyed(plan_gpkg))
    code = rows[0][0]
    rows[2] = (code, "J2", *rows[2][2:])  # Excel's row 4 numbered as row 3
    src, mapping = _mapped(tmp_path, rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                  "--mapping", mapping)
    assert rc == errors.INVALID, out
    assert (f"error: row 2 {code}: point number J2 twice (lines 3 and 4): number each point of "
            "a boundary once") in out, out
    assert out.count("twice (lines") == 1, out


def test_a_point_with_no_number_leaves_the_file_order_saying_so(master, plan_gpkg, tmp_path,
                                                                capsys):
    rows = _rows(L.surveyed(plan_gpkg))
    rows[1] = (rows[1][0], "", *rows[1][2:])  # Excel's row 3
    src = _write(tmp_path / "pts.csv", "图斑编号,点号,经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert ("warning: field 点号: the point number column 点号 is empty on row 3: the points "
            "are joined in their order in the file") in out, out
    assert "by field 图斑编号, in their order in the file, into 11 boundaries" in out, out
