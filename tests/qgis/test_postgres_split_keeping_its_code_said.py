# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch of a PostgreSQL master split in QGIS with Split Features (the new part keeps the
patch code): the save is said in the message bar as in a GeoPackage master, naming the code
and both features, with what to do."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401  (fixtures)
from tests.qgis.test_split_keeping_its_code_said import split_layer, warned


def test_a_split_saved_in_a_postgres_master_is_said(iface, province):  # noqa: F811
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        fids = split_layer(plugin.layers["mine_patches"])
        QgsApplication.processEvents()
        assert warned(iface, fids).endswith(
            "Until then every figure of the master counts it twice.")
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
