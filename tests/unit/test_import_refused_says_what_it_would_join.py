# SPDX-License-Identifier: GPL-2.0-or-later
"""An import refused for its errors after its points were planned into boundaries writes
nothing, and its notes say so: the points a list joins into the patches' boundaries, and the
fields a new patch is left without, are said as what would be done once the errors are
fixed (a dry run: without --dry-run), never as done. In English and in Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_point_order_read import _rows, _write

pytest.importorskip("pyproj")
L._proj_data()

HEADER = "图斑编号,点号,经度,纬度"
SAID = {
    "en": ("the CSV's {n} points (columns 经度/纬度) would be joined by field 图斑编号, in the "
           "order of their numbers in column 点号, into 11 boundaries, and imported{once}",
           "row {row} ZJ6504222021099001: new row (would be added{once}), left empty as the "
           "source gives none: project_id,"),
    "zh": ("{once}将把 CSV 中 {n} 个点（经度/纬度 列）按字段 图斑编号 按点号列 点号 的编号顺序"
           "连成 11 个边界并导入",
           "第 {row} 行 ZJ6504222021099001：{once}将新增的要素，以下字段导入数据未给出，留空："
           "项目编号、"),
}
ONCE = {"en": {"refused": " once the errors are fixed", "dry run": " without --dry-run"},
        "zh": {"refused": "改正错误后", "dry run": "去掉 --dry-run 后"}}
# what a note of an import that writes would say
DONE = {"en": ("are joined by field", "new row, left empty"),
        "zh": ("说明：CSV 中", "新增要素，以下字段")}


@pytest.mark.parametrize("how", ["refused", "dry run"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_points_joined_and_the_new_row_are_said_as_not_done(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang, how):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    rows = _rows(L.surveyed(plan_gpkg))
    if how == "refused":  # one point's longitude unreadable: its patch is refused
        rows[3] = (*rows[3][:2], "88°x", rows[3][3])
    src = _write(tmp_path / "界址点.csv", HEADER, rows)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches",
                  *(["--dry-run"] if how == "dry run" else []))
    assert rc == (errors.INVALID if how == "refused" else errors.OK), out
    new_row = next(i for i, r in enumerate(rows) if r[0] == L.NEW_CODE) + 2  # (the header)
    for said in SAID[lang]:
        assert said.format(n=len(rows), row=new_row, once=ONCE[lang][how]) in out, out
    for done in DONE[lang]:
        assert done not in out, out
    assert L.sha256(master) == digest


def test_an_import_that_writes_says_them_done(master, plan_gpkg, tmp_path, capsys):
    rows = _rows(L.surveyed(plan_gpkg))
    src = _write(tmp_path / "界址点.csv", HEADER, rows)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.OK, out
    assert (f"the CSV's {len(rows)} points (columns 经度/纬度) are joined by field 图斑编号, in "
            "the order of their numbers in column 点号, into 11 boundaries\n") in out, out
    assert ": new row, left empty as the source gives none: project_id," in out, out
    assert "would be" not in out, out
