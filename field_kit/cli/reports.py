# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit progress``, ``report`` and ``check-plan``: the supervisor's commands.

:func:`register` adds them to the ``field-kit`` parser. Exit codes (see
:mod:`field_kit.errors`): 0 done; 2 bad input (missing file, not a plan GeoPackage, a field
package or a file without change capture given as the master, an output type other than
.xlsx/.pdf, an output marked read-only, a PDF asked for where PyQGIS is missing); 4 a bug.
``check-plan`` exits :data:`PLAN_INCONSISTENT` (6) when the plan has at least one
inconsistency, 0 when it has none (notes alone do not change the exit code), so a script
can tell "the check ran and found problems in the plan" from "the check could not run".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import errors
from ..bilingual import EN, ZH, display_width
from ..db import must_be_file, read_only, refuse_folder_to_write
from ..messages_zh import command_line_language
from ..reports.headings import (
    DONE,
    DONE_PERCENT,
    OF_2025,
    OF_2035,
    PATCHES_RESTORED,
    RESTORED_M2,
    done_shown,
    heading,
)
from ..reports.plan_check import Check, check_plan
from ..reports.progress import (
    NOT_VERIFIED,
    STATUS_LABELS,
    Progress,
    TargetProgress,
    percent_text,
    progress,
    report_date,
)
from ..reports.xlsx import name_in
from ..sync.masters import is_postgres, master_file, must_be_master, shapes_followed, shown_name
from .parsing import Help
from .said import _capture_not_whole, _capture_said, _derived, _tell

COMMANDS = ("progress", "report", "check-plan")
PLAN_INCONSISTENT = errors.PLAN_INCONSISTENT  # "done: the plan's own figures disagree"


# --- text tables ------------------------------------------------------------------------

def _pad(s: str, w: int, right: bool = False) -> str:
    gap = " " * max(0, w - display_width(s))
    return gap + s if right else s + gap


def table(headers: list[str], rows: list[list], right: frozenset[int] | set[int] = frozenset()
          ) -> str:
    """A plain text table, CJK characters counted double width."""
    cells = [[("" if v is None else str(v)) for v in r] for r in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells])
              for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(_pad(h, w, i in right) for i, (h, w) in enumerate(zip(headers, widths))),
           line]
    out += ["  ".join(_pad(c, w, i in right) for i, (c, w) in enumerate(zip(r, widths)))
            for r in cells]
    return "\n".join(out)


def _num(v, fmt: str = "g") -> str:
    return "" if v is None else format(v, fmt)


def _pct(v) -> str:
    return percent_text(v, "")


def _unit_both(t: TargetProgress) -> str:
    """A target's unit as the plan writes it and, where it differs, in English ("个 villages",
    "万亩 10⁴ mu")."""
    en = t.unit_in(EN, t.quantity)
    return t.unit if en == t.unit else f"{t.unit} {en}"


def _records_up_to(p: Progress, lang: str) -> str:
    """The day of the latest record counted, or why there is none (a master before any
    field work, a report date before every record: "records up to none" read as a day named
    none)."""
    said = p.records_up_to()
    return said.both() if lang == ZH else said.en


def format_progress(p: Progress, lang: str = ZH) -> str:
    """Where the county stands, in ``lang``: Chinese then English for a Chinese user, English
    alone for an English one, each name as the Excel report gives it; the figures alike."""
    if lang == EN:
        return _progress_in_english(p)
    parts = [p.title.both("\n"),
             f"进度 Progress — {_records_up_to(p, ZH)}; "
             f"核查 verifications {p.counts.get('verifications', 0)}, 检查 inspections "
             f"{p.counts.get('inspections', 0)}, 照片 photos {p.counts.get('photos', 0)}", ""]
    parts.append("指标（专栏3-1） Indicators")
    parts.append(table(
        ["指标 Indicator", "单位 Unit", "2020", "2025", "2035", "现状 Now",
         heading(OF_2025, ZH), heading(OF_2035, ZH)],
        [[f"{i.name_zh} {i.name_en}", f"{i.unit} {i.unit_en}" if i.unit != i.unit_en else i.unit,
          *_indicator_figures(i)] for i in p.indicators],
        right={2, 3, 4, 5, 6, 7}))
    if p.controls:
        parts += ["", "其他约束性指标与目标 Other binding controls and targets of the plan", table(
            ["指标 Indicator", "单位 Unit", "约束", "2025", "2035", "其他 Other", "现状 Now",
             "出处 Section"],
            [[f"{c.name_zh} {c.name_en}", f"{c.unit} {c.unit_en}" if c.unit != c.unit_en
              else c.unit, *_control_figures(c)] for c in p.controls], right={3, 4, 5, 6})]
    m = p.mine_area
    if m is not None:
        parts += ["", f"历史遗留矿山综合治理面积 {_mine_line(m)}"]
    since = [i for i in p.indicators if i.since_2020()]
    if since:  # (专栏3-1's figures are running totals from the 2020 base)
        parts += ["", "2020年以来新增 New since the 2020 base (专栏3-1 gives running totals)"]
        parts += [f"{i.name_zh} {i.name_en}: {i.since_2020().zh} / {i.since_2020().en}"
                  for i in since]
    heads = ["", "图斑 Patches", "已核查 Verified"] + [
        STATUS_LABELS[s].both() for s in _ORDER] + [heading(RESTORED_M2, ZH)]

    def named(group: str) -> str:  # (a township or phase in both languages)
        en = p.group_label(group, EN)
        return group if en == group else f"{group} {en}"

    parts += ["", "历史遗留矿山图斑（按乡镇） Legacy-mine patches by township",
              table(heads, _counts(p.by_township + [p.total], named), right=set(range(1, 9))),
              "", "按治理阶段 By phase",
              table(heads, _counts(p.by_phase, named), right=set(range(1, 9)))]
    parts += ["", "重点项目目标 Project targets (in the plan's units)", table(
        ["项目 Project", "目标 Target", "目标 Qty", "单位 Unit", heading(DONE, ZH),
         heading(DONE_PERCENT, ZH), "检查 Last", heading(PATCHES_RESTORED, ZH), "说明 Note"],
        [[t.project_id, f"{t.target_zh} {t.target_en}", t.as_written(t.quantity),
          _unit_both(t), *_target_figures(t, ZH),
          t.note.both(" / ") if t.note else ""] for t in p.targets], right={2, 4, 5, 7})]
    if p.cautions:
        parts += ["", f"注意 Cautions ({len(p.cautions)}): 这些数字所依据的记录 what the figures "
                  "above rest on, to look at before reporting them"]
        for n, c in enumerate(p.cautions, 1):
            parts += [f"{n}. {c.text.zh}", f"   {c.text.en}"]
    return "\n".join(parts)


def _progress_in_english(p: Progress) -> str:
    """:func:`format_progress` for an English user: the plan's names in the English the
    Excel report gives them (the Chinese where the plan gives none)."""
    parts = [p.title.en,
             f"Progress — {_records_up_to(p, EN)}; verifications "
             f"{p.counts.get('verifications', 0)}, inspections {p.counts.get('inspections', 0)}"
             f", photos {p.counts.get('photos', 0)}", ""]
    parts.append("Indicators (专栏3-1)")
    parts.append(table(
        ["Indicator", "Unit", "2020", "2025", "2035", "Now", OF_2025.en, OF_2035.en],
        [[name_in(i.name_zh, i.name_en, EN), i.unit_en or i.unit, *_indicator_figures(i)]
         for i in p.indicators], right={2, 3, 4, 5, 6, 7}))
    if p.controls:
        parts += ["", "Other binding controls and targets of the plan", table(
            ["Indicator", "Unit", "Constraint", "2025", "2035", "Other", "Now", "Section"],
            [[name_in(c.name_zh, c.name_en, EN), c.unit_en or c.unit, *_control_figures(c)]
             for c in p.controls], right={3, 4, 5, 6})]
    if p.mine_area is not None:
        parts += ["", _mine_line(p.mine_area)]
    since = [i for i in p.indicators if i.since_2020()]
    if since:
        parts += ["", "New since the 2020 base (专栏3-1 gives running totals)"]
        parts += [f"{name_in(i.name_zh, i.name_en, EN)}: {i.since_2020().en}" for i in since]
    heads = ["", "Patches", "Verified"] + [STATUS_LABELS[s](EN) for s in _ORDER] + [
        RESTORED_M2.en]

    def named(group: str) -> str:
        return p.group_label(group, EN)

    parts += ["", "Legacy-mine patches by township",
              table(heads, _counts(p.by_township + [p.total], named), right=set(range(1, 9))),
              "", "By phase", table(heads, _counts(p.by_phase, named), right=set(range(1, 9)))]
    parts += ["", "Project targets (in the plan's units)", table(
        ["Project", "Target", "Qty", "Unit", DONE.en, DONE_PERCENT.en, "Last inspected",
         PATCHES_RESTORED.en, "Note"],
        [[t.project_id, name_in(t.target_zh, t.target_en, EN), t.as_written(t.quantity),
          t.unit_in(EN, t.quantity), *_target_figures(t, EN), t.note(EN)]
         for t in p.targets], right={2, 4, 5, 7})]
    if p.cautions:
        parts += ["", f"Cautions ({len(p.cautions)}): what the figures above rest on, to look "
                  "at before reporting them"]
        parts += [f"{n}. {c.text.en}" for n, c in enumerate(p.cautions, 1)]
    return "\n".join(parts)


_ORDER = ("A", "C", "B", "D", NOT_VERIFIED)  # the statuses' columns


def _indicator_figures(i) -> list:
    return [_num(i.value_2020), _num(i.value_2025), _num(i.value_2035),
            _num(i.current, f".{i.current_places}f") if i.current is not None else "—",
            _pct(i.percent_2025), _pct(i.percent_2035)]


def _control_figures(c) -> list:
    return [c.comparison, c.as_written(c.value_2025), c.as_written(c.value_2035),
            c.as_written(c.value_other), "—" if c.current is None else format(c.current, "g"),
            c.section]


def _target_figures(t, lang: str) -> list:
    return [done_shown(t.completed, _num(t.completed), t.inspected_on, lang), _pct(t.percent),
            t.inspected_on or "",
            _num(t.patch_restored, f".{t.restored_places}f")]


def _counts(groups, named) -> list[list]:
    return [[named(g.group), g.patches, g.verified] + [g.by_status()[s] for s in _ORDER]
            + [f"{g.restored_area_m2:,.2f}"] for g in groups]


def _mine_line(m) -> str:
    return (f"Legacy mines remediated: {m.baseline_2020_km2:g} (2020) + {m.restored_text()} "
            f"restored = {m.current_text()} km²; 2025 target {m.target_2025_km2:g} "
            f"({_pct(m.percent_2025)}), 2035 target {m.target_2035_km2:g} "
            f"({_pct(m.percent_2035)})")


# --- commands -------------------------------------------------------------------------

def _shapes_followed(master) -> None:
    """First, the shapes edited in the master without their area and centre given those of
    the shape, so the figures count them; said as merge and pull say it. A field package or
    a file without change capture is refused before."""
    if not is_postgres(master):
        must_be_file(master)
        try:
            must_be_master(master)
        except errors.BadInput:
            check_plan(master)  # (reads only) a file that is no plan is said to be that first
            raise
    _derived(shapes_followed(master))


def _capture_warned(master) -> None:
    """Capture not whole in the master, said as a warning: the figures are read from its
    data as it is, which export and merge stop on until repair has looked."""
    _capture_said(master, _capture_not_whole(master), shown=False)


def cmd_progress(a) -> int:
    today = _report_day(a)
    _shapes_followed(a.master)
    _capture_warned(a.master)
    with master_file(a.master, needs="plan") as master:
        print(format_progress(progress(master, today), command_line_language()))
    return errors.OK


def _report_day(a) -> date | None:
    """The day ``--date`` gives (refused if after today, before the master is touched)."""
    today = date.fromisoformat(a.date) if a.date else None
    if today:
        report_date(today)
    return today


def cmd_check_plan(a) -> int:
    _shapes_followed(a.master)
    _capture_warned(a.master)
    with master_file(a.master, needs="plan") as master:
        check = check_plan(master)
    print(format_check(check, a.verbose, command_line_language()))
    return PLAN_INCONSISTENT if check.inconsistencies else errors.OK


def format_check(check: Check, verbose: bool = False, lang: str = ZH) -> str:
    """The plan's findings, in ``lang``: Chinese then English for a Chinese user, English
    alone for an English one (the plan's sections and sentences quoted as it writes them)."""
    en = lang == EN
    lines = []
    for n, f in enumerate(check.findings, 1):
        lines.append(f"{n}. [{f.severity_label(lang) if en else f.severity_label.both()}] "
                     f"{f.heading(lang) if en else f.heading.both()}")
        lines += [f"   {f.message.en}"] if en else [f"   {f.message.zh}", f"   {f.message.en}"]
        lines.append(f"   {'' if en else '出处 '}Sections: {'; '.join(f.sections)}")
        lines += [f"   {'' if en else '原文 '}Plan text: “{q}”" for q in f.quotes]
    if verbose and check.passed:
        lines.append("Consistent:" if en else "一致 Consistent:")
        lines += [f"   {f.heading(lang) if en else f.heading.both()}"
                  f"{': ' if en else '：'}{f.message.en if en else f.message.both(' / ')}"
                  for f in check.passed]
    n_inc, n_note, n_ok = len(check.inconsistencies), len(check.notes), len(check.passed)
    lines.append(f"{n_inc} inconsistencies, {n_note} notes, {n_ok} consistent" if en else
                 f"{n_inc} 处不一致 inconsistencies, {n_note} 条提示 notes, {n_ok} 项一致 "
                 "consistent")
    return "\n".join(lines)


def cmd_report(a) -> int:
    out = Path(a.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise errors.BadInput(f"--out must end in .xlsx (Excel workbook) or .pdf, not {out.name!r}")
    if not is_postgres(a.master):
        must_be_file(a.master)
    if not out.parent.is_dir():
        raise errors.BadInput(f"no such folder for the report: {out.parent}")
    refuse_folder_to_write(out)  # (said before the report is drawn)
    if out.is_file() and not out.stat().st_mode & 0o222:
        raise read_only(str(out))  # marked read-only by its owner: not replaced, even by root
    today = _report_day(a)
    _shapes_followed(a.master)
    _capture_warned(a.master)
    with master_file(a.master, needs="plan") as master:
        _write_report(master, out, suffix, today, shown_name(a.master))
    _tell(f"report written: {out}")
    return errors.OK


def _write_report(master: str, out: Path, suffix: str, today, name: str) -> None:
    """The report of ``master`` (a PostgreSQL master's stage) written to ``out``; ``name``:
    the master as people know it, which the PDF names its data by."""
    if suffix == ".xlsx":
        from ..reports.xlsx import write_xlsx

        write_xlsx(master, out, today=today, lang=command_line_language())
    else:
        writer = _report_writer("pdf")
        if writer is None:
            raise errors.BadInput(
                "a PDF report is drawn by QGIS, and no PDF writer is installed with this "
                "Python (the QGIS plugin's printing registers one); write an .xlsx instead, or "
                "run field-kit with the Python that QGIS uses")
        writer(master, out, today, lang=command_line_language(), master_name=name)


# entry points: format -> fn(master, out, report_date, lang=..., master_name=...)
WRITERS = "toksun.report_writers"


def _report_writer(fmt: str):
    """The report writer another package registers for ``fmt`` (the QGIS plugin's printing
    for PDF), found by its entry point: the library never imports the plugin."""
    from importlib.metadata import entry_points

    found = entry_points()
    group = (found.select(group=WRITERS) if hasattr(found, "select")  # Python 3.10+
             else found.get(WRITERS, ()))  # type: ignore[attr-defined]
    for ep in group:
        if ep.name == fmt:
            try:
                return ep.load()
            except ImportError:  # registered, but QGIS is not importable from this Python
                return None
    return None


def _iso_date(text: str) -> str:
    import argparse

    try:
        date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("--date is YYYY-MM-DD") from None
    return text


def register(subparsers) -> None:
    """Add ``progress``, ``report`` and ``check-plan`` to the ``field-kit`` subparsers."""
    def add(name, fn, help_):
        sp = subparsers.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        return sp

    sp = add("progress", cmd_progress, Help(
        "where the county stands against the plan's 2025 and 2035 targets, from the master's "
        "records", "根据主库的记录，对照规划 2025 年和 2035 年的目标显示全县的进度"))
    sp.add_argument("master")
    sp.add_argument("--date", type=_iso_date, help=Help(
        "count the records dated up to this day (YYYY-MM-DD; default: today), as the report "
        "of that date does",
        "只统计这一天及以前的记录（YYYY-MM-DD；默认：今天），与该日期的报告一致"))
    sp = add("report", cmd_report, Help(
        "write the supervisor's report: an Excel workbook (.xlsx) or a PDF with a page a patch "
        "(.pdf, needs QGIS)",
        "生成主管报告：Excel 工作簿（.xlsx），或每个图斑一页的 PDF（.pdf，需要 QGIS）"))
    sp.add_argument("master")
    sp.add_argument("--out", required=True, help=Help("FILE.xlsx or FILE.pdf",
                                                      "FILE.xlsx 或 FILE.pdf"))
    sp.add_argument("--date", type=_iso_date, help=Help("report date (default: today)",
                                                        "报告日期（默认：今天）"))
    sp = add("check-plan", cmd_check_plan, Help(
        "check the plan's own figures against each other; exit code "
        f"{PLAN_INCONSISTENT} when it finds an inconsistency",
        f"核对规划自身的数字是否前后一致；发现不一致时退出码为 {PLAN_INCONSISTENT}"))
    sp.add_argument("master")
    sp.add_argument("-v", "--verbose", action="store_true", help=Help(
        "list the checks that agree too", "也列出一致的核对项"))
