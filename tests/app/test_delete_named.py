# SPDX-License-Identifier: GPL-2.0-or-later
"""Delete record asks first, naming the record whole (which form, of which patch and
project, when, by whom, how many photos) in the form's language, No by default: a Delete
tapped on the wrong record is seen and answered No, and nothing is lost. A record never
sent is said to go away here alone; one the master has, to go there too at the next
merge."""

from __future__ import annotations

import sqlite3

import pytest
from PyQt5.QtWidgets import QMessageBox

from field_kit.app import failures, sync_actions
from field_kit.app.form_widget import FormWidget
from tests.app.conftest import box_answered, form_shown
from tests.app.test_main_window import _save_verification

ASK = failures.ask  # the real question box, answered below by a click
# each question ends saying how long Undo delete can bring the record back
UNDO_EN = " Undo delete (Ctrl+Z) can bring it back only while the app stays open: once the " \
    "app is closed, it cannot."
UNDO_ZH = "只有在本程序保持打开期间才能“撤销删除”（Ctrl+Z）；程序关闭后无法恢复。"


@pytest.fixture(autouse=True)
def real_question(monkeypatch):
    monkeypatch.setattr(failures, "ask", ASK)


def _delete_tapped(qtbot, fw: FormWidget, answer: QMessageBox.StandardButton) -> list[str]:
    """Delete record clicked; the question's text, answered by a click on ``answer``."""
    def pick(box: QMessageBox):
        assert box.defaultButton() is box.button(QMessageBox.No)
        return box.button(answer)
    return box_answered(qtbot, fw.delete_button, pick)


def _subject(package, patch) -> tuple[str, str, str]:
    conn = sqlite3.connect(package)
    try:
        return conn.execute(
            "SELECT p.patch_code, r.name_zh, r.name_en FROM mine_patches p "
            "LEFT JOIN restoration_projects r ON r.uuid = p.project_uuid WHERE p.uuid = ?",
            (patch[0],)).fetchone()
    finally:
        conn.close()


def _kept(package, uuid: str) -> tuple[int, int]:
    conn = sqlite3.connect(package)
    try:
        return (conn.execute("SELECT count(*) FROM patch_verifications WHERE uuid = ?",
                             (uuid,)).fetchone()[0],
                conn.execute("SELECT count(*) FROM photos WHERE record_uuid = ?",
                             (uuid,)).fetchone()[0])
    finally:
        conn.close()


def _exported(package, tmp_path) -> None:
    """Export… to a USB stick: the record is sent (the master has it once merged)."""
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    out, _ = sync_actions.export_changes(package, usb)
    assert out is not None


def test_delete_names_the_record_and_no_keeps_it(qtbot, package, patch, photo, tmp_path):
    fw = form_shown(qtbot, package, patch, "en")
    try:
        uuid = _save_verification(fw, photo)
        day = fw.values()["verified_on"]
        code, _, name = _subject(package, patch)
        named = f"Delete this Legacy mine patch verification record of {code} {name} ({day}, " \
            "Ayxam) and its 1 photo? "
        assert _delete_tapped(qtbot, fw, QMessageBox.No) == [
            named + "It was never sent: it simply goes away (the master never had it)." + UNDO_EN]
        _exported(package, tmp_path)
        assert _delete_tapped(qtbot, fw, QMessageBox.No) == [
            named + "At the next merge it is deleted in the master too." + UNDO_EN]
        assert _kept(package, uuid) == (1, 1) and fw.record_uuid == uuid
        assert _delete_tapped(qtbot, fw, QMessageBox.Yes)
        assert _kept(package, uuid) == (0, 0)
    finally:
        fw.close_db()


def test_delete_names_the_record_in_chinese(qtbot, package, patch, photo, tmp_path):
    fw = form_shown(qtbot, package, patch, "zh_CN")
    try:
        uuid = _save_verification(fw, photo)
        day = fw.values()["verified_on"]
        code, name, _ = _subject(package, patch)
        named = f"确定删除 {code} {name} 的这条历史遗留矿山图斑核查记录（{day}，Ayxam）" \
            "及其 1 张照片吗？"
        assert _delete_tapped(qtbot, fw, QMessageBox.No) == [
            named + "这条记录从未发送，删除后直接消失（主库中从来没有它）。" + UNDO_ZH]
        _exported(package, tmp_path)
        assert _delete_tapped(qtbot, fw, QMessageBox.No) == [
            named + "下次合并时，主库中的这条记录也会删除。" + UNDO_ZH]
        assert _kept(package, uuid) == (1, 1)
    finally:
        fw.close_db()
