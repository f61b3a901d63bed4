# SPDX-License-Identifier: GPL-2.0-or-later
"""Core of the Toksun restoration toolkit: plan data, change log, packages and merge.

The core needs only Python's standard library so the QGIS plugin can carry it.
"""

from .__about__ import __version__

__all__ = ["__version__"]
