# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit conflicts`` and ``field-kit resolve``: the conflicts a merge or a pull met, and
the decisions that settle them."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections import Counter

from .. import db, errors
from ..bilingual import EN, ZH, counted
from ..db import connect, in_command
from ..messages_zh import command_line_language
from ..plan.values import DELETED_SHOWN, UNKNOWN_SHOWN, column_named, field_label, with_uuid
from ..sync import (
    codes_unchecked,
    conflicts_now,
    device_clock,
    log_values,
    masters,
    phase_period,
    settling,
    superseded,
    typed_values,
)
from ..sync.changelog import local_time
from ..sync.conflicts import (
    DROPPED,
    NO_EDIT,
    REFUSED_IN_MASTER,
    REFUSED_IN_MASTER_SAID,
    UNDONE_IN_MASTER,
    UNDONE_IN_MASTER_SAID,
    dropped_said,
    held_by,
    package_device,
    side_labels,
    undone_merges,
)
from ..sync.conflicts import names as conflict_names
from ..sync.conflicts import shown as _show
from .parsing import Help, command
from .said import (
    JSON_HELP,
    MASTER_HELP,
    SHOWN_ROWS,
    _capture_not_whole,
    _capture_said,
    _derived,
    _figured,
    _figured_zh,
    _json_out,
    _package,
    _tell,
    _warn,
)

# how a package's conflict a pull closed with no decision anywhere is said (zh, en)
_CLOSED_AT_A_PULL = {UNDONE_IN_MASTER: UNDONE_IN_MASTER_SAID,
                     REFUSED_IN_MASTER: REFUSED_IN_MASTER_SAID}


def cmd_conflicts(a) -> int:
    if os.path.isfile(os.path.join(a.master, db.QFIELD_PACKAGE)):  # a QField project folder:
        a.master = _package(a.master)  # its package's conflicts, as status counts them
    with masters.master_file(a.master, needs="conflicts", every=a.every) as path:
        rows = conflicts_now.conflicts(path, status=None if a.every else "open")
        names = conflict_names(path, rows)  # as resolve and a merge name them
        held = held_by(path, rows)  # whose value "ours" is
        undone = undone_merges(path) if any(c.status == "undone" for c in rows) else {}
        labels = {} if a.json else _code_labels(path, rows)
        # a field package's conflicts were met at its pulls (a PostgreSQL master is none)
        pulls = not masters.is_postgres(a.master) and masters.is_field_package(path)
        # there "ours" is the device's value and "theirs" the master's, said so
        device = package_device(path) if pulls else None
        # a side dated after its edit was merged (or after now): its device's clock was wrong
        ahead = device_clock.conflicts_ahead(path, rows, held)
    # (settled or not, a conflict is right as it is: the edits that made it were logged)
    _capture_said(a.master, _capture_not_whole(a.master), shown=False)
    code = errors.CONFLICTS if any(c.status == "open" for c in rows) else errors.OK
    if a.json:
        _json_out([{**c.as_dict(), "name": names[(c.tbl, c.row_uuid)], "ours_from": held[c.id],
                    "clock_ahead": [side.as_json() for side in ahead.get(c.id, [])]}
                   for c in rows])
        return code
    if rows:  # thousands of lines follow: what they come to first (and last, counted)
        _tell(_conflicts_summed(rows, every=a.every, pulls=pulls))
    zh = command_line_language() == "zh"
    for c in rows:
        what = c.field or "(row)"
        # the row as people know it, with the uuid field-kit history takes
        row = with_uuid(names[(c.tbl, c.row_uuid)], c.row_uuid)
        sides = (_side(_figured, c, c.ancestor, labels, EN) if c.ancestor_known else
                 UNKNOWN_SHOWN(EN),
                 *(_side(_figured, c, v, labels, EN) for v in (c.ours, c.theirs)))
        # whose value each side is: "theirs" set aside, "ours" the one the file holds (a
        # master's, or a field package's device's)
        print(f"#{c.id} {c.status} {c.kind} {c.tbl} {row} {what} "
              f"{c.whose(held[c.id], package=device)}")
        ours, theirs = side_labels(device)
        print(f"    ancestor {sides[0]} | {ours} {sides[1]} | {theirs} {sides[2]}")
        if zh:
            print(_conflict_in_chinese(c, row.replace(" (row ", "（要素 ").replace(")", "）"),
                                       held[c.id], device))
            ours, theirs = side_labels(device, ZH)
            print("    共同祖先 {} ｜ {}{} ｜ {}{}".format(
                _side(_figured_zh, c, c.ancestor, labels, ZH) if c.ancestor_known else
                UNKNOWN_SHOWN(ZH), ours, _side(_figured_zh, c, c.ours, labels, ZH), theirs,
                _side(_figured_zh, c, c.theirs, labels, ZH)))
        if c.changed_since:  # settling it other than by keeping "ours" is refused
            _tell(f"later edit: {c.how_changed()}", "    ")
        for side in ahead.get(c.id, []):  # (its time is no guide to which edit was later)
            _tell(side.said(), "    ")
        if c.resolution in _CLOSED_AT_A_PULL:  # (closed at a pull: no decision anywhere)
            said = _CLOSED_AT_A_PULL[c.resolution]
            print(f"    {said[1]}, at a pull at {local_time(c.resolved_at)}")
            if zh:
                print(f"    {said[0]}，于拉取时关闭，时间 {local_time(c.resolved_at)}")
        elif superseded.merge_of(c.resolution):  # (closed by a merge: no decision)
            closed = superseded.said(c.resolution, c.device)
            print(f"    {closed.en} at {local_time(c.resolved_at)}")
            if zh:
                print(f"    {closed.zh}，时间 {local_time(c.resolved_at)}")
        elif c.resolution:  # the decision: it is a change in history only where it changed one
            print(f"    {_resolution_said(c.resolution)} by {c.resolved_by} at "
                  f"{local_time(c.resolved_at)}")
            if zh:
                print(f"    处理：{_resolution_in_chinese(c.resolution)}，处理人 {c.resolved_by}，"
                      f"时间 {local_time(c.resolved_at)}")
        if c.status == "undone" and c.merge_id in undone:  # when, and by which undo
            _tell(f"undone with merge {c.merge_id} at {local_time(undone[c.merge_id])}", "    ")
        if c.status == DROPPED:  # (closed by repair, the layer gone: no decision)
            _tell(dropped_said(c.tbl, local_time(c.resolved_at)), "    ")
    if code == errors.CONFLICTS and not pulls:  # (a field package's settle at a pull)
        # (the words each side is listed by are the ones to type)
        _tell(f"to settle one: {take_said(f'field-kit resolve {in_command(a.master)} ID')}")
    _tell(counted(len(rows), "conflict"))
    return code


def take_said(resolve: str, value: str = "V") -> str:
    """The way to settle a conflict by ``resolve`` (``field-kit resolve MASTER ID``), each
    choice a command that runs as typed (a shell reads ``ours|theirs`` as a pipe)."""
    return f"{resolve} --take theirs (or --take ours, --take ancestor, --value {value})"


def _conflicts_summed(rows: list, *, every: bool, pulls: bool) -> str:
    """The conflicts listed in a line: how many (open), by what recorded them (merges, a
    field package's pulls, edits saved in the database over another's value: a conflict of
    no merge), and how many on each layer, the most first."""
    saved = 0 if pulls else sum(c.merge_id is None for c in rows)
    merged = len(rows) - saved
    runs = len({c.merge_id for c in rows if pulls or c.merge_id is not None})
    in_runs = f"in {counted(runs, 'pull' if pulls else 'merge')}"
    by_saves = f"recorded by {'an edit' if saved == 1 else 'edits'} saved in the database"
    head = counted(len(rows), "conflict" if every else "open conflict")
    if saved and merged:
        head += f" ({merged} {in_runs}, {saved} {by_saves})"
    else:
        head += f" {by_saves}" if saved else f" {in_runs}"
    if every:
        head += f", {sum(c.status == 'open' for c in rows)} open"
    layers = Counter(c.tbl for c in rows).most_common()
    return f"{head}: " + ", ".join(f"{tbl} {n}" for tbl, n in layers)


def _code_labels(path, rows, changes=()) -> dict[tuple[str, str], dict]:
    """(layer, field) -> code -> its label, for the fields of ``rows`` (conflicts) and of
    ``changes`` (logged, as history and log list them) a code list holds the codes of (a
    supervisor reads "B 已恢复治理", not "B"); none where the file has no lists."""
    from ..forms import definitions, store
    from ..sync import field_check
    with contextlib.closing(connect(path, readonly=True)) as conn:
        try:
            lists = store.load_code_lists(conn)
        except sqlite3.OperationalError:
            return {}
    out = {}
    # a field's conflict, and each field a whole row's sides name
    for tbl, fld in {(c.tbl, f) for c in rows for f in ([c.field] if c.field else [
            k for side in (c.ancestor, c.ours, c.theirs) if isinstance(side, dict)
            for k in side])} | {(c["tbl"], f) for c in changes for f in _fields_of(c)}:
        form = definitions.BY_TABLE.get(tbl)
        field = (form.find(fld) if form is not None else None) or \
            field_check.coded_column(tbl, fld, lists)
        if field is not None and field.code_list in lists:
            out[(tbl, fld)] = {code.code: code.label for code in lists[field.code_list]}
    return out


def _fields_of(change: dict) -> set[str]:
    """The fields a logged change holds values of."""
    sides = (log_values.loads(v) if isinstance(v, str) else v
             for v in (change["old"], change["new"]))
    return {f for side in sides if isinstance(side, dict) for f in side}


def _side(show, c, value, labels: dict, lang: str) -> str:
    """A side of conflict ``c`` as ``show`` gives it, each code with its label (``labels``:
    :func:`_code_labels`); a whole row's by the fields in dispute (those its other sides
    name: a row that is there again holds every column), each named (in Chinese by its
    label)."""
    if c.field is None and value is None:  # (a row's side that is no row: its delete)
        return DELETED_SHOWN(lang).strip(" （）")
    if not isinstance(value, dict):
        return _coded(show, value, labels.get((c.tbl, c.field or ""), {}), lang)
    # the fields of the side that names fewest (an edit's), and those the sides hold apart
    # (a row's values when deleted against those it holds again)
    sides = [side for side in (c.ancestor, c.ours, c.theirs) if isinstance(side, dict)]
    fewest: dict = min(sides, key=len)
    disputed = set(fewest) | {
        k for k in set().union(*sides)
        if len({repr(side[k]) for side in sides if k in side}) > 1}
    shown = [(k, _coded(show, v, labels.get((c.tbl, k), {}), lang)) for k, v in value.items()
             if k in disputed or not disputed]
    if lang == ZH:
        return "{" + "，".join(f"{field_label(c.tbl, k)}：{v}" for k, v in shown) + "}"
    return "{" + ", ".join(f"{k}: {v}" for k, v in shown) + "}"


def _coded(show, value, labels: dict, lang: str) -> str:
    """``value`` as ``show`` gives it, and its code's label after it where it is one."""
    label = labels.get(str(value)) if value is not None and not isinstance(value, dict) \
        else None
    if label is None:
        return show(value)
    return f"{show(value)}（{label(lang)}）" if lang == ZH else f"{show(value)} ({label(lang)})"


_STATES_ZH = {"open": "未处理", "resolved": "已处理", "undone": "已随合并撤销",
              DROPPED: "已随图层删除关闭"}


# the merge's kinds of conflict (this side's edit / the other's); update/newer: an edit older
# than the value it met
_KINDS_ZH = {"update/update": "修改/修改", "update/delete": "修改/删除",
             "delete/update": "删除/修改", "insert/insert": "新增/新增",
             "update/newer": "修改/较新的修改"}

_TAKEN_ZH = {"ancestor": "采用共同祖先值", "ours": "采用主库现值（ours）",
             "theirs": "采用另一方的值（theirs）"}


def _emptied(resolution: str) -> bool:
    """Whether the decision typed a value that empties the field (--value '' or NULL)."""
    how, _, what = resolution.partition(":")
    return how == "value" and typed_values.empties(what)


def _resolution_said(resolution: str) -> str:
    """How a conflict was settled, as the command line takes it (take:SIDE, value:VALUE);
    a field emptied said so, not as a value left blank."""
    if _emptied(resolution):
        return "value: emptied (NULL)"
    how, _, what = resolution.partition(":")
    return f"value:{_typed(what)}" if how == "value" else resolution


def _typed(value: str) -> str:
    """A value typed to settle a conflict, as it was typed; quoted as the sides are where a
    line break, a tab or a space at either end would not show as it is."""
    return value if value.isprintable() and value == value.strip() else \
        json.dumps(value, ensure_ascii=False)


def _resolution_in_chinese(resolution: str) -> str:
    """How a conflict was settled (take:SIDE, value:VALUE, a pull's "settled in the
    master"), in Chinese; one not known as it is."""
    how, _, what = resolution.partition(":")
    if how == "take" and what in _TAKEN_ZH:
        return _TAKEN_ZH[what]
    if _emptied(resolution):
        return "清空该字段（NULL）"
    if how == "value":
        return f"改为指定值 {_typed(what)}"
    return "已在主库中处理" if resolution == "settled in the master" else resolution


def _conflict_in_chinese(c, row: str, held: dict | None, device: str | None = None) -> str:
    """A conflict's head line, in Chinese (``held``: the edit that gave "ours"; ``device``:
    the field package's, whose value "ours" is there): the layer by its title, the field by
    its label (a full-width bracket takes no space after it)."""
    what = f"字段 {field_label(c.tbl, c.field)}" if c.field else "整个要素"
    return (f"#{c.id} {_STATES_ZH.get(c.status, c.status)} {_KINDS_ZH.get(c.kind, c.kind)} "
            f"{column_named(c.tbl)} {row}{'' if row.endswith('）') else ' '}{what} "
            f"{c.whose(held, ZH, device)}")


def cmd_resolve(a) -> int:
    if a.id and a.all is not None:
        raise errors.BadInput("give conflict IDs or --all MERGE_ID|PACKAGE|DEVICE, not both")
    if (not a.id) == (a.all is None):
        raise errors.BadInput("give a conflict ID, or --all MERGE_ID|PACKAGE|DEVICE")
    derived: list = []
    told: list[str] = []
    settled: list = []
    ids = masters.resolve(a.master, a.id or None, take=a.take, value=a.value, all_of=a.all, by=a.by,
                          over_later_edit=a.over_later_edit, derived=derived, told=told,
                          settled=settled, shown=SHOWN_ROWS)
    if not ids:  # --all: nothing open from it (settled already)
        for line in told:
            _tell(line)
        return errors.OK
    # --all may settle tens of thousands: a few named, the rest counted
    named = ", ".join(map(str, ids[:SHOWN_ROWS]))
    _tell(f"resolved {counted(len(ids), 'conflict')}: {named}" if len(ids) <= SHOWN_ROWS else
          f"resolved {counted(len(ids), 'conflict')}: {named} and {len(ids) - SHOWN_ROWS} more "
          "(field-kit conflicts --every lists them)")
    for line in _settled(settled):
        _tell(line, "  ")
    # a row put back by its decision is said so above, with the fields it holds now
    put_back = {c.id for c, _, _, made, _ in settled if c.field is None and made == "insert"}
    for line in told:  # a field emptied: said above with its row where that was named
        emptied = re.fullmatch(r"conflict (\d+): \S+ emptied \(NULL\)", line)
        back = re.fullmatch(r"conflict (\d+): .* had been deleted in the master: it is back "
                            r"whole, .*", line)
        if back is not None and int(back[1]) in put_back:
            continue
        # as a merge warns of its own
        if line.endswith((codes_unchecked.TYPED_AS_GIVEN, phase_period.LEFT_APART)):
            _warn([line])
            continue
        if emptied is None or int(emptied[1]) not in ids[:SHOWN_ROWS]:
            _tell(line, "  ")
    _derived(derived, each=True)
    return errors.OK


def _settled(settled: list) -> list[str]:
    """Each conflict settled: its row (as people know it, with its uuid), its field, what
    the master holds there now and what the decision dropped, by whom it was made."""
    out = []
    for c, name, now, made, held in settled:
        row = c.row_uuid if name == c.row_uuid else f"{name} (row {c.row_uuid})"
        if c.field is None:
            # what the decision did to the row: put it back or deleted it only where it
            # found it otherwise; the master's own kept where ours was taken
            said = ["the row is put back" if made == "insert" else
                    "the row is deleted" if made == "delete" else
                    "the row stays deleted" if now is None else
                    "the master's row is kept as it is" if c.resolution == "take:ours" else
                    "the row is kept"]
            # and what it holds now in the fields in dispute (an ancestor taken changes them)
            said += [_holds(f, v) for f, v in (now or {}).items()]
        elif now is settling.ROW_GONE:  # (a decision on the row, of the same call, say)
            said = [f"{c.field} holds nothing: the row is deleted"]
        elif c.resolution == "take:ours":  # (the master's value stands)
            said = [f"{c.field} still holds {_show(now)}" if now is not None else
                    f"{c.field} stays empty (NULL)"]
        else:
            said = [_holds(c.field, now)]
        said += _dropped(c, held)
        out += [f"conflict {c.id}: {c.tbl} {row} {line}" for line in said]
    return out


def _dropped(c, held: dict | None) -> list[str]:
    """What the decision on ``c`` dropped, each side not taken named by the edit that made
    it: "theirs" unless it was taken, the value the master held (``held``: the edit that
    gave it, :func:`~field_kit.sync.conflicts.held_by`) unless that was kept."""
    sides = []  # (value, (device, at) of the edit that made it, whether it is "ours")
    if c.resolution != "take:ours":
        sides.append((c.ours, None if held is None else (held.get("device"), held.get("at")),
                      True))
    if c.resolution != "take:theirs":
        sides.append((c.theirs, None if c.device is None and c.at is None else
                      (c.device, c.at), False))
    out = []
    for value, edit, ours in sides:
        device, at = edit or (None, None)
        by = f"{device or 'an unnamed device'} at {local_time(at) or 'an unrecorded time'}"
        if edit is None:
            out.append(f"{c.field} value {_show(value)} with {NO_EDIT} is dropped"
                       if c.field is not None else
                       f"the row's values with {NO_EDIT} are dropped")
        elif c.field is not None:
            out.append(f"{c.field} value {_show(value)} from {by} is dropped")
        elif ours and value is not None:  # (the row held: others' values of it go too)
            out.append(f"the row as last edited by {by} is dropped")
        else:
            out.append(f"the {'delete' if value is None else 'edit'} from {by} is dropped")
    return out


def _holds(field: str, value) -> str:
    """What a field holds once a conflict is settled: a value, or nothing (NULL)."""
    return f"{field} emptied (NULL)" if value is None else f"{field} now holds {_show(value)}"


def register(subparsers) -> None:
    """Add the ``conflicts`` and ``resolve`` commands to ``field-kit``'s subparsers."""
    sp = command(subparsers, "conflicts", cmd_conflicts,
                 Help("list open conflicts", "列出待处理的冲突"))
    sp.add_argument("master")
    sp.add_argument("--every", action="store_true", help=Help("settled ones too",
                                                              "连已处理的一起列出"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    sp = command(subparsers, "resolve", cmd_resolve, Help(
        "settle a conflict (or all of a merge/package/device). Where the master's value "
        "changed since a conflict was recorded (an edit in QGIS or psql, a later merge), any "
        "decision but --take ours is refused, naming the conflict, the value then and now and "
        "who changed it, and nothing is settled (exit 3; with --all, none of them). A decision "
        "leaving a record with a sub-class of another class, or a year closed after the year "
        "of its verification, is refused alike: give the ids of both fields' conflicts, "
        "settled in one go",
        "处理一个冲突（或一次合并、一个修改包、一台设备的全部冲突）。记录冲突以来主库中的值如已"
        "被修改（在 QGIS 或 psql 中编辑，或后来的合并），除 --take ours 以外的决定都会被拒绝，"
        "并列出该冲突、当时和现在的值以及修改者，不处理任何冲突（退出码 3；使用 --all 时一个"
        "也不处理）。决定若使记录的子类不属于其大类，或使某一年份晚于其核查的年份，同样会被"
        "拒绝：请给出两个字段的冲突编号，一并处理"))
    sp.add_argument("master", help=MASTER_HELP)
    sp.add_argument("id", nargs="*", type=int, help=Help(
        "the conflicts to settle, each the same way (the row they leave is checked once all "
        "are settled)", "要处理的冲突，均按同一方式处理（全部处理后再检查所得的要素）"))
    g = sp.add_mutually_exclusive_group(required=True)
    g.add_argument("--take", type=settling.take_named, choices=settling.TAKES, help=Help(
        "ours: keep what the master holds now; theirs: the other value, kept aside; "
        "ancestor: where both started",
        "ours 或 主库现值：保留主库现值；theirs 或 另一方：采用另一值（被搁置的值）；ancestor 或 "
        "共同祖先：采用共同祖先（双方修改前的值）"))
    g.add_argument("--value", action="append", help=Help(
        "a value of your own (empty or NULL for null); given once for each conflict ID, each "
        "goes to its ID, in order",
        "自行给定的值（空或 NULL 表示空值）；每个冲突编号给一次，按顺序对应各编号"))
    sp.add_argument("--all", metavar="MERGE_ID|PACKAGE|DEVICE", help=Help(
        "settle every open conflict of a merge (its id), of a change package (its file's "
        "name, of each merge of it) or of a device (its name), each the same way; instead of "
        "conflict IDs",
        "按同一方式处理一次合并（其编号）、一个修改包（其文件名，其每次合并）或一台设备（其名称）"
        "的全部未处理冲突；代替冲突编号"))
    sp.add_argument("--by", help=Help(
        "who decides (default: on a PostgreSQL master the database role and application, "
        "'anna (field-kit)', which --by is put before; on a GeoPackage master the user the "
        "command runs as)",
        "裁定人（默认：PostgreSQL 主库为数据库角色和应用程序，如 'anna (field-kit)'，--by "
        "给出的名字放在其前面；GeoPackage 主库为运行命令的用户）"))
    sp.add_argument("--over-later-edit", action="store_true", help=Help(
        "write the decision over an edit the master got since the conflict was recorded (look "
        "at it first: field-kit conflicts shows it)",
        "让决定覆盖记录冲突以来主库收到的修改（请先查看：field-kit conflicts 会显示它）"))
