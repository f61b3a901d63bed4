# SPDX-License-Identifier: GPL-2.0-or-later
"""Undo the selected merge… asks naming the merge (its package, device and time, as the
list shows them) and says what the undo puts back, counted as the undo counts it: the
changes the merge applied, the values settling its conflicts wrote, or nothing; and its
conflicts closed with it. "No" changes nothing."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QMessageBox

from field_kit.sync import masters
from tests.qgis.test_plugin import _conflict_on


def _asked(dock, monkeypatch, device: str) -> str:
    """The question asked to undo ``device``'s merge, answered No."""
    asked = []

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return QMessageBox.No
    monkeypatch.setattr(QMessageBox, "question", question)
    dock.refresh_merges()
    (row,) = [i for i in range(dock.merge_list.count())
              if f" from {device}:" in dock.merge_list.item(i).text()]
    dock.merge_list.setCurrentRow(row)
    dock.undo_button.click()
    (text,) = asked
    return text


def _met_a_later_edit(master, tmp_path) -> None:
    """tech-c's package changes a patch's section, the master changes it later (QGIS): the
    merge applies nothing, its one conflict keeps the master's value."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout, package_export
    from tests.unit.gpkg_factory import edit

    pkg = tmp_path / "tech-c.gpkg"
    package_checkout.checkout(master, pkg, "tech-c", role="gis")
    with connect(master) as conn:
        (row,) = conn.execute("SELECT uuid FROM mine_patches ORDER BY fid").fetchone()
    edit(pkg, "UPDATE mine_patches SET section = 'in the field' WHERE uuid = ?", row)
    edit(master, "UPDATE mine_patches SET section = 'in QGIS' WHERE uuid = ?", row)
    package_export.export(pkg, tmp_path / "tech-c.zip")
    totals = masters.merge(master, [tmp_path / "tech-c.zip"]).totals
    assert (totals["applied"], totals["conflict"]) == (0, 1), totals


def test_the_undo_question_names_the_merge_and_what_it_puts_back(dock, master, tmp_path,
                                                                 monkeypatch):
    from field_kit.sync.changelog import local_time

    _met_a_later_edit(master, tmp_path)
    (merged,) = masters.merges(master)
    named = f"Undo the merge of tech-c.zip from tech-c at {local_time(merged['at'])}? "
    end = "The undo is itself recorded in the history."
    closed = "Its 1 conflict, open or settled, is closed as undone. "
    assert _asked(dock, monkeypatch, "tech-c") == named + \
        "It applied no change, and settling its conflicts wrote no value: nothing is put " \
        "back. " + closed + end
    (conflict,) = masters.conflicts(master)
    masters.resolve(master, conflict.id, take="theirs")  # the field's value written
    assert _asked(dock, monkeypatch, "tech-c") == named + \
        "It applied no change; it reverts the 1 value written in settling its " \
        "conflicts. " + closed + end
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))  # (each applied one)
    assert _asked(dock, monkeypatch, "tech-a").endswith(
        "? It reverts the 1 change it applied. " + end)
    assert not any(m["undone_at"] for m in masters.merges(master))  # (No: none undone)
