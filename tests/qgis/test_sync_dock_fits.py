# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock never makes QGIS's window taller than a laptop's 1366×768 screen: after a
merge its report and the merges listed scroll within the dock (the window grew to 990 px,
its status bar and the dock's buttons off the screen)."""

from __future__ import annotations

import contextlib

from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _wait_for

# a laptop's screen less QGIS's menu, three toolbars and status bar, as the desktop has them
ROOM = 768 - 60 - 200


@contextlib.contextmanager
def plugin_on(iface, path):
    """The plugin started in QGIS with ``path`` opened (as the user's Open does); unloaded
    after."""
    p = ToksunPlugin(iface)
    p.initGui()
    try:
        assert p.load(path)
        QgsApplication.processEvents()
        yield p
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()


def test_the_docks_scroll_within_a_laptops_screen_after_merges(iface, master, tmp_path):
    from tests.unit.gpkg_factory import exported_edits

    zips = exported_edits(master, tmp_path, [
        (f"gis-{i}", f"UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE fid = {i + 1}")
        for i in range(4)])
    with plugin_on(iface, master) as p:
        dock = p.show_sync()
        heights = {"opened": dock.minimumSizeHint().height()}
        for z in zips:
            dock.package_list.addItem(str(z))
        heights["listed"] = dock.minimumSizeHint().height()
        dock.merge_packages()
        _wait_for(dock)
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        QgsApplication.processEvents()
        heights["merged"] = dock.minimumSizeHint().height()
        assert dock.merge_list.count() == 4
        # never narrower than its panels: nothing cut off at the right edge
        assert dock.minimumSizeHint().width() >= dock.widget().widget().minimumSizeHint(
        ).width()
        heights["progress dock"] = p.show_dashboard().minimumSizeHint().height()
        assert max(heights.values()) <= ROOM, heights


def gis_package_edited(master, tmp_path, *, capture_broken: bool = False):
    """A GIS staff's field package with a patch's mineral changed; ``capture_broken``: its
    update trigger dropped first (a tool that rebuilt the table)."""
    from field_kit.db import connect
    from field_kit.sync import masters
    from tests.unit.gpkg_factory import edit

    pkg = tmp_path / "gis.gpkg"
    masters.checkout(master, pkg, "gis", role="gis")
    if capture_broken:
        with connect(pkg) as conn:
            conn.execute('DROP TRIGGER "sync_mine_patches_update"')
    edit(pkg, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE fid = 1")
    return pkg


def test_a_field_package_opened_shows_itself_and_exports_from_the_dock(iface, master,
                                                                      tmp_path):
    """GIS staff open their field package in QGIS: the Sync dock calls it a field package
    (it called it the master), shows none of what only a master does (check out, merge,
    undo a merge: each refused on a package), and exports its changes from the dock."""
    from field_kit.db import connect
    from field_kit.sync import log_reads

    pkg = gis_package_edited(master, tmp_path)
    with plugin_on(iface, pkg) as p:
        dock = p.show_sync()
        assert dock.master_label.text().startswith("Field package: "), dock.master_label.text()
        assert not any(box.isVisibleTo(dock) for box in dock.master_boxes)
        assert "1 change waiting to be exported" in dock.package_label.text()
        assert dock.export_button.isEnabled() and not dock.pull_button.isEnabled()
        # never narrower than its panels: nothing cut off at the right edge
        assert dock.minimumSizeHint().width() >= dock.widget().widget().minimumSizeHint(
        ).width()
        out = tmp_path / "gis.zip"
        dock.export_package(str(out))
        _wait_for(dock)
        assert out.exists()
        assert f"Exported 1 change to {out}." in dock.report.toPlainText()
        assert "0 changes waiting to be exported" in dock.package_label.text()
        conn = connect(pkg, readonly=True)
        assert log_reads.pending(conn) == 0
        conn.close()
        p.load(master)  # the master again: all of it
        QgsApplication.processEvents()
        dock = p.show_sync()
        assert dock.master_label.text().startswith("Master: ")
        assert all(box.isVisibleTo(dock) for box in dock.master_boxes)


def test_a_field_package_whose_capture_is_broken_is_never_said_to_have_none_waiting(
        iface, master, tmp_path):
    """A trigger dropped by a tool, then an edit: the dock said "0 changes waiting to be
    exported" though the edit was waiting, uncaptured. It says capture is not whole, and to
    repair."""
    pkg = gis_package_edited(master, tmp_path, capture_broken=True)
    with plugin_on(iface, pkg) as p:
        said = p.show_sync().package_label.text()
        assert "waiting" not in said and "is not whole" in said and "repair" in said, said


def test_the_dock_shows_a_file_opened_next_from_its_top(iface, master, tmp_path):
    """Scrolled down to the merges of the master, then a field package opened: the dock
    showed its package's panel from where the master's was scrolled, the file's name and
    its first lines out of sight. Another file is shown from the top."""
    pkg = gis_package_edited(master, tmp_path)
    with plugin_on(iface, master) as p:
        dock = p.show_sync()
        dock.resize(dock.width(), 250)  # shorter than its panels: it scrolls
        QgsApplication.processEvents()
        bar = dock.widget().verticalScrollBar()
        assert bar.maximum() > 0
        bar.setValue(bar.maximum())
        p.load(pkg)
        QgsApplication.processEvents()
        assert p.show_sync() is dock
        assert dock.master_label.text().startswith("Field package: ")
        assert bar.value() == 0
