# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch a merge adds or renames with a code of none of the national formats is said.

The importer refuses a patch code outside the national formats (DOMAIN.md: C + 25 digits,
CT + 19, ZJ + 16) and the verification form warns of one; a GIS package may add a patch or
rename one with any code. Such a patch is merged as given (a patch added locally may carry
the county's own code), and the merge names each such code, with the formats, as a warning
among the codes it followed (:class:`OffFormat` is said as :class:`codes_follow.Followed` is:
``table``, ``warning``, :meth:`said`), on either master.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..bilingual import counted
from ..db import chunks, file_columns, marks, quote, table_exists
from ..plan.rules import PATCH_CODE, PATCH_CODE_FORMATS
from . import json_fields

TABLE, COLUMN = "mine_patches", "patch_code"
OFF_FORMAT = "off format"


def format_said(regex: str) -> str:
    """A national format as people read it: ``^CT\\d{19}$`` is "CT + 19 digits"."""
    got = re.fullmatch(r"\^([A-Z]+)\\d\{(\d+)\}\$", regex)
    return f"{got[1]} + {got[2]} digits" if got else regex


FORMATS = ", ".join(map(format_said, PATCH_CODE_FORMATS))


@dataclass(frozen=True)
class OffFormat:
    """``rows`` patches of ``table`` a merge added or renamed, whose ``column`` (``codes``)
    matches none of the national ``formats``: merged as given."""

    table: str
    column: str
    rows: int
    codes: tuple
    what: str = OFF_FORMAT
    formats: str = FORMATS

    @property
    def warning(self) -> bool:
        return True

    def said(self) -> str:
        return (f"{self.table}: {counted(self.rows, 'patch', 'patches')} added or renamed with "
                f"a {self.column} "
                f"matching none of the national formats ({self.formats}): "
                f"{', '.join(map(str, self.codes))}; merged as given: check them")


def off_format(conn: sqlite3.Connection, since: int, origins: Iterable[str]) -> list[OffFormat]:
    """The patches whose code the changes logged after seq ``since`` by ``origins`` wrote
    (added or renamed), holding now a code of none of the national formats."""
    origins = list(origins)
    if not origins or not table_exists(conn, TABLE) or \
            not {COLUMN, "uuid"} <= set(file_columns(conn, TABLE)):
        return []
    rows = [r for (r,) in conn.execute(
        f"SELECT DISTINCT row_uuid FROM sync_changes WHERE seq > ? AND tbl = ? AND origin IN "
        f"{marks(len(origins))} AND op != 'delete' AND "
        f"{json_fields.kind('new', COLUMN)} IS NOT NULL", (since, TABLE, *origins))]
    held: dict = {}
    for part in chunks(rows):
        held.update(conn.execute(f"SELECT uuid, {quote(COLUMN)} FROM {quote(TABLE)} WHERE "
                                 f"uuid IN {marks(len(part))}", part))
    # (a patch deleted since by the same merge: gone); in the order of the codes, as both
    # masters give it whatever order the changes were applied in
    codes = tuple(sorted(str(held[r]) for r in rows
                         if held.get(r) is not None and not PATCH_CODE.match(str(held[r]))))
    return [OffFormat(TABLE, COLUMN, len(codes), codes)] if codes else []


__all__ = ["FORMATS", "OFF_FORMAT", "OffFormat", "format_said", "off_format"]
