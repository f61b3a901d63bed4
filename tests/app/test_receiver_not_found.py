# SPDX-License-Identifier: GPL-2.0-or-later
"""A receiver's port that is not there (unplugged, not paired, a name mistyped) is said as
the receiver not found on that port, with what to check: not as a file missing from a USB
stick."""

from __future__ import annotations

import errno
import getpass
import os
import subprocess
import sys

import pytest

from field_kit.app import gnss, i18n, window_position
from tests.app.nmea import walk
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
    monkeypatch.setattr(window_position.QInputDialog, "getItem", lambda *a, **k: next(picked))
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


def _on_a_receiver(qtbot, window, patch, tmp_path, lang: str) -> None:
    """A position source giving fixes, before another receiver is chosen."""
    log = tmp_path / "walk.nmea"
    log.write_text(walk(patch[1], patch[2], n=2))
    window.start_source(gnss.ReplaySource(log, speed=0.001))  # the next fix minutes later
    qtbot.waitUntil(lambda: window.fix is not None, timeout=10000)
    i18n.set_language(lang)


def _choose(window, monkeypatch, port: str) -> None:
    picked = iter([(port, True), ("4800", True)])
    monkeypatch.setattr(window_position.QInputDialog, "getItem", lambda *a, **k: next(picked))
    window.act_device.trigger()  # Position → NMEA receiver (serial)…


@pytest.mark.parametrize(("lang", "said", "status"), [
    (i18n.EN, "This user may not open the receiver's port /dev/ttyUSB0. Add the user to the "
              "dialout group: sudo usermod -aG dialout {user}, then log out and log in again",
     "No fix: no receiver (its port did not open)"),
    (i18n.ZH, "当前用户无权打开接收机的串口 /dev/ttyUSB0。请把该用户加入 dialout 组："
              "sudo usermod -aG dialout {user}，然后注销并重新登录",
     "无定位：没有接收机（串口未能打开）")])
@pytest.mark.skipif(sys.platform == "win32", reason="the dialout group is Linux's")
def test_a_port_this_user_may_not_open_says_the_dialout_group(qtbot, window, shown, patch,
                                                             monkeypatch, tmp_path, lang,
                                                             said, status):
    serial = pytest.importorskip("serial")

    def denied(url, **kwargs):  # (as pyserial says it, for a user not in dialout)
        raise serial.SerialException(errno.EACCES, f"could not open port {url}: [Errno 13] "
                                                    f"Permission denied: '{url}'")

    _on_a_receiver(qtbot, window, patch, tmp_path, lang)
    monkeypatch.setattr(serial, "serial_for_url", denied)
    _choose(window, monkeypatch, "/dev/ttyUSB0")
    (text,) = shown
    assert text.startswith(said.format(user=getpass.getuser())), text
    assert "USB stick" not in text and "U 盘" not in text, text
    assert window.source is None and window.position() is None  # no source kept
    assert status in window.gnss_label.text()


def test_a_port_that_is_no_receiver_is_said_as_the_receiver_s_error(qtbot, window, shown,
                                                                   patch, monkeypatch,
                                                                   tmp_path):
    pytest.importorskip("serial")
    port = str(tmp_path / "notes.txt")  # a file picked, not a serial port
    with open(port, "w") as f:
        f.write("not a receiver\n")
    _on_a_receiver(qtbot, window, patch, tmp_path, i18n.EN)
    _choose(window, monkeypatch, port)
    (text,) = shown
    assert text.startswith(f"The receiver's port {port} did not open ("), text
    assert "Check the cable" in text and "USB stick" not in text, text
    assert window.source is None
    assert "No fix: no receiver" in window.gnss_label.text()
