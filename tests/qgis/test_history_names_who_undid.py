# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog of a feature names who undid a merge beside the change the undo
wrote (the master's device, undone by whom), with the merge's device in its How column, as
``history`` names them."""

from __future__ import annotations

from qgis.core import QgsApplication

from tests.unit.test_history_names_who_undid import undone


def test_history_dialog_names_who_undid(master, tmp_path, capsys):
    from qgis_plugin.dialogs.history import HistoryDialog

    _merge_id, change = undone(master, tmp_path, capsys, "--by", "anna")
    dialog = HistoryDialog(master, "mine_patches", change["row_uuid"])
    dialog.show()
    QgsApplication.processEvents()
    try:
        table = dialog.table
        lines = [[table.item(i, j).text() for j in range(table.columnCount())]
                 for i in range(table.rowCount())]
    finally:
        dialog.close()
    undo = [line for line in lines if "merge from device gis-1 undone" in line
            or "撤销来自设备 gis-1 的合并" in line]
    assert len(undo) == 1 and undo[0][-1] == "master, undone by anna", lines
