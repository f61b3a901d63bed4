# SPDX-License-Identifier: GPL-2.0-or-later
"""A feature's open conflicts, shown in its history apart from its changes: the value the
master holds is not settled while another waits, whose and from when; and a button that
opens Settle conflicts on them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from field_kit.messages_zh import device_in_chinese
from field_kit.plan.values import field_label
from field_kit.sync.changelog import local_time
from field_kit.sync.conflicts import Conflict, held_by, package_device

from ..i18n import by_count, tr
from .conflicts import (
    MESSAGE_STYLE,
    PACKAGE_SIDE_TITLES,
    SIDE_TITLES,
    _side_text,
    code_lists_of,
    master_values,
    set_heads,
)

SHOWN = 4  # rows in sight before the list scrolls


@dataclasses.dataclass
class OpenConflicts:
    """A row's open conflicts as read from ``path`` (the master's file, or its stage)."""
    conflicts: list[Conflict]
    now: dict[int, object]  # conflict id -> what the file holds now
    held: dict[int, dict | None]  # conflict id -> the edit that gave it
    codes: dict
    # the device whose field package ``path`` is ("ours" its value), None in a master
    package: str | None = None

    @classmethod
    def of(cls, path: str | Path, found: list[Conflict]) -> OpenConflicts:
        """``found``'s open ones, with what they need read of ``path``."""
        found = [c for c in found if c.status == "open"]
        if not found:
            return cls([], {}, {}, {})
        return cls(found, master_values(path, found), held_by(path, found),
                   code_lists_of(path), package_device(path))

    def rows(self, lang: str) -> list[list[str]]:
        """One line per conflict: field, the value held now, the other value, whose, when."""
        out = []
        for c in self.conflicts:
            held = _side_text(dataclasses.replace(c, ours=self.now.get(c.id)), "ours",
                              self.codes, lang, most=None)
            if c.changed_since is not None:
                held += tr(" (changed since the conflict was recorded)")
            device = (device_in_chinese(c.device) if lang == "zh" else c.device) \
                if c.device else tr("no recorded edit")
            out.append([field_label(c.tbl, c.field, lang) if c.field else tr("whole feature"),
                        held, _side_text(c, "theirs", self.codes, lang, most=None), device,
                        local_time(c.at, "%Y-%m-%d %H:%M") or ""])
        return out


class OpenConflictsBox(QWidget):
    """The open conflicts of a feature under a heading in red, and "Settle these
    conflicts…", which gives ``settle`` their ids (no button without one)."""

    def __init__(self, found: OpenConflicts, lang: str, in_package: bool = False,
                 settle: Callable[[list[int]], object] | None = None, parent=None):
        super().__init__(parent)
        self.ids = [c.id for c in found.conflicts]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        n = len(self.ids)
        self.heading = QLabel((by_count(n, tr(
            "1 open conflict on this feature: what this package holds is not settled, the "
            "master's other value waits."), tr(
            "{n} open conflicts on this feature: what this package holds is not settled, "
            "the master's other value waits.")) if in_package else by_count(n, tr(
                "1 open conflict on this feature: what the master holds is not settled, "
                "another value waits."), tr(
                "{n} open conflicts on this feature: what the master holds is not settled, "
                "another value waits."))).format(n=n))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(MESSAGE_STYLE)
        layout.addWidget(self.heading)
        titles = PACKAGE_SIDE_TITLES if in_package else SIDE_TITLES
        side = 0 if lang == "zh" else 1
        heads = [tr("Field"), titles["ours"][side], titles["theirs"][side],
                 tr("Other value from"), tr("When")]
        rows = found.rows(lang)
        self.table = QTableWidget(len(rows), len(heads))
        set_heads(self.table, heads)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        for i, (row, c) in enumerate(zip(rows, found.conflicts)):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                # whose each side is, and when each was made
                item.setToolTip(c.whose(found.held.get(c.id), lang, found.package) if j == 4
                                else text)
                self.table.setItem(i, j, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        for j in (1, 2):  # the two values share what is left, a long one cut (whole in its tip)
            header.setSectionResizeMode(j, QHeaderView.Stretch)
        self.table.resizeRowsToContents()
        shown = sum(self.table.rowHeight(i) for i in range(min(len(rows), SHOWN)))
        self.table.setMaximumHeight(shown + header.sizeHint().height()
                                    + 2 * self.table.frameWidth() + 2)
        layout.addWidget(self.table)
        self.settle_button = QPushButton(tr("Settle these conflicts…"))
        self.settle_button.setAutoDefault(False)
        if settle is not None:
            self.settle_button.clicked.connect(lambda: settle(self.ids))
        else:
            self.settle_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.settle_button)
        row.addStretch(1)
        layout.addLayout(row)
