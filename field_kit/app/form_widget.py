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

import contextlib
import errno
import math
import os
import re
import sqlite3
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial

from PyQt5.QtCore import QEvent, QObject, QSize, Qt, QTimer, pyqtSignal
from PyQt5.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument, QTextOption
from PyQt5.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from .. import forms
from ..db import connect, quote, transaction
from ..forms import DATE, ERROR, PHOTOS, POSITION, WARNING, Form, Problem, drafts
from ..plan.geometry import register_functions
from ..sync import changelog, registry, waiting_edits
from ..sync.changelog import PACKAGE
from . import failures, gnss, i18n, settings
from .editors import (
    AreaEditor,
    ButtonRow,
    ChoiceEditor,
    DateEditor,
    Editor,
    FittedLabel,
    PositionEditor,
    field_label,
    make_editor,
)
from .fix_watch import SILENT_S
from .grants_changed import field_columns
from .patch_list import project_name_en
from .photos import PhotoStrip, prepare
from .stranded import StrandedNote
from .sync_actions import role_grants

PositionProvider = Callable[[], "tuple[float, float, float | None] | None"]

IN_PACKAGE = "package"  # where _keep_draft kept the values: as the package's draft
ERROR_STYLE = "color:#b00020; background:#fde7ea; padding:4px; border-radius:3px; font-weight:bold"
WARNING_STYLE = "color:#6b4500; background:#fff1c2; padding:4px; border-radius:3px"
NEUTRAL_STYLE = "color:#333; padding:4px"


def _as_new(kept: drafts.Draft) -> drafts.Draft:
    """A draft of a record no longer in the package (deleted in the master, its deletion
    pulled) as a new record of its subject: everything the screen held, typed or not (the
    record it corrected is gone, not its values), but the photos it took off that record."""
    values = {k: v for k, v in kept.values.items() if k != drafts.BASE}
    return replace(kept, values={**values, "uuid": None, drafts.REMOVED: []})


class FormWidget(QWidget):
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
            draft: drafts.Draft | None = _as_new(orphan)
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

    def carry(self, kept: dict) -> None:
        """Show and keep the values of the form this one replaces (they were kept nowhere
        but on its screen): the package opened again after it was gone."""
        shown, _ = drafts.rebase(kept, self.base)
        self.set_state(shown)
        self._on_edit()

    def draft_state(self) -> dict:
        """What a draft keeps: the screen, the record as the form found it, and what was
        typed in fields the role may no longer change."""
        held = {drafts.STRANDED: self.stranded} if self.stranded else {}
        return {**self.state(), drafts.BASE: self.base, **held}

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
                _LeftBy(ed, partial(self._left, f.name))
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

    def _records_box(self) -> QVBoxLayout:
        """The subject's saved records (date, who, photos; draft and unsent marks): open one
        to correct it, or start a new one."""
        lang = self.lang
        out = QVBoxLayout()
        head = ButtonRow()
        self.records_label = QLabel()
        self.records_label.setObjectName("help")
        self.records_label.setWordWrap(True)
        self.new_button = QPushButton("✚ " + i18n.tr("new_record", lang))
        self.new_button.setObjectName("newRecord")
        self.new_button.clicked.connect(self.new_record)
        # the label above the buttons: a narrow panel keeps their words whole
        out.addWidget(self.records_label)
        head.addWidget(self.new_button)
        if self.record_uuid is not None:  # a saved record: it can be taken back
            self.delete_button = QPushButton("✖ " + i18n.tr("delete_record", lang))
            self.delete_button.setObjectName("deleteRecord")
            self.delete_button.clicked.connect(self._delete_clicked)
            head.addWidget(self.delete_button)
        out.addLayout(head)
        self.records = RecordList()
        self.records.setObjectName("records")
        saved = forms.list_records(self.conn, self.form, self.subject_uuid) \
            if self.subject_uuid else []
        # the records with a draft; those whose draft holds only what cannot be saved
        kept: set[str | None] = set()
        held: set[str | None] = set()
        for d in (drafts.load_drafts(self.conn, self.form.form_id, self.subject_uuid)
                  if self.subject_uuid else ()):
            (held if drafts.holds_only_stranded(d.values) else kept).add(d.values.get("uuid"))
        unsent = unsent_rows(self.conn)
        rows = [(None, i18n.tr("record_new", lang), None in kept)] if (
            self.record_uuid is None) else []
        for r in saved:
            sent = " · ⇪ " + i18n.tr("not_sent", lang) if r["uuid"] in unsent else ""
            if r["uuid"] in held:
                sent += " · ⚠ " + i18n.tr("has_stranded", lang)
            text = i18n.tr("record_line", lang, date=r["date"] or "?", who=r["person"] or "?",
                           n=r["photos"], sent=sent)
            rows.append((r["uuid"], text, r["uuid"] in kept))
        for key, text, has_draft in rows:
            item = QListWidgetItem(("✎ " if has_draft else "") + text)
            item.setToolTip(text)
            item.setData(Qt.UserRole, key)
            self.records.addItem(item)
            if key == self.record_uuid:
                self.records.setCurrentItem(item)
        self.records.itemClicked.connect(self._record_clicked)
        self.records.itemActivated.connect(self._record_clicked)  # Enter, double click
        self.records.setVisible(bool(saved))
        self.records_label.setText(i18n.tr("records_saved", lang, n=len(saved)) if saved
                                   else i18n.tr("records_none", lang))
        out.addWidget(self.records)
        return out

    def _record_clicked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.UserRole)
        if key == self.record_uuid:
            return
        if key:
            self.open(key)
        else:
            self.new_record()

    def _delete_clicked(self) -> None:
        self.delete_record()

    def delete_record(self, confirm: bool = True) -> bool:
        """Delete the saved record shown, with its photos and any draft of it, after asking
        (the master deletes it too at the next merge); then show the subject's latest."""
        uuid = self.record_uuid
        if uuid is None:
            return False
        if not self.may_add or not self.delete_button.isEnabled():
            failures.show(self, i18n.tr("delete_record", self.lang), self.grants_said())
            return False
        rec = self.ctx.record or {}
        when = next((rec.get(f.columns[0]) for f in self.form.fields if f.widget == DATE), None)
        who = rec.get("verifier") or rec.get("inspector")
        # named whole (which form, of which patch or project, when, by whom): a Delete
        # tapped on the wrong record is seen before Yes
        subject = " ".join(t for t in self._subject_named() if t) or "?"
        if confirm and not failures.ask(
                self, i18n.tr("delete_record", self.lang),
                i18n.tr("delete_confirm_unsent" if waiting_edits.never_sent(self.conn, uuid)
                        else "delete_confirm", self.lang, form=self.form.title(self.lang),
                        subject=subject, date=when or "?", who=who or "?",
                        n=len(self._saved_photo_ids)) + self._stranded_lost()):
            return False
        try:
            with transaction(self.conn, nested=True):  # no draft of a record gone
                kept = forms.record_as_is(self.conn, self.form, uuid, self.draft_id)
                forms.delete_record(self.conn, self.form, uuid)
                if self.draft_id:
                    drafts.discard_draft(self.conn, self.draft_id)
        except (sqlite3.Error, OSError) as exc:  # one transaction: nothing was deleted
            failures.show(self, i18n.tr("failed", self.lang), failures.explain(exc, self.lang))
            return False
        self.draft_id = None
        self.kept_nowhere = False
        self._forget_rescue()
        self.undoable = kept
        self.open(self.subject_uuid or "")
        self._banner(i18n.tr("deleted", self.lang, time=datetime.now().strftime("%H:%M")))
        # the Delete button gone with the record, the focus goes to the way back (once the
        # button is shown: the panel shows its new body as the event loop next runs)
        QTimer.singleShot(0, self.undo_button.setFocus)
        self.undoable_changed.emit(kept)
        self.saved.emit(uuid)
        return True

    def _undo_clicked(self) -> None:
        self.undo_delete()

    def undo_delete(self) -> bool:
        """Put the record last deleted here back as it was, with its photos and the same
        uuid (the change log then holds its delete and its insert again: the master keeps
        it); then show it."""
        kept = self.undoable
        if kept is None:
            return False
        try:
            forms.restore_record(self.conn, kept)
        except (sqlite3.Error, OSError) as exc:  # one transaction: nothing was put back
            failures.show(self, i18n.tr("undo_delete", self.lang),
                          failures.explain(exc, self.lang))
            return False
        self.undoable = None
        uuid = kept.record["uuid"]
        self.open(uuid)
        if kept.draft is None:
            self._banner(i18n.tr("undeleted", self.lang, n=len(kept.photos)))
        else:  # its draft back too: marked and offered to Discard as when it was opened
            draft = self.discard_button.isEnabled()
            self._banner(i18n.tr("undeleted_draft", self.lang, n=len(kept.photos)),
                         draft=draft, held=not draft and bool(self.stranded))
            self.drafts_changed.emit(self.subject_uuid or "")
        self.undoable_changed.emit(None)
        self.saved.emit(uuid)
        return True

    def new_record(self) -> None:
        """A new record for the subject, on purpose (its saved records stay as they are)."""
        if not self.may_add:
            failures.show(self, i18n.tr("new_record", self.lang), self.grants_said())
            return
        self.open(self.subject_uuid or "", new=True)

    def _subject_named(self) -> tuple[str, str]:
        """The subject's code and name (a patch by its project's), in the form's language."""
        s = self.ctx.subject or {}
        code = s.get("patch_code") or s.get("project_id") or ""
        if "patch_code" in s:  # named by its project, in the language the list names it
            name = i18n.pick_name(s.get("project_name"), project_name_en(self.conn,
                                                                    s.get("project_uuid")),
                             self.lang)
        else:
            name = i18n.pick_name(s.get("name_zh"), s.get("name_en"), self.lang)
        return code, name

    def _subject_text(self) -> str:
        code, name = self._subject_named()
        return f"<span style='font-size:large'><b>{code}</b></span><br>{name}"

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

    # --- checking and drafts --------------------------------------------------------------

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
            where = self.rescue()
            text = failures.explain(exc, self.lang).split("\n")[0]
            if where:
                text += " " + i18n.tr("draft_rescued", self.lang, path=where)
            else:  # the rescue folder's disk is full too: the values are only on the screen
                text += " " + self._kept_nowhere_text()
            self.kept_nowhere = where is None
            self._banner(text, draft=True)
            return where
        self.kept_nowhere = False
        self._forget_rescue()
        self._banner(i18n.tr("draft_kept", self.lang), draft=True)
        return IN_PACKAGE

    def _forget_rescue(self) -> None:
        """The form's values are in the package (or thrown away): its rescue file goes."""
        if self.package_path:
            drafts.forget_rescue(self.package_path, self.form.form_id, self.subject_uuid,
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

    def _save_clicked(self) -> None:
        self.save()

    def save_by_key(self) -> None:
        """Ctrl+S: Save, or where errors stop it, the first field at fault shown and
        focused (the summary's link)."""
        self.save()

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

    # --- photos and position --------------------------------------------------------------

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

    def use_position(self) -> None:
        fix = self.position_provider() if self.position_provider else None
        if fix:
            self.position.follow(False)
            self.position.set_progress(None)  # one fix now, no longer an average
            self.position.fill(*fix)
        else:  # (no fix now: said, the boxes left as they are)
            self.position.set_progress("⚠ " + self._lost_text())

    def _lost_why(self) -> str | None:
        """Why there is no live fix, as said (None while there is one)."""
        if self._lost is None:
            return None
        key, args = self._lost
        return i18n.tr(key, self.lang, **args)

    def _lost_text(self) -> str:
        return i18n.tr("fix_not_followed", self.lang,
                       why=self._lost_why() or i18n.tr("no_fix", self.lang))

    def fix_lost(self, lost: tuple[str, dict] | None) -> None:
        """The owner's fix is no longer live (``lost``: why, as an i18n key and its
        arguments), or live again (None): the position followed stays as it is, said so;
        fixes gathered for an average are dropped, the average starting again."""
        self._lost = lost
        if lost and self._averaging:  # the technician may move before fixes come again
            dropped, self._averaging = len(self._averaging), []
            self.position.set_progress(i18n.tr(
                "averaging_dropped", self.lang, k=dropped,
                n=settings.get(self.conn, "position_average_fixes")))
        self.position.set_lost(self._lost_why())

    def fix_aged(self, age: float | None) -> None:
        """Seconds since the owner's last fix once it is not live (None while it is): a
        position following it holds it, said with its age as it grows."""
        self.position.set_age(age)

    def _poll_fix(self) -> None:
        fix = self.position_provider() if self.position_provider else None
        if self._live or not self.position.following:
            self._poll.stop()
        elif fix:
            self._apply(fix)

    def _follow(self) -> None:
        """Follow the live position, from the fix there is now."""
        self.position.follow(True)
        fix = self.position_provider() if self.position_provider is not None else None
        if fix:
            self._apply(fix)
        if not self._live:
            self._poll.start()

    def _apply(self, fix) -> None:
        lon, lat, accuracy = fix[:3]
        self.position.fill(lon, lat, accuracy, quiet=True)
        self._refresh()

    def on_fix(self, fix) -> None:
        """A new position (lon, lat, accuracy) from the receiver (the field app pushes each
        one here)."""
        if not self._live:
            self._live = True
            self._poll.stop()
            self.position.average_button.setEnabled(True)
        if self._averaging is not None:
            self._averaging.append(fix)
            n = settings.get(self.conn, "position_average_fixes")
            if len(self._averaging) >= n:
                self._finish_average()
            else:
                self.position.set_progress(i18n.tr("averaging", self.lang,
                                                   k=len(self._averaging), n=n))
        elif self.position.following:
            self._apply(fix)

    def keep_position(self) -> None:
        """Keep the position shown: it is the technician's now (and goes into the draft)."""
        self.position.follow(False)
        self._touch(self.position.field.name)
        self._on_edit()

    def start_average(self) -> None:
        self.position.follow(False)
        self._averaging = []
        self.position.averaging = True
        n = settings.get(self.conn, "position_average_fixes")
        self.position.set_progress(i18n.tr("averaging", self.lang, k=0, n=n))

    def _finish_average(self) -> None:
        fixes, self._averaging = self._averaging or [], None
        self.position.averaging = False
        got = gnss.average(fixes)
        acc, spread = i18n.accuracy_text(got.accuracy_m), i18n.accuracy_text(got.spread_m)
        self.position.set_progress(
            i18n.tr("averaged_spread", self.lang, n=got.n, acc=acc, spread=spread)
            if got.own_m is None else i18n.tr("averaged", self.lang, n=got.n, acc=acc,
                                              own=i18n.accuracy_text(got.own_m),
                                              spread=spread))
        self.position.fill(got.lon, got.lat, got.accuracy_m)

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


class _LeftBy(QObject):
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


class SubjectLabel(QLabel):
    """The form's subject, its code in large type over its name: lines break between words
    and, where one is wider than the column, inside it (a code has no spaces: unbroken, it
    held the form wider than a narrow panel, behind a sideways scroll bar)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)  # (its size policy: the height follows the width)

    def _document(self, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font())
        option = doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(self.text())
        doc.setTextWidth(width)
        return doc

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()  # a few of a code's characters a line, at the least
        return QSize(metrics.horizontalAdvance("0" * 8), metrics.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return math.ceil(self._document(max(width, 1)).size().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = self.palette()  # the label's text colour, not the document's own
        context.palette.setColor(QPalette.Text, self.palette().color(QPalette.WindowText))
        doc = self._document(self.width())  # (held: its layout goes with it)
        doc.documentLayout().draw(painter, context)


class RecordList(QListWidget):
    """As tall as its rows, up to three (then it scrolls)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        # a narrow panel shortens a line (whole in its tooltip), never hides it under a bar:
        # at its end, the person's name (the date, photos and sending stay in sight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.ElideRight)
        # each row as wide as the list: a line longer than it (a long name just saved)
        # made its row run past the list's edge, wider than the others
        self.setItemDelegate(_ListWideRow(self))
        self.setResizeMode(QListView.Adjust)  # laid out again at each new width

    def sizeHint(self) -> QSize:
        rows = min(self.count(), 3)
        line = self.sizeHintForRow(0) if self.count() else 0
        return QSize(super().sizeHint().width(), rows * line + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class _ListWideRow(QStyledItemDelegate):
    """A row no wider than the list's viewport (its text shortened to it)."""

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        return QSize(min(hint.width(), view.viewport().width()), hint.height())


def unsent_rows(conn: sqlite3.Connection) -> set[str]:
    """uuids of rows with local changes not exported yet (empty without change capture, and
    in a master: nothing is sent from there)."""
    try:
        exported = conn.execute("SELECT exported_seq, kind FROM sync_state").fetchone()
    except sqlite3.OperationalError:
        return set()
    if exported is not None and exported[1] != PACKAGE:
        return set()
    rows = {r[0] for r in conn.execute("SELECT row_uuid FROM sync_changes WHERE seq > ? AND "
                                       "origin = 'local'", (exported[0] if exported else 0,))}
    with contextlib.suppress(sqlite3.OperationalError):
        rows |= {r[0] for r in conn.execute("SELECT row_uuid FROM sync_capture")}
    return rows


