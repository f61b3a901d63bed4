# SPDX-License-Identifier: GPL-2.0-or-later
"""What became of each change a merge or a pull was given.

Every change ends as exactly one :class:`Outcome`: ``applied``, ``already`` (nothing left to
do, or handled before), ``conflict`` (kept with ancestor, ours and theirs) or ``refused``
(with the reason), so a :class:`Result`'s counts always add up to the changes it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..bilingual import be, counted, them
from . import registry
from .changelog import local_time

APPLIED, ALREADY, CONFLICT, REFUSED = "applied", "already", "conflict", "refused"
STATUSES = (APPLIED, ALREADY, CONFLICT, REFUSED)

MERGED_BEFORE = "merged before"
NAMED = 20000  # the rows a merge names of its refusals and conflicts (read from the master)
NOT_HERE = "row not in this package"  # pull: an update of a row the package does not carry
# a merge's edits dated after it or before their package's checkout: a device's clock wrong
AHEAD, BEHIND = "ahead", "behind"
# and its refused edits dated so: a value its clock gave (a day filled in as today) may be wrong
REFUSED_AHEAD, REFUSED_BEHIND = "refused ahead", "refused behind"
CLOCK_SLACK_DAYS = 1 / 24  # (an hour: what a clock off the network drifts in weeks)
# a refused change's ``kept_out``: of a merge this master undid, sent again (its reason says
# so to people; code reads this, in any language: undone_lost.keep_out_here)
KEPT_OUT_UNDONE = "undone"


def to_settle(changes: int, fields: int | None) -> tuple[int, int] | None:
    """(fields, changes) of a merge's or a pull's conflicts as ``field-kit conflicts`` lists
    them to settle (a field or a whole row each) and the changes they are in, said alike by
    every face; None where there are none (a pull's: settled in the master already).
    ``fields`` None: counted by change alone."""
    if not changes or fields == 0:
        return None
    return (changes if fields is None else fields), changes


def settled_how(recorded: int, undone: bool = False, still: int | None = None,
                dropped: int = 0) -> str:
    """Where a merge's ``recorded`` conflicts stand, said alike by every face: "undone"
    (closed with their merge), "open" (all to settle; ``still`` None: not counted),
    "dropped" (all closed with their layer, dropped from the master: ``dropped`` of them),
    "settled" (none open, none dropped), "settled_dropped" (none open, some settled and
    ``dropped`` closed with their layer: counted apart, nobody settled those), "part"
    (``still`` of them open yet) or "part_dropped" (``still`` open, ``dropped`` closed)."""
    if undone:
        return "undone"
    if still is None or still == recorded:
        return "open"
    if not still and dropped == recorded:
        return "dropped"
    if dropped:
        return "settled_dropped" if not still else "part_dropped"
    return "settled" if not still else "part"


def barred(role: str, tbl: str, col="*", geom: str | None = None) -> str:
    """Why a change a role may not make is refused: ``col`` is ``*`` (the table), a column
    or the columns it may not change, all of them named; a change of the geometry column
    ``geom`` moves the feature, and is said so."""
    if col == "*":
        return f"a {role} may not change {tbl}"
    cols = sorted({col} if isinstance(col, str) else set(col))
    if geom is not None and geom in cols:
        others = [c for c in cols if c != geom]
        moved = f"a {role} may not move features of {tbl} (geometry column {geom})"
        return moved + (f" nor change {_columns(others)} of it" if others else "")
    return f"a {role} may not change {_columns(cols)} of {tbl}"


def _columns(cols: list[str]) -> str:
    return f"column{'s' if len(cols) > 1 else ''} {', '.join(cols)}"


# what a refused update that held several values adds to its reason: none was written, and
# what to do: mend a bad value, or, where the role may not change a column, a grant
WHOLE = "; the edit is refused whole, so none of its values were written ({fields}): "
MEND_VALUE = ("pull, mend the value refused, then export: the pull sends the edit again, with "
              "its mend")
# (the technician reads it: where GIS staff give a grant, not the table it is kept in)
ASK_GRANT = ("ask GIS staff for a grant (QGIS: Who may change what; or field-kit roles), or "
             "leave what the role may not change")
REST_AGAIN = "; the rest is sent again after the package's next pull"
# what a role holding no grant of a table at all is told to do: the grant, as GIS staff give it
ASK_TABLE = "; ask GIS staff for a grant of {table}: field-kit roles MASTER --grant {role} {table}"


def table_grant_asked(allowed: dict | None, role: str, tbl: str) -> str:
    """What a refusal of an edit of ``tbl`` adds where the grants ``allowed`` give ``role``
    nothing of it (:data:`ASK_TABLE`); empty where they give some of it, or everything."""
    return ASK_TABLE.format(table=tbl, role=role) if \
        registry.may_write(allowed, tbl) == "*" else ""


def refused_whole(cols, role_may: bool = False, rest: bool = False) -> str:
    """What a refusal of an update of several ``cols`` adds: by a bad value (the default),
    or by the role (``role_may``: then ``rest``, the role may change some of them, which
    the package's next pull sends again)."""
    advice = (ASK_GRANT + (REST_AGAIN if rest else "")) if role_may else MEND_VALUE
    return WHOLE.format(fields=", ".join(cols)) + advice


def barred_feature(role: str, tbl: str, op: str, granted) -> str:
    """Why a role granted some columns of ``tbl`` only may not add (``op`` insert) or delete
    its features, naming what it may change."""
    what = "add" if op == "insert" else "delete"
    return (f"a {role} may not {what} features of {tbl} (may change only "
            f"{', '.join(sorted(granted))})")


def refusal(allowed: dict | None, role: str, tbl: str, op: str, cols,
            geom: str | None = None) -> str | None:
    """Why the grants ``allowed`` (:func:`field_kit.sync.registry.grants`) refuse a change
    that would ``op`` (insert, update, delete) a row of ``tbl`` writing ``cols``; None when
    they let the role make it. A role granted some columns of a table adds or deletes none
    of its features; an update names every column it may not change (``geom``: the table's
    geometry column, a feature moved)."""
    denied = registry.may_write(allowed, tbl, cols)
    if denied is None:
        return None
    if denied != "*" and op in ("insert", "delete") and allowed is not None:
        return barred_feature(role, tbl, op, allowed[tbl])
    if denied == "*":
        return barred(role, tbl)
    return barred(role, tbl, [c for c in cols if registry.may_write(allowed, tbl, [c])], geom)


def merge_refusal(allowed: dict | None, role: str, tbl: str, op: str, cols,
                  geom: str | None = None) -> str | None:
    """:func:`refusal` as a merge says it: an update of several ``cols`` is refused whole,
    and the rest of what it wrote, which the role may change, is sent again after the
    package's next pull."""
    why = refusal(allowed, role, tbl, op, cols, geom)
    cols = list(cols)
    if why is None:
        return why
    if op != "update" or len(cols) < 2:
        return why + table_grant_asked(allowed, role, tbl)
    rest = any(registry.may_write(allowed, tbl, [c]) is None for c in cols)
    return why + refused_whole(cols, role_may=True, rest=rest) + \
        table_grant_asked(allowed, role, tbl)


def in_part_said(changes: int, taken: int, held: int, over: int) -> str:
    """What a merge's report says of its ``changes`` applied in part
    (:func:`field_kit.sync.audit.applied_in_part`): the fields ``taken``, those ``held`` in
    conflict, and of those taken, those ``over`` a conflict (the later edits)."""
    said = (f"{counted(changes, 'change')} applied in part: {counted(taken, 'field')} taken, "
            f"{held} in conflict")
    return said + (f"; {over} of the fields taken met a conflict: the master took their "
                   "values, the later edits, and their conflicts keep the values they "
                   "replaced") if over else said


class Outcome(NamedTuple):
    change: str
    table: str
    row: str
    op: str
    status: str
    reason: str = ""
    kept_out: str = ""  # refused: why, for code (KEPT_OUT_UNDONE), else ""


class Result:
    """The outcomes of one package's merge, or of one pull, and their counts.

    A merge settles most changes set-based and knows their counts at once; it hands the
    list over with :meth:`defer`, to be built only when someone reads ``outcomes``."""

    def __init__(self, merge_id: str, source: str, device: str):
        # merge: "" where the package brought nothing new and no merge was recorded
        self.merge_id, self.source, self.device = merge_id, source, device
        self.merged_before: list[str] = []  # then: the recorded merges that brought it
        self._outcomes: list = []
        self._deferred: tuple[dict, Callable[[], list]] | None = None  # (counts, build)
        self.brought: list = []  # pull: (table, uuid) of rows brought whole
        # merge: the layers and table.columns this package added to the master; pull: the
        # tables and table.columns the master added to the package
        self.layers: list = []
        self.schema: list = []
        self.not_tracked: dict = {}  # pull: the master's tables it does not track, and why
        # pull: what the package still holds of layers and columns the master no longer has
        self.held_over: list[str] = []
        # pull: a line a table it holds whose edits in the master a repair could not recover
        # (field_kit.sync.accepted)
        self.differ: list[str] = []
        self.grants: list[str] = []  # pull: what the master's grants changed for its role
        self.projects_said: list[str] = []  # pull: the QGIS projects saved in the master brought
        # pull: (table, column, rows filled, rows kept) of the columns the package dropped
        # and added again that it filled back (field_kit.sync.added_again)
        self.refilled: list = []
        # pull: schema_changes.GaveWay of the columns a technician's package added that gave
        # way to the master's of that name, their values carried into it or set aside
        self.gave_way: list = []
        self.as_stored: list = []  # pull: table.field of the device's values stored otherwise
        # pull: (table, row, field, value) of the plan layers' figures it brought as
        # ±Infinity, as the master holds them (field_kit.sync.not_finite.written)
        self.not_finite: list = []
        # pull: what it says of the dates and times it brought that QGIS shows empty
        # (field_kit.sync.dates_for_qgis.brought)
        self.dates_unread: list[str] = []
        # pull: (table, row, field, the device's value, the master's) where the master's
        # value replaced one this device had sent (its edit not kept there)
        self.replaced: list = []
        # pull: how far the master merged this device's edits, and the seqs of those it
        # exported that the master lacks (field_kit.sync.exports_lacking)
        self.not_merged: tuple[int, list[int]] = (0, [])
        # pull: (table, row, fields) of the device's edits the master refused, sent again
        self.resent: list = []
        # pull: (table, row, op, fields, what it says) of the device's edits the master
        # refused that its role may never make: given up, the master's values taken
        self.given_up: list = []
        # pull: (table, row, what became of it, its record's name) of the rows the master
        # kept against this device's delete ("back" here) or deleted over its edits
        # ("gone"), or of a merge undone there that had deleted ("back_undone") or brought
        # them ("gone_undone"): field_kit.sync.pull.BACK, ...
        self.rows_settled: list = []
        # pull: the device's own values a merge undone since took away (table, row, field,
        # the device's, the master's)
        self.undone: list = []
        # pull: the device's own values the master had kept aside in conflicts of a merge
        # it undid since, the master's value taken here (table, row, field, the device's,
        # the master's): the master holds them nowhere now
        self.undone_aside: list = []
        # pull: rederive.Followed of the rows whose own shape the package keeps, the area
        # and centre the master sent for another shape made those of its own again
        self.derived: list = []
        # pull: codes_follow.Followed of the package's rows given the new code of a row the
        # pull renamed (a record not merged yet keeps the old one otherwise)
        self.codes_followed: list = []
        # merge: of its changes in conflict, those the master took all of (the later edit
        # of each field in conflict, or of the row), the values they replaced kept in their
        # conflicts: applied as much as in conflict (counted with ``conflict`` alone, so the
        # counts add up to the changes)
        self.written_over = 0
        # merge: of its changes in conflict, those of which the master took some fields and
        # held others (their values kept in the conflicts): applied in part, counted as
        # applied too, as ``written_over``
        self.in_part = 0
        # merge: (merge id, time, refused again, not refused now) of the changes the first
        # merge of this same package file refused, looked at again (field_kit.sync.merge)
        self.refused_before: tuple | None = None
        self.conflicts = 0  # pull: the conflicts it recorded (one a field, as listed)
        # pull: (table, row, field or None for the row, the package's value kept, the
        # master's) of each conflict it recorded
        self.kept: list = []
        # pull: (table, row, field) of each value it wrote into a row the package held
        self.fields_in: list = []
        self.closed = 0  # pull: the package's conflicts of earlier pulls it found settled
        # pull: the package's conflicts on a column the master renamed or dropped, closed:
        # its edit there refused, not sent again (field_kit.sync.refused_conflicts.Closed)
        self.refused_closed: list = []
        # pull: layer -> the package's open conflicts on it closed as dropped, the master
        # having dropped the layer (counted apart from ``closed``: nobody settled them)
        self.dropped: dict[str, int] = {}
        # pull: of its changes in conflict, those whose conflicts a later change of the same
        # pull settled (none of them listed in ``kept``)
        self.settled_here = 0
        # pull: the package's own edits those changes met (one edit may meet more than one)
        self.own_settled = 0
        # pull: of its changes in conflict, those whose field a later change of the same pull
        # wrote again, meeting the package's value anew: that one's conflict is listed
        self.met_again = 0
        # merge: (table, row) -> the name people know the row by (a patch code, a project, a
        # record's patch and day), for the rows of its first NAMED refusals and conflicts
        self.names: dict = {}
        # merge: (AHEAD or BEHIND, edits, earliest, latest, the time they were read against:
        # the merge's, or the package's checkout) of its edits a wrong clock dated (REFUSED_
        # AHEAD or REFUSED_BEHIND: of those it refused)
        self.clock: list = []
        # merge: (conflicts, devices, earliest, latest, the merge's time) of its conflicts
        # that set its value aside for another device's edit dated after the merge
        self.met_ahead: tuple | None = None
        # merge: what it says of the open conflicts it closed as superseded, their device's
        # value kept aside replaced by its later edit merged here (field_kit.sync.superseded)
        self.superseded: list[str] = []

    def defer(self, counts: dict, build: Callable[[], list]) -> None:
        self._deferred = ({s: counts.get(s, 0) for s in STATUSES}, build)

    @property
    def outcomes(self) -> list:
        if self._deferred is not None:
            self._outcomes, self._deferred = self._deferred[1](), None
        return self._outcomes

    @outcomes.setter
    def outcomes(self, outcomes: list) -> None:
        self._outcomes, self._deferred = list(outcomes), None

    def count(self, status: str) -> int:
        if self._deferred is not None:
            return self._deferred[0][status]
        return sum(1 for o in self._outcomes if o.status == status)

    @property
    def counts(self) -> dict:
        return {s: self.count(s) for s in STATUSES}

    @property
    def went_in(self) -> int:
        """The changes the master took, as a report says "applied": those applied, and those
        in conflict it took all of (:attr:`written_over`) or some fields of (:attr:`in_part`),
        said as conflicts too."""
        return self.count(APPLIED) + self.written_over + self.in_part

    def written_over_said(self) -> str:
        """What a report adds of :attr:`written_over` ("" where there are none)."""
        n = self.written_over
        return "" if not n else (
            f"{n} of the changes applied met a conflict: the master took their values, the "
            "later edits, over the values it held, which their conflicts keep (settling them "
            "can take those back)")

    def counts_said(self) -> list[str]:
        """What a merge's report says under its counts: the changes written over a conflict
        (:meth:`written_over_said`), the refusals decided again (:meth:`refused_before_said`),
        the edits a wrong clock dated, the conflicts closed as superseded."""
        return [line for line in [self.written_over_said(), *self.refused_before_said(),
                                  *self.clock_said(), *self.superseded] if line]

    def clock_said(self) -> list[str]:
        """What a merge's report says of the package's edits its device's clock dated after
        the merge or before the package's checkout: by device, with the dates, and what the
        later-edit rule makes of them (it reads each edit's own time as given)."""
        said = []
        for kind, n, first, last, against in self.clock:
            when = (f"dated {local_time(first)}" if first == last else
                    f"dated {local_time(first)} to {local_time(last)}")
            if kind in (REFUSED_AHEAD, REFUSED_BEHIND):
                wrong = "after this merge" if kind == REFUSED_AHEAD else \
                    "before its package was checked out"
                said.append(
                    f"{counted(n, 'refused edit')} from device {self.device} {when}, {wrong} "
                    f"({local_time(against)}): its clock was "
                    f"{'ahead' if kind == REFUSED_AHEAD else 'behind'}, and a date taken from "
                    "it (today's, filled in on the device) is as wrong: set the device's clock "
                    "right, and mend the date where that is why the edit was refused")
            elif kind == AHEAD:
                said.append(
                    f"{counted(n, 'edit')} from device {self.device} {when}, after this merge "
                    f"({local_time(against)}): its clock was ahead; the later-edit rule and "
                    "history read those times as given: until a supervisor decides, each wins "
                    "over an edit of the same field dated before it, which is kept in a "
                    "conflict")
            else:
                said.append(
                    f"{counted(n, 'edit')} from device {self.device} {when}, before its package "
                    "was "
                    f"checked out ({local_time(against)}): its clock was behind; the later-edit "
                    "rule and history read those times as given: until a supervisor decides, "
                    "each loses to an edit of the same field dated after it, and is kept in a "
                    "conflict")
        if self.met_ahead is not None:
            n, devices, first, last, against = self.met_ahead
            when = (f"dated {local_time(first)}" if first == last else
                    f"dated {local_time(first)} to {local_time(last)}")
            said.append(
                f"{counted(n, 'conflict')} set edits from device {self.device} aside for edits "
                "of device "
                f"{', '.join(devices)} {when}, after this merge ({local_time(against)}): the "
                "later-edit rule read those times as given; the master keeps what those edits "
                "gave until a supervisor decides (field-kit conflicts lists them)")
        return said

    def refused_before_said(self) -> list[str]:
        """What a report says of the changes the package's first merge refused, merged
        again: decided anew (a refusal is no fate), by the master's grants and fields today."""
        if self.refused_before is None:
            return []
        merge_id, at, again, taken = self.refused_before
        first = (f"the package's first merge, at {local_time(at)} (merge id {merge_id}),")
        said = []
        if again:
            said.append(f"{again} of the changes refused here were refused by {first} too: "
                        "each decided again now, by the master's grants and fields today, and "
                        "its reason is today's")
        if taken:
            said.append(f"{counted(taken, 'change')} refused by {first} {be(taken, past=True)} "
                        "decided again now and not refused: the master's grants and fields "
                        f"today allow {them(taken)}")
        return said


# a merge's own conflict its run closed: its device's later edit of the field merged too
SUPERSEDED_SAID = "superseded by a later edit"


def recorded(settle: dict, superseded: dict, merge_id: str | None) -> tuple[int | None, int]:
    """A merge's conflicts as its run recorded them, a field each (those to settle, by
    ``settle``, with those the run closed as superseded; None: not counted), and how many
    of them were closed so, as :func:`~field_kit.sync.masters.to_settle` reads them."""
    fields, closed = settle.get(merge_id), superseded.get(merge_id, 0)
    return (None if fields is None else fields + closed), closed


def in_conflict_said(changes: int, fields: int | None, undone: bool = False,
                     still: int | None = None, dropped: int = 0, superseded: int = 0) -> str:
    """A merge's (or a pull's) conflicts as ``field-kit conflicts`` lists them to settle (a
    field or a whole row each), with the changes they are in: said alike everywhere; those
    of a merge ``undone``, closed with it; ``still``: how many are open yet (None: all);
    ``dropped``: how many were closed with their layer; ``superseded``: (as the merge
    ran) how many of ``fields`` it closed as superseded, the rest open."""
    got = to_settle(changes, fields)
    if got is None:
        return "0"
    if superseded:  # (recorded, then closed: counted, not left for "conflicts 0" to deny)
        left = got[0] - superseded
        how = f"({left} to settle, {superseded} {SUPERSEDED_SAID})" if left else \
            SUPERSEDED_SAID
        return f"{got[0]} {how} in {counted(got[1], 'change')}"
    settled = got[0] - (still or 0) - dropped
    # (those closed with their layer counted apart: nobody settled them)
    how = {"undone": "closed by the undo", "open": "to settle", "settled": "settled",
           "dropped": "closed as dropped", "part": f"({still} to settle)",
           "settled_dropped": f"({settled} settled, {dropped} closed as dropped)",
           "part_dropped": f"({still} to settle, {dropped} closed as dropped)"}[
        settled_how(got[0], undone, still, dropped)]
    return f"{got[0]} {how} in {counted(got[1], 'change')}"


__all__ = ["APPLIED", "ALREADY", "CONFLICT", "REFUSED", "STATUSES", "MERGED_BEFORE", "NAMED",
           "NOT_HERE", "KEPT_OUT_UNDONE", "SUPERSEDED_SAID", "AHEAD", "BEHIND", "REFUSED_AHEAD",
           "REFUSED_BEHIND",
           "CLOCK_SLACK_DAYS",
           "WHOLE", "MEND_VALUE", "ASK_GRANT", "ASK_TABLE", "REST_AGAIN",
           "barred", "barred_feature", "in_conflict_said", "recorded", "in_part_said",
           "merge_refusal",
           "refusal", "refused_whole", "Outcome", "Result"]
