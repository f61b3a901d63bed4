# SPDX-License-Identifier: GPL-2.0-or-later
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from field_kit.plan import units
from field_kit.plan.units import UnitError, convert

AREA = ("平方米", "亩", "公顷", "平方千米", "万亩", "万公顷")
SPELLINGS = AREA + ("m2", "m²", "mu", "ha", "km2", "km²", "平方公里", "hm²")


def test_exact_factors_of_the_plan():
    assert convert(1, "公顷", "亩") == 15
    assert convert(1, "亩", "平方米") == Fraction(10000, 15)
    assert convert(1, "平方千米", "公顷") == 100
    assert convert(1, "平方千米", "亩") == 1500
    assert convert(1, "万亩", "亩") == 10000
    assert convert(1, "万公顷", "平方千米") == 100
    assert convert(4, "万亩", "平方千米") == Fraction(80, 3)  # 人工造林 4 万亩
    assert convert(Fraction(1), "亩", "公顷") == Fraction(1, 15)


def test_floats_come_out_correctly_rounded():
    assert convert(1.0, "公顷", "亩") == 15.0
    assert convert(3.0, "亩", "公顷") == 0.2
    assert convert(1500.0, "亩", "平方千米") == 1.0
    assert convert(2.5, "m²", "平方米") == 2.5
    assert isinstance(convert(1.0, "ha", "mu"), float)


def test_english_symbols_and_other_spellings():
    assert convert(1, "ha", "mu") == 15
    assert convert(1, "km2", "m2") == 10**6
    assert convert(1, "km²", "ha") == 100
    assert convert(1, "平方公里", "平方千米") == 1
    assert convert(1, " HA ", "亩") == 15
    assert units.canonical("m²") == "平方米"
    assert units.symbol("公顷", "en") == "ha" and units.symbol("ha", "zh") == "公顷"
    # in Chinese the plan's own word stays: its canals are 15 公里, not 15 千米
    assert units.symbol("公里", "zh") == "公里" and units.symbol("公里", "en") == "km"
    assert units.symbol("km", "zh") == "千米"
    assert units.convert(2, "千米", "米") == 2000 and units.convert(1, "公里", "km") == 1


def test_refuses_unknown_and_mixed_units():
    with pytest.raises(UnitError):
        convert(1, "亩", "斤")
    with pytest.raises(UnitError):
        convert(1, "亩", "千米")
    with pytest.raises(TypeError):
        convert("1", "亩", "公顷")
    assert convert(3, "处", "处") == 3  # a count converts only into itself
    assert not units.convertible("处", "亩")
    assert units.convertible("处", "处") and units.convertible("mu", "万亩")


def test_units_a_target_converts_into():
    assert units.same_dimension("万亩")[0] == "万亩"
    assert set(units.same_dimension("万亩")) == set(AREA)
    assert units.same_dimension("个") == ("个",)


def test_format_area():
    assert units.format_area(10000 / 15 * 10, "zh") == "6,666.67 平方米 / 10.00 亩 / 0.6667 公顷"
    assert units.format_area(10000.0, "en") == "10,000.00 m² / 15.00 mu / 1.0000 ha"
    assert units.format_area(None) == ""


@given(st.fractions(), st.sampled_from(SPELLINGS), st.sampled_from(SPELLINGS))
def test_fractions_round_trip_exactly(q, a, b):
    assert convert(convert(q, a, b), b, a) == q


@given(st.fractions(), st.sampled_from(AREA), st.sampled_from(AREA), st.sampled_from(AREA))
def test_conversion_composes(q, a, b, c):
    assert convert(convert(q, a, b), b, c) == convert(q, a, c)


@given(st.floats(min_value=1e-6, max_value=1e12), st.sampled_from(SPELLINGS),
       st.sampled_from(SPELLINGS))
def test_floats_round_trip_within_rounding(x, a, b):
    back = convert(convert(x, a, b), b, a)
    assert math.isclose(back, x, rel_tol=4e-16)


@given(st.floats(min_value=0, max_value=1e12), st.sampled_from(AREA), st.sampled_from(AREA))
def test_float_result_is_the_nearest_float_to_the_exact_one(x, a, b):
    exact = Fraction(x) * units.factor(a, b)
    got = convert(x, a, b)
    assert abs(Fraction(got) - exact) <= abs(Fraction(math.nextafter(got, math.inf)) - exact)
    assert abs(Fraction(got) - exact) <= abs(Fraction(math.nextafter(got, -math.inf)) - exact)
