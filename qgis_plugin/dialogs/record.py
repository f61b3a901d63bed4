# SPDX-License-Identifier: GPL-2.0-or-later
"""Verify a patch or inspect a project in QGIS, with the form the field app uses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QVBoxLayout

from field_kit import db, forms
from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts

from ..help import add_help
from ..i18n import tr, user_language
from ..plan_layers import layers_of, reload_layers
from .on_screen import resize_within_screen

# form id → (the table of what it is about, the column that names it)
SUBJECTS = {
    forms.PATCH_VERIFICATION.form_id: ("mine_patches", "patch_code"),
    forms.PROJECT_INSPECTION.form_id: ("restoration_projects", "project_id"),
}


def gps_position():
    """(lon, lat, accuracy in m) from QGIS's first connected GPS, or None."""
    connections = QgsApplication.gpsConnectionRegistry().connectionList()
    if not connections:
        return None
    info = connections[0].currentGPSInformation()
    if not info.isValid():
        return None
    return info.longitude, info.latitude, (info.hacc if info.hacc > 0 else None)


def subjects(master: Path, form_id: str) -> list[tuple[str, str]]:
    """(label, uuid) of every patch or project a form can be about, in the plan's order."""
    table, name = SUBJECTS[form_id]
    extra = ", name_zh" if table == "restoration_projects" else ", township"
    conn = db.connect(master, readonly=True)
    try:
        rows = conn.execute(f"SELECT uuid, {name}{extra} FROM {table} ORDER BY fid").fetchall()
    finally:
        conn.close()
    return [(subject_label(code, other), uuid) for uuid, code, other in rows]


def subject_label(code, other) -> str:
    """How a patch or project is listed: its code, then its township or name."""
    return f"{code or ''}  {other or ''}".strip()


class SelectionUnread(Exception):
    """One patch or project is selected, yet QGIS reads none of it (another program holds
    the file, say): QGIS itself says nothing."""

    def __init__(self, layer: str):
        super().__init__(layer)
        self.layer = layer


def selected_subject(layers: dict, form_id: str) -> str | None:
    """The uuid of the one patch or project selected in its layer, if exactly one is
    (:class:`SelectionUnread` where QGIS cannot read it)."""
    layer = layers.get(SUBJECTS[form_id][0])
    if layer is None or layer.selectedFeatureCount() != 1:
        return None
    feature = next(iter(layer.selectedFeatures()), None)
    if feature is None:
        raise SelectionUnread(layer.name())
    return feature["uuid"]


def choose_subject(parent, master: Path, form_id: str) -> str | None:
    items = subjects(master, form_id)
    title = forms.FORMS[form_id].title(user_language())
    label, ok = QInputDialog.getItem(parent, title, tr("Which one?"), [i[0] for i in items],
                                     0, False)
    return dict(items).get(label) if ok else None


def transaction_layers(master: Path) -> list[str]:
    """Names of the project's layers of ``master`` that QGIS holds in an open transaction
    (project option "automatically create transaction groups", a layer in edit mode): until
    it is saved or rolled back, QGIS keeps the file to itself and any other writer waits."""
    project = QgsProject.instance()
    if not project.autoTransaction():
        return []
    editing = [layer for layer in layers_of(master, project=project) if layer.isEditable()]
    # the whole group is in edit mode together: name the layers edited, else a few of them
    named = [layer.name() for layer in editing if layer.isModified()] or \
        [layer.name() for layer in editing[:2]] + (["…"] if len(editing) > 2 else [])
    return named if editing else []


def held_by_qgis_message(names: list[str]) -> str:
    return tr("QGIS is editing {layers} in a transaction group and keeps the file until the "
              "edits are saved or discarded. Save or stop editing to save the record; until "
              "then what you type is kept as a draft beside the plan.").format(
        layers="、".join(names) if user_language() == "zh" else ", ".join(names))


def side_drafts() -> sqlite3.Connection:
    """The drafts kept while QGIS holds the plan file: a small SQLite file of their own in
    the plugin's folder of the QGIS profile, never contended by QGIS."""
    path = Path(QgsApplication.qgisSettingsDirPath()) / "toksun_restoration" / "drafts.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(str(path), isolation_level=None)


class PlanForm(FormWidget):
    """The field app's form, writing to the plan only when QGIS does not hold the file: an
    edit session in a transaction group is said at once instead of waiting on SQLite's lock."""

    def __init__(self, master: Path, *args, **kwargs):
        self.master = Path(master)
        self.side_id: str | None = None  # this form's draft kept beside the plan, if any
        super().__init__(str(master), *args, **kwargs)
        # never freeze QGIS: a lock this plugin has not foreseen fails fast and is said
        self.conn.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")

    def _held(self) -> bool:
        names = transaction_layers(self.master)
        if names:
            self._banner(held_by_qgis_message(names), draft=True)
        return bool(names)

    # --- drafts beside the plan while QGIS holds it -------------------------------------
    def _side_key(self) -> dict:
        return {"_master": str(self.master.resolve()), "uuid": self.record_uuid}

    def open(self, uuid: str, new: bool = False) -> None:
        super().open(uuid, new)
        if getattr(self, "_saving", False):  # reopened on the record just saved
            return
        conn = side_drafts()
        try:
            key = self._side_key()
            kept = next((d for d in drafts.load_drafts(conn, self.form.form_id,
                                                       self.subject_uuid)
                         if all(d.values.get(k) == v for k, v in key.items())), None)
        finally:
            conn.close()
        self.side_id = kept.draft_id if kept else None
        if kept is not None:  # written while QGIS held the file: newer than any other
            shown, clashes = drafts.rebase(
                {k: v for k, v in kept.values.items() if k != "_master"}, self.base)
            self.set_state(shown)
            self.restored(kept, clashes, "draft_restored")

    def _keep_side_draft(self) -> None:
        conn = side_drafts()
        try:
            self.side_id = drafts.save_draft(conn, self.form.form_id,
                                             {**self.draft_state(), **self._side_key()},
                                             self.subject_uuid, self.side_id)
        finally:
            conn.close()

    def _drop_side_draft(self) -> None:
        if self.side_id is None:
            return
        conn = side_drafts()
        try:
            drafts.discard_draft(conn, self.side_id)
        finally:
            conn.close()
        self.side_id = None

    def _keep_draft(self) -> None:
        if self._held():
            self._keep_side_draft()
            return
        super()._keep_draft()
        if "locked" in self.banner.text():
            self._keep_side_draft()
            self._banner(tr("The file is in use by another program: the draft is kept beside "
                            "the plan until it is free."), draft=True)
        else:  # the draft is in the plan again
            self._drop_side_draft()

    def discard_draft(self, confirm: bool = True) -> bool:
        if not super().discard_draft(confirm):
            return False  # kept: the draft beside the plan stays too
        self._drop_side_draft()
        return True

    def save(self) -> str | None:
        if self._held():
            return None
        self._saving = True
        try:
            uuid = super().save()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            self._banner(tr("The file is in use by another program; nothing was saved. "
                            "What you typed stays in the form."))
            return None
        finally:
            self._saving = False
        if uuid:
            self._drop_side_draft()
        return uuid

    def use_position(self) -> None:
        if self.position_provider is not None and self.position_provider() is None:
            self._banner(tr("No GNSS receiver is connected to QGIS, or it has no fix yet "
                            "(QGIS: View → Panels → GPS Information). Type the longitude and "
                            "latitude instead."))
            return
        super().use_position()


LOCK_WAIT_MS = 500


class RecordDialog(QDialog):
    def __init__(self, master: Path, form_id: str, uuid: str, parent=None):
        super().__init__(parent)
        form = forms.FORMS[form_id]
        self.setWindowTitle(form.title(user_language()))
        resize_within_screen(self, 560, 760)
        layout = QVBoxLayout(self)
        self.form = PlanForm(master, form, uuid, language=user_language(),
                             position_provider=gps_position, parent=self)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)
        self.form.saved.connect(lambda _uuid: reload_layers(master, (form.table, "photos")))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Enter in a box clicked the dialog's default button, the form's first ("New
        # record"): a correction being typed gave way to an empty new record. A button
        # with the focus still takes Enter (it never comes here).
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if not self.form.may_leave():  # its values are kept nowhere else (a full disk)
            return
        self.form.close_db()
        super().done(result)
