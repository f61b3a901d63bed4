# SPDX-License-Identifier: GPL-2.0-or-later
"""Import surveyed layers (Shapefile, GeoJSON, GeoPackage, KML, GPX, CSV point lists) into
the plan GeoPackage.

    plan = plan_import("toksun_plan.gpkg", "patches.shp", "mine_patches")
    print(plan.summary("zh"))
    if not plan.has_errors:
        apply_import("toksun_plan.gpkg", plan)

Standard library only: Shapefiles (GBK or UTF-8) are parsed here, and Gauss-Krüger
coordinates are brought to EPSG:4490 by :mod:`.gauss_kruger`. Rows are matched by patch code
(zones by id or name; the county boundary is the one row), updated in place (uuid and history
kept), new ones inserted, and none deleted unless asked; the change log's triggers record it.
"""

from .crs import CRS
from .planner import LAYERS, ImportPlan, ImportResult, Invalid, apply_import, plan_import
from .report import ERROR, INFO, WARNING, ImportProblem, Missing, RowChange
from .source import gpkg_layers, read_source

__all__ = ["plan_import", "apply_import", "ImportPlan", "ImportResult", "Invalid", "ImportProblem",
           "RowChange", "Missing", "CRS", "LAYERS", "ERROR", "WARNING", "INFO", "read_source",
           "gpkg_layers"]
