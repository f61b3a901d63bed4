# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… from a slow USB stick: the window is drawn meanwhile, a box says what is being
done, and the window is not closed under it."""

from __future__ import annotations

import time

from field_kit.app import main_window as mw
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.qfield import project_folder


def test_the_window_lives_and_says_what_an_update_from_a_slow_stick_does(
        qtbot, window, patch, master, monkeypatch):
    from PyQt5.QtCore import QTimer
    from PyQt5.QtWidgets import QProgressDialog
    m = connect(master)  # GIS staff changed the patch meanwhile
    with m:
        m.execute("UPDATE mine_patches SET township = 'seen by GIS' WHERE uuid = ?", (patch[0],))
    m.close()
    pull = project_folder.pull

    def slow_stick(gpkg, master):  # a big package on a USB 2 stick
        time.sleep(1.5)
        return pull(gpkg, master)
    monkeypatch.setattr(project_folder, "pull", slow_stick)
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName", lambda *a, **k: (str(master), ""))
    boxes: list[str] = []
    monkeypatch.setattr(mw.QMessageBox, "information",
                        lambda parent, title, text: boxes.append(text))
    seen: list[str] = []

    def look() -> None:  # what the technician sees, and closing the window meanwhile
        shown = [box.labelText() for box in window.findChildren(QProgressDialog)
                 if box.isVisible()]
        seen.extend(shown)
        if shown:
            window.close()
    timer = QTimer(window, interval=50, timeout=look)
    timer.start()
    window.act_pull.trigger()  # Update…
    timer.stop()
    assert len(boxes) == 1 and "1 applied" in boxes[0], boxes
    # drawn through the update (not frozen until it ends), saying what it does
    assert len(seen) >= 10, seen
    assert all(str(master) in said and "Taking the updated master" in said
               for said in seen), seen
    assert window.isVisible()  # not closed while the package was being written
    assert not any(box.isVisible() for box in window.findChildren(QProgressDialog))
    window.select(PATCH, patch[0])
    assert window.form is not None
