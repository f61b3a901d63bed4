# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict: one field (or a whole row) with its ancestor, ours and theirs, always in that
order, as the merge records it and every face shows it (the command line, the QGIS dialog).

``ours`` is what the file holds (for an open field conflict read from the table when the
conflict is listed), ``theirs`` the other value, kept aside with the ``device`` and time
(``at``) of the edit that wrote it (:meth:`Conflict.made_by`); :func:`held_by` finds the edit
that gave "ours", and :meth:`Conflict.whose` says whose each is. For a whole-row conflict
(``field`` None) a side is the row's values, or None where the row is deleted.

Where the master's value changed since the conflict was recorded (GIS staff in QGIS, psql, a
later merge), ``changed_since`` says what it held then (``ours``) and who changed it when
(``device``, ``at``, ``origin``: None where no recorded edit says; ``conflict``: the later
merge's open conflict that holds the value, where one does); settling such a conflict
other than by keeping what is there is refused unless asked for by name
(:func:`field_kit.sync.settling.resolve`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import itertools
import json
import os
from dataclasses import dataclass
from typing import Any

from ..bilingual import EN, Text, be, counted, them
from ..db import chunks, connect, marks
from ..messages_zh import device_in_chinese
from ..plan.geometry import as_written
from ..plan.values import feature_name, names_held, shape_shown
from . import changelog, log_reads, log_values, registry
from .superseded import SUPERSEDED
from .three_way import PARKED, TOUCH

COLUMNS = ("id", "merge_id", "change_uuid", "tbl", "row_uuid", "field", "kind", "ancestor",
           "ours", "theirs", "device", "at", "status", "resolution", "resolved_at",
           "resolved_by")
SIDES = ("ancestor", "ours", "theirs")
# the status of a conflict closed because its layer was dropped from the master (repair
# found it gone): there is nothing left to settle, nor a value the master holds
DROPPED = "dropped"


def closed_with_layer(tbl: str, n: int, *, listed_by_command: bool = True) -> str:
    """What repair says of the ``n`` open conflicts on ``tbl`` it closed, the layer gone;
    ``listed_by_command``: and which command lists them (not in QGIS, which has none)."""
    return (f"{counted(n, 'open conflict')} on {tbl} closed as dropped: the layer was dropped "
            "from the master, so there is nothing left to settle"
            + (f" (conflicts --every lists {them(n)})" if listed_by_command else ""))


def close_with_layer(conn, tbl: str) -> int:
    """Close the open conflicts on ``tbl``, a layer dropped from the master, as
    :data:`DROPPED` (a master's, by repair; a field package's, by the pull that finds the
    layer gone there): nothing is left to settle. Returns how many it closed."""
    return conn.execute("UPDATE sync_conflicts SET status = ?, resolved_at = ? WHERE tbl = ? "
                        "AND status = 'open'", (DROPPED, changelog.now(), tbl)).rowcount


def closed_of(what: str, tbl: str, n: int) -> str:
    """What ``resolve --all`` says of the ``n`` conflicts from ``what`` (a merge, package or
    device) on ``tbl`` it found closed with their layer: nobody settled them."""
    return (f"{counted(n, 'conflict')} from {what} on {tbl} {be(n, past=True)} closed as "
            "dropped, not settled: the layer was dropped from the master (conflicts --every "
            f"lists {them(n)})")


def dropped_said(tbl: str, at: str) -> str:
    """What ``conflicts`` says of a conflict closed with its layer (at ``at``, local time)."""
    return (f"closed as dropped at {at}: layer {tbl} was dropped from the master; there is "
            "nothing left to settle")
# "theirs" no recorded edit wrote: a value from before the change log began, or one written
# while capture was off
NO_EDIT = ("no recorded edit (a value from before the change log, or written while capture "
           "was off)")
NO_EDIT_ZH = "无修改记录（变更日志之前的值，或变更捕获关闭时写入）"

# whose value each side is: "theirs" set aside while open, "ours" what the master holds
_THEIRS = {True: Text("{by} 的值已搁置（theirs）", "{by} set aside (theirs)"),
           False: Text("{by} 的值为另一方（theirs）", "{by} (theirs)")}
_THEIRS_UNRECORDED_ZH = {True: f"另一方的值已搁置（theirs），其{NO_EDIT_ZH}",
                         False: f"另一方的值（theirs），其{NO_EDIT_ZH}"}
_OURS = {True: Text("主库现为：{who}", "the master holds {who}"),
         False: Text("记录冲突时主库为：{who}", "when it was recorded the master held {who}")}
_GAVE = Text("{device} 于 {at} 给出的值{origin}（ours）",
             "the value {device} gave at {at}{origin} (ours)")
_DELETED = Text("该要素已由 {device} 于 {at} 删除{origin}（ours）",
                "the row deleted by {device} at {at}{origin} (ours)")
# a whole row held: its last edit (of any field) is named, others may have given its values
_EDITED = Text("{device} 于 {at} 最后修改的该要素{origin}（ours）",
               "the row as last edited by {device} at {at}{origin} (ours)")
_NO_EDIT = Text(f"{NO_EDIT_ZH}的值（ours）", f"a value with {NO_EDIT} (ours)")
# "ours" an undo-merge put back (a value no recorded edit before it gave): the undo's, by
# whoever undid it, not a value the master's device wrote
_UNDO_LEFT = Text("撤销合并 {merge} 后留下的值（由 {who} 于 {at} 撤销）（ours）",
                  "the value the undo of merge {merge} left, undone by {who} at {at} (ours)")
_UNDO_TOOK = Text("撤销合并 {merge} 时从冲突 {id} 采用的值：{device} 于 {at} 给出（由 {who} 撤销）"
                  "（ours）",
                  "the value the undo of merge {merge} took from conflict {id}: {device}'s, "
                  "given at {at} (undone by {who}) (ours)")
_UNDO_DELETED = Text("该要素已由撤销合并 {merge} 删除（由 {who} 于 {at} 撤销）（ours）",
                     "the row the undo of merge {merge} deleted, undone by {who} at {at} "
                     "(ours)")
# a field package's conflicts, met at its pulls: "ours" is what this device's package holds,
# "theirs" the master's value, kept aside there (resolve --take ours keeps the device's)
_THEIRS_OF_MASTER = {True: Text("主库的值（{by}）已搁置（theirs）",
                                "the master's value, {by}, set aside (theirs)"),
                     False: Text("主库的值（{by}）（theirs）", "the master's value, {by} (theirs)")}
_OURS_OF_DEVICE = {True: Text("本机 {device} 现为：{who}", "this device, {device}, holds {who}"),
                   False: Text("记录冲突时本机 {device} 为：{who}",
                               "when it was recorded this device, {device}, held {who}")}
# how each side is labelled beside its value: in a master "ours" is the master's, in a field
# package the device's (named)
_SIDE_LABELS = {False: (Text("主库现值（ours）", "ours"), Text("另一方（theirs）", "theirs")),
                True: (Text("本机 {device} 的值（ours）", "ours ({device}'s)"),
                       Text("主库的值（theirs）", "theirs (the master's)"))}


def side_labels(device: str | None, lang: str = EN) -> tuple[str, str]:
    """How "ours" and "theirs" are labelled beside their values in ``lang``: in a master
    (``device`` None) ours is the master's; in a field package of ``device``, ours is that
    device's and theirs the master's."""
    ours, theirs = _SIDE_LABELS[device is not None]
    return ours.format(device=device or "")(lang), theirs(lang)


def package_device(path: str | os.PathLike) -> str | None:
    """The device whose field package ``path`` is, where it is one (its conflicts met at its
    pulls: "ours" that device's value, "theirs" the master's); None for a master."""
    with contextlib.closing(connect(path, readonly=True)) as conn:
        st = changelog.state(conn)
    return st["device"] if st["kind"] == changelog.PACKAGE else None
_UNNAMED = Text("未具名设备", "an unnamed device")
_UNTIMED = Text("未记录的时间", "an unrecorded time")


def _device(name: str | None) -> Text:
    """A device by its name, the master's own as 主库 in Chinese; none named as unnamed."""
    return Text(device_in_chinese(name), name) if name else _UNNAMED


@dataclass
class Conflict:
    id: int
    merge_id: str | None
    change_uuid: str
    tbl: str
    row_uuid: str
    field: str | None
    kind: str
    ancestor: Any
    ours: Any
    theirs: Any
    device: str | None
    at: str | None
    status: str
    resolution: str | None = None
    resolved_at: str | None = None
    resolved_by: str | None = None
    # an open conflict whose value the master changed since: what it held then, who changed
    # it when (keys ours, device, at, origin); None where it did not change
    changed_since: dict | None = None
    # the file an import of the master's own took "theirs" from (None: no import gave it)
    imported_from: str | None = None
    # False where the edit was logged without the value it replaced (recovered by repair
    # after capture was off): the ancestor is not known, not empty
    ancestor_known: bool = True

    @classmethod
    def from_row(cls, row) -> Conflict:
        """From a ``sync_conflicts`` row read in :data:`COLUMNS` order (sides are JSON)."""
        d = dict(zip(COLUMNS, row))
        d["ancestor_known"] = d["ancestor"] is not None  # (a known empty one is JSON null)
        for side in SIDES:
            d[side] = log_values.loads(d[side]) if d[side] is not None else None
        return cls(**d)

    def made_by(self) -> str:
        """Who wrote "theirs" and when; where no edit of it was recorded, says so."""
        if self.device is None and self.at is None:
            return f"with {NO_EDIT}"
        imported = f" (imported from {self.imported_from})" if self.imported_from else ""
        return (f"from {self.device or 'an unnamed device'}{imported} at "
                f"{changelog.local_time(self.at) or 'an unrecorded time'}")

    def by(self, lang: str = EN) -> str:
        """Who wrote "theirs" and when (:meth:`made_by`), in ``lang``."""
        if lang == EN:
            return self.made_by()
        if self.device is None and self.at is None:
            return NO_EDIT_ZH
        imported = f"（导入自 {self.imported_from}）" if self.imported_from else ""
        return (f"来自 {_device(self.device)(lang)}{imported}，时间 "
                f"{changelog.local_time(self.at) or '未记录'}")

    def whose(self, held: dict | None, lang: str = EN, package: str | None = None) -> str:
        """Whose value each side is: "theirs" by its device and time, set aside while the
        conflict is open, and "ours" by the recorded edit that gave it (``held``, from
        :func:`held_by`; None where none did), held now (when recorded, once settled). In
        the field package of device ``package`` (:func:`package_device`) "ours" is that
        device's and "theirs" the master's, said so."""
        now = self.status == "open"
        kind, _, what = ((held or {}).get("origin") or "").partition(":")
        if held is None:
            ours = _NO_EDIT(lang)
        elif kind == "undo" or held.get("undo_of"):
            when = changelog.local_time(held.get("at")) or _UNTIMED
            ours = (_UNDO_TOOK if kind != "undo" else _UNDO_DELETED if held.get("deleted")
                    else _UNDO_LEFT).format(
                merge=held.get("undo_of") or what.partition(":")[0], id=what, at=when,
                device=_device(held.get("device")),
                who=held.get("undone_by") or _device(held.get("device")))(lang)
        else:
            origin = Text(f"（导入自 {what}）", f" (imported from {what})") if kind == IMPORTED \
                else Text(f"（处理冲突 {what}）", f" (settling conflict {what})") \
                if kind == "resolve" else Text("", "")
            ours = (_DELETED if held.get("deleted") else _EDITED if self.field is None
                    else _GAVE).format(
                device=_device(held.get("device")),
                at=changelog.local_time(held.get("at")) or _UNTIMED,
                origin=origin)(lang)
        sep = "；" if lang != EN else "; "
        if package is not None:
            return (_THEIRS_OF_MASTER[now].format(by=self.by(lang))(lang) + sep
                    + _OURS_OF_DEVICE[now].format(device=package, who=ours)(lang))
        theirs = _THEIRS[now].format(by=self.by(lang))(lang)
        if lang != EN and self.device is None and self.at is None:  # no one's: said of it
            theirs = _THEIRS_UNRECORDED_ZH[now]
        return theirs + sep + _OURS[now].format(who=ours)(lang)

    def named(self, name: str | None = None) -> str:
        """The conflict as messages name it: its id, table, row (by ``name``, as people know
        it, where it has one, with the uuid history takes) and field."""
        what = f"field {self.field}" if self.field is not None else "the whole row"
        return f"conflict {self.id} ({self.tbl} {self.row_named(name)}, {what})"

    def row_named(self, name: str | None = None) -> str:
        """The conflict's row by ``name`` (its patch, project or record) where it has one,
        with its uuid."""
        return f"row {self.row_uuid}" if name in (None, self.row_uuid) else \
            f"{name} (row {self.row_uuid})"

    def how_changed(self) -> str:
        """How the master's value changed since the conflict was recorded, and who changed
        it when, as far as the change log says ("" where it did not change)."""
        since = self.changed_since
        if since is None:
            return ""
        then, now = since["ours"], self.ours
        if self.field is None and then is not None and now is not None:
            keys = [k for k in then if then[k] != now.get(k)] or list(then)
            then, now = {k: then[k] for k in keys}, {k: now.get(k) for k in keys}
        if self.field is not None:
            said = (f"{shown(then)} when it was recorded, "
                    f"{'its row deleted' if since.get('deleted') else shown(now)} now")
        elif then is None:
            said = "deleted when it was recorded, there again now"
        else:
            said = (f"{shown(then)} when it was recorded, "
                    f"{'deleted' if now is None else shown(now)} now")
        if since.get("device") is None and since.get("at") is None:
            return f"{said}, {UNRECORDED}"
        kept = since.get("conflict")  # a later merge's value, in its own conflict only
        return f"{said}, {changed_by(since)}" + (
            f", which its conflict {kept} keeps open: settle that one first" if kept else "")

    def side(self, name: str) -> Any:
        """``ancestor``, ``ours`` or ``theirs``."""
        if name not in SIDES:
            raise ValueError(f"a side is one of {', '.join(SIDES)}, not {name!r}")
        return getattr(self, name)

    def no_ancestor(self) -> str:
        """Why this conflict cannot be settled by taking its ancestor, which is not known."""
        return (f"the ancestor of conflict {self.id} is not known: the edit was logged without "
                "the value it replaced (recovered by repair after capture was off); take ours "
                "or theirs, or give a value")

    def read_alike(self, geom: str | None) -> Conflict:
        """The conflict with the shapes of its sides (the field ``geom``, or that key of a
        row's values) read alike whichever side gave them
        (:func:`~field_kit.plan.geometry.as_written`); what is stored stays as it is."""
        if geom is None or self.field not in (None, geom):
            return self

        def alike(value):
            if isinstance(value, dict):
                return {k: alike(v) if k == geom else v for k, v in value.items()}
            if not isinstance(value, str) or value.startswith(log_values.TEXT_MARK):
                return value
            try:
                return as_written(bytes.fromhex(value)).hex().upper()
            except ValueError:
                return value
        since = self.changed_since
        return dataclasses.replace(
            self, **{side: alike(getattr(self, side)) for side in SIDES},
            changed_since=since and {**since, "ours": alike(since["ours"])})

    def as_dict(self) -> dict:
        """The keys of ``field-kit conflicts --json``."""
        return dataclasses.asdict(self)


# how the log holds a GeoPackage geometry: its hex, the blob's "GP" first
GEOMETRY_HEX = "4750"


def shown(value: Any, width: int = 40, zh: bool = False) -> str:
    """A side's value as the listing and messages show it: as JSON, a long text cut to
    ``width`` characters; a geometry by its kind, centre and area
    (:func:`~field_kit.plan.values.shape_shown`; ``zh``: in Chinese), not its hex; text a
    BLOB column holds as the text."""
    if isinstance(value, str) and value.startswith(log_values.TEXT_MARK):
        value = value[len(log_values.TEXT_MARK):]
    elif isinstance(value, str) and value.startswith(GEOMETRY_HEX):
        with contextlib.suppress(ValueError):
            said = shape_shown(bytes.fromhex(value), "zh" if zh else "en")
            if said is not None:
                return said
    if isinstance(value, str) and len(value) > width:
        return value[:width - 3] + "..."
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {shown(v, width, zh)}"
                               for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


IMPORTED = "import"  # the origin of an import's edits: import:<the source's file name>
# the resolution of a conflict an undo-merge settled taking its value kept aside, as a merge
# without the one undone would have written it (field_kit.sync.undo_others)
TAKEN_BY_UNDO = "theirs"

# said of a value no recorded edit gave
UNRECORDED = "no recorded edit says who changed it (written while capture was off)"


def changed_by(edit: dict) -> str:
    """"changed by tab-2 at 2026-… (settling conflict 3)": who made a recorded edit, when,
    and as what (its ``device``, ``at`` and ``origin``)."""
    kind, _, what = (edit.get("origin") or "local").partition(":")
    doing = {"merge": "merge", "resolve": "settling conflict", "undo": "undoing merge"}
    origin = "" if kind == "local" else (f" ({doing[kind]} {what.split(':')[0]})"
                                         if kind in doing else f" (imported from {what})"
                                         if kind == IMPORTED else f" ({edit['origin']})")
    return (f"changed by {edit.get('device') or 'an unnamed device'} at "
            f"{changelog.local_time(edit.get('at')) or 'an unrecorded time'}{origin}")


def names(path: str | os.PathLike, rows: list[Conflict]
          ) -> dict[tuple[str, str], str | None]:
    """(table, uuid) of each conflict's row -> the one name it goes by wherever a conflict is
    named (:func:`~field_kit.plan.values.feature_name`: a record by its patch and day): as
    the file holds it, else as it was when deleted, else by what the conflict's sides
    held; None where none names it."""
    got = names_held(path, list(dict.fromkeys((c.tbl, c.row_uuid) for c in rows)))
    had: dict = {}
    for c in rows:
        if got[(c.tbl, c.row_uuid)] is None:
            had[(c.tbl, c.row_uuid)] = {k: v for side in (c.ancestor, c.theirs, c.ours)
                                        if isinstance(side, dict) for k, v in side.items()}
    return {**got, **named_by_values(path, had)}


def named_by_values(path: str | os.PathLike, held: dict[tuple[str, str], dict]
                    ) -> dict[tuple[str, str], str | None]:
    """(table, uuid) -> the name the values ``held`` of a row give it (a row the file holds
    no more, by what a conflict's sides or its changes held), None where they give none."""
    if not held:
        return {}
    with contextlib.closing(connect(path, readonly=True)) as conn:
        # (a name from the values: never a geometry's or a BLOB's)
        blobs = {t.name: t.blobs for t in registry.tracked(conn)}
    return {(t, r): feature_name(t, v, blobs.get(t, ())) for (t, r), v in held.items()}


def held_by(path: str | os.PathLike, rows: list[Conflict]) -> dict[int, dict | None]:
    """Conflict id -> the recorded edit that gave its "ours" (``device``, ``at``,
    ``origin``, and ``deleted`` where it deleted the row; of a whole row held, its latest
    edit of any field), None where no recorded edit did:
    for an open conflict the value the file holds now, for a settled one the value it held
    when the conflict was recorded. From the change log, each row's read once."""
    with contextlib.closing(connect(path, readonly=True)) as conn:
        return _held_by(conn, rows)


def _held_by(conn, rows: list[Conflict]) -> dict[int, dict | None]:
    tables = registry.by_name(conn)
    out: dict[int, dict | None] = {}
    logged = []
    for c in rows:
        since = c.changed_since if c.status == "open" else None
        if since is not None:  # (what it holds now: the edit since gave it)
            out[c.id] = None if since.get("device") is None and since.get("at") is None \
                else since
        elif c.tbl in tables or c.status == DROPPED:  # (closed with its layer: as logged)
            logged.append(c)
        else:
            out[c.id] = None
    edits: dict[str, list[dict]] = {}
    sql = f"SELECT {', '.join(log_reads.CHANGE_COLUMNS)} FROM ({log_reads.log_sql(conn)})"
    for part in chunks(sorted({c.row_uuid for c in logged})):
        for r in conn.execute(f"{sql} WHERE row_uuid IN {marks(len(part))} ORDER BY seq DESC",
                              part):
            edit = dict(zip(log_reads.CHANGE_COLUMNS, r))
            edits.setdefault(edit["row_uuid"], []).append(edit)
    merged = dict(conn.execute("SELECT merge_id, at FROM sync_merges"))  # (when each was)
    # the merge each decision logged settled a conflict of: an undo of it reverts them too
    decided = sorted({int(e["origin"][len("resolve:"):]) for row in edits.values() for e in row
                      if (e["origin"] or "").startswith("resolve:")
                      and e["origin"][len("resolve:"):].isdigit()})
    settled_in: dict[str, str] = {}
    settlers: dict[str, str] = {}  # a decision's change by whoever settled it, as history
    by_undo: dict[str, str | None] = {}  # ... and one an undo made: by whoever undid it
    for part in chunks(decided):
        for origin, merge_id, by, how in conn.execute(
                "SELECT 'resolve:' || id, merge_id, resolved_by, resolution FROM "
                f"sync_conflicts WHERE id IN {marks(len(part))}", part):
            settled_in[origin] = merge_id
            if how == TAKEN_BY_UNDO:
                by_undo[origin] = by
            elif by:
                settlers[origin] = by
    from .audit import UNDONE_BY  # (audit reaches this module through new_layers)
    undone_by = registry.json_meta(conn, UNDONE_BY) if logged else {}
    for c in logged:
        row = edits.get(c.row_uuid, [])
        gave = _gave(tables.get(c.tbl) or registry.Tracked(c.tbl, None, ()), c, row, merged,
                     settled_in)
        origin = (gave or {}).get("origin") or ""
        if origin in settlers:
            gave = {**(gave or {}), "device": settlers[origin]}
        elif origin.startswith("undo:"):  # (a value from before the log it put back)
            gave = {**(gave or {}), "undone_by": undone_by.get(_undone_of(origin))}
        elif origin in by_undo:  # the undo settled it so: the undo just before the decision
            at = next(i for i, e in enumerate(row) if e["origin"] == origin)
            undo = next((e["origin"] for e in row[at + 1:]
                         if (e["origin"] or "").startswith("undo:")), "")
            gave = {**(gave or {}), "undo_of": _undone_of(undo),
                    "undone_by": undone_by.get(_undone_of(undo)) or by_undo[origin]}
        out[c.id] = gave
    return out


def _undone_of(origin: str) -> str:
    """The merge an undo's edit undid, from its origin (undo:<merge>[:...])."""
    return origin[len("undo:"):].partition(":")[0]


def after_merge(edit: dict, merged: dict[str, str], merge_id: str | None) -> bool:
    """Whether a logged edit came after the merge ``merge_id`` (``merged``: each merge's
    time by the master's clock): a later merge's by that merge's time (its edits keep their
    device's), any other (the master's own, a decision, an undo) by its own."""
    at = merged.get(merge_id or "", "")
    kind, _, ref = (edit["origin"] or "").partition(":")
    if kind == "merge":
        ref = ref.partition(":")[0]
        return ref != merge_id and merged.get(ref, "") > at
    return (edit["at"] or "") > at


def _gave(t: registry.Tracked, c: Conflict, edits: list[dict], merged: dict[str, str],
          settled_in: dict[str, str] | None = None) -> dict | None:
    """The edit of ``edits`` (the row's, newest first) that gave ``c``'s "ours"; of a settled
    conflict, one before its settling and its merge's end (another's decision since wrote
    the same value: not what the master held then); an undo's, by the edit that first gave
    the value. ``settled_in``: a decision's origin -> the merge whose conflict it settled
    (undone with that merge)."""
    settling = next((i for i, e in enumerate(edits) if e["origin"] == f"resolve:{c.id}"), None)
    if c.status != "open" and settling is not None:
        edits = edits[settling + 1:]
    # the undos of other merges before a conflict was settled: one that set its "ours" to
    # what the row held then (:mod:`undo_others`) gave what the decision stood on
    undos: list[dict] = []
    if c.status != "open" and c.merge_id in merged:
        later = list(itertools.takewhile(lambda e: after_merge(e, merged, c.merge_id), edits))
        undos = [e for e in later if (e["origin"] or "").startswith("undo:") and
                 e["origin"][len("undo:"):].partition(":")[0] != c.merge_id] \
            if c.status == "resolved" else []
        edits = undos + edits[len(later):]
    undone: set[str] = set()  # merges undone since: their edits are not what the table holds
    put_back = None  # the undo that wrote it, said where no edit before it gave the value
    for edit in edits:
        origin = edit["origin"] or ""
        kind, _, ref = origin.partition(":")
        if kind == "undo" and (c.status == "open" or edit in undos):  # (else as recorded)
            undone.add(ref.partition(":")[0])
        # (a decision on an undone merge's conflict, a row it deleted say, is undone too)
        of = ref.partition(":")[0] if kind == "merge" else (settled_in or {}).get(origin)
        if edit["tbl"] != c.tbl or origin.endswith((PARKED, TOUCH)) or of in undone:
            continue
        new = log_values.loads(edit["new"]) if edit["new"] else None
        if c.field is not None and new is not None and c.field not in new:
            continue
        gave = (new is None) == (c.ours is None) if c.field is None or new is None else \
            t.same(c.field, new[c.field], c.ours)
        said = {"device": edit["device"], "at": edit["at"], "origin": origin,
                "deleted": new is None}
        if kind == "undo":  # (the edit that first gave the value says whose it is)
            put_back = put_back or (said if gave and (c.status == "open" or edit in undos)
                                    else None)
            continue
        if gave:
            return said
        if c.status == "open":  # a value no recorded edit gave (written with capture off)
            return put_back
    return put_back


def user_name() -> str | None:
    """The user this program runs as, as the system names them (from the environment where
    it says, USER or Windows' USERNAME, else the account), or None where it cannot tell: who
    settles a conflict in a GeoPackage master, which knows no one but its device."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError, ImportError):
        return None


# the resolution of a package's conflict it holds what the master holds in, a pull found
SETTLED_IN_MASTER = "settled in the master"
# ... and of one a pull closed because the master had undone the merge that kept the
# package's value aside in a conflict of its own: nothing was settled there
UNDONE_IN_MASTER = "merge undone in the master"
# how conflicts says such a conflict closed
UNDONE_IN_MASTER_SAID = ("关闭：主库撤销了搁置此值的合并",
                         "closed: the master undid the merge that kept it")
# ... and of one a pull closed because the master refused the package's edit of a column it
# renamed or dropped since, which is not sent again: nothing is left to settle
REFUSED_IN_MASTER = "edit refused in the master, column renamed or dropped there"
REFUSED_IN_MASTER_SAID = ("关闭：主库拒绝了本机的此项修改，该字段已在主库中改名或删除，"
                          "不再重新发送，无需处理",
                          "closed: the master refused this package's edit, its column renamed "
                          "or dropped there; it is not sent again, nothing is left to settle")
# how a package's conflict a pull closed is keyed in :data:`CLOSED_IN_HISTORY`
AT_A_PULL = "at a pull"

# how a conflict undone with its merge is keyed in :data:`CLOSED_IN_HISTORY`
UNDONE = "undone"

# how history says a conflict closed with no change recorded: (change, how), each (zh, en)
CLOSED_IN_HISTORY = {
    # (the merge that recorded it undone: said as ``conflicts --every`` says it, at the undo)
    UNDONE: (("冲突随合并撤销", "conflict undone"),
             ("冲突 {id} 已随合并 {merge} 撤销，时间 {at}（另一值为 {theirs}，{by}）",
              "conflict {id} undone with merge {merge} at {at} (the other value was "
              "{theirs}, {by})")),
    "settled": (("处理冲突", "conflict settled"),
                ("处理冲突 {id}：保留现有的值，另一值 {theirs}（{by}）未采用",
                 "conflict {id} settled: the value held kept, the other value {theirs} "
                 "({by}) set aside")),
    # (a package's own value, kept against the master's at a pull: a later pull found the
    # package holding what the master holds, its own value not kept)
    AT_A_PULL: (("冲突关闭", "conflict closed"),
                ("冲突 {id} 在拉取时关闭：本机的此值未保留，本机现与主库一致（另一值为 {theirs}，"
                 "{by}）",
                 "conflict {id} closed at a pull: this package's value not kept, it holds "
                 "what the master holds (the other value was {theirs}, {by})")),
    # (a package's own value of a column the master renamed or dropped, its edit refused)
    REFUSED_IN_MASTER: (("冲突关闭", "conflict closed"),
                        ("冲突 {id} 在拉取时关闭：主库拒绝了本机对该字段的修改（该字段已在主库中"
                         "改名或删除），不再重新发送，无需处理（另一值为 {theirs}，{by}）",
                         "conflict {id} closed at a pull: the master refused this package's "
                         "edit, its column renamed or dropped there; it is not sent again, "
                         "nothing is left to settle (the other value was {theirs}, {by})")),
    # (a device's value kept aside, its own later edit of the field merged since)
    SUPERSEDED: (("冲突关闭", "conflict closed"),
                 ("冲突 {id} 已被同一设备之后的修改取代而关闭：该修改已合并到主库，"
                  "搁置的值 {theirs}（{by}）无需再处理",
                  "conflict {id} closed as superseded: the same device's later edit of the "
                  "field, merged since, replaced the value kept aside, {theirs} ({by}); "
                  "nothing is left to settle")),
    DROPPED: (("冲突关闭", "conflict closed"),
              ("冲突 {id} 因图层已从主库删除而关闭，无需再处理；另一值 {theirs}（{by}）未采用",
               "conflict {id} closed as dropped: its layer was dropped from the master, "
               "nothing is left to settle; the other value {theirs} ({by}) not taken"))}


def closed_unlogged(changes: list[dict], conflicts: list[Conflict],
                    undone_at: dict[str, str] | None = None) -> list[tuple[Conflict, str]]:
    """Of a row's ``conflicts``, those closed with no change recorded among its ``changes``
    (settled keeping the value held, closed as dropped with their layer, undone with their
    merge: ``undone_at``, :func:`undone_merges`, gives when, as their ``resolved_at``), each
    with its key in :data:`CLOSED_IN_HISTORY`: history says them as it says changes. One
    settled by a change is said by that change."""
    logged = {change["origin"] for change in changes}
    undone_at = undone_at or {}
    return [(c, DROPPED if c.status == DROPPED else
             REFUSED_IN_MASTER if c.resolution == REFUSED_IN_MASTER else
             AT_A_PULL if c.resolution in (SETTLED_IN_MASTER, UNDONE_IN_MASTER) else
             SUPERSEDED if (c.resolution or "").startswith(f"{SUPERSEDED}:") else
             "settled") for c in conflicts
            if c.status in ("resolved", DROPPED) and f"resolve:{c.id}" not in logged] + [
        (dataclasses.replace(c, resolved_at=undone_at[c.merge_id]), UNDONE)
        for c in conflicts if c.status == UNDONE and c.merge_id in undone_at]


def undone_merges(path) -> dict[str, str]:
    """Merge id -> when it was undone, of the merges a master (a GeoPackage) undid."""
    with contextlib.closing(connect(path, readonly=True)) as conn:
        return dict(conn.execute("SELECT merge_id, undone_at FROM sync_merges WHERE "
                                 "undone_at IS NOT NULL"))
