# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit import`` for a user whose locale is Chinese, as a shell runs it: every line in
English with the Chinese on the next line, as the other commands say theirs, and no English
left inside the Chinese lines."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

import pytest

from tests.plan_build import ROOT
from tests.unit import import_layers as L

pytest.importorskip("pyproj")
L._proj_data()
CJK = re.compile(r"[\u4e00-\u9fff]")


def import_in_chinese(*argv) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "zh_CN.UTF-8"
    done = subprocess.run([sys.executable, "-m", "field_kit.cli", "import", *map(str, argv)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout.splitlines()


def english_left(line: str) -> list[str]:
    """English words in a Chinese line, beyond the names it carries (layers, coordinate
    systems, files) and the command's own options."""
    line = re.sub(r"CGCS2000 / 3-degree Gauss-Kruger (?:CM \d+E|zone \d+)|--[\w-]+|\S*/\S*", "",
                  line)
    return [w for w in re.findall(r"\b[a-z]{3,}\b", line)
            if w not in {"mine", "patches", "patch", "code", "remediation", "status", "prj"}]


def test_each_line_in_english_then_in_chinese(master, plan_gpkg, tmp_path):
    src = L.write_shapefile(tmp_path / "图斑.shp", L.surveyed(plan_gpkg), epsg=4518)
    code, out = import_in_chinese(master, src, "--layer", "mine_patches")
    assert code == 0, out
    for english, chinese in (("updated 10, new 1", "更新 10，新增 1"),
                             ("errors 0, warnings 1", "错误 0，警告 1"),
                             ("warning: field 治理状态", "警告：字段 治理状态"),
                             ("updated CT6504222017000026002 (row 1)",
                              "更新 CT6504222017000026002（第 1 行）"),
                             ("written: updated 10, new 1, deleted 0 (change log",
                              "已写入：更新 10，新增 1，删除 0（修改日志 ")):
        i = next(i for i, line in enumerate(out) if line.strip().startswith(english))
        assert out[i + 1].strip().startswith(chinese), out[i:i + 2]
        assert not english_left(out[i + 1]), out[i + 1]
    code, out = import_in_chinese(master, src, "--layer", "mine_patches")
    assert code == 0 and out[-2:] == ["nothing to do: the master already matches the source",
                                      "无需改动：主库已与导入数据一致"], out


@pytest.mark.parametrize(("epsg", "given"), [(4539, None), (4518, "EPSG:4539"),
                                             (4517, "EPSG:4539")])
def test_what_the_coordinates_look_like_is_said_in_chinese(master, plan_gpkg, tmp_path, epsg,
                                                          given):
    """No .prj and eastings without a zone prefix; a zone prefix (30, or 29) the coordinate
    system given does not expect: the hint in Chinese too."""
    src = L.write_shapefile(tmp_path / "tb.shp", L.surveyed(plan_gpkg), epsg=epsg)
    if given is None:
        src.with_suffix(".prj").unlink()
    code, out = import_in_chinese(master, src, "--layer", "mine_patches",
                                  *(("--crs", given) if given else ()))
    assert code == 5, out
    said = [line for line in out if line.startswith("  错误")]
    assert said, out
    for line in said:
        assert not english_left(line), line
    assert ("（中央经线 87°E）" if given is None else f"EPSG:{epsg}") in said[0], said[0]


def test_a_refused_import_says_its_rows_were_not_written(master, plan_gpkg, tmp_path):
    """The rows a refused import would update or add are said as not written, in English
    and in Chinese: nothing of them reads as done."""
    patches = L.surveyed(plan_gpkg)
    patches[1] = {**patches[1], "township": "火星乡"}  # in no list of the plan: an error
    src = L.write_geojson(tmp_path / "tb.geojson", patches)
    code, out = import_in_chinese(master, src, "--layer", "mine_patches")
    assert code == 5, out
    for english, chinese in (("not updated (import refused) CT6504222017000026002 (row 1)",
                              "未更新（导入已拒绝） CT6504222017000026002（第 1 行）"),
                             (f"not added (import refused) {L.NEW_CODE} (row ",
                              f"未新增（导入已拒绝） {L.NEW_CODE}（第 ")):
        i = out.index(next(line for line in out if line.startswith(english)))
        assert out[i + 1].startswith(chinese), out[i:i + 2]
        assert not english_left(out[i + 1]), out[i + 1]
    assert not [line for line in out if re.match(r"(?:updated|new|更新|新增) \S+ \(", line)], out
    assert out[-2:] == ["refused: the report has errors; the master is unchanged",
                        "已拒绝：存在错误，主库未改动"], out


def test_a_field_left_empty_and_a_new_rows_empty_fields_are_said(master, plan_gpkg,
                                                                 tmp_path):
    """A row whose field the source leaves empty keeps the master's value, and says so,
    naming the row and the field; a new patch says the fields it is left without, its
    project and period among them: in English and in Chinese."""
    patches = L.surveyed(plan_gpkg)
    code_2, township = patches[1]["code"], patches[1]["township"]
    patches[1] = {**patches[1], "township": ""}
    src = L.write_geojson(tmp_path / "tb.geojson", patches)
    code, out = import_in_chinese(master, src, "--layer", "mine_patches")
    assert code == 0, out
    for english, chinese in (
            (f"info: row 2 {code_2} field 乡镇名称: empty in the source: township keeps the "
             f"master's value {township}",
             f"说明：第 2 行 {code_2} 字段 乡镇名称：导入数据中为空：行政区保留主库的值 "
             f"{township}"),
            (f"info: row {len(patches)} {L.NEW_CODE}: new row, left empty as the source "
             "gives none: project_id, project_name, phase, period,",
             f"说明：第 {len(patches)} 行 {L.NEW_CODE}：新增要素，以下字段导入数据未给出，留空："
             "项目编号、项目名称、治理阶段、治理时段、")):
        i = next(i for i, line in enumerate(out) if line.strip().startswith(english))
        assert out[i + 1].strip().startswith(chinese), out[i:i + 2]
        assert not english_left(out[i + 1]), out[i + 1]
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT township FROM mine_patches WHERE patch_code = ?",
                            (code_2,)).fetchone() == (township,)


def test_the_chinese_report_names_the_layer_fields_and_values_as_the_plan_does(
        master, plan_gpkg, tmp_path):
    """A GeoPackage in CGCS2000 with pinyin field names imported, read in Chinese: the layer
    by its title, each field mapped to by its label, each value changed by its field's label
    with a code by its label and a shape as such, and the coordinate system as the file's
    own, not as one the user gave."""
    src = L.write_gpkg(tmp_path / "survey.gpkg", L.surveyed(plan_gpkg))
    code, out = import_in_chinese(master, src, "--layer", "mine_patches",
                                  "--source-layer", "kcfj_tb")
    assert code == 0, out
    assert out[1].endswith("）到 历史遗留矿山图斑"), out[:2]
    assert out[0].endswith(") into mine_patches"), out[:2]  # (the English as it was)
    crs = next(line for line in out if line.startswith("坐标系："))
    assert "（数据源自带的 EPSG:4490）" in crs and "指定" not in crs, crs
    mapping = next(line for line in out if line.startswith("字段对应"))
    assert "TBBH → 图斑编号" in mapping and "->" not in mapping and "patch_code" not in mapping, \
        mapping
    first = out.index("更新 CT6504222017000026002（第 1 行）")
    changes = out[first + 1:out.index(next(line for line in out[first + 1:]
                                           if not line.startswith("    ")))]
    assert "    geom: (geometry) -> (geometry)" in changes, changes  # English kept
    chinese = changes[1::2]
    assert "    几何：改为导入数据中的形状" in chinese, changes
    assert "    几何来源：示意（依据规划文本绘制） → 实测（用户导入）" in chinese, changes
    for line in chinese:
        assert "：" in line and not english_left(line) and "_" not in line, line
