"""The course's units: one pint registry, at the boundaries only.

Data files name a unit with a short key (``um``, ``mm``, ``days``, ``cm/h``, ``Da``, ...:
:data:`UNITS`). This module is the only place that knows what those keys mean:

- :func:`factor` gives the number that converts one unit into another (pint works it out once,
  then it is cached), so models and solvers multiply plain floats and never touch pint;
- :func:`parse` reads what a learner types ("0.5 mm", "500 µm", "0,5 mm", "1 000 µm") in a
  question's unit, and refuses, with a message, what it cannot read without guessing;
- :func:`symbol` is how a unit is written for learners (``µm``, ``%``, ``cm²/s``).

Besides pint's own units it defines ``fraction`` (a plain number from 0 to 1), ``count`` (a
number of things) and ``cell_layer`` (a number of layers of cells, its own dimension, so it never
converts into a length).

>>> factor("mm", "um")
1000.0
>>> parse("0,5 mm", "um")
500.0
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Each data unit key: (pint expression, how learners see it).
UNITS: dict[str, tuple[str, str]] = {
    "nm": ("nanometer", "nm"),
    "um": ("micrometer", "µm"),
    "mm": ("millimeter", "mm"),
    "cm": ("centimeter", "cm"),
    "fraction": ("fraction", ""),
    "percent": ("percent", "%"),
    "ratio": ("dimensionless", ""),
    "log10": ("dimensionless", ""),
    "points": ("dimensionless", "points"),  # a score on a rating scale
    "count": ("count", ""),
    "cell layers": ("cell_layer", "cell layers"),
    "minutes": ("minute", "min"),
    "hours": ("hour", "hours"),
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "Da": ("dalton", "Da"),
    "kDa": ("kilodalton", "kDa"),
    "cm/h": ("centimeter / hour", "cm/h"),
    "cm^2/s": ("centimeter ** 2 / second", "cm²/s"),
    "needles/cm^2": ("count / centimeter ** 2", "per cm²"),
    "holes/cm^2": ("count / centimeter ** 2", "holes per cm²"),
    "Hz": ("hertz", "Hz"),
    "cm/s": ("centimeter / second", "cm/s"),
    "per Da": ("1 / dalton", "per Da"),
    "ug/cm^2/h": ("microgram / centimeter ** 2 / hour", "µg/cm²/h"),
    "mg/cm^2": ("milligram / centimeter ** 2", "mg/cm²"),
    "g/cm^3": ("gram / centimeter ** 3", "g/cm³"),
}
# Units that can never be negative (a thickness, a time, a mass); a log value or a ratio can.
NON_NEGATIVE = {"nm", "um", "mm", "cm", "fraction", "percent", "count", "cell layers",
                "minutes", "hours", "days", "weeks", "months", "Da", "kDa", "cm/h", "cm^2/s",
                "needles/cm^2", "holes/cm^2", "Hz", "cm/s", "per Da", "ug/cm^2/h", "mg/cm^2",
                "g/cm^3"}
# The base unit each dimension is compared in (the audit matches numbers in text this way).
BASE = {"length": "um", "time": "hours", "mass": "Da", "percent": "percent"}
# How units are written in the course's prose and control labels, each with its data unit key.
TEXT_TOKENS = {"nm": "nm", "µm": "um", "μm": "um", "um": "um", "mm": "mm", "cm": "cm",
               "h": "hours", "hour": "hours", "hours": "hours", "day": "days", "days": "days",
               "week": "weeks", "weeks": "weeks", "Da": "Da", "kDa": "kDa", "%": "percent"}


class UnitInputError(ValueError):
    """A typed answer that cannot be read without guessing; ``message`` says what to do."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # empty, ambiguous, not-a-number, wrong-unit, below-minimum
        self.message = message


@lru_cache(maxsize=1)
def registry():
    """The course's one pint UnitRegistry (made on first use)."""
    import pint

    ureg = pint.UnitRegistry()
    ureg.define("fraction = [] = frac")
    ureg.define("cell_layer = [cell_layers]")
    return ureg


def _pint_unit(unit: str):
    try:
        return registry().Unit(UNITS[unit][0])
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}: the course knows "
                         f"{', '.join(sorted(UNITS))}") from None


def known(unit: str) -> bool:
    return unit in UNITS


def symbol(unit: str) -> str:
    """How a data unit is written for learners, e.g. 'µm', '%', 'cm²/s'."""
    try:
        return UNITS[unit][1]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}") from None


@lru_cache(maxsize=None)
def factor(from_unit: str, to_unit: str) -> float:
    """The number x such that a value in ``from_unit`` times x is in ``to_unit``.

    Raises ValueError when the two units measure different things (a length and a time).
    """
    import pint

    try:
        return float(registry().Quantity(1.0, _pint_unit(from_unit)).to(_pint_unit(to_unit))
                     .magnitude)
    except pint.DimensionalityError:
        raise ValueError(f"{from_unit!r} and {to_unit!r} measure different things") from None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return value * factor(from_unit, to_unit)


@lru_cache(maxsize=None)
def dimension(unit: str) -> str | None:
    """'length', 'time', 'mass' or 'percent' for units the audit compares; None otherwise."""
    for dim, base in BASE.items():
        try:
            factor(unit, base)
        except ValueError:
            continue
        if dim == "percent" and unit not in ("percent", "fraction"):
            continue  # a count or a ratio is not a percentage
        return dim
    return None


def to_base(value: float, unit: str) -> tuple[str, float] | None:
    """(dimension, value in that dimension's base unit), or None for other units."""
    dim = dimension(unit)
    return None if dim is None else (dim, convert(value, unit, BASE[dim]))


# -- reading what a learner types ------------------------------------------------------------------
_SPACES = re.compile(r"[\u00a0\u2009\u202f]")
_THOUSANDS_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_AMBIGUOUS_COMMA = re.compile(r"\d,\d{3}(?!\d)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# Unit words learners type that pint spells differently.
_ALIASES = {"μ": "µ", "microns": "µm", "micron": "µm", "mcm": "µm"}


def _normalise(text: object) -> str:
    s = _SPACES.sub(" ", str(text)).strip()
    for a, b in _ALIASES.items():
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s)


def parse(text: object, unit: str, minimum: float | None = None) -> float:
    """A typed answer as a number in ``unit``: '0.5 mm' -> 500.0 for ``unit='um'``.

    A bare number is taken in ``unit``. A decimal comma works ('0,5 mm'); a space between groups
    of three digits is a thousands separator ('1 000 µm' is 1000 µm). A comma followed by exactly
    three digits ('1,000 µm', '1,500 mm') could be either, so it is refused with a request to
    write it again. Below ``minimum`` (e.g. a thickness below zero) is refused too. Every refusal
    is a :class:`UnitInputError` whose message says what to do.
    """
    if isinstance(text, bool):
        raise UnitInputError("not-a-number", "Type a number, not true or false.")
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        s = _normalise(text)
        if not s:
            raise UnitInputError("empty", f"Type a number, with its unit if you like (for "
                                          f"example {example(unit)}).")
        if len(s) > 60:
            raise UnitInputError("not-a-number", "That is too long to be one number and unit.")
        if _AMBIGUOUS_COMMA.search(s):
            raise UnitInputError(
                "ambiguous", f"'{s}' could mean a decimal comma or a thousands separator. Write "
                             f"it again without the comma: for example 1000 or 1.5.")
        s = _THOUSANDS_SPACE.sub("", s)
        s = _DECIMAL_COMMA.sub(".", s)
        value = _read(s, unit)
    if not math.isfinite(value):
        raise UnitInputError("not-a-number", "That is not a finite number.")
    if minimum is not None and value < minimum:
        shown = f"{minimum:g} {symbol(unit)}".strip()
        typed = f"{value:g} {symbol(unit)}".strip()
        raise UnitInputError("below-minimum", f"{typed} is not possible here: the answer "
                                              f"cannot be below {shown}.")
    return value


def _read(s: str, unit: str) -> float:
    if _NUMBER.match(s):
        return float(s)
    m = re.match(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.+)$", s)
    if not m:
        raise UnitInputError("not-a-number", f"'{s}' could not be read as a number. Try "
                                             f"something like {example(unit)}.")
    number, word = float(m.group(1)), m.group(2).strip()
    if word == "%":
        word = "percent"
    import pint

    ureg = registry()
    try:
        typed = ureg.Unit(word)
    except Exception:  # pint raises many kinds (and asserts) for text that is not a unit
        raise UnitInputError("wrong-unit", f"'{word}' is not a unit the course knows. Try "
                                           f"something like {example(unit)}.") from None
    try:
        return float(ureg.Quantity(number, typed).to(_pint_unit(unit)).magnitude)
    except pint.DimensionalityError:
        raise UnitInputError("wrong-unit", f"'{word}' does not measure the same thing as "
                                           f"{symbol(unit) or unit}. Try something like "
                                           f"{example(unit)}.") from None
    except Exception:
        raise UnitInputError("not-a-number", f"'{s}' could not be read as a number. Try "
                                             f"something like {example(unit)}.") from None


def example(unit: str) -> str:
    """An example answer in ``unit``, for prompts and messages."""
    return {"um": "150 µm", "mm": "0.5 mm", "cm": "1 cm", "days": "14 days",
            "hours": "24 hours", "percent": "20 %", "Da": "500 Da", "cm/h": "0.001 cm/h",
            "log10": "-2.5"}.get(unit, "1")
