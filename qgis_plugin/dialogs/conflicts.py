# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts field by field: ancestor / ours / theirs side by side."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from datetime import date, datetime
from pathlib import Path

from qgis.gui import QgsHighlight
from qgis.PyQt.QtCore import QItemSelectionModel, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from field_kit import db, forms
from field_kit.bilingual import Text
from field_kit.errors import Cancelled, LaterEdit, PairsApart, RulesBroken, SyncError
from field_kit.forms.shown import code_text
from field_kit.forms.store import township_names
from field_kit.messages_zh import device_in_chinese
from field_kit.plan import schema, units
from field_kit.plan.values import (
    DELETED_SHOWN,
    UNKNOWN_SHOWN,
    describe_rows,
    field_label,
    figure_shown,
    show_value,
)
from field_kit.sync import (
    conflicts_now,
    device_clock,
    field_check,
    later_edits,
    masters,
    pairs,
)
from field_kit.sync.changelog import local_time
from field_kit.sync.conflicts import Conflict, held_by, package_device

from ..core_messages import (
    READ_WAIT_MS,
    derived_said,
    error_in_user_language,
    held_now,
    in_user_language,
    labelled,
    master_named,
    waited_said,
)
from ..help import add_help
from ..i18n import by_count, listed, tr, user_language
from ..plan_layers import (
    layers_of,
    reload_layers,
    unsaved_edits,
    unsaved_edits_message,
)
from .on_screen import resize_within_screen

SIDE_TITLES = {"ancestor": ("共同祖先", "Ancestor"),
               "ours": ("主库现值", "Ours (master now)"),
               "theirs": ("另一值", "Theirs (the other value)")}
# "ours" is what the master holds now (the later edit is in the table, or an edit made
# since); "theirs" the other value, kept aside with the device that wrote it
STORED_SIDE = {"ancestor": "ancestor", "ours": "ours", "theirs": "theirs"}
# a field package's conflicts were met at a pull: "ours" the package's own value, kept;
# "theirs" the master's
PACKAGE_SIDE_TITLES = {**SIDE_TITLES, "ours": ("数据包现值", "Ours (this package now)"),
                       "theirs": ("主库的值", "Theirs (the master's value)")}


# what the dialog says of something not done
MESSAGE_STYLE = "color:#b00020; font-weight:bold"
# a time its device's clock dated ahead (:func:`field_kit.sync.device_clock.conflicts_ahead`)
AHEAD_COLOR = "#b00020"


def CONFLICTS_TITLE() -> str:  # noqa: N802 - a title, read where it is shown
    return tr("Conflicts to settle")


def drop_conflicts_warning(iface) -> None:
    """Take a merge's "conflicts to settle" off QGIS's message bar: none is left open."""
    bar = iface.messageBar()
    for item in list(bar.items()) if hasattr(bar, "items") else []:
        if item.title() == CONFLICTS_TITLE():
            bar.popWidget(item)


def two_lines(head: str) -> str:
    """A column's head of several words on two lines: the words in brackets on a line of
    their own, or the last word (heads wider than their values left the names no room)."""
    if " (" in head:
        return head.replace(" (", "\n(", 1)
    return "\n".join(head.rsplit(" ", 1)) if head.count(" ") >= 2 else head


def set_heads(table: QTableWidget, heads: list[str]) -> None:
    """``heads`` on ``table``'s columns, each on two lines (:func:`two_lines`) and whole in
    its tooltip (a head is cut on a small screen)."""
    table.setHorizontalHeaderLabels([two_lines(h) for h in heads])
    for j, head in enumerate(heads):
        table.horizontalHeaderItem(j).setToolTip(head)


def levelled(wanted: dict, room: float, least: dict | None = None) -> dict:
    """Widths within ``room`` for what each wants: the widest are cut, to one width, and
    the rest stay whole; none below its ``least`` (a head's width), the others cut the more
    for it (cut past their heads, the values lost the room of theirs)."""
    least = least or {}
    kept: dict = {}  # those cut to their least
    while True:
        rest = {k: v for k, v in wanted.items() if k not in kept}
        got = _level(rest, room - sum(kept.values()))
        under = {k: least[k] for k, w in got.items() if w < least.get(k, 0)}
        if not under:
            return {**kept, **got}
        kept.update(under)


def _level(wanted: dict, room: float) -> dict:
    left = room
    for i, w in enumerate(sorted(wanted.values())):
        cap = left / (len(wanted) - i)
        if w > cap:  # this and every wider one get the same width
            return {k: min(v, int(cap)) for k, v in wanted.items()}
        left -= w
    return dict(wanted)


def waiting(work):
    """``work`` under a wait cursor: reading or settling thousands of conflicts takes
    seconds, which nothing showed."""
    @functools.wraps(work)
    def waited(*args, **kwargs):
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            return work(*args, **kwargs)
        finally:
            QApplication.restoreOverrideCursor()
    return waited


class Settling(QProgressDialog):
    """How far a whole package's decisions got: thousands take seconds, in which the window
    showed nothing and looked frozen. Cancel rolls every one of them back."""

    def __init__(self, parent, text: str):
        super().__init__(text, tr("Cancel"), 0, 100, parent)
        self.setWindowTitle(CONFLICTS_TITLE())
        # (modal, each step shown is drawn: the decisions run in this thread)
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        # in sight at once: a PostgreSQL master is read into a copy before the first step
        self.show()
        QApplication.processEvents()

    def heard(self, fraction: float) -> None:
        """The library's progress; Cancel pressed, the decisions are stopped here."""
        if self.wasCanceled():
            raise Cancelled("cancelled by the user; nothing was changed")
        self.setValue(round(100 * fraction))


SORT_KEY = Qt.UserRole + 1  # what a cell is sorted by, where not by its text


class SortedItem(QTableWidgetItem):
    """A cell sorted by the key it holds (:data:`SORT_KEY`), not by its text: a time as a
    time (text sorts an hour put back at the end of summer time wrongly, and a second's
    edits alike)."""

    def __lt__(self, other) -> bool:
        mine, theirs = self.data(SORT_KEY), other.data(SORT_KEY)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return mine < theirs


def time_key(at: str | None) -> float:
    """A recorded UTC time as seconds, to sort by; one not recorded (or no time) first."""
    try:
        return datetime.fromisoformat((at or "").replace("Z", "+00:00")).timestamp()
    except ValueError:
        return -math.inf


class SortedHeader(QHeaderView):
    """Column heads with room for the sort arrow in the sorted column's only: Qt gives every
    head that room, which cut the heads at the dialog's width."""

    def __init__(self, parent):
        super().__init__(Qt.Horizontal, parent)
        self.setSectionsClickable(True)  # (as a table's own header)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logical: int):  # noqa: N802 (Qt's name)
        size = super().sectionSizeFromContents(logical)
        if self.isSortIndicatorShown() and logical != self.sortIndicatorSection():
            margin = self.style().pixelMetric(QStyle.PM_HeaderMargin, None, self)
            size.setWidth(size.width() - size.height() - margin)
        return size


class ConflictsDialog(QDialog):
    COLUMNS = ("id", "layer", "feature", "field", "ancestor", "ours", "theirs", "device", "at")
    settled = pyqtSignal()  # a decision written: what counts the open conflicts follows

    def __init__(self, iface, master: Path, parent=None):
        super().__init__(parent or iface.mainWindow())
        self.iface = iface
        self.master = master  # a GeoPackage path or a PostgreSQL master's address
        self.lang = user_language()
        # held by another program: said by the first reload, which reads nothing more
        self.unread = held_now(master)
        self.in_package = self.unread is None and masters.is_field_package(master)
        self.side_titles = PACKAGE_SIDE_TITLES if self.in_package else SIDE_TITLES
        self.highlight: QgsHighlight | None = None
        self.setWindowTitle(CONFLICTS_TITLE())
        resize_within_screen(self, 1240, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeader(SortedHeader(self.table))
        heads = {"id": tr("ID"), "layer": tr("Layer"), "feature": tr("Feature"),
                 # whose "theirs" is, set aside: not the device of the value the master holds
                 "field": tr("Field"), "device": tr("Other value from"),
                 # when the change that gave the other value was made, as its device
                 # recorded it
                 "at": tr("When")}
        heads.update({k: v[0 if self.lang == "zh" else 1] for k, v in self.side_titles.items()})
        set_heads(self.table, [heads[c] for c in self.COLUMNS])
        self.table.horizontalHeaderItem(self.COLUMNS.index("at")).setToolTip(tr(
            "When the other value was made, as recorded where it was made, in local time"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)  # (the ID column numbers them)
        # the three values share what the others leave, a long one cut (its tooltip whole):
        # every column stays in sight at the dialog's width (see _fit_columns)
        header = self.table.horizontalHeader()
        for j, col in enumerate(self.COLUMNS):
            header.setSectionResizeMode(j, QHeaderView.Stretch if col in SIDE_TITLES
                                        else QHeaderView.Interactive)
        self.table.setTextElideMode(Qt.ElideRight)
        # thousands of conflicts ordered by a column's header; the library's order until one
        # is clicked (Qt's default would sort by ID, descending)
        header.setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._fit_columns)  # (the arrow's head wider)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self.show_feature)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.take_buttons = {}
        for side in SIDE_TITLES:
            b = QPushButton(tr("Take {side}").format(
                side=self.side_titles[side][0 if self.lang == "zh" else 1]))
            b.clicked.connect(lambda _=False, s=side: self.settle(take=s))
            b.setToolTip(tr("Settles every conflict selected (Ctrl+click selects several)"))
            row.addWidget(b)
            self.take_buttons[side] = b
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText(tr("or type another value"))
        row.addWidget(self.value_edit, 1)
        typed = QPushButton(tr("Use this value"))
        typed.clicked.connect(lambda: self.settle(value=self.value_edit.text()))
        self.value_edit.returnPressed.connect(self._enter_typed)
        row.addWidget(typed)
        layout.addLayout(row)
        self.settling = [*self.take_buttons.values(), self.value_edit, typed]
        row = QHBoxLayout()
        # (in a field package, the conflicts a pull met, the master's the other value)
        self.all_theirs = QPushButton(
            tr("Take the master's values for all of this pull") if self.in_package
            else tr("Take the other value for all of this package"))
        self.all_theirs.clicked.connect(lambda: self.settle_package("theirs"))
        self.all_ours = QPushButton(
            tr("Keep this package's values for all of this pull") if self.in_package
            else tr("Keep the master's values for all of this package"))
        self.all_ours.clicked.connect(lambda: self.settle_package("ours"))
        # one above the other: side by side they are wider than an 800-pixel screen
        package_row = QVBoxLayout()
        package_row.addWidget(self.all_theirs)
        package_row.addWidget(self.all_ours)
        row.addLayout(package_row)
        self.settling += [self.all_theirs, self.all_ours]
        self._may_settle = False  # (the list read, and this user may settle it)
        row.addStretch(1)
        # shown only after a decision was refused because the master's value changed since
        # the conflict was recorded: that decision again, written over the later edit
        self.over_button = QPushButton(tr("Write over the later edit"))
        self.over_button.setObjectName("over_later_edit")
        self.over_button.clicked.connect(self._write_over)
        self.over_button.hide()
        self._refused_decision = None
        self._refused_for: set[int] = set()  # the conflicts it was refused for
        row.addWidget(self.over_button, 0, Qt.AlignBottom)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(MESSAGE_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)
        # Enter never presses a button: in the typed value it uses that value, elsewhere
        # it must not take a side the user did not choose
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
            b.setDefault(False)
        self.conflicts: list[Conflict] = []
        self.master_now: dict[int, object] = {}
        self.features: dict[int, str] = {}
        self.held: dict[int, dict | None] = {}  # the edit that gave each "ours"
        # the device whose field package this is ("ours" its value), None in a master
        self.device: str | None = None
        # the sides whose time is ahead of their merge (or of now): a device's clock wrong
        self.ahead: dict[int, list[device_clock.Ahead]] = {}
        self.code_lists: dict = {}
        self.reload()

    @waiting
    def reload(self) -> bool:
        """The list read again (once, whatever holds the master): False where it could not
        be, which is said."""
        acting: dict = {}
        try:  # (QGIS is frozen while it reads: another program holding the plan said soon)
            unread, self.unread = self.unread, None
            if unread is not None:
                raise unread
            with db.waiting_at_most(READ_WAIT_MS), \
                    masters.master_file(self.master, needs="conflicts", acting=acting) as path:
                self.conflicts = conflicts_now.conflicts(path)
                self.master_now = master_values(path, self.conflicts)
                self.held = held_by(path, self.conflicts)
                self.device = package_device(path) if self.in_package else None
                self.ahead = device_clock.conflicts_ahead(path, self.conflicts, self.held)
                self.code_lists = code_lists_of(path)
                named = describe_rows(path, [(c.tbl, c.row_uuid) for c in self.conflicts],
                                      self.lang)
                self.features = {c.id: named[(c.tbl, c.row_uuid)] for c in self.conflicts}
        except SyncError as e:  # the master not reachable (a database stopped): said, and
            # no list is shown as if it had no conflicts
            self.conflicts = []
            self.table.setRowCount(0)
            self.summary.clear()
            self.say(tr("The conflicts of {master} cannot be read: {reason}").format(
                master=master_named(self.master, short=True),
                reason=in_user_language(e.message)) + waited_said(e))
            return False
        # (filled unsorted: rows sorted while filled take cells of others; sorted again after
        # as the user ordered them)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.conflicts))
        for i, c in enumerate(self.conflicts):
            # the other value's device, the master's own as 主库 in Chinese
            device = device_in_chinese(c.device) if self.lang == "zh" and c.device else c.device
            cells = {
                "id": str(c.id),
                "layer": table_title(c.tbl, self.lang),
                "feature": self.features[c.id],
                "field": field_label(c.tbl, c.field, self.lang) if c.field
                else tr("whole feature"),
                # (an import's file in the tooltip: the column takes room from the values)
                "device": (device or ("" if c.at else tr("no recorded edit"))) + (
                    tr(" (imported)") if c.imported_from else ""),
                # to the minute, to stand whole beside the names (sorted by the time as
                # recorded); no edit recorded, the device's column says so
                "at": local_time(c.at, "%Y-%m-%d %H:%M") or (
                    "" if c.device is None else tr("not recorded")),
            }
            for side in SIDE_TITLES:  # "ours" is what the file holds now
                shown = (dataclasses.replace(c, ours=self.master_now[c.id]) if side == "ours"
                         else c)
                cells[side] = _side_text(shown, STORED_SIDE[side], self.code_lists, self.lang,
                                         most=None)  # (whole in its tooltip)
            if c.changed_since is not None:  # taking another side is refused: say why before
                cells["ours"] += tr(" (changed since the conflict was recorded)")
            for j, col in enumerate(self.COLUMNS):
                # the ID sorted as a number (#9 before #10), the time as a time, the rest
                # as text
                item = QTableWidgetItem(cells[col]) if col not in ("id", "at") else \
                    SortedItem(cells[col]) if col == "at" else QTableWidgetItem()
                if col == "id":  # (set on an item holding "9" already, Qt keeps that text)
                    item.setData(Qt.DisplayRole, c.id)
                if col == "at":
                    item.setData(SORT_KEY, time_key(c.at))
                item.setToolTip(tr("{device} (imported from {file})").format(
                    device=device, file=c.imported_from)
                    if col == "device" and c.imported_from else
                    # whose each side is, and when each was made
                    c.whose(self.held.get(c.id), self.lang, self.device) if col == "at" else
                    # whose value the file holds: a later edit taken over the master's own
                    # is a device's, which "Other value from" (master) did not tell
                    f"{cells[col]}\n{self._held_from(c)}" if col == "ours" else cells[col])
                if col == "at" and c.id in self.ahead:
                    self._mark_ahead(item, self.ahead[c.id])
                item.setData(Qt.UserRole, c.id)
                self.table.setItem(i, j, item)
        self.table.setSortingEnabled(True)
        self._fit_columns()
        self.summary.setText(by_count(len(self.conflicts), tr("1 open conflict in {path}"),
                                      tr("{n} open conflicts in {path}")).format(
            n=len(self.conflicts), path=master_named(self.master, short=True)))
        # GIS staff of a PostgreSQL master read the conflicts; only supervisors settle them
        refusal = acting["session"].refusal("resolve") if "session" in acting else None
        # a field package's conflicts are settled in the master, not in it: said so
        self._may_settle = refusal is None and bool(self.conflicts) and not self.in_package
        for widget in self.settling:  # (none left: nothing a button could settle)
            widget.setEnabled(self._may_settle)
            if self.in_package:
                widget.setToolTip(in_package_said())
        self._offer_package()
        if refusal is not None:
            self.say(in_user_language(refusal))
        elif self.in_package and self.conflicts:
            self.say(in_package_said(), error=False)
        return True

    def _held_from(self, c: Conflict) -> str:
        """Who gave the value the file holds now: the device of the recorded edit (the
        master's own as 主库 in Chinese), and when; none recorded said so."""
        held = self.held.get(c.id)
        if held is None or held.get("device") is None:
            return tr("Held now: no recorded edit says who gave it")
        device = held["device"]
        said = tr("Held now: the row deleted by {device} at {at}") if held.get("deleted") \
            else tr("Held now: the value {device} gave at {at}")
        return said.format(
            device=device_in_chinese(device) if self.lang == "zh" else device,
            at=local_time(held.get("at")) or tr("not recorded"))

    def _mark_ahead(self, item: QTableWidgetItem, ahead: list) -> None:
        """A time a side's device dated ahead of its merge (or of now) marked, its tooltip
        saying which side and why: the later-edit rule read it as given, and a supervisor
        is not to take that side for the later edit by it."""
        item.setIcon(self.style().standardIcon(QStyle.SP_MessageBoxWarning))
        item.setForeground(QBrush(QColor(AHEAD_COLOR)))
        lines = [item.toolTip()]
        for a in ahead:
            device = a.device or tr("an unnamed device")
            if self.lang == "zh":
                device = device_in_chinese(device)
            said = {device_clock.MERGED: tr(
                "Clock ahead: “{side}” was dated {at} by {device}, more than {minutes} min "
                "after it was merged ({against}): that device's clock was wrong, so this time "
                "does not make it the later edit"), device_clock.NOW: tr(
                "Clock ahead: “{side}” was dated {at} by {device}, more than {minutes} min "
                "after now ({against}): that device's clock was wrong, so this time does not "
                "make it the later edit")}[a.when]
            lines.append(said.format(
                side=self.side_titles[a.side][0 if self.lang == "zh" else 1], device=device,
                at=local_time(a.at), against=local_time(a.against),
                minutes=round(device_clock.SLACK.total_seconds() / 60)))
        item.setToolTip("\n".join(lines))

    # the share of the table's width the three values keep, however long the names beside
    VALUES_SHARE = 0.45

    def _fit_columns(self) -> None:
        """The columns but the values as wide as what they hold; where the values would not
        fit, the longest names are cut first, down to leaving the values their share and
        room for their heads (a long layer title or feature name on a small screen hid
        every value behind "…"; cut in proportion, the short ones lost their heads)."""
        header = self.table.horizontalHeader()
        want = {j: max(header.sectionSizeHint(j), self.table.sizeHintForColumn(j))
                for j in range(len(self.COLUMNS))}
        values = [j for j, c in enumerate(self.COLUMNS) if c in SIDE_TITLES]
        width = self.table.viewport().width()
        # (the values share their room evenly: each needs the widest head)
        heads = len(values) * max(header.sectionSizeHint(j) for j in values)
        share = min(width * (1 - self.VALUES_SHARE), width - heads)
        id_width = want.pop(0)  # (the ID whole)
        header.resizeSection(0, id_width)
        room = max(width - sum(want.pop(j) for j in values), share) - id_width
        # never narrower than its head (the sorted column's wider by its arrow)
        heads_of = {j: header.sectionSizeHint(j) for j in want}
        # when, whole where the others keep their heads: levelled with the names, it was
        # cut to its day ("2026-12-05…"), which does not tell two edits of a day apart
        at = self.COLUMNS.index("at")
        at_head = heads_of.pop(at)
        at_width = max(min(want.pop(at), int(room) - sum(heads_of.values())), at_head)
        header.resizeSection(at, at_width)
        room -= at_width
        for j, w in levelled(want, room, heads_of).items():
            header.resizeSection(j, max(w, heads_of[j]))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # again once the table is laid out: fitted to the width it had before, hidden, the
        # names were cut to a few letters ("Patc…") beside values with room to spare
        QTimer.singleShot(0, self._fit_columns)

    def current(self) -> Conflict | None:
        chosen = self.selected()
        return chosen[0] if chosen else None

    def selected(self) -> list[Conflict]:
        """The conflicts selected, in the list's order as shown (several settle together: a
        class and its sub-class must, where each taken apart leaves a pair that does not
        fit). By the ID each row holds: sorted, a row is not the conflict of its index."""
        model = self.table.selectionModel()
        rows = sorted(r.row() for r in model.selectedRows()) if model else []
        by_id = {c.id: c for c in self.conflicts}
        return [by_id[self.table.item(i, 0).data(Qt.UserRole)] for i in rows]

    def say(self, text: str, *, error: bool = True) -> None:
        """``text`` under the buttons: in red where something was not done, else plain."""
        self.message.setStyleSheet(MESSAGE_STYLE if error else "")
        self.message.setText(text)

    @waiting
    def settle(self, take: str | None = None, value: str | None = None, *,
               over: bool = False) -> None:
        """Settle the selected conflicts together, by one side (or the one selected by a
        typed value); ``over``: even over an edit the master got since the conflicts were
        recorded."""
        chosen = self.selected()
        if not chosen:
            self.say(tr("Select a conflict first."))
            return
        if value is not None and len(chosen) > 1:
            self.say(tr("A typed value is for one field: select one conflict, or take a side "
                        "for all {n} selected.").format(n=len(chosen)))
            return
        if self._editing():
            return
        c = chosen[0]
        try:
            if value is not None:
                with masters.master_file(self.master, needs="conflicts") as path:
                    value = checked_value(path, c, value, self.lang)
            elif take is not None:
                take = STORED_SIDE[take]
            derived: list = []
            told: list[str] = []
            masters.resolve(self.master, [k.id for k in chosen], take=take, value=value,
                            over_later_edit=over, derived=derived, told=told)
        except ValueError as e:
            self.say("\n".join([str(e), *self._typed_pair_hint(c, value)]))
            return
        except LaterEdit as e:
            self._refused_over(e, c.id, lambda: self.settle(take=take, value=value, over=True),
                               also=[k.id for k in chosen])
            return
        except PairsApart as e:
            self._refused_apart(e, self._typed_pair_hint(c, value))
            return
        except RulesBroken as e:
            self._refused_rules(e)
            return
        except SyncError as e:
            self.say(tr("Not settled: {reason}").format(reason=error_in_user_language(e)))
            return
        tables = dict.fromkeys(k.tbl for k in chosen)
        self._after_change(derived, "\n".join(self.settled_text(k, take, value)
                                              for k in chosen),
                           [_labelled_all(in_user_language(t), tables) for t in told])

    def _typed_pair_hint(self, c: Conflict, value: str | None) -> list[str]:
        """Where a value typed for a code or its parent code was refused and the other is in
        conflict too: how to give the two values neither side holds (no value is typed for
        two fields at once)."""
        pair = next((f for f in pairs.pairs_of(c.tbl) if c.field in (f.name, f.parent)),
                    None) if value is not None else None
        if pair is None or not any(
                k.id != c.id and (k.tbl, k.row_uuid) == (c.tbl, c.row_uuid)
                and k.field in (pair.name, pair.parent) for k in self.conflicts):
            return []
        return [tr("{child} and {parent} are both in conflict: to give them values neither "
                   "side holds, settle both with one side, then edit the feature in its "
                   "layer.").format(child=field_label(c.tbl, pair.name, self.lang),
                                    parent=field_label(c.tbl, pair.parent or "", self.lang))]

    def _refused_apart(self, e: PairsApart, more: list[str] | None = None) -> None:
        """Decisions refused for leaving a sub-class under another class: which row and
        values, and what to do here (:meth:`_say_together`); then ``more``."""
        refused = []
        for a in e.apart:
            child, parent = (field_label(a.tbl, f, self.lang) for f in a.fields)
            value, parent_value = (coded_text(a.tbl, f, v, self.code_lists, self.lang) or "∅"
                                   for f, v in zip(a.fields, a.values))
            head = tr("Not settled: #{id} {layer} {feature} would be left with {child} "
                      "{value}, which does not belong to {parent} {parent_value}.").format(
                id=a.conflict, layer=table_title(a.tbl, self.lang), child=child, value=value,
                feature=self.features.get(a.conflict, ""), parent=parent,
                parent_value=parent_value)
            refused.append((head, a.ids, a.fits, (
                tr("Type a {child} of this {parent}, or press “{ours}” to keep the pair the "
                   "master holds."),
                tr("No one side gives conflicts {ids} a pair that fits: they are selected "
                   "now; press “{ours}”, then give the pair one that fits in the layer."),
                tr("{child} and {parent} are settled together: conflicts {ids} are selected "
                   "now; press {button}.")), {"child": child, "parent": parent}))
        self._say_together(refused, more)

    def _refused_rules(self, e: RulesBroken) -> None:
        """Decisions refused for leaving a record breaking a rule of its form over two fields
        (a year closed after its verification's year): the record and the rule, and what to
        do here (:meth:`_say_together`)."""
        advice = (tr("Type another value, or press “{ours}” to keep what the master holds."),
                  tr("No one side keeps the rule for conflicts {ids}: they are selected now; "
                     "press “{ours}”, then mend the feature in its layer."),
                  tr("Conflicts {ids} are settled together, so that the record keeps the "
                     "rule: they are selected now; press {button}."))
        self._say_together([(tr("Not settled: #{id} {layer} {feature}: {rule}.").format(
            id=b.conflict, layer=table_title(b.tbl, self.lang),
            feature=self.features.get(b.conflict, ""),
            rule="；".join(t.zh for t in b.rules) if self.lang == "zh" else
            "; ".join(t.en for t in b.rules)), b.ids, b.fits, advice, {})
            for b in e.broken])

    def _say_together(self, refused: list, more: list[str] | None = None) -> None:
        """Say each refusal (its head line, the conflicts to settle together, the sides that
        fit, what to do: :meth:`_together`) and select those conflicts; then ``more``."""
        lines: list[str] = []
        together: list[int] = []
        for head, ids, fits, (alone, unfit, fitting), names in refused:
            together += [i for i in ids if i not in together]
            lines += [head, self._together(ids, fits, alone, unfit, fitting, **names)]
        self.select_ids(together)
        self.say("\n".join([*lines, *(more or ())]))

    def _together(self, ids: tuple[int, ...], fits: tuple[str, ...], alone: str, unfit: str,
                  fitting: str, **names: str) -> str:
        """What to do here with decisions refused for what they leave a field with another:
        ``alone`` where no other conflict of the two is open (``ids`` one), ``unfit`` where no
        one side ``fits``, else ``fitting``, naming the buttons of the sides that fit (as
        they stand, left to right); each formatted with ``names`` too."""
        ours = self.take_buttons["ours"].text()
        if len(ids) == 1:
            return alone.format(ours=ours, **names)
        listed_ids = listed(f"#{i}" for i in ids)
        if not fits:
            return unfit.format(ids=listed_ids, ours=ours, **names)
        return fitting.format(ids=listed_ids, button=tr(" or ").join(
            f"“{b.text()}”" for side, b in self.take_buttons.items() if side in fits), **names)

    def select_ids(self, ids: list[int]) -> None:
        """Select the conflicts ``ids`` (and only them), the first in sight: among hundreds,
        the list showed its top and nothing of what was selected."""
        self.table.clearSelection()
        model, flags = self.table.selectionModel(), QItemSelectionModel.Select | \
            QItemSelectionModel.Rows
        first = None
        for i in range(self.table.rowCount()):  # (rows as shown, perhaps sorted)
            if self.table.item(i, 0).data(Qt.UserRole) in ids:
                index = self.table.model().index(i, 0)
                model.select(index, flags)
                first = index if first is None else first
        if first is not None:  # (the keyboard goes on from it)
            model.setCurrentIndex(first, QItemSelectionModel.NoUpdate)
            self.table.scrollTo(first)

    def settled_text(self, c: Conflict, take: str | None, value: str | None) -> str:
        """What a decision wrote, said once the conflict is off the list."""
        if value is not None:
            how = tr("the value typed")
            written = coded_text(c.tbl, c.field or "", value, self.code_lists, self.lang)
        else:
            side = take or "ours"
            how = self.side_titles[side][0 if self.lang == "zh" else 1]
            held = dataclasses.replace(c, ours=self.master_now.get(c.id)) if side == "ours" \
                else c
            written = _side_text(held, side, self.code_lists, self.lang)
        return tr("Settled #{id} {layer} {feature}, {field}, with {how}: {value}.").format(
            id=c.id, layer=table_title(c.tbl, self.lang), feature=self.features.get(c.id, ""),
            field=field_label(c.tbl, c.field, self.lang) if c.field else tr("whole feature"),
            value=written or "∅", how=how)

    def _enter_typed(self) -> None:
        """Enter in the typed value: that value, or nothing while the box is empty."""
        if self.value_edit.text().strip():
            self.settle(value=self.value_edit.text())

    def _editing(self) -> bool:
        """Refuse (and say so) while the master has unsaved QGIS edits: saving them later
        would overwrite the decision unseen."""
        editing = unsaved_edits(self.master)
        if editing:
            self.say(unsaved_edits_message(editing))
        return bool(editing)

    def _offer_package(self) -> None:
        """The package's buttons offered only for a conflict a merge recorded: one kept
        when an edit was saved in QGIS or in the database over another's belongs to no
        package (its buttons say why)."""
        c = self.current()
        saved = c is not None and c.merge_id is None
        for b in (self.all_theirs, self.all_ours):
            b.setEnabled(self._may_settle and not saved)
            b.setToolTip(in_package_said() if self.in_package else
                         no_package_said() if saved else "")

    @waiting
    def settle_package(self, take: str, *, over: bool = False) -> None:
        c = self.current()
        if c is None:  # (the package is the selected conflict's)
            self.say(tr("Select a conflict first."))
            return
        if c.merge_id is None:
            self.say(no_package_said())
            return
        if self._editing():
            return
        derived: list = []
        told: list[str] = []
        n = sum(1 for k in self.conflicts if k.merge_id == c.merge_id)
        shown = Settling(self, (by_count(n, tr("Settling 1 conflict of this pull…"),
                                         tr("Settling {n} conflicts of this pull…"))
                                if self.in_package else
                                by_count(n, tr("Settling 1 conflict of this package…"),
                                         tr("Settling {n} conflicts of this package…"))
                                ).format(n=n))
        try:
            try:
                masters.resolve(self.master, all_of=c.merge_id, take=take,
                                over_later_edit=over, derived=derived, told=told,
                                progress=shown.heard)
            finally:  # (gone before anything is said)
                shown.close()
                shown.deleteLater()
        except LaterEdit as e:
            self._refused_over(e, c.id, lambda: self.settle_package(take, over=True))
            return
        except PairsApart as e:
            self._refused_apart(e)
            return
        except RulesBroken as e:
            self._refused_rules(e)
            return
        except SyncError as e:
            self.say(tr("Not settled: {reason}").format(reason=error_in_user_language(e)))
            return
        said = by_count(n, tr("Settled 1 conflict of this pull: {how}."),
                        tr("Settled {n} conflicts of this pull: {how}.")) if self.in_package \
            else by_count(n, tr("Settled 1 conflict of this package: {how}."),
                          tr("Settled {n} conflicts of this package: {how}."))
        self._after_change(derived, said.format(
            n=n, how=(self.all_theirs if take == "theirs" else self.all_ours).text()),
            [in_user_language(t) for t in told])

    def _refused_over(self, e: LaterEdit, selected: int, again, *,
                      also: list[int] | None = None) -> None:
        """A decision refused because the master's value changed since the conflict was
        recorded: say which and how, show what the master holds now, and offer that same
        decision again, written over it (until another conflict is selected). ``also``:
        every conflict the decision was for, selected again."""
        self.reload()
        self._refused_for = set(also or ()) or {selected}
        self.select_ids(sorted(self._refused_for))
        self.say(self.later_edit_text(e))
        self._refused_decision = again
        self.over_button.show()

    def later_edit_text(self, e: LaterEdit) -> str:
        """The refusal in the user's language: each conflict with its layer, feature and
        field, the value when it was recorded and now, who changed it when."""
        lines = [tr("Not settled: the master's value changed since the conflict was recorded, "
                    "and this decision would write over it unseen. Nothing was changed.")]
        # the first few, the rest counted: a package's hundreds, a line each, made the dialog
        # taller than any screen
        for c in e.conflicts[:later_edits.LATER_EDITS_NAMED]:
            since = c.changed_since or {}
            then = _side_text(dataclasses.replace(c, ours=since.get("ours")), "ours",
                              self.code_lists, self.lang)
            if since.get("device") or since.get("at"):
                who = tr("changed by {device} at {at}").format(
                    device=since.get("device") or "?", at=local_time(since.get("at")) or "?")
            else:
                who = tr("no recorded edit says who changed it")
            if since.get("conflict"):  # a later merge's value only its open conflict holds
                who += tr(", which its conflict #{n} keeps open: settle that one first"
                          ).format(n=since["conflict"])
            lines.append(tr("#{id} {layer} {feature}, {field}: {then} when recorded, {now} "
                            "now; {who}").format(
                id=c.id, layer=table_title(c.tbl, self.lang),
                feature=self.features.get(c.id, c.row_uuid),
                field=field_label(c.tbl, c.field, self.lang) if c.field
                else tr("whole feature"),
                then=then, now=_side_text(c, "ours", self.code_lists, self.lang), who=who))
        if len(e.conflicts) > later_edits.LATER_EDITS_NAMED:
            lines.append(tr("…and {n} more, each marked in the list as changed since the "
                            "conflict was recorded").format(
                n=len(e.conflicts) - later_edits.LATER_EDITS_NAMED))
        lines.append(tr("The list shows what the master holds now: keep it with “{ours}”, or "
                        "press “{over}” to apply your decision over it.").format(
            ours=self.take_buttons["ours"].text(), over=self.over_button.text()))
        return "\n".join(lines)

    def _write_over(self) -> None:
        again, self._refused_decision = self._refused_decision, None
        self.over_button.hide()
        if again is not None:
            again()

    def _after_change(self, derived: list, settled: str, told: list[str]) -> None:
        """After a decision: what was settled, what else it did or did not (a field emptied,
        a row left deleted), what became of the area and centre of a shape it wrote; the
        next open conflict selected, ready for the next decision."""
        rows = self.table.selectionModel().selectedRows()
        at = rows[0].row() if rows else 0
        self.value_edit.clear()
        self._refused_decision = None
        self.over_button.hide()
        reload_layers(self.master)
        self.settled.emit()
        read = self.reload()
        if self.table.rowCount():
            self.table.selectRow(min(at, self.table.rowCount() - 1))
        elif read:  # none is left open
            drop_conflicts_warning(self.iface)
        if not read:  # the list could not be read again: said beneath the decision
            settled = f"{settled}\n{self.message.text()}"
        # (recomputed is done as asked; an area left as it was is to see to)
        self.say("\n".join([settled, *told,
                            *derived_said(derived, each=True)]),
                 error=any(f.why is not None for f in derived))

    def show_feature(self) -> None:
        """Highlight the conflicting feature on the map and centre on it."""
        if self.highlight is not None:
            self.highlight = None  # the canvas deletes it
        c = self.current()
        if self._refused_decision is not None and \
                {k.id for k in self.selected()} != self._refused_for:
            self._refused_decision = None  # offered for the conflicts refused only
            self.over_button.hide()
        self._offer_package()
        plan_table = schema.BY_NAME.get(c.tbl) if c is not None else None
        if c is None or plan_table is None or not plan_table.geometry_type:
            return
        layer = next(iter(layers_of(self.master, c.tbl)), None)
        if layer is None:
            return
        feature = next(layer.getFeatures(f"\"uuid\" = '{c.row_uuid}'"), None)
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


def no_package_said() -> str:
    """Why a conflict kept when an edit was saved over another's is settled by itself."""
    return tr("This conflict was kept when an edit was saved in QGIS or in the database over "
              "another's: no merge recorded it, so it belongs to no package. Settle it by "
              "itself with the buttons above.")


def in_package_said() -> str:
    """How the conflicts a pull kept in a field package are settled: not in the package
    (the library settles a master's conflicts only), but by the package's next export, the
    master's decision and the pull after it."""
    return tr("A field package's conflicts are not settled in it: its next export sends this "
              "package's values to the master, where a supervisor settles any that clash once "
              "they are merged, and the first pull after that merge closes them here, the "
              "package then holding what the master holds.")


def _labelled_all(text: str, tables) -> str:
    """``text`` with the columns of each of ``tables`` by their labels."""
    for table in tables:
        text = labelled(text, table)
    return text


def master_values(master: str | Path, conflicts: list[Conflict]) -> dict[int, object]:
    """What the master holds now for each conflict: the field's value (the merge reads it
    from the table), or for a whole-row conflict the row's values; None where the row is
    deleted."""
    out: dict[int, object] = {c.id: c.ours for c in conflicts if c.field is not None}
    rows: dict[str, set[str]] = {}  # a table's rows in whole-row conflicts, read at once
    for c in conflicts:
        if c.field is None:
            rows.setdefault(c.tbl, set()).add(c.row_uuid)
    held: dict[tuple[str, str], dict] = {}
    conn = db.connect(master, readonly=True)
    try:
        for tbl, uuids in rows.items():
            for part in db.chunks(sorted(uuids)):
                cur = conn.execute(f"SELECT * FROM {db.quote(tbl)} WHERE uuid IN "
                                   f"{db.marks(len(part))}", part)
                names = [d[0] for d in cur.description]
                for row in cur:
                    values = dict(zip(names, row))
                    held[(tbl, values["uuid"])] = {
                        k: v for k, v in values.items()
                        if k != "fid" and not isinstance(v, bytes)}
    finally:
        conn.close()
    for c in conflicts:
        if c.field is None:
            out[c.id] = held.get((c.tbl, c.row_uuid))
    return out


def checked_value(master: str | Path, c: Conflict, text: str, lang: str) -> str:
    """``text`` as the value to write to the conflict's field, checked against the field's
    type and code list (a code's label is taken for its code); ValueError says why not."""
    if c.field is None:
        raise ValueError(tr("A whole feature is settled by taking one side, not by a value."))
    tbl, name = c.tbl, c.field
    label = field_label(tbl, name, lang)
    text = text.strip()
    form = forms.BY_TABLE.get(tbl)
    spec = next((f for f in form.fields if name in f.columns), None) if form else None
    if spec is None:  # a plan layer's column named as a code list is coded by it too
        spec = field_check.coded_column(tbl, name, code_lists_of(master))
    if not text:
        if spec is not None and spec.required:
            raise ValueError(tr("{field} is required: give a value.").format(field=label))
        return ""
    plan_table = schema.BY_NAME.get(tbl)  # a layer that is not the plan's: by its stored type
    kind = next((col.type for col in plan_table.columns if col.name == name), "TEXT") \
        if plan_table else "TEXT"
    try:
        if kind == "REAL":
            float(text)
        elif kind in ("INTEGER", "BOOLEAN"):
            int(text)
        elif kind == "DATE":
            date.fromisoformat(text)
        elif kind == "DATETIME":
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        what = {"REAL": tr("a number"), "INTEGER": tr("a whole number"),
                "BOOLEAN": tr("0 or 1"), "DATE": tr("a date such as 2025-05-20"),
                "DATETIME": tr("a date and time such as 2025-05-20T10:30:00Z")}[kind]
        raise ValueError(tr("{field} takes {what}, not “{value}”.").format(
            field=label, what=what, value=text)) from None
    if spec is None or not spec.code_list or spec.open_choice:
        return text
    conn = db.connect(master, readonly=True)
    try:
        if spec.code_list == forms.TARGETS:
            codes = [forms.Code(r[0], Text(r[1] or "", r[2] or "")) for r in conn.execute(
                "SELECT uuid, target_zh, target_en FROM project_targets")]
        elif spec.code_list == forms.UNITS:
            codes = [forms.Code(u, Text(u, units.symbol(u, "en"))) for u in units.AREA_UNITS]
        else:
            codes = list(_lists(conn).get(spec.code_list, ()))
            plans = township_names(conn).get(text) if spec.code_list == "township" \
                else None
            if plans not in (None, text):  # another name: the plan's is written, not this
                raise ValueError(tr("“{value}” is the plan's other name for {name}: type "
                                    "{name}.").format(value=text, name=plans))
            if spec.parent:  # a sub-class belongs to the row's class
                parent = conn.execute(f"SELECT {db.quote(spec.parent)} FROM {db.quote(tbl)} "
                                      "WHERE uuid = ?", (c.row_uuid,)).fetchone()
                if parent and parent[0] is not None:
                    codes = [k for k in codes if k.parent_code in (None, str(parent[0]))]
    finally:
        conn.close()
    for k in codes:
        if text in (k.code, k.label.zh, k.label.en):
            return k.code
    offered = ("、" if lang == "zh" else ", ").join(
        code_text(k, lang) for k in codes[:12])
    raise ValueError(tr("“{value}” is not in the code list of {field}. Use one of: {codes}")
                     .format(value=text, field=label, codes=offered))


def table_title(table: str, lang: str) -> str:
    """A plan table by its title; a layer of the county's own by its name."""
    t = schema.BY_NAME.get(table)
    if t is None:  # a layer of the bureau's own
        return table
    return t.title(lang)


def code_lists_of(master: str | Path) -> dict:
    """The master's code lists; none for a GeoPackage that is not the plan's (its values
    are shown as they are stored)."""
    conn = db.connect(master, readonly=True)
    try:
        if not db.table_exists(conn, "code_lists"):
            return {}
        return _lists(conn)
    finally:
        conn.close()


def _lists(conn) -> dict:
    return {**forms.load_code_lists(conn), **forms.plan_lists(conn)}


def _side_text(c: Conflict, side: str, code_lists: dict | None = None,
               lang: str = "zh", most: int | None = 200) -> str:
    """A side of ``c`` as text (up to ``most`` characters); of a whole-row conflict, each
    field by its label, those the master changed since the ancestor first."""
    if side == "ancestor" and not c.ancestor_known:
        return UNKNOWN_SHOWN(lang).strip("（）")
    value = c.side(side)
    if c.field is None:  # a whole-row conflict: a side is the row, or null if deleted
        if value is None:
            return DELETED_SHOWN(lang).strip()
        row = _row(value) or {}
        ancestor, ours = _row(c.side("ancestor")) or {}, _row(c.side("ours")) or {}
        edited = {k for k, v in ancestor.items() if k in ours and ours[k] != v}
        return "; ".join(
            f"{field_label(c.tbl, k, lang)}={coded_text(c.tbl, k, v, code_lists, lang)}"
            for k, v in sorted(row.items(), key=lambda kv: (kv[0] not in edited, kv[0]))
            if k != schema.GEOMETRY_COLUMN)[:most]
    return coded_text(c.tbl, c.field, value, code_lists, lang)


def _row(value) -> dict | None:
    return json.loads(value) if isinstance(value, str) else value


def coded_text(table: str, column: str, value, code_lists: dict | None = None,
               lang: str = "zh") -> str:
    """A field's value as text; a code of the field's code list (a form's, or a plan layer's
    coded column's: a patch's geometry source, its mineral) as the list shows it, by its
    label; a figure with decimals as the reports write it (52,000, not 52000.0)."""
    text = figure_shown(value) if isinstance(value, float) else show_value(table, column, value,
                                                                        lang)
    form = forms.BY_TABLE.get(table)
    spec = next((f for f in form.fields if column in f.columns), None) if form else None
    if spec is None and code_lists:
        spec = field_check.coded_column(table, column, code_lists)
    if value is not None and spec is not None and spec.code_list and code_lists:
        code = next((k for k in code_lists.get(spec.code_list, ()) if k.code == str(value)),
                    None)
        if code is not None and code.label(lang) != code.code:
            text = code_text(code, lang)
    return text
