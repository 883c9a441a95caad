"""Popular claims about microneedling checked against the evidence, and its safety picture.

Data: ``skinlab/data/claims.yaml`` (the claims, the verdict scale, the strengths of evidence) and
``skinlab/data/safety.yaml`` (adverse effects, risk factors, aftercare, regulation). Pure: text
and the values the data cites; no advice.

Rules the data must keep (checked by :func:`problems`, and so by the tests):

- every claim has a verdict on the scale, a strength, evidence text and at least one source;
- ``supported`` or ``contradicted`` rests on a primary study or a systematic review (a strength
  listed under ``primary``), never on case reports, convention or nothing;
- a claim whose answer rests partly on aftercare convention says so (``convention: true``), and
  its evidence text says "convention".

>>> [c.key for c in claims()][:2]
['is_exfoliation', 'exfoliation_benefit']
>>> claim("is_exfoliation").verdict
'contradicted'
"""

from __future__ import annotations

from dataclasses import dataclass

from skinlab.data import Value, cite, dataset

FILE = "claims.yaml"
SAFETY = "safety.yaml"


@dataclass(frozen=True)
class Claim:
    """One claim, restated so that evidence can test it, with the course's verdict."""

    key: str
    as_said: str
    restated: str
    verdict: str
    strength: str
    evidence: str
    sources: tuple[str, ...]
    convention: bool

    @property
    def verdict_label(self) -> str:
        return verdicts()[self.verdict]

    @property
    def strength_label(self) -> str:
        return strengths()[self.strength]

    def citations(self) -> str:
        """The sources, as short citations joined by semicolons."""
        return "; ".join(cite(k, short=True) for k in self.sources)

    def reveal(self) -> str:
        """What a learner reads after rating the claim (the grade names the verdict): the
        evidence, its strength, and the sources."""
        tail = (" Part of the answer rests on aftercare convention, from low-grade sources."
                if self.convention else "")
        return (f"{self.evidence} Strongest evidence: {self.strength_label}.{tail} Sources: "
                f"{self.citations().rstrip('.')}.")


def _tree(name: str = FILE) -> dict:
    return dataset().tree(name)


def verdicts() -> dict[str, str]:
    """The rating scale: verdict key -> its words, in the scale's order."""
    return dict(_tree()["verdicts"])


def strengths() -> dict[str, str]:
    """Kinds of evidence, strongest first: key -> words."""
    return dict(_tree()["strengths"])


def _claim(key: str, raw: dict) -> Claim:
    src = raw.get("source") or []
    return Claim(key, str(raw.get("as_said", "")), str(raw.get("restated", "")),
                 str(raw.get("verdict", "")), str(raw.get("strength", "")),
                 str(raw.get("evidence", "")).strip(),
                 tuple([src] if isinstance(src, str) else src),
                 bool(raw.get("convention", False)))


def claims() -> list[Claim]:
    """Every claim, in the data's order."""
    return [_claim(k, v) for k, v in _tree()["claims"].items()]


def claim(key: str) -> Claim:
    """One claim by key; an unknown key names the known ones."""
    raw = _tree()["claims"]
    if key not in raw:
        raise ValueError(f"no claim {key!r} (known: {', '.join(raw)})")
    return _claim(key, raw[key])


def problems(items: list[Claim] | None = None) -> list[str]:
    """Where the claims (``items``, or the data's) break the rules in this module's docstring
    (empty: none)."""
    out = []
    scale, kinds = verdicts(), strengths()
    primary = set(_tree().get("primary") or ())
    refs = set(dataset().references)
    for c in claims() if items is None else items:
        where = f"{FILE}: claims.{c.key}"
        if c.verdict not in scale:
            out.append(f"{where}: verdict {c.verdict!r} is not on the scale")
        if c.strength not in kinds:
            out.append(f"{where}: strength {c.strength!r} is not a known kind of evidence")
        if not (c.as_said and c.restated and c.evidence):
            out.append(f"{where}: needs as_said, restated and evidence")
        if not c.sources or any(s not in refs for s in c.sources):
            out.append(f"{where}: needs at least one source, each a key of references.yaml")
        if c.verdict in ("supported", "contradicted") and c.strength not in primary:
            out.append(f"{where}: '{c.verdict}' needs a primary study or a systematic review, "
                       f"not {c.strength!r}")
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


__all__ = ["Claim", "claim", "claims", "granuloma_review", "problems", "risk_factors", "safety",
           "safety_value", "strengths", "tally", "transient_days", "verdicts"]
