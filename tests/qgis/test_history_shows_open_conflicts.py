# SPDX-License-Identifier: GPL-2.0-or-later
"""History of a feature with open conflicts says so, apart from its changes: the field, the
value the master holds (not settled), the other value, whose and when; and opens Settle
conflicts on them."""

from __future__ import annotations

import gc
import sqlite3

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from tests.qgis.test_plugin import _conflict_on_a_note


def history_of(plugin, iface, layer_name, row: str):
    """History as the user opens it: the feature selected on its layer (by its table's
    name, or the layer), the action."""
    layer = plugin.layers[layer_name] if isinstance(layer_name, str) else layer_name
    layer.reload()
    fid = next(f.id() for f in layer.getFeatures() if f["uuid"] == row)
    layer.selectByIds([fid])
    iface.setActiveLayer(layer)
    shown = len(plugin.dialogs)
    next(a for a in plugin.actions if a.objectName() == "toksun_show_history").trigger()
    QgsApplication.processEvents()
    assert len(plugin.dialogs) == shown + 1, iface.messages[-3:]
    return plugin.dialogs[-1]


def cells(table, row=0) -> list[str]:
    return [table.item(row, j).text() for j in range(table.columnCount())]


def heads(table) -> list[str]:
    return [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())]


def note_of(master, row):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0]


def test_history_shows_a_features_open_conflict_and_opens_settle_on_it(iface, plugin, master,
                                                                       tmp_path):
    plugin.load(master)
    row = _conflict_on_a_note(master, tmp_path)
    held = note_of(master, row)
    other = ({"坡面已稳定", "北侧仍有积水"} - {held}).pop()
    history = history_of(plugin, iface, "patch_verifications", row)
    box = history.open_conflicts
    assert box is not None and box.isVisibleTo(history)
    assert "1 open conflict(s) on this feature" in box.heading.text()
    assert "not settled" in box.heading.text()
    assert heads(box.table) == ["Field", "Ours (master now)", "Theirs (the other value)",
                                "Other value from", "When"]
    field, ours, theirs, device, when = cells(box.table)
    assert (field, ours, theirs) == ("Notes", held, other), cells(box.table)
    assert device in ("tech-a", "tech-b") and when[:2] == "20"
    assert "set aside" in box.table.item(0, 4).toolTip()  # whose each value is
    # apart from the changes: its own table, the history's rows not among its rows
    assert history.table is not box.table and history.table.rowCount() >= 1
    assert box.settle_button.isVisible()

    QTest.mouseClick(box.settle_button, Qt.LeftButton)
    settle = plugin.dialogs[-1]
    assert type(settle).__name__ == "ConflictsDialog" and settle.isVisible()
    assert [c.row_uuid for c in settle.selected()] == [row]
    QTest.mouseClick(settle.take_buttons["theirs"], Qt.LeftButton)
    assert note_of(master, row) == other
    settle.close()
    history.close()
    gc.collect()

    # settled: no open conflict said; the history says the conflict settled, and with what
    history = history_of(plugin, iface, "patch_verifications", row)
    assert history.open_conflicts is None
    rows = [cells(history.table, i) for i in range(history.table.rowCount())]
    settled = [r for r in rows if "settled" in r[5]]
    assert settled and settled[-1][4] == other, rows
    history.close()


def test_history_of_a_feature_without_conflicts_shows_none(iface, plugin, master, tmp_path):
    plugin.load(master)
    _conflict_on_a_note(master, tmp_path)
    with sqlite3.connect(master) as conn:
        patch = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = "
                             "'CT6504222017000026002'").fetchone()[0]
    history = history_of(plugin, iface, "mine_patches", patch)
    assert history.open_conflicts is None
    history.close()


def test_history_says_open_conflicts_in_chinese(iface, plugin_in_chinese, master, tmp_path):
    plugin = plugin_in_chinese
    row = _conflict_on_a_note(master, tmp_path)
    history = history_of(plugin, iface, "patch_verifications", row)
    box = history.open_conflicts
    assert "该要素有 1 个未处理的冲突" in box.heading.text(), box.heading.text()
    assert heads(box.table) == ["字段", "主库现值", "另一值", "另一值来自", "时间"]
    assert cells(box.table)[0] == "备注", cells(box.table)
    assert box.settle_button.text() == "处理这些冲突…"
    history.close()
