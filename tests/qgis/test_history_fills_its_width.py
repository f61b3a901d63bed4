# SPDX-License-Identifier: GPL-2.0-or-later
"""History widened and narrowed again, in English and in Chinese: its columns fill the
table's width each time (widened, an empty band was left on the right), and narrowed back
every column is in sight again."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_history_fits_a_long_note import _history


def _filled(dialog) -> tuple[int, int]:
    """(the columns' widths together, the room the table shows them in)."""
    table = dialog.table
    return (sum(table.columnWidth(j) for j in range(table.columnCount())),
            table.viewport().width())


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_history_s_columns_fill_its_width_widened_and_narrowed(master, tmp_path, locale):
    with qgis_speaking(locale, tmp_path / "qm"):
        dialog = _history(master, tmp_path)
        try:
            fitted = dialog.width()
            for width in (fitted + 500, fitted + 200, fitted):
                dialog.resize(width, dialog.height())
                QgsApplication.processEvents()
                if os.environ.get("HISTORY_SHOT"):
                    dialog.grab().save(f"{os.environ['HISTORY_SHOT']}-{locale}-{width}.png")
                columns, room = _filled(dialog)
                assert columns == room, (width, columns, room)
                assert dialog.table.horizontalScrollBar().maximum() == 0, width
        finally:
            dialog.close()
