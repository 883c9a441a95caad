"""Quiz banks: load and validate them, grade any response, summarise, print an answer key.

A bank is YAML in ``skinlab/quizzes/<name>.yaml`` (one per notebook): a ``title``, the notebook's
``objectives`` (key -> sentence) and ``questions``. Every question has an ``id``, a ``kind``, the
``objective`` it assesses, a ``prompt`` and feedback for every answer; where it states a fact it
names its ``source`` key(s). Kinds:

- ``single``: ``options`` (each ``id``, ``text``, ``feedback``, one ``correct: true``);
- ``multiple``: the same, one or more correct; the response is the set of chosen options;
- ``truefalse``: a ``statement``, ``answer`` (true/false), ``feedback`` for true and false, and
  3-4 ``reasons`` (one correct); both parts must be right;
- ``numeric``: ``answer`` (a number, or a model call), ``unit``, ``tolerance`` (``relative`` or
  ``absolute`` in the unit) and ``feedback`` (``correct``, ``low``, ``high``); responses may
  carry units ("0.5 mm", "500 µm", "0,5 mm"), parsed with pint;
- ``ordering``: ``items`` (each ``id``, ``text``) listed in the correct order.

Banks list the right answer wherever it is easiest to write; learners never see that order.
Options, reasons and ordering items are shown in a fixed shuffled order (``display_options``,
``display_reasons``, ``display_items``) made from SHA-256 hashes of the bank, question and entry
ids, so it is the same on every run and machine, whatever ``PYTHONHASHSEED``. Within a bank the
one right option of the single-choice and true/false questions is spread over the positions, so
its place gives nothing away. Responses are graded by id, never by position.

A key that depends on a number is tied to the models with ``check: {model: NAME, ...}`` (for
``single``, the correct option's ``value`` must equal the model's result; for ``ordering``, the
items' ids must equal it) or ``answer: {model: NAME, ...}`` (numeric). Changing the data then
makes a stale key fail validation, and the tests.
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skinlab import units
from skinlab.quizkeys import MODELS, model_value

__all__ = ["KINDS", "MODELS", "Question", "Quiz", "QuizError", "Result", "banks"]

QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
KINDS = {"single": "single choice", "multiple": "multiple select",
         "truefalse": "true/false with a reason", "numeric": "numeric with a unit",
         "ordering": "ordering"}
MAX_TEXT = 200  # characters of a free-text response echoed back in feedback


def _digest(text: str) -> str:
    """A stable hash (unlike ``hash()``, the same in every process)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class QuizError(ValueError):
    """A bad bank; the message names the bank and the question."""


@dataclass(frozen=True)
class Result:
    """The outcome of grading one response."""

    correct: bool
    message: str
    valid: bool = True  # False when the response could not be read as an answer


def _model_value(spec: dict, where: str) -> Any:
    try:
        return model_value(spec)
    except KeyError as exc:
        raise QuizError(f"{where}: {exc.args[0]}") from None
    except (TypeError, ValueError, StopIteration) as exc:
        raise QuizError(f"{where}: model {spec.get('model')} failed: {exc}") from None


def _short(response: Any) -> str:
    text = str(response)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


class Question:
    """One validated question of a bank."""

    # Where the one right option (single) or reason (truefalse) is shown, counted from 0; set by
    # the Quiz so that the positions spread over the bank. None: wherever the shuffle puts it.
    correct_slot: int | None = None

    def __init__(self, bank: str, raw: dict, objectives: dict, references: set[str]):
        self.bank = bank
        self.raw = raw
        self.id = str(raw.get("id", "")).strip()
        self.where = f"quiz bank {bank}: question {self.id or '?'}"
        if not self.id:
            raise QuizError(f"quiz bank {bank}: a question has no id")
        self.kind = raw.get("kind")
        if self.kind not in KINDS:
            raise QuizError(f"{self.where}: kind must be one of {', '.join(KINDS)}, "
                            f"got {self.kind!r}")
        self.objective = raw.get("objective")
        if self.objective not in objectives:
            raise QuizError(f"{self.where}: objective {self.objective!r} is not one of the "
                            f"bank's objectives ({', '.join(objectives)})")
        self.prompt = str(raw.get("prompt") or raw.get("statement") or "").strip()
        if not self.prompt:
            raise QuizError(f"{self.where}: no prompt")
        src = raw.get("source", [])
        self.sources = [src] if isinstance(src, str) else list(src or [])
        for key in self.sources:
            if key not in references:
                raise QuizError(f"{self.where}: unknown source key {key!r}")
        self.model_checked = False
        getattr(self, f"_validate_{self.kind}")()

    # -- validation -------------------------------------------------------------------------
    def _options(self, field: str = "options") -> list[dict]:
        opts = self.raw.get(field)
        if not isinstance(opts, list) or len(opts) < 2:
            raise QuizError(f"{self.where}: needs a list of at least two {field}")
        ids = set()
        for o in opts:
            if not isinstance(o, dict) or not str(o.get("text", "")).strip():
                raise QuizError(f"{self.where}: every entry of {field} needs text")
            oid = str(o.get("id", "")).strip()
            if not oid or oid in ids:
                raise QuizError(f"{self.where}: {field} need unique ids (got {oid!r})")
            ids.add(oid)
            if not str(o.get("feedback", "")).strip():
                raise QuizError(f"{self.where}: {field} {oid} has no feedback")
        return opts

    def _validate_single(self) -> None:
        self.options = self._options()
        correct = [o for o in self.options if o.get("correct") is True]
        if len(correct) != 1:
            raise QuizError(f"{self.where}: a single-choice question needs exactly one "
                            f"correct option, has {len(correct)}")
        if "check" in self.raw:
            expected = _model_value(self.raw["check"], self.where)
            if correct[0].get("value") != expected:
                raise QuizError(f"{self.where}: stale key: the models give {expected!r} but "
                                f"the option marked correct has value "
                                f"{correct[0].get('value')!r}")
            self.model_checked = True

    def _validate_multiple(self) -> None:
        self.options = self._options()
        if not any(o.get("correct") is True for o in self.options):
            raise QuizError(f"{self.where}: a multiple-select question needs a correct option")

    def _validate_truefalse(self) -> None:
        if not isinstance(self.raw.get("answer"), bool):
            raise QuizError(f"{self.where}: answer must be true or false")
        fb = self.raw.get("feedback", {})
        if not (isinstance(fb, dict) and fb.get(True) and fb.get(False)):
            raise QuizError(f"{self.where}: needs feedback for true and for false")
        self.reasons = self._options("reasons")
        if not 3 <= len(self.reasons) <= 4:
            raise QuizError(f"{self.where}: needs 3 or 4 reasons, has {len(self.reasons)}")
        if sum(1 for r in self.reasons if r.get("correct") is True) != 1:
            raise QuizError(f"{self.where}: exactly one reason must be correct")
        if "check" in self.raw:
            expected = _model_value(self.raw["check"], self.where)
            if expected != self.raw["answer"]:
                raise QuizError(f"{self.where}: stale key: the models say {expected!r}")
            self.model_checked = True

    def _validate_numeric(self) -> None:
        self.unit = self.raw.get("unit")
        if not (isinstance(self.unit, str) and units.known(self.unit)):
            raise QuizError(f"{self.where}: unit must be one of {', '.join(units.UNITS)}")
        # the smallest answer that makes sense: zero for a thickness or a time, none for a log
        minimum = self.raw.get("minimum", 0.0 if self.unit in units.NON_NEGATIVE else None)
        if minimum is not None and (isinstance(minimum, bool) or
                                    not isinstance(minimum, (int, float))):
            raise QuizError(f"{self.where}: minimum must be a number or null")
        self.minimum = None if minimum is None else float(minimum)
        ans = self.raw.get("answer")
        if isinstance(ans, dict):
            ans = _model_value(ans, self.where)
            self.model_checked = True
        if isinstance(ans, bool) or not isinstance(ans, (int, float)) or not math.isfinite(ans):
            raise QuizError(f"{self.where}: answer must be a number or a model call")
        self.answer = float(ans)
        tol = self.raw.get("tolerance", {})
        if not (isinstance(tol, dict) and len(tol) == 1 and
                next(iter(tol)) in ("relative", "absolute") and
                isinstance(next(iter(tol.values())), (int, float))):
            raise QuizError(f"{self.where}: tolerance must be {{relative: x}} or "
                            f"{{absolute: x}}")
        kind, amount = next(iter(tol.items()))
        self.tolerance = self.answer * amount if kind == "relative" else float(amount)
        fb = self.raw.get("feedback", {})
        if not all(str(fb.get(k, "")).strip() for k in ("correct", "low", "high")):
            raise QuizError(f"{self.where}: numeric feedback needs correct, low and high")

    def _validate_ordering(self) -> None:
        self.items = self._options("items")
        if len(self.items) < 3:
            raise QuizError(f"{self.where}: an ordering question needs at least three items")
        if "check" in self.raw:
            expected = _model_value(self.raw["check"], self.where)
            got = [i["id"] for i in self.items]
            if got != list(expected):
                raise QuizError(f"{self.where}: stale key: the models give the order "
                                f"{list(expected)}, the bank lists {got}")
            self.model_checked = True

    # -- display helpers ---------------------------------------------------------------------
    def _shuffled(self, entries: list[dict]) -> list[dict]:
        return sorted(entries, key=lambda e: _digest(f"{self.bank}/{self.id}/{e['id']}"))

    def display_items(self) -> list[dict]:
        """Ordering items in a fixed shuffled order (the same every run, never the answer)."""
        items = list(self.items)
        shuffled = self._shuffled(items)
        if shuffled == items:
            shuffled = shuffled[1:] + shuffled[:1]
        return shuffled

    def _display_choices(self, entries: list[dict]) -> list[dict]:
        shown = self._shuffled(entries)
        right = [e for e in shown if e.get("correct") is True]
        if self.correct_slot is not None and len(right) == 1:
            shown.remove(right[0])
            shown.insert(self.correct_slot % len(entries), right[0])
        return shown

    def display_options(self) -> list[dict]:
        """The options of a single or multiple question in the order they are shown."""
        return self._display_choices(self.options)

    def display_reasons(self) -> list[dict]:
        """The reasons of a true/false question in the order they are shown."""
        return self._display_choices(self.reasons)

    def choices(self) -> list[dict]:
        """What a learner picks from, in display order: options, reasons or ordering items."""
        if self.kind in ("single", "multiple"):
            return self.display_options()
        if self.kind == "truefalse":
            return self.display_reasons()
        if self.kind == "ordering":
            return self.display_items()
        return []

    def unit_name(self) -> str:
        unit = getattr(self, "unit", "")
        return units.symbol(unit) if units.known(unit) else ""

    # -- grading -----------------------------------------------------------------------------
    def _find(self, options: list[dict], choice: Any) -> dict | None:
        """The entry a choice names: its id, its text, or its position in ``options`` (callers
        pass the display order, so position n is the n-th entry a learner sees)."""
        if isinstance(choice, bool):
            return None
        if isinstance(choice, int) and 0 <= choice < len(options):
            return options[choice]
        if isinstance(choice, str):
            c = choice.strip().lower()
            for o in options:
                if c in (str(o["id"]).lower(), str(o["text"]).strip().lower()):
                    return o
        return None

    def grade(self, response: Any) -> Result:
        try:
            return getattr(self, f"_grade_{self.kind}")(response)
        except RecursionError:  # pragma: no cover - absurdly nested input
            return Result(False, "That answer could not be read. Please try again.", False)

    def _grade_single(self, response: Any) -> Result:
        if response is None or response == "" or response == []:
            return Result(False, "Choose one of the options, then submit.", False)
        if isinstance(response, (list, tuple, set)) and len(response) == 1:
            response = next(iter(response))
        opt = self._find(self.display_options(), response)
        if opt is None:
            return Result(False, f"'{_short(response)}' is not one of the options. Choose one "
                          f"of: " + "; ".join(o["text"] for o in self.display_options()) + ".",
                          False)
        right = opt.get("correct") is True
        return Result(right, ("Correct. " if right else "Not quite. ") + opt["feedback"])

    def _grade_multiple(self, response: Any) -> Result:
        if response is None or isinstance(response, (str, bytes)) and not response.strip():
            return Result(False, "Tick every option you think is right, then submit.", False)
        choices = [response] if isinstance(response, (str, int)) else response
        if not isinstance(choices, (list, tuple, set, frozenset)):
            return Result(False, "Tick the options you think are right, then submit.", False)
        if len(choices) == 0:
            return Result(False, "You ticked nothing. Tick every option you think is right.",
                          False)
        shown, chosen = self.display_options(), []
        for c in choices:
            opt = self._find(shown, c)
            if opt is None:
                return Result(False, f"'{_short(c)}' is not one of the options.", False)
            if opt not in chosen:
                chosen.append(opt)
        wrong = [o for o in chosen if o.get("correct") is not True]
        missed = [o for o in shown if o.get("correct") is True and o not in chosen]
        if not wrong and not missed:
            return Result(True, "Correct. " + " ".join(o["feedback"] for o in chosen))
        parts = [f"'{o['text']}' does not belong: {o['feedback']}" for o in wrong]
        if missed:
            parts.append(f"You missed {len(missed)} right option"
                         f"{'s' if len(missed) > 1 else ''}:")
            parts += [f"'{o['text']}' is right too: {o['feedback']}" for o in missed]
        return Result(False, "Not quite. " + " ".join(parts))

    def _grade_truefalse(self, response: Any) -> Result:
        if isinstance(response, dict):
            verdict, reason = response.get("answer"), response.get("reason")
        elif isinstance(response, (list, tuple)) and len(response) == 2:
            verdict, reason = response
        else:
            return Result(False, "Choose true or false, and a reason, then submit.", False)
        if isinstance(verdict, str):
            verdict = {"true": True, "false": False}.get(verdict.strip().lower(), verdict)
        if not isinstance(verdict, bool):
            return Result(False, "Choose true or false first.", False)
        opt = self._find(self.display_reasons(), reason)
        if opt is None:
            return Result(False, "Choose the reason that best supports your answer.", False)
        verdict_ok = verdict == self.raw["answer"]
        reason_ok = opt.get("correct") is True
        # Each part names what it comments on: the reason's feedback often says "that" or
        # "it", meaning the reason, so the reason is quoted before it.
        said = self.raw["feedback"][verdict].strip()
        # the bank's verdict feedback often opens with the word itself ("True: ..."): say it once
        named = said.lower().startswith(("true", "false", "it is", "it's"))
        head = "Your verdict: " if named else f"Your verdict ({'true' if verdict else 'false'}): "
        message = f"{head}{said} Your reason ('{opt['text']}'): {opt['feedback']}"
        if verdict_ok and reason_ok:
            return Result(True, "Correct, and for the right reason. " + message)
        if verdict_ok:
            return Result(False, "Right verdict, but not the best reason. " + message)
        return Result(False, "Not quite. " + message)

    def _grade_numeric(self, response: Any) -> Result:
        unit = self.unit_name()
        if response is None:
            response = ""
        if not isinstance(response, (str, int, float)):
            return Result(False, f"Type a number, with its unit if you like (for example "
                          f"'{self.example()}'), then submit.", False)
        try:
            value = units.parse(response if not isinstance(response, str) else
                                _short(response), self.unit, self.minimum)
        except units.UnitInputError as exc:
            return Result(False, exc.message, False)
        except (ValueError, TypeError, OverflowError):
            return Result(False, f"'{_short(response)}' could not be read as a number in "
                          f"{unit}. Try something like '{self.example()}'.", False)
        fb = self.raw["feedback"]
        shown = f"{value:.4g} {unit}"
        if abs(value - self.answer) <= self.tolerance:
            return Result(True, f"Correct ({shown}). {fb['correct']}")
        side = "low" if value < self.answer else "high"
        return Result(False, f"Not quite: {shown} is too {side}. {fb[side]}")

    def example(self) -> str:
        return units.example(self.unit)

    def _grade_ordering(self, response: Any) -> Result:
        if not isinstance(response, (list, tuple)) or not response:
            return Result(False, "Put every item in order, then submit.", False)
        ids = []
        for r in response:
            opt = self._find(self.display_items(), r)
            if opt is None:
                return Result(False, f"'{_short(r)}' is not one of the items.", False)
            ids.append(opt["id"])
        want = [i["id"] for i in self.items]
        if sorted(ids) != sorted(want):
            return Result(False, f"Use each of the {len(want)} items exactly once.", False)
        if ids == want:
            return Result(True, "Correct. " + self.raw.get("explanation", "").strip())
        placed = sum(a == b for a, b in zip(ids, want))
        first = next(i for i, (a, b) in enumerate(zip(ids, want)) if a != b)
        item = next(i for i in self.items if i["id"] == want[first])
        return Result(False, f"Not yet: {placed} of {len(want)} are in the right place. "
                      f"Position {first + 1} should be '{item['text']}': {item['feedback']}")

    # -- the right answer, in words ----------------------------------------------------------
    def answer_text(self) -> str:
        if self.kind == "single":
            return next(o["text"] for o in self.options if o.get("correct"))
        if self.kind == "multiple":
            return "; ".join(o["text"] for o in self.display_options() if o.get("correct"))
        if self.kind == "truefalse":
            reason = next(r["text"] for r in self.reasons if r.get("correct"))
            return f"{'True' if self.raw['answer'] else 'False'}, because {reason}"
        if self.kind == "numeric":
            return (f"{self.answer:.4g} {self.unit_name()} "
                    f"(accepted within ±{self.tolerance:.3g} {self.unit_name()})")
        return " → ".join(i["text"] for i in self.items)

    def explanation(self) -> str:
        if self.kind in ("single", "multiple"):
            return " ".join(o["feedback"] for o in self.display_options() if o.get("correct"))
        if self.kind == "truefalse":
            return self.raw["feedback"][self.raw["answer"]]
        if self.kind == "numeric":
            return self.raw["feedback"]["correct"]
        return self.raw.get("explanation", "")


class Quiz:
    """A validated quiz bank."""

    def __init__(self, name: str, raw: dict):
        if not isinstance(raw, dict):
            raise QuizError(f"quiz bank {name}: not a mapping")
        self.name = name
        self.title = str(raw.get("title", name))
        objectives = raw.get("objectives")
        if not isinstance(objectives, dict) or not objectives:
            raise QuizError(f"quiz bank {name}: objectives missing")
        self.objectives = {str(k): str(v) for k, v in objectives.items()}
        from skinlab.data import dataset
        refs = set(dataset().references)
        qs = raw.get("questions")
        if not isinstance(qs, list) or not qs:
            raise QuizError(f"quiz bank {name}: no questions")
        self.questions: list[Question] = []
        for q in qs:
            if not isinstance(q, dict):
                raise QuizError(f"quiz bank {name}: every question must be a mapping")
            question = Question(name, q, self.objectives, refs)
            if any(other.id == question.id for other in self.questions):
                raise QuizError(f"quiz bank {name}: duplicate question id {question.id!r}")
            self.questions.append(question)
        self._by_id = {q.id: q for q in self.questions}
        # Spread the one right option over the positions: the questions, in a hashed order, take
        # the slots 1, 2, ... in turn (modulo their number of options), so across a bank it is
        # first in about one question of three or four, and never in every one.
        one_right = sorted((q for q in self.questions if q.kind in ("single", "truefalse")),
                           key=lambda q: _digest(f"{name}/{q.id}"))
        for rank, q in enumerate(one_right, 1):
            q.correct_slot = rank % len(q.options if q.kind == "single" else q.reasons)

    @classmethod
    def from_bank(cls, name: str, folder: str | Path = QUIZ_DIR) -> "Quiz":
        path = Path(folder) / f"{name}.yaml"
        if not path.exists():
            known = ", ".join(sorted(p.stem for p in Path(folder).glob("*.yaml")))
            raise QuizError(f"no quiz bank {name!r} (known: {known})")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise QuizError(f"quiz bank {name}: not valid YAML: {exc}") from None
        return cls(name, raw)

    def question(self, question_id: str) -> Question:
        try:
            return self._by_id[question_id]
        except (KeyError, TypeError):
            raise QuizError(f"quiz bank {self.name}: no question {question_id!r}") from None

    def grade(self, question_id: str, response: Any) -> Result:
        """Grade a response to one question; never raises for any response."""
        try:
            question = self._by_id[question_id]
        except (KeyError, TypeError):
            return Result(False, f"There is no question {_short(question_id)!r} in this quiz.",
                          False)
        return question.grade(response)

    def objective_map(self) -> dict[str, list[str]]:
        """Objective -> the ids of the questions that assess it."""
        out = {k: [] for k in self.objectives}
        for q in self.questions:
            out[q.objective].append(q.id)
        return out

    def summary(self) -> str:
        """One deterministic line for learners: the bank, its questions and kinds, and how many
        answers are worked out from the course's data (a bank loads only if they all agree)."""
        kinds = [KINDS[k] for k in KINDS if any(q.kind == k for q in self.questions)]
        checked = sum(q.model_checked for q in self.questions)
        if checked == 0:
            tail = "no answer depends on the course's data"
        elif checked == 1:
            tail = "1 answer is worked out from the course's data, and it agrees with it"
        else:
            tail = (f"{checked} answers are worked out from the course's data, and all "
                    f"{checked} agree with it")
        return (f"Quiz {self.name}: {len(self.questions)} questions ({', '.join(kinds)}) "
                f"on {len(self.objectives)} objectives; {tail}.")

    def answer_key(self, fmt: str = "markdown") -> str:
        """Questions with collapsible answers and explanations (for the book and teachers).

        ``fmt`` is ``"markdown"`` (with HTML ``<details>`` blocks, as Jupyter Book renders them)
        or ``"html"``. All bank text is escaped.
        """
        if fmt not in ("markdown", "html"):
            raise ValueError("fmt must be 'markdown' or 'html'")
        def esc(text: str) -> str:  # text nodes only: <, > and & escaped
            return html.escape(str(text), quote=False)

        entries = []  # choices in the order the widget shows them
        for q in self.questions:
            prefix = "reason: " if q.kind == "truefalse" else ""
            entries.append((q, [prefix + c["text"] for c in q.choices()]))
        if fmt == "markdown":
            lines = [f"# Answer key: {esc(self.title)}", ""]
            for n, (q, choices) in enumerate(entries, 1):
                lines += [f"**{n}. {esc(q.prompt)}** ({KINDS[q.kind]}; objective: "
                          f"{esc(self.objectives[q.objective])})", ""]
                lines += [f"- {esc(c)}" for c in choices] + ([""] if choices else [])
                lines += ["<details><summary>Answer</summary>", "",
                          f"**Answer:** {esc(q.answer_text())}", "", esc(q.explanation()),
                          "", "</details>", ""]
            return "\n".join(lines)
        parts = [f"<section class='skinlab-answer-key'><h2>Answer key: {esc(self.title)}</h2><ol>"]
        for q, choices in entries:
            items = "".join(f"<li>{esc(c)}</li>" for c in choices)
            parts.append(f"<li><p>{esc(q.prompt)} <em>({KINDS[q.kind]})</em></p>"
                         + (f"<ul>{items}</ul>" if items else "")
                         + f"<details><summary>Answer</summary><p><strong>"
                         f"{esc(q.answer_text())}</strong></p><p>{esc(q.explanation())}</p>"
                         f"</details></li>")
        return "".join(parts) + "</ol></section>"

    def widget(self):
        """The interactive quiz (see ``skinlab.quizwidget``); ``self.ui`` keeps its parts."""
        from skinlab.quizwidget import QuizWidget
        self.ui = QuizWidget(self)
        return self.ui.root


def banks(folder: str | Path = QUIZ_DIR) -> list[str]:
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))
