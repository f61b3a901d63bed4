# SPDX-License-Identifier: GPL-2.0-or-later
"""A code under its parent code (a patch's sub-class under its class) as decisions on
conflicts leave a row.

Two packages that each gave a record a class and a sub-class of it leave two conflicts, one a
field. Settled one at a time, each by another side, they can leave a pair the merge itself
refuses (class 20 of one device, sub-class 33 of the other's class 30). Such a decision is
refused (:func:`refuse_apart`), naming the row, the two fields and the values, and how to
settle them so that they fit: both in one command, which the pair is checked after.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable

from ..errors import PairsApart
from ..forms import definitions
from ..plan.values import field_label, names_in, with_uuid
from .conflicts import COLUMNS, Conflict, shown
from .field_check import FieldCheck

ROW = None  # the field of a conflict on the whole row


Read = Callable[[str, str], "dict | None"]  # (table, uuid) -> the row's values, or None


def held(settling: list[Conflict], read: Read) -> dict[tuple, dict]:
    """(table, uuid) -> the values the master holds now (``read``) of each row of
    ``settling`` with a field coded under another's (read before the decisions are
    applied)."""
    out = {}
    for tbl, row in dict.fromkeys((c.tbl, c.row_uuid) for c in settling):
        got = read(tbl, row) if pairs_of(tbl) else None
        if got is not None:
            out[(tbl, row)] = got
    return out


def refuse_apart(conn: sqlite3.Connection, settling: list[Conflict], before: dict,
                 read: Read) -> None:
    """Raise :class:`~field_kit.errors.PairsApart` (in the caller's transaction, so that nothing
    is settled) where the decisions on ``settling``, all applied, leave a row (as ``read``
    gives it) with a code its parent code does not hold, where they decided one of the two
    (or the whole row). ``before``: :func:`held`, before they were applied."""
    check = FieldCheck(conn)
    apart = []
    for (tbl, row), was in before.items():
        now = read(tbl, row)
        decided = {c.field for c in settling if (c.tbl, c.row_uuid) == (tbl, row)}
        for fld in pairs_of(tbl):
            if now is None or not ({fld.name, fld.parent, ROW} & decided) or \
                    check.belongs(fld, now.get(fld.name), now.get(fld.parent)):
                continue
            these = [c for c in settling if (c.tbl, c.row_uuid) == (tbl, row)
                     and c.field in (fld.name, fld.parent, ROW)]
            apart.append(_apart(conn, check, fld, these, was, now))
    if apart:
        raise PairsApart("\n".join(a.said for a in apart), apart)


@dataclasses.dataclass(frozen=True)
class Apart:
    """A row a decision would leave with a code its parent code does not hold."""

    conflict: int  # the decision refused
    tbl: str
    fields: tuple[str, str]  # the code's column and its parent code's
    values: tuple  # what the decisions would leave in them
    ids: tuple[int, ...]  # the open conflicts to settle together, the refused ones among them
    fits: tuple[str, ...]  # the sides that, taken for all of ``ids``, leave a pair that fits
    said: str  # the whole refusal, with what to do at the command line


def _apart(conn: sqlite3.Connection, check: FieldCheck, fld, these: list[Conflict], was: dict,
           now: dict) -> Apart:
    """The refusal of a pair left apart, and what to do: settle the other field's open
    conflict in the same command, with a side that gives the two a pair that fits."""
    c = these[0]
    tbl, row = c.tbl, c.row_uuid
    named = with_uuid(names_in(conn, [(tbl, row)]).get((tbl, row)), row)
    pair = (fld.name, fld.parent)
    child, parent = (field_label(tbl, f, "en") for f in pair)
    left = tuple(now.get(f) for f in pair)
    head = (f"conflict {c.id}: {tbl} {named} would be left with {child} {shown(left[0])}, "
            f"which does not belong to {parent} {shown(left[1])}; nothing was settled")
    mine = {k.id for k in these}
    others = [Conflict.from_row(r) for r in conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM sync_conflicts WHERE status = 'open' AND tbl = ? "
        "AND row_uuid = ? AND (field IN (?, ?) OR field IS NULL) ORDER BY id",
        (tbl, row, fld.name, fld.parent)) if r[0] not in mine]
    every = these + others
    known = all(k.ancestor_known for k in every)
    fits = tuple(take for take in ("theirs", "ours", "ancestor")[:None if known else 2]
                 if check.belongs(fld, *(_taken(every, f, take, was) for f in pair)))
    together = tuple(sorted(k.id for k in every))
    if not others:
        return Apart(c.id, tbl, pair, left, together, fits,
                     f"{head}: give {child} a code of {parent} {shown(left[1])} "
                     "(--value), or --take ours to keep the pair the master holds")
    ids = " ".join(map(str, together))
    other = ", ".join(f"{k.id} ({field_label(tbl, k.field, 'en') if k.field else 'the whole row'})"
                      for k in others)
    more = ", or ".join(f"--take {t}" for t in fits[1:])
    how = (f"resolve {ids} --take {fits[0]}" + (f" (or {more})" if more else "")
           if fits else f"resolve {ids} with one --take gives no pair that fits: settle "
           "them with --take ours, then give the pair one that fits in the master")
    return Apart(c.id, tbl, pair, left, together, fits,
                 f"{head}: settle conflict {other} with it, in one command, so that the pair "
                 f"fits: {how}")


def _taken(conflicts: list[Conflict], fld: str, take: str, was: dict):
    """What ``fld`` of the row holds once ``conflicts`` are all settled by ``take``."""
    for c in conflicts:
        if take != "ours" and c.field == fld:
            return c.side(take)
    for c in conflicts:
        side = c.side(take)
        if take != "ours" and c.field is ROW and isinstance(side, dict) and fld in side:
            return side[fld]
    return was.get(fld)


def pairs_of(tbl: str) -> list:
    """The fields of ``tbl``'s form whose codes stand under another field's."""
    form = definitions.BY_TABLE.get(tbl)
    return [f for f in form.fields if f.parent] if form is not None else []

