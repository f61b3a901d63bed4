# SPDX-License-Identifier: GPL-2.0-or-later
"""The window's sync: the changes waiting, Export and Update, run beside the window with
what they did said."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PyQt5.QtCore import QEventLoop, Qt
from PyQt5.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from .. import forms
from ..bilingual import counted
from ..db import table_exists
from ..errors import SyncError
from ..file_filters import any_case
from ..forms import drafts, shown
from ..sync.pull import SETTLED_KINDS
from . import failures, grants_changed, i18n, sync_actions
from .window_part import WindowPart

T = TypeVar("T")


def replaced_line(conn, lists: dict, table: str, row: str, column: str, ours, theirs) -> str:
    return shown.replaced_line(conn, lists, table, row, column, ours, theirs, i18n.language())


def _drafts_not_exported(kept: list, codes: dict[str, str]) -> str:
    """What an export leaves behind of the drafts ``kept``, asked before it: the forms not
    saved, and apart from them the saved records whose draft holds only typed text that
    cannot be saved (waiting in their form's note), each named by its code."""
    def named(these: list) -> str:
        which = sorted({codes.get(d.subject_uuid or "") or i18n.tr(
            "draft_subject_gone", uuid=d.subject_uuid or "?") for d in these})
        return ", ".join(which[:12]) + (" …" if len(which) > 12 else "")
    held = [d for d in kept if drafts.holds_only_stranded(d.values)]
    unsaved = [d for d in kept if not drafts.holds_only_stranded(d.values)]
    said = [i18n.tr(key, n=len(these), which=named(these))
            for key, these in (("export_unsaved", unsaved), ("export_stranded", held)) if these]
    return "\n".join([*said, i18n.tr("export_anyway")])


class WindowSync(WindowPart):
    """The changes waiting, Export and Update (a part of MainWindow)."""

    def update_status(self) -> None:
        self.map_note_box.say("⚠ " + self.map.not_drawn_said() if self.map.not_drawn else "")
        self.say_fix()
        try:
            n, void, back = sync_actions.waiting(self.path) if not self.gone else (None, 0, 0)
        except (SyncError, sqlite3.Error, OSError):
            n, void, back = None, 0, 0
        if n is None:
            self.waiting_label.say("✖ " + i18n.tr("package_gone_short"))
            self.waiting_label.setStyleSheet("color:#fff; background:#b00020")
            return
        if self.capture_problems:
            self.waiting_label.say(i18n.tr("capture_short"))
            self.waiting_label.setStyleSheet("color:#fff; background:#b00020")
            return
        # (a record added and deleted again before it was sent: sent both ways, it changes
        # nothing in the master; said so, or the count rising on a delete misleads; as are a
        # record's delete and its insert again by Undo delete)
        try:  # (a layer the last pull found dropped from the master: its edits refused)
            dropped = sync_actions.waiting_on_dropped_layers(self.path) if n else {}
        except (SyncError, sqlite3.Error, OSError):
            dropped = {}
        head = "⇪ " + i18n.tr("waiting", n=n, changes=counted(n, "change"))
        self.waiting_label.say(head + (
            i18n.tr("waiting_void", n=void) if void else "") + (
            i18n.tr("waiting_back", n=back) if back else "") + "".join(
            i18n.tr("waiting_dropped", layer=layer, n=k) for layer, k in dropped.items()), head)
        self.waiting_label.setStyleSheet("color:#b00020" if n else "color:#0b6e2b")

    def export_to(self, folder, everything: bool = False) -> tuple[Path | None, dict]:
        """The export, off the window's thread: weeks of photos to a slow USB stick take
        minutes, in which a box says how many pictures are written."""
        step = [0, 0]  # pictures written, of

        def said(box: QProgressDialog) -> None:
            written, pictures = step
            if pictures:
                box.setMaximum(pictures)
                box.setValue(written)
                box.setLabelText(i18n.tr("exporting_photos", i=written, n=pictures,
                                         path=folder))
        return self.beside(lambda: sync_actions.export_changes(
            self.path, folder, everything, progress=lambda i, n: step.__setitem__(
                slice(None), [i, n])), i18n.tr("export"), i18n.tr("exporting", path=folder),
            said)

    def beside(self, work: Callable[[], T], title: str, text: str,
               step: Callable[[QProgressDialog], None] | None = None) -> T:
        """``work`` (what writes the package or the USB stick) off the window's thread: the
        window is drawn and follows the position meanwhile, a box says what is being done
        (``step`` tells it how far), and the window's own controls and closing wait."""
        done: list = []

        def run() -> None:
            try:
                done.append(work())
            except BaseException as exc:  # noqa: BLE001 - raised again on the window's thread
                done.append(exc)

        box = QProgressDialog(text, "", 0, 0, self)
        box.setWindowTitle(title)
        # (a zip or a package written halfway is neither: nothing to cancel to)
        box.setCancelButton(None)  # type: ignore[arg-type]
        box.setWindowModality(Qt.WindowModal)
        box.setMinimumDuration(0)
        box.setAutoClose(False)
        box.setAutoReset(False)
        self.busy = True
        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        box.show()
        try:
            while worker.is_alive():
                QApplication.processEvents(QEventLoop.AllEvents, 50)
                worker.join(0.05)
                if step is not None:
                    step(box)
        finally:
            self.busy = False
            box.close()
            box.deleteLater()
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]

    def export_dialog(self) -> None:
        if not self.check_package():
            return
        kept = drafts.load_drafts(self.conn)
        if kept and not failures.ask(  # every draft in the package, not only the open form's
                self, i18n.tr("export"),
                _drafts_not_exported(kept, {e.uuid: e.code for e in self.list.entries})):
            return
        folder = QFileDialog.getExistingDirectory(self, i18n.tr("export_title"))
        if not folder:
            return

        def go():
            out, m = self.export_to(folder)
            if out is None and self.last_export is not None and failures.ask(
                    self, i18n.tr("export"), i18n.tr("export_again")):
                out, m = self.export_to(folder, everything=True)
            if out is not None:
                self.last_export = out
            text = i18n.tr("export_nothing") if out is None else i18n.export_said(
                m["counts"]["changes"], m.get("photos_added", 0), m.get("photos_removed", 0),
                m["counts"].get("attachments", 0), out)
            if m.get("unmarked"):
                text += "\n\n" + i18n.tr("export_unmarked", why=i18n.core(m["unmarked"]))
            QMessageBox.information(self, i18n.tr("export"), text)
        self._try(go)
        self.reload()  # the list's "waiting to be sent" marks, as the status bar's count

    def pull_from(self, master) -> dict:
        open_before = next((e for e in self.list.entries
                            if self.current == (e.kind, e.uuid)), None)
        # off the window's thread: a big package on a slow USB stick takes seconds
        before = sync_actions.grants_held(self.conn)  # (to say a change of them as the
        counts = self.beside(lambda: sync_actions.pull_update(self.path, master),  # forms do)
                             i18n.tr("pull"), i18n.tr("pulling", path=master))
        counts["grants_held"] = (before, sync_actions.grants_held(self.conn))
        self.without_form = self._granted_without_form()  # (the master's grants came too)
        self.show_start_note()
        self.reload(redraw=True)
        if self.current:
            kind, uuid = self.current
            self.current = None
            if any((e.kind, e.uuid) == (kind, uuid) for e in self.list.entries):
                self.open_subject(kind, uuid)
            else:  # deleted in the master: its form closed, and said (not an error)
                typed = self.form is not None and self.form.draft_id is not None
                self._close_form()
                self.placeholder.show()
                self.map.select(None)
                counts["open_gone"] = (open_before.code if open_before else uuid, typed)
        return counts

    def pull_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, i18n.tr("pull_title"), "",
                                              any_case(i18n.tr("gpkg_files")))
        if path:
            self._try(lambda: QMessageBox.information(
                self, i18n.tr("pull"), self.pull_text(self.pull_from(path))))

    def pull_text(self, counts: dict) -> str:
        text = i18n.tr("pull_done", **counts)
        # (a package of a master that is not the whole plan has no code lists: codes as kept)
        lists = forms.load_code_lists(self.conn) if table_exists(self.conn, "code_lists") else {}
        if counts.get("fields_in"):
            text += "\n" + self.fields_in_text(counts["fields_in"])
        for changed in self.grants_changed_said(counts):  # what the role may change now
            text += "\n" + changed
        if counts.get("kept"):
            text += "\n" + i18n.tr("pull_kept", n=len(counts["kept"]), which="\n".join(
                shown.kept_line(self.conn, lists, *k, i18n.language())
                for k in counts["kept"][:shown.REPLACED_SHOWN]))
        if counts.get("replaced"):
            text += "\n" + i18n.tr("pull_replaced", n=len(counts["replaced"]), which="\n".join(
                replaced_line(self.conn, lists, *r)
                for r in counts["replaced"][:shown.REPLACED_SHOWN]))
        for head, values in counts.get("undone", ()):  # (a merge undone since in the master)
            text += "\n" + i18n.core(head) + "\n" + "\n".join(
                replaced_line(self.conn, lists, *r) for r in values[:shown.REPLACED_SHOWN])
        if counts.get("closed"):
            text += "\n" + i18n.tr("pull_closed", n=counts["closed"])
        for layer, n in sorted((counts.get("dropped") or {}).items()):  # (none settled)
            text += "\n" + i18n.tr("pull_closed_dropped", n=n, layer=layer)
        for kind in SETTLED_KINDS:
            names = [f"· {name}" for _, _, k, name in counts.get("rows", ()) if k == kind]
            if names:
                text += "\n" + i18n.tr(f"pull_rows_{kind}", n=len(names), which="\n".join(
                    names[:shown.REPLACED_SHOWN]))
        if counts.get("resent"):
            text += "\n" + i18n.tr("pull_resent", n=len(counts["resent"]), which="\n".join(
                f"· {i18n.core(said)}" for *_, said in counts["resent"][:shown.REPLACED_SHOWN]))
        for *_, said in counts.get("given_up", ()):
            text += "\n" + i18n.core(said)
        for said in counts.get("gave_way", ()):  # (a column of its own: the master's stands)
            text += "\n" + i18n.core(said)
        for said in counts.get("not_brought", ()):  # (a layer dropped from the master, say)
            text += "\n" + i18n.core(said)
        if counts.get("open_gone"):
            code, typed = counts["open_gone"]
            text += "\n" + i18n.tr("pull_open_gone_typed" if typed else "pull_open_gone",
                                   code=code)
        if counts.get("brought"):
            text += "\n" + i18n.tr("pull_brought", n=counts["brought"])
        if counts.get("photos"):
            text += "\n" + i18n.tr("pull_photos", n=counts["photos"])
        if counts.get("zip"):
            text += "\n" + i18n.tr("pull_zip", path=counts["zip"])
        for problem in counts.get("problems") or ():
            text += "\n" + i18n.tr("pull_problem", text=i18n.core(problem))
        return text

    def grants_changed_said(self, counts: dict) -> list[str]:
        """What the pull changed of the role's grants: the app's forms by their fields'
        labels, from the grants held before and after it; as the sync says it where they
        could not be read."""
        lang = i18n.language()
        before, after = counts.get("grants_held") or (None, None)
        lines = grants_changed.said(before[0], before[1], after[1], lang) \
            if counts.get("grants") and before and after and before[0] == after[0] else []
        return lines or [i18n.core(f"grants changed: {changed}")
                         for changed in counts.get("grants") or ()]

    def fields_in_text(self, fields_in) -> str:
        """The values a pull wrote into records already here, by record and field label: the
        first records named, the rest counted."""
        from ..forms.definitions import field_of
        from ..plan.values import field_label as column_label
        lang = i18n.language()
        by_row: dict[tuple[str, str], list[str]] = {}
        for tbl, row, col in fields_in:
            field = field_of(tbl, col)
            label = field.label(lang) if field else column_label(tbl, col, lang)
            labels = by_row.setdefault((tbl, row), [])
            if label not in labels:  # (a position's longitude and latitude: one field)
                labels.append(label)
        shown_rows = list(by_row)[:shown.REPLACED_SHOWN]
        sep = "、" if lang == i18n.ZH else ", "
        lines = [f"· {shown.row_name(self.conn, *r)} · {sep.join(by_row[r])}"
                 for r in shown_rows]
        if len(by_row) > len(shown_rows):
            lines.append(i18n.tr("pull_more", n=len(by_row) - len(shown_rows)))
        return i18n.tr("pull_fields", n=len(fields_in), which="\n".join(lines))

    def _try(self, fn) -> bool:
        """Run an action; any failure is said in the technician's language and the window
        stays (the open form keeps its values)."""
        if not self.check_package():
            return False
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none closes the app
            failures.show(self, i18n.tr("failed"), failures.explain(exc))
            return False
        return True
