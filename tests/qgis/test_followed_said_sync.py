# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock says what a command followed in the master, as the command line does: a
field package made from it says the codes and the area and centre it followed of the
master's own edits (it said nothing of them), and a merge's report sets its warnings
(refusals, codes off the national format or naming no patch) apart, first, under a heading
of their own in the colour of a problem, before what was done."""

from __future__ import annotations

import gc

from qgis.PyQt.QtWidgets import QFileDialog

from field_kit.sync import masters, package_checkout, package_export
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.test_history_names_the_patch import _unloaded
from tests.qgis.test_plugin import _wait_for
from tests.unit.gpkg_factory import edit
from tests.unit.test_checkout_says_what_it_followed_as_merge import edited_in_the_shell
from tests.unit.test_codes_follow import CODE, NEW_HOME, VERIFIED

PROBLEM = "#b00020"
# (each column by the label its form gives it)
GIVEN = ("patch_verifications: 1 row given the Patch code of the patch it names (the "
         "patch renamed in the master itself")
NAMES_NONE = "patch_verifications: 1 row given a Patch code that names no patch"
RECOMPUTED = "recomputed from their geometry for 1 feature"


def edited_in_the_master(master, tmp_path) -> None:
    """Two verifications merged into ``master``; then, in the sqlite3 shell, the patch of
    one renamed, a code naming no patch typed into the other, a patch's shape changed."""
    tech = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, tech, "tab-1", township="郭勒布依乡")
    edit(tech, VERIFIED)
    edit(tech, VERIFIED.replace(CODE, NEW_HOME))
    package_export.export(tech, tmp_path / "tab-1.zip")
    assert masters.merge(master, [tmp_path / "tab-1.zip"]).totals["applied"] == 2
    edited_in_the_shell(master)


def _colour(browser, text: str) -> str:
    """The colour ``text`` is shown in, in ``browser``."""
    block = browser.document().begin()
    while block.isValid():
        if text in block.text():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if text in fragment.text():
                    return fragment.charFormat().foreground().color().name()
                it += 1
        block = block.next()
    raise AssertionError(f"{text!r} not in {browser.toPlainText()!r}")


def test_a_field_package_made_in_the_dock_says_what_it_followed_in_the_master(
        iface, master, tmp_path, monkeypatch):
    edited_in_the_master(master, tmp_path)
    pkg = tmp_path / "gis-wang.gpkg"
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    dock = p.show_sync()
    try:
        dock.device.setText("gis-wang")
        dock.role.setCurrentIndex(dock.role.findData("gis"))
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, **k: (str(pkg), "")))
        dock.checkout_button.click()
        _wait_for(dock)
        gc.collect()
        said = dock.report.toPlainText()
        assert pkg.exists(), said
        assert GIVEN in said and RECOMPUTED in said, said
        # the warning first, under its heading, in the colour of a problem; the rest not
        assert said.index("Warnings") < said.index(NAMES_NONE) < \
            said.index("Field package written") < said.index(GIVEN), said
        assert _colour(dock.report, NAMES_NONE) == PROBLEM
        assert _colour(dock.report, GIVEN) != PROBLEM
        assert any(kind == "warning" and "of the master's own edits: the report says what" in text
                   for kind, _, text in iface.messages), iface.messages
    finally:
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        _unloaded(p)


def test_a_merge_report_sets_its_warnings_first_apart(iface, master, tmp_path):
    edited_in_the_master(master, tmp_path)
    gis = tmp_path / "gis-a.gpkg"  # a patch renamed to a code of no national format
    package_checkout.checkout(master, gis, "gis-a", role="gis")
    edit(gis, "UPDATE mine_patches SET patch_code = 'KUYBAGH-7' WHERE fid = 2")
    package_export.export(gis, tmp_path / "gis-a.zip")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    dock = p.show_sync()
    try:
        for path in (tmp_path / "gis-a.zip", bad):
            dock.package_list.addItem(str(path))
        dock.merge_packages()
        _wait_for(dock)
        gc.collect()
        said = dock.report.toPlainText()
        off = "mine_patches: 1 patch added or renamed with a Patch code matching none"
        refused = "bad.zip"
        assert off in said, said
        # warnings first, apart, in red: before the counts' table, the rest after it
        first = said.index("Warnings")
        assert first < said.index(refused) < said.index("Package")
        assert first < said.index(NAMES_NONE) < said.index("Package")
        assert first < said.index(off) < said.index("Package")
        assert said.index("Package") < said.index(GIVEN) and \
            said.index("Package") < said.index(RECOMPUTED), said
        for warned in (NAMES_NONE, off, "Refused, not applied"):
            assert _colour(dock.report, warned) == PROBLEM, warned
        for done in (GIVEN, RECOMPUTED):
            assert _colour(dock.report, done) != PROBLEM, done
        assert any(kind == "warning" and "code warning" in text
                   for kind, _, text in iface.messages), iface.messages
    finally:
        if dock.report_dialog is not None:
            dock.report_dialog.close()
        _unloaded(p)
