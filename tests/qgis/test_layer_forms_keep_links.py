# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS's feature form of a plan layer, in a Chinese profile: a patch's project is picked
from the projects' ids, not typed (a typo named no project), its project (shown by its name,
not its uuid) and the project's name are not typed over, the file's own key (fid) is not
shown, and the geometry source is offered by its Chinese label, not by its English code."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QComboBox, QLineEdit, QWidget

from qgis_plugin import i18n
from tests.qgis.test_layer_forms import plan_loaded

CODE = "CT6504222017000026002"


@pytest.fixture()
def layers(master, qgis_app, monkeypatch):
    monkeypatch.setattr(i18n, "user_language", lambda: "zh")
    with plan_loaded(master) as out:
        yield out


def _editor(form, column):
    return next(w for w in form.findChildren((QComboBox, QLineEdit)) if w.objectName() == column)


def not_typed_over(widget) -> bool:
    """A read-only field's editor: a line not typed in, a drop-down not picked from."""
    return widget.isReadOnly() if isinstance(widget, QLineEdit) else not widget.isEnabled()


def _opened(layer, expression):
    from qgis.gui import QgsAttributeDialog

    feature = next(layer.getFeatures(expression))
    assert layer.startEditing()
    return QgsAttributeDialog(layer, feature, False, None, True)


def _closed(dialog):
    from qgis.PyQt import sip

    sip.delete(dialog)  # (before the layer goes)
    QgsApplication.processEvents()


def test_a_patch_form_keeps_its_project_link_and_hides_fid(layers):
    patches, projects = layers["mine_patches"], layers["restoration_projects"]
    ids = {f["project_id"] for f in projects.getFeatures()}
    dialog = _opened(patches, f"\"patch_code\" = '{CODE}'")
    try:
        form = dialog.attributeForm()
        box = _editor(form, "project_id")
        assert isinstance(box, QComboBox) and not box.isEditable()
        offered = {box.itemData(i) for i in range(box.count())}
        assert {d for d in offered if isinstance(d, str) and d} == ids, offered
        for column in ("project_uuid", "project_name"):
            assert not_typed_over(_editor(form, column)), column
        # the project shown by its name, not by its uuid
        patch = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
        project = next(projects.getFeatures(f"\"uuid\" = '{patch['project_uuid']}'"))
        assert _editor(form, "project_uuid").currentText() == project["name_zh"]
        assert not [w for w in form.findChildren(QWidget)
                    if w.objectName() == "fid" and w.isVisibleTo(dialog)]
    finally:
        _closed(dialog)


def test_a_patch_form_offers_the_geometry_source_by_its_chinese_label(layers):
    dialog = _opened(layers["mine_patches"], f"\"patch_code\" = '{CODE}'")
    try:
        source = _editor(dialog.attributeForm(), "geometry_source")
        assert isinstance(source, QComboBox)
        shown = [source.itemText(i) for i in range(source.count())]
        assert "实测（用户导入）" in shown and "示意（依据规划文本绘制）" in shown, shown
        assert not [s for s in shown if "surveyed" in s or "schematic" in s], shown
    finally:
        _closed(dialog)


@pytest.mark.parametrize("table, by, code, named", [
    ("project_targets", "project_uuid", "project_id", "restoration_projects"),
    ("restoration_projects", "program_uuid", "program_id", "restoration_programs")])
def test_a_plan_row_naming_another_picks_its_code(layers, table, by, code, named):
    codes = {f[code] for f in layers[named].getFeatures()}
    dialog = _opened(layers[table], f"\"{code}\" IS NOT NULL")
    try:
        form = dialog.attributeForm()
        box = _editor(form, code)
        assert isinstance(box, QComboBox) and not box.isEditable()
        assert codes <= {box.itemData(i) for i in range(box.count())}
        assert not_typed_over(_editor(form, by))
    finally:
        _closed(dialog)
