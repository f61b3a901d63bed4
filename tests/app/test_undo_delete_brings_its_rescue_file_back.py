# SPDX-License-Identifier: GPL-2.0-or-later
"""What was typed while the package could not take it (kept in the form's rescue file) goes
with the record a Delete takes, and comes back with it on Undo delete: on the screen, and
in its rescue file as it was, so a crash after the undo loses nothing of it either."""

from __future__ import annotations

import gc
import json
import signal
import subprocess
import sys

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

from field_kit.app import i18n
from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts
from field_kit.sync import changelog
from tests.app.kill_after_undo import TYPED, typed_while_away
from tests.app.process import ROOT


def _rescued(rescue_dir) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in rescue_dir.glob("*.json")]


def test_undo_delete_puts_the_rescue_file_back_as_it_was(qtbot, window, package, patch,
                                                        answers, shown, rescue_dir):
    uuid = typed_while_away(window, package, patch[0])
    before = _rescued(rescue_dir)
    assert [r["values"]["verifier"] for r in before] == ["Ayxam" + TYPED]
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert window.form.record_uuid != uuid
    assert _rescued(rescue_dir) == []  # gone with the record
    window.activateWindow()  # the window keys go to, as a click on it makes it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.form.undo_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)

    form = window.form
    assert form.record_uuid == uuid
    assert _rescued(rescue_dir) == before  # as it was, its time too
    assert form.editor("verifier").edit.text() == "Ayxam" + TYPED
    assert form.banner.text() == ("✎ Delete undone: the record, its 0 photos and its draft "
                                  "are back, and the master keeps the record")
    assert form.discard_button.isEnabled()  # what came back can be thrown away again
    assert form.records.currentItem().data(Qt.UserRole) == uuid  # listed again, and shown


def test_killed_after_the_undo_what_was_typed_comes_back(qtbot, package, patch, rescue_dir):
    got = subprocess.run([sys.executable, "-m", "tests.app.kill_after_undo", str(package),
                          patch[0]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr
    assert got.stdout.split() == ["undone"]
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    assert fw.values()["verifier"] == "Ayxam" + TYPED
    (kept,) = _rescued(rescue_dir)
    assert fw.record_uuid == kept["values"]["uuid"]
    # restored from the rescue file, at the time it was typed (not the undo's)
    assert fw.banner.text() == "✎ Unsaved values restored from the rescue file ({})".format(
        changelog.local_time(kept["updated_at"], "%m-%d %H:%M"))
    fw.close_db()


def test_a_rescue_folder_that_no_longer_takes_it_the_package_keeps_it(
        qtbot, window, package, patch, answers, shown, tmp_path, monkeypatch):
    uuid = typed_while_away(window, package, patch[0])
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    blocked = tmp_path / "blocked"  # a file where the rescue folder would be
    blocked.write_text("not a folder")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))
    qtbot.mouseClick(window.form.undo_button, Qt.LeftButton)

    form = window.form
    assert form.record_uuid == uuid
    assert form.editor("verifier").edit.text() == "Ayxam" + TYPED
    assert [(d.values["uuid"], d.values["verifier"]) for d in drafts.load_drafts(
        window.conn)] == [(uuid, "Ayxam" + TYPED)]  # kept as its draft in the package
    assert not form.kept_nowhere and form.discard_button.isEnabled()



NOT_WRITTEN = {
    i18n.EN: ("✎ Delete undone: the record, its 0 photos and its draft are back, and the master "
              "keeps the record. Its rescue file {path} could not be written again: what it "
              "held is kept as the package's draft instead"),
    i18n.ZH: ("✎ 已撤销删除：记录、其 0 张照片及其草稿已恢复，主库将保留这条记录。"
              "其备份文件 {path} "
              "无法重新写入：其中的内容已作为草稿保存在数据包中"),
}


@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_a_rescue_file_not_written_again_is_said_on_the_banner(
        qtbot, window, package, patch, answers, shown, tmp_path, monkeypatch, lang):
    uuid = typed_while_away(window, package, patch[0])
    window.lang_actions[lang].trigger()
    answers.append(True)  # Delete record? Yes (a slip)
    qtbot.mouseClick(window.form.delete_button, Qt.LeftButton)
    gc.collect()
    blocked = tmp_path / "blocked"  # a file where the rescue folder would be
    blocked.write_text("not a folder")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))
    qtbot.mouseClick(window.form.undo_button, Qt.LeftButton)
    gc.collect()

    form = window.form
    assert form.record_uuid == uuid
    path = drafts.rescue_path(package, "patch_verification", patch[0], uuid,
                              drafts.package_identity(window.conn, package))
    assert form.banner.text().replace("\u200b", "") == NOT_WRITTEN[lang].format(path=path)
