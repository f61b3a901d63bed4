#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the plan layers' QGIS styles (``<table>.qml`` beside this file) with PyQGIS.

    QT_HASH_SEED=0 QT_QPA_PLATFORM=offscreen python resources/styles/make_styles.py [DIR]

(``DIR``: write the styles there instead, to compare them with the ones kept here.)

(``QT_HASH_SEED=0``: Qt then writes the XML attributes in the same order each time, so a
change to a style shows as a change, not as a reshuffled file.)

The QML files are sources of the plan GeoPackage: run this after changing a style or a
column label in ``field_kit/schema.py``; a test checks that the two agree.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from field_kit.forms import code_lists_from_csv
from field_kit.plan import schema

HERE = Path(__file__).resolve().parent
FONT = "Noto Sans CJK SC"

GEOMETRY_URI = {"POINT": "Point", "MULTIPOLYGON": "MultiPolygon",
                "MULTILINESTRING": "MultiLineString", None: "None"}
FIELD_TYPES = {"TEXT": "string", "INTEGER": "integer", "REAL": "double", "DATE": "date",
               "DATETIME": "datetime", "BOOLEAN": "boolean"}


def memory_layer(table: schema.Table) -> QgsVectorLayer:
    fields = "&".join(f"field={c.name}:{FIELD_TYPES[c.type]}" for c in table.columns)
    uri = f"{GEOMETRY_URI[table.geometry_type]}?crs=EPSG:{schema.CRS_EPSG}&{fields}"
    layer = QgsVectorLayer(uri, table.name, "memory")
    for i, col in enumerate(table.columns):
        layer.setFieldAlias(i, col.label.zh)
    return layer


def label(layer, expression: str, size: float, color="#202020", placement=None, min_scale=0):
    fmt = QgsTextFormat()
    fmt.setFont(QFont(FONT))
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(fmt)
    if placement is not None:
        settings.placement = placement
    if min_scale:
        settings.scaleVisibility = True
        settings.minimumScale = min_scale
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def fill(color: str, outline: str, width="0.4", style="solid", outline_style="solid"):
    return QgsFillSymbol.createSimple({"color": color, "outline_color": outline,
                                       "outline_width": width, "style": style,
                                       "outline_style": outline_style})


def categories(field: str, items) -> QgsCategorizedSymbolRenderer:
    return QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, s, t) for v, s, t in items])


def style(name: str, layer: QgsVectorLayer) -> None:
    P = QgsPalLayerSettings
    if name == "county_boundary":
        layer.setRenderer(QgsSingleSymbolRenderer(
            fill("0,0,0,0", "#3d3d3d", "0.9", outline_style="dash")))
        label(layer, "name_zh || '（示意边界）'", 12, placement=P.Horizontal)
    elif name == "restoration_zones":
        zones = {"Z1": ("77,154,92,140", "天山南坡东段水源保护区"),
                 "Z2": ("232,197,71,150", "绿洲特色农业区"),
                 "Z3": ("217,145,90,130", "绿洲外围防风固沙区"),
                 "Z4": ("185,168,138,120", "觉罗塔格-库鲁克塔格荒漠区")}
        layer.setRenderer(categories("zone_id", [
            (z, fill(c, "90,90,90,255", "0.3"), f"{z} {name}") for z, (c, name) in zones.items()]))
        label(layer, "wordwrap(name_zh, 10)", 9, color="#3b3b3b")
    elif name == "ecological_pattern_areas":
        layer.setRenderer(categories("element", [
            ("一屏", fill("#2e7d32", "#2e7d32", "0.5", style="b_diagonal"),
             "一屏 北部天山生态屏障"),
            ("一核", fill("#c62828", "#c62828", "0.5", style="f_diagonal"), "一核 中部生态核心"),
        ]))
        label(layer, "element", 10, color="#1b5e20")
    elif name == "ecological_pattern_corridors":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
            {"color": "#1e88e5", "width": "1.2", "capstyle": "round"})))
        label(layer, "name_zh", 9, color="#0d47a1", placement=P.Curved)
    elif name == "ecological_pattern_points":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "#29b6f6", "outline_color": "#01579b", "size": "3.2"})))
        label(layer, "name_zh", 9, color="#01579b")
    elif name == "townships":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "star", "color": "#212121", "outline_color": "white", "size": "3.6"})))
        label(layer, "name_zh", 10)
    elif name == "mine_patches":
        layer.setRenderer(categories("phase", [
            ("近期", fill("#e53935", "#8e0000", "0.4"), "近期 2021-2025年"),
            ("中期", fill("#fb8c00", "#8c4a00", "0.4"), "中期 2026-2030年"),
        ]))
        label(layer, "patch_code", 7, color="#8e0000", min_scale=150000)
    elif name == "patch_verifications":
        colors = {"A": "#d32f2f", "B": "#388e3c", "C": "#fbc02d", "D": "#00897b"}
        names = {"A": "未治理", "B": "已恢复治理", "C": "治理中", "D": "自然恢复"}
        layer.setRenderer(categories("remediation_status", [
            (k, QgsMarkerSymbol.createSimple({"name": "triangle", "color": c,
                                              "outline_color": "white", "size": "3"}),
             names[k]) for k, c in colors.items()]))
    elif name == "project_inspections":
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
            {"name": "diamond", "color": "#6a1b9a", "outline_color": "white", "size": "3"})))


def main(out: Path = HERE) -> int:
    app = QgsApplication([], False)
    app.initQgis()
    # value maps, constraints and defaults from the form definitions, so QGIS shows labels and
    # checks the rules even where the plugin is not installed (the plugin applies the same
    # set-up in the user's language when it loads the layers)
    sys.path.insert(0, str(HERE.parents[1]))
    from field_kit.forms import township_and_phase_lists
    from qgis_plugin.layer_forms import configure

    plan = HERE.parent / "plan"
    with open(plan / "townships.csv", encoding="utf-8", newline="") as f:
        towns = [(r["name_zh"], r["name_en"]) for r in csv.DictReader(f)]
    code_lists = {**code_lists_from_csv(plan / "code_lists.csv"), **township_and_phase_lists(towns)}
    for table in schema.TABLES:
        layer = memory_layer(table)
        style(table.name, layer)
        configure(layer, table.name, code_lists, "zh")
        message, ok = layer.saveNamedStyle(str(out / f"{table.name}.qml"))
        if not ok:
            print(f"could not write the style of {table.name}: {message}", file=sys.stderr)
            return 1
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
