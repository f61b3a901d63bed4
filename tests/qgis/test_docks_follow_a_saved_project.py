# SPDX-License-Identifier: GPL-2.0-or-later
"""A saved QGIS project of another master read (Project → Open): the Sync and Progress docks
follow it, as they follow a master opened by the plugin's own ways. Nothing of the master
before is left in them: the Sync dock's report of a merge into it, the merge's result on the
bar, the Progress dock's figures of it."""

from __future__ import annotations

import gc
import shutil

from qgis.core import QgsApplication, QgsProject

from qgis_plugin.docks.dashboard import DashboardDock
from tests.qgis.conftest import plugin_speaking, triggered
from tests.qgis.test_bar_follows_the_file_open import _merged_by_hand, _project_saved, _titles
from tests.qgis.test_plugin import verification_edited_by_two
from tests.qgis.test_settle_conflicts import WithItsMessageBar


def test_the_docks_follow_a_saved_project_of_another_master(iface, master, tmp_path,
                                                           monkeypatch):
    iface = WithItsMessageBar(iface)
    other = tmp_path / "other" / "county_b.gpkg"
    other.parent.mkdir()
    shutil.copyfile(master, other)  # (before the verification the merge edits: one fewer)
    saved = tmp_path / "county_b.qgz"
    _project_saved(other, saved)
    zips = verification_edited_by_two(master, tmp_path, "0b5e2f6c-0000-4000-8000-00000000000c",
                                      {"notes": None}, [{"notes": "11"}])
    with plugin_speaking(iface, "en_US", tmp_path / "qm") as plugin:
        sync = _merged_by_hand(plugin, monkeypatch, master, zips)
        if sync.report_dialog is not None:
            sync.report_dialog.close()
        assert "tech-a" in sync.report.toPlainText()
        assert "Merge" in _titles(iface.bar), _titles(iface.bar)
        triggered(plugin, "show_dashboard")
        progress = plugin.docks["dashboard"]
        before = progress.summary.text()
        assert QgsProject.instance().read(str(saved))
        QgsApplication.processEvents()
        gc.collect()
        assert sync.report.toPlainText() == "", sync.report.toPlainText()
        assert not sync.report_button.isEnabled()
        assert "county_b" in sync.master_label.text(), sync.master_label.text()
        assert "Merge" not in _titles(iface.bar), _titles(iface.bar)
        assert progress.master == str(other)
        assert progress.summary.text() == DashboardDock(None, other).summary.text() != before
