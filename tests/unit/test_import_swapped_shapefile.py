# SPDX-License-Identifier: GPL-2.0-or-later
"""A Shapefile whose x and y are swapped (latitude written as x; a Gauss-Krüger northing as
x) is refused as lying beyond the county, and the refusal says how to put it right: QGIS's
Swap X and Y coordinates, then import what it saves; in English and Chinese."""

from __future__ import annotations

import pytest
from osgeo import ogr

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()

FIX = {"en": "put them right in QGIS with Processing Toolbox › Vector geometry › Swap X and "
             "Y coordinates (native:swapxy) and import the layer it saves",
       "zh": "请在 QGIS 中用 处理工具箱 › 矢量几何 › 交换 X 和 Y 坐标（Swap X and Y "
             "coordinates，native:swapxy）处理该图层，再导入其保存的图层"}
SLIP = {4490: {"en": "(latitude and longitude swapped? If so, ",
               "zh": "（经度与纬度是否写反了？如是，"},
        4539: {"en": "(x and y look swapped: the other way round it lies in the county; ",
               "zh": "（X 与 Y 坐标似乎写反了：互换后位于县域内；"}}


def _swapped_shapefile(path, patches, epsg):
    rows = [((p["code"],), [(y, x) for x, y in L.to_epsg(p["ring"], epsg)]) for p in patches]
    L._write(path, "ESRI Shapefile", path.stem, epsg, [("图斑编号", ogr.OFTString)], rows,
             ["ENCODING=UTF-8"])
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("epsg", [4490, 4539])
def test_a_swapped_shapefile_is_refused_saying_how_to_swap_it_back(
        master, tmp_path, capsys, monkeypatch, lang, epsg):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    shp = _swapped_shapefile(tmp_path / "测量成果.shp", L.surveyed(master), epsg)
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, shp, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    # (said once, as of every patch of the file, naming its rows)
    n = len(L.surveyed(master))
    every = f"all {n} features lie" if lang == "en" else f"全部 {n} 个要素位于"
    (line,) = [ln for ln in out.splitlines() if every in ln]
    assert SLIP[epsg][lang] + FIX[lang] + ("）" if lang == "zh" else ")") in line, line
    assert ("row 1 " if lang == "en" else "第 1 行 ") in line, line
    assert L.sha256(master) == digest
