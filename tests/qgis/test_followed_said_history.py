# SPDX-License-Identifier: GPL-2.0-or-later
"""History on an 800×600 screen: every column in sight within the screen, the long values
(a project's name, the device and package a merge came from) wrapped to be read whole in
their cells, and whole in their tooltips."""

from __future__ import annotations

import os

from qgis.core import QgsApplication

from field_kit.db import connect
from field_kit.sync import masters, package_checkout, package_export
from tests.unit.gpkg_factory import edit


def _history(master, tmp_path):
    """The History dialog of a patch a GIS device moved to another project, with its plan
    section retyped at length, merged from a package of a long name."""
    from qgis_plugin.dialogs.history import HistoryDialog

    pkg = tmp_path / "gis-wang-laptop.gpkg"
    package_checkout.checkout(master, pkg, "gis-wang-laptop", role="gis")
    edit(pkg, "UPDATE mine_patches SET project_id = 'P1-5', section = '专栏6-1 历史遗留废弃矿山"
         "生态修复工程（重点区域）：补充调查后按县自然资源局意见调整归属项目' WHERE fid = 1")
    sent = tmp_path / "gis-wang-laptop-kuybagh-township-resurvey-of-june.zip"
    package_export.export(pkg, sent)
    masters.merge(master, [sent])
    with connect(master) as conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE fid = 1").fetchone()[0]
    dialog = HistoryDialog(master, "mine_patches", patch)
    dialog.show()
    QgsApplication.processEvents()
    return dialog


def test_history_is_read_whole_on_an_800_by_600_screen(master, tmp_path):
    dialog = _history(master, tmp_path)
    try:
        screen = dialog.screen().availableGeometry()
        assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
        shot = str(tmp_path / "history.png")
        dialog.grab().save(shot)
        if os.environ.get("HISTORY_SHOT"):
            dialog.grab().save(os.environ["HISTORY_SHOT"])
        table = dialog.table
        assert dialog.frameGeometry().width() <= screen.width(), dialog.width()
        assert table.horizontalScrollBar().maximum() == 0  # no column out of sight
        line = table.fontMetrics().lineSpacing()
        for i in range(table.rowCount()):
            assert table.rowHeight(i) <= 6 * line, (i, table.rowHeight(i))  # a few lines
            for j in range(table.columnCount()):
                item = table.item(i, j)
                assert item.toolTip() == item.text()
                # each line within the column as it is drawn (a word wider is cut); a value
                # longer than its row is read whole in the pane under the table
                width, height = _lines(table, item.text(), j)
                assert width <= _text_width(table, j), (item.text(), table.columnWidth(j))
                if height > table.rowHeight(i):
                    table.setCurrentCell(i, j)
                    assert dialog.detail.toPlainText() == item.text()
    finally:
        dialog.close()


def _text_width(table, column: int) -> int:
    """The width the table draws a text in, in ``column`` (a grid line narrower than the
    column, less the style's text margins)."""
    from qgis.PyQt.QtWidgets import QStyle

    margin = table.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, table) + 1
    return table.columnWidth(column) - 1 - 2 * margin


def _lines(table, text: str, column: int) -> tuple[float, float]:
    """(its widest line, its height): ``text`` wrapped as the table draws it in ``column``,
    between words (Qt's item views wrap so)."""
    from qgis.PyQt.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, table.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = height = 0.0
    line = layout.createLine()
    while line.isValid():
        line.setLineWidth(_text_width(table, column))
        widest, height = max(widest, line.naturalTextWidth()), height + line.height()
        line = layout.createLine()
    layout.endLayout()
    return widest, height
