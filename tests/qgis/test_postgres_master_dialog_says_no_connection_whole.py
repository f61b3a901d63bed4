# SPDX-License-Identifier: GPL-2.0-or-later
"""Open a PostgreSQL master… in a QGIS with no saved connection, opened from the plugin's
menu on a small screen: what to do (add one in Layer → Data Source Manager → PostgreSQL)
is read whole within the dialog. On one line it was cut after "PostgreSQL fi" on a
1024×768 screen (Qt opens a dialog at most two thirds of the screen wide)."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProviderRegistry
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtWidgets import QLabel

from tests.qgis.test_postgres_failures import _click
from tests.qgis.test_postgres_master_schemas_offered import read_then_cancel


def _whole(label: QLabel) -> bool:
    """Every line of ``label`` drawn in full: its width holds its one line, or its height
    the lines it wraps to."""
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.width() >= label.sizeHint().width()


def test_no_saved_connection_is_said_whole_on_a_small_screen(plugin):
    assert not QgsProviderRegistry.instance().providerMetadata("postgres").connections()
    seen: dict = {}

    def look(dialog):
        for _ in range(3):
            QgsApplication.processEvents()
        seen["screen"] = dialog.screen().availableGeometry().size()
        (said,) = [lab for lab in dialog.findChildren(QLabel)
                   if "Data Source Manager" in lab.text()]
        seen["text"] = said.text()
        seen["whole"] = _whole(said)
        seen["within"] = dialog.rect().contains(
            QRect(said.mapTo(dialog, said.rect().topLeft()), said.size()))
    read_then_cancel(look)
    _click(plugin, "open_postgres")
    assert (seen["screen"].width(), seen["screen"].height()) == (800, 600)  # (offscreen's)
    assert seen["text"].endswith("PostgreSQL first.")
    assert seen["whole"], seen
    assert seen["within"], seen
