# SPDX-License-Identifier: GPL-2.0-or-later
"""The technician's offline field app (PyQt5, no QGIS): ``python -m field_kit.app PACKAGE``.

``FormWidget`` (in ``form_widget``) is the piece the QGIS plugin reuses.
"""

from __future__ import annotations

import sys

NO_QT = ("field-kit app: the field app needs PyQt5, which is not installed.\n"
         "  install with: pip install 'toksun-field-kit[app]'\n"
         "  (or, on Debian/Ubuntu: apt install python3-pyqt5)")


def main(argv: list[str] | None = None) -> int:
    """Open the field app on a package; returns the exit code (for ``field-kit app``)."""
    try:
        from .main_window import run
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "PyQt5":
            raise
        print(NO_QT, file=sys.stderr)
        return 2  # errors.BAD_INPUT: what is missing is said, nothing was opened
    return run(argv)
