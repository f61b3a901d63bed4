# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff delete a field of a PostgreSQL master's layer in QGIS and save, with or without
values edited in the same save: the message bar says it once, in one message, the user's
language: the field named, the repair the master waits for, and (values saved with it) that
they are saved but could not be checked against later changes, because of the deletion. A
rename taken back says only that."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication

from qgis_plugin.i18n import tr
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_postgres_failures import lang  # noqa: F401  (a fixture)
from tests.qgis.test_postgres_field_edits import edited
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401  (fixtures)


def saved_said(iface, plugin, **edits) -> tuple[list, tuple]:
    """The master opened, the layer edited and saved as :func:`edited` does: what the bar
    said of the save, and what edited returned."""
    open_saved(plugin)
    before = len(iface.messages)
    got = edited(plugin, **edits)
    for _ in range(3):
        QgsApplication.processEvents()
    return iface.messages[before:], got


def test_a_field_deleted_with_a_value_saved_is_said_once_naming_both(
        iface, province, lang):  # noqa: F811 (fixtures)
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        said, (ok, uuid, _, layer) = saved_said(iface, plugin, delete=["geometry_source"])
        assert ok, layer.commitErrors()
        assert [(kind, title) for kind, title, _ in said] == [
            ("critical", tr("Master's commands stopped"))], said
        text = said[0][2]
        assert text.count("geometry_source") == 2 and "field-kit repair" in text, text
        if lang == "en":
            assert "The edits saved with the deletion are saved, but whether they replaced " \
                "values changed in the master meanwhile could not be checked: deleting " \
                "geometry_source stopped" in text, text
            assert "nothing was changed" not in text, text
        else:
            assert "随删除一并保存的编辑已保存，但未能核对其是否覆盖了主库在此期间被改动的值：" \
                "删除 geometry_source 使主库的变更捕获停止" in text, text
            assert "未作任何更改" not in text and "saved" not in text, text
        assert query(province, "SELECT project_name FROM mine_patches WHERE uuid = %s",
                     uuid) == [("改过的项目",)]
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_a_field_deleted_alone_is_said_once_without_values(iface, province):  # noqa: F811
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        before = len(iface.messages)
        layer = plugin.layers["mine_patches"]
        assert layer.startEditing()
        assert layer.deleteAttribute(layer.fields().indexOf("geometry_source"))
        assert layer.commitChanges(), layer.commitErrors()
        for _ in range(3):
            QgsApplication.processEvents()
        said = iface.messages[before:]
        assert [(kind, title) for kind, title, _ in said] == [
            ("critical", "Master's commands stopped")], said
        assert "geometry_source" in said[0][2] and "edits saved" not in said[0][2], said
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_edits_made_while_the_plugin_was_unloaded_are_said_unchecked_in_the_one_message(
        iface, province):  # noqa: F811
    """The plugin reloaded between the edit and the save: the reason they went unchecked is
    that one, said in the message on the field deleted."""
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    open_saved(plugin)
    layer = plugin.layers["mine_patches"]
    plugin.unload()
    assert layer.startEditing()
    feature = next(layer.getFeatures())
    assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("project_name"),
                                      "改过的项目")
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        before = len(iface.messages)
        assert layer.deleteAttribute(layer.fields().indexOf("geometry_source"))
        assert layer.commitChanges(), layer.commitErrors()
        for _ in range(3):
            QgsApplication.processEvents()
        said = iface.messages[before:]
        assert [(kind, title) for kind, title, _ in said] == [
            ("critical", "Master's commands stopped")], said
        assert "could not be checked: some were made while the Toksun plugin was not " \
            "loaded" in said[0][2], said
        del layer
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_a_rename_taken_back_with_a_value_edited_is_said_once(iface, province):  # noqa: F811
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        said, (ok, _, _, layer) = saved_said(iface, plugin, rename={"section": "段落"})
        assert not ok
        assert [(kind, title) for kind, title, _ in said] == [
            ("critical", "Fields not changed")], said
        assert layer.rollBack()
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
