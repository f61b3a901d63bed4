# SPDX-License-Identifier: GPL-2.0-or-later
"""A position typed by hand (Position → Type coordinates…): what cannot be read as a
longitude, a latitude and an accuracy is refused and said, not read as another position;
one outside Toksun County, in either order, is held back and said until the user takes it."""

from __future__ import annotations

import contextlib

import pytest
from PyQt5.QtCore import Qt, QTimer
from PyQt5.QtGui import QInputMethodEvent
from PyQt5.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu, QMessageBox

from field_kit.app.patch_list import PATCH
from tests.app.conftest import click_in_list


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    """Keys, and what a Chinese input method commits (the full-width comma) as it does."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(edit, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(edit, event)


def _type_coordinates(qtbot, window, typed: str, yes: bool = False) -> list[str]:
    """Position ▾ → Type coordinates…, the text typed and Enter; the boxes it then shows
    (each closed by Enter, or a question by its Yes button clicked when ``yes``)."""
    said: list[str] = []
    done = []

    def step() -> None:  # (the menu, the dialog and a box each wait for the hand)
        menu = QApplication.activePopupWidget()
        modal = QApplication.activeModalWidget()
        if menu is None and modal is None:
            return
        QTimer.singleShot(50, step)  # first: a click here may wait in the next one's loop
        if isinstance(menu, QMenu):
            qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(
                window.act_typed).center())
        elif isinstance(modal, QInputDialog) and not done:
            done.append(True)
            edit = modal.findChild(QLineEdit)
            _type(qtbot, edit, typed)
            qtbot.keyClick(edit, Qt.Key_Return)
        elif isinstance(modal, QMessageBox):
            said.append(modal.text())
            if yes and modal.button(QMessageBox.Yes) is not None:
                qtbot.mouseClick(modal.button(QMessageBox.Yes), Qt.LeftButton)
            else:
                qtbot.keyClick(modal, Qt.Key_Return)

    QTimer.singleShot(50, step)
    qtbot.mouseClick(window.pos_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: done and QApplication.activeModalWidget() is None)
    return said


@pytest.mark.parametrize(("typed", "said"), [
    ("88,65, 42,79", "At most three numbers: longitude, latitude, accuracy (m), with a "
                     "decimal point, not a comma; typed: 4 numbers: 88,65, 42,79"),
    ("88.65, 42.79, 3, 9", "At most three numbers: longitude, latitude, accuracy (m), with "
                           "a decimal point, not a comma; typed: 4 numbers: 88.65, 42.79, 3, 9"),
    ("88.65, 42.79, -4", "The accuracy must be 0 m or more: -4"),
    ("88.65，42.79，inf", "The accuracy must be 0 m or more: inf"),
])
def test_a_typed_position_that_cannot_be_read_whole_is_refused_and_said(
        qtbot, window, typed, said):
    assert _type_coordinates(qtbot, window, typed) == [said]
    assert window.fix is None  # no position taken from it
    assert _type_coordinates(qtbot, window, "88.65，42.79，3.5") == []  # typed again
    assert (window.fix.lon, window.fix.lat, window.fix.accuracy_m) == (88.65, 42.79, 3.5)


@pytest.mark.parametrize(("typed", "accuracy"), [("42.94, 88.69", None),
                                                 ("42.94，88.69，5", 5.0)])
def test_a_position_typed_latitude_first_is_taken_the_other_way_round_and_said(
        qtbot, window, typed, accuracy):
    assert _type_coordinates(qtbot, window, typed) == [
        f"{typed} as longitude, latitude lies outside Toksun County; the other way round it "
        "lies inside: taken as longitude 88.69, latitude 42.94"]
    assert (window.fix.lon, window.fix.lat, window.fix.accuracy_m) == (88.69, 42.94, accuracy)


def test_a_position_typed_latitude_first_is_said_in_chinese(qtbot, package):
    with _in_chinese(qtbot, package) as win:
        assert _type_coordinates(qtbot, win, "42.94, 88.69") == [
            "输入的 42.94, 88.69 按“经度, 纬度”不在托克逊县内，对调后在县内：已按经度 88.69、"
            "纬度 42.94 读取"]
        assert (win.fix.lon, win.fix.lat) == (88.69, 42.94)


@contextlib.contextmanager
def _in_chinese(qtbot, package):
    """The field app's window on ``package`` in Chinese, shown, closed after."""
    from field_kit.app.main_window import MainWindow
    win = MainWindow(package, "zh")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    try:
        yield win
    finally:
        win.close()


def _outside(typed: str, lon: str, lat: str) -> str:
    return (f"{typed} (read as longitude {lon}, latitude {lat}) lies outside Toksun County "
            "(87.23–89.19°E, 41.35–43.31°N), most often a slip in typing. Take it as your "
            "position all the same?")


OUTSIDE = [("88.65, 44.79", "88.65", "44.79"),  # one figure mistyped
           ("44.79, 88.65", "44.79", "88.65"),  # latitude first, and mistyped
           ("42.79, 89.35", "89.35", "42.79"),  # latitude first, east of the county
           ("89.35，42.79，5", "89.35", "42.79")]


@pytest.mark.parametrize(("typed", "lon", "lat"), OUTSIDE)
def test_a_typed_position_outside_the_county_is_held_back_and_said(
        qtbot, window, typed, lon, lat):
    entry = next(e for e in window.list.entries if e.kind == PATCH)
    click_in_list(qtbot, window, PATCH, entry.uuid)  # a patch's form open, to take it
    assert _type_coordinates(qtbot, window, typed) == [_outside(typed, lon, lat)]
    assert window.fix is None  # Enter answers No: nothing taken, nothing in the form
    assert window.form.position.edits["position_lon"].text() == ""
    assert window.form.draft_id is None
    assert _type_coordinates(qtbot, window, "88.65, 42.79") == []  # inside: taken as before
    assert (window.fix.lon, window.fix.lat) == (88.65, 42.79)
    assert window.form.position.edits["position_lon"].text() == "88.65"


def test_a_typed_position_outside_the_county_is_taken_when_the_user_says_so(qtbot, window):
    assert _type_coordinates(qtbot, window, "42.79, 89.35", yes=True) == [
        _outside("42.79, 89.35", "89.35", "42.79")]
    assert (window.fix.lon, window.fix.lat) == (89.35, 42.79)


def test_a_typed_position_outside_the_county_is_said_in_chinese(qtbot, package):
    with _in_chinese(qtbot, package) as win:
        assert _type_coordinates(qtbot, win, "44.79, 88.65") == [
            "输入的 44.79, 88.65（按经度 44.79、纬度 88.65 读取）在托克逊县范围（东经 "
            "87.23–89.19°，北纬 41.35–43.31°）之外，多为输入有误。仍以此作为当前位置吗？"]
        assert win.fix is None


def _beyond(typed: str, lon: str, lat: str) -> str:
    return (f"{typed} cannot be longitude {lon}, latitude {lat}: a latitude lies within ±90°. "
            "The two figures look swapped: type the longitude first. Toksun County lies at "
            "87.23–89.19°E, 41.35–43.31°N, e.g. 88.65, 42.79")


@pytest.mark.parametrize(("typed", "said"), [
    ("42.7, 98.5", _beyond("42.7, 98.5", "42.7", "98.5")),  # swapped, and mistyped
    ("42.7，-98.5，5", _beyond("42.7，-98.5，5", "42.7", "-98.5")),
    ("188.5, 42.7", "188.5, 42.7 cannot be longitude 188.5, latitude 42.7: a longitude lies "
                    "within ±180° and a latitude within ±90°. Toksun County lies at "
                    "87.23–89.19°E, 41.35–43.31°N, e.g. 88.65, 42.79"),
])
def test_a_typed_position_beyond_any_latitude_or_longitude_says_the_county_and_a_swap(
        qtbot, window, typed, said):
    assert _type_coordinates(qtbot, window, typed) == [said]
    assert window.fix is None


def test_a_typed_position_beyond_any_latitude_is_said_in_chinese(qtbot, package):
    with _in_chinese(qtbot, package) as win:
        assert _type_coordinates(qtbot, win, "42.7, 98.5") == [
            "输入的 42.7, 98.5 不能是经度 42.7、纬度 98.5：纬度在 ±90° 以内。两个数像是写反了，"
            "请先写经度。托克逊县在东经 87.23–89.19°、北纬 41.35–43.31°，例如 88.65, 42.79"]
        assert win.fix is None
