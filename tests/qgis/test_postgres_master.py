# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master opened in QGIS through a saved connection, as GIS staff open one:
its layers come from the database, and the sync dock, the dashboard and the conflicts
dialog work on it."""

from __future__ import annotations

import contextlib
import gc
import shutil
import sqlite3

import pytest
from qgis.core import QgsApplication, QgsDataSourceUri, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox

from field_kit.cli.commands import main
from qgis_plugin.plan_layers import GROUP_NAME
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_plugin import _field_edit, _out, _wait_for, undo_from_dock


@contextlib.contextmanager
def published(cluster, database, gpkg):
    """``gpkg`` published into PostgreSQL, and a QGIS connection saved for it."""
    assert main(["init", database, "--from", str(gpkg)]) == 0
    db = query(database, "SELECT current_database()")[0][0]
    uri = QgsDataSourceUri()
    uri.setConnection(cluster.dir, str(cluster.port), db, "postgres", "")
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    meta.saveConnection(meta.createConnection(uri.uri(False), {"saveUsername": True}),
                        "province")
    try:
        yield database
    finally:
        meta.deleteConnection("province")


@pytest.fixture
def province(cluster, database, plan_gpkg, tmp_path):
    """The plan published into PostgreSQL, and a QGIS connection saved for it."""
    gpkg = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    with published(cluster, database, gpkg):
        yield database


def _accept_when_shown():
    def accept():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, accept)
            return
        dialog.accept()
    QTimer.singleShot(0, accept)


def open_saved(plugin) -> None:
    """The master opened as the user opens it: the PostgreSQL action, its dialog's first
    saved connection, OK."""
    action = next(a for a in plugin.actions if "PostgreSQL" in a.text())
    _accept_when_shown()
    action.trigger()  # as the user clicks it: the dialog, its first connection, OK
    gc.collect()


def test_a_postgres_master_opens_from_a_saved_connection_with_its_docks(iface, province,
                                                                        tmp_path, monkeypatch):
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        assert not [m for m in iface.messages if m[0] == "critical"]
        layer = plugin.layers["mine_patches"]
        assert layer.providerType() == "postgres" and layer.isValid()
        assert layer.featureCount() == query(province, "SELECT count(*) FROM mine_patches")[0][0]
        assert layer.renderer() is not None and plugin.layers["county_boundary"].isValid()
        # its patches' township picked from the plan's townships, as in a GeoPackage's form
        township = layer.editorWidgetSetup(layer.fields().indexOf("township"))
        assert township.type() == "ValueMap"
        assert "托克逊镇" in [c for e in township.config()["map"] for c in e.values()]

        dock = plugin.show_sync()
        assert "toksun" in dock.master_label.text()
        dock.package_list.addItem(str(_field_edit(plugin.gpkg, tmp_path, "tech-li", "李明")))
        dock.merge_packages()
        _wait_for(dock)
        gc.collect()
        assert "tech-li" in dock.report.toHtml()
        assert query(province, "SELECT verifier FROM patch_verifications") == [("李明",)]
        records = plugin.layers["patch_verifications"]
        records.reload()
        assert records.featureCount() == 1
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        assert dock.grab().save(str(_out() / "qgis_postgres_sync.png"))

        dashboard = plugin.show_dashboard()
        assert dashboard.progress is not None and "Cannot read" not in dashboard.summary.text()
        dialog = plugin.show_conflicts()
        assert dialog is not None and dialog.table.rowCount() == 0
        dialog.close()

        # the history of the merged record, selected on its layer
        records.selectByIds([next(records.getFeatures()).id()])
        iface.setActiveLayer(records)
        history = plugin.show_history()
        assert history is not None and history.table.rowCount() >= 1
        assert "tech-li" in " ".join(history.table.item(r, 6).text()
                                     for r in range(history.table.rowCount()))
        history.close()

        # a patch verified in QGIS's own form of the record layer, saved to the database
        patches = plugin.layers["mine_patches"]
        patch = next(patches.getFeatures())
        patches.selectByIds([patch.id()])
        form = plugin.verify_patch()
        gc.collect()
        assert form is not None and form.isVisible()
        config = records.editFormConfig()  # a row's identity is not typed in
        assert all(config.readOnly(records.fields().indexOf(k)) for k in ("fid", "uuid"))
        ok = form.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        ok.click()  # the form's required fields are empty: it stays open, nothing is written
        QgsApplication.processEvents()
        assert form.isVisible() and query(province, "SELECT count(*) FROM "
                                          "patch_verifications")[0][0] == 1
        answers = {"patch_class": "10", "patch_subclass": "11", "damage_type": "挖损",
                   "patch_feature": "1", "remediation_status": "A", "measured_area_m2": 100.0,
                   "position_lon": 88.6, "position_lat": 42.8, "verifier": "王工",
                   "verified_on": "2025-05-20"}
        for name, answer in answers.items():
            form.attributeForm().changeAttribute(name, answer)  # as typed in
        assert form.grab().save(str(_out() / "qgis_postgres_record.png"))
        ok.click()  # as the user clicks OK
        QgsApplication.processEvents()
        gc.collect()
        assert not [m for m in iface.messages if m[0] == "critical"], iface.messages
        assert query(province, "SELECT patch_code FROM patch_verifications WHERE "
                     "patch_uuid = %s AND verifier = '王工'", patch["uuid"]) == \
            [(patch["patch_code"],)]
        logged = query(province, "SELECT op, new::jsonb ->> 'verifier' FROM sync_changes "
                       "WHERE tbl = 'patch_verifications' ORDER BY seq DESC LIMIT 1")
        assert logged == [("insert", "王工")]

        # a record the database refuses is said, and kept in the layer's edits, not lost
        query(province, "ALTER TABLE patch_verifications ADD CONSTRAINT no_x CHECK "
              "(verifier <> 'X')")
        form = plugin.verify_patch()
        gc.collect()
        for name, answer in {**answers, "verifier": "X"}.items():
            form.attributeForm().changeAttribute(name, answer)
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
        QgsApplication.processEvents()
        said = [text for kind, _, text in iface.messages if kind == "critical"]
        assert said and "not saved" in said[-1] and "no_x" in said[-1]
        assert records.isEditable() and len(records.editBuffer().addedFeatures()) == 1
        assert records.rollBack()

        # a field package for one township, made as the user makes it in the sync dock
        from qgis.PyQt.QtWidgets import QFileDialog
        town = "郭勒布依乡"
        out = tmp_path / "tab-town.gpkg"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        dock.device.setText("tab-town")
        dock.by_township.setChecked(True)
        dock.township.setCurrentIndex(dock.township.findData(town))
        dock.checkout_button.click()
        _wait_for(dock)
        gc.collect()
        assert "tab-town.gpkg" in dock.report.toPlainText()
        conn = sqlite3.connect(out)
        assert conn.execute("SELECT DISTINCT township FROM mine_patches").fetchall() == [(town,)]
        assert conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0] == query(
            province, "SELECT count(*) FROM mine_patches WHERE township = %s", town)[0][0]
        conn.close()

        # the merge undone from the dock: its record leaves the database
        said = undo_from_dock(dock, monkeypatch)
        assert "Merge undone: 1 change reverted." in said, said
        assert query(province, "SELECT count(*) FROM patch_verifications WHERE verifier = "
                     "'李明'") == [(0,)]
    finally:
        QgsApplication.processEvents()
        plugin.unload()


def test_a_field_added_in_qgis_to_a_postgis_layer_reaches_field_packages(iface, province,
                                                                         tmp_path):
    """QGIS's "Add Field" on the PostGIS layer and values typed in its edit session are
    captured by the database and carried to a field package checked out before."""
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QVariant

    from field_kit.db import connect

    pkg = tmp_path / "gis.gpkg"
    assert main(["checkout", province, str(pkg), "--device", "gis-wang"]) == 0
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        open_saved(plugin)
        layer = plugin.layers["mine_patches"]
        assert layer.startEditing()
        # as the Add Field dialog gives it: a type of the provider's own
        assert layer.addAttribute(QgsField("remarks", QVariant.String, "text", -1))
        assert layer.commitChanges(), layer.commitErrors()
        feature = next(layer.getFeatures())
        uuid = feature["uuid"]
        assert layer.startEditing()
        assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("remarks"),
                                          "fenced, sign missing")
        assert layer.commitChanges(), layer.commitErrors()
    finally:
        QgsApplication.processEvents()
        plugin.unload()
    assert main(["pull", str(pkg), province]) == 0
    conn = connect(pkg, readonly=True)
    try:
        assert conn.execute("SELECT remarks FROM mine_patches WHERE uuid = ?",
                            (uuid,)).fetchone() == ("fenced, sign missing",)
    finally:
        conn.close()


def test_a_conflict_on_a_countys_own_layer_in_postgres_is_listed_and_settled(
        iface, cluster, database, plan_gpkg, tmp_path):
    """The plan published with a layer of the county's own (水井), opened from a saved
    connection: a conflict on a well is listed in the conflicts dialog and settled there."""
    from tests.qgis.test_plugin import settle_the_well

    with well_in_conflict_opened(iface, cluster, database, plan_gpkg, tmp_path) as (
            plugin, wells, row):
        assert plugin.layers["mine_patches"].providerType() == "postgres"
        # the county's own layer opens with the plan's, in its group
        assert wells.isValid() and wells.providerType() == "postgres"
        assert wells.featureCount() == query(database, "SELECT count(*) FROM 水井")[0][0]
        settle_the_well(plugin, row)
    assert query(database, "SELECT 面积 FROM 水井 WHERE uuid = %s", row) == [(20.5,)]


@contextlib.contextmanager
def well_in_conflict_opened(iface, cluster, database, plan_gpkg, tmp_path):
    """The plan published with a layer of the county's own (水井) whose well is in conflict,
    opened in QGIS from a saved connection: (the plugin, the wells' layer, the well's uuid);
    the plugin unloaded after."""
    from tests.qgis.test_plugin import conflict_on_a_well
    from tests.unit.test_qfield import add_wells

    gpkg = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    add_wells(gpkg, tmp_path)
    with published(cluster, database, gpkg):
        row = conflict_on_a_well(database, tmp_path)
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            open_saved(plugin)
            group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
            (wells,) = [n.layer() for n in group.findLayers() if n.layer().name() == "水井"]
            yield plugin, wells, row
        finally:
            QgsApplication.processEvents()
            plugin.unload()
