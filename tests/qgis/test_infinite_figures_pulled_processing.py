# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's pull says what a pull warns of, as the command line and the Sync dock do:
the plan layers' figures it brought as ±Infinity, as the master holds them, pushed as a
warning (it said none of the pull's warnings)."""

from __future__ import annotations

from field_kit.sync import package_checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import edit

CODE = "CT6504222016000053002"


def test_processing_pull_warns_of_infinite_figures_brought(provider, master,  # noqa: F811
                                                            tmp_path):
    pkg = tmp_path / "tab-q.gpkg"
    package_checkout.checkout(master, pkg, "tab-q")
    edit(master, "UPDATE mine_patches SET area_m2 = 1e400 WHERE patch_code = ?", CODE)
    heard = Heard()
    got = run("pull", {"PACKAGE": str(pkg), "MASTER": str(master)}, heard)
    assert got["APPLIED"] == 1, heard.lines
    assert ("warning", "the pull brought figures no report can count or check, as the master "
            f"holds them: mine_patches {CODE}: area_m2 holds inf; write each as a number (or "
            "empty) in the master, then pull again") in heard.lines, heard.lines
