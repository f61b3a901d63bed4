# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit import` says a note of many rows once for its kind and field: a field the
source leaves empty in many rows, the fields many new rows are left without. How many rows,
the first ten named and the rest counted, in English and in Chinese (a big source's
hundreds of lines, one a row and field, buried the rest). A note of one row is said as it
was (test_import_said)."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.sync import later_edits
from tests.unit import import_layers as L
from tests.unit.cli_run import cli

pytest.importorskip("pyproj")
L._proj_data()

NEW = 12  # new patches, left without their project and period


def source(plan_gpkg, tmp_path, empty_township: bool = True):
    """Every patch of the plan surveyed, its township left empty, and :data:`NEW` new
    ones."""
    kept = [{**p, "ring": L._grow(p["ring"]), "status": "已治理",
             **({"township": ""} if empty_township else {})}
            for p in L.plan_patches(plan_gpkg)]
    first = kept[0]
    new = [{"code": f"ZJ65042220210990{i + 1:02d}", "township": L.plan_patches(plan_gpkg)[0][
        "township"], "mineral": "建筑用砂", "status": "治理中",
        "ring": L._grow(first["ring"], 0.3, (0.002 * i, 0.01))} for i in range(NEW)]
    return L.write_geojson(tmp_path / "tb.geojson", kept + new), kept, new


def notes(out: str, what: str) -> list[str]:
    return [line for line in out.splitlines() if what in line]


def test_a_field_left_empty_in_many_rows_is_one_note(master, plan_gpkg, tmp_path, capsys):
    src, kept, new = source(plan_gpkg, tmp_path)
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out + err
    shown = later_edits.LATER_EDITS_NAMED
    empty = notes(out, "empty in the source")
    assert len(empty) == 1, out
    named = ", ".join(f"row {i + 1} {p['code']} ({L.plan_patches(plan_gpkg)[i]['township']})"
                      for i, p in enumerate(kept[:shown]))
    assert empty[0] == (f"  info: field 乡镇名称: empty in the source in {len(kept)} rows, "
                        f"each keeping the master's township: {named} and "
                        f"{len(kept) - shown} more"), empty
    left = notes(out, "left empty as the source gives none")
    assert len(left) == 1, out
    rows = ", ".join(f"row {len(kept) + i + 1} {p['code']}" for i, p in enumerate(new[:shown]))
    # (a dry run adds none of them: said as the rows it would add)
    assert left[0].startswith(f"  info: {NEW} new rows (would be added without --dry-run), left "
                              "empty as the source gives none: project_id, project_name, phase, "
                              "period,"), left
    assert left[0].endswith(f"(fill them in QGIS, or map source fields to them): {rows} "
                            f"and {NEW - shown} more"), left


def test_in_chinese_too(master, plan_gpkg, tmp_path, capsys, chinese_locale):
    src, kept, new = source(plan_gpkg, tmp_path)
    code, out, err = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert code == errors.OK, out + err
    lines = out.splitlines()
    i = lines.index(next(line for line in lines if "empty in the source" in line))
    shown = later_edits.LATER_EDITS_NAMED
    named = "、".join(f"第 {i + 1} 行 {p['code']}（{L.plan_patches(plan_gpkg)[i]['township']}）"
                     for i, p in enumerate(kept[:shown]))
    assert lines[i + 1] == (f"  说明：字段 乡镇名称：导入数据中 {len(kept)} 行为空，"
                            f"各保留主库的行政区：{named}，另有 {len(kept) - shown} 行"
                            ), lines[i:i + 2]
    i = lines.index(next(line for line in lines if "left empty as the source" in line))
    assert lines[i + 1].startswith(f"  说明：去掉 --dry-run 后将新增的 {NEW} 个要素，以下字段"
                                   "导入数据未给出，留空：项目编号、项目名称、治理阶段、治理时段、"
                                   ), lines[i:i + 2]
    assert lines[i + 1].endswith(f"第 {len(kept) + shown} 行 {new[shown - 1]['code']}，另有 "
                                 f"{NEW - shown} 个"), lines[i:i + 2]

