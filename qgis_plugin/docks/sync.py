# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock: field packages out, change packages in, merged in the background.

Its parts: the checkout form (``sync_checkout``), the merges (``sync_merges``), the field
package (``sync_package``) and a lost device registered again (``sync_readmit``), sharing
what ``sync_part`` declares."""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QPoint, QSize, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from field_kit.sync import masters

from ..core_messages import in_user_language, master_named
from ..dialogs.conflicts import drop_conflicts_warning
from ..help import add_help
from ..i18n import sentences, tr, user_language
from ..layer_handlers import LayerHandlers
from ..plan_layers import layers_of
from ..said_of_the_file import SaidOfTheFile
from ..tasks import CoreTask
from .columns_look import ColumnsLook
from .sync_checkout import SyncCheckout, _township_choices
from .sync_merges import SyncMerges
from .sync_merges import merge_report_html as merge_report_html
from .sync_package import SyncPackage
from .sync_part import PROBLEM, WAITING, _offer, paragraph
from .sync_readmit import SyncReadmit


class MergeReportDialog(QDialog):
    """The last merge or pull report at a readable width (the dock is narrow), resizable,
    not blocking."""

    def __init__(self, report_html: str, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(tr("Sync report"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(report_html)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)


class SyncDock(SyncCheckout, SyncMerges, SyncPackage, SyncReadmit, QDockWidget):
    merged = pyqtSignal()


    def __init__(self, iface, master, parent=None):
        super().__init__(tr("Sync: field packages and merge"), parent)
        self.setObjectName("ToksunSyncDock")
        self.iface = iface
        self.master = master  # a GeoPackage path or a PostgreSQL master's address
        self.task: CoreTask | None = None
        self.unplaced: list[str] = []  # layers whose selection has no place on the map
        # the patches selected, or those the records and projects selected belong to (the
        # package keeps these, not every patch in the box around them); None: none such
        self.chosen_patches: list[str] | None = None
        # of the layers of the county's own selected, the features selected (by uuid: the
        # package keeps these alone), and those whose features have none (cut by the box)
        self.chosen_features: dict[str, list[str]] | None = None
        self.unkeyed: list[str] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        self.master_label = QLabel()
        self.master_label.setWordWrap(True)
        layout.addWidget(self.master_label)
        # why the supervisors' buttons are off: a database role given the editors' grants
        self.refusal: str | None = None
        self.rights_label = QLabel()
        self.rights_label.setWordWrap(True)
        self.rights_label.setStyleSheet(f"color:{PROBLEM}")
        self.rights_label.setVisible(False)
        layout.addWidget(self.rights_label)
        # what only a master does: hidden where the file opened is a field package
        self.master_boxes = (self._checkout_box(), self._merge_box(), self._history_box())
        for box in self.master_boxes:
            layout.addWidget(box)
        layout.addWidget(self._package_box())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.report = QTextBrowser()
        layout.addWidget(self.report, 1)
        layout.addWidget(self._again_in_dock())
        self.report_button = QPushButton(tr("Show the report…"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.show_report)
        layout.addWidget(self.report_button)
        self.report_dialog: MergeReportDialog | None = None  # kept while it is shown
        self.waits: list[str] = []  # what the work running waits for, said in the report
        # a merge's result on the bar: of the master it merged into, gone once another opens
        self.merge_said = SaidOfTheFile(iface)
        self.readmit_offered: dict = {}
        self.refused_as_lost: list = []
        self.setWidget(_Scrolled(body))
        # the field package's layers in QGIS: each save of their edits changes its count
        self.package_layers = LayerHandlers()
        self._added = QgsProject.instance().layersAdded.connect(
            lambda _: self._follow_package())
        self.destroyed.connect(lambda _=None, added=self._added, layers=self.package_layers:
                               _unfollow(added, layers))
        # a PostgreSQL master's columns dropped in the database: the merges listed again,
        # which says what its commands wait for
        self.columns_look = ColumnsLook(self, lambda: self.refresh_merges())
        self.set_master(self.master)

    def unhook(self) -> None:
        """Stop following the project and the package's layers: the plugin unloads, and the
        dock, deleted only later, must not hear a layer added meanwhile (it crashed QGIS)."""
        _unfollow(self._added, self.package_layers)
        self.columns_look.stop()

    def _offer_master(self) -> None:
        """Checkout, Merge and Undo offered unless other work of the dock runs or the role
        may not use them, their tip naming which (until offered again)."""
        why = self._running_tip() or (in_user_language(self.refusal) if self.refusal else "")
        for b in (self.merge_button, self.checkout_button, self.undo_button):
            _offer(b, why)

    def _running_tip(self) -> str:
        """Why a button is greyed while other work of the dock runs, naming it (none
        running: empty)."""
        return self._running(tr("Not offered while “{work}” is under way: one piece of "
                                "work at a time."))

    def _running(self, said: str) -> str:
        """``said`` of the work running now, named (none running: empty)."""
        return said.format(work=self.task.description()) if self.task is not None else ""

    def _refused_while_running(self, title: str) -> bool:
        """Whether other work of the dock runs, a click that would start more then refused
        on the message bar under ``title`` (what was not done), naming it."""
        said = self._running(tr("“{work}” is under way in the Sync panel: one piece of work "
                                "at a time; try again once it is done."))
        if said:
            self.merge_said.warning(title, said)
        return bool(said)

    def _own(self) -> Path | None:
        """The dock's file where it is a GeoPackage, else None."""
        return None if masters.is_postgres(self.master) else Path(self.master)

    def set_master(self, master) -> None:
        if str(master) != str(self.master):  # what was said was of the file open before
            self.report.clear()
            drop_conflicts_warning(self.iface)
            self.merge_said.drop()
            self.report_button.setEnabled(False)
            self._offer_again([])
            # its panels from the top: another file's show other boxes, or none above
            self.widget().verticalScrollBar().setValue(0)
        self.master = master
        own = self._own()
        package = masters.is_field_package(self.master)
        # a file by its name (a path does not wrap in the narrow dock), whole in its tooltip
        self.master_label.setText((tr("Field package: {path}") if package else
                                   tr("Master: {path}")).format(
                                       path=master_named(master, short=own is not None)))
        self.master_label.setToolTip(master_named(master))
        for box in self.master_boxes:
            box.setVisible(not package)
        if package:  # its changes waiting, to export
            self.choose_package(str(master))
        self.township.clear()
        layer = self._layer("townships")
        for shown_as, name in _township_choices(layer, user_language()):
            self.township.addItem(shown_as, name)  # (a package is cut by the Chinese name)
        self.refresh_merges()
        self.columns_look.follow(master)

    def show_report(self):
        """The last report (a merge's, a pull's) in a dialog of its own, wide enough to
        read."""
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = MergeReportDialog(self.report.toHtml(), self.iface.mainWindow())
        self.report_dialog.finished.connect(self._report_closed)
        self.report_dialog.show()
        return self.report_dialog

    def _report_in_sight(self) -> None:
        """The dock scrolled to the report: below the fold of a short screen, what the work
        did would else leave the dock looking as before the click."""
        area = self.widget()
        area.widget().layout().activate()  # (a button shown with it placed)
        # its top at the top of the view (as far as the scroll goes): what it says first
        area.verticalScrollBar().setValue(self.report.mapTo(area.widget(), QPoint(0, 0)).y())

    def _report_closed(self, _result=0):
        self.report_dialog = None

    def run(self, description: str, work, on_result, said_too=None, failed=None,
            cancelled: str | None = None, not_done: str | None = None) -> CoreTask:
        """``work`` in the background, ``on_result`` given what it returned; where it
        fails, its error is said, after what ``said_too()`` gives (lines of what it did
        before it failed), under ``not_done`` (what did not happen; else the work's
        ``description``), then ``failed()`` is called; ``cancelled``, what a Cancel says
        however early it is pressed."""
        task = CoreTask(description, work, cancelled=cancelled)
        self.task = task
        self._busy(True)
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        task.held.connect(self._held)
        self.waits = []
        # what the work before said is over: this work said under the progress bar (the
        # last merge's way to what it kept out with it)
        self.report.setHtml(self._working())
        self._offer_again([])

        def done(result, error):
            self.task = None  # (before the buttons are offered again)
            self._busy(False)
            self.waits = []
            self.report.clear()  # (said while it worked only)
            if error:
                before = (said_too() if said_too is not None else []) + \
                    [in_user_language(note) for note in task.notes]
                # the work named before its error with the language's colon (：in Chinese)
                title = not_done or description
                said = tr("{work}: {error}").format(work=f"<b>{html.escape(title)}</b>",
                                                    error=html.escape(error))
                self.report.setHtml("".join(paragraph(line) for line in before)
                                    + f"<p>{said}</p>")
                push = self.iface.messageBar().pushInfo if task.cancelled_by_user else \
                    self.iface.messageBar().pushCritical
                push(title, sentences([error, *before]))
                if failed is not None:
                    failed()
            else:
                on_result(result)
        task.done.connect(done)
        QgsApplication.taskManager().addTask(task)
        return task

    def _held(self, text: str) -> None:
        """Who holds the lock the work waits for, said under the progress bar while it
        waits (each session once)."""
        if self.task is None:
            return
        self.waits.append(in_user_language(text))
        self.report.setHtml(self._working() + "".join(
            f'<p style="color:{WAITING}">{html.escape(w)}</p>' for w in self.waits))

    def _working(self) -> str:
        """The work running now, named."""
        return f"<p><b>{html.escape(self.task.description())}</b>…</p>" \
            if self.task is not None else ""

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _busy(self, busy: bool):
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._offer_master()
        self._offer_package()

    def _on_bar(self, title: str, done: str, warnings: list[str]) -> None:
        """What a piece of work did, said on QGIS's message bar too (the report may be below
        the fold of a tall dock): a warning, what went wrong first, where the report holds
        warnings; else done, as info. Until closed, not taken off after a few seconds (the
        user may have turned away while it ran), but taken off once another file opens."""
        if warnings:
            self.merge_said.warning(title, sentences([*warnings, done]))
        else:
            self.merge_said.info(title, done, stays=True)

    def _layer(self, table: str):
        return next(iter(layers_of(self.master, table)), None)


class _Scrolled(QScrollArea):
    """The dock's panels, scrolled up and down where they are taller than the screen (QGIS's
    window keeps its size), never sideways: the dock is as wide as they need."""

    def __init__(self, body: QWidget):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidget(body)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.widget().minimumSizeHint().width()
                     + self.verticalScrollBar().sizeHint().width(),
                     super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        # as wide as the panels ask (a drop-down narrowed to its least asks for its
        # longest choice whole), their scroll bar beside them
        return QSize(self.widget().sizeHint().width()
                     + self.verticalScrollBar().sizeHint().width(),
                     super().sizeHint().height())


def _unfollow(added, layers: LayerHandlers) -> None:
    """The project's layersAdded connection ``added`` undone (once), ``layers`` let go."""
    with contextlib.suppress(TypeError, RuntimeError):  # (undone already)
        QgsProject.instance().layersAdded.disconnect(added)
    layers.close()
