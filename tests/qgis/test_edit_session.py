# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin beside QGIS's own edit sessions on the same GeoPackage."""

from __future__ import annotations

import time

import pytest
from qgis.core import QgsApplication, QgsProject

from qgis_plugin.plugin import ToksunPlugin

CODE = "CT6504222017000026002"


@pytest.fixture()
def plugin(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    yield p
    for layer in p.layers.values():
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().setAutoTransaction(False)
    iface.mapCanvas().waitWhileRendering()
    p.unload()


def _editing_patches(plugin, master):
    """Transaction groups on, mine_patches in edit mode with one edit made."""
    QgsProject.instance().setAutoTransaction(True)
    plugin.load(master)
    QgsApplication.processEvents()
    patches = plugin.layers["mine_patches"]
    assert patches.startEditing()
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    patches.changeAttributeValue(feature.id(), patches.fields().indexOf("mineral"), "石灰岩")
    patches.selectByExpression(f"\"patch_code\" = '{CODE}'")
    return patches


def test_typing_in_the_form_beside_a_transaction_group_does_not_freeze(plugin, master):
    _editing_patches(plugin, master)
    dialog = plugin.verify_patch()
    form = dialog.form
    start = time.monotonic()
    form.set_value("verifier", "李")
    form.set_value("verifier", "李明")
    took = time.monotonic() - start
    assert took < 2, f"typing froze QGIS for {took:.1f} s"
    said = form.banner.text()
    assert "database is locked" not in said
    assert "编辑" in said or "edit" in said.lower(), said
    start = time.monotonic()
    assert form.save() is None  # refused at once, said why, nothing half-written
    assert time.monotonic() - start < 2
    assert "编辑" in form.banner.text() or "edit" in form.banner.text().lower()
    dialog.close()
