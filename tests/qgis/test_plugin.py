# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin in a headless QGIS: actions, panels, and nothing left behind on unload."""

from __future__ import annotations

import gc
import re
import subprocess
import zipfile

import pytest
from qgis.core import QgsApplication, QgsProject

from field_kit.sync import changelog, log_reads
from qgis_plugin.plan_layers import GROUP_NAME
from qgis_plugin.plugin import MENU, ToksunPlugin


@pytest.fixture()
def plugin(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    iface.mapCanvas().waitWhileRendering()
    yield p
    iface.mapCanvas().waitWhileRendering()  # a map render still reading a layer being removed
    p.unload()


def test_actions_are_in_the_menu_and_toolbar(iface, plugin):
    names = {a.objectName() for a in plugin.actions}
    assert {"toksun_open_plan", "toksun_show_sync", "toksun_show_conflicts",
            "toksun_show_history"} <= names
    assert set(iface.menu) == set(plugin.actions)
    assert plugin.toolbar.windowTitle() == MENU
    assert len(plugin.toolbar.actions()) >= 4


def test_loading_the_plan_says_the_geometry_is_schematic(iface, plugin):
    assert len(plugin.layers) == 15
    assert any("示意" in text or "schematic" in text for _, _, text in iface.messages)


def test_a_technicians_package_opens_with_the_plan_locked_and_says_why(iface, master,
                                                                      tmp_path):
    from field_kit.sync import package_checkout
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tab-t", role="technician")
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        heard = len(iface.messages)
        layers = p.load(pkg)
        assert layers["mine_patches"].readOnly() and not layers["patch_verifications"].readOnly()
        said = [text for _, _, text in iface.messages[heard:]]
        assert any("locked" in text or "锁定" in text for text in said)
        heard = len(iface.messages)
        p.load(master)  # the master: nothing locked, nothing said about it
        assert not any("locked" in t or "锁定" in t for _, _, t in iface.messages[heard:])
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_unload_leaves_nothing_behind(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    p.show_sync()
    assert iface.docks
    layers = {layer.id() for layer in QgsProject.instance().mapLayers().values()}
    p.unload()
    assert iface.menu == [] and iface.docks == [] and p.actions == []
    # disabling or upgrading the plugin leaves the user's layers in their project
    assert QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME) is not None
    assert {layer.id() for layer in QgsProject.instance().mapLayers().values()} == layers


def test_a_reopened_project_keeps_its_layers_and_selection(iface, master):
    from qgis_plugin.plan_layers import load_plan

    project = QgsProject.instance()
    layers = load_plan(master, project)  # as a saved project brings them back
    ids = {layer.id() for layer in project.mapLayers().values()}
    layers["mine_patches"].selectByExpression("\"patch_code\" = 'ZJ6504222021027001'")
    chosen = layers["mine_patches"].selectedFeatures()[0]["uuid"]
    p = ToksunPlugin(iface)  # the plugin starts with the project already open
    p.initGui()
    try:
        dialog = p.verify_patch()
        assert dialog is not None and dialog.form.subject_uuid == chosen
        assert {layer.id() for layer in project.mapLayers().values()} == ids
        assert layers["mine_patches"].selectedFeatureCount() == 1
        assert p.gpkg.resolve() == master.resolve()
        dialog.close()
        iface.setActiveLayer(layers["mine_patches"])
        history = p.show_history()
        assert history is not None
        history.close()
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_sync_dock_lists_the_townships_of_the_master(plugin):
    dock = plugin.show_sync()
    towns = [dock.township.itemData(i) for i in range(dock.township.count())]
    assert "郭勒布依乡" in towns and len(towns) == 7


def test_the_township_choice_shows_both_names_in_english_and_checks_out_the_chinese(
        plugin, monkeypatch, tmp_path):
    """In QGIS in English a township is listed by its English name and its Chinese one; the
    package is cut to the township by the name the patches carry."""
    import sqlite3

    from qgis.PyQt.QtWidgets import QFileDialog

    from qgis_plugin.docks import sync, sync_checkout

    monkeypatch.setattr(sync, "user_language", lambda: "en")
    monkeypatch.setattr(sync_checkout, "user_language", lambda: "en")
    dock = plugin.show_sync()
    dock.set_master(dock.master)
    towns = [dock.township.itemText(i) for i in range(dock.township.count())]
    assert "Toksun Town 托克逊镇" in towns and len(towns) == 7, towns
    out = tmp_path / "tab-1.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dock.device.setText("tab-1")
    dock.by_township.setChecked(True)
    dock.township.setCurrentIndex(towns.index("Toksun Town 托克逊镇"))
    dock.checkout_button.click()
    _wait_for(dock)
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("SELECT DISTINCT township FROM mine_patches").fetchall() == \
            [("托克逊镇",)]
    finally:
        conn.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_checkout_on_a_full_disk_says_how_much_room_it_needs(plugin, master, small_disk,
                                                                monkeypatch, lang):
    """The sync dock's checkout on a full disk says, as the command line does, how much
    room it needs (twice the master, copied whole then cut) and how much there is, in the
    user's language; nothing is left on that disk."""
    import os
    import shutil

    from qgis.PyQt.QtWidgets import QFileDialog

    from qgis_plugin import core_messages
    from tests.conftest import fill

    monkeypatch.setattr(core_messages, "user_language", lambda: lang)
    fill(small_disk, leaving=1200 * 1024)
    out = small_disk / "tab-1.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dock = plugin.show_sync()
    dock.device.setText("tab-1")
    dock.by_township.setChecked(True)
    dock.checkout_button.click()
    _wait_for(dock)
    need = -(-2 * os.path.getsize(master) // 2**20)
    assert shutil.disk_usage(small_disk).free // 2**20 == 1  # (1 MB is, not are, free)
    said = dock.report.toPlainText()  # (after the work's name, in QGIS's language)
    assert re.split(": |：", said, maxsplit=1)[1] == {
        "en": f"cannot write {out}: the disk is full; nothing "
              f"was changed: the checkout needs about {need} MB free there while it works; "
              "1 MB is free there: free some space and run it again",
        "zh": f"无法写入 {out}：磁盘已满；未作任何更改：签出过程中该处约需可用空间 "
              f"{need} MB，现有 1 MB：请释放空间后重新执行"}[lang], said
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_history_needs_one_selected_feature(iface, plugin):
    iface.setActiveLayer(plugin.layers["mine_patches"])
    assert plugin.show_history() is None
    assert iface.messages[-1][0] == "warning"
    layer = plugin.layers["mine_patches"]
    layer.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.show_history()
    assert dialog is not None
    assert "CT6504222017000026002" in dialog.windowTitle()
    dialog.close()


def test_conflicts_dialog_opens_empty_on_a_fresh_master(plugin):
    dialog = plugin.show_conflicts()
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_verify_the_selected_patch_saves_a_record_the_layer_shows(plugin, master):
    import sqlite3

    patches = plugin.layers["mine_patches"]
    patches.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.verify_patch()
    form = dialog.form
    assert form.form.table == "patch_verifications"
    for column, value in (("patch_class", "10"), ("patch_subclass", "11"),
                          ("damage_type", "挖损"), ("patch_feature", "1"),
                          ("remediation_status", "A"), ("mineral", "建筑用砂"),
                          ("verifier", "李明"), ("verifying_unit", "托克逊县自然资源局"),
                          ("verified_on", "2025-05-20")):
        form.set_value(column, value)
    feature = next(patches.getFeatures("\"patch_code\" = 'CT6504222017000026002'"))
    lon, lat = feature["centre_lon"], feature["centre_lat"]
    form.set_value("position_lon", lon)
    form.set_value("position_lat", lat)
    form.set_value("position_accuracy_m", 3.0)
    form.set_value("measured_area_m2", 110000)
    errors = [p for p in form.problems if p.severity == "error"]
    assert not errors, [p.message("en") for p in errors]
    uuid = form.save()
    assert uuid
    # the saved record is listed, and not as waiting to be sent: nothing is sent from a master
    listed = [form.records.item(i).text() for i in range(form.records.count())]
    assert any("李明" in text for text in listed), listed
    assert not any("⇪" in text for text in listed), listed
    dialog.close()
    with sqlite3.connect(master) as conn:
        row = conn.execute("SELECT patch_code, remediation_status FROM patch_verifications "
                           "WHERE uuid = ?", (uuid,)).fetchone()
        logged = len(log_reads.log(conn, row_uuid=uuid))
    assert row == ("CT6504222017000026002", "A")
    assert logged == 1  # the change log captured the record like any other edit
    assert plugin.layers["patch_verifications"].featureCount() == 1


def test_the_dialog_starts_a_new_record_and_discards_a_draft(plugin, master):
    # the form's own "new record" and "discard draft" call the dialog's overrides with
    # the field app's arguments
    plugin.layers["mine_patches"].selectByExpression(
        "\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.verify_patch()
    dialog.form.set_value("verifier", "李明")
    assert dialog.form.discard_draft(confirm=False) is True
    dialog.form.new_record()
    assert dialog.form.record_uuid is None
    dialog.close()


def test_restored_without_photo_is_refused_with_a_message(plugin):
    plugin.layers["mine_patches"].selectByExpression(
        "\"patch_code\" = 'ZJ6504222021027001'")
    dialog = plugin.verify_patch()
    dialog.form.set_value("remediation_status", "B")
    codes = {p.code for p in dialog.form.problems}
    assert "photo_required_when_restored" in codes or any(
        "照片" in p.message("zh") for p in dialog.form.problems)
    assert dialog.form.save() is None
    dialog.close()


def _wait_for(dock, timeout=60):
    import time

    end = time.time() + timeout
    while dock.task is not None and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None, "the background task did not finish"


def undo_from_dock(dock, monkeypatch) -> str:
    """The newest merge undone as the user undoes it (chosen in the dock's list, the button,
    Yes): what the dock's report says then."""
    from qgis.PyQt.QtWidgets import QMessageBox

    dock.refresh_merges()
    dock.merge_list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dock.undo_button.click()
    _wait_for(dock)
    gc.collect()
    return dock.report.toPlainText()


def _field_edit(master, tmp_path, device, value, **fields):
    """A technician's field package with one verification (``fields`` more of its values),
    exported as a change package (``master`` a GeoPackage or a PostgreSQL master's
    address)."""
    import sqlite3

    from field_kit.db import connect
    from field_kit.sync import masters, package_export

    pkg = tmp_path / f"{device}.gpkg"
    masters.checkout(master, pkg, device, township="郭勒布依乡")
    conn = connect(pkg)
    with conn:
        patch = conn.execute("SELECT uuid, patch_code FROM mine_patches ORDER BY fid").fetchone()
        names = ", ".join(fields)
        conn.execute(f"INSERT INTO patch_verifications (patch_uuid, patch_code, "
                     f"remediation_status, verifier{', ' if fields else ''}{names}) VALUES "
                     f"(?, ?, 'C', ?{', ?' * len(fields)})",
                     (patch[0], patch[1], value, *fields.values()))
    conn.close()
    out = tmp_path / f"{device}.zip"
    package_export.export(pkg, out)
    if not masters.is_postgres(master):
        assert sqlite3.connect(master).execute("SELECT count(*) FROM patch_verifications"
                                               ).fetchone()[0] == 0
    return out


def _out():
    from tests.plan_build import ROOT

    (ROOT / "out").mkdir(exist_ok=True)
    return ROOT / "out"


def test_merge_runs_as_a_task_and_its_result_is_in_the_layers(iface, plugin, master, tmp_path):
    change_package = _field_edit(master, tmp_path, "tech-li", "李明")
    dock = plugin.show_sync()
    dock.package_list.addItem(str(change_package))
    dock.merge_packages()
    _wait_for(dock)
    html = dock.report.toHtml()
    from qgis_plugin.i18n import user_language
    assert "tech-li" in html and ("已应用" if user_language() == "zh" else "applied") in html
    # the report opens at a readable width, not squeezed into the dock
    report = dock.report_dialog
    assert report is not None and report.isVisible() and report.width() >= 700
    assert "tech-li" in report.browser.toPlainText()
    report.grab().save(str(_out() / "qgis_merge_report.png"))
    report.close()
    # and the message bar says what came of it
    assert any("conflict" in text.lower() or "冲突" in text for _, _, text in iface.messages)
    layer = plugin.layers["patch_verifications"]
    assert layer.featureCount() == 1
    assert next(layer.getFeatures())["verifier"] == "李明"


def test_the_merge_report_names_the_columns_a_package_added_to_the_master(plugin, master,
                                                                           tmp_path):
    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export

    pkg = tmp_path / "gis-wu.gpkg"
    package_checkout.checkout(master, pkg, "gis-wu", role="gis")
    with connect(pkg) as conn:  # QGIS's "Add Field", then a value in it
        conn.execute("ALTER TABLE restoration_projects ADD COLUMN 资金来源 TEXT")
        conn.execute("UPDATE restoration_projects SET 资金来源 = '省级' WHERE fid = 1")
    out = tmp_path / "gis-wu.zip"
    package_export.export(pkg, out)
    dock = plugin.show_sync()
    dock.package_list.addItem(str(out))
    dock.merge_packages()
    _wait_for(dock)
    text = dock.report_dialog.browser.toPlainText()
    dock.report_dialog.close()
    assert "Columns added to the master" in text
    assert "gis-wu.zip: Key projects: 资金来源" in text  # the layer as the plan titles it
    # a field package taken before hears of it, so named, when the master is pulled into it
    other = tmp_path / "gis-li.gpkg"
    package_checkout.checkout(master, other, "gis-li", role="gis")
    assert "Added from the master: Key projects: 资金来源" not in _pulled_report(plugin, other)
    with connect(master) as conn:
        conn.execute("ALTER TABLE restoration_projects ADD COLUMN 验收单位 TEXT")
    assert "Added from the master: Key projects: 验收单位" in _pulled_report(plugin, other)


def test_a_cancelled_merge_leaves_the_master_as_it_was(plugin, master, tmp_path):
    from tests.unit.gpkg_factory import sha256_file

    change_package = _field_edit(master, tmp_path, "tech-wang", "王芳")
    before = sha256_file(master)
    dock = plugin.show_sync()
    dock.package_list.addItem(str(change_package))
    dock.merge_packages()
    dock.cancel()
    _wait_for(dock)
    assert sha256_file(master) == before
    assert "cancel" in dock.report.toPlainText().lower() or "取消" in dock.report.toPlainText()
    assert plugin.layers["patch_verifications"].featureCount() == 0


def test_import_dialog_opens_on_the_master(plugin, master):
    dialog = plugin.show_import()
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_dashboard_follows_a_merge(plugin, master, tmp_path):
    dashboard = plugin.show_dashboard()
    sync = plugin.show_sync()
    calls = []
    original = dashboard.refresh
    dashboard.refresh = lambda: (calls.append(1), original())
    sync.package_list.addItem(str(_field_edit(master, tmp_path, "tech-zhao", "赵强")))
    sync.merge_packages()
    _wait_for(sync)
    assert calls, "the dashboard was not refreshed after the merge"


def _conflict_on_a_note(master, tmp_path):
    """Two technicians change the note of the same verification: one conflict."""
    from field_kit.db import connect
    from field_kit.sync import merge, package_checkout, package_export

    conn = connect(master)
    with conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = "
                             "'CT6504222017000026002'").fetchone()[0]
        conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, notes) "
                     "VALUES ('0b5e2f6c-0000-4000-8000-000000000001', ?, "
                     "'CT6504222017000026002', '内业：未治理')", (patch,))
    conn.close()
    outs = []
    for device, note in (("tech-a", "坡面已稳定"), ("tech-b", "北侧仍有积水")):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, township="郭勒布依乡")
        conn = connect(pkg)
        with conn:
            conn.execute("UPDATE patch_verifications SET notes = ?", (note,))
        conn.close()
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    report = merge.merge(master, outs)
    assert report.totals["conflict"] == 1
    return "0b5e2f6c-0000-4000-8000-000000000001"


def test_conflicts_dialog_settles_a_conflict_field_by_field(plugin, master, tmp_path):
    import sqlite3

    from field_kit.sync import audit

    row = _conflict_on_a_note(master, tmp_path)
    dialog = plugin.show_conflicts()
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, j).text() for j in range(dialog.table.columnCount())]
    assert "内业：未治理" in cells and "坡面已稳定" in cells and "北侧仍有积水" in cells
    # the later edit is in the table: the master's column says so
    assert _cells(dialog)["ours"] == "北侧仍有积水" and _cells(dialog)["theirs"] == "坡面已稳定"
    assert "CT6504222017000026002" in cells  # the feature named by its patch code
    dialog.table.selectRow(0)
    dialog.settle(take="ancestor")
    assert dialog.table.rowCount() == 0
    with sqlite3.connect(master) as conn:
        note = conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0]
    assert note == "内业：未治理"
    # the decision is itself a recorded change in the audit trail
    assert any(c["origin"].startswith("resolve:") for c in audit.history(master, row))
    dialog.close()


def test_settling_a_patchs_shape_gives_it_the_area_and_centre_of_the_shape_taken(
        plugin, master, tmp_path):
    """Two GIS staff reshape one patch in QField (the geometry alone); taking the other shape
    in Settle conflicts writes its area and centre with it, and the dialog says so."""
    from field_kit.db import connect
    from field_kit.plan import geometry
    from field_kit.plan.derived import derived_columns, derived_values
    from field_kit.sync import merge

    code = "CT6504222017000026002"
    conn = connect(master, readonly=True)
    x, y = conn.execute("SELECT centre_lon, centre_lat FROM mine_patches WHERE patch_code = "
                        "?", (code,)).fetchone()
    conn.close()

    def square(d):
        ring = [(x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)]
        return geometry.gpkg_blob(geometry.multipolygon_wkb([[ring]]))
    outs = edited_by_two(master, tmp_path, "UPDATE mine_patches SET geom = ? WHERE "
                         "patch_code = ?", [(square(d), code) for d in (0.002, 0.003)])
    assert merge.merge(master, outs).totals["conflict"] == 1
    dialog = plugin.show_conflicts()
    assert _cells(dialog)["field"] in ("几何", "Geometry")
    dialog.table.selectRow(0)
    dialog.settle(take="theirs")
    conn = connect(master, readonly=True)
    held = conn.execute("SELECT area_m2, centre_lon, centre_lat FROM mine_patches WHERE "
                        "patch_code = ?", (code,)).fetchone()
    conn.close()
    derived = derived_columns("mine_patches")
    assert dict(zip(derived, held)) == derived_values(geometry.blob_wkb(square(0.002)), derived)
    said = dialog.message.text()
    assert code in said and ("已按其几何重新计算" in said or "recomputed from its geometry" in said)
    assert "color" not in dialog.message.styleSheet()  # done as asked: not shown as an error
    dialog.close()


def test_a_merges_report_names_the_area_and_centre_recomputed_by_their_labels(
        plugin, master, tmp_path):
    """GIS staff reshaped a patch: the merge report says its area and centre were
    recomputed, naming those fields as the patch's form does, not by their columns."""
    from field_kit.plan import geometry
    from field_kit.plan.values import field_label
    from qgis_plugin.i18n import user_language

    code = "CT6504222017000026002"
    ring = [(88.6, 42.7), (88.602, 42.7), (88.602, 42.702), (88.6, 42.702), (88.6, 42.7)]
    out, _ = edited_by_two(master, tmp_path, "UPDATE mine_patches SET geom = ? WHERE "
                           "patch_code = ?", [(geometry.gpkg_blob(geometry.multipolygon_wkb(
                               [[ring]])), code)] * 2)
    dock = plugin.show_sync()
    dock.package_list.addItem(str(out))
    dock.merge_packages()
    _wait_for(dock)
    said = dock.report.toPlainText()
    label = field_label("mine_patches", "area_m2", user_language())
    assert label != "area_m2" and label in said and "area_m2" not in said, said


def test_a_merges_report_names_a_refused_field_by_its_label(plugin, master, tmp_path):
    """A measured area below nought is refused: the report names the field as the
    record's form does, not by its column."""
    from field_kit.plan.values import field_label
    from qgis_plugin.i18n import user_language
    dock = plugin.show_sync()
    dock.package_list.addItem(str(_field_edit(master, tmp_path, "tech-he", "何",
                                              measured_area_m2=-5)))
    dock.merge_packages()
    _wait_for(dock)
    said = dock.report.toPlainText()
    label = field_label("patch_verifications", "measured_area_m2", user_language())
    assert label != "measured_area_m2" and (f"{label}: " in said or f"{label}：" in said), said
    assert "measured_area_m2" not in said, said


def edited_by_two(master, tmp_path, sql: str, args: list) -> list:
    """Two GIS staff (gis-a, gis-b, packages in ``tmp_path``) each run ``sql`` with their own
    of ``args`` in a package of ``master``: their change packages."""
    from field_kit.db import connect
    from field_kit.sync import masters, package_export

    outs = []
    for device, given in zip(("gis-a", "gis-b"), args):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        conn = connect(pkg)
        with conn:
            conn.execute(sql, given)
        conn.close()
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    return outs


def conflict_on_a_well(master, tmp_path) -> str:
    """Two GIS staff change the area of one well, a row of the county's own layer 水井 (in
    ``master``, a GeoPackage or a PostgreSQL master's address): one conflict. Its uuid."""
    from field_kit.db import connect
    from field_kit.sync import masters
    from tests.unit.test_qfield import WELLS

    outs = edited_by_two(master, tmp_path, f"UPDATE {WELLS} SET 面积 = ? WHERE 名称 = '一号井'",
                         [(20.5,), (30.5,)])
    conn = connect(tmp_path / "gis-a.gpkg", readonly=True)
    row = conn.execute(f"SELECT uuid FROM {WELLS} WHERE 名称 = '一号井'").fetchone()[0]
    conn.close()
    assert masters.merge(master, outs).totals["conflict"] == 1
    return row


def settle_the_well(plugin, row: str) -> None:
    """The conflict on the well listed as the others are (the layer, the row by its name as
    the command line names it, the field, both values) and settled by taking the other
    value."""
    dialog = plugin.show_conflicts()
    assert dialog is not None and dialog.table.rowCount() == 1
    cells = _cells(dialog)
    assert cells["layer"] == "水井" and cells["feature"] == "一号井" and cells["field"] == "面积"
    assert cells["ours"] == "30.5" and cells["theirs"] == "20.5"
    dialog.table.selectRow(0)
    dialog.settle(take="theirs")
    # said as done, not as an error
    said = re.sub(r"#\d+", "#N", dialog.message.text())
    assert said in ("Settled #N 水井 一号井, 面积, with Theirs (the other value): 20.5.",
                    "已处理冲突 #N：水井 一号井，面积，采用另一值：20.5。"), said
    assert "color" not in dialog.message.styleSheet() and dialog.table.rowCount() == 0
    dialog.close()


def test_a_conflict_on_a_countys_own_layer_is_listed_and_settled(iface, master, tmp_path):
    """A county's own layer (水井) is no table of the plan: its conflict is listed, its row
    named by its name field, its field by its column's name, and settled as any other."""
    import sqlite3

    from tests.unit.test_qfield import add_wells

    add_wells(master, tmp_path)
    row = conflict_on_a_well(master, tmp_path)
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    try:
        settle_the_well(p, row)
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT 面积 FROM 水井 WHERE uuid = ?", (row,)).fetchone() == (20.5,)


def test_the_merge_report_names_a_refused_row_of_a_countys_own_layer(iface, master, tmp_path):
    """A technician's edit of a well (水井, read-only to technicians) is refused: the report
    names the well as the command line does, by its name, not by its uuid."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export
    from tests.unit.test_qfield import WELLS, add_wells

    add_wells(master, tmp_path)
    pkg = tmp_path / "tech-ma.gpkg"
    package_checkout.checkout(master, pkg, "tech-ma")
    with connect(pkg) as conn:
        conn.execute(f"UPDATE {WELLS} SET 面积 = 40.5 WHERE 名称 = '二号井'")
        row = conn.execute(f"SELECT uuid FROM {WELLS} WHERE 名称 = '二号井'").fetchone()[0]
    package_export.export(pkg, tmp_path / "tech-ma.zip")
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    try:
        dock = p.show_sync()
        dock.package_list.addItem(str(tmp_path / "tech-ma.zip"))
        dock.merge_packages()
        _wait_for(dock)
        text = dock.report_dialog.browser.toPlainText()
        dock.report_dialog.close()
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
    assert f"tech-ma.zip: {WELLS} 二号井: " in text and row not in text, text


def test_the_gnss_button_without_a_receiver_says_so(plugin):
    plugin.layers["mine_patches"].selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.verify_patch()
    dialog.form.position.gnss.click()
    said = dialog.form.banner.text()
    assert "GNSS" in said and ("receiver" in said or "接收机" in said), said
    dialog.close()


def _conflict_on(master, tmp_path, column, ancestor, values):
    """Two technicians change ``column`` of the same verification differently: one conflict."""
    from field_kit.sync import merge

    row = "0b5e2f6c-0000-4000-8000-000000000002"
    outs = verification_edited_by_two(master, tmp_path, row, {column: ancestor},
                                      [{column: v} for v in values])
    assert merge.merge(master, outs).totals["conflict"] == 1
    return row


def verification_edited_by_two(master, tmp_path, row: str, ancestor: dict, values: list
                               ) -> list:
    """A verification ``row`` of a patch with ``ancestor``'s values, changed by two
    technicians (tech-a, tech-b) each to their own of ``values``: their change packages."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export

    conn = connect(master)
    with conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = "
                             "'CT6504222017000026002'").fetchone()[0]
        names = ", ".join(ancestor)
        conn.execute(f"INSERT INTO patch_verifications (uuid, patch_uuid, patch_code, {names}) "
                     f"VALUES (?, ?, 'CT6504222017000026002', {', '.join('?' * len(ancestor))})",
                     (row, patch, *ancestor.values()))
    conn.close()
    outs = []
    for device, given in zip(("tech-a", "tech-b"), values):
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device, township="郭勒布依乡")
        conn = connect(pkg)
        with conn:
            conn.execute("UPDATE patch_verifications SET "
                         f"{', '.join(f'{k} = ?' for k in given)}", tuple(given.values()))
        conn.close()
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    return outs


def _cells(dialog, row=0):
    return {dialog.COLUMNS[j]: dialog.table.item(row, j).text()
            for j in range(dialog.table.columnCount())}


def test_the_masters_column_shows_what_the_master_holds_now(plugin, master, tmp_path):
    import sqlite3

    from field_kit.db import connect

    row = _conflict_on_a_note(master, tmp_path)
    conn = connect(master)
    with conn:  # GIS staff change the note after the merge
        conn.execute("UPDATE patch_verifications SET notes = '复核中' WHERE uuid = ?", (row,))
    conn.close()
    dialog = plugin.show_conflicts()
    # what the master holds now, and that it changed since the conflict was recorded
    assert _cells(dialog)["ours"] == "复核中 (changed since the conflict was recorded)"
    dialog.table.selectRow(0)
    dialog.settle(take="ours")  # keeping the master's value keeps what the column showed
    assert dialog.table.rowCount() == 0
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0] == "复核中"
    dialog.close()


@pytest.mark.parametrize("lang, package", [("zh", False), ("en", False), ("en", True)])
def test_a_note_changed_while_the_list_is_open_is_not_settled_over_unseen(
        plugin, master, tmp_path, monkeypatch, lang, package):
    """GIS staff change the note (another program, committed) while the supervisor looks at
    the list: taking the other value is refused, said in the user's language, the list then
    shows the note as it is; writing over it is a second, explicit step."""
    import re
    import sqlite3
    import time

    from qgis.PyQt.QtCore import QCoreApplication

    from field_kit.plan.geometry import register_functions
    from field_kit.sync import log_reads
    from field_kit.sync.changelog import local_time
    from qgis_plugin.dialogs import conflicts
    from tests.qgis.conftest import install_chinese

    if lang == "zh":  # the plugin's Chinese, as QGIS in Chinese loads it
        translator = install_chinese(tmp_path / "i18n")
    monkeypatch.setattr(conflicts, "user_language", lambda: lang)
    row = _conflict_on_a_note(master, tmp_path)
    dialog = plugin.show_conflicts()
    try:
        conn = sqlite3.connect(master)
        register_functions(conn)
        with conn:
            conn.execute("UPDATE patch_verifications SET notes = '复核中' WHERE uuid = ?",
                         (row,))
        conn.close()
        assert dialog.over_button.isHidden()
        dialog.table.selectRow(0)
        monkeypatch.setenv("TZ", "Asia/Urumqi")  # six hours from UTC
        time.tzset()
        if package:  # the other value for all of the package: refused as a whole
            dialog.settle_package("theirs")
        else:
            dialog.settle(take="theirs")
        assert dialog.table.rowCount() == 1  # still open: nothing written
        said = dialog.message.text()
        for words in ({"zh": "未处理", "en": "Not settled"}[lang], "北侧仍有积水", "复核中",
                      {"zh": "备注", "en": "Notes"}[lang], "master"):
            assert words in said, (words, said)
        # the later edit's time is local, as History and the command line give it
        # (the log with the edits captured and not sealed yet: GIS staff's is one)
        with sqlite3.connect(master) as conn:
            edits = {local_time(e["at"]) for e in log_reads.log(conn, row_uuid=row)
                     if e["device"] == "master"}
        when = re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?!\.)", said.split("\n")[1])
        assert when and when[-1] in edits, (said, edits)
        # the refusal's button shown, the dialog still fits an 800-pixel screen
        QCoreApplication.processEvents()
        assert not dialog.over_button.isHidden()
        assert dialog.minimumSizeHint().width() <= 800, dialog.minimumSizeHint()
        with sqlite3.connect(master) as conn:
            assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                                (row,)).fetchone()[0] == "复核中"
        assert _cells(dialog)["ours"].startswith("复核中")  # the list shows it now
        assert not dialog.over_button.isHidden()
        dialog.over_button.click()  # on purpose: the other value over the later edit
        assert dialog.table.rowCount() == 0 and dialog.over_button.isHidden()
        with sqlite3.connect(master) as conn:
            assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                                (row,)).fetchone()[0] == "坡面已稳定"
    finally:
        dialog.close()
        monkeypatch.delenv("TZ", raising=False)
        time.tzset()
        if lang == "zh":
            QCoreApplication.removeTranslator(translator)


def test_a_typed_value_is_checked_against_the_code_list_and_type(plugin, master, tmp_path):
    import sqlite3

    row = _conflict_on(master, tmp_path, "remediation_status", "A", ("B", "C"))
    dialog = plugin.show_conflicts()
    dialog.table.selectRow(0)
    for typed in ("不存在的代码", "Z"):
        dialog.value_edit.setText(typed)
        dialog.settle(value=dialog.value_edit.text())
        assert dialog.table.rowCount() == 1, typed  # refused, still open
        said = dialog.message.text()
        assert typed in said and ("code list" in said or "代码" in said), said
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT remediation_status FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0] in ("B", "C")  # unchanged
    dialog.settle(value="未治理")  # a code's label stands for its code
    assert dialog.table.rowCount() == 0
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT remediation_status FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0] == "A"
    dialog.close()


def test_a_typed_value_must_fit_the_column_type(plugin, master, tmp_path):
    _conflict_on(master, tmp_path, "verified_on", "2025-05-01", ("2025-05-02", "2025-05-03"))
    dialog = plugin.show_conflicts()
    dialog.table.selectRow(0)
    dialog.settle(value="五月")
    assert dialog.table.rowCount() == 1
    assert "五月" in dialog.message.text()
    dialog.settle(value="2025-05-04")
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_conflicts_dialog_screenshot(plugin, master, tmp_path):
    from tests.plan_build import ROOT

    _conflict_on(master, tmp_path, "remediation_status", "A", ("B", "C"))
    dialog = plugin.show_conflicts()
    dialog.table.selectRow(0)
    dialog.settle(value="不存在的代码")
    (ROOT / "out").mkdir(exist_ok=True)
    assert dialog.grab().save(str(ROOT / "out" / "qgis_conflicts.png"))
    dialog.close()


@pytest.mark.parametrize("kind", ["text", "other_geopackage"])
def test_a_file_that_is_not_a_plan_is_refused_and_the_layers_stay(iface, plugin, tmp_path,
                                                                  kind):
    other = tmp_path / "roads.gpkg"
    if kind == "text":
        other.write_text("not a database", encoding="utf-8")
    else:
        from osgeo import ogr, osr

        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(other))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4490)
        ds.CreateLayer("roads", srs, ogr.wkbLineString)
        ds = None
    before = {name: layer.id() for name, layer in plugin.layers.items()}
    dock = plugin.show_sync()
    assert plugin.load(other) == {}
    level, _title, text = iface.messages[-1]
    assert level == "critical" and "roads.gpkg" in text
    assert "plan" in text or "规划" in text or "GeoPackage" in text
    # the working layers are untouched and still usable
    assert {name: layer.id() for name, layer in plugin.layers.items()} == before
    assert len(QgsProject.instance().mapLayers()) == 15
    assert dock.township.count() == 7
    plugin.layers["mine_patches"].selectByExpression(
        "\"patch_code\" = 'CT6504222017000026002'")
    dialog = plugin.verify_patch()
    assert dialog.form.subject_uuid
    dialog.close()


def test_a_refused_file_leaves_the_projects_connections_alive(iface, plugin, tmp_path):
    """A file refused on opening leaves no garbage holding QGIS's project: collected later,
    it took the connections Python code had made to the project's signals with it (the
    plugin's own, other plugins')."""
    import gc

    from qgis.core import QgsVectorLayer

    heard = []
    project = QgsProject.instance()
    project.layersAdded.connect(heard.append)
    del project
    other = tmp_path / "roads.gpkg"
    other.write_text("not a database", encoding="utf-8")
    assert plugin.load(other) == {}
    gc.collect()
    layer = QgsVectorLayer("Point?crs=EPSG:4490", "probe", "memory")
    QgsProject.instance().addMapLayer(layer)
    assert heard and heard[-1][0].name() == "probe"
    QgsProject.instance().removeMapLayer(layer.id())


def _history_of_a_merged_verification(iface, plugin, master, tmp_path, **fields):
    """The history dialog of a verification merged from a technician's package, and its
    column heads."""
    sync = plugin.show_sync()
    sync.package_list.addItem(str(_field_edit(master, tmp_path, "tech-li", "李明", **fields)))
    sync.merge_packages()
    _wait_for(sync)
    layer = plugin.layers["patch_verifications"]
    layer.selectAll()
    iface.setActiveLayer(layer)
    dialog = plugin.show_history()
    return dialog, [dialog.table.horizontalHeaderItem(j).text()
                    for j in range(dialog.table.columnCount())]


def test_history_reads_plainly(iface, plugin, master, tmp_path):
    import re

    from tests.plan_build import ROOT

    dialog, heads = _history_of_a_merged_verification(iface, plugin, master, tmp_path)
    row = {h: dialog.table.item(0, j).text() for j, h in enumerate(heads)}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["When"]), row  # local, no 'Z'
    assert "tech-li" in row["How"] and "merge:" not in row["How"]
    rows = [{h: dialog.table.item(i, j).text() for j, h in enumerate(heads)}
            for i in range(dialog.table.rowCount())]
    patch = next(r for r in rows if r["Field"] == "Patch")
    assert not re.fullmatch(r"[0-9a-f-]{36}", patch["After"]), patch  # named, not a UUID
    assert not any(r["After"].endswith("NULL") for r in rows)  # a new row: what it holds
    dialog.show()
    QgsApplication.processEvents()
    header = dialog.table.horizontalHeader()
    width = dialog.table.viewport().width()
    for name in ("Before", "After"):
        j = heads.index(name)
        assert header.sectionViewportPosition(j) + 20 < width, name  # on the screen
    (ROOT / "out").mkdir(exist_ok=True)
    dialog.grab().save(str(ROOT / "out" / "qgis_history.png"))
    dialog.close()


@pytest.mark.parametrize("lang, said", [("en", "imported from patches.geojson"),
                                        ("zh", "导入自 patches.geojson")])
def test_history_says_the_import_and_its_file(iface, plugin, master, tmp_path, monkeypatch,
                                              lang, said):
    from qgis_plugin.dialogs import history
    from tests.qgis.test_import_dialog import wait_for
    from tests.unit.test_import_origin import renamed

    src, u = renamed(master, tmp_path, "测绘后的名称")
    dialog = plugin.show_import()
    dialog.set_target("mine_patches")
    dialog.load_source(str(src))
    assert dialog.import_now() is not None
    wait_for(dialog)
    assert dialog.result is not None and dialog.result.updated == 1
    dialog.close()
    monkeypatch.setattr(history, "user_language", lambda: lang)
    layer = plugin.layers["mine_patches"]
    layer.selectByExpression(f"\"uuid\" = '{u}'")
    iface.setActiveLayer(layer)
    shown = plugin.show_history()
    hows = {shown.table.item(i, j).text() for i in range(shown.table.rowCount())
            for j in range(shown.table.columnCount())}
    shown.close()
    assert said in hows, hows


def test_history_names_coded_values_by_their_labels(iface, plugin, master, tmp_path):
    """A code's label beside the code, as the conflicts dialog shows it."""
    dialog, heads = _history_of_a_merged_verification(iface, plugin, master, tmp_path,
                                                      patch_class="10", patch_feature="1")
    after = {dialog.table.item(i, heads.index("Field")).text():
             dialog.table.item(i, heads.index("After")).text()
             for i in range(dialog.table.rowCount())}
    dialog.show()
    QgsApplication.processEvents()
    dialog.grab().save(str(_out() / "qgis_history_codes.png"))
    dialog.close()
    assert after["Patch class"] == "10  Legacy mine", after
    assert after["Patch feature"] == "1  Quarry or pit", after
    assert after["Remediation status"] == "C  Work in progress", after
    assert after["Verifier"] == "李明", after


def test_each_dialog_has_a_help_button_opening_the_bundled_docs(iface, plugin, monkeypatch):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from qgis_plugin import help as plugin_help

    opened = []
    monkeypatch.setattr(plugin_help.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    plugin.layers["mine_patches"].selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
    iface.setActiveLayer(plugin.layers["mine_patches"])
    dialogs = [plugin.verify_patch(), plugin.show_conflicts(), plugin.show_history(),
               plugin.show_import(), plugin.show_sync().show_report()]
    for dialog in dialogs:
        box = dialog.findChild(QDialogButtonBox)
        button = next(b for b in dialog.findChildren(QDialogButtonBox)
                      if b.button(QDialogButtonBox.Help) is not None) if box else None
        assert button is not None, type(dialog).__name__
        button.button(QDialogButtonBox.Help).click()
        dialog.close()
    assert len(opened) == len(dialogs)
    from pathlib import Path

    page = Path(opened[0]).read_text(encoding="utf-8")
    assert "<h2>In QGIS</h2>" in page and "<b>Settle conflicts</b>" in page


def test_metadata_names_no_placeholder_addresses():
    from tests.plan_build import ROOT

    for line in (ROOT / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(("homepage=", "tracker=", "repository=")):
            assert ".invalid" not in line, line


def test_a_file_whose_capture_was_bypassed_is_said_on_loading(iface, master):
    import sqlite3
    c = sqlite3.connect(master)
    c.execute('DROP TRIGGER "sync_patch_verifications_update"')
    c.commit()
    c.close()
    said = [text for _, text in said_on_loading(iface, master)]
    assert any("field-kit repair" in t and "patch_verifications" in t for t in said)


def said_on_loading(iface, path) -> list[tuple[str, str]]:
    """(kind, text) of each message the plugin gives on loading ``path``."""
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        heard = len(iface.messages)
        p.load(path)
        return [(kind, text) for kind, _, text in iface.messages[heard:]]
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_a_file_whose_capture_another_program_switched_off_is_said_on_loading(iface, master):
    """``sync_state.capture`` left 0 by another program: every edit made in QGIS since
    escapes the log, with no trigger missing. Said on loading, as a trigger dropped is."""
    import sqlite3
    c = sqlite3.connect(master)
    c.execute("UPDATE sync_state SET capture = 0")
    c.commit()
    c.close()
    said = [text for kind, text in said_on_loading(iface, master) if kind == "critical"]
    assert said and "field-kit repair" in said[0] and "bypassed by another tool" in \
        said[0] and "mine_patches: capture switched off" in said[0], said


def test_a_file_whose_capture_another_program_switched_off_and_on_again_is_said_on_loading(
        iface, master):
    """``sync_state.capture`` set to 0 and back to 1 by another program: the edits made
    meanwhile escaped the log, with capture whole now. Said on loading all the same."""
    import sqlite3
    for on in (0, 1):
        c = sqlite3.connect(master)
        c.execute("UPDATE sync_state SET capture = ?", (on,))
        c.commit()
        c.close()
    said = [text for kind, text in said_on_loading(iface, master) if kind == "critical"]
    assert said and "field-kit repair" in said[0] and "mine_patches: capture was switched " \
        "off by another program at " in said[0] and "and on again: edits made meanwhile " \
        "were not captured" in said[0], said


def test_the_toolkits_processing_algorithms_come_and_go_with_the_plugin(iface):
    from qgis.core import QgsApplication
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        assert QgsApplication.processingRegistry().algorithmById("toksun:merge") is not None
    finally:
        p.unload()
    assert QgsApplication.processingRegistry().providerById("toksun") is None


def test_the_sync_dock_lists_merges_and_undoes_one(iface, plugin, master, tmp_path,
                                                    monkeypatch):
    from qgis.PyQt.QtWidgets import QMessageBox
    change_package = _field_edit(master, tmp_path, "tech-zhao", "赵")
    dock = plugin.show_sync()
    dock.package_list.addItem(str(change_package))
    dock.merge_packages()
    _wait_for(dock)
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    assert dock.merge_list.count() == 1 and "tech-zhao" in dock.merge_list.item(0).text()
    dock.merge_list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dock.undo_button.click()  # asks, and the answer is yes
    _wait_for(dock)
    assert "1" in dock.report.toPlainText()
    assert plugin.layers["patch_verifications"].featureCount() == 0
    assert "undone" in dock.merge_list.item(0).text() or "撤销" in dock.merge_list.item(0).text()


def test_the_sync_dock_gives_a_merges_times_in_local_time_as_history_does(
        iface, plugin, master, tmp_path, monkeypatch):
    import time

    from qgis.PyQt.QtWidgets import QMessageBox

    from field_kit.sync import masters
    from field_kit.sync.changelog import local_time
    monkeypatch.setenv("TZ", "Asia/Urumqi")  # six hours from UTC
    time.tzset()
    try:
        dock = plugin.show_sync()
        dock.package_list.addItem(str(_field_edit(master, tmp_path, "tech-zhao", "赵")))
        dock.merge_packages()
        _wait_for(dock)
        dock.merge_list.setCurrentRow(0)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
        dock.undo_button.click()
        _wait_for(dock)
        (m,) = masters.merges(master)
        text = dock.merge_list.item(0).text()
        assert text.startswith(local_time(m["at"]) + " "), text
        assert local_time(m["undone_at"]) in text and "Z" not in text, text
        assert local_time(m["at"]) != m["at"][:19].replace("T", " ")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_sync_dock_shows_a_packages_changes_and_pulls_the_master_into_it(
        plugin, master, tmp_path):
    from field_kit.db import connect
    from field_kit.sync import package_checkout
    pkg = tmp_path / "tech-qian.gpkg"
    package_checkout.checkout(master, pkg, "tech-qian", township="郭勒布依乡")
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes) VALUES ('waiting')")
    dock = plugin.show_sync()
    dock.choose_package(str(pkg))
    assert "tech-qian" in dock.package_label.text() and "1" in dock.package_label.text()
    with connect(master) as c:  # GIS staff change the plan meanwhile
        c.execute("UPDATE mine_patches SET phase = 'p' WHERE township = '郭勒布依乡'")
    dock.pull_button.click()
    _wait_for(dock)
    assert "tech-qian" in dock.report.toPlainText()
    with connect(pkg) as c:
        assert c.execute("SELECT count(*) FROM mine_patches WHERE phase = 'p'").fetchone()[0]


def test_a_pull_names_a_plan_layers_field_by_its_label(plugin, master, tmp_path):
    """GIS staff's unsent phase of a patch met another in the master: the pull report names
    the field as the plan layer's form does, not by its column."""
    from field_kit.db import connect
    from field_kit.plan.values import field_label
    from field_kit.sync import package_checkout
    from qgis_plugin.i18n import user_language
    pkg = tmp_path / "gis-wu.gpkg"
    package_checkout.checkout(master, pkg, "gis-wu", township="郭勒布依乡", role="gis")
    with connect(pkg) as c:
        c.execute("UPDATE mine_patches SET phase = 'mine' WHERE fid = (SELECT min(fid) FROM "
                  "mine_patches)")
        row = c.execute("SELECT uuid FROM mine_patches WHERE phase = 'mine'").fetchone()[0]
    with connect(master) as c:
        c.execute("UPDATE mine_patches SET phase = 'theirs' WHERE uuid = ?", (row,))
    said = _pulled_report(plugin, pkg)
    label = field_label("mine_patches", "phase", user_language())
    assert label != "phase" and f" · {label}: mine" in said and " · phase:" not in said, said


def test_a_pull_counts_the_changes_of_the_conflicts_it_lists(plugin, master, tmp_path):
    """The master changed a patch's phase the package holds unsent, its period, then the
    phase back to the package's: the report lists one conflict, in one change, and says the
    change whose conflict the later one settled apart."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout
    from qgis_plugin.core_messages import in_conflict
    pkg = tmp_path / "gis-wu.gpkg"
    package_checkout.checkout(master, pkg, "gis-wu", township="郭勒布依乡", role="gis")
    with connect(pkg) as c:
        row = c.execute("SELECT min(uuid) FROM mine_patches").fetchone()[0]
        c.execute("UPDATE mine_patches SET phase = 'mine', period = 'mine' WHERE uuid = ?",
                  (row,))
    for change in ("phase = 'theirs'", "period = 'theirs'", "phase = 'mine'"):
        with connect(master) as c:
            c.execute(f"UPDATE mine_patches SET {change} WHERE uuid = ?", (row,))
    said = _pulled_report(plugin, pkg)
    assert f"conflicts {in_conflict(1, 1)} (where" in said, said
    assert "1 change met a conflict that a later change of the master settled: the " \
        "package holds what the master holds, nothing to settle." in said, said


def test_a_pull_names_a_note_a_decision_on_its_row_replaced_and_counts_the_edits_met(
        plugin, master, tmp_path):
    """Two technicians noted a record GIS staff deleted; both notes were taken in turn, the
    second last: the first technician's pull names the note replaced, the second's counts
    its one edit that the delete and the first decision met."""
    from field_kit.sync import merge
    from tests.unit.gpkg_factory import noted_twice_and_deleted
    merge.merge(master, [_field_edit(master, tmp_path, "tech-sun", "孙")])
    ra, rb = noted_twice_and_deleted(master, tmp_path, township="郭勒布依乡")
    said = _pulled_report(plugin, ra)
    assert "1 value this device sent is replaced by the master's" in said, said
    assert "· Notes: note A → note B" in said, said
    said = _pulled_report(plugin, rb)
    assert "1 change met a conflict that a later change of the master settled: the " \
        "package holds what the master holds, nothing to settle." in said, said


def test_a_merges_report_counts_its_conflicts_as_settle_conflicts_lists_them(
        iface, plugin, master, tmp_path):
    """Two fields of one record met edits made in the master: the report's table counts the
    two fields Settle conflicts lists, in one change."""
    from qgis_plugin.core_messages import in_conflict
    from qgis_plugin.dialogs.conflicts import ConflictsDialog
    from tests.unit.gpkg_factory import fields_met_in_the_master
    package = fields_met_in_the_master(master, tmp_path)
    dock = plugin.show_sync()
    dock.package_list.addItem(str(package))
    dock.merge_packages()
    _wait_for(dock)
    assert ConflictsDialog(iface, master).table.rowCount() == 2
    said = in_conflict(1, 2)
    assert said != "1" and said in dock.report.toPlainText(), dock.report.toPlainText()
    assert f" {said}," in dock.merge_list.item(0).text(), dock.merge_list.item(0).text()


def _two_tablets(master, tmp_path, on_mine: str):
    """tech-sun's verification merged; then ``on_mine`` on its tablet (exported as
    sun-2.zip) and, later, a status set on tech-li's (li.zip). Returns (tech-sun's package,
    the record's uuid, its patch code)."""
    from field_kit.db import connect
    from field_kit.sync import merge, package_checkout, package_export
    merge.merge(master, [_field_edit(master, tmp_path, "tech-sun", "孙")])
    mine, theirs = tmp_path / "tech-sun.gpkg", tmp_path / "tech-li.gpkg"
    package_checkout.checkout(master, theirs, "tech-li", township="郭勒布依乡")
    with connect(mine) as c:
        uuid, code = c.execute("SELECT uuid, patch_code FROM patch_verifications").fetchone()
        c.execute(on_mine)
    package_export.export(mine, tmp_path / "sun-2.zip")
    with connect(theirs) as c:  # later, on the other tablet
        c.execute("UPDATE patch_verifications SET remediation_status = 'D'")
    package_export.export(theirs, tmp_path / "li.zip")
    return mine, uuid, code


def _pulled_report(plugin, package) -> str:
    """The sync dock's report once the user pulled the master into ``package``."""
    dock = plugin.show_sync()
    dock.choose_package(str(package))
    dock.pull_button.click()
    _wait_for(dock)
    return dock.report.toPlainText()


def test_the_sync_dock_names_the_values_a_pull_replaced_as_the_forms_show_them(
        plugin, master, tmp_path):
    """A status this device sent met a later one from another device in the master: the pull
    report names the record by its patch, the field by its label, each code by its label."""
    from field_kit.sync import merge
    mine, uuid, code = _two_tablets(master, tmp_path, "UPDATE patch_verifications SET "
                                    "remediation_status = 'A'")
    assert merge.merge(master, [tmp_path / "sun-2.zip"]).totals["applied"] == 1
    assert merge.merge(master, [tmp_path / "li.zip"]).totals["conflict"] == 1
    report = _pulled_report(plugin, mine)
    assert "1 value this device sent is replaced by the master's" in report, report
    assert f"· {code} · Remediation status: A Untreated → D Natural recovery" in report, \
        report
    assert uuid not in report


def test_the_sync_dock_names_a_conflict_a_pull_met_and_counts_the_fields_it_brought(
        plugin, master, tmp_path):
    """An unsent note on this device, and GIS staff's note and verifier in the master: the
    pull report counts the verifier brought in and names the record, field and both notes."""
    from field_kit.db import connect
    from field_kit.sync import merge
    merge.merge(master, [_field_edit(master, tmp_path, "tech-sun", "孙")])
    mine = tmp_path / "tech-sun.gpkg"
    with connect(mine) as c:
        uuid, code = c.execute("SELECT uuid, patch_code FROM patch_verifications").fetchone()
        c.execute("UPDATE patch_verifications SET notes = 'mine'")
    with connect(master) as c:
        c.execute("UPDATE patch_verifications SET notes = 'gis note', verifier = 'Wang' "
                  "WHERE uuid = ?", (uuid,))
    report = _pulled_report(plugin, mine)
    # counted as the command line's pull and Settle conflicts count them
    assert "conflicts 1 to settle in 1 change (where" in report and "1 field of " \
        "records already there now holds the master's value" in report, report
    assert f"· {code}" in report and "· Notes: mine (the master holds gis note)" in report, \
        report


def test_the_sync_dock_names_a_record_a_pull_gave_back(plugin, master, tmp_path):
    """This device deleted a record another edited later: the master kept it, and the pull
    gives it back, named by its patch."""
    from field_kit.sync import merge
    mine, _, code = _two_tablets(master, tmp_path, "DELETE FROM patch_verifications")
    assert merge.merge(master, [tmp_path / "li.zip"]).totals["applied"] == 1
    assert merge.merge(master, [tmp_path / "sun-2.zip"]).totals["conflict"] == 1
    report = _pulled_report(plugin, mine)
    assert "1 record this device had deleted is back (the master kept it):" in report, \
        report
    dock = plugin.show_sync()  # more than the counts: shown at a width to read it
    assert dock.report_button.isEnabled() and dock.report_dialog is not None
    assert dock.report_dialog.isVisible() and "is back" in \
        dock.report_dialog.browser.toPlainText()
    assert f"· {code}" in report, report


def test_the_sync_dock_says_which_conflicts_of_the_package_are_settled(plugin, master,
                                                                       tmp_path):
    """tech-sun's unsent status met tech-li's at a pull (kept, a conflict in its package);
    merged, sun's later value holds in the master: the next pull closes that conflict."""
    from field_kit.db import connect
    from field_kit.sync import merge, package_checkout, package_export, pull
    merge.merge(master, [_field_edit(master, tmp_path, "tech-sun", "孙")])
    mine, theirs = tmp_path / "tech-sun.gpkg", tmp_path / "tech-li.gpkg"
    package_checkout.checkout(master, theirs, "tech-li", township="郭勒布依乡")
    with connect(theirs) as c:
        c.execute("UPDATE patch_verifications SET remediation_status = 'D'")
    package_export.export(theirs, tmp_path / "li.zip")
    merge.merge(master, [tmp_path / "li.zip"])
    with connect(mine) as c:  # later, on this tablet
        c.execute("UPDATE patch_verifications SET remediation_status = 'A'")
    assert pull.pull(mine, master).conflicts == 1
    package_export.export(mine, tmp_path / "sun-2.zip")
    merge.merge(master, [tmp_path / "sun-2.zip"])
    report = _pulled_report(plugin, mine)
    assert "1 conflict of this package is settled: it now holds what the master holds." \
        in report, report


def test_the_sync_dock_says_which_edit_the_role_may_never_make_a_pull_gave_up(
        plugin, master, tmp_path):
    """A technician's package changed a patch (GIS staff's to change): refused by the merge,
    the pull does not send it again, gives the package the master's value and says so by
    the patch's code, in the user's language."""
    from field_kit.db import connect
    from field_kit.sync import merge, package_checkout, package_export
    from qgis_plugin.core_messages import in_user_language
    mine = tmp_path / "tech-wu.gpkg"
    package_checkout.checkout(master, mine, "tech-wu", township="郭勒布依乡")
    with connect(mine) as c:
        uuid, code = c.execute("SELECT uuid, patch_code FROM mine_patches ORDER BY fid"
                               ).fetchone()
        c.execute("UPDATE mine_patches SET mineral = '金' WHERE uuid = ?", (uuid,))
    package_export.export(mine, tmp_path / "wu.zip")
    assert merge.merge(master, [tmp_path / "wu.zip"]).totals["refused"] == 1
    report = _pulled_report(plugin, mine)
    said = f"your edit of mine_patches {code} (mineral) was refused: a technician may not " \
           "change mine_patches; the package now holds the master's value"
    assert said in report, report
    assert "sent again" not in report, report
    dock = plugin.show_sync()  # more than the counts: shown at a width to read it
    assert dock.report_dialog is not None and dock.report_dialog.isVisible()
    assert in_user_language(said, "zh") == (
        f"本机对历史遗留矿山图斑 {code}（矿种）的修改被主库拒收：技术员无权修改历史遗留矿山图斑；"
        "数据包现已采用主库的值")


def test_the_sync_dock_says_why_a_record_a_pull_sends_again_was_refused(plugin, master,
                                                                         tmp_path):
    """A technician's new record with text for its measured area: refused by the merge; the
    pull sends it again and says so by the patch's code and the fields it set, with why and
    what to do, in the user's language, as the command line does."""
    from field_kit.db import connect
    from field_kit.sync import merge, package_checkout, package_export
    from qgis_plugin.core_messages import in_user_language
    mine = tmp_path / "tech-ma.gpkg"
    package_checkout.checkout(master, mine, "tech-ma", township="郭勒布依乡")
    with connect(mine) as c:
        uuid, code = c.execute("SELECT uuid, patch_code FROM mine_patches ORDER BY fid"
                               ).fetchone()
        c.execute("INSERT INTO patch_verifications (patch_uuid, patch_code, measured_area_m2) "
                  "VALUES (?, ?, 'abc')", (uuid, code))
    package_export.export(mine, tmp_path / "ma.zip")
    assert merge.merge(master, [tmp_path / "ma.zip"]).totals["refused"] == 1
    report = _pulled_report(plugin, mine)
    said = f"your new row of patch_verifications {code} (patch_uuid, patch_code, " \
           "measured_area_m2) was refused: measured_area_m2: 'abc' is not a number (REAL); " \
           "mend it, then export: it is sent again"
    assert in_user_language(said) in report, report
    assert "geom" not in report and "created_at" not in report, report
    assert in_user_language(said, "zh") == (
        f"本机对图斑核查记录 {code}（图斑、图斑编号、核查面积（平方米））的新增记录"
        "被主库拒收：核查面积（平方米）：“abc”不是数字（REAL）；请先修正，再导出：它将被重新发送")


def test_the_sync_dock_pulling_into_a_qfield_project_writes_its_photos_and_its_zip(
        plugin, master, tmp_path):
    """The package of a QField project folder chosen in the dock: the photos the pull
    brought are in its DCIM/ and its zip is the folder's again, which the report says."""
    from field_kit.qfield import checkout
    from tests.unit.test_qfield_pull import _from_another_phone
    info = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")
    _, jpeg, _ = _from_another_phone(master, tmp_path, "DCIM/theirs.jpg")
    dock = plugin.show_sync()
    dock.choose_package(f"{info['folder']}/package.gpkg")
    dock.pull_button.click()
    _wait_for(dock)
    assert (tmp_path / "phone1" / "DCIM" / "theirs.jpg").read_bytes() == jpeg
    with zipfile.ZipFile(info["zip"]) as zf:
        assert zf.read("package.gpkg") == (tmp_path / "phone1" / "package.gpkg").read_bytes()
        assert zf.read("DCIM/theirs.jpg") == jpeg
    report = dock.report.toPlainText()
    assert "DCIM/theirs.jpg" in report and info["zip"] in report


def test_a_package_of_the_selection_names_the_layers_it_carries_whole(iface, master, tmp_path,
                                                                      monkeypatch):
    """A layer of the county's own in other coordinates than the selection's box is carried
    whole, and the dock and the message bar say which."""
    from qgis.PyQt.QtWidgets import QFileDialog

    from field_kit.cli.commands import main
    csv = tmp_path / "g.csv"
    csv.write_text('WKT,plot\n"POINT (500000 4700000)",P1\n')
    subprocess.run(["ogr2ogr", "-update", "-f", "GPKG", str(master), str(csv), "-nln",
                    "grass_plots", "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo",
                    "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4528", "-lco",
                    "GEOMETRY_NAME=geom"], check=True, capture_output=True)
    assert main(["init", str(master)]) == 0
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    try:
        patches = p.layers["mine_patches"]
        patches.selectByIds([next(patches.getFeatures()).id()])
        dock = p.show_sync()
        out = tmp_path / "sel.gpkg"
        asked = []

        def save_as(*args, **kwargs):
            asked.append(kwargs.get("options"))
            return str(out), ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
        dock.device.setText("tab-sel")
        dock.by_selection.setChecked(True)
        dock.checkout_button.click()
        _wait_for(dock)
        gc.collect()
        assert dock.grab().save(str(_out() / "qgis_checkout_whole.png"))
        assert "grass_plots" in dock.report.toPlainText()
        assert any(k == "warning" and "grass_plots" in text for k, _, text in iface.messages)
        # the file dialog does not offer to replace a package the checkout would refuse
        assert asked == [QFileDialog.DontConfirmOverwrite]
    finally:
        p.unload()


def test_merge_progress_moves_while_a_large_package_is_read_and_settled(iface, tmp_path):
    """The bar follows a long merge step by step (reading and checking the package, the
    rows settled together), not only at its end."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export
    from qgis_plugin.docks.sync import SyncDock
    from tests.unit.gpkg_factory import make_gdal_layer

    master = tmp_path / "stands.gpkg"
    make_gdal_layer(master, 20_000, "forest_stands")
    changelog.install(master)
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    conn = connect(pkg)
    with conn:
        conn.execute("UPDATE forest_stands SET status = 'thinned' WHERE fid % 2 = 0")
        conn.execute("UPDATE forest_stands SET area_ha = area_ha + 1 WHERE fid % 2 = 1")
        conn.execute("DELETE FROM forest_stands WHERE fid % 97 = 0")
        conn.executemany("INSERT INTO forest_stands (stand_id, status) VALUES (?, 'new')",
                         [(f"N{i}",) for i in range(2000)])
    conn.close()
    package_export.export(pkg, tmp_path / "gis.zip")

    dock = SyncDock(iface, master)
    dock.resize(420, 700)
    dock.show()
    seen: list[int] = []
    bar_set = dock.progress.setValue

    def spy(value):
        seen.append(value)
        bar_set(value)
        if 40 <= value < 60 and not any(40 <= v < 60 for v in seen[:-1]):
            dock.grab().save(str(_out() / "sync_merge_progress.png"))  # half-way, as seen
    dock.progress.setValue = spy
    dock.package_list.addItem(str(tmp_path / "gis.zip"))
    dock.merge_packages()
    _wait_for(dock)
    assert "gis-1" in dock.report.toHtml()
    moving = [v for v in seen if 0 < v < 100]
    assert moving == sorted(moving), seen
    assert len(set(moving)) >= 8, seen  # steps all along, not 0 then the end
    assert max(moving) >= 85, seen
    dock.deleteLater()


def test_undoing_a_merge_that_made_a_layer_says_the_layer_is_left(plugin, master, tmp_path,
                                                                  monkeypatch):
    """A GIS package's merge made a layer (as ogr2ogr writes one); undone from the dock, the
    report says the layer is left, empty, as the command line does."""
    from field_kit.sync import masters, package_export
    plugin.load(master)
    pkg = tmp_path / "g.gpkg"
    masters.checkout(master, pkg, "gis-w", role="gis")
    (tmp_path / "wells.csv").write_text("name,lon,lat\nw1,88.70,42.85\n")
    subprocess.run(["ogr2ogr", "-update", str(pkg), str(tmp_path / "wells.csv"), "-nln",
                    "wells", "-a_srs", "EPSG:4490", "-oo", "X_POSSIBLE_NAMES=lon", "-oo",
                    "Y_POSSIBLE_NAMES=lat"], check=True)
    package_export.export(pkg, tmp_path / "g.zip")
    assert masters.merge(master, [tmp_path / "g.zip"]).results[0].layers == ["wells"]
    text = undo_from_dock(plugin.show_sync(), monkeypatch)
    assert ("Layer wells, made by this merge, is left empty." in text or
            "本次合并新增的图层 wells 已保留（为空）。" in text), text


def test_a_county_layer_added_with_ogr2ogr_opens_in_other_layers_and_one_left_out_is_named(
        iface, master, tmp_path):
    """A layer of the county's own added to the master with ogr2ogr, not yet tracked (the
    next command tracks it), opens with the plan, in its group 其他图层 Other layers; a table
    that cannot be tracked is not opened, and is named with the reason."""
    import sqlite3

    wells = tmp_path / "wells.geojson"
    wells.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                     '"properties": {"名称": "一号井"}, "geometry": {"type": "Point", '
                     '"coordinates": [88.7, 42.85]}}]}')
    subprocess.run(["ogr2ogr", "-update", str(master), str(wells), "-nln", "水井"],
                   check=True, capture_output=True)
    conn = sqlite3.connect(master)
    with conn:
        conn.execute("CREATE TABLE 台账 (名称 TEXT PRIMARY KEY, 数量 REAL)")
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                     "VALUES ('台账', 'attributes', '台账')")
    conn.close()
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        heard = len(iface.messages)
        assert p.load(master)
        QgsApplication.processEvents()
        group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
        other = group.findGroup("其他图层 Other layers")
        assert other is not None
        assert [n.layer().name() for n in other.findLayers()] == ["水井"]
        assert other.findLayers()[0].layer().featureCount() == 1
        said = " ".join(text for _, _, text in iface.messages[heard:])
        assert "台账" in said and "PRIMARY KEY" in said, said
        # the plan's own record and QGIS's styles are no layers anyone opens: not named
        assert "plan_meta" not in said and "layer_styles" not in said, said
    finally:
        iface.mapCanvas().waitWhileRendering()
        QgsProject.instance().removeAllMapLayers()
        QgsApplication.processEvents()
        p.unload()


def test_the_docks_open_when_qgis_closed_open_again_on_the_master_they_showed(iface, master):
    """Sync and Progress open when QGIS closes (the plugin unloaded) come back when it
    starts again (loaded), on the master they showed; a dock the user closed does not, nor
    any where that master is gone."""
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    p.show_sync()
    p.show_dashboard()
    iface.mapCanvas().waitWhileRendering()
    p.unload()  # QGIS closing
    QgsProject.instance().clear()
    p = ToksunPlugin(iface)
    p.initGui()  # QGIS started again
    try:
        assert set(p.docks) == {"sync", "dashboard"}
        assert all(not dock.isHidden() for dock in p.docks.values())
        assert all(str(dock.master) == str(master) for dock in p.docks.values())
        p.docks["dashboard"].close()  # the user closes one
    finally:
        p.unload()
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        assert set(p.docks) == {"sync"}
    finally:
        p.unload()
    master.rename(master.with_name("moved.gpkg"))
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        assert not p.docks
    finally:
        p.unload()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_settling_over_a_later_merges_value_says_which_conflict_to_settle_first(
        plugin, master, tmp_path, monkeypatch, lang):
    """A, C and B change a verification's notes, merged A, C, B: conflict 1's decision
    would write over B's notes, which only B's open conflict holds: Settle conflicts
    refuses it, naming that conflict to settle first, in the user's language."""
    from qgis.PyQt.QtCore import QCoreApplication, Qt

    from qgis_plugin.dialogs import conflicts
    from tests.qgis.conftest import install_chinese
    from tests.unit.test_settle_over_a_later_merge import merged_one_at_a_time

    if lang == "zh":
        translator = install_chinese(tmp_path / "i18n")
    monkeypatch.setattr(conflicts, "user_language", lambda: lang)
    _, _, first, second = merged_one_at_a_time(tmp_path, master)
    dialog = plugin.show_conflicts()
    try:
        dialog.table.selectRow(0)
        assert dialog.table.item(0, 0).data(Qt.UserRole) == first.id
        dialog.settle(take="theirs")
        assert dialog.table.rowCount() == 2  # nothing settled
        said = dialog.message.text()
        assert {"zh": f"该值在其冲突 #{second.id} 中待处理：请先处理该冲突",
                "en": f"which its conflict #{second.id} keeps open: settle that one first"
                }[lang] in said, said
    finally:
        dialog.close()
        if lang == "zh":
            QCoreApplication.removeTranslator(translator)
