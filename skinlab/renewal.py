"""Epidermal renewal: a cohort of keratinocytes from the basal layer to shedding. Pure functions.

Times come from ``skinlab/data/renewal.yaml``; depths from :mod:`skinlab.anatomy`. The model is a
teaching simplification with two stages, each crossed at a steady pace:

1. from the basal layer up through the living epidermis to the stratum corneum
   (``transit.viable_to_corneum``, about two weeks);
2. through the stratum corneum to the surface, where the cells are shed
   (``transit.corneum.<age>``, about two to three weeks, longer in older adults).

The times were measured on a few body sites (mostly the forearm); the model applies them to every
site's own layer depths, so a site changes *where* the cohort is, not *when*. No study the course
found timed renewal on the palm or the heel.

>>> cohort_at("cheek", 0).stratum.key
'stratum_basale'
"""

from __future__ import annotations

from dataclasses import dataclass

from skinlab import anatomy
from skinlab.data import Value, dataset, number

RENEWAL_FILE = "renewal.yaml"
AGES = ("young_adult", "older_adult")
AGE_LABELS = {"young_adult": "young adult", "older_adult": "older adult"}
STAGES = ("viable", "corneum", "shed")


@dataclass(frozen=True)
class Journey:
    """How long a cohort takes to cross each stage, for one age group."""

    age: str
    viable: Value  # days from the basal layer to the stratum corneum
    corneum: Value  # days through the stratum corneum

    @property
    def reaches_corneum_day(self) -> float:
        return self.viable.value

    @property
    def shed_day(self) -> float:
        return self.viable.value + self.corneum.value

    @property
    def shed_range(self) -> tuple[float, float]:
        """Earliest and latest shedding day the sources' ranges allow."""
        return self.viable.low + self.corneum.low, self.viable.high + self.corneum.high


@dataclass(frozen=True)
class Position:
    """Where the cohort is on a given day."""

    site: str
    age: str
    day: float
    stage: str  # viable, corneum or shed
    depth_um: float | None  # the cohort's depth below the surface (None once shed)
    stratum: anatomy.Layer | None  # the stratum it is in (None once shed)
    journey: Journey


def age_key(age: object) -> str:
    if isinstance(age, str):
        key = age.strip().lower().replace(" ", "_").replace("-", "_")
        if key in AGES:
            return key
    raise ValueError(f"unknown age group {age!r}: choose one of {', '.join(AGES)}")


def journey(age: str = "young_adult") -> Journey:
    """The cited transit times for an age group (``young_adult`` or ``older_adult``).

    Parameters
    ----------
    age : str, optional
        The age group: ``"young_adult"`` or ``"older_adult"``.

    Returns
    -------
    Journey
        The days from the basal layer to the stratum corneum (``viable``) and through it
        (``corneum``), each a cited value in days; ``reaches_corneum_day`` and ``shed_day`` count
        days from leaving the basal layer.

    Raises
    ------
    ValueError
        For an unknown age group.

    Examples
    --------
    >>> young = journey("young_adult")
    >>> young.reaches_corneum_day, young.shed_day
    (14.0, 34.0)
    >>> journey("older_adult").shed_range
    (37.5, 45.8)
    >>> journey("child")
    Traceback (most recent call last):
    ...
    ValueError: unknown age group 'child': choose one of young_adult, older_adult
    """
    key = age_key(age)
    data = dataset()
    return Journey(key, data.value(RENEWAL_FILE, "transit", "viable_to_corneum"),
                   data.value(RENEWAL_FILE, "transit", "corneum", key))


def _day(day: object) -> float:
    d = number(day, "day", "days")
    if d < 0:
        raise ValueError(f"day must be zero or more days after the cell leaves the basal layer, "
                         f"got {day!r}")
    return d


def start_depth_um(site: str) -> float:
    """Where the cohort starts: the middle of the stratum basale at a site."""
    basale = anatomy.strata_at(site)[-1]
    return (basale.top_um + basale.bottom_um) / 2


def cohort_at(site: str, day: float, age: str = "young_adult") -> Position:
    """Where a cohort of cells that left the basal layer on day 0 is on ``day``.

    Stage 1 (before ``reaches_corneum_day``) runs at a steady pace from the middle of the stratum
    basale to the bottom of the stratum corneum; stage 2 from there to the surface; after that the
    cells are shed. Raises ValueError for an unknown site or age, or a negative or non-numeric day.
    """
    key = anatomy.site_key(site)
    d = _day(day)
    j = journey(age)
    strata = anatomy.strata_at(key)
    sc_bottom = strata[0].bottom_um
    if d < j.reaches_corneum_day:
        start = start_depth_um(key)
        depth = start - (start - sc_bottom) * d / j.reaches_corneum_day
        return Position(key, j.age, d, "viable", depth, anatomy.stratum_at_depth(key, depth), j)
    if d < j.shed_day:
        depth = sc_bottom * (1 - (d - j.reaches_corneum_day) / j.corneum.value)
        return Position(key, j.age, d, "corneum", depth, strata[0], j)
    return Position(key, j.age, d, "shed", None, None, j)


def stratum_days(site: str, age: str = "young_adult") -> list[tuple[str, float, float]]:
    """(stratum key, day it enters, day it leaves) for each stratum the cohort crosses."""
    key = anatomy.site_key(site)
    j = journey(age)
    start = start_depth_um(key)
    sc_bottom = anatomy.strata_at(key)[0].bottom_um
    speed = (start - sc_bottom) / j.reaches_corneum_day  # micrometres a day, stage 1
    out = []
    for layer in reversed(anatomy.strata_at(key)[1:]):  # deepest first
        enter = max(0.0, (start - layer.bottom_um) / speed)
        leave = min(j.reaches_corneum_day, (start - layer.top_um) / speed)
        out.append((layer.key, enter, leave))
    out.append(("stratum_corneum", j.reaches_corneum_day, j.shed_day))
    return out


def totals() -> dict[str, tuple[str, Value]]:
    """Whole-epidermis renewal times as each study reports them: key -> (label, value)."""
    tree = dataset().tree(RENEWAL_FILE).get("totals", {})
    return {k: (str(v.get("label", k)), dataset().value(RENEWAL_FILE, "totals", k))
            for k, v in tree.items()}


def total_range() -> tuple[float, float]:
    """The shortest and longest whole-epidermis renewal the studies report, in days.

    It spans every method: labelling, dyes and pigment, and the longer cell-kinetic estimates.
    """
    values = [v for _, v in totals().values()]
    return min(v.low for v in values), max(v.high for v in values)


def face_sites() -> tuple[str, ...]:
    """The sites on the face, where the sources read found renewal faster than on the forearm."""
    return tuple(dataset().tree(RENEWAL_FILE).get("face", {}).get("sites", ()))


def face_note(site: str) -> str:
    """On a face site, what the sources say about the face's own renewal; '' elsewhere.

    The model applies the forearm's timings everywhere; this sentence says how the face differs.
    """
    if anatomy.site_key(site) not in face_sites():
        return ""
    ratio = dataset().value(RENEWAL_FILE, "face", "turnover_vs_forearm").value
    times = "twice" if ratio == 2 else f"{ratio:g} times"
    return (f"Timed mostly on the forearm; on the face, one study found turnover about {times} "
            f"as fast, not slowing with age.")


def desquamation() -> dict:
    """How surface cells are shed: ``summary``, ``steps`` and ``source`` keys.

    Returns
    -------
    dict
        ``summary`` (a sentence), ``steps`` (a list of sentences, in order) and ``source`` (the
        reference key or keys), from ``renewal.yaml``.

    Examples
    --------
    >>> sorted(desquamation())
    ['source', 'steps', 'summary']
    >>> from skinlab.text import say
    >>> say(desquamation()["steps"][0], width=80)
    Corneocytes are held together by corneodesmosomes, rivet-like junctions formed
    from desmosomes at the top of the granular layer; their outer part contains
    corneodesmosin.
    """
    return dict(dataset().tree(RENEWAL_FILE).get("desquamation", {}))
