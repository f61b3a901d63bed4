# SPDX-License-Identifier: GPL-2.0-or-later
"""What an import says of each row it changes, adds or finds missing, in English and in
Chinese: the one wording the command line prints and the QGIS plugin logs."""

from __future__ import annotations

import sqlite3

from ..bilingual import NO_TEXT, ZH, Text, counted
from ..forms.shown import code_text
from ..plan.values import field_label
from .lookups import GEOMETRY_SHOWN
from .report import ROW

GEOMETRY_SAID = Text("（几何）", "(geometry)")
# a shape an import replaces: in Chinese, said as such, not as two "(geometry)"
SHAPE_REPLACED = Text("    几何：改为导入数据中的形状", "    {column}: {old} -> {new}")


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
    return Text("{title} {key}（{row}）", "{title} {key} ({row})").format(
        title=title, key=ch.key, row=ROW.format(n=ch.row))


def _value_said(layer: str, column: str, value, codes: dict) -> Text:
    """A value an import writes: a geometry as such, a code of the column's code list (a
    patch's geometry source, its mineral) by its label in Chinese, a figure to its
    decimals."""
    if value == GEOMETRY_SHOWN:
        return GEOMETRY_SAID
    if isinstance(value, float):
        shown = f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:.2f}"
        return _both(shown)
    code = codes.get(column, {}).get(str(value)) if value is not None else None
    return Text(code_text(code, ZH) if code else str(value), str(value))


def code_lists_of(master) -> dict:
    """The code lists of ``master`` (a GeoPackage) its values are labelled by; none where it
    has not the plan's."""
    from .. import db
    from ..forms.store import load_code_lists, plan_lists
    conn = db.connect(master, readonly=True)
    try:
        return {**load_code_lists(conn), **plan_lists(conn)}
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()


def field_changes(layer: str, ch, lists: dict) -> list[Text]:
    """Each field a row's update (``ch``) writes, with its value before and after: in
    English by the field's name, in Chinese by its label, a code by its label (``lists``:
    the master's code lists)."""
    from ..sync.field_check import coded_column
    codes = {c: {k.code: k for k in lists.get(spec.code_list or "", ())}
             for c in ch.fields if (spec := coded_column(layer, c, lists)) is not None}
    return [(SHAPE_REPLACED if old == new == GEOMETRY_SHOWN else
             Text("    {label}：{old} → {new}", "    {column}: {old} -> {new}")).format(
        label=field_label(layer, column), column=column,
        old=_value_said(layer, column, old, codes), new=_value_said(layer, column, new, codes))
        for column, (old, new) in ch.fields.items()]


def missing_said(m, delete_missing: bool, refused: bool, dry_run: bool = False) -> Text:
    """A row of the layer the source does not have (``m``): deleted, kept, or (refused, a
    dry run) deleted once the import writes."""
    extra = NO_TEXT
    if m.verifications:
        extra = Text("，有 {n} 条核查记录", ", {counted}").format(
            n=m.verifications, counted=counted(m.verifications, "verification"))
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
