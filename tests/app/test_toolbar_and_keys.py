# SPDX-License-Identifier: GPL-2.0-or-later
"""The tool bar and the menus by hand and by keyboard: a right click on the tool bar does not
offer to hide it, and every menu and action is reached with Alt and a letter."""

from __future__ import annotations

from PyQt5.QtCore import QPoint, QTimer
from PyQt5.QtGui import QContextMenuEvent
from PyQt5.QtWidgets import QApplication, QMenu, QToolBar

from field_kit.app import i18n


def _right_click(qtbot, widget, pos: QPoint) -> list[list[str]]:
    """What a right click there shows: the menu's lines, each menu closed again."""
    shown: list[list[str]] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.append([a.text() for a in menu.actions() if a.isVisible()])
            menu.close()

    QTimer.singleShot(100, look)
    # (what the window system sends on a right press; a test's click alone does not)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Mouse, pos,
                                                     widget.mapToGlobal(pos)))
    qtbot.wait(200)
    return shown


def test_a_right_click_on_the_tool_bar_or_the_menus_does_not_offer_to_hide_the_tool_bar(
        qtbot, window):
    bar = window.findChild(QToolBar)
    empty = QPoint(bar.width() - 3, bar.height() // 2)  # beyond its last button
    assert bar.childAt(empty) is None
    for lang in (i18n.EN, i18n.ZH):
        i18n.set_language(lang)
        assert _right_click(qtbot, bar, empty) == []
        menus = window.menuBar()
        assert _right_click(qtbot, menus, QPoint(menus.width() - 3, menus.height() // 2)) == []
        assert bar.isVisible()
    assert bar.windowTitle() == "工具栏"  # its name, where one is shown, in the language
    i18n.set_language(i18n.EN)
