# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock follows what the user does elsewhere: the changes waiting in a field
package as its layers' edits are saved in QGIS, the file opened (nothing said of the one
before), and the change packages merged (off the list, not merged twice)."""

from __future__ import annotations

import sys

from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton

from qgis_plugin.i18n import tr
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _field_edit, _wait_for


def _pending(pkg) -> int:
    from field_kit.db import connect
    from field_kit.sync import log_reads

    conn = connect(pkg, readonly=True)
    try:
        return log_reads.pending(conn)
    finally:
        conn.close()


def _waiting(n: int) -> tuple[str, str]:
    return f"{n} change{'s' * (n != 1)} waiting to be exported", f"{n} 条修改待导出"


def _checked_out_from_the_dock(p, dock, pkg, monkeypatch) -> None:
    """A GIS staff's field package ``pkg`` made as the user makes it in the dock."""
    dock.device.setText(pkg.stem)
    dock.role.setCurrentIndex(dock.role.findData("gis"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(pkg), "")))
    dock.checkout_button.click()
    _wait_for(dock)
    assert pkg.exists(), dock.report.toPlainText()


def test_the_count_of_changes_waiting_follows_the_edits_saved_in_qgis(iface, master,
                                                                      tmp_path, monkeypatch):
    """GIS staff open their field package and edit its plan layers in QGIS: each Save
    Layer Edits changes the count the dock shows (nothing is counted before it). Once the
    plugin is unloaded, a save reaches nothing of the dock gone."""
    pkg = tmp_path / "gis-wang.gpkg"
    heard: list = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: heard.append(exc))
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        _checked_out_from_the_dock(p, _sync_dock(p, master), pkg, monkeypatch)
        dock = _sync_dock(p, pkg)
        assert any(said in dock.package_label.text() for said in _waiting(0))

        patches = p.layers["mine_patches"]
        assert patches.startEditing()
        first = next(patches.getFeatures())
        mineral = "建筑用砂" if first["mineral"] == "砖瓦用粘土" else "砖瓦用粘土"
        patches.changeAttributeValue(first.id(), patches.fields().indexOf("mineral"), mineral)
        assert patches.commitChanges(), patches.commitErrors()
        QgsApplication.processEvents()
        assert _pending(pkg) == 1
        assert any(said in dock.package_label.text() for said in _waiting(1)), \
            dock.package_label.text()

        assert patches.startEditing()  # a patch added: counted once saved
        added = QgsFeature(patches.fields())
        centre = first.geometry().centroid().asPoint()
        x, y = centre.x(), centre.y()
        added.setGeometry(QgsGeometry.fromPolygonXY([[
            QgsPointXY(x, y), QgsPointXY(x + 0.001, y), QgsPointXY(x + 0.001, y + 0.001),
            QgsPointXY(x, y + 0.001), QgsPointXY(x, y)]]))
        added["patch_code"] = "CT6504222017000026099"
        added["township"] = first["township"]
        added["mineral"] = "建筑用砂"
        assert patches.addFeature(added)
        assert any(said in dock.package_label.text() for said in _waiting(1))  # not saved
        assert patches.commitChanges(), patches.commitErrors()
        QgsApplication.processEvents()
        assert _pending(pkg) == 2
        assert any(said in dock.package_label.text() for said in _waiting(2)), \
            dock.package_label.text()
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
    # the dock gone with the plugin (a handler left on the layer would abort QGIS)
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert patches.startEditing()
    patches.changeAttributeValue(first.id(), patches.fields().indexOf("mineral"),
                                 first["mineral"])
    assert patches.commitChanges()
    QgsApplication.processEvents()
    assert not heard, heard


def _sync_dock(plugin, gpkg):
    """The Sync dock on ``gpkg``, opened as the user opens it."""
    plugin.load(gpkg)
    QgsApplication.processEvents()
    return plugin.show_sync()


def test_another_file_opened_clears_what_the_dock_said_of_the_one_before(
        plugin, master, tmp_path, monkeypatch):
    """The note of a checkout from the master is gone once the field package is opened
    in its place."""
    pkg = tmp_path / "gis-li.gpkg"
    dock = _sync_dock(plugin, master)
    _checked_out_from_the_dock(plugin, dock, pkg, monkeypatch)
    assert str(pkg) in dock.report.toPlainText()
    assert _sync_dock(plugin, pkg) is dock
    assert dock.report.toPlainText().strip() == "", dock.report.toPlainText()
    assert not dock.report_button.isEnabled()


def _added(dock, monkeypatch, paths: list[str]) -> None:
    """``paths`` added as the user adds them: Add…, chosen in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (paths, "")))
    next(b for b in dock.findChildren(QPushButton) if b.text() == tr("Add…")).click()


def test_change_packages_are_listed_by_their_file_name(plugin, master, tmp_path,
                                                       monkeypatch):
    """As the master is named above them: the file's name, its whole path in the
    tooltip (a path does not fit the narrow dock); a package chosen again is listed once."""
    zips = [str(_field_edit(master, tmp_path, d, "赵强")) for d in ("tech-zhao", "tech-he")]
    dock = _sync_dock(plugin, master)
    _added(dock, monkeypatch, zips)
    _added(dock, monkeypatch, zips[1:])
    listed = [dock.package_list.item(i) for i in range(dock.package_list.count())]
    assert [i.text() for i in listed] == ["tech-zhao.zip", "tech-he.zip"]
    assert [i.toolTip() for i in listed] == zips
    assert dock.package_paths() == zips


def test_merged_packages_leave_the_list_and_refused_ones_stay(plugin, master, tmp_path,
                                                             monkeypatch):
    """Once merged, the packages merged whole leave the list: a second merge does not
    merge them again. A package refused, or one whose changes were refused, stays."""
    good = str(_field_edit(master, tmp_path, "tech-zhao", "赵强"))
    bad_value = str(_field_edit(master, tmp_path, "tech-he", "何", measured_area_m2=-5))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a change package")
    dock = _sync_dock(plugin, master)
    _added(dock, monkeypatch, [good, bad_value, str(broken)])
    dock.merge_button.click()
    _wait_for(dock)
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    assert dock.merge_list.count() == 2  # the two packages read, merged
    assert dock.package_paths() == [bad_value, str(broken)]
