# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts: a whole package settled at once shows how far its decisions got, in a
progress window over the dialog (thousands of conflicts take seconds, in which the window
showed nothing and looked frozen); its Cancel rolls every decision back and says so."""

from __future__ import annotations

import sqlite3

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QProgressDialog, QPushButton

from field_kit.sync import settling
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)
from tests.qgis.test_settle_refused_over_many_later_edits import (
    RECORDS,
    three_packages_on_the_same_notes,
)


def shown_while_settling(monkeypatch, dialog, seen: list, then=None) -> None:
    """The library's resolve as it is, noting at each step it reports what the progress
    window over ``dialog`` shows (``then(fraction, window)`` after)."""
    work = settling.resolve

    def noted(*args, progress=None, **kwargs):
        def heard(fraction):
            progress(fraction)
            windows = [w for w in dialog.findChildren(QProgressDialog) if w.isVisible()]
            seen.append((fraction, [(w.labelText(), w.value(), w.isModal(),
                                     w.windowTitle()) for w in windows]))
            if then is not None and windows:
                then(fraction, windows[0])
        if progress is not None:  # (given one: heard by the dialog)
            kwargs["progress"] = heard
        return work(*args, **kwargs)
    monkeypatch.setattr(settling, "resolve", noted)


def notes(master) -> list[str]:
    with sqlite3.connect(master) as conn:
        return [n for (n,) in conn.execute("SELECT notes FROM patch_verifications "
                                           "WHERE notes LIKE '外业%' ORDER BY fid")]


def test_a_whole_package_settled_shows_how_far_it_got(plugin, master, tmp_path,  # noqa: F811
                                                       monkeypatch):
    three_packages_on_the_same_notes(master, tmp_path)
    dialog = opened(plugin)
    seen: list = []
    shown_while_settling(monkeypatch, dialog, seen)
    dialog.table.selectRow(dialog.table.rowCount() - 1)  # of gis-2's merge
    dialog.all_ours.click()
    QgsApplication.processEvents()
    assert dialog.table.rowCount() == RECORDS, dialog.message.text()
    assert seen, "the decisions reported no progress"
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0, fractions
    assert len(set(fractions)) > RECORDS  # step by step, a decision at a time
    shown = [w for _, windows in seen for w in windows]
    assert len(shown) == len(seen), seen  # in sight from the first step to the last
    assert {(text, modal, title) for text, _, modal, title in shown} == {
        (f"Settling {RECORDS} conflicts of this package…", True, "Conflicts to settle")}
    values = [value for _, value, _, _ in shown]
    assert values == sorted(values) and values[-1] == 100, values
    assert not [w for w in dialog.findChildren(QProgressDialog) if w.isVisible()]  # gone
    assert dialog.message.text().startswith(f"Settled {RECORDS} conflicts of this package")


def test_cancel_while_a_package_is_settled_settles_none(plugin, master, tmp_path,  # noqa: F811
                                                        monkeypatch):
    three_packages_on_the_same_notes(master, tmp_path)
    before = notes(master)
    dialog = opened(plugin)
    seen: list = []

    def cancel_halfway(fraction, window):
        if fraction >= 0.5 and not window.wasCanceled():
            (button,) = window.findChildren(QPushButton)
            assert button.text() == "Cancel"
            QTest.mouseClick(button, Qt.LeftButton)
    shown_while_settling(monkeypatch, dialog, seen, cancel_halfway)
    dialog.table.selectRow(dialog.table.rowCount() - 1)
    dialog.all_theirs.click()
    QgsApplication.processEvents()
    assert seen and max(f for f, _ in seen) < 1.0, seen  # stopped there
    assert dialog.message.text() == "Not settled: cancelled by the user; nothing was changed"
    assert dialog.table.rowCount() == 2 * RECORDS  # every one still open
    assert notes(master) == before  # and nothing written
    assert not [w for w in dialog.findChildren(QProgressDialog) if w.isVisible()]


def test_how_far_a_pull_is_settled_said_in_chinese(plugin_in_chinese, master, tmp_path,
                                                   monkeypatch):
    three_packages_on_the_same_notes(master, tmp_path)
    plugin_in_chinese.show_conflicts()
    dialog = plugin_in_chinese.dialogs[-1]
    seen: list = []
    shown_while_settling(monkeypatch, dialog, seen)
    dialog.table.selectRow(dialog.table.rowCount() - 1)
    dialog.all_ours.click()
    QgsApplication.processEvents()
    assert dialog.table.rowCount() == RECORDS, dialog.message.text()
    assert {(w[0], w[3]) for _, windows in seen for w in windows} == {
        (f"正在处理该数据包的 {RECORDS} 项冲突…", "待处理的冲突")}, seen
    dialog.close()
