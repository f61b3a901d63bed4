# SPDX-License-Identifier: GPL-2.0-or-later
"""The app started as a technician starts it, on a screen smaller than 1366×768 (the
offscreen platform's is 800×600, less than a 1024×600 netbook's): the window, the form's
column and its Save inside the screen."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.app.process import ROOT

# the app's own start; its event loop replaced by: a click on the list's first patch, then
# where the window, the form and Save are, as the screen has room for them
STARTED = """
import sys
from PyQt5.QtCore import Qt
from PyQt5.QtTest import QTest
from PyQt5.QtWidgets import QApplication
from field_kit.app import main_window

def looked(app):
    QTest.qWait(200)
    win = next(w for w in app.topLevelWidgets() if isinstance(w, main_window.MainWindow))
    tree = win.list.tree
    item = tree.topLevelItem(0)
    QTest.mouseClick(tree.viewport(), Qt.LeftButton, Qt.NoModifier,
                     tree.visualItemRect(item).center())
    QTest.qWait(200)
    room = app.primaryScreen().availableGeometry()
    save = win.form.save_button
    at = save.mapToGlobal(save.rect().topLeft())
    side = win.side.mapToGlobal(win.side.rect().bottomRight())
    print("ROOM", room.width(), room.height(), flush=True)
    print("WINDOW", win.frameGeometry().right() + 1, win.frameGeometry().bottom() + 1,
          flush=True)
    print("SIDE", side.x() + 1, side.y() + 1, flush=True)
    print("SAVE", at.x() + save.width(), at.y() + save.height(), save.isVisible(), flush=True)
    win.end()
    return 0

QApplication.exec_ = looked
sys.exit(main_window.run(sys.argv[1:]))
"""


def test_the_window_and_its_save_fit_a_screen_smaller_than_1366_by_768(package):
    got = subprocess.run([sys.executable, "-c", STARTED, str(package), "--lang", "en"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert got.returncode == 0 and "Traceback" not in got.stderr, got
    said = {line.split()[0]: line.split()[1:] for line in got.stdout.splitlines()}
    width, height = map(int, said["ROOM"])
    assert width < 1366 and height < 768  # (the platform's screen: smaller than a laptop's)
    for what in ("WINDOW", "SIDE", "SAVE"):
        right, bottom = map(int, said[what][:2])
        assert right <= width and bottom <= height, (what, said)
    assert said["SAVE"][2] == "True"
