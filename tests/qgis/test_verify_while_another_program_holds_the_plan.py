# SPDX-License-Identifier: GPL-2.0-or-later
"""Verify a patch clicked, a patch selected, while another program holds the plan (a
field-kit merge from the command line, the sqlite3 shell): QGIS reads none of the patch
selected and says nothing, and the tool raised a Python error (IndexError). It says, in
QGIS's language, that the file is in use by another program, and opens no form."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication

from field_kit import db
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking

SAID = {"en": "is in use by another program", "zh": "正被其他程序占用"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_verify_a_patch_while_another_program_holds_the_plan_says_so(
        lang, iface, master, tmp_path, monkeypatch):
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
            holder.execute("BEGIN EXCLUSIVE")  # as another program writing it holds it
            next(a for a in plugin.actions
                 if a.objectName() == "toksun_verify_patch").trigger()
            QgsApplication.processEvents()
            opened = [d for d in plugin.dialogs if d.isVisible()]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            plugin.unload()
    assert not errors, errors
    said = [text for kind, _, text in iface.messages if kind == "critical"]
    assert len(said) == 1 and SAID[lang] in said[0] and master.name in said[0], said
    assert not opened
