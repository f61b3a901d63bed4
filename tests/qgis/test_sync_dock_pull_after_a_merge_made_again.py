# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull into a technician's package whose merge the master undid and then
made again, the record edited since: it says no conflict and leaves none open (it said the
package kept the record the master had deleted, which the master holds)."""

from __future__ import annotations

from field_kit.sync import package_checkout
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_pull_says_what_the_command_line_says import _pulled_in_dock
from tests.unit import undone_made_again as made_again
from tests.unit.gpkg_factory import edit

DELETED = {"en": "deleted", "zh": "删除"}


def test_the_dock_pull_keeps_no_record_the_master_holds(dock, master, tmp_path):  # noqa: F811
    lang, dock = dock
    pkg = tmp_path / "w.gpkg"
    package_checkout.checkout(master, pkg, made_again.DEVICE, township="郭勒布依乡",
                      role="technician")
    z, record = made_again.new_record(master, pkg)
    made_again.merged_again(master, z)
    edit(pkg, "UPDATE patch_verifications SET notes = '第二次' WHERE uuid = ?", record)
    _pulled_in_dock(dock, pkg)
    report = dock.report.toPlainText()
    assert DELETED[lang] not in report, report
    assert made_again.open_conflicts(pkg) == 0
    assert made_again.notes(pkg, record) == "第二次"
