# SPDX-License-Identifier: GPL-2.0-or-later
"""Who changed a feature, when, from which device: every recorded change, before and after."""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QTextLayout, QTextOption
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from field_kit import db
from field_kit.messages_zh import device_in_chinese
from field_kit.plan.referenced import referenced_in
from field_kit.plan.values import describe_row, field_label, row_names
from field_kit.sync import asked_row, audit, conflicts_now, masters
from field_kit.sync.changelog import local_time
from field_kit.sync.conflicts import (
    CLOSED_IN_HISTORY,
    DROPPED,
    IMPORTED,
    UNDONE,
    Conflict,
    closed_unlogged,
    undone_merges,
)

from ..core_messages import in_user_language
from ..help import add_help
from ..i18n import tr, user_language
from .conflicts import _side_text, code_lists_of, coded_text, table_title
from .on_screen import WINDOW_FRAME, resize_within_screen
from .open_conflicts import OpenConflicts, OpenConflictsBox
from .records_on import RecordsOnBox, holds_records

OPS = {"insert": ("新增", "added"), "update": ("修改", "changed"), "delete": ("删除", "deleted")}
# (change, how) of a row as it was when change capture began on its layer: put in before
AS_FOUND = (("已有", "开始记录变更时的原样（此前已在库中）"),
            ("held", "as it was when change capture began (put in before)"))


def _merges(master: Path) -> dict[str, tuple[str, str]]:
    """merge id → (device, package file) of every merge into ``master``."""
    conn = db.connect(master, readonly=True)
    try:
        return {m: (d, p) for m, d, p in conn.execute(
            "SELECT merge_id, device, package FROM sync_merges")}
    except Exception:  # a field package has no merge register
        return {}
    finally:
        conn.close()


def origin_text(origin: str | None, merges: dict, lang: str) -> str:
    """How a change came: edited here, merged from a device, a conflict settled…"""
    kind, _, ref = (origin or "local").partition(":")
    zh = lang == "zh"
    if kind == "local":
        return "本库编辑" if zh else "edited here"
    if kind == "merge":
        device, package = merges.get(ref, ("?", ""))
        return (f"合并自设备 {device}（{package}）" if zh
                else f"merged from device {device} ({package})")
    if kind == "resolve":
        return f"处理冲突 {ref}" if zh else f"conflict {ref} settled"
    if kind == "undo":
        device, package = merges.get(ref, ("?", ""))
        return (f"撤销来自设备 {device} 的合并" if zh
                else f"merge from device {device} undone")
    if kind == "pull":
        return "从主库更新" if zh else "pulled from the master"
    if kind == IMPORTED:
        return f"导入自 {ref}" if zh else f"imported from {ref}"
    return origin or ""


def _display(table: str, column: str, value, lang: str, codes: dict, named: dict) -> str:
    """``named``: the references of the history (:func:`referenced_in`), read at once."""
    return ((named.get((column, value)) if isinstance(value, str) else None)
            or coded_text(table, column, value, codes, lang))


def history_rows(master: Path, table: str, row_uuid: str, lang: str,
                 changes: list[dict] | None = None) -> list[list[str]]:
    """One line per changed field of each recorded change (``changes``, as
    :func:`field_kit.sync.audit.history` reads them: read here where not given), oldest
    first, in the columns' order: when, change, field, before, after, how, device (for a
    conflict settled, who settled it)."""
    out = []
    merges = _merges(master)
    codes = code_lists_of(master)
    changes = audit.history(master, row_uuid) if changes is None else changes
    named = referenced_in(master, (v for c in changes for v in (c["old"], c["new"])), lang)
    for change in changes:
        op = OPS.get(change["op"], (change["op"], change["op"]))[0 if lang == "zh" else 1]
        how = origin_text(change["origin"], merges, lang)
        if change.get("as_found"):  # the row as capture found it: loaded before, no edit then
            op, how = AS_FOUND[0 if lang == "zh" else 1]
        old, new = change["old"] or {}, change["new"] or {}
        if change["op"] == "insert":  # what the new row holds, not its empty fields
            new = {k: v for k, v in new.items() if v is not None}
        fields = sorted(set(old) | set(new)) or [""]
        for f in fields:
            out.append([local_time(change["at"]), op, field_label(table, f, lang) if f else "",
                        _display(table, f, old.get(f), lang, codes, named) if f in old else "",
                        _display(table, f, new.get(f), lang, codes, named) if f in new else "",
                        how, _who(change, lang)])
    return out


def closed_rows(master: Path, changes: list[dict], conflicts: list[Conflict], lang: str
                ) -> list[list[str]]:
    """The lines, in :func:`history_rows`' columns, of ``conflicts`` (a row's) closed with
    no change recorded: settled keeping the value held (no change to record), closed as
    dropped with their layer, undone with their merge (at the undo). One settled by a
    change is said by that change."""
    codes = code_lists_of(master)
    side = 0 if lang == "zh" else 1
    undone = undone_merges(master) if any(c.status == UNDONE for c in conflicts) else {}
    out = []
    for c, key in closed_unlogged(changes, conflicts, undone):
        change, how = CLOSED_IN_HISTORY[key]
        held = _side_text(c, "ours", codes, lang, most=None)
        who = (c.resolved_by or "") if c.status != DROPPED else ""
        out.append([local_time(c.resolved_at), change[side],
                    field_label(c.tbl, c.field, lang) if c.field
                    else ("整个要素" if lang == "zh" else "whole feature"), held, held,
                    how[side].format(id=c.id, theirs=_side_text(c, "theirs", codes, lang),
                                     by=c.by(lang), merge=c.merge_id,
                                     at=local_time(c.resolved_at)),
                    device_in_chinese(who) if lang == "zh" and who else who])
    return out


def _who(change: dict, lang: str) -> str:
    """Who made a change: its device (the master's own as 主库 in Chinese), with whoever
    settled the conflict it settles, or undid the merge its undo reverted."""
    return audit.made_by(change, lang)


class HistoryDialog(QDialog):

    def __init__(self, master: Path | str, table: str, row_uuid: str, parent=None,
                 settle=None):
        """``settle``: given the ids of the feature's open conflicts, opens Settle
        conflicts on them (none: no button offers it)."""
        super().__init__(parent)
        lang = user_language()
        # read once, whatever holds the master
        with masters.master_file(master, needs="history", row=row_uuid) as path:
            name = describe_row(path, table, row_uuid, lang)
            changes = audit.history(Path(path), row_uuid)
            rows = history_rows(Path(path), table, row_uuid, lang, changes)
            # the layer found rewritten in the master: said under the changes, as
            # ``field-kit history`` says it (the row's past before it is not known)
            rewrites = masters.rewrite_in_history(master, row_uuid, changes)[1]
            # its conflicts: the open ones' value held is not settled; those closed with no
            # change (the value held kept, the layer dropped) said among the changes
            every = conflicts_now.conflicts(Path(path), status=None, row_uuid=row_uuid)
            found = OpenConflicts.of(path, every)
            rows = audit.in_log_order(rows, closed_rows(Path(path), changes, every, lang),
                                      lambda r: r[0])
            code = row_names(path, [(table, row_uuid)])[(table, row_uuid)]
        deleted = asked_row.is_deleted(changes)
        if deleted:  # its records by the code it held, where no row holds it now
            code = asked_row.deleted_code(master, changes)[2]
        # the records on a patch or project (its verifications, its inspections), as
        # ``field-kit history`` lists them
        records = masters.records_named(master, code, table, row_uuid) \
            if holds_records(table) else None
        self.setWindowTitle(tr("History of {feature}").format(feature=name))
        # as tall as the screen has room for, to 600: a row of MAX_LINES among others
        resize_within_screen(self, 1100, 600)
        layout = QVBoxLayout(self)
        colon = "：" if lang == "zh" else ": "  # Chinese's own, full width, no space after
        layout.addWidget(QLabel(f"{table_title(table, lang)}{colon}{name}"))
        self.deleted = None
        if deleted:
            self.deleted = QLabel(tr("This feature is deleted: its changes up to its deletion "
                                     "are listed below."))
            self.deleted.setWordWrap(True)
            layout.addWidget(self.deleted)
        self.open_conflicts = None
        if found.conflicts:  # above the changes, apart from them
            self.open_conflicts = OpenConflictsBox(
                found, lang, masters.is_field_package(master), settle)
            layout.addWidget(self.open_conflicts)
            layout.addWidget(QLabel(tr("Recorded changes:")))
        headers = [tr("When"), tr("Change"), tr("Field"), tr("Before"), tr("After"), tr("How"),
                   tr("Device")]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # no row numbers: they say nothing here (the time orders the changes) and took the
        # room a patch code needs to be read whole
        self.table.verticalHeader().hide()
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long value is cut in its cell, whole in its tip
                self.table.setItem(i, j, item)
        # a long value wrapped in its cell to be read whole (cut only past the row's height)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.setItemDelegate(_Wrapped(self.table))
        # by pixel, each row at most MAX_LINES tall: a long note's row was taller than the
        # table, which scrolled a row at a time past it, never in sight whole
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        # its scroll bar's room kept, shown or not: the columns fitted to it stay in sight
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        layout.addWidget(self.table, 1)
        # the chosen cell's whole value, however long (its cell shows its first lines)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(tr("Choose a cell to read its whole value here."))
        self.detail.setMaximumHeight(5 * self.detail.fontMetrics().lineSpacing())
        self.table.currentCellChanged.connect(self._show_detail)
        layout.addWidget(self.detail)
        if not rows:
            layout.addWidget(QLabel(tr("No recorded change to this feature yet.")))
        self.records = None if records is None else RecordsOnBox(
            records, lang, partial(self._open_record, master, settle))
        if self.records is not None:
            layout.addWidget(self.records)
        self.opened: list[HistoryDialog] = []
        self.rewrites = [QLabel(in_user_language(r["said"], lang)) for r in rewrites]
        for label in self.rewrites:
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)
        self._fit_columns()

    def _open_record(self, master, settle, table: str, row_uuid: str) -> HistoryDialog:
        """The history of a record on this patch or project, opened beside this one."""
        dialog = HistoryDialog(master, table, row_uuid, self, settle=settle)
        self.opened.append(dialog)
        dialog.show()
        return dialog

    def _show_detail(self, row: int, column: int, *_) -> None:
        item = self.table.item(row, column)
        self.detail.setPlainText(item.text() if item is not None else "")

    def _fit_columns(self) -> None:
        """Every column in sight at the dialog's width, the short ones (when, change, field)
        whole: the dialog as wide as they need, to the screen's width (its window frame
        too); past that the long values (before, after, how; the time under its date) are
        narrowed, the widest first, then the device, each wrapped over more lines to be
        read whole in its cell, and whole in its tip. A word (a patch code) is cut only
        when the columns wrapped between words, the field's label too, leave it no room."""
        needed = self._natural_widths() + self._around()
        screen = self.screen().availableGeometry().width() - WINDOW_FRAME
        self.resize(min(max(self.width(), needed), screen), self.height())
        self._fit_to_width()

    def _natural_widths(self) -> int:
        """Each column as wide as its values, the long ones to ``CUT_WIDTH`` (never under
        their longest word): the width they need together."""
        table = self.table
        table.resizeColumnsToContents()
        self._whole = {j: table.columnWidth(j) for j in CUT}  # (each value on one line)
        self._least = {j: _longest_word(table, j) for j in (*CUT, DEVICE)}  # (never cut)
        for j in (*CUT, DEVICE):
            table.setColumnWidth(j, min(table.columnWidth(j), max(CUT_WIDTH, self._least[j])))
        return sum(table.columnWidth(j) for j in range(table.columnCount()))

    def _around(self) -> int:
        """What the dialog holds around the table's columns: margins, frame and a scroll
        bar (a long history scrolls down)."""
        margins = self.layout().contentsMargins()
        return (margins.left() + margins.right() + 2 * self.table.frameWidth()
                + self.table.verticalScrollBar().sizeHint().width())

    def _fit_to_width(self) -> None:
        """The columns fitted to the dialog's width as it is now (laid out first, or
        widened or narrowed since): past what they need, the long values narrowed are
        widened again, and the last column takes what is left (the dialog widened left
        an empty band on the right)."""
        table = self.table
        around = self._around()
        needed = self._natural_widths() + around
        least = self._least
        # the others wrapped between words, then the long values' words cut (whole in
        # their tips): the device on one line until then, then wrapped too
        over = _shrink(table, needed - self.width(), CUT, least)
        # narrower still between words, the field's label wrapped too, before a word is cut
        # (none narrower than its head, which does not wrap)
        least[FIELD] = _longest_word(table, FIELD)
        heads = {j: max(least[j], table.horizontalHeader().sectionSizeHint(j))
                 for j in (*CUT, FIELD)}
        over = _shrink(table, over, (*CUT, FIELD), heads, keep=0)
        over = _shrink(table, over, VALUES, dict.fromkeys(VALUES, 0))
        _shrink(table, over, (DEVICE,), least)
        # the room left: to the long values cut to CUT_WIDTH, to a line each, then to the
        # last column (stretched by the header, it kept a width taken before the dialog
        # was laid out, past the table's right edge)
        rest = self.width() - around - sum(table.columnWidth(j) for j in range(DEVICE + 1))
        for j in CUT:
            grown = min(max(rest, 0), self._whole[j] - table.columnWidth(j))
            if grown > 0:
                table.setColumnWidth(j, table.columnWidth(j) + grown)
                rest -= grown
        table.setColumnWidth(DEVICE, table.columnWidth(DEVICE) + max(rest, 0))
        table.resizeRowsToContents()  # each row as tall as its wrapped lines, to MAX_LINES

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if hasattr(self, "table"):  # (not while the dialog is being built)
            self._fit_to_width()


CUT = (0, 3, 4, 5)  # when, before, after, how: narrowed first (when: to 2 lines)
VALUES = (3, 4, 5)  # before, after, how
FIELD = 2
DEVICE = 6
CUT_WIDTH = 260
CUT_LEAST = 90
MAX_LINES = 5  # a cell's lines in sight; past them its last line elided, whole in its tip


class _Wrapped(QStyledItemDelegate):
    """A cell's lines counted at the width it is drawn at: the table draws a cell a grid
    line narrower than its column, the width its row's height is measured at (a wrapped
    value one line too many for its row, its end cut). No cell taller than ``MAX_LINES``."""

    def sizeHint(self, option, index):  # noqa: N802
        option = QStyleOptionViewItem(option)
        option.rect.setWidth(option.rect.width() - 1)
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), min(hint.height(), self._most(option, index)))

    def _most(self, option, index) -> int:
        """The height of a cell of ``MAX_LINES`` lines, as the style measures it."""
        lines = QStyleOptionViewItem(option)
        self.initStyleOption(lines, index)
        lines.text = "\u2028".join("X" * MAX_LINES)  # (lines apart, as Qt draws "\n")
        style = lines.widget.style() if lines.widget is not None else self.parent().style()
        return style.sizeFromContents(QStyle.CT_ItemViewItem, lines, QSize(),
                                      lines.widget).height()


def _shrink(table: QTableWidget, over: int, columns: tuple, least: dict,
            keep: int = CUT_LEAST) -> int:
    """Take ``over`` pixels from ``columns``, the widest first (a short value stays on one
    line while a longer one wraps), none narrower than ``keep`` nor its longest word
    (``least``: a line wraps between words only, a word wider is cut): what is left over."""
    widths = {j: table.columnWidth(j) for j in columns}
    floor = {j: min(widths[j], max(keep, least[j])) for j in columns}
    level = max(widths.values())
    while over > 0 and level > min(floor.values()):
        level -= 1
        over -= sum(1 for j in columns if widths[j] > level >= floor[j])
    for j in columns:
        table.setColumnWidth(j, max(min(widths[j], level), floor[j]))
    return max(over, 0)


def _longest_word(table: QTableWidget, column: int) -> int:
    """The width the longest word of ``column``'s values needs in its cell (a line of the
    table's cells wraps between words only), with the margins the style draws around it."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WordWrap)
    widest = 0.0
    for i in range(table.rowCount()):
        layout = QTextLayout(table.item(i, column).text(), table.font())
        layout.setTextOption(option)
        layout.beginLayout()
        line = layout.createLine()
        while line.isValid():
            line.setLineWidth(0)  # a word a line
            widest = max(widest, line.naturalTextWidth())
            line = layout.createLine()
        layout.endLayout()
    margin = table.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, table) + 1
    return math.ceil(widest) + 2 * margin + 1  # (and the grid line)
