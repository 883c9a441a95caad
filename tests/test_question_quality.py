"""Questions that test understanding, not test-wiseness (issue 23): the right option is not
given away by being the longest, and no question asks a learner to memorise a long list."""

from __future__ import annotations

import yaml

from skinlab.quiz import QUIZ_DIR, Quiz, banks
from skinlab.text import number_word

LONGEST_SHARE = 0.40  # most single-choice questions whose right option may be the longest
MAX_OPTIONS = 6


def _single_choice() -> list:
    return [q for name in banks() for q in Quiz.from_bank(name).questions
            if q.kind == "single" and len(q.options) >= 3]


def longest_is_right(options: list[dict]) -> bool:
    """True when the correct option is strictly longer, in characters, than every other one."""
    right = [len(o["text"]) for o in options if o.get("correct")]
    others = [len(o["text"]) for o in options if not o.get("correct")]
    return bool(right) and right[0] > max(others)


def test_the_longest_option_check_can_fail():
    assert longest_is_right([{"text": "a long, careful, qualified answer", "correct": True},
                             {"text": "short"}, {"text": "also short"}])
    assert not longest_is_right([{"text": "right", "correct": True},
                                 {"text": "a plausible misconception, at length"},
                                 {"text": "wrong"}])


def test_the_right_option_is_rarely_the_longest():
    questions = _single_choice()
    longest = [q.id for q in questions if longest_is_right(q.options)]
    assert len(questions) >= 40  # the course's banks, not an empty selection
    assert len(longest) / len(questions) <= LONGEST_SHARE, (len(longest), len(questions), longest)


def test_no_question_is_a_long_list_to_memorise():
    for name in banks():
        for q in Quiz.from_bank(name).questions:
            assert len(getattr(q, "options", None) or []) <= MAX_OPTIONS, (name, q.id)


def test_the_final_assessment_asks_transfer_items_and_notebook_05s_central_idea():
    """Issue 23: the final gains items that apply what was taught to a new case, and covers
    05's central idea (an acid through a channel reaches living tissue; it does not exfoliate
    more)."""
    raw = yaml.safe_load((QUIZ_DIR / "final_assessment.yaml").read_text(encoding="utf-8"))
    transfer = [q for q in raw["questions"] if q.get("transfer")]
    assert len(transfer) >= 5
    assert {q["ref"]["bank"] for q in transfer} >= {"05_penetration",
                                                    "06_microneedling_vs_exfoliation"}
    refs = {(q["ref"]["bank"], q["ref"]["id"]) for q in raw["questions"]}
    assert ("05_penetration", "glycolic-after") in refs
    central = Quiz.from_bank("05_penetration").question("glycolic-after")
    right = next(o for o in central.raw["options"] if o.get("correct"))
    assert "not deeper exfoliation" in right["text"]
    final = Quiz.from_bank("final_assessment")
    assert len(final.questions) == len(raw["questions"])


def test_the_readme_counts_the_final_assessment_s_questions():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    final = Quiz.from_bank("final_assessment")
    transfer = sum(bool(q.raw.get("transfer")) for q in final.questions)
    assert f"{len(final.questions)} questions from every notebook" in " ".join(readme.split())
    assert f"{number_word(transfer)} of them on new cases" in " ".join(readme.split())
    # generated between markers (make notebook-text), so a question added to the final follows
    from skinlab.tools import notebooktext as nt
    block = readme.split(nt.FINAL_START)[1].split(nt.FINAL_END)[0]
    assert block == nt.final_count_text()
