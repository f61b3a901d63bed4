# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog of a record a merge brought, the master then undid (undo-merge) and
merged again: the merge made again keeps the technician's times, earlier than the undo's,
and is listed after it, as the master made them (it listed the undo's delete last, of a
record the master holds)."""

from __future__ import annotations

import time

from qgis.core import QgsApplication

from field_kit.sync import changelog, masters
from tests.unit import undone_made_again as made_again


def test_history_lists_the_delete_before_the_merge_made_again(master, tmp_path):
    from qgis_plugin.dialogs.history import HistoryDialog

    assert changelog.install(master) is not None
    package = tmp_path / "w.gpkg"
    masters.checkout(master, package, made_again.DEVICE)
    z, record = made_again.new_record(master, package,
                                          before_undo=lambda: time.sleep(1.1))  # (its seconds)
    made_again.merged_again(master, z)
    dialog = HistoryDialog(master, "patch_verifications", record)
    dialog.show()
    QgsApplication.processEvents()
    try:
        table = dialog.table
        ops = [table.item(i, 1).text() for i in range(table.rowCount())]
    finally:
        dialog.close()
    # (a line a field: the insert, the undo's delete, the insert again)
    assert ops[0] == ops[-1] == "added" and "deleted" in ops, ops
