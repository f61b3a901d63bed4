# SPDX-License-Identifier: GPL-2.0-or-later
"""The app without PyQt5 says how to install it; a serial receiver through pyserial at the
chosen baud rate."""

from __future__ import annotations

import os
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from field_kit.app import gnss
from tests.app.nmea import walk

ROOT = Path(__file__).resolve().parents[2]


def test_without_pyqt5_the_app_says_how_to_install_it(package):
    code = ("import sys; sys.modules['PyQt5'] = None\n"
            "from field_kit.cli import main\n"
            f"sys.exit(main(['app', {str(package)!r}]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2, out.stderr
    assert "pip install 'toksun-field-kit[app]'" in out.stderr
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr


def test_the_app_extra_names_pyqt5_and_pyserial():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'app = ["PyQt5>=5.15", "pyserial>=3.5"]' in text


@pytest.mark.parametrize("pyserial", [True, False])
def test_a_serial_receiver_at_the_chosen_baud_rate(qtbot, monkeypatch, pyserial):
    if pyserial:
        pytest.importorskip("serial")
    else:
        monkeypatch.setitem(sys.modules, "serial", None)  # the termios fallback
    master, slave = os.openpty()
    device = os.ttyname(slave)
    got = []
    source = gnss.SerialSource(device, 9600, callback=got.append)
    source.start()
    try:
        os.write(master, walk(88.6, 42.9, n=3).replace("\n", "\r\n").encode())
        qtbot.waitUntil(lambda: len(got) == 3, timeout=5000)
        assert got[-1].lon == pytest.approx(88.6 + 0.0002, abs=1e-3)
        assert termios.tcgetattr(slave)[5] == termios.B9600
    finally:
        source.stop()
        source._thread.join(timeout=3)
        os.close(master)
        os.close(slave)
