# SPDX-License-Identifier: GPL-2.0-or-later
"""History of a feature with open conflicts says so, apart from its changes: the field, the
value the master holds (not settled), the other value, whose and when; and opens Settle
conflicts on them. Once settled, the history says the conflict settled."""

from __future__ import annotations

import gc
import sqlite3

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from qgis_plugin.plan_layers import GROUP_NAME
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
    """The column heads as read (a head on two lines, its lines joined)."""
    return [table.horizontalHeaderItem(j).text().replace("\n", " ")
            for j in range(table.columnCount())]


def settled_from(history, plugin, iface, row, side: str, layer="patch_verifications"):
    """Settle these conflicts… clicked in ``history``, the one conflict selected there
    settled by taking ``side``, both closed; History opened again, with no open conflict:
    (that History, its rows)."""
    QTest.mouseClick(history.open_conflicts.settle_button, Qt.LeftButton)
    settle = plugin.dialogs[-1]
    assert type(settle).__name__ == "ConflictsDialog" and settle.isVisible()
    assert [c.row_uuid for c in settle.selected()] == [row]
    QTest.mouseClick(settle.take_buttons[side], Qt.LeftButton)
    assert settle.table.rowCount() == 0
    settle.close()
    history.close()
    gc.collect()
    history = history_of(plugin, iface, layer, row)
    assert history.open_conflicts is None
    return history, [cells(history.table, i) for i in range(history.table.rowCount())]


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
    assert "1 open conflict on this feature" in box.heading.text()
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

    history, rows = settled_from(history, plugin, iface, row, "theirs")
    assert note_of(master, row) == other
    # settled: no open conflict said; the history says the conflict settled, and with what
    settled = [r for r in rows if "settled" in r[5]]
    assert settled and settled[-1][4] == other, rows
    history.close()


def test_the_open_conflicts_heads_stand_whole_in_a_narrow_history(iface, plugin, master,
                                                                  tmp_path):
    """History narrowed: each head of its open conflicts is whole, "Theirs (the other
    value)" on two lines (on one it was cut), and whole in its tooltip too."""
    plugin.load(master)
    row = _conflict_on_a_note(master, tmp_path)
    history = history_of(plugin, iface, "patch_verifications", row)
    history.resize(720, history.height())  # (it opens 784 wide on an 800-pixel screen)
    QgsApplication.processEvents()
    table = history.open_conflicts.table
    header = table.horizontalHeader()
    cut = [h for j, h in enumerate(heads(table)) if table.columnWidth(j)
           < header.sectionSizeHint(j)]
    assert not cut, [(table.columnWidth(j), header.sectionSizeHint(j))
                     for j in range(table.columnCount())]
    assert [table.horizontalHeaderItem(j).toolTip() for j in range(table.columnCount())] \
        == ["Field", "Ours (master now)", "Theirs (the other value)", "Other value from",
            "When"]
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
    assert "该要素有 1 项未处理的冲突" in box.heading.text(), box.heading.text()
    assert heads(box.table) == ["字段", "主库现值", "另一值", "另一值来自", "时间"]
    assert cells(box.table)[0] == "备注", cells(box.table)
    assert box.settle_button.text() == "处理这些冲突…"
    held = note_of(master, row)
    QTest.mouseClick(box.settle_button, Qt.LeftButton)
    settle = plugin.dialogs[-1]
    QTest.mouseClick(settle.take_buttons["ours"], Qt.LeftButton)
    settle.close()
    history.close()
    gc.collect()
    history = history_of(plugin, iface, "patch_verifications", row)
    when, change, field, before, after, how, who = cells(history.table,
                                                         history.table.rowCount() - 1)
    assert (change, field, after) == ("处理冲突", "备注", held), how
    assert "保留现有的值" in how and "未采用" in how, how
    history.close()


def test_a_conflict_settled_keeping_the_masters_value_is_in_the_history(iface, plugin, master,
                                                                        tmp_path):
    """Kept as the master holds it, a conflict writes no change: the history still says it
    settled, by whom, and the other value set aside (it said nothing of it)."""
    plugin.load(master)
    row = _conflict_on_a_note(master, tmp_path)
    held = note_of(master, row)
    other = ({"坡面已稳定", "北侧仍有积水"} - {held}).pop()
    history = history_of(plugin, iface, "patch_verifications", row)
    history, rows = settled_from(history, plugin, iface, row, "ours")
    assert note_of(master, row) == held
    when, change, field, before, after, how, who = rows[-1]
    assert (change, field, before, after) == ("conflict settled", "Notes", held, held), rows
    assert "the value held kept" in how and other in how and "set aside" in how, how
    assert who  # whoever settled it
    history.close()


def test_a_conflict_closed_with_its_layer_is_in_the_history_of_its_row_added_back(
        iface, plugin, master, tmp_path, capsys):
    """A conflict on a county's layer open when the layer was dropped (repair closed it as
    dropped), the layer added back with its rows: the history of the row says the conflict
    closed as dropped, the other value not taken; not settled, nor nothing."""
    from field_kit import errors
    from tests.qgis.test_plugin import conflict_on_a_well
    from tests.unit.cli_run import cli_said
    from tests.unit.test_layer_rewritten_in_master import ogr
    from tests.unit.test_qfield import WELLS, add_wells
    from tests.unit.test_undo_after_a_layer_dropped import ogrsql

    add_wells(master, tmp_path)
    row = conflict_on_a_well(master, tmp_path)  # 30.5 held, 20.5 the other value
    copy = tmp_path / "copy.gpkg"
    ogr("-f", "GPKG", copy, master, WELLS)
    ogrsql(master, f"DROP TABLE {WELLS}")
    code, said = cli_said(capsys, "repair", master)
    assert code == errors.OK and "closed as dropped" in said, said
    ogr("-f", "GPKG", "-update", master, copy, "-nln", WELLS)
    plugin.load(master)
    group = QgsProject.instance().layerTreeRoot().findGroup(GROUP_NAME)
    (wells,) = [n.layer() for n in group.findLayers() if n.layer().name() == WELLS]
    history = history_of(plugin, iface, wells, row)
    assert history.open_conflicts is None
    rows = [cells(history.table, i) for i in range(history.table.rowCount())]
    closed = [r for r in rows if r[1] == "conflict closed"]
    assert len(closed) == 1, rows
    assert closed[0][2] == "面积" and closed[0][3] == "30.5", closed
    assert "closed as dropped" in closed[0][5], closed
    assert "20.5" in closed[0][5] and "not taken" in closed[0][5], closed
    assert not [r for r in rows if "settled" in r[1] or "settled" in r[5]], rows
    history.close()
