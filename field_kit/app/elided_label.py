# SPDX-License-Identifier: GPL-2.0-or-later
"""A one-line label of the status bar that gives way to the notes beside it: while one is
shown it asks half the bar at most, cut at the right with "…", never before its ``head``
(the part that must be read, the count of changes waiting), its whole text in its tooltip.
Taking all the room its text asks, it squeezed a note to a column a few characters wide
and was cut at the window's edge all the same."""

from __future__ import annotations

from PyQt5.QtCore import QEvent, QObject, QSize, Qt
from PyQt5.QtGui import QPainter
from PyQt5.QtWidgets import QLabel, QSizePolicy, QStyle, QStyleOption, QWidget


class ElidedLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.head = ""
        self.beside: tuple[QWidget, ...] = ()
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)  # (into room spare)

    def give_way_to(self, *notes: QWidget) -> None:
        """The notes of the bar it leaves room to while they are shown."""
        self.beside = notes
        for note in notes:
            note.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Show, QEvent.Hide):
            self.updateGeometry()
        return False

    def say(self, text: str, head: str | None = None) -> None:
        """Show ``text``, cut if need be after ``head`` (its start: all of it when None)."""
        self.head = text if head is None else head
        self.setText(text)
        self._tip()
        self.updateGeometry()

    def shown(self) -> str:
        """The text as it reads at the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.ElideRight, self._room())

    def _room(self) -> int:
        return self.contentsRect().width() - 2 * self.margin()

    def _tip(self) -> None:
        self.setToolTip(self.text() if self.shown() != self.text() else "")

    def sizeHint(self) -> QSize:
        """Its whole text; half the bar at most while a note is shown beside it (the bar
        gives a label all it asks before a note more than its narrowest)."""
        whole = super().sizeHint()
        bar = self.parentWidget()
        noted = bar is not None and any(not note.isHidden() for note in self.beside)
        half = bar.width() // 2 if noted else whole.width()
        return QSize(max(min(whole.width(), half), self.minimumSizeHint().width()),
                     whole.height())

    def minimumSizeHint(self) -> QSize:
        extra = self.width() - self._room()
        return QSize(self.fontMetrics().horizontalAdvance(self.head + "…") + extra,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PE_Widget, option, painter, self)  # (its colours)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown(),
                                  self.foregroundRole())
