# SPDX-License-Identifier: GPL-2.0-or-later
"""GIS staff rename or delete a field of a PostgreSQL master's layer in QGIS (Rename Field,
Delete Field, then Save Layer Edits), with the plugin loaded: a rename is taken back and
nothing is written; a deletion, which QGIS writes before anything else, is said at once
with the repair the master needs. Said in English and in Chinese."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication

from field_kit.cli.commands import main
from qgis_plugin.i18n import tr
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_postgres_failures import lang  # noqa: F401  (a fixture)
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401  (fixtures)


def columns(database, table="mine_patches") -> list[str]:
    return [c for (c,) in query(database, "SELECT column_name FROM information_schema.columns "
                                "WHERE table_schema = current_schema() AND table_name = %s",
                                table)]


def edited(plugin, *, delete=(), rename=None) -> tuple:
    """Toggle editing on the patches' layer, delete / rename fields, change one patch's
    project name, save: (saved, the patch's uuid, its project name before, the layer)."""
    layer = plugin.layers["mine_patches"]
    assert layer.startEditing()
    for name in delete:
        assert layer.deleteAttribute(layer.fields().indexOf(name))
    for old, new in (rename or {}).items():
        assert layer.renameAttribute(layer.fields().indexOf(old), new)
    feature = next(layer.getFeatures())
    assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("project_name"),
                                      "改过的项目")
    ok = layer.commitChanges()
    for _ in range(3):
        QgsApplication.processEvents()
    return ok, feature["uuid"], feature["project_name"], layer


def critical(iface, title: str) -> str:
    """The critical message on the bar under ``title``, as the user reads it."""
    (said,) = [text for kind, shown, text in iface.messages
               if kind == "critical" and shown == tr(title)]
    return said


def test_a_rename_on_a_postgres_master_is_taken_back_and_said(
        iface, province, lang):  # noqa: F811 (fixtures)
    before = columns(province)
    seq = query(province, "SELECT max(seq) FROM sync_changes")[0][0]
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        ok, uuid, was, layer = edited(plugin, rename={"section": "段落"})
        assert not ok
        said = critical(iface, "Fields not changed")
        assert "section" in said and "field-kit repair" in said, said
        if lang == "en":
            assert "supervisor" in said and "Discard" in said, said
        else:
            assert "主管" in said and "放弃" in said and "supervisor" not in said, said
        # the layer's edits are kept until discarded; nothing reached the database
        assert layer.isEditable()
        assert columns(province) == before
        assert query(province, "SELECT project_name FROM mine_patches WHERE uuid = %s",
                     uuid) == [(was,)]
        assert query(province, "SELECT max(seq) FROM sync_changes")[0][0] == seq
        assert layer.rollBack()
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
    assert main(["status", province]) == 0  # every command works on the master still


def test_a_field_deleted_on_a_postgres_master_is_said_at_once_with_the_repair(
        iface, province, lang):  # noqa: F811 (fixtures)
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        ok, uuid, _, layer = edited(plugin, delete=["geometry_source"])
        said = critical(iface, "Master's commands stopped")
        assert "geometry_source" in said and "field-kit repair" in said, said
        assert ("supervisor" in said) if lang == "en" else (
            "主管" in said and "supervisor" not in said), said
        assert "geometry_source" not in columns(province)
        # the value saved with it is in the database or still in the layer's edits
        if ok:  # and logged, for field packages
            assert query(province, "SELECT project_name FROM mine_patches WHERE uuid = %s",
                         uuid) == [("改过的项目",)]
            assert query(province, "SELECT count(*) FROM sync_changes WHERE row_uuid = %s AND "
                         "new::jsonb ->> 'project_name' = '改过的项目'", uuid) == [(1,)]
        else:
            assert layer.isEditable() and layer.editBuffer().changedAttributeValues()
            assert layer.rollBack()
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
    # as the message says: a supervisor's repair, and the master's commands work again
    assert main(["status", province]) != 0
    assert main(["repair", province]) in (0, 3)
    assert main(["status", province]) == 0


def test_a_field_deleted_and_another_renamed_are_both_said(iface, province):  # noqa: F811
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        edited(plugin, delete=["geometry_source"], rename={"section": "段落"})
        said = critical(iface, "Master's commands stopped")
        assert "geometry_source, section" in said, said
        assert "section" not in columns(province) and "段落" in columns(province)
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_a_postgres_layer_of_no_master_is_left_to_qgis(iface, province):  # noqa: F811
    """A table beside the master's schema: its fields are the user's to rename."""
    from qgis.core import QgsDataSourceUri, QgsProject, QgsVectorLayer

    query(province, "CREATE TABLE public.wells (id serial PRIMARY KEY, depth real)")
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        uri = QgsDataSourceUri(plugin.layers["mine_patches"].source())
        uri.setDataSource("public", "wells", None, "", "id")
        layer = QgsVectorLayer(uri.uri(False), "wells", "postgres")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        assert layer.startEditing()
        assert layer.renameAttribute(layer.fields().indexOf("depth"), "depth_m")
        assert layer.commitChanges(), layer.commitErrors()
        QgsApplication.processEvents()
        assert not [m for m in iface.messages if m[0] == "critical"], iface.messages
        assert query(province, "SELECT 1 FROM information_schema.columns WHERE "
                     "table_schema = 'public' AND column_name = 'depth_m'") == [(1,)]
        del layer
        gc.collect()
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_a_rename_on_a_countys_own_layer_of_the_master_is_taken_back(
        iface, cluster, database, plan_gpkg, tmp_path):
    """水井, a layer of the county's own that the master tracks beside the plan's."""
    import shutil

    from qgis.core import QgsProject

    from tests.qgis.test_postgres_master import published
    from tests.unit.test_qfield import add_wells

    gpkg = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    add_wells(gpkg, tmp_path)
    with published(cluster, database, gpkg):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            open_saved(plugin)
            (wells,) = QgsProject.instance().mapLayersByName("水井")
            assert wells.startEditing()
            assert wells.renameAttribute(wells.fields().indexOf("面积"), "面积_m2")
            assert not wells.commitChanges()
            said = critical(iface, "Fields not changed")
            assert "面积" in said and "field-kit repair" in said, said
            assert "面积" in columns(database, "水井")
            assert wells.rollBack()
            del wells
            gc.collect()
        finally:
            QgsApplication.processEvents()
            plugin.unload()
        assert main(["status", database]) == 0
