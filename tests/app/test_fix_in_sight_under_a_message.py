# SPDX-License-Identifier: GPL-2.0-or-later
"""The position fix stays in sight in the status bar while a passing message is shown there
("Nothing to undo", the imagery's note): the message hid it for ten seconds or more, just as
a technician recording a position looked for its accuracy."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QApplication

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
    QApplication.processEvents()  # (the window settled, as the technician finds it)
    label, bar = win.gnss_label, win.statusBar()
    fix = "◉ " + i18n.tr("fix", quality="RTK", acc=i18n.accuracy_text(0.02), sats=14)
    assert label.text() == fix and label.isVisible()

    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier)  # Ctrl+Z, nothing to undo: said
    QApplication.processEvents()  # (the bar laid out again, as on screen)
    said = i18n.tr("nothing_to_undo")
    assert bar.currentMessage() == said
    assert label.isVisible() and label.text() == fix
    # whole, within the bar, clear of the message and of the changes waiting beside it
    assert label.width() >= label.sizeHint().width(), (label.width(), label.sizeHint())
    shown = label.geometry()
    assert bar.rect().contains(shown), (shown, bar.rect())
    assert not shown.intersects(win.waiting_label.geometry())
    room = shown.left() - bar.contentsRect().left()
    assert bar.fontMetrics().horizontalAdvance(said) <= room or size == (1024, 600), room

    # a fix that changes while the message is shown is shown at once
    win.on_fix(gnss.Fix(patch[1], patch[2], quality=5, accuracy_m=0.3, satellites=9))
    assert bar.currentMessage() == said
    assert label.isVisible() and label.text() == "◉ " + i18n.tr(
        "fix", quality="RTK float", acc=i18n.accuracy_text(0.3), sats=9)
    bar.clearMessage()
    assert label.isVisible() and win.waiting_label.isVisible()
