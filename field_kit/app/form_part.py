# SPDX-License-Identifier: GPL-2.0-or-later
"""What the parts of a ``FormWidget`` (its grants, records, drafts, checks, photos and
position) share: the state ``FormWidget`` sets as it opens a record, declared once."""

from __future__ import annotations

import sqlite3

from .. import forms
from .photos import PhotoStrip


class FormPart:
    """The form's state its parts read and change (set by ``FormWidget``)."""

    conn: sqlite3.Connection
    form: forms.Form
    lang: str
    draft_id: str | None
    undoable: forms.Kept | None
    stranded: dict
    kept_nowhere: bool
    rescue_failure: OSError | None
    photos: PhotoStrip
    _touched: set[str]
    _live: bool
    _averaging: list | None
