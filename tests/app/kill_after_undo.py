# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m tests.app.kill_after_undo PACKAGE PATCH``: a record saved; the package's USB
stick pulled out while a name is typed into it (kept in a rescue file) and put back; the
record deleted and the delete undone (its Undo delete button); then the process killed
(SIGKILL, like a flat battery)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt5.QtCore import Qt  # noqa: E402
from PyQt5.QtTest import QTest  # noqa: E402
from PyQt5.QtWidgets import QApplication  # noqa: E402

from field_kit.app import failures  # noqa: E402
from field_kit.app.main_window import MainWindow  # noqa: E402
from field_kit.app.patch_list import PATCH  # noqa: E402
from tests.app.kill_in_save import VALUES  # noqa: E402

TYPED = " Nurgul"  # typed after "Ayxam" while the package was away


def typed_while_away(window: MainWindow, package: Path, patch: str) -> str:
    """A record saved, and a name typed into it while its package was away (the package
    then back, the form opened again with the name); its uuid."""
    window.select(PATCH, patch)
    form = window.form
    assert form is not None
    for col, value, unit in VALUES:
        form.set_value(col, value, unit)
    form.position.fill(form.ctx.subject["centre_lon"], form.ctx.subject["centre_lat"], 5.0)
    uuid = form.save()
    assert uuid
    away = package.with_name("away.gpkg")
    shutil.move(package, away)  # the USB stick pulled out
    window.check_package()
    QTest.keyClicks(window.form.editor("verifier").edit, TYPED)  # kept in the rescue file
    shutil.move(away, package)  # and put back: the form opened again, the name in it
    window.check_package()
    assert window.form.editor("verifier").edit.text() == "Ayxam" + TYPED
    return uuid


def main(package: str, patch: str) -> None:
    app = QApplication([])
    failures.show = lambda *_a, **_k: None  # the package gone, back: said, read
    failures.ask = lambda *_a, **_k: True  # Delete record? Yes (a slip)
    window = MainWindow(Path(package), "en")
    window.show()
    uuid = typed_while_away(window, Path(package), patch)
    QTest.mouseClick(window.form.delete_button, Qt.LeftButton)
    assert window.form.record_uuid != uuid
    QTest.mouseClick(window.form.undo_button, Qt.LeftButton)
    assert window.form.record_uuid == uuid
    print("undone", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    del app


if __name__ == "__main__":
    main(*sys.argv[1:3])
