# SPDX-License-Identifier: GPL-2.0-or-later
"""The form's subject (a patch or project) and its saved records: the list to open one,
New record, Delete record and Undo delete."""

from __future__ import annotations

import contextlib
import math
import sqlite3
from dataclasses import replace
from datetime import datetime

from PyQt5.QtCore import QSize, Qt, QTimer
from PyQt5.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument, QTextOption
from PyQt5.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QVBoxLayout,
)

from .. import forms
from ..db import transaction
from ..forms import DATE, drafts
from ..sync import waiting_edits
from ..sync.changelog import PACKAGE
from . import failures, i18n
from .editors import ButtonRow
from .form_drafts import IN_PACKAGE
from .form_part import FormPart
from .patch_list import project_name_en


class FormRecords(FormPart):
    """The subject's records: open, new, delete, undo delete (a part of FormWidget)."""

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
        # and those whose edits only a rescue file holds (the package could not take them)
        rescued = {d.values.get("uuid") for d in (
            drafts.rescues(self.package_path, self._identity) if self.package_path else ())
            if d.form_id == self.form.form_id and d.subject_uuid == self.subject_uuid}
        unsent = unsent_rows(self.conn)
        in_rescue = " · " + i18n.tr("has_rescue", lang)  # (marked ✎ as a draft is)
        rows = [(None, i18n.tr("record_new", lang) + (in_rescue if None in rescued else ""),
                 None in kept | rescued)] if self.record_uuid is None else []
        for r in saved:
            sent = " · ⇪ " + i18n.tr("not_sent", lang) if r["uuid"] in unsent else ""
            if r["uuid"] in held:
                sent += " · ⚠ " + i18n.tr("has_stranded", lang)
            if r["uuid"] in rescued:
                sent += in_rescue
            text = i18n.tr("record_line", lang, date=r["date"] or "?", who=r["person"] or "?",
                           n=r["photos"], sent=sent)
            rows.append((r["uuid"], text, r["uuid"] in kept | rescued))
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
                        n=len(self._saved_photo_ids)) + self._stranded_lost()
                + i18n.tr("delete_undo_while_open", self.lang)):
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
        # what the package could not take goes with the record, and comes back with it:
        # its rescue file, or what only the screen held (newer than any rescue file)
        rescue = self._forget_rescue()
        if self.kept_nowhere:
            kept = replace(kept, screen=self.draft_state())
        else:
            kept = replace(kept, rescue=rescue)
        self.kept_nowhere = False
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
        rescued = self._rescue_back(kept.rescue)
        self.open(uuid)
        carried = kept.screen
        if kept.rescue is not None and not rescued:  # kept as its draft instead
            carried = kept.rescue.get("values") or {}
        where = self.carry(carried) if carried is not None else IN_PACKAGE
        if kept.draft is None and kept.rescue is None and kept.screen is None:
            self._banner(i18n.tr("undeleted", self.lang, n=len(kept.photos)))
        else:  # its draft back too: marked and offered to Discard as when it was opened
            draft = self.discard_button.isEnabled()
            self._banner(i18n.tr("undeleted_draft", self.lang, n=len(kept.photos))
                         + self._kept_back(kept, rescued, where),
                         draft=draft, held=not draft and bool(self.stranded))
            self.drafts_changed.emit(self.subject_uuid or "")
        self.undoable_changed.emit(None)
        self.saved.emit(uuid)
        return True

    def _rescue_back(self, held: dict | None) -> bool:
        """Write the rescue file a delete removed back as it was; False when it cannot be
        (its folder no longer takes it), or there was none."""
        if held is None or not self.package_path:
            return False
        try:
            drafts.put_rescue(self.package_path, held, self._identity)
        except OSError:
            return False
        return True

    def _kept_back(self, kept: forms.Kept, rescued: bool, where: str | None) -> str:
        """Where the values a delete took are kept now, when not where they were: its
        rescue file not written again, or only on the screen still."""
        end = "。" if self.lang == i18n.ZH else ". "
        if where is None:
            return end + self._kept_nowhere_text()
        if where != IN_PACKAGE:
            return end + i18n.tr("draft_rescued", self.lang, path=where)
        if kept.rescue is not None and not rescued and self.package_path:
            held = kept.rescue
            path = drafts.rescue_path(self.package_path, held["form_id"],
                                      held.get("subject_uuid"),
                                      (held.get("values") or {}).get("uuid"), self._identity)
            return end + i18n.tr("rescue_not_rewritten", self.lang, path=path)
        return ""

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
