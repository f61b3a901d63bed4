# SPDX-License-Identifier: GPL-2.0-or-later
"""A save that fails ends its box with what is true of what was typed: kept in the package
as a draft, kept in a rescue file (named), or kept nowhere (the package and the rescue
folder both refused it), then the form must stay open and the box says what to do. Never a
draft that was not kept."""

from __future__ import annotations

import os
import shutil

import pytest
from PyQt5.QtCore import Qt

from field_kit.app import failures, i18n
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.conftest import click_in_list
from tests.app.test_failures import _fill

NOT_TRUE = ("draft)", "草稿）")  # the ending of the box that claimed a draft in any case


def _nowhere_to_keep(window, tmp_path, monkeypatch) -> None:
    """The rescue folder cannot be made (a file where it would be), and the package's disk
    is full from now on."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the rescue folder would be")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))
    pages = window.conn.execute("PRAGMA page_count").fetchone()[0]
    window.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_kept_nowhere_the_box_says_nothing_was_kept_and_to_keep_the_form_open(
        qtbot, window, patch, photo, shown, tmp_path, monkeypatch):
    click_in_list(qtbot, window, PATCH, patch[0])
    form = window.form
    _fill(form, photo)
    _nowhere_to_keep(window, tmp_path, monkeypatch)
    form.set_value("notes", "沙坑北侧有新的堆土。" * 20000)  # more than the disk takes
    qtbot.keyClicks(form.editor("verifier").edit, " Tursun")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert len(shown) == 1
    box = shown[0]
    assert box.startswith("The record was not saved. The disk is full")
    assert "Nothing was kept, not even a draft" in box and "only in this form" in box
    assert "Keep the form open" in box and "free some space" in box
    assert not any(claim in box for claim in NOT_TRUE), box
    assert form.kept_nowhere and not list(tmp_path.rglob("*.json"))
    assert form.editor("verifier").edit.text() == "Ayxam Tursun"  # on the screen only

    window.lang_actions[i18n.ZH].trigger()  # the same, in Chinese
    qtbot.mouseClick(window.form.save_button, Qt.LeftButton)
    box = shown[1]
    assert box.startswith("记录未保存。 存储空间已满")
    assert "没有保存任何内容，也没有草稿" in box and "请不要关闭表单" in box
    assert not any(claim in box for claim in NOT_TRUE), box

    window.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed, as told
    qtbot.mouseClick(window.form.save_button, Qt.LeftButton)  # the form kept open: saved
    assert len(shown) == 2 and not window.form.kept_nowhere


def test_kept_as_a_draft_the_box_says_in_the_package(qtbot, window, patch, big_photo, shown):
    """The photo does not fit on the full disk; the draft (already written) does."""
    click_in_list(qtbot, window, PATCH, patch[0])
    form = window.form
    _fill(form, big_photo)
    pages = window.conn.execute("PRAGMA page_count").fetchone()[0]
    window.conn.execute(f"PRAGMA max_page_count = {pages}")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert len(shown) == 1 and "The disk is full" in shown[0]
    assert shown[0].endswith("What you typed is still in the form, and kept in the package "
                             "as a draft."), shown[0]
    assert [d.values["verifier"] for d in drafts.load_drafts(window.conn)] == ["Ayxam"]


def test_kept_in_a_rescue_file_the_box_names_it(qtbot, form, photo, package, shown,
                                                 rescue_dir):
    """The USB stick pulled out: the save cannot reach the package; the values go to a
    rescue file, and the box names that file, not a draft."""
    _fill(form, photo)
    shutil.move(package, package.with_name("elsewhere.gpkg"))
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    saved = list(rescue_dir.glob("*.json"))
    assert len(shown) == 1 and len(saved) == 1
    assert shown[0].startswith("The record was not saved. File or folder not found")
    assert shown[0].endswith("What you typed is still in the form; the package could not "
                             f"take it, so it is kept in the rescue file:\n{saved[0]}"), shown[0]


def _read_only_folder() -> str:
    """A folder nobody may make, not even root (the system's read-only sysfs)."""
    path = "/sys/fs/toksun-rescue"
    try:
        os.mkdir(path)
    except OSError as exc:
        if failures.not_writable(exc):
            return path
    else:
        os.rmdir(path)
    pytest.skip("no read-only folder here to put the rescue folder in")


def test_a_write_protected_card_the_box_says_to_turn_the_protection_off(
        qtbot, window, patch, photo, shown, monkeypatch):
    """The card turned write-protected under the open package, the rescue folder read-only
    too: nothing kept; the box says so and what to do about the write protection."""
    click_in_list(qtbot, window, PATCH, patch[0])
    form = window.form
    _fill(form, photo)
    monkeypatch.setenv(drafts.RESCUE_ENV, _read_only_folder())
    window.conn.execute("PRAGMA query_only = 1")  # every write refused: read-only
    qtbot.keyClicks(form.editor("verifier").edit, " Tursun")
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    box = shown[0]
    assert box.startswith("The record was not saved. Cannot write")
    assert box.endswith("Nothing was kept, not even a draft: neither the package nor the "
                        "rescue folder can be written (read-only or write-protected), so what "
                        "you typed is only in this form. Keep the form open; turn off the write "
                        "protection of the USB stick or memory card, then save again. If you "
                        "must close it, write the values down first."), box
    window.conn.execute("PRAGMA query_only = 0")  # the protection off, as told
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert len(shown) == 1 and not window.form.kept_nowhere


def test_the_package_gone_and_no_rescue_file_the_box_claims_no_file(
        qtbot, window, patch, package, shown, tmp_path, monkeypatch, answers):
    """The USB stick pulled out while the rescue folder cannot be made: the box that says
    the package is gone names no rescue file ("kept in: —"), it says the values could not
    be kept there and the form must stay open."""
    click_in_list(qtbot, window, PATCH, patch[0])
    qtbot.keyClicks(window.form.editor("verifier").edit, "Nurgul")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the rescue folder would be")
    monkeypatch.setenv(drafts.RESCUE_ENV, str(blocked / "rescue"))
    away = package.with_name("elsewhere.gpkg")
    shutil.move(package, away)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)  # the window's own check, every 2 s
    box = shown[0]
    assert box.startswith(f"The package file is gone: {package}")
    assert "kept in" not in box and "—" not in box, box
    assert box.endswith("The open form's values could not be written to a rescue file "
                        "either: keep the form open until the package is back."), box
    shutil.move(away, package)  # back: the form's values are where they were
    qtbot.waitUntil(lambda: not window.gone, timeout=5000)
    assert window.form.editor("verifier").edit.text() == "Nurgul"


def test_the_safety_net_claims_no_draft_it_cannot_know_of(qtbot, window, patch, shown,
                                                         tmp_path, monkeypatch):
    """An error nobody foresaw, with the values kept nowhere: its box claims no draft (the
    form's own line says where its values are)."""
    click_in_list(qtbot, window, PATCH, patch[0])
    _nowhere_to_keep(window, tmp_path, monkeypatch)
    window.form.set_value("notes", "沙坑北侧有新的堆土。" * 20000)
    assert window.form.kept_nowhere
    try:
        raise KeyError("x")
    except KeyError as exc:
        failures.excepthook(type(exc), exc, exc.__traceback__)
    assert shown[0].endswith("What you typed is still in the form."), shown[0]
    window.conn.execute("PRAGMA max_page_count = 1073741823")  # room again: kept, may close
    window.form.set_value("verifier", "A")
    assert not window.form.kept_nowhere
