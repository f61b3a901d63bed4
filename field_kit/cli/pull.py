# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit pull``: the master's newer state brought into a field package, and what it
replaced or could not bring said by row and field."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter

from .. import errors
from ..bilingual import ZH
from ..db import connect
from ..plan.values import column_named, field_label, row_names
from ..sync import added_again, changelog, masters
from ..sync.conflicts import closed_with_layer
from ..sync.conflicts import shown as _show
from ..sync.outcomes import NOT_HERE
from ..sync.pull import (
    BACK,
    BACK_UNDONE,
    GONE,
    GONE_UNDONE,
    OUTSIDE,
    WITH_TABLE,
    not_brought_said,
    undone_said,
)
from .parsing import Help, command
from .said import SHOWN_ROWS, _codes_followed, _derived, _in_conflict, _say, _show_zh, _tell, _warn


def cmd_pull(a) -> int:
    from ..qfield import project_folder
    pulled = project_folder.pull(a.pkg, a.master)
    r = pulled.result
    c = r.counts
    # skipped by a package's cut or with a table brought whole: not "already" here
    left = Counter(o.reason for o in r.outcomes if o.status == "already"
                   and o.reason in (OUTSIDE, NOT_HERE, WITH_TABLE))
    _tell(f"pulled into {pulled.package}: applied {c['applied']}, already "
          f"{c['already'] - sum(left.values())}, conflicts "
          f"{_in_conflict(c['conflict'] - r.settled_here - r.met_again, r.conflicts)} (where "
          f"they clash, the package's unsent values kept), fields brought in "
          f"{len(r.fields_in)}")
    if r.own_settled:  # (counted by the package's own edits the master's changes met)
        _tell(f"{r.own_settled} change(s) met a conflict that a later change of the master "
              "settled: the package holds what the master holds, nothing to settle", "  ")
    if r.met_again:
        _tell(f"{r.met_again} change(s) met a conflict on a field a later change of the master "
              "wrote again: the conflict listed is the later one's, with the value the master "
              "holds now", "  ")
    if left[OUTSIDE]:
        _tell(f"{left[OUTSIDE]} new row(s) outside this package's township or area left out",
              "  ")
    if left[NOT_HERE]:
        _tell(f"{left[NOT_HERE]} change(s) of rows this package does not hold (outside its "
              "township or area, or deleted here) left out", "  ")
    if left[WITH_TABLE]:
        _tell(f"{left[WITH_TABLE]} change(s) of tables brought whole, as the master holds "
              "them now, not applied one by one", "  ")
    names = row_names(pulled.package, [(t, row) for t, row, *_ in
                                       r.kept + r.replaced + r.undone + r.undone_aside +
                                       r.brought])  # (once)
    _kept(names, r.kept)
    for changed in r.grants:
        _tell(f"grants changed: {changed}", "  ")
    for said in r.projects_said:
        _tell(said, "  ")
    for added in r.layers:
        _tell(f"added from the master: table {added}", "  ")
    for added in r.schema:
        _tell(f"added from the master: column {added}", "  ")
    for filled in r.refilled:
        _say(added_again.refilled(*filled), to=sys.stdout, prefix="  ")
    for gave in r.gave_way:  # (a column of the package's own: the master's stands)
        head, *values = gave.said()
        _tell(head, "  ")
        for value in values:
            _tell(value, "    ")
    if r.replaced:
        _values_said(names, f"{len(r.replaced)} value(s) this device sent are replaced by the "
                     "master's, which holds another value:", r.replaced)
        _still_open(a.master, pulled.package, r.replaced)
    for head, values in undone_said(r):
        _values_said(names, head, values)
    for kind, said in (
            (BACK, "row(s) this device had deleted are back: the master kept them"),
            (GONE, "row(s) this device had edited are gone: the master deleted them"),
            (BACK_UNDONE, "row(s) this device had deleted are back: the master undid the "
                          "merge that deleted them (undo-merge)"),
            (GONE_UNDONE, "row(s) this device had edited are gone: the master undid the merge "
                          "that brought them (undo-merge)")):
        rows = [(t, row, name) for t, row, k, name in r.rows_settled if k == kind]
        if rows:
            _tell(f"{len(rows)} {said}:", "  ")
            for table, row, name in rows:
                _row_line({(table, row): name}, table, row)
    if r.closed:
        _tell(f"{r.closed} conflict(s) of this package are settled: it holds what the master "
              "holds", "  ")
    for tbl, n in sorted(r.dropped.items()):  # (the layer gone from the master: not settled)
        _tell(closed_with_layer(tbl, n), "  ")
    if r.resent:
        _tell(f"{len(r.resent)} edit(s) this device sent were refused by the master and are "
              "waiting to be sent again:", "  ")
        for *_, said in r.resent:
            _tell(said, "    ")
    for *_, said in r.given_up:  # (its role may never make it: not sent again)
        _tell(said, "  ")
    _derived(r.derived)
    _codes_followed(r.codes_followed)
    if r.as_stored:
        _tell(f"{len(r.as_stored)} value(s) this device sent now as the master stores them "
              f"(rounded to the column, a time in UTC): {', '.join(sorted(set(r.as_stored)))}",
              "  ")
    for line in not_brought_said(r):
        _tell(line, "  ")
    if r.brought:
        _tell(f"brought {len(r.brought)} row(s) now in this package's township or area, "
              "with their records and photos:")
    for table, row in r.brought:
        _row_line(names, table, row, indent="  ")
    if pulled.photos:
        # (beside the package: a project zipped with its folder inside sits a level down)
        here = os.path.dirname(os.path.abspath(pulled.package))
        _tell(f"{len(pulled.photos)} photo(s) written to {here}, as the master holds them: "
              f"{', '.join(pulled.photos)}")
    if pulled.project and not pulled.project_kept:
        _tell(f"{pulled.project} written again: the folder lacked its project file, which "
              "QField opens the project by")
    elif pulled.project:
        _tell(f"{pulled.project} written again: the grants or layers the pull brought change "
              f"what QField shows and lets this device edit (the one it replaces kept as "
              f"{pulled.project_kept}: changes made to it in QGIS are there)")
    if pulled.zip:
        _tell(f"{pulled.zip} written again from the folder (for QField's import from ZIP)")
    _warn(pulled.warnings)
    for problem in pulled.problems:
        _say(problem)
    if pulled.problems:
        return errors.BAD_INPUT
    return errors.CONFLICTS if r.conflicts else errors.OK


def _values_said(names: dict, head: str, values: list) -> None:
    """``head``, then each of the device's values a pull gave the master's value: the row,
    the field, the device's value and the master's."""
    _tell(head, "  ")
    for table, row, fld, ours, theirs in values:
        en, zh = (("emptied (NULL)", "已清空（NULL）") if theirs is None
                  else (_show(theirs), _show(theirs)))
        _row_line(names, table, row, fld, f": {_show(ours)} -> {en}",
                  f"：{_show_zh(ours)} -> {zh}")


def _still_open(master, package, replaced: list) -> None:
    """Of the values a pull replaced, those the master still holds in an open conflict, the
    device's value set aside there: a supervisor may yet choose it, said so (the package
    holds no conflict of its own for them). A conflict of the same field keeping another
    device's value aside is not one: this device's value is not there to choose."""
    if not replaced:
        return
    with contextlib.closing(connect(package, readonly=True)) as conn:
        device = changelog.state(conn)["device"]
    wanted = {(t, row, fld) for t, row, fld, *_ in replaced}
    held = [c for c in masters.conflicts(master)
            if (c.tbl, c.row_uuid, c.field) in wanted and c.device == device]
    if held:
        values = len({(c.tbl, c.row_uuid, c.field) for c in held})
        _tell(f"{values} of them still in open conflicts in the master, this device's "
              f"value set aside there, which a supervisor may still choose: "
              f"{', '.join(str(c.id) for c in held[:SHOWN_ROWS])}"
              f"{' …' if len(held) > SHOWN_ROWS else ''}", "  ")


def _row_said(names: dict, table: str, row: str, lang: str = "en") -> str:
    """A row a pull names: its table (in Chinese, its layer's title) and uuid, and its name
    where ``names`` gives one."""
    name = names.get((table, row))
    if lang == ZH:
        return f"{column_named(table)} {row}{f'（{name}）' if name and name != row else ''}"
    return f"{table} {row}{f' ({name})' if name and name != row else ''}"


def _field_of_zh(where: str, table: str, fld: str | None) -> str:
    """A row named in Chinese (``where``) and a field of it by its label: "…（名称）的备注",
    spaced after a uuid; the row alone without ``fld``."""
    if not fld:
        return where
    return f"{where}{' ' if where[-1:].isascii() else ''}的{field_label(table, fld)}"


def _row_line(names: dict, table: str, row: str, fld: str | None = None, said: str = "",
              zh: str = "", indent: str = "    ") -> None:
    """A line of a pull naming a row (and a field of it) and what became of it (``said``),
    and in Chinese too (``zh``) for a user who reads it, the layer by its title and the
    field by its label."""
    en = _row_said(names, table, row) + (f" {fld}" if fld else "") + said
    in_zh = _field_of_zh(_row_said(names, table, row, ZH), table, fld) + zh
    _say(en, in_zh, to=sys.stdout, prefix=indent)


def _kept(names: dict, kept: list) -> None:
    """Each conflict a pull met: the row (by its patch or project where it has one, in
    ``names``), the field, the value the package keeps and the master's."""
    for table, row, fld, ours, theirs in kept:
        where, where_zh = (_row_said(names, table, row, lang) for lang in ("en", ZH))
        if fld is not None:
            said = f"{fld}: the package keeps {_show(ours)}, the master holds {_show(theirs)}"
            zh = (f"冲突：{_field_of_zh(where_zh, table, fld)}：数据包保留 {_show_zh(ours)}，"
                  f"主库中为 {_show_zh(theirs)}")
        else:
            said = ("the package keeps the row deleted; the master edited it" if ours is None
                    else "the package keeps the row; the master deleted it")
            zh = f"冲突：{where_zh}：" + ("数据包保持该要素删除；主库修改了它" if ours is None
                                       else "数据包保留该要素；主库删除了它")
        _say(f"conflict: {where} {said}", zh, to=sys.stdout, prefix="  ")


def register(subparsers) -> None:
    """Add the ``pull`` command to ``field-kit``'s subparsers."""
    sp = command(subparsers, "pull", cmd_pull, Help(
        "bring the master's newer state into a field package",
        "把主库的最新状态拉取到外业数据包"))
    sp.add_argument("pkg", help=Help("the field package, or the QField project folder holding it",
                                     "外业数据包，或包含它的 QField 项目文件夹"))
    sp.add_argument("master")
