# SPDX-License-Identifier: GPL-2.0-or-later
"""On a short screen (1366×768) the Sync dock's report is below the fold: after Create field
package and after Merge the dock scrolls to it, else it looks as before the click."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QPoint

from tests.qgis.test_sync_dock_merges_undone_changes_after_all import _undone, merged_in_dock
from tests.qgis.test_sync_dock_township_whole import township_checked_out


def _short(dock) -> None:
    """The dock shown shorter than its panels, scrolled to the top (floating: QGIS's window
    is not shown)."""
    dock.setFloating(True)
    dock.resize(380, 420)
    dock.show()
    QgsApplication.processEvents()
    dock.widget().verticalScrollBar().setValue(0)
    assert not _report_in_sight(dock)


def _report_in_sight(dock) -> bool:
    """Whether the report's top shows in the dock's scrolled view."""
    view = dock.widget().viewport()
    top = dock.report.mapTo(view, QPoint(0, 0)).y()
    return 0 <= top < view.height()


def test_the_dock_scrolls_to_the_report_of_a_checkout(dock, tmp_path, monkeypatch):
    _short(dock)
    said = township_checked_out(dock, tmp_path / "tab-1.gpkg", monkeypatch)
    assert (tmp_path / "tab-1.gpkg").exists(), said
    assert _report_in_sight(dock)


def test_the_dock_scrolls_to_the_report_of_a_merge(request, master, tmp_path, capsys,
                                                   monkeypatch):
    first = _undone(capsys, master, tmp_path)
    _short(request.getfixturevalue("dock"))
    dock, _ = merged_in_dock(request, monkeypatch, first)
    assert "kept out" in dock.report.toPlainText() and _report_in_sight(dock)
