# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the county stands against the plan, computed from a master GeoPackage.

Everything here is read from the file: the plan's own figures (``plan_indicators``,
``restoration_projects``, ``project_targets``, ``mine_patches``) and the field results
(``patch_verifications``, ``project_inspections``), so the figures move as field packages
are merged. Standard library only: the QGIS plugin, the command line and the reports all
call :func:`progress`.

Rules, said once
----------------
- **As of a date.** Figures are as of a report date (today unless one is given): a record
  dated after it is not counted and is named among the cautions; a record with no date is
  counted (nothing places it after). A report date after today is refused: its records are
  not made yet.
- **Latest record.** A patch's state is its *latest* verification: the greatest
  ``verified_on``, then the latest ``created_at``, then the greatest ``fid`` (a later
  row of the same day wins); ``created_at`` compared as the moment it names, a time without
  a zone (QGIS's, QField's) read as Beijing time (:func:`field_kit.plan.rules.instant`).
  Likewise a project target's completed quantity is its latest inspection (``inspected_on``,
  ``created_at``, ``fid``) that gives a quantity in a unit that converts to the target's
  (a later one that does not is named in the target's note);
  inspections are cumulative readings ("completed so far"), not increments, so they are not
  summed. Dates are compared as days, not as text: one written other than YYYY-MM-DD
  (2024/1/5, 2024.01.05) is read as the day it means, as the forms read it, and named among
  the cautions; a record whose date means no day is never the latest (its place among the
  others cannot be told), and is named too.
- **Remediation status** (恢复治理情况): A 未治理 untreated, B 已恢复治理 restored,
  C 治理中 in progress, D 自然恢复 natural recovery; a patch with no verification is
  "not yet verified" (未核查).
- **Restored area** of a patch whose latest verification is B: its ``treated_area_m2``
  (已治理面积) when given, else its ``measured_area_m2`` (核查面积), else the patch's own
  ``area_m2`` from the plan layer. Which one was used is kept per patch (``area_basis``).
  Natural recovery (D) is counted apart and *not* added to the restored area: the plan's
  indicator is 综合治理面积, area remediated by works.
- **历史遗留矿山综合治理面积 now** = the indicator's 2020 value (1.9 km², 专栏3-1) + the
  restored area of the patches, in km². The patches are the plan's remaining legacy-mine
  patches, none of them treated in 2020, so nothing is counted twice.
- **New since 2020.** 专栏3-1 gives running totals (2020 base, 2025, 2035); beside them each
  indicator with a 2020 base gives what was done since the base against what the plan adds
  by 2025 and 2035 (for the mine area: 2.46 - 1.9 = 0.56 km² by 2025).
- **Units.** Inspections are converted to the target's own unit exactly
  (:mod:`field_kit.plan.units`); a unit that does not convert (个 against 万亩) leaves the target
  without a figure and says why. Arithmetic is done in fractions of the decimal values as
  written, then given as floats once.
- The other indicators of 专栏3-1 (grassland cover, soil erosion, desertified land) are not
  measured by any record the toolkit holds: their current value is ``None`` and the reason
  is said, rather than a number made up.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import overload

from ..bilingual import NO_TEXT, Text, counted
from ..db import connect, file_columns, table_exists
from ..forms.model import PLAN_START
from ..forms.validate import day_text, read_days
from ..plan import schema, units
from ..plan.rules import latest_first
from ..plan.shipped import target_units_en
from ..plan.units import as_written

NOT_VERIFIED = ""
# the remediation statuses as the plan's code list names them (remediation_status), and
# a patch not verified yet
STATUS_LABELS = {
    "A": Text("未治理", "Untreated"),
    "B": Text("已恢复治理", "Restored"),
    "C": Text("治理中", "Work in progress"),
    "D": Text("自然恢复", "Natural recovery"),
    NOT_VERIFIED: Text("未核查", "Not yet verified"),
}
MINE_INDICATOR = "legacy_mine_remediation_area"
AREA_BASIS = {
    "treated_area_m2": Text("已治理面积", "treated area"),
    "measured_area_m2": Text("核查面积", "measured area"),
    "area_m2": Text("图斑面积", "patch area"),
}
NO_RECORD_REASON = Text("现有核查、检查记录不含此项数据",
                        "no verification or inspection record measures this")


@overload
def exact(value: None) -> None: ...
@overload
def exact(value: int | float | str | Fraction) -> Fraction: ...
def exact(value):  # noqa: E302 - the overloads above belong to it
    """A stored number as the exact decimal it was written as (0.1 -> 1/10)."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(float(value)))


def _f(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def percent(part, whole) -> float | None:
    """``part`` as a percentage of ``whole`` (None when either is missing or whole is 0)."""
    p, w = exact(part), exact(whole)
    if p is None or not w:
        return None
    return float(p * 100 / w)


def percent_shown(value: float | None) -> Decimal | None:
    """A percentage as every report shows it: to one decimal, rounded half up (56.25 ->
    56.3, as a supervisor rounds, not to even as Python's format does), except that what
    falls short of 100 never shows as 100 (99.96 -> 99.9): a target not reached never
    reads as reached."""
    if value is None or not math.isfinite(value):
        return None
    shown = Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if value < 100 <= shown:
        shown = Decimal("99.9")
    return shown.copy_abs() if shown.is_zero() else shown  # (not "-0.0")


def places_against(value: float | None, *targets: float | None, places: int = 4) -> int:
    """The decimals ``value`` is shown with beside ``targets``: ``places``, or more where so
    few would show it on a target it is not on, or past one it falls short of (2.45996 of
    2.46 shows as 2.45996, not 2.4600): as with :func:`percent_shown`, a target not reached
    never reads as reached."""
    def side(a: float, b: float) -> int:
        return (a > b) - (a < b)
    if value is None or not math.isfinite(value):
        return places
    for target in targets:
        while (target is not None and places < 12
               and side(round(value, places), target) != side(value, target)):
            places += 1
    return places


def shown_against(value: float, *targets: float | None, places: int = 4,
                  grouped: bool = False) -> str:
    """``value`` rounded to the decimals :func:`places_against` gives it, less the zeros
    that end it, as the plan writes its figures (1.9, 2.46, 0; 2.45996 of 2.46 still
    2.45996); ``grouped``, with thousands separated (52,000)."""
    shown = f"{value:{',' if grouped else ''}.{places_against(value, *targets, places=places)}f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown  # (not "-0" for a rounded -0.00001)


def shown_places(value: float | None, *targets: float | None) -> int:
    """The decimals :func:`shown_against` writes ``value`` with (four where there is none),
    for the columns and cells that show it as a number."""
    if value is None or not math.isfinite(value):
        return places_against(value, *targets)
    return len(shown_against(value, *targets).partition(".")[2])


def percent_text(value: float | None, missing: str = "—") -> str:
    """:func:`percent_shown` followed by "%" (``missing`` where there is none)."""
    shown = percent_shown(value)
    return missing if shown is None else f"{shown}%"


# --- what progress is made of -----------------------------------------------------------

class Quoted:
    """A figure of the plan's kept with the plan's words for it (``plan_quote``)."""

    plan_quote: str

    def as_written(self, value: float | None) -> str:
        """``value`` as the plan writes it where its words hold it (202.80, not 202.8)."""
        return as_written(value, self.plan_quote)


@dataclass(frozen=True)
class IndicatorProgress(Quoted):
    """One indicator of 专栏3-1 with its plan values and, where records allow, now."""

    indicator_id: str
    name_zh: str
    name_en: str
    unit: str
    unit_en: str
    comparison: str
    value_2020: float | None
    value_2025: float | None
    value_2035: float | None
    current: float | None
    basis: Text  # how ``current`` was found, or why there is none
    section: str
    plan_quote: str = ""
    value_other: float | None = None  # a figure of the plan's for another year, or none
    new_since_2020: float | None = None  # ``current`` less the 2020 base

    @property
    def current_places(self) -> int:
        """The decimals ``current`` is shown with (:func:`shown_places` beside its targets)."""
        return shown_places(self.current, self.value_2025, self.value_2035)

    @property
    def new_places(self) -> int:
        """The decimals ``new_since_2020`` is shown with, beside what the plan adds."""
        return shown_places(self.new_since_2020, self.planned_new(2025),
                            self.planned_new(2035))

    @property
    def percent_2025(self) -> float | None:
        return percent(self.current, self.value_2025)

    @property
    def percent_2035(self) -> float | None:
        return percent(self.current, self.value_2035)

    def planned_new(self, year: int) -> float | None:
        """What the plan adds to its 2020 base by ``year`` (2025 or 2035): 2.46 - 1.9."""
        target = self.value_2025 if year == 2025 else self.value_2035
        if self.value_2020 is None or target is None:
            return None
        return float(exact(target) - exact(self.value_2020))

    def percent_new(self, year: int) -> float | None:
        """What was done since 2020 as a percentage of what the plan adds by ``year``."""
        return percent(self.new_since_2020, self.planned_new(year))

    def since_2020(self) -> Text:
        """What was done since the 2020 base against what the plan adds by 2025 ("" where
        the plan gives no base)."""
        planned = self.planned_new(2025)
        if planned is None:
            return NO_TEXT
        done = ("—" if self.new_since_2020 is None
                else f"{self.new_since_2020:.{self.new_places}f}")
        pct = percent_text(self.percent_new(2025))
        # a rise of a percentage is in points (35% to 37%: 2 points)
        zh, en = ("个百分点", "percentage points") if self.unit == "%" else (
            self.unit, self.unit_en or self.unit)
        return Text(f"2020年以来新增 {done}，规划至2025年新增 {planned:g} {zh}（{pct}）",
                    f"new since 2020: {done} of {planned:g} {en} planned by 2025 ({pct})")


@dataclass(frozen=True)
class PatchProgress:
    """One legacy-mine patch and its latest verification (``verification`` is the row)."""

    uuid: str
    patch_code: str
    township: str
    phase: str
    period: str
    project_id: str
    project_name: str
    mineral: str
    area_m2: float | None
    centre_lon: float | None
    centre_lat: float | None
    status: str  # A/B/C/D, or NOT_VERIFIED
    verification: dict | None
    verifications: int
    restored_area_m2: float | None  # only for status B
    area_basis: str  # a key of AREA_BASIS, or ""

    @property
    def status_label(self) -> Text:
        return STATUS_LABELS[self.status]


@dataclass
class StatusCounts:
    """Patches of one group (a township, a phase, or all) by their latest status."""

    group: str
    patches: int = 0
    untreated: int = 0
    restored: int = 0
    in_progress: int = 0
    natural_recovery: int = 0
    not_verified: int = 0
    restored_area_m2: float = 0.0
    plan_area_m2: float = 0.0

    @property
    def verified(self) -> int:
        return self.patches - self.not_verified

    def by_status(self) -> dict[str, int]:
        return {"A": self.untreated, "B": self.restored, "C": self.in_progress,
                "D": self.natural_recovery, NOT_VERIFIED: self.not_verified}


@dataclass(frozen=True)
class MineArea:
    """The legacy-mine remediation area against the 2025 and 2035 targets, in km²."""

    baseline_2020_km2: float
    restored_km2: float
    current_km2: float
    target_2025_km2: float | None
    target_2035_km2: float | None
    restored_patches: int
    section: str = "专栏3-1"

    def restored_text(self) -> str:
        """The area restored since 2020 in km², beside what the plan adds to its base, as
        :func:`shown_against` writes it."""
        added = [None if t is None else float(exact(t) - exact(self.baseline_2020_km2))
                 for t in (self.target_2025_km2, self.target_2035_km2)]
        return shown_against(self.restored_km2, *added)

    def current_text(self) -> str:
        """The area now in km², as :func:`shown_against` writes it beside the targets."""
        return shown_against(self.current_km2, self.target_2025_km2, self.target_2035_km2)

    @property
    def percent_2025(self) -> float | None:
        return percent(self.current_km2, self.target_2025_km2)

    @property
    def percent_2035(self) -> float | None:
        return percent(self.current_km2, self.target_2035_km2)


@dataclass(frozen=True)
class TargetProgress(Quoted):
    """One target of a restoration project against its latest inspection."""

    project_uuid: str
    project_id: str
    project_name_zh: str
    project_name_en: str
    program_id: str
    period: str
    target_uuid: str
    target_zh: str
    target_en: str
    quantity: float | None
    unit: str
    completed: float | None  # in ``unit``
    inspected_on: str | None
    inspections: int
    rating: str | None
    note: Text = NO_TEXT
    patch_restored: float | None = None  # mine projects: restored patch area, in ``unit``
    section: str = ""
    plan_quote: str = ""  # the plan's sentence, or its table row's cells, for the quantity
    reading: dict | None = None  # the inspection ``completed`` is read from (uuid, day, unit...)
    unit_en: str = ""  # ``unit`` in English, a count's noun (villages): see unit_in

    @property
    def percent(self) -> float | None:
        return percent(self.completed, self.quantity)

    def unit_in(self, lang: str, quantity: float | None = None, unit: str = "") -> str:
        """The target's unit (or ``unit``, where it names the same) in ``lang``, for a count
        the plan's noun (25 villages, 1 facility: in the singular for a ``quantity`` of 1)."""
        unit = unit or self.unit
        en = self.unit_en if units.same_unit(unit, self.unit) else ""
        return units.symbol(unit, lang, quantity, en)

    @property
    def restored_places(self) -> int:
        """The decimals ``patch_restored`` is shown with beside the target's quantity."""
        return shown_places(self.patch_restored, self.quantity)


@dataclass
class Progress:
    master: str
    as_of: str  # the latest verification or inspection date counted, "" when none is
    indicators: list[IndicatorProgress]
    patches: list[PatchProgress]
    by_township: list[StatusCounts]
    by_phase: list[StatusCounts]
    total: StatusCounts
    mine_area: MineArea | None
    targets: list[TargetProgress]
    title: Text = NO_TEXT
    # the plan's binding controls and other targets (red line, farmland, water, the mine
    # patches of each period), with now where the records give it
    controls: list[IndicatorProgress] = field(default_factory=list)
    geometry_note: Text = NO_TEXT
    counts: dict = field(default_factory=dict)  # verifications, inspections, photos
    cautions: list = field(default_factory=list)  # of cautions.Caution
    group_en: dict = field(default_factory=dict)  # a group's name (township, phase) in English
    report_date: str = ""  # the records counted are those dated up to it ("" all)
    later: dict = field(default_factory=dict)  # records dated after it, not counted, by table

    @property
    def not_counted(self) -> int:
        """Records dated after the report date (not counted)."""
        return sum(self.later.values())

    def records_up_to(self) -> Text:
        """The day of the latest record counted; where none is, whether records dated after
        the report date exist (not counted), rather than that none is recorded yet."""
        if self.as_of:
            return Text(f"记录截至 {self.as_of}", f"records up to {self.as_of}")
        if self.not_counted:
            n = self.not_counted
            return Text(f"{self.report_date} 及之前无记录（其后的 {n} 条记录未计入）",
                        f"no records dated up to {self.report_date} "
                        f"({counted(n, 'later record')} not counted)")
        return Text("尚无记录", "no records yet")

    def group_label(self, group: str, lang: str) -> str:
        """A township's, a phase's or the county's name in ``lang`` (Chinese as grouped)."""
        return group if lang == "zh" else self.group_en.get(group, group)


# --- reading ---------------------------------------------------------------------------

def _rows(conn: sqlite3.Connection, sql: str, *args) -> list[dict]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _meta(conn: sqlite3.Connection) -> dict:
    if not table_exists(conn, schema.META_TABLE):
        return {}
    return {k: v for k, v in conn.execute(f"SELECT key, value FROM {schema.META_TABLE}")}




RECORD_DATES = {"patch_verifications": "verified_on", "project_inspections": "inspected_on"}
WRITTEN_AS_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # YYYY-MM-DD, as a DATE field holds it


PLAN_BASE_YEAR = 2020  # 专栏3-1's figures start from it


def report_date(value: date | str | None = None) -> str:
    """``value`` (default today) as YYYY-MM-DD; a date after today is refused (the records
    it would count are not made yet), and one before the plan's base year."""
    from ..errors import BadInput
    today = date.today()
    day = date.fromisoformat(value) if isinstance(value, str) else (value or today)
    if day > today:
        raise BadInput(f"the report date {day} is after today ({today}): a report counts the "
                       "records made up to its date, and those after today are not made yet; "
                       "give today's date or an earlier one")
    if day.year < PLAN_BASE_YEAR:  # (0025-12-31: a year mistyped)
        raise BadInput(f"the report date {day} is before {PLAN_BASE_YEAR}, the plan's base "
                       "year: check its year")
    return day.isoformat()


def dated_up_to(table: str, day: str) -> str:
    """SQL: a record of ``table`` dated up to ``day`` (YYYY-MM-DD), or with no date (or one
    that means no day: nothing places it after); needs :func:`read_days`."""
    col = f"toksun_day({RECORD_DATES[table]})"
    return f"({col} IS NULL OR {col} <= '{date.fromisoformat(day)}')"


def counted_sql(table: str, day: str = "") -> str:
    """SQL: a record of ``table`` the figures count: dated within the plan's period (from
    :data:`PLAN_START`: the plan's 2020 figures hold the work done before) up to ``day``
    (YYYY-MM-DD; "" no end), or with no date, or one that means no day (nothing places it
    outside); needs :func:`read_days`."""
    col = f"toksun_day({RECORD_DATES[table]})"
    upper = f" AND {col} <= '{date.fromisoformat(day)}'" if day else ""
    return f"({col} IS NULL OR {col} = '' OR ({col} >= '{PLAN_START}'{upper}))"


# what each record counts towards: its column naming it and the layer holding it
RECORD_SUBJECTS = {"patch_verifications": ("patch_uuid", "mine_patches"),
                   "project_inspections": ("target_uuid", "project_targets")}


def linked_sql(table: str, alias: str = "") -> str:
    """SQL: a record of ``table`` naming a patch (a target) the master holds, which the
    figures count it towards (false, never NULL, for one naming none or one deleted)."""
    column, subject = RECORD_SUBJECTS[table]
    return f"coalesce({alias}{column} IN (SELECT uuid FROM {subject}), 0)"


def before_plan_sql(table: str) -> str:
    """SQL: a record of ``table`` dated before the plan's period (not counted)."""
    col = f"toksun_day({RECORD_DATES[table]})"
    return f"({col} <> '' AND {col} < '{PLAN_START}')"


def latest_verifications(conn: sqlite3.Connection,
                         up_to: str = "") -> dict[str, tuple[dict | None, int]]:
    """{patch uuid: (its latest verification row without geometry, number of verifications)},
    of the verifications dated up to ``up_to`` (all without it); one whose date means no day
    is counted but never the latest (None where a patch has no other)."""
    read_days(conn)
    out: dict[str, tuple[dict | None, int]] = {}
    dated = f"AND {counted_sql('patch_verifications', up_to)} "
    rows = _rows(conn, f"SELECT * FROM patch_verifications WHERE patch_uuid IS NOT NULL {dated}"
                       f"ORDER BY patch_uuid, {latest_first('verified_on')}")
    for r in rows:
        r.pop("geom", None)
        latest, n = out.get(r["patch_uuid"], (None, 0))
        if latest is None and _placed(r["verified_on"]):
            latest = r
        out[r["patch_uuid"]] = (latest, n + 1)
    return out


def _placed(value) -> bool:
    """Whether a record's date can be placed among the others' (none, or a day)."""
    return day_text(value) != ""


def _patch(p: dict, latest: tuple[dict | None, int] | None) -> PatchProgress:
    v, n = latest if latest else (None, 0)
    status = (v.get("remediation_status") or NOT_VERIFIED) if v else NOT_VERIFIED
    if status not in STATUS_LABELS:  # not a code of the list: counted as not verified (said)
        status = NOT_VERIFIED
    restored, basis = None, ""
    if status == "B" and v is not None:
        for key, source in (("treated_area_m2", v), ("measured_area_m2", v), ("area_m2", p)):
            if source.get(key) is not None:
                restored, basis = float(source[key]), key
                break
    return PatchProgress(
        uuid=p["uuid"], patch_code=p.get("patch_code") or "", township=p.get("township") or "",
        phase=p.get("phase") or "", period=p.get("period") or "",
        project_id=p.get("project_id") or "", project_name=p.get("project_name") or "",
        mineral=p.get("mineral") or "", area_m2=p.get("area_m2"),
        centre_lon=p.get("centre_lon"), centre_lat=p.get("centre_lat"), status=status,
        verification=v, verifications=n, restored_area_m2=restored, area_basis=basis)


def _count(group: str, patches: list[PatchProgress]) -> StatusCounts:
    c = StatusCounts(group)
    restored = Fraction(0)
    plan_area = Fraction(0)
    for p in patches:
        c.patches += 1
        if p.status == "A":
            c.untreated += 1
        elif p.status == "B":
            c.restored += 1
            restored += exact(p.restored_area_m2) or 0
        elif p.status == "C":
            c.in_progress += 1
        elif p.status == "D":
            c.natural_recovery += 1
        else:
            c.not_verified += 1
        plan_area += exact(p.area_m2) or 0
    c.restored_area_m2 = float(restored)
    c.plan_area_m2 = float(plan_area)
    return c


def _group(patches: list[PatchProgress], key, order: list[str]) -> list[StatusCounts]:
    groups: dict[str, list[PatchProgress]] = {}
    for p in patches:
        groups.setdefault(key(p), []).append(p)
    names = [g for g in order if g in groups] + sorted(g for g in groups if g not in order)
    return [_count(g, groups[g]) for g in names]


def _mine_area(ind: dict | None, total: StatusCounts, patches) -> MineArea | None:
    if ind is None:
        return None
    base = exact(ind["value_2020"]) or Fraction(0)
    restored = sum((exact(p.restored_area_m2) for p in patches if p.status == "B"
                    and p.restored_area_m2 is not None), Fraction(0))
    restored_km2 = units.convert(restored, "平方米", ind["unit"] or "平方千米")
    return MineArea(
        baseline_2020_km2=float(base), restored_km2=float(restored_km2),
        current_km2=float(base + restored_km2), target_2025_km2=ind["value_2025"],
        target_2035_km2=ind["value_2035"], restored_patches=total.restored,
        section=ind["section"] or "专栏3-1")


# the plan's targets of patches restored in a period, and the phase of those patches
PATCHES_OF_PERIOD = {"mine_patches_2021_2025": "近期", "mine_patches_2026_2030": "中期"}


def _phase_en(phase: str) -> str:
    """A phase in English within a sentence ("near term (2021–2025)")."""
    en = schema.PHASES.get(phase, phase)
    return en[:1].lower() + en[1:]


def _indicators(rows: list[dict], mine: MineArea | None,
                by_phase: Sequence[StatusCounts] = ()) -> list[IndicatorProgress]:
    out = []
    phases = {g.group: g for g in by_phase}
    for r in rows:
        current, basis = None, NO_RECORD_REASON
        phase = phases.get(PATCHES_OF_PERIOD.get(r["indicator_id"], ""))
        if phase is not None:
            current = float(phase.restored)
            basis = Text(f"{phase.group}图斑{phase.patches}个中已恢复治理的个数（最近一次核查）",
                         f"the patches of the {_phase_en(phase.group)} restored, of "
                         f"{phase.patches} (latest verification of each)")
        new = None
        if r["indicator_id"] == MINE_INDICATOR and mine is not None:
            current, new = mine.current_km2, mine.restored_km2
            basis = Text(f"2020年基数{mine.baseline_2020_km2:g}平方千米 + 已恢复治理图斑"
                         f"{mine.restored_patches}个的面积{mine.restored_text()}平方千米",
                         f"2020 baseline {mine.baseline_2020_km2:g} km² + area of the "
                         f"{counted(mine.restored_patches, 'restored patch', 'restored patches')}, "
                         f"{mine.restored_text()} km²")
        out.append(IndicatorProgress(
            indicator_id=r["indicator_id"], name_zh=r["name_zh"] or "", name_en=r["name_en"] or "",
            unit=r["unit"] or "", unit_en=r["unit_en"] or "", comparison=r["comparison"] or "",
            value_2020=r["value_2020"], value_2025=r["value_2025"], value_2035=r["value_2035"],
            current=current, basis=basis, section=r["section"] or "",
            plan_quote=r["plan_quote"] or "", value_other=r.get("value_other"),
            new_since_2020=new))
    return out


def _targets(conn: sqlite3.Connection, patches: list[PatchProgress],
             up_to: str = "") -> list[TargetProgress]:
    rows = _rows(conn, """
        SELECT t.uuid AS target_uuid, t.target_zh, t.target_en, t.quantity, t.unit,
               t.plan_quote, t.period AS t_period, t.section AS t_section, p.uuid AS project_uuid,
               COALESCE(p.project_id, t.project_id) AS project_id, p.name_zh, p.name_en,
               p.program_id, p.period AS p_period
        FROM project_targets t LEFT JOIN restoration_projects p ON p.uuid = t.project_uuid
        ORDER BY p.program_id, p.project_id, t.fid""")
    insp: dict[str, list[dict]] = {}
    for r in _rows(conn, "SELECT uuid, target_uuid, completed_quantity, unit, rating, "
                         "inspector, inspected_on, created_at, fid FROM project_inspections "
                         "WHERE target_uuid IS NOT NULL "
                         + f"AND {counted_sql('project_inspections', up_to)} "
                         + f"ORDER BY target_uuid, {latest_first('inspected_on')}"):
        insp.setdefault(r["target_uuid"], []).append(r)
    restored_by_project: dict[str, Fraction] = {}
    for p in patches:
        if p.status == "B" and p.restored_area_m2 is not None and p.project_id:
            restored_by_project[p.project_id] = (restored_by_project.get(p.project_id, Fraction(0))
                                                 + exact(p.restored_area_m2))
    projects_with_patches = {p.project_id for p in patches}
    units_en = target_units_en(conn)
    out = []
    for r in rows:
        unit, unit_en = r["unit"] or "", units_en.get(r["target_uuid"], "")
        readings = insp.get(r["target_uuid"], [])
        placed = [i for i in readings if _placed(i["inspected_on"])]  # the others never latest
        with_qty = [i for i in placed if i["completed_quantity"] is not None]
        completed, note, on, rating = None, NO_TEXT, None, None
        used: dict | None = None
        if placed:
            on, rating = placed[0]["inspected_on"], placed[0]["rating"]
        if with_qty:
            last = with_qty[0]
            on = last["inspected_on"]
            given = _unit_of(last, unit)
            # the latest reading in a unit that converts (a reading is cumulative: an
            # earlier one stands until a later one can be read)
            used = next((i for i in with_qty if units.convertible(_unit_of(i, unit), unit)),
                        None)
            if used is not None:
                completed = _f(units.convert(exact(used["completed_quantity"]),
                                             _unit_of(used, unit), unit))
            if used is not last:
                earlier = Text("", "") if used is None else Text(
                    f"，完成数量取 {used['inspected_on']} 的检查",
                    f": the completed quantity is that of the inspection of "
                    f"{used['inspected_on']}")
                note = Text(f"最近一次检查（{on}）的单位“{given}”不能换算为目标单位“{unit}”"
                            f"{earlier.zh}",
                            f"the latest inspection's unit {units.symbol(given, 'en')!r} ({on}) "
                            f"does not convert to the target's unit "
                            f"{units.symbol(unit, 'en', None, unit_en)!r}{earlier.en}")
        elif placed:
            note = Text("检查记录未填写完成数量", "the inspections give no completed quantity")
        patch_restored = None
        if r["project_id"] in projects_with_patches and units.is_area(unit):
            patch_restored = _f(units.convert(restored_by_project.get(r["project_id"],
                                                                      Fraction(0)), "平方米", unit))
        out.append(TargetProgress(
            project_uuid=r["project_uuid"] or "", project_id=r["project_id"] or "",
            project_name_zh=r["name_zh"] or "", project_name_en=r["name_en"] or "",
            program_id=r["program_id"] or "", period=r["t_period"] or r["p_period"] or "",
            target_uuid=r["target_uuid"], target_zh=r["target_zh"] or "",
            target_en=r["target_en"] or "", quantity=r["quantity"], unit=unit,
            completed=completed, inspected_on=on, inspections=len(readings), rating=rating,
            note=note, patch_restored=patch_restored,
            section=r["t_section"] or "", plan_quote=r["plan_quote"] or "",
            reading=used if completed is not None else None,
            unit_en=unit_en))
    return out


def _unit_of(inspection: dict, target_unit: str) -> str:
    """The unit an inspection gives its quantity in (the target's where it names none)."""
    return (inspection["unit"] or "").strip() or target_unit


PHASE_ORDER = list(schema.PHASES)
COUNTY = "全县"
# the groups of the patches that give no phase, no township: named, after the others
NO_PHASE, NO_TOWNSHIP = "未填阶段", "未填乡镇"
# the groups' names in English: the county, the phases (the plan's periods) and, read from
# the plan, its townships
GROUPS_EN = {COUNTY: "Whole county", **schema.PHASES, NO_PHASE: "no phase",
             NO_TOWNSHIP: "no township"}


def township_order(conn: sqlite3.Connection) -> list[str]:
    if not table_exists(conn, "townships"):
        return []
    return [r[0] for r in conn.execute("SELECT name_zh FROM townships ORDER BY fid")]


def _groups_en(conn: sqlite3.Connection) -> dict[str, str]:
    named = dict(conn.execute("SELECT name_zh, name_en FROM townships WHERE name_en IS NOT NULL "
                              "AND name_en != ''").fetchall()) \
        if "name_en" in file_columns(conn, "townships") else {}
    return {**GROUPS_EN, **named}


# the tables the progress figures are read from
PLAN_TABLES = ("mine_patches", "patch_verifications", "project_inspections", "plan_indicators",
               "project_targets", "restoration_projects")


def refuse_without_plan(conn: sqlite3.Connection, master: str = "",
                        tables: Sequence[str] = PLAN_TABLES) -> None:
    """Refuse a file lacking any of ``tables``, naming every one it lacks (each report and
    the plan check alike)."""
    from ..errors import BadInput
    missing = [t for t in tables if not table_exists(conn, t)]
    if missing:
        raise BadInput(f"{master or 'this file'} holds no plan data: no table "
                       f"{', '.join(missing)}")


def progress_of(conn: sqlite3.Connection, master: str = "",
                up_to: date | str | None = None) -> Progress:
    """The same as :func:`progress` on an open connection; with ``up_to`` (a report date, not
    after today: :func:`report_date`) only the records dated up to it are counted."""
    from ..errors import BadInput
    from . import cautions  # (it reads the patches this module makes)
    refuse_without_plan(conn, master)
    # (a page damaged inside reads as fewer rows, or others': figures wrong, unsaid)
    damage = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if damage != "ok":
        found = " ".join(line for line in damage.splitlines() if not line.startswith("***"))
        raise BadInput(f"{master or 'this file'} is damaged (SQLite: {found}); nothing was "
                       "changed: restore it from a backup")
    refuse_unreadable_figures(conn, master)
    patch_rows = _rows(conn, "SELECT uuid, patch_code, township, phase, period, project_id, "
                             "project_name, mineral, area_m2, centre_lon, centre_lat "
                             "FROM mine_patches ORDER BY phase = '中期', project_id, patch_code")
    day = report_date(up_to) if up_to is not None else ""
    read_days(conn)
    latest = latest_verifications(conn, day)
    patches = [_patch(p, latest.get(p["uuid"])) for p in patch_rows]
    total = _count(COUNTY, patches)
    by_township = _group(patches, lambda p: p.township or NO_TOWNSHIP,
                         township_order(conn) + [NO_TOWNSHIP])
    by_phase = _group(patches, lambda p: p.phase or NO_PHASE, PHASE_ORDER + [NO_PHASE])
    ind_rows = _rows(conn, "SELECT * FROM plan_indicators WHERE category = 'indicator' "
                           "ORDER BY fid")
    control_rows = _rows(conn, "SELECT * FROM plan_indicators WHERE category IN ('control', "
                               "'target') ORDER BY fid")
    mine_row = next((r for r in ind_rows if r["indicator_id"] == MINE_INDICATOR), None)
    mine = _mine_area(mine_row, total, patches)
    targets = _targets(conn, patches, day)
    # (the records the figures count: a record of a patch deleted is said, not counted)
    counted = {t: f"{counted_sql(t, day)} AND {linked_sql(t)}" for t in RECORD_DATES}
    dates = [r[0] for r in conn.execute(
        "SELECT max(toksun_day(verified_on)) FROM patch_verifications WHERE "
        f"{counted['patch_verifications']} UNION ALL SELECT max(toksun_day(inspected_on)) "
        "FROM project_inspections WHERE "
        f"{counted['project_inspections']}") if r[0]]
    later = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE NOT {dated_up_to(t, day)}"
                             ).fetchone()[0] if day else 0 for t in RECORD_DATES}
    meta = _meta(conn)
    counts = {
        "verifications": conn.execute("SELECT count(*) FROM patch_verifications WHERE "
                                      f"{counted['patch_verifications']}").fetchone()[0],
        "inspections": conn.execute("SELECT count(*) FROM project_inspections WHERE "
                                    f"{counted['project_inspections']}").fetchone()[0],
        # (the photos of the records counted)
        "photos": (conn.execute("SELECT count(*) FROM photos WHERE record_uuid IN (SELECT uuid "
                                "FROM patch_verifications WHERE "
                                f"{counted['patch_verifications']} UNION ALL SELECT uuid FROM "
                                "project_inspections WHERE "
                                f"{counted['project_inspections']})").fetchone()[0]
                   if table_exists(conn, "photos") else 0),
    }
    return Progress(
        master=master, as_of=max(dates) if dates else "",
        indicators=_indicators(ind_rows, mine), controls=_indicators(control_rows, mine, by_phase),
        patches=patches, by_township=by_township,
        by_phase=by_phase, total=total, mine_area=mine, targets=targets,
        title=Text(meta.get("title", ""), meta.get("title_en", "")),
        geometry_note=Text(meta.get("geometry_note_zh", ""), meta.get("geometry_note_en", "")),
        counts=counts, cautions=cautions.plan_figures_changed(conn) + cautions.patches_apart(conn)
        + cautions.later_records(conn, day, later) + cautions.earlier_records(conn)
        + cautions.captured_before_checkout(conn, day)
        + cautions.of(conn, patches, targets, day),
        group_en=_groups_en(conn) if table_exists(conn, "townships") else dict(GROUPS_EN),
        report_date=day, later=later)


def photo_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many photos each patch verification has, by its uuid (none: not named)."""
    if not table_exists(conn, "photos"):
        return {}
    return {r[0]: r[1] for r in conn.execute(
        "SELECT record_uuid, count(*) FROM photos WHERE record_table = 'patch_verifications' "
        "GROUP BY record_uuid")}


# The figures the reports count, per table, and what names a row of it to a person
FIGURES = {
    "mine_patches": (("area_m2", "centre_lon", "centre_lat"), "patch_code"),
    "patch_verifications": (("measured_area_m2", "treated_area_m2"), "patch_code"),
    "project_inspections": (("completed_quantity",), "project_id"),
    "project_targets": (("quantity",), "project_id"),
    "plan_indicators": (("value_2020", "value_2025", "value_2035", "value_other"),
                        "indicator_id"),
}
SHOWN_FIGURES = 5
LARGEST_REAL = 1.7976931348623157e308  # past it, a stored REAL is ±Infinity


def _unreadable(value) -> str:
    """A figure no report can count as a refusal shows it: text quoted, ±Infinity as inf."""
    if isinstance(value, str):
        return repr(value[:40])
    return "binary data" if isinstance(value, bytes) else repr(value)


def refuse_unreadable_figures(conn: sqlite3.Connection, master: str = "",
                              held: Sequence[str] = ()) -> None:
    """Refuse, naming each, the figures a tool wrote as text that is no number ('12,000',
    'n/a') or as ±Infinity (1e400 written by a script, 'Infinity' typed in psql), and the
    专栏3-1 figures emptied: no report counts them, nor leaves them out unsaid. ``held``:
    more such figures, named alike, that ``conn`` cannot hold (a PostgreSQL master's NaN)."""
    from ..errors import BadInput
    named = {line.split(" holds ")[0] for line in held}  # (its NaN is empty in ``conn``)
    found = [f"plan_indicators {i}: {col} is empty (专栏3-1 gives each indicator's 2020, 2025 "
             "and 2035 figures)" for col in ("value_2020", "value_2025", "value_2035")
             for (i,) in conn.execute(f"SELECT indicator_id FROM plan_indicators WHERE "
                                      f"category = 'indicator' AND {col} IS NULL ORDER BY fid")
             if f"plan_indicators {i}: {col}" not in named]
    for table, (columns, name) in FIGURES.items():
        have = set(file_columns(conn, table))
        label = name if name in have else "uuid"
        for col in (c for c in columns if c in have):
            found += [f"{table} {who or uuid}: {col} holds "
                      f"{_unreadable(value)}"
                      for who, uuid, value in
                      conn.execute(f"SELECT {label}, uuid, {col} FROM {table} WHERE "
                                   f"typeof({col}) IN ('text', 'blob') OR (typeof({col}) = "
                                   f"'real' AND abs({col}) > {LARGEST_REAL!r}) ORDER BY fid")]
    found += held
    if found:
        more = len(found) - SHOWN_FIGURES
        raise BadInput(f"{master or 'this file'} holds figures no report can count or check: "
                       f"{'; '.join(found[:SHOWN_FIGURES])}"
                       + (f" and {more} more" if more > 0 else "")
                       + "; write each as a number (or empty) in the master, then report again")


def progress(master: str | os.PathLike, up_to: date | str | None = None) -> Progress:
    """Where the county stands against the plan, from the records in ``master`` dated up to
    ``up_to`` (today by default; a later day is refused).

    Raises :class:`field_kit.errors.BadInput` for a missing file or one that is not a plan
    GeoPackage."""
    conn = connect(master, readonly=True)
    try:
        return progress_of(conn, os.fspath(master), up_to or date.today())
    finally:
        conn.close()
