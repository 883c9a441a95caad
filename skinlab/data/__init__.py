"""Cited course data: load, validate and look up the YAML files in this folder.

Every number a learner sees is a *value* here: a mapping with ``value``, ``unit``, ``range``,
``source``, ``status`` and ``checked`` (``abstract``, ``full-text`` or ``fact-sheet``). The status
says how much the number can be trusted, strongest first: ``measured`` (read from a study),
``estimated`` (derived from measurements, with its ``method``), ``assumption`` (a choice the
course makes where no source gives the number; the learner's text says "course assumption") and
``placeholder`` (no measurement exists or was found; a stand-in that every sentence built on it
names as such). See ``SCHEMA.md`` beside this file.

``dataset()`` loads the course's own data once and raises :class:`DataError`, naming the file and
the field, on the first bad entry. ``Dataset(folder).problems()`` lists every problem instead of
stopping at the first (the audit uses it).
"""

from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from numbers import Real
from pathlib import Path
from typing import Any, Iterator, Mapping, TypeGuard

import yaml

from skinlab import units

DATA_DIR = Path(__file__).resolve().parent
REFERENCES_FILE = "references.yaml"

# Strongest first: a number derived from several values is only as strong as its weakest input.
STATUSES = ("measured", "estimated", "assumption", "placeholder")
NEEDS_METHOD = ("estimated", "assumption", "placeholder")
CHECKED = ("abstract", "full-text", "fact-sheet")
# The units a value may carry, and which of them cannot be negative, are skinlab.units'.
UNITS = set(units.UNITS)
NON_NEGATIVE = units.NON_NEGATIVE


def weakest(*statuses: str) -> str:
    """The weakest of several statuses: what a number derived from them can claim.

    >>> weakest("measured", "estimated")
    'estimated'
    """
    known = [s for s in statuses if s in STATUSES]
    return max(known, key=STATUSES.index) if known else "measured"


# Every value read through Dataset.value() is noted here (its "file: path"), so the audit can
# say which values each notebook uses (see skinlab.execute and skinlab.audit).
_READS: set[str] = set()


def reads() -> list[str]:
    """The values read so far in this process, as sorted 'file.yaml: path' strings."""
    return sorted(_READS)


# Scoped recorders (see recording()) and the values replaced for a while (see perturbed()): both
# act in Dataset.value(), so every model that reads the data through it sees them.
_RECORDERS: list[set[str]] = []
_OVERRIDES: list[dict[str, float]] = []
# A value marked assumption or placeholder whose range is one point is moved this share either
# way in the key test and in sampling (issue 21: "an honest range, or ±50%").
POINT_SPREAD = 0.5
# Caches that hold no number derived from the data values, left alone by clear_caches().
_KEEP_CACHES = ("skinlab.data.dataset", "skinlab.units.")


class DataError(ValueError):
    """A bad entry in a data file; the message names the file and the field."""


@dataclass(frozen=True)
class Value:
    """One cited number: typical value, unit, range and where it comes from."""

    value: float
    unit: str
    low: float
    high: float
    sources: tuple[str, ...]
    status: str
    checked: str
    method: str = ""
    note: str = ""
    where: str = ""  # "file.yaml: path.to.field"

    def to(self, unit: str) -> "Value":
        """The same value (typical, low, high) in another unit, e.g. ``value.to("um")``."""
        try:
            f = units.factor(self.unit, unit)
        except ValueError as exc:
            raise DataError(f"{self.where}: cannot convert {self.unit!r} to {unit!r}: "
                            f"{exc}") from None
        return Value(self.value * f, unit, self.low * f, self.high * f, self.sources,
                     self.status, self.checked, self.method, self.note, self.where)

    def in_um(self) -> "Value":
        """The same value in micrometres (a length)."""
        return self.to("um")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, for the audit and for error messages."""

    kind: str  # bad-value, missing-source, unknown-source, unused-source, bad-reference, bad-file
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _is_number(x: Any) -> TypeGuard[float]:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _walk(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield (path, mapping) for every mapping in a YAML tree."""
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, path + (str(k),))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, path + (str(i),))


def _source_keys(raw: Any) -> tuple[str, ...] | None:
    if isinstance(raw, str) and raw.strip():
        return (raw.strip(),)
    if isinstance(raw, list) and raw and all(isinstance(s, str) and s.strip() for s in raw):
        return tuple(s.strip() for s in raw)
    return None


def _check_value(node: dict, where: str) -> tuple[Value | None, list[Problem]]:
    """Validate one value mapping; return the Value (if usable) and its problems."""
    probs: list[Problem] = []

    def bad(field: str, msg: str, kind: str = "bad-value") -> None:
        probs.append(Problem(kind, f"{where}.{field}", msg))

    v = node.get("value")
    if not _is_number(v):
        bad("value", f"value must be a finite number, got {v!r}")
    unit = node.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        bad("unit", "missing unit")
    elif unit not in UNITS:
        bad("unit", f"unknown unit {unit!r} (known: {', '.join(sorted(UNITS))})")
    rng = node.get("range")
    low = high = None
    if not (isinstance(rng, list) and len(rng) == 2 and all(_is_number(x) for x in rng)):
        bad("range", f"range must be [low, high] numbers, got {rng!r}")
    else:
        low, high = float(rng[0]), float(rng[1])
        if low > high:
            bad("range", f"range low {low} is above high {high}")
        elif _is_number(v) and not (low <= v <= high):
            bad("range", f"value {v} lies outside its range [{low}, {high}]")
    if isinstance(unit, str) and unit in NON_NEGATIVE:
        for name, x in (("value", v), ("range", low)):
            if _is_number(x) and x < 0:
                bad(name, f"a {unit} value cannot be negative, got {x}")
    if unit == "fraction":
        for name, x in (("value", v), ("range", high)):
            if _is_number(x) and x > 1:
                bad(name, f"a fraction cannot exceed 1, got {x}")
    sources = _source_keys(node.get("source"))
    if sources is None:
        bad("source", "missing source: every value needs a reference key", "missing-source")
    status = node.get("status")
    if status not in STATUSES:
        bad("status", f"status must be one of {', '.join(STATUSES)}, got {status!r}")
    method = node.get("method", "")
    if status in NEEDS_METHOD and not (isinstance(method, str) and method.strip()):
        bad("method", f"a value with status {status!r} must say in 'method' how it was "
                      f"derived, or why no measurement is used")
    checked = node.get("checked")
    if checked not in CHECKED:
        bad("checked", f"checked must be one of {', '.join(CHECKED)}, got {checked!r}")
    if (probs or not _is_number(v) or not isinstance(unit, str) or low is None or high is None
            or sources is None or not isinstance(status, str) or not isinstance(checked, str)):
        return None, probs  # each field refused above is a problem; the rest narrows the types
    return Value(float(v), unit, low, high, sources, status, checked,
                 str(method or ""), str(node.get("note", "") or ""), where), probs


class Dataset:
    """All data files of one folder, validated."""

    def __init__(self, folder: str | Path = DATA_DIR):
        self.folder = Path(folder)
        self.files: dict[str, Any] = {}
        self.references: dict[str, dict] = {}
        self.values: dict[str, Value] = {}  # "file.yaml: a.b.c" -> Value
        self._problems: list[Problem] = []
        self._used: set[str] = set()
        self._load()

    # -- loading -------------------------------------------------------------------------
    def _load(self) -> None:
        for path in sorted(self.folder.glob("*.yaml")):
            try:
                self.files[path.name] = load_yaml(path.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                self._problems.append(Problem("bad-file", path.name, f"cannot be read: {exc}"))
        refs = self.files.pop(REFERENCES_FILE, None)
        if not isinstance(refs, dict):
            self._problems.append(Problem("bad-file", REFERENCES_FILE, "missing or not a mapping"))
            refs = {}
        for key, ref in refs.items():
            self._check_reference(str(key), ref)
        self.references = {str(k): r for k, r in refs.items() if isinstance(r, dict)}
        for name, tree in self.files.items():
            for trail, node in _walk(tree):
                where = f"{name}: {'.'.join(trail)}" if trail else name
                if "value" in node:
                    value, probs = _check_value(node, where)
                    self._problems.extend(probs)
                    if value is not None:
                        self.values[where] = value
                if "source" in node:
                    keys = _source_keys(node["source"])
                    if keys is None:
                        if "value" not in node:  # values already reported
                            self._problems.append(Problem(
                                "missing-source", f"{where}.source", "empty source key"))
                        continue
                    for key in keys:
                        self._used.add(key)
                        if key not in self.references:
                            self._problems.append(Problem(
                                "unknown-source", f"{where}.source",
                                f"unknown source key {key!r}: add it to {REFERENCES_FILE}"))
        for key in sorted(set(self.references) - self._used):
            self._problems.append(Problem(
                "unused-source", f"{REFERENCES_FILE}: {key}", "reference is never used"))

    def _check_reference(self, key: str, ref: Any) -> None:
        where = f"{REFERENCES_FILE}: {key}"
        if not isinstance(ref, dict):
            self._problems.append(Problem("bad-reference", where, "must be a mapping"))
            return
        if not ref.get("authors"):
            self._problems.append(Problem("bad-reference", f"{where}.authors", "missing authors"))
        year = ref.get("year")
        if not (isinstance(year, int) or year == "n.d."):
            self._problems.append(Problem("bad-reference", f"{where}.year",
                                          f"year must be a number or 'n.d.', got {year!r}"))
        if not (ref.get("title") or ref.get("journal")):
            self._problems.append(Problem("bad-reference", f"{where}.title",
                                          "needs a title or a journal"))
        if not any(ref.get(f) for f in ("doi", "pmid", "url")):
            self._problems.append(Problem("bad-reference", where,
                                          "needs a doi, pmid or url that resolves"))

    # -- queries -------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def raise_for_problems(self) -> "Dataset":
        if self._problems:
            first = self._problems[0]
            more = len(self._problems) - 1
            tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
            raise DataError(f"{first}{tail}")
        return self

    def tree(self, name: str, *path: str) -> Any:
        """The raw YAML tree of one data file, or the node at ``path`` inside it, e.g.
        ``tree("layers.yaml")``, ``tree("healing.yaml", "studies", "aust2008")``."""
        try:
            node = self.files[name]
        except KeyError:
            raise DataError(f"no data file {name!r} in skinlab/data") from None
        for key in path:
            node = node[key]
        return node

    def value(self, name: str, *path: str) -> Value:
        """The validated value at ``name: path``, e.g. ``value("layers.yaml", "sites", ...)``."""
        where = f"{name}: {'.'.join(path)}"
        try:
            value = self.values[where]
        except KeyError:
            raise DataError(f"{where}: no such value") from None
        _READS.add(where)
        for recorder in _RECORDERS:
            recorder.add(where)
        for changes in reversed(_OVERRIDES):
            if where in changes:
                new = changes[where]
                return replace(value, value=new, low=min(value.low, new),
                               high=max(value.high, new))
        return value

    def reference(self, key: str) -> dict:
        try:
            return self.references[key]
        except KeyError:
            raise DataError(f"unknown source key {key!r}") from None



def load_yaml(text: str) -> Any:
    """YAML text as Python data, safely (libyaml's fast loader where PyYAML has it)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=None)
def dataset() -> Dataset:
    """The course's own data, validated; raises DataError naming file and field if bad."""
    return Dataset(DATA_DIR).raise_for_problems()


def cite(key: str, short: bool = False) -> str:
    """A short citation with its identifier, e.g. 'Egawa 2007, doi:10.2340/...'.

    The first author's surname, or the reference's ``cite_as`` where its authors are unknown;
    ``short=True`` leaves out the identifier ('Egawa 2007').
    """
    ref = dataset().reference(key)
    first = str(ref.get("cite_as") or str(ref.get("authors", "")).split(",")[0].split(" ")[0])
    year = ref.get("year")
    if short:
        return f"{first}, n.d." if year == "n.d." else f"{first} {year}"
    ident = (f"doi:{ref['doi']}" if ref.get("doi") else
             f"PMID {ref['pmid']}" if ref.get("pmid") else str(ref.get("url")))
    return f"{first} {ref.get('year')}, {ident}"


def cite_link(key: str) -> tuple[str, str]:
    """(short citation, address) for a link: 'Egawa 2007' and its DOI, PubMed or web address."""
    ref = dataset().reference(key)
    href = (f"https://doi.org/{ref['doi']}" if ref.get("doi") else
            f"https://pubmed.ncbi.nlm.nih.gov/{ref['pmid']}/" if ref.get("pmid") else
            str(ref.get("url")))
    return cite(key, short=True), href


# -- perturbation: a model evaluated with data values moved to their ends (issue 21) -------------
def ends(where: str) -> tuple[float, float]:
    """The low and the high end a value can be moved to: its range, or, for a value marked
    ``assumption`` or ``placeholder`` whose range is a single point, ±50% of it (a fraction kept
    at most 1). A measured or estimated point stays a point.

    >>> ends("microneedling.yaml: devices.roller.needles")
    (192.0, 192.0)
    """
    try:
        v = dataset().values[where]
    except KeyError:
        raise DataError(f"{where}: no such value") from None
    low, high = v.low, v.high
    if low == high and v.status in ("assumption", "placeholder"):
        a, b = v.value * (1 - POINT_SPREAD), v.value * (1 + POINT_SPREAD)
        low, high = min(a, b), max(a, b)
        if v.unit == "fraction":
            high = min(high, 1.0)
    return low, high


def clear_caches() -> int:
    """Clear every ``functools.lru_cache`` of the loaded ``skinlab`` modules that can hold
    numbers derived from the data (the loaded data itself and the unit tables are kept).
    Returns how many caches were cleared. The models are not imported here: only modules already
    loaded are visited, so this module stays below them."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "skinlab" or name.startswith("skinlab.")):
            continue
        for attr, obj in list(vars(module).items()):
            if not callable(getattr(obj, "cache_clear", None)):
                continue
            if getattr(obj, "__module__", None) != name:  # imported from elsewhere
                continue
            qual = f"{name}.{getattr(obj, '__qualname__', attr)}"
            if qual.startswith(_KEEP_CACHES):
                continue
            obj.cache_clear()
            cleared += 1
    return cleared


@contextmanager
def perturbed(changes: Mapping[str, float | str]):
    """For the duration of the block, ``Dataset.value()`` returns the values at ``changes``'
    keys ('file.yaml: path') with ``value`` replaced: by a number, or by ``"low"`` or ``"high"``
    for that end of :func:`ends` (the range widened to hold the new number if it lies outside).
    Model caches are cleared on entry and on exit, so no number computed with the moved values
    outlives the block. Yields the numbers used, by key. Blocks nest; the inner one wins.

    >>> from skinlab import anatomy
    >>> where = "layers.yaml: sites.palm.stratum_corneum"
    >>> with perturbed({where: "low"}) as used:
    ...     anatomy.thickness("palm", "stratum_corneum").value == used[where]
    True
    """
    resolved: dict[str, float] = {}
    for where, new in changes.items():
        if where not in dataset().values:
            raise DataError(f"{where}: no such value")
        if isinstance(new, str):
            if new not in ("low", "high"):
                raise ValueError(f"{where}: move a value to 'low', 'high' or a number, "
                                 f"got {new!r}")
            new = ends(where)[0 if new == "low" else 1]
        if isinstance(new, bool) or not _is_number(new):
            raise ValueError(f"{where}: a value can only be moved to a finite number, "
                             f"got {new!r}")
        resolved[where] = float(new)
    clear_caches()
    _OVERRIDES.append(resolved)
    try:
        yield dict(resolved)
    finally:
        del _OVERRIDES[next(i for i, o in enumerate(_OVERRIDES) if o is resolved)]
        clear_caches()


@contextmanager
def recording(clear: bool = True):
    """Record the values read through ``Dataset.value()`` inside the block: yields a set that
    fills with their 'file.yaml: path' keys. ``clear`` (default) empties the model caches first,
    so that a cached result does not hide what it reads. Recorders nest; the process-wide record
    (:func:`reads`) goes on as before."""
    if clear:
        clear_caches()
    seen: set[str] = set()
    _RECORDERS.append(seen)
    try:
        yield seen
    finally:
        del _RECORDERS[next(i for i, r in enumerate(_RECORDERS) if r is seen)]


def number(x: object, what: str, unit: str = "", minimum: float | None = None) -> float:
    """``x`` as a float, or a ValueError that names ``what`` and its unit: the one check every
    model's inputs go through (a bool, text, NaN or an infinity is refused; so is a value below
    ``minimum``).

    >>> number(3, "sessions", "sessions")
    3.0
    >>> number(float("inf"), "depth", "micrometres")
    Traceback (most recent call last):
    ...
    ValueError: depth must be a finite number of micrometres, got inf
    """
    of = f" of {unit}" if unit else ""
    if isinstance(x, bool) or not isinstance(x, Real):
        raise ValueError(f"{what} must be a number{of}, got {x!r}")
    v = float(x)
    if math.isnan(v) or math.isinf(v):
        got = "NaN" if math.isnan(v) else repr(x)
        raise ValueError(f"{what} must be a finite number{of}, got {got}")
    if minimum is not None and v < minimum:
        raise ValueError(f"{what} must be {minimum:g} or more{' ' + unit if unit else ''}, "
                         f"got {v:g}")
    return v
