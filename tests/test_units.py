"""The units module: one registry, conversions that agree with pint, and typed answers read the
way a learner means them (or refused with a message when they cannot be read without guessing)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skinlab import units
from skinlab.data import dataset


def test_every_data_value_uses_a_known_unit_and_converts_within_its_dimension():
    for where, v in dataset().values.items():
        assert units.known(v.unit), where
        dim = units.dimension(v.unit)
        if dim is not None:
            back = v.to(units.BASE[dim]).to(v.unit)
            assert back.value == pytest.approx(v.value), where


@pytest.mark.parametrize("a, b, f", [("mm", "um", 1000.0), ("cm", "um", 1e4), ("nm", "um", 1e-3),
                                     ("days", "hours", 24.0), ("weeks", "days", 7.0),
                                     ("kDa", "Da", 1000.0), ("fraction", "percent", 100.0)])
def test_factors(a, b, f):
    assert units.factor(a, b) == pytest.approx(f)
    assert units.factor(b, a) == pytest.approx(1 / f)


@pytest.mark.parametrize("a, b", [("um", "days"), ("cell layers", "um"), ("Da", "um")])
def test_different_things_do_not_convert(a, b):
    with pytest.raises(ValueError, match="measure different things"):
        units.factor(a, b)


def test_a_value_converts_with_to():
    v = dataset().value("layers.yaml", "sites", "heel", "hypodermis")
    assert v.unit == "um"
    mm = v.to("mm")
    assert (mm.value, mm.low, mm.high, mm.unit) == (v.value / 1000, v.low / 1000, v.high / 1000,
                                                    "mm")
    assert mm.sources == v.sources and mm.status == v.status


# -- typed answers ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, unit, want", [
    ("0.5 mm", "um", 500.0), ("500 µm", "um", 500.0), ("500 μm", "um", 500.0),
    ("0,5 mm", "um", 500.0), ("1 000 µm", "um", 1000.0), ("1 000 000 nm", "um", 1000.0),
    ("17", "um", 17.0), ("  17  µm ", "um", 17.0), ("1e3 um", "um", 1000.0),
    ("2 weeks", "days", 14.0), ("36,2 days", "days", 36.2), ("-2.5", "log10", -2.5),
    ("20 %", "percent", 20.0), ("500 Da", "Da", 500.0), ("0.5 kDa", "Da", 500.0),
])
def test_typed_answers_are_read_as_meant(text, unit, want):
    assert units.parse(text, unit, None) == pytest.approx(want)


@pytest.mark.parametrize("text", ["1,000 µm", "1,500 mm", "12,345", "2,000"])
def test_a_comma_before_exactly_three_digits_is_asked_again(text):
    with pytest.raises(units.UnitInputError) as err:
        units.parse(text, "um")
    assert err.value.kind == "ambiguous" and "Write it again" in err.value.message


@pytest.mark.parametrize("text, kind", [("", "empty"), ("   ", "empty"), ("abc", "not-a-number"),
                                        ("3 kg", "wrong-unit"), ("5 furlongs per", "wrong-unit"),
                                        ("nan", "not-a-number"), ("1e999", "not-a-number"),
                                        ("-3 µm", "below-minimum"), (True, "not-a-number")])
def test_unreadable_answers_are_refused_with_a_message(text, kind):
    with pytest.raises(units.UnitInputError) as err:
        units.parse(text, "um", minimum=0)
    assert err.value.kind == kind and err.value.message.strip()


def test_a_minimum_is_per_question_and_a_log_value_may_be_negative():
    with pytest.raises(units.UnitInputError, match="cannot be below 0 µm"):
        units.parse("-1 µm", "um", minimum=0)
    assert units.parse("-1 µm", "um", minimum=None) == -1.0
    assert units.parse("-3.2", "log10", minimum=None) == -3.2


@settings(deadline=None)
@given(st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 3)),
       st.sampled_from(["um", "mm", "cm", "nm"]))
def test_a_number_written_in_any_length_unit_reads_back(value, unit):
    text = f"{value:g} {units.symbol(unit)}"
    assert units.parse(text, "um") == pytest.approx(units.convert(float(f"{value:g}"), unit,
                                                                   "um"), rel=1e-9)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_thousands_spaces_and_ambiguous_commas(head, tail):
    spaced = f"{head} {tail:03d} µm"
    assert units.parse(spaced, "um") == head * 1000 + tail
    with pytest.raises(units.UnitInputError):
        units.parse(f"{head},{tail:03d} µm", "um")
    one_digit = f"{head},{tail % 10} µm"  # a decimal comma before one digit is read as decimal
    assert units.parse(one_digit, "um") == pytest.approx(head + (tail % 10) / 10)


@settings(deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_never_a_crash(text):
    try:
        value = units.parse(text, "um")
    except units.UnitInputError as err:
        assert err.message.strip()
    else:
        assert math.isfinite(value)
