# SPDX-License-Identifier: GPL-2.0-or-later
"""The form widget: fill a patch verification, see constraints, attach a photo, save."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PyQt5.QtCore import Qt

from field_kit.app.editors import AreaEditor, ChoiceEditor
from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts


def _pick(qtbot, editor: ChoiceEditor, code: str) -> None:
    """Choose a code the way a user does: the combo's item, then activated."""
    i = editor.combo.findData(code)
    assert i > 0, f"{code} not offered: {editor.codes}"
    editor.combo.setCurrentIndex(i)
    editor.combo.activated.emit(i)


def _problem_text(fw: FormWidget, name: str) -> str:
    label = fw.problem_labels[name]
    return label.text() if not label.isHidden() else ""


def test_fill_constraint_photo_and_save(qtbot, form, photo, package, patch):
    signals = []
    form.problems_changed.connect(signals.append)
    assert _problem_text(form, "patch_class") == ""  # (said once a save is tried)

    _pick(qtbot, form.editor("patch_class"), "10")
    _pick(qtbot, form.editor("patch_subclass"), "11")
    _pick(qtbot, form.editor("damage_type"), "挖损")
    _pick(qtbot, form.editor("patch_feature"), "1")
    _pick(qtbot, form.editor("remediation_status"), "B")
    _pick(qtbot, form.editor("restoration_method"), "3")
    area: AreaEditor = form.editor("measured_area_m2")
    qtbot.keyClicks(area.edit, "12")
    area.unit.setCurrentIndex(area.unit.findData("亩"))
    assert "8,000.00 m²" in area.hint.text()
    qtbot.keyClicks(form.editor("verifier").edit, "Ayxam")
    assert signals and isinstance(signals[-1], list)

    # restored without a photo: the constraint shows next to the status and blocks saving
    assert "Attach at least one site photo" in _problem_text(form, "remediation_status")
    assert form.save() is None
    assert "Position is required" in _problem_text(form, "position")
    assert not form.save_button.isEnabled()

    # the photo's EXIF position fills the empty position; the constraint goes away
    form.add_photos([photo])
    assert form.photos.list.count() == 1
    assert float(form.position.edits["position_lat"].text()) == pytest.approx(patch[2] + 0.00027)
    assert _problem_text(form, "remediation_status") == ""
    assert form.save_button.isEnabled(), [p.message("en") for p in form.problems]

    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    uuid = saved.args[0]
    conn = sqlite3.connect(package)
    row = conn.execute("SELECT patch_uuid, remediation_status, measured_area_m2, position_lon, "
                       "position_lat, verifier FROM patch_verifications WHERE uuid = ?",
                       (uuid,)).fetchone()
    assert row[0] == patch[0] and row[1] == "B" and row[5] == "Ayxam"
    assert row[2] == pytest.approx(8000.0)
    assert (row[3], row[4]) == (pytest.approx(patch[1]), pytest.approx(patch[2] + 0.00027))
    ph = conn.execute("SELECT file_name, lat, heading, taken_at, sha256 FROM photos WHERE "
                      "record_uuid = ?", (uuid,)).fetchone()
    assert ph[0] == "DSC_0001.jpg" and ph[2] == pytest.approx(182.0)
    assert ph[3] == "2025-06-01T10:15:00+08:00"
    assert conn.execute("SELECT size FROM attachments WHERE sha256 = ?",
                        (ph[4],)).fetchone()[0] == photo.stat().st_size
    # saved: no draft left, the widget now edits the saved record and shows its photo
    assert drafts.load_drafts(conn, "patch_verification") == []
    assert form.record_uuid == uuid and form.photos.list.count() == 1


def _restored_with_photos(qtbot, form, photos) -> str:
    """Save the form as a restored patch with ``photos``; its record's uuid."""
    for name, code in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "挖损"),
                       ("patch_feature", "1"), ("remediation_status", "B"),
                       ("restoration_method", "3")):
        _pick(qtbot, form.editor(name), code)
    qtbot.keyClicks(form.editor("measured_area_m2").edit, "12000")
    qtbot.keyClicks(form.editor("verifier").edit, "Ayxam")
    form.add_photos(photos)
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    return saved.args[0]


def _remove_photo(qtbot, form, row: int) -> None:
    """Select a thumbnail and click Remove photo, as a hand does."""
    form.photos.list.setCurrentRow(row)
    qtbot.mouseClick(form.photos.remove, Qt.LeftButton)


def test_a_saved_photo_removed_goes_at_save_and_comes_back_with_discard(
        qtbot, form, photo, package, answers, tmp_path):
    """Remove photo on a saved record takes effect with the record's other edits at Save;
    until then the photo is in the package, Discard puts it back, and a restored patch
    cannot be saved without any photo left."""
    second = tmp_path / "second.jpg"
    second.write_bytes(photo.read_bytes() + b"\0")  # another file, the same picture
    uuid = _restored_with_photos(qtbot, form, [photo, second])
    count = "SELECT count(*) FROM photos WHERE record_uuid = ?"
    conn = sqlite3.connect(package)
    assert conn.execute(count, (uuid,)).fetchone() == (2,)
    _remove_photo(qtbot, form, 0)
    assert form.photos.list.count() == 1
    assert conn.execute(count, (uuid,)).fetchone() == (2,)  # nothing written yet
    answers.append(True)
    assert form.discard_draft() and "cannot be undone" in answers.asked[-1]
    assert form.photos.list.count() == 2
    _remove_photo(qtbot, form, 0)
    _remove_photo(qtbot, form, 0)
    # the last photo of a restored patch: the rule holds before anything is written
    assert "Attach at least one site photo" in _problem_text(form, "remediation_status")
    assert not form.save_button.isEnabled() and form.save() is None
    assert conn.execute(count, (uuid,)).fetchone() == (2,)
    _pick(qtbot, form.editor("remediation_status"), "C")  # in progress: photos optional
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert conn.execute(count, (uuid,)).fetchone() == (0,)
    assert conn.execute("SELECT remediation_status FROM patch_verifications WHERE uuid = ?",
                        (uuid,)).fetchone() == ("C",)
    conn.close()


def test_sub_classes_follow_the_class(qtbot, form):
    _pick(qtbot, form.editor("patch_class"), "30")
    assert form.editor("patch_subclass").codes == tuple(str(n) for n in range(31, 38))
    _pick(qtbot, form.editor("patch_subclass"), "35")
    _pick(qtbot, form.editor("patch_class"), "10")
    assert form.editor("patch_subclass").codes == ("11", "12")
    assert form.values()["patch_subclass"] is None  # 35 is not a sub-class of 10


def test_warnings_do_not_block_and_errors_show_in_the_chosen_language(qtbot, form):
    qtbot.keyClicks(form.editor("measured_area_m2").edit, "-5")
    assert "must be greater than 0" in _problem_text(form, "measured_area_m2")
    form.set_language("zh")
    assert "须大于 0" in _problem_text(form, "measured_area_m2")
    assert form.editor("measured_area_m2").edit.text() == "-5"  # kept across the rebuild


def test_an_area_far_under_the_patch_is_warned_of_as_it_is_typed(qtbot, form, package,
                                                                     patch):
    """615 typed meaning 亩 into the field of m²: the form warns as it is typed (the reports
    caution on it, and said the form did), in the form's language; saving is not blocked
    by it."""
    with sqlite3.connect(package) as conn:
        (mapped,) = conn.execute("SELECT area_m2 FROM mine_patches WHERE uuid = ?",
                                 (patch[0],)).fetchone()
    assert mapped > 6150  # (the first patch by code: its mapped area well above a tenth)
    qtbot.keyClicks(form.editor("measured_area_m2").edit, "615")
    said = _problem_text(form, "measured_area_m2")
    assert "The measured area, 615.00 m², is" in said and "check the unit" in said, said
    assert all(p.severity == "warning" for p in form.problems
               if p.field == "measured_area_m2"), form.problems
    form.set_language("zh")
    assert "核查面积 615.00 平方米只有图斑面积" in _problem_text(form, "measured_area_m2")


def test_draft_kept_on_every_edit_and_restored(qtbot, package, patch, answers):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    qtbot.keyClicks(fw.editor("verifier").edit, "Nurgul")
    fw.set_value("treated_area_m2", "1.5", unit="公顷")
    fw.close_db()
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    assert again.editor("verifier").edit.text() == "Nurgul"
    area = again.editor("treated_area_m2")
    assert (area.edit.text(), area.current_unit()) == ("1.5", "公顷")
    assert again.values()["treated_area_m2"] == pytest.approx(15000.0)
    assert "draft restored" in again.banner.text()
    answers.append(False)  # 放弃草稿 asks first: No keeps it
    assert again.discard_draft() is False
    assert again.editor("verifier").edit.text() == "Nurgul"
    assert "cannot be undone" in answers.asked[0]
    assert drafts.load_drafts(again.conn, "patch_verification")
    answers.append(True)
    assert again.discard_draft()
    assert again.editor("verifier").edit.text() == ""
    assert drafts.load_drafts(again.conn, "patch_verification") == []
    again.close_db()


def test_position_provider_fills_a_new_record(qtbot, package, patch):
    fw = FormWidget(package, "patch_verification", patch[0], language="en",
                    position_provider=lambda: (patch[1], patch[2], 3.5))
    qtbot.addWidget(fw)
    v = fw.values()
    assert (float(v["position_lon"]), float(v["position_accuracy_m"])) == (
        pytest.approx(patch[1]), 3.5)
    fw.close_db()


def test_project_inspection_renders_from_the_same_definitions(qtbot, package):
    conn = sqlite3.connect(package)
    project = conn.execute("SELECT uuid FROM restoration_projects LIMIT 1").fetchone()[0]
    conn.close()
    fw = FormWidget(package, "project_inspection", project, language="zh")
    qtbot.addWidget(fw)
    assert "rating" in fw.editors and "target_uuid" in fw.editors
    assert any(p.field == "rating" for p in fw.problems)
    fw.close_db()


def test_a_draft_comes_back_over_the_record_as_it_is_now(qtbot, package, patch, photo):
    """A draft of a saved record keeps what the technician typed; the fields they left
    alone show the record's present values (a pull or GIS staff changed them since), and a
    field changed on both sides is named with the record's value."""
    from field_kit.db import connect
    from tests.app.test_failures import _fill

    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    _fill(fw, photo)
    record = fw.save()
    assert record
    qtbot.keyClicks(fw.editor("notes").edit, "seen from the road")
    qtbot.keyClicks(fw.editor("verifier").edit, " and Li")  # typed: a draft, not saved
    fw.close_db()
    with connect(package) as conn:  # meanwhile the record changes underneath
        conn.execute("UPDATE patch_verifications SET verifying_unit = '县自然资源局', "
                     "verifier = 'Ayxam Tursun' WHERE uuid = ?", (record,))
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    assert again.editor("verifying_unit").edit.text() == "县自然资源局"
    assert again.editor("notes").edit.toPlainText() == "seen from the road"
    assert again.editor("verifier").edit.text() == "Ayxam and Li"
    banner = again.banner.text()
    assert "draft restored" in banner and "Verifier: Ayxam Tursun" in banner, banner
    assert again.save() == record
    again.close_db()
    with connect(package) as conn:
        assert conn.execute("SELECT verifying_unit, notes, verifier FROM patch_verifications "
                            "WHERE uuid = ?", (record,)).fetchone() == (
            "县自然资源局", "seen from the road", "Ayxam and Li")


def test_saving_again_writes_only_what_was_changed(qtbot, package, patch, photo):
    """An area typed in mu is stored in m² with all its digits; saving the record again
    after a note leaves it exactly as stored (shown rounded, it was written back changed,
    a change of nobody's that travelled to the master)."""
    from field_kit.sync import log_reads
    from tests.app.test_failures import _fill

    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    _fill(fw, photo)
    fw.set_value("treated_area_m2", "1", unit="亩")
    record = fw.save()
    conn = sqlite3.connect(package)
    (area,) = conn.execute("SELECT treated_area_m2 FROM patch_verifications WHERE uuid = ?",
                           (record,)).fetchone()
    conn.close()
    assert area == pytest.approx(666.6666666666666) and area != round(area, 6)
    qtbot.keyClicks(fw.editor("notes").edit, "n")
    assert fw.save() == record
    fw.close_db()
    from field_kit.db import connect
    with connect(package) as conn:
        last = log_reads.log(conn, limit=1)[0]
        assert json.loads(last["new"]) == {"notes": "n"}
        assert conn.execute("SELECT treated_area_m2 FROM patch_verifications WHERE uuid = ?",
                            (record,)).fetchone()[0] == area
