# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog on an 800×600 screen, in a Chinese QGIS: a source with problems
loaded and previewed, every part of it is reachable within the screen (its problems, the
summary, each field's choice, the buttons), none drawn over another (the dialog was taller
than the screen, its problems, summary and field choices below its edge)."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication

from tests.qgis.test_import_dialog_said import chinese_qgis, open_import  # noqa: F401
from tests.unit import import_layers as L

pytest.importorskip("pyproj")


def _reachable(dlg, widget) -> bool:
    """``widget`` brought into sight as the user would (the dialog's scroll bar moved to
    it, if it has one) lies whole within the dialog, as tall as it needs to be used."""
    from qgis.PyQt.QtCore import QRect
    from qgis.PyQt.QtWidgets import QScrollArea

    area = widget.parentWidget()
    while area is not None and area is not dlg:
        if isinstance(area, QScrollArea) and area.widget() is not widget and \
                area.widget().isAncestorOf(widget):
            area.ensureWidgetVisible(widget, 0, 0)
            QgsApplication.processEvents()
        area = area.parentWidget()
    rect = QRect(widget.mapTo(dlg, widget.rect().topLeft()), widget.size())
    shown = _shown(dlg, widget)
    return (widget.isVisible() and shown.contains(rect)
            and widget.height() >= (widget.minimumHeight()
                                    or widget.minimumSizeHint().height())), (rect, shown)


def _shown(dlg, widget):
    """What of the dialog ``widget``'s scrolled parents let be seen."""
    from qgis.PyQt.QtCore import QRect
    from qgis.PyQt.QtWidgets import QScrollArea

    shown = dlg.rect()
    area = widget.parentWidget()
    while area is not None and area is not dlg:
        if isinstance(area, QScrollArea):
            view = area.viewport()
            shown = shown.intersected(QRect(view.mapTo(dlg, view.rect().topLeft()),
                                            view.size()))
        area = area.parentWidget()
    return shown


def test_every_part_is_reachable_on_an_800_by_600_screen(
        open_import, plan_gpkg, tmp_path):  # noqa: F811
    src = L.write_shapefile(tmp_path / "bad.shp", L.bad_patches(plan_gpkg), epsg=4518)
    dlg = open_import()
    dlg.set_target("mine_patches")
    dlg.load_source(str(src))
    dlg.preview_button.click()
    for _ in range(5):
        QgsApplication.processEvents()
    screen = dlg.screen().availableGeometry()
    assert (screen.width(), screen.height()) == (800, 600)  # (offscreen's screen)
    if os.environ.get("IMPORT_SHOT"):
        dlg.grab().save(os.environ["IMPORT_SHOT"])
    assert dlg.problems_table.rowCount() >= 5
    assert dlg.frameGeometry().width() <= screen.width(), dlg.frameGeometry()
    assert dlg.frameGeometry().height() <= screen.height(), dlg.frameGeometry()
    assert dlg.minimumSizeHint().height() <= screen.height(), dlg.minimumSizeHint()
    table = dlg.mapping_table
    parts = {"source": dlg.source_edit, "plan layer": dlg.target_combo,
             "crs": dlg.crs_edit, "mapping": table, "changes": dlg.changes_tree,
             "problems": dlg.problems_table, "summary": dlg.split.widget(2),
             "delete": dlg.delete_missing, "preview": dlg.preview_button,
             "import": dlg.import_button}
    parts.update({f"field {i}": table.cellWidget(i, 1) for i in range(table.rowCount())})
    for name, widget in parts.items():
        ok, where = _reachable(dlg, widget)
        assert ok, (name, where)
    if os.environ.get("IMPORT_SHOT"):  # scrolled to the end
        bar = dlg.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        dlg.grab().save(os.environ["IMPORT_SHOT"].replace(".png", "_end.png"))
    # each field's choice reached within the mapping (it scrolls when short)
    for i in range(table.rowCount()):
        table.scrollToItem(table.item(i, 0))
        QgsApplication.processEvents()
        assert table.rowViewportPosition(i) >= 0
        assert table.rowViewportPosition(i) + table.rowHeight(i) <= table.viewport().height()
    # several problems in sight at once, their pane no shorter than the changes'
    problems = dlg.problems_table
    assert problems.viewport().height() >= 3 * problems.rowHeight(0), (
        problems.viewport().height(), problems.rowHeight(0))
    # none drawn over another
    from qgis.PyQt.QtCore import QRect
    top = [dlg.source_edit, dlg.target_combo, dlg.crs_edit, table, dlg.split,
           dlg.delete_missing, dlg.preview_button, dlg.buttons]
    rects = [QRect(w.mapTo(dlg, w.rect().topLeft()), w.size()).intersected(_shown(dlg, w))
             for w in top]
    for a in range(len(top)):
        for b in range(a + 1, len(top)):
            assert not rects[a].intersects(rects[b]), (top[a], top[b], rects[a], rects[b])
