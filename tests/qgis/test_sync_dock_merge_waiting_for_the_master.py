# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge started while another program holds the master (BEGIN EXCLUSIVE) says, while
it waits, that it is merging and what it waits for, as the command line says it: not the
report of the work before. Its task, as QGIS's task manager names it, is in the user's
language."""

from __future__ import annotations

import gc
import sqlite3
import time

import pytest
from qgis.core import QgsApplication

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for, verification_edited_by_two
from tests.qgis.test_sync_dock_follows import _added

SAID = {"en": ("Merging change packages…", "master.gpkg is in use by another program: "
               "waiting up to 9 s more for it", "tech-a.zip"),
        "zh": ("正在合并修改包…", "master.gpkg 正被其他程序占用：最多再等待 9 秒",
               "tech-a.zip")}


def _until_said(dock, text: str, limit_s: float = 60) -> str:
    """The dock's report once it says ``text``, or the work is over."""
    end = time.monotonic() + limit_s
    while dock.task is not None and text not in dock.report.toPlainText() \
            and time.monotonic() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    return dock.report.toPlainText()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_merge_waiting_for_the_master_says_so(lang, iface, master, tmp_path, monkeypatch):
    first, second = verification_edited_by_two(
        master, tmp_path, "0b5e2f6c-0000-4000-8000-00000000000b", {"notes": None},
        [{"notes": "11"}, {"notes": "22"}])
    working, waiting, earlier = SAID[lang]
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        holder = None
        try:
            plugin.load(master)
            QgsApplication.processEvents()
            next(a for a in plugin.actions if a.objectName() == "toksun_show_sync").trigger()
            dock = plugin.docks["sync"]
            _added(dock, monkeypatch, [str(first)])
            dock.merge_button.click()
            _wait_for(dock)
            gc.collect()
            before = dock.report.toPlainText()
            assert earlier in before, before
            if dock.report_dialog is not None:
                dock.report_dialog.close()
            holder = sqlite3.connect(master, isolation_level=None)  # another program
            holder.execute("BEGIN EXCLUSIVE")
            _added(dock, monkeypatch, [str(second)])
            dock.merge_button.click()
            assert dock.task.description() == working.rstrip("…")
            said = _until_said(dock, waiting)
            assert dock.task is not None, said
            assert said.splitlines()[0] == working, said
            assert waiting in said and earlier not in said, said
            holder.execute("ROLLBACK")
            _wait_for(dock)
            gc.collect()
            assert waiting not in dock.report.toPlainText()
        finally:
            if holder is not None:
                holder.close()
            iface.mapCanvas().waitWhileRendering()
            plugin.unload()
