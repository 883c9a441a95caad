"""What every exercise check shares: the feedback type and the friendly refusals of an answer
that is missing, not a number or not the expected shape."""

from __future__ import annotations

import math
from typing import Any

from skinlab import anatomy
from skinlab.text import Result

Feedback = Result  # a check's result: .passed, true when it passed, prints as its message


def in_mm(answer: float, want_um: float, tol_um: float) -> bool:
    """Does a number read as millimetres match a depth or thickness wanted in micrometres?"""
    return abs(answer * 1000 - want_um) <= tol_um


def key_set(answer: Any, what: str, example: str, lower: bool = False) -> set[str] | Feedback:
    """A learner's set of keys (of studies, claims...), or a 'Not yet' saying what to give."""
    early = unanswered(answer, f"a set of {what} keys")
    if early is not None:
        return early
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        return not_yet(f"give a set of {what} keys, e.g. {{{example!r}}}.")
    keys = {str(getattr(a, "key", a)).strip() for a in answer}
    return {k.lower() for k in keys} if lower else keys


def not_yet(message: str) -> Feedback:
    return Feedback(False, "Not yet: " + message)


def number_feedback(answer: Any, what: str) -> Feedback | None:
    """A 'Not yet' for anything that is not a finite number (None when it is one)."""
    early = unanswered(answer, what)
    if early is not None:
        return early
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return not_yet(f"give {what}, not {type(answer).__name__} {str(answer)[:40]!r}.")
    if not math.isfinite(answer):
        return not_yet("that is not a finite number.")
    return None


def unanswered(answer: Any, what: str) -> Feedback | None:
    if answer is Ellipsis:
        return not_yet(f"replace the ... with {what}, then run the cell again.")
    if answer is None:
        return not_yet(f"your answer is None. Assign {what} to the variable (did a line "
                        f"print instead of assign, or a function forget to return?).")
    return None


def site_names(answer: Any) -> list[str] | Feedback:
    """A learner's list of site names as the data's keys (any case), or a 'Not yet' saying what
    is wrong with it."""
    what = "a list of site names, such as ['cheek', 'palm']"
    early = unanswered(answer, what)
    if early is not None:
        return early
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return not_yet(f"give {what}, not a {type(answer).__name__}.")
    known = anatomy.sites()
    names = []
    for item in answer:
        if not isinstance(item, str):
            return not_yet(f"every item must be a site name in quotes; {item!r} is not.")
        key = item.strip().lower()
        if key not in known:
            return not_yet(f"'{item}' is not a body site in the course. The sites are: "
                            f"{', '.join(known)}.")
        names.append(key)
    return names

