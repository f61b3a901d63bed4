# SPDX-License-Identifier: GPL-2.0-or-later
"""A record deleted by a slip comes back: Undo delete (its button, or Ctrl+Z) puts it back
with its photos and the same uuid, and the master, merged, keeps it as it was."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app.patch_list import PATCH
from field_kit.sync import merge
from tests.app.test_main_window import _save_verification


def _rows(path, uuid: str) -> tuple[list, list]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT uuid, verifier, remediation_status, measured_area_m2 "
                             "FROM patch_verifications WHERE uuid = ?", (uuid,)).fetchall(),
                conn.execute("SELECT uuid, sha256, file_name FROM photos WHERE record_uuid = ?",
                             (uuid,)).fetchall())
    finally:
        conn.close()


def test_ctrl_z_brings_a_deleted_record_back_and_the_master_keeps_it(
        qtbot, window, patch, photo, answers, master, tmp_path):
    window.resize(1024, 600)
    window.select(PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    before = _rows(window.path, uuid)
    assert len(before[0]) == 1 and len(before[1]) == 1
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert _rows(window.path, uuid) == ([], [])
    qtbot.waitUntil(window.form.undo_button.isVisible)  # shown as the panel is drawn
    assert "Undo delete (Ctrl+Z) brings it back with its photos" in window.form.banner.text()

    window.activateWindow()  # the window keys go to, as a click on it makes it
    qtbot.waitUntil(window.isActiveWindow)
    # the Delete button gone with the record, the focus is on the way back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.undo_button)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_Z, Qt.ControlModifier)
    assert _rows(window.path, uuid) == before  # the same uuids, the same values
    assert window.form.record_uuid == uuid and window.form.photos.list.count() == 1
    assert window.form.undo_button.isHidden()
    assert window.form.banner.text() == ("Delete undone: the record and its 1 photo(s) are "
                                         "back, and the master keeps it")

    usb = tmp_path / "usb"
    usb.mkdir()
    out, _ = window.export_to(usb)
    report = merge.merge(master, [out])
    assert not report.refused and report.totals["conflict"] == 0
    assert _rows(master, uuid) == before  # no delete lasted


def test_undo_delete_in_chinese_by_its_button(qtbot, package, patch, photo, answers):
    from field_kit.app.main_window import MainWindow
    win = MainWindow(package, "zh")
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    try:
        win.select(PATCH, patch[0])
        uuid = _save_verification(win.form, photo)
        answers.append(True)
        qtbot.mouseClick(win.form.delete_button, Qt.LeftButton)
        assert "点“撤销删除”（Ctrl+Z）可连同照片恢复" in win.form.banner.text()
        qtbot.waitUntil(win.form.undo_button.isVisible)
        assert win.form.undo_button.text() == "↶ 撤销删除"
        qtbot.mouseClick(win.form.undo_button, Qt.LeftButton)
        assert win.form.record_uuid == uuid
        assert len(_rows(package, uuid)[1]) == 1
        assert win.form.banner.text() == "已撤销删除：记录及其 1 张照片已恢复，主库将保留它"
    finally:
        win.close()
