# SPDX-License-Identifier: GPL-2.0-or-later
"""A table of figures as wide as the dock gives it: in columns where they fit, their figures
whole, their heads broken into lines where need be, their words (names, notes) sharing what
is left and wrapped; in a narrow dock a record a row, its name, then each figure after its
head, then its notes, each wrapped to the dock's width."""

from __future__ import annotations

import html
import math
import re
from decimal import Decimal

from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QAbstractTextDocumentLayout, QFontInfo, QPalette, QTextDocument
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
)

from field_kit.reports.charts import text_width, wrap

from ..dialogs.conflicts import levelled
from ..i18n import tr

# where a head may break: at a space, or beside a Chinese character
_BREAKS = re.compile(r"\s+|(?<=[\u2e80-\uffff])|(?=[\u2e80-\uffff])")
READABLE = 20  # the fewest characters' width a column of words is given in columns
MARGIN = 3  # around a record's lines, as a cell's text has


class FittedTable(QTableWidget):
    """``heads`` over columns of figures, each as wide as its widest figure (a figure cut is
    misread), but those of ``wrapped`` (names, notes), which share the room left (the
    widest cut first, to one width) and wrap within it. Where the figures leave the words too
    little room, each record is a row of lines: at a dock's narrowest the table scrolled
    sideways, a name on one long line, and a note beside it wrapped to a tall row. Each head
    is whole in its tooltip."""

    def __init__(self, heads: list[str], wrapped: tuple[int, ...]):
        super().__init__(0, len(heads))
        self.heads = heads
        self.wrapped = wrapped
        self.stacked = False  # a record a row of lines, not in columns
        self.fitted = -1  # the width fitted to
        self.setHorizontalHeaderLabels(heads)
        for j, head in enumerate(heads):
            self.horizontalHeaderItem(j).setToolTip(head)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().setVisible(False)
        # (every row shown: the dock's tab scrolls, not the table)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Fixed)
        header.setStretchLastSection(False)
        self.setWordWrap(True)
        self.setItemDelegate(_Record(self))

    def fill(self, rows: list[list]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                text = "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
                item = QTableWidgetItem(text)
                if isinstance(v, (int, float, Decimal)):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c in self.wrapped:
                    item.setToolTip(text)
                self.setItem(r, c, item)
        self.fitted = -1
        self.fit()

    def fit(self) -> None:
        """Columns and rows fitted to the table's width now: in columns with the figures'
        heads whole, or broken into lines, or, where neither leaves the words their room,
        a record a row."""
        room = self.viewport().width()
        self.fitted = room
        # (the columns measured as they are laid out in columns: a hidden one measures none)
        self.stacked = False
        for j in range(len(self.heads)):
            self.setColumnHidden(j, False)
        for broken in (False, True):
            narrow, widths = self._columns(room, broken)
            if not narrow:
                break
        self.stacked = narrow
        header = self.horizontalHeader()
        header.setVisible(not self.stacked)
        first = self.wrapped[0] if self.wrapped else 0
        for j in range(len(self.heads)):
            self.setColumnHidden(j, self.stacked and j != first)
            header.resizeSection(j, room if self.stacked else widths[j])
        self.resizeRowsToContents()
        across = sum(header.sectionSize(j) for j in range(len(self.heads))
                     if not self.isColumnHidden(j)) > room
        # as tall as its rows, no taller (the tab's room left below the last table)
        self.setFixedHeight((0 if self.stacked else header.sizeHint().height())
                            + 2 * self.frameWidth()
                            + sum(self.rowHeight(r) for r in range(self.rowCount()))
                            + (self.horizontalScrollBar().sizeHint().height() if across
                               else 0))

    def _columns(self, room: int, broken: bool) -> tuple[bool, dict[int, int]]:
        """Whether the columns leave the words too little of ``room`` (their figures' heads
        ``broken`` into lines or whole), and their widths."""
        header = self.horizontalHeader()
        size = QFontInfo(header.font()).pixelSize()
        readable = READABLE * self.fontMetrics().averageCharWidth()
        wanted: dict[int, int] = {}
        least: dict[int, int] = {}
        for j, head in enumerate(self.heads):
            values = self.sizeHintForColumn(j) if self.rowCount() else 0
            if j not in self.wrapped:  # (a name's head whole: the names share the room)
                # a figure's head as narrow as its figures, never a word broken (and on
                # two lines or three: a Chinese head broken at every character stood a
                # character a line)
                lines = wrap(head, size, max(values, _widest_word(head, size),
                                             text_width(head, size) / 2)) if broken else [head]
                self.horizontalHeaderItem(j).setText("\n".join(lines))
            wanted[j] = max(values, header.sectionSizeHint(j))
            least[j] = max(header.sectionSizeHint(j), min(values, readable))
        left = room - sum(w for j, w in wanted.items() if j not in self.wrapped)
        words = {j: wanted[j] for j in self.wrapped}
        shared = levelled(words, left, {j: least[j] for j in words})
        if words and sum(words.values()) < left:  # (what is over: the widest's)
            widest = max(words, key=lambda j: words[j])
            shared[widest] += left - sum(words.values())
        return sum(shared.values()) > left, {**wanted, **shared}

    def record(self, row: int) -> str:
        """A record as a narrow table shows it: its name, its figures each after its head,
        its notes, each on lines of its own (rich text)."""
        def text(j: int) -> str:
            item = self.item(row, j)
            return item.text() if item is not None else ""

        first = self.wrapped[0] if self.wrapped else None
        lines = [f"<b>{html.escape(text(first))}</b>"] if first is not None else []
        figures = [tr("{head}: {value}").format(head=head, value=text(j))
                   for j, head in enumerate(self.heads)
                   if j not in self.wrapped and text(j)]
        if figures:  # (a figure never parted from its head)
            lines.append(" · ".join(html.escape(_unbroken(f)) for f in figures))
        lines += [html.escape(tr("{head}: {value}").format(head=self.heads[j], value=text(j)))
                  for j in self.wrapped if j != first and text(j)]
        return "<br>".join(lines)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.viewport().width() != self.fitted:
            self.fit()


class _Record(QStyledItemDelegate):
    """A record of a narrow table drawn as :meth:`FittedTable.record` says it; a cell of one
    in columns, as any."""

    def __init__(self, table: FittedTable):
        super().__init__(table)
        self.table = table

    def _document(self, row: int, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.table.font())
        doc.setDocumentMargin(MARGIN)
        doc.setHtml(self.table.record(row))
        doc.setTextWidth(width)
        return doc

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt API)
        if not self.table.stacked:
            return super().sizeHint(option, index)
        width = self.table.columnWidth(index.column())
        return QSize(width, math.ceil(self._document(index.row(), width).size().height()))

    def paint(self, painter, option, index) -> None:
        if not self.table.stacked:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        shown.text = ""  # (the cell's ground and selection; its lines drawn below)
        style = shown.widget.style() if shown.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, shown, painter, shown.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.State_Selected:
            context.palette.setColor(QPalette.Text, option.palette.color(QPalette.HighlightedText))
        painter.save()
        painter.translate(option.rect.topLeft())
        doc = self._document(index.row(), option.rect.width())  # (kept while it draws)
        doc.documentLayout().draw(painter, context)
        painter.restore()


def _widest_word(head: str, size: int) -> float:
    """The width of the widest piece of ``head`` a line may not break."""
    return max((text_width(piece, size) for piece in _BREAKS.split(head) if piece), default=0)


def _unbroken(text: str) -> str:
    """``text`` that no line breaks: its spaces no-break ones, its characters joined (a
    Chinese line breaks between any two)."""
    return "\u2060".join(text.replace(" ", "\u00a0"))
