# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts as a user drives it: opened from its action, typed into, keys pressed."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QPushButton

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import Recording
from tests.qgis.test_plugin import (
    _cells,
    _conflict_on,
    _wait_for,
    undo_from_dock,
    verification_edited_by_two,
)


class WithItsMessageBar(Recording):
    """QGIS's interface with a message bar of QGIS's own, whose messages can be read."""

    def __init__(self, iface):
        super().__init__(iface)
        self.bar = QgsMessageBar()

    def messageBar(self):  # noqa: N802
        return self.bar


@pytest.fixture()
def plugin(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    QgsApplication.processEvents()
    iface.mapCanvas().waitWhileRendering()
    yield p
    iface.mapCanvas().waitWhileRendering()
    p.unload()


def opened(plugin):
    """Settle conflicts as its action opens it on a screen wider than it (offscreen's 800
    pixels open it narrower)."""
    next(a for a in plugin.actions if a.objectName() == "toksun_show_conflicts").trigger()
    QgsApplication.processEvents()
    dialog = plugin.dialogs[-1]
    dialog.resize(1240, dialog.height())
    return dialog


def note_of(master, row: str):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone()[0]


def test_enter_in_the_typed_value_uses_that_value_and_no_take_button(iface, plugin, master,
                                                                     tmp_path):
    row = _conflict_on(master, tmp_path, "notes", "内业：未治理", ["坡面已稳定", "北侧仍有积水"])
    dialog = opened(plugin)
    dialog.table.selectRow(0)
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)  # empty: nothing is settled
    assert dialog.table.rowCount() == 1 and note_of(master, row) == "北侧仍有积水"
    QTest.keyClicks(dialog.value_edit, "north side drained")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    assert note_of(master, row) == "north side drained"
    assert dialog.table.rowCount() == 0 and dialog.isVisible()
    # no button is one the Enter key presses
    assert not [b.text() for b in dialog.findChildren(QPushButton)
                if b.isDefault() or b.autoDefault()]
    dialog.close()


def test_a_typed_value_outside_a_plan_layers_code_list_is_refused(iface, plugin, master,
                                                                   tmp_path):
    """A patch's mineral is coded by the mineral list though no form edits mine_patches:
    a value outside it is refused before anything is written, naming the list's values;
    a code's label is taken for its code."""
    from tests.unit.test_field_check import _conflict_on_a_patchs_mineral

    _conflict_on_a_patchs_mineral(master, tmp_path)
    dialog = opened(plugin)
    dialog.table.selectRow(0)
    QTest.keyClicks(dialog.value_edit, "xyz")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    said = dialog.message.text()
    assert "xyz" in said and all(m in said for m in ("建筑用砂", "水泥用石灰岩", "砖瓦用粘土"))
    # in Chinese, a code that is its own label is named once
    from qgis_plugin.dialogs.conflicts import checked_value
    with pytest.raises(ValueError) as refused:
        checked_value(master, dialog.conflicts[0], "xyz", "zh")
    said_zh = str(refused.value)
    assert all(said_zh.count(m) == 1 for m in ("建筑用砂", "水泥用石灰岩", "砖瓦用粘土")), said_zh
    assert dialog.table.rowCount() == 1 and mineral_of(master) == "水泥用石灰岩"
    dialog.value_edit.clear()
    QTest.keyClicks(dialog.value_edit, "Clay for bricks and tiles")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    assert dialog.table.rowCount() == 0 and mineral_of(master) == "砖瓦用粘土"
    dialog.close()


def mineral_of(master):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT mineral FROM mine_patches WHERE patch_code = "
                            "'CT6504222017000026002'").fetchone()[0]


ROW = "0b5e2f6c-0000-4000-8000-000000000003"


def three_fields_by_two(master, tmp_path) -> list:
    """Two technicians each change the note, the mining method and the year closed of one
    verification: one change each, three fields in conflict. Their change packages."""
    return verification_edited_by_two(
        master, tmp_path, ROW, {"notes": "内业", "mining_method": "A", "year_closed": 2010},
        [{"notes": "坡面已稳定", "mining_method": "B", "year_closed": 2012},
         {"notes": "北侧仍有积水", "mining_method": "C", "year_closed": 2014}])


def test_a_settled_conflict_is_said_and_the_next_one_selected(iface, plugin, master, tmp_path):
    from field_kit.sync import merge

    assert merge.merge(master, three_fields_by_two(master, tmp_path)).totals["conflict"] == 1
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 3
    dialog.table.selectRow(0)
    first, theirs = dialog.current(), _cells(dialog)["theirs"]
    QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
    said = dialog.message.text()
    assert said.startswith(f"Settled #{first.id} ") and said.endswith(
        f", with Theirs (the other value): {theirs}."), said
    assert "color" not in dialog.message.styleSheet()
    assert dialog.table.rowCount() == 2 and dialog.current() is not None
    QTest.mouseClick(dialog.take_buttons["ours"], Qt.LeftButton)  # no "select one first"
    assert dialog.table.rowCount() == 1 and dialog.message.text().startswith("Settled #")
    QTest.mouseClick(dialog.take_buttons["ancestor"], Qt.LeftButton)
    assert dialog.table.rowCount() == 0 and dialog.message.text().startswith("Settled #")
    dialog.close()


def test_with_no_conflict_left_no_button_offers_to_settle_one(iface, plugin, master, tmp_path):
    """Opened with none open, or once the last is settled, the buttons that settle are off:
    pressed, each said "Select a conflict first." of a list with nothing to select."""
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 0
    assert not [w for w in dialog.settling if w.isEnabled()]
    dialog.close()
    _conflict_on(master, tmp_path, "notes", "内业：未治理", ["坡面已稳定", "北侧仍有积水"])
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 1 and all(w.isEnabled() for w in dialog.settling)
    dialog.table.selectRow(0)
    QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
    assert dialog.table.rowCount() == 0 and dialog.message.text().startswith("Settled #")
    assert not [w for w in dialog.settling if w.isEnabled()]
    dialog.close()


def warned(bar) -> list[str]:
    return [f"{item.title()}: {item.text()}" for item in bar.items()]


@pytest.fixture()
def barred(qgis_iface, master):
    """The plugin on the master, its interface with a message bar that can be read: (the
    interface, the plugin, its Sync dock)."""
    iface = WithItsMessageBar(qgis_iface)
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    yield iface, p, p.show_sync()
    p.unload()


@pytest.mark.parametrize("end", ["settled", "undone"])
def test_the_merges_warning_counts_the_conflicts_listed_and_goes_when_none_is_left(
        barred, master, tmp_path, monkeypatch, end):
    """One change of each package, three fields in conflict: the warning says 3, as Settle
    conflicts lists them; once all are settled, or the merge is undone, it is gone."""
    iface, p, sync = barred
    for out in three_fields_by_two(master, tmp_path):
        sync.package_list.addItem(str(out))
    sync.merge_packages()
    _wait_for(sync)
    said = [w for w in warned(iface.bar) if "to settle" in w]
    assert len(said) == 1 and "3 conflicts to settle" in said[0], warned(iface.bar)
    # counted as the report counts them: the later package's values went in too
    assert "Merge: 2 changes applied." in warned(iface.bar), warned(iface.bar)
    if end == "settled":
        dialog = opened(p)
        assert dialog.table.rowCount() == 3
        dialog.table.selectRow(0)
        for _ in range(3):
            QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
        assert dialog.table.rowCount() == 0
        dialog.close()
    else:
        undo_from_dock(sync, monkeypatch)
        # the merges listed: the undone one's conflicts closed with it, none to settle
        listed = [sync.merge_list.item(i).text() for i in range(sync.merge_list.count())]
        assert any("conflicts 3 closed by the undo in 1 change" in t for t in listed)
        assert not any("to settle" in t for t in listed), listed
    assert not [w for w in warned(iface.bar) if "to settle" in w], warned(iface.bar)


def test_a_package_merged_again_with_its_conflicts_open_says_them_still_to_settle(
        barred, master, tmp_path):
    """The later package added again and merged: it brings nothing, but the three conflicts
    its first merge recorded are open yet: the dock says so, on the bar and in the report
    (it said "0 changes applied, no conflict")."""
    iface, _, sync = barred
    outs = three_fields_by_two(master, tmp_path)
    for out in outs:
        sync.package_list.addItem(str(out))
    sync.merge_packages()
    _wait_for(sync)
    iface.bar.clearWidgets()
    sync.package_list.addItem(str(outs[-1]))
    sync.merge_packages()
    _wait_for(sync)
    assert "Conflicts to settle: 3 conflicts to settle: open Settle conflicts." in \
        warned(iface.bar), warned(iface.bar)
    assert not [w for w in warned(iface.bar) if "no conflict" in w], warned(iface.bar)
    report = sync.report.toPlainText()
    assert f"{outs[-1].name}: merged before, nothing new in it; 3 conflicts its earlier " \
        "merge recorded are still to settle." in report, report
    assert "Open “Settle conflicts” to settle them field by field." in report, report


def test_every_column_fits_the_dialog_long_values_elided_with_a_tooltip(
        iface, plugin, master, tmp_path):
    """At the dialog's 1240 px, a long note does not push Theirs and Device out of sight:
    each value is cut to its column, the whole of it in its tooltip."""
    long_note = "北侧边坡仍有积水，排水沟淤塞，需清淤后复查。" * 8
    _conflict_on(master, tmp_path, "notes", "内业：未治理", ["坡面已稳定", long_note])
    dialog = opened(plugin)
    dialog.resize(1240, 520)
    QgsApplication.processEvents()
    table = dialog.table
    room = table.viewport().width()
    for j, column in enumerate(dialog.COLUMNS):
        left = table.columnViewportPosition(j)
        assert left >= 0 and left + table.columnWidth(j) <= room, (column, left, room)
        assert table.columnWidth(j) >= 30, column
    cells = {c: table.item(0, j) for j, c in enumerate(dialog.COLUMNS)}
    # (whole in its tooltip, whose it is on the line under it)
    value, held = cells["ours"].toolTip().split("\n")
    assert value == long_note and cells["ours"].text() == long_note
    assert held.startswith("Held now: the value tech-b gave at "), held
    assert cells["device"].text() in ("tech-a", "tech-b")
    # the device named is the other value's, set aside: said by its column's head
    head = table.horizontalHeaderItem(dialog.COLUMNS.index("device"))
    assert head.text().replace("\n", " ") == head.toolTip() == "Other value from"
    dialog.close()


def test_at_the_dialogs_width_every_columns_head_stands_whole(iface, plugin, master,
                                                             tmp_path):
    """Opened at its 1240 px on a class and its sub-class in conflict, no column's head is
    cut (the heads of Theirs and of whom the other value is from were), and the values keep
    their share; each head is whole in its tooltip too."""
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    for _ in range(3):
        QgsApplication.processEvents()
    table, header = dialog.table, dialog.table.horizontalHeader()
    assert dialog.width() == 1240
    cut = [c for j, c in enumerate(dialog.COLUMNS)
           if table.columnWidth(j) < header.sectionSizeHint(j)]
    assert not cut
    assert all(table.horizontalHeaderItem(j).toolTip() for j in range(len(dialog.COLUMNS)))
    values = [j for j, c in enumerate(dialog.COLUMNS) if c in ("ancestor", "ours", "theirs")]
    assert sum(table.columnWidth(j) for j in values) >= 0.45 * table.viewport().width() - 3
    dialog.close()


def test_the_columns_opened_are_fitted_to_the_dialog_as_shown(iface, plugin, master,
                                                               tmp_path):
    """Opened from its action, the columns are fitted to the table as the dialog shows it,
    as a resize fits them: not to the table's width before it was laid out, which cut the
    layer, feature and field to a few letters beside values with room to spare."""
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    for _ in range(3):
        QgsApplication.processEvents()
    table = dialog.table
    first = [table.columnWidth(j) for j in range(len(dialog.COLUMNS))]
    size = dialog.size()
    dialog.resize(size.width() + 10, size.height())
    QgsApplication.processEvents()
    dialog.resize(size)
    QgsApplication.processEvents()
    assert first == [table.columnWidth(j) for j in range(len(dialog.COLUMNS))]
    dialog.close()


def test_on_an_800_pixel_screen_the_values_keep_their_share(iface, plugin, master, tmp_path):
    """A long layer title and feature name on a small screen leave the three values at
    least their share of the table, none pushed out of sight; on a wide one the names stand
    whole."""
    _conflict_on(master, tmp_path, "notes", "内业：未治理", ["坡面已稳定", "北侧仍有积水"])
    dialog = opened(plugin)
    table = dialog.table
    values = [j for j, c in enumerate(dialog.COLUMNS) if c in ("ancestor", "ours", "theirs")]
    for size, names_whole in ((800, False), (1600, True)):
        dialog.resize(size, 600)
        QgsApplication.processEvents()
        room = table.viewport().width()
        assert not table.horizontalScrollBar().isVisible(), size
        assert sum(table.columnWidth(j) for j in values) >= 0.45 * room - 3, size
        for j in range(len(dialog.COLUMNS)):
            left = table.columnViewportPosition(j)
            assert left >= 0 and left + table.columnWidth(j) <= room + 1, (size, j)
        for column in ("layer", "feature"):
            j = dialog.COLUMNS.index(column)
            whole = table.columnWidth(j) >= table.sizeHintForColumn(j)
            assert whole == names_whole, (size, column, table.columnWidth(j))
    dialog.close()


def _township_of(master):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT township FROM mine_patches WHERE fid = 1").fetchone()[0]


def test_a_townships_other_name_typed_is_refused_naming_the_plans_and_empty_says_so(
        iface, plugin, master, tmp_path):
    """夏乡 typed for a patch's township: the plan's name (夏镇) is asked for, nothing
    written; the value box left empty settles it emptied, said as ∅."""
    from tests.unit.test_named_refusals import _township_conflict

    _township_conflict(master, tmp_path)
    dialog = opened(plugin)
    dialog.table.selectRow(0)
    dialog.value_edit.setText("夏乡")  # (as an input method gives it: QTest types ASCII)
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    said = dialog.message.text()
    assert "夏乡" in said and "夏镇" in said and "伊拉湖镇" not in said, said
    assert dialog.table.rowCount() == 1 and _township_of(master) == "伊拉湖镇"
    dialog.value_edit.clear()
    typed = dialog.settling[dialog.settling.index(dialog.value_edit) + 1]
    typed.click()  # "Use this value", the box empty
    assert dialog.table.rowCount() == 0 and _township_of(master) is None
    assert "∅" in dialog.message.text(), dialog.message.text()
    dialog.close()


def test_a_value_an_import_gave_says_so_in_the_device_column(iface, plugin, master, tmp_path,
                                                             monkeypatch):
    """The master's project name, imported from a survey, met a later edit from a package
    taken before the import: Settle conflicts says the value kept aside came from the
    import, and from which file."""
    from field_kit.cli.commands import main
    from field_kit.sync import package_checkout, package_export
    from tests.unit.gpkg_factory import edit
    from tests.unit.test_import_origin import renamed
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    src, u = renamed(master, tmp_path, "测绘后的名称")
    assert main(["import", str(master), str(src), "--layer", "mine_patches"]) == 0
    edit(pkg, "UPDATE mine_patches SET project_name = '外业' WHERE uuid = ?", u)
    package_export.export(pkg, tmp_path / "gis.zip")
    assert main(["merge", str(master), str(tmp_path / "gis.zip")]) == 1
    dialog = opened(plugin)
    device = dialog.table.item(0, dialog.COLUMNS.index("device"))
    said = (device.text(), device.toolTip())
    dialog.close()
    assert said == ("master (imported)", "master (imported from patches.geojson)"), said
    # in Chinese the master's own edits are the master's: 主库, as the rest of the line
    from qgis_plugin.dialogs import conflicts
    monkeypatch.setattr(conflicts, "user_language", lambda: "zh")
    dialog = opened(plugin)
    device = dialog.table.item(0, dialog.COLUMNS.index("device"))
    said = device.text(), device.toolTip()
    dialog.close()
    assert said[0].startswith("主库") and said[1].startswith("主库"), said


def test_a_rows_delete_settled_first_then_its_fields_conflict_says_the_row_stays_deleted(
        iface, plugin, master, tmp_path):
    """gis-b sets a patch's phase and deletes the patch; gis-a, later, sets the phase: a
    conflict on the phase and one on the whole patch. Settled one at a time, the patch's
    first (gis-b's delete taken), the phase's is not refused as an edit made since, and the
    dialog says the patch stays deleted, the phase not written."""
    code = _phase_set_then_deleted(master, tmp_path)
    dialog = opened(plugin)
    assert dialog.table.rowCount() == 2
    rows = {("phase" if c.field else "row"): (i, c.id) for i, c in enumerate(dialog.conflicts)}
    dialog.table.selectRow(rows["row"][0])
    QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
    assert dialog.table.rowCount() == 1 and dialog.current().id == rows["phase"][1]
    QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
    said = dialog.message.text()
    assert dialog.table.rowCount() == 0, said
    assert (f"conflict {rows['phase'][1]}: the row stays deleted, as conflict "
            f"{rows['row'][1]} settled it; field Phase not written") in said, said
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT count(*) FROM mine_patches WHERE patch_code = ?",
                            (code,)).fetchone() == (0,)
    dialog.close()


def test_a_whole_rows_sides_name_fields_by_label_the_edited_ones_first(iface, plugin, master,
                                                                      tmp_path):
    """A patch deleted against an edit of its phase: the whole row's ancestor and what the
    master holds name each field by its label, the phase and period (what was edited) first, coded
    values with their labels; all of the row in its tooltip (column names, the edited
    field somewhere in a row cut at 200 characters)."""
    _phase_set_then_deleted(master, tmp_path)
    dialog = opened(plugin)
    (i,) = [i for i, c in enumerate(dialog.conflicts) if c.field is None]
    cells = _cells(dialog, i)
    assert cells["ancestor"].startswith("Phase="), cells
    # (the period the merge gave with the phase, edited too)
    assert cells["ours"].startswith("Period=2031-2035年; Phase=远期"), cells
    assert "phase=" not in cells["ours"] and "patch_code=" not in cells["ours"], cells
    ours = dialog.table.item(i, dialog.COLUMNS.index("ours"))
    value, held = ours.toolTip().split("\n")  # (whose it is on the line under it)
    assert value == cells["ours"] and "CT6504222017000026002" in cells["ours"], cells
    assert held.startswith("Held now: the row deleted by ") or \
        held.startswith("Held now: the value "), held
    dialog.close()


def _phase_set_then_deleted(master, tmp_path) -> str:
    """gis-b sets a patch's phase and deletes it; gis-a, later, sets the phase; merged:
    a conflict on the phase and one on the whole patch. The patch's code."""
    from field_kit.sync import merge, package_checkout, package_export
    from tests.unit.gpkg_factory import edit

    code = "CT6504222017000026002"
    pkgs = {d: tmp_path / f"{d}.gpkg" for d in ("gis-a", "gis-b")}
    for device, pkg in pkgs.items():
        package_checkout.checkout(master, pkg, device, role="gis")
    edit(pkgs["gis-b"], "UPDATE mine_patches SET phase = '中期' WHERE patch_code = ?", code)
    edit(pkgs["gis-b"], "DELETE FROM mine_patches WHERE patch_code = ?", code)
    edit(pkgs["gis-a"], "UPDATE mine_patches SET phase = '远期' WHERE patch_code = ?", code)
    for device, pkg in pkgs.items():
        package_export.export(pkg, tmp_path / f"{device}.zip")
    merge.merge(master, [tmp_path / "gis-a.zip", tmp_path / "gis-b.zip"])
    return code


def class_and_sub_class_apart(master, tmp_path):
    """Two technicians give a verification a class and a sub-class of it, each their own:
    the master holds tab-b's 30 / 33, tab-a's 20 / 21 are set aside in two conflicts."""
    met_by_two(master, tmp_path, {"patch_class": "10", "patch_subclass": "11"},
               {"tab-a": ("20", "21"), "tab-b": ("30", "33")})


def met_by_two(master, tmp_path, start: dict, given: dict) -> None:
    """A verification holding ``start``, then two technicians giving its fields their own
    values (``given``: device -> values), merged in that order: the master holds the last's,
    the first's are set aside in conflicts, one a field."""
    from field_kit.sync import merge, package_checkout, package_export
    from tests.unit.gpkg_factory import edit

    edit(master, f"INSERT INTO patch_verifications (patch_uuid, patch_code, "
                 f"{', '.join(start)}, verifier, verified_on) SELECT uuid, patch_code, "
                 f"{', '.join('?' * len(start))}, 'Li', '2025-05-20' FROM mine_patches WHERE "
                 "patch_code = 'CT6504222017000026001'", *start.values())
    for dev in given:  # both from the same master
        package_checkout.checkout(master, tmp_path / f"{dev}.gpkg", dev, role="technician")
    for dev, values in given.items():
        pkg = tmp_path / f"{dev}.gpkg"
        edit(pkg, f"UPDATE patch_verifications SET {' = ?, '.join(start)} = ?", *values)
        package_export.export(pkg, tmp_path / f"{dev}.zip")
        merge.merge(master, [tmp_path / f"{dev}.zip"])


def pair_held(master):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT patch_class, patch_subclass FROM patch_verifications"
                            ).fetchone()


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_a_class_and_its_sub_class_are_settled_together_by_selecting_both(
        iface, plugin, master, tmp_path, locale):
    """Taking the other value for the class alone would leave sub-class 33 under class 20:
    refused, and the dialog (not a command line) says what to do: both conflicts are
    selected, and the button that makes the pair fit is named; pressed, both are settled."""
    import gc

    from tests.qgis.conftest import qgis_speaking

    class_and_sub_class_apart(master, tmp_path)
    with qgis_speaking(locale, tmp_path / "i18n"):
        dialog = opened(plugin)
        assert dialog.table.rowCount() == 2
        dialog.table.selectRow(0)  # the class
        QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
        said = dialog.message.text()
        assert pair_held(master) == ("30", "33") and dialog.table.rowCount() == 2
        assert [c.id for c in dialog.selected()] == [1, 2], said
        theirs = dialog.take_buttons["theirs"].text()
        if locale == "en_US":
            assert said.startswith(f"Not settled: #1 Patch verifications {dialog.features[1]} "
                                   "would be left with Patch sub-class 33"), said
            assert "which does not belong to Patch class 20" in said, said
            assert (f"Patch sub-class and Patch class are settled together: conflicts #1, #2 "
                    f"are selected now; press “Take Ancestor” or “Take Ours (master now)” or "
                    f"“{theirs}”.") in said, said  # (the buttons as they stand)
        else:
            assert said.startswith(f"未处理：#1 图斑核查记录 {dialog.features[1]}的图斑小类将为 "
                                   "33"), said
            assert "不属于图斑大类 20" in said, said
            assert "图斑小类与图斑大类须一并处理：已选中冲突 #1、#2；请点击“" in said, said
            assert said.endswith(f"或“{theirs}”。"), said
        assert "resolve" not in said and "--take" not in said, said  # no command line here
        gc.collect()
        QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
        assert pair_held(master) == ("20", "21"), dialog.message.text()
        assert dialog.table.rowCount() == 0
        assert len(dialog.message.text().splitlines()) == 2, dialog.message.text()
        dialog.close()


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_a_year_taken_alone_after_the_days_year_selects_the_day_with_it(
        iface, plugin, master, tmp_path, locale):
    """tab-a's year closed 2023 taken alone would stand beside tab-b's day of 2022: refused,
    and the dialog (not a command line) names the rule, selects the day's conflict with it
    and names the buttons that keep the rule; pressed, both are settled."""
    import gc

    from tests.qgis.conftest import qgis_speaking

    met_by_two(master, tmp_path, {"year_closed": 2020, "verified_on": "2025-05-20"},
               {"tab-a": (2023, "2023-03-01"), "tab-b": (2022, "2022-01-01")})
    with qgis_speaking(locale, tmp_path / "i18n"):
        dialog = opened(plugin)
        assert [c.field for c in dialog.conflicts] == ["year_closed", "verified_on"]
        dialog.table.selectRow(0)  # the year
        QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
        said = dialog.message.text()
        assert year_held(master) == (2022, "2022-01-01") and dialog.table.rowCount() == 2
        assert [c.id for c in dialog.selected()] == [1, 2], said
        theirs = dialog.take_buttons["theirs"].text()
        if locale == "en_US":
            assert said == (
                f"Not settled: #1 Patch verifications {dialog.features[1]}: The year closed "
                "cannot be after the year of verification (2022).\nConflicts #1, #2 are "
                "settled together, so that the record keeps the rule: they are selected now; "
                f"press “Take Ancestor” or “Take Ours (master now)” or “{theirs}”."), said
        else:
            assert said.startswith(f"未处理：#1 图斑核查记录 {dialog.features[1]}：闭坑年份不能"
                                   "晚于核查年份（2022）。\n冲突 #1、#2 须一并处理，使记录符合"
                                   "规则：已选中；请点击“"), said
            assert said.endswith(f"或“{theirs}”。"), said
        assert "resolve" not in said and "--take" not in said, said  # no command line here
        gc.collect()
        QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
        assert year_held(master) == (2023, "2023-03-01"), dialog.message.text()
        assert dialog.table.rowCount() == 0
        dialog.close()


def year_held(master):
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT year_closed, verified_on FROM patch_verifications"
                            ).fetchone()


def test_a_typed_value_for_several_conflicts_selected_is_refused(iface, plugin, master,
                                                                tmp_path):
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    dialog.table.selectAll()
    QTest.keyClicks(dialog.value_edit, "20")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    assert dialog.message.text() == ("A typed value is for one field: select one conflict, "
                                     "or take a side for all 2 selected.")
    assert pair_held(master) == ("30", "33") and dialog.table.rowCount() == 2
    dialog.close()


def test_the_sub_class_alone_taken_from_the_ancestor_selects_the_class_with_it(
        iface, plugin, master, tmp_path):
    """The ancestor's sub-class 11 under the class 30 the master holds: refused as the pair
    it leaves, both conflicts selected and the buttons that fit named (it was refused as a
    value alone, in raw column names, nothing selected)."""
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    dialog.table.selectRow(1)  # the sub-class
    QTest.mouseClick(dialog.take_buttons["ancestor"], Qt.LeftButton)
    said = dialog.message.text()
    assert [c.id for c in dialog.selected()] == [1, 2], said
    assert "are settled together: conflicts #1, #2 are selected now" in said, said
    assert "patch_class" not in said and pair_held(master) == ("30", "33"), said
    QTest.mouseClick(dialog.take_buttons["ancestor"], Qt.LeftButton)
    assert pair_held(master) == ("10", "11") and dialog.table.rowCount() == 0
    dialog.close()


def test_a_class_typed_with_its_sub_class_in_conflict_says_how_to_give_both(
        iface, plugin, master, tmp_path):
    """Class 20 typed while the sub-class is in conflict too: refused as the pair it would
    leave, and the dialog says how to give the two values neither side holds (a value is
    typed for one field)."""
    class_and_sub_class_apart(master, tmp_path)
    dialog = opened(plugin)
    dialog.table.selectRow(0)  # the class
    QTest.keyClicks(dialog.value_edit, "20")
    QTest.keyClick(dialog.value_edit, Qt.Key_Return)
    said = dialog.message.text()
    assert said.endswith("Patch sub-class and Patch class are both in conflict: to give them "
                         "values neither side holds, settle both with one side, then edit "
                         "the feature in its layer."), said
    assert pair_held(master) == ("30", "33")
    dialog.close()


def test_an_ancestor_not_known_is_shown_so_and_not_taken(iface, plugin, master, tmp_path):
    """An edit repair recovered after capture was off is logged without the value it
    replaced: its conflict showed that ancestor as NULL, and Take Ancestor emptied the field
    the other device had filled."""
    from field_kit.db import connect
    from field_kit.sync import merge as sync_merge
    from field_kit.sync import package_checkout, package_export, repair

    with connect(master) as conn:  # (captured: a record the package then holds)
        conn.execute("INSERT INTO patch_verifications (uuid, notes) VALUES (?, '村委会')",
                     (ROW,))
    pkg = tmp_path / "tech.gpkg"
    package_checkout.checkout(master, pkg, "tech1")
    with connect(pkg) as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                    "name LIKE 'sync_patch_verifications_%'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')  # as a tool that rebuilds the table does
        conn.execute("UPDATE patch_verifications SET notes = 'unseen' WHERE uuid = ?", (ROW,))
    assert repair.repair(pkg).unvouched
    with connect(master) as conn:  # the master's note changed meanwhile
        conn.execute("UPDATE patch_verifications SET notes = '水利站' WHERE uuid = ?", (ROW,))
    package_export.export(pkg, tmp_path / "c.zip")
    assert sync_merge.merge(master, [tmp_path / "c.zip"]).totals["conflict"] == 1
    dialog = opened(plugin)
    dialog.table.selectRow(0)
    assert _cells(dialog)["ancestor"] == "not known (logged without it)", _cells(dialog)
    held = note_of(master, ROW)
    QTest.mouseClick(dialog.take_buttons["ancestor"], Qt.LeftButton)
    said = dialog.message.text()
    assert said.startswith("Not settled: the ancestor of conflict ") and "is not known" in said
    assert dialog.table.rowCount() == 1 and note_of(master, ROW) == held and held
    # a package's buttons with no conflict selected say so, as a conflict's do
    dialog.table.clearSelection()
    dialog.table.setCurrentItem(None)
    QTest.mouseClick(dialog.all_theirs, Qt.LeftButton)
    assert dialog.message.text() == "Select a conflict first."
    QTest.mouseClick(dialog.take_buttons["theirs"], Qt.LeftButton)
    assert dialog.message.text() == "Select a conflict first."
    dialog.close()


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_a_year_typed_after_the_verifications_is_refused_in_the_users_language(
        iface, plugin, master, tmp_path, locale):
    """The form refuses a year closed after the year of the verification: a value typed in
    the dialog too, said in the user's language, nothing written."""
    from field_kit.sync import merge
    from tests.qgis.conftest import qgis_speaking
    from tests.qgis.test_plugin import verification_edited_by_two

    row = "0b5e2f6c-0000-4000-8000-000000000003"
    outs = verification_edited_by_two(master, tmp_path, row, {
        "year_closed": 2010, "verified_on": "2024-05-01"},
        [{"year_closed": 2011}, {"year_closed": 2012}])
    assert merge.merge(master, outs).totals["conflict"] == 1
    with qgis_speaking(locale, tmp_path / "i18n"):
        dialog = opened(plugin)
        dialog.table.selectRow(0)
        QTest.keyClicks(dialog.value_edit, "2030")
        QTest.keyClick(dialog.value_edit, Qt.Key_Return)
        said = dialog.message.text()
        assert dialog.table.rowCount() == 1, said
        if locale == "en_US":
            assert "The year closed cannot be after the year of verification (2024)" in said, \
                said
        else:
            assert "闭坑年份不能晚于核查年份（2024）" in said, said
        dialog.close()
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT year_closed FROM patch_verifications WHERE uuid = ?",
                            (row,)).fetchone() == (2012,)
