# SPDX-License-Identifier: GPL-2.0-or-later
"""A saved verification is listed and reopened to be corrected (an update of its row, not
a second record); a new one is started on purpose; the list marks drafts and unsent work."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt

from field_kit.app.form_widget import FormWidget
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from tests.app.test_main_window import _save_verification


def _ops(package, uuid):
    conn = sqlite3.connect(package)
    try:
        from field_kit.sync import log_reads
        return [c["op"] for c in reversed(log_reads.log(conn, row_uuid=uuid))]
    finally:
        conn.close()


def _saved_and_reopened(qtbot, package, patch, photo) -> tuple[FormWidget, str]:
    """A verification saved with a photo, and its patch's form opened again: (the form,
    the record's uuid)."""
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    uuid = _save_verification(fw, photo)
    fw.close_db()
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    return again, uuid


def test_a_saved_verification_is_listed_reopened_and_corrected(qtbot, package, patch, photo):
    again, uuid = _saved_and_reopened(qtbot, package, patch, photo)
    assert again.record_uuid == uuid  # the saved record, not a blank form with errors
    assert again.editor("verifier").edit.text() == "Ayxam"
    assert not [p for p in again.problems if p.severity == "error"]
    assert again.records.count() == 1
    line = again.records.item(0).text()
    assert "Ayxam" in line and "1 photo" in line and again.values()["verified_on"] in line
    assert "not sent yet" in line

    qtbot.keyClicks(again.editor("verifier").edit, " Tursun")
    assert again.save() == uuid
    conn = sqlite3.connect(package)
    assert conn.execute("SELECT count(*), max(verifier) FROM patch_verifications WHERE "
                        "patch_uuid = ?", (patch[0],)).fetchone() == (1, "Ayxam Tursun")
    conn.close()
    assert _ops(package, uuid) == ["insert", "update"]

    # a new one, on purpose: the saved one stays as it was
    qtbot.mouseClick(again.new_button, Qt.LeftButton)
    assert again.record_uuid is None and again.editor("verifier").edit.text() == ""
    assert again.records.count() == 2  # the new one and the saved one
    qtbot.keyClicks(again.editor("verifier").edit, "Nurgul")  # kept as a draft of the new one
    item = next(again.records.item(i) for i in range(again.records.count())
                if again.records.item(i).data(Qt.UserRole) == uuid)
    again.records.itemClicked.emit(item)
    assert again.record_uuid == uuid and again.editor("verifier").edit.text() == "Ayxam Tursun"
    again.close_db()


def test_the_list_marks_drafts_and_records_waiting_to_be_sent(qtbot, package, patch, photo):
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    try:
        others = [e for e in win.list.entries if e.kind == PATCH and e.uuid != patch[0]]
        win.select(PATCH, patch[0])
        _save_verification(win.form, photo)
        text = win.list.items[(PATCH, patch[0])].text(0)
        assert "not sent yet" in text and "draft" not in text
        win.select(PATCH, others[0].uuid)
        qtbot.keyClicks(win.form.editor("verifier").edit, "N")
        assert "✎draft" in win.list.items[(PATCH, others[0].uuid)].text(0)
        assert "draft" not in win.list.items[(PATCH, others[1].uuid)].text(0)
    finally:
        win.close()


def test_a_saved_inspection_is_listed_and_reopened(qtbot, package):
    conn = sqlite3.connect(package)
    project, lon, lat = conn.execute(
        "SELECT p.uuid, m.centre_lon, m.centre_lat FROM restoration_projects p JOIN "
        "mine_patches m ON m.project_uuid = p.uuid JOIN project_targets t ON "
        "t.project_uuid = p.uuid LIMIT 1").fetchone()
    conn.close()
    fw = FormWidget(package, "project_inspection", project, language="en")
    qtbot.addWidget(fw)
    target = fw.editor("target_uuid")
    target.combo.setCurrentIndex(1)
    target.combo.activated.emit(1)
    rating = fw.editor("rating")
    rating.combo.setCurrentIndex(1)
    rating.combo.activated.emit(1)
    fw.set_value("completed_quantity", "0.1")
    fw.set_value("inspector", "Wang")
    fw.position.fill(lon, lat, 4.0)
    uuid = fw.save()
    assert uuid, [p.message("en") for p in fw.problems]
    fw.close_db()
    again = FormWidget(package, "project_inspection", project, language="en")
    qtbot.addWidget(again)
    assert again.record_uuid == uuid and "Wang" in again.records.item(0).text()
    again.set_value("inspector", "Wang Li")
    assert again.save() == uuid
    assert _ops(package, uuid) == ["insert", "update"]
    again.close_db()


def test_the_list_and_the_report_pick_the_same_latest_record_on_a_tie(window, package):
    """Two verifications of one patch on the same day and second: the one added last is the
    latest for the app's list and the progress report alike."""
    from field_kit.db import connect
    from field_kit.reports.progress import progress
    entry = next(e for e in window.list.entries if e.kind == PATCH)
    conn = connect(package)
    for status in ("A", "B"):
        conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, remediation_status, "
                     "verified_on, created_at) VALUES (?, ?, ?, '2025-06-01', "
                     "'2025-06-01T10:00:00.000Z')", (f"tie-{status}", entry.uuid, status))
    conn.close()
    window.reload()
    listed = next(e.status for e in window.list.entries if e.uuid == entry.uuid)
    reported = next(p.status for p in progress(package).patches if p.uuid == entry.uuid)
    assert listed == reported == "B"


def test_the_list_the_form_and_the_report_compare_dates_as_days(qtbot, window, package):
    """A verification dated 2024/01/05 (as QGIS's text field takes it) is older than one of
    2024-03-12, though it sorts after it as text: the list's status, the form's record and
    the report all take the March one as the latest."""
    from field_kit.db import connect
    from field_kit.reports.progress import progress
    entry = next(e for e in window.list.entries if e.kind == PATCH)
    conn = connect(package)
    conn.execute("DELETE FROM patch_verifications WHERE patch_uuid = ?", (entry.uuid,))
    for uuid, status, day, written in (("march", "B", "2024-03-12", "2024-03-12T10:00:00.000Z"),
                                       ("january", "A", "2024/01/05",
                                        "2024-06-01T10:00:00.000Z")):
        conn.execute("INSERT INTO patch_verifications (uuid, patch_uuid, remediation_status, "
                     "verified_on, created_at) VALUES (?, ?, ?, ?, ?)",
                     (uuid, entry.uuid, status, day, written))
    conn.close()
    window.reload()
    listed = next(e.status for e in window.list.entries if e.uuid == entry.uuid)
    reported = next(p.status for p in progress(package).patches if p.uuid == entry.uuid)
    assert listed == reported == "B"
    form = FormWidget(package, "patch_verification", entry.uuid, language="en")
    qtbot.addWidget(form)
    assert form.record_uuid == "march"
    assert form.records.item(0).text().startswith("2024-03-12")
    form.close_db()


def test_a_save_writes_back_none_of_what_was_left_as_it_was(qtbot, package, patch, photo):
    """The record changed in the file while its form was open (another program wrote the
    package): the save writes the field the technician changed, and keeps the other's value
    in the fields left as they were (it wrote back what the form showed, silently undoing
    the other edit)."""
    from field_kit.db import connect
    form, uuid = _saved_and_reopened(qtbot, package, patch, photo)
    assert form.record_uuid == uuid
    conn = connect(package)
    conn.execute("UPDATE patch_verifications SET notes = 'the supervisor''s note' "
                 "WHERE uuid = ?", (uuid,))
    conn.close()
    form.set_value("verifier", "Ayxam Tursun")
    assert form.save() == uuid
    conn = connect(package)
    assert conn.execute("SELECT verifier, notes FROM patch_verifications WHERE uuid = ?",
                        (uuid,)).fetchone() == ("Ayxam Tursun", "the supervisor's note")
    conn.close()
    form.close_db()
