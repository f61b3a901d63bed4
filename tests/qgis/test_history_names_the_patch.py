# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog of a patch verification names its patch by the patch's code, on a
GeoPackage master and on a PostgreSQL one (whose history is read from a stage holding only
part of the master)."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsProject

from field_kit.sync import masters
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_plugin import _field_edit, _wait_for
from tests.qgis.test_postgres_master import open_saved, province  # noqa: F401 (a fixture)


def _history_rows(iface, plugin, tmp_path) -> tuple[list[dict], str]:
    """The rows of the History dialog of a verification merged from a technician's
    package, by column head, and the code of its patch."""
    sync = plugin.show_sync()
    sync.package_list.addItem(str(_field_edit(plugin.gpkg, tmp_path, "tech-li", "李明")))
    sync.merge_packages()
    _wait_for(sync)
    gc.collect()
    if sync.report_dialog is not None:
        sync.report_dialog.close()
    records = plugin.layers["patch_verifications"]
    records.reload()
    record = next(records.getFeatures())
    records.selectByIds([record.id()])
    iface.setActiveLayer(records)
    dialog = plugin.show_history()
    assert dialog is not None
    heads = [dialog.table.horizontalHeaderItem(j).text()
             for j in range(dialog.table.columnCount())]
    rows = [{h: dialog.table.item(i, j).text() for j, h in enumerate(heads)}
            for i in range(dialog.table.rowCount())]
    dialog.close()
    return rows, record["patch_code"]


def _patch_row(rows: list[dict]) -> dict:
    return next(r for r in rows if r["Field"] == "Patch")


def test_a_verifications_history_names_its_patch_on_a_geopackage_master(
        iface, master, tmp_path):
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        plugin.load(master)
        QgsApplication.processEvents()
        rows, code = _history_rows(iface, plugin, tmp_path)
        assert _patch_row(rows)["After"] == code
    finally:
        _unloaded(plugin)


def test_a_verifications_history_names_its_patch_on_a_postgres_master(
        iface, province, tmp_path):  # noqa: F811 (a fixture)
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        assert masters.is_postgres(plugin.gpkg)
        rows, code = _history_rows(iface, plugin, tmp_path)
        assert query(province, "SELECT count(*) FROM mine_patches WHERE patch_code = %s",
                     code) == [(1,)]
        patch = _patch_row(rows)
        assert patch["After"] == code, patch  # not "743e5d50… (deleted)"
    finally:
        _unloaded(plugin)


def _unloaded(plugin) -> None:
    """The plugin unloaded as QGIS unloads it, its layers and docks gone with the project
    (a dock left following the project breaks the next test's)."""
    QgsApplication.processEvents()
    for layer in list(plugin.layers.values()):
        QgsProject.instance().removeMapLayer(layer.id())
    plugin.unload()
    QgsProject.instance().clear()
    gc.collect()
    QgsApplication.processEvents()


def test_a_feature_of_a_county_layer_the_master_tracks_shows_its_history(iface, master,
                                                                          tmp_path):
    """History of the selected feature refused a well of the county's own layer, tracked
    and in the map: "Select one feature of a plan layer", one being selected."""
    from tests.qgis.test_partial_grants import WELLS, technician_package
    from tests.unit.gpkg_factory import edit

    technician_package(master, tmp_path)  # (the wells, tracked in the master)
    edit(master, f'UPDATE "{WELLS}" SET "深度 (m)" = 13 WHERE "名称" = \'一号井\'')
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        plugin.load(master)
        QgsApplication.processEvents()
        wells = next(layer for layer in QgsProject.instance().mapLayers().values()
                     if layer.source().endswith(f"layername={WELLS}"))
        well = next(f for f in wells.getFeatures() if f["名称"] == "一号井")
        wells.selectByIds([well.id()])
        iface.setActiveLayer(wells)
        dialog = plugin.show_history()
        assert dialog is not None, iface.messages
        texts = [dialog.table.item(i, j).text() for i in range(dialog.table.rowCount())
                 for j in range(dialog.table.columnCount())]
        assert "深度 (m)" in texts and "13" in texts, texts
        dialog.close()
    finally:
        _unloaded(plugin)
