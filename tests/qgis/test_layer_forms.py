# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS's own tables and forms know the form definitions: labels, rules, defaults, and
derived fields kept after a geometry edit."""

from __future__ import annotations

import contextlib
import gc

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsFieldConstraints,
    QgsGeometry,
    QgsProject,
    QgsVectorLayerUtils,
)

from field_kit import forms
from field_kit.plan import geometry
from qgis_plugin.i18n import user_language
from qgis_plugin.plan_layers import load_plan
from tests.qgis.conftest import project_cleared

CODE = "CT6504222017000026002"
DERIVED = ("area_m2", "centre_lon", "centre_lat")


@pytest.fixture()
def layers(master, qgis_app):
    with plan_loaded(master) as out:
        yield out


@contextlib.contextmanager
def plan_loaded(master):
    """The plan's layers of ``master`` in the current project, as the plugin loads them, the
    map drawn; any edit left rolled back and the project cleared after, as QGIS clears it."""
    from qgis.utils import iface

    project_cleared(iface)  # (the map and tasks of the test before done with its files)
    out = load_plan(master, QgsProject.instance())
    map_drawn(iface)
    yield out
    for layer in out.values():
        if layer.isEditable():
            layer.rollBack()
    project_cleared(iface)


def map_drawn(iface) -> None:
    """The map's drawing of the layers just added finished: a layer QGIS reads in the
    instant its editing turns the file to WAL may be found unreadable (a form's drop-down
    of another layer's codes then comes up empty), a race of QGIS's own, not what a form
    test is about."""
    from qgis.PyQt.QtTest import QTest

    QTest.qWait(20)  # (the drawing the added layers scheduled, started)
    iface.mapCanvas().waitWhileRendering()


def _represent(layer, column, value):
    i = layer.fields().indexOf(column)
    setup = layer.editorWidgetSetup(i)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    return setup.type(), formatter.representValue(layer, i, setup.config(), None, value)


def test_coded_fields_show_their_labels(layers):
    lang = user_language()
    label = {"zh": "未治理", "en": "Untreated"}[lang]
    kind, shown = _represent(layers["patch_verifications"], "remediation_status", "A")
    assert kind == "ValueMap" and label in shown
    kind, shown = _represent(layers["patch_verifications"], "patch_class", "10")
    assert kind == "ValueMap" and shown != "10"


def _check(layer, values: dict) -> dict:
    """Which fields QGIS's form would refuse for a feature with ``values``."""
    feature = QgsFeature(layer.fields())
    for k, v in values.items():
        feature[k] = v
    bad = {}
    for i in range(layer.fields().count()):
        ok, errors = QgsVectorLayerUtils.validateAttribute(
            layer, feature, i, QgsFieldConstraints.ConstraintStrengthHard)
        if not ok and layer.fields().at(i).name() != "fid":
            bad[layer.fields().at(i).name()] = errors
    return bad


def test_constraints_follow_the_form_definition(layers):
    layer = layers["patch_verifications"]
    required = {c for f in forms.PATCH_VERIFICATION.fields if f.required for c in f.columns[:2]}
    bad = _check(layer, {})
    assert required <= set(bad), required - set(bad)
    good = {"patch_uuid": "x", "patch_code": CODE, "patch_class": "10",
            "patch_subclass": "11", "damage_type": "挖损", "patch_feature": "1",
            "remediation_status": "A", "measured_area_m2": 100.0, "position_lon": 88.6,
            "position_lat": 42.8, "verifier": "李明", "verified_on": "2025-05-20"}
    assert _check(layer, good) == {}
    assert "measured_area_m2" in _check(layer, {**good, "measured_area_m2": -5.0})
    assert "treated_area_m2" in _check(layer, {**good, "treated_area_m2": 500.0})
    assert "restoration_method" in _check(layer, {**good, "remediation_status": "B"})
    assert "patch_subclass" in _check(layer, {**good, "patch_class": "20"})
    assert "verified_on" in _check(layer, {**good, "verified_on": "2019-01-01"})
    # the rules as stated: their labels, not the figures only the plugin's form computes
    lang = user_language()
    said = layer.constraintDescription(layer.fields().indexOf("verified_on"))
    assert {"zh": "核查日期不能晚于今天", "en": "Date verified cannot be after today"}[lang] in said
    assert "{" not in said and "（）" not in said and "()" not in said


def test_new_records_get_default_values(layers):
    layer = layers["patch_verifications"]
    i = layer.fields().indexOf("verified_on")
    assert layer.defaultValueDefinition(i).expression()
    context = layer.createExpressionContext()
    value = layer.defaultValue(i, QgsFeature(layer.fields()), context)
    assert value is not None and str(value.toString("yyyy") if hasattr(value, "toString")
                                     else value)[:2] == "20"


def test_a_geometry_edit_in_qgis_recomputes_area_and_centre(layers):
    edit_and_check(layers["mine_patches"])


def test_a_corridor_redrawn_in_qgis_gets_its_length(layers):
    corridors = layers["ecological_pattern_corridors"]
    feature = next(corridors.getFeatures())
    assert corridors.startEditing()
    redrawn = QgsGeometry.fromWkt("MultiLineString ((88.40 42.70, 88.55 42.78, 88.70 42.80))")
    assert corridors.changeGeometry(feature.id(), redrawn)
    assert buffered(corridors, feature.id())["length_m"] == round(geometry.line_length(
        [(88.40, 42.70), (88.55, 42.78), (88.70, 42.80)]), 2)


def buffered(layer, fid) -> dict:
    """The values a feature's edit put in the layer's edit buffer, by field: what the save
    writes (a read of the edited feature through the layer also asks OGR for its other
    values, and such a read came back, once in a while, without any values at all)."""
    fields = layer.fields()
    return {fields.at(i).name(): v
            for i, v in layer.editBuffer().changedAttributeValues()[fid].items()}


def edit_and_check(patches) -> None:
    """A patch's outline moved and widened, and a new patch drawn, in QGIS's edit buffer:
    both get the area and centre of their new geometry, the new one is surveyed."""
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    old_area = feature["area_m2"]
    assert patches.startEditing()
    moved = QgsGeometry(feature.geometry())
    moved.translate(0.01, 0.0)
    bigger = moved.buffer(0.002, 4)
    assert patches.changeGeometry(feature.id(), bigger)
    edited = buffered(patches, feature.id())
    wkb = bytes(bigger.asWkb())
    assert edited["area_m2"] == pytest.approx(geometry.wkb_area(wkb), rel=1e-6)
    assert edited["area_m2"] != pytest.approx(old_area)
    c = bigger.centroid().asPoint()
    assert edited["centre_lon"] == pytest.approx(c.x(), abs=1e-5)
    assert edited["centre_lat"] == pytest.approx(c.y(), abs=1e-5)
    # a new patch drawn in QGIS: surveyed, with its area and centre
    new = QgsVectorLayerUtils.createFeature(patches, bigger, {},
                                            patches.createExpressionContext())
    assert patches.addFeature(new)
    added = next(iter(patches.editBuffer().addedFeatures().values()))
    assert added["geometry_source"] == "surveyed"
    assert added["area_m2"] == pytest.approx(geometry.wkb_area(wkb), rel=1e-6)


def test_a_shape_taken_away_in_qgis_takes_its_area_and_centre_along(layers):
    """As the sync core does where it writes a feature without geometry; a feature added
    without one keeps the area it is given."""
    from qgis.core import NULL

    patches = layers["mine_patches"]
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    assert feature["area_m2"] and patches.startEditing()
    assert patches.changeGeometry(feature.id(), QgsGeometry())
    assert {k: buffered(patches, feature.id()).get(k) for k in DERIVED} == \
        dict.fromkeys(DERIVED, NULL)
    new = QgsVectorLayerUtils.createFeature(patches, QgsGeometry(), {
        patches.fields().indexOf("area_m2"): 5000.0}, patches.createExpressionContext())
    assert patches.addFeature(new)
    added = next(iter(patches.editBuffer().addedFeatures().values()))
    assert added["area_m2"] == 5000.0


def test_a_shape_drawn_crossing_itself_keeps_its_area_and_centre_and_says_so(iface, layers,
                                                                            monkeypatch):
    """A patch redrawn as a bow-tie: its lobes' areas cancel, and the area saved was their
    difference (0 for lobes alike), its centre off, without a word. They are left as they
    were, and the message bar says where the outline crosses itself."""
    import qgis.utils

    monkeypatch.setattr(qgis.utils, "iface", iface)  # (QGIS's own message bar, recorded)
    patches = layers["mine_patches"]
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    assert feature["area_m2"] and patches.startEditing()
    bow_tie = QgsGeometry.fromWkt("MultiPolygon (((88.0 42.5, 88.001 42.501, 88.001 42.5, "
                                  "88.0 42.501, 88.0 42.5)))")
    assert patches.changeGeometry(feature.id(), bow_tie)
    gc.collect()
    assert feature.id() not in patches.editBuffer().changedAttributeValues()  # none set
    said = [text for kind, _, text in iface.messages
            if kind == "warning" and "crosses itself at 88.000500, 42.500500" in text]
    assert said and "area and centre were left as they were" in said[0], iface.messages


def saved_project(master, folder) -> str:
    """A QGIS project file holding the plan's layers, as a user saves one."""
    project = QgsProject()
    load_plan(master, project)
    path = str(folder / "plan.qgs")
    assert project.write(path)
    project.clear()
    return path


def patches_of(project):
    from qgis_plugin.plan_layers import layer_table

    return next(layer for layer in project.mapLayers().values()
                if layer_table(layer) == "mine_patches")


def test_a_saved_project_reopened_keeps_area_and_centre_from_the_first_edit(iface, master,
                                                                           tmp_path):
    """A saved project reopened brings the plan layers back through QGIS's project reader,
    not through the plugin's Open: the plugin takes up the project's master as it is read,
    and a geometry edited before any of the plugin's tools is used gets its area and centre
    all the same."""
    from qgis_plugin.plugin import ToksunPlugin

    saved = saved_project(master, tmp_path)
    plugin = ToksunPlugin(iface)  # started with QGIS, before the project is opened
    plugin.initGui()
    project = QgsProject.instance()
    try:
        assert project.read(saved)
        assert str(plugin.gpkg) == str(master)  # taken up as read, no tool used yet
        patches = patches_of(project)
        edit_and_check(patches)
        patches.rollBack()
    finally:
        plugin.unload()
        project.clear()


def test_layers_qgis_made_keep_their_handlers_when_python_lets_them_go(master, qgis_app,
                                                                       tmp_path):
    """The Python side of a layer QGIS made (a project reader's) is held by no one once the
    plugin has connected its handlers; PyQt counts a lambda connected to a layer's signal as
    that side's, so Python's collector, clearing it, would take the handlers with it and
    the area and centre would silently stop following the geometry."""
    import gc

    from qgis_plugin.layer_forms import keep_derived

    project = QgsProject()  # not the one QGIS's interface follows (it holds its layers)
    assert project.read(saved_project(master, tmp_path))
    keep_derived(patches_of(project), "mine_patches")
    gc.collect()
    patches = patches_of(project)
    edit_and_check(patches)
    patches.rollBack()
    project.clear()


def test_the_stored_styles_carry_the_labels_and_rules(plan_gpkg, qgis_app):
    """A plain layer of the GeoPackage, as QGIS opens it without the plugin."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{plan_gpkg}|layername=patch_verifications", "pv", "ogr")
    kind, shown = _represent(layer, "remediation_status", "B")
    assert kind == "ValueMap" and "已恢复治理" in shown
    i = layer.fields().indexOf("verifier")
    assert layer.fieldConstraints(i) & QgsFieldConstraints.ConstraintNotNull
    assert layer.constraintExpression(layer.fields().indexOf("treated_area_m2"))


def test_the_stored_styles_give_the_plan_layers_their_lists_without_the_plugin(plan_gpkg,
                                                                               qgis_app):
    """The plan's mine patches and projects opened as any QGIS opens a GeoPackage layer (its
    default style from layer_styles, no plugin): mineral, township, phase and the geometry's
    source are drop-downs of the plan's lists, a value outside one is refused, and the area
    and centre the shape gives are not typed by hand."""
    import csv

    from qgis.core import QgsVectorLayer

    from field_kit.plan import schema
    from tests.plan_build import ROOT

    plan = ROOT / "resources" / "plan"
    with open(plan / "townships.csv", encoding="utf-8", newline="") as f:
        towns = {r["name_zh"] for r in csv.DictReader(f)}
    lists = forms.code_lists_from_csv(plan / "code_lists.csv")
    want = {"mineral": {c.code for c in lists["mineral"]}, "township": towns,
            "phase": set(schema.PHASES),
            "geometry_source": {c.code for c in lists["geometry_source"]}}
    for table in ("mine_patches", "restoration_projects"):
        layer = QgsVectorLayer(f"{plan_gpkg}|layername={table}", table, "ogr")
        assert layer.isValid()
        for column, codes in want.items():
            i = layer.fields().indexOf(column)
            if i < 0:
                continue
            setup = layer.editorWidgetSetup(i)
            assert setup.type() == "ValueMap", (table, column, setup.type())
            mapped = {v for entry in setup.config()["map"] for v in entry.values()}
            assert codes <= mapped, (table, column, mapped)
            code = sorted(codes)[0]
            assert column not in _check(layer, {column: code}), (table, column)
            assert column not in _check(layer, {column: None}), (table, column)
            assert column in _check(layer, {column: "Xyz"}), (table, column)
    patches = QgsVectorLayer(f"{plan_gpkg}|layername=mine_patches", "patches", "ogr")
    _, shown = _represent(patches, "mineral", "建筑用砂")
    assert shown.startswith("建筑用砂")
    config = patches.editFormConfig()
    for column in DERIVED:
        assert config.readOnly(patches.fields().indexOf(column)), column


# What of a stored style the plugin's form set-up gives: its widgets, defaults, rules
_FORM_PARTS = ("fieldConfiguration", "aliases", "defaults", "constraints",
               "constraintExpressions", "editable")


def _form_parts(qml) -> dict:
    import xml.etree.ElementTree as ET

    def canon(e):
        return (e.tag, sorted(e.attrib.items()), (e.text or "").strip(),
                [canon(c) for c in e])

    root = ET.parse(qml).getroot()
    return {part: canon(root.find(part)) for part in _FORM_PARTS}


def test_the_stored_styles_are_the_ones_the_plugins_form_set_up_gives_now(tmp_path):
    """The styles kept in resources/styles, written again now: their fields' set-up is the
    same, so a change to the forms or the plugin's set-up cannot leave the GeoPackage's
    styles behind."""
    import os
    import subprocess
    import sys

    from field_kit.plan import schema
    from tests.plan_build import ROOT

    styles = ROOT / "resources" / "styles"
    subprocess.run([sys.executable, str(styles / "make_styles.py"), str(tmp_path)], check=True,
                   cwd=ROOT, env={**os.environ, "QT_HASH_SEED": "0",
                                  "QT_QPA_PLATFORM": "offscreen"})
    for table in schema.TABLES:
        kept, now = (_form_parts(d / f"{table.name}.qml") for d in (styles, tmp_path))
        for part in _FORM_PARTS:
            assert kept[part] == now[part], (
                f"{table.name}.qml: its {part} is not what make_styles.py writes now")


def test_an_inspections_target_shows_as_its_text(layers):
    targets = layers["project_targets"]
    target = next(targets.getFeatures())
    kind, shown = _represent(layers["project_inspections"], "target_uuid", target["uuid"])
    assert kind == "ValueRelation"
    assert shown in (target["target_zh"], target["target_en"]) and shown != target["uuid"]


def test_a_plugin_unloaded_leaves_no_handler_and_enabled_again_adopts_the_open_layers(
        iface, master, tmp_path):
    """Disabling the plugin (or upgrading it, which unloads the old code) takes its area and
    centre handlers off the layers; enabled again with the project open, it hands them
    back, once: two would each write the derived fields of every edit."""
    from qgis_plugin.plugin import ToksunPlugin

    project = QgsProject.instance()
    plugin = ToksunPlugin(iface)
    plugin.initGui()
    try:
        assert project.read(saved_project(master, tmp_path))
        plugin.unload()
        patches = patches_of(project)
        assert patches.startEditing()
        feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
        assert patches.changeGeometry(feature.id(), feature.geometry().buffer(0.002, 4))
        assert patches.undoStack().count() == 1  # the geometry alone: nothing recomputed
        patches.rollBack()
        plugin = ToksunPlugin(iface)  # enabled again, the project still open
        plugin.initGui()
        gc.collect()
        edit_and_check(patches_of(project))
        # the geometry and its 3 derived values, the new feature and its 3: once each
        assert patches.undoStack().count() == 8
        patches.rollBack()
    finally:
        plugin.unload()
        project.clear()


def test_a_geometry_edit_in_a_layer_in_gauss_kruger_derives_lonlat_and_geodesic_area(
        iface, plugin, plan_gpkg, tmp_path):
    """A master whose plan layers are in a Gauss-Krüger zone in metres (EPSG:4517, made
    before init refused such a file), opened by the plugin and edited as a user does: the
    area and centre are those of the geometry in EPSG:4490, not of its metres."""
    import subprocess

    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    master = tmp_path / "m4517.gpkg"
    subprocess.run(["ogr2ogr", "-t_srs", "EPSG:4517", str(master), str(plan_gpkg)],
                   check=True, capture_output=True)
    patches = plugin.load(master)["mine_patches"]
    assert patches.crs().authid() == "EPSG:4517"
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    assert patches.startEditing()
    moved = QgsGeometry(feature.geometry())
    moved.translate(800.0, 0.0)
    bigger = moved.buffer(200.0, 4)
    assert patches.changeGeometry(feature.id(), bigger)
    edited = buffered(patches, feature.id())
    lonlat = QgsGeometry(bigger)
    lonlat.transform(QgsCoordinateTransform(
        patches.crs(), QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()))
    assert edited["area_m2"] == pytest.approx(geometry.wkb_area(bytes(lonlat.asWkb())),
                                              rel=1e-6)
    assert edited["area_m2"] == pytest.approx(bigger.area(), rel=0.01)  # metres² near the CM
    c = lonlat.centroid().asPoint()
    assert 88 < c.x() < 89.2 and 41 < c.y() < 44
    assert edited["centre_lon"] == pytest.approx(c.x(), abs=1e-5)
    assert edited["centre_lat"] == pytest.approx(c.y(), abs=1e-5)
    patches.rollBack()


def _editor(form, column):
    """The widget a user types or picks ``column``'s value in, in QGIS's feature form."""
    from qgis.PyQt.QtWidgets import QComboBox, QLineEdit

    return next(w for w in form.findChildren((QComboBox, QLineEdit)) if w.objectName() == column)


def test_a_patch_form_offers_the_plans_lists_and_refuses_what_the_plan_does_not_allow(layers):
    """QGIS's feature form of a mine patch, opened and typed in as a user does: mineral,
    phase and township are picked from the plan's lists (no 'Xyz'), a negative stated area
    is refused, and what the shape gives (area, centre) is not typed by hand."""
    from qgis.gui import QgsAttributeDialog
    from qgis.PyQt import sip
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QComboBox, QDialogButtonBox

    patches = layers["mine_patches"]
    feature = next(patches.getFeatures(f"\"patch_code\" = '{CODE}'"))
    assert patches.startEditing()
    dialog = QgsAttributeDialog(patches, feature, False, None, True)
    try:
        form = dialog.attributeForm()
        picked = {}
        for column, values in (("mineral", {"建筑用砂", "水泥用石灰岩", "砖瓦用粘土"}),
                               ("phase", {"近期", "中期", "远期"}),
                               ("township", {"托克逊镇", "库米什镇", "夏镇"})):
            box = _editor(form, column)
            assert isinstance(box, QComboBox) and not box.isEditable(), column
            codes = {box.itemData(i) for i in range(box.count())}
            assert values <= codes, (column, codes)
            picked[column] = codes
        assert "Xyz" not in picked["mineral"]
        for column in DERIVED:
            assert _editor(form, column).isReadOnly(), column
        stated = _editor(form, "project_treated_area_km2")
        stated.clear()
        QTest.keyClicks(stated, "-0.5")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        assert not ok.isEnabled()  # QGIS's form will not take it
        stated.clear()
        QTest.keyClicks(stated, "0.5")
        assert ok.isEnabled()
        assert form.save()
        # what the save put in the edit buffer, read without a new read of the file (which
        # a map render reading the same file at that moment could leave empty)
        column = patches.fields().indexOf("project_treated_area_km2")
        assert patches.editBuffer().changedAttributeValues()[feature.id()][column] == 0.5
    finally:
        sip.delete(dialog)  # (before the layer goes)
        QgsApplication.processEvents()
    assert "project_treated_area_km2" in _check(patches, {"project_treated_area_km2": -1.0})
    assert "mineral" in _check(patches, {"mineral": "Xyz"})


def test_a_new_verifications_mineral_offers_the_list_and_says_a_value_outside_it(layers):
    """QGIS's own form of a new patch verification (Start Editing, Add Feature): its mineral
    is picked from the plan's list as a patch's is (it was a plain text box); a value outside
    the list (which the field may send) is said, not refused."""
    from qgis.gui import QgsAttributeDialog
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QComboBox

    verifications = layers["patch_verifications"]
    assert verifications.startEditing()
    for mineral in (None, "Xyz"):
        feature = QgsFeature(verifications.fields())
        feature["mineral"] = mineral
        dialog = QgsAttributeDialog(verifications, feature, False, None, True)
        try:
            box = _editor(dialog.attributeForm(), "mineral")
            assert isinstance(box, QComboBox), type(box)
            assert {"建筑用砂", "水泥用石灰岩", "砖瓦用粘土"} <= {
                box.itemData(i) for i in range(box.count())}
            if mineral:  # one sent from the field: kept as it is
                assert box.currentData() == mineral, box.currentText()
        finally:
            sip.delete(dialog)  # (before the layer goes)
            QgsApplication.processEvents()
    assert "mineral" not in _check(verifications, {"mineral": "Xyz"})  # not refused: said
    feature = QgsFeature(verifications.fields())
    i = verifications.fields().indexOf("mineral")
    for value, ok in (("Xyz", False), ("建筑用砂", True), (None, True)):
        feature["mineral"] = value
        assert QgsVectorLayerUtils.validateAttribute(
            verifications, feature, i, QgsFieldConstraints.ConstraintStrengthSoft)[0] is ok
    said = verifications.constraintDescription(i)
    assert said == {"zh": "矿种不在列表中：请核对",
                    "en": "Mineral: not one of its list; check it"}[user_language()], said


def test_a_patchs_project_shows_as_its_name(layers):
    """A mine patch's project (所属项目), shown by the project's name in the user's language,
    not by its uuid; a project's program alike."""
    patch = next(layers["mine_patches"].getFeatures(f"\"patch_code\" = '{CODE}'"))
    project = next(layers["restoration_projects"].getFeatures(
        f"\"uuid\" = '{patch['project_uuid']}'"))
    name = project[f"name_{user_language()}"]
    assert _represent(layers["mine_patches"], "project_uuid", patch["project_uuid"]) == (
        "ValueRelation", name)
    program = next(layers["restoration_programs"].getFeatures(
        f"\"uuid\" = '{project['program_uuid']}'"))
    assert _represent(layers["restoration_projects"], "program_uuid",
                      project["program_uuid"]) == (
        "ValueRelation", program[f"name_{user_language()}"])


def test_a_patchs_period_follows_its_phase_in_the_form_and_on_save(layers):
    """The phase picked in a patch's form (近期 → 中期) gives the period it names at once,
    before the save, and the save carries it; the period is not typed by hand."""
    from qgis.gui import QgsAttributeDialog
    from qgis.PyQt import sip

    from field_kit.plan import schema

    patches = layers["mine_patches"]
    feature = next(patches.getFeatures("\"phase\" = '近期'"))
    assert feature["period"] == "2021-2025年"
    assert patches.startEditing()
    dialog = QgsAttributeDialog(patches, feature, False, None, True)
    try:
        form = dialog.attributeForm()
        period = _editor(form, "period")
        assert period.isReadOnly()
        form.changeAttribute("phase", "中期")
        assert period.text() == schema.PHASE_PERIODS["中期"] == "2026-2030年"
        assert form.save()
        column = patches.fields().indexOf("period")
        assert patches.editBuffer().changedAttributeValues()[feature.id()][column] == \
            "2026-2030年"
    finally:
        sip.delete(dialog)  # (before the layer goes)
        QgsApplication.processEvents()
    phase = patches.fields().indexOf("phase")
    assert patches.changeAttributeValue(feature.id(), phase, "远期")  # (the attribute table)
    assert patches.getFeature(feature.id())["period"] == "2031-2035年"
    patches.rollBack()
