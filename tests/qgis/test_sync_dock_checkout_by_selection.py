# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package of the features selected on the map, as GIS staff take one in the Sync
dock: a selection around no patch is said on the message bar and in the report, in the
user's language, not written as a package like any other."""

from __future__ import annotations

import gc
import sqlite3

from qgis.PyQt.QtWidgets import QFileDialog

from qgis_plugin.plan_layers import layers_of
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401


def take_package(dock, out, monkeypatch, device: str) -> str:  # noqa: F811
    """The package of the selection taken as the user takes it (the choice, a device name,
    the button, a file named): what the dock's report says then."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dock.device.setText(device)
    dock.by_selection.setChecked(True)
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()
    return dock.report.toPlainText()


def test_a_selection_around_no_patch_says_the_package_holds_none(dock, master,  # noqa: F811
                                                                   tmp_path, monkeypatch):
    lang, dock = dock
    (towns,) = layers_of(master, "townships")  # a township's point: no patch around it
    towns.selectByExpression("name_zh = '郭勒布依乡'")
    out = tmp_path / "town.gpkg"
    said = take_package(dock, out, monkeypatch, "tab-town")
    told = {"en": "holds no feature of mine_patches: the package holds none of them; they "
                  "lie within mine_patches 88.299367,42.714807,88.761612,43.094872",
            "zh": "内没有 历史遗留矿山图斑 的任何要素：数据包中一个也没有；这些要素位于 "
                  "mine_patches 88.299367,42.714807,88.761612,43.094872"}[lang]
    assert told in said, said
    assert any(k == "warning" and told in text for k, _, text in dock.iface.messages), \
        dock.iface.messages
    with sqlite3.connect(out) as c:
        assert c.execute("SELECT count(*) FROM mine_patches").fetchone() == (0,)
