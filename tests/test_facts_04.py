"""Facts pass 2 (issue 22), notebook 04: each review finding (04-06 #11-#15, #23, TGF-β3) held by
a test, against the data, the models, the explorers and the learner's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skinlab import healing
from skinlab.data import dataset
from skinlab.draw.timeline import Stage, overlaps
from skinlab.explore import EvidenceExplorer, HealingExplorer

ROOT = Path(__file__).resolve().parents[1]


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


# -- #11: the biopsy studies -----------------------------------------------------------------
def test_biopsy_studies_count_every_human_study_that_took_biopsies():
    hist = healing.studies("histology")
    keys = {r.key for r in hist}
    # Aust 2008 (histology in 20 patients) and the 2021 trial (0.33 mm microbiopsies) took
    # biopsies as well as ratings or instrument measurements
    assert {"aust2008", "asj2021", "eldomyati2015", "lotfi2013"} <= keys
    assert all(r.species == "human" for r in hist)
    # still counted under their other measure
    assert "aust2008" in {r.key for r in healing.studies("rated")}
    assert "asj2021" in {r.key for r in healing.studies("instrument")}
    assert healing.study("aust2008").outcomes == ("rated", "histology")


def test_evidence_sentence_counts_four_biopsy_studies():
    text = EvidenceExplorer().describe(show="histology")
    assert text.startswith("The biopsy studies (4, 4 in people)")
    assert "none had a control" in text


# -- #12: the rat studies' controls ----------------------------------------------------------
@pytest.mark.parametrize("key", ["aust2008_rats", "aust2010_rats"])
def test_rat_studies_have_untreated_controls(key):
    r = healing.study(key)
    assert r.controlled is True
    assert "untreated controls" in r.control and "n = 8" in r.control
    assert "not stated in the course's notes" not in r.control


def test_evidence_sentence_names_the_rat_controls():
    text = EvidenceExplorer().describe(show="all")
    assert "3 had a control" in text and "Aust 2008, rats" in text and "Aust 2010, rats" in text
    animal = EvidenceExplorer().describe(show="animal")
    assert "2 had a control" in animal


# -- #13: "the one randomised trial" ---------------------------------------------------------
@pytest.mark.parametrize("path", ["notebooks/04_healing.ipynb",
                                  "exercises/04_phases_and_evidence.ipynb",
                                  "exercises/student/04_phases_and_evidence.ipynb"])
def test_no_bare_one_randomised_trial(path):
    text = " ".join(_markdown(ROOT / path).lower().split())
    assert "the one randomised trial" not in text
    assert "one randomised trial," not in text
    assert "rests on a randomised trial:" not in text


def test_notebook_and_teaching_say_in_this_table():
    nb = " ".join(_markdown(ROOT / "notebooks/04_healing.ipynb").split())
    assert "The one trial with an untreated, randomised control in this table" in nb
    teaching = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
    sec = teaching[teaching.index("## Notebook 04"):teaching.index("## Notebook 05")]
    sec = " ".join(sec.split())
    assert "The one randomised trial" not in sec
    assert "the one trial with an untreated, randomised control in this table" in sec.lower()
    quiz = (ROOT / "skinlab/quizzes/04_healing.yaml").read_text(encoding="utf-8")
    assert "the one randomised trial" not in quiz.lower()


# -- #14: wound strength at 6 weeks comes from animal models ----------------------------------
def test_strength_maximum_is_qualified_as_animal_data():
    q = healing.strength_qualifier()
    assert "animal models" in q.text and "human" in q.text and "limited" in q.text
    assert q.source == healing.strength_maximum_at().sources[0]
    words = healing.strength_words()
    assert "6 weeks" in words and "animal models" in words
    nb = " ".join(_markdown(ROOT / "notebooks/04_healing.ipynb").split())
    i = nb.index("maximal strength")
    assert "animal models" in nb[i:i + 200] and "human and clinical data are limited" in nb


# -- #15: the phase strip draws the overlaps --------------------------------------------------
def test_overlaps_are_where_active_phases_counts_both():
    ovl = healing.overlaps()
    assert [(a.key, b.key) for a, b, _, _ in ovl] == [("haemostasis", "inflammation"),
                                                      ("inflammation", "proliferation")]
    for a, b, lo, hi in ovl:
        mid = (lo + hi) / 2
        assert {p.key for p in healing.active_phases(mid)} == {a.key, b.key}


@pytest.mark.parametrize("day", [0.1, 0.5, 0.9, 2.0, 3.5, 10.0, 100.0])
def test_drawn_spans_cover_exactly_the_active_phases(day):
    drawn = {k for k in healing.PHASES
             if healing.drawn_span(k)[0] <= day <= healing.drawn_span(k)[1]}
    assert drawn == {p.key for p in healing.active_phases(day)}


def test_strip_leaves_no_blank_gap_and_draws_overlaps():
    stages = tuple(Stage(a, b - a, "#000000", k) for k in healing.PHASES
                   for a, b in [healing.drawn_span(k)])
    # contiguous: each stage starts at or before the previous one ends
    for s0, s1 in zip(stages, stages[1:]):
        assert s1.start <= s0.start + s0.length
    assert [(t0, t1) for t0, t1, _, _ in overlaps(stages)] == [(0.25, 1.0), (3.0, 4.0)]


def test_healing_explorer_strip_stages_overlap():
    ex = HealingExplorer()
    wired = ex.wire(ex.clean(site="cheek", needle_mm=1.5, day=0.5))
    stages = wired["timeline"]["stages"]
    assert len(overlaps(stages)) == 2
    assert "overlap" in wired["timeline"]["note"]
    assert ex.render(site="cheek", needle_mm=1.5, day=0.5)  # draws, with the split bars


# -- #23: "less elastin" read with what was measured ------------------------------------------
def test_elastin_reading_says_less_is_not_necessarily_worse():
    text = healing.elastin_reading()
    assert "not necessarily worse" in text and "abnormal" in text
    assert "El-Domyati" in text and "2018" in text
    node = dataset().tree("healing.yaml")["elastin_reading"]
    srcs = {f["source"] for f in node["findings"]}
    assert "eldomyati2018_combined_needling" in srcs
    assert dataset().reference("eldomyati2018_combined_needling")["pmid"] == 29226630
    assert "not necessarily worse" in EvidenceExplorer().describe(show="elastin").split("mixed.")[1]


# -- TGF-β3: named with what the source says it is --------------------------------------------
def test_tgfb3_explained_as_far_as_aust2010_says():
    f = healing.tgfb3_isoform()
    assert f.source == "aust2010_tgfb3_rats"
    assert "isoform" in f.text and "preventing scarring" in f.text
    text = HealingExplorer().describe(site="cheek", needle_mm=1.5, day=2)
    assert "TGF-β3" in text and "preventing scarring" in text
    nb = " ".join(_markdown(ROOT / "notebooks/04_healing.ipynb").split())
    i = nb.index("TGF-β3")
    assert "isoform" in nb[i:i + 250] and "preventing scarring" in nb[i:i + 250]
