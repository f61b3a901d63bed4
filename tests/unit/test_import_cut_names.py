# SPDX-License-Identifier: GPL-2.0-or-later
"""A UTF-8 Shapefile whose long Chinese field names were cut at the .dbf's ten bytes, in the
middle of a character (as ogr2ogr and ArcGIS write them), is read as the UTF-8 its .cpg
says: its values whole, only the cut character of a name replaced (it was read whole as
GB18030, every name and value garbled). Text neither UTF-8 nor GBK is said so in Chinese."""

from __future__ import annotations

import pytest
from osgeo import gdal, ogr

from field_kit.importer import plan_import
from field_kit.importer.source import read_source
from tests.plan_build import copy_of_plan
from tests.unit import import_layers as L

pytest.importorskip("pyproj")
L._proj_data()

FIELDS = [("编号", ogr.OFTString), ("所在乡镇", ogr.OFTString), ("矿种", ogr.OFTString),
          ("实测面积", ogr.OFTReal)]


def _shapefile(path, plan_gpkg, encoding):
    rows = [((p["code"], p["township"], p["mineral"], L.lonlat_area(p["ring"])), p["ring"])
            for p in L.surveyed(plan_gpkg)]
    saved = gdal.GetConfigOption("SHAPE_ENCODING")  # (QGIS may have set it to "")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        ds = L._write(path, "ESRI Shapefile", path.stem, 4490, FIELDS, rows,
                      [f"ENCODING={encoding}"])
        ds = None  # noqa: F841
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", saved)
    return path


def test_a_utf8_shapefile_with_names_cut_mid_character_is_read_as_utf8(plan_gpkg, tmp_path):
    src = _shapefile(tmp_path / "patches.shp", plan_gpkg, "UTF-8")
    assert src.with_suffix(".cpg").read_text().strip() == "UTF-8"
    layer = read_source(str(src))
    assert layer.encoding == "utf-8", layer.encoding_how
    assert layer.fields == ["编号", "所在乡\ufffd", "矿种", "实测面\ufffd"], layer.fields
    first = L.surveyed(plan_gpkg)[0]
    attrs = layer.features[0].attrs
    assert (attrs["编号"], attrs["所在乡\ufffd"], attrs["矿种"]) == (
        first["code"], first["township"], first["mineral"])
    master = copy_of_plan(tmp_path, plan_gpkg)
    plan = plan_import(master, src, "mine_patches")
    (line,) = [s for s in plan.summary_zh.splitlines() if s.startswith("文本编码")]
    assert line.startswith("文本编码：utf-8（.cpg 声明为 UTF-8"), line
    # a cut name is recognised by the one plan field's name it begins (所在乡镇)
    assert plan.mapping.get("所在乡\ufffd") == "township", plan.mapping
    said = [p.message("zh") for p in plan.problems if p.kind == "source"]
    assert said == ["字段名在 .dbf 的 10 字节处截断于字符中间，残缺的字符已替换："
                    "所在乡\ufffd、实测面\ufffd"], said


def test_text_neither_utf8_nor_gbk_is_said_in_chinese(plan_gpkg, tmp_path):
    src = _shapefile(tmp_path / "patches.shp", plan_gpkg, "GBK")
    src.with_suffix(".cpg").unlink()
    dbf = src.with_suffix(".dbf")
    township = L.surveyed(plan_gpkg)[0]["township"].encode("gb18030")
    data = dbf.read_bytes()
    assert township in data
    dbf.write_bytes(data.replace(township, b"\xff" + township[1:], 1))
    master = copy_of_plan(tmp_path, plan_gpkg)
    plan = plan_import(master, src, "mine_patches")
    assert plan.encoding == "gb18030"
    (line,) = [s for s in plan.summary_zh.splitlines() if s.startswith("文本编码")]
    assert line == "文本编码：gb18030（检测为 GB18030，无法解码的字节已替换）", line
