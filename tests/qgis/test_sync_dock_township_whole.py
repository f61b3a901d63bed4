# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package cut to a township carries a layer of the county's own whole (a township
cuts the plan's patches, projects and records alone): the Sync dock says so, by layer and
with its features, on the message bar and in its report, in the user's language."""

from __future__ import annotations

import gc

import pytest
from qgis.PyQt.QtWidgets import QFileDialog

from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.test_any_table import add_forest


@pytest.mark.parametrize("n", [5, 1])
def test_a_township_package_says_the_countys_own_layer_came_whole(dock, master,  # noqa: F811
                                                                   tmp_path, monkeypatch, n):
    """Five stands, or one (said as 1 feature, not 1 features)."""
    lang, dock = dock
    add_forest(master, tmp_path, n=n)  # stands, as ogr2ogr adds them to the master
    out = tmp_path / "tab-1.gpkg"
    said = township_checked_out(dock, out, monkeypatch)
    told = {"en": "Carried whole, a township keeping only the plan's patches and projects "
                  f"and their records: forest_stands ({n} feature{'s' if n > 1 else ''}). To "
                  "cut a layer of the county's own to the township's area, check out by the "
                  "selection instead.",
            "zh": "以下本县自有图层已整层带入（按乡镇签出只裁切规划的图斑、项目及其记录）："
                  f"forest_stands（{n} 个要素）。如需按乡镇范围裁切本县自有图层，请改按所选"
                  "范围签出。"
            }[lang]
    assert told in said, said
    assert out.exists()


def test_a_township_package_names_its_township(dock, tmp_path, monkeypatch):  # noqa: F811
    """What the package holds of each layer is said under the township it was cut to, by
    its name as the dock lists it, not as cut to "the area"."""
    lang, dock = dock
    out = tmp_path / "tab-2.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dock.device.setText("tab-2")
    dock.township.setCurrentIndex(dock.township.findData("郭勒布依乡"))
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    told = {"en": "Cut to the township Guolebuyi Township 郭勒布依乡, it holds: Legacy mine "
                  "patches (",
            "zh": "按乡镇 郭勒布依乡 裁切后，数据包中有：历史遗留矿山图斑（"}[lang]
    assert told in said, said
    assert "Cut to the area" not in said and "按范围裁切" not in said, said


def township_checked_out(sync_dock, out, monkeypatch) -> str:
    """A checkout of tab-1 by the first township to ``out`` in ``sync_dock``, as the user
    clicks it; what its report said."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    sync_dock.device.setText("tab-1")
    assert sync_dock.by_township.isChecked() and sync_dock.township.currentData()
    sync_dock.checkout_button.click()
    _wait_for(sync_dock)
    gc.collect()
    return sync_dock.report.toPlainText()
