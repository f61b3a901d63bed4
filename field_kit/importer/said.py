# SPDX-License-Identifier: GPL-2.0-or-later
"""What an import says of each row it changes, adds or finds missing, in English and in
Chinese: the one wording the command line prints and the QGIS plugin logs."""

from __future__ import annotations

from ..bilingual import NO_TEXT, Text
from .report import ROW


def _both(template: str) -> Text:
    """A line made of words each in its own language: one template for both."""
    return Text(template, template)


def change_titles(refused: bool, dry_run: bool = False) -> tuple[Text, Text]:
    """The words heading a row updated and a row added; an import refused, or a dry run,
    writes none of them: each said as not written."""
    why = (Text("导入已拒绝", "import refused") if refused
           else Text("试运行", "dry run") if dry_run else None)
    if why is None:
        return Text("更新", "updated"), Text("新增", "new")
    return (Text(f"未更新（{why.zh}）", f"not updated ({why.en})"),
            Text(f"未新增（{why.zh}）", f"not added ({why.en})"))


def change_said(title: Text, ch) -> Text:
    """A row the import updates or adds (``ch``), by its code and its row in the source."""
    return _both("{title} {key} ({row})").format(title=title, key=ch.key,
                                                 row=ROW.format(n=ch.row))


def missing_said(m, delete_missing: bool, refused: bool, dry_run: bool = False) -> Text:
    """A row of the layer the source does not have (``m``): deleted, kept, or (refused, a
    dry run) deleted once the import writes."""
    extra = NO_TEXT
    if m.verifications:
        extra = Text("，有 {n} 条核查记录", ", {n} verification(s)").format(n=m.verifications)
    if delete_missing and not m.deletable:
        extra = Text("{e}：保留（导入不删除有核查记录的图斑，删除会使记录失去所属图斑）",
                     "{e}: kept (an import does not delete a patch with verification "
                     "records: they would be left without their patch)").format(e=extra)
        verb = Text("缺少", "missing")
    else:
        verb = (Text("未删除（导入已拒绝；改正错误后将删除）",
                     "not deleted (import refused; deleted once the errors are fixed)")
                if delete_missing and refused else
                Text("未删除（试运行；去掉 --dry-run 后将删除）",
                     "not deleted (dry run; deleted without --dry-run)")
                if delete_missing and dry_run else Text("删除", "delete")
                if delete_missing else Text("缺少（保留）", "missing (kept)"))
    return _both("{verb} {key} {uuid}{extra}").format(verb=verb, key=m.key, uuid=m.uuid,
                                                      extra=extra)


def rows_said(plan, delete_missing: bool, dry_run: bool = False) -> list[Text]:
    """Each row an import updates, adds and finds missing, a line each, in that order."""
    updated, new = change_titles(plan.has_errors, dry_run)
    return ([change_said(updated, ch) for ch in plan.updates]
            + [change_said(new, ch) for ch in plan.inserts]
            + [missing_said(m, delete_missing, plan.has_errors, dry_run)
               for m in plan.missing])
