# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what under a Chinese QGIS: the plan's tables listed, and offered in the
Table box, by their layers' titles (图斑核查记录, not patch_verifications), a grant given
back by the title picked; the role called by the word the Sync dock calls it."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QGroupBox

from field_kit.plan import schema
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_who_may_change_what import closed, grants, opened, rows, type_into

VERIFICATIONS = schema.table("patch_verifications").title.zh
PHOTOS = schema.table("photos").title.zh


@pytest.fixture()
def in_chinese(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def test_tables_by_their_titles_and_the_role_as_the_sync_dock_says_it(
        iface, master, tmp_path, in_chinese):
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        plugin, dialog = opened(iface, master)
        try:
            listed = {r[1] for r in rows(dialog)}
            assert {VERIFICATIONS, PHOTOS} <= listed, listed
            assert not listed & {t.name for t in schema.TABLES}, listed
            offered = [dialog.table.itemText(i) for i in range(dialog.table.count())]
            assert VERIFICATIONS in offered and "patch_verifications" not in offered, offered
            dock = plugin.show_sync()
            technician = dock.role.itemText(dock.role.findData(schema.TECHNICIAN))
            assert technician.startswith(dialog.role.currentText() + "："), technician
            boxes = [b.title() for b in dock.findChildren(QGroupBox)]
            assert f"为{dialog.role.currentText()}生成外业数据包" in boxes, boxes
            # a title picked: the grant on that table given back, by its name
            (row,) = [r for r in rows(dialog) if r[1] == VERIFICATIONS]
            dialog.grants.selectRow(rows(dialog).index(row))
            assert dialog.table.currentText() == VERIFICATIONS
            type_into(dialog.columns, "notes")
            QTest.mouseClick(dialog.revoke, Qt.LeftButton)
            QTest.mouseClick(dialog.apply, Qt.LeftButton)
            assert ("technician", "patch_verifications", "*") not in grants(master), \
                dialog.message.text()
            assert ("technician", "patch_verifications", "verifier") in grants(master)
        finally:
            closed(iface, plugin, dialog)
