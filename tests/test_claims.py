"""Claims checked against evidence, the safety data, and the side-by-side comparison."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from skinlab import claims, compare, exfoliation
from skinlab import microneedling as mn
from skinlab.explore import EXPLORERS
from skinlab.quiz import Quiz, QuizError

ASKED = ("exfoliat", "dead", "AHA or BHA", "chemical", "collagen", "wrinkles", "serum", "redness")


def test_at_least_eight_claims_each_with_a_verdict_an_appraisal_and_sources():
    cs = claims.claims()
    assert len(cs) >= 8
    assert claims.problems() == []
    for c in cs:
        assert c.verdict in claims.verdicts() and c.sources and c.parts
        assert c.certainty in claims.certainty_levels()
    # the claims the course set out to check are all there, as said
    said = " ".join(c.as_said + " " + c.restated for c in cs)
    for word in ASKED:
        assert word.lower() in said.lower(), word


def test_the_verdicts_are_the_evidence_s_not_a_single_answer():
    tally = claims.tally()
    assert set(tally) == {"supported", "mixed", "not_supported", "contradicted"}
    assert sum(tally.values()) == len(claims.claims())
    assert sum(1 for v in tally.values() if v) >= 3  # not every claim gets the same verdict
    assert claims.claim("is_exfoliation").verdict == "contradicted"
    assert claims.claim("acids_right_after").convention


def _part(claim_key: str, i: int = 0, **change) -> claims.Part:
    return dataclasses.replace(claims.claim(claim_key).parts[i], **change)


_VERY_LOW = dict(certainty="very_low", down=(("imprecision", "few"),))
_NO_STUDY = dict(studies=(), starts="none", certainty="not_tested")
_RATS = (claims.Study("aust2008_pci_rats", "animal"),)


@pytest.mark.parametrize("change, words", [
    (dict(parts=(_part("redness_fades", **_VERY_LOW),)), "needs at least low certainty"),
    (dict(verdict="contradicted", parts=(_part("redness_fades", **_NO_STUDY),)),
     "needs at least low certainty"),
    (dict(verdict="true"), "not on the scale"),
    (dict(sources=()), "at least one source"),
    (dict(sources=("nobody2099",)), "at least one source"),
    (dict(convention=True, evidence="Trust us."), "must say so"),
    (dict(restated=""), "needs as_said"),
    (dict(parts=()), "needs an appraisal"),
    # the certainty must follow from the start and the reasons down
    (dict(parts=(_part("redness_fades", certainty="moderate"),)), "start and reasons down"),
    (dict(parts=(_part("redness_fades", starts="high", certainty="high"),)),
     "its designs start 'low'"),
    # a review counts as what it gathered, and must say what that is
    (dict(parts=(_part("redness_fades", studies=(claims.Study(
        "chu2021_microneedling_safety", "systematic_review"),)),)), "says what it includes"),
    (dict(parts=(_part("redness_fades", studies=(claims.Study(
        "chu2021_microneedling_safety", "astrology"),)),)), "is not one of"),
    (dict(parts=(_part("redness_fades", down=(("gut_feeling", "no"),),
                       certainty="very_low"),)), "is not one of GRADE's reasons"),
    # animals only: rate down for indirectness, or say why not
    (dict(sources=("aust2008_pci_rats",), parts=(_part("redness_fades", studies=_RATS),)),
     "rate down for indirectness"),
    (dict(parts=(_part("redness_fades", studies=_RATS),)), "not a source"),
])
def test_the_rules_catch_a_bad_claim(change, words):
    bad = dataclasses.replace(claims.claim("redness_fades"), **change)
    found = claims.problems([bad])
    assert any(words in p for p in found), found


def test_the_reveal_gives_verdict_evidence_certainty_with_its_reasons_and_sources():
    c = claims.claim("lines_and_scars")
    text = c.reveal()
    assert text.startswith(c.evidence)
    assert "Alam 2014 (randomised controlled trial)" in text
    assert "Certainty (the course's appraisal, the GRADE idea): acne scars: low." in text
    assert "rated down for imprecision" in text and "fine lines and wrinkles: very low" in text
    assert c.certainty == "very_low"  # a claim is as sure as its least sure part
    assert c.certainty_words() == "low for acne scars, very low for fine lines and wrinkles"
    assert "convention" in claims.claim("acids_right_after").reveal()
    with pytest.raises(ValueError, match="no claim 'nope'"):
        claims.claim("nope")


def test_a_systematic_review_counts_as_what_it_gathered_not_as_the_top_of_a_ladder():
    """Review 04-06 #7: a review's start is that of its included studies; with nothing but
    reviews of unappraised studies, a claim starts low, however many reviews there are."""
    for c in claims.claims():
        for p in c.parts:
            for s in p.studies:
                if s.design == "systematic_review":
                    assert s.includes and s.counts_as == s.includes
                    assert f"systematic review of {claims.designs()[s.includes][1]}" in s.words
    fades = claims.claim("redness_fades").parts[0]
    assert fades.studies[0].design == "systematic_review" and fades.starts == "low"
    assert "systematic_review" not in claims.dataset().tree("claims.yaml")["starts_high"]


def test_levels_and_reasons_are_grade_s_and_cited():
    assert list(claims.certainty_levels()) == [*claims.LEVELS, claims.NOT_TESTED]
    assert set(claims.rate_down()) == {"risk_of_bias", "inconsistency", "indirectness",
                                       "imprecision", "publication_bias"}
    grade = claims.dataset().tree("claims.yaml")["grade"]["source"]
    assert {"balshem2011_grade", "guyatt2008_quality", "cochrane_handbook_ch14"} <= set(grade)
    assert claims.dataset().reference("guyatt2008_quality")["doi"] == "10.1136/bmj.39490.551019.BE"


def test_safety_values_come_from_the_cited_review():
    days = claims.transient_days()
    assert (days.value, days.unit, days.sources) == (7, "days", ("chu2021_microneedling_safety",))
    patients, studies = claims.granuloma_review()
    assert patients.value == 15 and studies.value == 13
    assert "a metal allergy" in claims.risk_factors()
    reg = claims.safety("regulation")
    assert "US regulation" in reg["summary"] and "878.4430" in reg["summary"]


def test_a_rated_claim_takes_its_words_from_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "p.json"))
    bank = {"title": "t", "objectives": {"o": "judge"}, "questions": [
        {"id": "c1", "kind": "rate", "objective": "o", "claim": "is_exfoliation"}]}
    quiz = Quiz("claims-test", yaml.safe_load(yaml.safe_dump(bank)))
    q = quiz.question("c1")
    c = claims.claim("is_exfoliation")
    assert c.as_said in q.prompt and c.restated in q.prompt
    assert [s["id"] for s in q.choices()] == list(claims.verdicts())
    right = quiz.grade("c1", "contradicted")
    assert right.correct and "Aust 2008" in right.message
    wrong = quiz.grade("c1", "supported")
    assert not wrong.correct and "contradicted by the evidence" in wrong.message
    assert not quiz.grade("c1", "maybe").valid
    bank["questions"][0]["claim"] = "nope"
    with pytest.raises(QuizError, match="no claim 'nope'"):
        Quiz("claims-test", bank)


def test_a_needle_length_must_be_a_number_of_millimetres():
    with pytest.raises(ValueError, match="number of millimetres"):
        compare.compare("cheek", "scrub", "home", "half a mm", "roller", 1)
    with pytest.raises(ValueError, match="more than 0"):
        compare.compare("cheek", "scrub", "home", 0, "roller", 1)


@pytest.mark.parametrize("site", ["cheek", "forearm", "eyelid", "back", "palm"])
@pytest.mark.parametrize("needle_mm, device, passes", [(0.25, "roller", 1), (0.5, "roller", 15),
                                                       (1.5, "pen", 3)])
def test_a_needle_punctures_a_share_and_an_exfoliant_treats_it_all(site, needle_mm, device,
                                                                    passes):
    c = compare.compare(site, "glycolic_acid", "superficial", needle_mm, device, passes)
    reach = mn.depth_reached(needle_mm * 1000, site)
    assert c.needle_depth_um == reach.typical_um == (reach.low_um + reach.high_um) / 2
    assert (c.needle_low_um, c.needle_high_um) == (reach.low_um, reach.high_um)
    assert c.exfoliant_depth_um == exfoliation.removal("glycolic_acid", "superficial",
                                                       site).bottom_um
    text = compare.sentence(c)
    assert "removes nothing" in text and "typical" not in text
    # both depths, the needle's as its tip's range, are in the one sentence
    assert f"{compare.depth_span(reach)} deep" in text
    assert len(re.findall(r"\d+(?:\.\d+)? (?:µm|mm) (?:down|deep)", text)) == 2
    assert compare.tip_words(reach) in text
    if device == "pen":  # no source gives a pen's channels per cm²: nothing is computed
        assert c.punctured is None and c.channels is None and not c.share_known
        assert compare.SHARE_NOT_KNOWN in text and "%" not in text.split("; a ")[1]
        assert c.share_sources == ()
    else:
        share = mn.punctured_fraction(device, passes)
        assert c.exfoliant_share == 1.0 > c.punctured.high
        assert (c.punctured.low, c.punctured.high) == (share.low, share.high)
        assert f"{compare.share_span(share.low, share.high)} of the surface" in text
        assert "not known" not in text
        assert "kalluri2011_microchannels" in c.share_sources
    assert compare.percent(1.0) in text


def test_more_passes_puncture_more_but_never_all():
    shares = [compare.compare("cheek", "scrub", "home", 0.5, "roller", p).punctured.high
              for p in (1, 5, 15, 30)]
    assert shares == sorted(shares) and shares[-1] < 1.0


def test_the_table_marks_what_removes_tissue():
    rows = compare.table("cheek", [("exfoliant", "trichloroacetic_acid", "medium"),
                                   ("needle", 1.5, "pen", 3)])
    assert [r["removes_tissue"] for r in rows] == [True, False]
    assert rows[0]["surface_share"] == 1.0 and rows[1]["surface_share"] is None
    assert "hours" in rows[1]["response"]
    with pytest.raises(ValueError, match="starts with"):
        compare.table("cheek", [("laser",)])


def test_five_rows_carry_ranges_midpoints_and_what_the_share_rests_on():
    rows = compare.five("cheek")
    roller, pen = rows["0.25 mm roller, 1 pass"], rows["1.5 mm pen, 3 passes"]
    share = mn.punctured_fraction("roller", 1)
    assert roller["surface_share"] == pytest.approx((share.low + share.high) / 2)
    assert roller["surface_share_low"] == share.low < roller["surface_share"] \
        < share.high == roller["surface_share_high"]
    assert set(roller["share_sources"]) >= {"kalluri2011_microchannels",
                                            "schwarz2011_dermaroller"}
    # the pen: share not known, nothing computed, no source named
    assert pen["surface_share"] is pen["surface_share_low"] is pen["surface_share_high"] is None
    assert pen["share_sources"] == ()
    for name, length in (("0.25 mm roller, 1 pass", 250.0), ("1.5 mm pen, 3 passes", 1500.0)):
        reach = mn.depth_reached(length, "cheek")
        row = rows[name]
        assert (row["deepest_low_um"], row["deepest_um"], row["deepest_high_um"]) == (
            reach.low_um, (reach.low_um + reach.high_um) / 2, reach.high_um)
        assert row["ends_in"] == reach.label
    # a 0.25 mm roller's tip range on the cheek runs from the viable epidermis to the papillary
    # dermis (the regulation 'tension' rests on it)
    assert roller["ends_in"] == "viable epidermis to papillary dermis"
    for name in ("scrub", "glycolic peel", "TCA medium peel"):  # by definition, no source
        assert rows[name]["surface_share"] == 1.0 and rows[name]["share_sources"] == ()


def test_the_closure_words_name_research_microneedles_and_gupta_2011():
    lo, hi = compare.human_closure_hours()
    gupta = mn.product_curve("gupta2011")
    assert lo == gupta.closed.value == 2 and gupta.occluded is False
    words = compare.closure_words()
    assert f"within {lo:g} hours on uncovered skin in Gupta 2011" in words
    assert "research microneedles, not cosmetic" in words and f"{hi:g} hours" in words
    assert words in compare.five("cheek")["0.25 mm roller, 1 pass"]["response"]


def test_the_compare_explorer_says_what_is_wrong():
    e = EXPLORERS["compare"]()
    assert "outside" in e.describe(needle_mm=9)
    assert "not one of the choices" in e.describe(device="laser")
    assert "is described only as" in e.describe(method="phenol", strength="home")
    for device in ("stamp", "pen"):
        text = e.describe(device=device)
        assert compare.SHARE_NOT_KNOWN in text and "assumption" not in text
    assert "glide speed" in e.describe(device="pen")
    assert "extrapolated" in e.describe(needle_mm=0.25)
    assert "extrapolated" not in e.describe(needle_mm=1.0)


def _texts(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)
    elif isinstance(node, str):
        yield node


# Years of citations and regulation identifiers are names, not measurements.
_NOT_NUMBERS = re.compile(r"\b(?:19|20)\d\d\b|21 CFR 878\.4430|510\(k\)")


def _unsourced(text: str, known: list[float]) -> list[str]:
    """Each number in ``text`` that no known value rounds to, as written."""
    bad = []
    for m in re.finditer(r"(?<![\w.])\d+(?:\.\d+)?", _NOT_NUMBERS.sub(" ", text)):
        raw = m.group()
        tol = 0.5 * 10 ** -(len(raw.split(".")[1]) if "." in raw else 0) + 1e-9
        if not any(abs(float(raw) - v) <= tol for v in known):
            bad.append(raw)
    return bad


def _known_numbers() -> list[float]:
    from skinlab import anatomy
    from skinlab.data import dataset
    known = [x for v in dataset().values.values() for x in (v.value, v.low, v.high)]
    known += [x for s in anatomy.sites() for lay in anatomy.layers_at(s)
              for x in (lay.top_um, lay.bottom_um, lay.thickness_um)]
    for site in anatomy.sites():  # what the side-by-side model derives, at every site
        for row in compare.five(site).values():
            known += [row[k] for k in ("deepest_um", "deepest_low_um", "deepest_high_um")
                      if row[k] is not None]
            known += [100 * row[k] for k in ("surface_share", "surface_share_low",
                                              "surface_share_high") if row[k] is not None]
            known += [row[k] / 1000 for k in ("deepest_low_um", "deepest_high_um")
                      if row[k] is not None]  # a needle's depths said in millimetres
    for state in EXPLORERS["compare"]().examples().values():  # the explorer's named states
        c = compare.compare(state["site"], state["method"], state["strength"],
                            state["needle_mm"], state["device"], state["passes"])
        known += [c.needle_low_um, c.needle_high_um, c.needle_low_um / 1000]
        if c.punctured is not None:
            known += [100 * c.punctured.low, 100 * c.punctured.high]
    return known


def test_every_number_in_the_claims_safety_and_bank_06_comes_from_the_data():
    from skinlab.data import dataset
    known = _known_numbers()
    texts = [t for c in claims.claims() for t in (c.as_said, c.restated, c.evidence)]
    texts += list(_texts(dataset().tree("safety.yaml")))
    texts += list(_texts(yaml.safe_load(
        (Path(__file__).parent.parent / "skinlab" / "quizzes" /
         "06_microneedling_vs_exfoliation.yaml").read_text(encoding="utf-8"))))
    bad = {(n, t[:70]) for t in texts for n in _unsourced(t, known)}
    assert not bad, sorted(bad)
    # and the check can fail: a number the data does not hold
    assert _unsourced("a trial of 9173 people, lasting 11.3 days", known) == ["9173", "11.3"]


def test_each_wrong_rating_is_told_how_it_differs_from_the_verdict(tmp_path, monkeypatch):
    """Feedback on the option chosen: 'not supported' is not 'contradicted' (issue 23)."""
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "p.json"))
    scale = list(claims.verdicts())
    for rated in scale:
        for verdict in scale:
            text = claims.contrast(rated, verdict)
            assert (text == "") == (rated == verdict), (rated, verdict)
    assert "Missing evidence is not evidence against it" in claims.contrast(
        "contradicted", "not_supported")
    quiz = Quiz.from_bank("06_microneedling_vs_exfoliation")
    rated_claims = [q for q in quiz.questions if q.kind == "rate"]
    assert rated_claims
    for q in rated_claims:
        for rated in scale:
            message = quiz.grade(q.id, rated).message
            assert claims.contrast(rated, q.verdict) in message
    # two different wrong ratings of one claim read differently
    q = next(q for q in rated_claims if q.verdict == "not_supported")
    others = [r for r in scale if r != q.verdict]
    assert len({quiz.grade(q.id, r).message for r in others}) == len(others)


def test_a_missing_contrast_is_a_problem():
    assert claims.contrast_problems() == []
    given = {r: {v: "why" for v in claims.verdicts() if v != r} for r in claims.verdicts()}
    assert claims.contrast_problems(given) == []
    del given["contradicted"]["not_supported"]
    assert claims.contrast_problems(given) == [
        "claims.yaml: contrasts.contradicted.not_supported is missing"]
