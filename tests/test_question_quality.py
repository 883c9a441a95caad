"""Questions that test understanding, not test-wiseness (issue 23): the right option is not
given away by being the longest, and no question asks a learner to memorise a long list."""

from __future__ import annotations

from skinlab.quiz import Quiz, banks

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
