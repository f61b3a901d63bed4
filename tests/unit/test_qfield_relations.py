# SPDX-License-Identifier: GPL-2.0-or-later
"""The relations of the QField project a checkout writes: a record owns its photos (QGIS and
QField delete them with it, as the app does), and only refers to its patch or project
(deleting one of those deletes no record). ``tests/qgis/test_qfield_forms_rules.py``
deletes through QGIS itself."""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
import xml.etree.ElementTree as ET

from field_kit import forms
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.forms.validate import nearest_outline_point
from field_kit.qfield import attribute_forms as qforms
from field_kit.qfield import checkout, dcim
from field_kit.sync import merge
from tests.unit.forms_fixtures import jpeg_with_exif


def test_a_record_owns_its_photos_and_refers_to_its_subject(master, tmp_path):
    info = checkout(master, tmp_path / "phone1", "phone1")
    relations = {r.get("id"): r for r in ET.parse(info["project"]).getroot().iter("relation")}
    wanted = {}
    for form in forms.FORMS.values():
        wanted[qforms.relation_id(form.table)] = (
            "Composition", qforms.layer_id(form.table), qforms.layer_id("photos"),
            ("record_uuid", "uuid"))
        wanted[f"{form.subject_table}_{form.table}"] = (
            "Association", qforms.layer_id(form.subject_table), qforms.layer_id(form.table),
            (form.subject_column, "uuid"))
    got = {}
    for rid, r in relations.items():
        ref = r.find("fieldRef")
        got[rid] = (r.get("strength"), r.get("referencedLayer"), r.get("referencingLayer"),
                    (ref.get("referencingField"), ref.get("referencedField")))
    assert got == wanted


def _orphans(gpkg) -> int:
    conn = sqlite3.connect(gpkg)
    try:
        return conn.execute(
            "SELECT count(*) FROM photos p WHERE NOT EXISTS (SELECT 1 FROM patch_verifications "
            "v WHERE v.uuid = p.record_uuid) AND NOT EXISTS (SELECT 1 FROM project_inspections "
            "i WHERE i.uuid = p.record_uuid)").fetchone()[0]
    finally:
        conn.close()


def test_a_record_deleted_alone_in_a_project_takes_its_photos_at_export(
        master, tmp_path, capsys, monkeypatch):
    """A project written before a record owned its photos (or any editor that does not read
    the project's relations) deletes the record alone: the export deletes its photos, says
    so, and the master keeps none naming a record that is gone."""
    info = checkout(master, tmp_path / "phone1", "phone1")
    package = info["folder"] + "/package.gpkg"
    conn = connect(package)
    try:
        patch, code = conn.execute("SELECT uuid, patch_code FROM mine_patches ORDER BY fid "
                                   "LIMIT 1").fetchone()
        ctx = forms.form_context(conn, forms.PATCH_VERIFICATION, patch)
        lon, lat = (round(v, 6) for v in nearest_outline_point((88.7, 42.9), ctx.subject_wkbs))
        record = forms.save_record(conn, forms.PATCH_VERIFICATION, {
            "patch_uuid": patch, "patch_code": code, "patch_class": "10",
            "patch_subclass": "11", "damage_type": "挖损", "patch_feature": "1",
            "remediation_status": "A", "measured_area_m2": "1200", "position_lon": lon,
            "position_lat": lat, "verifier": "李工", "verified_on": "2025-06-01"}, context=ctx)
        # QField's photo: a file in DCIM/ and a row naming it
        (tmp_path / "phone1" / "DCIM" / "20250601_101010123.jpg").write_bytes(
            jpeg_with_exif(lat=lat, lon=lon))
        with conn:
            conn.execute("INSERT INTO photos (uuid, record_uuid, record_table, file_name) "
                         "VALUES (?, ?, 'patch_verifications', ?)",
                         (str(uuidlib.uuid4()), record, "DCIM/20250601_101010123.jpg"))
    finally:
        conn.close()
    assert cli.main(["export", info["folder"], str(tmp_path / "c1.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c1.zip"]).refused
    conn = sqlite3.connect(package)
    with conn:
        conn.execute("DELETE FROM patch_verifications WHERE uuid = ?", (record,))
    conn.close()
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    assert cli.main(["export", info["folder"], str(tmp_path / "c2.zip")]) == 0
    out = capsys.readouterr().out
    # the record named as status names it, its layer by its title (in Chinese, 图斑核查记录)
    assert f"photos of Patch verifications {code} 2025-06-01 (row {record}), deleted in the " \
           "project, deleted with it: DCIM/20250601_101010123.jpg" in out, out
    assert f"在项目中删除的图斑核查记录 {code} 2025-06-01（要素 {record}）的照片已随之删除：" \
           "DCIM/20250601_101010123.jpg" in out, out
    assert _orphans(package) == 0
    rep = merge.merge(master, [tmp_path / "c2.zip"])
    assert not rep.refused and rep.totals["conflict"] == rep.totals["refused"] == 0
    assert _orphans(master) == 0


def test_a_photo_naming_a_record_the_package_never_had_is_left_as_it_is(master, tmp_path):
    info = checkout(master, tmp_path / "phone1", "phone1")
    package = info["folder"] + "/package.gpkg"
    conn = connect(package)
    try:
        with conn:
            conn.execute("INSERT INTO photos (uuid, record_uuid, record_table, file_name, "
                         "sha256) VALUES ('p1', 'elsewhere', 'patch_verifications', "
                         "'IMG_0001.jpg', 'x')")
        assert dcim.orphans(conn) == {}
    finally:
        conn.close()
