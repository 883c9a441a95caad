"""The interactive quiz: one panel per question, operable from the keyboard.

Every control is a standard ipywidget (radio buttons, check boxes, a text box, a list box with
Move up / Move down buttons, push buttons), so Tab, the arrow keys, Space and Enter work
everywhere; Enter in a numeric answer's box submits it. Options are shown in the question's
display order (``Question.display_options``), never the bank's. Feedback appears in a persistent
aria-live paragraph, so screen readers announce it. Each graded answer is recorded locally
(``skinlab.progress``); an unreadable answer is explained, not recorded.
"""

from __future__ import annotations

import html
import warnings
from typing import Any

import anywidget
import ipywidgets as w

from skinlab import progress
from skinlab.ui import LiveText, box
from skinlab.quiz import KINDS, Question, Quiz

FULL = w.Layout(width="auto")
STYLE = {"description_width": "initial"}

# ipywidgets draws a radio or check box label on one line of fixed height: a long option runs
# over the next one (radio buttons, whose button is then hidden) or is cut with "…" (check
# boxes). Inside a quiz, labels wrap beside their button, up to a readable line length, and the
# ordering list is as wide as a line and as tall as its items.
_QUIZ_CSS = r"""
.skinlab-quiz .widget-radio-box label,
.skinlab-quiz .jupyter-widget-radio-box label {
  display: flex;
  align-items: flex-start;
  height: auto;
  min-height: var(--jp-widgets-radio-item-height, 24px);
  line-height: 1.4;
  padding: 0.15em 0;
  white-space: normal;
  overflow: visible;
  overflow-wrap: anywhere;
  width: 100%;
  max-width: 48em;
  box-sizing: border-box;
}
.skinlab-quiz .widget-radio-box input,
.skinlab-quiz .jupyter-widget-radio-box input {
  order: -1;  /* ipywidgets puts the button after the text and floats it left */
  flex: none;
  float: none;
  height: 1.4em;
  line-height: 1.4;
  margin: 0 0.6em 0 1px;
}
.skinlab-quiz .widget-checkbox,
.skinlab-quiz .jupyter-widget-checkbox {
  height: auto;
  width: 100%;
  max-width: 48em;
  line-height: 1.4;
}
.skinlab-quiz .widget-checkbox .widget-label-basic,
.skinlab-quiz .jupyter-widget-checkbox .jupyter-widget-label-basic {
  display: flex;
  align-items: flex-start;
  height: auto;
  line-height: 1.4;
  padding: 0.15em 0;
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
}
.skinlab-quiz .widget-checkbox .widget-label-basic span,
.skinlab-quiz .jupyter-widget-checkbox .jupyter-widget-label-basic span {
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
  overflow-wrap: anywhere;
}
.skinlab-quiz .widget-checkbox input[type='checkbox'],
.skinlab-quiz .jupyter-widget-checkbox input[type='checkbox'] {
  flex: none;
  align-self: flex-start;
  height: 1.4em;
  line-height: 1.4;
  margin: 0 0.6em 0 1px;
}
.skinlab-quiz .skinlab-order select { height: auto; overflow-y: hidden; }
"""

# Enter in a numeric answer's box submits it. ipywidgets' own submit message can overtake the
# typed value (a Text widget sends its value on "change", after the key press, and throttles
# updates), so this sends the value with the request, in one message, to QuizWidget.
_QUIZ_ESM = r"""
function render({ model, el }) {
  el.style.display = "none";  // nothing to see: it styles the quiz and wires the Enter key
  let tries = 0;
  (function wire() {
    const quiz = el.closest(".skinlab-quiz");
    if (!quiz) {
      if (++tries < 50) setTimeout(wire, 100);
      return;
    }
    if (quiz.dataset.skinlabEnter) return;
    quiz.dataset.skinlabEnter = "1";
    // Capture phase: the text widget stops its key events from bubbling.
    quiz.addEventListener("keydown", (event) => {
      const input = event.target;
      if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.altKey ||
          event.ctrlKey || event.metaKey || !(input instanceof HTMLInputElement) ||
          input.type !== "text") return;
      const panel = input.closest(".skinlab-question");
      const panels = Array.from(quiz.querySelectorAll(".skinlab-question"));
      if (!panel || panels.indexOf(panel) < 0) return;
      event.preventDefault();
      model.send({ event: "submit", question: panels.indexOf(panel), value: input.value });
    }, true);
  })();
}
export default { render };
"""


class QuizKeys(anywidget.AnyWidget):
    """Invisible: the quiz's CSS, and Enter-to-submit in numeric answers."""

    _esm = _QUIZ_ESM
    _css = _QUIZ_CSS


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
            options=[(o["text"], o["id"]) for o in self.q.display_options()], value=None,
            layout=FULL)
        return self.inputs["choice"]

    def _build_multiple(self):
        shown = self.q.display_options()
        boxes = [w.Checkbox(value=False, description=o["text"], indent=False, layout=FULL)
                 for o in shown]
        self.inputs["boxes"] = dict(zip((o["id"] for o in shown), boxes))  # display order
        return w.VBox([w.HTML("<em>Tick every option that is right.</em>"), *boxes])

    def _build_truefalse(self):
        self.inputs["verdict"] = w.RadioButtons(options=[("True", True), ("False", False)],
                                                value=None, description="Verdict",
                                                style=STYLE)
        self.inputs["reason"] = w.RadioButtons(
            options=[(r["text"], r["id"]) for r in self.q.display_reasons()], value=None,
            description="Because", style=STYLE, layout=FULL)
        return w.VBox([self.inputs["verdict"], self.inputs["reason"]])

    def _build_numeric(self):
        self.inputs["text"] = w.Text(
            value="", placeholder=f"for example {self.q.example()}",
            description=f"Your answer ({self.q.unit_name()})", style=STYLE,
            continuous_update=False)  # sent when the box loses focus, not per keystroke
        # Enter submits: QuizKeys sends the typed value with the request (see submit_text).
        return self.inputs["text"]

    def submit_text(self, value: Any) -> None:
        """Enter pressed in the numeric box holding ``value``: take it, and grade it."""
        if isinstance(value, str):
            self.inputs["text"].value = value
        self.grade()

    def _build_ordering(self):
        items = self.q.display_items()
        # Wide and tall enough to show every item whole: a list box cannot wrap its options.
        order = w.Select(options=[(i["text"], i["id"]) for i in items], value=items[0]["id"],
                         rows=len(items), description="Order (top = first)", style=STYLE,
                         layout=w.Layout(width="auto", max_width="48em", height="auto"))
        order.add_class("skinlab-order")
        up = w.Button(description="Move up", icon="arrow-up", tooltip="Move the selected item up")
        down = w.Button(description="Move down", icon="arrow-down",
                        tooltip="Move the selected item down")
        up.on_click(lambda _: self.move(-1))
        down.on_click(lambda _: self.move(+1))
        self.inputs.update(order=order, up=up, down=down)
        return w.VBox([order, w.HBox([up, down])])

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
        self.keys = QuizKeys()
        self.keys.on_msg(self._on_keys_msg)
        self.root = box([title, *[p.root for p in self.panels], self.score, self.keys],
                        "skinlab-quiz")
        self.root.fallback = (f"{quiz.title}: {len(quiz.questions)} questions. Run this cell "
                              f"to answer them; each answer gets feedback.")

    def _score_text(self) -> str:
        n = len(self.quiz.questions)
        right = sum(self.latest.values())
        return f"Score: {right} correct of {len(self.latest)} answered ({n} questions)."

    def _on_keys_msg(self, _widget, content, _buffers) -> None:
        """Enter in a numeric box: ``{"event": "submit", "question": index, "value": text}``."""
        if not isinstance(content, dict) or content.get("event") != "submit":
            return
        index = content.get("question")
        if isinstance(index, bool) or not isinstance(index, int):
            return
        if 0 <= index < len(self.panels) and self.panels[index].q.kind == "numeric":
            self.panels[index].submit_text(content.get("value"))

    def _on_result(self, question_id: str, correct: bool) -> None:
        self.latest[question_id] = correct
        self.score.text = self._score_text()

    def panel(self, question_id: str) -> QuestionPanel:
        return next(p for p in self.panels if p.q.id == question_id)
