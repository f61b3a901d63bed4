# SPDX-License-Identifier: GPL-2.0-or-later
"""Who changed a feature, when, from which device: every recorded change, before and after."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from field_kit import db
from field_kit.plan.values import describe_row, field_label
from field_kit.sync import masters, merge
from field_kit.sync.conflicts import IMPORTED

from ..help import add_help
from ..i18n import tr, user_language
from .conflicts import code_lists_of, coded_text, table_title

OPS = {"insert": ("新增", "added"), "update": ("修改", "changed"), "delete": ("删除", "deleted")}


def local_time(at: str | None) -> str:
    """A recorded UTC time (ISO 8601) as the user's local date and time."""
    if not at:
        return ""
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime(
            "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


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


REFERENCES = {"program_uuid": "restoration_programs", "project_uuid": "restoration_projects",
              "patch_uuid": "mine_patches", "target_uuid": "project_targets"}


def referenced_text(master: Path, column: str, value, lang: str) -> str | None:
    """A reference to another plan row as what it names (a target's text, a patch's code),
    not its UUID; None when ``column`` is not a reference or the row is not found."""
    table = REFERENCES.get(column)
    if table is None or not value:
        return None
    if table == "project_targets":
        conn = db.connect(master, readonly=True)
        try:
            row = conn.execute("SELECT target_zh, target_en FROM project_targets WHERE uuid = ?",
                               (value,)).fetchone()
        finally:
            conn.close()
        return None if row is None else (row[0] if lang == "zh" or not row[1] else row[1])
    text = describe_row(master, table, value, lang)
    return None if not text or text == value else text


def _display(master: Path, table: str, column: str, value, lang: str, codes: dict) -> str:
    return (referenced_text(master, column, value, lang)
            or coded_text(table, column, value, codes, lang))


def history_rows(master: Path, table: str, row_uuid: str, lang: str) -> list[list[str]]:
    """One line per changed field of each recorded change, oldest first, in the columns'
    order: when, change, field, before, after, how, device (for a conflict settled, who
    settled it)."""
    out = []
    merges = _merges(master)
    codes = code_lists_of(master)
    for change in merge.history(master, row_uuid):
        op = OPS.get(change["op"], (change["op"], change["op"]))[0 if lang == "zh" else 1]
        old, new = change["old"] or {}, change["new"] or {}
        if change["op"] == "insert":  # what the new row holds, not its empty fields
            new = {k: v for k, v in new.items() if v is not None}
        fields = sorted(set(old) | set(new)) or [""]
        for f in fields:
            out.append([local_time(change["at"]), op, field_label(table, f, lang) if f else "",
                        _display(master, table, f, old.get(f), lang, codes) if f in old else "",
                        _display(master, table, f, new.get(f), lang, codes) if f in new else "",
                        origin_text(change["origin"], merges, lang),
                        change.get("by") or change["device"] or ""])
    return out


class HistoryDialog(QDialog):

    def __init__(self, master: Path | str, table: str, row_uuid: str, parent=None):
        super().__init__(parent)
        lang = user_language()
        # read once, whatever holds the master
        with masters.master_file(master, needs="history", row=row_uuid) as path:
            name = describe_row(path, table, row_uuid, lang)
            rows = history_rows(Path(path), table, row_uuid, lang)
        self.setWindowTitle(tr("History of {feature}").format(feature=name))
        self.resize(1100, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{table_title(table, lang)}: {name}"))
        headers = [tr("When"), tr("Change"), tr("Field"), tr("Before"), tr("After"), tr("How"),
                   tr("Device")]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long value is cut in its cell, whole in its tip
                self.table.setItem(i, j, item)
        self.table.setTextElideMode(Qt.ElideMiddle)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        if not rows:
            layout.addWidget(QLabel(tr("No recorded change to this feature yet.")))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column in sight at the dialog's width, the short ones (when, change, field,
        device) whole: the dialog as wide as they need, to the screen's width; past that
        the long values (before, after, how) are cut in the middle, whole in their tips."""
        table = self.table
        table.resizeColumnsToContents()
        for j in CUT:
            table.setColumnWidth(j, min(table.columnWidth(j), CUT_WIDTH))
        # what the dialog holds around the table's columns: margins, row numbers, frame and
        # a scroll bar (a long history scrolls down)
        margins = self.layout().contentsMargins()
        around = (margins.left() + margins.right() + table.verticalHeader().sizeHint().width()
                  + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width())
        screen = self.screen().availableGeometry().width()
        needed = sum(table.columnWidth(j) for j in range(table.columnCount())) + around
        self.resize(min(max(self.width(), needed), screen), self.height())
        _shrink(table, needed - self.width())


CUT = (3, 4, 5)  # before, after, how: long values, cut first
CUT_WIDTH = 260
CUT_LEAST = 60


def _shrink(table: QTableWidget, over: int) -> None:
    """Take ``over`` pixels from the long columns, the widest first (a short value stays
    whole while a longer one is cut), none narrower than ``CUT_LEAST``."""
    widths = {j: table.columnWidth(j) for j in CUT}
    level = max(widths.values())
    while over > 0 and level > CUT_LEAST:
        level -= 1
        over -= sum(1 for w in widths.values() if w > level)
    for j, width in widths.items():
        table.setColumnWidth(j, min(width, level))
