"""Popular claims about microneedling checked against the evidence, and its safety picture.

Data: ``skinlab/data/claims.yaml`` (the claims, the verdict scale, the strengths of evidence) and
``skinlab/data/safety.yaml`` (adverse effects, risk factors, aftercare, regulation). Pure: text
and the values the data cites; no advice.

Rules the data must keep (checked by :func:`problems`, and so by the tests):

- every claim has a verdict on the scale, evidence text, at least one source, and an appraisal:
  the course's certainty in the body of evidence, after the GRADE idea, part by part;
- a part's start follows its designs (``high`` with a randomised trial, else ``low``; a
  systematic review counts as the design it ``includes``), its certainty is the start less one
  level per reason to rate down, and an animal or laboratory part rates down for indirectness or
  says why not;
- ``supported`` or ``contradicted`` needs at least low certainty;
- a claim whose answer rests partly on aftercare convention says so (``convention: true``), and
  its evidence text says "convention".

>>> [c.key for c in claims()][:2]
['is_exfoliation', 'exfoliation_benefit']
>>> claim("is_exfoliation").verdict
'contradicted'
>>> claim("lines_and_scars").certainty
'very_low'
"""

from __future__ import annotations

from dataclasses import dataclass

from skinlab.data import Value, cite, dataset

FILE = "claims.yaml"
SAFETY = "safety.yaml"
LEVELS = ("high", "moderate", "low", "very_low")  # GRADE's four, highest first
NOT_TESTED = "not_tested"
INDIRECT = ("animal", "lab")  # designs that study something other than a person's skin


@dataclass(frozen=True)
class Study:
    """One study a part of a claim rests on, with its design."""

    source: str
    design: str
    includes: str | None = None  # a systematic review: the design of what it gathered

    @property
    def counts_as(self) -> str:
        """The design that sets the start: a review counts as what it gathered."""
        return self.includes or self.design

    @property
    def words(self) -> str:
        d = designs()
        what = d.get(self.design, (self.design,))[0]
        if self.includes:
            what += f" of {d.get(self.includes, ('', self.includes))[1]}"
        return f"{cite(self.source, short=True).rstrip('.')} ({what})"


def _lower(words: str) -> str:
    """A sentence's first letter lowered, to follow a colon (not a name: 'Aust', 'pH')."""
    return words[0].lower() + words[1:] if words[1:2].islower() else words


@dataclass(frozen=True)
class Part:
    """The course's appraisal of one part of a claim (GRADE's idea: start from the designs, rate
    down for each serious concern)."""

    label: str  # '' where the claim has one part
    studies: tuple[Study, ...]
    starts: str  # 'high', 'low' or 'none'
    down: tuple[tuple[str, str], ...]  # (reason key, the course's words)
    kept: tuple[tuple[str, str], ...]  # reasons considered and not rated down for
    certainty: str

    @property
    def certainty_label(self) -> str:
        return certainty_levels()[self.certainty]

    def expected(self) -> str:
        """The certainty the start and the reasons down give (what ``certainty`` must be)."""
        if self.starts == "none":
            return NOT_TESTED
        i = LEVELS.index(self.starts) + len(self.down)
        return LEVELS[min(i, len(LEVELS) - 1)]

    def words(self) -> str:
        """The part's appraisal in a sentence or two."""
        level = self.certainty_label.split(":")[0]
        head = f"{self.label}: " if self.label else ""
        if self.starts == "none":
            return f"{head}{level}."
        reasons = rate_down()
        start = ("starts high (a randomised trial)" if self.starts == "high" else
                 "starts low (no randomised trial)")
        downs = "; ".join(f"{reasons[k]}: {_lower(w).rstrip('.')}" for k, w in self.down)
        kept = " ".join(f"Not rated down for {reasons[k]}: {_lower(w)}" for k, w in self.kept)
        return (f"{head}{level}. It {start}"
                + (f", rated down for {downs}." if downs else ", not rated down.")
                + (f" {kept}" if kept else "")
                + f" Studies: {'; '.join(s.words for s in self.studies)}.")


@dataclass(frozen=True)
class Claim:
    """One claim, restated so that evidence can test it, with the course's verdict."""

    key: str
    as_said: str
    restated: str
    verdict: str
    evidence: str
    sources: tuple[str, ...]
    convention: bool
    parts: tuple[Part, ...] = ()

    @property
    def verdict_label(self) -> str:
        return verdicts()[self.verdict]

    @property
    def certainty(self) -> str:
        """The lowest certainty of the claim's parts (GRADE takes the lowest of the critical
        outcomes); ``not_tested`` where a part has no study."""
        order = (*LEVELS, NOT_TESTED)
        return max((p.certainty for p in self.parts), key=order.index, default=NOT_TESTED)

    @property
    def certainty_label(self) -> str:
        return certainty_levels()[self.certainty]

    def certainty_words(self) -> str:
        """'low', or part by part: 'low for acne scars, very low for fine lines and wrinkles'."""
        short = {k: v.split(":")[0] for k, v in certainty_levels().items()}
        if len(self.parts) == 1 and not self.parts[0].label:
            return short[self.parts[0].certainty]
        return ", ".join(f"{short[p.certainty]} for {p.label}" for p in self.parts)

    def citations(self) -> str:
        """The sources, as short citations joined by semicolons."""
        return "; ".join(cite(k, short=True) for k in self.sources)

    def appraisal(self) -> str:
        """How sure the course is, part by part, and why."""
        return " ".join(p.words() for p in self.parts)

    def reveal(self) -> str:
        """What a learner reads after rating the claim (the grade names the verdict): the
        evidence, the course's certainty and why, and the sources."""
        tail = (" Part of the answer rests on aftercare convention, from low-grade sources."
                if self.convention else "")
        return (f"{self.evidence} Certainty (the course's appraisal, the GRADE idea): "
                f"{self.appraisal()}{tail} Sources: {self.citations().rstrip('.')}.")


def _tree(name: str = FILE) -> dict:
    return dataset().tree(name)


def verdicts() -> dict[str, str]:
    """The rating scale: verdict key -> its words, in the scale's order."""
    return dict(_tree()["verdicts"])


def contrast(rated: str, verdict: str) -> str:
    """Why a rating differs from the verdict, in the scale's own words ('' when they agree):
    the feedback a learner reads on the option they chose."""
    if rated == verdict:
        return ""
    return str(_tree()["contrasts"][rated][verdict])


def contrast_problems(given: dict | None = None) -> list[str]:
    """Every wrong rating needs its own feedback: the pairs missing from ``given`` (the data's
    ``contrasts`` by default)."""
    given = _tree().get("contrasts") or {} if given is None else given
    scale = verdicts()
    return [f"{FILE}: contrasts.{rated}.{verdict} is missing" for rated in scale
            for verdict in scale if rated != verdict and not (given.get(rated) or {}).get(verdict)]


def certainty_levels() -> dict[str, str]:
    """The certainty levels, highest first, then 'not tested': key -> words."""
    return dict(_tree()["certainty"])


def rate_down() -> dict[str, str]:
    """GRADE's five reasons to rate a body of evidence down: key -> words."""
    return dict(_tree()["rate_down"])


def designs() -> dict[str, tuple[str, str]]:
    """The designs a claim's studies may have: key -> (singular, plural)."""
    return {k: tuple(v) for k, v in _tree()["designs"].items()}


def _pairs(raw: dict | None) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v).strip()) for k, v in (raw or {}).items())


def _part(raw: dict) -> Part:
    studies = tuple(Study(str(s.get("source", "")), str(s.get("design", "")),
                          s.get("includes")) for s in raw.get("studies") or ())
    return Part(str(raw.get("part", "")), studies, str(raw.get("starts", "")),
                _pairs(raw.get("down")), _pairs(raw.get("kept")),
                str(raw.get("certainty", "")))


def _claim(key: str, raw: dict) -> Claim:
    src = raw.get("source") or []
    return Claim(key, str(raw.get("as_said", "")), str(raw.get("restated", "")),
                 str(raw.get("verdict", "")), str(raw.get("evidence", "")).strip(),
                 tuple([src] if isinstance(src, str) else src),
                 bool(raw.get("convention", False)),
                 tuple(_part(p) for p in raw.get("appraisal") or ()))


def claims() -> list[Claim]:
    """Every claim, in the data's order.

    Returns
    -------
    list of Claim
        Each claim with its key, what the popular article says (``as_said``), the course's
        ``verdict`` (supported, contradicted, mixed, ...), the evidence and its sources.

    Examples
    --------
    >>> c = claims()[0]
    >>> c.key, c.verdict
    ('is_exfoliation', 'contradicted')
    >>> print(c.as_said)
    Microneedling is a kind of exfoliation.
    """
    return [_claim(k, v) for k, v in _tree()["claims"].items()]


def claim(key: str) -> Claim:
    """One claim by key; an unknown key names the known ones."""
    raw = _tree()["claims"]
    if key not in raw:
        raise ValueError(f"no claim {key!r} (known: {', '.join(raw)})")
    return _claim(key, raw[key])


def _part_problems(where: str, p: Part, sources: set[str]) -> list[str]:
    out = []
    kinds, reasons = designs(), rate_down()
    high = set(_tree().get("starts_high") or ())
    for s in p.studies:
        if s.design not in kinds or (s.includes is not None and s.includes not in kinds):
            out.append(f"{where}: {s.source}: design {s.design!r} is not one of {list(kinds)}")
        if (s.design == "systematic_review") != (s.includes is not None):
            out.append(f"{where}: {s.source}: a systematic review, and only a review, says "
                       f"what it includes")
        if s.source not in sources:
            out.append(f"{where}: {s.source} is a study of the appraisal but not a source")
    want = ("none" if not p.studies else
            "high" if any(s.counts_as in high for s in p.studies) else "low")
    if p.starts != want:
        out.append(f"{where}: starts {p.starts!r}, but its designs start {want!r}")
    for k, _ in (*p.down, *p.kept):
        if k not in reasons:
            out.append(f"{where}: {k!r} is not one of GRADE's reasons {list(reasons)}")
    if p.studies and all(s.counts_as in INDIRECT for s in p.studies) and not any(
            k == "indirectness" for k, _ in (*p.down, *p.kept)):
        out.append(f"{where}: only animal or laboratory studies: rate down for indirectness "
                   f"or say why not (kept)")
    if p.certainty != p.expected():
        out.append(f"{where}: certainty {p.certainty!r}, but its start and reasons down give "
                   f"{p.expected()!r}")
    return out


def problems(items: list[Claim] | None = None) -> list[str]:
    """Where the claims (``items``, or the data's) break the rules in this module's docstring
    (empty: none)."""
    out = []
    scale = verdicts()
    refs = set(dataset().references)
    out += contrast_problems()
    for c in claims() if items is None else items:
        where = f"{FILE}: claims.{c.key}"
        if c.verdict not in scale:
            out.append(f"{where}: verdict {c.verdict!r} is not on the scale")
        if not (c.as_said and c.restated and c.evidence):
            out.append(f"{where}: needs as_said, restated and evidence")
        if not c.sources or any(s not in refs for s in c.sources):
            out.append(f"{where}: needs at least one source, each a key of references.yaml")
        if not c.parts:
            out.append(f"{where}: needs an appraisal")
        if len(c.parts) > 1 and not all(p.label for p in c.parts):
            out.append(f"{where}: a claim of several parts names each part")
        for i, p in enumerate(c.parts):
            out += _part_problems(f"{where}.appraisal[{i}]", p, set(c.sources))
        if c.verdict in ("supported", "contradicted") and c.certainty not in LEVELS[:3]:
            out.append(f"{where}: '{c.verdict}' needs at least low certainty, not "
                       f"{c.certainty!r}")
        if c.convention and "convention" not in c.evidence.lower():
            out.append(f"{where}: rests on convention, and its evidence must say so")
    return out


def tally() -> dict[str, int]:
    """How many claims have each verdict (every verdict of the scale, zero included)."""
    out = dict.fromkeys(verdicts(), 0)
    for c in claims():
        out[c.verdict] += 1
    return out


# -- safety -------------------------------------------------------------------------------------
def safety(*path: str):
    """A node of safety.yaml (text, lists and sources)."""
    node = _tree(SAFETY)
    for p in path:
        node = node[p]
    return node


def safety_value(*path: str) -> Value:
    return dataset().value(SAFETY, *path)


def transient_days() -> Value:
    """How long the common, expected effects last, at most (days)."""
    return safety_value("adverse_effects", "transient", "lasting_up_to")


def granuloma_review() -> tuple[Value, Value]:
    """(patients, studies) in the systematic review of granulomas after microneedling."""
    g = ("adverse_effects", "granulomas")
    return safety_value(*g, "patients_in_review"), safety_value(*g, "studies_in_review")


def risk_factors(kind: str = "microneedling") -> list[str]:
    """What raises the risk, from the cited review (``microneedling``) or guideline
    (``peels``)."""
    return list(safety("risk_factors", kind, "items"))


__all__ = ["Claim", "Part", "Study", "certainty_levels", "claim", "claims", "designs",
           "granuloma_review", "problems", "rate_down", "risk_factors", "safety", "safety_value",
           "tally", "transient_days", "verdicts"]
