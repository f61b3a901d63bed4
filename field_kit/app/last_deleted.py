# SPDX-License-Identifier: GPL-2.0-or-later
"""The record deleted last while the app is open, kept for Undo delete wherever the
technician is then: on its own patch or on another, its form closed, the package opened
again. It goes back to its own patch or project, or it is said by name why it cannot."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from .. import forms
from ..forms import drafts
from . import i18n


@dataclass(frozen=True)
class LastDeleted:
    kept: forms.Kept  # the record and its photos' rows, as they were
    form: forms.Form
    kind: str  # its subject's kind (a patch, a project): where it goes back
    subject: str  # its patch's or project's uuid
    code: str  # its patch's or project's code, as the technician knows it
    time: str  # when it was deleted (HH:MM)
    package: str  # the identity of the package it was deleted from

    @classmethod
    def of(cls, kept: forms.Kept, form: forms.Form, kind: str, code: str,
           conn: sqlite3.Connection, path) -> LastDeleted:
        return cls(kept, form, kind, kept.record.get(form.subject_column) or "", code,
                   datetime.now().strftime("%H:%M"), drafts.package_identity(conn, path))

    def named(self, lang: str | None = None) -> str:
        """"the Legacy mine patch verification of CT…001 deleted at 10:23"."""
        return i18n.tr("deleted_named", lang, form=self.form.title(lang or i18n.language()),
                       subject=self.code or self.subject, time=self.time)

    def why_not(self, conn: sqlite3.Connection, path, lang: str | None = None) -> str | None:
        """Why it cannot go back into the package open now (by name), or None when it can."""
        if drafts.package_identity(conn, path) != self.package:
            return i18n.tr("undo_other_package", lang, record=self.named(lang), path=path)
        found = forms.not_restorable(conn, self.form, self.kept)
        if found is None:
            return None
        reason, columns = found
        return i18n.tr(f"undo_no_{reason}", lang, record=self.named(lang),
                       subject=self.code or self.subject, columns=", ".join(columns),
                       n=len(columns))
