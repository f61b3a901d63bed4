# SPDX-License-Identifier: GPL-2.0-or-later
"""The form's photos: the saved ones shown, the ones added queued until Save, their
files followed (a card taken out and put back)."""

from __future__ import annotations

import os

from .. import forms
from . import failures, i18n
from .form_part import FormPart


class FormPhotos(FormPart):
    """The record's photos, saved and queued (a part of FormWidget)."""

    def _show_saved_photos(self) -> None:
        rows = (forms.list_photos(self.conn, self.form.table, self.record_uuid)
                if self.record_uuid else [])
        self._saved_photo_ids = {r["uuid"] for r in rows}
        self.photos.set_saved([(r, forms.photo_data(self.conn, r["sha256"])) for r in rows
                               if r["uuid"] not in self.removed_photos])

    def add_photos(self, paths) -> None:
        infos = self.photos.add_files(paths)
        empty = not any(self.values().get(c) for c in ("position_lon", "position_lat"))
        where = next(((i.lon, i.lat) for i in infos if i.lon is not None and i.lat is not None),
                     None)
        if empty and where is not None:  # the photo knows where it was taken: use it,
            self.position.follow(False)  # and no live fix moves it from there
            self.position.fill(where[0], where[1], None)

    def _refused(self, paths: list) -> None:
        names = "\n".join(os.path.basename(p) for p in paths)
        failures.show(self, i18n.tr("add_photo", self.lang),
                      i18n.tr("not_a_photo", self.lang, names=names))

    def _cut_short(self, paths: list) -> None:
        names = "\n".join(os.path.basename(p) for p in paths)
        failures.show(self, i18n.tr("add_photo", self.lang),
                      i18n.tr("photo_cut_short", self.lang, names=names))

    def _same(self, pairs: list) -> None:
        failures.show(self, i18n.tr("add_photo", self.lang), i18n.tr(
            "same_photo", self.lang, names="\n".join(
                f"{os.path.basename(path)} = {other}" for path, other in pairs)))

    def _gone_text(self) -> str:
        return i18n.tr("photo_gone", self.lang, names=", ".join(
            os.path.basename(p) for p in self.photos.gone))

    def _missing(self, paths: list) -> None:
        # said on the form, not in a box: a draft reopened is not the moment to stop
        self._banner(self._gone_text(), draft=True)

    def _look_at_photo_files(self) -> None:
        if self.isVisible():  # (a form on its way out follows nothing)
            self._follow_photo_files()

    def _follow_photo_files(self) -> list[str]:
        """Follow the queued photos' files: what is counted and saved is what is there,
        one gone said (:meth:`_missing`), one back said and counted again. Returns the
        files gone now."""
        if self._loading:
            return []
        went, back = self.photos.follow_files()
        if back:
            self._banner(self._gone_text() if self.photos.gone else i18n.tr(
                "photo_back", self.lang, names=", ".join(os.path.basename(p) for p in back)),
                draft=True)
        return went

    def _photos_changed(self) -> None:
        if not self._loading:
            self._on_edit()

    def _remove_saved(self, photo_uuid: str) -> None:
        # taken off at Save, with the record's other edits; Discard puts it back
        if photo_uuid not in self.removed_photos:
            self.removed_photos.append(photo_uuid)
        self._show_saved_photos()
        self._on_edit()
