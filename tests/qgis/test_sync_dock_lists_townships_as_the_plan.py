# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock lists the townships to cut a field package to as the plan lists them (托克逊镇
first), in Chinese and in English, not in the order of their characters' codes (伊拉湖镇,
克尔碱镇, 博斯坦镇…)."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.plan_build import ROOT
from tests.qgis.conftest import qgis_speaking


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_townships_are_listed_in_the_plans_order(iface, master, tmp_path, locale):
    with open(ROOT / "resources" / "plan" / "townships.csv", encoding="utf-8") as f:
        plan = [(r["name_zh"], r["name_en"]) for r in csv.DictReader(f)]
    with qgis_speaking(locale, tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            plugin.load(master)
            next(a for a in plugin.actions if a.objectName() == "toksun_show_sync").trigger()
            QgsApplication.processEvents()
            box = plugin.docks["sync"].township
            listed = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
            assert listed == [(zh if locale == "zh_CN" else f"{en} {zh}", zh)
                              for zh, en in plan], listed
        finally:
            plugin.unload()
