"""The interactive quiz: one panel per question, operable from the keyboard.

Each question kind has its panel class, registered in :data:`PANELS` by kind. Every control is a
standard ipywidget (radio buttons, check boxes, a text box, a list box with Move up / Move down
buttons, push buttons), so Tab, the arrow keys, Space and Enter work everywhere; Enter in a
numeric box submits it. Options are shown in the question's display order, never the bank's.
Feedback appears in a persistent aria-live paragraph, so screen readers announce it. Each answer
is recorded locally (:mod:`skinlab.progress`): a prediction as a prediction, never scored; an
unreadable answer is explained, not recorded. The JavaScript and CSS are
``skinlab/assets/quiz.js`` and ``quiz.css``.
"""

from __future__ import annotations

import html
import warnings
from typing import Any

import anywidget
import ipywidgets as w

from skinlab.progress import store as progress
from skinlab.quiz.bank import Quiz, Reference
from skinlab.quiz.kinds import Question
from skinlab.text import count
from skinlab.ui import LiveText, assets, box

FULL = w.Layout(width="auto")
STYLE = {"description_width": "initial"}
BUTTON = w.Layout(width="auto", min_width="8em")  # a button as wide as its words, never cut off


def _asset(name: str) -> str:
    return assets(name)


class QuizKeyboard(anywidget.AnyWidget):
    """Invisible: the quiz's CSS, and Enter-to-submit in numeric answers."""

    _esm = _asset("quiz.js")
    _css = _asset("quiz.css")


PANELS: dict[str, type["QuestionPanel"]] = {}


def panel_for(*kinds: str):
    """Register a panel class for question kinds."""
    def decorate(cls):
        for kind in kinds:
            PANELS[kind] = cls
        return cls
    return decorate


class QuestionPanel:
    """The widgets of one question, and how to read a response from them."""

    submit_words = ("Submit", "Check this answer")

    def __init__(self, quiz: Quiz, question: Question, number: int, total: int, on_result):
        self.quiz, self.q, self.on_result = quiz, question, on_result
        head = w.HTML(f"<p><strong>Question {number} of {total}</strong> "
                      f"<em>({html.escape(question.label)})</em><br>"
                      f"{html.escape(question.prompt)}</p>")
        self.inputs: dict[str, Any] = {}
        body = self.build()
        self.submit = w.Button(description=self.submit_words[0], button_style="primary",
                               tooltip=self.submit_words[1], layout=BUTTON)
        self.retry = w.Button(description="Try again", tooltip="Clear this answer and retry",
                              layout=BUTTON)
        self.submit.add_class("skinlab-submit")  # quiz.js sends what the page shows with it
        self.submit.on_click(lambda _: self.grade())
        self.retry.on_click(lambda _: self.clear())
        self.feedback = LiveText()
        self.root = w.VBox([head, body, w.HBox([self.submit, self.retry]), self.feedback])
        self.root.add_class("skinlab-question")

    # -- for kinds ---------------------------------------------------------------------------
    def build(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def response(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def reset_inputs(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------------------
    def _radio(self, entries: list[dict], **kw) -> w.RadioButtons:
        return w.RadioButtons(options=[(e["text"], e["id"]) for e in entries], value=None,
                              layout=FULL, **kw)

    def take_shown(self, shown: Any) -> bool:
        """Set the inputs to what the page showed when the learner pressed Submit.

        ``shown`` is ``{"radios": [index or -1 per radio group], "boxes": [bool per check box],
        "texts": [str per text box]}``, each in page order. The page sends it with the press
        because a choice made just before can still be waiting in the page: the widgets hold
        back a control's next change until the kernel has finished with its last one, while the
        press itself goes at once, so a busy kernel would otherwise grade the earlier choice.
        Anything malformed is ignored (False): the inputs keep their synced values.
        """
        radios = [x for x in self.inputs.values() if isinstance(x, w.RadioButtons)]
        boxes = list(self.inputs.get("boxes", {}).values())
        texts = [x for x in self.inputs.values() if isinstance(x, w.Text)]
        if not isinstance(shown, dict):
            return False
        picks, ticks, typed = shown.get("radios"), shown.get("boxes"), shown.get("texts")
        if not (isinstance(picks, list) and len(picks) == len(radios) and all(
                type(i) is int and -1 <= i < len(r.options) for i, r in zip(picks, radios))):
            return False
        if not (isinstance(ticks, list) and len(ticks) == len(boxes)
                and all(type(t) is bool for t in ticks)):
            return False
        if not (isinstance(typed, list) and len(typed) == len(texts)
                and all(isinstance(t, str) for t in typed)):
            return False
        for radio, i in zip(radios, picks):
            radio.index = None if i < 0 else i
        for box_, tick in zip(boxes, ticks):
            box_.value = tick
        for text, value in zip(texts, typed):
            text.value = value
        return True

    def grade(self):
        response = self.response()
        result = self.quiz.grade(self.q.id, response)
        self.feedback.text = result.message
        self.feedback.tone = ("problem" if not result.valid else "" if not result.scored else
                              "correct" if result.correct else "wrong")
        if result.valid:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    bank, qid = self.q.record_key()  # a reference: under its own bank
                    progress.record(bank, qid, response, result.correct,
                                    getattr(self.q, "target", self.q).objective,
                                    kind="answer" if result.scored else "prediction")
                except OSError as exc:
                    self.feedback.text += (f" (Your answer could not be saved to your progress "
                                           f"record: {exc.strerror or exc}.)")
            for warning in caught:
                self.feedback.text += f" Note: {warning.message}"
            if result.scored:
                self.on_result(self.q.id, result.correct)
        return result

    def clear(self) -> None:
        self.reset_inputs()
        self.feedback.text = "Cleared: answer again when you are ready."
        self.feedback.tone = ""


@panel_for("single")
class SinglePanel(QuestionPanel):
    def build(self):
        self.inputs["choice"] = self._radio(self.q.display_options())
        return self.inputs["choice"]

    def response(self):
        return self.inputs["choice"].value

    def reset_inputs(self):
        self.inputs["choice"].value = None


@panel_for("multiple")
class MultiplePanel(QuestionPanel):
    def build(self):
        shown = self.q.display_options()
        boxes = [w.Checkbox(value=False, description=o["text"], indent=False, layout=FULL)
                 for o in shown]
        self.inputs["boxes"] = dict(zip((o["id"] for o in shown), boxes))  # display order
        return w.VBox([w.HTML("<em>Tick every option that is right.</em>"), *boxes])

    def response(self):
        return [k for k, b in self.inputs["boxes"].items() if b.value]

    def reset_inputs(self):
        for b in self.inputs["boxes"].values():
            b.value = False


@panel_for("truefalse")
class TrueFalsePanel(QuestionPanel):
    def build(self):
        self.inputs["verdict"] = w.RadioButtons(options=[("True", True), ("False", False)],
                                                value=None, description="Verdict",
                                                style=STYLE)
        self.inputs["reason"] = self._radio(self.q.display_reasons(), description="Because",
                                            style=STYLE)
        return w.VBox([self.inputs["verdict"], self.inputs["reason"]])

    def response(self):
        return {"answer": self.inputs["verdict"].value, "reason": self.inputs["reason"].value}

    def reset_inputs(self):
        self.inputs["verdict"].value = None
        self.inputs["reason"].value = None


@panel_for("numeric")
class NumericPanel(QuestionPanel):
    def build(self):
        unit = self.q.unit_name()
        self.inputs["text"] = w.Text(
            value="", placeholder=f"for example {self.q.example()}",
            description=f"Your answer{f' ({unit})' if unit else ''}", style=STYLE,
            continuous_update=False)  # sent when the box loses focus, not per keystroke
        # Enter submits: QuizKeyboard sends the typed value with the request (see submit_text).
        return self.inputs["text"]

    def submit_text(self, value: Any) -> None:
        """Enter pressed in the numeric box holding ``value``: take it, and grade it."""
        if isinstance(value, str):
            self.inputs["text"].value = value
        self.grade()

    def response(self):
        return self.inputs["text"].value

    def reset_inputs(self):
        self.inputs["text"].value = ""


@panel_for("ordering")
class OrderingPanel(QuestionPanel):
    def build(self):
        items = self.q.display_items()
        # Wide and tall enough to show every item whole: a list box cannot wrap its options.
        order = w.Select(options=[(i["text"], i["id"]) for i in items], value=items[0]["id"],
                         rows=len(items), description="Order (top = first)", style=STYLE,
                         layout=w.Layout(width="auto", max_width="48em", height="auto"))
        order.add_class("skinlab-order")
        up = w.Button(description="Move up", icon="arrow-up", tooltip="Move the selected item up",
                      layout=BUTTON)
        down = w.Button(description="Move down", icon="arrow-down",
                        tooltip="Move the selected item down", layout=BUTTON)
        up.add_class("skinlab-move-up")  # quiz.js sends the selected item with the press
        down.add_class("skinlab-move-down")
        up.on_click(lambda _: self.move(-1))
        down.on_click(lambda _: self.move(+1))
        self.inputs.update(order=order, up=up, down=down)
        return w.VBox([order, w.HBox([up, down])])

    def move(self, step: int, selected: Any = None) -> None:
        """Move the selected item ``step`` places. ``selected`` is the item's text as the page
        showed it when the button was pressed (a selection can still be waiting in the page, see
        :meth:`QuestionPanel.take_shown`); an unknown text is ignored."""
        order = self.inputs["order"]
        if isinstance(selected, str):
            label = " ".join(selected.split())
            chosen = [v for t, v in order.options if " ".join(t.split()) == label]
            if len(chosen) == 1:
                order.value = chosen[0]
        opts = list(order.options)
        ids = [v for _, v in opts]
        if order.value not in ids:
            return
        i = ids.index(order.value)
        j = i + step
        if 0 <= j < len(opts):
            opts[i], opts[j] = opts[j], opts[i]
            value = order.value
            order.options = opts
            order.value = value

    def response(self):
        return [v for _, v in self.inputs["order"].options]

    def reset_inputs(self):
        pass  # the order stays where the learner left it


@panel_for("prediction")
class PredictionPanel(QuestionPanel):
    submit_words = ("Record my prediction", "Record what you expect (it is not scored)")

    def build(self):
        if self.q.unit is None:
            self.inputs["choice"] = self._radio(self.q.display_options())
            return self.inputs["choice"]
        self.inputs["text"] = w.Text(value="", placeholder=f"for example {self.q.example()}",
                                     description=f"I expect ({self.q.unit_name()})",
                                     style=STYLE, continuous_update=False)
        return self.inputs["text"]

    def submit_text(self, value: Any) -> None:
        if isinstance(value, str) and "text" in self.inputs:
            self.inputs["text"].value = value
        self.grade()

    def response(self):
        return self.inputs["choice"].value if "choice" in self.inputs else self.inputs[
            "text"].value

    def reset_inputs(self):
        if "choice" in self.inputs:
            self.inputs["choice"].value = None
        else:
            self.inputs["text"].value = ""


@panel_for("rate")
class RatePanel(QuestionPanel):
    submit_words = ("Rate, then see the evidence", "Submit your rating")

    def build(self):
        self.inputs["rating"] = self._radio(self.q.choices(), description="I think it is",
                                            style=STYLE)
        return self.inputs["rating"]

    def response(self):
        return self.inputs["rating"].value

    def reset_inputs(self):
        self.inputs["rating"].value = None


class QuizWidget:
    """Some questions of a bank (one section's, or those at the end), with a running score."""

    def __init__(self, quiz: Quiz, section: str | None = None):
        self.quiz = quiz
        self.latest: dict[str, bool] = {}
        questions = quiz.section(section)
        self.scored = sum(1 for q in questions if q.scored)
        self.score = LiveText(text=self._score_text())
        self.score.add_class("skinlab-score")
        self.panels = [PANELS[q.target.kind if isinstance(q, Reference) else q.kind](
            quiz, q, n, len(questions), self._on_result) for n, q in enumerate(questions, 1)]
        self.predicting = bool(questions) and not self.scored  # a prediction, before a reveal
        title = w.HTML(f"<h3>{html.escape(quiz.title)}</h3>" if section is None else
                       "<h4>Predict, then look</h4>" if self.predicting else
                       "<h4>Check yourself: this section</h4>")
        self.keys = QuizKeyboard()
        self.keys.on_msg(self._on_keys_msg)
        self.root = box([title, *[p.root for p in self.panels], self.score, self.keys],
                        "skinlab-quiz")
        self.root.quizview = self  # the box keeps its view; the quiz does not
        self.root.fallback = (
            "Predict, then look: run this cell to record what you expect before the reveal."
            if self.predicting else
            f"{quiz.title}: {count(len(questions), 'question')}. Run this cell to answer "
            f"{'it' if len(questions) == 1 else 'them'}; each answer gets feedback.")

    def _score_text(self) -> str:
        if self.scored == 0:
            return "A prediction is recorded on this computer and never scored."
        right = sum(self.latest.values())
        return (f"Score: {right} correct of {len(self.latest)} answered "
                f"({count(self.scored, 'question')}).")

    def _on_keys_msg(self, _widget, content, _buffers) -> None:
        """A press in the page, sent by quiz.js with what the page showed at that moment:

        - Enter in a numeric box: ``{"event": "submit", "question": index, "value": text}``;
        - Submit: ``{"event": "submit", "question": index, "shown": {...}}``
          (see :meth:`QuestionPanel.take_shown`);
        - Move up or down: ``{"event": "move", "question": index, "step": -1 or 1,
          "selected": text}``.

        Anything else is ignored.
        """
        if not isinstance(content, dict):
            return
        index = content.get("question")
        if isinstance(index, bool) or not isinstance(index, int) or not (
                0 <= index < len(self.panels)):
            return
        panel, event = self.panels[index], content.get("event")
        if event == "submit" and "shown" in content:
            panel.take_shown(content["shown"])
            panel.grade()
        elif event == "submit":
            submit = getattr(panel, "submit_text", None)
            if submit is not None:  # a panel that reads typed text (numeric, prediction by number)
                submit(content.get("value"))
        elif event == "move" and isinstance(panel, OrderingPanel) and content.get("step") in (
                -1, 1) and not isinstance(content.get("step"), bool):
            panel.move(content["step"], content.get("selected"))

    def _on_result(self, question_id: str, correct: bool) -> None:
        self.latest[question_id] = correct
        self.score.text = self._score_text()

    def panel(self, question_id: str) -> QuestionPanel:
        return next(p for p in self.panels if p.q.id == question_id)
