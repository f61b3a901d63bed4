# SPDX-License-Identifier: GPL-2.0-or-later
"""History with a patch selected while another program holds the plan (a field-kit merge
from the command line, the sqlite3 shell): QGIS reads none of the patch selected, and the
tool said to select one feature. It says, in QGIS's language, that the file is in use by
another program, as Verify a patch does."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsApplication

from field_kit import db
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_verify_while_another_program_holds_the_plan import SAID


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_history_while_another_program_holds_the_plan_says_so(
        lang, iface, master, tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)  # (the library's wait, shortened)
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
                 if a.objectName() == "toksun_show_history").trigger()
            QgsApplication.processEvents()
            opened = [d for d in plugin.dialogs if d.isVisible()]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            plugin.unload()
    said = [text for kind, _, text in iface.messages if kind in ("critical", "warning")]
    assert len(said) == 1 and SAID[lang] in said[0] and master.name in said[0], said
    assert not opened
