# SPDX-License-Identifier: GPL-2.0-or-later
"""A dialog's first size, kept within the screen it opens on."""

from __future__ import annotations

WINDOW_FRAME = 16  # what a window manager draws around the dialog, kept within the screen
TITLE_BAR = 40  # a window manager's title bar, kept within the screen


def resize_within_screen(dialog, width: int, height: int) -> None:
    """``dialog`` at ``width`` × ``height``, or as much of it as its screen holds with a
    window's frame and title bar: on a laptop's 1024×768 (or a task bar's 728 pixels) its
    buttons and last columns stay in sight instead of past the screen's edge."""
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(width, screen.width() - WINDOW_FRAME),
                  min(height, screen.height() - TITLE_BAR))
