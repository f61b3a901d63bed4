# SPDX-License-Identifier: GPL-2.0-or-later
"""Discard draft forgets the draft's list of the photos not saved yet, never their files:
its question says so, in English (one photo said as one) and in Chinese."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from tests.unit.forms_fixtures import jpeg_with_exif


@pytest.mark.parametrize("lang, n, said", [
    (i18n.EN, 1, "Throw this draft away? What was typed is lost; this cannot be undone. The 1 "
     "photo not saved yet is only taken off this form: its file is not deleted."),
    (i18n.EN, 2, "Throw this draft away? What was typed is lost; this cannot be undone. The 2 "
     "photos not saved yet are only taken off this form: their files are not deleted."),
    (i18n.ZH, 2, "确定放弃这份草稿吗？已输入的内容将丢失，无法恢复。尚未保存的 2 张照片只是从此"
     "表单中移除，照片文件不会被删除。")])
def test_the_question_says_the_files_stay_and_they_do(qtbot, window, patch, photo, answers,
                                                      tmp_path, lang, n, said):
    i18n.set_language(lang)
    window.select(PATCH, patch[0])
    files = [photo]
    for i in range(2, n + 1):  # another picture (the same one is not added twice)
        files.append(tmp_path / f"DSC_{i:04}.jpg")
        files[-1].write_bytes(jpeg_with_exif(lat=patch[2], lon=patch[1], heading=float(i),
                                             taken="2025:06:01 10:16:00", offset="+08:00"))
    window.form.add_photos([str(f) for f in files])
    qtbot.waitUntil(lambda: window.form.discard_button.isEnabled())
    answers.append(True)  # Throw this draft away? Yes
    qtbot.mouseClick(window.form.discard_button, Qt.LeftButton)
    assert answers.asked == [said]
    assert window.form.photos.list.count() == 0  # off the form
    assert all(f.exists() for f in files)  # the files stay


def test_with_no_photo_not_saved_none_is_said(qtbot, window, patch, answers):
    window.select(PATCH, patch[0])
    window.form.set_value("verifier", "Nurgul")
    answers.append(True)
    qtbot.mouseClick(window.form.discard_button, Qt.LeftButton)
    assert answers.asked == ["Throw this draft away? What was typed is lost; this cannot be "
                             "undone."]
