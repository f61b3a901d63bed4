# SPDX-License-Identifier: GPL-2.0-or-later
"""SQLite's own "attempt to write a readonly database", from a connection that does not name
its file (the one a host program such as QGIS opened and hands the form), is said as
read-only, with where the values are kept and what to do: not as an unexpected error."""

from __future__ import annotations

import sqlite3

from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.form_widget import FormWidget
from tests.app.test_failures import _fill

UNEXPECTED = ("Something unexpected", "OperationalError", "意外错误")


def test_a_raw_read_only_error_on_save_is_said_as_read_only(qtbot, package, patch, photo,
                                                             shown, rescue_dir):
    conn = sqlite3.connect(package, isolation_level=None)  # the host program's own
    fw = FormWidget(conn, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.resize(520, 900)
    fw.show()
    _fill(fw, photo)
    conn.execute("PRAGMA query_only = 1")  # from now on every write is refused: read-only
    qtbot.keyClicks(fw.editor("verifier").edit, " Tursun")
    banner = fw.banner.text()
    assert "read-only" in banner and "kept in" in banner, banner
    assert not any(w in banner for w in UNEXPECTED), banner
    kept = list(rescue_dir.glob("*.json"))
    assert len(kept) == 1

    qtbot.mouseClick(fw.save_button, Qt.LeftButton)
    box = shown[-1]
    assert box.startswith("The record was not saved. Cannot write: the file, its folder or "
                          "the USB stick/card is read-only (write-protected)"), box
    assert "Turn off the write protection" in box, box
    assert box.endswith(f"so it is kept in the rescue file:\n{kept[0]}"), box
    assert not any(w in box + fw.summary.text() for w in UNEXPECTED), box
    assert "read-only" in fw.summary.text()

    fw.set_language(i18n.ZH)
    qtbot.mouseClick(fw.save_button, Qt.LeftButton)
    box = shown[-1]
    assert box.startswith("记录未保存。 无法写入：文件、其文件夹或 U 盘/存储卡为只读"), box
    assert "请关闭写保护" in box and str(kept[0]) in box, box
    assert not any(w in box for w in UNEXPECTED), box
    conn.execute("PRAGMA query_only = 0")
    conn.close()
