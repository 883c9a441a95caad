"""Quizzes, in one package whose modules say what they hold:

- :mod:`skinlab.quiz.kinds`: the kinds of question (single, multiple, truefalse, numeric,
  ordering, prediction, rate), each validating its part of a bank and grading any response;
- :mod:`skinlab.quiz.bank`: a bank loaded and validated (:class:`skinlab.quiz.bank.Quiz`), the
  ``reference`` kind and the final assessment's expansion;
- :mod:`skinlab.quiz.report`: a learner's summary and the final assessment's report;
- :mod:`skinlab.quiz.answerkey`: the answer key for teachers and the book;
- :mod:`skinlab.quiz.keys`: answers worked out from the course's models (named functions);
- :mod:`skinlab.quiz.widget`: the widget.

This package's :class:`Quiz` is the facade notebooks use, above both the bank and the view:
``Quiz.from_bank("05_penetration").widget("channels")``. The bank never imports the widget.

>>> from skinlab.quiz import Quiz
>>> Quiz.from_bank("00_start_here").sections()[0]
'explorer'
"""

from __future__ import annotations

from skinlab.quiz import bank as _bank
from skinlab.quiz.bank import banks
from skinlab.quiz.keys import MODELS, model_value
from skinlab.quiz.kinds import KINDS, MAX_TEXT, QUIZ_DIR, Question, QuizError, register
from skinlab.text import Result

__all__ = ["KINDS", "MAX_TEXT", "MODELS", "QUIZ_DIR", "Question", "Quiz", "QuizError", "Result",
           "banks", "model_value", "register"]


class Quiz(_bank.Quiz):
    """A quiz bank with its widget: :meth:`widget` shows the questions of a section."""

    def widget(self, section: str | None = None):
        """The interactive quiz (the questions of ``section``, or those at the end); see
        :mod:`skinlab.quiz.widget`. The quiz does not keep the widget: the box does.

        Parameters
        ----------
        section : str, optional
            A section of the notebook with its own check (see :meth:`sections`); None (the default)
            shows the questions at the end of the notebook.

        Returns
        -------
        skinlab.ui.LabelledBox
            An ipywidgets VBox with the questions, their answer controls and feedback; its
            ``fallback`` text is what a reader without a kernel sees.

        Examples
        --------
        >>> box = Quiz.from_bank("01_skin_layers").widget("strata")
        >>> from skinlab.text import say
        >>> say(box.fallback, width=80)
        Check yourself: the skin, layer by layer: 3 questions. Run this cell to answer
        them; each answer gets feedback.
        """
        from skinlab.quiz.widget import QuizWidget
        return QuizWidget(self, section).root
