# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts lists when the other value was made, as recorded where it was made, in
the user's local time, and sorts by it as times: a click on its head orders the conflicts
by when, an hour put back at the end of summer time too (as text, 01:10 after it would come
before 01:30 before it). Its tooltip says whose each side is and when each was made."""

from __future__ import annotations

import sqlite3
import time

import pytest
from qgis.core import QgsApplication

from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)
from tests.qgis.test_settle_conflicts_sorted import click_header
from tests.qgis.test_settle_refused_over_many_later_edits import (
    RECORDS,
    three_packages_on_the_same_notes,
)

# as the devices recorded them (UTC): in New York, 01:30 summer time, then 01:10 winter time
BEFORE, AFTER, LATER = ("2025-11-02T05:30:00.000Z", "2025-11-02T06:10:00.000Z",
                        "2025-11-02T07:00:00.000Z")


@pytest.fixture()
def in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def made_at(master) -> dict[int, str]:
    """Conflict id -> when its other value was made: the first at 01:30 summer time, the
    second at 01:10 winter time, forty minutes later; the rest later still."""
    with sqlite3.connect(master) as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM sync_conflicts ORDER BY id")]
        at = {i: LATER for i in ids}
        at.update({ids[0]: BEFORE, ids[1]: AFTER})
        conn.executemany("UPDATE sync_conflicts SET at = ? WHERE id = ?",
                         [(v, k) for k, v in at.items()])
    return at


def column(dialog, name: str) -> list[str]:
    j = dialog.COLUMNS.index(name)
    return [dialog.table.item(i, j).text() for i in range(dialog.table.rowCount())]


def test_when_the_other_value_was_made_in_local_time_sorted_as_times(
        plugin, master, tmp_path, in_new_york):  # noqa: F811 (the fixture)
    three_packages_on_the_same_notes(master, tmp_path)
    at = made_at(master)
    first, second = sorted(at)[:2]
    dialog = opened(plugin)
    j = dialog.COLUMNS.index("at")
    head = dialog.table.horizontalHeaderItem(j)
    assert head.text() == "When"
    assert head.toolTip() == ("When the other value was made, as recorded where it was made, "
                              "in local time")
    shown = dict(zip(map(int, column(dialog, "id")), column(dialog, "at")))
    assert (shown[first], shown[second]) == ("2025-11-02 01:30", "2025-11-02 01:10")
    assert set(shown.values()) - {shown[first], shown[second]} == {"2025-11-02 02:00"}
    click_header(dialog, "at")
    ids = list(map(int, column(dialog, "id")))
    assert ids[:2] == [first, second], ids  # by when, not by the text shown
    assert len(ids) == 2 * RECORDS
    click_header(dialog, "at")  # again: the other way
    ids = list(map(int, column(dialog, "id")))
    assert ids[-2:] == [second, first], ids
    # whose each side is and when each was made, the other value's as recorded
    row = ids.index(first)
    said = dialog.table.item(row, j).toolTip()
    assert said.startswith("from gis-0 at 2025-11-02 01:30:00 set aside (theirs); the master "
                           "holds the value gis-2 gave at "), said
    dialog.close()


def test_when_said_in_chinese(plugin_in_chinese, master, tmp_path, in_new_york):
    three_packages_on_the_same_notes(master, tmp_path)
    at = made_at(master)
    first = min(at)
    plugin_in_chinese.show_conflicts()
    dialog = plugin_in_chinese.dialogs[-1]
    QgsApplication.processEvents()
    j = dialog.COLUMNS.index("at")
    head = dialog.table.horizontalHeaderItem(j)
    assert head.text() == "时间"
    assert head.toolTip() == "另一值的修改时间，按修改处的记录，以本地时间显示"
    row = list(map(int, column(dialog, "id"))).index(first)
    assert dialog.table.item(row, j).text() == "2025-11-02 01:30"
    said = dialog.table.item(row, j).toolTip()
    assert said.startswith("来自 gis-0，时间 2025-11-02 01:30:00 的值已搁置（theirs）；主库现为："
                           "gis-2 于 "), said
    dialog.close()
