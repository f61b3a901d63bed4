# SPDX-License-Identifier: GPL-2.0-or-later
"""A package that cannot be written (a write-protected card, a read-only file or folder) is
said to be read-only, never a wrong or damaged file (told that, a technician may check out
again and lose what was not sent): refused before the window opens; while open, in the
form's banner, the save and the export; with the rescue folder read-only too, as
read-only, not as a full disk. Root writes past file modes, so folders are made read-only
as a card is: a read-only mount (a bind mount of the folder on itself)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PyQt5.QtWidgets import QFileDialog, QMessageBox

from field_kit import forms
from field_kit.app import i18n
from field_kit.app.form_widget import FormWidget
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH
from field_kit.forms import drafts
from tests.app.process import ROOT

WRONG_FILE = ("not the right one", "damaged)", "所选文件不对")


@pytest.fixture
def write_protect():
    """Make a folder read-only as a write-protected card is (for root too); undone after."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs root")
    mounted: list[Path] = []

    def protect(folder: Path) -> None:
        for args in (["--bind", str(folder), str(folder)],
                     ["-o", "remount,bind,ro", str(folder)]):
            if subprocess.run(["mount", *args], capture_output=True).returncode:
                if args[0] != "--bind":
                    subprocess.run(["umount", str(folder)], capture_output=True)
                pytest.skip("cannot mount a folder read-only here")
        mounted.append(folder)
    yield protect
    for folder in reversed(mounted):
        subprocess.run(["umount", str(folder)], check=True)


def _on_card(package, tmp_path) -> Path:
    card = tmp_path / "card"
    card.mkdir()
    shutil.copy(package, card / package.name)
    return card / package.name


def _fill(fw) -> None:
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "压占"),
                       ("patch_feature", "3"), ("remediation_status", "A"),
                       ("restoration_method", "1"), ("measured_area_m2", "2.5"),
                       ("verifier", "Ayxam")):
        fw.set_value(col, value, "公顷" if col == "measured_area_m2" else None)
    fw.position.fill(fw.ctx.subject["centre_lon"], fw.ctx.subject["centre_lat"], 5.0)
    assert not forms.errors(fw.problems), [p.message("en") for p in fw.problems]


def _open(package, patch) -> tuple[MainWindow, FormWidget]:
    win = MainWindow(package, "en")
    win.resize(1366, 768)
    win.show()
    win.select(PATCH, patch[0])
    assert win.form is not None
    return win, win.form


# the app as a technician starts it (no test script): the box's text printed, and a window
# that opens all the same said and ended at once (exit 9)
BY_HAND = ("import sys; from PyQt5.QtWidgets import QMessageBox; "
           "from field_kit.app import main_window; "
           "QMessageBox.critical = lambda p, t, text: print('BOX ' + text, flush=True); "
           "main_window.MainWindow.show = lambda self: sys.exit(9); "
           "sys.exit(main_window.run(sys.argv[1:]))")


@pytest.mark.parametrize("how", ["card", "file"])
def test_a_read_only_package_is_not_opened_and_said_to_be_read_only(
        package, tmp_path, write_protect, how):
    pkg = _on_card(package, tmp_path)
    if how == "card":  # a write-protected card: its files look writable, none can be written
        write_protect(pkg.parent)
    else:
        os.chmod(pkg, 0o444)
    for lang, said in (("en", "read-only"), ("zh", "只读")):
        got = subprocess.run([sys.executable, "-c", BY_HAND, str(pkg), "--lang", lang],
                             cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert got.returncode == 2, got  # a file that cannot be written (as every command)
        assert "Traceback" not in got.stderr, got.stderr
        box = got.stdout
        assert box.startswith("BOX ") and said in box and said in got.stderr, got
        assert not any(w in box for w in WRONG_FILE), box
        assert "draft" not in box and "草稿" not in box, box  # no form ever opened
    assert not Path(f"{pkg}.lock").exists()


@pytest.mark.parametrize("how", ["card", "file"])
def test_a_folder_made_read_only_while_open_is_said_as_read_only(
        qtbot, package, patch, tmp_path, write_protect, shown, rescue_dir, how):
    pkg = _on_card(package, tmp_path)
    win, form = _open(pkg, patch)
    qtbot.addWidget(win)
    before = os.path.getmtime(pkg)
    if how == "card":  # the card's write-protect switch, or the folder's rights
        write_protect(pkg.parent)
    else:  # the file marked read-only by its owner (root's writes would pass: kept to)
        os.chmod(pkg, 0o444)
    _fill(form)
    banner = form.banner.text()
    assert "read-only" in banner and "kept in" in banner, banner
    assert not any(w in banner for w in WRONG_FILE), banner
    assert len(list(rescue_dir.glob("*.json"))) == 1
    assert form.save() is None
    assert "read-only" in form.summary.text() and "read-only" in shown[-1], shown
    assert not any(w in shown[-1] + form.summary.text() for w in WRONG_FILE), shown
    i18n.set_language(i18n.ZH)
    assert form.save() is None
    assert "只读" in form.summary.text() and "只读" in shown[-1], shown
    assert not any(w in shown[-1] + form.summary.text() for w in WRONG_FILE), shown
    assert os.path.getmtime(pkg) == before  # nothing written


def test_an_export_to_a_write_protected_usb_stick_is_said_as_read_only(
        qtbot, window, patch, tmp_path, write_protect, shown, monkeypatch):
    window.select(PATCH, patch[0])
    _fill(window.form)
    assert window.form.save() is not None
    usb = tmp_path / "usb"
    usb.mkdir()
    write_protect(usb)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: pytest.fail(f"said done: {a}"))
    window.act_export.trigger()
    assert len(shown) == 1 and "read-only" in shown[0] and "write-protected" in shown[0], shown
    assert not any(w in shown[0] for w in WRONG_FILE), shown


def test_package_and_rescue_folder_both_read_only_say_read_only_not_a_full_disk(
        qtbot, package, patch, tmp_path, write_protect, answers, monkeypatch):
    pkg = _on_card(package, tmp_path)
    rescue = tmp_path / "rescue-ro"
    rescue.mkdir()
    monkeypatch.setenv(drafts.RESCUE_ENV, str(rescue))
    win, form = _open(pkg, patch)
    qtbot.addWidget(win)
    write_protect(pkg.parent)
    write_protect(rescue)
    try:
        _both_read_only(win, form, answers)
    finally:
        win.end()  # (asking nothing, whatever failed)


def _both_read_only(win, form, answers) -> None:
    form.set_value("verifier", "Ayxam")
    banner = form.banner.text()
    assert form.kept_nowhere and "only on the screen" in banner, banner
    assert "read-only" in banner and "write-protected" in banner, banner
    assert "space" not in banner and "full" not in banner, banner
    i18n.set_language(i18n.ZH)  # said again in the language switched to
    banner = win.form.banner.text()
    assert "这些值只在屏幕上" in banner and "写保护" in banner and "空间" not in banner, banner
    answers.append(False)
    win.close()
    assert win.isVisible() and "磁盘已满" not in answers.asked[-1], answers.asked
    i18n.set_language(i18n.EN)
    answers.append(False)
    win.close()
    assert "kept nowhere" in answers.asked[-1] and "full" not in answers.asked[-1]


def test_a_long_rescue_file_path_in_the_banner_keeps_the_form_in_its_panel(
        qtbot, package, patch, tmp_path, write_protect, monkeypatch):
    pkg = _on_card(package, tmp_path)
    rescue = tmp_path / ("野外核查备份_" + "rescue-folder-of-the-field-kit" * 3)
    monkeypatch.setenv(drafts.RESCUE_ENV, str(rescue))
    win, form = _open(pkg, patch)
    qtbot.addWidget(win)
    qtbot.wait(50)
    write_protect(pkg.parent)
    form.set_value("verifier", "Ayxam")
    assert "kept in" in form.banner.text()
    qtbot.wait(100)  # laid out again
    with contextlib.suppress(OSError):
        win.grab().save(str(tmp_path / "long_rescue_path.png"))  # to look at
    assert not form._scroll.horizontalScrollBar().isVisible()
    right = form.discard_button.mapTo(win.side, form.discard_button.rect().topRight()).x()
    assert right <= win.side.width(), (right, win.side.width())
    assert str(next(rescue.glob("*.json"))) in form.banner.toolTip()  # the path whole


# the window's title as it opens, then ended (exit 9)
TITLE = ("import sys; from field_kit.app import main_window; "
         "main_window.MainWindow.show = lambda self: sys.exit(print(self.windowTitle()) or 9); "
         "sys.exit(main_window.run(sys.argv[1:]))")


@pytest.mark.parametrize(("env", "lang"), [
    ({}, i18n.ZH), ({"LC_ALL": "C"}, i18n.ZH), ({"LANG": "POSIX"}, i18n.ZH),
    ({"LANG": "zh_CN.UTF-8"}, i18n.ZH), ({"LANG": "en_US.UTF-8"}, i18n.EN)])
def test_a_system_with_no_language_set_opens_the_app_in_chinese(package, env, lang):
    """No locale (the C or POSIX locale, which Python makes C.UTF-8): the users' language."""
    bare = {k: v for k, v in os.environ.items()
            if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    got = subprocess.run([sys.executable, "-c", TITLE, str(package)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={**bare, **env, "QT_QPA_PLATFORM": "offscreen"})
    assert got.returncode == 9, got
    assert got.stdout.startswith(i18n.tr("app_title", lang) + " — "), got
