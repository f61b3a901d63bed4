# SPDX-License-Identifier: GPL-2.0-or-later
"""Every edit checked at once (``forms.validate``): problems shown next to their fields,
errors blocking the save; a new record's required field still empty said once it is
edited, gone through, or a save is tried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PyQt5.QtCore import QEvent, QObject, Qt
from PyQt5.QtWidgets import QApplication, QWidget

from .. import forms
from ..forms import ERROR, WARNING, Problem
from . import i18n
from .editors import ChoiceEditor
from .form_part import FormPart

ERROR_STYLE = "color:#b00020; background:#fde7ea; padding:4px; border-radius:3px; font-weight:bold"
WARNING_STYLE = "color:#6b4500; background:#fff1c2; padding:4px; border-radius:3px"
NEUTRAL_STYLE = "color:#333; padding:4px"


class FormChecks(FormPart):
    """Checking the values as they are edited (a part of FormWidget)."""

    def _context(self):
        gone = len(set(self.removed_photos) & self._saved_photo_ids)
        return replace(self.ctx, photo_count=self.ctx.photo_count + len(self.photos.pending)
                       - gone)

    def _refresh(self) -> None:
        for ed in self.editors.values():
            if isinstance(ed, ChoiceEditor):
                ed.offer(forms.choices(self.form, ed.field.name, self.values(), self._context()))
        self.problems = forms.validate(self.form, self.values(), self._context())
        # a new record's value still to be given, in a field not edited yet: said once a
        # save is tried (a saved record's gap is the record's, said at once)
        quiet = [] if self._tried or self.record_uuid is not None else [
            p for p in forms.missing(self.form, self.problems)
            if self.form.field(p.field).name not in self._touched]
        self.shown = [p for p in self.problems if p not in quiet]
        by_field: dict[str, list[Problem]] = {}
        for p in self.shown:
            by_field.setdefault(self.form.field(p.field).name, []).append(p)
        for name, label in self.problem_labels.items():
            found = by_field.get(name, [])
            label.setVisible(bool(found))
            if found:
                worst = ERROR if any(p.severity == ERROR for p in found) else WARNING
                label.setStyleSheet(ERROR_STYLE if worst == ERROR else WARNING_STYLE)
                label.setText("\n".join(("✖ " if p.severity == ERROR else "⚠ ")
                                        + p.message(self.lang) for p in found))
        n_err = len(forms.errors(self.shown))
        n_warn = len(self.shown) - n_err
        if self.read_only:  # nothing to mend here: the role may not save it (said above)
            self.summary.setText("⚠ " + i18n.tr("read_only_summary", self.lang))
            self.summary.setStyleSheet(WARNING_STYLE)
        elif n_err:  # on a small screen the fields at fault may be out of sight: a link
            more = i18n.tr("required_left_more", self.lang, n=len(quiet)) if quiet else ""
            self.summary.setText("✖ " + i18n.tr("errors_block", self.lang, n=n_err) + more
                                 + f" <a href='first'>{i18n.tr('show_first', self.lang)}</a>")
            self.summary.setStyleSheet(ERROR_STYLE)
        elif quiet:  # (Save says which, and where)
            self.summary.setText(i18n.tr("required_left", self.lang, n=len(quiet)))
            self.summary.setStyleSheet(NEUTRAL_STYLE)
        elif n_warn:
            self.summary.setText("⚠ " + i18n.tr("warnings_only", self.lang, n=n_warn))
            self.summary.setStyleSheet(WARNING_STYLE)
        else:
            self.summary.setText("✔ " + i18n.tr("all_ok", self.lang))
            self.summary.setStyleSheet("color:#0b5d1e; font-weight:bold; padding:4px")
        # (with values still missing unsaid, Save is how to have them said)
        self.save_button.setEnabled((not n_err or bool(quiet)) and not self.read_only)
        self.problems_changed.emit(list(self.problems))

    def show_first_problem(self, *_) -> None:
        """Scroll to the first field (in the form's order) an error stops, and focus it."""
        bad = {self.form.field(p.field).name for p in forms.errors(self.shown)}
        name = next((f.name for f in self.form.fields if f.name in bad), None)
        if name is None or name not in self.problem_labels:
            return
        self._scroll.ensureWidgetVisible(self.problem_labels[name], 0, 60)
        editor = self.editors.get(name)
        if editor is not None:
            editor.setFocus()

    def _touch(self, name: str) -> None:
        if not self._loading:
            self._touched.add(name)

    def _left(self, name: str) -> None:
        """The technician went through a field and on: left empty, it is said now."""
        if not self._loading and name not in self._touched:
            self._touched.add(name)
            self._refresh()

    def _on_edit(self) -> None:
        if self._loading:
            return
        self._refresh()
        self._keep_draft()


class LeftBy(QObject):
    """Calls ``left`` when the keyboard's focus leaves ``editor`` for another widget of its
    window, by Tab or a click (not for the editor's own drop-down list or calendar, nor
    another window)."""

    _AWAY = (Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.MouseFocusReason,
             Qt.ShortcutFocusReason)

    def __init__(self, editor: QWidget, left: Callable[[], None]):
        super().__init__(editor)
        self.editor, self.left = editor, left
        for w in [editor, *editor.findChildren(QWidget)]:
            w.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.FocusOut and event.reason() in self._AWAY:
            now = QApplication.focusWidget()
            if now is not None and now is not self.editor and \
                    not self.editor.isAncestorOf(now) and now.window() is self.editor.window():
                self.left()
        return False
