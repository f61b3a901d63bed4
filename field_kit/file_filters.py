# SPDX-License-Identifier: GPL-2.0-or-later
"""File dialogs' name filters, as the plugin and the field app offer them."""

from __future__ import annotations

import re


def any_case(file_filter: str) -> str:
    """``file_filter`` offering each of its patterns in capitals too (DEV1.GPKG, EDITS.ZIP
    as a USB stick or Windows names them): a desktop's file dialog (GTK's on Linux) matches
    a name against each pattern as written, case by case."""
    return re.sub(r"\*\.(\w+)", lambda m: f"{m[0]} *.{m[1].upper()}", file_filter)
