# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan's units, converted exactly.

The plan mixes 平方米, 亩, 公顷, 平方千米, 万亩 and 万公顷 (and 千米 for lengths). Factors are
fractions (1 公顷 = 15 亩 exactly, so 1 亩 = 10000/15 m²) so a value converted and converted
back is the value again; floats go in and come out correctly rounded from the exact product.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from numbers import Rational

from ..bilingual import Text

AREA = "area"
LENGTH = "length"

# Canonical unit (the plan's own word) -> (dimension, size in m² or m).
_UNITS: dict[str, tuple[str, Fraction]] = {
    "平方米": (AREA, Fraction(1)),
    "亩": (AREA, Fraction(10000, 15)),
    "公顷": (AREA, Fraction(10000)),
    "平方千米": (AREA, Fraction(10**6)),
    "万亩": (AREA, Fraction(10**8, 15)),
    "万公顷": (AREA, Fraction(10**8)),
    "米": (LENGTH, Fraction(1)),
    "千米": (LENGTH, Fraction(1000)),
}

# Other spellings met in plans, notices and English text.
_ALIASES = {
    "m2": "平方米", "m²": "平方米", "m^2": "平方米", "sq m": "平方米",
    "mu": "亩",
    "ha": "公顷", "hm2": "公顷", "hm²": "公顷",
    "km2": "平方千米", "km²": "平方千米", "km^2": "平方千米", "sq km": "平方千米",
    "平方公里": "平方千米",
    "10k mu": "万亩", "10^4 mu": "万亩",
    "10k ha": "万公顷", "10^4 ha": "万公顷",
    "m": "米", "km": "千米", "公里": "千米",
}

# How each unit is written in English text.
SYMBOLS = {zh: Text(zh, en) for zh, en in (
    ("平方米", "m²"), ("亩", "mu"), ("公顷", "ha"), ("平方千米", "km²"), ("万亩", "10⁴ mu"),
    ("万公顷", "10⁴ ha"), ("米", "m"), ("千米", "km"))}  # keyed by the plan's own (Chinese) name

# a unit as the toolkit writes it in English is read back as that unit (a report's "10⁴ mu"
# copied into a form)
_ALIASES.update({symbol.en: zh for zh, symbol in SYMBOLS.items()})

# The plan's counting words in English where nothing names what is counted: no conversion,
# only a word a reader of English understands. A target gives its own noun (25 个 villages
# greened are villages: project_targets.unit_en), which comes first.
COUNT_WORDS = {"个": ("site", "sites"), "座": ("facility", "facilities")}

# Units offered where an area is typed; stored areas are in m².
AREA_UNITS = ("平方米", "亩", "公顷", "平方千米", "万亩", "万公顷")


class UnitError(ValueError):
    """A unit that is unknown, or two units that cannot be converted into each other."""


def canonical(unit: str) -> str:
    """The plan's word for ``unit`` (``"ha"`` -> ``"公顷"``); unknown units raise UnitError."""
    key = " ".join(unit.split())  # ("10⁴  mu", a line break typed in a form)
    if key in _UNITS:
        return key
    alias = _ALIASES.get(key) or _ALIASES.get(key.lower())
    if alias is None:
        raise UnitError(f"unknown unit {unit!r}")
    return alias


def same_unit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name one unit (``ha`` and 公顷; a count word, 个, itself)."""
    return a.strip() == b.strip() or is_known(a) and is_known(b) and canonical(a) == canonical(b)


def is_known(unit: str | None) -> bool:
    try:
        return unit is not None and bool(canonical(unit))
    except UnitError:
        return False


def dimension(unit: str) -> str:
    return _UNITS[canonical(unit)][0]


def is_area(unit: str | None) -> bool:
    return is_known(unit) and dimension(unit) == AREA  # type: ignore[arg-type]


def convertible(a: str | None, b: str | None) -> bool:
    """True when both units are known and measure the same thing (or are the same word)."""
    if a is not None and b is not None and a.strip() == b.strip():
        return True
    return is_known(a) and is_known(b) and dimension(a) == dimension(b)  # type: ignore[arg-type]


def same_dimension(unit: str) -> tuple[str, ...]:
    """Units ``unit`` converts into, itself first; a count unit (个, 处) gives just itself."""
    if not is_known(unit):
        return (unit,)
    own = canonical(unit)
    return (own,) + tuple(u for u, (d, _) in _UNITS.items() if d == _UNITS[own][0] and u != own)


def factor(from_unit: str, to_unit: str) -> Fraction:
    """Exact multiplier taking a value in ``from_unit`` to ``to_unit``."""
    if from_unit.strip() == to_unit.strip():
        return Fraction(1)
    (d1, s1), (d2, s2) = _UNITS[canonical(from_unit)], _UNITS[canonical(to_unit)]
    if d1 != d2:
        raise UnitError(f"cannot convert {from_unit!r} ({d1}) to {to_unit!r} ({d2})")
    return s1 / s2


def convert(value, from_unit: str, to_unit: str):
    """``value`` in ``from_unit`` expressed in ``to_unit``.

    Integers and Fractions give an exact Fraction; floats give the float nearest the exact
    result (so 1.0 公顷 -> 15.0 亩, not 14.999999999999998).
    """
    f = factor(from_unit, to_unit)
    if isinstance(value, Rational):
        return Fraction(value) * f
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return value * float(f)
        try:
            return float(Fraction(value) * f)
        except OverflowError:  # beyond a float (1e308 亩 in m²): infinite, for checks to refuse
            return math.copysign(math.inf, value)
    raise TypeError(f"convert() needs a number, not {type(value).__name__}")


def symbol(unit: str, lang: str = "zh", quantity: float | None = None, en: str = "") -> str:
    """How ``unit`` is written in ``lang`` ('zh' or 'en'), a count's word in the singular
    for a ``quantity`` of 1; unknown units pass through. ``en``: what the plan counts in
    ``unit``, in English and the plural ("villages" for 25个村庄), said in English in place of
    the unit's general word."""
    if en and lang != "zh" and not is_known(unit):
        return singular(en) if quantity == 1 else en
    if unit in COUNT_WORDS:
        return unit if lang == "zh" else COUNT_WORDS[unit][quantity != 1]
    if not is_known(unit):
        return unit
    if lang == "zh" and any("\u4e00" <= ch <= "\u9fff" for ch in unit):
        return unit  # the plan's own word (公里, not 千米)
    return SYMBOLS[canonical(unit)](lang)


def singular(noun: str) -> str:
    """An English plural count noun in the singular (villages -> village, facilities ->
    facility); a noun that reads as no plural is kept."""
    if noun.endswith("ies") and len(noun) > 3:
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def format_area(m2: float | None, lang: str = "zh") -> str:
    """An area in m² as "m² / 亩 / 公顷" text, e.g. "6,666.67 m² / 10.00 mu / 0.6667 ha"."""
    if m2 is None or not math.isfinite(m2):
        return ""
    parts = (("平方米", 2), ("亩", 2), ("公顷", 4))
    return " / ".join(f"{convert(float(m2), '平方米', u):,.{d}f} {symbol(u, lang)}"
                      for u, d in parts)


def as_written(value: float | None, quote: str = "") -> str:
    """A figure of the plan's with the digits the plan's sentence ``quote`` gives it (its
    trailing zeros kept: 202.80, 0.10), else as short as it reads exactly; "" for none."""
    if value is None:
        return ""
    for token in re.findall(r"\d+(?:\.\d+)?", quote or ""):
        if Fraction(token) == Fraction(repr(float(value))):
            return token
    return format(value, "g")
