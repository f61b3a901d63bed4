# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m tests.app.kill_in_export PACKAGE FOLDER``: the app exports the package's
changes to FOLDER (a USB stick) and is killed (SIGKILL, like a flat battery) as the export
writes its second picture."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt5.QtWidgets import QApplication, QFileDialog  # noqa: E402

from field_kit.app.main_window import MainWindow  # noqa: E402
from tests.unit.kill_in_export import killed_at_second_picture  # noqa: E402


def main(package: str, folder: str) -> None:
    app = QApplication([])
    win = MainWindow(package, "en")
    win.show()
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: folder)  # type: ignore
    killed_at_second_picture()
    print("exporting", flush=True)
    win.export_dialog()
    print("not killed", flush=True)
    del app


if __name__ == "__main__":
    main(*sys.argv[1:3])
