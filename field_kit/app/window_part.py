# SPDX-License-Identifier: GPL-2.0-or-later
"""What the parts of a ``MainWindow`` (its actions, forms, position and sync) share: the
state ``MainWindow`` sets as it opens, declared once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import gnss
from .form_widget import FormWidget
from .last_deleted import LastDeleted

if TYPE_CHECKING:  # the parts are mixed into the QMainWindow (the parent of their boxes)
    from PyQt5.QtWidgets import QMainWindow as _Window
else:
    _Window = object


class WindowPart(_Window):
    """The window's state its parts read and change (set by ``MainWindow``)."""

    fix: gnss.Fix | None
    source: gnss.PositionSource | None
    form: FormWidget | None
    current: tuple[str, str] | None
    last_deleted: LastDeleted | None
