# SPDX-License-Identifier: GPL-2.0-or-later
"""Verify a patch or History clicked, a patch selected, while another program holds the
plan (a field-kit merge from the command line, the sqlite3 shell): QGIS reads none of the
patch selected and says nothing; Verify a patch raised a Python error (IndexError), History
said to select one feature. Each says, in QGIS's language, that the file is in use by
another program, and opens nothing."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication

from field_kit import db
from qgis_plugin.core_messages import READ_WAIT_MS
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking

SAID = {"en": "is in use by another program", "zh": "正被其他程序占用"}


@pytest.mark.parametrize("tool", ["toksun_verify_patch", "toksun_show_history"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tool_while_another_program_holds_the_plan_says_so(
        lang, tool, iface, master, tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)  # (the library's wait, shortened)
    errors: list = []
    monkeypatch.setattr("sys.excepthook", lambda *e: errors.append(e))
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        plugin.load(master)
        QgsApplication.processEvents()
        holder = sqlite3.connect(master, isolation_level=None)
        try:
            patches = plugin.layers["mine_patches"]
            patches.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
            assert patches.selectedFeatureCount() == 1
            iface.setActiveLayer(patches)
            holder.execute("BEGIN EXCLUSIVE")  # as another program writing it holds it
            next(a for a in plugin.actions
                 if a.objectName() == tool).trigger()
            QgsApplication.processEvents()
            opened = [d for d in plugin.dialogs if d.isVisible()]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            plugin.unload()
    assert not errors, errors
    said = [text for kind, _, text in iface.messages if kind in ("critical", "warning")]
    assert len(said) == 1 and SAID[lang] in said[0] and master.name in said[0], said
    assert not opened


WAITED = {"en": "(QGIS waited 1.5 s for it.)", "zh": "（QGIS 等待了 1.5 秒。）"}


@pytest.mark.parametrize("tool", ["toksun_verify_patch", "toksun_show_conflicts",
                                  "toksun_show_history"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_read_the_user_waits_on_says_the_plan_held_soon_and_how_long_it_waited(
        lang, tool, iface, master, tmp_path, monkeypatch):
    """QGIS is frozen while Verify a patch, Settle conflicts or History reads the plan:
    another program holding it is said after one short wait, not the ten seconds a write
    waits, nor a wait per read (Settle conflicts waited twice), nor QGIS's own five seconds
    for the feature selected (Verify a patch froze QGIS 6.5 s, History 15 s)."""
    assert db.BUSY_TIMEOUT_MS >= 10_000  # (the library's own wait, not shortened here)
    waits: list = []  # how long each file the tool opens waits for the program holding it
    opened = sqlite3.connect

    def connect(*args, **kwargs):
        waits.append(kwargs.get("timeout"))
        return opened(*args, **kwargs)

    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        plugin = ToksunPlugin(iface)
        plugin.initGui()
        plugin.load(master)
        QgsApplication.processEvents()
        holder = sqlite3.connect(master, isolation_level=None)
        try:
            patches = plugin.layers["mine_patches"]
            patches.selectByExpression("\"patch_code\" = 'CT6504222017000026002'")
            iface.setActiveLayer(patches)
            holder.execute("BEGIN EXCLUSIVE")  # as another program writing it holds it
            layer_reads: list = []  # QGIS's layer asked for the feature selected
            read_selected = patches.selectedFeatures
            patches.selectedFeatures = lambda: layer_reads.append(1) or read_selected()
            monkeypatch.setattr(sqlite3, "connect", connect)
            next(a for a in plugin.actions if a.objectName() == tool).trigger()
            monkeypatch.setattr(sqlite3, "connect", opened)
            QgsApplication.processEvents()
            said = [text for kind, _, text in iface.messages if kind == "critical"] + [
                d.message.text() for d in plugin.dialogs if hasattr(d, "message")]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            plugin.unload()
    assert waits == [READ_WAIT_MS / 1000], waits
    assert not layer_reads
    assert len(said) == 1 and SAID[lang] in said[0] and said[0].endswith(WAITED[lang]), said
