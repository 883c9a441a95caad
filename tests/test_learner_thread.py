"""The learner's thread through the course (issue 23): the popular article's claims rated early
and shown beside the verdicts in 06; the central misconception predicted, observed in measured
histology and explained; 06's checks in widgets of a readable size; what it means in the
treatment room, and the straight answer about acids after needling."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab import claims, healing, progress, tables
from skinlab.tools import notebooktext
from skinlab.data import dataset
from skinlab.quiz import Quiz

ROOT = Path(__file__).resolve().parents[1]
NB06 = ROOT / "notebooks" / "06_microneedling_vs_exfoliation.ipynb"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _index(cells: list[dict], needle: str) -> int:
    return next(i for i, c in enumerate(cells) if needle in "".join(c["source"]))


def _out(cell: dict) -> str:
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


# -- the popular article, rated before it is checked ------------------------------------------
def _article_questions() -> list:
    return [q for bank in tables.ARTICLE_BANKS for q in Quiz.from_bank(bank).questions
            if q.kind == "prediction" and q.claim is not None]


def test_the_article_s_claims_are_rated_early_as_recorded_predictions():
    asked = _article_questions()
    assert len(asked) >= 6
    keys = {q.claim.key for q in asked}
    assert "is_exfoliation" in keys  # the central misconception, before 02 and 03 teach it
    for q in asked:
        assert q.prompt.startswith("A popular article says: \u201c" + q.claim.as_said)
        assert [o["id"] for o in q.choices()] == list(claims.verdicts())
        assert not q.scored and "Notebook 06" in q.reveal
    zero = Quiz.from_bank("00_start_here")
    assert any(q.claim and q.claim.key == "is_exfoliation" for q in zero.section("article"))


def test_06_shows_first_ratings_beside_the_verdicts(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "p.json"))
    empty = tables.first_ratings()
    assert empty.startswith("You have not rated the popular article's claims yet")
    for rating in ("supported", "contradicted"):  # a later change: the first one counts
        progress.record("00_start_here", "article-is-exfoliation", rating, False,
                        kind="prediction")
    progress.record("00_start_here", "probe-cheek", "sc", False)  # an answer, not a rating
    text = tables.first_ratings()
    assert "(1 of 6 rated)" in text
    line = next(x for x in text.splitlines() if "a kind of exfoliation" in x)
    assert "You said (notebook 00): supported by the evidence" in line
    assert "The evidence: contradicted by the evidence (different)" in line
    # the committed notebook shows the empty record, so nbval compares a fixed text
    cells = _cells(NB06)
    at = next(c for c in cells if "tables.first_ratings()" in "".join(c["source"]))
    assert _out(at).startswith("You have not rated the popular article's claims yet")


def test_a_corrupt_record_still_gives_the_empty_record_text(tmp_path, monkeypatch):
    record = tmp_path / "p.json"
    record.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("SKINLAB_PROGRESS", str(record))
    assert tables.first_ratings().startswith("You have not rated")
    assert progress.answers() == []


# -- predict, observe what was measured, explain --------------------------------------------
def test_06_observes_measured_histology_then_asks_to_explain_the_gap():
    cells = _cells(NB06)
    predict = _index(cells, 'quiz.widget("predict-roller")')
    observe = _index(cells, "healing.histology_observed()")
    explain = _index(cells, 'quiz.widget("explain")')
    assert predict < observe < explain
    assert " ".join(_out(cells[observe]).split()) == " ".join(healing.histology_observed().split())
    for key in healing.OBSERVED:
        row = healing.study(key)
        assert f"{row.n.value:.0f}" in healing.histology_observed()
    said = healing.histology_observed()
    assert "left the epidermis intact" in said and "40 percent thickening" in said
    assert "A rat is not a cheek" in said
    quotes = dataset().tree("healing.yaml")["studies"]
    assert all(quotes[k]["abstract_quote"] in said for k in healing.OBSERVED)


def test_no_widget_of_06_holds_ten_scored_items():
    quiz = Quiz.from_bank("06_microneedling_vs_exfoliation")
    per = {s: sum(q.scored for q in quiz.section(s)) for s in [*quiz.sections(), None]}
    assert sum(per.values()) >= 20
    assert max(per.values()) <= 6, per


# -- the treatment room and the straight answer ---------------------------------------------
@pytest.mark.parametrize("number", ["02", "03", "04", "05", "06"])
def test_each_notebook_from_02_ends_with_the_treatment_room(number):
    nb = next(n for n in notebooktext.course() if n.number == number)
    cells = _cells(ROOT / "notebooks" / nb.file)
    kinds = [c["metadata"].get("skinlab", {}).get("generated") for c in cells]
    at = kinds.index("treatment-room")
    assert "".join(cells[at - 1]["source"]).startswith("## Summary")
    text = "".join(cells[at]["source"])
    assert text == notebooktext.treatment_room_text(number)
    assert "Education, not advice" in text
    refs = "".join(cells[kinds.index("references")]["source"])
    for key in notebooktext.treatment_room(number)["source"]:
        assert notebooktext.reference_line(key) in refs


def test_00_and_01_have_no_treatment_room():
    assert notebooktext.treatment_room("00") is None and notebooktext.treatment_room("01") is None


def test_the_straight_answer_about_acids_says_what_is_known_and_what_is_convention():
    text = tables.acids_answer()
    assert [line.split(":")[0] for line in text.splitlines()[1:]] == [
        "Known", "Not known", "Convention"]
    for key in ("retinol_vitamin_c", "acids", "glycolic_longest"):
        v = claims.safety_value("aftercare", "acids_and_retinoids", "waits", key)
        span = f"{v.low:g} to {v.high:g}" if v.low != v.high else f"{v.value:g}"
        assert f"{span} {v.unit}" in text
    assert "None cites a study" in text
    cells = _cells(NB06)
    assert _index(cells, "tables.acids_answer()") < _index(cells, "## 4. Risks")


def test_06_summary_opens_with_the_one_line_answer():
    cells = _cells(NB06)
    summary = "".join(cells[_index(cells, "## Summary")]["source"])
    first = summary.split("\n\n")[1]
    assert re.match(r"\*\*Does microneedling exfoliate\? No\.\*\*", first)
    assert "removes nothing" in first
