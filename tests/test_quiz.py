"""Quiz banks: validated on load, keys checked against the models, every response graded with
feedback and never an exception, text escaped, and the widget driven from Python."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_data, edit_yaml

from skinlab.data import DATA_DIR, Dataset
from skinlab.quiz import KINDS, QUIZ_DIR, Quiz, QuizError, banks

BANKS = banks()
# Banks with their own questions (a final assessment only asks other banks' questions again:
# its own tests are in test_quiz_kinds.py).
OWN = [b for b in BANKS if not Quiz.from_bank(b).final]
QUESTIONS = [(b, q.id) for b in BANKS for q in Quiz.from_bank(b).questions]


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("SKINLAB_PROGRESS", str(tmp_path / "progress.json"))


def _bank(name: str = "00_start_here") -> dict:
    return yaml.safe_load((QUIZ_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def _view(quiz, question_id):
    """The widget of the section that holds ``question_id`` (a check, or the end of the
    notebook), and that question's panel."""
    ui = quiz.widget(quiz.question(question_id).section or None).quizview
    return ui, ui.panel(question_id)


def _all_panels(quiz):
    """The panels of every widget the notebook shows: each section's and the end's."""
    return [p for s in [None, *quiz.sections()] for p in quiz.widget(s).quizview.panels]


@pytest.mark.parametrize("name", BANKS)
def test_bank_loads_and_key_summary_is_one_deterministic_line(name):
    quiz = Quiz.from_bank(name)
    first, second = quiz.key_summary(), Quiz.from_bank(name).key_summary()
    assert first == second and "\n" not in first
    assert first.startswith(f"Quiz {name}: ")
    checked = sum(q.model_checked for q in quiz.questions)
    assert checked >= 2
    assert first.endswith(f"; {checked} answers are worked out from the course's data, and all "
                          f"{checked} agree with it.")
    # printed to learners: no maintainer's words
    assert not re.search(r"model|skinlab|key", first.split(":", 1)[1]), first


@pytest.mark.parametrize("checks, tail", [
    (0, "; no answer depends on the course's data."),
    (1, "; 1 answer is worked out from the course's data, and it agrees with it."),
])
def test_summary_with_no_or_one_answer_from_the_data(checks, tail):
    raw = _bank()
    kept = 0
    for q in raw["questions"]:
        if isinstance(q.get("answer"), dict):  # numeric answers from a model: a fixed number
            q["answer"] = Quiz.from_bank("00_start_here").question(q["id"]).answer
        if "check" in q:
            if kept < checks:
                kept += 1
            else:
                del q["check"]
    assert Quiz("00_start_here", raw).key_summary().endswith(tail)


def test_the_final_assessment_is_the_only_bank_without_questions_of_its_own():
    assert [b for b in BANKS if b not in OWN] == ["final_assessment"]


@pytest.mark.parametrize("name", OWN)
def test_every_objective_is_assessed_by_at_least_two_questions(name):
    for objective, ids in Quiz.from_bank(name).objective_map().items():
        assert len(ids) >= 2, objective


def test_the_start_here_bank_uses_every_kind():
    graded = {"single", "multiple", "truefalse", "numeric", "ordering"}
    assert graded <= {q.kind for q in Quiz.from_bank("00_start_here").questions}
    assert graded | {"prediction", "rate", "reference"} == set(KINDS)


# -- validation -------------------------------------------------------------------------------

def _probe_question(raw):
    return next(q for q in raw["questions"] if q["id"] == "probe-cheek")


@pytest.mark.parametrize("break_it, words", [
    (lambda r: _probe_question(r)["options"][0].pop("feedback"), "has no feedback"),
    (lambda r: _probe_question(r).update(objective="nope"), "objective 'nope'"),
    (lambda r: _probe_question(r).update(source="nobody1999"), "unknown source key"),
    (lambda r: _probe_question(r).update(kind="essay"), "kind must be one of"),
    (lambda r: r["questions"].append(copy.deepcopy(_probe_question(r))), "duplicate"),
    (lambda r: _probe_question(r)["options"][0].update(correct=True), "exactly one correct"),
    (lambda r: _probe_question(r).update(check={"model": "layer_at_depth", "site": "cheek",
                                                "depth_um": 5}), "stale key"),
])
def test_a_bad_bank_fails_naming_bank_and_question(break_it, words):
    raw = _bank()
    break_it(raw)
    with pytest.raises(QuizError) as err:
        Quiz("00_start_here", raw)
    assert "quiz bank 00_start_here" in str(err.value)
    assert words in str(err.value)


def test_changing_the_data_makes_a_stale_key_fail(tmp_path, monkeypatch):
    """Thicken the cheek's viable epidermis: 100 µm is then in the epidermis, and the bank's key
    (papillary dermis) must fail validation."""
    data = copy_data(tmp_path / "data")
    edit_yaml(data / "layers.yaml", lambda t: t["sites"]["cheek"]["viable_epidermis"].update(
        value=150, range=[29.6, 160]))
    monkeypatch.setattr("skinlab.anatomy.dataset", lambda: Dataset(data))
    with pytest.raises(QuizError, match="probe-cheek: stale key"):
        Quiz.from_bank("00_start_here")


# -- grading ----------------------------------------------------------------------------------

def test_grading_each_kind_right_and_wrong():
    q = Quiz.from_bank("00_start_here")
    assert q.grade("probe-cheek", "pd").correct
    assert not q.grade("probe-cheek", "sc").correct
    assert q.grade("keyboard", ["tab", "arrows-slider", "run"]).correct
    assert not q.grade("keyboard", ["tab", "mouse-only"]).correct
    assert q.grade("palm-vs-cheek", {"answer": True, "reason": "thick-skin"}).correct
    right_verdict = q.grade("palm-vs-cheek", (True, "no-sc"))
    assert not right_verdict.correct and "not the best reason" in right_verdict.message
    assert q.grade("layer-order", ["stratum_corneum", "viable_epidermis", "papillary_dermis",
                                   "reticular_dermis", "hypodermis"]).correct
    wrong = q.grade("layer-order", ["viable_epidermis", "stratum_corneum", "papillary_dermis",
                                    "reticular_dermis", "hypodermis"])
    assert not wrong.correct and "3 of 5" in wrong.message and "Position 1" in wrong.message


@pytest.mark.parametrize("response, correct", [
    ("0.17 mm", True), ("170 µm", True), ("170 um", True), ("170 μm", True), ("0,17 mm", True),
    ("173", True), (173, True), ("0.017 cm", True), ("17 µm", False), ("0.5 mm", False),
])
def test_numeric_answers_with_units(response, correct):
    result = Quiz.from_bank("00_start_here").grade("palm-sc-thickness", response)
    assert result.valid and result.correct is correct, result.message


@pytest.mark.parametrize("response, words", [
    ("", "Type a number"), (None, "Type a number"), ("abc", "could not be read"),
    ("3 kg", "does not measure the same thing"), (float("nan"), "not a finite number"),
    (float("inf"), "not a finite number"), (True, "not true or false"),
    ("1e999", "not a finite number"), ("1,000 µm", "Write it again without the comma"),
    ("-20 µm", "cannot be below 0 µm"),
])
def test_unreadable_numeric_answers_get_a_message(response, words):
    result = Quiz.from_bank("00_start_here").grade("palm-sc-thickness", response)
    assert not result.valid and words in result.message


def test_unknown_question_is_answered_in_words():
    result = Quiz.from_bank("00_start_here").grade("no-such-question", 1)
    assert not result.valid and "no question" in result.message


responses = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text() | st.binary() | st.sampled_from(["0.5 mm", "500 µm", "500 um", "0,5 mm", "-3 mm",
                                                 "1e400 um", "pd", "tab", "true", "False"]),
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.dictionaries(st.sampled_from(["answer", "reason", "x"]), inner, max_size=3),
    max_leaves=12)


@pytest.mark.parametrize("bank, question_id", QUESTIONS)
# Every question, 60 generated responses each (fast: 30): each kind's grading sees 60 times its
# number of questions (the rarest kinds, ordering and numeric, have 6: 360 responses).
@settings(max_examples=30 if os.environ.get("SKINLAB_HYPOTHESIS") == "fast" else 60,
          deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(response=responses)
def test_any_response_gets_feedback_never_an_exception(bank, question_id, response):
    result = _QUIZZES[bank].grade(question_id, response)
    assert isinstance(result.correct, bool)
    assert isinstance(result.message, str) and result.message.strip()


_QUIZZES = {b: Quiz.from_bank(b) for b in BANKS}


def test_multiple_select_explains_every_missed_option():
    quiz = Quiz.from_bank("00_start_here")
    q = quiz.question("keyboard")
    right = [o for o in q.options if o.get("correct") is True]
    assert len(right) == 3
    result = quiz.grade("keyboard", [right[0]["id"]])
    assert not result.correct and "You missed 2 right options:" in result.message
    for o in right[1:]:
        assert f"'{o['text']}' is right too: {o['feedback']}" in result.message
    one = quiz.grade("keyboard", [o["id"] for o in right[:2]] + ["mouse-only"])
    assert "You missed 1 right option:" in one.message
    assert "'" + q.options[3]["text"] + "' does not belong" in one.message
    assert right[2]["feedback"] in one.message


@pytest.mark.parametrize("verdict, reason, opening", [
    (True, "thick-skin", "Correct, and for the right reason. "),
    (True, "no-sc", "Right verdict, but not the best reason. "),
    (False, "no-sc", "Not quite. "),
    (False, "thick-skin", "Not quite. "),
])
def test_true_false_feedback_names_the_verdict_and_quotes_the_reason(verdict, reason, opening):
    quiz = Quiz.from_bank("00_start_here")
    q = quiz.question("palm-vs-cheek")
    r = next(r for r in q.reasons if r["id"] == reason)
    result = quiz.grade(q.id, {"answer": verdict, "reason": reason})
    said = q.raw["feedback"][verdict]
    # the verdict is named once: by the bank's feedback when it opens with it, else in brackets
    head = ("Your verdict: " if said.lower().startswith(("true", "false", "it is"))
            else f"Your verdict ({'true' if verdict else 'false'}): ")
    assert result.message == (f"{opening}{head}{said} "
                              f"Your reason ('{r['text']}'): {r['feedback']}")
    assert result.message.lower().count("true") <= said.lower().count("true") + 1


# -- the order options are shown in --------------------------------------------------------------

_SHOWN_ORDERS = """
from skinlab.quiz import Quiz, banks
shown = {b: {q.id: [c["id"] for c in q.choices()] for q in Quiz.from_bank(b).questions}
         for b in banks()}
"""


def _shown_orders() -> dict:
    scope: dict = {}
    exec(_SHOWN_ORDERS, scope)
    return scope["shown"]


@pytest.mark.parametrize("name", OWN)
def test_the_right_options_position_gives_nothing_away(name):
    quiz = Quiz.from_bank(name)
    one_right = [q for q in quiz.questions if q.kind in ("single", "truefalse")]
    assert len(one_right) >= 3
    first = [q.id for q in one_right if q.choices()[0].get("correct") is True]
    assert len(first) < 0.6 * len(one_right), (name, first)
    # the right option is not stuck in any one place either
    places = [next(i for i, c in enumerate(q.choices()) if c.get("correct")) for q in one_right]
    assert len(set(places)) >= 2, places
    for q in quiz.questions:
        if q.kind in ("single", "multiple", "truefalse"):
            entries = q.reasons if q.kind == "truefalse" else q.options
            assert sorted(map(id, q.choices())) == sorted(map(id, entries))  # same entries
    shuffled = [q.id for q in quiz.questions if q.kind in ("single", "multiple", "truefalse")
                and q.choices() != (q.reasons if q.kind == "truefalse" else q.options)]
    assert len(shuffled) >= 0.6 * len([q for q in quiz.questions
                                       if q.kind in ("single", "multiple", "truefalse")])


def test_display_order_is_the_same_in_every_process_whatever_the_hash_seed():
    here = _shown_orders()
    code = _SHOWN_ORDERS + "import json\nprint(json.dumps(shown))"
    runs = []
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1] == here
    assert any(ids for qs in here.values() for ids in qs.values())


def test_grading_is_by_id_whatever_the_order_and_a_position_is_a_shown_position():
    quiz = Quiz.from_bank("00_start_here")
    q = quiz.question("probe-cheek")
    shown = [o["id"] for o in q.display_options()]
    assert shown != [o["id"] for o in q.options]
    assert quiz.grade(q.id, "pd").correct
    assert quiz.grade(q.id, shown.index("pd")).correct  # the n-th option the learner sees
    assert not quiz.grade(q.id, [o["id"] for o in q.options].index("pd")).correct
    tf = quiz.question("palm-vs-cheek")
    reasons = [r["id"] for r in tf.display_reasons()]
    assert quiz.grade(tf.id, (True, reasons.index("thick-skin"))).correct


def test_widget_and_answer_key_show_options_in_display_order():
    quiz = Quiz.from_bank("01_skin_layers")
    key = quiz.answer_key()
    panels = _all_panels(quiz)
    assert {p.q.id for p in panels} == {q.id for q in quiz.questions}
    for panel in panels:
        q = panel.q
        shown = [c["id"] for c in q.choices()]
        if q.kind == "single":
            assert [v for _, v in panel.inputs["choice"].options] == shown
        elif q.kind == "multiple":
            assert list(panel.inputs["boxes"]) == shown
            assert [b.description for b in panel.inputs["boxes"].values()] == [
                c["text"] for c in q.choices()]
        elif q.kind == "truefalse":
            assert [v for _, v in panel.inputs["reason"].options] == shown
        elif q.kind == "ordering":
            assert [v for _, v in panel.inputs["order"].options] == shown
        if shown:
            prefix = "reason: " if q.kind == "truefalse" else ""
            section = key.split(q.prompt.split("<")[0][:40], 1)[1].split("<details>", 1)[0]
            lines = [ln[2:] for ln in section.splitlines() if ln.startswith("- ")]
            assert lines == [prefix + c["text"] for c in q.choices()], q.id


# -- escaping and the answer key ---------------------------------------------------------------

def _evil_bank() -> dict:
    raw = _bank()
    q = _probe_question(raw)
    q["prompt"] = "<script>alert(1)</script> Which layer?"
    q["options"][0]["text"] = "<img src=x onerror=alert(2)>"
    q["options"][0]["feedback"] = "<b>bold</b>"
    raw["title"] = "<script>alert(3)</script>"
    return raw


def test_bank_text_cannot_inject_html():
    quiz = Quiz("00_start_here", _evil_bank())
    ui = quiz.widget().quizview
    html_values = []

    def walk(widget):
        if hasattr(widget, "value") and isinstance(widget.value, str):
            html_values.append(widget.value)
        for child in getattr(widget, "children", ()):
            walk(child)
    walk(ui.root)
    joined = " ".join(html_values)
    assert "<script>" not in joined and "<img src=x" not in joined
    assert "&lt;script&gt;" in joined
    for fmt in ("markdown", "html"):
        key = quiz.answer_key(fmt)
        assert "<script>" not in key and "<img src=x" not in key


def test_answer_key_has_every_question_with_a_collapsible_answer():
    quiz = Quiz.from_bank("00_start_here")
    key = quiz.answer_key()
    assert key.count("<details><summary>Answer</summary>") == len(quiz.questions)
    assert "**Answer:** papillary dermis" in key
    html_key = quiz.answer_key("html")
    assert html_key.count("<details>") == len(quiz.questions)
    with pytest.raises(ValueError):
        quiz.answer_key("pdf")


# -- the widget, driven from Python --------------------------------------------------------------

def test_widget_single_choice_wrong_then_right_and_progress_recorded():
    from skinlab import progress
    quiz = Quiz.from_bank("00_start_here")
    ui, panel = _view(quiz, "probe-cheek")
    panel.inputs["choice"].value = "sc"
    panel.submit.click()
    assert panel.feedback.text.startswith("Not quite.") and panel.feedback.tone == "wrong"
    panel.inputs["choice"].value = "pd"
    panel.submit.click()
    assert panel.feedback.text.startswith("Correct.") and panel.feedback.tone == "correct"
    assert ui.score.text.startswith("Score: 1 correct of 1 answered")
    recorded = progress.answers()
    assert [(a["question"], a["correct"]) for a in recorded] == [("probe-cheek", False),
                                                                  ("probe-cheek", True)]


def test_widget_submit_with_nothing_chosen_explains_and_records_nothing():
    from skinlab import progress
    quiz = Quiz.from_bank("00_start_here")
    ui, panel = _view(quiz, "probe-cheek")
    panel.submit.click()
    assert "Choose one of the options" in panel.feedback.text
    assert panel.feedback.tone == "problem"
    assert progress.answers() == []


def test_widget_ordering_with_move_buttons():
    quiz = Quiz.from_bank("00_start_here")
    ui = quiz.widget().quizview
    panel = ui.panel("layer-order")
    box = panel.inputs["order"]
    target = [i["id"] for i in panel.q.items]
    assert [v for _, v in box.options] != target  # never shown in the answer's order
    panel.submit.click()
    assert panel.feedback.text.startswith("Not yet")
    for position, item in enumerate(target):  # selection sort with the buttons
        box.value = item
        while [v for _, v in box.options].index(item) > position:
            panel.inputs["up"].click()
    box.value = target[0]
    panel.inputs["up"].click()  # the first item cannot move further up
    box.value = target[-1]
    panel.inputs["down"].click()  # nor the last further down
    assert [v for _, v in box.options] == target
    panel.submit.click()
    assert panel.feedback.text.startswith("Correct.")


def test_widget_true_false_needs_both_parts():
    quiz = Quiz.from_bank("00_start_here")
    ui = quiz.widget().quizview
    panel = ui.panel("palm-vs-cheek")
    panel.inputs["verdict"].value = True
    panel.submit.click()
    assert "reason" in panel.feedback.text and panel.feedback.tone == "problem"
    panel.inputs["reason"].value = "lucidum"
    panel.submit.click()
    assert "not the best reason" in panel.feedback.text
    panel.inputs["reason"].value = "thick-skin"
    panel.submit.click()
    assert panel.feedback.text.startswith("Correct, and for the right reason.")


def test_widget_numeric_multiple_and_retry():
    quiz = Quiz.from_bank("00_start_here")
    _, num = _view(quiz, "palm-sc-thickness")
    num.inputs["text"].value = "lots"
    num.submit.click()
    assert "could not be read" in num.feedback.text
    num.inputs["text"].value = "0,17 mm"
    num.submit.click()
    assert num.feedback.text.startswith("Correct (170 µm).")
    num.retry.click()
    assert num.inputs["text"].value == "" and num.feedback.text.startswith("Cleared")
    _, multi = _view(quiz, "keyboard")
    for key in ("tab", "arrows-slider", "run"):
        multi.inputs["boxes"][key].value = True
    multi.submit.click()
    assert multi.feedback.text.startswith("Correct.")


def _enter(ui, index, value):
    """What the quiz's JavaScript sends when Enter is pressed in question ``index``'s box."""
    ui.keys._handle_custom_msg({"event": "submit", "question": index, "value": value}, [])


def test_enter_in_a_numeric_box_submits_the_typed_value():
    from skinlab import progress
    quiz = Quiz.from_bank("00_start_here")
    ui, panel = _view(quiz, "palm-sc-thickness")
    index = ui.panels.index(panel)
    panel.inputs["text"].value = "stale"  # the box's last synced value; Enter carries the new one
    _enter(ui, index, "0,17 mm")
    assert panel.feedback.text.startswith("Correct (170 µm).")
    assert panel.inputs["text"].value == "0,17 mm"
    assert [a["correct"] for a in progress.answers()] == [True]
    for junk in ({"event": "submit", "question": 0, "value": "1"},  # not a numeric question
                 {"event": "submit", "question": -1, "value": "1"},
                 {"event": "submit", "question": True, "value": "1"},
                 {"event": "submit", "question": "3", "value": "1"},
                 {"event": "submit", "question": 99, "value": "1"},
                 {"event": "click", "question": index, "value": "1"}, ["submit"], None):
        ui.keys._handle_custom_msg(junk, [])
    assert len(progress.answers()) == 1
    _enter(ui, index, "")
    assert "Type a number" in panel.feedback.text and len(progress.answers()) == 1


def _press(ui, panel, **message):
    """What the quiz's JavaScript sends when a panel's button is pressed."""
    ui.keys._handle_custom_msg({"question": ui.panels.index(panel), **message}, [])


def test_submit_grades_what_the_page_shows_once_and_ignores_a_malformed_state():
    from skinlab import progress
    quiz = Quiz.from_bank("00_start_here")
    panels = {kind: next(p for p in _all_panels(quiz) if p.q.kind == kind and p.q.scored)
              for kind in ("single", "multiple", "truefalse", "numeric")}
    single = panels["single"]
    ui = single.on_result.__self__  # the widget that holds the panel
    shown = single.q.display_options()
    right = next(i for i, o in enumerate(shown) if o.get("correct") is True)
    single.inputs["choice"].value = shown[right - 1]["id"]  # the kernel's stale, wrong choice
    _press(ui, single, event="submit", shown={"radios": [right], "boxes": [], "texts": []})
    assert single.feedback.text.startswith("Correct.")
    assert single.inputs["choice"].value == shown[right]["id"]
    assert [a["correct"] for a in progress.answers()] == [True]  # graded once
    for junk in ({"radios": [len(shown)], "boxes": [], "texts": []},  # no such option
                 {"radios": [True], "boxes": [], "texts": []},
                 {"radios": [0, 1], "boxes": [], "texts": []},  # two groups on one question
                 {"radios": [0]}, [0], None, "0"):
        single.inputs["choice"].value = None
        _press(ui, single, event="submit", shown=junk)
        assert single.feedback.text.startswith("Choose one of the options"), (
            junk, single.feedback.text)  # the synced (empty) answer was graded, not the junk
    assert single.inputs["choice"].value is None
    _press(ui, single, event="submit", shown={"radios": [-1], "boxes": [], "texts": []})
    assert single.inputs["choice"].value is None
    multi = panels["multiple"]
    ui = multi.on_result.__self__
    ticks = [o.get("correct") is True for o in multi.q.display_options()]
    _press(ui, multi, event="submit", shown={"radios": [], "boxes": ticks, "texts": []})
    assert multi.feedback.text.startswith("Correct.")
    tf = panels["truefalse"]
    ui = tf.on_result.__self__
    reason = next(i for i, r in enumerate(tf.q.display_reasons()) if r.get("correct") is True)
    verdict = 0 if tf.q.raw["answer"] else 1
    _press(ui, tf, event="submit", shown={"radios": [verdict, reason], "boxes": [], "texts": []})
    assert tf.feedback.text.startswith("Correct"), tf.feedback.text
    num = panels["numeric"]
    ui = num.on_result.__self__
    _press(ui, num, event="submit", shown={"radios": [], "boxes": [], "texts": ["0,17 mm"]})
    assert num.feedback.text.startswith("Correct (170 µm).")
    assert [a["correct"] for a in progress.answers()] == [True] * 4


def test_move_takes_the_item_the_page_shows_selected():
    quiz = Quiz.from_bank("00_start_here")
    panel = next(p for p in _all_panels(quiz) if p.q.kind == "ordering")
    ui = panel.on_result.__self__
    order = panel.inputs["order"]
    labels = [t for t, _ in order.options]
    order.value = order.options[1][1]  # the kernel's stale selection
    _press(ui, panel, event="move", step=-1, selected=labels[2].replace(" ", "\u00a0"))
    assert [t for t, _ in order.options] == [labels[0], labels[2], labels[1], *labels[3:]]
    for junk in ({"step": 2, "selected": labels[0]}, {"step": True, "selected": labels[0]},
                 {"step": "up", "selected": labels[0]}):
        _press(ui, panel, event="move", **junk)
    assert [t for t, _ in order.options] == [labels[0], labels[2], labels[1], *labels[3:]]
    _press(ui, panel, event="move", step=1, selected="no such item")  # the synced selection
    assert [t for t, _ in order.options] == [labels[0], labels[1], labels[2], *labels[3:]]
    other = next(p for p in ui.panels if p.q.kind != "ordering")
    _press(ui, other, event="move", step=1, selected=labels[0])  # not an ordering question
    assert [t for t, _ in order.options] == [labels[0], labels[1], labels[2], *labels[3:]]


def test_quiz_css_wraps_option_labels_inside_the_quiz_only():
    from skinlab.quiz.widget import QuizKeyboard
    css = re.sub(r"/\*.*?\*/", "", QuizKeyboard._css, flags=re.S)
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", css))
    assert all(sel.strip().startswith(".skinlab-quiz ")
               for block in rules for sel in block.split(","))
    radio = next(body for sel, body in rules.items() if ".widget-radio-box label" in sel)
    boxes = [body for sel, body in rules.items() if ".widget-label-basic" in sel]
    for body in [radio, *boxes]:
        assert "white-space: normal" in body and "overflow: visible" in body
    assert "max-width: 48em" in radio and "height: auto" in radio
    quiz = Quiz.from_bank("02_renewal_exfoliation")
    order = next(p for p in _all_panels(quiz) if p.q.kind == "ordering").inputs["order"]
    assert order.rows == len(order.options)
    assert (order.layout.width, order.layout.max_width) == ("auto", "48em")  # stretches


def test_every_input_is_a_keyboard_operable_ipywidget():
    import ipywidgets as w
    quiz = Quiz.from_bank("00_start_here")
    for panel in _all_panels(quiz):
        for value in panel.inputs.values():
            items = value.values() if isinstance(value, dict) else [value]
            for widget in items:
                assert isinstance(widget, (w.RadioButtons, w.Checkbox, w.Text, w.Select,
                                           w.Button)), type(widget)
        expected = "Record my prediction" if panel.q.kind == "prediction" else "Submit"
        assert panel.submit.description == expected


def test_answer_keys_command_writes_one_file_per_bank(tmp_path):
    from skinlab.__main__ import main
    assert main(["answer-keys", "--out", str(tmp_path)]) == 0
    for name in BANKS:
        text = (tmp_path / f"{name}.md").read_text(encoding="utf-8")
        assert text.startswith("# Answer key: ") and "<details>" in text


# -- bank 01: the skin, layer by layer -----------------------------------------------------------

def test_bank_01_orders_the_palms_strata_from_the_model_and_mixes_kinds():
    from skinlab.quiz import MODELS
    quiz = Quiz.from_bank("01_skin_layers")
    palm = MODELS["strata_order"](site="palm")
    assert "stratum_lucidum" in palm  # thick skin
    ordering = [q for q in quiz.questions if q.kind == "ordering"]
    assert any([i["id"] for i in q.items] == palm and q.model_checked
               and q.raw["check"] == {"model": "strata_order", "site": "palm"}
               for q in ordering)
    assert len({q.kind for q in quiz.questions}) >= 3
    assert len(quiz.objectives) == 4 and len(quiz.questions) >= 12


def test_bank_01_grades_its_model_checked_answers():
    from skinlab import anatomy
    quiz = Quiz.from_bank("01_skin_layers")
    order = [i["id"] for i in quiz.question("palm-strata-order").items]
    assert quiz.grade("palm-strata-order", order).correct
    assert not quiz.grade("palm-strata-order", order[::-1]).correct
    start = anatomy.layers_at("cheek")[1].bottom_um
    assert quiz.grade("cheek-dermis-starts", f"{start / 1000:.3f} mm").correct
    assert "too high" in quiz.grade("cheek-dermis-starts", "0.2 mm").message
    assert "too low" in quiz.grade("cheek-dermis-starts", "17 µm").message
    assert quiz.grade("heel-100", "sc").correct and not quiz.grade("heel-100", "pd").correct
    assert quiz.grade("eyelid-below-dermis", "loose-no-fat").correct
    assert not quiz.grade("eyelid-below-dermis", "thick-fat").correct
    assert quiz.grade("lucidum-cheek", {"answer": False, "reason": "thick-only"}).correct


def test_bank_01_numbers_and_claims_come_from_the_data():
    """Every 'number unit' in the bank's text is a data value, and the comparisons its feedback
    states in words still hold in the models."""
    from skinlab import anatomy
    from skinlab.tools import audit
    known = audit.known_numbers(audit.Dataset(DATA_DIR))
    bank = _bank("01_skin_layers")
    # a depth a question itself poses (and checks against the model) is a question, not a fact
    known["length"] += [q["check"]["depth_um"] for q in bank["questions"]
                        if "depth_um" in q.get("check", {})]
    text = yaml.safe_dump(bank, allow_unicode=True, width=10_000)
    assert audit.unsourced_numbers(text, known) == []
    sc = {s: anatomy.thickness(s, "stratum_corneum").value for s in anatomy.sites()}
    dermis = {s: anatomy.thickness(s, "dermis").value for s in anatomy.sites()}
    assert max(sc, key=sc.get) == "heel"  # "the thickest dead outer layer" (heel-100)
    # heel-100 has one defensible answer: 100 µm is in the stratum corneum over its whole range
    heel_sc = anatomy.layers_at("heel")[0]
    assert heel_sc.thickness_low_um > 100 and anatomy.layer_at_depth("cheek", 100).key != \
        "stratum_corneum"
    assert min(dermis, key=dermis.get) == "eyelid"  # "the thinnest dermis" (eyelid-below-dermis)
    assert dermis["back"] > 2 * dermis["eyelid"]  # "more than twice as thick"
    for face in ("cheek", "forehead", "eyelid"):  # "on the face, the same depth is past ..."
        assert anatomy.layer_at_depth(face, 200).key.endswith("dermis")
    assert not anatomy.is_thick_skin("cheek") and not anatomy.is_thick_skin("back")
    assert {s for s in anatomy.sites() if anatomy.is_thick_skin(s)} == {"palm", "heel"}
    # eyelid-below-dermis: the eyelid's layer under the dermis is not fat
    assert anatomy.layers_at("eyelid")[-1].tissue == "areolar"
    assert "orbicularis oculi" in anatomy.beneath("eyelid")


# -- bank 02: renewal and exfoliation ------------------------------------------------------------

def test_bank_02_orders_from_the_models_and_mixes_kinds():
    from skinlab.quiz import MODELS
    quiz = Quiz.from_bank("02_renewal_exfoliation")
    cheek = MODELS["cohort_strata_order"](site="cheek")
    assert cheek[0] == "stratum_basale" and cheek[-1] == "stratum_corneum"
    assert "stratum_lucidum" not in cheek  # thin skin
    ordering = {q.id: q for q in quiz.questions if q.kind == "ordering"}
    assert all(q.model_checked for q in ordering.values())
    assert [i["id"] for i in ordering["cheek-journey-order"].items] == cheek
    assert [i["id"] for i in ordering["peel-class-order"].items] == MODELS["class_order"]()
    assert len({q.kind for q in quiz.questions}) >= 4
    assert len(quiz.objectives) == 5 and len(quiz.questions) >= 12
    assert all(len(ids) >= 3 for ids in quiz.objective_map().values())
    # the shed day is asked as the range the sources' ranges give (issue 21: keys that hold)
    shed = quiz.question("young-shed-day")
    assert shed.kind == "single" and shed.model_checked
    assert next(o["value"] for o in shed.options if o.get("correct")) == MODELS[
        "shed_day_range"]("young_adult")


def test_bank_02_keeps_the_notebooks_objectives():
    assert Quiz.from_bank("02_renewal_exfoliation").objectives == {
        "journey": "follow a keratinocyte from the basal layer to shedding, with how long each "
                   "stage takes and why sources give different totals",
        "desquamation": "explain desquamation: how corneodesmosomes hold the dead cells together "
                        "and how enzymes release them",
        "families": "explain how each family of exfoliation works (physical, chemical, "
                    "enzymatic) and what it removes",
        "peel-depth": "place chemical peels by depth, say which agents reach each class, and why "
                      "the same peel reaches a different depth at a different body site",
        "risks": "name the main risks of exfoliation: sun sensitivity after AHAs, darker patches "
                 "after peels (more likely in darker skin), and a damaged barrier from "
                 "over-exfoliation",
    }


def test_bank_02_grades_its_model_checked_answers():
    from skinlab import renewal
    quiz = Quiz.from_bank("02_renewal_exfoliation")
    young, older = renewal.journey("young_adult"), renewal.journey("older_adult")
    from skinlab.quiz.keys import MODELS
    low, high = MODELS["shed_day_range"]("young_adult")
    assert low <= young.shed_day <= high < older.shed_day  # the explorer's day lies inside
    assert quiz.grade("young-shed-day", "young").correct
    assert not quiz.grade("young-shed-day", "older").correct
    assert not quiz.grade("young-shed-day", "climb").correct
    order = [i["id"] for i in quiz.question("cheek-journey-order").items]
    assert quiz.grade("cheek-journey-order", order).correct
    assert not quiz.grade("cheek-journey-order", order[::-1]).correct
    assert quiz.grade("day-7-stratum", "spinosum").correct
    assert not quiz.grade("day-7-stratum", "corneum").correct
    assert quiz.grade("older-day-40", {"answer": False, "reason": "slower-corneum"}).correct
    assert quiz.grade("eyelid-peel-depth", (True, "same-layer-thinner")).correct
    assert not quiz.grade("eyelid-peel-depth", (True, "deeper-class")).correct
    assert not quiz.grade("eyelid-peel-depth", (False, "shallower-class")).correct
    assert quiz.grade("very-superficial-layer", "sc").correct
    assert quiz.grade("back-vs-cheek", (True, "layer-depth")).correct
    assert quiz.grade("microneedling-not-exfoliation", (False, "punctures")).correct
    assert quiz.grade("visible-flakes", (False, "one-at-a-time")).correct
    assert quiz.grade("oil-soluble-acid", "salicylic").correct


def test_bank_02_numbers_and_claims_come_from_the_data():
    """Every 'number unit' in the bank's text is a data value, and what its keys and feedback say
    in words still holds in the models and the data."""
    from skinlab import anatomy, exfoliation, renewal
    from skinlab.tools import audit
    known = audit.known_numbers(audit.Dataset(DATA_DIR))
    text = yaml.safe_dump(_bank("02_renewal_exfoliation"), allow_unicode=True, width=10_000)
    assert audit.unsourced_numbers(text, known) == []
    young, older = renewal.journey("young_adult"), renewal.journey("older_adult")
    # "about 14 days" to the stratum corneum at any age; "about 20" vs "about 28" through it
    assert young.reaches_corneum_day == older.reaches_corneum_day == 14
    assert (round(young.corneum.value), round(older.corneum.value)) == (20, 28)
    assert round(older.shed_day - young.shed_day) == 8  # "about eight days longer"
    # day 7 on the cheek: "about halfway", in the stratum spinosum
    spinosum = next(d for d in renewal.stratum_days("cheek") if d[0] == "stratum_spinosum")
    assert spinosum[1] < 7 < spinosum[2] and spinosum[2] - spinosum[1] > 7  # "most of the climb"
    # day 40: a young adult's cohort is shed, an older adult's is still in the stratum corneum
    assert renewal.cohort_at("cheek", 40, "young_adult").stage == "shed"
    assert renewal.cohort_at("cheek", 40, "older_adult").stratum.key == "stratum_corneum"
    totals = {k: v for k, (_, v) in renewal.totals().items()}
    assert totals["glycine_label_1961"].value == 27
    assert totals["maeda2017_uva_pigment_forearm"].value == 36.2
    assert round(totals["dansyl_forearm_older"].value - totals["dansyl_forearm_younger"].value) == 8
    assert (totals["cell_kinetics"].low, totals["cell_kinetics"].high) == (40, 56)  # "40 to 56"
    steps = " ".join(renewal.desquamation()["steps"])
    for word in ("KLK5", "KLK7", "LEKTI", "cathepsin D", "corneodesmosin", "visible flakes"):
        assert word in steps
    # superficial-peel-agents: the ticked options are exactly the superficial (method, strength)
    # (pairs of one agent at two strengths: what sets the class, not a list to memorise)
    options = {"tca-15-30": ("trichloroacetic_acid", "superficial"),
               "jessner-4-10": ("jessner", "superficial"),
               "tca-35-50": ("trichloroacetic_acid", "medium"),
               "jessner-1-3": ("jessner", "very_superficial")}
    question = Quiz.from_bank("02_renewal_exfoliation").question("superficial-peel-agents")
    ticked = {o["id"] for o in question.raw["options"] if o.get("correct")}
    assert set(options) == {o["id"] for o in question.raw["options"]}
    assert ticked == {k for k, (m, level) in options.items()
                      if exfoliation.peel_class(m, level) == "superficial"}
    for key, (m, level) in options.items():  # the labels' numbers are the data's
        label = exfoliation.strength_label(m, level)
        text = next(o["text"] for o in question.raw["options"] if o["id"] == key)
        for number in ("15–30%", "50–70%", "4–10", "20–30%", "1–3", "2–20"):
            if number in text:
                assert number in label, (key, number, label)
    # no invented thin-skin rule: a class is the same on the eyelid as on the cheek
    assert all(exfoliation.removal(m, st, "eyelid").cls == exfoliation.removal(m, st, "cheek").cls
               for m in exfoliation.methods() for st in exfoliation.strengths(m))
    assert not anatomy.is_thick_skin("back")
    assert anatomy.thickness("back", "dermis").value > anatomy.thickness("cheek", "dermis").value
    # families and "microneedling is not exfoliation"
    assert exfoliation.family("enzymes") == "enzymatic"
    assert exfoliation.family("microdermabrasion") == exfoliation.family("scrub") == "physical"
    assert "oil-soluble" in exfoliation.how("salicylic_acid")
    assert not any("needl" in m for m in exfoliation.methods())
