"""The kinds of question a bank holds, each one class that validates its part of the bank and
grades any response.

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

Banks are loaded by :mod:`skinlab.quiz.bank` (which also holds the ``reference`` kind: it
reads another bank), summarised by :mod:`skinlab.quiz.report` and printed by
:mod:`skinlab.quiz.answerkey`.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any, ClassVar

from skinlab import units
from skinlab.quiz.keys import model_value
from skinlab.text import Result

__all__ = ["KINDS", "MAX_TEXT", "QUIZ_DIR", "Question", "QuizError", "register"]

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


def digest(text: str) -> str:
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


def shorten(response: Any) -> str:
    text = str(response)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


class Question:
    """One validated question of a bank: the common fields; each kind adds its own."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    scored: bool = True  # per kind; a reference takes its target's
    # Where the one right option (single) or reason (truefalse) is shown, counted from 0; set by
    # the Quiz so that the positions spread over the bank. None: wherever the shuffle puts it.
    correct_slot: int | None = None
    model_checked = False

    def __init__(self, bank: str, raw: dict, objectives: dict, references: set[str],
                 folder: str | Path = QUIZ_DIR):
        self.bank = bank
        self.folder = str(folder)  # the bank's folder: a reference finds its target there
        self.raw = raw
        self.id = str(raw.get("id", "")).strip()
        self.where = f"quiz bank {bank}: question {self.id or '?'}"
        if not self.id:
            raise QuizError(f"quiz bank {bank}: a question has no id")
        objective = raw.get("objective")
        if not isinstance(objective, str) or objective not in objectives:
            raise QuizError(f"{self.where}: objective {objective!r} is not one of the "
                            f"bank's objectives ({', '.join(objectives)})")
        self.objective = objective
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
    def make(bank: str, raw: dict, objectives: dict, references: set[str],
             folder: str | Path = QUIZ_DIR) -> "Question":
        """The question of the registered class for ``raw['kind']`` (``folder``: the bank's)."""
        kind = raw.get("kind")
        if kind not in KINDS:
            raise QuizError(f"quiz bank {bank}: question {raw.get('id', '?')}: kind must be one "
                            f"of {', '.join(KINDS)}, got {kind!r}")
        return KINDS[kind](bank, raw, objectives, references, folder)

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
        return sorted(entries, key=lambda e: digest(f"{self.bank}/{self.id}/{e['id']}"))

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
            return Result(False, f"'{shorten(response)}' is not one of the options. Choose one "
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
                return Result(False, f"'{shorten(c)}' is not one of the options.", False)
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
        unit = self.raw.get("unit")
        if not (isinstance(unit, str) and units.known(unit)):
            raise QuizError(f"{self.where}: unit must be one of {', '.join(units.UNITS)}")
        self.unit = unit
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
            return units.parse(shorten(response) if isinstance(response, str) else response,
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
                return Result(False, f"'{shorten(r)}' is not one of the items.", False)
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
        verdict = self.raw.get("verdict")
        if not isinstance(verdict, str) or verdict not in ids:
            raise QuizError(f"{self.where}: verdict must be one of {', '.join(ids)}")
        self.verdict = verdict
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
