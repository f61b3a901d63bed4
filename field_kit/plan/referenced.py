# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan row's column that names another row by its uuid (a verification's patch), read as
what it names: the History dialog and ``field-kit history`` say it alike."""

from __future__ import annotations

import contextlib
import os

from ..db import connect
from .values import describe_row

# the columns naming another plan row by its uuid, and that row's table
REFERENCES = {"program_uuid": "restoration_programs", "project_uuid": "restoration_projects",
              "patch_uuid": "mine_patches", "target_uuid": "project_targets"}


def referenced_text(gpkg: str | os.PathLike, column: str, value, lang: str) -> str | None:
    """A reference to another plan row as what it names (a target's text, a patch's code),
    not its uuid, in ``lang``; None when ``column`` is not a reference or the row is not
    found."""
    table = REFERENCES.get(column)
    if table is None or not value or not isinstance(value, str):
        return None
    if table == "project_targets":
        with contextlib.closing(connect(gpkg, readonly=True)) as conn:
            row = conn.execute("SELECT target_zh, target_en FROM project_targets WHERE uuid = ?",
                               (value,)).fetchone()
        return None if row is None else (row[0] if lang == "zh" or not row[1] else row[1])
    text = describe_row(gpkg, table, value, lang)
    return None if not text or text == value else text
