# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit log`` and ``field-kit history``: the changes of a file, newest first, and every
change to one row with the records on it and its conflicts."""

from __future__ import annotations

from .. import errors
from ..bilingual import EN, ZH, counted, them
from ..db import connect, in_command
from ..messages_zh import change_in_chinese, command_line_language
from ..plan.referenced import REFERENCES, referenced_in
from ..plan.values import column_named, field_label, names_held, record_links
from ..sync import asked_row, audit, changelog, conflicts_now, drift, log_reads, log_values, masters
from ..sync.changelog import local_time
from ..sync.conflicts import (
    CLOSED_IN_HISTORY,
    DROPPED,
    IMPORTED,
    UNDONE,
    closed_unlogged,
    held_by,
    named_by_values,
    package_device,
    undone_merges,
)
from ..sync.rewritten import DROPPED as LAYER_DROPPED
from .conflicts import _code_labels, _coded, _side, take_said
from .parsing import Help, command
from .said import (
    JSON_HELP,
    PACKAGE_HELP,
    SHOWN_ROWS,
    _capture_not_whole,
    _capture_said,
    _figured,
    _figured_zh,
    _in_language,
    _json_out,
    _package,
    _say,
    _tell,
)

# what history --json gives of a row asked by its uuid: no code, no other row, no record
NOT_BY_CODE: dict = {"row": None, "also_named": [], "records": []}


def _change_json(c: dict) -> dict:
    out = dict(c)
    for k in ("old", "new"):
        if isinstance(out[k], str):
            out[k] = log_values.loads(out[k])
    return out


def _row_shown(names: dict | None, tbl: str, row: str) -> str:
    """A row as a Chinese line of history names it after its layer: by its name (a patch by
    its code, a record by its label), by its uuid in brackets where it has none; by its
    uuid where ``names`` were not read (``log``, an English line)."""
    name = row if names is None else names.get((tbl, row))
    return f"（{row}）" if name is None or (names is not None and name == row) else f" {name}"


def _print_change(c: dict, labels: dict, names: dict | None = None,
                  references: dict | None = None) -> None:
    """A change as a line of history or the log (``names``: :func:`_names`, read for a
    Chinese line of history; ``references``: :func:`_references`, read for history)."""
    zh = command_line_language() == "zh"
    # the device, and a decision's change by whoever settled it, an undo's by whoever undid
    # it, said in the user's language
    who = audit.made_by(c, ZH if zh else EN)
    # local time with its offset: read where it was made, exact wherever it is read
    at = changelog.local_time(c["at"], "%Y-%m-%d %H:%M:%S%z")
    # where it came from, what it did and to which layer, then the row's and the change's ids
    done, change, unsealed = (change_in_chinese(c["origin"], c["op"], c["tbl"]), "变更",
                              "（未封存）") if zh else \
        (f"{c['origin']} {c['op']} {c['tbl']}", "change", "(unsealed)")
    if c.get("as_found"):  # the row as its table's capture found it: no edit made then
        done = f"开始记录变更前已有 {column_named(c['tbl'])}" if zh \
            else f"held before capture {c['tbl']}"
    row = _row_shown(names if zh else None, c["tbl"], c["row_uuid"])
    print(f"{c['seq']} {at} {who} {done}{row} {change} {c['change_uuid'] or unsealed}")
    kind, _, source = (c["origin"] or "").partition(":")
    if kind == IMPORTED:  # (the header's origin names the file too, for scripts)
        _tell(f"(imported from {source})", "    ")
    if c.get("as_found"):
        _tell(f"(the row as it was when change capture began on {c['tbl']}: put in before "
              "then, not an edit made at that time)", "    ")
    old, new = (log_values.loads(c[k]) if isinstance(c[k], str) else c[k] for k in ("old", "new"))
    # each field by its column, in Chinese by its label (an empty value as 空)
    named = (lambda f: field_label(c["tbl"], f)) if zh else (lambda f: f)
    lang = ZH if zh else EN

    colon = "：" if zh else ": "

    def show(f: str, v) -> str:  # a code with its label (labels: _code_labels)
        # (a row named by its uuid as what it names: a patch by its code, as in the dialog)
        named_row = (references or {}).get((f, v)) if f in REFERENCES else None
        return named_row or _coded(_figured_zh if zh else _figured, v,
                                   labels.get((c["tbl"], f), {}), lang)

    if old is None or new is None:  # an insert or delete: the row's values, empty ones left out
        for f, v in sorted((old or new or {}).items()):
            if v is not None:
                print(f"    {named(f)}{colon}{show(f, v)}")
        return
    for f in sorted(set(old) | set(new)):
        print(f"    {named(f)}{colon}{show(f, old.get(f))} -> {show(f, new.get(f))}")


def cmd_log(a) -> int:
    a.gpkg = _package(a.gpkg)
    with masters.master_file(a.gpkg, needs="log", limit=a.limit) as path:
        conn = connect(path, readonly=True)
        try:
            rows = drift.as_found(conn, audit.with_settlers(conn, log_reads.log(conn,
                                                                                limit=a.limit)))
            drifts = drift.find(conn)  # (read once: capture, and what it logs next)
            later = drift.unlogged(conn, drifts)
        finally:
            conn.close()
        labels = {} if a.json else _code_labels(path, [], rows)
    problems = drift.broken(drifts)  # (as status reads them: a PostgreSQL master's stage)
    _capture_said(a.gpkg, problems, shown=True)
    code = errors.CAPTURE_BROKEN if problems else errors.OK
    if a.json:
        _json_out(_log_json([_change_json(c) for c in rows], problems, later))
        return code
    if later:  # counted by status as waiting: said here, where they are not listed yet
        _tell(f"{counted(later, 'value')} in columns or tables added or renamed since the last "
              f"command that wrote, not in the log yet: the next one logs {them(later)} "
              "(export, merge, pull)")
    for c in rows:
        _print_change(c, labels)
    return code


def _log_json(changes: list, problems: list[drift.Drift], not_logged_yet: int) -> dict:
    """What ``log`` gives with ``--json``, one object whatever the case (its keys in the
    README): :func:`_changes_json`'s keys and ``not_logged_yet``, how many values in columns
    or tables added or renamed since the last command that wrote the log does not hold yet
    (0 where none; the next export, merge or pull logs them)."""
    return {**_changes_json(changes, problems), "not_logged_yet": not_logged_yet}


def _changes_json(changes: list, problems: list[drift.Drift]) -> dict:
    """What ``log`` and ``history`` both give with ``--json``: ``changes``, the list of
    changes, and ``capture_problems``, what is wrong where the file's capture is not whole
    (``status``'s), empty where it is whole."""
    return {"capture_problems": [str(d) for d in problems], "changes": changes}


def _history_json(changes: list, problems: list[drift.Drift], rewritten: list,
                  open_conflicts: list, asked: dict) -> dict:
    """What ``history`` gives with ``--json``, one object whatever the case:
    :func:`_changes_json`'s keys; three lists, each empty where it has nothing:
    ``rewritten``, the rewrites of the row's layer found in the master (and a paste the
    master's capture gave its own uuid), each with the line the text says, and ``dropped``,
    the drop of its layer from the master since (both from ``rewritten``, as
    :func:`field_kit.sync.masters.rewrite_in_history` gives them), and
    ``open_conflicts``, the row's (:func:`_conflicts_json`); and what ``asked`` says of a
    row asked by its code (:func:`_named_by_code`): ``row``, null where asked by its uuid,
    ``also_named`` and ``records``."""
    return {**_changes_json(changes, problems),
            "rewritten": [r for r in rewritten if r["kind"] != LAYER_DROPPED],
            "dropped": [r for r in rewritten if r["kind"] == LAYER_DROPPED],
            "open_conflicts": open_conflicts,
            **{k: asked[k] for k in NOT_BY_CODE}}


def _as_code(master, typed: str, json_out: bool = False) -> str:
    """A code typed with spaces, in full-width characters or in small letters, as the
    master holds it (the import reads one so too), where only that form names a row; said
    (on stderr where the output is ``json_out``: stdout holds the one JSON document)."""
    plain = asked_row.as_held(master, typed)
    if plain is None:
        return typed
    (_say if json_out else _tell)(asked_row.read_as(typed, plain))
    return plain


def cmd_history(a) -> int:
    a.row_uuid = _as_code(a.master, a.row_uuid, a.json)
    problems = _capture_not_whole(a.master)  # (the edits made meanwhile are not in it)
    _capture_said(a.master, problems, shown=True)
    code = errors.CAPTURE_BROKEN if problems else errors.OK
    rows = masters.history(a.master, a.row_uuid)
    asked = NOT_BY_CODE  # the row a code names, where asked by one (a patch by its code)
    if not rows:
        # (the text counts the changes of the records it names, each read of the master)
        asked, rows = _named_by_code(a.master, a.row_uuid, None if a.json else SHOWN_ROWS)
    row = asked["row"]["uuid"] if asked["row"] else a.row_uuid  # (its uuid, where asked so)
    if asked["row"]:
        if not a.json:
            _code_said(a, asked, rows)
        if not rows:
            if a.json:
                _json_out(_history_json([], problems, masters.rewrite_in_history(
                    a.master, row, [])[1], [], asked))
            else:
                _records_on(a, asked)
                _rewrite_said(a, row, [])
            return code
    if not rows:
        held = _rewrite_said(a, row, [], head=True)
        if held:  # a row given its uuid when its layer was found rewritten: none logged yet
            return code
        raise errors.BadInput(f"no recorded change for row {a.row_uuid} (history takes a "
                              "row's uuid, or a patch code, project id or program id, or a "
                              "feature's name): no row holds or held "
                              f"{a.row_uuid} as its code, id or name")
    if not asked["row"] and asked_row.became(rows) == "deleted":  # asked by its uuid: its records
        asked = _deleted_row(a.master, row, rows, None if a.json else SHOWN_ROWS)
    every, whose, labels, undone, names, references = _row_conflicts(
        a.master, row, read_whose=not a.json, changes=rows)
    if a.json:
        _json_out(_history_json(rows, problems,
                                masters.rewrite_in_history(a.master, row, rows)[1],
                                _conflicts_json(a.master, every), asked))
        return code
    closed = closed_unlogged(rows, every, undone)
    _open_conflicts_said(a.master, [c for c in every if c.status == "open"], whose, labels)
    # the changes and the conflicts closed with no change, in the order they came
    said = audit.in_log_order(
        [(local_time(c["at"], "%Y-%m-%d %H:%M:%S%z"), 0, i) for i, c in enumerate(rows)],
        [(local_time(c.resolved_at, "%Y-%m-%d %H:%M:%S%z"), 1, i)
         for i, (c, _) in enumerate(closed)], lambda s: s[0])
    for _, closing, i in said:
        if closing:
            _closed_said(*closed[i], labels, names)
        else:
            _print_change(rows[i], labels, names, references)
    _rewrite_said(a, row, rows)
    _records_on(a, asked)
    return code


def _named_by_code(master, code: str, counted: int | None = None
                   ) -> tuple[dict, list[dict]]:
    """What history says of the row ``code`` names (a patch code, a project id, a
    feature's name; a row deleted or renamed since, by the one it had), as ``--json`` gives
    it, and the row's changes: ``row`` (``table``, ``uuid``, ``code``, and ``since``: null
    where it holds the code yet, else ``deleted`` or ``renamed``), ``also_named`` (the rows
    deleted or renamed since that held it too: ``table``, ``uuid``, ``since`` and
    ``history``, the command that lists their changes) and ``records`` (on the patch or
    project: ``table``, ``uuid``, ``name``, ``date``, ``changes``: how many it has,
    ``named_by``: ``uuid``, or ``code`` for one holding no uuid of it, listed by the code
    alone, ``since``: null, or ``deleted`` for one deleted since, and ``history``;
    ``changes`` null after the first ``counted``, where given; a record of a row deleted or
    renamed since that held the code is that row's, not listed).
    :data:`NOT_BY_CODE` where no row holds or held it; a code several rows hold is refused,
    each named."""
    named = masters.rows_named(master, code)
    gone = not named
    if gone:  # a patch deleted or renamed since, by the code it had
        named = masters.rows_named(master, code, before=True)
    if len(named) > 1:
        raise errors.BadInput(f"{code} names {len(named)} rows: give one's uuid: "
                              + ", ".join(f"{t} {u}" for t, u in named))
    if not named:
        return NOT_BY_CODE, []
    ((table, row),) = named
    changes = masters.history(master, row)
    lists = f"field-kit history {in_command(master)}"
    return {"row": {"table": table, "uuid": row, "code": code,
                    "since": asked_row.became(changes) if gone else None},
            "also_named": [{"table": t, "uuid": u,
                            "since": asked_row.became(masters.history(master, u)),
                            "history": f"{lists} {u}"}
                           for t, u in ([] if gone else masters.rows_named(master, code,
                                                                           before=True))],
            "records": _records_json(master, code, table, row, counted)}, changes


def _deleted_row(master, row: str, changes: list[dict], counted: int | None) -> dict:
    """What history says of a row asked by its uuid and deleted since (``changes``, its
    changes), as ``--json`` gives it: ``row`` (as :func:`_named_by_code` gives it, ``code``
    the code, id or name it held, null where none) and the ``records`` on it, those holding
    no uuid of it by that code where no row holds it now."""
    table, code, by_code = asked_row.deleted_code(master, changes)
    return {"row": {"table": table, "uuid": row, "code": code, "since": "deleted"},
            "also_named": [], "records": _records_json(master, by_code, table, row, counted)}


def _records_json(master, code: str | None, table: str, row: str, counted: int | None
                  ) -> list[dict]:
    """The records on row ``row`` of ``table``, ``code`` its code, as ``--json`` gives them
    (:func:`_named_by_code`); ``changes`` null after the first ``counted``, where given."""
    lists = f"field-kit history {in_command(master)}"
    return [{"table": t, "uuid": u, "name": name, "date": day,
             "changes": len(masters.history(master, u))
             if counted is None or i < counted else None,
             "named_by": "code" if by_code else "uuid",
             "since": "deleted" if deleted else None, "history": f"{lists} {u}"}
            for i, (t, u, name, day, by_code, deleted, _) in enumerate(
                masters.records_named(master, code, table, row))]


def _code_said(a, asked: dict, changes: list[dict]) -> None:
    """Which row the code history was asked for names (:func:`_named_by_code`), and each
    row deleted or renamed since that held it too, with the command that lists its
    changes."""
    row = asked["row"]
    # a row there since the master was made has no change yet: found all the same
    _tell(f"{a.row_uuid} is row {row['uuid']} of {row['table']}"
          + (f", {row['since']} since" if row["since"] else "" if changes else
             ": no change recorded since it was put in the master"))
    for other in asked["also_named"]:
        _tell(f"{a.row_uuid} also named row {other['uuid']} of {other['table']}, "
              f"{other['since']} since: `{other['history']}` lists its changes")


def _row_conflicts(master, row: str, read_whose: bool = True, changes=()
                   ) -> tuple[list, dict, dict, dict[str, str], dict, dict]:
    """A row's conflicts, open or closed; whose "ours" each open one is
    (:func:`held_by`), the labels of their codes and of those of its ``changes``, the
    names of the rows they are of (:func:`names_held`) and what the rows its ``changes``
    name by uuid are (:func:`_references`), where ``read_whose``; when the
    merges undone that recorded any were undone (:func:`undone_merges`); read as the
    History dialog reads them (of a PostgreSQL master, the row's alone)."""
    with masters.master_file(master, needs="history", row=row) as path:
        every = conflicts_now.conflicts(path, status=None, row_uuid=row)
        undone = undone_merges(path) if any(c.status == UNDONE for c in every) else {}
        labels = _code_labels(path, every, changes) if read_whose else {}
        names = _names(path, changes, every) if read_whose else {}
        references = _references(path, changes, command_line_language()) if read_whose else {}
        if not (read_whose and every):
            return every, {}, labels, undone, names, references
        return (every, held_by(path, [c for c in every if c.status == "open"]), labels, undone,
                names, references)


def _references(path, changes, lang: str) -> dict:
    """(column, uuid) -> what that row is, in ``lang`` (:func:`referenced_in`), of each
    column of ``changes`` naming another row by its uuid (a verification's patch) where
    that row has a name or is not found."""
    return referenced_in(path, ((log_values.loads(c[k]) if isinstance(c[k], str) else c[k])
                                for c in changes for k in ("old", "new")), lang)


def _names(path, changes, every: list) -> dict:
    """The names of the rows of ``changes`` and of conflicts ``every``: as the file holds
    them, or held them when deleted (:func:`names_held`), else by the values their changes
    held (a row of a layer dropped since)."""
    got = names_held(path, list(dict.fromkeys(
        [(c["tbl"], c["row_uuid"]) for c in changes] + [(c.tbl, c.row_uuid) for c in every])))
    held: dict = {}
    for c in changes:
        if got[(c["tbl"], c["row_uuid"])] is None:
            for k in ("old", "new"):
                values = log_values.loads(c[k]) if isinstance(c[k], str) else c[k]
                held.setdefault((c["tbl"], c["row_uuid"]), {}).update(values or {})
    return {**got, **named_by_values(path, held)}


def _settle_command(master, c) -> str:
    """The command that settles open conflict ``c`` (``field-kit resolve``'s choices)."""
    return f"field-kit resolve {in_command(master)} {c.id} --take ours|theirs|ancestor"


def _open_conflicts_said(master, found: list, held: dict, labels: dict) -> None:
    """A row's open conflicts, before its history: the value the master holds there is not
    settled while another waits; each with its field, the value held now and the other
    one, whose and when, and the command that settles it."""
    if not found:
        return
    # in a field package "ours" is the device's value, "theirs" the master's: said so
    device = package_device(master) if masters.is_field_package(master) else None
    holder, holder_zh, other, other_zh = (
        ("the master", "主库", "the other value", "另一值") if device is None else
        (f"this device ({device})", f"本机 {device} ", "the master's value", "主库的值"))
    _in_language(f"{counted(len(found), 'open conflict')} on this row: what {holder} holds is not "
                 "settled, another value waits",
                 f"该要素有 {len(found)} 项未处理的冲突：{holder_zh}现值尚未确定，另一值等待处理")
    for c in found:
        since = " (changed since the conflict was recorded)" if c.changed_since else ""
        since_zh = "（记录冲突以来已被修改）" if c.changed_since else ""
        what = c.field or "(row)"
        what_zh = field_label(c.tbl, c.field) if c.field else "整个要素"
        _in_language(
            f"#{c.id} {what}: {holder} holds {_side(_figured, c, c.ours, labels, EN)}{since}, "
            f"{other} {_side(_figured, c, c.theirs, labels, EN)}; "
            f"{c.whose(held.get(c.id), package=device)}",
            f"#{c.id} {what_zh}：{holder_zh}现值 "
            f"{_side(_figured_zh, c, c.ours, labels, ZH)}{since_zh}，{other_zh} "
            f"{_side(_figured_zh, c, c.theirs, labels, ZH)}；{c.whose(held.get(c.id), ZH, device)}",
            "  ")
        resolve = f"field-kit resolve {in_command(master)} {c.id}"
        _in_language(f"settle it: {take_said(resolve, 'VALUE')}",
                     f"处理：{resolve} --take theirs（或 --take ours、--take ancestor、"
                     "--value 值）", "    ")
    _in_language("recorded changes:", "已记录的修改：")


def _closed_said(c, key: str, labels: dict, names: dict) -> None:
    """A conflict closed with no change recorded, among the row's changes as the History
    dialog says it (:data:`CLOSED_IN_HISTORY`): settled keeping the value held, or closed
    as dropped with its layer."""
    change, how = CLOSED_IN_HISTORY[key]
    at = local_time(c.resolved_at, "%Y-%m-%d %H:%M:%S%z")
    who = (c.resolved_by or "") if c.status != DROPPED else ""
    held, held_zh = (_side(show, c, c.ours, labels, lang) for show, lang
                     in ((_figured, EN), (_figured_zh, ZH)))
    _in_language(
        f"{at} {who + ' ' if who else ''}{change[1]} {c.row_uuid} {c.field or '(row)'}: "
        f"{held}; " + how[1].format(id=c.id, theirs=_side(_figured, c, c.theirs, labels, EN),
                                    by=c.by(), merge=c.merge_id, at=local_time(c.resolved_at)),
        f"{at} {'处理人 ' + who + ' ' if who else ''}{change[0]}"
        f"{_row_shown(names, c.tbl, c.row_uuid)} "
        f"{field_label(c.tbl, c.field) if c.field else '整个要素'}：{held_zh}；"
        + how[0].format(id=c.id, theirs=_side(_figured_zh, c, c.theirs, labels, ZH),
                        by=c.by(ZH), merge=c.merge_id, at=local_time(c.resolved_at)))


def _conflicts_json(master, every: list) -> list[dict]:
    """What history's ``--json`` carries of a row's conflicts: the open ones, each with the
    command that settles it (those closed are in ``conflicts --every --json``)."""
    return [{**c.as_dict(), "settle": _settle_command(master, c)}
            for c in every if c.status == "open"]


def _rewrite_said(a, row: str, changes: list[dict], head: bool = False) -> bool:
    """Tell where the layer of ``row`` was found rewritten in the master, beside its changes
    (history has none of its rows before the rewrite under their uuids now, nor any of what
    became of those); ``head``: a row not found yet, with no change recorded, is named first
    (in JSON, as no change). Whether the row is one of such a layer it found by its uuid."""
    held, said = masters.rewrite_in_history(a.master, row, changes)
    if head and held is None:
        return False
    if a.json:
        if head:
            _json_out(_history_json([], _capture_not_whole(a.master), said, [], NOT_BY_CODE))
        return head
    if head:
        _tell(f"row {row} of {held}: no change recorded since it was put in the master")
    for rewrite in said:
        _tell(rewrite["said"])
    return head


def _records_on(a, asked: dict) -> None:
    """Each record on the patch or project history was asked for (``asked``, as
    :func:`_named_by_code` gives it), with how many changes it has and the command that
    lists them (its verifications are not its own), one deleted since said so; one holding
    no uuid of it, found by the code alone, said so. Of a patch or project deleted, first
    that it is, and how many records were made on it (none too)."""
    records = asked["records"]
    row = asked["row"]
    if row and row["since"] == "deleted" and row["table"] in {n for *_, n in record_links()}:
        _tell(f"{a.row_uuid}: deleted, with {counted(len(records), 'record')} on it" if records else
              f"{a.row_uuid}: deleted, with no record on it")
    for r in records[:SHOWN_ROWS]:
        gone = ", deleted since," if r["since"] else ""
        _tell(f"{a.row_uuid}: record {r['uuid']} of {r['table']} ({r['name']}) on it{gone} "
              f"has {counted(r['changes'], 'change')}: `{r['history']}` lists "
              f"{them(r['changes'])}")
        if r["named_by"] == "code":
            _tell(f"{a.row_uuid}: record {r['uuid']} of {r['table']} holds no uuid of what it "
                  "is on, only this code: listed by the code alone")
    if len(records) > SHOWN_ROWS:
        _tell(f"{a.row_uuid}: and {counted(len(records) - SHOWN_ROWS, 'more record')} on it")


def register_log(subparsers) -> None:
    """Add the ``log`` command to ``field-kit``'s subparsers."""
    sp = command(subparsers, "log", cmd_log,
                 Help("the changes, newest first", "列出修改，最新的在前"))
    sp.add_argument("gpkg", help=PACKAGE_HELP)
    sp.add_argument("--limit", type=int, default=None)
    sp.add_argument("--json", action="store_true", help=JSON_HELP)


def register(subparsers) -> None:
    """Add the ``history`` command to ``field-kit``'s subparsers."""
    sp = command(subparsers, "history", cmd_history, Help(
        "every change to one row: who, when, before, after",
        "一个要素的全部修改：修改者、时间、修改前、修改后"))
    sp.add_argument("master")
    sp.add_argument("row_uuid", help=Help("the row's uuid (or a patch code, a project id, a "
                                          "program id)",
                                          "要素的 uuid（或图斑编号、项目编号、工程编号）"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
