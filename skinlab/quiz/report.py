"""What a learner sees of their own answers: a check's or a quiz's summary, and the final
assessment's report notebook by notebook, with the section to revisit for each objective missed.

Answers are read from the learner's record (:mod:`skinlab.progress.store`), where they are kept:
a reference's answer under its own bank. These functions take a :class:`skinlab.quiz.bank.Quiz`
(whose methods of the same names call them); they never load a bank themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skinlab.data import dataset
from skinlab.progress import store as progress

if TYPE_CHECKING:
    from skinlab.quiz.bank import Quiz
    from skinlab.quiz.kinds import Question

__all__ = ["latest_answers", "report", "summary"]


def summary(quiz: Quiz, section: str | None = None) -> str:
    """For the learner: how many of these questions they have answered, how many right, and
    which objectives to revisit (from their own record; predictions do not count)."""
    questions = [q for q in (quiz.section(section) if section is not None else
                             quiz.questions) if q.scored]
    latest = latest_answers(questions)
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
        objectives = list(dict.fromkeys(quiz.objectives[q.objective] for q in wrong))
        text += " To revisit: " + "; ".join(objectives) + "."
    elif len(latest) == n:
        text += " Well done: every answer is right."
    return text


def latest_answers(questions: list[Question]) -> dict[str, dict]:
    """The learner's latest answer to each question, by this bank's question id (a
    reference's answer is read where it is recorded: under its own bank)."""
    by_bank: dict[str, dict[str, str]] = {}
    for q in questions:
        bank, qid = q.record_key()
        by_bank.setdefault(bank, {})[qid] = q.id
    out = {}
    for bank, ids in by_bank.items():
        for qid, entry in progress.latest(bank, set(ids)).items():
            out[ids[qid]] = entry
    return out


def report(quiz: Quiz) -> str:
    """The score notebook by notebook, and for each objective with a wrong answer, the
    section of its notebook to revisit: for the final assessment, whose objectives are every
    notebook's (``bank:objective``). Answers are read where they are recorded."""
    books = {str(v.get("bank")): (k, v) for k, v in
             dataset().tree("notebooks.yaml")["notebooks"].items() if v.get("bank")}
    scored = [q for q in quiz.questions if q.scored]
    latest = latest_answers(scored)
    done = [q for q in scored if q.id in latest]
    right = [q for q in done if latest[q.id]["correct"]]
    lines = [f"{quiz.title}: {len(done)} of {len(scored)} answered, {len(right)} right."]
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
            line = f"  - {quiz.objectives[key]}: {good} of {len(on)} right"
            if good < len(on):
                line += f"; revisit {_place(quiz, bank, key, number, book)}"
            lines.append(line + ".")
    return "\n".join(lines)


def _place(quiz: Quiz, bank: str, key: str, number: str, book: dict) -> str:
    """Where to revisit an objective: its notebook and the section of its first check."""
    own = key.split(":", 1)[-1]
    sections = [q.section for q in quiz.other(bank).questions
                if q.objective == own and q.section and q.scored]
    titles = book.get("sections") or {}
    where = next((titles[s] for s in sections if s in titles), None)
    place = book.get("file", f"notebook {number}")
    return place + (f", section \u201c{where}\u201d" if where else "")
