# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog reads every kind of file the importer reads: a KML (as ogr2ogr, Google
Earth and phone apps write it), a GPX (as a handheld GPS writes it: its tracks, the
waypoints beside them named as not read) and a CSV list of boundary points are offered by
Browse… and previewed, picked there or typed into the path box."""

from __future__ import annotations

import fnmatch
import re
import subprocess

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QFileDialog, QPushButton

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_plugin import _out
from tests.unit import import_layers as L
from tests.unit.test_import_gpx import _track, _waypoint, garmin_gpx
from tests.unit.test_import_kml_csv import _points_csv
from tests.unit.test_import_track_nearly_closed import walked

pytest.importorskip("pyproj")


def _pump(n: int = 10) -> None:
    for _ in range(n):
        QgsApplication.processEvents()


def opened(iface, master):
    """The import dialog, opened as the user opens it (the plugin's menu entry), until the
    test is done: then closed and the plugin unloaded."""
    L._proj_data()
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    _pump()
    (action,) = [a for a in p.actions if a.objectName() == "toksun_show_import"]
    action.trigger()
    _pump()
    yield p.dialogs[-1]
    for d in list(p.dialogs):
        d.close()
    iface.mapCanvas().waitWhileRendering()
    p.unload()


@pytest.fixture()
def import_dialog(iface, master):
    yield from opened(iface, master)


def _kml(plan_gpkg, tmp_path):
    gpkg = L.write_gpkg(tmp_path / "tb.gpkg", L.surveyed(plan_gpkg))
    kml = tmp_path / "图斑.kml"
    subprocess.run(["ogr2ogr", "-f", "KML", str(kml), str(gpkg), "kcfj_tb"], check=True)
    return kml


def _gpx(plan_gpkg, tmp_path):
    """Each patch a track walked round it, ending 2 m from its start; a waypoint at two."""
    patches = L.surveyed(plan_gpkg)
    return garmin_gpx(tmp_path / "Track_2026-05-12.gpx",
                      [_track(p["code"], walked(p["ring"], 2.0)) for p in patches],
                      [_waypoint(p["code"], *p["ring"][0]) for p in patches[:2]])


def _csv(plan_gpkg, tmp_path):
    return _points_csv(tmp_path / "界址点.csv", L.surveyed(plan_gpkg),
                       ["图斑编号", "点号", "经度", "纬度", "乡镇"], lambda ring: ring, "gbk")


def _picked_in_browse(dialog, monkeypatch, path) -> list[str]:
    """Browse… clicked and ``path`` picked in the file dialog where its filter shows it
    (QGIS's file dialog lists only the files its filter matches); the filter's patterns."""
    offered: list[str] = []

    def file_dialog(_parent, _caption, _folder, filter_):
        offered.extend(re.findall(r"\*\.\w+", filter_))
        shown = any(fnmatch.fnmatch(path.name.lower(), p) for p in offered)
        return (str(path) if shown else "", filter_)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog)
    (browse,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…"]
    browse.click()
    _pump()
    return offered


def _typed(dialog, path) -> None:
    """A path put into the file box (pasted: QTest types no Chinese) and Enter pressed."""
    QApplication.setActiveWindow(dialog)
    dialog.source_edit.setFocus(Qt.MouseFocusReason)
    dialog.source_edit.setText(str(path))
    QTest.keyClick(dialog.source_edit, Qt.Key_Return)
    _pump()


def _previewed(dialog) -> list[str]:
    """The preview's groups, each with how many features it lists ("Updated (10)")."""
    tree = dialog.changes_tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


SURVEYED = ["Updated (10)", "New (1)"]  # the plan's patches surveyed: ten moved, one new


@pytest.mark.parametrize("kind", ["kml", "gpx", "csv"])
def test_a_kml_a_gpx_and_a_csv_are_previewed_typed_or_picked_by_browse(
        import_dialog, plan_gpkg, tmp_path, monkeypatch, kind):
    source = {"kml": _kml, "gpx": _gpx, "csv": _csv}[kind](plan_gpkg, tmp_path)
    _typed(import_dialog, source)
    assert _previewed(import_dialog)[:2] == SURVEYED, import_dialog.summary_label.text()
    assert import_dialog.import_button.isEnabled()
    said = [import_dialog.problems_table.item(i, 4).text()
            for i in range(import_dialog.problems_table.rowCount())]
    assert not [s for s in said if "--" in s], said  # the dialog's boxes, not the options
    if kind == "gpx":  # its tracks read, as the command reads them; the waypoints named
        assert import_dialog.source_layer_combo.currentData() == "tracks"
        (left,) = [s for s in said if "2 waypoints (waypoints: " in s]
        assert "import them one at a time (choose one under “Source layer”)" in left, left
    import_dialog.source_edit.clear()
    import_dialog.changes_tree.clear()
    # Browse… shows it among the files it offers, and the file picked there is previewed
    offered = _picked_in_browse(import_dialog, monkeypatch, source)
    assert f"*.{kind}" in offered, offered
    assert import_dialog.source_edit.text() == str(source)
    assert _previewed(import_dialog)[:2] == SURVEYED, import_dialog.summary_label.text()
    import_dialog.show()
    _pump()
    assert import_dialog.grab().save(str(_out() / f"qgis_import_{kind}.png"))


def test_a_gpxs_track_points_are_offered_under_source_layer_with_their_time_and_height(
        import_dialog, plan_gpkg, tmp_path):
    """The points walked, chosen under “Source layer” as the GPX's other layers are: their
    time and elevation listed among the fields, each point refused as no polygon."""
    dlg = import_dialog
    _typed(dlg, _gpx(plan_gpkg, tmp_path))
    combo = dlg.source_layer_combo
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [None, "tracks", "waypoints", "track_points"], offered
    assert combo.currentData() == "tracks"
    combo.setCurrentIndex(combo.findData("track_points"))
    combo.activated.emit(combo.currentIndex())
    _pump()
    table = dlg.mapping_table
    fields = {table.item(i, 0).text(): table.item(i, 2).text() for i in range(table.rowCount())}
    assert list(fields) == ["track_fid", "track_seg_id", "track_seg_point_id", "ele", "time"]
    assert (fields["ele"], fields["time"]) == ("1186.4", "2026-05-12T03:00:00Z"), fields
    assert dlg.plan.source_info["name"] == "track_points"
    said = [dlg.problems_table.item(i, 4).text() for i in range(dlg.problems_table.rowCount())]
    assert [s for s in said if "the geometry is a point; mine_patches needs polygons" in s]
    assert not dlg.import_button.isEnabled()
