# SPDX-License-Identifier: GPL-2.0-or-later
"""A one-page map of the plan layers: title, map, legend, scale bar and the schematic notice."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont

from ..plan_layers import MAP_ORDER, RECORD_LAYERS, county_extent, display_crs

SCHEMATIC_NOTICE_EN = "Geometry is schematic, drawn from the plan's text: import surveyed data " \
    "to replace it."
SCHEMATIC_NOTICE = ("注意：规划未附图件，图中县域轮廓、分区、廊道与图斑均为依据规划文字"
                    "绘制的示意图形，请导入实测数据替换。 " + SCHEMATIC_NOTICE_EN)
TITLE = "托克逊县国土空间生态修复规划（2021-2035年）  Toksun restoration plan 2021-2035"
FONT = "Noto Sans CJK SC"


def _label(layout, text: str, size: float, x: float, y: float, w: float, h: float):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    item.setFont(QFont(FONT, int(size)))
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(item)
    return item


def _map(layout, layers, crs, extent, x: float, y: float, w: float,
         h: float) -> QgsLayoutItemMap:
    """A framed map item at (x, y), w × h mm, showing ``extent`` grown to the item's shape."""
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    item.setLayers(layers)
    item.setCrs(crs)
    item.setExtent(fit_ratio(extent, w / h))
    item.setFrameEnabled(True)
    return item


def fit_ratio(extent: QgsRectangle, ratio: float) -> QgsRectangle:
    """``extent`` grown about its centre to width/height ``ratio``, so a map item keeps its size."""
    width, height = extent.width(), extent.height()
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    c = extent.center()
    return QgsRectangle(c.x() - width / 2, c.y() - height / 2,
                        c.x() + width / 2, c.y() + height / 2)


OASIS_LONLAT = (88.50, 42.69, 88.80, 42.97)  # the oasis townships and the mine patches


def oasis_extent(crs, project: QgsProject) -> QgsRectangle:
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), crs, project)
    return transform.transformBoundingBox(QgsRectangle(*OASIS_LONLAT))


def plan_layout(project: QgsProject, layers: list[QgsVectorLayer], crs,
                extent) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # A4 landscape, 297 × 210 mm
    _label(layout, TITLE, 14, 8, 5, 280, 10)
    item = _map(layout, layers, crs, extent, 8, 17, 200, 172)
    _map(layout, layers, crs, oasis_extent(crs, project), 212, 128, 80, 61)
    _label(layout, "绿洲及矿山图斑放大 Oasis and mine patches", 8, 212, 122, 80, 6)
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(item)
    legend.setTitle("图例 Legend")
    legend.setAutoUpdateModel(False)
    model_root = legend.model().rootGroup()
    model_root.removeAllChildren()
    for layer in layers:
        model_root.addLayer(layer)
    for part in (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup,
                 QgsLegendStyle.SymbolLabel):
        legend.setStyleFont(part, QFont(FONT, 10 if part == QgsLegendStyle.Title else 7))
    legend.setSymbolHeight(3.2)
    legend.setSymbolWidth(5)
    legend.attemptMove(QgsLayoutPoint(212, 17, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)
    bar = QgsLayoutItemScaleBar(layout)
    layout.addLayoutItem(bar)
    bar.setLinkedMap(item)
    bar.setStyle("Single Box")
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setNumberOfSegments(3)
    bar.setUnitLabel("km")
    bar.attemptMove(QgsLayoutPoint(12, 178, QgsUnitTypes.LayoutMillimeters))
    _label(layout, SCHEMATIC_NOTICE, 7, 8, 195, 280, 10)
    return layout


def render_plan_map(project: QgsProject, layers: dict[str, QgsVectorLayer], out: Path,
                    dpi: int = 150) -> Path:
    """Write the plan map to ``out`` (PNG), the record layers left out while they are empty."""
    shown = [layers[n] for n in MAP_ORDER
             if n not in RECORD_LAYERS or layers[n].featureCount() > 0]
    crs = display_crs()
    layout = plan_layout(project, shown, crs, county_extent(layers, crs, project))
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.generateWorldFile = False
    layout.setCustomProperty("exportWorldFile", False)
    from osgeo import gdal

    gdal.PushErrorHandler("CPLQuietErrorHandler")  # QGIS tries to georeference the PNG in place
    try:
        result = QgsLayoutExporter(layout).exportToImage(str(out), settings)
    finally:
        gdal.PopErrorHandler()
    if result != QgsLayoutExporter.Success:
        raise RuntimeError(f"QGIS could not write the map to {out} (error {result})")
    return out
