# SPDX-License-Identifier: GPL-2.0-or-later
"""Who changed a feature, when, from which device: every recorded change, before and after."""

from __future__ import annotations

from pathlib import Path

from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .field_kit.plan import schema
from .field_kit.plan.values import describe_row, field_label, show_value
from .field_kit.sync import merge
from .i18n import tr, user_language

OPS = {"insert": ("新增", "added"), "update": ("修改", "changed"), "delete": ("删除", "deleted")}


def history_rows(master: Path, table: str, row_uuid: str, lang: str) -> list[list[str]]:
    """One line per changed field of each recorded change, oldest first."""
    out = []
    for change in merge.history(master, row_uuid):
        op = OPS.get(change["op"], (change["op"], change["op"]))[0 if lang == "zh" else 1]
        old, new = change["old"] or {}, change["new"] or {}
        fields = sorted(set(old) | set(new)) or [""]
        for f in fields:
            out.append([change["at"] or "", change["device"] or "", change["origin"] or "",
                        op, field_label(table, f, lang) if f else "",
                        show_value(table, f, old.get(f)) if f in old else "",
                        show_value(table, f, new.get(f)) if f in new else ""])
    return out


class HistoryDialog(QDialog):

    def __init__(self, master: Path, table: str, row_uuid: str, parent=None):
        super().__init__(parent)
        lang = user_language()
        name = describe_row(master, table, row_uuid)
        t = schema.table(table)
        self.setWindowTitle(tr("History of {feature}").format(feature=name))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{t.title_zh if lang == 'zh' else t.title_en}: {name}"))
        rows = history_rows(master, table, row_uuid, lang)
        headers = [tr("When"), tr("Device"), tr("How"), tr("Change"), tr("Field"), tr("Before"),
                   tr("After")]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        if not rows:
            layout.addWidget(QLabel(tr("No recorded change to this feature yet.")))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
