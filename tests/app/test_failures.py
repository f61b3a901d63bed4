# SPDX-License-Identifier: GPL-2.0-or-later
"""Failures are said in the technician's language, keep what was typed, and never close the
window: a full disk on save, the package removed while open, a number too large."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time

import pytest

from field_kit.app import failures, i18n
from field_kit.app.form_widget import FormWidget
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from field_kit.sync import package_checkout
from tests.app import process as app_process
from tests.app.conftest import TOWNSHIP, verifications_in


def _fill(fw, photo) -> None:
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "压占"),
                       ("patch_feature", "3"), ("remediation_status", "B"),
                       ("restoration_method", "1"), ("measured_area_m2", "2.5"),
                       ("verifier", "Ayxam")):
        fw.set_value(col, value, "公顷" if col == "measured_area_m2" else None)
    fw.add_photos([photo])
    fw.position.fill(fw.ctx.subject["centre_lon"], fw.ctx.subject["centre_lat"], 5.0)
    assert not fw.problems or fw.save_button.isEnabled(), [p.message("en") for p in fw.problems]


def test_a_full_disk_on_save_says_so_and_keeps_the_values(qtbot, package, patch, big_photo,
                                                          shown):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    _fill(fw, big_photo)
    pages = fw.conn.execute("PRAGMA page_count").fetchone()[0]
    fw.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
    assert fw.save() is None
    assert len(shown) == 1 and "The disk is full" in shown[0] and "try again" in shown[0]
    assert "not saved" in fw.summary.text()
    assert fw.editor("verifier").edit.text() == "Ayxam" and fw.photos.pending
    assert verifications_in(package) == 0
    fw.close_db()

    again = FormWidget(package, "patch_verification", patch[0], language="en")  # room again
    qtbot.addWidget(again)
    assert again.editor("verifier").edit.text() == "Ayxam"  # the draft (or its rescue file)
    assert again.save(), [p.message("en") for p in again.problems]
    assert verifications_in(package) == 1
    again.close_db()


def test_in_chinese_the_failure_is_said_in_chinese(qtbot, package, patch, big_photo, shown):
    fw = FormWidget(package, "patch_verification", patch[0], language="zh")
    qtbot.addWidget(fw)
    _fill(fw, big_photo)
    fw.conn.execute(f"PRAGMA max_page_count = {fw.conn.execute('PRAGMA page_count').fetchone()[0]}")
    assert fw.save() is None
    assert shown[0].startswith("记录未保存。 存储空间已满")
    fw.close_db()


def test_a_number_too_large_is_a_field_error_not_a_crash(qtbot, package, patch):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.set_value("measured_area_m2", "1e308", "亩")
    label = fw.problem_labels["measured_area_m2"]
    assert not label.isHidden() and "far too large" in label.text()
    assert fw.save() is None and not fw.save_button.isEnabled()
    fw.set_value("measured_area_m2", "1e14", "亩")  # a float, but more than any patch
    assert "far too large" in label.text()
    fw.set_value("measured_area_m2", "1,5", "亩")  # a decimal comma: 1.5 亩, never 15
    assert fw.values()["measured_area_m2"] == pytest.approx(1000.0)
    fw.set_value("measured_area_m2", "1,500", "平方米")  # thousands
    assert fw.values()["measured_area_m2"] == pytest.approx(1500.0)
    fw.set_value("measured_area_m2", "1,5,0", "平方米")
    assert "comma is unclear" in label.text()
    fw.close_db()


def test_the_app_process_survives_a_number_too_large(package, patch):
    script = {"select": patch[0], "values": [["measured_area_m2", "1e308", "亩"]]}
    proc = app_process.start(package, script)
    try:
        app_process.ready(proc)
        time.sleep(0.5)
        assert proc.poll() is None  # still open
    finally:
        app_process.end(proc)


def test_the_package_removed_while_open_then_export(qtbot, package, patch, shown, rescue_dir):
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    try:
        win.select(PATCH, patch[0])
        qtbot.keyClicks(win.form.editor("verifier").edit, "Nurgul")
        away = package.with_name("elsewhere.gpkg")
        shutil.move(package, away)  # the USB stick pulled out
        win.export_dialog()  # asks nothing, exports nothing: says what happened
        assert len(shown) == 1 and "The package file is gone" in shown[0]
        saved = list(rescue_dir.glob("*.json"))
        assert len(saved) == 1 and str(saved[0]) in shown[0]
        assert json.loads(saved[0].read_text())["values"]["verifier"] == "Nurgul"
        qtbot.keyClicks(win.form.editor("verifier").edit, " A")  # typed on: kept there too
        assert json.loads(saved[0].read_text())["values"]["verifier"] == "Nurgul A"
        assert "Package file missing" in win.waiting_label.text()
        win.update_status()  # a GNSS fix refreshes it: no error
        shutil.move(away, package)  # back
        assert win.check_package()
        assert win.form.editor("verifier").edit.text() == "Nurgul A"
        assert "rescue file" in win.form.banner.text()
        qtbot.keyClicks(win.form.editor("verifier").edit, "y")  # in the package again
        assert not list(rescue_dir.glob("*.json"))
        assert "changes waiting" in win.waiting_label.text()
        assert len(shown) == 1
    finally:
        win.close()


def test_the_safety_net_shows_an_unexpected_error_and_keeps_running(qtbot, shown):
    i18n.set_language(i18n.ZH)
    try:
        raise OSError(28, "No space left on device")
    except OSError as exc:
        failures.excepthook(type(exc), exc, exc.__traceback__)
    assert "存储空间已满" in shown[0] and "已输入的内容仍保留" in shown[0]
    failures.excepthook(KeyError, KeyError("x"), None)
    assert "意外错误" in shown[1]


def test_a_draft_the_full_disk_cannot_take_goes_to_a_rescue_file(qtbot, package, patch,
                                                                 rescue_dir):
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.conn.execute(f"PRAGMA max_page_count = {fw.conn.execute('PRAGMA page_count').fetchone()[0]}")
    long_note = "沙坑北侧有新的堆土。" * 20000  # more than the free pages
    fw.set_value("notes", long_note)
    assert "The disk is full" in fw.banner.text() and "kept in" in fw.banner.text()
    saved = list(rescue_dir.glob("*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["values"]["notes"] == long_note
    fw.close_db()
    again = FormWidget(package, "patch_verification", patch[0], language="en")  # room again
    qtbot.addWidget(again)
    assert again.values()["notes"] == long_note and "rescue file" in again.banner.text()
    again.set_value("verifier", "A")  # the package takes drafts again: the rescue file goes
    assert not list(rescue_dir.glob("*.json")) and again.draft_id is not None
    again.close_db()


def test_values_kept_nowhere_are_said_and_asked_about_before_they_go(
        qtbot, window, patch, answers, tmp_path, monkeypatch):
    """The package's disk and the rescue folder's both full: what is typed is only on the
    screen; the form says so (in the language switched to as well), and closing the
    window or opening another patch asks first, a No keeping everything as it is."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the rescue folder would be")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))
    window.select(PATCH, patch[0])
    form = window.form
    pages = window.conn.execute("PRAGMA page_count").fetchone()[0]
    window.conn.execute(f"PRAGMA max_page_count = {pages}")
    form.set_value("notes", "沙坑北侧有新的堆土。" * 20000)
    assert "only on the screen" in form.banner.text()
    i18n.set_language(i18n.ZH)
    assert "这些值只在屏幕上" in window.form.banner.text()
    i18n.set_language(i18n.EN)
    answers.append(False)  # closing: No
    window.close()
    assert window.isVisible() and "kept nowhere" in answers.asked[-1]
    other = next(e.uuid for e in window.list.entries if e.kind == PATCH and e.uuid != patch[0])
    answers.append(False)  # another patch: No, the values stay
    window.select(PATCH, other)
    assert window.current == (PATCH, patch[0]) and window.form is form
    assert form.values()["notes"].startswith("沙坑北侧")
    answers.append(True)  # leaving after all, as asked
    window.select(PATCH, other)
    assert window.current == (PATCH, other)


def test_a_rescue_file_comes_back_only_to_its_own_package(qtbot, package, patch, master,
                                                          rescue_dir, tmp_path):
    """Another package of the same file name (every QField project's is package.gpkg), on
    the same patch, neither shows nor deletes the values the first one could not take."""
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.conn.execute(f"PRAGMA max_page_count = {fw.conn.execute('PRAGMA page_count').fetchone()[0]}")
    long_note = "沙坑北侧有新的堆土。" * 20000
    fw.set_value("notes", long_note)
    assert len(list(rescue_dir.glob("*.json"))) == 1
    fw.close_db()
    other = tmp_path / "other" / package.name
    other.parent.mkdir()
    package_checkout.checkout(master, other, "tab-2", township=TOWNSHIP, role="technician")
    stranger = FormWidget(other, "patch_verification", patch[0], language="en")
    qtbot.addWidget(stranger)
    assert not stranger.values()["notes"] and "rescue" not in stranger.banner.text()
    stranger.set_value("verifier", "B")  # its own draft: the other's rescue file stays
    assert len(list(rescue_dir.glob("*.json"))) == 1
    stranger.close_db()
    again = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(again)
    assert again.values()["notes"] == long_note and "rescue file" in again.banner.text()
    again.close_db()


def test_a_package_whose_capture_was_bypassed_says_so_and_export_is_refused(
        qtbot, package, shown, tmp_path):
    conn = sqlite3.connect(package)
    conn.execute('DROP TRIGGER "sync_patch_verifications_update"')  # a tool rebuilt the table
    conn.commit()
    conn.close()
    win = MainWindow(package, language=i18n.EN)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(shown))
    assert "change log is not whole" in shown[0] and "field-kit repair" in shown[0]
    assert "patch_verifications" in shown[0]
    assert win.waiting_label.text() == i18n.tr("capture_short", i18n.EN)
    from field_kit.app import sync_actions
    from field_kit.errors import CaptureBroken
    with pytest.raises(CaptureBroken):
        sync_actions.export_changes(package, tmp_path)
    assert "change log is not whole" in failures.explain(CaptureBroken("x"), i18n.EN)
    assert not list(tmp_path.glob("*.zip"))
    win.close()


def test_in_chinese_the_sync_cores_refusal_is_said_in_chinese(qtbot, window, package, shown):
    """Update chosen from a field package instead of the master: the technician reads why
    in Chinese (the core's sentence translated, the file named), not in English."""
    i18n.set_language(i18n.ZH)
    window._try(lambda: window.pull_from(package))
    qtbot.waitUntil(lambda: bool(shown))
    assert f"{package} 是外业数据包，不是主库" in shown[0]
    assert "is a field package" not in shown[0]


def test_two_exports_within_one_second_keep_both_packages(package, tmp_path, monkeypatch):
    """Exports are named by device and time to the second: a second one within it wrote
    over the first, whose changes were then marked sent and never sent again."""
    import datetime as dt

    from field_kit.app import sync_actions
    from tests.unit.gpkg_factory import edit

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 6, 1, 10, 0, 0)
    monkeypatch.setattr(sync_actions, "datetime", Frozen)
    out = tmp_path / "out"
    out.mkdir()
    sent = []
    for note in ("first", "second"):
        edit(package, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                      "verified_on, notes) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM "
                      "mine_patches LIMIT 1", note)
        path, manifest = sync_actions.export_changes(package, out)
        assert path is not None and manifest["counts"]["changes"] == 1
        sent.append(path)
    assert [p.name for p in sent] == ["tab-1-20260601-100000.zip", "tab-1-20260601-100000-2.zip"]
    assert all(p.exists() for p in sent)
