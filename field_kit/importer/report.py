# SPDX-License-Identifier: GPL-2.0-or-later
"""What an import plan says: its problems and its row changes, and the summary in zh and en."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..bilingual import EN, NO_TEXT, ZH, Text, counted

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_LABELS = {ERROR: Text("错误", ERROR), WARNING: Text("警告", WARNING),
                   INFO: Text("说明", INFO)}
ROW, FIELD = Text("第 {n} 行", "row {n}"), Text("字段 {name}", "field {name}")
# when an import that writes nothing would do what it says: one refused, once its errors are
# fixed; a dry run, run without --dry-run (each said before "将…" in Chinese, after in English)
ONCE_FIXED = Text("改正错误后", " once the errors are fixed")
WITHOUT_DRY_RUN = Text("去掉 --dry-run 后", " without --dry-run")
# the fields a new row is left without: said of a row added, and of one an import that
# writes nothing would add ({n}: how many, where said of many rows at once)
NEW_ROW = (Text("新增要素", "new row"),
           Text("{once}将新增的要素", "new row (would be added{once})"))
NEW_ROWS = (Text("{n} 个新增要素", "{n} new rows"),
            Text("{once}将新增的 {n} 个要素", "{n} new rows (would be added{once})"))
LEFT_EMPTY = Text("{row}，以下字段导入数据未给出，留空：{fields}"
                  "（可在 QGIS 中填写，或将导入数据的字段对应到它们）",
                  "{row}, left empty as the source gives none: {fields} "
                  "(fill them in QGIS, or map source fields to them)")


@dataclass
class ImportProblem:
    """One problem, naming the feature (source row and its code) and the field."""

    severity: str  # error (blocks the import), warning, info
    kind: str  # a stable key: self_intersection, duplicate_code, area_mismatch, ...
    message: Text
    row: int | None = None  # 1-based position in the source
    code: str | None = None  # the feature's patch code / zone / key
    field: str | None = None  # the source field (or the plan field, for mapping problems)
    fid: object = None  # the source's own feature id (as QGIS shows it)
    bbox: tuple[float, float, float, float] | None = None  # lon/lat (EPSG:4490) W, S, E, N
    # what a note said of one row says apart from the row, to say it of many rows at once:
    # the plan field and the master's value kept (empty_kept), the fields a new row is
    # left without (new_left_empty)
    detail: tuple = ()
    # what an error or warning of one row says alike of every row it is said of, to say it
    # once for them all (its joiner first: ": the message", or " lie beyond …" after "11
    # features"), and what it says of this row alone (how far it lies beyond the county)
    alike: Text | None = None
    own: str = ""
    # a note of what the import does with the row (a track closed and imported as the polygon
    # it bounds, a township's other name imported as its name): its message and alike as
    # said where the import writes nothing, refused by an error or a dry run, given when it
    # would do it (ONCE_FIXED, WITHOUT_DRY_RUN; see follow_outcome)
    would: Callable[[Text], tuple[Text, Text | None]] | None = None

    def where(self, lang: str = EN) -> str:
        parts = []
        if self.row is not None:
            parts.append(ROW.format(n=self.row)(lang))
        if self.code:
            parts.append(str(self.code))
        if self.field:
            parts.append(FIELD.format(name=self.field)(lang))
        return " ".join(parts)

    def text(self, lang: str = EN) -> str:
        label = SEVERITY_LABELS.get(self.severity)
        sev = label(lang) if label else self.severity
        where, msg = self.where(lang), self.message(lang)
        colon = "：" if lang == ZH else ": "
        return colon.join([sev, where, msg] if where else [sev, msg])


def nothing_written(problems: list[ImportProblem], dry_run: bool = False) -> Text | None:
    """When an import that writes nothing would do what its notes say: once its errors are
    fixed (refused), without --dry-run (a dry run); None where it writes."""
    if any(p.severity == ERROR for p in problems):
        return ONCE_FIXED
    return WITHOUT_DRY_RUN if dry_run else None


def follow_outcome(problems: list[ImportProblem], dry_run: bool = False) -> None:
    """Where an error refuses the import, or it is a dry run, each note of what it does with
    a row said as what it would do once the errors are fixed, or without --dry-run: such an
    import does nothing."""
    once = nothing_written(problems, dry_run)
    if once is None:
        return
    for p in problems:
        if p.would is not None:
            (p.message, p.alike), p.would = p.would(once), None


@dataclass
class RowChange:
    """A row the import updates or inserts: ``fields`` maps each column written to
    (old, new); geometry values are shown as "(geometry)"."""

    key: str
    row: int | None
    uuid: str | None
    fields: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)  # every column written (inserts: the row)


@dataclass
class Missing:
    """A row of the master the source does not have (kept unless --delete-missing)."""

    key: str
    uuid: str
    verifications: int = 0

    @property
    def deletable(self) -> bool:
        """Whether --delete-missing deletes it: never a patch with verification records,
        which would be left without their patch."""
        return not self.verifications


def summary(plan, lang: str = EN, delete_missing: bool = False, warned: int = 0) -> str:
    """What the import would do; ``warned``: the warnings said besides the plan's problems
    (the figures of a project its patches would hold unlike), counted with them."""
    warnings = len(plan.warnings) + warned
    src, crs = plan.source_info, plan.crs
    points = src.get("points")  # a list of points joined into boundaries
    lines = [Text(f"导入 {src['path']}（{src['format']}，图层 {src['name']}，"
                  f"{src['features']} 个要素" + (f"，由 {points} 个点连成" if points else "")
                  + f"）到 {_layer_title(plan.layer)}",
                  f"Import of {src['path']} ({src['format']}, layer {src['name']}, "
                  f"{counted(src['features'], 'feature')}"
                  + (f" of {points} points" if points else "")
                  + f") into {plan.layer}")]
    if plan.encoding:
        lines.append(Text(f"文本编码：{plan.encoding}（{_zh(plan.encoding_how)}）",
                          f"text encoding: {plan.encoding} ({plan.encoding_how})"))
    # (a refused import or a dry run writes nothing: what it would write, and when)
    u, i = len(plan.updates), len(plan.inserts)
    once = nothing_written(plan.problems, plan.dry_run)
    head = (Text(f"{once.zh}将更新 {u}，新增 {i}（未写入），未变 ",
                 f"would be updated {u}, new {i}{once.en} (nothing written), unchanged ")
            if once else Text(f"更新 {u}，新增 {i}，未变 ", f"updated {u}, new {i}, unchanged "))
    # (one found but refused, Xian 1980 or Beijing 1954, is named by its error, not unknown)
    refused = any(p.kind == "crs_needs_parameters" for p in plan.problems)
    lines += [
        Text("坐标系：" + (f"{crs.label}（{_zh(crs.how)}）→ EPSG:4490" if crs else
                         "不接受（见错误）" if refused else "未知"),
             "coordinate system: " + (f"{crs.label} ({crs.how}) -> EPSG:4490" if crs
                                      else "not accepted (see the error)" if refused
                                      else "unknown")),
        Text(f"字段对应（{_zh(plan.mapping_origin)}）："
             + _mapping_text(plan.mapping, "（无）", plan.layer),
             f"field mapping ({plan.mapping_origin}): " + _mapping_text(plan.mapping)),
        Text(f"{head.zh}{len(plan.unchanged)}{{errs}}，导入数据中缺少 {len(plan.missing)}{{done}}",
             f"{head.en}{len(plan.unchanged)}{{errs}}, missing from the source "
             f"{len(plan.missing)}"
             "{done}").format(done=_missing_done(plan.missing, delete_missing, once),
                              errs=Text(f"，有错误未比较 {len(plan.not_compared)}",
                                        f", in error (not compared) {len(plan.not_compared)}")
                              if plan.not_compared else NO_TEXT),
        Text(f"错误 {len(plan.errors)}，警告 {warnings}"
             + ("：存在错误，不会写入" if plan.errors else ""),
             f"errors {len(plan.errors)}, warnings {warnings}"
             + (": refused, nothing will be written" if plan.errors else "")),
    ]
    return "\n".join(line(lang) for line in lines)


def _missing_done(missing: list, delete_missing: bool, once: Text | None = None) -> Text:
    """What is done with the rows missing from the source (a refused import or a dry run
    deletes none: what it would delete ``once`` its errors are fixed, or without --dry-run)."""
    if not missing:
        return NO_TEXT
    if not delete_missing:
        return Text("（保留；--delete-missing 可删除）", " (kept; --delete-missing deletes them)")
    kept = sum(1 for m in missing if not m.deletable)
    if once:
        return Text(f"（--delete-missing：未删除；{once.zh}将删除 {len(missing) - kept}"
                    + (f"，保留 {kept} 个有核查记录的图斑" if kept else "") + "）",
                    f" (--delete-missing: none deleted; {len(missing) - kept} would be deleted"
                    f"{once.en}" + (
                        f", {kept} kept as they have verification records" if kept else "")
                    + ")")
    if not kept:
        return Text("（--delete-missing：删除）", " (--delete-missing: deleted)")
    return Text(f"（--delete-missing：删除 {len(missing) - kept}，保留 {kept} 个有核查记录的图斑）",
                f" (--delete-missing: {len(missing) - kept} deleted, {kept} kept as they have "
                "verification records)")


# the English notes of how the encoding, the coordinate system and the mapping were found,
# in Chinese for the summary
_ZH = (("recognised", "按字段名识别"), ("saved", "上次保存的对应"), (" + given", " + 指定"),
       ("name and parameters in the WKT", "坐标系名称与参数"),
       ("projection parameters", "投影参数"), ("EPSG authority in the WKT", "坐标系中的 EPSG 代码"),
       ("name in the WKT", "坐标系名称"), ("GeoJSON default (RFC 7946)", "GeoJSON 默认 WGS 84"),
       ("not UTF-8 as declared: valid GB18030/GBK", "并非所声明的 UTF-8：为有效的 GBK/GB18030"),
       ("the SRID of the WKT rows", "WKT 各行的 SRID"), ("given as", "指定为"),
       ("the source's own", "数据源自带的"),
       ("detected: valid UTF-8", "检测为 UTF-8"),
       ("detected: not UTF-8, valid GB18030/GBK", "检测为 GBK/GB18030"),
       ("detected: GB18030 with undecodable bytes replaced",
        "检测为 GB18030，无法解码的字节已替换"),
       (".cpg says", ".cpg 声明为"), ("plain ASCII text", "纯 ASCII 文本"),
       (".dbf language driver", ".dbf 语言驱动"),
       ("GeoPackage text is UTF-8", "GeoPackage 为 UTF-8"),
       ("GeoJSON is UTF-8", "GeoJSON 为 UTF-8"),
       ("UTF-8 byte order mark", "UTF-8 字节顺序标记（BOM）"),
       ("KML is XML: its declaration, else UTF-8", "KML 为 XML：按其声明，未声明即 UTF-8"),
       ("KML is always WGS 84 longitude/latitude", "KML 总是 WGS 84 经纬度"),
       ("GPX is XML: its declaration, else UTF-8", "GPX 为 XML：按其声明，未声明即 UTF-8"),
       ("GPX is always WGS 84 longitude/latitude", "GPX 总是 WGS 84 经纬度"),
       ("the columns ", "列 "), (" named longitude/latitude", " 名为经纬度"))


def _zh(text: str) -> str:
    for en, zh in _ZH:
        text = text.replace(en, zh)
    return text


def _layer_title(layer: str) -> str:
    """A plan layer by its Chinese title; a layer of the county's own by its name."""
    from ..plan import schema
    table = schema.BY_NAME.get(layer)
    return table.title.zh if table else layer


def _mapping_text(mapping: dict, none: str = "(none)", layer: str | None = None) -> str:
    """The fields mapped, each source field to its plan field: by the plan field's name, or
    (``layer`` given) in Chinese, by its label."""
    if layer is None:
        used = [f"{s} -> {t}" for s, t in mapping.items() if t]
        return ", ".join(used) if used else none
    from ..plan.values import field_label
    used = [f"{s} → {field_label(layer, t)}" for s, t in mapping.items() if t]
    return "、".join(used) if used else none


# the notes said of a row each, said once for all the rows of a kind and field
GROUPED = ("empty_kept", "new_left_empty")


def notes_grouped(problems: list[ImportProblem], layer: str,
                  features: int | None = None) -> list[ImportProblem]:
    """The problems as the command and Processing say them: a note said of each of many rows
    (a field the source leaves empty, a new row's fields left empty: hundreds for a big
    source) said once for its kind and field, where it was the first one's, with how many
    rows, the first ones named and the rest counted, as a merge names the later edits it
    refuses; so too any other problem said alike of several rows (a whole file's
    coordinates swapped, its advice on every row), as of all of them where they are all
    the source's ``features``; a problem of one row as it is."""
    def key(p: ImportProblem) -> tuple | None:
        if p.kind in GROUPED:
            if not p.detail:
                return None
            return p.kind, p.field, p.detail if p.kind == "new_left_empty" else p.detail[0]
        if p.row is None and not p.code:
            return None  # (not said of a row)
        alike = p.alike or Text("：" + p.message.zh, ": " + p.message.en)
        return p.severity, p.kind, p.field, alike.zh, alike.en
    groups: dict[tuple, list[ImportProblem]] = {}
    for p in problems:
        k = key(p)
        if k is not None:
            groups.setdefault(k, []).append(p)
    out = []
    for p in problems:
        k = key(p)
        group = groups.pop(k, []) if k is not None else [p]
        if group:  # (the rest of its group is said with the first)
            out.append(group[0] if len(group) == 1 else _grouped(group, layer, features))
    return out


def _rows_named(group: list[ImportProblem], lang: str, own) -> str:
    """The first rows of a group, each with what ``own`` says of it, and the rest counted."""
    from ..sync.later_edits import LATER_EDITS_NAMED
    named = group[:LATER_EDITS_NAMED]
    more = len(group) - len(named)
    said = [" ".join(w for w in (ROW.format(n=q.row)(lang) if q.row else "", q.code) if w)
            + ((f"（{own(q)}）" if lang == ZH else f" ({own(q)})") if own(q) else "")
            for q in named]
    if lang == ZH:
        return "、".join(said) + (f"，另有 {more} {'行' if own is _value else '个'}"
                                 if more else "")
    return ", ".join(said) + (f" and {more} more" if more else "")


def _value(q: ImportProblem) -> str:
    return q.detail[1]


def _grouped(group: list[ImportProblem], layer: str,
             features: int | None = None) -> ImportProblem:
    """One problem for a group of :func:`notes_grouped`."""
    from ..plan.values import field_label
    first, n = group[0], len(group)

    def rows(lang: str, value: bool) -> str:  # (a value kept: a row's, else a new row's)
        return _rows_named(group, lang, _value if value else (lambda q: ""))
    if first.kind == "empty_kept":
        t = first.detail[0]
        said = Text(f"导入数据中 {n} 行为空，各保留主库的{field_label(layer, t)}：{rows(ZH, True)}",
                    f"empty in the source in {n} rows, each keeping the master's {t}: "
                    f"{rows(EN, True)}")
    elif first.kind == "new_left_empty":  # (its alike: the rows as they would be added)
        empty = first.detail
        said = Text("{left}：{rows}", "{left}: {rows}").format(left=LEFT_EMPTY.format(
            row=(first.alike or NEW_ROWS[0]).format(n=n),
            fields=Text("、".join(field_label(layer, c) for c in empty), ", ".join(empty))),
            rows=Text(rows(ZH, False), rows(EN, False)))
    else:
        alike = first.alike or Text("：" + first.message.zh, ": " + first.message.en)
        whole = n == features
        said = Text(("全部 " if whole else "") + f"{n} 个要素{alike.zh}："
                    + _rows_named(group, ZH, lambda q: q.own),
                    ("all " if whole else "") + f"{n} features{alike.en}: "
                    + _rows_named(group, EN, lambda q: q.own))
    boxes = [q.bbox for q in group if q.bbox]  # (where they lie, all of them)
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes)) if boxes else None
    return ImportProblem(first.severity, first.kind, said, field=first.field, bbox=bbox)
