# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock says, under its merge table, the edits a device's wrong clock dated after
the merge, by device and with the dates, as the command line does."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt

from field_kit import errors
from field_kit.sync.changelog import local_time
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import project_cleared, qgis_speaking
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_follows import _added, _sync_dock
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_merge_says_wrong_clocks import AHEAD_SAID, dated


def test_the_dock_says_edits_dated_ahead_of_the_merge(plugin, master, tmp_path, capsys,
                                                      monkeypatch):
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
         "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches LIMIT 1")
    pkg = tmp_path / "tab-a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'field'")
    dated(pkg, "2031-06-01 10:00:00")
    assert cli(capsys, "export", pkg, tmp_path / "a.zip")[0] == errors.OK
    dock = _sync_dock(plugin, master)
    _added(dock, monkeypatch, [str(tmp_path / "a.zip")])
    heard = len(plugin.iface.messages)
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    said = " ".join(dock.report.toPlainText().split())
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    assert (f"a.zip: 1 edit from device tab-a dated "
            f"{local_time('2031-06-01T10:00:00.000Z')}, after this merge (") in said, said
    assert AHEAD_SAID in said, said
    # the message bar warns of it too, naming the device, not an info line alone
    bar = plugin.iface.messages[heard:]
    assert [text for kind, _, text in bar if kind == "warning" and
            "Edits dated by a wrong device clock (tab-a): the report says which." in text], bar
    assert not [m for m in bar if m[0] == "info"], bar


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_dock_says_before_a_merge_that_this_computers_clock_reads_behind(
        lang, iface, master, tmp_path, capsys, monkeypatch):
    """The master's last merge dated after this computer's clock: the dock says so as it
    shows the master, above its merges, before a merge it would date is made."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
         "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches LIMIT 1")
    pkg = tmp_path / "tab-a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'field'")
    assert cli(capsys, "export", pkg, tmp_path / "a.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "a.zip")[0] == errors.OK
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    said = {"en": "This computer's clock reads ", "zh": "早于主库上一次合并的时间"}[lang]

    def listed() -> list[str]:
        with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"):
            plugin = ToksunPlugin(iface)
            plugin.initGui()
            try:
                dock = _sync_dock(plugin, master)
                items = [dock.merge_list.item(i) for i in range(dock.merge_list.count())]
                assert all(i.flags() == Qt.NoItemFlags for i in items if said in i.text())
                return [i.text() for i in items]
            finally:
                iface.mapCanvas().waitWhileRendering()
                plugin.unload()
                project_cleared(iface)

    assert not [t for t in listed() if said in t]  # the clock reads right: nothing said
    with sqlite3.connect(master) as conn:  # merged on a computer whose clock ran ahead
        conn.execute("UPDATE sync_merges SET at = '2031-06-01T10:00:00.000Z'")
    first, *merges = listed()
    assert said in first and local_time("2031-06-01T10:00:00.000Z") in first, first
    assert len(merges) == 1, merges


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_merge_made_with_this_computers_clock_behind_is_a_warning_on_the_bar(
        lang, iface, master, tmp_path, capsys, monkeypatch):
    """Merged in the dock on a computer whose clock reads before the master's last merge:
    the message bar warns of it, in the user's language, not only the report; what was
    applied said after it."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verified_on) "
         "SELECT uuid, patch_code, '2026-11-30' FROM mine_patches LIMIT 1")
    pkg = tmp_path / "tab-a.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tab-a")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'field'")
    assert cli(capsys, "export", pkg, tmp_path / "a.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "a.zip")[0] == errors.OK
    with sqlite3.connect(master) as conn:  # merged on a computer whose clock ran ahead
        conn.execute("UPDATE sync_merges SET at = '2031-06-01T10:00:00.000Z'")
    edit(pkg, "UPDATE patch_verifications SET notes = 'field again'")
    assert cli(capsys, "export", pkg, tmp_path / "b.zip")[0] == errors.OK
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    said, applied = {
        "en": ("This computer's clock reads ", "1 change applied."),
        "zh": ("早于主库上一次合并的时间", "已应用 1 项修改。")}[lang]
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        try:
            dock = _sync_dock(plugin, master)
            _added(dock, monkeypatch, [str(tmp_path / "b.zip")])
            heard = len(iface.messages)
            dock.merge_button.click()
            _wait_for(dock)
            gc.collect()
            if dock.report_dialog is not None:
                dock.report_dialog.close()
        finally:
            QgsApplication.processEvents()
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()
            project_cleared(iface)  # its layers' datasets closed while the test's files are there
    warned = [text for kind, _, text in iface.messages[heard:] if kind == "warning"]
    assert [t for t in warned if said in t and
            local_time("2031-06-01T10:00:00.000Z") in t], iface.messages[heard:]
    assert any(t.endswith(applied) for t in warned), iface.messages[heard:]
    assert not [t for t in warned if "。 " in t], warned  # (Chinese sentences run on)
    assert not [m for m in iface.messages[heard:] if m[0] == "info"], iface.messages[heard:]
