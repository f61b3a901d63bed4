# SPDX-License-Identifier: GPL-2.0-or-later
"""The technician's offline field app (PyQt5, no QGIS): ``python -m field_kit.app PACKAGE``.

``FormWidget`` (in ``form_widget``) is the piece the QGIS plugin reuses.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """Open the field app on a package; returns the exit code (for ``field-kit app``)."""
    from .main_window import run
    return run(argv)
