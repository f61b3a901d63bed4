# SPDX-License-Identifier: GPL-2.0-or-later
"""Once the fix has gone dead (the receiver silent, the replay ended, position stopped), the
navigation bar's way is from where the technician was: it says it is from the last fix and
how long ago that was, growing older, not as if it were where they stand now."""

from __future__ import annotations

from field_kit.app import gnss, i18n
from field_kit.app.patch_list import PATCH
from tests.app.conftest import click_in_list
from tests.app.nmea import walk


def test_the_bar_says_the_way_is_from_the_last_fix_and_how_long_ago(qtbot, window, patch,
                                                                    tmp_path, clock):
    uuid, lon, lat = patch
    click_in_list(qtbot, window, PATCH, uuid)
    log = tmp_path / "off.nmea"
    log.write_text(walk(lon + 0.05, lat, n=2))  # some 4 km east of it
    window.start_source(gnss.ReplaySource(log, speed=0.001))  # the next fix minutes later
    qtbot.waitUntil(lambda: window.fix is not None and "GPS" in window.gnss_label.text(),
                    timeout=10000)
    live = window.nav.text()
    assert "km to the edge" in live and "last fix" not in live, live

    clock[0] += 6  # the receiver says nothing more
    qtbot.waitUntil(lambda: "silent" in window.gnss_label.text(), timeout=10000)
    qtbot.waitUntil(lambda: "(from the last fix, 6 s ago; no fix now)" in window.nav.text(),
                    timeout=10000)
    assert window.nav.text().startswith("◌ ") and live.split("  ", 1)[1] in window.nav.text()
    clock[0] += 120  # older each second the bar is looked at
    qtbot.waitUntil(lambda: "from the last fix, 2 min ago" in window.nav.text(), timeout=10000)
    window.lang_actions[i18n.ZH].trigger()
    assert "（按 2 分钟前的最后一次定位，现在无定位）" in window.nav.text(), window.nav.text()
    window.lang_actions[i18n.EN].trigger()

    window.act_stop.trigger()  # Position ▸ Stop position: still the last fix, said so
    assert "No fix: position stopped" in window.gnss_label.text()
    assert "from the last fix, 2 min ago" in window.nav.text()
    clock[0] += 3600
    qtbot.waitUntil(lambda: "from the last fix, 1 h ago" in window.nav.text(), timeout=10000)


def test_on_the_patch_when_the_replay_has_ended(qtbot, window, patch, tmp_path, clock):
    uuid, lon, lat = patch
    click_in_list(qtbot, window, PATCH, uuid)
    log = tmp_path / "on.nmea"
    log.write_text(walk(lon, lat, n=1))  # one fix, on the patch, then the file ends
    window.start_source(gnss.ReplaySource(log, speed=0))
    qtbot.waitUntil(lambda: "the NMEA replay has ended" in window.gnss_label.text(),
                    timeout=10000)
    assert window.nav.text() == "◌ ✔ On the patch · 0 m (from the last fix, 0 s ago; no fix now)"
