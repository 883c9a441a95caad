"""Quizzes: the model (:mod:`skinlab.quiz.model`: kinds, bank loading, grading, summaries, the
report and the answer key), the answer keys computed from the course's models
(:mod:`skinlab.quiz.keys`) and the widget (:mod:`skinlab.quiz.widget`).

This package's :class:`Quiz` is the facade notebooks use, above both the model and the view:
``Quiz.from_bank("05_penetration").widget("channels")``. The model never imports the widget.

>>> from skinlab.quiz import Quiz
>>> Quiz.from_bank("00_start_here").sections()[0]
'how-to'
"""

from __future__ import annotations

from skinlab.quiz import model as _model
from skinlab.quiz.keys import MODELS, model_value
from skinlab.quiz.model import (KINDS, MAX_TEXT, QUIZ_DIR, Question, QuizError, Result, banks,
                                register)

__all__ = ["KINDS", "MAX_TEXT", "MODELS", "QUIZ_DIR", "Question", "Quiz", "QuizError", "Result",
           "banks", "model_value", "register"]


class Quiz(_model.Quiz):
    """A quiz bank with its widget: :meth:`widget` shows the questions of a section."""

    def widget(self, section: str | None = None):
        """The interactive quiz (the questions of ``section``, or those at the end); see
        :mod:`skinlab.quiz.widget`. The quiz does not keep the widget: the box does."""
        from skinlab.quiz.widget import QuizWidget
        return QuizWidget(self, section).root
