# SPDX-License-Identifier: GPL-2.0-or-later
"""A script (the Python console, a startup script) opens a master and clears the project in
the same step, before QGIS's event loop runs: the map's framing, queued by the opening, finds
the layers gone and leaves the map as it is, with no Python error."""

from __future__ import annotations

import sys

from qgis.core import QgsApplication, QgsProject, QgsRectangle


def test_clearing_the_project_right_after_opening_raises_nothing(plugin, iface, master,
                                                                 monkeypatch):
    raised = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: raised.append(exc))
    assert plugin.load(master)
    canvas = iface.mapCanvas()
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    QgsProject.instance().clear()
    QgsApplication.processEvents()
    assert raised == []
    assert canvas.extent().xMinimum() <= 0 and canvas.extent().xMaximum() >= 1
