# SPDX-License-Identifier: GPL-2.0-or-later
"""Two fields held together (a patch's sub-class under its class, a year closed not after
the year of its verification) as decisions on conflicts leave a row.

Two packages that each gave a record a class and a sub-class of it leave two conflicts, one a
field. Settled one at a time, each by another side, they can leave a pair the merge itself
refuses (class 20 of one device, sub-class 33 of the other's class 30). Such a decision is
refused (:func:`refuse_apart`), naming the row, the two fields and the values, and how to
settle them so that they fit: both in one command, which the pair is checked after (by one
side, or a value typed for each). A year closed and a day verified are held alike
(:func:`refuse_broken_rules`).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Collection

from ..bilingual import Text
from ..db import marks
from ..errors import PairsApart, RulesBroken
from ..forms import definitions
from ..plan.values import field_label, names_in, with_uuid
from .conflicts import COLUMNS, Conflict, shown
from .field_check import RULED_TABLES, FieldCheck, broken_said, rules_left_broken

ROW = None  # the field of a conflict on the whole row


Read = Callable[[str, str], "dict | None"]  # (table, uuid) -> the row's values, or None


def held(settling: list[Conflict], read: Read) -> dict[tuple, dict]:
    """(table, uuid) -> the values the master holds now (``read``) of each row of
    ``settling`` with a field coded under another's, or held to a rule over two fields (read
    before the decisions are applied)."""
    out = {}
    for tbl, row in dict.fromkeys((c.tbl, c.row_uuid) for c in settling):
        got = read(tbl, row) if pairs_of(tbl) or tbl in RULED_TABLES else None
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
    by_row: dict[tuple, list[Conflict]] = {}  # (read once: a package settles thousands)
    for c in settling:
        by_row.setdefault((c.tbl, c.row_uuid), []).append(c)
    for (tbl, row), was in before.items():
        now = read(tbl, row)
        decided = {c.field for c in by_row.get((tbl, row), ())}
        for fld in pairs_of(tbl):
            if now is None or not ({fld.name, fld.parent, ROW} & decided) or \
                    check.belongs(fld, now.get(fld.name), now.get(fld.parent)):
                continue
            these = [c for c in by_row[(tbl, row)] if c.field in (fld.name, fld.parent, ROW)]
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
    others = open_besides(conn, these, pair)
    every = these + others
    fits = _fitting(every, pair, was,
                    lambda got: check.belongs(fld, got[fld.name], got[fld.parent]))
    together = tuple(sorted(k.id for k in every))
    if not others:
        return Apart(c.id, tbl, pair, left, together, fits,
                     f"{head}: give {child} a code of {parent} {shown(left[1])} "
                     "(--value), or --take ours to keep the pair the master holds")
    return Apart(c.id, tbl, pair, left, together, fits,
                 f"{head}: {settle_together(others, every, fits, _PAIR).en}")


@dataclasses.dataclass(frozen=True)
class Goal:
    """What settling two fields together is for, in the advice: so that they ``fit``, what
    no one side then ``gives``, and what to do then in the master (``mend``)."""

    fit: Text
    gives: Text
    mend: Text


_PAIR = Goal(Text("使两者相符", "so that the pair fits"),
             Text("任何一方都不能使两者相符", "gives no pair that fits"),
             Text("在主库中给两者一对相符的值", "give the pair one that fits in the master"))
_RULE = Goal(Text("使记录符合规则", "so that the record keeps the rule"),
             Text("任何一方都不能使记录符合规则", "leaves the rule broken"),
             Text("在主库中修正该记录", "mend the record in the master"))


def open_besides(conn: sqlite3.Connection, these: list[Conflict], fields: Collection[str]
                 ) -> list[Conflict]:
    """The open conflicts on ``fields`` of the row of ``these``, but ``these``. (Not a
    conflict on the whole row, an edit against a delete: taking its side to make two fields
    fit would delete the record, or bring it back, for a field's sake.)"""
    c, mine = these[0], {k.id for k in these}
    return [Conflict.from_row(r) for r in conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM sync_conflicts WHERE status = 'open' AND tbl = ? "
        f"AND row_uuid = ? AND field IN {marks(len(fields))} ORDER BY id",
        (c.tbl, c.row_uuid, *fields)) if r[0] not in mine]


def _fitting(every: list[Conflict], fields: Collection[str], was: dict,
             fit: Callable[[dict], bool]) -> tuple[str, ...]:
    """The sides that, taken for all of ``every``, leave ``fields`` (the row holding ``was``
    before) with values ``fit`` takes (field -> value), best first."""
    known = all(k.ancestor_known for k in every)
    return tuple(take for take in ("theirs", "ours", "ancestor")[:None if known else 2]
                 if fit({f: _taken(every, f, take, was) for f in fields}))


def settle_together(others: list[Conflict], every: list[Conflict], fits: tuple[str, ...],
                    goal: Goal) -> Text:
    """What to do with a decision refused for the field it leaves with another: settle
    ``others`` (the other field's open conflicts) with it, all of ``every``, in one command:
    by a side that ``fits``, or (conflicts of fields all) a value typed for each, in order."""
    tbl = every[0].tbl
    ids = " ".join(str(i) for i in sorted(k.id for k in every))
    other = Text("、".join(f"{k.id}（{field_label(tbl, k.field or '', 'zh')}）" for k in others),
                 ", ".join(f"{k.id} ({field_label(tbl, k.field or '', 'en')})" for k in others))
    # (no value is typed for a whole row's conflict)
    typed = f"resolve {ids} " + " ".join(f"--value {k.field.upper()}" for k in sorted(
        every, key=lambda k: k.id) if k.field) if all(k.field for k in every) else ""
    if not fits:
        return Text(f"同一条命令中一并处理冲突 {other.zh}时（resolve {ids}），{goal.gives.zh}："
                    + (f"请自行给出两者的值：{typed}" if typed else
                       f"请用 --take ours 处理，再{goal.mend.zh}"),
                    f"settle conflict {other.en} with it, in one command, {goal.fit.en}: "
                    f"resolve {ids} with one --take {goal.gives.en}: "
                    + (f"type both, {typed}" if typed else
                       f"settle them with --take ours, then {goal.mend.en}"))
    more = [f"--take {t}" for t in fits[1:]]
    return Text(f"请在同一条命令中一并处理冲突 {other.zh}，{goal.fit.zh}：resolve {ids} --take "
                f"{fits[0]}" + (f"（或 {'、'.join(more)}）" if more else "")
                + (f"，或自行给出两者的值：{typed}" if typed else ""),
                f"settle conflict {other.en} with it, in one command, {goal.fit.en}: resolve "
                f"{ids} --take {fits[0]}" + (f" (or {', or '.join(more)})" if more else "")
                + (f", or type both: {typed}" if typed else ""))


def refuse_broken_rules(conn: sqlite3.Connection, settling: list[Conflict], take: str | None,
                        before: dict, read: Read) -> None:
    """Raise :class:`~field_kit.errors.RulesBroken` (in the caller's transaction, so that
    nothing is settled) where the decisions on ``settling``, all applied, leave a record (as
    ``read`` gives it) breaking a rule of its form over two fields (a year closed after its
    verification's year), held to the rules of the fields they decided (a whole row's: those
    of the side ``take``n), naming the other field's open conflict to settle with them.
    ``before``: :func:`held`, before they were applied."""
    decided: dict[tuple, list[Conflict]] = {}
    for c in settling:
        decided.setdefault((c.tbl, c.row_uuid), []).append(c)
    said = []
    for (tbl, row), these in decided.items():
        record = read(tbl, row)
        fields = {f for c in these for f in ([c.field] if c.field else _side_fields(c, take))}
        broken = rules_left_broken(tbl, fields, record) if record is not None else []
        if broken:
            said.append(_broken(conn, these, broken, before.get((tbl, row)) or {}))
    if said:
        raise RulesBroken("\n".join(b.said.en for b in said),
                          "\n".join(b.said.zh for b in said), said)


@dataclasses.dataclass(frozen=True)
class Broken:
    """A record decisions would leave breaking a rule of its form over two fields."""

    conflict: int  # the decision refused
    tbl: str
    rules: tuple[Text, ...]  # each rule broken, as the form says it
    ids: tuple[int, ...]  # the open conflicts to settle together, the refused ones among them
    fits: tuple[str, ...]  # the sides that, taken for all of ``ids``, keep the rules
    said: Text  # the whole refusal, with what to do at the command line


def _broken(conn: sqlite3.Connection, these: list[Conflict], broken: list, was: dict
            ) -> Broken:
    """The refusal of the decisions on ``these`` (one row's, which held ``was`` before) for
    the rules ``broken`` (:func:`~field_kit.sync.field_check.rules_left_broken`), named by
    the decision on a field of the rules, and what to do: settle the open conflict on the
    rules' other field in the same command (none where the command decided both: the values
    it gives break the rule themselves)."""
    tbl, said = these[0].tbl, tuple(t for _, t in broken)
    names = sorted({f for pair, _ in broken for f in pair})
    mine = [c for c in these if c.field in names or c.field is None] or these
    first = min(c.id for c in mine)
    left = [] if any(c.field is None for c in mine) else \
        [f for f in names if f not in {c.field for c in mine}]
    others = open_besides(conn, mine, left) if left else []
    ids = tuple(sorted(k.id for k in mine + others))
    if not others:
        return Broken(first, tbl, said, ids, (), broken_said(first, list(said)))
    fits = _fitting(mine + others, names, was,
                    lambda got: not rules_left_broken(tbl, got, {**was, **got}))
    return Broken(first, tbl, said, ids, fits, broken_said(
        first, list(said), settle_together(others, mine + others, fits, _RULE)))


def _side_fields(c: Conflict, take: str | None) -> list[str]:
    """The fields the side ``take`` of a whole row's conflict gives (none: the row deleted,
    or a value typed, which a row's conflict never takes)."""
    side = c.side(take) if take else None
    return list(side) if isinstance(side, dict) else []


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

