# SPDX-License-Identifier: GPL-2.0-or-later
"""Point lists as surveyors write them: rows sorted by patch or by X in Excel are joined in
the order of their point numbers (J2 before J10), a number twice in a boundary is refused by
name, CSV rows are counted as Excel shows them, and a WKT CSV of points is a point list."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _dense(ring):
    """A ring (not closed) with a point between each two: enough points for J10 and on."""
    out = []
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]]):
        out += [(x1, y1), ((x1 + x2) / 2, (y1 + y2) / 2)]
    return out


def _rows(patches):
    """(code, point number, x, y) of every point of every patch, numbered J1, J2 ..."""
    return [(p["code"], f"J{k + 1}", x, y) for p in patches
            for k, (x, y) in enumerate(_dense(p["ring"][:-1]))]


def _write(path, header, rows):
    path.write_text("\n".join([header, *(",".join(map(str, r)) for r in rows)]) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("column", ["点号", "界址点号", "序号", "point_no", "No."])
def test_points_sorted_by_x_are_joined_in_the_order_of_their_numbers(
        master, plan_gpkg, tmp_path, capsys, column):
    rows = sorted(_rows(L.surveyed(plan_gpkg)), key=lambda r: r[2])  # sorted by X in Excel
    src = _write(tmp_path / "界址点.csv", f"图斑编号,{column},经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert (f"the CSV's {len(rows)} points (columns 经度/纬度) would be joined by field 图斑编号, "
            f"in the order of their numbers in column {column}, into 11 boundaries") in out, out
    assert "updated 10, new 1" in out, out


def test_numbers_sorted_as_text_are_ordered_as_numbers(master, plan_gpkg, tmp_path, capsys):
    rows = _rows(L.surveyed(plan_gpkg))
    assert max(int(r[1][1:]) for r in rows) >= 10
    rows.sort(key=lambda r: (r[0], r[1]))  # Excel's sort by patch, then number: J1, J10, J2
    src = _write(tmp_path / "pts.csv", "图斑编号,点号,经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert "crosses itself" not in out, out


def test_the_first_point_repeated_last_closes_its_boundary(master, plan_gpkg, tmp_path,
                                                           capsys):
    patches = L.surveyed(plan_gpkg)
    rows = []
    for p in patches:
        own = _rows([p])
        rows += sorted([*own, own[0]], key=lambda r: r[3])  # J1 last again, sorted by Y
    src = _write(tmp_path / "pts.csv", "图斑编号,点号,X坐标,Y坐标", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                    "--crs", "EPSG:4490")
    assert code == errors.OK, out
    assert "updated 10, new 1" in out, out


def test_a_number_twice_in_one_boundary_is_refused_naming_it(master, plan_gpkg, tmp_path,
                                                             capsys):
    patches = L.surveyed(plan_gpkg)
    rows = _rows(patches)
    second = patches[1]["code"]
    at = next(k for k, r in enumerate(rows) if r[0] == second and r[1] == "J4")
    rows[at] = (second, "J3", *rows[at][2:])
    src = _write(tmp_path / "pts.csv", "图斑编号,点号,经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    first = next(k for k, r in enumerate(rows) if r[0] == second and r[1] == "J3")
    j1 = next(k for k, r in enumerate(rows) if r[0] == second and r[1] == "J1")
    assert (f"error: row {j1 + 2} {second}: point number J3 twice (lines {first + 2} and "
            f"{at + 2}): number each point of a boundary once") in out, out
    assert out.count("twice (lines") == 1, out


def _wkt_csv(path, patches):
    lines = ["WKT,patch_code"]
    for p in patches:
        ring = ",".join(f"{x!r} {y!r}" for x, y in p["ring"])
        lines.append(f'"POLYGON (({ring}))",{p["code"]}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_wkt_csv_counts_its_rows_as_excel_shows_them(master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    src = _wkt_csv(tmp_path / "w.csv", patches)
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("POLYGON ((", "POLYGON ((x ")  # Excel's row 3
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                    "--crs", "EPSG:4490")
    assert code == errors.INVALID, out
    assert f"error: row 3 {patches[1]['code']}: " in out, out
    assert "unreadable WKT in column WKT" in out, out


def test_a_point_list_names_a_boundary_by_the_row_of_its_first_point(master, plan_gpkg,
                                                                     tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    rows = _rows(patches)
    rows[3] = (*rows[3][:2], "", rows[3][3])  # Excel's row 5
    src = _write(tmp_path / "pts.csv", "图斑编号,点号,经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.INVALID, out
    assert (f"error: row 2 {patches[0]['code']}: line 5: no readable coordinate (经度 '', "
            "纬度 ") in out, out


def test_a_wkt_csv_of_points_is_read_as_a_point_list(master, plan_gpkg, tmp_path, capsys):
    rows = sorted(_rows(L.surveyed(plan_gpkg)), key=lambda r: r[2])
    lines = ["WKT,patch_code,pt"] + [f'"POINT ({x!r} {y!r})",{c},{n}' for c, n, x, y in rows]
    src = tmp_path / "pts.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run",
                    "--crs", "EPSG:4490")
    assert code == errors.OK, out
    assert ("the CSV's WKT rows (WKT) are all points: read as a point list, its points joined "
            "into boundaries by the patch (zone) column") in out, out
    assert ("points (column WKT) would be joined by field patch_code, in the order of their "
            "numbers in column pt, into 11 boundaries") in out, out
    assert "updated 10, new 1" in out, out


def test_a_serial_number_of_the_patch_is_not_taken_for_point_numbers(master, plan_gpkg,
                                                                     tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    rows = [(k + 1, c, x, y) for k, p in enumerate(patches)
            for c, _, x, y in _rows([p])]  # 序号: the patch's place in the list
    src = _write(tmp_path / "pts.csv", "序号,图斑编号,经度,纬度", rows)
    code, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out
    assert ("column 序号 gives all the points of a boundary one number, so it is not read as "
            "their point numbers: the points are joined in their order in the file") in out, out
