"""Facts pass 2 for notebook 02 (issue 22; review 2026-12-04-content-00-03, findings 1, 2, 8, 9, 10,
11, 20, 27, 29): each fix holds, and a test fails if the error comes back.

- #1: a peel's depth depends on the skin as well as on the agent; the layer-based classes are
  called a simplification, and no quiz reason marks "thin skin can go deeper" wrong.
- #2, #8, #20, #29: the age effect is taught on the forearm, the face's own renewal is named, the
  forehead stands beside the by-site range, built ranges are called so, and the second labelling
  study is not overlooked.
- #9: AHAs act chiefly in the lower levels of the stratum corneum (PMID 2523288).
- #10: the CIR's salon conditions are shown whole.
- #11: Narda 2021's irritation sentence is shown as a background sentence, not a finding.
- #27: Aust 2008's intact epidermis is "a day after" treatment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from skinlab import exfoliation, renewal
from skinlab.data import dataset
from skinlab.explore import EXPLORERS
from skinlab.quiz import Quiz

ROOT = Path(__file__).resolve().parent.parent
NB02 = ROOT / "notebooks" / "02_renewal_exfoliation.ipynb"
BANK02 = "02_renewal_exfoliation"


def _markdown() -> str:
    nb = json.loads(NB02.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    text = re.sub(r"\[([^\]]+)\]\(#[^)]*\)", r"\1", text)  # glossary links to plain words
    return re.sub(r"\s+", " ", text)


def _code_and_outputs() -> str:
    nb = json.loads(NB02.read_text(encoding="utf-8"))
    out = []
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        out.append("".join(c["source"]))
        for o in c.get("outputs", []):
            out.append("".join(o.get("text", "")))
            out.append("".join(o.get("data", {}).get("text/plain", "")))
    return re.sub(r"\s+", " ", "\n".join(out))


def _bank() -> dict:
    return yaml.safe_load((ROOT / "skinlab" / "quizzes" / f"{BANK02}.yaml").read_text("utf-8"))


def _question(qid: str) -> dict:
    return next(q for q in _bank()["questions"] if q["id"] == qid)


# -- #1 peel depth depends on the skin too ------------------------------------------------------
def test_peel_classes_are_called_a_simplification_and_thin_skin_can_go_deeper():
    header = (ROOT / "skinlab" / "data" / "exfoliants.yaml").read_text(encoding="utf-8")
    assert "same class at every site. The sources only warn" not in header
    assert "A simplification" in header and "can wound deeper on thin skin" in header
    caution = dataset().tree("exfoliants.yaml")["eyelid_caution"]
    assert "deeper" in caution["text"]
    assert set(caution["source"]) == {"eyewiki_chemical_peels",
                                      "review_ophthalmology_peels_demystified"}
    md = _markdown()
    assert "simplification" in md and "can wound deeper on thin skin" in md
    assert "lower the strength" in md
    assert "What puts a peel in a class is the agent" not in md


def test_no_quiz_reason_marks_thin_skin_going_deeper_as_wrong():
    quiz = Quiz.from_bank(BANK02)
    q = _question("eyelid-peel-depth")
    assert q["answer"] is True and "deeper" in q["statement"]
    assert "check" not in q  # a question about real skin, not about the model
    assert quiz.grade("eyelid-peel-depth", (True, "same-layer-thinner")).correct
    correct = next(r for r in q["reasons"] if r.get("correct"))
    assert "skin as well as" in correct["text"]
    # a wrong reason is wrong for a sourced reason (no fixed rule; the wrong direction)
    wrong = {r["id"]: r for r in q["reasons"] if not r.get("correct")}
    assert "rule" in wrong["deeper-class"]["text"]
    assert "The direction is right" in wrong["deeper-class"]["feedback"]
    assert "shallower" in wrong["shallower-class"]["text"]
    for r in q["reasons"]:
        assert "keeps the class the same at every site" not in r["feedback"]
    # the model itself is unchanged: the classes stay layer-based (issue 21 keeps them)
    assert exfoliation.removal("trichloroacetic_acid", "medium", "eyelid").cls == "medium"


# -- #2, #8, #20, #29 renewal ---------------------------------------------------------------------
def test_the_scored_age_question_and_its_prediction_are_on_the_forearm():
    q = _question("older-day-40")
    assert "forearm" in q["statement"] and "cheek" not in q["statement"]
    assert q["check"]["site"] == "forearm"
    assert "forearm" in _question("predict-day-40")["prompt"]
    assert "cheek" not in _question("predict-day-40")["prompt"]
    pos = renewal.cohort_at("forearm", q["check"]["day"], "older_adult")
    assert pos.stage == "corneum"  # the key still holds on the forearm


def test_the_renewal_explorer_opens_on_the_forearm_and_names_the_face():
    exp = EXPLORERS["renewal"]()
    assert exp.state["site"] == "forearm"
    assert all(s["site"] != "cheek" or s["day"] != 40.0 for s in exp.examples().values())
    ratio = dataset().value("renewal.yaml", "face", "turnover_vs_forearm")
    assert ratio.value == 2 and ratio.sources == ("face_turnover1989",)
    assert dataset().reference("face_turnover1989")["pmid"] == 2601112
    for site in renewal.face_sites():
        text = exp.describe(site=site, age="older_adult", day=40.0)
        assert "twice as fast" in text and "not slowing with age" in text, text
    assert "twice" not in exp.describe(site="forearm", age="older_adult", day=40.0)
    assert set(renewal.face_sites()) == {"cheek", "forehead", "eyelid"}


def test_the_notebook_teaches_the_age_effect_on_the_forearm():
    md = _markdown()
    assert "twice as fast" in md and "Egawa 2007" in md
    assert "On the forearm, the stratum corneum takes longer to cross in older adults" in md
    code = _code_and_outputs()
    assert 'site="forearm", age="older_adult", day=40' in code
    assert 'site="cheek", age="older_adult", day=40' not in code


def test_the_forehead_stands_beside_the_by_site_range_and_built_ranges_are_called_so():
    forehead = dataset().value("renewal.yaml", "face", "forehead_corneum")
    young = renewal.journey("young_adult").corneum
    assert forehead.value < young.low  # faster than every site the range spans
    assert forehead.sources == ("baker1967_sc_turnover",)
    note = dataset().tree("renewal.yaml")["transit"]["corneum"]["young_adult"]["note"]
    assert "Why the forehead" in note
    md = _markdown()
    assert "the study's range" not in md
    assert md.count("a range the course built") >= 2
    assert "13 to 22 days by site and method" not in md
    assert "forehead is faster, about a week" in md
    older = dataset().tree("renewal.yaml")["transit"]["corneum"]["older_adult"]["note"]
    assert "built by the course" in older


def test_the_second_labelling_study_is_not_overlooked():
    md = _markdown()
    assert "the one study the course found that followed labelled cells" not in md
    assert "second labelling study" in md


# -- #9 AHAs in the lower stratum corneum -------------------------------------------------------
def test_ahas_act_chiefly_in_the_lower_stratum_corneum():
    for m in ("glycolic_acid", "lactic_acid"):
        assert "lower levels of the stratum corneum" in exfoliation.how(m), m
        assert "aha_clinical_practice1989" in dataset().tree("exfoliants.yaml")["methods"][m][
            "source"]
    assert dataset().reference("aha_clinical_practice1989")["pmid"] == 2523288
    q = _question("oil-soluble-acid")
    for o in q["options"]:
        if o["id"] in ("glycolic", "lactic"):
            assert "at the surface" not in o["feedback"]
            assert "lower levels of the stratum corneum" in o["feedback"]
    assert "lower levels of the stratum corneum (PMID 2523288)" in _markdown()


# -- #10 CIR conditions whole -------------------------------------------------------------------
def test_the_cir_salon_conditions_are_whole():
    cir = dataset().tree("exfoliants.yaml")["cir_limits"]
    assert cir["source"] == "fiume2017_cir_aha"
    md = _markdown()
    for part in ("up to 30%, at a final pH of 3.0 or more", "brief, discontinuous use",
                 "rinsed off thoroughly", "applied by trained professionals",
                 "directions for daily sun protection"):
        assert part in md, part
    for part in ("30% or less", "pH of 3.0 or more", "brief, discontinuous use", "thorough rinsing",
                 "trained professionals", "daily sun protection"):
        assert part in cir["salon"], part


# -- #11 a background sentence is not a finding --------------------------------------------------
def test_narda_2021_is_shown_as_a_background_sentence():
    md = _markdown()
    assert "can also irritate the skin (Narda 2021)" not in md
    assert "a review sentence in Narda 2021" in md
    q = _question("over-exfoliation")
    assert "reviews note" in q["prompt"]
    irritation = next(o for o in q["options"] if o["id"] == "irritation")
    assert "background" in irritation["feedback"] and "not its finding" in irritation["feedback"]
    barrier = dataset().tree("exfoliants.yaml")["risks"]["barrier"]["summary"]
    assert "notes in its background" in barrier


# -- #27 a day later -----------------------------------------------------------------------------
def test_aust_2008_intact_epidermis_is_a_day_after_treatment():
    gloss = dataset().tree("glossary.yaml")["terms"]["microneedling"]["definition"]
    assert "found whole a day after treatment" in gloss
    assert "found whole a day after treatment" in _markdown()
    bank = (ROOT / "skinlab" / "quizzes" / f"{BANK02}.yaml").read_text(encoding="utf-8")
    assert "found whole after treatment" not in bank
    assert bank.count("found whole a day after treatment") == 2
