# SPDX-License-Identifier: GPL-2.0-or-later
"""Load the plan GeoPackage's layers into a QGIS project, styled from the file itself."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsLayerTreeGroup, QgsProject, QgsRectangle, QgsVectorLayer,
)

from .field_kit import schema

GROUP_NAME = "托克逊生态修复规划 / Toksun restoration plan"

# Map layers from top to bottom, then the tables without geometry.
MAP_ORDER = (
    "patch_verifications", "project_inspections", "townships", "ecological_pattern_points",
    "mine_patches", "ecological_pattern_corridors", "ecological_pattern_areas",
    "restoration_zones", "county_boundary",
)
TABLE_ORDER = tuple(t.name for t in schema.TABLES if t.geometry_type is None)
RECORD_LAYERS = tuple(t.name for t in schema.TABLES if t.kind == schema.RECORD)

# Maps are drawn in a CGCS2000 Gauss-Krüger projection centred on the county (88.5°E, the
# boundary of 3-degree zones 29 and 30), so shapes and the scale bar are true; the data
# itself stays in EPSG:4490.
DISPLAY_CRS_PROJ = ("+proj=tmerc +lat_0=0 +lon_0=88.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 "
                    "+towgs84=0,0,0,0,0,0,0 +units=m +no_defs")


def display_crs() -> QgsCoordinateReferenceSystem:
    return QgsCoordinateReferenceSystem.fromProj(DISPLAY_CRS_PROJ)


def layer_title(table: schema.Table) -> str:
    return f"{table.title_zh} {table.title_en}"


def open_layer(gpkg: str | Path, name: str) -> QgsVectorLayer:
    """One table of the GeoPackage as a layer; QGIS applies the style stored beside it."""
    table = schema.table(name)
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", layer_title(table), "ogr")
    if not layer.isValid():
        raise RuntimeError(f"QGIS cannot open layer {name!r} of {gpkg}")
    return layer


def load_plan(gpkg: str | Path, project: QgsProject | None = None,
              group_name: str = GROUP_NAME) -> dict[str, QgsVectorLayer]:
    """Add every plan layer of ``gpkg`` to ``project`` in one layer-tree group."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    old = root.findGroup(group_name)
    if old is not None:
        project.removeMapLayers([n.layerId() for n in old.findLayers()])
        root.removeChildNode(old)
    if not project.crs().isValid() or project.count() == 0:
        project.setCrs(display_crs())
    group: QgsLayerTreeGroup = root.insertGroup(0, group_name)
    layers = {}
    for name in MAP_ORDER + TABLE_ORDER:
        layer = open_layer(gpkg, name)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers[name] = layer
    return layers


def county_extent(layers: dict[str, QgsVectorLayer], crs: QgsCoordinateReferenceSystem,
                  project: QgsProject, margin: float = 0.05) -> QgsRectangle:
    """The county's extent in ``crs``, with a margin, to zoom a map to."""
    from qgis.core import QgsCoordinateTransform

    county = layers["county_boundary"]
    transform = QgsCoordinateTransform(county.crs(), crs, project)
    extent = transform.transformBoundingBox(county.extent())
    extent.scale(1 + margin)
    return extent
