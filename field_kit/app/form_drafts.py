# SPDX-License-Identifier: GPL-2.0-or-later
"""Every edit kept as a draft in the package, or where it cannot be, in a rescue file
outside it; a draft brought back, said, and thrown away on Discard."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import replace

from ..forms import drafts
from ..sync import changelog
from . import failures, i18n
from .form_part import FormPart

IN_PACKAGE = "package"  # where _keep_draft kept the values: as the package's draft


def as_new(kept: drafts.Draft) -> drafts.Draft:
    """A draft of a record no longer in the package (deleted in the master, its deletion
    pulled) as a new record of its subject: everything the screen held, typed or not (the
    record it corrected is gone, not its values), but the photos it took off that record."""
    values = {k: v for k, v in kept.values.items() if k != drafts.BASE}
    return replace(kept, values={**values, "uuid": None, drafts.REMOVED: []})


class FormDrafts(FormPart):
    """The form's draft and rescue file, its banner and Discard (a part of FormWidget)."""

    def restored(self, kept: drafts.Draft, clashes: list[str], said: str) -> None:
        """Say a draft came back, naming the fields changed in the record since that the
        draft changed too (the draft's value is on the screen, the record's in the text)."""
        text = i18n.tr(said, self.lang, time=changelog.local_time(kept.updated_at, "%m-%d %H:%M"))
        if clashes:
            text += " " + i18n.tr("draft_clashes", self.lang, fields="; ".join(
                f"{self.form.field(c).label(self.lang)}: {self.base.get(c) or '—'}"
                for c in clashes))
        if self.photos.gone:
            text += " " + self._gone_text()
        self._banner(text, draft=True)

    def carry(self, kept: dict) -> str | None:
        """Show and keep the values of the form this one replaces (they were kept nowhere
        but on its screen): the package opened again after it was gone. Return where they
        are kept, as :meth:`_keep_draft` does."""
        shown, _ = drafts.rebase(kept, self.base)
        self.set_state(shown)
        self._refresh()
        return self._keep_draft()

    def draft_state(self) -> dict:
        """What a draft keeps: the screen, the record as the form found it, and what was
        typed in fields the role may no longer change."""
        held = {drafts.STRANDED: self.stranded} if self.stranded else {}
        return {**self.state(), drafts.BASE: self.base, **held}

    @property
    def package_path(self) -> str | None:
        """The GeoPackage's file (None for an in-memory database)."""
        try:
            row = self.conn.execute("PRAGMA database_list").fetchone()
        except sqlite3.Error:
            return None
        return row[2] or None if row else None

    def package_missing(self) -> bool:
        path = self.package_path
        return bool(path) and not os.path.exists(path or "")

    def rescue(self) -> str | None:
        """Keep the form's values in a rescue file outside the package; return its path.
        Not written, the values are kept nowhere from now on (closing the form asks)."""
        if not self.package_path:
            return None
        try:
            where = str(drafts.write_rescue(self.package_path, self.form.form_id,
                                            self.draft_state(), self.subject_uuid,
                                            self._identity))
        except OSError as exc:
            self.rescue_failure = exc  # (the banner says why: full, or read-only)
            self.kept_nowhere = True
            self._banner(self._kept_nowhere_text(), draft=True)
            return None
        self.kept_nowhere = False
        return where

    def _keep_draft(self) -> str | None:
        """Keep the form's values: as the package's draft, or else in a rescue file. Return
        where: IN_PACKAGE, the rescue file's path, or None (only on the screen)."""
        # a package deleted or unplugged while open still takes writes (the open file lives
        # on until closed) and would lose them: keep the values outside it instead
        if self.package_missing():
            where = self.rescue()
            self.kept_nowhere = where is None
            self._banner(i18n.tr("draft_rescued", self.lang, path=where) if where else
                         self._kept_nowhere_text(), draft=True)
            return where
        try:
            new = self.draft_id is None
            self.draft_id = drafts.save_draft(self.conn, self.form.form_id, self.draft_state(),
                                              self.subject_uuid, self.draft_id)
            if new:
                self.drafts_changed.emit(self.subject_uuid or "")
        except (RuntimeError, sqlite3.Error, OSError) as exc:  # full disk, QGIS's transaction
            had = self.package_path and drafts.read_rescue(
                self.package_path, self.form.form_id, self.subject_uuid, self.record_uuid,
                self._identity)
            where = self.rescue()
            if where and not had:  # marked in the lists from now on
                self.drafts_changed.emit(self.subject_uuid or "")
            text = failures.explain(exc, self.lang).split("\n")[0]
            if where:
                text += " " + i18n.tr("draft_rescued", self.lang, path=where)
            else:  # the rescue folder's disk is full too: the values are only on the screen
                text += " " + self._kept_nowhere_text()
            self.kept_nowhere = where is None
            self._banner(text, draft=True)
            return where
        self.kept_nowhere = False
        if self._forget_rescue() is not None:  # no longer marked as in a rescue file
            self.drafts_changed.emit(self.subject_uuid or "")
        self._banner(i18n.tr("draft_kept", self.lang), draft=True)
        return IN_PACKAGE

    def _forget_rescue(self) -> dict | None:
        """The form's values are in the package (or thrown away): its rescue file goes.
        Returns what it held (a delete keeps it for Undo delete)."""
        if not self.package_path:
            return None
        return drafts.forget_rescue(self.package_path, self.form.form_id, self.subject_uuid,
                                    self.record_uuid, self._identity)

    def _kept_said(self, where: str | None) -> str:
        """What a failed save's box ends with: where what was typed is kept, or that it is
        kept nowhere but in the form, which must then stay open (and what to do)."""
        if where == IN_PACKAGE:
            return i18n.tr("kept_as_draft", self.lang)
        if where:
            return i18n.tr("kept_in_rescue", self.lang, path=where)
        read_only = failures.not_writable(self.rescue_failure)
        return i18n.tr("kept_nothing_read_only" if read_only else "kept_nothing", self.lang)

    def _kept_nowhere_text(self) -> str:
        """Values only on the screen, with what to do about the rescue folder's cause: room
        on a full disk, the write protection of a read-only one."""
        read_only = failures.not_writable(self.rescue_failure)
        return i18n.tr("kept_nowhere_read_only" if read_only else "kept_nowhere", self.lang)

    def _banner(self, text: str, draft: bool = False, held: bool = False) -> None:
        """``draft``: values not saved yet (marked ✎, Discard offered); ``held``: the record
        is saved, only typed text that cannot be saved waits in its note (marked ⚠)."""
        # a long path (a rescue file's) may break after its separators: unbroken, it would
        # widen the form past its panel; the tooltip has it whole
        shown = re.sub(r"\S{40,}", lambda m: re.sub(r"([/\\_.-])", "\\1\u200b", m[0]), text)
        self.banner.setText(("✎ " if draft else "⚠ " if held else "") + shown)
        self.banner.setToolTip(text if shown != text else "")
        self.discard_button.setEnabled(draft)

    def _discard_clicked(self) -> None:
        # a slot of its own: clicked() would pass its "checked" (False) as ``confirm``
        self.discard_draft()

    def discard_draft(self, confirm: bool = True) -> bool:
        """Throw the draft away, after asking; False when the technician said no."""
        changed = self.draft_id or self.photos.pending or self.removed_photos
        unsaved = len(self.photos.pending) + len(self.photos.gone)
        if confirm and changed and not failures.ask(
                self, i18n.tr("discard_draft", self.lang),
                i18n.tr("discard_confirm", self.lang) + self._stranded_lost()
                + (i18n.tr("discard_photos", self.lang, n=unsaved) if unsaved else "")):
            return False
        self.stranded = {}
        self._show_stranded()
        self._forget_rescue()
        if self.draft_id:
            drafts.discard_draft(self.conn, self.draft_id)
            self.draft_id = None
            self.drafts_changed.emit(self.subject_uuid or "")
        self.photos.pending = []
        self.kept_nowhere = False
        self._touched, self._tried = set(), False  # back as it was opened
        self.set_state(self.initial)
        if self.record_uuid is None and self.position_provider and not self._position_locked():
            self._follow()
        self._banner(i18n.tr("draft_kept", self.lang))
        return True
