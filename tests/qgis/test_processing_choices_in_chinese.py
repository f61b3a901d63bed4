# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's choices in the user's language: the checkout's roles as the Sync dock offers
them, the import's plan layers as the Import dialog does (a Chinese user read the role and
the layer by their code names, technician and mine_patches); the choice still taken by its
place in the list."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingContext
from qgis.gui import QgsGui, QgsProcessingGui
from qgis.PyQt.QtWidgets import QComboBox

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking


@pytest.fixture(params=["zh_CN", "en_US"])
def lang(request, iface, tmp_path, monkeypatch):
    """The plugin loaded as QGIS in ``request.param`` loads it, with its Processing provider:
    the language ("zh" or "en")."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking(request.param, tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        yield request.param[:2]
        p.unload()


def offered(alg_id: str, name: str) -> list[str]:
    """What the algorithm's dialog offers for the choice ``name``: its combo box's items."""
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(
        alg.parameterDefinition(name), QgsProcessingGui.Standard)
    widget = wrapper.createWrappedWidget(QgsProcessingContext())
    combo = widget if isinstance(widget, QComboBox) else widget.findChild(QComboBox)
    return [combo.itemText(i) for i in range(combo.count())]


def test_checkout_offers_the_roles_as_the_sync_dock(lang):
    assert offered("toksun:checkout", "ROLE") == {
        "zh": ["技术员：核查与检查记录", "GIS 人员：含规划图层"],
        "en": ["Technician: verification and inspection records",
               "GIS staff: plan layers too"]}[lang]


def test_import_offers_the_plan_layers_as_the_import_dialog(lang):
    """In Chinese by their Chinese titles alone (no "Legacy mine patches" in a Chinese
    list), in English as they were."""
    assert offered("toksun:import", "LAYER") == {
        "zh": ["历史遗留矿山图斑（mine_patches）", "生态修复分区（restoration_zones）",
               "县域范围（county_boundary）"],
        "en": ["历史遗留矿山图斑 Legacy mine patches (mine_patches)",
               "生态修复分区 Restoration zones (restoration_zones)",
               "县域范围 County boundary (county_boundary)"]}[lang]
