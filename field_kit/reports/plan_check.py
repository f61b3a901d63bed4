# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's own numbers checked against each other.

Every figure is read from the plan GeoPackage (``plan_indicators``, ``project_targets``,
``restoration_programs``, ``restoration_projects``, ``mine_patches``), except the few
sentences of the plan's text the GeoPackage does not hold: those are kept below as
:data:`TEXT_FACTS`, each with its quote and section, so a finding always shows where its
numbers come from. Arithmetic is exact (fractions of the decimals as the plan writes them).

A finding is an ``inconsistency`` (two figures of the plan cannot both be right) or a
``note`` (the figures agree, but a reader should know something: a gap, a reference to
nothing). Checks that pass are listed too (:attr:`Check.passed`), so a supervisor sees what
was checked, not only what failed.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from fractions import Fraction

from ..bilingual import EN, ZH, Text, counted
from ..db import connect, table_exists
from ..plan import units
from ..plan.values import field_label
from ..sync import log_reads, project_figures
from . import patch_layer, plan_figures
from .finding_titles import figures_said, title_of
from .progress import as_written, refuse_unreadable_figures, refuse_without_plan

INCONSISTENCY = "inconsistency"
NOTE = "note"
SEVERITY_LABELS = {INCONSISTENCY: Text("不一致", "Inconsistency"), NOTE: Text("提示", "Note")}

MINE_INDICATOR = "legacy_mine_remediation_area"
ZONE_SECTION = "第三节 各分区生态修复重点工程"
GOALS_SECTION = "第三节 规划目标"


@dataclass(frozen=True)
class TextFact:
    """A figure stated in the plan's text that the GeoPackage does not hold."""

    value: Fraction | None
    quote: str
    section: str


# Sentences of the plan (../shared/plan/toksun-restoration-plan-2021-2035.txt) that the
# GeoPackage does not carry. tests/unit/test_plan_check.py checks each quote is in the plan.
TEXT_FACTS = {
    "zone_programs_stated": TextFact(
        Fraction(6), "依据托克逊县国土空间生态修复分区，部署6项重点工程，共计1716项重点项目。",
        "第六章 重点工程 " + ZONE_SECTION),
    "zone_projects_stated": TextFact(
        Fraction(1716), "依据托克逊县国土空间生态修复分区，部署6项重点工程，共计1716项重点项目。",
        "第六章 重点工程 " + ZONE_SECTION),
    "column_6_3": TextFact(
        None, "部署1项重点工程（专栏6-3）",
        "第六章 重点工程 第二节 山水林田湖草沙一体化生态保护修复重点工程"),
    "column_6_4": TextFact(
        None, "实施区域、建设内容、时序安排见专栏6-4", "第六章 重点工程 " + ZONE_SECTION),
    "column_6_9": TextFact(
        None, "建设内容与时序安排见专栏6-9", "第六章 重点工程 " + ZONE_SECTION),
    # the projects of a program whose column the plan lacks, counted in its text instead
    "projects_6_4": TextFact(
        Fraction(6), "为天山南坡东段水源涵养与生物多样性保护生态修复重点工程，下设6项重点项目",
        "第六章 重点工程 " + ZONE_SECTION),
}
# where the text, not a column, gives a program's projects: its column -> the text's fact
PROJECTS_IN_TEXT = {"专栏6-4": "projects_6_4"}
# Column references made in the text with no such column in the plan (专栏6-3, 6-4, 6-9).
MISSING_COLUMNS = ("专栏6-3", "专栏6-4", "专栏6-9")


@dataclass(frozen=True)
class Finding:
    id: str
    severity: str
    message: Text
    figures: dict  # name -> value (str of an exact decimal, or int, or text)
    sections: tuple[str, ...]
    quotes: tuple[str, ...] = ()
    # what a person reads it by (the id is what a machine reads): the check's own, else
    # the title of its id
    title: Text | None = None
    # a figure a person reads by a name, where the machine's value is a key (an indicator
    # by its title, not its id)
    named: dict[str, Text] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.title is None:
            object.__setattr__(self, "title", title_of(self.id))

    @property
    def heading(self) -> Text:
        assert self.title is not None  # (given at construction)
        return self.title

    def figures_said(self, lang: str = ZH) -> str:
        """The figures as ``name: value`` pairs in ``lang``."""
        return figures_said(self.figures_in(lang), lang)

    @property
    def severity_label(self) -> Text:
        return SEVERITY_LABELS[self.severity]

    def figures_in(self, lang: str = ZH) -> dict:
        """The figures as a reader of ``lang`` reads them: the numbers alike, a row by its
        name (:attr:`named`), the unit in English for an English one (km², not the plan's
        平方千米)."""
        out = {**self.figures, **{k: t(lang) for k, t in self.named.items()}}
        if lang == EN and "unit" in out:
            out["unit"] = units.symbol(out["unit"], EN)
        return out


@dataclass
class Check:
    findings: list[Finding] = field(default_factory=list)
    passed: list[Finding] = field(default_factory=list)

    @property
    def inconsistencies(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == INCONSISTENCY]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == NOTE]


def exact(value) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    return Fraction(repr(float(value)))


def projects(n: int | str) -> str:
    return counted(n, "project")


def patches(n: int | str) -> str:
    return counted(n, "patch", "patches")


def dec(value: Fraction | None, places: int = 4) -> str:
    """An exact value as a short decimal ("0.74", "3.18", "1716")."""
    if value is None:
        return ""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(round(value, places)):.{places}f}".rstrip("0").rstrip(".")
    return text if round(value, places) == value else "≈" + text


def _rows(conn, sql, *args) -> list[dict]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _indicator(conn, indicator_id: str) -> dict | None:
    rows = _rows(conn, "SELECT * FROM plan_indicators WHERE indicator_id = ?", indicator_id)
    return rows[0] if rows else None


def _mine_targets(conn, start: int, end: int, unit: str) -> tuple[list[dict], Fraction]:
    """The area targets of the legacy-mine projects of a period, and their sum in ``unit``."""
    rows = _rows(conn, """
        SELECT p.project_id, p.name_zh, p.column_ref, t.quantity, t.unit, t.plan_quote
        FROM project_targets t JOIN restoration_projects p ON p.uuid = t.project_uuid
        WHERE p.program_id = (SELECT program_id FROM restoration_projects
                              WHERE uuid IN (SELECT project_uuid FROM mine_patches) LIMIT 1)
          AND p.period_start = ? AND p.period_end = ?
        ORDER BY p.seq, p.project_id""", start, end)
    rows = [r for r in rows if units.is_area(r["unit"])]
    total = sum((units.convert(exact(r["quantity"]), r["unit"], unit) for r in rows), Fraction(0))
    return rows, total


def _columns(rows: list[dict]) -> tuple[str, ...]:
    return tuple(sorted({r["column_ref"] for r in rows if r["column_ref"]}))


def _check_mine_area(conn, check: Check) -> None:
    ind = _indicator(conn, MINE_INDICATOR)
    if ind is None:
        return
    unit = ind["unit"] or "平方千米"
    v2020, v2025, v2035 = (exact(ind[k]) for k in ("value_2020", "value_2025", "value_2035"))
    near, near_sum = _mine_targets(conn, 2021, 2025, unit)
    mid, mid_sum = _mine_targets(conn, 2026, 2030, unit)
    terms = "+".join(as_written(r["quantity"], r["plan_quote"]) for r in near)
    mid_terms = "+".join(as_written(r["quantity"], r["plan_quote"]) for r in mid)
    ind_section = ind["section"] or "专栏3-1"
    if near and v2020 is not None and v2025 is not None:
        rise = v2025 - v2020
        figures = {"projects_2021_2025": terms, "projects_2021_2025_total": dec(near_sum),
                   "indicator_2020": dec(v2020), "indicator_2025": dec(v2025),
                   "indicator_rise": dec(rise), "difference": dec(near_sum - rise),
                   "unit": unit}
        sections = (ind_section,) + _columns(near)
        if near_sum != rise:
            check.findings.append(Finding(
                "mine_projects_2021_2025_vs_indicator", INCONSISTENCY,
                Text(f"2021–2025年历史遗留矿山治理项目面积合计 {terms} = {dec(near_sum)} {unit}，"
                f"而指标“历史遗留矿山综合治理面积”由 {dec(v2020)} 增至 {dec(v2025)} {unit}，"
                f"仅增加 {dec(rise)} {unit}，相差 {dec(near_sum - rise)} {unit}。",
                f"The 2021–2025 legacy-mine projects total {terms} = {dec(near_sum)} "
                f"{units.symbol(unit, 'en')}, while the indicator rises from {dec(v2020)} to "
                f"{dec(v2025)} {units.symbol(unit, 'en')}, by only {dec(rise)}: "
                f"{dec(near_sum - rise)} {units.symbol(unit, 'en')} apart."),
                figures, sections))
        else:
            check.passed.append(Finding(
                "mine_projects_2021_2025_vs_indicator", NOTE,
                Text(f"2021–2025年项目面积合计 {dec(near_sum)} {unit} "
                f"等于指标增量 {dec(rise)} {unit}。",
                f"The 2021–2025 projects total {dec(near_sum)}, the indicator's rise."),
                figures, sections))
    if mid and v2025 is not None and v2035 is not None:
        chained = v2025 + mid_sum
        remaining = _indicator(conn, "mine_patches_2031_2035")
        figures = {"indicator_2025": dec(v2025), "projects_2026_2030": mid_terms,
                   "projects_2026_2030_total": dec(mid_sum), "sum": dec(chained),
                   "indicator_2035": dec(v2035), "unit": unit}
        sections = (ind_section,) + _columns(mid)
        quotes: tuple[str, ...] = ()
        extra_zh = extra_en = ""
        if remaining is not None and remaining["value_2035"]:
            n = dec(exact(remaining["value_2035"]))
            figures["patches_2031_2035"] = n
            sections += (remaining["section"],)
            quotes = (remaining["plan_quote"],)
            extra_zh = f"但这样远期（2031–2035年）剩余的 {n} 个图斑未计入任何面积。"
            extra_en = f" But then the {n} patches left for 2031–2035 add no area at all."
        if chained == v2035:
            check.findings.append(Finding(
                "mine_2035_equals_2025_plus_2026_2030", NOTE,
                Text(f"{dec(v2025)} + {dec(mid_sum)}（2026–2030年项目 {mid_terms}）= "
                f"{dec(chained)} "
                f"{unit}，正是2035年目标 {dec(v2035)} {unit}：表中2025年数值按累计总量计。"
                + extra_zh,
                f"{dec(v2025)} + {dec(mid_sum)} (the 2026–2030 projects {mid_terms}) = "
                f"{dec(chained)} {units.symbol(unit, 'en')}, exactly the 2035 target: the table "
                f"reads 2025 as a cumulative total." + extra_en),
                figures, sections, quotes))
        else:
            check.findings.append(Finding(
                "mine_2035_equals_2025_plus_2026_2030", INCONSISTENCY,
                Text(f"{dec(v2025)} + {dec(mid_sum)}（2026–2030年项目）= {dec(chained)} {unit}，"
                f"与2035年目标 {dec(v2035)} {unit} 不符。",
                f"{dec(v2025)} + {dec(mid_sum)} (2026–2030 projects) = {dec(chained)}, not the "
                f"2035 target {dec(v2035)}."), figures, sections, quotes))
    quote = ind["plan_quote"] or ""
    if "新增" in quote and v2025 is not None and v2020 is not None:
        as_new = v2020 + v2025
        figures = {"text_2025": quote, "table_2020": dec(v2020), "table_2025": dec(v2025),
                   "if_new_2025_total": dec(as_new), "table_2035": dec(v2035), "unit": unit}
        check.findings.append(Finding(
            "mine_2025_new_vs_total", INCONSISTENCY,
            Text(f"规划目标写“{quote}”（新增），而专栏3-1 中 {dec(v2025)} 是2025年的总量"
            f"（2020年为 {dec(v2020)}）。若为新增，2025年总量应为 {dec(v2020)} + {dec(v2025)} = "
            f"{dec(as_new)} {unit}，已超过2035年目标 {dec(v2035)} {unit}。",
            f"The 2025 goal says \"{quote}\" (新增: newly remediated), while table "
            f"专栏3-1 reads {dec(v2025)} as the 2025 total (2020: {dec(v2020)}). Read as new, the "
            f"2025 total would be {dec(as_new)} {units.symbol(unit, 'en')}, above the 2035 target "
            f"{dec(v2035)}."),
            figures, (GOALS_SECTION, ind_section), (quote,)))


def _check_key_projects(conn, check: Check) -> None:
    programs = _rows(conn, "SELECT program_id, name_zh, column_ref FROM restoration_programs "
                           "WHERE section = ? ORDER BY fid", ZONE_SECTION)
    if not programs:
        return
    ids = [p["program_id"] for p in programs]
    projects = _rows(conn, "SELECT program_id, count(*) AS n FROM restoration_projects WHERE "
                           f"program_id IN ({','.join('?' * len(ids))}) GROUP BY program_id",
                           *ids)
    per = {r["program_id"]: r["n"] for r in projects}
    listed = sum(per.values())
    stated = TEXT_FACTS["zone_projects_stated"]
    stated_programs = TEXT_FACTS["zone_programs_stated"]
    columns = tuple(p["column_ref"] for p in programs)
    sources = [_projects_source(p["column_ref"], per.get(p["program_id"], 0))
               for p in programs]
    breakdown = Text(*(" + ".join(f"{per.get(p['program_id'], 0)}（{source.zh}）"
                                  if lang == ZH else
                                  f"{per.get(p['program_id'], 0)} ({source.en})"
                                  for p, source in zip(programs, sources))
                       for lang in (ZH, EN)))
    # (a column the plan lacks is no source of a figure)
    held = tuple(c for c in columns if c not in MISSING_COLUMNS)
    in_text = tuple(TEXT_FACTS[PROJECTS_IN_TEXT[c]].quote for c in columns
                    if c in PROJECTS_IN_TEXT)
    figures = {"stated_projects": dec(stated.value), "listed_projects": listed,
               "listed_by_program": {p["column_ref"]: per.get(p["program_id"], 0)
                                     for p in programs}}
    program_figures = {"stated_programs": dec(stated_programs.value),
                       "listed_programs": len(programs)}
    if Fraction(listed) != stated.value:
        check.findings.append(Finding(
            "zone_key_projects_1716", INCONSISTENCY,
            Text(f"正文称“部署{dec(stated_programs.value)}项重点工程，共计{dec(stated.value)}项重点项目”，"
            f"而各工程所列重点项目为 {breakdown.zh} = {listed} 项（“1716”疑为“16”之误）。",
            f"The text says \"6 key programs, {dec(stated.value)} key projects in all\", while the "
            f"programs list {breakdown.en} = {listed} projects "
            f"(\"1716\" reads like a slip for 16)."),
            figures, (stated.section,) + held, (stated.quote, *in_text)))
    if Fraction(len(programs)) != stated_programs.value:
        check.findings.append(Finding(
            "zone_key_programs", INCONSISTENCY,
            Text(f"正文称部署{dec(stated_programs.value)}项重点工程，各专栏列 {len(programs)} 项。",
            f"The text says {dec(stated_programs.value)} key programs; the columns list "
            f"{len(programs)}."), program_figures, (stated.section,) + columns,
            (stated_programs.quote,)))
    else:
        check.passed.append(Finding(
            "zone_key_programs", NOTE,
            Text(f"分区重点工程 {len(programs)} 项，与正文“部署6项重点工程”一致。",
            f"{len(programs)} zone key programs, as the text says."), program_figures,
            (stated.section,)))


def _projects_source(column: str, n: int) -> Text:
    """Where the plan lists the projects of the program of ``column``, ``n`` in the tables:
    that column, or, where the plan has no such column, the text's count of them (the
    tables' ``n`` said apart from it where they differ), or nothing."""
    if column not in MISSING_COLUMNS:
        return Text(column, column)
    if column in PROJECTS_IN_TEXT:
        fact = TEXT_FACTS[PROJECTS_IN_TEXT[column]]
        quote = fact.quote.split("，")[-1]
        if Fraction(n) != fact.value:
            return Text(f"表中所列；正文“{quote}”为 {dec(fact.value)} 项；规划无{column}",
                        f"in the tables; the text, quoted below, counts {dec(fact.value)}; "
                        f"the plan has no {column}")
        return Text(f"正文“{quote}”，规划无{column}", f"counted in the text, quoted below; the "
                    f"plan has no {column}")
    return Text(f"规划无{column}，正文亦未列项目",
                f"the plan has no {column}, nor does the text list any")


def _check_missing_columns(conn, check: Check) -> None:
    programs = _rows(conn, "SELECT program_id, name_zh, column_ref, content, period, section "
                           "FROM restoration_programs ORDER BY fid")
    facts = {"专栏6-3": TEXT_FACTS["column_6_3"], "专栏6-4": TEXT_FACTS["column_6_4"],
             "专栏6-9": TEXT_FACTS["column_6_9"]}
    found = []
    for col in MISSING_COLUMNS:
        prog = next((p for p in programs if p["column_ref"] == col), None)
        if prog is None:
            continue
        n = conn.execute("SELECT count(*) FROM restoration_projects WHERE program_id = ?",
                         (prog["program_id"],)).fetchone()[0]
        found.append((col, prog, n))
    if not found:
        return
    cols = [c for c, _, _ in found]
    detail_zh = "；".join(f"{c}（{p['name_zh']}，表中项目 {n} 项）" for c, p, n in found)
    detail_en = "; ".join(f"{c} ({p['program_id']}, {counted(n, 'project')} in the tables)"
                          for c, p, n in found)
    check.findings.append(Finding(
        "referenced_columns_missing", NOTE,
        Text(f"正文引用了{'、'.join(cols)}，但规划文本中没有这些专栏：{detail_zh}。"
        "其实施区域、建设内容与时序安排无从核对。",
        f"The text refers to {', '.join(cols)}, but the plan has no such columns: {detail_en}. "
        "Their areas, contents and timing cannot be checked."),
        {"columns": cols, "projects": {c: n for c, _, n in found}},
        tuple(dict.fromkeys(facts[c].section for c in cols)) + tuple(cols),
        tuple(facts[c].quote for c in cols)))


def _check_water_share(conn, check: Check) -> None:
    now = _indicator(conn, "agricultural_water_share_2020")
    drop = _indicator(conn, "agricultural_water_share_reduction")
    cap = _indicator(conn, "agricultural_water_share")
    if now is None or drop is None or cap is None:
        return
    v_now, v_drop, v_cap = exact(now["value_2020"]), exact(drop["value_2025"]), \
        exact(cap["value_2025"])
    if v_now is None or v_drop is None or v_cap is None:
        return
    result = v_now - v_drop
    figures = {"share_2020_percent": dec(v_now), "reduction_points": dec(v_drop),
               "result_percent": dec(result), "stated_cap_percent": dec(v_cap),
               "difference_points": dec(result - v_cap)}
    sections = tuple(dict.fromkeys((now["section"], drop["section"], cap["section"])))
    quotes = (now["plan_quote"], drop["plan_quote"], cap["plan_quote"])
    if result != v_cap:
        check.findings.append(Finding(
            "agricultural_water_share", INCONSISTENCY,
            Text(f"农业用水占比现状 {dec(v_now)}%，下降 {dec(v_drop)} 个百分点应为 {dec(result)}%，"
            f"而规划同句称“不超过 {dec(v_cap)}%”，相差 {dec(result - v_cap)} 个百分点。",
            f"The agricultural share of water use is {dec(v_now)}% now; down {dec(v_drop)} points "
            f"gives {dec(result)}%, while the same sentence caps it at {dec(v_cap)}%: "
            f"{dec(result - v_cap)} points apart."), figures, sections, quotes))
    else:
        check.passed.append(Finding("agricultural_water_share", NOTE,
                                    Text(f"{dec(v_now)}% − {dec(v_drop)} = {dec(v_cap)}%",
                                    f"{dec(v_now)}% − {dec(v_drop)} = {dec(v_cap)}%"),
                                    figures, sections, quotes))


# patches a finding names, the rest counted
NAMED_PATCHES = 5


def _patches_edited(conn) -> list[str]:
    """The patches the master's change log adds, deletes or moves to another phase or
    project (the edits captured since the last command too), by code (the plan as built
    has no log: none), in code order; a patch whose code is nowhere at hand by its uuid."""
    if not table_exists(conn, "sync_changes"):
        return []
    # (a staged PostgreSQL master holds the log's changes of those patches alone)
    log = log_reads.log_sql(conn) if table_exists(conn, "sync_capture") else \
        "SELECT * FROM sync_changes"
    code = "coalesce(json_extract(old, '$.patch_code'), json_extract(new, '$.patch_code'))"
    return [name for (name,) in conn.execute(
        f"WITH log AS ({log}) SELECT coalesce((SELECT patch_code FROM mine_patches WHERE "
        f"uuid = e.row_uuid), (SELECT {code} FROM log c WHERE c.row_uuid = e.row_uuid AND "
        f"{code} IS NOT NULL ORDER BY seq DESC LIMIT 1), e.row_uuid) AS name FROM (SELECT "
        "DISTINCT row_uuid FROM log WHERE tbl = 'mine_patches' AND (op != 'update' OR "
        "json_type(new, '$.phase') IS NOT NULL OR json_type(new, '$.project_id') IS NOT "
        "NULL)) e ORDER BY name")]


def _check_patch_counts(conn, check: Check) -> None:
    """Projects and patches of 专栏6-1/6-2 against the text's counts, and 221 in all."""
    get: dict[str, dict] = {}
    for i in ("mine_projects_2021_2025", "mine_patches_2021_2025", "mine_projects_2026_2030",
              "mine_patches_2026_2030", "mine_patches_2031_2035",
              "legacy_mine_patches_untreated"):
        got = _indicator(conn, i)
        if got is None:
            return
        get[i] = got

    def val(i):
        r = get[i]
        return next((exact(r[k]) for k in ("value_2025", "value_2035", "value_other")
                     if r[k] is not None), None)

    edited = _patches_edited(conn)
    for phase, start, end in (("近期", 2021, 2025), ("中期", 2026, 2030)):
        n_proj = conn.execute("SELECT count(DISTINCT project_id) FROM mine_patches WHERE "
                              "phase = ?", (phase,)).fetchone()[0]
        n_patch = conn.execute("SELECT count(*) FROM mine_patches WHERE phase = ?",
                               (phase,)).fetchone()[0]
        key = f"{start}_{end}"
        want_proj, want_patch = val(f"mine_projects_{key}"), val(f"mine_patches_{key}")
        figures = {"stated_projects": dec(want_proj), "listed_projects": n_proj,
                   "stated_patches": dec(want_patch), "listed_patches": n_patch}
        sec = (get[f"mine_projects_{key}"]["section"],
               "专栏6-1" if start == 2021 else "专栏6-2")
        ok = Fraction(n_proj) == want_proj and Fraction(n_patch) == want_patch
        text = Text(f"{start}–{end}年：正文 {dec(want_proj)} 个项目、{dec(want_patch)} 个图斑；"
                    f"专栏列 {n_proj} 个项目、{n_patch} 个图斑。",
                    f"{start}–{end}: the text says {projects(dec(want_proj))}, "
                    f"{patches(dec(want_patch))}; the column lists {projects(n_proj)}, "
                    f"{patches(n_patch)}.")
        if not ok and edited:  # the master's patches since, not the plan's column
            figures["patches_edited"] = len(edited)
            more = len(edited) - NAMED_PATCHES
            names = "、".join(edited[:NAMED_PATCHES]) + ("等" if more > 0 else "")
            text = Text(f"{start}–{end}年：正文 {dec(want_proj)} 个项目、{dec(want_patch)} 个"
                        f"图斑；主库现有 {n_proj} 个项目、{n_patch} 个图斑：规划载入后主库中共有 "
                        f"{len(edited)} 个图斑（各期合计）被新增、删除或改了期次、项目（{names}；"
                        "field-kit history 图斑编号 可查其修改），"
                        "此差异属于主库，不是规划的不一致。",
                        f"{start}–{end}: the text says {projects(dec(want_proj))}, "
                        f"{patches(dec(want_patch))}; the master now holds "
                        f"{projects(n_proj)}, {patches(n_patch)}: {patches(len(edited))} of "
                        f"any period in all {'was' if len(edited) == 1 else 'were'} added, "
                        "deleted or moved to another phase or project in the master since "
                        f"the plan was loaded ({', '.join(edited[:NAMED_PATCHES])}"
                        + (f" and {more} more" if more > 0 else "")
                        + "; `field-kit history CODE` lists a patch's changes), so the "
                        "difference is the master's, not an inconsistency of the plan.")
        twice = patch_layer.codes_shared(conn, phase)  # (a patch split, a row copied)
        if twice:
            figures["codes_counted_again"] = {code: k for code, k in twice}
            codes = n_patch - sum(k - 1 for _, k in twice)
            text = Text(text.zh + "其中" + "、".join(
                f"图斑编号 {code} 计了 {k} 次" for code, k in twice)
                + f"（为多个图斑共有：分割的图斑或复制的行），按编码计为 {codes} 个图斑。",
                text.en + " Of them, " + ", ".join(
                    f"the patch code {code} is counted {k} times" for code, k in twice)
                + " (held by more than one patch: a patch split, or a row copied): "
                f"{patches(codes)} by their codes.")
        (check.passed if ok else check.findings).append(Finding(
            f"mine_patch_count_{key}", NOTE if ok or edited else INCONSISTENCY, text, figures,
            sec, title=Text(f"{start}–{end}年矿山治理项目与图斑个数",
                            f"Legacy-mine projects and patches of {start}–{end}")))
    parts = [val("mine_patches_2021_2025"), val("mine_patches_2026_2030"),
             val("mine_patches_2031_2035")]
    total = val("legacy_mine_patches_untreated")
    figures = {"parts": [dec(p) for p in parts], "sum": dec(sum(parts)), "stated": dec(total)}
    ok = sum(parts) == total
    (check.passed if ok else check.findings).append(Finding(
        "mine_patch_total", NOTE if ok else INCONSISTENCY,
        Text(f"{' + '.join(dec(p) for p in parts)} = {dec(sum(parts))} 个图斑，"
        f"未治理图斑总数 {dec(total)} 个。",
        f"{' + '.join(dec(p) for p in parts)} = {patches(dec(sum(parts)))}; {dec(total)} "
        "untreated in all."), figures, (get["legacy_mine_patches_untreated"]["section"],)))


# the plan's tables of the legacy-mine projects and their patches
MINE_COLUMNS = ("专栏6-1", "专栏6-2")


def _check_patch_layer(conn, check: Check) -> None:
    """Each patch's township in the townships layer, and each patch code one patch's: else
    the patch counts read by township, and of the county, are not the patches'."""
    for township, n in patch_layer.townships_not_held(conn):
        check.findings.append(Finding(
            "patch_township_not_held", INCONSISTENCY,
            Text(f"{n} 个图斑所填乡镇“{township}”不在乡镇图层中。",
                 f"{patches(n)} name the township {township}, which is not in the townships "
                 "layer."), {"township": township, "patches": n}, MINE_COLUMNS))
    for code, n in patch_layer.codes_shared(conn):
        check.findings.append(Finding(
            "patch_code_shared", INCONSISTENCY,
            Text(f"图斑编号 {code} 为 {n} 个图斑共有，每个图斑编号应只属一个图斑。",
                 f"The patch code {code} is held by {patches(n)}; a code names one patch."),
            {"patch_code": code, "patches": n}, MINE_COLUMNS))
    if not any(f.id in ("patch_township_not_held", "patch_code_shared")
               for f in check.findings):
        check.passed.append(Finding(
            "patch_layer", NOTE, Text("每个图斑编号只属一个图斑，图斑所填乡镇均在乡镇图层中。",
                                      "Each patch code is one patch's, and each patch's "
                                      "township is in the townships layer."),
            {}, MINE_COLUMNS))


def _check_project_figures(conn, check: Check) -> None:
    """The patches of each project alike on the figures of the project each repeats."""
    apart = project_figures.disagreeing(conn)
    for a in apart:
        got = conn.execute("SELECT column_ref FROM restoration_projects WHERE project_id = ?",
                           (a.project,)).fetchone() if table_exists(
                               conn, "restoration_projects") else None
        held = project_figures.values_in_chinese(", ".join(a.values))
        check.findings.append(Finding(
            f"project_figures_{a.project}_{a.column}", INCONSISTENCY,
            Text(f"项目 {a.project} 的各图斑所填“{field_label(a.table, a.column)}”不一致："
                 f"{held}。这是项目的数值，每个图斑都应相同。",
                 f"The patches of project {a.project} disagree on "
                 f"“{field_label(a.table, a.column, EN)}”, a figure of "
                 f"the project each of its patches repeats: {', '.join(a.values)}."),
            {"project": a.project, "column": a.column, "values": list(a.values)},
            (got[0],) if got and got[0] else MINE_COLUMNS,
            title=Text(f"项目 {a.project} 各图斑所填“{field_label(a.table, a.column)}”",
                       f"“{field_label(a.table, a.column, EN)}” of the patches of project "
                       f"{a.project}")))
    if not apart:
        check.passed.append(Finding(
            "project_figures", NOTE, Text("每个项目的各图斑所填项目数值（项目治理面积、项目图斑数）"
                                         "一致。",
                                         "The patches of each project agree on the figures of "
                                         "the project they repeat (its treated area and its "
                                         "number of patches)."),
            {"fields": list(project_figures.PROJECT_COLUMNS)}, MINE_COLUMNS))


def _check_farmland_units(conn, check: Check) -> None:
    km2, mu = _indicator(conn, "permanent_basic_farmland"), \
        _indicator(conn, "permanent_basic_farmland_mu")
    if km2 is None or mu is None:
        return
    a, b = exact(km2["value_2035"]), exact(mu["value_2035"])
    if a is None or b is None:
        return
    conv = units.convert(a, km2["unit"], mu["unit"])
    # the plan's figures with the plan's digits (202.80, not 202.8)
    km2_text = as_written(km2["value_2035"], km2["plan_quote"])
    mu_text = as_written(mu["value_2035"], mu["plan_quote"])
    figures = {"km2": km2_text, "converted_wan_mu": dec(conv), "stated_wan_mu": mu_text}
    ok = conv == b
    (check.passed if ok else check.findings).append(Finding(
        "permanent_farmland_units", NOTE if ok else INCONSISTENCY,
        Text(f"{km2_text} 平方千米 = {dec(conv)} 万亩，规划写 {mu_text} 万亩。",
        f"{km2_text} km² = {dec(conv)} 10⁴ mu; the plan writes {mu_text}."),
        figures, (km2["section"],), (km2["plan_quote"],)))


def _check_precipitation(conn, check: Check) -> None:
    """The county's yearly precipitation, which the plan gives in two chapters."""
    first, second = (_indicator(conn, i) for i in ("annual_precipitation",
                                                    "annual_precipitation_mean"))
    if first is None or second is None:
        return
    a, b = exact(first["value_other"]), exact(second["value_other"])
    if a is None or b is None:
        return
    figures = {"first_mm": dec(a), "second_mm": dec(b)}
    sections = (first["section"], second["section"])
    quotes = (first["plan_quote"], second["plan_quote"])
    if a == b:
        check.passed.append(Finding("annual_precipitation", NOTE, Text(
            f"年降水量两处均为 {dec(a)} 毫米", f"yearly precipitation {dec(a)} mm in both places"),
            figures, sections, quotes))
        return
    check.findings.append(Finding("annual_precipitation", INCONSISTENCY, Text(
        f"规划两处给出的县域年降水量不同：{sections[0]}为 {dec(a)} 毫米，{sections[1]}为 {dec(b)} "
        "毫米。",
        f"The plan gives the county's yearly precipitation twice, as {dec(a)} mm "
        f"({sections[0]}) and {dec(b)} mm ({sections[1]})."), figures, sections, quotes))


# 第一节 生态现状: each land-use total and the parts the same sentence gives it
LAND_USE_PARTS = (
    ("forest_land_area", ("arbor_forest_area", "shrub_forest_area", "other_forest_area")),
    ("grassland_area", ("natural_pasture_area", "artificial_pasture_area",
                        "other_grassland_area")),
    ("wetland_area", ("shrub_swamp_area", "swamp_grassland_area", "inland_tidal_flat_area",
                      "swamp_area")),
)


def _as_of_now(r: dict) -> Fraction | None:
    """A land-use figure of 第一节 生态现状: given without a year, or, where the plan dates it
    (至2020年，草地面积628.8634万亩), for 2020."""
    return next((exact(r[k]) for k in ("value_other", "value_2020") if r[k] is not None), None)


def _check_land_use_parts(conn, check: Check) -> None:
    """Each land-use total against the sum of its parts, within the last decimal the total
    is stated to (628.8634 for parts summing to 628.86346 agrees)."""
    for whole_id, part_ids in LAND_USE_PARTS:
        found = [r for r in map(lambda i: _indicator(conn, i), (whole_id, *part_ids)) if r]
        got = [v for v in map(_as_of_now, found) if v is not None]
        if len(got) != 1 + len(part_ids):
            continue
        whole, (total, *values) = found[0], got
        summed = sum(values, Fraction(0))
        places = len(repr(float(total)).partition(".")[2])
        figures = {"stated": dec(total, 6), "parts": " + ".join(dec(v, 6) for v in values),
                   "sum": dec(summed, 6), "difference": dec(summed - total, 6)}
        quotes = tuple(r["plan_quote"] for r in found)
        name, unit, unit_en = Text(whole["name_zh"], whole["name_en"]), whole["unit"], \
            whole["unit_en"]
        apart = dec(abs(summed - total), 6)
        sections = tuple(whole["section"].split("；"))  # (草地面积: 第一节 and its year's 第三节)
        title = Text(f"{name.zh}及其各部分之和", f"{name.en} and the sum of its parts")
        if abs(summed - total) >= Fraction(1, 10 ** places):
            check.findings.append(Finding(
                f"{whole_id}_parts", INCONSISTENCY,
                Text(f"{name.zh} {dec(total, 6)} {unit}，而其各部分之和为 "
                     f"{figures['parts']} = {dec(summed, 6)} {unit}，相差 {apart} {unit}。",
                     f"{name.en} is stated as {dec(total, 6)} {unit_en}, while its parts sum to "
                     f"{figures['parts']} = {dec(summed, 6)} {unit_en}: {apart} {unit_en} "
                     "apart."), figures, sections, quotes, title))
        else:
            rounded = round(summed, places)  # (half to even: the sums here do not tie)
            how = Text("在其末位小数内一致", "to its last decimal") if rounded == total else Text(
                f"截至其末位小数一致（四舍五入则为 {dec(rounded, places)}）",
                f"cut at its last decimal (rounded, it would be {dec(rounded, places)})")
            check.passed.append(Finding(
                f"{whole_id}_parts", NOTE,
                Text(f"{name.zh}：{figures['parts']} = {dec(summed, 6)}，与所写 {dec(total, 6)} "
                     f"{unit}{how.zh}", f"{name.en}: {figures['parts']} = "
                     f"{dec(summed, 6)}, as stated ({dec(total, 6)} {unit_en}) {how.en}"),
                figures, sections, quotes, title))


def _check_as_shipped(conn, check: Check) -> None:
    """The plan's figures the master holds, against the plan as shipped: a figure changed
    in the master is what every check below reads, so the findings name it first."""
    found = plan_figures.changed(conn)
    if found is None:
        check.findings.append(Finding("figures_as_shipped", NOTE, plan_figures.NOT_AT_HAND,
                                      {}, ("专栏3-1",)))
        return
    for c in found:
        s = plan_figures.said(c)
        check.findings.append(Finding(
            "figures_as_shipped", INCONSISTENCY,
            Text(f"总库中的规划数字与规划不符（以下各项按总库所载核对）：{s.zh}。",
                 f"The master holds a figure of the plan otherwise than the plan (the checks "
                 f"below read the master's): {s.en}."),
            {"table": c.table, "row": c.who, "column": c.column,
             "master": "" if c.master is None else c.master,
             "plan": "" if c.plan is None else c.plan},
            (c.section or "专栏3-1",), named={"row": plan_figures.row_named(c)}))
    if not found:
        sections = tuple(r[0] for r in conn.execute(
            "SELECT DISTINCT section FROM (SELECT section, fid FROM plan_indicators UNION ALL "
            "SELECT section, fid + 1e6 FROM project_targets) WHERE section <> '' ORDER BY fid"))
        check.passed.append(Finding("figures_as_shipped", NOTE, Text(
            "总库中的规划指标与项目目标数字均与规划一致",
            "the master's plan indicators and project targets are the plan's"), {}, sections))


CHECKS = (_check_as_shipped, _check_mine_area, _check_key_projects, _check_water_share,
          _check_missing_columns, _check_patch_counts, _check_patch_layer,
          _check_project_figures,
          _check_farmland_units, _check_land_use_parts,
          _check_precipitation)


def check_conn(conn: sqlite3.Connection) -> Check:
    check = Check()
    for fn in CHECKS:
        fn(conn, check)
    order = {INCONSISTENCY: 0, NOTE: 1}
    check.findings.sort(key=lambda f: order[f.severity])
    return check


# the tables the plan's figures are checked in
CHECKED_TABLES = ("plan_indicators", "restoration_programs", "restoration_projects",
                  "project_targets", "mine_patches")


def check_plan(master: str | os.PathLike) -> Check:
    """The plan-consistency findings of a plan GeoPackage (the bundled plan or a master)."""
    conn = connect(master, readonly=True)
    try:
        refuse_without_plan(conn, os.fspath(master), CHECKED_TABLES)
        refuse_unreadable_figures(conn, os.fspath(master))  # (a check of them would be skipped)
        return check_conn(conn)
    finally:
        conn.close()
