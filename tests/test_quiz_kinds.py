"""The three newer question kinds (prediction, rate-then-reveal, reference), each one registered
class with its own panel, and the learner-facing summary."""

from __future__ import annotations

import pytest
import yaml

from skinlab import progress
from skinlab.quiz import KINDS, Quiz, QuizError
from skinlab.quiz.widget import PANELS

BANK = {
    "title": "Kinds",
    "objectives": {"o": "try every kind", "p": "predict"},
    "questions": [
        {"id": "guess-layer", "kind": "prediction", "objective": "p", "section": "probe",
         "prompt": "Where will the probe be?", "reveal": "Now run the next cell and look.",
         "options": [{"id": "sc", "text": "stratum corneum"}, {"id": "pd", "text": "dermis"}]},
        {"id": "guess-depth", "kind": "prediction", "objective": "p", "unit": "um",
         "prompt": "How deep is the dermis?", "reveal": "Look at the table below."},
        {"id": "claim", "kind": "rate", "objective": "o", "source": "aust2008_pci_rats",
         "statement": "Microneedling removes the stratum corneum.", "verdict": "unsupported",
         "evidence": "The needles puncture it; nothing is removed."},
        {"id": "again", "kind": "reference", "objective": "o",
         "ref": {"bank": "00_start_here", "id": "probe-cheek"}},
        {"id": "plain", "kind": "single", "objective": "o", "section": "probe",
         "prompt": "Pick b.", "options": [
             {"id": "a", "text": "a", "feedback": "no"},
             {"id": "b", "text": "b", "feedback": "yes", "correct": True}]},
    ],
}


@pytest.fixture
def quiz(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "progress.json"))
    return Quiz("kinds", yaml.safe_load(yaml.safe_dump(BANK)))


def test_every_kind_is_one_registered_class_with_a_panel():
    assert set(KINDS) == set(PANELS) - {"reference"} | {"reference"}
    for kind, cls in KINDS.items():
        assert cls.kind == kind and cls.label
        assert kind == "reference" or kind in PANELS


def test_a_prediction_is_recorded_never_scored(quiz):
    result = quiz.grade("guess-layer", "pd")
    assert result.valid and not result.scored and not result.correct
    assert "Recorded your prediction: dermis" in result.message
    assert "run the next cell" in result.message
    assert quiz.grade("guess-depth", "0.2 mm").message.startswith(
        "Recorded your prediction: 200 µm")
    bad = quiz.grade("guess-depth", "-1 µm")
    assert not bad.valid and "cannot be below" in bad.message
    assert "guess-layer" not in quiz.objective_map()["p"]  # predictions assess nothing


def test_a_rated_statement_shows_the_verdict_and_the_evidence(quiz):
    wrong = quiz.grade("claim", "supported")
    assert not wrong.correct and "The evidence says otherwise" in wrong.message
    assert "nothing is removed" in wrong.message
    right = quiz.grade("claim", "unsupported")
    assert right.correct and "verdict: not supported by the evidence" in right.message
    assert not quiz.grade("claim", "maybe").valid


def test_a_reference_asks_another_banks_question(quiz):
    original = Quiz.from_bank("00_start_here").question("probe-cheek")
    ref = quiz.question("again")
    assert ref.prompt == original.prompt and ref.objective == "o"
    assert quiz.grade("again", "pd").correct == original.grade("pd").correct is True
    assert ref.choices() == original.choices()


@pytest.mark.parametrize("change, words", [
    (lambda q: q[0].pop("reveal"), "needs a reveal"),
    (lambda q: q[0]["options"][0].update(correct=True), "has no correct option"),
    (lambda q: q[2].update(verdict="true"), "verdict must be one of"),
    (lambda q: q[2].pop("evidence"), "needs evidence"),
    (lambda q: q[3].update(ref={"bank": "00_start_here", "id": "nope"}), "no question 'nope'"),
    (lambda q: q[3].update(ref={"bank": "kinds", "id": "plain"}), "another bank"),
])
def test_bad_new_kinds_name_the_problem(change, words):
    raw = yaml.safe_load(yaml.safe_dump(BANK))
    change(raw["questions"])
    with pytest.raises(QuizError, match=words):
        Quiz("kinds", raw)


def test_sections_split_the_questions(quiz):
    assert quiz.sections() == ["probe"]
    assert [q.id for q in quiz.section("probe")] == ["guess-layer", "plain"]
    assert [q.id for q in quiz.section(None)] == ["guess-depth", "claim", "again"]
    ui = quiz.widget("probe").quizview
    assert [p.q.id for p in ui.panels] == ["guess-layer", "plain"]
    assert type(ui.panels[0]).__name__ == "PredictionPanel"


def test_the_summary_speaks_to_the_learner(quiz):
    assert quiz.summary() == ("You have not answered any of the 3 questions in this quiz yet. "
                              "Each answer you submit is recorded on this computer only.")
    ui = quiz.widget("probe").quizview
    ui.panel("guess-layer").inputs["choice"].value = "pd"
    ui.panel("guess-layer").grade()  # a prediction: recorded, not counted
    ui.panel("plain").inputs["choice"].value = "a"
    ui.panel("plain").grade()
    assert progress.answers()[0]["kind"] == "prediction"
    assert quiz.summary("probe") == ("You have answered 1 of 1 question in this check, 0 "
                                     "correctly. To revisit: try every kind.")
    ui.panel("plain").inputs["choice"].value = "b"
    ui.panel("plain").grade()
    assert quiz.summary("probe").endswith("Well done: every answer is right.")


def test_the_final_assessment_asks_every_notebook_and_reports_by_objective(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "progress.json"))
    final = Quiz.from_bank("final_assessment")
    scored = [q for q in final.questions if q.scored]
    assert len(scored) >= 20 and all(q.kind == "reference" for q in final.questions)
    banks_asked = {q.record_key()[0] for q in final.questions}
    notebook_banks = {b for b in __import__("skinlab.quiz", fromlist=["banks"]).banks()
                      if b[:2].isdigit()}
    assert banks_asked == notebook_banks  # every notebook's bank, by reference
    assert "0 of " in final.report() and "section to revisit" in final.report()
    # a wrong answer, recorded under its own bank, points back to its notebook's section
    q = final.question("n03-cheek-half-mm")
    wrong = next(c["id"] for c in q.choices() if not c.get("correct"))
    result = final.grade(q.id, wrong)
    assert not result.correct
    bank, qid = q.record_key()
    progress.record(bank, qid, wrong, False, q.target.objective)
    report = final.report()
    assert "1 of 24 answered, 0 right" in report.replace(f"{len(scored)} answered", "24 answered")
    assert "Notebook 03: 0 of 1 answered right" in report
    assert "Notebook 04: not answered yet (3 asked)." in report
    assert ("predict which layers the tip of a needle can end in at a body site: 0 of 1 right; "
            "revisit 03_microneedling.ipynb, section \u201c2. How deep does a needle go?\u201d"
            in report)
    # the notebook's own summary counts it: the answer lives under 03_microneedling
    assert "You have answered 1 of" in Quiz.from_bank("03_microneedling").summary()
    right = next(c["id"] for c in q.choices() if c.get("correct"))
    progress.record(bank, qid, right, True, q.target.objective)
    assert "revisit" not in final.report() and ": 1 of 1 right." in final.report()


def test_a_final_bank_asks_only_references():
    bad = {"title": "t", "final": True, "questions": [
        {"id": "x", "kind": "single", "prompt": "p", "options": []}]}
    with pytest.raises(QuizError, match="asks only references"):
        Quiz("final-test", bad)


def test_a_final_answer_given_in_the_widget_is_recorded_under_its_own_bank(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "progress.json"))
    final = Quiz.from_bank("final_assessment")
    view = final.widget().quizview
    panel = view.panel("n01-cheek-500")
    right = next(c["id"] for c in panel.q.choices() if c.get("correct"))
    panel.inputs["choice"].value = right
    assert panel.grade().correct
    recorded = progress.latest("01_skin_layers")
    assert recorded["cheek-500"]["correct"] and recorded["cheek-500"]["objective"] == "dermis"
    assert progress.latest("final_assessment") == {}
    assert "Notebook 01: 1 of 1 answered right" in final.report()
