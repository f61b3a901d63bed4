# SPDX-License-Identifier: GPL-2.0-or-later
"""The package's settings, as the app reads them: :mod:`field_kit.forms.settings` (the
QField path reads the same ones)."""

from __future__ import annotations

from ..forms.settings import DDL, DEFAULTS, get, put

__all__ = ["DDL", "DEFAULTS", "get", "put"]
