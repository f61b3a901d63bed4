# SPDX-License-Identifier: GPL-2.0-or-later
"""The pastes a PostgreSQL master's capture recorded (``sync_pasted``, see
``toksun_pasted``), read for history by whoever reads the master."""

from __future__ import annotations

from ..pasted_rows import Paste
from . import address


def of_row(target: str, row: str) -> list[Paste]:
    """The pastes of ``row`` (pasted, or pasted from) the master at ``target`` recorded,
    oldest first; none where its capture keeps no such record yet (an earlier version's,
    whose record the stage's sync_meta holds)."""
    pg = address.connect(target)
    try:
        with pg.cursor() as cur:
            cur.execute("SELECT to_regprocedure('toksun_pasted_of(text)') IS NOT NULL")
            if not cur.fetchone()[0]:
                return []
            cur.execute("SELECT row_uuid, tbl, copied, source, at, device FROM "
                        "toksun_pasted_of(%s)", (row,))
            return [tuple(r) for r in cur.fetchall()]
    finally:
        pg.rollback()
        pg.close()
