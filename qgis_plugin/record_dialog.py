# SPDX-License-Identifier: GPL-2.0-or-later
"""Verify a patch or inspect a project in QGIS, with the form the field app uses."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDialog, QInputDialog, QVBoxLayout

from .field_kit import db, forms
from .field_kit.app.form_widget import FormWidget
from .i18n import tr, user_language
from .plan_layers import reload_layers

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
    return [(f"{code}  {other or ''}".strip(), uuid) for uuid, code, other in rows]


def selected_subject(layers: dict, form_id: str) -> str | None:
    """The uuid of the one patch or project selected in its layer, if exactly one is."""
    layer = layers.get(SUBJECTS[form_id][0])
    if layer is None or layer.selectedFeatureCount() != 1:
        return None
    return layer.selectedFeatures()[0]["uuid"]


def choose_subject(parent, master: Path, form_id: str) -> str | None:
    items = subjects(master, form_id)
    title = forms.FORMS[form_id].title(user_language())
    label, ok = QInputDialog.getItem(parent, title, tr("Which one?"), [i[0] for i in items],
                                     0, False)
    return dict(items).get(label) if ok else None


class RecordDialog(QDialog):
    def __init__(self, master: Path, form_id: str, uuid: str, parent=None):
        super().__init__(parent)
        form = forms.FORMS[form_id]
        self.setWindowTitle(form.title(user_language()))
        self.resize(560, 760)
        layout = QVBoxLayout(self)
        self.form = FormWidget(str(master), form, uuid, language=user_language(),
                               position_provider=gps_position, parent=self)
        layout.addWidget(self.form)
        self.form.saved.connect(lambda _uuid: reload_layers(master, (form.table, "photos")))

    def done(self, result: int) -> None:
        self.form.close_db()
        super().done(result)
