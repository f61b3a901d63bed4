# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's undo says what it reverted in the units its question asked in: the
change the merge applied and the value settling its conflict wrote, not "2 changes"."""

from __future__ import annotations

import gc

from qgis.PyQt.QtWidgets import QMessageBox

from field_kit.sync import masters
from tests.qgis.test_plugin import _conflict_on, _wait_for


def test_the_undo_says_the_change_and_the_value_it_asked_of(iface, dock, master, tmp_path,
                                                             monkeypatch):
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    (conflict,) = masters.conflicts(master)
    masters.resolve(master, [conflict.id], take="theirs")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a, **k: asked.append(text)
                        or QMessageBox.Yes)
    dock.refresh_merges()
    dock.merge_list.setCurrentRow(0)
    dock.undo_button.click()
    _wait_for(dock)
    gc.collect()
    reverts = "the 1 change it applied and the 1 value written in settling its conflicts"
    assert f"It reverts {reverts}." in asked[0], asked
    said = dock.report.toPlainText()
    assert f"Merge undone: it reverted {reverts}." in said, said
    assert "2 changes reverted" not in said, said
