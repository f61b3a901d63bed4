# SPDX-License-Identifier: GPL-2.0-or-later
"""A field of a tracked layer deleted outside an edit session, by the layer's data provider
(``dataProvider().deleteAttributes``, as a script does): SQLite refuses it, the capture
triggers naming the column. The plugin says so by layer and field, in the user's language,
with the way that works (an edit session); the same deletion made that way then goes."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from field_kit.sync import package_checkout
from tests.qgis.conftest import plugin_speaking

SAID = {"en_US": ("Field geometry_source of mine_patches was not deleted", "Toggle Editing"),
        "zh_CN": ("“mine_patches”的字段 geometry_source 未删除", "切换编辑状态")}


def columns(path) -> list[str]:
    with sqlite3.connect(path) as c:
        return [r[1] for r in c.execute("PRAGMA table_info(mine_patches)")]


@pytest.mark.parametrize("locale", sorted(SAID))
def test_a_field_deleted_by_the_provider_is_said_with_the_way_that_works(
        iface, master, tmp_path, locale):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "g1", role="gis")
    assert "geometry_source" in columns(pkg)
    with plugin_speaking(iface, locale, tmp_path / "qm") as plugin:
        layer = QgsVectorLayer(f"{pkg}|layername=mine_patches", "mine_patches", "ogr")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        provider = layer.dataProvider()
        assert not provider.deleteAttributes([provider.fieldNameIndex("geometry_source")])
        said = [text for kind, _, text in iface.messages if kind == "critical"]
        assert any(SAID[locale][0] in t and SAID[locale][1] in t for t in said), said
        assert "geometry_source" in columns(pkg)
        # the way the message gives: the same deletion in an edit session
        assert layer.startEditing()
        assert layer.deleteAttribute(layer.fields().indexOf("geometry_source"))
        assert layer.commitChanges(), layer.commitErrors()
        assert "geometry_source" not in columns(pkg)
        del layer, provider
        QgsProject.instance().clear()
        gc.collect()
        assert plugin is not None
