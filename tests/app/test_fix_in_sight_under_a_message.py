# SPDX-License-Identifier: GPL-2.0-or-later
"""The position fix stays in sight in the status bar while a passing message is shown there
("Nothing to undo", the imagery's note): the message hid it for ten seconds or more, just as
a technician recording a position looked for its accuracy. The message beside it is whole,
wrapped to the room it has."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication, QLabel, QScrollArea

from field_kit.app import gnss, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600)])
@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_the_fix_is_in_sight_while_a_message_is_shown(qtbot, package, patch, lang, size):
    i18n.set_language(lang)
    win = MainWindow(package, lang)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.select(PATCH, patch[0])
    win.on_fix(gnss.Fix(patch[1], patch[2], quality=4, accuracy_m=0.02, satellites=14))
    _laid_out()  # (the window settled, as the technician finds it)
    label, bar = win.gnss_label, win.statusBar()
    fix = "◉ " + i18n.tr("fix", quality="RTK", acc=i18n.accuracy_text(0.02), sats=14)
    assert label.text() == fix and label.isVisible()

    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier)  # Ctrl+Z, nothing to undo: said
    _laid_out()  # (the bar laid out again, as on screen)
    said = i18n.tr("nothing_to_undo")
    assert bar.currentMessage() == said
    assert label.isVisible() and label.text() == fix
    # whole, within the bar, clear of the message and of the changes waiting beside it
    assert label.width() >= label.sizeHint().width(), (label.width(), label.sizeHint())
    shown = label.geometry()
    assert bar.rect().contains(shown), (shown, bar.rect())
    assert not shown.intersects(win.waiting_label.geometry())
    # the message whole beside it, wrapped to the room left (not cut at the fix)
    _said_whole(bar, said, shown.left())

    # a fix that changes while the message is shown is shown at once
    win.on_fix(gnss.Fix(patch[1], patch[2], quality=5, accuracy_m=0.3, satellites=9))
    assert bar.currentMessage() == said
    assert label.isVisible() and label.text() == "◉ " + i18n.tr(
        "fix", quality="RTK float", acc=i18n.accuracy_text(0.3), sats=9)
    bar.clearMessage()  # (as it goes by itself after 10 s)
    assert not [w for w in bar.findChildren(QLabel) if w.isVisible() and w.text() == said]
    assert label.isVisible() and win.waiting_label.isVisible()


def _laid_out() -> None:
    """The bar laid out as on screen (a wrapped message: its height, then the bar's)."""
    for _ in range(3):
        QApplication.processEvents()


def _said_whole(bar, said: str, fix_left: int) -> None:
    """``said`` whole in the status ``bar``, left of the fix: in a label in sight, wrapped
    within the box it is in, or drawn by the bar on its own line before its first widget in
    sight."""
    labels = [w for w in bar.findChildren(QLabel) if w.isVisible() and w.text() == said]
    if not labels:  # (the bar's own message line: one line, cut where the room ends)
        first = min(w.x() for w in bar.findChildren(QLabel) if w.isVisible())
        room = first - 2 - 6  # (QStatusBar's margins)
        assert bar.fontMetrics().horizontalAdvance(said) <= room, room
        return
    (label,) = labels
    assert label.mapTo(bar, label.rect().topRight()).x() < fix_left
    box = label.parent().parent()
    if isinstance(box, QScrollArea):  # (wrapped in a box: all of it in sight)
        assert label.width() <= box.viewport().width()
        assert label.height() <= box.viewport().height(), (label.height(), box.height())
