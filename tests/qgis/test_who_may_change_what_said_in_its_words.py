# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what: a grant of the master that names a role there is not (the merge
ignores it, and lists it) is taken back from the dialog, its role chosen with it (the role
chosen stayed the technician's, whose grant of that table was taken back instead); and what
the library says to do by the command line's options ("--grant") the dialog says in its own
words: the table to choose and the buttons to press, in English and in Chinese."""

from __future__ import annotations

import sqlite3

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QScrollArea

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_who_may_change_what import (  # noqa: F401 (fixtures)
    closed,
    grants,
    in_english,
    opened,
    rows,
    typed,
)

VERIFICATIONS = "patch_verifications"


def test_a_grant_naming_no_role_is_taken_back_from_the_dialog(
        iface, master, in_english):  # noqa: F811 (the fixture)
    with sqlite3.connect(master) as conn:  # (written by hand: a role there is not)
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('surveyor', ?, '*')",
                     (VERIFICATIONS,))
    before = grants(master)
    assert ("technician", VERIFICATIONS, "*") in before
    plugin, dialog = opened(iface, master)
    try:
        (row,) = [r for r in rows(dialog) if r[0] == "surveyor"]
        assert row[3].startswith(f"ignored: grant (surveyor, {VERIFICATIONS}, *) in sync_roles "
                                 "names no role"), row
        dialog.grants.selectRow(rows(dialog).index(row))  # fills in the change, its role too
        assert (dialog.role.currentText(), dialog.table.currentText(),
                dialog.columns.text()) == ("surveyor", VERIFICATIONS, "")
        QTest.mouseClick(dialog.revoke, Qt.LeftButton)
        assert dialog.changes.item(0).text() == f"revoke surveyor: {VERIFICATIONS}"
        QTest.mouseClick(dialog.apply, Qt.LeftButton)
        said = dialog.message.text()
        assert grants(master) == before - {("surveyor", VERIFICATIONS, "*")}, said
        assert f"grants changed: surveyor may no longer change {VERIFICATIONS}" in said, said
        assert not [r for r in rows(dialog) if r[0] == "surveyor"]
        # (none of its grants left: the role is offered no more)
        assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == ["technician"]
        # a technician's grant selected after chooses the technician again
        (tech,) = [r for r in rows(dialog) if r[:2] == ("technician", VERIFICATIONS)]
        dialog.grants.selectRow(rows(dialog).index(tech))
        assert dialog.role.currentData() == "technician"
    finally:
        closed(iface, plugin, dialog)


def test_what_to_do_is_said_in_the_dialogs_words(iface, master,
                                                 in_english):  # noqa: F811 (the fixture)
    plugin, dialog = opened(iface, master)
    try:
        typed(dialog, VERIFICATIONS, "notes", give=False)  # one column of a table granted
        said = dialog.message.text()
        assert "--" not in said and "field-kit" not in said, said
        assert (f"warning: technician may no longer add or delete features of {VERIFICATIONS}: "
                "a role granted some of its columns only adds and deletes none (to give them "
                f"back: table {VERIFICATIONS}, columns left empty, “Grant”, then “Apply the "
                "changes”)") in said.split("\n"), said
        typed(dialog, VERIFICATIONS, "notes")  # every column again, each by name
        said = dialog.message.text()
        assert "--" not in said, said
        assert (f"warning: technician may change every column of {VERIFICATIONS}, each granted "
                "by name, but add or delete none of its features (to let it: table "
                f"{VERIFICATIONS}, columns left empty, “Grant”, then “Apply the changes”)"
                ) in said.split("\n"), said
        typed(dialog, VERIFICATIONS, "")  # as it says
        assert ("technician", VERIFICATIONS, "*") in grants(master), dialog.message.text()
        assert ("technician", VERIFICATIONS, "every column", "") in rows(dialog)
    finally:
        closed(iface, plugin, dialog)


def test_what_to_do_said_last_is_brought_in_sight(iface, master,
                                                  in_english):  # noqa: F811 (the fixture)
    """A column taken back from a table granted whole lists the others, each by name: the
    lines said run past the dialog's foot, and the last, what to do, is scrolled to."""
    plugin, dialog = opened(iface, master)
    try:
        typed(dialog, VERIFICATIONS, "notes", give=False)
        QApplication.processEvents()
        label = dialog.message
        assert len(label.text().split("\n")) == 4, label.text()
        for area in dialog.findChildren(QScrollArea):  # (where one holds it) to its end
            if area.isAncestorOf(label):
                area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
        QApplication.processEvents()
        seen = label.visibleRegion().boundingRect()
        assert seen.bottom() >= label.heightForWidth(label.width()) - label.fontMetrics(
            ).lineSpacing(), (seen, label.height())  # the last line in sight
        assert label.mapTo(dialog, seen.bottomLeft()).y() < dialog.height()
    finally:
        closed(iface, plugin, dialog)


def test_a_field_package_says_where_grants_are_changed_in_the_dialogs_words(
        iface, master, tmp_path, in_english):  # noqa: F811 (the fixture)
    from field_kit.sync import package_checkout

    tech = tmp_path / "tech-li.gpkg"
    package_checkout.checkout(master, tech, "tech-li", role="technician")
    plugin, dialog = opened(iface, tech)
    try:
        typed(dialog, VERIFICATIONS, "notes", give=False)
        said = dialog.message.text()
        assert said == (f"{tech} is a field package: grants are changed in its master, which "
                        "it takes them from at its next pull (open the master with “Open a "
                        "master or field package…” to change them here); nothing was changed")
    finally:
        closed(iface, plugin, dialog)


def test_in_chinese(iface, master, tmp_path, monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with sqlite3.connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('surveyor', ?, '*')",
                     (VERIFICATIONS,))
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        plugin, dialog = opened(iface, master)
        try:
            (row,) = [r for r in rows(dialog) if r[0] == "surveyor"]
            dialog.grants.selectRow(rows(dialog).index(row))
            assert dialog.role.currentText() == "surveyor"
            QTest.mouseClick(dialog.revoke, Qt.LeftButton)
            QTest.mouseClick(dialog.apply, Qt.LeftButton)
            assert ("surveyor", VERIFICATIONS, "*") not in grants(master)
            typed(dialog, VERIFICATIONS, "notes", give=False)
            said = dialog.message.text()
            assert "--" not in said and "field-kit" not in said, said
            assert ("注意：技术员不能再新增或删除图斑核查记录的要素：只被授予部分字段的角色"
                    f"不能新增或删除要素（如需恢复：表选 {VERIFICATIONS}，字段留空，按“授予”，"
                    "再按“应用更改”）") in said.split("\n"), said
        finally:
            closed(iface, plugin, dialog)


def _overlapping(dialog) -> list[tuple[str, str]]:
    """Pairs of the dialog's widgets, laid out one under the other, drawn over each other."""
    from qgis.PyQt.QtCore import QPoint, QRect

    shown = []
    def walk(layout):
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.widget() is not None and item.widget().isVisible():
                w = item.widget()
                shown.append((w.objectName() or type(w).__name__ + ":" + str(len(shown)),
                              QRect(w.mapTo(dialog, QPoint(0, 0)), w.size())))
            elif item.layout() is not None:
                walk(item.layout())
    walk(dialog.layout())
    return [(a, b) for i, (a, ra) in enumerate(shown) for (b, rb) in shown[i + 1:]
            if ra.intersects(rb)]


def test_a_long_path_and_a_long_table_leave_every_part_in_its_place(
        iface, master, in_english, tmp_path):  # noqa: F811 (the fixture)
    """A master deep in folders (the summary wraps) and a table of many columns (listed under
    the choice) with a long refusal said: every part keeps its room, none drawn over another,
    every line said is there to read (scrolled where it is long), and the dialog fits a
    laptop's screen."""
    import shutil

    deep = tmp_path / ("county-data-" * 4) / "restoration-2021-2035" / "field-season-autumn"
    deep.mkdir(parents=True)
    far = deep / "toksun-master.gpkg"
    shutil.copy(master, far)
    plugin, dialog = opened(iface, far)
    try:
        typed(dialog, VERIFICATIONS, "notes", give=False)  # its other columns listed, said
        QApplication.processEvents()
        assert dialog.its_columns.text().count(",") > 10  # (the table's many columns)
        assert _overlapping(dialog) == []
        # on a laptop's screen of 768 pixels, less its panel and the dialog's title bar
        assert dialog.minimumSizeHint().height() <= 700, dialog.minimumSizeHint()
        for label in (dialog.summary, dialog.its_columns, dialog.message):
            area = label.parent().parent()  # (a label alone, or scrolled in an area)
            whole = label.height() >= label.heightForWidth(label.width())
            assert whole or isinstance(area, QScrollArea), label.text()
    finally:
        closed(iface, plugin, dialog)
