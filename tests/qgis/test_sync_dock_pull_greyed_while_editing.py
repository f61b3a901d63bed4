# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's Pull was offered while a layer of the field package was being edited,
only to refuse when clicked. It is greyed out while any of the package's layers is in an
edit session, the button's tip naming them and saying to save or discard the edits first
(in the language QGIS speaks), and offered again as editing stops or the layer goes."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from field_kit.sync import package_checkout
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401

TIP = {"en": "Not offered while “{layer}” of {package} is being edited in QGIS: save or "
             "discard the edits and stop editing (Layer → Toggle Editing) first.",
       "zh": "{package} 的 “{layer}” 正在 QGIS 中编辑，暂不可拉取：请先保存或放弃编辑并停止"
             "编辑（图层 → 切换编辑）。"}


def _package_layer(master, tmp_path, table: str = "mine_patches") -> tuple:
    """A field package checked out of ``master``, its ``table`` added to the project."""
    pkg = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    layer = QgsVectorLayer(f"{pkg}|layername={table}", table, "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    QgsApplication.processEvents()
    return pkg, layer


def _offered(sync) -> tuple[bool, str]:
    QgsApplication.processEvents()
    return sync.pull_button.isEnabled(), sync.pull_button.toolTip()


def test_pull_is_greyed_while_a_package_layer_is_edited(dock, master, tmp_path):  # noqa: F811
    lang, sync = dock
    pkg, layer = _package_layer(master, tmp_path)
    sync.choose_package(str(pkg))
    assert _offered(sync) == (True, "")
    assert layer.startEditing()
    assert _offered(sync) == (False, TIP[lang].format(layer="mine_patches", package=pkg.name))
    assert layer.rollBack()  # the edits discarded, the edit session ended: offered again
    assert _offered(sync) == (True, "")
    assert layer.startEditing()
    assert _offered(sync)[0] is False
    assert layer.commitChanges()  # saved
    assert _offered(sync) == (True, "")
    del layer
    QgsProject.instance().removeAllMapLayers()
    gc.collect()


def test_a_package_chosen_while_its_layer_is_edited_is_not_offered(dock, master,  # noqa: F811
                                                                   tmp_path):
    lang, sync = dock
    pkg, layer = _package_layer(master, tmp_path)
    assert layer.startEditing()
    sync.choose_package(str(pkg))
    assert _offered(sync) == (False, TIP[lang].format(layer="mine_patches", package=pkg.name))
    # the layer taken out of the project while edited: nothing of the package is edited
    QgsProject.instance().removeMapLayer(layer.id())
    del layer
    gc.collect()
    assert _offered(sync) == (True, "")
