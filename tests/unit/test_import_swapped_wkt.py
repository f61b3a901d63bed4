# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV whose WKT column writes each point latitude first ('POINT (42.9 88.7)' in Toksun),
as a list of boundary points or a shape a row, is refused as lying beyond the county, and
the refusal says how to put it right, as it says for a Shapefile: QGIS's Swap X and Y
coordinates, its result saved as a CSV of WKT again (QGIS's own CSV output of the tool has no
geometry, and points saved in any other file are no list of boundary points). In English
and Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

FIX = {"en": "(latitude and longitude swapped? If so, put them right in QGIS: add the CSV as "
             "a layer (its geometry from column WKT), run Processing Toolbox › Vector geometry "
             "› Swap X and Y coordinates (native:swapxy) on it, save what it makes with Export "
             "› Save Features As… as a CSV with the layer option GEOMETRY set to AS_WKT, and "
             "import that CSV)",
       "zh": "（经度与纬度是否写反了？如是，请在 QGIS 中将该 CSV 添加为图层（几何取自 WKT 列），"
             "用 处理工具箱 › 矢量几何 › 交换 X 和 Y 坐标（Swap X and Y coordinates，"
             "native:swapxy）处理，再用 导出 › 要素另存为… 将其结果保存为 CSV（图层选项 "
             "GEOMETRY 为 AS_WKT），导入该 CSV）"}


def swapped_wkt_points(path, patches):
    """The patches' boundary points a row each, as a WKT point written latitude first."""
    lines = ["点号,WKT,图斑编号"]
    for p in patches:
        for k, (lon, lat) in enumerate(p["ring"][:-1]):
            lines.append(f'J{k + 1},"POINT ({lat!r} {lon!r})",{p["code"]}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _swapped_wkt_polygons(path, patches):
    lines = ["WKT,图斑编号"]
    for p in patches:
        ring = ",".join(f"{lat!r} {lon!r}" for lon, lat in p["ring"])
        lines.append(f'"POLYGON (({ring}))",{p["code"]}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("write", [swapped_wkt_points, _swapped_wkt_polygons])
def test_a_swapped_wkt_column_is_refused_saying_how_to_swap_it_back(
        master, tmp_path, capsys, monkeypatch, lang, write):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    patches = L.surveyed(master)
    src = write(tmp_path / "界址点.csv", patches)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--crs",
                  "EPSG:4490")
    assert rc == errors.INVALID, out
    every = (f"all {len(patches)} features lie" if lang == "en"
             else f"全部 {len(patches)} 个要素位于")
    (line,) = [ln for ln in out.splitlines() if every in ln]
    assert FIX[lang] in line, line
    assert L.sha256(master) == digest
