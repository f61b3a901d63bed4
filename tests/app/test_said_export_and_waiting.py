# SPDX-License-Identifier: GPL-2.0-or-later
"""What the field app says of its changes: Update… names the fields it brought in, Export
counts photos as the records have them (the pictures stored once), and the count of
changes waiting says which of them add and delete again records never sent."""

from __future__ import annotations

import shutil

from field_kit.app import i18n
from field_kit.app import main_window as mw
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.sync import merge
from tests.app.test_main_window import _save_verification


def _boxes(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(mw.QMessageBox, "information",
                        lambda parent, title, text: said.append(text))
    return said


def _export(window, monkeypatch, folder) -> str:
    boxes = _boxes(monkeypatch)
    monkeypatch.setattr(mw.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    window.act_export.trigger()
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_export_counts_one_picture_on_two_records_as_two_photos(
        qtbot, window, patch, photo, tmp_path, monkeypatch):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    window.form.new_record()
    _save_verification(window.form, photo)  # the same JPEG on a second record
    usb = tmp_path / "usb"
    usb.mkdir()
    text = _export(window, monkeypatch, usb)
    assert "4 changes" in text and "2 photos (1 picture stored)" in text, text
    assert "1 photos" not in text, text


def test_export_says_one_photo_in_the_singular(qtbot, window, patch, photo, tmp_path,
                                               monkeypatch):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    text = _export(window, monkeypatch, usb)
    assert "Exported 2 changes and 1 photo to" in text, text
    i18n.set_language(i18n.ZH)
    window.form.set_value("notes", "again")
    window.form.save()
    text = _export(window, monkeypatch, tmp_path)
    assert "已导出 1 条修改到" in text, text


def test_a_record_never_sent_deleted_is_said_to_change_nothing(qtbot, window, patch, photo):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    assert "2 changes waiting to be sent" in window.waiting_label.text()
    window.form.new_record()
    window.form.set_value("notes", "typed by mistake")
    _save_verification(window.form, photo)
    assert "4 changes waiting" in window.waiting_label.text()
    assert window.form.delete_record(confirm=False)
    label = window.waiting_label.text()
    assert "6 changes waiting to be sent" in label, label
    assert "4 of them add and delete again records never sent" in label, label


def test_update_names_the_records_and_fields_brought_in(qtbot, window, patch, photo, master,
                                                        tmp_path, monkeypatch):
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    merge.merge(master, [window.export_to(usb)[0]])
    m = connect(master)  # GIS staff correct the verifier and the notes
    m.execute("UPDATE patch_verifications SET notes = 'gis note', verifier = 'Wang' "
              "WHERE uuid = ?", (uuid,))
    m.close()
    text = window.pull_text(window.pull_from(master))
    day = window.form.values()["verified_on"]
    code = window.form.ctx.subject["patch_code"]
    assert "2 field(s) of records already here now hold the master's value" in text, text
    assert f"· {code} {day} · Verifier, Notes" in text or \
        f"· {code} {day} · Notes, Verifier" in text, text
    shutil.rmtree(usb)


def test_one_change_waiting_is_said_in_the_singular(qtbot, window, patch, photo, tmp_path,
                                                    monkeypatch):
    """A record corrected after an export: "1 change waiting to be sent", not "1 changes"."""
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    _export(window, monkeypatch, usb)
    window.form.set_value("notes", "again")
    window.form.save()
    assert window.waiting_label.text() == "⇪ 1 change waiting to be sent"
    i18n.set_language(i18n.ZH)
    window.update_status()
    assert window.waiting_label.text() == "⇪ 1 条修改待发送"
