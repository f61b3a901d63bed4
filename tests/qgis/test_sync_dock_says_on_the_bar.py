# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock says on QGIS's message bar that a checkout or an undo is done, as it says a
pull is (its report may sit below the fold of a tall dock): info when all went well, a
warning where the report holds warnings, critical when the work failed. The undo's report
says the conflicts the merge had recorded are closed."""

from __future__ import annotations

import gc

from qgis.PyQt.QtWidgets import QFileDialog

from tests.qgis.test_plugin import _conflict_on, _wait_for, undo_from_dock


def _checked_out(dock, pkg, monkeypatch) -> None:
    """A technician's field package ``pkg`` made as the user makes it in the dock."""
    dock.device.setText(pkg.stem)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(pkg), "")))
    dock.checkout_button.click()
    _wait_for(dock)
    gc.collect()


def test_a_checkout_done_is_said_on_the_bar(iface, dock, tmp_path, monkeypatch):
    pkg = tmp_path / "tech-ma.gpkg"
    heard = len(iface.messages)
    _checked_out(dock, pkg, monkeypatch)
    assert pkg.exists(), dock.report.toPlainText()
    (kind, title, text), = iface.messages[heard:]
    # (titled as done, not as the work under way)
    assert (kind, title) == ("info", "Field package created"), iface.messages[heard:]
    assert text == f"Field package written: {pkg}", text
    # (the work took a while, the user may have turned away: not gone after 5 s as info is)
    assert iface.bar_items[-1].text() == text and iface.bar_items[-1].duration() == 0


def test_a_checkout_that_fails_is_said_on_the_bar_as_critical(iface, dock, tmp_path,
                                                              monkeypatch):
    pkg = tmp_path / "tech-ma.gpkg"
    pkg.write_bytes(b"kept")  # a field package is never written over
    heard = len(iface.messages)
    _checked_out(dock, pkg, monkeypatch)
    assert pkg.read_bytes() == b"kept"
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title) == ("critical", "Field package not created"), iface.messages[heard:]
    assert str(pkg) in text and text in dock.report.toPlainText(), text


def test_an_undo_says_the_conflicts_it_closed_and_is_said_on_the_bar(iface, dock, master,
                                                                     tmp_path, monkeypatch):
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    heard = len(iface.messages)
    said = undo_from_dock(dock, monkeypatch)
    closed = ("1 conflict this merge recorded is closed as undone with it: Settle "
              "conflicts no longer lists it")
    assert "Merge undone: 1 change reverted." in said and closed in said, said
    (kind, title, text), = iface.messages[heard:]
    # (titled as done, not as the work under way)
    assert (kind, title) == ("info", "Merge undone"), iface.messages[heard:]
    assert text.startswith("Merge undone: 1 change reverted. " + closed), text


def test_an_undo_that_fails_is_said_on_the_bar_as_critical(iface, dock, master, tmp_path,
                                                           monkeypatch):
    _conflict_on(master, tmp_path, "notes", None, ("11", "22"))
    undo_from_dock(dock, monkeypatch)
    dock.refresh_merges()
    dock.merge_list.setCurrentRow(0)  # the merge undone already, undone again
    heard = len(iface.messages)
    dock.undo_selected(confirm=False)
    _wait_for(dock)
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title) == ("critical", "Merge not undone"), iface.messages[heard:]
    assert "undone already" in text, text


def test_an_undo_says_the_codes_it_put_back(iface, dock, master, tmp_path, monkeypatch):
    """A patch given a new code by a merge: its verification followed it; undone in the
    dock, one change is reverted, and the code the verification was given is said to be
    put back too (not counted as a second change, nor left unsaid)."""
    from field_kit.sync import masters, package_export
    from tests.unit.gpkg_factory import edit

    code = "CT6504222017000026001"
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
         "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches WHERE patch_code = ?", code)
    gis = tmp_path / "gis-1.gpkg"
    masters.checkout(master, gis, "gis-1", role="gis")
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?",
         "CT6504222017000026999", code)
    package_export.export(gis, tmp_path / "gis-1.zip")
    assert masters.merge(master, [tmp_path / "gis-1.zip"]).totals["applied"] == 1
    said = undo_from_dock(dock, monkeypatch)
    assert "Merge undone: 1 change reverted." in said, said
    assert "1 code given with this merge to rows naming what it changed put back with " \
           "it" in said, said
