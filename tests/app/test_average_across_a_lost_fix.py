# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixes averaged are of one unbroken run: those taken before the fix was lost are not
averaged with those after it comes back (the technician may have moved meanwhile)."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt

from field_kit.app import gnss, settings
from field_kit.app.patch_list import PATCH


def test_fixes_before_a_lost_fix_are_not_averaged_with_later_ones(qtbot, window):
    e = next(x for x in window.list.entries if x.kind == PATCH)
    now = [1000.0]
    window.fix_watch.clock = lambda: now[0]
    settings.put(window.conn, "position_average_fixes", 3)
    window.fix_watch.watch(gnss.PositionSource())  # a receiver's fixes, by hand
    window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=4.0))
    window.select(PATCH, e.uuid)
    form = window.form
    qtbot.mouseClick(form.position.average_button, Qt.LeftButton)
    for _ in range(2):  # two of three, then the receiver says nothing more
        window.on_fix(gnss.Fix(e.lon, e.lat, accuracy_m=4.0))
    assert "2/3" in form.position.note.text()
    now[0] += 6
    window.fix_watch.look()
    note = form.position.note.text()
    assert "No fix: receiver silent for 6 s" in note
    assert "Averaging: 0/3 fixes… (the 2 taken before the fix was lost dropped)" in note
    for _ in range(3):  # back, 100 m east: only these are averaged
        window.on_fix(gnss.Fix(e.lon + 0.0012, e.lat, accuracy_m=4.0))
    assert not form.position.averaging
    assert float(form.position.edits["position_lon"].text()) == pytest.approx(e.lon + 0.0012)
    assert "Average of 3 fixes" in form.position.note.text()
