# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog of a record lists a conflict its merge took with it when the master
undid that merge, at the undo, as ``conflicts --every`` says it (it listed none)."""

from __future__ import annotations

from qgis.core import QgsApplication

from tests.unit.test_pull_after_undo_of_values_kept_aside import kept_aside_then_undone


def test_history_lists_a_conflict_undone_with_its_merge(master, tmp_path):
    from qgis_plugin.dialogs.history import HistoryDialog

    record, last = kept_aside_then_undone(master, tmp_path / "tab-2.gpkg",
                                          tmp_path / "tab-1.gpkg", tmp_path)
    dialog = HistoryDialog(master, "patch_verifications", record)
    dialog.show()
    QgsApplication.processEvents()
    try:
        table = dialog.table
        lines = [" | ".join(table.item(i, j).text() for j in range(table.columnCount()))
                 for i in range(table.rowCount())]
    finally:
        dialog.close()
    undone = [line for line in lines if f"undone with merge {last} at " in line]
    assert len(undone) == 1, lines
    assert "conflict undone" in undone[0] and "conflict 2 undone" in undone[0], lines
