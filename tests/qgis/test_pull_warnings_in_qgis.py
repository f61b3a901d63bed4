# SPDX-License-Identifier: GPL-2.0-or-later
"""A grant the pull brought that grants nothing (a column mine_patches lacks), warned of by
the command line's pull: the Sync dock's pull names it in the report, in the user's
language, warning on the message bar, and Processing's pull pushes it as a warning (both said
nothing of it)."""

from __future__ import annotations

import gc

from field_kit.sync import package_checkout
from tests.qgis.test_checkout_warnings_in_qgis import GRANT
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.gpkg_factory import edit


def _granting_nothing_after_checkout(master, pkg) -> None:
    package_checkout.checkout(master, pkg, "tab-g")
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phaze')")


def test_the_sync_dock_pull_names_a_grant_that_grants_nothing(
        iface, dock, master, tmp_path):  # noqa: F811
    lang, dock = dock
    pkg = tmp_path / "tab-g.gpkg"
    _granting_nothing_after_checkout(master, pkg)
    heard = len(iface.messages)
    dock.choose_package(str(pkg))
    dock.pull_button.click()
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    assert said.count(GRANT[lang]) == 1, said
    (kind, _, bar), = iface.messages[heard:]  # (the report says what)
    assert kind == "warning", bar


def test_processing_pull_warns_of_a_grant_that_grants_nothing(provider, master,  # noqa: F811
                                                               tmp_path):
    pkg = tmp_path / "tab-g.gpkg"
    _granting_nothing_after_checkout(master, pkg)
    heard = Heard()
    run("pull", {"PACKAGE": str(pkg), "MASTER": str(master)}, heard)
    assert ("warning", GRANT["en"]) in heard.lines, heard.lines
