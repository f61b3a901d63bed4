# SPDX-License-Identifier: GPL-2.0-or-later
"""One copy of the app per package: a second one is refused, naming the process and the
computer that hold the package; a lock left by a killed app is taken over."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from field_kit.app import i18n
from field_kit.package_lock import Held, PackageLock
from tests.app import process as app_process


def _start(package, patch, script=True):
    return app_process.start(package, {"select": patch[0], "values": []} if script else None)



def test_a_second_copy_is_refused_and_a_dead_ones_lock_taken_over(package, patch):
    first = _start(package, patch)
    try:
        app_process.ready(first)
        second = _start(package, patch)
        try:
            assert second.wait(timeout=60) == 7  # BUSY: nothing changed
            err = second.stderr.read()
            assert f"process {first.pid}" in err and socket.gethostname() in err
            assert "already open in another copy" in err
            assert "+00:00" not in err, err  # since when: local time
        finally:
            app_process.end(second)
    finally:
        app_process.end(first)  # killed: its lock file stays, stale
    assert Path(f"{package}.lock").exists()
    third = _start(package, patch)
    try:
        (said,) = app_process.ready(third)  # the stale lock is taken over, and the window
        assert f"process {first.pid}" in said and "took over the stale lock file" in said
        # short enough for the status bar: no lock path, the time local as everywhere
        assert ".lock" not in said and "+00:00" not in said, said
        h = PackageLock(package).holder()
        assert (h.pid, h.host) == (third.pid, socket.gethostname())
    finally:
        app_process.end(third)


def test_a_second_copy_started_by_hand_shows_the_box_and_exits_7(package, patch):
    """Started as a technician starts it (no test script): the refusal is shown in a box,
    in a running application (it aborted without one), then the app exits 7."""
    import subprocess
    import sys

    first = _start(package, patch)
    try:
        app_process.ready(first)
        # the box as shown: in an application named as the app, its button in Chinese
        box = ("import sys; from PyQt5.QtWidgets import QApplication, QMessageBox; "
               "from field_kit.app import main_window; "
               "QMessageBox.critical = lambda *a: print('box shown in ' + "
               "QApplication.applicationName() + ', ' + QApplication.translate("
               "'QPlatformTheme', 'OK') if QApplication.instance() "
               "else 'no application', flush=True); sys.exit(main_window.run(sys.argv[1:]))")
        got = subprocess.run([sys.executable, "-c", box, str(package), "--lang", "zh"],
                             capture_output=True, text=True, timeout=60,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert got.returncode == 7, got.stderr
        assert got.stdout.strip() == f"box shown in {i18n.tr('app_title', 'zh')}, 确定", got
    finally:
        app_process.end(first)


def test_the_lock_in_process(tmp_path):
    pkg = tmp_path / "p.gpkg"
    mine = PackageLock(pkg)
    mine.acquire()
    other = PackageLock(pkg)
    other.stale = lambda h: False  # as if held by another living process
    try:
        other.acquire()
        raise AssertionError("taken twice")
    except Held as exc:
        assert exc.holder.pid == os.getpid()
    mine.release()
    assert not Path(f"{pkg}.lock").exists()
    Path(f"{pkg}.lock").write_text("{")  # half written by a crash: stale
    again = PackageLock(pkg)
    again.acquire()
    again.release()


def test_a_lock_whose_process_is_now_another_program_is_taken_over(package, patch):
    """A lock left by a killed app whose process id now belongs to another program (after a
    restart, pid 1; or any program running) is stale: taken over, and said."""
    import json
    import subprocess
    import sys

    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        for pid, extra in ((1, {}), (other.pid, {}), (other.pid, {"started": "1"})):
            Path(f"{package}.lock").write_text(json.dumps({
                "pid": pid, "host": socket.gethostname(), "since": "2026-01-01T08:00:00+00:00",
                **extra}))
            app = _start(package, patch)
            try:
                # not refused (exit 7) as held by a copy of the app; said in the window
                assert any(f"process {pid}" in s for s in app_process.ready(app))
                h = PackageLock(package).holder()
                assert (h.pid, h.host) == (app.pid, socket.gethostname())
                app.kill()
                app.wait(timeout=10)
                err = app.stderr.read()
            finally:
                app_process.end(app)
            assert f"process {pid}" in err and "took over" in err, err
    finally:
        other.kill()
        other.wait()
