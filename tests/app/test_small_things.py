# SPDX-License-Identifier: GPL-2.0-or-later
"""Smaller things a technician met: English in the Chinese interface, a half-written
package left on a full stick, a target shown as a UUID, no way to export again, a map 165 px
wide on a 1024×600 screen."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import zipfile

import pytest
from PyQt5.QtCore import QCoreApplication, QLibraryInfo, Qt
from PyQt5.QtWidgets import QFileDialog, QLabel, QMessageBox

from field_kit.app import failures, i18n
from field_kit.app.form_widget import FormWidget
from field_kit.app.patch_list import PATCH
from tests.app.test_main_window import _save_verification


def test_qt_own_words_are_chinese_when_the_app_is(qtbot, window):
    if not os.path.exists(os.path.join(QLibraryInfo.location(QLibraryInfo.TranslationsPath),
                                       "qtbase_zh_CN.qm")):
        pytest.skip("Qt's Chinese translation is not installed (qttranslations5-l10n)")
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"
    i18n.set_language(i18n.ZH)
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"
    assert QCoreApplication.translate("QFileDialog", "Open") == "打开"
    i18n.set_language(i18n.EN)
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"


def test_system_errors_are_said_in_chinese():
    for exc in (OSError(errno.ENOSPC, "No space left on device"),
                sqlite3.OperationalError("database or disk is full")):
        text = failures.explain(exc, "zh")
        assert "存储空间已满" in text and "No space" not in text and "disk is full" not in text
    text = failures.explain(FileNotFoundError(errno.ENOENT, "No such file or directory",
                                              "/media/usb/x.zip"), "zh")
    assert "找不到文件" in text and "/media/usb/x.zip" in text and "No such" not in text


def test_a_full_stick_keeps_no_half_written_package(qtbot, window, patch, photo, tmp_path,
                                                    monkeypatch, shown):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    real = zipfile.ZipFile.writestr

    def full(self, name, data, *a, **k):
        if str(name).startswith("attachments/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, name, data, *a, **k)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    window.export_dialog()
    assert list(usb.iterdir()) == []  # no .zip.part left to be taken for a package
    assert len(shown) == 1 and "The disk is full" in shown[0]
    assert "2 changes waiting" in window.waiting_label.text()  # nothing marked as sent


def test_export_again(qtbot, window, patch, photo, tmp_path, monkeypatch, answers):
    window.select(PATCH, patch[0])
    _save_verification(window.form, photo)
    usb = tmp_path / "usb"
    usb.mkdir()
    said = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: said.append(text))
    entry = next(e for e in window.list.entries if e.uuid == patch[0])
    assert entry.unsent
    window.export_dialog()
    assert len(list(usb.glob("*.zip"))) == 1 and "Exported 2 changes" in said[-1]
    # the list's mark follows the export, as the status bar's count does
    assert not next(e for e in window.list.entries if e.uuid == patch[0]).unsent
    second = tmp_path / "usb2"
    second.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(second))
    answers.append(True)
    window.export_dialog()
    assert "Nothing new since the last export" in answers.asked[-1]
    assert len(list(second.glob("*.zip"))) == 1 and "Exported 2 changes" in said[-1]


def test_the_target_list_shows_the_target_not_its_uuid(qtbot, package):
    conn = sqlite3.connect(package)
    project, target = conn.execute(
        "SELECT project_uuid, uuid FROM project_targets LIMIT 1").fetchone()
    conn.close()
    fw = FormWidget(package, "project_inspection", project, language="zh")
    qtbot.addWidget(fw)
    combo = fw.editor("target_uuid").combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert any(texts) and not any(target in t for t in texts)
    fw.close_db()


def test_a_small_screen_still_has_a_map(qtbot, window):
    window.resize(1024, 600)
    qtbot.wait(20)
    list_w, map_w, side_w = window.split.sizes()
    assert map_w >= 300, window.split.sizes()
    assert side_w >= 300 and list_w >= 180


def test_a_wrong_file_to_pull_is_said_in_chinese(qtbot, window, tmp_path, monkeypatch, shown):
    not_master = tmp_path / "photo.gpkg"
    not_master.write_bytes(b"not a geopackage at all" * 100)
    i18n.set_language(i18n.ZH)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_master), ""))
    window.pull_dialog()
    assert len(shown) == 1 and shown[0].startswith("所选文件不对")


def test_the_errors_that_stop_a_save_are_one_click_away(qtbot, window, patch):
    """At a laptop's 1366×768 the form shows a few fields: the summary's link brings the
    first field an error stops into sight, wherever the form was scrolled."""
    window.select(PATCH, patch[0])
    form = window.form
    qtbot.mouseClick(form.save_button, Qt.LeftButton)  # refused: what is missing said
    assert not form.save_button.isEnabled() and "<a href='first'>" in form.summary.text()
    bar = form._scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than its room
    bar.setValue(bar.maximum())
    first = next(f.name for f in form.form.fields
                 if not form.problem_labels.get(f.name, QLabel()).isHidden())
    label = form.problem_labels[first]
    form.summary.linkActivated.emit("first")
    qtbot.wait(50)
    assert not label.visibleRegion().isEmpty(), (first, bar.value())


def test_the_date_box_says_how_a_date_is_written_in_the_forms_language(qtbot, package, patch):
    """The empty date box reads 年-月-日 in Chinese (it read YYYY-MM-DD in both), and follows
    the form into English; the QGIS plugin's record dialog is this form too."""
    fw = FormWidget(package, "patch_verification", patch[0], language="zh")
    qtbot.addWidget(fw)
    assert fw.editor("verified_on").edit.placeholderText() == "年-月-日"
    fw.set_language("en")
    assert fw.editor("verified_on").edit.placeholderText() == "YYYY-MM-DD"
    fw.close_db()


def test_qt_own_chinese_missing_is_said_in_the_status_bar(qtbot, package, tmp_path,
                                                           monkeypatch):
    """The app in Chinese where Qt's own Chinese (qtbase_zh_CN.qm) is not installed: its
    status bar says so once, naming the file looked for (Qt's buttons stayed English with
    nothing said); in English, or with the file there, nothing is said."""
    from field_kit.app import main_window

    empty = tmp_path / "qt"
    empty.mkdir()
    for folder in (str(empty), main_window.qt_translations()):
        monkeypatch.setattr(main_window, "qt_translations", lambda f=folder: f)
        win = main_window.MainWindow(package, "zh")
        qtbot.addWidget(win)
        win.show()
        said = win.start_note.text() if win.start_note.isVisible() else ""
        if folder == str(empty):
            assert said.count("未找到 Qt 自带的中文翻译") == 1, said
            assert f"未找到 Qt 自带的中文翻译（{empty / 'qtbase_zh_CN.qm'}）：Qt 的标准按钮" in said
            assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"
            i18n.set_language(i18n.EN)  # Qt speaks English too: nothing to say
            assert "qtbase_zh_CN.qm" not in win.start_note.text()
        else:
            assert "qtbase_zh_CN.qm" not in said, said
            assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"
        win.close()


def test_an_export_to_a_full_stick_says_the_room_it_needs(qtbot, window, patch, photo,
                                                          small_disk, monkeypatch, shown):
    from field_kit.bilingual import size_said
    from field_kit.db import connect
    from tests.conftest import fill
    from tests.unit.gpkg_factory import add_photo
    window.select(PATCH, patch[0])
    record = _save_verification(window.form, photo)
    conn = connect(window.path)
    with conn:
        for _ in range(3):  # weeks of photos: more than the stick holds
            add_photo(conn, record, os.urandom(400 * 1024))
    conn.close()
    fill(small_disk, leaving=300 * 1024)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(small_disk))
    window.export_dialog()
    i18n.set_language(i18n.ZH)
    window.export_dialog()
    free = size_said(shutil.disk_usage(small_disk).free)
    assert [p.name for p in small_disk.iterdir()] == ["filler"]
    assert len(shown) == 2, shown
    assert "The disk is full" in shown[0] and "the change package needs about 2 MB there; " \
        f"{free.en} are free there" in shown[0], shown[0]
    assert "存储空间已满" in shown[1] and f"修改包约需空间 2 MB，该处现有 {free.zh}" in shown[1], \
        shown[1]
