"""Start a notebook from a skeleton: ``python -m skinlab new-notebook NN slug [--title T]``.

Writes three things that together pass the course's tests, so an author starts from a notebook
that works rather than from a copy of another one:

- ``notebooks/NN_slug.ipynb``: the title, the generated cells (disclaimer, status legend,
  objectives, glossary, references, closing disclaimer) as :mod:`~skinlab.tools.notebooktext`
  fills them, one section with a recorded prediction, its folded reveal and a check, the quiz at
  the end with its summary, and a summary. Every text the author must write starts with
  ``To write:`` (:data:`TO_WRITE`). Until it is replaced, the section recalls notebook 01 (the
  skin's layers) from the course's models, so that every rule the tests hold a notebook to holds;
- ``skinlab/quizzes/NN_slug.yaml``: a starter bank. Its own questions are about the course
  itself (which notebook this is; the disclaimer's wording); the questions that must be tied to
  the models are two of notebook 01's, asked again by reference. No skin fact is written here;
- the notebook's entry in ``skinlab/data/notebooks.yaml``, appended as text after the last
  entry, so the file's comments and layout are kept;
- two of the starter bank's questions in the final assessment
  (``skinlab/quizzes/final_assessment.yaml``), appended as references after its last question:
  the final asks every notebook's bank again.

Nothing that exists is overwritten. Then the notebook is executed from a fresh kernel
(:func:`skinlab.tools.execute.execute_notebook`; what it reads goes to ``data_reads.json``) and
the shared text is regenerated (:func:`skinlab.tools.notebooktext.write`, as ``make
notebook-text`` does: notebook 00's course map gains the new row, and README's and
CONTRIBUTING's course times and count of the final's questions follow).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from skinlab.data import DATA_DIR, dataset, load_yaml

NUMBER = re.compile(r"[0-9]{2}")
SLUG = re.compile(r"[a-z][a-z0-9_]*")
MAX_SLUG = 40
TO_WRITE = "To write:"  # the mark on every text the author replaces
NOTEBOOKS_YAML = Path("skinlab") / "data" / "notebooks.yaml"
QUIZZES = Path("skinlab") / "quizzes"
NOTEBOOKS = Path("notebooks")
# The skeleton's one section recalls notebook 01 (every later notebook builds on its layers): its
# check asks two of 01's questions again, whose keys the models compute.
RECALLED = "01"
RECALLED_QUESTIONS = ("heel-100", "palm-strata-order")
SECTION = "builds-on"
PREDICTION = "predict-layer"
HEADING = "1. What this notebook builds on"
FINAL = QUIZZES / "final_assessment.yaml"
# The starter bank's own scored questions the final assessment asks again, by reference (every
# notebook's bank is asked there): the author replaces them with the notebook's own.
FINAL_QUESTIONS = ("which-notebook", "own-skin")


class NewNotebookError(ValueError):
    """The files were written, but a later step (execution, the generated text) failed."""


@dataclass
class Created:
    """What :func:`new_notebook` wrote (new files) and changed (files that existed), each with
    what it holds."""

    root: Path
    name: str  # NN_slug
    written: dict[Path, str] = field(default_factory=dict)
    changed: dict[Path, str] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def lines(self) -> list[str]:
        """The files written and changed, then the author's next steps."""
        out = [f"wrote {self.rel(p)}" + (f" ({why})" if why else "")
               for p, why in self.written.items()]
        out += [f"updated {self.rel(p)} ({why})" for p, why in self.changed.items()]
        return out + [
            "",
            "Next steps:",
            f"  1. Write the notebook: replace every \"{TO_WRITE}\" in the notebook, its quiz "
            f"bank and its",
            f"     entry in {NOTEBOOKS_YAML.as_posix()}. The section that recalls notebook "
            f"{RECALLED} shows the",
            "     pattern (a prediction, its folded reveal, a check, a summary): make it your own",
            "     (CONTRIBUTING.md, \"Add a notebook\").",
            f"  2. make execute NB={self.name}",
            f"  3. In {FINAL.as_posix()}, ask two of the notebook's own questions in place of",
            f"     the starter's ({', '.join(FINAL_QUESTIONS)}), then make notebook-text (README's",
            "     count of the final's questions and the course's times follow).",
            "  4. make test: the tests name anything still to write.",
        ]


# -- checks -------------------------------------------------------------------------------------

def _course(root: Path) -> dict:
    path = root / NOTEBOOKS_YAML
    if not path.exists():
        raise ValueError(f"{NOTEBOOKS_YAML.as_posix()} not found: run new-notebook in a copy of "
                         f"the course")
    return (load_yaml(path.read_text(encoding="utf-8")) or {}).get("notebooks") or {}


def used_numbers(root: Path) -> list[str]:
    """The numbers notebooks.yaml lists or a notebook or a bank file already uses, sorted."""
    used = {str(k) for k in _course(root)}
    for folder, pattern in ((root / NOTEBOOKS, "*.ipynb"), (root / QUIZZES, "*.yaml")):
        used |= {p.name[:2] for p in folder.glob(pattern) if NUMBER.fullmatch(p.name[:2])}
    return sorted(used)


def check(root: Path, number: str, slug: str, title: str | None) -> tuple[str, str, str]:
    """(number, slug, title) when they are usable; otherwise a ValueError that says why."""
    number, slug = str(number).strip(), str(slug).strip()
    if not NUMBER.fullmatch(number):
        raise ValueError(f"the number must be two digits, such as 07; got {number!r}")
    if not (SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG and not slug.endswith("_")):
        raise ValueError(f"the slug must be lowercase letters, digits and underscores, starting "
                         f"with a letter, at most {MAX_SLUG} characters, such as wound_scar; "
                         f"got {slug!r}")
    used = used_numbers(root)
    if number in used:
        free = next(f"{n:02d}" for n in range(100) if f"{n:02d}" not in used)
        raise ValueError(f"notebook number {number} is already used (in use: {', '.join(used)}); "
                         f"the next free one is {free}")
    title = (title or slug.replace("_", " ").capitalize()).strip()
    if not title or "\n" in title or "|" in title:
        raise ValueError("the title must be one line of text, without '|' (the course map is a "
                         "table)")
    name = f"{number}_{slug}"
    for path in (NOTEBOOKS / f"{name}.ipynb", QUIZZES / f"{name}.yaml"):
        if (root / path).exists():
            raise ValueError(f"{path.as_posix()} already exists; new-notebook never overwrites "
                             f"a file")
    return number, slug, title


# -- the three texts ----------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _lower_first(title: str) -> str:
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def bank_text(number: str, title: str, others: list[str], recalled_bank: str) -> str:
    """The starter quiz bank: two objectives, a prediction, two of notebook 01's questions asked
    again (from ``recalled_bank``; their keys are tied to the models), and three questions on the
    course itself."""
    first, last = others[0], others[-1]
    refs = "\n".join(
        f"  - {{id: n{RECALLED}-{qid}, kind: reference, objective: builds-on,\n"
        f"     section: {SECTION}, ref: {{bank: {recalled_bank}, id: {qid}}}}}"
        for qid in RECALLED_QUESTIONS)
    return f"""\
# Quiz bank for notebook {number} ({_lower_first(title)}), written by
# `python -m skinlab new-notebook`. Text is the course's own (CC BY 4.0). {TO_WRITE} replace the
# objectives and the questions with this notebook's own (every field: skinlab/quiz/kinds.py;
# CONTRIBUTING.md, "Add a quiz question"). The course asks two scored questions or more per
# objective, at least two answers tied to the models (check: or answer:), and, where a question
# states a fact, its source keys.
title: {_q("Check yourself: " + _lower_first(title))}
objectives:
  builds-on: recall the skin's layers from notebook {RECALLED}, which this notebook builds on
  course: say which notebook this is, and that the course is education, not medical advice
questions:
  # -- section {SECTION}: a prediction, then two of notebook {RECALLED}'s questions asked again
  - id: {PREDICTION}
    kind: prediction
    objective: builds-on
    section: {PREDICTION}
    prompt: "On the cheek, in which layer do you expect a point half a millimetre below the
      surface to be?"
    options:
      - {{id: epidermis, text: "in the epidermis"}}
      - {{id: papillary, text: "in the papillary dermis"}}
      - {{id: reticular, text: "in the reticular dermis"}}
    reveal: "Now run the next cell: it prints the layer the course's model gives at that depth."
{refs}
  # -- the quiz at the end: the course itself
  - id: which-notebook
    kind: single
    objective: course
    prompt: "Which notebook of the course are you reading?"
    options:
      - id: this
        text: "notebook {number}"
        correct: true
        feedback: "Yes: its title starts with {number}, and the course map in notebook {first}
          lists it."
      - id: first
        text: "notebook {first}"
        feedback: "Notebook {first} is another one: this notebook's title starts with {number}."
      - id: last
        text: "notebook {last}"
        feedback: "Notebook {last} is another one: this notebook's title starts with {number}."
  - id: own-skin
    kind: truefalse
    objective: course
    statement: "True or false: the course tells you what to do to your own skin."
    answer: false
    feedback:
      true: "False: the course teaches how skin is built and what treatments do to it; it does
        not tell you what to do to your own skin."
      false: "Right: it does not tell you what to do to your own skin."
    reasons:
      - id: education
        text: "it is education, not medical advice"
        correct: true
        feedback: "Yes: every notebook opens and closes with it. Ask a qualified clinician before
          any treatment."
      - id: schematic
        text: "its drawings are pictures of your own skin"
        feedback: "The drawings are schematic: no figure here is a picture of your skin."
      - id: same
        text: "its numbers hold for everyone alike"
        feedback: "The numbers come from the course's data, but people differ."
  - id: ask-before
    kind: single
    objective: course
    prompt: "Before any treatment, whom does the course say to ask?"
    options:
      - id: clinician
        text: "a qualified clinician"
        correct: true
        feedback: "Yes: the disclaimer says so at the top and at the end of every notebook."
      - id: quiz
        text: "the quiz at the end of a notebook"
        feedback: "The quizzes check what you learned; they give no advice. Ask a qualified
          clinician."
      - id: article
        text: "a popular article"
        feedback: "The course checks popular articles' claims against the evidence; ask a
          qualified clinician."
"""


def _flow_list(keys: list[str], indent: int, width: int = 100) -> str:
    """A YAML flow list wrapped like notebooks.yaml's: continuation lines under the first key."""
    lines, line = [], "["
    for i, key in enumerate(keys):
        item = key + ("]" if i == len(keys) - 1 else ",")
        if len(line) + len(item) + 1 + indent > width and line != "[":
            lines.append(line.rstrip())
            line = " " * (indent + 1)
        line += item + " "
    lines.append(line.rstrip())
    return "\n".join(lines) if keys else "[]"


def entry_text(number: str, name: str, title: str, sources: list[str]) -> str:
    """The notebook's entry in notebooks.yaml, indented as the others."""
    lead = "      source: "
    prerequisites = _q(f"notebook {RECALLED}, the skin's layers. {TO_WRITE} every notebook this "
                       f"one builds on, and what it needs from each.")
    course_map = _q(f"{TO_WRITE} what a learner will be able to do, in a few words")
    asks = _q(f"{TO_WRITE} what it asks of a learner: reading, explorers, any maths")
    intro = _q(f"{TO_WRITE} where this notebook's numbers come from. Until then, the sources of "
               f"notebook {RECALLED}, whose layers this notebook recalls:")
    return f"""\
  # written by `python -m skinlab new-notebook`: replace each "{TO_WRITE}" with your own words
  "{number}":
    file: {name}.ipynb
    title: {_q(title)}
    bank: {name}
    sections:  # the quiz bank's section id -> the heading it sits under
      {PREDICTION}: {_q(HEADING)}
      {SECTION}: {_q(HEADING)}
    status: ready
    prerequisites: {prerequisites}
    map: {course_map}
    asks: {asks}
    references:
      intro: {intro}
{lead}{_flow_list(sources, len(lead))}
"""


def append_entry(text: str, entry: str) -> str:
    """notebooks.yaml's text with ``entry`` after the last notebook: every other line kept as it
    is (the comments before the next top-level key stay with it)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "notebooks:"), None)
    if start is None:
        raise ValueError(f"{NOTEBOOKS_YAML.as_posix()} has no 'notebooks:' mapping")
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].strip() and not lines[i][0].isspace()
                and not lines[i].startswith("#")), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    head = "".join(lines[:end])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + entry + "".join(lines[end:])


def final_entry_text(number: str, name: str) -> str:
    """The final assessment's lines for notebook ``number``: two of its starter bank's scored
    questions, asked again by reference."""
    lines = [f"  # notebook {number} ({TO_WRITE} ask two of its own questions instead)\n"]
    lines += [f"  - {{id: n{number}-{qid}, kind: reference, ref: {{bank: {name}, id: {qid}}}}}\n"
              for qid in FINAL_QUESTIONS]
    return "".join(lines)


def append_final(text: str, entry: str) -> str:
    """The final assessment's text with ``entry`` after its last question (its questions are
    the file's last key): every line kept as it is."""
    lines = text.splitlines(keepends=True)
    if not any(line.rstrip() == "questions:" for line in lines):
        raise ValueError(f"{FINAL.as_posix()} has no 'questions:' list")
    if any(line.strip() and not line[0].isspace() and not line.startswith("#")
           for line in lines[[line.rstrip() for line in lines].index("questions:") + 1:]):
        raise ValueError(f"{FINAL.as_posix()}: its questions are not its last key; add the "
                         f"notebook's questions by hand")
    head = "".join(lines).rstrip("\n") + "\n"
    return head + entry


def _md(cell_id: str, text: str, generated: str | None = None) -> dict:
    meta: dict = {"skinlab": {"generated": generated}} if generated else {}
    if generated == "status-legend":
        meta["tags"] = ["status-legend"]
    return {"cell_type": "markdown", "id": cell_id, "metadata": meta, "source": text}


def _code(cell_id: str, text: str, ignore: bool = False, folded: bool = False) -> dict:
    meta: dict = {}
    if ignore:
        meta["tags"] = ["nbval-ignore-output"]
    if folded:  # a reveal: nbval still compares it; JupyterLab shows it folded
        meta.update({"collapsed": True, "jupyter": {"outputs_hidden": True}})
    return {"cell_type": "code", "id": cell_id, "metadata": meta, "source": text,
            "execution_count": None, "outputs": []}


def skeleton(number: str, name: str, title: str) -> dict:
    """The notebook, before execution and before its generated text is filled."""
    cells = [
        _md("title", f"""\
# {number} · {title}

{TO_WRITE} one short paragraph that says what this notebook teaches and why it matters to
someone who works with skin, in the course's own words. Every number you add comes from
`skinlab/data`, with its source."""),
        _md("disclaimer", "", "disclaimer"),
        _md("status-legend", "", "status-legend"),
        _md("objectives", "", "objectives"),
        _md("section-1", f"""\
## {HEADING}

{TO_WRITE} replace this section with the notebook's first section: a heading of your own, a few
paragraphs, a figure or an explorer, a recorded prediction before each reveal, and a check of two
or three questions from the quiz bank's section `{SECTION}`. Rename a section in the bank and in
`skinlab/data/notebooks.yaml` together. Add more sections the same way.

Until then, this section recalls notebook {RECALLED}, which the rest of the course builds on. From
the surface down, the skin has the epidermis, topped by the dead stratum corneum; then the dermis,
a thin papillary dermis over a thick reticular dermis; and, under the skin, the hypodermis."""),
        _md("predict-md", """\
**Predict, then look.** On the cheek, in which layer do you expect a point half a millimetre below
the surface to be? Record your guess, then run the cell after it."""),
        _code("predict-code", f"""\
from skinlab import anatomy, say
from skinlab.quiz import Quiz

quiz = Quiz.from_bank("{name}")
quiz.widget("{PREDICTION}")""", ignore=True),
        _code("reveal", 'print(anatomy.layer_at_depth("cheek", 500).label)', folded=True),
        _md("check-md", f"""\
**Check.** Two questions from notebook {RECALLED}, asked again; an answer here counts in notebook
{RECALLED} too. Run the cell to show them."""),
        _code("check-code", f'quiz.widget("{SECTION}")', ignore=True),
        _code("check-summary", f'say(quiz.summary("{SECTION}"))'),
        _md("quiz-md", f"""\
## Check yourself

{TO_WRITE} say what the questions at the end cover. Choose an answer and press **Submit**; the
feedback says why an answer is right or wrong, and **Try again** clears a question. Everything
works from the keyboard: Tab, arrow keys, Space or Enter."""),
        _code("quiz-code", "quiz.widget()", ignore=True),
        _code("quiz-summary", "say(quiz.summary())"),
        _md("summary", f"""\
## Summary

{TO_WRITE} three to five points a learner takes away, one sentence each. From notebook 02 on, the
generated *What it means in the treatment room* box follows this cell: add the notebook's entry
under `treatment_room` in `skinlab/data/safety.yaml`."""),
        _md("glossary", "", "glossary"),
        _md("references", "", "references"),
        _md("disclaimer-end", "", "disclaimer-end"),
    ]
    from skinlab.tools.execute import KERNELSPEC

    return {"cells": cells, "metadata": {"kernelspec": dict(KERNELSPEC),
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


# -- putting it together ------------------------------------------------------------------------

def _same_course(root: Path) -> bool:
    """True when the running skinlab is the course at ``root`` (the generated text and the
    kernel read that package's data and banks)."""
    return (root / "skinlab" / "data").resolve() == Path(DATA_DIR).resolve()


def new_notebook(root: str | Path, number: str, slug: str, title: str | None = None) -> Created:
    """Write notebook ``NN_slug``'s skeleton, starter bank and notebooks.yaml entry under
    ``root`` (a course checkout), execute it and regenerate the shared text. A ValueError says
    why nothing was written; a :class:`NewNotebookError`, what was written before a later step
    failed."""
    import nbformat

    root = Path(root).resolve()
    number, slug, title = check(root, number, slug, title)
    if not _same_course(root):
        raise ValueError("the course given is not the one this skinlab package belongs to: run "
                         "python -m skinlab new-notebook with that course's own package "
                         "(its folder first on PYTHONPATH)")
    name = f"{number}_{slug}"
    tree = _course(root)
    others = sorted(str(k) for k in tree)
    sources = list(((tree.get(RECALLED) or {}).get("references") or {}).get("source") or [])
    if not others or not sources:
        raise ValueError(f"{NOTEBOOKS_YAML.as_posix()} lists no notebook {RECALLED} with "
                         f"references: the skeleton recalls it")

    # Every text is made and checked before anything is written.
    from skinlab.quiz import Quiz

    bank = bank_text(number, title, others, str(tree[RECALLED].get("bank") or ""))
    Quiz(name, load_yaml(bank), root / QUIZZES)  # raises a QuizError naming the question
    yaml_path = root / NOTEBOOKS_YAML
    old = yaml_path.read_text(encoding="utf-8")
    new = append_entry(old, entry_text(number, name, title, sources))
    before, after = load_yaml(old), load_yaml(new)
    added = after["notebooks"].pop(number, None)
    if after != before or not added or added.get("file") != f"{name}.ipynb":
        raise ValueError(f"{NOTEBOOKS_YAML.as_posix()}: appending the entry would change "
                         f"other entries; add it by hand")
    final_path = root / FINAL
    old_final = final_path.read_text(encoding="utf-8")
    new_final = append_final(old_final, final_entry_text(number, name))
    before_q = load_yaml(old_final).get("questions") or []
    after_final = load_yaml(new_final)
    if after_final.get("questions", [])[:len(before_q)] != before_q or after_final.get(
            "title") != load_yaml(old_final).get("title"):
        raise ValueError(f"{FINAL.as_posix()}: appending the questions would change others; add "
                         f"them by hand")
    nb = nbformat.from_dict(skeleton(number, name, title))
    nbformat.validate(nb)

    created = Created(root, name)
    nb_path = root / NOTEBOOKS / f"{name}.ipynb"
    bank_path = root / QUIZZES / f"{name}.yaml"
    with open(nb_path, "x", encoding="utf-8", newline="\n") as f:  # "x": never overwrite
        f.write(nbformat.writes(nb) + "\n")
    created.written[nb_path] = "the skeleton, executed"
    with open(bank_path, "x", encoding="utf-8", newline="\n") as f:
        f.write(bank)
    created.written[bank_path] = "its starter quiz bank"
    yaml_path.write_text(new, encoding="utf-8", newline="\n")
    created.changed[yaml_path] = f"notebook {number}'s entry, appended"
    final_path.write_text(new_final, encoding="utf-8", newline="\n")
    created.changed[final_path] = f"two of notebook {number}'s questions, asked again"
    dataset.cache_clear()  # the course now lists the notebook

    from skinlab.tools import notebooktext
    from skinlab.tools.execute import READS_FILE, execute_notebook, write_reads

    folder = root / NOTEBOOKS
    try:
        reads = execute_notebook(nb_path)
        path = folder / READS_FILE
        recorded = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        created.changed[write_reads(folder, {**recorded, nb_path.name: reads})] = (
            "the data values the notebook reads")
        for path in notebooktext.write(folder):
            if path != nb_path:
                created.changed[path] = "its generated text, as make notebook-text writes it"
    except Exception as exc:
        done = ", ".join(created.rel(p) for p in [*created.written, *created.changed])
        detail = str(exc).strip().splitlines()
        raise NewNotebookError(
            f"wrote {done}, but executing the notebook or generating its text failed: "
            f"{type(exc).__name__}: {detail[-1] if detail else ''}; fix it, then run make "
            f"execute NB={name}") from exc
    return created


__all__ = ["Created", "NewNotebookError", "TO_WRITE", "append_entry", "append_final", "bank_text",
           "check", "entry_text", "final_entry_text", "new_notebook", "skeleton", "used_numbers"]
