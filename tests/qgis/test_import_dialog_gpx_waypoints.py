# SPDX-License-Identifier: GPL-2.0-or-later
"""A GPX whose waypoints mark the patches' corners, named by their codes, chosen under
“Source layer” in the import dialog: previewed as the patches' boundaries, joined in the
order of their corner numbers, as the command joins them, and imported."""

from __future__ import annotations

import pytest

from tests.qgis.test_import_dialog import wait_for
from tests.qgis.test_import_dialog_kml_csv import SURVEYED, _previewed, _pump, _typed, opened
from tests.unit import import_layers as L
from tests.unit.test_import_gpx import _track, garmin_gpx
from tests.unit.test_import_gpx_waypoints import _marked, corners, same_ring
from tests.unit.test_import_track_nearly_closed import walked

pytest.importorskip("pyproj")


@pytest.fixture()
def import_dialog(iface, master):
    yield from opened(iface, master)


def test_a_gpxs_corner_waypoints_chosen_under_source_layer_are_previewed_as_boundaries(
        import_dialog, master, plan_gpkg, tmp_path):
    patches = L.surveyed(plan_gpkg)
    gpx = garmin_gpx(  # a first patch walked as a track, every patch's corners marked
        tmp_path / "Waypoints_12-MAY-26.gpx", [_track(patches[0]["code"],
                                                      walked(patches[0]["ring"], 2.0))],
        [_marked(p, k + 1, x, y, "code-number") for p in patches
         for k, (x, y) in enumerate(corners(p))])
    dlg = import_dialog
    _typed(dlg, gpx)
    combo = dlg.source_layer_combo
    assert combo.currentData() == "tracks"
    combo.setCurrentIndex(combo.findData("waypoints"))
    combo.activated.emit(combo.currentIndex())
    _pump()
    assert dlg.plan.source_info["name"] == "waypoints"
    assert _previewed(dlg)[:2] == SURVEYED, dlg.summary_label.text()
    said = [dlg.problems_table.item(i, 4).text() for i in range(dlg.problems_table.rowCount())]
    n = sum(len(corners(p)) for p in patches)
    assert (f"{n} waypoints joined into the boundaries of {len(patches)} patches, in the "
            "order of their corner numbers") in said, said
    assert ("the file also holds 1 track: to import the boundaries walked round the patches "
            "rather than the corners marked, import its tracks instead (choose one under "
            "“Source layer”)") in said, said
    assert dlg.import_button.isEnabled()
    dlg.import_button.click()
    wait_for(dlg)
    assert dlg.result is not None and (dlg.result.updated, dlg.result.inserted) == (10, 1)
    stored = {p["code"]: p["ring"] for p in L.plan_patches(master)}
    assert all(same_ring(stored[p["code"]], p["ring"]) for p in patches), stored
