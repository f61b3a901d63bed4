# SPDX-License-Identifier: GPL-2.0-or-later
"""QField's own form and relations, as QGIS reads them from the project a checkout writes,
hold the field app's rules: a record deleted takes its photos with it (none is left naming
a record that is gone, in the package or the master), a blank note or name is missing, and
a photo the app attached can be edited."""

from __future__ import annotations

import gc
import sqlite3
from datetime import date

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsFieldConstraints,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.PyQt.QtCore import QDate

from field_kit import forms
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.forms.validate import nearest_outline_point
from field_kit.qfield import attribute_forms as qforms
from field_kit.qfield import checkout
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif

HARD = QgsFieldConstraints.ConstraintStrengthHard
PV, PI = forms.PATCH_VERIFICATION, forms.PROJECT_INSPECTION
ORPHANS = ("SELECT count(*) FROM photos p WHERE NOT EXISTS (SELECT 1 FROM patch_verifications "
           "v WHERE v.uuid = p.record_uuid) AND NOT EXISTS (SELECT 1 FROM project_inspections "
           "i WHERE i.uuid = p.record_uuid)")


def _open(info):
    project = QgsProject.instance()
    project.clear()
    assert project.read(info["project"]), project.error()
    return project


def _close():
    QgsProject.instance().clear()
    QgsApplication.processEvents()  # the layers' deferred deletion, while the project is ours
    gc.collect()


@pytest.fixture
def project(master, tmp_path):
    info = checkout(master, tmp_path / "phone1", "phone1")
    _open(info)
    yield info
    _close()


def _layer(table):
    layer = QgsProject.instance().mapLayer(qforms.layer_id(table))
    assert layer is not None and layer.isValid(), table
    return layer


def _count(gpkg, sql, *args):
    conn = sqlite3.connect(gpkg)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


_VALUES = {"patch_class": "10", "patch_subclass": "11", "damage_type": "挖损",
           "patch_feature": "1", "remediation_status": "A", "measured_area_m2": 1200.0}


def _new_verification(pv, patch, point=None, **values):
    point = point or patch.geometry().centroid().asPoint()
    feat = QgsVectorLayerUtils.createFeature(pv, QgsGeometry.fromPointXY(point), {},
                                             pv.createExpressionContext())
    feat["patch_uuid"], feat["patch_code"] = patch["uuid"], patch["patch_code"]
    feat["verified_on"] = QDate(2025, 6, 1)
    for k, v in {**_VALUES, **values}.items():
        feat[k] = v
    return feat


def test_deleting_a_record_in_qfield_deletes_its_photos_and_leaves_no_orphan(
        project, master, tmp_path):
    pv, ph = _layer("patch_verifications"), _layer("photos")
    patch = next(_layer("mine_patches").getFeatures())
    feat = _new_verification(pv, patch)
    assert pv.startEditing() and pv.addFeature(feat)
    assert pv.commitChanges(), pv.commitErrors()
    record = feat["uuid"]
    (tmp_path / "phone1" / "DCIM" / "20250601_101010.jpg").write_bytes(
        jpeg_with_exif(lat=42.9, lon=88.6, heading=90.0, taken="2025:06:01 10:10:10"))
    photo = QgsVectorLayerUtils.createFeature(ph, QgsGeometry(), {
        ph.fields().indexOf("record_uuid"): record,
        ph.fields().indexOf("file_name"): "DCIM/20250601_101010.jpg"},
        ph.createExpressionContext())
    assert ph.startEditing() and ph.addFeature(photo)
    assert ph.commitChanges(), ph.commitErrors()
    del pv, ph  # closed with the project: its -wal written back into the package
    _close()
    first = tmp_path / "c1.zip"
    assert cli.main(["export", project["folder"], str(first)]) == 0
    assert not merge.merge(master, [first]).refused
    assert _count(master, "SELECT count(*) FROM photos WHERE record_uuid = ?", record) == 1

    # QField deletes the record as QGIS does: the relation's cascade reaches its photos
    qgis_project = _open(project)
    pv, ph = _layer("patch_verifications"), _layer("photos")
    fid = next(pv.getFeatures(f"\"uuid\" = '{record}'")).id()
    cascades, _ = QgsVectorLayerUtils.impactsCascadeFeatures(pv, [fid], qgis_project)
    assert cascades
    assert pv.startEditing()
    context = QgsVectorLayer.DeleteContext(True, qgis_project)
    assert pv.deleteFeatures([fid], context)
    for lyr in (ph, pv):
        assert lyr.commitChanges(), lyr.commitErrors()
    package = project["folder"] + "/package.gpkg"
    assert _count(package, "SELECT count(*) FROM photos WHERE record_uuid = ?", record) == 0
    # a patch is only referred to: deleting one would delete no record
    patches = _layer("mine_patches")
    patch_fid = next(patches.getFeatures(f"\"uuid\" = '{feat['patch_uuid']}'")).id()
    assert not QgsVectorLayerUtils.impactsCascadeFeatures(patches, [patch_fid], qgis_project)[0]
    del pv, ph, patches, qgis_project
    _close()
    second = tmp_path / "c2.zip"
    assert cli.main(["export", project["folder"], str(second)]) == 0
    rep = merge.merge(master, [second])
    assert not rep.refused and rep.totals["conflict"] == rep.totals["refused"] == 0
    assert _count(master, "SELECT count(*) FROM patch_verifications WHERE uuid = ?", record) == 0
    assert _count(master, ORPHANS) == 0


def _app_errors(form, feat, conn, subject, dated):
    typed = {c: None if feat[c] == NULL else feat[c] for c in form.columns}
    typed[dated] = "2025-06-01"
    ctx = forms.form_context(conn, form, subject, today=date.today())
    return {p.field for p in forms.validate(form, typed, ctx) if p.severity == "error"
            and p.code != "photo_required_for_restored"}


def _qgis_errors(layer, feat):
    return {layer.fields().at(i).name() for i in range(layer.fields().count())
            if not QgsVectorLayerUtils.validateAttribute(layer, feat, i, HARD)[0]}


# an emptied field is '' in QField; a space, or the ideographic one, is blank to the app
BLANKS = (None, "", " ", "\u3000 ")


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_a_blank_position_note_or_verifier_is_missing_in_qfield_as_in_the_app(project, blank):
    pv = _layer("patch_verifications")
    patch = next(_layer("mine_patches").getFeatures())
    centre = patch.geometry().centroid().asPoint()
    far = QgsPointXY(centre.x() + 0.05, centre.y())  # about 4 km east: a note is needed
    conn = sqlite3.connect(project["folder"] + "/package.gpkg")
    try:
        for values, wanted in (
                ({"position_note": blank}, {"position_note"}),
                ({"verifier": blank, "position_note": "道路不通，远处观察"}, {"verifier"}),
                ({"position_note": " 道路不通 ", "verifier": " 李工 "}, set())):
            feat = _new_verification(pv, patch, far, **values)
            assert _qgis_errors(pv, feat) == _app_errors(PV, feat, conn, patch["uuid"],
                                                         "verified_on") == wanted, values
    finally:
        conn.close()


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_a_blank_inspector_note_or_target_is_missing_in_qfield_as_in_the_app(project, blank):
    pi = _layer("project_inspections")
    patches = _layer("mine_patches")
    with_patches = {p["project_uuid"] for p in patches.getFeatures()}
    target = next(t for t in _layer("project_targets").getFeatures()
                  if t["project_uuid"] in with_patches and t["quantity"])
    patch = next(p for p in patches.getFeatures() if p["project_uuid"] == target["project_uuid"])
    centre = patch.geometry().centroid().asPoint()
    conn = sqlite3.connect(project["folder"] + "/package.gpkg")
    try:
        for point, values, wanted in (
                (centre, {"inspector": blank}, {"inspector"}),
                (QgsPointXY(centre.x() + 0.05, centre.y()), {"position_note": blank},
                 {"position_note"}),
                (centre, {"target_uuid": blank, "completed_quantity": None},
                 {"target_uuid"})):
            feat = QgsVectorLayerUtils.createFeature(pi, QgsGeometry.fromPointXY(point), {},
                                                     pi.createExpressionContext())
            feat["project_uuid"], feat["project_id"] = target["project_uuid"], "XM"
            feat["inspected_on"] = QDate(2025, 6, 1)
            for k, v in {"target_uuid": target["uuid"], "unit": target["unit"], "rating": "2",
                         "completed_quantity": target["quantity"] / 2, **values}.items():
                feat[k] = v
            assert _qgis_errors(pi, feat) == _app_errors(PI, feat, conn, target["project_uuid"],
                                                         "inspected_on") == wanted, values
    finally:
        conn.close()


@pytest.mark.parametrize("name, kept", [
    ("IMG_0001.jpg", True),  # the app's photo, written at the project's top
    ("DCIM/20250601_101010123.jpg", True),  # QField's
    ("../IMG_0001.jpg", False), ("DCIM/../../IMG_0001.jpg", False),
    ("/storage/emulated/0/DCIM/IMG_0001.jpg", False), ("C:\\Users\\li\\IMG_0001.jpg", False),
    ("C:/Users/li/IMG_0001.jpg", False)])
def test_a_photo_must_be_inside_the_project_folder(project, name, kept):
    ph = _layer("photos")
    feat = QgsVectorLayerUtils.createFeature(ph, QgsGeometry(), {
        ph.fields().indexOf("record_uuid"): "r1", ph.fields().indexOf("file_name"): name},
        ph.createExpressionContext())
    i = ph.fields().indexOf("file_name")
    assert QgsVectorLayerUtils.validateAttribute(ph, feat, i, HARD)[0] == kept


def test_a_photo_the_app_attached_is_edited_in_qfield_and_the_edit_merges(master, tmp_path):
    app = tmp_path / "app.gpkg"
    assert cli.main(["checkout", str(master), str(app), "--device", "app1"]) == 0
    conn = connect(app)
    try:
        patch_uuid, code = conn.execute("SELECT uuid, patch_code FROM mine_patches "
                                        "ORDER BY fid LIMIT 1").fetchone()
        ctx = forms.form_context(conn, PV, patch_uuid)
        lon, lat = (round(v, 6) for v in nearest_outline_point((88.7, 42.9), ctx.subject_wkbs))
        record = forms.save_record(conn, PV, {
            **{k: str(v) for k, v in _VALUES.items()}, "patch_uuid": patch_uuid,
            "patch_code": code, "position_lon": lon, "position_lat": lat,
            "verifier": "阿依古丽", "verified_on": "2025-06-01"},
            photos=[("IMG_0001.jpg", jpeg_with_exif(lat=lat, lon=lon))], context=ctx)
    finally:
        conn.close()
    sent = tmp_path / "a.zip"
    assert cli.main(["export", str(app), str(sent)]) == 0
    assert not merge.merge(master, [sent]).refused

    info = checkout(master, tmp_path / "q", "q1")
    assert (tmp_path / "q" / "IMG_0001.jpg").is_file()  # where its name says
    _open(info)
    try:
        ph = _layer("photos")
        feat = next(ph.getFeatures(f"\"record_uuid\" = '{record}'"))
        assert feat["file_name"] == "IMG_0001.jpg"
        feat["caption"] = "QField 中修改说明"
        assert _qgis_errors(ph, feat) == set()
        assert ph.startEditing() and ph.updateFeature(feat)
        assert ph.commitChanges(), ph.commitErrors()
        del ph
    finally:
        _close()
    back = tmp_path / "q.zip"
    assert cli.main(["export", info["folder"], str(back)]) == 0
    rep = merge.merge(master, [back])
    assert not rep.refused and rep.totals["conflict"] == rep.totals["refused"] == 0
    assert _count(master, "SELECT caption FROM photos WHERE record_uuid = ?", record) == \
        "QField 中修改说明"
