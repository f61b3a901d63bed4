# SPDX-License-Identifier: GPL-2.0-or-later
"""The changes a device exported that the master has not merged, said by every pull and by
``status`` of the package after it.

A change package not merged yet is one reason; a master restored from a backup made before
the merge that took them is another, which nothing else would say: the device, having
nothing new to export, would never learn that its work is not in the master. The pull
counts them by seq (:func:`noted`) and keeps what it saw in ``sync_meta`` :data:`KEY` for
``status`` (:func:`status_said`), until a pull finds none.
"""

from __future__ import annotations

import sqlite3

from ..bilingual import counted
from . import changelog, registry
from .pull_refusals import not_merged

KEY = "exports_lacking_at_pull"


def noted(conn: sqlite3.Connection, merged: int, exported: int) -> tuple[int, list[int]]:
    """(``merged``, the seqs of the edits exported up to ``exported`` the master has not
    merged), kept in the package ``conn`` for status (within the pull's transaction)."""
    seqs = not_merged(conn, merged, exported)
    registry.set_json_meta(conn, KEY, {"at": changelog.now(), "merged": merged,
                                       "seqs": seqs} if seqs else {})
    return merged, seqs


def said(merged: int, seqs: list[int]) -> str | None:
    """What a pull says of them (None: none)."""
    if not seqs:
        return None
    return (f"the master has merged this device's changes up to seq {merged}: it lacks "
            f"{counted(len(seqs), 'change')} this device exported (seq {seqs[0]}-{seqs[-1]}): "
            "a change "
            "package not merged yet, or one lost with the master (restored from a "
            "backup, or another copy); unless one waits to be merged, send them again with "
            "export --all")


def status_said(conn: sqlite3.Connection) -> str | None:
    """What ``status`` of the package says of those its last pull found (None: none)."""
    note = registry.json_meta(conn, KEY)
    if not note:
        return None
    return f"at the last pull ({changelog.local_time(note['at'])}) " + str(
        said(note["merged"], note["seqs"]))
