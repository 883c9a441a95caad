"""Latent bugs the code review found (issue 24): a numeric question's relative tolerance on a
negative or zero answer; widget() called twice."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skinlab.quiz import Quiz, QuizError


def _bank(answer: float, tolerance: dict) -> dict:
    return {"title": "t", "objectives": {"o": "x"}, "questions": [
        {"id": "n", "kind": "numeric", "objective": "o", "prompt": "How many?",
         "unit": "count", "minimum": None, "answer": answer, "tolerance": tolerance,
         "feedback": {"correct": "Yes.", "low": "Too low.", "high": "Too high."}}]}


@given(answer=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
       .filter(lambda x: x != 0 and abs(x) > 1e-9),
       relative=st.floats(min_value=1e-6, max_value=0.5),
       absolute=st.floats(min_value=1e-6, max_value=1e6))
def test_the_exact_answer_is_always_right(answer, relative, absolute):
    for tol in ({"relative": relative}, {"absolute": absolute}):
        quiz = Quiz("fix", _bank(answer, tol))
        q = quiz.question("n")
        assert q.tolerance > 0
        assert quiz.grade("n", repr(answer)).correct, (answer, tol)


def test_a_negative_answer_gets_a_positive_tolerance():
    quiz = Quiz("fix", _bank(-1.91, {"relative": 0.05}))
    assert math.isclose(quiz.question("n").tolerance, 0.0955)
    assert quiz.grade("n", "-1.95").correct and not quiz.grade("n", "-2.1").correct


@pytest.mark.parametrize("answer, tolerance, words", [
    (0, {"relative": 0.05}, "use absolute"),
    (2, {"relative": 0}, "positive number"),
    (2, {"absolute": -1}, "positive number"),
    (2, {"absolute": float("inf")}, "positive number"),
    (2, {"relative": True}, "positive number"),
])
def test_a_tolerance_that_accepts_nothing_is_refused(answer, tolerance, words):
    with pytest.raises(QuizError, match=words):
        Quiz("fix", _bank(answer, tolerance))


def test_an_explorer_s_widget_called_twice_stays_live():
    from skinlab.explore import LayerExplorer
    exp = LayerExplorer()
    first = exp.widget()
    probe = next(c for c in _walk(first)
                 if getattr(c, "description", "") == "Probe depth (µm)")
    second = exp.widget()
    assert second is first
    probe.value = 400.0  # moving a control of the first copy updates the explorer
    assert exp.state["probe_um"] == 400.0
    assert "400 µm" in exp.describe()


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)


def test_answer_keys_are_named_documented_functions():
    import inspect

    from skinlab.quiz import keys
    assert len(keys.MODELS) >= 50
    for name, fn in keys.MODELS.items():
        assert fn.__name__ == name and getattr(keys, name) is fn, name
        assert fn.__doc__ and fn.__doc__.strip().endswith((".", ")", "?")), name
        assert inspect.isfunction(fn) and fn.__name__ != "<lambda>"
    with pytest.raises(ValueError, match="registered twice"):
        keys.key("layer_at_depth")(lambda: None)
