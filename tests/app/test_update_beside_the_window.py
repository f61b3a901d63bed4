# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… from a slow USB stick: the window is drawn meanwhile, a box says what is being
done, and the window is not closed under it. (The stick is as slow as it takes the window to
turn so many times: told by what the window did meanwhile, not by a clock.)"""

from __future__ import annotations

import time

from field_kit.app import window_sync
from field_kit.app.patch_list import PATCH
from field_kit.db import connect
from field_kit.qfield import project_folder


def held_until(done) -> None:
    """The stick's work held until ``done()`` (what the window does meanwhile), or 30 s (a
    window that never turns: the test then fails on what it saw)."""
    until = time.monotonic() + 30
    while not done() and time.monotonic() < until:
        time.sleep(0.01)


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
        held_until(lambda: len(seen) >= 10)  # (the box seen ten times)
        return pull(gpkg, master)
    monkeypatch.setattr(project_folder, "pull", slow_stick)
    monkeypatch.setattr(window_sync.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(master), ""))
    boxes: list[str] = []
    monkeypatch.setattr(window_sync.QMessageBox, "information",
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


def test_positions_met_during_an_update_do_not_stop_the_window(
        qtbot, window, patch, master, tmp_path, monkeypatch):
    """The update holds the package while it writes it: the positions met meanwhile are
    drawn and kept, the package read and written once it is through."""
    from PyQt5.QtCore import QTimer

    from field_kit.app import gnss
    from field_kit.sync import pull
    from tests.app.nmea import walk
    refill = pull.added_again.refill

    def slow_stick(src, conn):  # the package written on a USB 2 stick
        held_until(lambda: len(ticks) > 20 and window.source.index > 10)
        return refill(src, conn)
    monkeypatch.setattr(pull.added_again, "refill", slow_stick)
    monkeypatch.setattr(window_sync.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(master), ""))
    monkeypatch.setattr(window_sync.QMessageBox, "information", lambda parent, title, text: None)
    path = tmp_path / "walk.nmea"
    path.write_text(walk(patch[1] - 0.01, patch[2] - 0.01, n=60))
    window.start_source(gnss.ReplaySource(path, speed=10))  # a fix every 100 ms
    ticks: list[int] = []
    timer = QTimer(window, interval=50, timeout=lambda: ticks.append(1))
    timer.start()
    window.act_pull.trigger()  # Update…
    timer.stop()
    fixes = window.source.index
    window.stop_position()
    assert fixes > 10, fixes  # positions came meanwhile
    assert len(ticks) > 20, len(ticks)  # (the window drawn meanwhile)
    conn = connect(window.path)
    try:  # every position met is in the track
        assert conn.execute("SELECT count(*) FROM track_points").fetchone()[0] == fixes
    finally:
        conn.close()
