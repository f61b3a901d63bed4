# SPDX-License-Identifier: GPL-2.0-or-later
"""The QField project a checkout writes, read by QGIS itself: its forms say what the form
definitions say (so the app, the QGIS dialog and QField cannot drift apart), a record made
through QGIS's own form machinery is captured and reaches the master, and photos taken
into DCIM/ travel with it."""

from __future__ import annotations

import gc
import os
import re
import shutil
import sqlite3
from datetime import date

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsFieldConstraints,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsValueRelationFieldFormatter,
    QgsVectorLayer,
    QgsVectorLayerUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QSize, QVariant
from qgis.PyQt.QtGui import QColor

from field_kit import forms
from field_kit.cli import commands as cli
from field_kit.forms.model import CHOICE, ERROR, TARGETS, UNITS
from field_kit.plan import schema
from field_kit.qfield import attribute_forms as qforms
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif
from tests.unit.test_qfield import WELLS, add_wells

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft
RECORD_TABLES = {t.name for t in schema.TABLES if t.kind == schema.RECORD}


@pytest.fixture
def project(master, tmp_path):
    info = checkout(master, tmp_path / "phone1", "phone1")
    project = QgsProject.instance()
    project.clear()
    assert project.read(info["project"]), project.error()
    yield info
    project.clear()
    QgsApplication.processEvents()  # the layers' deferred deletion, while the project is ours
    gc.collect()


def _layer(table, plan=True):
    layer = QgsProject.instance().mapLayer(qforms.layer_id(table, plan=plan))
    assert layer is not None and layer.isValid(), table
    return layer


def _code_lists(info):
    conn = sqlite3.connect(info["folder"] + "/package.gpkg")
    try:
        return forms.load_code_lists(conn)
    finally:
        conn.close()


def test_every_layer_is_relative_and_the_plan_is_read_only(project):
    with open(project["project"], encoding="utf-8") as fh:
        text = fh.read()
    sources = re.findall(r"<datasource>(.*?)</datasource>", text)
    assert sources and all(s.startswith("./package.gpkg|layername=") for s in sources)
    layers = QgsProject.instance().mapLayers()
    assert {lid for lid in layers} == {qforms.layer_id(t.name) for t in schema.TABLES}
    for t in schema.TABLES:
        layer = _layer(t.name)
        assert layer.readOnly() == (t.name not in RECORD_TABLES), t.name
        assert layer.dataProvider().dataSourceUri().startswith(project["folder"])
    assert QgsProject.instance().crs().authid() == "EPSG:4504"
    assert QgsExpressionContextUtils.projectScope(QgsProject.instance()).variable(
        qforms.TECHNICIAN_VARIABLE) == "phone1"


@pytest.mark.parametrize("form", list(forms.FORMS.values()), ids=lambda f: f.form_id)
def test_the_forms_say_what_the_definitions_say(project, form):
    layer = _layer(form.table)
    fields = layer.fields()
    codes = _code_lists(project)
    config = layer.editFormConfig()
    assert config.layout() == config.TabLayout
    assert layer.defaultValueDefinition(fields.indexOf("uuid")).expression() == \
        "regexp_replace(uuid(), '[{}]', '')"
    in_tabs = [c.name() for tab in config.tabs() for c in tab.children()]
    for f in form.fields:
        if f.widget == "photos":
            assert qforms.relation_id(form.table) in in_tabs
            continue
        for col in f.columns:
            i = fields.indexOf(col)
            assert i >= 0 and col in in_tabs, col
            if f.required and col in f.columns[:2]:
                c = fields.at(i).constraints()
                assert c.constraints() & QgsFieldConstraints.ConstraintNotNull, col
                assert c.constraintStrength(QgsFieldConstraints.ConstraintNotNull) == HARD
        i = fields.indexOf(f.name)
        if i < 0:
            continue
        assert fields.at(i).alias() == f.label.zh
        default = layer.defaultValueDefinition(i).expression()
        if f.widget == "date":
            assert default == "to_date(now())", f.name
        if f.source or f.name in ("verifier", "inspector"):
            assert default, f.name  # from the subject, or the technician
        setup = layer.editorWidgetSetup(i)
        if f.widget == CHOICE and f.code_list not in (TARGETS, UNITS) and not f.open_choice:
            assert setup.type() == "ValueRelation", f.name
            cfg = setup.config()
            assert cfg["Layer"] == qforms.layer_id("code_lists")
            if f.parent:  # each parent's children, as the app offers them
                for parent in codes[form.field(f.parent).code_list]:
                    feat = QgsVectorLayerUtils.createFeature(layer)
                    feat[f.parent] = parent.code
                    got = QgsValueRelationFieldFormatter.createCache(cfg, feat)
                    want = [c for c in codes[f.code_list] if c.parent_code == parent.code]
                    assert {(v.key, v.value) for v in got} == {(c.code, c.label.zh)
                                                               for c in want}
            else:
                got = QgsValueRelationFieldFormatter.createCache(cfg)
                assert {(v.key, v.value) for v in got} == {(c.code, c.label.zh)
                                                           for c in codes[f.code_list]}
    # every rule is an expression on its field, with the app's strength
    app_only = qforms.app_only(form)
    for rule in form.rules:
        expr = qforms.rule_expressions(form)[rule.code]
        c = fields.at(fields.indexOf(rule.field)).constraints()
        if rule.field in app_only and rule.severity != ERROR:
            continue
        assert expr in c.constraintExpression(), rule.code
        soft = rule.severity != ERROR or rule.kind == "photo_required_when"
        assert c.constraintStrength(QgsFieldConstraints.ConstraintExpression) == (
            SOFT if soft else HARD), rule.code


def test_a_record_made_with_qgis_forms_reaches_the_master(project, master, tmp_path):
    pv = _layer("patch_verifications")
    patches = _layer("mine_patches")
    patch = next(patches.getFeatures())
    centre = patch.geometry().centroid()
    feat = QgsVectorLayerUtils.createFeature(pv, centre, {}, pv.createExpressionContext())
    # the defaults: a uuid without braces, the nearest patch, its code, the technician, today
    assert re.fullmatch(r"[0-9a-f-]{36}", feat["uuid"])
    assert feat["patch_uuid"] == patch["uuid"] and feat["patch_code"] == patch["patch_code"]
    assert feat["verifier"] == "phone1"
    assert feat["verified_on"] == QDate.currentDate()
    assert feat["position_lon"] == pytest.approx(round(centre.asPoint().x(), 6))
    values = {"patch_class": "10", "patch_subclass": "11", "damage_type": "挖损",
              "patch_feature": "1", "remediation_status": "C", "restoration_method": "2",
              "measured_area_m2": 1200.0, "treated_area_m2": 1500.0, "year_closed": 2015}
    for k, v in values.items():
        feat[k] = v
    i = pv.fields().indexOf("treated_area_m2")
    ok, errs = QgsVectorLayerUtils.validateAttribute(pv, feat, i, HARD)
    assert not ok and errs  # the app refuses the same values, with the same rule
    codes = {p.code for p in forms.validate(forms.PATCH_VERIFICATION, {
        **{k: feat[k] for k in forms.PATCH_VERIFICATION.columns if feat[k] != NULL},
        "verified_on": date.today().isoformat()}, forms.Context(code_lists=_code_lists(
            project))) if p.severity == ERROR}
    assert "treated_exceeds_measured" in codes
    feat["treated_area_m2"] = 800.0
    feat["patch_subclass"] = "31"  # not a sub-class of class 10
    j = pv.fields().indexOf("year_closed")
    feat["year_closed"] = date.today().year + 1
    assert not QgsVectorLayerUtils.validateAttribute(pv, feat, j, HARD)[0]
    feat["year_closed"] = 2015
    feat["patch_subclass"] = "11"
    for k in range(pv.fields().count()):
        assert QgsVectorLayerUtils.validateAttribute(pv, feat, k, HARD)[0], \
            pv.fields().at(k).name()
    # restored without a photo: QField warns and saves (the photo is added once saved)
    feat["remediation_status"] = "B"
    k = pv.fields().indexOf("remediation_status")
    assert QgsVectorLayerUtils.validateAttribute(pv, feat, k, HARD)[0]
    assert not QgsVectorLayerUtils.validateAttribute(pv, feat, k, SOFT)[0]
    assert pv.startEditing()
    assert pv.addFeature(feat)
    # a copy pasted as a second record of the same patch: new uuid from the defaults
    copy = QgsVectorLayerUtils.createFeature(pv, centre, {pv.fields().indexOf(n): feat[n]
                                                           for n in values},
                                             pv.createExpressionContext())
    assert copy["uuid"] != feat["uuid"]
    assert pv.addFeature(copy)
    assert pv.commitChanges(), pv.commitErrors()
    record = feat["uuid"]
    # a photo QField took: a file in DCIM/, a child row naming it
    ph = _layer("photos")
    (tmp_path / "phone1" / "DCIM" / "20250601_101010.jpg").write_bytes(
        jpeg_with_exif(lat=42.9, lon=88.6, heading=90.0, taken="2025:06:01 10:10:10"))
    photo = QgsVectorLayerUtils.createFeature(ph, QgsGeometry(), {
        ph.fields().indexOf("record_uuid"): record,
        ph.fields().indexOf("file_name"): "DCIM/20250601_101010.jpg"},
        ph.createExpressionContext())
    assert photo["record_table"] == "patch_verifications"
    assert ph.startEditing() and ph.addFeature(photo)
    assert ph.commitChanges(), ph.commitErrors()
    QgsProject.instance().clear()
    del pv, ph, patches
    gc.collect()
    out = tmp_path / "c.zip"
    assert cli.main(["export", project["folder"], str(out)]) == 0
    rep = merge.merge(master, [out])
    assert not rep.refused and rep.totals["applied"] >= 3
    with sqlite3.connect(master) as conn:
        row = conn.execute("SELECT patch_class, remediation_status, verifier, patch_uuid FROM "
                           "patch_verifications WHERE uuid = ?", (record,)).fetchone()
        assert row == ("10", "B", "phone1", feat["patch_uuid"])
        assert conn.execute("SELECT count(*) FROM patch_verifications").fetchone()[0] == 2
        p = conn.execute("SELECT record_table, mime_type, lat, lon, heading, taken_at, sha256 "
                         "FROM photos WHERE record_uuid = ?", (record,)).fetchone()
        assert p[:5] == ("patch_verifications", "image/jpeg", pytest.approx(42.9),
                         pytest.approx(88.6), pytest.approx(90.0))
        assert p[5].startswith("2025-06-01T10:10:10")
        assert conn.execute("SELECT count(*) FROM attachments WHERE sha256 = ?",
                            (p[6],)).fetchone() == (1,)


def test_capture_does_not_lean_on_the_rtree_trigger_names(project):
    """GDAL names (and renames) GeoPackage's R-tree triggers itself; capture has its own."""
    with sqlite3.connect(project["folder"] + "/package.gpkg") as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                            "type = 'trigger'")}
        for name in [n for n in names if n.startswith("rtree_")]:
            conn.execute(f'DROP TRIGGER "{name}"')
    pv = _layer("patch_verifications")
    pv.reload()
    feat = QgsVectorLayerUtils.createFeature(pv, QgsGeometry.fromPointXY(QgsPointXY(88.5, 42.8)),
                                             {}, pv.createExpressionContext())
    assert pv.startEditing() and pv.addFeature(feat) and pv.commitChanges()
    with sqlite3.connect(project["folder"] + "/package.gpkg") as conn:
        got = conn.execute("SELECT count(*) FROM sync_capture WHERE tbl = "
                           "'patch_verifications' AND op = 'insert'").fetchone()[0]
    assert got == 1


def _geotiff(path):
    from osgeo import gdal, osr  # only to make test imagery
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 200, 150, 3, gdal.GDT_Byte)
    ds.SetGeoTransform((87.5, 0.01, 0, 43.5, 0, -0.01))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds.SetProjection(srs.ExportToWkt())
    for band, value in ((1, 230), (2, 220), (3, 190)):
        ds.GetRasterBand(band).Fill(value)
    ds = None


def test_the_project_renders_over_its_basemap(master, tmp_path):
    _geotiff(tmp_path / "imagery.tif")
    info = checkout(master, tmp_path / "phone2", "phone2", township="托克逊镇",
                    basemap=tmp_path / "imagery.tif")
    proj = QgsProject.instance()
    proj.clear()
    assert proj.read(info["project"])
    try:
        basemap = proj.mapLayer("toksun_basemap")
        assert basemap.isValid() and basemap.crs().authid() == "EPSG:4490"
        assert basemap.source() == str(tmp_path / "phone2" / "basemap.tif")
        _render(proj, tmp_path)
        alone = _render(proj, tmp_path, [basemap])
        assert alone.pixelColor(400, 300).getRgb()[:3] == (230, 220, 190)
    finally:
        proj.clear()
        QgsApplication.processEvents()


def _render(proj, tmp_path, layers=None):
    settings = QgsMapSettings()
    settings.setLayers(layers or proj.layerTreeRoot().layerOrder())
    settings.setDestinationCrs(proj.crs())
    view = proj.viewSettings().defaultViewExtent()
    to_map = QgsCoordinateTransform(view.crs(), proj.crs(), proj)
    settings.setExtent(to_map.transformBoundingBox(view))
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(str(tmp_path / "qfield.png"))
    if os.environ.get("TOKSUN_QFIELD_PNG") and layers is None:  # to look at it
        image.save(os.environ["TOKSUN_QFIELD_PNG"])
    return image


def test_the_project_renders(project, tmp_path):
    image = _render(QgsProject.instance(), tmp_path)
    colours = {image.pixel(x, y) for x in range(0, 800, 10) for y in range(0, 600, 10)}
    assert len(colours) > 3  # more than a blank map


# One rule set, two checkers: values the app's validator refuses (or warns about) are the
# values QGIS's constraints refuse (or warn about), field by field.
# (areas of the order of the first patch's, 110,000 m²: one under a tenth of it is a warning
# the app alone gives, the field's hard rule holding its one expression in QGIS: app_only)
_PV_OK = {"patch_class": "10", "patch_subclass": "11", "damage_type": "挖损",
          "patch_feature": "1", "remediation_status": "A", "measured_area_m2": 100000.0,
          "treated_area_m2": 80000.0, "year_closed": 2015, "verified_on": "2025-06-01"}
_PV_CASES = {
    "valid": {},
    "treated over measured": {"treated_area_m2": 120000.0},
    "closed after the verification": {"year_closed": 2026},
    "closed before 1950": {"year_closed": 1949},
    "verified in the future": {"verified_on": "2035-12-30"},
    "verified before the plan": {"verified_on": "2020-12-31"},
    "in progress without a method": {"remediation_status": "C"},
    "no measured area": {"measured_area_m2": 0.0},
    "class missing": {"patch_class": None, "patch_subclass": None},
    "far from the patch": {"far": True},
    "far, with a note": {"far": True, "position_note": "道路不通，远处观察"},
    "restored without a photo": {"remediation_status": "B", "restoration_method": "1"},
    "odd patch code": {"patch_code": "X123"},
}


@pytest.mark.parametrize("case", list(_PV_CASES), ids=list(_PV_CASES))
def test_qgis_and_the_app_refuse_the_same_patch_verifications(project, case):
    pv = _layer("patch_verifications")
    patch = next(_layer("mine_patches").getFeatures())
    values = {**_PV_OK, **_PV_CASES[case]}
    point = patch.geometry().centroid().asPoint()
    if values.pop("far", False):
        point = QgsPointXY(point.x() + 0.05, point.y())  # about 4 km east
    feat = QgsVectorLayerUtils.createFeature(pv, QgsGeometry.fromPointXY(point), {},
                                             pv.createExpressionContext())
    for k, v in values.items():
        feat[k] = QDate.fromString(v, "yyyy-MM-dd") if k == "verified_on" else v
    conn = sqlite3.connect(project["folder"] + "/package.gpkg")
    try:
        ctx = forms.form_context(conn, forms.PATCH_VERIFICATION, patch["uuid"],
                                 today=date.today())
    finally:
        conn.close()
    typed = {c: None if feat[c] == NULL else feat[c] for c in forms.PATCH_VERIFICATION.columns}
    typed["verified_on"] = values["verified_on"]
    problems = forms.validate(forms.PATCH_VERIFICATION, typed, ctx)
    app = {s: {p.field for p in problems if p.severity == s} for s in ("error", "warning")}
    app["warning"] |= {p.field for p in problems if p.code == "photo_required_for_restored"}
    app["error"] -= {p.field for p in problems if p.code == "photo_required_for_restored"}
    qgis = {}
    for name, strength in (("error", HARD), ("warning", SOFT)):
        qgis[name] = {pv.fields().at(i).name() for i in range(pv.fields().count())
                      if not QgsVectorLayerUtils.validateAttribute(pv, feat, i, strength)[0]}
    assert qgis == app, case
    assert bool(app["error"] | app["warning"]) == (case not in ("valid", "far, with a note"))


_PI_CASES = {
    "valid": {},
    "no target": {"target_uuid": None, "completed_quantity": None},
    "target without a quantity": {"completed_quantity": None},
    "negative quantity": {"completed_quantity": -1.0},
    "over the target": {"completed_quantity": 1e9},
    "no rating": {"rating": None},
    "inspected in the future": {"inspected_on": "2035-12-30"},
}


@pytest.mark.parametrize("case", list(_PI_CASES), ids=list(_PI_CASES))
def test_qgis_and_the_app_refuse_the_same_project_inspections(project, case):
    pi = _layer("project_inspections")
    targets = _layer("project_targets")
    patches = _layer("mine_patches")
    with_patches = {p["project_uuid"] for p in patches.getFeatures()}
    target = next(t for t in targets.getFeatures() if t["project_uuid"] in with_patches
                  and t["quantity"])
    patch = next(p for p in patches.getFeatures() if p["project_uuid"] == target["project_uuid"])
    feat = QgsVectorLayerUtils.createFeature(pi, patch.geometry().centroid(), {},
                                             pi.createExpressionContext())
    assert feat["project_uuid"] == target["project_uuid"]  # the nearest patch's project
    values = {"target_uuid": target["uuid"], "completed_quantity": target["quantity"] / 2,
              "rating": "2", "inspected_on": "2025-06-01", **_PI_CASES[case]}
    for k, v in values.items():
        feat[k] = QDate.fromString(v, "yyyy-MM-dd") if k == "inspected_on" else v
    if feat["target_uuid"]:  # the unit follows the target (a default applied on update)
        assert QgsVectorLayerUtils.createFeature(
            pi, feat.geometry(), {pi.fields().indexOf("target_uuid"): feat["target_uuid"]},
            pi.createExpressionContext())["unit"] == target["unit"]
        feat["unit"] = target["unit"]
    conn = sqlite3.connect(project["folder"] + "/package.gpkg")
    try:
        ctx = forms.form_context(conn, forms.PROJECT_INSPECTION, target["project_uuid"],
                                 today=date.today())
    finally:
        conn.close()
    typed = {c: None if feat[c] == NULL else feat[c] for c in forms.PROJECT_INSPECTION.columns}
    typed["inspected_on"] = values["inspected_on"]
    problems = forms.validate(forms.PROJECT_INSPECTION, typed, ctx)
    only_app = set(qforms.app_only(forms.PROJECT_INSPECTION))
    app = {s: {p.field for p in problems if p.severity == s} for s in ("error", "warning")}
    app["warning"] -= only_app
    qgis = {}
    for name, strength in (("error", HARD), ("warning", SOFT)):
        qgis[name] = {pi.fields().at(i).name() for i in range(pi.fields().count())
                      if not QgsVectorLayerUtils.validateAttribute(pi, feat, i, strength)[0]}
    assert qgis == app, case
    assert bool(problems) == (case != "valid")


def test_qfield_names_a_new_photo_under_dcim(project):
    from qgis.core import QgsExpression
    ph = _layer("photos")
    name = QgsExpression(qforms.PHOTO_NAMING["file_name"]).evaluate(ph.createExpressionContext())
    assert re.fullmatch(r"DCIM/\d{8}_\d{9}\.jpg", name), name
    assert ph.customProperty("QFieldSync/attachment_naming")
    setup = ph.editorWidgetSetup(ph.fields().indexOf("file_name"))
    assert setup.type() == "ExternalResource" and setup.config()["RelativeStorage"] == 1


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_a_countys_own_layer_opens_editable_as_the_role_may_and_its_edits_merge(master,
                                                                               tmp_path):
    add_wells(master, tmp_path)
    stored = QgsVectorLayer(f"{master}|layername={WELLS}", WELLS, "ogr")  # GIS staff's style
    stored.renderer().symbol().setColor(QColor("#d7191c"))
    assert stored.saveStyleToDatabase("wells", "", True, "") == ""
    del stored
    gc.collect()
    project = QgsProject.instance()
    try:
        for role in ("technician", "gis"):
            info = checkout(master, tmp_path / role, f"{role}1", role=role)
            project.clear()
            assert project.read(info["project"]), project.error()
            layer = _layer(WELLS, plan=False)
            assert layer.featureCount() == 2 and layer.readOnly() == (role == "technician")
            assert layer.crs().authid() == "EPSG:4490"
            assert layer.wkbType() == QgsWkbTypes.Point
            assert layer.renderer().symbol().color().name() == "#d7191c"
            fields = layer.fields()
            assert fields.field("调查日期").type() == QVariant.Date
            assert fields.field("是否已修复").type() == QVariant.Bool
            widgets = {f.name(): layer.editorWidgetSetup(i).type() for i, f in enumerate(fields)}
            assert widgets == {"fid": "Hidden", "名称": "TextEdit", "调查日期": "DateTime",
                               "是否已修复": "CheckBox", "面积": "TextEdit", "uuid": "Hidden"}
            date = layer.editorWidgetSetup(fields.indexOf("调查日期")).config()
            assert date["calendar_popup"] and date["field_format"] == "yyyy-MM-dd"
        # GIS staff mend a well and add one, as in QField's form: both reach the master
        second = next(f for f in layer.getFeatures() if f["名称"] == "二号井")
        assert layer.startEditing()
        assert layer.changeAttributeValues(second.id(), {
            fields.indexOf("是否已修复"): True, fields.indexOf("调查日期"): QDate(2025, 6, 1)})
        third = QgsVectorLayerUtils.createFeature(
            layer, QgsGeometry.fromPointXY(QgsPointXY(88.63, 42.82)),
            {fields.indexOf("名称"): "三号井", fields.indexOf("是否已修复"): False},
            layer.createExpressionContext())
        assert re.fullmatch(r"[0-9a-f-]{36}", third["uuid"])  # drawn as the forms draw it
        assert layer.addFeature(third) and layer.commitChanges(), layer.commitErrors()
    finally:
        project.clear()
        QgsApplication.processEvents()
        gc.collect()
    assert cli.main(["export", info["folder"], str(tmp_path / "gis.changes")]) == 0
    assert not merge.merge(master, [tmp_path / "gis.changes"]).refused
    with sqlite3.connect(master) as conn:
        assert conn.execute(f'SELECT "名称", "调查日期", "是否已修复", uuid FROM "{WELLS}" '
                            'ORDER BY "名称"').fetchall()[1:] == [
            ("三号井", None, 0, third["uuid"]), ("二号井", "2025-06-01", 1, second["uuid"])]


def test_gis_staff_find_what_a_patchs_shape_gives_read_only(master, tmp_path):
    """A patch's area and centre, recomputed by every merge, are read-only in QGIS's reading
    of a GIS project too, its other fields editable."""
    info = checkout(master, tmp_path / "gis1", "gis1", role="gis")
    project = QgsProject.instance()
    try:
        project.clear()
        assert project.read(info["project"]), project.error()
        layer = _layer("mine_patches")
        config, fields = layer.editFormConfig(), layer.fields()
        locked = {n: config.readOnly(fields.indexOf(n))
                  for n in ("area_m2", "centre_lon", "centre_lat", "mineral", "patch_code")}
        assert locked == {"area_m2": True, "centre_lon": True, "centre_lat": True,
                          "mineral": False, "patch_code": False}
    finally:
        project.clear()
        QgsApplication.processEvents()
        gc.collect()
