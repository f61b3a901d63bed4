# SPDX-License-Identifier: GPL-2.0-or-later
"""A grant taken back on the master (``field-kit roles --revoke``) and pulled: the app shows
the records the role may no longer change read-only, says why in both languages, offers no
new record of them; a grant narrowed to columns leaves only those fields editable."""

from __future__ import annotations

import sqlite3

from PyQt5.QtWidgets import QMessageBox

from field_kit.app import failures, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH, PROJECT
from field_kit.plan import geometry
from tests.app.conftest import click_in_list
from tests.app.test_main_window import _save_verification
from tests.unit.cli_run import cli_said


def _project(package) -> str:
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT p.uuid FROM restoration_projects p JOIN project_targets t "
                            "ON t.project_uuid = p.uuid LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def _revoke(capsys, master, *what: str) -> None:
    code, said = cli_said(capsys, "roles", master, "--revoke", "technician", *what)
    assert code == 0, said


def _notes_only(capsys, master) -> None:
    """The technician's grant of verifications narrowed to their notes."""
    _revoke(capsys, master, "patch_verifications")
    code, said = cli_said(capsys, "roles", master, "--grant", "technician",
                          "patch_verifications.notes")
    assert code == 0, said


def test_inspections_taken_back_are_read_only_and_said(qtbot, window, master, package,
                                                      capsys, monkeypatch):
    project = _project(package)
    click_in_list(qtbot, window, PROJECT, project)
    assert window.form.save_button.isEnabled() or window.form.problems  # editable before
    assert window.form.grant_note.isHidden()
    _revoke(capsys, master, "project_inspections")
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: boxes.append(
        text))
    text = window.pull_text(window.pull_from(master))
    assert ("grants changed: technician may no longer change Restoration project inspection: "
            "its records are shown to read only") in text, text
    form = window.form
    assert form.form.table == "project_inspections"
    assert not form.save_button.isEnabled()
    assert not form.new_button.isEnabled()
    assert all(not ed.isEnabled() for ed in form.editors.values())
    # nothing asked to be mended that cannot be saved: said read only, not "N errors"
    assert "Read only: your role may not save this form" in form.summary.text()
    assert "error" not in form.summary.text(), form.summary.text()
    qtbot.waitUntil(form.isVisible)
    assert form.grant_note.isVisible()
    note = form.grant_note.text()
    assert "Your role (technician) may not change Restoration project inspection" in note, note
    assert "ask your supervisor" in note, note
    assert "Every edit is kept as a draft" not in form.banner.text()
    # the status bar says it too, when the package opens again and in Chinese
    assert "Restoration project inspection" in window.start_note.text(), \
        window.start_note.text()
    shown: list[str] = []
    monkeypatch.setattr(failures, "show", lambda parent, title, text: shown.append(text))
    assert form.save() is None and shown and "may not change" in shown[0]
    form.new_record()
    assert len(shown) == 2 and window.form.record_uuid is None
    i18n.set_language(i18n.ZH)
    note = window.form.grant_note.text()
    assert "无权修改重点项目实施检查" in note, note
    assert "重点项目实施检查" in window.start_note.text(), window.start_note.text()
    i18n.set_language(i18n.EN)
    # patch verifications are still granted: their form stays editable
    click_in_list(qtbot, window, PATCH, window.list.entries[0].uuid)
    assert window.form.form.table == "patch_verifications"
    assert window.form.grant_note.isHidden()
    assert window.form.new_button.isEnabled()


def test_a_package_opened_after_the_revoke_says_it_at_once(qtbot, master, package, capsys,
                                                          tmp_path):
    _revoke(capsys, master, "project_inspections")
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.show()
    win.pull_from(master)
    win.close()
    again = MainWindow(package, "en")  # opened as the technician opens it next morning
    qtbot.addWidget(again)
    again.show()
    assert again.start_note.isVisible()
    assert "may not change Restoration project inspection" in again.start_note.text(), \
        again.start_note.text()
    again.close()


def test_a_grant_narrowed_to_columns_leaves_only_those_fields(qtbot, window, master, patch,
                                                               photo, capsys, monkeypatch):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    _notes_only(capsys, master)
    window.pull_from(master)
    form = window.form
    assert form.record_uuid == uuid
    assert form.editor("notes").isEnabled()
    assert not form.editor("verifier").isEnabled()
    assert not form.position.isEnabled()
    assert not form.new_button.isEnabled() and not form.delete_button.isEnabled()
    note = form.grant_note.text()
    assert "may change only these fields of Legacy mine patch verification: Notes;" in note, \
        note
    # the area walked with the measure panel is not put into a field the role may not change
    shown: list[str] = []
    monkeypatch.setattr(failures, "show", lambda parent, title, text: shown.append(text))
    before = form.editor("treated_area_m2").state()
    window.use_measured_area(1234.5)
    assert shown and "may change only these fields" in shown[0], shown
    assert form.editor("treated_area_m2").state() == before
    form.set_value("notes", "seen again")
    assert form.save_button.isEnabled()
    assert form.save() == uuid
    conn = sqlite3.connect(window.path)
    assert conn.execute("SELECT notes FROM patch_verifications WHERE uuid = ?",
                        (uuid,)).fetchone()[0] == "seen again"
    conn.close()
    # a new verification of another patch is not offered: the whole form read-only
    other = next(e.uuid for e in window.list.entries if e.kind == PATCH and e.uuid != patch[0])
    window.select(PATCH, other)
    assert window.form.record_uuid is None and not window.form.save_button.isEnabled()
    assert "may not add or delete records" in window.form.grant_note.text(), \
        window.form.grant_note.text()


def test_a_field_the_role_may_not_change_is_saved_as_the_master_holds_it(
        qtbot, window, master, patch, photo, capsys, tmp_path):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    sent, _ = window.export_to(tmp_path)
    code, said = cli_said(capsys, "merge", master, str(sent))
    assert code == 0, said
    # the verifier's name as GIS staff's tool left it, a space after it (the form trims
    # what is typed: saved cleaned, it would be an edit of a column the role may not change)
    conn = sqlite3.connect(master)
    geometry.register_functions(conn)  # (as QGIS has them: the layer's R-tree triggers)
    with conn:
        conn.execute("UPDATE patch_verifications SET verifier = verifier || ' ' WHERE uuid = ?",
                     (uuid,))
    conn.close()
    _notes_only(capsys, master)
    window.pull_from(master)
    form = window.form
    assert form.record_uuid == uuid and not form.editor("verifier").isEnabled()
    form.set_value("notes", "seen again")
    assert form.save() == uuid
    sent, _ = window.export_to(tmp_path)
    code, said = cli_said(capsys, "merge", master, str(sent))
    assert code == 0 and "refused 0" in said, said
    conn = sqlite3.connect(master)
    verifier, notes = conn.execute("SELECT verifier, notes FROM patch_verifications WHERE "
                                   "uuid = ?", (uuid,)).fetchone()
    conn.close()
    assert notes == "seen again" and verifier.endswith(" "), (verifier, notes)
