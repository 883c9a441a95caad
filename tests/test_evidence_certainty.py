"""Issue 22, review 04-06 #7, #12, #13, #16, #25, #27: a design is shown as a design, a claim's
certainty is the course's appraisal of the body of evidence (the GRADE idea), a systematic
review is as strong as what it gathers, "open-label" is about blinding; and an appraisal exercise
on one abstract (Alam 2014), graded by the learner before the course's verdict."""

from __future__ import annotations

from pathlib import Path

import yaml

from skinlab import claims, healing, tables
from skinlab.check import check_trial_appraisal
from skinlab.data import dataset
from skinlab.explore import EvidenceExplorer
from skinlab.quiz import Quiz
from skinlab.quiz.keys import MODELS

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "skinlab" / "quizzes"


def _bank(name: str) -> dict:
    return yaml.safe_load((BANKS / f"{name}.yaml").read_text(encoding="utf-8"))


def _q(bank: str, qid: str) -> dict:
    return next(q for q in _bank(bank)["questions"] if q["id"] == qid)


# -- the evidence table -------------------------------------------------------------------------
def test_the_table_puts_the_randomised_trial_first_and_the_review_with_what_it_gathered():
    text = EvidenceExplorer().describe(show="all")
    assert "first is Alam 2014" in text and "the strongest is" not in text
    assert "Juhasz & Cohen 2020, scars is a systematic review, as strong as the studies it " \
           "gathered" in text
    rows = healing.studies()
    keys = [r.key for r in rows]
    # the review sits among the studies without a control, after the randomised trial
    assert keys.index("alam2014") < keys.index("juhasz2020") < keys.index("aust2008_rats")
    assert rows[keys.index("juhasz2020")].order_rank == rows[keys.index("ablon2018")].order_rank


def test_open_label_is_blinding_not_a_design():
    ablon = healing.study("ablon2018")
    assert ablon.design == "uncontrolled" and ablon.blinding.startswith("open-label")
    alam = healing.study("alam2014")
    assert alam.design == "rct" and "open label" in alam.blinding
    assert "open" not in " ".join(healing.design_labels().values())
    gloss = dataset().tree("glossary.yaml")["terms"]["open_label_study"]
    assert "blinding, not a design" in gloss["definition"]
    assert "hta_glossary_open_label" in gloss["source"]
    reg = dataset().tree("healing.yaml")["studies"]["alam2014"]["registry"]
    assert reg["source"] == "alam2014_registry" and "Open Label" in reg["note"]


def test_the_rct_glossary_example_fits_both_of_the_course_s_trials():
    """#27: Rana 2017 randomised whole people; Alam 2014 one side of each face."""
    gloss = dataset().tree("glossary.yaml")["terms"]["randomised_controlled_trial"]
    assert "Rana 2017" in gloss["definition"] and "Alam 2014" in gloss["definition"]
    assert {"rana2017_needling_glycolic_rct", "alam2014_needling_rct"} <= set(gloss["source"])


# -- the quizzes --------------------------------------------------------------------------------
def test_the_design_order_question_has_no_review_and_its_key_is_the_data_s_order():
    q = _q("04_healing", "design-order")
    items = [i["id"] for i in q["items"]]
    assert "systematic_review" not in items and "open_label" not in items
    assert MODELS["design_order"]() == healing.design_order() == ["rct", "controlled",
                                                                  "uncontrolled", "animal"]
    assert sorted(items) == sorted(healing.design_order())
    assert "as strong as the studies it gathers" in q["explanation"]
    quiz = Quiz.from_bank("04_healing")
    assert quiz.grade("design-order", healing.design_order()).correct
    assert not quiz.grade("design-order", list(reversed(healing.design_order()))).correct


def test_the_certainty_question_marks_the_review_ladder_wrong():
    q = _q("06_microneedling_vs_exfoliation", "what-sets-certainty")
    right = [o for o in q["options"] if o.get("correct")]
    assert [o["id"] for o in right] == ["body"]
    review = next(o for o in q["options"] if o["id"] == "review")
    assert "as strong as the studies it gathers" in review["feedback"]
    assert all(x["id"] != "strongest-evidence"
               for x in _bank("06_microneedling_vs_exfoliation")["questions"])


# -- the claims table ---------------------------------------------------------------------------
def test_the_claims_table_gives_certainty_part_by_part():
    text = tables.claim_verdicts()
    assert "strongest evidence" not in text
    assert "certainty: low for acne scars, very low for fine lines and wrinkles" in text
    assert "certainty: moderate for a drug before light treatment" in text
    for c in claims.claims():
        assert c.certainty_words() in text


# -- the appraisal exercise ---------------------------------------------------------------------
def test_the_abstract_card_gives_the_trial_s_numbers_from_the_data_and_not_the_verdict():
    text = healing.trial_abstract("alam2014")
    nums = healing.trial_numbers("alam2014")
    six = nums["treated_6_months"]
    assert (six.value, six.low, six.high) == (3.4, 0.2, 6.5)
    assert "3.4 points (95% CI 0.2 to 6.5; P = .03)" in text
    assert "-0.01 to 4.8" in text and "P > .99" in text
    assert "n = 15 of 20 enrolled" in text
    assert "certainty" not in text and "one side against the other" not in text


def test_the_appraisal_check_wants_the_comparison_the_interval_and_a_near_grade():
    good = {"compares": "baseline", "interval_excludes_zero": True, "certainty": "low"}
    fb = check_trial_appraisal(good)
    assert fb.passed and "acne scars: low" in fb.message and "Alam 2014" in fb.message
    assert check_trial_appraisal(dict(good, certainty="moderate")).passed  # one level off
    assert check_trial_appraisal(dict(good, certainty="very low")).passed
    far = check_trial_appraisal(dict(good, certainty="high"))
    assert not far.passed and "far from the course's" in far.message
    assert not check_trial_appraisal(dict(good, compares="sides")).passed
    assert not check_trial_appraisal(dict(good, interval_excludes_zero=False)).passed
    # bad input: a clear message, never a traceback
    for bad in (..., None, "low", {"compares": "baseline"}, dict(good, certainty="great"),
                dict(good, interval_excludes_zero="yes"), dict(good, compares=3)):
        fb = check_trial_appraisal(bad)
        assert not fb.passed and fb.message.startswith("Not yet")


def test_the_appraisal_check_follows_the_data():
    """The accepted grades move with the course's appraisal: not a hard-coded answer."""
    part = next(p for p in claims.claim("lines_and_scars").parts
                if any(s.source == "alam2014_needling_rct" for s in p.studies))
    i = claims.LEVELS.index(part.certainty)
    accepted = {lv for lv in claims.LEVELS if check_trial_appraisal(
        {"compares": "baseline", "interval_excludes_zero": True, "certainty": lv}).passed}
    assert accepted == {lv for j, lv in enumerate(claims.LEVELS) if abs(j - i) <= 1}


# -- regulation: the regulator's word ------------------------------------------------------------
def test_the_regulator_s_word_exfoliation_is_shown_with_its_secondary_source():
    reg = claims.safety("regulation")
    assert "'do not penetrate living skin and claim only to facilitate exfoliation'" in \
        reg["tension"]
    assert "not read in the guidance itself" in reg["tension"]
    assert "itt2017_fda_draft_microneedling" in reg["tension_source"]["source"]
    assert "facilitate exfoliation" in tables.regulation()
