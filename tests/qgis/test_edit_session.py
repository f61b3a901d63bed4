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
    assert took < 5, f"typing froze QGIS for {took:.1f} s"  # it was 10 s a keystroke
    said = form.banner.text()
    assert "database is locked" not in said
    assert "编辑" in said or "edit" in said.lower(), said
    start = time.monotonic()
    assert form.save() is None  # refused at once, said why, nothing half-written
    assert time.monotonic() - start < 5
    assert "编辑" in form.banner.text() or "edit" in form.banner.text().lower()
    dialog.close()
    # what was typed is not lost: the form opened again brings it back, and once QGIS lets
    # the file go the record is saved and the draft beside the plan is gone
    dialog = plugin.verify_patch()
    assert dialog.form.editor("verifier").state()["verifier"] == "李明"
    plugin.layers["mine_patches"].rollBack()
    dialog.form.set_value("verifier", "李明华")
    assert dialog.form.side_id is None  # kept in the plan itself again
    dialog.close()
    plugin.layers["mine_patches"].selectByExpression(f"\"patch_code\" = '{CODE}'")
    dialog = plugin.verify_patch()
    assert dialog.form.editor("verifier").state()["verifier"] == "李明华"
    dialog.close()


def test_a_merge_beside_unsaved_edits_refuses_and_names_the_layer(plugin, master, tmp_path):
    import sqlite3

    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export
    from tests.qgis.test_plugin import _wait_for
    from tests.unit.gpkg_factory import sha256_file

    # a GIS package changes the mineral of the patch
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "gis-wang", role="gis")
    conn = connect(pkg)
    with conn:
        conn.execute("UPDATE mine_patches SET mineral = '花岗岩' WHERE patch_code = ?", (CODE,))
    conn.close()
    package_export.export(pkg, tmp_path / "gis.zip")
    # meanwhile the same field is edited in QGIS and not yet saved
    plugin.load(master)
    patches = plugin.layers["mine_patches"]
    assert patches.startEditing()
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    patches.changeAttributeValue(feature.id(), patches.fields().indexOf("mineral"), "石灰岩")
    before = sha256_file(master)
    dock = plugin.show_sync()
    dock.package_list.addItem(str(tmp_path / "gis.zip"))
    dock.merge_packages()
    _wait_for(dock)
    said = dock.report.toPlainText()
    assert patches.name() in said, said
    assert "save" in said.lower() or "保存" in said
    assert sha256_file(master) == before  # nothing merged
    assert patches.commitChanges()
    dock.merge_packages()  # saved: now the merge runs, and reports the clash as a conflict
    _wait_for(dock)
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT count(*) FROM sync_merges").fetchone()[0] == 1


def test_settling_a_conflict_beside_unsaved_edits_refuses(plugin, master, tmp_path):
    from tests.qgis.test_plugin import _conflict_on_a_note

    _conflict_on_a_note(master, tmp_path)
    plugin.load(master)
    records = plugin.layers["patch_verifications"]
    assert records.startEditing()
    feature = next(records.getFeatures())
    records.changeAttributeValue(feature.id(), records.fields().indexOf("notes"), "QGIS 中的编辑")
    dialog = plugin.show_conflicts()
    dialog.table.selectRow(0)
    dialog.settle(take="theirs")
    assert dialog.table.rowCount() == 1  # still open: nothing written
    assert records.name() in dialog.message.text()
    records.rollBack()
    dialog.settle(take="theirs")
    assert dialog.table.rowCount() == 0
    dialog.close()
