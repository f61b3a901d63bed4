# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit import`` for a user whose locale is Chinese, as a shell runs it: every line in
English with the Chinese on the next line, as the other commands say theirs, and no English
left inside the Chinese lines."""

from __future__ import annotations

import os
import re
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
                             ("warning: field 治理状态", "警告: 字段 治理状态"),
                             ("updated CT6504222017000026002 (row 1)",
                              "更新 CT6504222017000026002 (第 1 行)"),
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
