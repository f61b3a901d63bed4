# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge in the Sync dock that kept out changes of a merge this master undid, of a package
brought up to the master before it was restored: what the merge did is said first, in the
report and on the message bar, its count leading; the package's history after it."""

from __future__ import annotations

import shutil

from tests.qgis.test_sync_dock_merges_undone_changes_after_all import merged_in_dock
from tests.unit import test_device_checked_out_after_the_backup as after
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import rows
from tests.unit.test_master_restored_from_a_backup import season  # noqa: F401

KEPT_OUT = "kept out of this merge"
HISTORY = "this master was restored from a backup or is another copy"


def test_the_changes_kept_out_are_said_before_the_restored_master(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    _, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)  # the hard day
    everything = tmp_path / "LI-ALL.zip"
    assert cli(capsys, "export", li, everything, "--all")[0] == 0
    assert cli(capsys, "readmit", master, li)[0] == 0
    assert cli(capsys, "merge", master, everything)[0] == 0
    (merge_id,), = rows(master, "SELECT merge_id FROM sync_merges WHERE device = 'tab-li'")
    assert cli(capsys, "undo-merge", master, merge_id)[0] == 0
    dock, iface = merged_in_dock(request, monkeypatch, everything)
    report = dock.report.toPlainText()
    assert -1 < report.find(KEPT_OUT) < report.find(HISTORY), report
    (item,) = [i for i in iface.bar_items if i.title() == "Merge"]
    assert item.text().startswith("2 changes kept out of this merge, as this master undid "
                                  "them"), item.text()
    assert HISTORY in item.text(), item.text()
