# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts field by field: ancestor / ours / theirs side by side."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.gui import QgsHighlight
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .field_kit.errors import SyncError
from .field_kit.plan import schema
from .field_kit.plan.values import describe_row, field_label, show_value
from .field_kit.sync import merge
from .field_kit.sync.merge import TAKES
from .i18n import tr, user_language
from .plan_layers import layers_of, reload_layers

SIDE_TITLES = {"ancestor": ("共同祖先", "Ancestor"), "ours": ("主库现值", "Ours (master)"),
               "theirs": ("外业值", "Theirs (field)")}


class ConflictsDialog(QDialog):
    COLUMNS = ("id", "layer", "feature", "field", "ancestor", "ours", "theirs", "device")

    def __init__(self, iface, master: Path, parent=None):
        super().__init__(parent or iface.mainWindow())
        self.iface = iface
        self.master = Path(master)
        self.lang = user_language()
        self.highlight: QgsHighlight | None = None
        self.setWindowTitle(tr("Conflicts to settle"))
        self.resize(1000, 480)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.COLUMNS))
        heads = {"id": "ID", "layer": tr("Layer"), "feature": tr("Feature"),
                 "field": tr("Field"), "device": tr("Device")}
        heads.update({k: v[0 if self.lang == "zh" else 1] for k, v in SIDE_TITLES.items()})
        self.table.setHorizontalHeaderLabels([heads[c] for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_feature)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.take_buttons = {}
        for side in TAKES:
            b = QPushButton(tr("Take {side}").format(
                side=SIDE_TITLES[side][0 if self.lang == "zh" else 1]))
            b.clicked.connect(lambda _=False, s=side: self.settle(take=s))
            row.addWidget(b)
            self.take_buttons[side] = b
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText(tr("or type another value"))
        row.addWidget(self.value_edit, 1)
        typed = QPushButton(tr("Use this value"))
        typed.clicked.connect(lambda: self.settle(value=self.value_edit.text()))
        row.addWidget(typed)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.all_theirs = QPushButton(tr("Take theirs for all of this package"))
        self.all_theirs.clicked.connect(lambda: self.settle_package("theirs"))
        self.all_ours = QPushButton(tr("Keep ours for all of this package"))
        self.all_ours.clicked.connect(lambda: self.settle_package("ours"))
        row.addWidget(self.all_theirs)
        row.addWidget(self.all_ours)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.conflicts: list[dict] = []
        self.reload()

    def reload(self) -> None:
        self.conflicts = merge.conflicts(self.master)
        self.table.setRowCount(len(self.conflicts))
        for i, c in enumerate(self.conflicts):
            cells = {
                "id": str(c["id"]),
                "layer": _table_title(c["tbl"], self.lang),
                "feature": describe_row(self.master, c["tbl"], c["row_uuid"]),
                "field": field_label(c["tbl"], c["field"], self.lang) if c["field"]
                else tr("whole feature"),
                "device": c["device"] or "",
            }
            for side in TAKES:
                cells[side] = _side_text(c, side)
            for j, col in enumerate(self.COLUMNS):
                item = QTableWidgetItem(cells[col])
                item.setData(Qt.UserRole, c["id"])
                self.table.setItem(i, j, item)
        self.summary.setText(tr("{n} open conflicts in {path}").format(
            n=len(self.conflicts), path=self.master.name))
        self.table.resizeColumnsToContents()

    def current(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.conflicts[rows[0].row()] if rows else None

    def settle(self, take: str | None = None, value: str | None = None) -> None:
        c = self.current()
        if c is None:
            return
        try:
            merge.resolve(self.master, c["id"], take=take, value=value)
        except SyncError as e:
            QMessageBox.warning(self, self.windowTitle(), e.message)
            return
        self._after_change()

    def settle_package(self, take: str) -> None:
        c = self.current()
        if c is None:
            return
        try:
            merge.resolve(self.master, all_of=c["merge_id"], take=take)
        except SyncError as e:
            QMessageBox.warning(self, self.windowTitle(), e.message)
            return
        self._after_change()

    def _after_change(self) -> None:
        self.value_edit.clear()
        reload_layers(self.master)
        self.reload()

    def show_feature(self) -> None:
        """Highlight the conflicting feature on the map and centre on it."""
        if self.highlight is not None:
            self.highlight = None  # the canvas deletes it
        c = self.current()
        if c is None or not schema.table(c["tbl"]).geometry_type:
            return
        layer = next(iter(layers_of(self.master, c["tbl"])), None)
        if layer is None:
            return
        feature = next(layer.getFeatures(f"\"uuid\" = '{c['row_uuid']}'"), None)
        if feature is None or not feature.hasGeometry():
            return
        canvas = self.iface.mapCanvas()
        self.highlight = QgsHighlight(canvas, feature.geometry(), layer)
        self.highlight.setColor(QColor(255, 0, 255))
        self.highlight.setWidth(3)
        self.highlight.show()
        canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(
            layer, feature.geometry().boundingBox().buffered(0.005)))
        canvas.refresh()


def _table_title(table: str, lang: str) -> str:
    t = schema.table(table)
    return t.title_zh if lang == "zh" else t.title_en


def _side_text(c: dict, side: str) -> str:
    value = c[side]
    if c["field"] is None:  # a whole-row conflict: a side is the row, or null if deleted
        if value is None:
            return "（已删除）deleted"
        row = json.loads(value) if isinstance(value, str) else value
        return "; ".join(f"{k}={show_value(c['tbl'], k, v)}" for k, v in sorted(row.items())
                         if k != schema.GEOMETRY_COLUMN)[:200]
    return show_value(c["tbl"], c["field"], value)
