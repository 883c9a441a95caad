"""A bank's answer key for teachers and the book: every question with its choices in the order
the widget shows them, the answer and its explanation folded, as Markdown (``<details>`` blocks)
or HTML; and the one-line summary of the bank (kinds, objectives, answers worked out from the
course's data). All bank text is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from skinlab.quiz.kinds import KINDS
from skinlab.text import count

if TYPE_CHECKING:
    from skinlab.quiz.bank import Quiz

__all__ = ["answer_key", "key_summary"]


def key_summary(quiz: Quiz) -> str:
    """For teachers and tests: the bank's kinds, objectives, and how many answers are worked
    out from the course's data (a bank loads only if they all agree)."""
    kinds = [cls.label for kind, cls in KINDS.items()
             if any(q.kind == kind for q in quiz.questions)]
    checked = sum(q.model_checked for q in quiz.questions)
    if checked == 0:
        tail = "no answer depends on the course's data"
    elif checked == 1:
        tail = "1 answer is worked out from the course's data, and it agrees with it"
    else:
        tail = (f"{checked} answers are worked out from the course's data, and all "
                f"{checked} agree with it")
    return (f"Quiz {quiz.name}: {count(len(quiz.questions), 'question')} "
            f"({', '.join(kinds)}) on {count(len(quiz.objectives), 'objective')}; {tail}.")


def answer_key(quiz: Quiz, fmt: str = "markdown") -> str:
    """Questions with collapsible answers and explanations (for the book and teachers).

    ``fmt`` is ``"markdown"`` (with HTML ``<details>`` blocks, as Jupyter Book renders them)
    or ``"html"``. All bank text is escaped.
    """
    if fmt not in ("markdown", "html"):
        raise ValueError("fmt must be 'markdown' or 'html'")

    def esc(text: str) -> str:  # text nodes only: <, > and & escaped
        return html.escape(str(text), quote=False)

    entries = []  # choices in the order the widget shows them
    for q in quiz.questions:
        prefix = "reason: " if q.kind == "truefalse" else ""
        entries.append((q, [prefix + c["text"] for c in q.choices()]))
    if fmt == "markdown":
        lines = [f"# Answer key: {esc(quiz.title)}", "", esc(key_summary(quiz)), ""]
        for n, (q, choices) in enumerate(entries, 1):
            lines += [f"**{n}. {esc(q.prompt)}** ({q.label}; objective: "
                      f"{esc(quiz.objectives[q.objective])})", ""]
            lines += [f"- {esc(c)}" for c in choices] + ([""] if choices else [])
            lines += ["<details><summary>Answer</summary>", "",
                      f"**Answer:** {esc(q.answer_text())}", "", esc(q.explanation()),
                      "", "</details>", ""]
        return "\n".join(lines)
    parts = [f"<section class='skinlab-answer-key'><h2>Answer key: {esc(quiz.title)}</h2>"
             f"<p>{esc(key_summary(quiz))}</p><ol>"]
    for q, choices in entries:
        items = "".join(f"<li>{esc(c)}</li>" for c in choices)
        parts.append(f"<li><p>{esc(q.prompt)} <em>({q.label})</em></p>"
                     + (f"<ul>{items}</ul>" if items else "")
                     + f"<details><summary>Answer</summary><p><strong>"
                     f"{esc(q.answer_text())}</strong></p><p>{esc(q.explanation())}</p>"
                     f"</details></li>")
    return "".join(parts) + "</ol></section>"
