# SPDX-License-Identifier: GPL-2.0-or-later
"""History on an 800×600 screen, in English and in Chinese: a patch code reads whole in its
cell (the field's label wraps between words before a code is cut), no column's head is cut,
and the heading's colon is Chinese's own in Chinese."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QStyle

from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_history_fits_a_long_note import _history

AFTER = 4


@pytest.fixture(params=["en_US", "zh_CN"])
def history(request, master, tmp_path):
    """The History dialog of a verification merged from a technician's package, its note
    retyped here, in the language of ``request.param``."""
    with qgis_speaking(request.param, tmp_path / "qm"):
        dialog = _history(master, tmp_path)
        try:
            yield dialog
        finally:
            dialog.close()


def test_a_patch_code_reads_whole_in_its_cell_on_an_800_by_600_screen(history, master):
    from field_kit.db import connect

    table = history.table
    screen = history.screen().availableGeometry()
    assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
    with connect(master) as conn:
        (code,) = conn.execute("SELECT patch_code FROM patch_verifications").fetchone()
    codes = [i for i in range(table.rowCount()) if table.item(i, AFTER).text() == code]
    assert len(codes) == 2, codes  # the record's patch code, and the patch it names
    # the room the table's cell draws text in: its column less the grid line and the
    # margins the style keeps either side
    margin = table.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, table) + 1
    room = table.columnWidth(AFTER) - 1 - 2 * margin
    metrics = table.fontMetrics()
    assert metrics.horizontalAdvance(code) <= room, (code, room, history.width())
    assert metrics.elidedText(code, Qt.ElideRight, room) == code
    head = table.horizontalHeader()
    for j in range(table.columnCount()):  # a head does not wrap: none cut
        assert table.columnWidth(j) >= head.sectionSizeHint(j), (j, table.columnWidth(j))
    assert table.horizontalScrollBar().maximum() == 0  # every column in sight


def test_the_heading_takes_chinese_colon_in_chinese(history, master):
    from field_kit.db import connect
    from qgis_plugin.dialogs.conflicts import table_title
    from qgis_plugin.i18n import user_language

    with connect(master) as conn:
        (code,) = conn.execute("SELECT patch_code FROM patch_verifications").fetchone()
    (heading,) = [w.text() for w in history.findChildren(QLabel) if w.text().endswith(code)]
    title = table_title("patch_verifications", user_language())
    # Chinese's own colon, full width, no space after it
    assert heading == (f"{title}：{code}" if user_language() == "zh" else f"{title}: {code}")


def test_its_buttons_are_named_in_the_users_language(history):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from qgis_plugin.i18n import user_language

    (box,) = history.findChildren(QDialogButtonBox)
    said = {"zh": ("关闭", "帮助"), "en": ("Close", "Help")}[user_language()]
    assert (box.button(QDialogButtonBox.Close).text(),
            box.button(QDialogButtonBox.Help).text()) == said
