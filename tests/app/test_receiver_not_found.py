# SPDX-License-Identifier: GPL-2.0-or-later
"""A receiver's port that is not there (unplugged, not paired, a name mistyped) is said as
the receiver not found on that port, with what to check: not as a file missing from a USB
stick."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from field_kit.app import i18n
from field_kit.app import main_window as mw
from tests.app.test_read_only import ROOT

# the app started as a technician starts it, its box printed (and the app ended there)
BOXED = ("import sys; from PyQt5.QtWidgets import QMessageBox; "
         "from field_kit.app import main_window; "
         "QMessageBox.critical = lambda p, t, text: (print('BOX ' + text, flush=True), "
         "sys.exit(3)); "
         "sys.exit(main_window.run(sys.argv[1:]))")


@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_a_port_not_there_is_said_as_no_receiver(window, shown, monkeypatch, tmp_path, lang):
    port = str(tmp_path / "ttyUSB9")  # no such port
    picked = iter([(port, True), ("4800", True)])  # the port typed, then its baud rate
    monkeypatch.setattr(mw.QInputDialog, "getItem", lambda *a, **k: next(picked))
    i18n.set_language(lang)
    window.act_device.trigger()  # Position → NMEA receiver (serial)…
    (text,) = shown
    if lang == i18n.EN:
        assert text.startswith(f"No receiver found on {port}. Check the cable or the "
                               "Bluetooth pairing"), text
        assert "Position → NMEA receiver" in text and "USB stick" not in text, text
    else:
        assert text.startswith(f"在 {port} 上找不到接收机。请检查数据线或蓝牙配对"), text
        assert "定位 → NMEA 接收机" in text and "U 盘" not in text, text


def test_started_on_a_port_not_there_it_says_no_receiver(package, tmp_path):
    """field-kit app PACKAGE --device PORT, the port not there."""
    port = str(tmp_path / "ttyUSB9")
    for lang, said in (("en", f"No receiver found on {port}. Check the cable"),
                       ("zh", f"在 {port} 上找不到接收机。请检查数据线")):
        got = subprocess.run([sys.executable, "-c", BOXED, str(package), "--device", port,
                              "--lang", lang], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert got.returncode == 3, got  # (the box was shown)
        assert got.stdout.startswith(f"BOX {said}"), got
