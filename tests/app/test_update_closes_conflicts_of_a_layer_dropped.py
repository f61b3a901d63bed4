# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… into a package with a conflict of its own on a layer GIS staff dropped from the
master since: the box says it is closed as dropped, by layer, in English and Chinese (it
stayed open, unsaid, and nothing could settle it)."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from field_kit.app import i18n
from field_kit.app import main_window as mw
from tests.app.conftest import updated
from tests.unit.cli_run import cli_said
from tests.unit.test_package_conflicts_of_a_layer_dropped import own_conflict_dropped

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_update_says_the_conflict_closed_with_its_layer(qtbot, master, tmp_path, capsys,
                                                        monkeypatch):
    pkg = own_conflict_dropped(master, tmp_path, capsys)  # (the plan's master)
    window = mw.MainWindow(pkg, "en")
    qtbot.addWidget(window)
    window.show()
    boxes, pulled = updated(window, master, monkeypatch)
    assert len(boxes) == 1, boxes
    assert "1 conflict of this device on layer 泉眼 is closed as dropped: the layer was " \
           "dropped from the master, so there is nothing left to settle" in boxes[0], boxes
    assert "are settled: it now holds what the master holds" not in boxes[0], boxes
    i18n.set_language(i18n.ZH)
    text = window.pull_text(pulled[0])
    assert "本机在图层 泉眼 上的 1 项冲突已随图层删除关闭：该图层已从主库删除，无需处理" \
        in text, text
    window.close()
    code, said = cli_said(capsys, "conflicts", pkg)
    assert code == errors.OK and "0 conflicts" in said, said


def test_update_and_the_status_line_say_the_layer_is_gone_from_the_master(
        qtbot, master, tmp_path, capsys, monkeypatch):
    """The Update box says what the pull did not bring, as the command does (泉眼 gone from
    the master's file), and the status line that the edit of it waiting to be sent is
    refused at merge, in English and Chinese (both said nothing of it)."""
    pkg = own_conflict_dropped(master, tmp_path, capsys)
    window = mw.MainWindow(pkg, "en")
    qtbot.addWidget(window)
    window.show()
    assert "dropped" not in window.waiting_label.text()  # (not known before a pull)
    boxes, pulled = updated(window, master, monkeypatch)
    assert "not brought from the master, not tracked there: 泉眼: gone from the file" \
        in boxes[0], boxes
    window.update_status()
    assert window.waiting_label.text() == "⇪ 1 change waiting to be sent; layer 泉眼 was " \
        "dropped from the master: a merge refuses the edits of 1 feature of it"
    i18n.set_language(i18n.ZH)
    text = window.pull_text(pulled[0])
    assert "未从主库带来（主库未跟踪）：泉眼：已不在文件中" in text, text
    window.update_status()
    assert "；图层 泉眼 已从主库删除：其中 1 个要素的修改合并时将被拒收" \
        in window.waiting_label.text()
    window.close()
