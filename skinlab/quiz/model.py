"""Quiz banks: load and validate them, grade any response, summarise for the learner, print an
answer key.

A bank is YAML in ``skinlab/quizzes/<name>.yaml`` (one per notebook): a ``title``, the notebook's
``objectives`` (key -> sentence) and ``questions``. Every question has an ``id``, a ``kind``, the
``objective`` it assesses, a ``prompt`` and feedback for every answer; where it states a fact it
names its ``source`` key(s); a ``section`` (optional) puts it in a check inside the notebook's
section of that name, the rest come at the end. Each kind is one class, registered in
:data:`KINDS`:

- ``single``: ``options`` (each ``id``, ``text``, ``feedback``, one ``correct: true``);
- ``multiple``: the same, one or more correct; the response is the set of chosen options;
- ``truefalse``: a ``statement``, ``answer`` (true/false), ``feedback`` for true and false, and
  3-4 ``reasons`` (one correct); both parts must be right;
- ``numeric``: ``answer`` (a number, or a model call), ``unit``, ``tolerance`` (``relative`` or
  ``absolute`` in the unit), ``feedback`` (``correct``, ``low``, ``high``) and an optional
  ``minimum`` (zero by default for a thickness or a time; ``null`` for a log value); responses
  are read by :func:`skinlab.units.parse`;
- ``ordering``: ``items`` (each ``id``, ``text``) listed in the correct order;
- ``prediction``: a guess recorded before a reveal, never scored: ``options`` (each ``id``,
  ``text``) or a ``unit``, and a ``reveal`` (what to do next: run the cell that shows it);
- ``rate``: a ``statement`` the learner rates on a ``scale`` (each ``id``, ``text``), then sees
  the ``verdict`` (a scale id) and the ``evidence``; it counts as right when the rating is the
  verdict. ``claim: KEY`` instead takes all of these from ``skinlab/data/claims.yaml``
  (:mod:`skinlab.claims`);
- ``reference``: ``ref: {bank, id}`` reuses a question of another bank (the final assessment),
  assessing an objective of this one.

Options, reasons and ordering items are shown in a fixed shuffled order (``display_options``,
``display_reasons``, ``display_items``) made from SHA-256 hashes of the bank, question and entry
ids, so it is the same on every run and machine. Within a bank the one right option of the
single-choice and true/false questions is spread over the positions. Responses are graded by id,
never by position.

A key that depends on a number is tied to the models with ``check: {model: NAME, ...}`` (for
``single``, the correct option's ``value`` must equal the model's result; for ``truefalse``, the
answer; for ``ordering``, the items' ids) or ``answer: {model: NAME, ...}`` (numeric). Changing
the data then makes a stale key fail validation, and the tests.

The model never imports its view: :class:`skinlab.quiz.Quiz` (the package's facade) adds
``widget()``, which makes a :class:`skinlab.quiz.widget.QuizWidget` and returns its box.
"""

from __future__ import annotations

import hashlib
import html
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from skinlab import units
from skinlab.data import load_yaml
from skinlab.quiz.keys import MODELS, model_value
from skinlab.text import Result, count

__all__ = ["KINDS", "MODELS", "Question", "Quiz", "QuizError", "Result", "banks"]

QUIZ_DIR = Path(__file__).resolve().parents[1] / "quizzes"
MAX_TEXT = 200  # characters of a free-text response echoed back in feedback
KINDS: dict[str, type["Question"]] = {}


def register(kind: str, label: str):
    """Register a question class under its kind (the name banks use)."""
    def decorate(cls):
        cls.kind, cls.label = kind, label
        KINDS[kind] = cls
        return cls
    return decorate


def _digest(text: str) -> str:
    """A stable hash (unlike ``hash()``, the same in every process)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class QuizError(ValueError):
    """A bad bank; the message names the bank and the question."""


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
    """One validated question of a bank: the common fields; each kind adds its own."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    scored: ClassVar[bool] = True
    # Where the one right option (single) or reason (truefalse) is shown, counted from 0; set by
    # the Quiz so that the positions spread over the bank. None: wherever the shuffle puts it.
    correct_slot: int | None = None
    model_checked = False

    def __init__(self, bank: str, raw: dict, objectives: dict, references: set[str]):
        self.bank = bank
        self.raw = raw
        self.id = str(raw.get("id", "")).strip()
        self.where = f"quiz bank {bank}: question {self.id or '?'}"
        if not self.id:
            raise QuizError(f"quiz bank {bank}: a question has no id")
        self.objective = raw.get("objective")
        if self.objective not in objectives:
            raise QuizError(f"{self.where}: objective {self.objective!r} is not one of the "
                            f"bank's objectives ({', '.join(objectives)})")
        self.section = str(raw.get("section") or "")
        self.prompt = str(raw.get("prompt") or raw.get("statement") or "").strip()
        src = raw.get("source", [])
        self.sources = [src] if isinstance(src, str) else list(src or [])
        for key in self.sources:
            if key not in references:
                raise QuizError(f"{self.where}: unknown source key {key!r}")
        self.validate()
        if not self.prompt:
            raise QuizError(f"{self.where}: no prompt")

    @staticmethod
    def make(bank: str, raw: dict, objectives: dict, references: set[str]) -> "Question":
        """The question of the registered class for ``raw['kind']``."""
        kind = raw.get("kind")
        if kind not in KINDS:
            raise QuizError(f"quiz bank {bank}: question {raw.get('id', '?')}: kind must be one "
                            f"of {', '.join(KINDS)}, got {kind!r}")
        return KINDS[kind](bank, raw, objectives, references)

    # -- for kinds -----------------------------------------------------------------------------
    def validate(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def grade(self, response: Any) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def answer_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def explanation(self) -> str:
        return ""

    def choices(self) -> list[dict]:
        """What a learner picks from, in display order (none for a typed answer)."""
        return []

    # -- shared helpers ------------------------------------------------------------------------
    def _entries(self, field: str = "options", feedback: bool = True) -> list[dict]:
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
            if feedback and not str(o.get("feedback", "")).strip():
                raise QuizError(f"{self.where}: {field} {oid} has no feedback")
        return opts

    def _shuffled(self, entries: list[dict]) -> list[dict]:
        return sorted(entries, key=lambda e: _digest(f"{self.bank}/{self.id}/{e['id']}"))

    def _display_choices(self, entries: list[dict]) -> list[dict]:
        shown = self._shuffled(entries)
        right = [e for e in shown if e.get("correct") is True]
        if self.correct_slot is not None and len(right) == 1:
            shown.remove(right[0])
            shown.insert(self.correct_slot % len(entries), right[0])
        return shown

    @staticmethod
    def _find(options: list[dict], choice: Any) -> dict | None:
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

    def record_key(self) -> tuple[str, str]:
        """(bank, question id) an answer is recorded under: a reference's are its target's."""
        return self.bank, self.id

    def unit_name(self) -> str:
        unit = getattr(self, "unit", "")
        return units.symbol(unit) if unit and units.known(unit) else ""


@register("single", "single choice")
class SingleChoice(Question):
    def validate(self) -> None:
        self.options = self._entries()
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

    def display_options(self) -> list[dict]:
        """The options in the order they are shown."""
        return self._display_choices(self.options)

    def choices(self) -> list[dict]:
        return self.display_options()

    def grade(self, response: Any) -> Result:
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

    def answer_text(self) -> str:
        return next(o["text"] for o in self.options if o.get("correct"))

    def explanation(self) -> str:
        return " ".join(o["feedback"] for o in self.display_options() if o.get("correct"))


@register("multiple", "multiple select")
class MultipleSelect(SingleChoice):
    def validate(self) -> None:
        self.options = self._entries()
        if not any(o.get("correct") is True for o in self.options):
            raise QuizError(f"{self.where}: a multiple-select question needs a correct option")

    def grade(self, response: Any) -> Result:
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

    def answer_text(self) -> str:
        return "; ".join(o["text"] for o in self.display_options() if o.get("correct"))


@register("truefalse", "true/false with a reason")
class TrueFalse(Question):
    def validate(self) -> None:
        if not isinstance(self.raw.get("answer"), bool):
            raise QuizError(f"{self.where}: answer must be true or false")
        fb = self.raw.get("feedback", {})
        if not (isinstance(fb, dict) and fb.get(True) and fb.get(False)):
            raise QuizError(f"{self.where}: needs feedback for true and for false")
        self.reasons = self._entries("reasons")
        if not 3 <= len(self.reasons) <= 4:
            raise QuizError(f"{self.where}: needs 3 or 4 reasons, has {len(self.reasons)}")
        if sum(1 for r in self.reasons if r.get("correct") is True) != 1:
            raise QuizError(f"{self.where}: exactly one reason must be correct")
        if "check" in self.raw:
            expected = _model_value(self.raw["check"], self.where)
            if expected != self.raw["answer"]:
                raise QuizError(f"{self.where}: stale key: the models say {expected!r}")
            self.model_checked = True

    @property
    def options(self) -> list[dict]:  # the entries whose right one is spread over the bank
        return self.reasons

    def display_reasons(self) -> list[dict]:
        """The reasons in the order they are shown."""
        return self._display_choices(self.reasons)

    def choices(self) -> list[dict]:
        return self.display_reasons()

    def grade(self, response: Any) -> Result:
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

    def answer_text(self) -> str:
        reason = next(r["text"] for r in self.reasons if r.get("correct"))
        return f"{'True' if self.raw['answer'] else 'False'}, because {reason}"

    def explanation(self) -> str:
        return self.raw["feedback"][self.raw["answer"]]


@register("numeric", "numeric with a unit")
class Numeric(Question):
    def validate(self) -> None:
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
        if isinstance(amount, bool) or not math.isfinite(amount) or amount <= 0:
            raise QuizError(f"{self.where}: a tolerance must be a positive number, got {amount!r}")
        if kind == "relative" and self.answer == 0:
            raise QuizError(f"{self.where}: a relative tolerance on an answer of 0 accepts nothing "
                            f"but 0: use absolute")
        # relative to the answer's size, so a negative answer (a log value) gets a positive one
        self.tolerance = abs(self.answer) * amount if kind == "relative" else float(amount)
        fb = self.raw.get("feedback", {})
        if not all(str(fb.get(k, "")).strip() for k in ("correct", "low", "high")):
            raise QuizError(f"{self.where}: numeric feedback needs correct, low and high")

    def example(self) -> str:
        return units.example(self.unit)

    def read(self, response: Any) -> float | Result:
        """The typed number in the question's unit, or a Result saying why it cannot be read."""
        if response is None:
            response = ""
        if not isinstance(response, (str, int, float)) or isinstance(response, bool):
            if isinstance(response, bool):
                return Result(False, "Type a number, not true or false.", False)
            return Result(False, f"Type a number, with its unit if you like (for example "
                          f"'{self.example()}'), then submit.", False)
        try:
            return units.parse(_short(response) if isinstance(response, str) else response,
                               self.unit, self.minimum)
        except units.UnitInputError as exc:
            return Result(False, exc.message, False)

    def grade(self, response: Any) -> Result:
        value = self.read(response)
        if isinstance(value, Result):
            return value
        fb = self.raw["feedback"]
        shown = f"{value:.4g} {self.unit_name()}".strip()
        if abs(value - self.answer) <= self.tolerance:
            return Result(True, f"Correct ({shown}). {fb['correct']}")
        side = "low" if value < self.answer else "high"
        return Result(False, f"Not quite: {shown} is too {side}. {fb[side]}")

    def answer_text(self) -> str:
        return (f"{self.answer:.4g} {self.unit_name()} "
                f"(accepted within ±{self.tolerance:.3g} {self.unit_name()})")

    def explanation(self) -> str:
        return self.raw["feedback"]["correct"]


@register("ordering", "ordering")
class Ordering(Question):
    def validate(self) -> None:
        self.items = self._entries("items")
        if len(self.items) < 3:
            raise QuizError(f"{self.where}: an ordering question needs at least three items")
        if "check" in self.raw:
            expected = _model_value(self.raw["check"], self.where)
            got = [i["id"] for i in self.items]
            if got != list(expected):
                raise QuizError(f"{self.where}: stale key: the models give the order "
                                f"{list(expected)}, the bank lists {got}")
            self.model_checked = True

    def display_items(self) -> list[dict]:
        """The items in a fixed shuffled order (the same every run, never the answer)."""
        items = list(self.items)
        shuffled = self._shuffled(items)
        if shuffled == items:
            shuffled = shuffled[1:] + shuffled[:1]
        return shuffled

    def choices(self) -> list[dict]:
        return self.display_items()

    def grade(self, response: Any) -> Result:
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

    def answer_text(self) -> str:
        return " → ".join(i["text"] for i in self.items)

    def explanation(self) -> str:
        return self.raw.get("explanation", "")


@register("prediction", "prediction: recorded, not scored")
class Prediction(Question):
    """A guess before a reveal: recorded, never scored, never right or wrong."""

    scored = False

    claim = None  # a popular article's claim being checked (``claim: KEY``)

    def validate(self) -> None:
        self.reveal = str(self.raw.get("reveal", "")).strip()
        if not self.reveal:
            raise QuizError(f"{self.where}: a prediction needs a reveal (what to look at next)")
        if "claim" in self.raw:
            self._from_claim()
        elif "options" in self.raw:
            self.options = self._entries(feedback=False)
            if any("correct" in o for o in self.options):
                raise QuizError(f"{self.where}: a prediction has no correct option")
            self.unit = None
        else:
            self.unit = self.raw.get("unit")
            if not (isinstance(self.unit, str) and units.known(self.unit)):
                raise QuizError(f"{self.where}: a prediction needs options or a unit")
            self.minimum = self.raw.get("minimum",
                                        0.0 if self.unit in units.NON_NEGATIVE else None)

    def _from_claim(self) -> None:
        """``claim: KEY``: a first rating of a popular article's claim, on the verdict scale,
        recorded before the course checks it (notebook 06 shows it beside the verdict). The
        claim's words come from ``skinlab/data/claims.yaml``: a claim being checked, quoted."""
        from skinlab import claims
        try:
            self.claim = claims.claim(str(self.raw["claim"]))
        except ValueError as exc:
            raise QuizError(f"{self.where}: {exc}") from None
        self.prompt = (f"A popular article says: \u201c{self.claim.as_said}\u201d What do you "
                       f"expect the evidence to say?")
        self.options = [{"id": k, "text": v} for k, v in claims.verdicts().items()]
        self.sources = list(self.claim.sources)
        self.unit = None

    def display_options(self) -> list[dict]:
        if self.claim is not None:
            return list(self.options)  # a scale keeps its own order
        return self._shuffled(self.options) if self.unit is None else []

    def choices(self) -> list[dict]:
        return self.display_options()

    def example(self) -> str:
        return units.example(self.unit) if self.unit else ""

    def grade(self, response: Any) -> Result:
        if self.unit is None:
            opt = self._find(self.display_options(), response)
            if opt is None:
                return Result(False, "Choose what you expect, then record it.", False, False)
            said = opt["text"]
        else:
            if response is None or (isinstance(response, str) and not response.strip()):
                return Result(False, f"Type what you expect (for example {self.example()}), "
                              f"then record it.", False, False)
            try:
                value = units.parse(response, self.unit, self.minimum)
            except units.UnitInputError as exc:
                return Result(False, exc.message, False, False)
            said = f"{value:.4g} {self.unit_name()}".strip()
        return Result(False, f"Recorded your prediction: {said}. {self.reveal}", True, False)

    def answer_text(self) -> str:
        return "(a prediction: no right answer; " + self.reveal + ")"


@register("rate", "rate, then see the evidence")
class Rate(Question):
    """A statement the learner rates; then the verdict and the evidence are shown."""

    DEFAULT_SCALE = ({"id": "supported", "text": "supported by the evidence"},
                     {"id": "mixed", "text": "partly supported, or the evidence is mixed"},
                     {"id": "unsupported", "text": "not supported by the evidence"})

    def validate(self) -> None:
        if "claim" in self.raw:
            self._from_claim()
            return
        self.scale = list(self.raw.get("scale") or self.DEFAULT_SCALE)
        ids = [str(s.get("id", "")) for s in self.scale if isinstance(s, dict)]
        if len(ids) < 2 or len(set(ids)) != len(ids) or not all(ids):
            raise QuizError(f"{self.where}: a rating scale needs two or more entries with ids")
        self.verdict = self.raw.get("verdict")
        if self.verdict not in ids:
            raise QuizError(f"{self.where}: verdict must be one of {', '.join(ids)}")
        self.evidence = str(self.raw.get("evidence", "")).strip()
        if not self.evidence or not self.sources:
            raise QuizError(f"{self.where}: a rated statement needs evidence and sources")

    def _from_claim(self) -> None:
        """``claim: KEY``: the statement, scale, verdict, evidence and sources come from
        ``skinlab/data/claims.yaml``, so the bank cannot disagree with the data."""
        from skinlab import claims
        try:
            c = claims.claim(str(self.raw["claim"]))
        except ValueError as exc:
            raise QuizError(f"{self.where}: {exc}") from None
        self.claim = c
        self.prompt = f"As often said: \u201c{c.as_said}\u201d Restated: {c.restated}"
        self.scale = [{"id": k, "text": v} for k, v in claims.verdicts().items()]
        self.verdict = c.verdict
        self.evidence = c.reveal()
        self.sources = list(c.sources)
        self.model_checked = True  # the verdict is the data's, so it cannot go stale

    def choices(self) -> list[dict]:
        return list(self.scale)  # a scale keeps its own order

    def grade(self, response: Any) -> Result:
        opt = self._find(self.scale, response)
        if opt is None:
            return Result(False, "Choose your rating, then submit.", False)
        verdict = next(s for s in self.scale if s["id"] == self.verdict)
        right = opt["id"] == self.verdict
        head = "You agree with the evidence." if right else "The evidence says otherwise."
        why = ""
        if not right and getattr(self, "claim", None) is not None:
            from skinlab import claims
            why = f" {claims.contrast(opt['id'], self.verdict)}"
        return Result(right, f"{head} You rated it {opt['text']}; the verdict: "
                             f"{verdict['text']}.{why} {self.evidence}")

    def answer_text(self) -> str:
        return next(s["text"] for s in self.scale if s["id"] == self.verdict)

    def explanation(self) -> str:
        return self.evidence


@lru_cache(maxsize=None)
def _bank(name: str, folder: str) -> "Quiz":
    return Quiz.from_bank(name, folder)


@register("reference", "from another notebook")
class Reference(Question):
    """A question of another bank, asked again here (its grading, feedback and key are its own)."""

    def validate(self) -> None:
        ref = self.raw.get("ref")
        if not (isinstance(ref, dict) and ref.get("bank") and ref.get("id")):
            raise QuizError(f"{self.where}: a reference needs ref: {{bank: ..., id: ...}}")
        folder = str(self.raw.get("_folder", QUIZ_DIR))
        if ref["bank"] == self.bank:
            raise QuizError(f"{self.where}: a reference must point to another bank")
        try:
            self.target = _bank(str(ref["bank"]), folder).question(str(ref["id"]))
        except QuizError as exc:
            raise QuizError(f"{self.where}: {exc}") from None
        if isinstance(self.target, Reference):
            raise QuizError(f"{self.where}: a reference cannot point to another reference")
        self.prompt = self.target.prompt
        self.scored = self.target.scored
        self.model_checked = self.target.model_checked

    def grade(self, response: Any) -> Result:
        return self.target.grade(response)

    def record_key(self) -> tuple[str, str]:
        return self.target.bank, self.target.id

    def choices(self) -> list[dict]:
        return self.target.choices()

    def answer_text(self) -> str:
        return self.target.answer_text()

    def explanation(self) -> str:
        return self.target.explanation()

    def __getattr__(self, name: str):  # the target's kind-specific parts (options, unit, ...)
        if name == "target":
            raise AttributeError(name)
        return getattr(self.target, name)


def _final_objectives(name: str, raw: dict, folder: str | Path) -> tuple[dict, dict]:
    """A final bank (``final: true``, no ``objectives``) asks only other banks' questions; each
    assesses its own bank's objective, keyed ``bank:objective``."""
    objectives: dict[str, str] = {}
    questions = []
    for q in raw.get("questions") or []:
        if not (isinstance(q, dict) and q.get("kind") == "reference"):
            raise QuizError(f"quiz bank {name}: a final bank asks only references "
                            f"(question {q.get('id', '?') if isinstance(q, dict) else q!r})")
        ref = q.get("ref") or {}
        try:
            target = _bank(str(ref.get("bank")), str(folder)).question(str(ref.get("id")))
        except QuizError as exc:
            raise QuizError(f"quiz bank {name}: question {q.get('id', '?')}: {exc}") from None
        key = f"{target.bank}:{target.objective}"
        objectives[key] = _bank(target.bank, str(folder)).objectives[target.objective]
        questions.append({**q, "objective": key})
    return {**raw, "questions": questions}, objectives


class Quiz:
    """A validated quiz bank."""

    def __init__(self, name: str, raw: dict, folder: str | Path = QUIZ_DIR):
        if not isinstance(raw, dict):
            raise QuizError(f"quiz bank {name}: not a mapping")
        self.name = name
        self.folder = str(folder)
        self.final = raw.get("final") is True  # a final assessment: other banks' questions
        self.title = str(raw.get("title", name))
        objectives = raw.get("objectives")
        if objectives is None and raw.get("final") is True:
            raw, objectives = _final_objectives(name, raw, folder)
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
            if q.get("kind") == "reference":
                q = {**q, "_folder": str(folder)}
            question = Question.make(name, q, self.objectives, refs)
            if any(other.id == question.id for other in self.questions):
                raise QuizError(f"quiz bank {name}: duplicate question id {question.id!r}")
            self.questions.append(question)
        self._by_id = {q.id: q for q in self.questions}
        # Spread the one right option over the positions: the questions, in a hashed order, take
        # the slots 1, 2, ... in turn (modulo their number of options), so across a bank it is
        # first in about one question of three or four, and never in every one.
        one_right = sorted((q for q in self.questions
                            if isinstance(q, (SingleChoice, TrueFalse))
                            and not isinstance(q, MultipleSelect)),
                           key=lambda q: _digest(f"{name}/{q.id}"))
        for rank, q in enumerate(one_right, 1):
            q.correct_slot = rank % len(q.options)

    @classmethod
    def from_bank(cls, name: str, folder: str | Path = QUIZ_DIR) -> "Quiz":
        path = Path(folder) / f"{name}.yaml"
        if not path.exists():
            known = ", ".join(sorted(p.stem for p in Path(folder).glob("*.yaml")))
            raise QuizError(f"no quiz bank {name!r} (known: {known})")
        try:
            raw = load_yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise QuizError(f"quiz bank {name}: not valid YAML: {exc}") from None
        return cls(name, raw, folder)

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
        try:
            return question.grade(response)
        except RecursionError:  # pragma: no cover - absurdly nested input
            return Result(False, "That answer could not be read. Please try again.", False)

    def section(self, section: str | None) -> list[Question]:
        """The questions of one section of the notebook (None: those at the end)."""
        want = section or ""
        return [q for q in self.questions if q.section == want]

    def sections(self) -> list[str]:
        """The sections that have their own check, in the bank's order."""
        return list(dict.fromkeys(q.section for q in self.questions if q.section))

    def objective_map(self) -> dict[str, list[str]]:
        """Objective -> the ids of the scored questions that assess it."""
        out = {k: [] for k in self.objectives}
        for q in self.questions:
            if q.scored:
                out[q.objective].append(q.id)
        return out

    def summary(self, section: str | None = None) -> str:
        """For the learner: how many of these questions they have answered, how many right, and
        which objectives to revisit (from their own record; predictions do not count)."""
        questions = [q for q in (self.section(section) if section is not None else
                                 self.questions) if q.scored]
        latest = self._latest(questions)
        n = len(questions)
        where = "in this check" if section is not None else "in this quiz"
        plural = "question" if n == 1 else "questions"
        if not latest:
            return (f"You have not answered any of the {n} {plural} {where} yet. Each answer "
                    f"you submit is recorded on this computer only.")
        right = sum(1 for a in latest.values() if a["correct"])
        text = (f"You have answered {len(latest)} of {n} {plural} {where}, {right} "
                f"correctly.")
        wrong = [q for q in questions if q.id in latest and not latest[q.id]["correct"]]
        if wrong:
            objectives = list(dict.fromkeys(self.objectives[q.objective] for q in wrong))
            text += " To revisit: " + "; ".join(objectives) + "."
        elif len(latest) == n:
            text += " Well done: every answer is right."
        return text

    @staticmethod
    def _latest(questions: list[Question]) -> dict[str, dict]:
        """The learner's latest answer to each question, by this bank's question id (a
        reference's answer is read where it is recorded: under its own bank)."""
        from skinlab.progress import store as progress

        by_bank: dict[str, dict[str, str]] = {}
        for q in questions:
            bank, qid = q.record_key()
            by_bank.setdefault(bank, {})[qid] = q.id
        out = {}
        for bank, ids in by_bank.items():
            for qid, entry in progress.latest(bank, set(ids)).items():
                out[ids[qid]] = entry
        return out

    def report(self) -> str:
        """The score notebook by notebook, and for each objective with a wrong answer, the
        section of its notebook to revisit: for the final assessment, whose objectives are every
        notebook's (``bank:objective``). Answers are read where they are recorded."""
        from skinlab.data import dataset

        books = {str(v.get("bank")): (k, v) for k, v in
                 dataset().tree("notebooks.yaml")["notebooks"].items() if v.get("bank")}
        scored = [q for q in self.questions if q.scored]
        latest = self._latest(scored)
        done = [q for q in scored if q.id in latest]
        right = [q for q in done if latest[q.id]["correct"]]
        lines = [f"{self.title}: {len(done)} of {len(scored)} answered, {len(right)} right."]
        if not done:
            lines.append("Answer the questions above; this report then gives your score for each "
                         "notebook and, where an answer was wrong, the section to revisit.")
            return "\n".join(lines)
        by_bank: dict[str, list[Question]] = {}
        for q in scored:
            by_bank.setdefault(q.record_key()[0], []).append(q)
        for bank, qs in by_bank.items():
            number, book = books.get(bank, ("?", {}))
            mine = [q for q in qs if q.id in latest]
            ok = sum(1 for q in mine if latest[q.id]["correct"])
            if not mine:
                lines.append(f"Notebook {number}: not answered yet ({len(qs)} asked).")
                continue
            lines.append(f"Notebook {number}: {ok} of {len(mine)} answered right "
                         f"({len(qs)} asked), by objective:")
            for key in dict.fromkeys(q.objective for q in mine):
                on = [q for q in mine if q.objective == key]
                good = sum(1 for q in on if latest[q.id]["correct"])
                line = f"  - {self.objectives[key]}: {good} of {len(on)} right"
                if good < len(on):
                    line += f"; revisit {self._place(bank, key, number, book)}"
                lines.append(line + ".")
        return "\n".join(lines)

    def _place(self, bank: str, key: str, number: str, book: dict) -> str:
        """Where to revisit an objective: its notebook and the section of its first check."""
        own = key.split(":", 1)[-1]
        sections = [q.section for q in _bank(bank, self.folder).questions
                    if q.objective == own and q.section and q.scored]
        titles = book.get("sections") or {}
        where = next((titles[s] for s in sections if s in titles), None)
        place = book.get("file", f"notebook {number}")
        return place + (f", section \u201c{where}\u201d" if where else "")

    def key_summary(self) -> str:
        """For teachers and tests: the bank's kinds, objectives, and how many answers are worked
        out from the course's data (a bank loads only if they all agree)."""
        kinds = [cls.label for kind, cls in KINDS.items()
                 if any(q.kind == kind for q in self.questions)]
        checked = sum(q.model_checked for q in self.questions)
        if checked == 0:
            tail = "no answer depends on the course's data"
        elif checked == 1:
            tail = "1 answer is worked out from the course's data, and it agrees with it"
        else:
            tail = (f"{checked} answers are worked out from the course's data, and all "
                    f"{checked} agree with it")
        return (f"Quiz {self.name}: {count(len(self.questions), 'question')} "
                f"({', '.join(kinds)}) on {count(len(self.objectives), 'objective')}; {tail}.")

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
            lines = [f"# Answer key: {esc(self.title)}", "", esc(self.key_summary()), ""]
            for n, (q, choices) in enumerate(entries, 1):
                lines += [f"**{n}. {esc(q.prompt)}** ({q.label}; objective: "
                          f"{esc(self.objectives[q.objective])})", ""]
                lines += [f"- {esc(c)}" for c in choices] + ([""] if choices else [])
                lines += ["<details><summary>Answer</summary>", "",
                          f"**Answer:** {esc(q.answer_text())}", "", esc(q.explanation()),
                          "", "</details>", ""]
            return "\n".join(lines)
        parts = [f"<section class='skinlab-answer-key'><h2>Answer key: {esc(self.title)}</h2>"
                 f"<p>{esc(self.key_summary())}</p><ol>"]
        for q, choices in entries:
            items = "".join(f"<li>{esc(c)}</li>" for c in choices)
            parts.append(f"<li><p>{esc(q.prompt)} <em>({q.label})</em></p>"
                         + (f"<ul>{items}</ul>" if items else "")
                         + f"<details><summary>Answer</summary><p><strong>"
                         f"{esc(q.answer_text())}</strong></p><p>{esc(q.explanation())}</p>"
                         f"</details></li>")
        return "".join(parts) + "</ol></section>"


def banks(folder: str | Path = QUIZ_DIR) -> list[str]:
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))
