# SPDX-License-Identifier: GPL-2.0-or-later
"""The records on a patch or project, shown in its history apart from its own changes (its
verifications, its inspections are not its changes): each by its layer, name, day and who
made it, one deleted since said so; a double click opens the record's own history."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from field_kit.plan.values import RecordOn, record_links

from ..i18n import tr
from .conflicts import table_title

SHOWN = 5  # rows in sight before the list scrolls


def holds_records(table: str) -> bool:
    """Whether rows of ``table`` have records on them (a patch, a project)."""
    return table in {named for *_, named in record_links()}


class RecordsOnBox(QGroupBox):
    """``records`` (:func:`field_kit.sync.masters.records_named`'s) listed; ``open_history``,
    given a record's table and uuid, opens its history."""

    def __init__(self, records: list[RecordOn], lang: str,
                 open_history: Callable[[str, str], object], parent=None):
        super().__init__(tr("Records on it ({n})").format(n=len(records)), parent)
        self.records = records
        self._open_history = open_history
        layout = QVBoxLayout(self)
        if not records:
            layout.addWidget(QLabel(tr("No record on it.")))
            self.table = None
            return
        heads = [tr("Record"), tr("Name"), tr("Date"), tr("By"), tr("Now")]
        self.table = QTableWidget(len(records), len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, r in enumerate(records):
            for j, text in enumerate((table_title(r.table, lang), r.name, r.day or "",
                                      r.by or "", tr("deleted") if r.deleted else "")):
                item = QTableWidgetItem(text)
                item.setToolTip(tr("Double-click to see this record's history."))
                self.table.setItem(i, j, item)
        rows = min(len(records), SHOWN)
        self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + rows * self.table.verticalHeader().defaultSectionSize()
                                    + 2 * self.table.frameWidth())
        self.table.cellDoubleClicked.connect(self.open_record)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(tr("Double-click a record to see its history.")))

    def open_record(self, row: int, *_) -> object:
        """The history of the record on ``row`` opened."""
        r = self.records[row]
        return self._open_history(r.table, r.uuid)
