# SPDX-License-Identifier: GPL-2.0-or-later
"""History on an 800×600 screen of a verification whose note runs to 300 characters,
merged from a technician's package and then retyped here: each row stays a few lines
tall (the note's row was taller than the table, which scrolled a row at a time, the row
never in sight whole), the table scrolls by pixel, and the whole note is read in its tip
and in the pane under the table when its cell is chosen."""

from __future__ import annotations

import os

from qgis.core import QgsApplication

from field_kit.db import connect
from field_kit.sync import masters
from tests.qgis.test_plugin import _field_edit
from tests.unit.gpkg_factory import edit

NOTE = ("图斑东侧边坡仍有松散堆积物，雨季存在滑塌隐患；"
        "西侧已完成覆土并播撒草籽，出苗率约六成。") * 7 + "建议下一季度复核。"
NEW_NOTE = "Slope on the east side still loose after the rains; " * 6


def _history(master, tmp_path):
    from qgis_plugin.dialogs.history import HistoryDialog

    masters.merge(master, [_field_edit(master, tmp_path, "tech-li", "李明", notes=NOTE)])
    with connect(master) as conn:
        record = conn.execute("SELECT uuid FROM patch_verifications").fetchone()[0]
    edit(master, "UPDATE patch_verifications SET notes = ? WHERE uuid = ?", NEW_NOTE, record)
    dialog = HistoryDialog(master, "patch_verifications", record)
    dialog.show()
    QgsApplication.processEvents()
    return dialog


def test_a_long_note_keeps_its_row_readable_on_an_800_by_600_screen(master, tmp_path):
    from qgis.PyQt.QtWidgets import QAbstractItemView

    assert len(NOTE) >= 300 and len(NEW_NOTE) >= 300
    dialog = _history(master, tmp_path)
    try:
        screen = dialog.screen().availableGeometry()
        assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
        if os.environ.get("HISTORY_SHOT"):
            dialog.grab().save(os.environ["HISTORY_SHOT"])
        table = dialog.table
        assert dialog.frameGeometry().height() <= screen.height(), dialog.height()
        line = table.fontMetrics().lineSpacing()
        view = table.viewport().height()
        for i in range(table.rowCount()):
            # a few lines: the row read whole within the table, with others beside it
            assert table.rowHeight(i) <= min(6 * line, view // 2), (i, table.rowHeight(i), view)
        assert table.verticalScrollMode() == QAbstractItemView.ScrollPerPixel
        assert table.horizontalScrollBar().maximum() == 0  # no column out of sight
        notes = [(i, j) for i in range(table.rowCount()) for j in range(table.columnCount())
                 if table.item(i, j).text() in (NOTE, NEW_NOTE)]
        assert len(notes) == 3, notes  # added with the note, then changed from it to another
        for i, j in notes:
            item = table.item(i, j)
            assert item.toolTip() == item.text()
            table.setCurrentCell(i, j)
            QgsApplication.processEvents()
            assert dialog.detail.toPlainText() == item.text()
            assert dialog.detail.isVisible()
    finally:
        dialog.close()
