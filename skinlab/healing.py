"""Healing after microneedling: the phases of wound healing, a teaching model of new collagen, the
studies and what they measured. Pure functions: days, weeks, arbitrary units.

Data: ``skinlab/data/healing.yaml``.

- :func:`phases` and :func:`active_phases`: the four phases of wound healing with their timing
  (Landén 2016's windows), their cells, signals and events. Between two windows both phases
  count as active: a real wound's phases overlap.
- :func:`collagen`: a *teaching model*, in arbitrary units, of the new collagen III and I after
  one session or a schedule. Collagen III is laid down through proliferation and removed in
  remodelling, down to a floor, while new collagen I is laid down: one replaces the other,
  nothing is converted. The floor keeps type III at the share it has in normal dermis (about 15%,
  :func:`iii_share_kept`); mature scars keep type III too (:func:`scar_type_iii`). Its rates are
  course assumptions; it compares schedules, never predicts a person's result, and it cannot say
  which interval is best (each session adds the same response whatever the gap). It is linear:
  twice the sessions give twice the collagen by construction, not as a finding about skin.
- :func:`studies`: the studies of microneedling as rows (design, n, control, blinding, what was
  measured, the result), randomised first (a review with the studies it gathered), and
  :func:`elastin_results`, where they disagree.

>>> [p.label for p in active_phases(2)]
['inflammation']
>>> [p.label for p in active_phases(0.5)]
['haemostasis', 'inflammation']
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from skinlab.data import Value, cite, dataset, number, weakest

FILE = "healing.yaml"
PHASES = ("haemostasis", "inflammation", "proliferation", "remodelling")
# A study's design, as a design: the first four in the order of how well the design, done well,
# guards against bias for a claim about people; a systematic review is ranked with what it gathers.
DESIGNS = ("rct", "controlled", "uncontrolled", "animal", "systematic_review")
ORDERED = DESIGNS[:4]
OUTCOME_LABELS = {"rated": "ratings (people judged photographs or the skin)",
                  "instrument": "instrument measurements",
                  "histology": "biopsies (histology)", "animal": "animal tissue"}
MAX_SESSIONS = 12
YEAR = 365.0


def _tree(*path: str):
    return dataset().tree(FILE, *path)


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


_number = number  # the one validator (skinlab.data.number)


# -- the phases -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Phase:
    """One phase of wound healing: its window (days after the injury), cells, signals, events."""

    key: str
    label: str
    start: Value
    end: Value
    cells: tuple[str, ...]
    signals: tuple[str, ...]
    events: str
    sources: tuple[str, ...]

    @property
    def window(self) -> str:
        """The window in words, e.g. '4 to 21 days' or 'from the injury to 6 hours'."""
        if self.start.value == 0:
            return f"from the injury to {days_words(self.end.value)}"
        if self.start.value >= 1 and self.end.value < 365:
            return f"{self.start.value:g} to {days_words(self.end.value)}"
        return f"{days_words(self.start.value)} to {days_words(self.end.value)}"

    def cites(self) -> str:
        return "; ".join(cite(k, short=True) for k in self.sources)


def days_words(d: float) -> str:
    """A time after a session in words: '6 hours', '1 day', '21 days', '1 year'."""
    if d < 1:
        h = d * 24
        return f"{h:.0f} hour" + ("" if round(h) == 1 else "s")
    if d == 365:
        return "1 year"
    return f"{d:g} day" + ("" if d == 1 else "s")


def phases() -> tuple[Phase, ...]:
    """The four phases, in order.

    Returns
    -------
    tuple of Phase
        Haemostasis, inflammation, proliferation and remodelling, each with its window (``start``
        and ``end``, values in days after the injury), cells, signals, events and sources.

    Examples
    --------
    >>> for p in phases():
    ...     print(f"{p.label}: {p.window}")
    haemostasis: from the injury to 6 hours
    inflammation: 1 to 3 days
    proliferation: 4 to 21 days
    remodelling: 21 days to 1 year
    """
    out = []
    for key in PHASES:
        node = _tree("phases", key)
        src = node.get("source", ())
        out.append(Phase(key, node["label"], _value("phases", key, "start"),
                         _value("phases", key, "end"), tuple(node.get("cells") or ()),
                         tuple(node.get("signals") or ()), node["events"],
                         (src,) if isinstance(src, str) else tuple(src)))
    return tuple(out)


def phase(key: str) -> Phase:
    """One phase by key (``'proliferation'``); ValueError names the phases for another key."""
    for p in phases():
        if p.key == key:
            return p
    raise ValueError(f"unknown phase {key!r}: choose one of {', '.join(PHASES)}")


def check_day(day: object) -> float:
    """A day after a session as a float; ValueError for text, NaN, infinity or a negative day."""
    d = _number(day, "the day after a session", "days")
    if d < 0:
        raise ValueError(f"the day after a session cannot be negative, got {d:g}")
    return d


def active_phases(day: float) -> tuple[Phase, ...]:
    """The phases active ``day`` days after an injury (a channel that reached the dermis).

    A phase is active inside its window; between two windows (the review leaves 6 hours to 1 day
    and 3 to 4 days uncovered) both neighbours are active, since real phases overlap. After the
    last window (1 year) no phase is listed. ValueError for a negative day or a non-number.

    Parameters
    ----------
    day : float
        Days after the injury (zero or more; 0.5 is 12 hours).

    Returns
    -------
    tuple of Phase
        The phases active that day, in order (none after a year).

    Raises
    ------
    ValueError
        For a negative day, or a day that is not a finite number.

    Examples
    --------
    >>> [p.key for p in active_phases(2)]
    ['inflammation']
    >>> [p.key for p in active_phases(0.5)]
    ['haemostasis', 'inflammation']
    >>> active_phases(-1)
    Traceback (most recent call last):
    ...
    ValueError: the day after a session cannot be negative, got -1
    """
    d = check_day(day)
    ps = phases()
    out = []
    for i, p in enumerate(ps):
        inside = p.start.value <= d <= p.end.value
        nxt = ps[i + 1] if i + 1 < len(ps) else None
        prev = ps[i - 1] if i > 0 else None
        after_gap = nxt is not None and p.end.value < d < nxt.start.value
        before_gap = prev is not None and prev.end.value < d < p.start.value
        if inside or after_gap or before_gap:
            out.append(p)
    # at a shared boundary (day 21: the end of one window is the start of the next) only the
    # phase starting is listed
    if len(out) == 2 and out[0].end.value == out[1].start.value == d:
        out = out[1:]
    return tuple(out)


def tgfb3_days() -> Value:
    """How long TGF-β3 stayed raised after needling in rats (Aust 2010; an animal study)."""
    return _value("tgfb3_rats")


def tgfb3_isoform() -> Finding:
    """What TGF-β3 is, only as far as the rat study says (Aust 2010's abstract)."""
    node = _tree("tgfb3_isoform")
    return Finding(node["text"], node["source"])


def overlaps() -> tuple[tuple[Phase, Phase, float, float], ...]:
    """Where neighbouring phases overlap: (earlier, later, from day, to day) for each gap the
    review leaves between two windows, where :func:`active_phases` counts both. The phase strip
    draws both phases there."""
    ps = phases()
    return tuple((a, b, a.end.value, b.start.value) for a, b in zip(ps, ps[1:])
                 if a.end.value < b.start.value)


def drawn_span(key: str) -> tuple[float, float]:
    """The days a phase is drawn over on the strip: its window, stretched over the gaps next
    to it (where it overlaps its neighbour)."""
    p = phase(key)
    start, end = p.start.value, p.end.value
    for a, b, lo, hi in overlaps():
        if a.key == key:
            end = hi
        if b.key == key:
            start = lo
    return start, end


# -- strength, scarring, protocols ----------------------------------------------------------------
def strength_regained() -> Value:
    """The share of normal strength a healed wound regains (a review; not about channels)."""
    return _value("strength", "regained")


def strength_maximum_at() -> Value:
    """When incisional wounds reach their maximal strength (weeks; a systematic review of
    mostly animal studies: see :func:`strength_qualifier`)."""
    return _value("strength", "maximum_at")


def strength_qualifier() -> Finding:
    """Where the 6 weeks comes from: animal models; human data limited (Ireton 2013)."""
    node = _tree("strength_qualifier")
    return Finding(node["text"], node["source"])


def strength_words() -> str:
    """The two strength figures in words, each with its source and the 6 weeks' qualifier."""
    reg, mx, q = strength_regained(), strength_maximum_at(), strength_qualifier()
    return (f"A review says that repaired tissue regains about {reg.low:.0%} to {reg.high:.0%} "
            f"of normal tissue's strength ({cite(reg.sources[0], short=True)}). Incisional "
            f"wounds reach their maximal strength about {mx.value:g} weeks after surgery, "
            f"{q.text} ({cite(q.source, short=True)}).")


@dataclass(frozen=True)
class Finding:
    text: str
    source: str


def scar_reasons() -> tuple[Finding, ...]:
    """Proposed reasons why needling usually heals without a visible scar."""
    return tuple(Finding(x["text"], x["source"]) for x in _tree("scarring", "reasons"))


def scar_exceptions() -> tuple[Finding, ...]:
    """The reported exceptions (tram-track scarring, granulomas)."""
    return tuple(Finding(x["text"], x["source"]) for x in _tree("scarring", "exceptions"))


def protocol(name: str) -> Value:
    """``'interval_range'`` (weeks) or ``'sessions_range'`` (count): what protocols used."""
    return _value("protocols", name)


def no_interval_trial() -> str:
    return _tree("protocols", "no_interval_trial")


def iii_share_kept() -> Value:
    """The share of type III in the dermis's collagen (a review's table, Xue 2015): the share of
    the new collagen the teaching model keeps as type III once remodelling is done."""
    return _value("collagen_model", "iii_share_kept")


def scar_type_iii() -> Finding:
    """That mature scars still hold type III collagen (Oliveira 2009, burn scars)."""
    node = _tree("scar_type_iii")
    return Finding(node["text"], node["source"])


def iii_floor_words() -> str:
    """The floor of collagen III in words, with its source, and what mature scars show.

    Returns
    -------
    str
        Two sentences, with their citations.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(iii_floor_words(), width=80)
    The model keeps about 15% of the new collagen as type III, its share in normal
    dermis (Xue 2015), taken for a channel. In the burn scars of 17 patients, 6 to
    24 months after the burn, type III collagen was still there, and relatively more
    of it in hypertrophic scars than in the others (Oliveira 2009).
    """
    kept, scar = iii_share_kept(), scar_type_iii()
    return (f"The model keeps about {kept.value:.0%} of the new collagen as type III, its share "
            f"in normal dermis ({cite(kept.sources[0], short=True)}), taken for a channel. "
            f"{scar.text[:-1]} ({cite(scar.source, short=True)}).")


LINEAR_WORDS = ("twice the sessions, twice the collagen: a property of this linear teaching "
                "model, not a finding about skin")


# -- the teaching model of new collagen -----------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    """Sessions and the interval between them (weeks)."""

    sessions: int
    interval_weeks: float

    @property
    def days(self) -> tuple[float, ...]:
        return tuple(k * self.interval_weeks * 7.0 for k in range(self.sessions))

    def words(self) -> str:
        if self.sessions == 1:
            return "1 session"
        week = "week" if self.interval_weeks == 1 else "weeks"
        return f"{self.sessions} sessions {self.interval_weeks:g} {week} apart"


def schedule(sessions: object = None, interval_weeks: object = None) -> Schedule:
    """A checked schedule; the default is the acne-scar review's medians (3 sessions, 4 weeks).

    ValueError for a non-whole or out-of-range number of sessions (1 to 12) or an interval
    that is not a positive number of weeks (at most 52).
    """
    if sessions is None:
        sessions = _value("collagen_model", "default_sessions").value
    if interval_weeks is None:
        interval_weeks = _value("collagen_model", "default_interval").value
    n = _number(sessions, "the number of sessions", "sessions")
    if n != int(n) or not 1 <= n <= MAX_SESSIONS:
        raise ValueError(f"the number of sessions must be a whole number from 1 to "
                         f"{MAX_SESSIONS}, got {sessions!r}")
    w = _number(interval_weeks, "the interval between sessions", "weeks")
    if not 0 < w <= 52:
        raise ValueError(f"the interval between sessions must be more than 0 and at most 52 "
                         f"weeks, got {interval_weeks!r}")
    return Schedule(int(n), w)


def default_schedule() -> Schedule:
    return schedule()


@dataclass(frozen=True)
class ModelParameters:
    """The teaching model's parameters, each a cited window or a course assumption."""

    iii_from: Value       # proliferation start (days)
    iii_until: Value      # proliferation end (days)
    remodel_from: Value   # remodelling start (days)
    iii_half_life: Value  # days
    i_time_constant: Value  # days
    i_per_iii: Value      # ratio (collagen I laid down per unit of collagen III removed)
    iii_kept: Value       # fraction of the collagen III laid down that is never removed

    def values(self) -> tuple[Value, ...]:
        return (self.iii_from, self.iii_until, self.remodel_from, self.iii_half_life,
                self.i_time_constant, self.i_per_iii, self.iii_kept)

    @property
    def status(self) -> str:
        return weakest(*(v.status for v in self.values()))


def parameters() -> ModelParameters:
    p = ModelParameters(_value("phases", "proliferation", "start"),
                        _value("phases", "proliferation", "end"),
                        _value("phases", "remodelling", "start"),
                        _value("collagen_model", "iii_removal_half_life"),
                        _value("collagen_model", "i_time_constant"),
                        _value("collagen_model", "i_per_iii"),
                        iii_share_kept())
    if not 0 <= p.iii_kept.value < 1:
        raise ValueError("healing.yaml: collagen_model.iii_share_kept must be a fraction below 1")
    if p.remodel_from.value < p.iii_until.value:
        raise ValueError("the teaching model needs remodelling to start once proliferation ends")
    return p


@dataclass(frozen=True)
class Collagen:
    """New collagen (arbitrary units) on each of ``days``: ``iii``, ``i`` and ``total``."""

    days: np.ndarray
    iii: np.ndarray
    i: np.ndarray
    schedule: Schedule

    @property
    def total(self) -> np.ndarray:
        return self.iii + self.i

    def at(self, day: float) -> tuple[float, float]:
        """(collagen III, collagen I) on ``day``, interpolated."""
        d = check_day(day)
        return (float(np.interp(d, self.days, self.iii)), float(np.interp(d, self.days, self.i)))

    def iii_share(self, day: float) -> float | None:
        """Type III's share of the new collagen on ``day`` (None before any is laid down)."""
        iii, i = self.at(day)
        return None if iii + i == 0 else iii / (iii + i)


def _one_session(t: np.ndarray, p: ModelParameters) -> tuple[np.ndarray, np.ndarray]:
    """Collagen III and I after one session at t = 0 (t may be negative: nothing yet).

    Collagen III is removed down to a floor (``iii_kept`` of what was laid down); collagen I is
    laid down in place of what is removed (``i_per_iii`` per unit), so with the course's 1:1
    assumption type III ends as ``iii_kept`` of the new collagen."""
    a, b, r = p.iii_from.value, p.iii_until.value, p.remodel_from.value
    laid = np.clip(t - a, 0.0, b - a)  # one unit a day through proliferation
    k = math.log(2) / p.iii_half_life.value
    after = np.maximum(t - r, 0.0)
    floor = p.iii_kept.value * (b - a)
    iii = np.where(t <= r, laid, floor + (b - a - floor) * np.exp(-k * after))
    i = (p.i_per_iii.value * (b - a - floor)
         * (1.0 - np.exp(-after / p.i_time_constant.value)))
    return iii, i


def collagen(sessions: object = None, interval_weeks: object = None,
             days: np.ndarray | None = None) -> Collagen:
    """The teaching model's new collagen III and I over ``days`` (default 0 to 365, every
    half day) after a schedule; arbitrary units (one unit: what one day of proliferation lays
    down after one session). Each session starts the same response; the responses add up.

    Parameters
    ----------
    sessions : int, optional
        The number of sessions, a whole number from 1 to 12 (default: the acne-scar review's
        median, 3).
    interval_weeks : float, optional
        The weeks between sessions, more than 0 and at most 52 (default: the review's median, 4).
    days : array_like, optional
        The days after the first session to compute the collagen on, none negative (default:
        0 to 365, every half day).

    Returns
    -------
    Collagen
        ``days`` and the new collagen on each, ``iii`` and ``i`` (arbitrary units), with the
        ``schedule`` used.

    Raises
    ------
    ValueError
        For a number of sessions or an interval out of range, or days that are negative or not
        finite numbers.

    Examples
    --------
    >>> c = collagen(1)
    >>> f"collagen III peaks on day {c.days[c.iii.argmax()]:g}"
    'collagen III peaks on day 21'
    >>> six = collagen(6, 2, days=[365]).i[0]
    >>> three = collagen(3, 4, days=[365]).i[0]
    >>> round(float(six / three), 2)
    1.99
    >>> collagen(0)
    Traceback (most recent call last):
    ...
    ValueError: the number of sessions must be a whole number from 1 to 12, got 0
    """
    s = schedule(sessions, interval_weeks)
    t = np.arange(0.0, YEAR + 0.25, 0.5) if days is None else np.asarray(days, dtype=float)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("days must be a list of finite days, none negative")
    p = parameters()
    iii = np.zeros_like(t)
    i = np.zeros_like(t)
    for start in s.days:  # a few sessions at most; each a vectorised response
        a, b = _one_session(t - start, p)
        iii += a
        i += b
    return Collagen(t, iii, i, s)


def dominant_type(day: float, sessions: object = None, interval_weeks: object = None) -> str:
    """``'III'``, ``'I'`` or ``'none'`` (no new collagen yet): which new collagen the model has
    more of on ``day``."""
    iii, i = collagen(sessions, interval_weeks, np.array([check_day(day)])).at(day)
    if iii + i == 0:
        return "none"
    return "III" if iii >= i else "I"


def relative_to_default(day: float, sessions: object = None,
                        interval_weeks: object = None) -> float | None:
    """This schedule's new collagen I on ``day`` over the default schedule's (a ratio of the
    teaching model's arbitrary units); None when the default has laid down none yet."""
    d = check_day(day)
    mine = collagen(sessions, interval_weeks, np.array([d])).i[0]
    ref = collagen(None, None, np.array([d])).i[0]
    return None if ref == 0 else float(mine / ref)


# -- the studies ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StudyRow:
    key: str
    label: str
    design: str
    species: str
    n: Value
    site: str
    control: str
    blinding: str
    outcome: str
    measured: str
    result: str
    follow_up: str
    elastin: str | None
    source: str
    controlled: bool | None  # None: varied between studies, or not stated in what was read
    sessions: Value | None = None  # the protocol, where one was stated
    interval: Value | None = None
    biopsied: Value | None = None  # where only some participants gave biopsies
    outcomes: tuple[str, ...] = ()  # every kind of measure (outcome is the first)
    ranked_with: str | None = None  # a systematic review: the design of what it gathered

    @property
    def protocol_words(self) -> str:
        """'3 sessions 2 weeks apart', '4 monthly sessions', or '' where none was stated."""
        if self.sessions is None or self.interval is None:
            return ""
        n, iv = self.sessions.value, self.interval
        if iv.unit == "months" and iv.value == 1:
            return f"{n:.0f} monthly sessions"
        unit = {"days": "days", "weeks": "weeks", "months": "months"}[iv.unit]
        return f"{n:.0f} sessions {iv.value:g} {unit} apart"

    @property
    def design_label(self) -> str:
        return design_labels()[self.design]

    @property
    def design_index(self) -> int:
        """The design's place in :data:`DESIGNS` (it picks the chart's marker)."""
        return DESIGNS.index(self.design)

    @property
    def order_rank(self) -> int:
        """Where the study sits in the table: 0 for a randomised trial, 3 for an animal study; a
        systematic review sits with the design of the studies it gathered (``ranked_with``)."""
        return ORDERED.index(self.ranked_with or self.design)

    @property
    def n_words(self) -> str:
        n = self.n
        words = f"n = {n.value:.0f}"
        if n.low < n.high:
            words += f" of {n.high:.0f} enrolled"
        if self.biopsied is not None:
            words += f", biopsies in {self.biopsied.value:.0f}"
        return words



def design_labels() -> dict[str, str]:
    """The designs (see :data:`DESIGNS`), as the data names them."""
    order = _tree("designs")
    if tuple(order) != DESIGNS:
        raise ValueError("healing.yaml: designs must list " + ", ".join(DESIGNS))
    return dict(order)


def design_order() -> list[str]:
    """The single-study designs in the order of how well each, done well, guards against bias
    for a claim about people (randomised first, animal last; the GRADE idea)."""
    return list(ORDERED)


def studies(outcome: str | None = None) -> tuple[StudyRow, ...]:
    """The studies, randomised first (a review with what it gathered; then the most
    participants); ``outcome``
    (``'rated'``, ``'instrument'``, ``'histology'``, ``'animal'``) keeps the studies that took
    that kind of measure (a study that took several counts under each).

    Parameters
    ----------
    outcome : str, optional
        ``"rated"``, ``"instrument"``, ``"histology"`` or ``"animal"``; None (the default) keeps
        every study.

    Returns
    -------
    tuple of StudyRow
        Each study's key, design (``"rct"``, ``"systematic_review"``, ...), participants (``n``),
        control, blinding, what it measured and found, and its source.

    Raises
    ------
    ValueError
        For an unknown outcome (or a study in the data with an unknown outcome or design).

    Examples
    --------
    >>> [r.key for r in studies() if r.design == "rct"]
    ['alam2014']
    >>> [r.key for r in studies("histology")]
    ['aust2008', 'asj2021', 'lotfi2013', 'eldomyati2015']
    """
    labels = design_labels()
    if outcome is not None and outcome not in OUTCOME_LABELS:
        raise ValueError(f"unknown outcome {outcome!r}: choose one of "
                         f"{', '.join(OUTCOME_LABELS)}")
    rows = []
    for key, node in _tree("studies").items():
        kinds = node["outcome"]
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        if not kinds or any(k not in OUTCOME_LABELS for k in kinds):
            raise ValueError(f"healing.yaml: study {key} has an unknown outcome {kinds!r}")
        if node["design"] not in labels:
            raise ValueError(f"healing.yaml: study {key} has an unknown design {node['design']!r}")
        rows.append(StudyRow(key, node["label"], node["design"], node["species"],
                             _value("studies", key, "n"), node["site"], node["control"],
                             node["blinding"], kinds[0], node["measured"],
                             node["result"], node["follow_up"], node.get("elastin"),
                             node["source"], node.get("controlled"),
                             _value("studies", key, "sessions") if "sessions" in node else None,
                             _value("studies", key, "interval") if "interval" in node else None,
                             _value("studies", key, "biopsied") if "biopsied" in node else None,
                             kinds, node.get("ranked_with")))
        if (node["design"] == "systematic_review") != (node.get("ranked_with") in ORDERED):
            raise ValueError(f"healing.yaml: study {key}: a systematic review, and only a "
                             f"review, is ranked_with the design of the studies it gathered")
    rows.sort(key=lambda r: (r.order_rank, -r.n.value))
    # a study counts under every kind of measure it took (Aust 2008 rated and took biopsies)
    return tuple(r for r in rows if outcome is None or outcome in r.outcomes)


def study(key: str) -> StudyRow:
    for r in studies():
        if r.key == key:
            return r
    raise ValueError(f"unknown study {key!r}: choose one of "
                     f"{', '.join(r.key for r in studies())}")


OBSERVED = ("aust2008_rats", "aust2008")  # what biopsies showed of the epidermis after needling


def histology_observed() -> str:
    """What histology measured after needling, in the abstracts' own words, with who was
    studied and how: the observation beside the model's drawing (notebook 06).

    Returns
    -------
    str
        A heading line, one line a study (who, the control, the abstract's words and its
        citation) and a closing caution.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(histology_observed().splitlines()[0], width=80)
    What biopsies showed after needling (measured, not drawn; the authors call
    needling percutaneous collagen induction):
    """
    lines = ["What biopsies showed after needling (measured, not drawn; the authors call "
             "needling percutaneous collagen induction):"]
    for key in OBSERVED:
        row, node = study(key), _tree("studies")[key]
        biopsies = (f", biopsies in {row.biopsied.value:.0f}" if row.biopsied is not None
                    else "")
        who = (f"{row.n.value:.0f} rats" if row.species == "rat" else
               f"{row.n.value:.0f} patients{biopsies}")
        lines.append(f"- {row.label}: {who}. Control: {row.control}. The abstract: "
                     f"\u201c{node['abstract_quote']}\u201d ({cite(row.source, short=True)})")
    lines.append("The needles passed through those layers; the biopsies show that none was "
                 "removed. A rat is not a cheek, and the study in people had no control group: "
                 "they show that the epidermis stayed in place, not how much needling helps.")
    return "\n".join(lines)


def trial_numbers(key: str = "alam2014") -> dict[str, Value]:
    """A trial's reported changes (value: the mean; range: the 95% confidence interval), for
    appraising it: ``treated_6_months``, ``treated_3_months``, ``control_6_months``.

    Parameters
    ----------
    key : str, optional
        The trial's key in ``healing.yaml`` (default: Alam 2014, the one randomised trial).

    Returns
    -------
    dict of str to skinlab.data.Value
        Each reported change in points on the trial's scale: its mean (``value``) and its 95%
        confidence interval (``low`` to ``high``).

    Raises
    ------
    KeyError
        For a key that is not a study in the data.

    Examples
    --------
    >>> six = trial_numbers("alam2014")["treated_6_months"]
    >>> six.value, six.low, six.high, six.unit
    (3.4, 0.2, 6.5, 'points')
    """
    node = _tree("studies")[key]
    return {k: _value("studies", key, "trial_numbers", k) for k in node.get("trial_numbers", {})}


def trial_comparison(key: str = "alam2014") -> str:
    """``'within_side'`` (each side tested against its own baseline) or ``'between_sides'``."""
    return str(_tree("studies")[key]["comparison"])


def trial_abstract(key: str = "alam2014") -> str:
    """What the trial's abstract reports, in the course's words and the data's numbers: for a
    learner to appraise before reading the course's verdict.

    Parameters
    ----------
    key : str, optional
        The trial's key in ``healing.yaml`` (default: Alam 2014).

    Returns
    -------
    str
        A paragraph: design, participants, control, blinding, what was measured and the reported
        changes with their 95% confidence intervals.

    Raises
    ------
    ValueError
        For a key that is not a study in the data.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(trial_abstract("alam2014"), width=80)
    Alam 2014, acne scars: randomised controlled trial; n = 15 of 20 enrolled.
    Control: the other side of the same face (topical anaesthetic only), randomised.
    Blinding: rater-blinded: two dermatologists rated the photographs (the
    abstract); the trial's registry record lists its masking as none (open label).
    Measured: scar score on photographs at 3 and 6 months. The needled side's score
    fell from its own baseline by 3.4 points (95% CI 0.2 to 6.5; P = .03) at 6
    months and by 2.4 points (95% CI -0.01 to 4.8; P = .052, not significant) at 3
    months. The control side's score fell from its own baseline by 0.4 points (95%
    CI -2.3 to 3.5; P > .99) at 6 months.
    """
    r, nums = study(key), trial_numbers(key)

    def change(v: Value) -> str:
        p = v.note.rsplit("; ", 1)[-1].rstrip(".")
        return f"{v.value:g} points (95% CI {v.low:g} to {v.high:g}; {p})"
    return (f"{r.label}: {r.design_label}; {r.n_words}. Control: {r.control}. Blinding: "
            f"{r.blinding}. Measured: {r.measured}. The needled side's score fell from its own "
            f"baseline by {change(nums['treated_6_months'])} at 6 months and by "
            f"{change(nums['treated_3_months'])} at 3 months. The control side's score fell "
            f"from its own baseline by {change(nums['control_6_months'])} at 6 months.")


def elastin_results() -> tuple[StudyRow, ...]:
    """The studies that measured elastin, side by side (they disagree)."""
    return tuple(r for r in studies() if r.elastin)


def elastin_reading() -> str:
    """How to read "less elastin": in scarred and sun-damaged skin much elastin is abnormal
    (DermNet; El-Domyati 2018, which found abnormal elastic fibres fell after needling)."""
    node = _tree("elastin_reading")
    found = "; ".join(f"{f['text']} ({cite(f['source'], short=True)})"
                      for f in node["findings"])
    close = f" {node['close']}" if node.get("close") else ""
    return f"{node['lead']} {found[0].upper()}{found[1:]}.{close}"


def closest_protocol(sched: Schedule) -> StudyRow:
    """The human study whose protocol is nearest to ``sched`` (sessions, then interval)."""
    rows = [(r, r.sessions, r.interval) for r in studies()
            if r.sessions is not None and r.interval is not None]
    return min(rows, key=lambda x: (abs(x[1].value - sched.sessions) +
                                    abs(math.log(x[2].to("weeks").value /
                                                 sched.interval_weeks)), x[0].order_rank))[0]


def first(outcome: str | None = None) -> StudyRow:
    """The first study in the table's order (by design; see :func:`studies`) of one kind of
    measure."""
    return studies(outcome)[0]
