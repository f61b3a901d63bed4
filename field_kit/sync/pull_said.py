# SPDX-License-Identifier: GPL-2.0-or-later
"""What a pull says of the rows and values it met, line by line, in English and in Chinese:
the one wording the command line prints and the QGIS plugin logs."""

from __future__ import annotations

import contextlib
import os
from collections import Counter

from ..bilingual import ZH, Line, be, counted, them
from ..db import connect
from ..plan.values import column_named, field_label, row_names
from . import added_again, changelog, exports_lacking, masters
from .conflicts import closed_with_layer
from .conflicts import shown as _show
from .outcomes import NOT_HERE, Result, in_conflict_said
from .pull import (
    ADDED_GONE,
    ADDED_GONE_UNDONE,
    BACK,
    BACK_UNDONE,
    GONE,
    GONE_UNDONE,
    OUTSIDE,
    WITH_TABLE,
    not_brought_said,
    undone_said,
)

SHOWN_ROWS = 10  # conflicts named in a line


def left_out(r: Result) -> Counter:
    """The changes a package's cut, or a table brought whole, kept from applying, by why:
    not "already" there."""
    return Counter(o.reason for o in r.outcomes if o.status == "already"
                   and o.reason in (OUTSIDE, NOT_HERE, WITH_TABLE))


def pulled_into(pulled) -> Line:
    """The pull's first line: into which package, and its counts (a
    :class:`~field_kit.qfield.project_folder.Pulled`)."""
    r = pulled.result
    c = r.counts
    # skipped by a package's cut or with a table brought whole: not "already" here
    left = left_out(r)
    return Line(f"pulled into {pulled.package}: applied {c['applied']}, already "
                f"{c['already'] - sum(left.values())}, conflicts "
                f"{in_conflict_said(c['conflict'] - r.settled_here - r.met_again, r.conflicts)}"
                f" (where they clash, the package's unsent values kept), fields brought in "
                f"{len(r.fields_in)}")


def project_written(pulled) -> list[Line]:
    """What a QField project's pull wrote beside its package: the photos it brought, the
    project file and the zip written again."""
    out = []
    if pulled.photos:
        # (beside the package: a project zipped with its folder inside sits a level down)
        here = os.path.dirname(os.path.abspath(pulled.package))
        n = len(pulled.photos)
        out.append(Line(f"{counted(n, 'photo')} written to {here}, as the master holds "
                        f"{them(n)}: {', '.join(pulled.photos)}"))
    if pulled.project and pulled.project_lacked:
        out.append(Line(f"{pulled.project} written again: the folder lacked its project file, "
                        "which QField opens the project by"))
    elif pulled.project and not pulled.project_kept:
        out.append(Line(f"{pulled.project} written again: the grants or layers the pull "
                        "brought change what QField shows and lets this device edit (the one "
                        "it replaces was as the checkout or a pull wrote it, not changed in "
                        "QGIS: no copy of it kept)"))
    elif pulled.project:
        out.append(Line(f"{pulled.project} written again: the grants or layers the pull "
                        "brought change what QField shows and lets this device edit (the one "
                        f"it replaces kept as {pulled.project_kept}: changes made to it in "
                        "QGIS are there)"))
    if pulled.zip:
        out.append(Line(f"{pulled.zip} written again from the folder (for QField's import "
                        "from ZIP)"))
    return out


def met(r: Result, master, package: str) -> list[Line]:
    """What the pull met beyond its counts: the changes left out, the conflicts, the values
    the master replaced (and those still in its open conflicts), the rows settled, the
    edits refused; the lines before what it followed (the shapes, the codes)."""
    out = []
    lacking = exports_lacking.said(*r.not_merged)
    if lacking:  # (the master restored from a backup, it may be: first)
        out.append(Line(lacking, indent="  "))
    if r.own_settled:  # (counted by the package's own edits the master's changes met)
        out.append(Line(f"{counted(r.own_settled, 'change')} met a conflict that a later "
                        "change of the master settled: the package holds what the master "
                        "holds, nothing to settle", indent="  "))
    if r.met_again:
        out.append(Line(f"{counted(r.met_again, 'change')} met a conflict on a field a later "
                        "change of the master wrote again: the conflict listed is the later "
                        "one's, with the value the master holds now", indent="  "))
    out += left_out_said(r)
    names = _names(r, package)
    out += _kept(names, r.kept)
    out += [Line(f"grants changed: {changed}", indent="  ") for changed in r.grants]
    out += [Line(said, indent="  ") for said in r.projects_said]
    out += [Line(f"added from the master: table {added}", indent="  ") for added in r.layers]
    out += [Line(f"added from the master: column {added}", indent="  ") for added in r.schema]
    out += [Line(added_again.refilled(*filled), indent="  ") for filled in r.refilled]
    for gave in r.gave_way:  # (a column of the package's own: the master's stands)
        head, *values = gave.said()
        out.append(Line(head, indent="  "))
        out += [Line(value, indent="    ") for value in values]
    if r.replaced:
        out += _values_said(names, replaced_head(r).en, r.replaced)
        out += still_open(master, package, r.replaced)
    for head, values in undone_said(r):
        out += _values_said(names, head, values)
    for kind, said in (
            (BACK, "this device had deleted {are} back: the master kept {them}"),
            (GONE, "this device had edited {are} gone: the master deleted {them}"),
            (ADDED_GONE, "this device had added {are} gone: the master deleted {them}"),
            (BACK_UNDONE, "this device had deleted {are} back: the master undid the merge "
                          "that deleted {them} (undo-merge)"),
            (GONE_UNDONE, "this device had edited {are} gone: the master undid the merge "
                          "that brought {them} (undo-merge)"),
            (ADDED_GONE_UNDONE, "this device had added {are} gone: the master undid the "
                                "merge that brought {them} (undo-merge)")):
        rows = [(t, row, name) for t, row, k, name in r.rows_settled if k == kind]
        if rows:
            n = len(rows)
            out.append(Line(f"{counted(n, 'row')} {said.format(are=be(n), them=them(n))}:",
                            indent="  "))
            out += [_row_line({(table, row): name}, table, row) for table, row, name in rows]
    if r.closed:
        out.append(Line(f"{counted(r.closed, 'conflict')} of this package {be(r.closed)} "
                        "settled: it holds what "
                        "the master holds", indent="  "))
    out += [Line(closed_with_layer(tbl, n), indent="  ")  # (the layer gone: not settled)
            for tbl, n in sorted(r.dropped.items())]
    out += refused_closed_said(r, package)
    if r.resent:
        n = len(r.resent)
        out.append(Line(f"{counted(n, 'edit')} this device sent {be(n, past=True)} refused by "
                        f"the master and {be(n)} waiting to be sent again:", indent="  "))
        out += [Line(said, indent="    ") for *_, said in r.resent]
    out += [Line(said, indent="  ") for *_, said in r.given_up]  # (never sent again)
    return out


def left_out_said(r: Result) -> list[Line]:
    """The changes the package's cut, or a table brought whole, kept from applying, counted
    by why."""
    left = left_out(r)
    return [Line(f"{counted(left[reason], noun)} {said}", indent="  ")
            for reason, noun, said in (
                (OUTSIDE, "new row", "outside this package's township or area left out"),
                (NOT_HERE, "change", "of rows this package does not hold (outside its "
                                     "township or area, or deleted here) left out"),
                (WITH_TABLE, "change", "of tables brought whole, as the master holds them "
                                       "now, not applied one by one")) if left[reason]]


def replaced_head(r: Result) -> Line:
    """The line before the values this device sent that the master's replaced."""
    n = len(r.replaced)
    return Line(f"{counted(n, 'value')} this device sent {be(n)} replaced by the master's, "
                "which holds another value:", indent="  ")


def brought(r: Result, package: str) -> list[Line]:
    """The values now as the master stores them, what could not be brought, and the rows
    brought into the package's area; the lines after what the pull followed."""
    out = []
    if r.as_stored:
        n = len(r.as_stored)
        out.append(Line(f"{counted(n, 'value')} this device sent now as the master stores "
                        f"{them(n)} (rounded to the column, a time in UTC): "
                        f"{', '.join(sorted(set(r.as_stored)))}", indent="  "))
    out += [Line(line, indent="  ") for line in not_brought_said(r)]
    if r.brought:
        out.append(Line(f"brought {counted(len(r.brought), 'row')} now in this package's "
                        "township or area, with their records and photos:"))
    names = _names(r, package) if r.brought else {}
    out += [_row_line(names, table, row, indent="  ") for table, row in r.brought]
    return out


def _names(r: Result, package: str) -> dict:
    """The rows a pull names, by their patch or project, the package read once."""
    return row_names(package, [(t, row) for t, row, *_ in
                               r.kept + r.replaced + r.undone + r.undone_aside + r.brought])


def shown_zh(value) -> str:
    """A value as a Chinese line shows it: empty (NULL) as 空, else as :func:`_show`."""
    return "空" if value is None else _show(value, zh=True)


def _values_said(names: dict, head: str, values: list) -> list[Line]:
    """``head``, then each of the device's values a pull gave the master's value: the row,
    the field, the device's value and the master's."""
    out = [Line(head, indent="  ")]
    for table, row, fld, ours, theirs in values:
        en, zh = (("emptied (NULL)", "已清空（NULL）") if theirs is None
                  else (_show(theirs), _show(theirs)))
        out.append(_row_line(names, table, row, fld, f": {_show(ours)} -> {en}",
                             f"：{shown_zh(ours)} -> {zh}"))
    return out


def still_open(master, package, replaced: list) -> list[Line]:
    """Of the values a pull replaced, those the master still holds in an open conflict, the
    device's value set aside there: a supervisor may yet choose it, said so (the package
    holds no conflict of its own for them). A conflict of the same field keeping another
    device's value aside is not one: this device's value is not there to choose."""
    if not replaced:
        return []
    with contextlib.closing(connect(package, readonly=True)) as conn:
        device = changelog.state(conn)["device"]
    wanted = {(t, row, fld) for t, row, fld, *_ in replaced}
    held = [c for c in masters.conflicts(master)
            if (c.tbl, c.row_uuid, c.field) in wanted and c.device == device]
    if not held:
        return []
    values = len({(c.tbl, c.row_uuid, c.field) for c in held})
    return [Line(f"{values} of them still in open conflicts in the master, this device's "
                 f"value set aside there, which a supervisor may still choose: "
                 f"conflict{'s' * (len(held) > 1)} "
                 f"{', '.join(str(c.id) for c in held[:SHOWN_ROWS])}"
                 f"{' …' if len(held) > SHOWN_ROWS else ''}", indent="  ")]


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
              zh: str = "", indent: str = "    ") -> Line:
    """A line of a pull naming a row (and a field of it) and what became of it (``said``),
    and in Chinese too (``zh``), the layer by its title and the field by its label."""
    en = _row_said(names, table, row) + (f" {fld}" if fld else "") + said
    in_zh = _field_of_zh(_row_said(names, table, row, ZH), table, fld) + zh
    return Line(en, in_zh, indent)


def _kept(names: dict, kept: list) -> list[Line]:
    """Each conflict a pull met: the row (by its patch or project where it has one, in
    ``names``), the field, the value the package keeps and the master's."""
    out = []
    for table, row, fld, ours, theirs in kept:
        where, where_zh = (_row_said(names, table, row, lang) for lang in ("en", ZH))
        if fld is not None:
            said = f"{fld}: the package keeps {_show(ours)}, the master holds {_show(theirs)}"
            zh = (f"冲突：{_field_of_zh(where_zh, table, fld)}：数据包保留 {shown_zh(ours)}，"
                  f"主库中为 {shown_zh(theirs)}")
        else:
            said = ("the package keeps the row deleted; the master edited it" if ours is None
                    else "the package keeps the row; the master deleted it")
            zh = f"冲突：{where_zh}：" + ("数据包保持该要素删除；主库修改了它" if ours is None
                                       else "数据包保留该要素；主库删除了它")
        out.append(Line(f"conflict: {where} {said}", zh, "  "))
    return out


def refused_closed_said(r: Result, package: str) -> list[Line]:
    """Each conflict a pull closed, the package's edit of its field refused and not sent
    again, the master having renamed or dropped the column: what the master holds instead."""
    if not r.refused_closed:
        return []
    names = _names(r, package)
    out = []
    for cid, table, row, fld, to, holds in r.refused_closed:
        en = (f"conflict {cid} ({_row_said(names, table, row)} {fld}) closed, nothing to "
              "settle: your edit of it was refused and is not sent again; ")
        zh = (f"冲突 {cid}（{_field_of_zh(_row_said(names, table, row, ZH), table, fld)}）已关闭，"
              "无需处理：本机对它的修改被拒绝，不再重新发送；")
        if to:
            en += f"the master renamed the column {to}, which holds {_show(holds)} there"
            zh += f"主库已将该字段改名为 {to}，其中为 {shown_zh(holds)}"
        else:
            en += "the master dropped the column"
            zh += "主库已删除该字段"
        out.append(Line(en, zh, "  "))
    return out
