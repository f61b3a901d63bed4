# SPDX-License-Identifier: GPL-2.0-or-later
"""The one validator both faces call as the user types, and what it needs.

``validate`` takes values as typed (strings or numbers) and a ``Context``; it reads no
database, so it is cheap enough to run on every keystroke.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

from ..bilingual import Text
from ..plan import geometry, schema, units
from ..plan.rules import instant
from .definitions import MESSAGES
from .model import (
    CHOICE,
    DATE,
    ERROR,
    INTEGER,
    POSITION,
    REAL,
    TARGETS,
    UNITS,
    WARNING,
    Code,
    Context,
    Field,
    Form,
    Problem,
    Rule,
)

# Plain limits of the position's parts.
POSITION_LIMITS = {"position_lon": (-180, 180), "position_lat": (-90, 90),
                    "position_accuracy_m": (0, None)}

# --- choices and values ---------------------------------------------------------------

def choices(form: Form, name: str, values: Mapping, context: Context) -> list[Code]:
    """What a choice field offers now: its code list (filtered by its parent's value), the
    project's targets, or the units the chosen target's unit converts into."""
    f = form.field(name)
    if f.code_list == TARGETS:
        return [Code(t["uuid"], Text(
            f"{t.get('target_zh') or ''}（{_amount(t, 'zh')}）",
            f"{t.get('target_en') or t.get('target_zh') or ''} ({_amount(t, 'en')})"))
                for t in context.targets]
    if f.code_list == UNITS:
        target = _target(values, context)
        if target is None or not target.get("unit"):
            return []
        return [Code(u, Text(u, units.symbol(u, "en")))
                for u in units.same_dimension(target["unit"])]
    codes = context.code_lists.get(f.code_list or "", ())
    if f.parent:
        parent = _text(values.get(f.parent))
        codes = tuple(c for c in codes if parent is None or c.parent_code == parent)
    return list(codes)


def initial_values(form: Form, context: Context) -> dict:
    """Values to open the form with: the saved record, or a new one pre-filled from its subject."""
    if context.record is not None:
        return {k: context.record.get(k) for k in ("uuid",) + form.columns}
    out: dict = {}
    for f in form.fields:
        if f.source and context.subject is not None:
            out[f.name] = context.subject.get(f.source)
        elif f.widget == DATE and context.clock_wrong is None:  # (else said beside it)
            out[f.name] = context.today.isoformat()
    if len(context.targets) == 1 and "target_uuid" in form.columns:
        out["target_uuid"], out["unit"] = context.targets[0]["uuid"], context.targets[0]["unit"]
    return out


def _text(raw) -> str | None:
    """Text as typed, trimmed; blank is None. (No NFKC here: it would turn the Chinese
    full-width punctuation of names and notes into ASCII.)"""
    if raw is None:
        return None
    s = str(raw).strip()
    return s or None


def _typed(raw) -> str:
    """What was typed for a number or date, with full-width digits made ASCII."""
    return unicodedata.normalize("NFKC", str(raw)).strip()


# Larger than any area, quantity or coordinate of a plan: a slip, or the wrong unit.
LARGEST_NUMBER = 1e15
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")  # (0,500: a decimal comma)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


class TooLarge(ValueError):
    """A number beyond ``LARGEST_NUMBER`` (or one that overflows a float)."""


class AmbiguousComma(ValueError):
    """A comma that is neither thousands (1,500) nor a decimal comma (1,5)."""


def typed_number(text: str) -> float:
    """What a person typed as a number: full-width digits, thousands commas (1,500) and a
    decimal comma (1,5 is 1.5, never 15). Raises ValueError (TooLarge, AmbiguousComma)."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    if "," in s:
        if _THOUSANDS.fullmatch(s):
            s = s.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(s):
            s = s.replace(",", ".")
        else:
            raise AmbiguousComma(text)
    value = float(s)
    if not math.isfinite(value):
        raise TooLarge(text) if math.isinf(value) else ValueError(text)
    if abs(value) > LARGEST_NUMBER:
        raise TooLarge(text)
    return value


def _number(raw, integer: bool):
    """Parse what a user typed (see ``typed_number``); raise ValueError if not a number."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    text = None if isinstance(raw, (int, float)) else _typed(raw)
    value = raw if text is None else typed_number(text)
    if isinstance(value, float) and math.isinf(value) or abs(value) > LARGEST_NUMBER:
        raise TooLarge(raw)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(raw)
    if integer:
        if value != int(value):
            raise ValueError(raw)
        return int(value)
    return float(value)


# year, month and day as people write them here: 2025-06-01, 2025/6/1, 2025.6.1,
# 2025年6月1日, a time of day after them left aside
# a day, and a time of it at most (a DATETIME's: 2024-05-01T08:00:00Z): a day typed with
# more after it (2024-05-011, 2024-06-01至06-03) is no day, never its first ten characters
_YEAR_MONTH_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                             r"(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?\s*"
                             r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")


def date_value(raw) -> date:
    """The day ``raw`` means, written as people write it here (raises ValueError for none):
    the forms and the reports read a date the same way."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _typed(raw)
    ymd = _YEAR_MONTH_DAY.fullmatch(text)
    if ymd:
        return date(*map(int, ymd.groups()))
    return date.fromisoformat(text)  # (20250601; anything else is refused)


def record_day(value) -> date | None:
    """The day a record's date means (2024/1/5 and 2024.01.05 too: as the forms read what is
    typed); None where it means none."""
    try:
        return date_value(value)
    except (ValueError, TypeError, OverflowError):
        return None


def day_text(value) -> str | None:
    """SQL ``toksun_day(date)``: the day as YYYY-MM-DD, so days compare as days ('2024/01/05'
    sorts after '2024-03-12' as text); NULL for no date, '' for a date that means no day."""
    if value is None or not str(value).strip():
        return None
    day = record_day(value)
    return day.isoformat() if day else ""


def read_days(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the SQL functions ``toksun_day`` (:func:`day_text`) and
    ``toksun_instant`` (:func:`field_kit.plan.rules.instant`): the reports, the app and the
    forms compare records' dates as days, and their times as moments, with them."""
    conn.create_function("toksun_day", 1, day_text, deterministic=True)
    conn.create_function("toksun_instant", 1, instant, deterministic=True)


def clean_values(form: Form, values: Mapping, context: Context | None = None
                 ) -> tuple[dict, list[Problem]]:
    """Typed values (numbers, dates, codes) ready to check and save, and problems of form.

    Derived fields are filled from the subject; a completed quantity typed in a unit that
    converts into the target's unit is converted, so what is saved is in the plan's unit.
    """
    ctx = context or Context()
    out: dict = {"uuid": _text(values.get("uuid"))}
    problems: list[Problem] = []
    for f in form.fields:
        for col in f.columns:
            raw = values.get(col)
            if f.derived and _text(raw) is None and ctx.subject is not None and f.source:
                raw = ctx.subject.get(f.source)
            out[col] = None
            if _text(raw) is None:
                continue
            kind = REAL if f.widget == POSITION else f.widget
            try:
                if kind in (INTEGER, REAL):
                    out[col] = _number(raw, kind == INTEGER)
                elif kind == DATE:
                    out[col] = date_value(raw)
                else:
                    out[col] = _text(raw)
            except (ValueError, TypeError, AttributeError, OverflowError) as exc:
                code = {INTEGER: "not_an_integer", REAL: "not_a_number", DATE: "not_a_date"}[kind]
                if isinstance(exc, (TooLarge, OverflowError)):
                    code = "too_large"
                elif isinstance(exc, AmbiguousComma):
                    code = "ambiguous_comma"
                problems.append(_problem(form, col, code, ERROR))
    target = _target(out, ctx)
    if target is not None and target.get("unit"):
        unit, want = out.get("unit"), target["unit"]
        if unit is None:
            out["unit"] = want
        elif unit != want and units.convertible(unit, want):
            if out.get("completed_quantity") is not None:
                out["completed_quantity"] = units.convert(out["completed_quantity"], unit, want)
            out["unit"] = want
    return out, problems


def _target(values: Mapping, context: Context) -> dict | None:
    uuid = _text(values.get("target_uuid"))
    return next((t for t in context.targets if t.get("uuid") == uuid), None)


# --- checking -------------------------------------------------------------------------

def _label(form: Form, name: str) -> Text:
    f = form.field(name)
    if name in f.columns and name != f.name:  # a part of the position
        return next(c for c in schema.table(form.table).columns if c.name == name).label
    return f.label


def _problem(form: Form, name: str, code: str, severity: str, **args) -> Problem:
    return Problem(name, severity, code,
                   MESSAGES[code].format(label=_label(form, name), **args))


def validate(form: Form, values: Mapping, context: Context | None = None) -> list[Problem]:
    """Every problem with ``values`` (as typed: strings or numbers), errors and warnings."""
    ctx = context or Context()
    clean, problems = clean_values(form, values, ctx)
    bad = {p.field for p in problems}
    for f in form.fields:
        problems += _check_field(form, f, clean, ctx, bad)
    for rule in form.rules:
        found = None if rule.field in bad else broken(rule, clean, ctx)
        if found is not None:
            problems.append(Problem(rule.field, rule.severity, rule.code,
                                    rule.message.format(label=_label(form, rule.field),
                                                        **found)))
        elif rule.kind == "not_future" and rule.field not in bad:
            problems += _today_unknown(form, rule.field, clean, ctx)
    return problems + _lists_lacking(form, ctx)


def _lists_lacking(form: Form, ctx: Context) -> list[Problem]:
    """A warning on each choice field whose list is read from a table the file lacks
    (:attr:`Context.lacking`): none of its values can be checked, nor offered."""
    out = []
    for f in form.fields:
        table = "project_targets" if f.code_list == TARGETS else \
            None if f.code_list in (None, UNITS) else "code_lists"
        if f.widget == CHOICE and table in ctx.lacking:
            out.append(_problem(form, f.name, "list_lacking", WARNING, table=table))
    return out


def _today_unknown(form: Form, name: str, v: dict, ctx: Context) -> list[Problem]:
    """A warning of a date a "not after today" rule cannot check: the device's clock is
    wrong, and the date is after the earliest today can be (one before it is not after
    today, whatever today is)."""
    when, earliest = v.get(name), ctx.earliest_today
    if when is None or earliest is None or when <= earliest:
        return []
    return [_problem(form, name, "today_unknown", WARNING, value=when.isoformat(),
                     day=earliest.isoformat())]


def broken(rule: Rule, values: Mapping, context: Context | None = None) -> dict | None:
    """What a rule finds broken in clean ``values`` (its message's arguments), or None."""
    return _RULES[rule.kind](rule, dict(values), context or Context())


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


# rules that, broken, say a value is still to be given rather than a value given wrong
_ASKING_FOR_A_VALUE = {"required_when", "target_required"}


def missing(form: Form, problems: list[Problem]) -> list[Problem]:
    """The problems that say a value is still to be given (a required field left empty),
    apart from those with a value given: a face may say them quietly on a form not yet
    filled, until a save is tried; they stop the save all the same."""
    codes = {"required"} | {r.code for r in form.rules if r.kind in _ASKING_FOR_A_VALUE}
    return [p for p in problems if p.code in codes]


def _check_field(form: Form, f: Field, v: dict, ctx: Context, bad: set) -> list[Problem]:
    out = []
    if f.required and f.columns and any(v.get(c) is None and c not in bad for c in f.columns[:2]):
        return [_problem(form, f.name, "required", ERROR)]
    for col in f.columns:
        value = v.get(col)
        if value is None:
            continue
        lo, hi = POSITION_LIMITS.get(col, (f.min, f.max))
        if f.widget == DATE:
            first = date.fromisoformat(str(lo)) if lo else None
            last = date.fromisoformat(str(hi)) if hi else None
            if (first and value < first) or (last and value > last):
                out.append(_problem(form, col, "outside_plan_period", ERROR, min=lo, max=hi))
            continue
        if lo is not None and (value <= lo if f.min_exclusive else value < lo):
            out.append(_problem(form, col, "not_above_min" if f.min_exclusive else "below_min",
                                ERROR, min=lo))
        elif hi is not None and value > hi:
            out.append(_problem(form, col, "above_max", ERROR, max=hi))
        if f.widget == CHOICE and f.code_list in ctx.code_lists and not f.open_choice:
            codes = ctx.code_lists[f.code_list or ""]
            match = next((c for c in codes if c.code == value), None)
            parent = v.get(f.parent) if f.parent else None
            if match is None:
                out.append(_problem(form, col, "not_in_code_list", ERROR, value=value))
            elif parent is not None and f.parent and match.parent_code != parent:
                out.append(_problem(form, col, "not_in_parent", ERROR, value=value,
                                    parent=_label(form, f.parent)))
    return out



# --- cross-field rules, by kind: each returns the message's arguments when it is broken --

def _photo_required_when(rule: Rule, v: dict, ctx: Context) -> dict | None:
    if v.get(rule.field) == rule.params["value"] and ctx.photo_count < rule.params["min_photos"]:
        return {}
    return None


def _required_when(rule: Rule, v: dict, ctx: Context) -> dict | None:
    when, allowed = v.get(rule.params["when"]), rule.params.get("values")
    if when is not None and (allowed is None or when in allowed) and v.get(rule.field) is None:
        return {}
    return None


def _not_greater(rule: Rule, v: dict, ctx: Context) -> dict | None:
    a, b = v.get(rule.field), v.get(rule.params["than"])
    # a hair of tolerance: the same 亩 figure typed twice converts to the same m², but
    # figures typed in different units may differ in the last bit
    return {} if a is not None and b is not None and a > b * (1 + 1e-12) else None


def _not_far_above_subject(rule: Rule, v: dict, ctx: Context) -> dict | None:
    area, mapped = v.get(rule.field), (ctx.subject or {}).get(rule.params["of"])
    if area is None or not mapped or area <= rule.params["times"] * mapped:
        return None
    return {"area": area, "subject": mapped, "times": area / mapped}


def _not_far_below_subject(rule: Rule, v: dict, ctx: Context) -> dict | None:
    area, mapped = v.get(rule.field), (ctx.subject or {}).get(rule.params["of"])
    # (0 or less: refused by the field's own limit, not warned of besides)
    if area is None or area <= 0 or not mapped or area * rule.params["share"] >= mapped:
        return None
    return {"area": area, "subject": mapped, "share": area / mapped}


def _year_not_after(rule: Rule, v: dict, ctx: Context) -> dict | None:
    # no date, and a device's today known wrong: nothing to weigh the year by (the date is
    # asked for)
    when = v.get(rule.params["date"]) or (ctx.today if ctx.earliest_today is None else None)
    year = v.get(rule.field)
    return {"year": when.year} if when and year is not None and year > when.year else None


def _not_future(rule: Rule, v: dict, ctx: Context) -> dict | None:
    when = v.get(rule.field)
    if ctx.earliest_today is not None:  # the device's today is wrong: _today_unknown
        return None
    return {"today": ctx.today.isoformat()} if when is not None and when > ctx.today else None


def _near_subject(rule: Rule, v: dict, ctx: Context) -> dict | None:
    lon, lat = v.get("position_lon"), v.get("position_lat")
    if lon is None or lat is None or v.get(rule.field) is not None or not ctx.subject_wkbs:
        return None
    dist = distance_to_outlines((lon, lat), ctx.subject_wkbs)
    limit = rule.params["limit_m"]
    return {"distance": dist, "limit": limit} if dist is not None and dist > limit else None


def _pattern(rule: Rule, v: dict, ctx: Context) -> dict | None:
    value = v.get(rule.field)
    return {"value": value} if value and not re.match(rule.params["regex"], value) else None


def _target_required(rule: Rule, v: dict, ctx: Context) -> dict | None:
    return {} if ctx.targets and _target(v, ctx) is None else None


def _target_unit(rule: Rule, v: dict, ctx: Context) -> dict | None:
    target, unit = _target(v, ctx), v.get(rule.field)
    if target is None or not unit or not target.get("unit") or unit == target["unit"]:
        return None
    return {"unit": unit, "target_unit": target["unit"], "unit_en": units.symbol(unit, "en"),
            "target_unit_en": _unit_in(target, "en")}  # the rest were converted


def _not_over_target(rule: Rule, v: dict, ctx: Context) -> dict | None:
    target, value = _target(v, ctx), v.get(rule.field)
    if target is None or value is None or target.get("quantity") is None:
        return None
    if v.get("unit") != target.get("unit") or value <= target["quantity"]:
        return None
    return {"value": value, "target": target["quantity"], "unit": target["unit"],
            "unit_en": _unit_in(target, "en", value),
            "target_unit_en": _unit_in(target, "en", target["quantity"])}


_RULES = {
    "photo_required_when": _photo_required_when, "required_when": _required_when,
    "not_greater": _not_greater, "year_not_after": _year_not_after,
    "not_future": _not_future, "near_subject": _near_subject,
    "not_far_above_subject": _not_far_above_subject,
    "not_far_below_subject": _not_far_below_subject, "pattern": _pattern,
    "target_required": _target_required, "target_unit": _target_unit,
    "not_over_target": _not_over_target,
}


def _unit_in(target: Mapping, lang: str, quantity: float | None = None) -> str:
    """A target's unit in ``lang``, a count's the plan's noun (25 villages; in the singular
    for one: 1 facility)."""
    return units.symbol(target.get("unit") or "", lang, quantity, target.get("unit_en") or "")


def _amount(target: Mapping, lang: str) -> str:
    """A target's quantity as the plan writes it (0.10, not 0.1), and its unit."""
    q = target.get("quantity")
    return (f"{units.as_written(q, target.get('plan_quote') or '')} "
            f"{_unit_in(target, lang, q)}" if q is not None else _unit_in(target, lang))


# --- distance from a position to a patch ----------------------------------------------

def distance_to_outlines(point: tuple[float, float], wkbs) -> float | None:
    """Metres from ``point`` (lon, lat) to the nearest of the outlines, 0 inside one."""
    near = nearest_outline_point(point, wkbs)
    return None if near is None else 0.0 if near == point else geometry.distance(point, near)


def nearest_outline_point(point: tuple[float, float], wkbs) -> tuple[float, float] | None:
    """The point of the outlines nearest ``point`` (lon, lat): ``point`` itself inside one;
    None for outlines with no ring.

    The nearest point of each edge is found in a plane tangent at ``point`` (good for
    patches of a few kilometres); measure the way to it on the ellipsoid.
    """
    lon0, lat0 = point
    kx = math.cos(math.radians(lat0))
    best: tuple[float, float, float] | None = None  # (squared plane distance, lon, lat)
    for wkb in wkbs:
        for rings in _polygons(geometry.parse_wkb(bytes(wkb))):
            if _inside(point, rings):
                return point
            for ring in rings:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                    ax, ay = (x1 - lon0) * kx, y1 - lat0
                    bx, by = (x2 - lon0) * kx, y2 - lat0
                    dx, dy = bx - ax, by - ay
                    seg = dx * dx + dy * dy
                    t = 0.0 if seg == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg))
                    qx, qy = ax + t * dx, ay + t * dy
                    if best is None or qx * qx + qy * qy < best[0]:
                        best = (qx * qx + qy * qy, lon0 + qx / kx, lat0 + qy)
    return None if best is None else (best[1], best[2])


def _polygons(parsed):
    code, body = parsed
    if code == geometry.WKB_POLYGON:
        yield body
    elif code in (geometry.WKB_MULTIPOLYGON, geometry.WKB_COLLECTION):
        for part in body:
            yield from _polygons(part)


def _inside(point: tuple[float, float], rings) -> bool:
    return geometry.point_in_rings(point[0], point[1], rings)
