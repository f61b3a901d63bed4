# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what on an 800×600 screen (offscreen's, as a small laptop's less QGIS's
title and task bars is to it), in English and Chinese: the dialog fits within the screen,
its Close and Help in sight, and each of its parts is reached by scrolling to it. Its parts
needed some 700 pixels' height: the dialog ran past the screen's bottom edge, Close with
it. What the library said of a change applied (a refusal) comes into sight of itself."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtWidgets import QDialogButtonBox

from qgis_plugin.dialogs.on_screen import TITLE_BAR, WINDOW_FRAME
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_import_dialog_small_screen import _reachable, _shown
from tests.qgis.test_who_may_change_what import (  # noqa: F401 (a fixture)
    WELLS,
    closed,
    opened,
    typed,
    wells_master,
)

LOCALES = {"en": "en_US", "zh": "zh_CN"}


def _in_sight(dialog, widget) -> bool:
    """``widget`` whole within what the dialog shows of it, nothing scrolled by hand."""
    rect = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
    return widget.isVisible() and _shown(dialog, widget).contains(rect)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_part_is_reachable_and_close_in_sight(
        lang, iface, wells_master, tmp_path, monkeypatch):  # noqa: F811
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking(LOCALES[lang], tmp_path / "qm"):
        plugin, dialog = opened(iface, wells_master)
        try:
            for _ in range(3):
                QgsApplication.processEvents()
            screen = dialog.screen().availableGeometry()
            assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
            # never taller than the screen holds, however QGIS lays it out
            assert dialog.minimumSizeHint().height() + TITLE_BAR <= screen.height(), (
                dialog.minimumSizeHint())
            assert dialog.height() + TITLE_BAR <= screen.height(), dialog.size()
            assert dialog.width() + WINDOW_FRAME <= screen.width(), dialog.size()
            (box,) = dialog.findChildren(QDialogButtonBox)
            for button in box.buttons():
                assert _in_sight(dialog, button), button.text()
            parts = {"grants": dialog.grants, "role": dialog.role, "table": dialog.table,
                     "columns": dialog.columns, "grant": dialog.grant,
                     "revoke": dialog.revoke, "changes": dialog.changes,
                     "remove": dialog.remove, "apply": dialog.apply, "said": dialog.said}
            for name, widget in parts.items():
                ok, where = _reachable(dialog, widget)
                assert ok, (name, where)
                for button in box.buttons():  # (scrolled to it: Close still in sight)
                    assert _in_sight(dialog, button), (name, button.text())
            # scrolled back to the top, a change refused: why, in sight at once
            dialog.body.verticalScrollBar().setValue(0)
            typed(dialog, WELLS, "深度, 水量")
            QgsApplication.processEvents()
            assert "水量" in dialog.message.text(), dialog.message.text()
            assert _in_sight(dialog, dialog.said), dialog.said.geometry()
        finally:
            closed(iface, plugin, dialog)
