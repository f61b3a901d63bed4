# SPDX-License-Identifier: GPL-2.0-or-later
"""What the field app says of its changes: Update… names the fields it brought in, Export
counts photos as the master will hold them (the pictures stored once, a photo deleted and
put back one photo), and the count of changes waiting says which of them add and delete
again records never sent, or delete records and put them back."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app import i18n, window_sync
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.sync import merge
from tests.app.test_main_window import _save_verification


def _boxes(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(window_sync.QMessageBox, "information",
                        lambda parent, title, text: said.append(text))
    return said


def _export(window, monkeypatch, folder) -> str:
    boxes = _boxes(monkeypatch)
    monkeypatch.setattr(window_sync.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(folder))
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
    assert "2 fields of records already here now hold the master's value" in text, text
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


@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_a_record_deleted_and_put_back_is_one_record_and_one_photo(
        qtbot, window, patch, photo, tmp_path, monkeypatch, answers, master, lang):
    """Three records with a photo each, the last deleted and Ctrl+Z: the export says the
    three photos the master will hold, none taken off; the count waiting says what the
    delete and its undo are."""
    i18n.set_language(lang)
    window.select(PATCH, patch[0])
    for _ in range(3):
        window.form.new_record()
        _save_verification(window.form, photo)
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.undo_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)
    label = window.waiting_label.text()
    if lang == i18n.EN:
        assert "10 changes waiting to be sent, 4 of them delete records and put them back " \
            "(together they change nothing)" in label, label
    else:
        assert "10 条修改待发送，其中 4 条属于删除后又恢复的记录（合并后不改变任何数据）" \
            in label, label
    usb = tmp_path / "usb"
    usb.mkdir()
    text = _export(window, monkeypatch, usb)
    if lang == i18n.EN:
        assert text.startswith("Exported 10 changes and 3 photos (1 picture stored) to"), text
    else:
        assert text.startswith("已导出 10 条修改、3 张照片（图片存 1 份）到"), text
    merge.merge(master, [next(usb.iterdir())])
    m = sqlite3.connect(master)
    try:  # what the box said the master holds
        assert m.execute("SELECT count(*) FROM photos").fetchone()[0] == 3
    finally:
        m.close()
