# SPDX-License-Identifier: GPL-2.0-or-later
"""The list of the package's patches and projects with their status, filtered by township
and status and searched by code or name."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PyQt5.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..forms import drafts, load_code_lists
from ..forms.validate import read_days
from ..plan.rules import latest_first
from . import i18n
from .editors import Combo
from .map_view import STATUS_COLOURS

PATCH, PROJECT = "patch", "project"
_ROLE = Qt.UserRole


@dataclass
class Entry:
    kind: str  # PATCH or PROJECT
    uuid: str
    code: str
    name_zh: str
    name_en: str
    township: str | None
    status: str | None  # remediation status code, or inspection rating code
    lon: float | None = None
    lat: float | None = None
    draft: bool = False  # a form in progress is kept for it
    stranded: bool = False  # a saved record's draft holds only what cannot be saved
    rescued: bool = False  # a form's edits are kept in a rescue file, not in the package
    unsent: bool = False  # it has records saved but not exported yet
    township_en: str = ""

    def name(self, lang: str) -> str:
        return i18n.pick_name(self.name_zh, self.name_en, lang)

    def township_name(self, lang: str) -> str:
        return i18n.pick_name(self.township or "", self.township_en, lang)


def project_name_en(conn: sqlite3.Connection, project_uuid: str | None) -> str:
    """The English name the plan gives a patch's project ('' where it gives none)."""
    if not project_uuid or not _has(conn, "restoration_projects"):
        return ""
    row = conn.execute("SELECT name_en FROM restoration_projects WHERE uuid = ?",
                       (project_uuid,)).fetchone()
    return (row[0] or "") if row else ""


def _has(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (table,)).fetchone() is not None


def read_entries(conn: sqlite3.Connection) -> list[Entry]:
    """Patches (status: the latest verification's remediation status) then projects
    (status: the latest inspection's rating). A patch is named by its project, in the
    project's English where the plan gives it, as the project's own row is."""
    out = []
    read_days(conn)
    projects = _has(conn, "restoration_projects")
    if _has(conn, "mine_patches"):
        latest = ("SELECT remediation_status FROM patch_verifications v WHERE v.patch_uuid = "
                  f"p.uuid ORDER BY {latest_first('verified_on', 'v.')} LIMIT 1"
                  if _has(conn, "patch_verifications") else "NULL")
        name_en = ("(SELECT name_en FROM restoration_projects r WHERE r.uuid = p.project_uuid)"
                   if projects else "NULL")
        for r in conn.execute(f"SELECT uuid, patch_code, project_name, {name_en}, township, "
                              f"({latest}), centre_lon, centre_lat FROM mine_patches p "
                              "ORDER BY patch_code"):
            out.append(Entry(PATCH, r[0], r[1] or "", r[2] or "", r[3] or "", r[4], r[5], r[6],
                             r[7]))
    if projects:
        latest = ("SELECT rating FROM project_inspections i WHERE i.project_uuid = p.uuid "
                  f"ORDER BY {latest_first('inspected_on', 'i.')} LIMIT 1"
                  if _has(conn, "project_inspections") else "NULL")
        for r in conn.execute(f"SELECT uuid, project_id, name_zh, name_en, township, "
                              f"({latest}) FROM restoration_projects p ORDER BY project_id"):
            out.append(Entry(PROJECT, r[0], r[1] or "", r[2] or "", r[3] or "", r[4], r[5]))
    towns = (dict(conn.execute("SELECT name_zh, name_en FROM townships WHERE name_en <> ''"))
             if _has(conn, "townships") else {})
    for e in out:
        e.township_en = towns.get(e.township, "")
    mark(conn, out)
    return out


def mark(conn: sqlite3.Connection, entries: list[Entry]) -> None:
    """Set each entry's draft, stranded, rescued and unsent flags from the package (and its
    rescue files)."""
    from .form_records import unsent_rows
    held: dict[bool, set] = {True: set(), False: set()}  # (only what cannot be saved)
    for d in drafts.load_drafts(conn):
        held[drafts.holds_only_stranded(d.values)].add(d.subject_uuid)
    rescued = {d.subject_uuid for d in drafts.rescues_of(conn)}
    rows = unsent_rows(conn)
    unsent: set[str] = set()
    for table, subject in (("patch_verifications", "patch_uuid"),
                           ("project_inspections", "project_uuid")):
        if rows and _has(conn, table):
            unsent |= {r[0] for r in conn.execute(f"SELECT {subject}, uuid FROM {table}")
                       if r[1] in rows}
    for e in entries:
        e.draft, e.unsent = e.uuid in held[False], e.uuid in unsent
        e.stranded = e.uuid in held[True]
        e.rescued = e.uuid in rescued


_DOTS: dict[str, QIcon] = {}


def _dot(colour: str) -> QIcon:
    """The status colour as a dot, the same colours as the map's markers (one icon a colour:
    a list of ten thousand patches draws a handful)."""
    icon = _DOTS.get(colour)
    if icon is None:
        icon = _DOTS[colour] = _draw_dot(colour)
    return icon


def _draw_dot(colour: str) -> QIcon:
    pix = QPixmap(36, 36)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("#000"), 3))
    p.setBrush(QColor(colour))
    p.drawEllipse(3, 3, 30, 30)
    p.end()
    return QIcon(pix)


def code_lines(code: str, fits) -> list[str]:
    """The code in pieces each of which ``fits`` (a code has no spaces to wrap at): one
    piece where the whole code fits, at least one character a piece."""
    lines: list[str] = []
    while code:
        n = len(code)
        while n > 1 and not fits(code[:n]):
            n -= 1
        lines.append(code[:n])
        code = code[n:]
    return lines or [""]


_BREAK = "\u2028"


class RowDelegate(QStyledItemDelegate):
    """A row's code (its first line) whole: in a column narrower than the code it goes on
    on the next line, and the line under it (status, marks, township, name) is the one cut
    short. Technicians read the code out; an elided one reads as another code."""

    def text_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return option.rect.width()
        rect = style.subElementRect(QStyle.SE_ItemViewItemText, option, widget)
        # (the style keeps a focus frame's margin each side of the text inside that rect)
        return rect.width() - 2 * (style.pixelMetric(QStyle.PM_FocusFrameHMargin, option,
                                                     widget) + 1)

    def shown_lines(self, option: QStyleOptionViewItem, text: str) -> list[str]:
        # (the item's line break reaches the option as Unicode's line separator)
        code, _, rest = text.replace(_BREAK, "\n").partition("\n")
        width, fm = self.text_width(option), option.fontMetrics
        lines = code_lines(code, lambda piece: fm.horizontalAdvance(piece) <= width)
        return lines + ([rest] if rest else [])

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.text = _BREAK.join(self.shown_lines(option, option.text))

    def sizeHint(self, option, index):
        opt = QStyleOptionViewItem(option)
        view = opt.widget
        if view is not None:  # the row's height for the lines at the column's width
            opt.rect.setWidth(view.columnWidth(index.column()))
        return super().sizeHint(opt, index)


class PatchList(QWidget):
    selected = pyqtSignal(str, str)  # kind, uuid

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries = []
        self.items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.labels: dict[tuple[str, str], object] = {}
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.township = Combo()  # a scroll over the filters must not hide patches
        self.status = Combo()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnCount(1)  # one column: the code must never be cut off
        self.tree.setTextElideMode(Qt.ElideRight)
        self.rows = RowDelegate(self.tree)
        self.tree.setItemDelegate(self.rows)
        # rows as tall as their code's lines at the column's new width
        self.tree.header().sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.tree.setIconSize(QSize(18, 18))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for w in (self.search, self.township, self.status, self.tree):
            box.addWidget(w)
        self.search.textChanged.connect(self.apply_filter)
        self.township.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.tree.itemSelectionChanged.connect(self._picked)
        # by keyboard: Enter in the search opens the first patch or project found, Enter in
        # the list the one under its cursor (focused, the list puts its cursor on the first
        # row without choosing it, and Down went on to the second)
        self.search.returnPressed.connect(self._open_first)
        self.tree.itemActivated.connect(self._activated)

    def load(self, conn: sqlite3.Connection) -> None:
        codes = load_code_lists(conn) if _has(conn, "code_lists") else {}
        self.labels = {(PATCH, c.code): c for c in codes.get("remediation_status", ())}
        self.labels.update({(PROJECT, c.code): c for c in codes.get("inspection_rating", ())})
        self.entries = read_entries(conn)
        self.retranslate()

    def refresh_marks(self, conn: sqlite3.Connection) -> None:
        """Show again which entries have drafts and unsent records (after a draft is kept
        or dropped), without reading the whole list again."""
        mark(conn, self.entries)
        lang = i18n.language()
        for e in self.entries:
            item = self.items.get((e.kind, e.uuid))
            if item is not None:
                item.setText(0, self._text(e, lang))

    def _text(self, e: Entry, lang: str) -> str:
        """The code on the first line (never cut off), marks and status on the second."""
        marks = " ".join(m for m in ("✎" + i18n.tr("has_draft", lang) if e.draft else "",
                                     "⚠" + i18n.tr("has_stranded", lang) if e.stranded
                                     else "",
                                     "✎" + i18n.tr("has_rescue", lang) if e.rescued else "",
                                     "⇪" + i18n.tr("not_sent", lang) if e.unsent else "") if m)
        where = " · ".join(x for x in (self.status_text(e, lang), marks, e.township_name(lang),
                                       e.name(lang)) if x)
        return f"{e.code or i18n.tr(e.kind, lang)}\n{where}"

    def status_text(self, e: Entry, lang: str) -> str:
        if e.status is None:
            return i18n.tr("not_verified" if e.kind == PATCH else "not_inspected", lang)
        code = self.labels.get((e.kind, e.status))
        return f"{e.status} {code.label(lang)}" if code else e.status

    def retranslate(self) -> None:
        lang = i18n.language()
        keep = self.current()
        self.search.setPlaceholderText("⌕ " + i18n.tr("search", lang))
        towns = {e.township: e.township_name(lang) for e in self.entries if e.township}
        for combo, first, items in (
                (self.township, "all_townships", sorted(towns)),
                (self.status, "all_statuses", None)):
            was = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(i18n.tr(first, lang), None)
            if items is None:
                combo.addItem(i18n.tr("not_verified", lang), "-")
                for (kind, code), c in self.labels.items():
                    if kind == PATCH:
                        combo.addItem(f"{code} {c.label(lang)}", code)
            else:
                for t in items:
                    combo.addItem(towns[t], t)  # shown in the language, kept in Chinese
            combo.setCurrentIndex(max(0, combo.findData(was)))
            combo.blockSignals(False)
        self.tree.setHeaderLabels([f"{i18n.tr('col_code', lang)} · {i18n.tr('col_status', lang)}"])
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items = {}
        for e in self.entries:
            kind = i18n.tr(e.kind, lang)
            item = QTreeWidgetItem([self._text(e, lang)])
            self.items[(e.kind, e.uuid)] = item
            item.setData(0, _ROLE, (e.kind, e.uuid))
            item.setToolTip(0, f"{kind} {e.code}\n{e.name(lang)}")
            item.setIcon(0, _dot(STATUS_COLOURS.get(e.status, STATUS_COLOURS[None])
                                 if e.kind == PATCH else ("#1f2a44" if e.status else "#fff")))
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        self.apply_filter()
        if keep:
            self.select(*keep, emit=False)

    def apply_filter(self, *_) -> None:
        text = self.search.text().strip().lower()
        town, status = self.township.currentData(), self.status.currentData()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            e = self._entry(*item.data(0, _ROLE))
            hidden = bool(text) and text not in (
                f"{e.code} {e.name_zh} {e.name_en} {e.township} {e.township_en}".lower())
            hidden |= town is not None and e.township != town
            if status == "-":
                hidden |= e.status is not None
            elif status is not None:
                hidden |= e.kind != PATCH or e.status != status
            item.setHidden(hidden)

    def _entry(self, kind: str, uuid: str) -> Entry:
        return self._by_key[(kind, uuid)]

    def entry(self, uuid: str) -> Entry | None:
        return next((e for e in self.entries if e.uuid == uuid), None)

    @property
    def entries(self) -> list[Entry]:
        return self._entries

    @entries.setter
    def entries(self, entries: list[Entry]) -> None:
        self._entries = entries
        self._by_key = {(e.kind, e.uuid): e for e in entries}

    def current(self) -> tuple[str, str] | None:
        items = self.tree.selectedItems()
        return tuple(items[0].data(0, _ROLE)) if items else None

    def _picked(self) -> None:
        cur = self.current()
        if cur:
            self.selected.emit(*cur)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.isHidden():  # the cursor on a row the search hides: the first shown instead
            self._open_first()
        else:
            self.tree.setCurrentItem(item)

    def _open_first(self) -> None:
        item = next((self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())
                     if not self.tree.topLevelItem(i).isHidden()), None)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def select(self, kind: str, uuid: str, emit: bool = True) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if tuple(item.data(0, _ROLE)) == (kind, uuid):
                self.tree.blockSignals(not emit)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                self.tree.scrollToItem(item)
                return
