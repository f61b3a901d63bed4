# SPDX-License-Identifier: GPL-2.0-or-later
"""The form of the patch or project selected, in the side panel, and Undo delete of the record
deleted last, from wherever the technician is."""

from __future__ import annotations

from PyQt5.QtGui import QKeyEvent, QKeySequence

from .. import forms
from . import failures, i18n
from .form_widget import FormWidget
from .last_deleted import LastDeleted
from .patch_list import PATCH
from .window_part import WindowPart


class WindowForms(WindowPart):
    """The form open and Undo delete (a part of MainWindow)."""

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
