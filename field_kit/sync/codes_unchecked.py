# SPDX-License-Identifier: GPL-2.0-or-later
"""The coded fields a merge wrote without checking their codes, said.

A master that is not the whole plan may lack the table ``code_lists`` (or ``townships``):
the values of the fields picked from a list there (a verification's class, a patch's
mineral, its township) cannot be checked against it (:mod:`~field_kit.sync.field_check`
checks their type only). They are merged as given; the merge names each such field a
package wrote, by its layer, once, as a warning among the codes it followed
(:class:`Unchecked` is said as :class:`codes_follow.Followed` is: ``table``, ``warning``,
:meth:`said`). A value typed to settle a conflict (:func:`typed_unchecked`) and the values an
import writes (:func:`unchecked`) are said so alike.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..db import marks, table_exists
from ..forms import definitions
from ..forms.model import CHOICE, TARGETS, UNITS
from ..plan import schema

CODE_LISTS, TOWNSHIPS = "code_lists", "townships"
UNCHECKED = "merged unchecked against their code lists"
TYPED_AS_GIVEN = "written as given: check it"  # how a typed value's warning ends
# the plan's lists a plan layer's column of that name is picked from (field_check.coded_column:
# read from code_lists, township and phase from the plan's own layers once code_lists is there)
_FORM_LISTS = {f.code_list for form in definitions.FORMS.values() for f in form.fields
               if f.code_list not in (None, TARGETS, UNITS)}
PLAN_LISTS = frozenset({*_FORM_LISTS, "geometry_source", "mineral", "township", "phase"})


@dataclass(frozen=True)
class Unchecked:
    """The ``columns`` of ``table`` a merge wrote values into that could not be checked
    against their code list: the master has no table ``lacking`` (one, or two)."""

    table: str
    columns: tuple
    lacking: tuple
    what: str = UNCHECKED

    @property
    def warning(self) -> bool:
        return True

    @property
    def lacking_said(self) -> str:
        """The tables the master lacks, as said: table X, tables X and Y."""
        return (f"table {self.lacking[0]}" if len(self.lacking) == 1 else
                "tables " + " and ".join(self.lacking))

    def said(self, how: str = "merged") -> str:
        """The warning, ``how`` naming what wrote the values (merged, imported)."""
        return (f"{self.table}: the values {how} into {', '.join(self.columns)} could not "
                f"be checked against their code lists: the master has no {self.lacking_said}; "
                f"{how} as given: check them")


def _lacking_by_column(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) -> the tables the master lacks that its list is read from."""
    lacking = {t for t in (CODE_LISTS, TOWNSHIPS) if not table_exists(conn, t)}
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    if not lacking:
        return out
    for t in schema.TABLES:
        if t.name == CODE_LISTS:
            continue
        for c in t.columns:
            if c.name == "township":  # (the townships listed once code_lists is there)
                out[(t.name, c.name)] = tuple(n for n in (CODE_LISTS, TOWNSHIPS) if n in lacking)
            elif c.name in PLAN_LISTS and CODE_LISTS in lacking:
                out[(t.name, c.name)] = (CODE_LISTS,)
    if CODE_LISTS in lacking:
        for form in definitions.FORMS.values():
            for f in form.fields:
                if f.widget == CHOICE and not f.open_choice and f.code_list in _FORM_LISTS:
                    out.update(((form.table, c), (CODE_LISTS,)) for c in f.columns)
    return {k: v for k, v in out.items() if v}


def merged_unchecked(conn: sqlite3.Connection) -> list[Unchecked]:
    """The coded fields the changes in ``incoming`` not refused write a value into whose
    list the master lacks, a warning per layer."""
    fields = _lacking_by_column(conn)
    tables = sorted({t for t, _ in fields})
    if not tables:
        return []
    written = conn.execute(
        "SELECT DISTINCT i.tbl, j.key FROM incoming i, json_each(i.new) j WHERE i.status IS "
        f"NULL AND i.new IS NOT NULL AND i.tbl IN {marks(len(tables))} AND j.type != 'null' "
        "AND i.change NOT IN (SELECT change_uuid FROM sync_applied)", tables).fetchall()
    grouped: dict[str, list[str]] = {}
    for tbl, col in sorted(written):
        grouped.setdefault(tbl, []).append(col)
    return [u for tbl, cols in grouped.items() if (u := _of(fields, tbl, cols)) is not None]


def _of(fields: dict, tbl: str, cols) -> Unchecked | None:
    """Of ``tbl``'s columns ``cols`` written, those whose list the master lacks (``fields``:
    :func:`_lacking_by_column`), or None."""
    mine = tuple(c for c in cols if (tbl, c) in fields)
    if not mine:
        return None
    return Unchecked(tbl, mine, tuple(t for t in (CODE_LISTS, TOWNSHIPS)
                                      if any(t in fields[(tbl, c)] for c in mine)))


def unchecked(conn: sqlite3.Connection, tbl: str, cols) -> Unchecked | None:
    """Of ``tbl``'s columns ``cols`` written (a typed value, an import's), those whose code
    list the master lacks, or None."""
    return _of(_lacking_by_column(conn), tbl, cols)


def typed_unchecked(conn: sqlite3.Connection, conflict_id, tbl: str, col: str) -> str | None:
    """What settling conflict ``conflict_id`` with a value typed into ``col`` says where the
    master lacks its code list (the value is written as given), or None."""
    got = unchecked(conn, tbl, (col,))
    if got is None:
        return None
    return (f"conflict {conflict_id}: {tbl}: the value typed into {col} could not be checked "
            f"against its code list: the master has no {got.lacking_said}; {TYPED_AS_GIVEN}")


__all__ = ["PLAN_LISTS", "TYPED_AS_GIVEN", "UNCHECKED", "Unchecked", "merged_unchecked",
           "typed_unchecked", "unchecked"]
