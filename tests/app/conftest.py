# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures of the field app tests: a master made from the real plan and a technician's
field package checked out of it, and a photo whose EXIF carries a position."""

from __future__ import annotations

import os
import sqlite3

import pytest

from field_kit.app import failures, i18n
from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts
from field_kit.sync import package_checkout
from tests.unit.forms_fixtures import jpeg_with_exif

TOWNSHIP = "郭勒布依乡"


def click_in_list(qtbot, window, kind: str, uuid: str) -> None:
    """The technician clicks the patch or project in the list."""
    from PyQt5.QtCore import Qt
    tree = window.list.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tuple(tree.topLevelItem(i).data(0, Qt.UserRole)) == (kind, uuid))
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.current == (kind, uuid)


def box_answered(qtbot, button, answer) -> list[str]:
    """``button`` clicked opens a question box: its text is returned, and it is answered
    by a click on the button ``answer(box)`` picks (a real box, as the technician sees it)."""
    from PyQt5.QtCore import Qt, QTimer
    from PyQt5.QtWidgets import QApplication, QMessageBox
    said: list[str] = []

    def reply() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, reply)
            return
        said.append(box.text())
        qtbot.mouseClick(answer(box), Qt.LeftButton)

    QTimer.singleShot(20, reply)
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(said) and QApplication.activeModalWidget() is None)
    return said


def rows_in(package, table: str) -> int:
    """How many rows the package file's ``table`` holds, read as any other program would."""
    conn = sqlite3.connect(package)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def verifications_in(package) -> int:
    """How many patch verifications the package file holds, read as any other program would."""
    return rows_in(package, "patch_verifications")


def opened_again(qtbot, window, package, patch_uuid: str):
    """``window`` closed, the package opened again in a new one and the patch selected:
    once its stranded note is shown, the new window (for the test to close)."""
    from field_kit.app.main_window import MainWindow
    from field_kit.app.patch_list import PATCH
    window.close()
    again = MainWindow(package, "en")
    qtbot.addWidget(again)
    again.show()
    again.select(PATCH, patch_uuid)
    qtbot.waitUntil(again.form.stranded_note.isVisible)
    return again


def updated(window, master, monkeypatch) -> tuple[list[str], list[dict]]:
    """Update… clicked in ``window`` and ``master`` chosen: the boxes the technician is
    shown, and what the pull returned (to read again in another language)."""
    from field_kit.app import window_sync
    boxes: list[str] = []
    monkeypatch.setattr(window_sync.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(master), ""))
    monkeypatch.setattr(window_sync.QMessageBox, "information",
                        lambda parent, title, text: boxes.append(text))
    pulled: list[dict] = []
    pull_from = window.pull_from
    monkeypatch.setattr(window, "pull_from", lambda path: pulled.append(pull_from(path))
                        or pulled[-1])
    window.act_pull.trigger()  # Update…
    return boxes, pulled


@pytest.fixture
def window(qtbot, package):
    """The app on the technician's package, at a laptop's size, in English."""
    from field_kit.app.main_window import MainWindow
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()


@pytest.fixture
def clock(window):
    """The seconds the window's fix watch reads, moved on by the test."""
    now = [1000.0]
    window.fix_watch.clock = lambda: now[0]
    return now


@pytest.fixture
def package(tmp_path, master):
    out = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, out, "tab-1", township=TOWNSHIP, role="technician")
    return out


@pytest.fixture
def patch(package):
    """(uuid, centre lon, centre lat) of the package's first patch by code."""
    conn = sqlite3.connect(package)
    try:
        return conn.execute("SELECT uuid, centre_lon, centre_lat FROM mine_patches "
                            "ORDER BY patch_code LIMIT 1").fetchone()
    finally:
        conn.close()


def form_shown(qtbot, package, patch, language: str) -> FormWidget:
    """A patch's verification form, shown at a small laptop's size, in ``language``."""
    fw = FormWidget(package, "patch_verification", patch[0], language=language)
    qtbot.addWidget(fw)
    fw.resize(1024, 600)
    fw.show()
    return fw


@pytest.fixture
def form(qtbot, package, patch):
    """A patch's verification form, shown, in English."""
    fw = FormWidget(package, "patch_verification", patch[0], language="en")
    qtbot.addWidget(fw)
    fw.resize(520, 900)
    fw.show()
    yield fw
    fw.close_db()


@pytest.fixture
def photo(tmp_path, patch):
    """A JPEG taken 30 m north of the patch's centre, EXIF position, time and heading."""
    path = tmp_path / "DSC_0001.jpg"
    path.write_bytes(jpeg_with_exif(lat=patch[2] + 0.00027, lon=patch[1], heading=182.0,
                                    taken="2025:06:01 10:15:00", offset="+08:00"))
    return path


@pytest.fixture(autouse=True)
def english():
    """Tests read messages in English; the app's default follows the locale."""
    before = i18n.language()
    i18n.set_language(i18n.EN)
    yield
    i18n.set_language(before)
    # Qt's own Chinese the app installed is taken out again: in one process with QGIS's
    # tests it would otherwise speak for QGIS, which had not installed it
    from field_kit.app.main_window import qt_language
    qt_language(i18n.EN)


@pytest.fixture(autouse=True)
def rescue_dir(tmp_path, monkeypatch):
    """Rescue files of the tests go to the test's folder, not the user's."""
    path = tmp_path / "rescue"
    monkeypatch.setenv(drafts.RESCUE_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """A message box in a test would wait for a click for ever: fail instead."""
    def refuse(parent, title, text):
        raise AssertionError(f"a modal box would wait for a click: {title}: {text}")
    monkeypatch.setattr(failures, "show", refuse)
    monkeypatch.setattr(failures, "ask", refuse)
    monkeypatch.setattr(failures, "choose", lambda parent, title, text, go, stop:
                        refuse(parent, title, text))


@pytest.fixture
def answers(monkeypatch):
    """Questions the app asks; each is answered by popping the test's list (True: Yes)."""
    class Answers(list):
        asked: list[str] = []
    out = Answers()
    out.asked = []

    def ask(parent, title, text):
        out.asked.append(text)
        return out.pop(0)
    monkeypatch.setattr(failures, "ask", ask)
    return out


@pytest.fixture
def shown(monkeypatch):
    """The messages the app shows the technician, instead of modal boxes."""
    out: list[str] = []
    monkeypatch.setattr(failures, "show", lambda parent, title, text: out.append(text))
    return out


@pytest.fixture
def big_photo(tmp_path):
    """A 3000×2000 JPEG of noise (about 5 MB, more than a package's free pages)."""
    import os

    from PyQt5.QtGui import QImage
    w, h = 3000, 2000
    data = os.urandom(w * h * 3)
    img = QImage(data, w, h, w * 3, QImage.Format_RGB888)
    path = tmp_path / "IMG_big.jpg"
    assert img.save(str(path), "JPEG", 90)
    return path


@pytest.fixture
def receiver():
    """A serial receiver on a pseudo-terminal: (the port's name, write sentences, unplug)."""
    pty = pytest.importorskip("pty")  # (a pseudo-terminal: not on Windows)
    master, slave = pty.openpty()
    name = os.ttyname(slave)
    state = {"open": True}

    def send(lines: list[str]) -> None:
        os.write(master, ("\r\n".join(lines) + "\r\n").encode())

    def unplug() -> None:
        state["open"] = False
        os.close(master)
        os.close(slave)

    yield name, send, unplug
    if state["open"]:
        unplug()
