# SPDX-License-Identifier: GPL-2.0-or-later
"""A record whose edits only a rescue file holds (the package was away while they were
typed) is marked in the form's list of records and in the list of patches as a draft is,
and says that they are in a rescue file, not in the package."""

from __future__ import annotations

import gc

from PyQt5.QtCore import Qt

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH
from tests.app.conftest import click_in_list
from tests.app.kill_after_undo import typed_while_away


def test_a_record_edited_in_a_rescue_file_is_marked(qtbot, window, package, patch, shown):
    uuid = typed_while_away(window, package, patch[0])
    gc.collect()
    row = window.form.records.currentItem()
    assert row.data(Qt.UserRole) == uuid
    assert row.text().startswith("✎ "), row.text()
    assert "edits in a rescue file, not in the package" in row.toolTip(), row.toolTip()
    listed = window.list.items[(PATCH, patch[0])].text(0)
    assert "✎edits in a rescue file, not in the package" in listed, listed

    window.lang_actions[i18n.ZH].trigger()
    gc.collect()
    row = window.form.records.currentItem()
    assert row.text().startswith("✎ ") and "修改在备份文件中，不在数据包中" in row.toolTip()
    assert "✎修改在备份文件中" in window.list.items[(PATCH, patch[0])].text(0)


def test_the_mark_follows_the_rescue_file_as_it_comes_and_goes(qtbot, window, patch,
                                                               rescue_dir):
    click_in_list(qtbot, window, PATCH, patch[0])
    form = window.form
    pages = window.conn.execute("PRAGMA page_count").fetchone()[0]
    window.conn.execute(f"PRAGMA max_page_count = {pages}")  # the package's disk full
    form.set_value("notes", "沙坑北侧有新的堆土。" * 20000)
    assert list(rescue_dir.glob("*.json"))
    listed = window.list.items[(PATCH, patch[0])].text(0)
    assert "✎edits in a rescue file" in listed, listed
    window.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    qtbot.keyClicks(window.form.editor("verifier").edit, "Nurgul")
    assert not list(rescue_dir.glob("*.json"))  # in the package's draft now
    listed = window.list.items[(PATCH, patch[0])].text(0)
    assert "✎draft" in listed and "rescue file" not in listed, listed
