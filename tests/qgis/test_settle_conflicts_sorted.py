# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts sorted by a click on a column's header: thousands of conflicts ordered by
layer, field or device. The selection stays on its conflict, each decision settles the
conflicts selected as shown, and the next one below is selected after it."""

from __future__ import annotations

import sqlite3

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis.test_settle_conflicts import (  # noqa: F401 (a fixture)
    class_and_sub_class_apart,
    opened,
    plugin,
)
from tests.qgis.test_settle_refused_over_many_later_edits import (
    RECORDS,
    three_packages_on_the_same_notes,
)


def click_header(dialog, column: str) -> None:
    header = dialog.table.horizontalHeader()
    j = dialog.COLUMNS.index(column)
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(header.sectionViewportPosition(j) + header.sectionSize(j) // 2,
                            header.height() // 2))
    QgsApplication.processEvents()


def ids_shown(dialog) -> list[int]:
    return [int(dialog.table.item(i, 0).text()) for i in range(dialog.table.rowCount())]


def status_of(master, conflict: int) -> str:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT status FROM sync_conflicts WHERE id = ?",
                            (conflict,)).fetchone()[0]


def test_a_click_on_a_header_sorts_the_list_and_keeps_the_selection(plugin, master,  # noqa: F811
                                                                     tmp_path):
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    listed = ids_shown(dialog)
    assert len(listed) == 2 * RECORDS and listed == sorted(listed)  # as the library lists them
    dialog.table.selectRow(3)
    chosen = listed[3]
    click_header(dialog, "id")
    click_header(dialog, "id")  # again: the other way
    assert ids_shown(dialog) == sorted(listed, reverse=True)  # as numbers: #9 after #10
    assert [c.id for c in dialog.selected()] == [chosen]
    rows = dialog.table.selectionModel().selectedRows()
    assert [int(dialog.table.item(r.row(), 0).text()) for r in rows] == [chosen]
    click_header(dialog, "device")  # by whose the other value is
    devices = [dialog.table.item(i, dialog.COLUMNS.index("device")).text()
               for i in range(dialog.table.rowCount())]
    assert devices == sorted(devices) and len(set(devices)) > 1, devices
    assert [c.id for c in dialog.selected()] == [chosen]


def test_a_decision_in_a_sorted_list_settles_the_conflict_shown(plugin, master,  # noqa: F811
                                                                 tmp_path):
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    click_header(dialog, "id")
    click_header(dialog, "id")
    shown = ids_shown(dialog)
    dialog.table.selectRow(0)  # the last recorded, of gis-2's merge
    dialog.take_buttons["ours"].click()
    QgsApplication.processEvents()
    assert status_of(master, shown[0]) == "resolved", dialog.message.text()
    assert status_of(master, min(shown)) == "open"
    assert f"Settled #{shown[0]} " in dialog.message.text()
    # still sorted as chosen, the next one below selected for the next decision
    assert ids_shown(dialog) == shown[1:]
    assert [c.id for c in dialog.selected()] == [shown[1]]


def test_a_whole_package_in_a_sorted_list_is_the_selected_conflicts(plugin, master,  # noqa: F811
                                                                   tmp_path):
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    click_header(dialog, "id")
    click_header(dialog, "id")
    shown = ids_shown(dialog)
    dialog.table.selectRow(len(shown) - 1)  # the first recorded, of gis-1's merge
    dialog.all_theirs.click()  # refused: gis-2's merge changed those values since
    QgsApplication.processEvents()
    assert dialog.over_button.isVisible() and ids_shown(dialog) == shown
    assert [c.id for c in dialog.selected()] == [shown[-1]]  # selected again, as shown
    dialog.table.selectRow(0)  # of gis-2's merge: nothing changed its values since
    dialog.all_theirs.click()
    QgsApplication.processEvents()
    assert ids_shown(dialog) == shown[RECORDS:], dialog.message.text()
    assert all(status_of(master, i) == "resolved" for i in shown[:RECORDS])


def test_sorted_by_any_column_every_columns_head_stands_whole(plugin, master,  # noqa: F811
                                                              tmp_path):
    """The sorted column's head has room for its arrow, and the others stay whole beside it
    at the dialog's width."""
    class_and_sub_class_apart(master, tmp_path)
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    QgsApplication.processEvents()
    table, header = dialog.table, dialog.table.horizontalHeader()
    for column in dialog.COLUMNS:
        click_header(dialog, column)
        j = dialog.COLUMNS.index(column)
        shown = [table.item(i, j).data(Qt.DisplayRole) for i in range(table.rowCount())]
        assert header.sortIndicatorSection() == j and shown == sorted(
            shown, reverse=header.sortIndicatorOrder() == Qt.DescendingOrder), column
        cut = [c for j, c in enumerate(dialog.COLUMNS)
               if table.columnWidth(j) < header.sectionSizeHint(j)]
        assert not cut, column
