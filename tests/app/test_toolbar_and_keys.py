# SPDX-License-Identifier: GPL-2.0-or-later
"""The tool bar and the menus by hand and by keyboard: a right click on the tool bar does not
offer to hide it, and every menu and action is reached with Alt and a letter."""

from __future__ import annotations

from PyQt5.QtCore import QPoint, Qt, QTimer
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


def _alt(qtbot, window, letter: str) -> list[str]:
    """Alt and a letter: the lines of the menu it opens (closed again with Escape)."""
    qtbot.keyClick(window, letter, Qt.AltModifier)
    qtbot.wait(50)
    menu = QApplication.activePopupWidget()
    if not isinstance(menu, QMenu):
        return []
    lines = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    qtbot.keyClick(menu, Qt.Key_Escape)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_Escape)  # (the bar's focus)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    return lines


def test_every_menu_opens_with_alt_and_a_letter_in_both_languages(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for lang in (i18n.EN, i18n.ZH):
        i18n.set_language(lang)
        assert _alt(qtbot, window, "f") == [window.act_export.text(), window.act_pull.text()]
        assert window.act_typed.text() in _alt(qtbot, window, "p")
        assert window.imagery_menu.act_add.text() in _alt(qtbot, window, "i")
        assert _alt(qtbot, window, "l") == ["中文", "English"]
    i18n.set_language(i18n.EN)


def test_export_is_taken_by_keyboard_alone(qtbot, window, monkeypatch):
    """Alt+F, then Enter on its first line: Export change package… (no Tab reaches the tool
    bar's buttons)."""
    asked: list[bool] = []
    monkeypatch.setattr(window, "export_dialog", lambda: asked.append(True))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, "f", Qt.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.file_menu)
    menu = QApplication.activePopupWidget()
    if menu.activeAction() is None:
        qtbot.keyClick(menu, Qt.Key_Down)
    assert menu.activeAction() is window.act_export
    qtbot.keyClick(menu, Qt.Key_Return)
    qtbot.waitUntil(lambda: asked == [True])


def test_at_1024_px_every_tool_bar_button_is_on_the_bar_in_both_languages(qtbot, package):
    """Imagery and Language were behind » at 1024×600 in English: the least needed labels
    shrink to their marks, the whole name in the tooltip; Export and Update keep theirs."""
    from field_kit.app.main_window import MainWindow
    from tests.app.test_laptop_screen import _all_on_the_bar
    win = MainWindow(package, "en")
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    bar = win.findChild(QToolBar)
    try:
        for lang in (i18n.EN, i18n.ZH, i18n.EN):
            i18n.set_language(lang)  # switched on the small screen
            qtbot.wait(20)
            _all_on_the_bar(bar)
            assert win.imagery_menu.button.isVisible() and win.lang_button.isVisible()
            for act, key in ((win.act_export, "export_short"), (win.act_pull, "pull_short")):
                assert act.iconText().endswith(i18n.tr(key))
            assert win.act_me.toolTip() == i18n.tr("zoom_me")
            assert win.act_all.toolTip() == i18n.tr("zoom_all")
        assert win.act_me.iconText() == "◎"  # shrunk at 1024 in English
        win.resize(1366, 768)  # the whole labels again where they fit
        qtbot.wait(20)
        _all_on_the_bar(bar)
        assert win.act_me.iconText() == "◎ My position"
        assert win.lang_button.text() == "文/A English ▾"
    finally:
        win.close()
