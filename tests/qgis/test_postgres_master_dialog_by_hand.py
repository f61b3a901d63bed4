# SPDX-License-Identifier: GPL-2.0-or-later
"""Open a PostgreSQL master…, driven by hand as the plugin's menu opens it: the mouse
wheel passing over its Connection and Schema drop-downs (the Schema box one types into)
turns neither, and a schema is still typed in."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsApplication, QgsDataSourceUri, QgsProviderRegistry
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication

from tests.qgis.test_postgres_failures import _click
from tests.qgis.test_who_may_change_what import type_into
from tests.qgis.test_who_may_change_what_by_hand import wheel

NAMES = ("county office", "field office", "province")


@pytest.fixture
def saved():
    """Three saved connections, to a port no server listens on (their schemas are not
    read: said beside the box, which takes a typed schema); removed afterwards."""
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    for name in NAMES:
        uri = QgsDataSourceUri()
        uri.setConnection("127.0.0.1", "9", "toksun", "anna", "")
        meta.saveConnection(meta.createConnection(uri.uri(False), {}), name)
    yield NAMES
    for name in NAMES:
        meta.deleteConnection(name)


def test_the_wheel_over_its_drop_downs_turns_neither(plugin, saved):
    seen: dict = {}

    def by_hand():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, by_hand)
            return
        try:
            gc.collect()
            dialog.connection.setCurrentIndex(1)
            dialog.schema.addItems(["shanshan", "toksun", "turpan"])  # (as if read)
            dialog.schema.setCurrentIndex(1)
            for combo in (dialog.connection, dialog.schema):
                before = combo.currentText()
                for notches in (-1, -1, 1):
                    wheel(combo, notches)
                    wheel(combo.lineEdit() or combo, notches)
                seen[combo.objectName() or id(combo)] = (before, combo.currentText())
            seen["focus"] = {dialog.connection.focusPolicy(), dialog.schema.focusPolicy()}
            type_into(dialog.schema.lineEdit(), "hami")
            seen["typed"] = dialog.schema_chosen()
        finally:
            dialog.reject()
    QTimer.singleShot(0, by_hand)
    _click(plugin, "open_postgres")
    QgsApplication.processEvents()
    typed, focus = seen.pop("typed"), seen.pop("focus")
    assert len(seen) == 2
    for before, after in seen.values():
        assert after == before
    assert Qt.WheelFocus not in focus  # no wheel focuses one before turning it
    assert typed == "hami"
