"""The interactive quiz: one panel per question, operable from the keyboard.

Every control is a standard ipywidget (radio buttons, check boxes, a text box, a list box with
Move up / Move down buttons, push buttons), so Tab, the arrow keys, Space and Enter work
everywhere. Feedback appears in a persistent aria-live paragraph, so screen readers announce it.
Each graded answer is recorded locally (``skinlab.progress``); an unreadable answer is explained,
not recorded.
"""

from __future__ import annotations

import html
import warnings
from typing import Any

import ipywidgets as w

from skinlab import progress
from skinlab.explore.view import LabelledBox, LiveText
from skinlab.quiz import KINDS, Question, Quiz

FULL = w.Layout(width="auto")
STYLE = {"description_width": "initial"}


class QuestionPanel:
    """The widgets of one question, and how to read a response from them."""

    def __init__(self, quiz: Quiz, question: Question, number: int, on_result):
        self.quiz, self.q, self.on_result = quiz, question, on_result
        q = question
        head = w.HTML(f"<p><strong>Question {number} of {len(quiz.questions)}</strong> "
                      f"<em>({html.escape(KINDS[q.kind])})</em><br>{html.escape(q.prompt)}</p>")
        self.inputs: dict[str, Any] = {}
        body = getattr(self, f"_build_{q.kind}")()
        self.submit = w.Button(description="Submit", button_style="primary",
                               tooltip="Check this answer")
        self.retry = w.Button(description="Try again", tooltip="Clear this answer and retry")
        self.submit.on_click(lambda _: self.grade())
        self.retry.on_click(lambda _: self.clear())
        self.feedback = LiveText()
        self.root = w.VBox([head, body, w.HBox([self.submit, self.retry]), self.feedback])
        self.root.add_class("skinlab-question")

    # -- inputs by kind ----------------------------------------------------------------------
    def _build_single(self):
        self.inputs["choice"] = w.RadioButtons(
            options=[(o["text"], o["id"]) for o in self.q.options], value=None, layout=FULL)
        return self.inputs["choice"]

    def _build_multiple(self):
        boxes = [w.Checkbox(value=False, description=o["text"], indent=False, layout=FULL)
                 for o in self.q.options]
        self.inputs["boxes"] = dict(zip((o["id"] for o in self.q.options), boxes))
        return w.VBox([w.HTML("<em>Tick every option that is right.</em>"), *boxes])

    def _build_truefalse(self):
        self.inputs["verdict"] = w.RadioButtons(options=[("True", True), ("False", False)],
                                                value=None, description="Verdict",
                                                style=STYLE)
        self.inputs["reason"] = w.RadioButtons(
            options=[(r["text"], r["id"]) for r in self.q.reasons], value=None,
            description="Because", style=STYLE, layout=FULL)
        return w.VBox([self.inputs["verdict"], self.inputs["reason"]])

    def _build_numeric(self):
        self.inputs["text"] = w.Text(
            value="", placeholder=f"for example {self.q.example()}",
            description=f"Your answer ({self.q.unit_name()})", style=STYLE,
            continuous_update=False)  # sent when the box loses focus, not per keystroke
        return self.inputs["text"]

    def _build_ordering(self):
        items = self.q.display_items()
        box = w.Select(options=[(i["text"], i["id"]) for i in items], value=items[0]["id"],
                       rows=len(items), description="Order (top = first)", style=STYLE,
                       layout=w.Layout(width="32em"))
        up = w.Button(description="Move up", icon="arrow-up", tooltip="Move the selected item up")
        down = w.Button(description="Move down", icon="arrow-down",
                        tooltip="Move the selected item down")
        up.on_click(lambda _: self.move(-1))
        down.on_click(lambda _: self.move(+1))
        self.inputs.update(order=box, up=up, down=down)
        return w.HBox([box, w.VBox([up, down])])

    def move(self, step: int) -> None:
        box = self.inputs["order"]
        opts = list(box.options)
        ids = [v for _, v in opts]
        if box.value not in ids:
            return
        i = ids.index(box.value)
        j = i + step
        if 0 <= j < len(opts):
            opts[i], opts[j] = opts[j], opts[i]
            value = box.value
            box.options = opts
            box.value = value

    # -- reading and grading -----------------------------------------------------------------
    def response(self) -> Any:
        kind = self.q.kind
        if kind == "single":
            return self.inputs["choice"].value
        if kind == "multiple":
            return [k for k, b in self.inputs["boxes"].items() if b.value]
        if kind == "truefalse":
            return {"answer": self.inputs["verdict"].value,
                    "reason": self.inputs["reason"].value}
        if kind == "numeric":
            return self.inputs["text"].value
        return [v for _, v in self.inputs["order"].options]

    def grade(self):
        response = self.response()
        result = self.quiz.grade(self.q.id, response)
        self.feedback.text = result.message
        self.feedback.tone = ("problem" if not result.valid else
                              "correct" if result.correct else "wrong")
        if result.valid:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    progress.record(self.quiz.name, self.q.id, response, result.correct,
                                    self.q.objective)
                except OSError as exc:
                    self.feedback.text += (f" (Your answer could not be saved to your progress "
                                           f"record: {exc.strerror or exc}.)")
            for warning in caught:
                self.feedback.text += f" Note: {warning.message}"
            self.on_result(self.q.id, result.correct)
        return result

    def clear(self) -> None:
        kind = self.q.kind
        if kind == "single":
            self.inputs["choice"].value = None
        elif kind == "multiple":
            for b in self.inputs["boxes"].values():
                b.value = False
        elif kind == "truefalse":
            self.inputs["verdict"].value = None
            self.inputs["reason"].value = None
        elif kind == "numeric":
            self.inputs["text"].value = ""
        self.feedback.text = "Cleared: answer again when you are ready."
        self.feedback.tone = ""


class QuizWidget:
    """All the questions of a bank, with a running score."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.latest: dict[str, bool] = {}
        self.score = LiveText(text=self._score_text())
        self.score.add_class("skinlab-score")
        self.panels = [QuestionPanel(quiz, q, n, self._on_result)
                       for n, q in enumerate(quiz.questions, 1)]
        title = w.HTML(f"<h3>{html.escape(quiz.title)}</h3>")
        self.root = LabelledBox([title, *[p.root for p in self.panels], self.score])
        self.root.fallback = (f"{quiz.title}: {len(quiz.questions)} questions. Run this cell "
                              f"to answer them; each answer gets feedback.")
        self.root.add_class("skinlab-quiz")

    def _score_text(self) -> str:
        n = len(self.quiz.questions)
        right = sum(self.latest.values())
        return f"Score: {right} correct of {len(self.latest)} answered ({n} questions)."

    def _on_result(self, question_id: str, correct: bool) -> None:
        self.latest[question_id] = correct
        self.score.text = self._score_text()

    def panel(self, question_id: str) -> QuestionPanel:
        return next(p for p in self.panels if p.q.id == question_id)
