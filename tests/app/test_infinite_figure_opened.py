# SPDX-License-Identifier: GPL-2.0-or-later
"""A verification whose areas a script wrote as 1e400 (SQLite holds +Infinity) opens in
the form: its areas shown as they are, each named as no number the form takes."""

from __future__ import annotations

from field_kit.app.form_widget import FormWidget
from tests.unit.gpkg_factory import edit, rows


def test_a_record_holding_an_infinite_area_opens_and_names_it(qtbot, package, patch):
    edit(package, "INSERT INTO patch_verifications (patch_uuid, patch_code, "
                  "remediation_status, verified_on, measured_area_m2, treated_area_m2) SELECT "
                  "uuid, patch_code, 'C', '2024-05-01', 1e400, -1e400 FROM mine_patches "
                  "WHERE uuid = ?", patch[0])
    ((record,),) = rows(package, "SELECT uuid FROM patch_verifications")
    fw = FormWidget(package, "patch_verification", record, language="en")
    qtbot.addWidget(fw)
    fw.show()
    assert fw.editor("measured_area_m2").edit.text() == "inf"
    assert fw.editor("treated_area_m2").edit.text() == "-inf"
    said = {p.field: p.message("en") for p in fw.problems}
    assert said["measured_area_m2"] == "Measured area (m²) is far too large: check the " \
        "number and its unit"
    assert said["treated_area_m2"] == "Treated area (m²) is far too large: check the number " \
        "and its unit"
    assert not fw.save_button.isEnabled()
    fw.close_db()
