"""Quiz banks: load and validate one (:class:`Quiz`), grade a response to any of its questions,
and the ``reference`` kind, which asks a question of another bank (the final assessment's bank,
``final: true``, holds only references, each assessing its own bank's objective).

The kinds are in :mod:`skinlab.quiz.kinds`; what a learner sees of their answers in
:mod:`skinlab.quiz.report`; the answer key in :mod:`skinlab.quiz.answerkey`. The bank never
imports its view: :class:`skinlab.quiz.Quiz` (the package's facade) adds ``widget()``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from skinlab.data import dataset, load_yaml
from skinlab.quiz import answerkey, report as report_
from skinlab.quiz.kinds import (QUIZ_DIR, MultipleSelect, Question, QuizError, SingleChoice,
                                TrueFalse, digest, shorten, register)
from skinlab.text import Result

__all__ = ["Quiz", "Reference", "banks"]


def _bank(name: str, folder: str) -> "Quiz":
    """The bank a reference points to, loaded once per version of its file (an edited bank is
    read again: the audit of a planted copy must not see the copy's clean bank)."""
    try:
        stat = (Path(folder) / f"{name}.yaml").stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = None  # Quiz.from_bank says what is missing
    return _bank_version(name, folder, version)


@lru_cache(maxsize=None)
def _bank_version(name: str, folder: str, version: tuple[int, int] | None) -> "Quiz":
    return Quiz.from_bank(name, folder)


@register("reference", "from another notebook")
class Reference(Question):
    """A question of another bank, asked again here (its grading, feedback and key are its own)."""

    def validate(self) -> None:
        ref = self.raw.get("ref")
        if not (isinstance(ref, dict) and ref.get("bank") and ref.get("id")):
            raise QuizError(f"{self.where}: a reference needs ref: {{bank: ..., id: ...}}")
        if ref["bank"] == self.bank:
            raise QuizError(f"{self.where}: a reference must point to another bank")
        try:
            self.target = _bank(str(ref["bank"]), self.folder).question(str(ref["id"]))
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
        refs = set(dataset().references)
        qs = raw.get("questions")
        if not isinstance(qs, list) or not qs:
            raise QuizError(f"quiz bank {name}: no questions")
        self.questions: list[Question] = []
        for q in qs:
            if not isinstance(q, dict):
                raise QuizError(f"quiz bank {name}: every question must be a mapping")
            question = Question.make(name, q, self.objectives, refs, folder)
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
                           key=lambda q: digest(f"{name}/{q.id}"))
        for rank, q in enumerate(one_right, 1):
            q.correct_slot = rank % len(q.options)

    @classmethod
    def from_bank(cls, name: str, folder: str | Path = QUIZ_DIR) -> "Quiz":
        """A bank of the course (or of ``folder``) by name, loaded and validated.

        Parameters
        ----------
        name : str
            The bank's name: its file's name without ``.yaml``, e.g. ``"01_skin_layers"`` (see
            :func:`banks`).
        folder : str or pathlib.Path, optional
            The folder of banks (default: the course's own, ``skinlab/quizzes``).

        Returns
        -------
        Quiz
            The validated bank: its ``title``, ``objectives`` and ``questions``.

        Raises
        ------
        skinlab.quiz.QuizError
            For a bank that does not exist, is not valid YAML, or fails validation (the message
            names the bank and the question).

        Examples
        --------
        >>> quiz = Quiz.from_bank("01_skin_layers")
        >>> quiz.title, len(quiz.questions)
        ('Check yourself: the skin, layer by layer', 17)
        >>> quiz.sections()[:3]
        ['strata', 'dermis', 'hypodermis']
        >>> Quiz.from_bank("99_skin")
        Traceback (most recent call last):
        ...
        skinlab.quiz.kinds.QuizError: no quiz bank '99_skin' (known: 00_start_here, ...)
        """
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
            return Result(False, f"There is no question {shorten(question_id)!r} in this quiz.",
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
        out: dict[str, list[str]] = {k: [] for k in self.objectives}
        for q in self.questions:
            if q.scored:
                out[q.objective].append(q.id)
        return out

    def other(self, bank: str) -> "Quiz":
        """Another bank of this one's folder (loaded once)."""
        return _bank(bank, self.folder)

    def summary(self, section: str | None = None) -> str:
        """For the learner: how many questions of ``section`` (None: all) they have answered, how
        many right, and which objectives to revisit (:func:`skinlab.quiz.report.summary`).

        Parameters
        ----------
        section : str, optional
            A section of the notebook with its own check (see :meth:`sections`); None (the default)
            counts every scored question of the bank.

        Returns
        -------
        str
            One or two sentences, read from the learner's own progress record (predictions do not
            count).

        Examples
        --------
        With an empty progress record:

        >>> from skinlab.text import say
        >>> say(Quiz.from_bank("01_skin_layers").summary("strata"), width=80)
        You have not answered any of the 3 questions in this check yet. Each answer you
        submit is recorded on this computer only.
        """
        return report_.summary(self, section)

    def report(self) -> str:
        """The score notebook by notebook, with the section to revisit for each objective missed
        (:func:`skinlab.quiz.report.report`).

        Returns
        -------
        str
            A score line, then for each notebook its score by objective and, for an objective with a
            wrong answer, the section to revisit; read from the learner's own progress record.

        Examples
        --------
        With an empty progress record:

        >>> from skinlab.text import say
        >>> say(Quiz.from_bank("final_assessment").report(), width=80)
        Final assessment: the whole course: 0 of 29 answered, 0 right.
        Answer the questions above; this report then gives your score for each notebook
        and, where an answer was wrong, the section to revisit.
        """
        return report_.report(self)

    def key_summary(self) -> str:
        """The bank's kinds, objectives, and how many answers are worked out from the course's
        data (:func:`skinlab.quiz.answerkey.key_summary`)."""
        return answerkey.key_summary(self)

    def answer_key(self, fmt: str = "markdown") -> str:
        """Questions with folded answers and explanations, ``fmt`` ``"markdown"`` or ``"html"``
        (:func:`skinlab.quiz.answerkey.answer_key`)."""
        return answerkey.answer_key(self, fmt)


def banks(folder: str | Path = QUIZ_DIR) -> list[str]:
    """The names of the banks in ``folder``, sorted."""
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))
