# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts shows a wait cursor while it reads the master's conflicts and while it
settles them: with thousands, opening the list or taking a side for a whole package takes
seconds, and nothing showed that QGIS was at work."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication

from qgis_plugin.dialogs import conflicts as dialogs
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)
from tests.qgis.test_settle_refused_over_many_later_edits import (
    RECORDS,
    three_packages_on_the_same_notes,
)


def cursor_during(monkeypatch, module, name: str, seen: list) -> None:
    """``module.name`` as it was, noting the cursor QGIS shows while it runs."""
    work = getattr(module, name)

    def noted(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        seen.append((name, cursor.shape() if cursor is not None else None))
        return work(*args, **kwargs)
    monkeypatch.setattr(module, name, noted)


def test_reading_and_settling_a_package_show_a_wait_cursor(plugin, master, tmp_path,  # noqa: F811
                                                           monkeypatch):
    three_packages_on_the_same_notes(master, tmp_path)
    seen: list = []
    cursor_during(monkeypatch, dialogs.conflicts_now, "conflicts", seen)
    cursor_during(monkeypatch, dialogs.masters, "resolve", seen)
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 2 * RECORDS
    assert seen == [("conflicts", Qt.WaitCursor)]
    last = dialog.table.rowCount() - 1  # of gis-2's merge: nothing changed it since
    dialog.table.selectRow(last)
    dialog.all_ours.click()
    QgsApplication.processEvents()
    assert dialog.table.rowCount() == RECORDS, dialog.message.text()
    assert seen[1:] == [("resolve", Qt.WaitCursor), ("conflicts", Qt.WaitCursor)]
    assert QApplication.overrideCursor() is None  # given back once done
