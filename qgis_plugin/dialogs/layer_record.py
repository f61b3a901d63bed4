# SPDX-License-Identifier: GPL-2.0-or-later
"""A record on a PostgreSQL master: added in QGIS's own form of the record layer (its widgets
and code lists as the plan's forms configure them), pre-filled from the patch or project it
is about. QGIS writes it to the database, whose capture logs it as any edit made there."""

from __future__ import annotations

from qgis.core import QgsExpression, QgsVectorLayer, QgsVectorLayerUtils
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext

from field_kit import forms

from ..i18n import user_language
from .record import SUBJECTS, subject_label


def subjects_in(layer: QgsVectorLayer, form_id: str) -> list[tuple[str, str]]:
    """(label, uuid) of every patch or project of ``layer`` a form can be about."""
    _, name = SUBJECTS[form_id]
    extra = "name_zh" if form_id == forms.PROJECT_INSPECTION.form_id else "township"
    has_extra = layer.fields().indexOf(extra) >= 0
    rows = sorted(layer.getFeatures(), key=lambda f: f.id())
    return [(subject_label(f[name], f[extra] if has_extra else None), f["uuid"]) for f in rows]


def new_record(layers: dict, form_id: str, subject_uuid: str, parent=None
               ) -> QgsAttributeDialog:
    """QGIS's form for a new record about ``subject_uuid``, adding it to the record layer's
    edit buffer when accepted (the layer must be editable)."""
    form = forms.FORMS[form_id]
    layer, about = layers[form.table], layers[form.subject_table]
    subject = next(about.getFeatures(
        f"\"uuid\" = {QgsExpression.quotedValue(subject_uuid)}"), None)
    fields = layer.fields()
    values = {fields.indexOf(form.subject_column): subject_uuid}
    for f in form.fields:
        if f.source and subject is not None and fields.indexOf(f.name) >= 0 and \
                about.fields().indexOf(f.source) >= 0:
            values[fields.indexOf(f.name)] = subject[f.source]
    feature = QgsVectorLayerUtils.createFeature(layer, attributes=values)
    dialog = QgsAttributeDialog(layer, feature, False, parent, True)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode)
    dialog.setWindowTitle(form.title(user_language()))
    return dialog
