# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit status` on a package the app has opened: its drafts and track are said to be
the app's own, kept on the device, with no advice to have them tracked."""

from __future__ import annotations

from field_kit import errors
from field_kit.app import gnss
from field_kit.app.patch_list import PATCH
from field_kit.cli.commands import main
from tests.app.nmea import walk


def test_status_says_the_apps_drafts_and_track_stay_on_the_device(
        qtbot, window, patch, tmp_path, capsys, monkeypatch):
    window.select(PATCH, patch[0])
    window.form.set_value("notes", "typed, not saved")  # a draft
    nmea = tmp_path / "walk.nmea"
    nmea.write_text(walk(patch[1], patch[2]))
    window.start_source(gnss.ReplaySource(nmea, speed=0))  # a track
    qtbot.waitUntil(lambda: window.source.index == 12, timeout=5000)
    window.close()
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["status", str(window.path)]) == errors.OK
    out = capsys.readouterr().out
    assert "not tracked: form_drafts: the field app's drafts of its forms (what was typed and " \
        "not saved yet), kept on this device; they do not travel" in out, out
    assert "not tracked: track_points: the field app's GPS track, kept on this device; it " \
        "does not travel" in out, out
    assert "form_drafts：外业 App 的表单草稿" in out and "track_points：外业 App 的 GPS 轨迹" in out
    assert "load it as a layer" not in out, out
