# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's dialogs opened from its menu on a small screen (offscreen's 800×600, as a
laptop's 1024×768 less its task bar is to them): each opens within the screen, its Close
button in sight. The conflicts dialog opened 1240 pixels wide, its last columns and its
buttons past the screen's right edge; the verification form 760 pixels tall, its Save and
Close buttons below the bottom edge; who may change what 900 pixels wide and, its parts
needing some 700 pixels' height, Close below the bottom edge."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtWidgets import QDialogButtonBox

from qgis_plugin.dialogs.on_screen import TITLE_BAR, WINDOW_FRAME
from tests.qgis.test_plugin import plugin  # noqa: F401 (a fixture)


def _clicked(plugin, name: str):  # noqa: F811
    """The dialog the menu's action ``name`` opened, as a user's click opens it."""
    before = list(plugin.dialogs)
    next(a for a in plugin.actions if a.objectName() == name).trigger()
    for _ in range(3):
        QgsApplication.processEvents()
    (dialog,) = [d for d in plugin.dialogs if d not in before]
    return dialog


@pytest.mark.parametrize("action, whole", [
    ("toksun_show_conflicts", True), ("toksun_verify_patch", True),
    ("toksun_inspect_project", True), ("toksun_show_grants", True)])
def test_a_dialog_opens_within_a_small_screen(plugin, action, whole):  # noqa: F811
    plugin.layers["mine_patches"].selectByExpression(
        "\"patch_code\" = 'CT6504222017000026002'")
    plugin.layers["restoration_projects"].selectByExpression("$id = 1")
    dialog = _clicked(plugin, action)
    try:
        screen = dialog.screen().availableGeometry()
        assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
        assert dialog.width() + WINDOW_FRAME <= screen.width(), (action, dialog.size())
        if whole:
            assert dialog.height() + TITLE_BAR <= screen.height(), (action, dialog.size())
            box = dialog.findChild(QDialogButtonBox)
            close = box.button(QDialogButtonBox.Close)
            seen = QRect(close.mapTo(dialog, close.rect().topLeft()), close.size())
            assert dialog.rect().contains(seen), (action, seen, dialog.size())
    finally:
        dialog.close()
