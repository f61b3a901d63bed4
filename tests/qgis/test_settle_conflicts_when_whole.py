# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts at its default width shows when the other value was made whole, its day
and its time to the minute (in English it was cut to the day, "2026-12-05…", levelled with
the layer and feature names); no column's head cut for it, every column in sight."""

from __future__ import annotations

from qgis.core import QgsApplication

from tests.qgis.test_settle_conflicts import (  # noqa: F401 (a fixture)
    class_and_sub_class_apart,
    opened,
    plugin,
)


def test_when_is_whole_at_the_default_width(iface, plugin, master, tmp_path):  # noqa: F811
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    assert dialog.width() == 1240
    for _ in range(3):
        QgsApplication.processEvents()
    table, header = dialog.table, dialog.table.horizontalHeader()
    j = dialog.COLUMNS.index("at")
    shown = table.item(0, j).text()
    assert len(shown) == len("2026-12-05 10:00"), shown
    assert table.columnWidth(j) >= table.sizeHintForColumn(j), (shown, table.columnWidth(j))
    cut = [c for k, c in enumerate(dialog.COLUMNS)
           if table.columnWidth(k) < header.sectionSizeHint(k)]
    assert not cut, cut
    room = table.viewport().width()
    for k, column in enumerate(dialog.COLUMNS):  # every column in sight
        assert table.columnViewportPosition(k) + table.columnWidth(k) <= room, column
    dialog.close()
