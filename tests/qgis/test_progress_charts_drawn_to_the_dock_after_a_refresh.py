# SPDX-License-Identifier: GPL-2.0-or-later
"""The Progress dock refreshed (its Refresh button, a merge) while another of its tabs was
open: the charts of the tabs not in sight were drawn at their own width, 640 pixels, and
shown so in a 460-pixel dock, squeezed into its width, their labels too small to read and
a gap above them. Each chart is drawn to the dock's width when its tab is opened, every
project's bar in it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsApplication

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_docks_fit_their_width import LOCALES, _opened
from tests.qgis.test_report import OUT, _overlaps

SVG = "{http://www.w3.org/2000/svg}"


def _settled() -> None:
    for _ in range(3):
        QgsApplication.processEvents()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_charts_of_a_tab_not_in_sight_are_drawn_to_the_docks_width(lang, iface, master,
                                                                         tmp_path):
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dock = _opened(iface, master, "toksun_show_dashboard", height=700)
        try:
            dock.resize(460, 700)
            _settled()
            assert dock.width() == 460
            for tab in (2, 1, 0, 3):  # the user looks through the tabs, then on the last
                dock.tabs.setCurrentIndex(tab)
                _settled()
            dock.refresh_button.click()  # ... presses Refresh
            _settled()
            for tab, charts in ((2, [dock.targets_chart]),
                                (1, [dock.mine_chart, dock.township_chart]),
                                (0, [dock.indicator_chart])):
                dock.tabs.setCurrentIndex(tab)  # ... and opens each tab again
                _settled()
                area = dock.tabs.currentWidget()
                room = area.viewport().width()
                assert not area.horizontalScrollBar().isVisible(), tab
                for chart in charts:
                    # drawn to the width it is shown at, at its own scale (not squeezed)
                    drawn = chart.renderer().defaultSize()
                    assert chart.width() <= room, (tab, chart.width(), room)
                    assert (drawn.width(), drawn.height()) == (chart.width(), chart.height()), (
                        tab, drawn, chart.size())
                    assert not _overlaps(chart.draw(width=chart.width()))
                if tab == 2:
                    _every_project_bar(dock)
                    OUT.mkdir(exist_ok=True)
                    dock.grab().save(str(OUT / f"dashboard_projects_460_{lang}.png"))
        finally:
            plugin.unload()


def _every_project_bar(dock) -> None:
    """A bar for every project target in the chart shown, within its width, labelled with
    the project's code."""
    chart = dock.targets_chart
    svg = chart.draw(width=chart.drawn)
    root = ET.fromstring(svg.split("\n", 1)[1])
    width = float(root.get("width"))
    assert width == chart.width()
    tracks = [r for r in root.iter(SVG + "rect") if r.get("fill") == "#f0f0f0"]
    targets = dock.progress.targets
    assert len(tracks) == len(targets) > 0, (len(tracks), len(targets))
    assert all(float(r.get("x")) + float(r.get("width")) <= width for r in tracks)
    said = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert all(f"{t.project_id} " in said for t in targets), said
