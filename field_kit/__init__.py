# SPDX-License-Identifier: GPL-2.0-or-later
"""Core of the Toksun restoration toolkit: plan data, change log, packages and merge.

The core needs only Python's standard library so the QGIS plugin can carry it.
"""

from __future__ import annotations

# (nothing loaded here: ``field-kit`` takes Ctrl-C and SIGTERM only once this and
# ``field_kit.cli`` have run, so that a stop as it starts is said, not a traceback)
__all__ = ["__version__"]


def __getattr__(name: str) -> object:
    # the version read when asked for (it reads metadata.txt): see __about__
    if name == "__version__":
        from .__about__ import __version__
        return __version__
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
