# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's window: the list, the map with distance and bearing to the selected
patch, the form of the selected patch or project, GNSS status and changes waiting.

Made for a small laptop in the sun: big type, black on white, strong status colours.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
from pathlib import Path

from PyQt5 import sip
from PyQt5.QtCore import QCoreApplication, QLibraryInfo, QSize, Qt, QTimer, QTranslator
from PyQt5.QtGui import QFont
from PyQt5.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import forms
from ..cli.parsing import Help, Parser
from ..db import FileProblem, connect, read_only
from ..errors import BUSY, SyncError
from ..package_lock import Held, PackageLock
from ..sync.changelog import local_time
from . import ending, failures, gnss, i18n, sync_actions
from .editors import field_label
from .elided_label import ElidedLabel
from .fix_watch import FixWatch
from .form_widget import FormWidget
from .last_deleted import LastDeleted
from .map_view import MapView
from .measure_panel import MeasurePanel
from .patch_list import PATCH, PatchList
from .window_actions import WindowActions
from .window_forms import WindowForms
from .window_position import WindowPosition
from .window_sync import WindowSync

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


class MainWindow(WindowActions, WindowForms, WindowPosition, WindowSync,
                 QMainWindow):
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
