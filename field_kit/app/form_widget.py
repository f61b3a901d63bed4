# SPDX-License-Identifier: GPL-2.0-or-later
"""A form rendered from its definition in ``field_kit.forms``: the field app's side panel,
and the widget the QGIS plugin reuses, so a rule is written once and shown the same way.

Every edit is checked at once (``forms.validate``) and its problems are shown next to their
fields; errors block the save, warnings do not. A new record's required field still empty is
marked (*) and counted quietly until it is edited, or gone through with Tab or a click, or
a save is tried: a form just opened is not a list of faults of the technician's. Every edit
is also kept as a draft in the GeoPackage (``drafts.save_draft``, committed before the edit
returns), and a draft is brought back when the same form is opened again for the same patch
or project.
"""

from __future__ import annotations

import errno
import sqlite3
import uuid as uuidlib
from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PyQt5.QtCore import QTimer, pyqtSignal
from PyQt5.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import forms
from ..db import connect, quote, transaction
from ..forms import DATE, PHOTOS, Form, Problem, drafts
from ..plan.geometry import register_functions
from . import failures, i18n, settings
from .editors import (
    AreaEditor,
    DateEditor,
    Editor,
    FittedLabel,
    PositionEditor,
    field_label,
    make_editor,
)
from .fix_watch import SILENT_S
from .form_checks import ERROR_STYLE, WARNING_STYLE, FormChecks, LeftBy
from .form_drafts import FormDrafts, as_new
from .form_grants import FormGrants
from .form_photos import FormPhotos
from .form_position import FormPosition
from .form_records import FormRecords, SubjectLabel
from .photos import PhotoStrip, prepare
from .stranded import StrandedNote
from .sync_actions import role_grants

PositionProvider = Callable[[], "tuple[float, float, float | None] | None"]


class FormWidget(FormGrants, FormRecords, FormDrafts, FormChecks, FormPhotos,
                 FormPosition, QWidget):
    """``FormWidget(gpkg, form, uuid)``: ``gpkg`` a path or an open sqlite3 connection,
    ``form`` a ``forms.Form`` (or its form_id or table), ``uuid`` a subject's uuid (a patch
    or project: its draft, latest record or a new one) or a saved record's uuid (to edit
    it). ``live``: the owner calls ``on_fix`` with every fix (else the provider is polled
    while the position follows the technician), and ``fix_lost`` when its fix is no longer
    live, with why (an i18n key and its arguments; ``fix_lost`` too when opened so)."""

    saved = pyqtSignal(str)  # the record's uuid, after it is written or deleted
    problems_changed = pyqtSignal(list)  # every forms.Problem, after each edit
    drafts_changed = pyqtSignal(str)  # the subject's uuid, after a draft is kept or dropped
    # the record a delete kept for Undo delete (a forms.Kept), None once it is back
    undoable_changed = pyqtSignal(object)

    def __init__(self, gpkg, form: Form | str, uuid: str, *, language: str | None = None,
                 position_provider: PositionProvider | None = None, today: date | None = None,
                 live: bool = False, undoable: forms.Kept | None = None,
                 fix_lost: tuple[str, dict] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._own_conn = not isinstance(gpkg, sqlite3.Connection)
        self.conn = connect(gpkg) if self._own_conn else gpkg
        if not self._own_conn:  # the caller's connection: geometry edits need these
            register_functions(self.conn)
        self.form = form if isinstance(form, Form) else (forms.FORMS.get(form)
                                                          or forms.BY_TABLE[form])
        self.lang = language or i18n.language()
        self.position_provider = position_provider
        self.today = today
        self.problems: list[Problem] = []
        self.shown: list[Problem] = []  # the problems said at their fields
        self._touched: set[str] = set()  # fields edited since the record was shown
        self._tried = False  # a save was tried: every value still missing is said
        self.draft_id: str | None = None
        self._live = live  # the owner pushes every fix to on_fix (the field app)
        self._averaging: list | None = None
        self._lost = fix_lost  # why there is no live fix (the owner says), None while there is
        # without pushed fixes (the QGIS plugin), following asks the provider every 2 s
        self._poll = QTimer(self, interval=2000, timeout=self._poll_fix)
        # the files of the photos queued, followed: a card taken out, and put back
        self._files = QTimer(self, interval=2000, timeout=self._look_at_photo_files)
        self._loading = True
        self.base: dict = {}  # the record as the form found it, in the form's terms
        self.removed_photos: list[str] = []  # saved photos taken off at the next Save
        self.kept_nowhere = False  # edits neither the package nor a rescue file could take
        # typed in fields the role may no longer change: kept by the draft, said, not saved
        self.stranded: dict = {}
        self.rescue_failure: OSError | None = None  # why the last rescue file was not written
        self._identity: str | None = None  # the package's, for its rescue files
        self._saved_photo_ids: set[str] = set()
        # the record last deleted here, as it was: Undo delete (Ctrl+Z) puts it back (the
        # owner may give one deleted on this subject before the form was opened again)
        self.undoable: forms.Kept | None = undoable
        self._body: QWidget | None = None
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self.open(uuid)
        self._files.start()

    # --- loading --------------------------------------------------------------------------

    def open(self, uuid: str, new: bool = False) -> None:
        """Show a record with its draft if one was kept. For a subject (a patch or project):
        the record its newest draft edits, else its latest saved record, else a new one;
        ``new`` starts a new record for the subject on purpose."""
        self.ctx = forms.form_context(self.conn, self.form, uuid, self.today)
        self.base, self.stranded = {}, {}
        self.grants = role_grants(self.conn)  # (a pull may have changed them since)
        orphan = None  # the newest draft, of a record no longer here
        if self.ctx.record is None and not new:
            kept = drafts.load_drafts(self.conn, self.form.form_id, uuid)
            saved = forms.list_records(self.conn, self.form, uuid)
            pick = (kept[0].values.get("uuid") if kept else
                    saved[0]["uuid"] if saved else None)
            if pick and any(r["uuid"] == pick for r in saved):
                self.ctx = forms.form_context(self.conn, self.form, pick, self.today)
            elif pick:  # a pull brought the record's deletion in the master
                orphan = kept[0]
        rec = self.ctx.record
        self.record_uuid = rec["uuid"] if rec else None
        self._touched, self._tried = set(), False
        self.subject_uuid = (rec or {}).get(self.form.subject_column) if rec else uuid
        self._access()
        self.initial = forms.initial_values(self.form, self.ctx)
        if orphan is not None:
            draft: drafts.Draft | None = as_new(orphan)
        else:
            draft = next((d for d in drafts.load_drafts(self.conn, self.form.form_id,
                                                        self.subject_uuid)
                          if d.values.get("uuid") == self.record_uuid), None)
        self.draft_id = draft.draft_id if draft else None
        if self.package_path and self._identity is None:
            self._identity = drafts.package_identity(self.conn, self.package_path)
        rescued = self.package_path and drafts.read_rescue(
            self.package_path, self.form.form_id, self.subject_uuid, self.record_uuid,
            self._identity)
        saved_already = bool(rescued and rescued.saved_as and self.record_uuid is None
                             and self.conn.execute(
                                 f"SELECT 1 FROM {quote(self.form.table)} WHERE uuid = ?",
                                 (rescued.saved_as,)).fetchone())
        if saved_already:  # a save cut short before its rescue file went
            self._forget_rescue()
            rescued = None
        self._build()
        self.photos.pending = []
        self.set_state(self.initial)
        self.base = self.state()  # the record as saved, in the form's terms
        back = rescued or draft
        shown, clashes = drafts.rebase(back.values, self.base) if back else (self.initial, [])
        if back:
            shown = self._hold_stranded(back.values, shown)
            self.set_state(shown)
        unplaced = self.record_uuid is None and not any(
            shown.get(c) for c in ("position_lon", "position_lat"))
        if self.position_provider and (shown.get("_follow") or unplaced) and \
                not self._position_locked():
            # a new record starts where the technician stands and follows them until they
            # keep a position; following is not an edit, so browsing leaves no draft
            self._follow()
        if back and back is draft and orphan is not None:  # said whole: the record is gone
            self._on_edit()  # (kept at once as the new record's draft)
            self._banner(i18n.tr("draft_of_gone", self.lang,
                                 record=orphan.values.get("uuid")), draft=True)
        elif back and drafts.holds_only_stranded(back.values) and self.stranded:
            self._banner(self._stranded_waiting(), held=True)  # nothing unsaved but that
        elif back:
            self.restored(back, clashes, "rescue_restored" if rescued else "draft_restored")
        elif saved_already:
            self._banner(i18n.tr("rescue_saved_already", self.lang))

    def _build(self) -> None:
        if self._body is not None:  # gone at once, not only when the event loop next runs
            self._outer.removeWidget(self._body)
            self._body.hide()
            self._body.deleteLater()
        lang = self.lang
        self._body = body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(6, 6, 6, 6)
        # the form's head scrolls with its fields (on a 600-px screen, held in place, it
        # left room for one field); the verdict and Save stay in sight
        inner = QWidget()
        head = QVBoxLayout(inner)
        head.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>{self.form.title(lang)}</b>")
        title.setObjectName("formTitle")
        title.setWordWrap(True)
        head.addWidget(title)
        subject = SubjectLabel(self._subject_text())
        subject.setObjectName("formSubject")
        head.addWidget(subject)
        head.addLayout(self._records_box())
        self.grant_note = QLabel()
        self.grant_note.setObjectName("grants")
        self.grant_note.setWordWrap(True)
        self.grant_note.setStyleSheet(WARNING_STYLE)
        head.addWidget(self.grant_note)
        self.stranded_note = StrandedNote(lang)
        self.stranded_note.forget.connect(self._forget_stranded)
        head.addWidget(self.stranded_note)
        # (no draft is kept of a record the role may not change: nothing can be typed)
        self.banner = QLabel("" if self.read_only else i18n.tr("draft_kept", lang))
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        # there only while there is something to throw away
        self.discard_button = QPushButton(i18n.tr("discard_draft", lang))
        self.discard_button.setObjectName("discard")
        self.discard_button.clicked.connect(self._discard_clicked)
        self.discard_button.setEnabled(False)
        self.undo_button = QPushButton("↶ " + i18n.tr("undo_delete", lang))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.setToolTip(i18n.tr("undo_delete", lang) + " (Ctrl+Z)")
        self.undo_button.clicked.connect(self._undo_clicked)
        if self.undoable is None:  # (shown, a button of no parent yet would be a window)
            self.undo_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.banner, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.discard_button)
        head.addLayout(row)

        layout = QFormLayout()
        head.addLayout(layout)
        layout.setRowWrapPolicy(QFormLayout.WrapAllRows)  # labels above: narrow panels
        layout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.editors: dict[str, Editor] = {}
        self.problem_labels: dict[str, QLabel] = {}
        for f in self.form.fields:
            if f.hidden:
                continue
            label = QLabel(field_label(f, lang) + (" <span style='color:#b00020'>*</span>"
                                                   if f.required else ""))
            label.setToolTip(f.help(lang))
            if f.widget == PHOTOS:
                self.photos = PhotoStrip(lang)
                self.photos.changed.connect(self._photos_changed)
                self.photos.remove_saved.connect(self._remove_saved)
                self.photos.picked.connect(self.add_photos)
                self.photos.refused.connect(self._refused)
                self.photos.cut_short.connect(self._cut_short)
                self.photos.missing.connect(self._missing)
                self.photos.same.connect(self._same)
                layout.addRow(label, self.photos)
            else:
                ed = make_editor(f, lang)
                ed.setToolTip(f.help(lang))
                ed.edited.connect(partial(self._touch, f.name))
                ed.edited.connect(self._on_edit)
                LeftBy(ed, partial(self._left, f.name))
                self.editors[f.name] = ed
                layout.addRow(label, ed)
                if isinstance(ed, DateEditor) and self.ctx.clock_wrong:
                    # the device's today is wrong: no button to type it
                    ed.today_button.setEnabled(False)
                    ed.today_button.setToolTip(self.ctx.clock_wrong(lang))
                if f.widget == DATE and self.ctx.clock_wrong and self.record_uuid is None:
                    note = QLabel("⚠ " + self.ctx.clock_wrong(lang))  # why it is empty
                    note.setObjectName("clockWrong")
                    note.setWordWrap(True)
                    note.setStyleSheet(WARNING_STYLE)
                    layout.addRow(note)
                if isinstance(ed, AreaEditor):
                    layout.addRow(ed.hint)
                if isinstance(ed, PositionEditor):
                    self.position = ed
                    ed.use_gnss.connect(self.use_position)
                    ed.keep.connect(self.keep_position)
                    ed.average.connect(self.start_average)
                    ed.warn_m = settings.get(self.conn, "position_warn_accuracy_m")
                    ed.gnss.setEnabled(self.position_provider is not None)
                    ed.average_button.setEnabled(self._live)
                    ed.set_lost(self._lost_why())
                    layout.addRow(ed.note)
                    layout.addRow(ed.buttons)
            if f.help(lang):
                hint = QLabel(f.help(lang))
                hint.setObjectName("help")
                hint.setWordWrap(True)
                hint.setStyleSheet("color:#333")
                layout.addRow(hint)
            problem = FittedLabel()
            problem.hide()
            self.problem_labels[f.name] = problem
            layout.addRow(problem)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(inner)
        box.addWidget(scroll, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.linkActivated.connect(self.show_first_problem)
        self.save_button = QPushButton("✔ " + i18n.tr("save", lang))
        self.save_button.setObjectName("save")
        self.save_button.setMinimumHeight(44)
        self.save_button.setAutoDefault(True)  # Enter on it saves, as Space does
        self.save_button.clicked.connect(self._save_clicked)
        box.addWidget(self.summary)
        box.addWidget(self.save_button)
        self._outer.addWidget(body)
        self._apply_access()
        self._show_stranded()

    # --- values ---------------------------------------------------------------------------

    def state(self) -> dict:
        """What is on the screen, as typed: the draft's content."""
        out: dict = {"uuid": self.record_uuid}
        chosen = {}
        for ed in self.editors.values():
            st = ed.state()
            if "_unit" in st:
                chosen[ed.field.columns[0]] = st.pop("_unit")
            out.update(st)
        out["_units"] = chosen
        out[drafts.PHOTOS] = list(self.photos.pending) + list(self.photos.gone)
        out[drafts.REMOVED] = list(self.removed_photos)
        return out

    def set_state(self, state: dict) -> None:
        self._loading = True
        try:
            chosen = state.get("_units") or {}
            for ed in self.editors.values():
                # a field the role may not change shows the record's value, whatever a
                # draft made before the grant was taken back holds
                src = self.base if ed.field.name in self.locked and self.base else state
                unit = (src.get("_units") or {}).get(ed.field.columns[0]) if src is self.base \
                    else chosen.get(ed.field.columns[0])
                ed.set_state({**src, "_unit": unit})
            self.photos.pending, self.photos.gone = [], []
            self.removed_photos = list(state.get(drafts.REMOVED) or [])
            self._show_saved_photos()
            self.photos.add_files(state.get(drafts.PHOTOS) or [])
        finally:
            self._loading = False
        self._refresh()

    def values(self, stored: dict | None = None) -> dict:
        """The values to check and save: areas in their stored unit, hidden fields filled;
        a field left as it was gets the value ``stored`` (the record's values as the file
        holds them now; by default as it was opened)."""
        stored = self.initial if stored is None else stored
        out = {"uuid": self.record_uuid}
        for f in self.form.fields:
            if f.hidden:
                out.update({c: stored.get(c) for c in f.columns})
        for ed in self.editors.values():
            cols = ed.field.columns
            if self.record_uuid and (ed.field.name in self.locked
                                     or _as_found(ed.state(), self.base, cols)):
                # left as it was: the stored value exactly, not the text it is shown as (an
                # area in mu shown rounded would be written back changed)
                out.update({c: stored.get(c) for c in cols})
            else:
                out.update(ed.raw())
        return out

    def _stored_now(self) -> dict | None:
        """The record's values as the file holds them now (changed since the form opened:
        by the app's own Update, another program), or None for a new or gone record: a
        save writes back none of what the technician left as it was."""
        if self.record_uuid is None:
            return None
        now = forms.form_context(self.conn, self.form, self.record_uuid, self.today)
        return forms.initial_values(self.form, now) if now.record is not None else None

    def editor(self, name: str) -> Editor:
        return self.editors[self.form.field(name).name]

    def set_value(self, column: str, value, unit: str | None = None) -> None:
        """Set one column as if the user typed or picked it (for the plugin and tests)."""
        ed = self.editor(column)
        st = {**ed.state(), column: value}
        if unit:
            st["_unit"] = unit
        ed.set_state(st)
        ed.edited.emit()

    def _save_clicked(self) -> None:
        self.save()

    def save_by_key(self) -> None:
        """Ctrl+S: Save, or where errors stop it, the first field at fault shown and
        focused (the summary's link)."""
        self.save()

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> str | None:
        """Write the record and its pending photos; return its uuid, or None (errors shown)."""
        if self.read_only:  # (Save is off: said if it is asked all the same)
            failures.show(self, i18n.tr("save", self.lang), self.grants_said())
            return None
        if self._follow_photo_files():  # said first: saving now would leave them out
            return None
        self._tried = True  # every value still missing said now, where it is missing
        self._refresh()
        if forms.errors(self.problems):
            self.show_first_problem()
            return None
        if not self._old_fix_kept():
            return None
        try:
            if self.package_missing():
                raise FileNotFoundError(errno.ENOENT, "package missing", self.package_path)
            edge = settings.get(self.conn, "photo_long_edge_px")
            ready = [prepare(p, edge) for p in self.photos.pending]
            values = self.values(self._stored_now())
            if self.record_uuid is None:  # named before it is saved, in its rescue file too
                values["uuid"] = str(uuidlib.uuid4())
                if self.package_path:
                    drafts.mark_rescue(self.package_path, self.form.form_id,
                                       self.subject_uuid, values["uuid"], self._identity)
            # the record and its draft's removal in one transaction: cut short between the
            # two, the draft would come back as a new record and be saved a second time
            with transaction(self.conn, nested=True):
                uuid = forms.save_record(self.conn, self.form, values, photos=ready,
                                         context=self.ctx, removed=self.removed_photos,
                                         kept=self._locked_columns())
                if self.stranded:  # what cannot be saved stays, in a draft of its own
                    self.draft_id = self.draft_id or str(uuidlib.uuid4())
                    drafts.save_in_transaction(self.conn, self.draft_id, self.form.form_id,
                                               drafts.only_stranded(uuid, self.stranded),
                                               self.subject_uuid)
                elif self.draft_id:
                    drafts.discard_draft(self.conn, self.draft_id)
        except forms.FormError as exc:
            self.problems_changed.emit(exc.problems)
            return None
        except (sqlite3.Error, OSError, ValueError, OverflowError) as exc:
            # nothing was written (one transaction); what was typed stays in the form, and
            # is kept where it can be: the box says where, or that it is kept nowhere
            where = self._keep_draft()
            self.kept_nowhere = where is None  # as the box says: closing asks from now on
            text = i18n.tr("save_failed", self.lang) + " " + failures.explain(exc, self.lang)
            self.summary.setText("✖ " + text.split("\n")[0])
            self.summary.setStyleSheet(ERROR_STYLE)
            failures.show(self, i18n.tr("failed", self.lang),
                          text + "\n\n" + self._kept_said(where))
            return None
        self.draft_id = None
        self.kept_nowhere = False
        self._forget_rescue()
        self.open(uuid)
        said = i18n.tr("saved", self.lang, time=datetime.now().strftime("%H:%M"))
        if self.stranded:
            said += i18n.tr("saved_stranded", self.lang, fields=self._stranded_fields())
        self._banner(said, held=bool(self.stranded))
        # the field typed in gone with the form opened again, the focus goes to the record
        # saved in the list (left to Qt, it went to the window's first box: the search, its
        # text selected for the next key to replace)
        records = self.records
        QTimer.singleShot(0, lambda: records.setFocus() if self.records is records else None)
        self.saved.emit(uuid)
        return uuid

    def _old_fix_kept(self) -> bool:
        """Whether Save may go on: the boxes hold a dead fix older than a live one can be
        (a receiver gives one a second; silent for SILENT_S, it gives none) only when the
        technician, asked, keeps it; Cancel leaves the form open and unsaved."""
        position = getattr(self, "position", None)
        if position is None or not position.held() or (position.age or 0) < SILENT_S:
            return True
        if not failures.choose(
                self, i18n.tr("stale_fix_title", self.lang),
                i18n.tr("stale_fix_confirm", self.lang, why=self._lost_why(),
                        age=i18n.age_text(position.age or 0, self.lang)),
                i18n.tr("stale_fix_keep", self.lang), i18n.tr("cancel", self.lang)):
            return False
        self.keep_position()  # kept on purpose, as its button keeps it
        return True

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        st = self.state()
        self.lang = lang
        self._build()
        self.set_state(st)
        if self.kept_nowhere:  # still only on the screen: say it in the new language
            self._banner(self._kept_nowhere_text(), draft=True)
        elif self.photos.gone:  # still gone: said again, in the new language
            self._banner(self._gone_text(), draft=True)
        elif self.stranded and self.state() == self.base:  # the record saved as it is
            self._banner(self._stranded_waiting(), held=True)
        elif self.draft_id or self.photos.pending or self.removed_photos:
            self._banner(i18n.tr("draft_kept", self.lang), draft=True)

    def may_leave(self) -> bool:
        """Whether the form may go (another record opened, the window closed): asked first
        where its values are kept nowhere but on the screen."""
        return not self.kept_nowhere or failures.ask(
            self, i18n.tr("unkept_title", self.lang), i18n.tr("unkept_confirm", self.lang))

    def close_db(self) -> None:
        self._files.stop()
        if self._own_conn:
            self.conn.close()


def _as_found(state: dict, base: dict, cols) -> bool:
    """Whether an editor shows what it showed for the saved record, unit included."""
    if not base or not cols:
        return False
    unit = state.get("_unit")
    return all(state.get(c) == base.get(c) for c in cols) and (
        unit is None or unit == (base.get("_units") or {}).get(cols[0]))
