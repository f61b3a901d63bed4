# SPDX-License-Identifier: GPL-2.0-or-later
"""A row whose history is asked for by its uuid or by what names it (a patch code, a project
id, a feature's name), one deleted since too: which row it is, whether it is deleted, and
the code the records on it hold."""

from __future__ import annotations

from ..errors import BadInput
from ..plan import rules
from ..plan.values import feature_name
from . import masters
from .three_way import PARKED, TOUCH


def _made(changes: list[dict]) -> list[dict]:
    """The changes that changed the row (not an edit kept aside after its delete, nor a
    delete logged for its time alone)."""
    return [c for c in changes if not str(c.get("origin") or "").endswith((PARKED, TOUCH))]


def became(changes: list[dict]) -> str:
    """What became of a row that no longer holds the name it was asked by: ``deleted``, or
    ``renamed`` (its changes, oldest first)."""
    made = _made(changes)
    return "deleted" if made and made[-1]["op"] == "delete" else "renamed"


def is_deleted(changes: list[dict]) -> bool:
    """Whether the row of ``changes`` (its history, oldest first) is deleted now."""
    return bool(_made(changes)) and became(changes) == "deleted"


def deleted_code(master, changes: list[dict]) -> tuple[str, str | None, str | None]:
    """(its table, the code, id or name it held, None where none; that code where no row
    holds it now, else None: the records holding no uuid of it are found by it) of a row
    deleted, ``changes`` its history."""
    last = _made(changes)[-1]
    table = last["tbl"]
    code = feature_name(table, last["old"] or {})
    return table, code, code if code and not masters.rows_named(master, code) else None


def as_held(master, typed: str) -> str | None:
    """The code ``typed`` with spaces, in full-width characters or in small letters, as the
    master holds it (:func:`rules.plain_code`, as the import reads one), where only that form
    names a row, held now or before; else None (``typed`` names one as it is, or neither
    does)."""
    plain = rules.plain_code(typed)
    if plain == typed or masters.history(master, typed) or masters.rows_named(master, typed) \
            or masters.rows_named(master, typed, before=True):
        return None
    if not (masters.rows_named(master, plain) or masters.rows_named(master, plain, before=True)):
        return None
    return plain


def read_as(typed: str, plain: str) -> str:
    """What is said of a code ``typed`` read as ``plain`` (:func:`as_held`)."""
    return (f"{typed!r} read as {plain} (spaces taken out, full-width characters read as "
            "half-width, letters as capitals)")


def row_asked(master, typed: str) -> tuple[str, str]:
    """(table, uuid) of the row ``typed`` names: a patch code, a project id, a feature's
    name, held now or before (a row deleted or renamed since), or a row's uuid; refused
    where none does, or several rows do, each named."""
    typed = typed.strip()
    named = masters.rows_named(master, typed) or masters.rows_named(master, typed,
                                                                    before=True)
    if len(named) > 1:
        raise BadInput(f"{typed} names {len(named)} rows: give one's uuid: "
                       + ", ".join(f"{t} {u}" for t, u in named))
    if named:
        return named[0]
    changes = masters.history(master, typed)
    if not changes:
        raise BadInput(f"no recorded change for row {typed} (history takes a row's uuid, or "
                       "a patch code, project id or program id, or a feature's name): no row "
                       f"holds or held {typed} as its code, id or name")
    return changes[-1]["tbl"], typed
