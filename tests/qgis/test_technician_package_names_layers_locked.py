# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's field package opened in QGIS names the county's own layers it locks,
the master's grants giving the role none of them, beside the plan's, in English and
Chinese: a layer written with ogr2ogr is not left read-only with no word of why."""

from __future__ import annotations

import subprocess

import pytest
from qgis.core import QgsProject

from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking

WELLS = "防护林水井"
SAID = {"en": f"Of the county's own layers, locked too, the master's grants giving this role "
              f"none of them: {WELLS}.",
        "zh": f"县自有图层中同样锁定的（主库未授权此角色修改）：{WELLS}。"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_countys_own_layers_locked_are_named_when_the_package_opens(
        lang, iface, master, tmp_path):
    wells = tmp_path / "wells.csv"
    wells.write_text("名称,深度,lon,lat\n一号井,35.5,88.10,42.70\n", encoding="utf-8")
    subprocess.run(["ogr2ogr", "-update", str(master), str(wells), "-nln", WELLS, "-a_srs",
                    "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"],
                   check=True, capture_output=True)
    assert main(["init", str(master)]) == 0
    tech = tmp_path / "tech-li.gpkg"
    package_checkout.checkout(master, tech, "tech-li", role="technician")
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(tech)
            locked = [layer.readOnly() for layer in QgsProject.instance().mapLayers().values()
                      if layer.name() == WELLS]
        finally:
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()
    assert locked == [True]
    said = [text for _, _, text in iface.messages]
    assert any(SAID[lang] in text for text in said), said
