# SPDX-License-Identifier: GPL-2.0-or-later
"""The navigation bar measures the way to the chosen patch as the choice of the nearest
patch and the inspection's distance rule measure it: to the patch's outline, 0 m on it,
and it says which. A technician just off a big patch reads the few metres to its edge, not
the way to its centre; the map's line ends where the bar measures to."""

from __future__ import annotations

import sqlite3

import pytest

from field_kit import forms
from field_kit.app import gnss, i18n
from field_kit.app.patch_list import PATCH, PROJECT
from field_kit.plan import geometry
from tests.app.conftest import click_in_list
from tests.app.nmea import walk


def _outline(package, uuid: str) -> bytes:
    conn = sqlite3.connect(package)
    try:
        blob = conn.execute("SELECT geom FROM mine_patches WHERE uuid = ?", (uuid,)).fetchone()[0]
    finally:
        conn.close()
    return geometry.blob_wkb(bytes(blob))


def _stand(qtbot, window, tmp_path, lon: float, lat: float) -> tuple[float, float]:
    """The receiver (a recorded NMEA log played back) puts the technician at (lon, lat);
    the position as the app read it (NMEA keeps 4 decimals of a minute)."""
    log = tmp_path / f"at-{lon:.6f}-{lat:.6f}.nmea"
    log.write_text(walk(lon, lat, n=2))
    window.fix_watch.clock = lambda: 0.0  # (standing there: the fix stays live)
    window.start_source(gnss.ReplaySource(log, speed=0.001))  # the next fix minutes later
    qtbot.waitUntil(lambda: window.fix is not None and window.source.index == 1, timeout=5000)
    assert window.fix.lon == pytest.approx(lon, abs=1e-5)
    return window.fix.lon, window.fix.lat


def _east_edge(wkb: bytes) -> float:
    return geometry.envelope(wkb)[1]


def test_just_off_a_big_patch_the_bar_gives_the_way_to_its_edge(qtbot, window, package, patch,
                                                                 tmp_path):
    uuid, lon, lat = patch
    wkb = _outline(package, uuid)
    click_in_list(qtbot, window, PATCH, uuid)
    here = _stand(qtbot, window, tmp_path, _east_edge(wkb) + 0.0004, lat)  # ~35 m off it
    to_edge = forms.distance_to_outlines(here, [wkb])  # the inspection's rule
    to_centre = geometry.distance(here, (lon, lat))
    assert 10 < to_edge < 100 and to_centre > 3 * to_edge
    text = window.nav.text()
    assert f"{i18n.distance_text(to_edge)} to the edge" in text, text
    assert i18n.distance_text(to_centre) not in text
    assert text.endswith("° W")  # the patch is west of the technician
    # the map's line goes where the bar measures to: the outline's nearest point
    line = window.map.line_item.line()
    end = window.map.to_lonlat(line.p2())
    assert forms.distance_to_outlines(end, [wkb]) == pytest.approx(0, abs=0.5)
    assert geometry.distance(here, end) == pytest.approx(to_edge, abs=0.5)
    window.lang_actions[i18n.ZH].trigger()  # the language menu: said again, in Chinese
    assert f"距图斑边界 {to_edge:.0f} 米" in window.nav.text(), window.nav.text()
    window.stop_position()


def test_on_a_patch_near_its_edge_the_bar_says_0_m_on_the_patch(qtbot, window, package, patch,
                                                                 tmp_path):
    uuid, lon, lat = patch
    wkb = _outline(package, uuid)
    click_in_list(qtbot, window, PATCH, uuid)
    here = _stand(qtbot, window, tmp_path, _east_edge(wkb) - 0.0002, lat)  # ~15 m inside
    assert forms.distance_to_outlines(here, [wkb]) == 0
    assert window.nav.text() == "✔ On the patch · 0 m"
    assert window.map.line_item is None  # no way to walk: nothing drawn to the centre
    window.lang_actions[i18n.ZH].trigger()
    assert window.nav.text() == "✔ 已在图斑内 · 0 米"
    window.stop_position()


def test_a_project_the_bar_gives_the_distance_its_nearest_patch_was_chosen_by(
        qtbot, window, package, tmp_path):
    conn = sqlite3.connect(package)
    try:
        project = conn.execute("SELECT project_uuid FROM mine_patches WHERE geom IS NOT NULL "
                               "GROUP BY project_uuid HAVING count(*) > 1 ORDER BY 1").fetchone()
        if project is None:
            pytest.skip("no project with two patches or more in the package")
        last = conn.execute("SELECT centre_lon, centre_lat FROM mine_patches WHERE "
                            "project_uuid = ? ORDER BY patch_code DESC LIMIT 1",
                            project).fetchone()
        wkbs = forms.form_context(conn, forms.PROJECT_INSPECTION, project[0]).subject_wkbs
    finally:
        conn.close()
    here = _stand(qtbot, window, tmp_path, last[0] + 0.02, last[1] + 0.02)  # 2 km or so off
    click_in_list(qtbot, window, PROJECT, project[0])
    from_project = forms.distance_to_outlines(here, wkbs)  # what the inspection measures
    assert from_project > 1000
    assert f"{from_project / 1000:.2f} km to the edge" in window.nav.text()
    window.lang_actions[i18n.ZH].trigger()  # kilometres as the status bar says metres: 米
    assert f"距图斑边界 {from_project / 1000:.2f} 千米" in window.nav.text(), window.nav.text()
    window.stop_position()
