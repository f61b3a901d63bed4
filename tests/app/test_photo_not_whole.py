# SPDX-License-Identifier: GPL-2.0-or-later
"""A photo file that is not the whole picture (a copy from a card stopped partway) is not
added to a record, and the technician is told which and to copy it again: Qt shows it with
its lower part grey, and stored smaller it would look whole for good."""

from __future__ import annotations

import os
import sqlite3

import pytest
from PyQt5.QtGui import QImage

from field_kit import forms
from field_kit.app.form_widget import FormWidget
from tests.app.conftest import verifications_in
from tests.app.test_failures import _fill


@pytest.fixture
def whole(tmp_path):
    """A camera's picture of noise, 3000×2000 (over the size photos are stored at)."""
    w, h = 3000, 2000
    img = QImage(os.urandom(w * h * 3), w, h, w * 3, QImage.Format_RGB888)
    path = tmp_path / "DSC_0100.jpg"
    assert img.save(str(path), "JPEG", 90)
    return path


def _cut(path, to) -> None:
    data = path.read_bytes()
    to.write_bytes(data[:len(data) // 2])


def test_a_photo_cut_short_is_not_added_and_said(qtbot, package, patch, photo, whole,
                                                 tmp_path, shown):
    cut = tmp_path / "DSC_0101.jpg"
    _cut(whole, cut)
    for lang, said in (("en", "Not added: these photo files are not the whole picture (cut "
                              "short, as by a copy stopped partway); copy them again, then add "
                              "them:\nDSC_0101.jpg"),
                       ("zh", "以下照片文件不完整（被截断，如复制中途停止），未添加：请重新复制后"
                              "再添加：\nDSC_0101.jpg")):
        shown.clear()
        fw = FormWidget(package, "patch_verification", patch[0], language=lang)
        qtbot.addWidget(fw)
        fw.add_photos([cut, photo])
        assert fw.photos.pending == [str(photo)]
        assert shown == [said], shown
        fw.close_db()
    with sqlite3.connect(package) as conn, pytest.raises(forms.PhotoError) as refused:
        forms.attach_photo(conn, "patch_verifications", "r-1", cut)  # the core checks too
    assert refused.value.cut_short and "DSC_0101.jpg" in str(refused.value)
    assert "照片文件不完整" in str(refused.value)


def test_a_queued_photo_cut_short_before_save_is_not_stored(qtbot, package, patch, whole,
                                                            tmp_path, shown):
    """Queued whole, then the file written again only in part: Save stores nothing and says
    which photo (made smaller, it would have looked whole)."""
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    queued = tmp_path / "DSC_0102.jpg"
    queued.write_bytes(whole.read_bytes())
    _fill(fw, queued)
    _cut(whole, queued)
    assert fw.save() is None
    assert verifications_in(package) == 0
    assert any("not the whole picture" in s and "DSC_0102.jpg" in s for s in shown), shown
    fw.close_db()
