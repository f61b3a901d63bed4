# SPDX-License-Identifier: GPL-2.0-or-later
"""What the package's role may change of the record shown (the master's grants), and
what a draft holds typed in fields it may no longer change: shown in its note, never
saved."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial

from PyQt5.QtWidgets import QPushButton

from .. import forms
from ..forms import PHOTOS, POSITION, drafts
from ..sync import registry
from . import failures, i18n
from .editors import field_label
from .form_part import FormPart
from .grants_changed import field_columns


class FormGrants(FormPart):
    """The form's grants and its note of what cannot be saved (a part of FormWidget)."""

    def _access(self) -> None:
        """What the package's role may change of this record, by the master's grants (the
        merge refuses the rest): ``locked`` the fields it may not, ``may_add`` new records
        (and deleting them: only with the whole table), ``may_photos`` adding and taking off
        photos, ``read_only`` nothing of the record shown."""
        allowed = self.grants[1] if self.grants else None
        granted = set() if allowed is None else set(allowed.get(self.form.table, ()))
        whole = allowed is None or "*" in granted
        self.may_add = whole
        self.may_photos = allowed is None or "*" in allowed.get("photos", ())
        self.read_only = not whole and (not granted or self.record_uuid is None)
        self.locked: set[str] = set()
        for f in self.form.fields:
            if f.widget == PHOTOS:
                if self.read_only or not self.may_photos:
                    self.locked.add(f.name)
            elif self.read_only or registry.may_write(allowed, self.form.table, field_columns(f)):
                self.locked.add(f.name)

    def _locked_columns(self) -> set[str]:
        return {c for f in self.form.fields if f.name in self.locked and f.widget != PHOTOS
                for c in field_columns(f)}

    def _position_locked(self) -> bool:
        return any(f.widget == POSITION and f.name in self.locked for f in self.form.fields)

    def grants_said(self) -> str:
        """Why fields or the whole record cannot be changed here, naming them and what to
        do; empty when the role may change all of it."""
        if not self.grants or not (self.locked or not self.may_add):
            return ""
        role = i18n.role_name(self.grants[0], self.lang)
        title = self.form.title(self.lang)
        granted = self.grants[1].get(self.form.table) or set()
        if not granted:
            text = i18n.tr("grant_none", self.lang, role=role, table=title)
        elif self.read_only:  # a new record of a table granted by columns
            text = i18n.tr("grant_no_new", self.lang, role=role, table=title,
                           fields=self._fields_said(f for f in self.form.fields
                                                    if f.widget != PHOTOS and set(f.columns)
                                                    <= granted))
        else:
            text = ""
            if any(f.name in self.locked for f in self.form.fields if f.widget != PHOTOS):
                text = i18n.tr("grant_columns", self.lang, role=role, table=title,
                               fields=self._fields_said(
                                   f for f in self.form.fields if f.widget != PHOTOS
                                   and f.name not in self.locked))
            elif not self.may_add:
                text = i18n.tr("grant_no_add", self.lang, role=role, table=title)
        if not self.read_only and not self.may_photos and granted:
            text = (text + " " if text else "") + i18n.tr("grant_photos", self.lang, role=role)
        return ("⚠ " + text + " " + i18n.tr("grant_ask", self.lang)) if text else ""

    def _fields_said(self, fields) -> str:
        sep = "、" if self.lang == i18n.ZH else ", "
        return sep.join(field_label(f, self.lang) for f in fields if not f.hidden) or "—"

    def _apply_access(self) -> None:
        """Fields the role may not change shown read-only, Save, New and Delete offered
        only where the merge would take what they do, and the sentence saying why."""
        for ed in self.editors.values():
            if ed.field.name in self.locked:
                ed.setEnabled(False)
                ed.setToolTip(self.grants_said())
        if self._position_locked() and hasattr(self, "position"):
            for b in (self.position.keep_button, self.position.gnss,
                      self.position.average_button):
                b.setEnabled(False)
        photos = next((f for f in self.form.fields if f.widget == PHOTOS), None)
        if photos is not None and photos.name in self.locked:
            for button in self.photos.findChildren(QPushButton):
                button.setEnabled(False)
        self.new_button.setEnabled(self.may_add)
        if self.record_uuid is not None:
            self.delete_button.setEnabled(self.may_add and (
                self.may_photos or not forms.list_photos(self.conn, self.form.table,
                                                         self.record_uuid)))
        said = self.grants_said()
        self.grant_note.setText(said)
        self.grant_note.setVisible(bool(said))

    def _hold_stranded(self, kept: dict, shown: dict) -> dict:
        """Hold what the draft ``kept`` has typed in fields now locked (shown in its note,
        the field showing the record's value); what it held of fields given back since
        is typed in them again. Returns the values to show."""
        locked = self._locked_columns()
        self.stranded = drafts.stranded(kept, self.base, locked)
        back = {k: v for k, v in drafts.unstranded(kept, locked).items()
                if shown.get(k) == self.base.get(k)}
        if self._photos_locked():  # photos added or taken off that can no longer be: held
            for key in (drafts.PHOTOS, drafts.REMOVED):  # (not queued, nor taken off at Save)
                held = drafts.stranded_photos(kept, key)
                if key == drafts.REMOVED:  # a photo the record no longer has: nothing to hold
                    held = [u for u in held if u in self._saved_photo_ids]
                if held:
                    self.stranded[key] = held
                back[key] = []
        self._show_stranded()
        return {**shown, **back}

    def _photos_locked(self) -> bool:
        return any(f.widget == PHOTOS and f.name in self.locked for f in self.form.fields)

    def _show_stranded(self) -> None:
        photos = self.stranded.get(drafts.PHOTOS) or []
        off = self._taken_off()
        said = photos + [i18n.tr("stranded_taken_off", self.lang, name=name)
                         for name, _ in off]
        self.stranded_note.show_held([
            (field_label(f, self.lang), said if f.widget == PHOTOS else
             [self.stranded[c] for c in f.columns if c in self.stranded])
            for f in self.form.fields if (said if f.widget == PHOTOS else
                                          any(c in self.stranded for c in f.columns))],
            photos=photos, stored=off)

    def _taken_off(self) -> list[tuple[str, Callable[[], bytes | None]]]:
        """The record's photos whose taking off is held: each its file name and what
        reads its picture from the package (for the note to copy it)."""
        held = self.stranded.get(drafts.REMOVED) or []
        rows = forms.list_photos(self.conn, self.form.table, self.record_uuid) \
            if held and self.record_uuid else []
        return [(os.path.basename(r.get("file_name") or "") or r["uuid"],
                 partial(forms.photo_data, self.conn, r["sha256"]))
                for r in rows if r["uuid"] in held]

    def _stranded_fields(self) -> str:
        return self.stranded_note.fields()

    def _stranded_lost(self) -> str:
        """Said in the question of what throws the draft away: what it holds that cannot
        be saved goes too."""
        return i18n.tr("discard_stranded", self.lang, fields=self._stranded_fields()) \
            if self.stranded else ""

    def _stranded_waiting(self) -> str:
        return i18n.tr("stranded_waiting", self.lang, fields=self._stranded_fields())

    def _forget_stranded(self) -> None:
        """Throw away, after asking, what was typed and cannot be saved; the draft goes too
        when it held nothing else."""
        if not self.stranded or not failures.ask(
                self, i18n.tr("stranded_forget", self.lang),
                i18n.tr("stranded_forget_confirm", self.lang, fields=self._stranded_fields())):
            return
        self.stranded = {}
        self._show_stranded()
        if self.draft_id and self.state() == self.base:
            self.discard_draft(confirm=False)
        elif self.draft_id:
            self._keep_draft()
