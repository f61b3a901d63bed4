# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's window: the list, the map with distance and bearing to the selected
patch, the form of the selected patch or project, GNSS status and changes waiting.

Made for a small laptop in the sun: big type, black on white, strong status colours.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PyQt5 import sip
from PyQt5.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QSize,
    Qt,
    QTimer,
    QTranslator,
)
from PyQt5.QtGui import QFont, QKeyEvent, QKeySequence
from PyQt5.QtWidgets import (
    QAction,
    QActionGroup,
    QApplication,
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QProxyStyle,
    QScrollArea,
    QShortcut,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import forms
from ..bilingual import counted
from ..cli.parsing import Help, Parser
from ..db import FileProblem, connect, read_only, table_exists
from ..errors import BUSY, SyncError
from ..file_filters import any_case
from ..forms import drafts, shown
from ..package_lock import Held, PackageLock
from ..sync.changelog import local_time
from ..sync.pull import BACK, BACK_UNDONE, GONE, GONE_UNDONE
from . import ending, failures, gnss, grants_changed, i18n, imagery_menu, sync_actions
from .editors import field_label
from .elided_label import ElidedLabel
from .fix_watch import FixWatch
from .form_widget import FormWidget
from .last_deleted import LastDeleted
from .map_view import STATUS_COLOURS, MapView
from .measure_panel import MeasurePanel
from .patch_list import PATCH, PatchList

ARROWS = "↑↗→↘↓↙←↖"
T = TypeVar("T")


def replaced_line(conn, lists: dict, table: str, row: str, column: str, ours, theirs) -> str:
    return shown.replaced_line(conn, lists, table, row, column, ours, theirs, i18n.language())


STYLE = """
* { font-size: 13pt; color: #000; }
QMainWindow, QWidget { background: #ffffff; }
QToolBar { background: #1f2a44; spacing: 4px; padding: 3px; }
QToolBar QToolButton { color: #fff; background: #1f2a44; font-weight: bold; padding: 6px 8px;
                       border: 2px solid #fff; border-radius: 4px; }
QToolBar QToolButton:pressed { background: #394a75; }
QToolBar QToolButton#qt_toolbar_ext_button { background: #ffd600; border: 2px solid #fff;
                                             padding: 0; }
QLineEdit, QPlainTextEdit, QComboBox { border: 2px solid #444; border-radius: 3px;
                                       padding: 3px; background: #fff; }
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus { border: 3px solid #0050d0; }
QLineEdit:read-only { background: #eee; }
QLineEdit[empty="true"] { color: #8a8a8a; }
QPushButton { border: 2px solid #222; border-radius: 4px; padding: 5px 10px; background: #f0f0f0; }
QPushButton#save { background: #0b6e2b; color: #fff; font-weight: bold; font-size: 15pt; }
QPushButton#save:disabled { background: #bbb; color: #444; }
QPushButton:disabled { color: #8a8a8a; border-color: #b0b0b0; }
QTreeWidget { alternate-background-color: #f2f2f2; border: 2px solid #444; }
QTreeWidget::item { padding: 4px 2px; }
QTreeWidget::item:selected { background: #0050d0; color: #fff; }
QHeaderView::section { background: #ddd; font-weight: bold; padding: 4px; border: 1px solid #aaa; }
QLabel#nav { background: #111; color: #ffd600; font-size: 22pt; font-weight: bold; padding: 6px; }
QLabel#nav[idle="true"] { color: #fff; font-size: 13pt; font-weight: normal; }
QLabel#help, QLabel#hint { color: #333; font-size: 11pt; }
QLabel#banner { color: #0b4f8a; font-size: 11pt; }
QLabel#map_note { color: #a61b1b; font-weight: bold; }
QLabel#start_note { color: #0b4f8a; font-weight: normal; }
QLabel#formTitle { font-size: 15pt; }
QStatusBar QLabel { font-size: 13pt; font-weight: bold; padding: 0 8px; }
"""


_qt_translator: QTranslator | None = None
qt_missing = ""  # Qt's own Chinese looked for and not found: said in the status bar


def qt_translations() -> str:
    """The folder Qt's own translations (qtbase_zh_CN.qm) are read from."""
    return QLibraryInfo.location(QLibraryInfo.TranslationsPath)


class BarStyle(QProxyStyle):
    """The tool bar's » button (buttons that do not fit are behind it) as wide as a finger:
    Qt's own is a 12 px strip."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric == QStyle.PM_ToolBarExtensionExtent:
            return 36
        return super().pixelMetric(metric, option, widget)


class NoteBox(QScrollArea):
    """A note of the status bar, wrapped, at most LINES lines high; a longer one scrolls,
    whole, in it (wrapped whole it grew the bar over the form and the map)."""

    LINES = 3

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}_box")
        self.label = QLabel(objectName=name)
        self.label.setWordWrap(True)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setVisible(False)

    def say(self, text: str) -> None:
        """The note (hidden when empty), from its top."""
        self.label.setText(text)
        self.setVisible(bool(text))
        self.verticalScrollBar().setValue(0)
        self.verticalScrollBar().setSingleStep(self._line())
        self.updateGeometry()

    def _line(self) -> int:
        """One line of the note as laid out: its glyphs of other fonts (ⓘ, Chinese) make
        it higher than the font's own line spacing."""
        text = self.label.text()
        return self.label.heightForWidth(1 << 20) // (text.count("\n") + 1)

    def _high(self) -> int:
        width = max(self.width() - self.verticalScrollBar().sizeHint().width(), 50)
        return min(self.label.heightForWidth(width), self.LINES * self._line())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._high())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._high())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._high() != self.height():  # a new width wraps the note to other lines
            self.updateGeometry()


def qt_language(lang: str) -> bool:
    """Qt's own words (file dialogs, Yes/No, Cancel) in Chinese when the app is: Qt's
    qtbase_zh_CN from its translations folder (PyQt5's wheel carries it; on Debian the
    package qttranslations5-l10n). True when Qt speaks ``lang``; where it cannot, the file
    looked for is kept in ``qt_missing``."""
    global _qt_translator, qt_missing
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    qt_missing = ""
    if lang != i18n.ZH:
        return True
    t = QTranslator(app)
    folder = qt_translations()
    if not t.load("qtbase_zh_CN", folder):
        qt_missing = os.path.join(folder, "qtbase_zh_CN.qm")
        return False
    app.installTranslator(t)
    _qt_translator = t
    return True


def _drafts_not_exported(kept: list, codes: dict[str, str]) -> str:
    """What an export leaves behind of the drafts ``kept``, asked before it: the forms not
    saved, and apart from them the saved records whose draft holds only typed text that
    cannot be saved (waiting in their form's note), each named by its code."""
    def named(these: list) -> str:
        which = sorted({codes.get(d.subject_uuid or "") or i18n.tr(
            "draft_subject_gone", uuid=d.subject_uuid or "?") for d in these})
        return ", ".join(which[:12]) + (" …" if len(which) > 12 else "")
    held = [d for d in kept if drafts.holds_only_stranded(d.values)]
    unsaved = [d for d in kept if not drafts.holds_only_stranded(d.values)]
    said = [i18n.tr(key, n=len(these), which=named(these))
            for key, these in (("export_unsaved", unsaved), ("export_stranded", held)) if these]
    return "\n".join([*said, i18n.tr("export_anyway")])


class MainWindow(QMainWindow):
    def __init__(self, gpkg, language: str | None = None):
        super().__init__()
        self.path = Path(gpkg)
        self.gone = False  # the package file is missing (USB stick pulled out, file moved)
        self.setStyleSheet(STYLE)  # the window's own look, whoever made the QApplication
        font = QFont("Noto Sans CJK SC")
        font.setPointSize(13)
        self.setFont(font)
        self.conn = connect(self.path)
        i18n.set_language(language or i18n.system_language())
        qt_language(i18n.language())
        self.state = sync_actions.package_state(self.path)
        self.capture_problems = self._check_capture()
        # a clock reading before the checkout: said while the app is open, before more edits
        self.clock_said = sync_actions.clock_said(self.path) if self.state else []
        self.without_form = self._granted_without_form()
        # an export the app was stopped in (killed, the battery flat): said as it opens
        self.export_met = sync_actions.export_cut_short(self.path) if self.state else None
        self.opening_notes: list[str] = []  # what run() met before the window (said as met)
        self.fix: gnss.Fix | None = None
        self.source: gnss.PositionSource | None = None
        # whether self.fix is live: a receiver gone quiet or unplugged gives no position
        self.fix_watch = FixWatch(self)
        self.fix_watch.changed.connect(self._fix_lost)
        self.fix_watch.aged.connect(self._fix_aged)
        self.track = gnss.TrackLog(self.path)
        self.form: FormWidget | None = None
        # the record deleted last: Undo delete puts it back wherever the technician is
        self.last_deleted: LastDeleted | None = None
        self.last_export: Path | None = sync_actions.last_export(self.path)
        self.current: tuple[str, str] | None = None
        self.busy = False  # an export or an update is under way (off the window's thread)

        self.list = PatchList()
        self.list.selected.connect(self.open_subject)
        self.map = MapView()
        self.map.patch_clicked.connect(lambda uuid: self.open_subject(PATCH, uuid))
        self.nav = QLabel()
        self.nav.setObjectName("nav")
        self.nav.setAlignment(Qt.AlignCenter)
        self.nav.setWordWrap(True)  # a narrow map column keeps its width
        centre = QWidget()
        cbox = QVBoxLayout(centre)
        cbox.setContentsMargins(0, 0, 0, 0)
        cbox.setSpacing(0)
        cbox.addWidget(self.nav)
        cbox.addWidget(self.map, 1)
        self.measure = MeasurePanel()
        self.measure.hide()
        self.measure.changed.connect(self.map.set_outline)
        self.measure.use_area.connect(self.use_measured_area)
        self.measure.closed.connect(lambda: self.act_measure.setChecked(False))
        self.map.point_clicked.connect(self.measure.add_point)
        cbox.addWidget(self.measure)
        self.side = QWidget()
        self.side_box = QVBoxLayout(self.side)
        self.side_box.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel()
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.side_box.addWidget(self.placeholder)
        split = QSplitter(Qt.Horizontal)
        for w, stretch in ((self.list, 0), (centre, 1), (self.side, 0)):
            split.addWidget(w)
            split.setStretchFactor(split.count() - 1, stretch)
        split.setSizes([340, 516, 510])
        split.setChildrenCollapsible(False)
        self.split = split
        self._auto_split = True  # until the technician drags the splitter
        split.splitterMoved.connect(lambda *_: setattr(self, "_auto_split", False))
        self.list.setMinimumWidth(180)
        self.side.setMinimumWidth(300)
        self.setCentralWidget(split)

        self._make_actions()
        # (the count of changes waiting cut after its number where the bar is short of room)
        self.gnss_label, self.waiting_label = QLabel(), ElidedLabel()
        # the fix beside the changes waiting, kept in sight while a passing message is shown
        # (a message covers the bar's other widgets: the fix hidden as a position was taken);
        # the message wrapped in the room they leave it, whole, not cut at the fix
        self.message_box = NoteBox("message")
        self.statusBar().addPermanentWidget(self.message_box, 1)
        self.statusBar().messageChanged.connect(self.message_box.say)
        self.statusBar().addPermanentWidget(self.gnss_label)
        self.map_note_box = NoteBox("map_note")  # layers the map cannot draw, by name
        self.map_note = self.map_note_box.label
        self.statusBar().addWidget(self.map_note_box, 2)
        # what the app met as it opened (a lock taken over, none taken), in sight until closed
        self.start_note_box = NoteBox("start_note")
        self.start_note = self.start_note_box.label
        self.statusBar().addWidget(self.start_note_box, 2)
        self.statusBar().addPermanentWidget(self.waiting_label)
        self.waiting_label.give_way_to(self.message_box, self.map_note_box, self.start_note_box)
        i18n.on_change(self._language_changed)
        self.reload()
        self.map.set_walks(self.track.walks())
        self.retranslate()
        self.map.zoom_all()
        self.watch = QTimer(self, interval=2000, timeout=self.check_package)
        self.watch.start()
        if self.capture_problems:  # said at once: edits may be escaping the log
            QTimer.singleShot(0, lambda: failures.show(
                self, i18n.tr("app_title"),
                i18n.tr("err_capture") + "\n\n(" + "; ".join(self.capture_problems) + ")"))

    def _granted_without_form(self) -> dict[str, set[str]]:
        try:
            return sync_actions.granted_without_form(self.path)
        except (SyncError, sqlite3.Error, OSError):
            return {}

    def show_start_note(self) -> None:
        """What the app met as it opened, and the granted layers it has no form for (said
        in the language chosen now: the technician may switch)."""
        notes = list(self.opening_notes) + [i18n.core(said) for said in self.clock_said]
        if self.export_met:
            notes.append(self.export_met_said())
        if qt_missing:  # (else nothing says why Qt's own buttons are English)
            notes.append(i18n.tr("qt_words_missing", file=qt_missing))
        if self.without_form:
            notes.append(i18n.tr("no_form_for", layers=i18n.grants_text(self.without_form)))
        locked = self.forms_locked()
        if locked:
            notes.append(i18n.tr("grants_forms", which=locked))
        self.start_note_box.say("ⓘ " + " ".join(notes) if notes else "")
        self.start_note.setToolTip(" ".join(notes))

    def export_met_said(self) -> str:
        """What the export the app was stopped in had done, and what is to be done now."""
        met = self.export_met or {}
        args = {"zip": met.get("zip", "?"), "since": local_time(met.get("started"))}
        if met.get("done") != sync_actions.EXPORT_CUT:
            return i18n.tr(f"export_met_{met.get('done')}", **args)
        return i18n.tr("export_met_cut", **args) + (
            "" if i18n.language() == i18n.ZH else " ") + i18n.tr(
            "export_met_removed" if met.get("removed") else "export_met_delete",
            part=f"{args['zip']}.part")

    def forms_locked(self) -> str:
        """The records of the app's forms (and their photos) the package's role may not
        change, by the master's grants, as a sentence lists them; empty when it may change
        them all."""
        try:
            got = sync_actions.role_grants(self.conn)
            tables = {r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except (sqlite3.Error, OSError):
            return ""
        if not got:
            return ""
        lang = i18n.language()
        out = []
        for form in (forms.PATCH_VERIFICATION, forms.PROJECT_INSPECTION):
            cols = got[1].get(form.table) or set()
            if "*" in cols or form.table not in tables:
                continue
            named = [f for f in form.fields if not f.hidden and set(f.columns) & cols]
            out.append(i18n.tr("grants_only", table=form.title(lang), fields=(
                "、" if lang == i18n.ZH else ", ").join(field_label(f, lang) for f in named))
                if named else form.title(lang))
        if "*" not in (got[1].get("photos") or ()) and "photos" in tables:
            out.append(i18n.tr("photos"))
        return ("、" if lang == i18n.ZH else "; ").join(out)

    def _check_capture(self) -> list[str]:
        try:
            return sync_actions.capture_problems(self.path) if self.state else []
        except (SyncError, sqlite3.Error, OSError):
            return []

    # --- building ---------------------------------------------------------------------------

    def _make_actions(self) -> None:
        bar = self.tool_bar = self.addToolBar("")
        bar.setObjectName("main")
        bar.setMovable(False)
        # a right click on the tool bar or the menus offered to hide the tool bar, with no
        # way back shown: the window has no menu of its own (the map's and fields' stay)
        self.setContextMenuPolicy(Qt.PreventContextMenu)
        self.bar_style = BarStyle()  # the window keeps it: a widget does not own its style
        bar.setStyle(self.bar_style)
        self.act_export = QAction(self, triggered=lambda: self.export_dialog())
        self.act_pull = QAction(self, triggered=lambda: self.pull_dialog())
        self.act_all = QAction(self, triggered=lambda: self.map.zoom_all())
        self.act_me = QAction(self, triggered=lambda: self.map.zoom_position())
        self.act_measure = QAction(self, checkable=True, toggled=self.set_measuring)
        for a in (self.act_export, self.act_pull):
            a.setEnabled(bool(self.state and self.state["kind"] == "package"))
        self.pos_menu = QMenu(self)
        self.act_device = self.pos_menu.addAction("", lambda: self.device_dialog())
        self.act_replay = self.pos_menu.addAction("", lambda: self.replay_dialog())
        self.act_typed = self.pos_menu.addAction("", lambda: self.typed_dialog())
        self.act_stop = self.pos_menu.addAction("", lambda: self.stop_position())
        self.lang_menu = QMenu(self)
        group = QActionGroup(self)
        self.lang_actions = {}
        for code, text in ((i18n.ZH, "中文"), (i18n.EN, "English")):
            a = self.lang_menu.addAction(text, lambda c=code: i18n.set_language(c))
            a.setCheckable(True)
            group.addAction(a)
            self.lang_actions[code] = a
        self.pos_button, self.lang_button = QToolButton(), QToolButton()
        for b, m in ((self.pos_button, self.pos_menu), (self.lang_button, self.lang_menu)):
            b.setMenu(m)
            b.setPopupMode(QToolButton.InstantPopup)
        bar.addAction(self.act_export)
        bar.addAction(self.act_pull)
        bar.addSeparator()
        bar.addWidget(self.pos_button)
        bar.addAction(self.act_me)
        bar.addAction(self.act_all)
        bar.addAction(self.act_measure)
        bar.addSeparator()
        bar.addWidget(self.lang_button)
        menu = self.menuBar().addMenu("")
        self.file_menu = menu
        menu.addAction(self.act_export)
        menu.addAction(self.act_pull)
        # Ctrl+Z brings back the record deleted last, from its patch or any other (a box
        # typed in undoes its typing)
        self.act_undo = QAction(self, triggered=lambda: self._undo_delete())
        self.act_undo.setShortcut(QKeySequence(QKeySequence.Undo))
        self.act_undo.setEnabled(False)
        self.addAction(self.act_undo)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.act_undo)
        self.menuBar().addMenu(self.pos_menu)
        self.menuBar().addMenu(self.lang_menu)
        imagery_menu.install(self)  # Add imagery…, show/hide, opacity
        # Ctrl+S saves the form open, wherever the focus is in the window
        save = QShortcut(QKeySequence(QKeySequence.Save), self)
        save.activated.connect(lambda: self.form.save_by_key() if self.form else None)

    def retranslate(self) -> None:
        lang = i18n.language()
        self.setWindowTitle(f"{i18n.tr('app_title')} — {self.path.name}")
        for act, mark, key in ((self.act_export, "⇪ ", "export"), (self.act_pull, "⇩ ", "pull"),
                               (self.act_measure, "▱ ", "measure")):
            act.setText(mark + i18n.tr(key))  # in the menus
            act.setIconText(mark + i18n.tr(key + "_short"))  # on the tool bar
            act.setToolTip(i18n.tr(key))
        self.act_all.setText(i18n.tr("zoom_all"))
        self.act_me.setText("◎ " + i18n.tr("zoom_me"))
        for act in (self.act_all, self.act_me):
            act.setToolTip(i18n.tr("zoom_all" if act is self.act_all else "zoom_me"))
        self.measure.retranslate()
        self.tool_bar.setWindowTitle(i18n.tr("tool_bar"))
        self.file_menu.setTitle(i18n.tr("file_menu"))
        self.edit_menu.setTitle(i18n.tr("edit_menu"))
        self._undo_offered()
        self.pos_menu.setTitle(i18n.tr("position_menu"))
        self.pos_button.setToolTip(i18n.tr("position"))
        self.act_device.setText(i18n.tr("pos_device"))
        self.act_replay.setText(i18n.tr("pos_replay"))
        self.act_typed.setText(i18n.tr("pos_typed"))
        self.act_stop.setText(i18n.tr("pos_stop"))
        self.lang_menu.setTitle(i18n.tr("language_menu"))
        self.lang_button.setToolTip(i18n.tr("language"))
        self.lang_actions[lang].setChecked(True)
        self.placeholder.setText(i18n.tr("select_hint"))
        self.update_nav()
        self.map.legend = [(STATUS_COLOURS[None], i18n.tr("not_verified"))] + [
            (STATUS_COLOURS[code], c.label(lang)) for (kind, code), c in self.list.labels.items()
            if kind == PATCH and code in STATUS_COLOURS]
        self.map.set_language(lang)
        self.map.viewport().update()
        self.list.retranslate()
        if self.form is not None:
            self.form.set_language(lang)
        self.show_start_note()
        self.update_status()
        self.fit_tool_bar()
        # (the imagery button is relabelled after the window, by its own listener)
        QTimer.singleShot(0, self.fit_tool_bar)  # (a slot of the window: none once it is gone)

    def fit_tool_bar(self) -> None:
        """The tool bar's labels, whole where they fit: at 1024 px in English they pushed
        Imagery and Language behind », so the least needed shrink to their marks (the whole
        name in the tooltip), one after another, until every button is on the bar."""
        lang = i18n.language()
        name = "中文" if lang == i18n.ZH else "English"
        labels = (  # (set it, whole, short), the first to shrink first
            (self.act_me.setIconText, self.act_me.text(), "◎"),
            (self.act_measure.setIconText, "▱ " + i18n.tr("measure_short"), "▱"),
            (self.act_all.setIconText, i18n.tr("zoom_all"), i18n.tr("zoom_all_short")),
            (self.lang_button.setText, f"文/A {name} ▾", f"文/A {name[:2].upper()} ▾"
             if lang == i18n.EN else "文/A ▾"),
            (self.pos_button.setText, "◉ " + i18n.tr("position") + " ▾", "◉ ▾"))
        for set_text, whole, _ in labels:
            set_text(whole)
        bar = self.tool_bar
        for set_text, _, short in labels:
            bar.layout().invalidate()  # (its size kept from before a label changed)
            if bar.sizeHint().width() <= bar.width():
                break
            set_text(short)

    def _language_changed(self, lang: str) -> None:
        qt_language(lang)
        self.retranslate()

    def reload(self, redraw: bool = False) -> None:
        """Read the list and the map's colours again (after a save); ``redraw`` draws the map
        again too (after a pull, which may add, move or reshape patches)."""
        self.list.load(self.conn)
        statuses = {e.uuid: e.status for e in self.list.entries if e.kind == PATCH}
        if redraw or not self.map.patches:
            self.map.load(self.conn, statuses)
        else:
            self.map.set_statuses(statuses)
            self.map.note_plan_left_off(self.conn)  # (a first record's position)
            self.map.viewport().update()
        self.update_status()

    # --- selection and form -----------------------------------------------------------------

    def select(self, kind: str, uuid: str) -> None:
        self.list.select(kind, uuid)  # emits selected -> open_subject

    def open_subject(self, kind: str, uuid: str) -> None:
        if self.current == (kind, uuid) and self.form is not None:
            return
        if self.form is not None and not self.form.may_leave():
            if self.current:  # the list shows the record still open
                self.list.select(*self.current, emit=False)
            return
        self.current = (kind, uuid)
        self.list.select(kind, uuid, emit=False)
        if kind == PATCH:
            self.map.select(uuid)
        else:  # the project's patch nearest the technician, followed as they walk
            self.map.select_project(self.conn, uuid)
        self._close_form()
        self.placeholder.hide()
        form = forms.PATCH_VERIFICATION if kind == PATCH else forms.PROJECT_INSPECTION
        last = self.last_deleted  # (deleted on this subject: its form offers it back too)
        try:
            self.form = FormWidget(self.conn, form, uuid, language=i18n.language(),
                                   position_provider=self.position, live=True,
                                   fix_lost=self.fix_watch.lost,
                                   undoable=last.kept if last and last.kind == kind
                                   and last.subject == uuid else None)
        except BaseException:  # said by the caller; the next patch picked opens as ever
            self.current = None
            self.placeholder.show()
            raise
        self.form.saved.connect(self._saved)
        self.form.undoable_changed.connect(self._deleted)
        self.form.drafts_changed.connect(lambda _subject: self.list.refresh_marks(self.conn))
        self.side_box.addWidget(self.form)
        self.update_nav()

    def _close_form(self) -> None:
        """The form off the side panel, gone at once (not only when the event loop next
        runs)."""
        if self.form is not None:
            self.side_box.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
            self.form = None

    def _deleted(self, kept: forms.Kept | None) -> None:
        """The open form deleted a record (kept for Undo delete), or put it back (None)."""
        form = self.form
        if kept is None or form is None or self.current is None:
            self.last_deleted = None
        else:
            code = next((e.code for e in self.list.entries
                         if (e.kind, e.uuid) == self.current), "")
            self.last_deleted = LastDeleted.of(kept, form.form, self.current[0], code,
                                               self.conn, self.path)
        self._undo_offered()

    def _undo_offered(self) -> None:
        last = self.last_deleted
        self.act_undo.setEnabled(last is not None)
        self.act_undo.setText("↶ " + (i18n.tr("undo_delete_of", record=last.named())
                                      if last else i18n.tr("undo_delete")))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Z that no box took (its typing) while Undo delete is greyed out: said."""
        if event.matches(QKeySequence.Undo) and not self.act_undo.isEnabled():
            self.statusBar().showMessage(i18n.tr("nothing_to_undo"), 10000)
            return
        super().keyPressEvent(event)

    def _undo_delete(self) -> bool:
        """Put the record deleted last back on its own patch or project, wherever the
        technician is now; said by name when it can no longer go back."""
        last = self.last_deleted
        if last is None or not self.check_package():
            return False
        why = last.why_not(self.conn, self.path)
        if why is not None:  # (it never can again: no more offered)
            self.last_deleted = None
            if self.form is not None and self.form.undoable is last.kept:
                self.form.undoable = None
                self.form.undo_button.hide()
            self._undo_offered()
            failures.show(self, i18n.tr("undo_delete"), why)
            return False
        self.open_subject(last.kind, last.subject)  # (may ask first, where typing is unkept)
        if self.form is None or self.current != (last.kind, last.subject):
            return False
        self.form.undoable = last.kept
        return self.form.undo_delete()

    def _saved(self, record_uuid: str) -> None:
        self.reload()
        if self.current is not None:
            kind, uuid = self.current
            self.list.select(kind, uuid, emit=False)

    # --- position ---------------------------------------------------------------------------

    def position(self):
        """The live fix as (lon, lat, accuracy), None when there is none (a dead one is not
        where the technician stands)."""
        return self.fix.as_tuple() if self.fix and self.fix_watch.lost is None else None

    def _fix_lost(self) -> None:
        if self.form is not None:
            self.form.fix_lost(self.fix_watch.lost)
        self.say_fix()  # (at once, an export or an update under way or not)
        self._fix_aged()

    def _fix_aged(self) -> None:
        """The map, the navigation bar and a form following the fix say how old the last
        fix is, once it is not live."""
        self.map.set_fix_age(self.fix_watch.age())
        if self.form is not None:
            self.form.fix_aged(self.fix_watch.age())
        self.update_nav()

    def set_measuring(self, on: bool) -> None:
        """Clicks on the map add outline corners (not pick patches) while measuring."""
        self.map.measuring = on
        self.measure.setVisible(on)
        if not on:
            self.measure.b_walk.setChecked(False)

    def use_measured_area(self, m2: float) -> None:
        if self.form is None or self.form.form.table != "patch_verifications":
            failures.show(self, i18n.tr("measure"), i18n.tr("measure_no_form"))
            return
        if "treated_area_m2" in self.form.locked:  # the role may not change it: said why
            failures.show(self, i18n.tr("measure"), self.form.grants_said())
            return
        self.form.set_value("treated_area_m2", round(m2, 2), "平方米")

    def on_fix(self, fix: gnss.Fix) -> None:
        self.fix = fix
        self.fix_watch.heard()
        walked = fix.quality != gnss.TYPED_QUALITY
        if walked:
            self.measure.on_fix(fix.lon, fix.lat)
        self.map.set_position(fix.lon, fix.lat, fix.accuracy_m, on_track=walked)
        if self.form is not None:
            self.form.on_fix(fix.as_tuple())
        if walked and not self.gone:
            with contextlib.suppress(sqlite3.Error, OSError):  # a full disk: keep positioning
                # (an export or an update holding the package: kept until it is through)
                self.track.add(fix, flush=not self.busy)
        if self.busy:  # (the counts read from the package: waiting for it meanwhile)
            self.say_fix()
        else:
            self.update_status()
        self.update_nav()

    def start_source(self, source: gnss.PositionSource) -> None:
        self.stop_position()
        source.fix.connect(self.on_fix)
        try:
            source.start()
        except Exception:  # not started: no source kept, and no fix from it
            source.fix.disconnect(self.on_fix)
            self.fix_watch.failed()
            raise
        self.source = source
        self.fix_watch.watch(source)

    def start_receiver(self, device: str, baud: int) -> None:
        """A receiver on a serial port. A port that is not there, or that this user may
        not open, is said of the receiver, not as a file on a USB stick."""
        try:
            self.start_source(gnss.SerialSource(device, baud))
        except OSError as exc:
            raise failures.Told(failures.receiver_failed(exc, device)) from exc

    def stop_position(self) -> None:
        if self.source is not None:
            self.fix_watch.stop(had_fix=self.fix is not None)
            self.source.stop()
            self.source = None
        with contextlib.suppress(sqlite3.Error, OSError):  # kept in memory for the next try
            self.track.flush()

    def device_dialog(self) -> None:
        ports = gnss.serial_ports() or ["COM3" if sys.platform == "win32" else "/dev/ttyUSB0"]
        dev, ok = QInputDialog.getItem(self, i18n.tr("pos_device"), i18n.tr("device_prompt"),
                                       ports, 0, True)
        if not ok or not dev:
            return
        rates = [str(b) for b in gnss.BAUD_RATES]
        baud, ok = QInputDialog.getItem(self, i18n.tr("pos_device"), i18n.tr("baud_prompt"),
                                        rates, 0, False)
        if ok:
            self._try(lambda: self.start_receiver(dev, int(baud)))

    def replay_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, i18n.tr("pos_replay"), "",
                                              any_case(i18n.tr("nmea_files")))
        if path:
            self._try(lambda: self.start_source(gnss.ReplaySource(path, speed=1.0)))

    def typed_dialog(self) -> None:
        text, ok = QInputDialog.getText(self, i18n.tr("pos_typed"), i18n.tr("typed_prompt"))
        if not ok:
            return
        said = text.replace("，", ",").split(",")
        # more than three numbers (one too many, decimal commas: 88,65, 42,79): refused, not
        # read as the first three
        if len(said) > 3:
            QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_too_many", n=len(said), text=text.strip()))
            return
        try:
            parts = [float(p) for p in said]
            accuracy = parts[2] if len(parts) > 2 else None
            if accuracy is not None and not (math.isfinite(accuracy) and accuracy >= 0):
                QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                    "typed_accuracy", acc=said[2].strip()))
                return
            lon, lat = parts[0], parts[1]
            if all(map(math.isfinite, (lon, lat))) and not gnss.on_earth(lon, lat):
                # no longitude and latitude anywhere: said with the county's range, and as
                # swapped when the other way round they are
                QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr(
                    "typed_swapped_beyond" if gnss.on_earth(lat, lon) else "typed_beyond",
                    text=text.strip(), lon=said[0].strip(), lat=said[1].strip(),
                    west=gnss.COUNTY_WEST, east=gnss.COUNTY_EAST, south=gnss.COUNTY_SOUTH,
                    north=gnss.COUNTY_NORTH))
                return
            swapped = gnss.latitude_first(lon, lat)
            if swapped:  # latitude first: taken the other way round, and said
                lon, lat = lat, lon
            fix = gnss.typed_fix(lon, lat, accuracy)
        except (ValueError, IndexError):
            QMessageBox.warning(self, i18n.tr("pos_typed"), i18n.tr("bad_typed"))
            return
        if not gnss.in_county(lon, lat):  # in either order: held back until the user says
            asked = QMessageBox.question(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_outside", text=text.strip(), lon=said[swapped].strip(),
                lat=said[not swapped].strip(), west=gnss.COUNTY_WEST, east=gnss.COUNTY_EAST,
                south=gnss.COUNTY_SOUTH, north=gnss.COUNTY_NORTH),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if asked != QMessageBox.Yes:
                return
        elif swapped:
            QMessageBox.information(self, i18n.tr("pos_typed"), i18n.tr(
                "typed_swapped", text=text.strip(), lon=said[1].strip(), lat=said[0].strip()))
        self.stop_position()
        self.on_fix(fix)

    def update_nav(self) -> None:
        """The way to the selected patch, measured to its outline as the nearest patch of a
        project is chosen and the inspection's distance rule measures: 0 m on the patch."""
        idle = self.map.selected is None  # nothing to walk to: a quiet hint, never empty
        if self.nav.property("idle") != idle:
            self.nav.setProperty("idle", idle)
            self.nav.style().unpolish(self.nav)
            self.nav.style().polish(self.nav)
        way = self.map.way() if self.fix is not None else None
        unmapped = self._without_outline() if idle else None
        if unmapped:
            self.nav.setText("⚠ " + unmapped)
        elif idle:
            self.nav.setText(i18n.tr("nav_none"))
        elif way is None:
            self.nav.setText(i18n.tr("nav_no_pos"))
        else:
            if way.on_patch:
                said = "✔ " + i18n.tr("on_patch", dist=i18n.distance_text(0))
            else:
                arrow = ARROWS[int((way.bearing + 22.5) // 45) % 8]
                said = f"{arrow}  " + i18n.tr(
                    "nav_edge", dist=i18n.distance_text(way.metres), bearing=way.bearing,
                    cardinal=i18n.cardinal(way.bearing))
            age = self.fix_watch.age()  # the fix gone dead: the way is from where it was
            self.nav.setText(said if age is None else "◌ " + i18n.tr(
                "nav_last_fix", way=said, age=i18n.age_text(age)))

    def _without_outline(self) -> str | None:
        """What the bar says of the patch chosen, or the project, that has no outline to
        walk to (its geometry empty); None when there is one, or nothing is chosen."""
        if self.current is None:
            return None
        kind, uuid = self.current
        try:
            if kind == PATCH:
                row = self.conn.execute("SELECT patch_code FROM mine_patches WHERE uuid = ? "
                                        "AND geom IS NULL", (uuid,)).fetchone()
                return i18n.tr("nav_no_outline", code=row[0] or "?") if row else None
            row = self.conn.execute(
                "SELECT project_id FROM restoration_projects WHERE uuid = ? AND NOT EXISTS ("
                "SELECT 1 FROM mine_patches WHERE project_uuid = ? AND geom IS NOT NULL)",
                (uuid, uuid)).fetchone()
        except (sqlite3.Error, OSError):  # (the package gone: the status bar says so)
            return None
        return i18n.tr("nav_project_no_outline", code=row[0] or "?") if row else None

    def say_fix(self) -> None:
        """The status bar's fix: live, typed, or why there is none. Read from memory, never
        from the package, so said at once while an export or an update holds it."""
        f = self.fix
        if self.fix_watch.lost is not None:
            key, args = self.fix_watch.lost
            self.gnss_label.setText("◌ " + i18n.tr(key, **args))
        elif f is None:
            self.gnss_label.setText("◉ " + i18n.tr("no_fix"))
        elif f.quality == gnss.TYPED_QUALITY:
            acc = i18n.accuracy_text(f.accuracy_m)
            self.gnss_label.setText("✎ " + i18n.tr("fix_typed", acc=acc))
        else:
            self.gnss_label.setText("◉ " + i18n.tr(
                "fix", quality=gnss.QUALITY_NAMES.get(f.quality, f.quality),
                acc=i18n.accuracy_text(f.accuracy_m), sats=f.satellites or "?"))

    def update_status(self) -> None:
        self.map_note_box.say("⚠ " + self.map.not_drawn_said() if self.map.not_drawn else "")
        self.say_fix()
        try:
            n, void, back = sync_actions.waiting(self.path) if not self.gone else (None, 0, 0)
        except (SyncError, sqlite3.Error, OSError):
            n, void, back = None, 0, 0
        if n is None:
            self.waiting_label.say("✖ " + i18n.tr("package_gone_short"))
            self.waiting_label.setStyleSheet("color:#fff; background:#b00020")
            return
        if self.capture_problems:
            self.waiting_label.say(i18n.tr("capture_short"))
            self.waiting_label.setStyleSheet("color:#fff; background:#b00020")
            return
        # (a record added and deleted again before it was sent: sent both ways, it changes
        # nothing in the master; said so, or the count rising on a delete misleads; as are a
        # record's delete and its insert again by Undo delete)
        try:  # (a layer the last pull found dropped from the master: its edits refused)
            dropped = sync_actions.waiting_on_dropped_layers(self.path) if n else {}
        except (SyncError, sqlite3.Error, OSError):
            dropped = {}
        head = "⇪ " + i18n.tr("waiting", n=n, changes=counted(n, "change"))
        self.waiting_label.say(head + (
            i18n.tr("waiting_void", n=void) if void else "") + (
            i18n.tr("waiting_back", n=back) if back else "") + "".join(
            i18n.tr("waiting_dropped", layer=layer, n=k) for layer, k in dropped.items()), head)
        self.waiting_label.setStyleSheet("color:#b00020" if n else "color:#0b6e2b")

    # --- sync -------------------------------------------------------------------------------

    def export_to(self, folder, everything: bool = False) -> tuple[Path | None, dict]:
        """The export, off the window's thread: weeks of photos to a slow USB stick take
        minutes, in which a box says how many pictures are written."""
        step = [0, 0]  # pictures written, of

        def said(box: QProgressDialog) -> None:
            written, pictures = step
            if pictures:
                box.setMaximum(pictures)
                box.setValue(written)
                box.setLabelText(i18n.tr("exporting_photos", i=written, n=pictures,
                                         path=folder))
        return self.beside(lambda: sync_actions.export_changes(
            self.path, folder, everything, progress=lambda i, n: step.__setitem__(
                slice(None), [i, n])), i18n.tr("export"), i18n.tr("exporting", path=folder),
            said)

    def beside(self, work: Callable[[], T], title: str, text: str,
               step: Callable[[QProgressDialog], None] | None = None) -> T:
        """``work`` (what writes the package or the USB stick) off the window's thread: the
        window is drawn and follows the position meanwhile, a box says what is being done
        (``step`` tells it how far), and the window's own controls and closing wait."""
        done: list = []

        def run() -> None:
            try:
                done.append(work())
            except BaseException as exc:  # noqa: BLE001 - raised again on the window's thread
                done.append(exc)

        box = QProgressDialog(text, "", 0, 0, self)
        box.setWindowTitle(title)
        # (a zip or a package written halfway is neither: nothing to cancel to)
        box.setCancelButton(None)  # type: ignore[arg-type]
        box.setWindowModality(Qt.WindowModal)
        box.setMinimumDuration(0)
        box.setAutoClose(False)
        box.setAutoReset(False)
        self.busy = True
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        box.show()
        try:
            while worker.is_alive():
                QApplication.processEvents(QEventLoop.AllEvents, 50)
                worker.join(0.05)
                if step is not None:
                    step(box)
        finally:
            self.busy = False
            box.close()
            box.deleteLater()
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]

    def export_dialog(self) -> None:
        if not self.check_package():
            return
        kept = drafts.load_drafts(self.conn)
        if kept and not failures.ask(  # every draft in the package, not only the open form's
                self, i18n.tr("export"),
                _drafts_not_exported(kept, {e.uuid: e.code for e in self.list.entries})):
            return
        folder = QFileDialog.getExistingDirectory(self, i18n.tr("export_title"))
        if not folder:
            return

        def go():
            out, m = self.export_to(folder)
            if out is None and self.last_export is not None and failures.ask(
                    self, i18n.tr("export"), i18n.tr("export_again")):
                out, m = self.export_to(folder, everything=True)
            if out is not None:
                self.last_export = out
            text = i18n.tr("export_nothing") if out is None else i18n.export_said(
                m["counts"]["changes"], m.get("photos_added", 0), m.get("photos_removed", 0),
                m["counts"].get("attachments", 0), out)
            if m.get("unmarked"):
                text += "\n\n" + i18n.tr("export_unmarked", why=i18n.core(m["unmarked"]))
            QMessageBox.information(self, i18n.tr("export"), text)
        self._try(go)
        self.reload()  # the list's "waiting to be sent" marks, as the status bar's count

    def pull_from(self, master) -> dict:
        open_before = next((e for e in self.list.entries
                            if self.current == (e.kind, e.uuid)), None)
        # off the window's thread: a big package on a slow USB stick takes seconds
        before = sync_actions.grants_held(self.conn)  # (to say a change of them as the
        counts = self.beside(lambda: sync_actions.pull_update(self.path, master),  # forms do)
                             i18n.tr("pull"), i18n.tr("pulling", path=master))
        counts["grants_held"] = (before, sync_actions.grants_held(self.conn))
        self.without_form = self._granted_without_form()  # (the master's grants came too)
        self.show_start_note()
        self.reload(redraw=True)
        if self.current:
            kind, uuid = self.current
            self.current = None
            if any((e.kind, e.uuid) == (kind, uuid) for e in self.list.entries):
                self.open_subject(kind, uuid)
            else:  # deleted in the master: its form closed, and said (not an error)
                typed = self.form is not None and self.form.draft_id is not None
                self._close_form()
                self.placeholder.show()
                self.map.select(None)
                counts["open_gone"] = (open_before.code if open_before else uuid, typed)
        return counts

    def pull_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, i18n.tr("pull_title"), "",
                                              any_case(i18n.tr("gpkg_files")))
        if path:
            self._try(lambda: QMessageBox.information(
                self, i18n.tr("pull"), self.pull_text(self.pull_from(path))))

    def pull_text(self, counts: dict) -> str:
        text = i18n.tr("pull_done", **counts)
        # (a package of a master that is not the whole plan has no code lists: codes as kept)
        lists = forms.load_code_lists(self.conn) if table_exists(self.conn, "code_lists") else {}
        if counts.get("fields_in"):
            text += "\n" + self.fields_in_text(counts["fields_in"])
        for changed in self.grants_changed_said(counts):  # what the role may change now
            text += "\n" + changed
        if counts.get("kept"):
            text += "\n" + i18n.tr("pull_kept", n=len(counts["kept"]), which="\n".join(
                shown.kept_line(self.conn, lists, *k, i18n.language())
                for k in counts["kept"][:shown.REPLACED_SHOWN]))
        if counts.get("replaced"):
            text += "\n" + i18n.tr("pull_replaced", n=len(counts["replaced"]), which="\n".join(
                replaced_line(self.conn, lists, *r)
                for r in counts["replaced"][:shown.REPLACED_SHOWN]))
        for head, values in counts.get("undone", ()):  # (a merge undone since in the master)
            text += "\n" + i18n.core(head) + "\n" + "\n".join(
                replaced_line(self.conn, lists, *r) for r in values[:shown.REPLACED_SHOWN])
        if counts.get("closed"):
            text += "\n" + i18n.tr("pull_closed", n=counts["closed"])
        for layer, n in sorted((counts.get("dropped") or {}).items()):  # (none settled)
            text += "\n" + i18n.tr("pull_closed_dropped", n=n, layer=layer)
        for kind in (BACK, GONE, BACK_UNDONE, GONE_UNDONE):
            names = [f"· {name}" for _, _, k, name in counts.get("rows", ()) if k == kind]
            if names:
                text += "\n" + i18n.tr(f"pull_rows_{kind}", n=len(names), which="\n".join(
                    names[:shown.REPLACED_SHOWN]))
        if counts.get("resent"):
            text += "\n" + i18n.tr("pull_resent", n=len(counts["resent"]), which="\n".join(
                f"· {i18n.core(said)}" for *_, said in counts["resent"][:shown.REPLACED_SHOWN]))
        for *_, said in counts.get("given_up", ()):
            text += "\n" + i18n.core(said)
        for said in counts.get("gave_way", ()):  # (a column of its own: the master's stands)
            text += "\n" + i18n.core(said)
        for said in counts.get("not_brought", ()):  # (a layer dropped from the master, say)
            text += "\n" + i18n.core(said)
        if counts.get("open_gone"):
            code, typed = counts["open_gone"]
            text += "\n" + i18n.tr("pull_open_gone_typed" if typed else "pull_open_gone",
                                   code=code)
        if counts.get("brought"):
            text += "\n" + i18n.tr("pull_brought", n=counts["brought"])
        if counts.get("photos"):
            text += "\n" + i18n.tr("pull_photos", n=counts["photos"])
        if counts.get("zip"):
            text += "\n" + i18n.tr("pull_zip", path=counts["zip"])
        for problem in counts.get("problems") or ():
            text += "\n" + i18n.tr("pull_problem", text=i18n.core(problem))
        return text

    def grants_changed_said(self, counts: dict) -> list[str]:
        """What the pull changed of the role's grants: the app's forms by their fields'
        labels, from the grants held before and after it; as the sync says it where they
        could not be read."""
        lang = i18n.language()
        before, after = counts.get("grants_held") or (None, None)
        lines = grants_changed.said(before[0], before[1], after[1], lang) \
            if counts.get("grants") and before and after and before[0] == after[0] else []
        return lines or [i18n.core(f"grants changed: {changed}")
                         for changed in counts.get("grants") or ()]

    def fields_in_text(self, fields_in) -> str:
        """The values a pull wrote into records already here, by record and field label: the
        first records named, the rest counted."""
        from ..forms.definitions import field_of
        from ..plan.values import field_label as column_label
        lang = i18n.language()
        by_row: dict[tuple[str, str], list[str]] = {}
        for tbl, row, col in fields_in:
            field = field_of(tbl, col)
            label = field.label(lang) if field else column_label(tbl, col, lang)
            labels = by_row.setdefault((tbl, row), [])
            if label not in labels:  # (a position's longitude and latitude: one field)
                labels.append(label)
        shown_rows = list(by_row)[:shown.REPLACED_SHOWN]
        sep = "、" if lang == i18n.ZH else ", "
        lines = [f"· {shown.row_name(self.conn, *r)} · {sep.join(by_row[r])}"
                 for r in shown_rows]
        if len(by_row) > len(shown_rows):
            lines.append(i18n.tr("pull_more", n=len(by_row) - len(shown_rows)))
        return i18n.tr("pull_fields", n=len(fields_in), which="\n".join(lines))

    def _try(self, fn) -> bool:
        """Run an action; any failure is said in the technician's language and the window
        stays (the open form keeps its values)."""
        if not self.check_package():
            return False
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none closes the app
            failures.show(self, i18n.tr("failed"), failures.explain(exc))
            return False
        return True

    # --- the package file -------------------------------------------------------------------

    def check_package(self) -> bool:
        """True when the package file is there. When it has gone, say so once and keep the
        open form's values in a rescue file; when it is back, open it again."""
        here = self.path.exists()
        if not here and not self.gone:
            self.gone = True
            where = self.form.rescue() if self.form is not None else None
            self.update_status()
            failures.show(self, i18n.tr("failed"), self._gone_text(where))
        elif here and self.gone:
            self.gone = False
            self._reopen()
        return here

    def _gone_text(self, rescue: str | None) -> str:
        """The package gone, and where the open form's values are: a rescue file named only
        when one was written."""
        text = i18n.tr("package_gone", path=self.path)
        if rescue:
            return text + "\n\n" + i18n.tr("package_gone_rescued", rescue=rescue)
        return text + ("\n\n" + i18n.tr("package_gone_unkept") if self.form is not None else "")

    def _reopen(self) -> None:
        """The package is back: new connections (the old ones may point at the file that
        was removed), the list and map again, and the form with its rescued values."""
        # values only on the form's screen go into the form opened again, not lost with it
        carried = None
        if self.form is not None and self.form.kept_nowhere:
            carried = self.form.draft_state()
            self.form.kept_nowhere = False  # (leaving it asks nothing: they are carried)
        for closing in (self.track.close, self.conn.close):
            with contextlib.suppress(sqlite3.Error, OSError):
                closing()
        self.conn = connect(self.path)
        self.track = gnss.TrackLog(self.path)
        self.reload(redraw=True)
        if self.current:
            kind, uuid = self.current
            self.current = None
            self.open_subject(kind, uuid)
            if carried is not None and self.form is not None:
                self.form.carry(carried)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_tool_bar()
        if self._auto_split:  # a small screen (1024×600) still gets a map to walk by
            w = max(self.split.width(), 1)
            codes = [e.code for e in self.list.entries] or ["C" * 21]
            fm = self.list.tree.fontMetrics()
            code_w = max(fm.horizontalAdvance(c) for c in codes[:2000])
            # the codes on one line where the map and the form keep 300 px each (the form
            # gives up its own share first); narrower, the list's codes wrap
            room = w - 2 * self.split.handleWidth()
            left = max(200, min(code_w + 70, room - 600))
            right = max(300, min(int(w * 0.36), room - left - 300))
            self.split.setSizes([left, w - left - right, right])

    def end(self) -> None:
        """Close at once, asking nothing (a shutdown, or ``kill``): what is typed is in the
        draft already."""
        self.ending = True
        self.close()

    def closeEvent(self, event) -> None:
        if self.busy and not getattr(self, "ending", False):
            event.ignore()  # (the box is in sight, saying what is being written)
            return
        if self.form is not None and not getattr(self, "ending", False) and \
                not self.form.may_leave():
            event.ignore()
            return
        self.watch.stop()
        try:
            self.stop_position()
            self.track.close()
        except (sqlite3.Error, OSError):
            pass
        i18n.forget(self._language_changed)
        super().closeEvent(event)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # a widget app, not a bare core one
    app.setApplicationName(i18n.tr("app_title"))  # (what window managers show: not the script)
    font = QFont("Noto Sans CJK SC")
    font.setPointSize(13)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    return app


def parser() -> Parser:
    """The app's command line: its help and errors in the command line's language, as
    field-kit's own."""
    p = Parser(prog="field-kit app", description=Help("The technician's field app.",
                                                      "技术员的外业程序。"))
    p.add_argument("package", help=Help("the field package (.gpkg)", "外业数据包（.gpkg）"))
    p.add_argument("--lang", choices=(i18n.ZH, i18n.EN), help=Help(
        "default: the system locale", "默认：系统区域设置的语言"))
    p.add_argument("--replay", metavar="NMEA", help=Help("replay a recorded NMEA file",
                                                         "回放录制的 NMEA 文件"))
    p.add_argument("--speed", type=float, default=1.0, help=Help("replay speed (default 1)",
                                                                 "回放速度（默认 1）"))
    p.add_argument("--device", metavar="PORT", help=Help(
        "read NMEA from a serial receiver (COM3, /dev/ttyUSB0)",
        "从串口接收机读取 NMEA（COM3、/dev/ttyUSB0）"))
    p.add_argument("--baud", type=int, default=4800, choices=gnss.BAUD_RATES, help=Help(
        "the receiver's baud rate (default 4800, NMEA's own)",
        "接收机的波特率（默认 4800，NMEA 的标准速率）"))
    p.add_argument("--test-script", help=argparse.SUPPRESS)  # JSON: what a test types
    return p


def run(argv: list[str] | None = None) -> int:
    a = parser().parse_args(argv)
    if not Path(a.package).is_file():
        i18n.set_language(a.lang or i18n.system_language())
        print("field-kit app: " + i18n.tr("err_missing", path=a.package), file=sys.stderr)
        return 2
    i18n.set_language(a.lang or i18n.system_language())
    try:  # a file no package (a master, what a checkout cut short left): said before it is
        # locked
        sync_actions.refuse_not_a_package(a.package)
    except SyncError as exc:
        _said_before_opening(a, failures.explain(exc))
        return exc.exit_code
    problem = _not_writable(a.package)
    if problem is not None:  # nothing typed could be kept: said before anything is typed
        _said_before_opening(a, failures.explain(problem))
        return problem.exit_code
    held = PackageLock(a.package)
    notes = []  # said on stderr, and in the window's status bar for the technician
    try:
        stale = held.acquire()
        if stale is not None and stale.pid:  # (0: a lock file half written)
            notes.append(i18n.tr("lock_taken_over", pid=stale.pid, host=stale.host,
                                 since=local_time(stale.since)))
    except Held as exc:
        h = exc.holder
        _said_before_opening(a, i18n.tr("package_held", pid=h.pid, host=h.host,
                                        since=local_time(h.since), lock=h.path))
        return BUSY
    except OSError as exc:  # a read-only folder: no lock, but say so
        notes.append(failures.explain(exc))
    for note in notes:
        print(f"field-kit app: {note}", file=sys.stderr)
    try:
        return _run_window(a, notes)
    finally:
        held.release()


def _not_writable(package: str) -> FileProblem | None:
    """The package read-only (the file, its folder, a write-protected card): SQLite would
    open it and only refuse what the technician saves (its journal is written beside it)."""
    folder = os.path.dirname(os.path.abspath(package))
    if os.access(package, os.W_OK) and os.access(folder, os.W_OK) and \
            os.stat(package).st_mode & 0o222:  # (marked read-only: not written even by root)
        return None
    return read_only(package)


def _said_before_opening(a, text: str) -> None:
    """Why the package is not opened: on stderr, and in a box for a person."""
    print(f"field-kit app: {text}", file=sys.stderr)
    if not a.test_script:  # a test reads stderr; a person reads the box
        app = make_app()  # (without it the box has no application to show in)
        qt_language(i18n.language())  # its button in the app's language
        # a shutdown or kill closes the box (its loop runs no Python to hear the signal)
        ending.OnTerminate(app, app.closeAllWindows)
        QMessageBox.critical(None, i18n.tr("app_title"), text)  # type: ignore[arg-type]
        del app


def _run_window(a, notes: list[str]) -> int:
    app = make_app()
    failures.install()  # an unexpected error is shown; the window stays
    try:
        win = MainWindow(a.package, a.lang)
    except SyncError as exc:  # the package unreadable after all (damaged): no window to keep
        _said_before_opening(a, failures.explain(exc))
        return exc.exit_code
    try:
        win.opening_notes = notes
        win.show_start_note()
        fit_screen(win)
        win.show()
        ending.OnTerminate(win, win.end)  # then run() removes the lock, as on a normal close
        # a recorded file or a receiver that cannot be read (missing, not a port): said in the
        # window, which stays, as when it is chosen from the Position menu
        if a.replay:
            win._try(lambda: win.start_source(gnss.ReplaySource(a.replay, a.speed)))
        elif a.device:
            win._try(lambda: win.start_receiver(a.device, a.baud))
        if a.test_script:
            QTimer.singleShot(0, lambda: _test_script(win, json.loads(a.test_script)))
        return app.exec_()
    finally:
        # the window before the application, whatever ended it (an error as it opened too):
        # left to Python, the application may go first, and the process crashes on its way
        # out, before the lock is removed
        sip.delete(win)


def fit_screen(win: QMainWindow) -> None:
    """The window's first size: 1366×768, or where the screen has less room (a 1024×600
    netbook) the room it has, maximised: at 1366×768 there the form's column and its Save
    lay beyond the screen's right and bottom edges, out of reach."""
    room = QApplication.primaryScreen().availableGeometry()
    if room.width() >= 1366 and room.height() >= 768:
        win.resize(1366, 768)
        return
    win.setGeometry(room.x(), room.y(), min(1366, room.width()), min(768, room.height()))
    win.setWindowState(win.windowState() | Qt.WindowMaximized)  # (the frame's room too)


def _test_script(win: MainWindow, script: dict) -> None:
    """Select a subject and type values, then say READY: a test kills the process then."""
    win.select(script.get("kind", PATCH), script["select"])
    for col, value, unit in script.get("values", []):
        assert win.form is not None  # the subject selected above opened it
        win.form.set_value(col, value, unit)
    if win.start_note.isVisible():  # what the technician reads in the status bar
        print(f"SAID {win.start_note.text()}", flush=True)
    print("READY", flush=True)
