# SPDX-License-Identifier: GPL-2.0-or-later
"""A record deleted by a slip comes back: Undo delete (its button, or Ctrl+Z) puts it back
with its photos and the same uuid, and the master, merged, keeps it as it was. The record
deleted last stays undoable while the app is open, from any patch (Ctrl+Z, the Edit menu),
and goes back on its own patch; where it no longer can, that is said by name."""

from __future__ import annotations

import sqlite3

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from field_kit.sync import merge, package_checkout
from tests.app.conftest import TOWNSHIP, click_in_list
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
    assert window.form.banner.text() == ("Delete undone: the record and its 1 photo are "
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


def _another_patch(package, patch) -> str:
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT uuid FROM mine_patches WHERE uuid <> ? ORDER BY patch_code "
                            "LIMIT 1", (patch[0],)).fetchone()[0]
    finally:
        conn.close()


def _patch_of(path, uuid: str) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT patch_uuid FROM patch_verifications WHERE uuid = ?",
                           (uuid,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers) -> tuple[str, tuple]:
    """A record with a photo saved on the first patch, deleted by a slip; then the
    technician clicks another patch in the list: the record's uuid, and its rows before."""
    click_in_list(qtbot, window, PATCH, patch[0])
    uuid = _save_verification(window.form, photo)
    before = _rows(window.path, uuid)
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert _rows(window.path, uuid) == ([], [])
    click_in_list(qtbot, window, PATCH, _another_patch(package, patch))
    assert window.form.undo_button.isHidden()  # (not this patch's record)
    return uuid, before


def test_ctrl_z_on_another_patch_brings_the_record_back_on_its_own(
        qtbot, window, package, patch, photo, answers):
    uuid, before = _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list.tree.setFocus()  # where the click left it
    qtbot.waitUntil(window.list.tree.hasFocus)
    qtbot.keyClick(window.list.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _rows(package, uuid) == before  # the record and its photo, as they were
    assert _patch_of(package, uuid) == patch[0]  # on its own patch
    assert window.current == (PATCH, patch[0])  # shown there
    assert window.form.record_uuid == uuid and window.form.photos.list.count() == 1
    assert window.form.banner.text() == ("Delete undone: the record and its 1 photo are "
                                         "back, and the master keeps it")
    assert not window.act_undo.isEnabled()  # nothing more to undo


def test_the_edit_menu_names_it_and_its_own_patch_offers_it_again(
        qtbot, window, package, patch, photo, answers):
    uuid, before = _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers)
    code = next(e.code for e in window.list.entries if e.uuid == patch[0])
    assert window.act_undo.isEnabled()
    assert window.act_undo.text().startswith(
        f"↶ Undo delete: the Legacy mine patch verification of {code} deleted at ")
    assert window.edit_menu.actions() == [window.act_undo]
    click_in_list(qtbot, window, PATCH, patch[0])  # back on its patch: its button too
    qtbot.waitUntil(window.form.undo_button.isVisible)
    qtbot.mouseClick(window.form.undo_button, Qt.LeftButton)
    assert _rows(package, uuid) == before
    assert not window.act_undo.isEnabled()
    assert window.act_undo.text() == "↶ Undo delete"


def test_in_chinese_from_the_edit_menu_after_its_form_closed(
        qtbot, window, package, patch, photo, answers):
    uuid, before = _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers)
    i18n.set_language(i18n.ZH)
    code = next(e.code for e in window.list.entries if e.uuid == patch[0])
    assert window.edit_menu.title() == "编辑(&E)"
    assert window.act_undo.text().startswith("↶ 撤销删除：")
    assert window.act_undo.text().endswith(f"删除的 {code} 历史遗留矿山图斑核查记录")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, "e", Qt.AltModifier)  # Alt+E, Enter on its line
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.edit_menu)
    menu = QApplication.activePopupWidget()
    if menu.activeAction() is None:
        qtbot.keyClick(menu, Qt.Key_Down)
    assert menu.activeAction() is window.act_undo
    qtbot.keyClick(menu, Qt.Key_Return)
    qtbot.waitUntil(lambda: _rows(package, uuid) == before)
    assert _patch_of(package, uuid) == patch[0]
    assert window.form.banner.text() == "已撤销删除：记录及其 1 张照片已恢复，主库将保留它"


@pytest.mark.parametrize("lang, start, end", [
    (i18n.EN, "Undo delete is not possible for the Legacy mine patch verification of {code} "
     "deleted at ", ": {code} is no longer in this package (an update took it out). Nothing "
     "was changed."),
    (i18n.ZH, "", " 删除的 {code} 历史遗留矿山图斑核查记录无法恢复：{code} 已不在此数据包中"
     "（拉取更新时已被移除）。未作任何更改。")])
def test_its_patch_gone_since_is_said_by_name(qtbot, window, package, patch, photo, answers,
                                               shown, lang, start, end):
    uuid, _ = _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers)
    code = next(e.code for e in window.list.entries if e.uuid == patch[0])
    conn = sqlite3.connect(package)  # taken out since (an update, another program)
    with conn:
        conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (patch[0],))
    conn.close()
    i18n.set_language(lang)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.list.tree, Qt.Key_Z, Qt.ControlModifier)
    assert len(shown) == 1
    assert shown[0].startswith(start.format(code=code))
    assert shown[0].endswith(end.format(code=code))
    assert not window.act_undo.isEnabled()  # said once: no more offered
    qtbot.keyClick(window.list.tree, Qt.Key_Z, Qt.ControlModifier)
    assert len(shown) == 1
    assert _rows(package, uuid) == ([], [])


def test_another_package_put_in_its_place_is_said_and_left_as_it_is(
        qtbot, window, package, patch, photo, answers, shown, master, tmp_path):
    uuid, _ = _deleted_then_elsewhere(qtbot, window, package, patch, photo, answers)
    package.unlink()  # the stick taken out; another tablet's package copied in its place
    assert not window.check_package()
    package_checkout.checkout(master, package, "tab-2", township=TOWNSHIP, role="technician")
    assert window.check_package()
    shown.clear()  # (the package gone, said as it went)
    window.act_undo.trigger()
    assert len(shown) == 1 and shown[0].startswith("Undo delete is not possible for the Legacy "
                                                   "mine patch verification of ")
    assert shown[0].endswith(f": {package} is another package now (replaced since the "
                             "delete). Nothing was changed.")
    assert _rows(package, uuid) == ([], [])


@pytest.mark.parametrize("lang, said", [
    (i18n.EN, "Nothing to undo: no deleted record is waiting to come back"),
    (i18n.ZH, "没有可撤销的操作：没有待恢复的已删除记录")])
def test_ctrl_z_with_nothing_to_undo_is_greyed_out_and_said(qtbot, window, patch, lang, said):
    i18n.set_language(lang)
    assert not window.act_undo.isEnabled()  # greyed out in the Edit menu
    assert window.act_undo.text() == "↶ " + i18n.tr("undo_delete")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert window.statusBar().currentMessage() == said
    window.statusBar().clearMessage()
    click_in_list(qtbot, window, PATCH, patch[0])  # from the list too, where the click left it
    qtbot.keyClick(window.list.tree, Qt.Key_Z, Qt.ControlModifier)
    assert window.statusBar().currentMessage() == said
    window.statusBar().clearMessage()
    box = window.form.editor("verifier").edit  # a box typed in: Ctrl+Z undoes its typing
    before = box.text()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Nurgul")
    qtbot.keyClick(box, Qt.Key_Z, Qt.ControlModifier)
    assert box.text() == before
    assert window.statusBar().currentMessage() == ""
    assert not window.act_undo.isEnabled()
