"""The course audit: what the course holds, and every problem in it.

``python -m skinlab audit`` prints a JSON report and exits non-zero when there is a problem:

- ``missing-source``: a data value without a source;
- ``unknown-source``: a source key that no reference defines;
- ``unused-source``: a reference no value uses;
- ``bad-value``, ``bad-reference``, ``bad-file``: a data entry that breaks the schema;
- ``ignored-cell-without-widget``: a cell whose outputs nbval ignores or skips but that shows no
  widget (so a real output escapes comparison);
- ``sanitize-matches-describe``: an nbval sanitize rule that would rewrite an explorer's sentence;
- ``unsourced-number``: a number with a unit in notebook markdown that matches no data value or
  range (nor a depth the anatomy model derives from them);
- ``bad-example``: an explorer example state that its describe() rejects;
- ``bad-notebook``: a notebook that cannot be read;
- ``bad-quiz``: a quiz bank in ``skinlab/quizzes`` that fails validation (the message is the
  ``QuizError``'s: it names the bank and the question);
- ``objective-unassessed``: a quiz objective assessed by fewer than two questions;
- ``data-reads``: ``notebooks/data_reads.json`` (written by ``make execute``) is missing, lacks a
  notebook, or names a data value that no longer exists: re-run ``make execute``;
- ``stale-notebook-text``: a notebook's generated text (objectives, time, disclaimer, references,
  course map, glossary links) differs from what ``make notebook-text`` writes;
- ``notebook-too-long``: a notebook's core takes more than 90 minutes by the course's time rule;
- ``section-not-shown``: a quiz bank's section (a check or a prediction) has no
  ``quiz.widget("name")`` cell in its notebook;
- ``check-without-summary``: a check's widget is not followed by a compared
  ``say(quiz.summary("name"))`` cell;
- ``reveal-not-folded``: the first compared cell after a prediction (its reveal) is not folded
  away (``metadata.jupyter.outputs_hidden``) in the saved notebook (the popular article's claims,
  rated early, are revealed in notebook 06);
- ``audit-internal``: a model or an explorer failed while the audit gathered the numbers the
  course may state (reported only when the data themselves have no problem).

``data_use`` reports, per notebook, the data values it read while it executed: how many, by
status (measured, estimated, assumption, placeholder), and which are assumptions or placeholders.

Besides ``problems``, the report holds what the course is made of, among it ``quiz_questions``
(bank -> number of questions) and ``objectives``: for every bank that validates, each objective
mapped to the ids of the questions that assess it ({bank: {objective: [question ids]}}). Banks
are read from the ``skinlab/quizzes`` folder of the root being audited; their keys are checked
against the skinlab models of the running package.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Iterable

from skinlab import units
from skinlab.data import DATA_DIR, Dataset, Problem, load_yaml
from skinlab.tools import nbcells
from skinlab.tools.nbcells import ignored, shows_widget, source

ROOT = Path(__file__).resolve().parents[2]
SANITIZE_FILE = Path("tests") / "nbval_sanitize.cfg"
# Units scanned in markdown: the ways the course writes them (skinlab.units.TEXT_TOKENS).
_NUM = r"(\d+(?:[.,]\d+)?)"
_UNIT = (r"(" + "|".join(sorted((re.escape(u) for u in units.TEXT_TOKENS), key=len,
                                reverse=True)) + r")")
NUMBER_WITH_UNIT = re.compile(
    r"(?<![\w.])" + _NUM + r"(?:\s*(?:–|-|to)\s*" + _NUM + r")?\s*" + _UNIT + r"(?![\w])")


Issue = Problem  # one problem type: the audit's findings and the data's are the same


def _strip_code(markdown: str) -> str:
    """Markdown without code spans, code blocks, links' targets and HTML tags."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", " ", text)


def known_numbers(data: Dataset, failures: list[str] | None = None) -> dict[str, list[float]]:
    """Every number the course may state, by dimension, in base units. A model or explorer
    that fails while the numbers are gathered is named in ``failures`` (never silently
    dropped: a shorter list would show up as false 'unsourced-number' alarms)."""
    known: dict[str, list[float]] = {}
    failures = [] if failures is None else failures

    def add(dim: str, *xs: float) -> None:
        known.setdefault(dim, []).extend(float(x) for x in xs)

    for v in data.values.values():
        dim = units.dimension(v.unit) if units.known(v.unit) else None
        if dim is not None:
            base = units.BASE[dim]
            add(dim, *(units.convert(x, v.unit, base) for x in (v.value, v.low, v.high)))
    try:  # depths the anatomy model derives from the course's data
        from skinlab import anatomy
        for site in anatomy.sites():
            for lay in anatomy.layers_at(site) + anatomy.strata_at(site):
                add("length", lay.top_um, lay.bottom_um, lay.thickness_um,
                    lay.thickness_low_um, lay.thickness_high_um)
    except Exception as exc:  # named: the audit reports it unless the data explains it
        failures.append(f"the anatomy model failed: {type(exc).__name__}: {exc}")
    try:  # the explorers' own control settings (e.g. a 0-200 µm view)
        from skinlab.explore import EXPLORERS
        from skinlab.explore.base import Choice, Number
        for cls in EXPLORERS.values():
            for c in cls().controls:
                if isinstance(c, Number) and c.unit in units.TEXT_TOKENS:
                    dim, lo = units.to_base(c.min, units.TEXT_TOKENS[c.unit])
                    add(dim, lo, units.to_base(c.max, units.TEXT_TOKENS[c.unit])[1])
                elif isinstance(c, Choice) and c.name.endswith("_um"):
                    add("length", 0.0, *(v for _, v in c.options))
    except Exception as exc:
        failures.append(f"an explorer's controls failed: {type(exc).__name__}: {exc}")
    return known


def _matches(x: float, decimals: int, factor: float, values: Iterable[float]) -> bool:
    tol = 0.5 * 10 ** (-decimals) * factor * (1 + 1e-9)
    return any(abs(x - v) <= tol for v in values)


def unsourced_numbers(markdown: str, known: dict[str, list[float]]) -> list[str]:
    """Each 'number unit' in the markdown that matches no known value, as written."""
    bad = []
    for m in NUMBER_WITH_UNIT.finditer(_strip_code(markdown)):
        key = units.TEXT_TOKENS[m.group(3)]
        unit = m.group(3)
        dim, factor = units.to_base(1.0, key)
        for raw in (m.group(1), m.group(2)):
            if raw is None:
                continue
            raw = raw.replace(",", ".")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            if not _matches(float(raw) * factor, decimals, factor, known.get(dim, [])):
                bad.append(f"{raw} {unit}")
    return bad


def describe_samples() -> dict[str, list[str]]:
    """Sentences from every registered explorer: its examples and a grid of its choices."""
    from skinlab.explore import EXPLORERS
    from skinlab.explore.base import Choice, Number

    out: dict[str, list[str]] = {}
    for name, cls in EXPLORERS.items():
        exp = cls()
        states = list(exp.examples().values())
        for c in exp.controls:
            if isinstance(c, Choice):
                states += [{c.name: v} for _, v in c.options]
            elif isinstance(c, Number):
                states += [{c.name: c.default}]
        out[name] = [exp.describe(**s) for s in states]
    return out


def read_sanitize(path: Path) -> list[tuple[str, str]]:
    """(regex, replacement) pairs from an nbval sanitize file."""
    if not path.exists():
        return []
    rules, lines = [], path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("regex:"):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            rules.append((line[len("regex:"):].strip(),
                          nxt[len("replace:"):].strip() if nxt.startswith("replace:") else ""))
    return rules


MIN_QUESTIONS_PER_OBJECTIVE = 2


def _question_count(path: Path) -> int | None:
    """How many questions a bank file lists, read as plain YAML; None if it cannot say."""
    import yaml
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None
    questions = raw.get("questions") if isinstance(raw, dict) else None
    return len(questions) if isinstance(questions, list) else None


def quiz_report(folder: Path, issues: list[Issue]) -> tuple[dict[str, int],
                                                            dict[str, dict[str, list[str]]]]:
    """Questions per bank and each bank's objectives -> question ids; problems go to ``issues``.

    Every bank in ``folder`` is loaded with :meth:`skinlab.quiz.Quiz.from_bank`. One that fails
    validation is a ``bad-quiz`` problem and has no objectives entry (its questions are still
    counted when the file can be read); an objective with fewer than two questions is an
    ``objective-unassessed`` problem (not in a final assessment, which samples other banks).
    """
    from skinlab.quiz import Quiz, QuizError, banks

    counts: dict[str, int] = {}
    objectives: dict[str, dict[str, list[str]]] = {}
    for name in banks(folder):
        where = f"skinlab/quizzes/{name}.yaml"
        try:
            quiz = Quiz.from_bank(name, folder=folder)
        except Exception as exc:  # a malformed bank is reported, it never crashes the audit
            issues.append(Issue("bad-quiz", where, str(exc) if isinstance(exc, QuizError) else
                                f"quiz bank {name} cannot be validated: "
                                f"{type(exc).__name__}: {exc}"))
            count = _question_count(folder / f"{name}.yaml")
            if count is not None:
                counts[name] = count
            continue
        counts[name] = len(quiz.questions)
        objectives[name] = quiz.objective_map()
        for key, ids in objectives[name].items():
            # a final assessment samples objectives that their own banks assess in full
            if len(ids) < MIN_QUESTIONS_PER_OBJECTIVE and not quiz.final:
                listed = f" ({', '.join(ids)})" if ids else ""
                issues.append(Issue(
                    "objective-unassessed", f"{where}: objective {key}",
                    f"assessed by {len(ids)} question{'' if len(ids) == 1 else 's'}{listed}; "
                    f"every objective needs at least {MIN_QUESTIONS_PER_OBJECTIVE}"))
    return counts, objectives


READS_FILE = Path("notebooks") / "data_reads.json"


def data_use(root: Path, data: Dataset, notebooks: Iterable[str],
             issues: list[Issue]) -> dict[str, dict]:
    """Per notebook: the values it read while executing, counted by status."""
    path = root / READS_FILE
    if not path.exists():
        if notebooks:
            issues.append(Issue("data-reads", READS_FILE.as_posix(),
                                "missing: run make execute to record which data values each "
                                "notebook reads"))
        return {}
    try:
        reads = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        issues.append(Issue("data-reads", READS_FILE.as_posix(), f"cannot be read: {exc}"))
        return {}
    out: dict[str, dict] = {}
    for name in notebooks:
        if name not in reads:
            issues.append(Issue("data-reads", READS_FILE.as_posix(),
                                f"no entry for {name}: run make execute"))
            continue
        values, stale = [], []
        for where in reads[name]:
            (values if where in data.values else stale).append(where)
        if stale:
            issues.append(Issue("data-reads", READS_FILE.as_posix(),
                                f"{name} read {stale[0]!r}, which is no longer a data value: "
                                f"run make execute"))
        status = Counter(data.values[w].status for w in values)
        out[name] = {
            "values": len(values),
            "by_status": {k: status.get(k, 0) for k in
                          ("measured", "estimated", "assumption", "placeholder")},
            "assumptions": sorted(w for w in values if data.values[w].status == "assumption"),
            "placeholders": sorted(w for w in values if data.values[w].status == "placeholder"),
        }
    return out


def _widget_section(cell: dict) -> str | None:
    """The section a ``quiz.widget(...)`` cell shows ('' for the end of the notebook), or None."""
    m = re.search(r"\bquiz\.widget\(\s*(?:\"([^\"]*)\"|'([^']*)')?\s*\)", source(cell))
    return None if m is None else (m.group(1) or m.group(2) or "")


def notebook_text(root: Path, issues: list[Issue]) -> None:
    """Generated text up to date; every bank section shown, each check summarised, each
    prediction's reveal folded; every core at most the time limit."""
    from skinlab.tools import notebooktext
    from skinlab.quiz import Quiz

    folder = root / "notebooks"
    try:
        for name in notebooktext.stale(folder):
            issues.append(Issue("stale-notebook-text", f"notebooks/{name}",
                                "its generated text (objectives, time, disclaimer, references, "
                                "course map, glossary links) is out of date: run make "
                                "notebook-text"))
        times = notebooktext.times(folder)
    except (notebooktext.NotebookTextError, OSError, ValueError) as exc:
        issues.append(Issue("stale-notebook-text", "notebooks", str(exc)))
        return
    for number, time in times.items():
        if time.core > notebooktext.CORE_LIMIT_MINUTES:
            issues.append(Issue("notebook-too-long", f"notebook {number}",
                                f"its core takes about {time.core:.0f} minutes by the course's "
                                f"rule; at most {notebooktext.CORE_LIMIT_MINUTES}"))
    for nb in notebooktext.course():
        if not nb.ready:
            continue
        rel = f"notebooks/{nb.file}"
        try:
            quiz = Quiz.from_bank(nb.bank, folder=root / "skinlab" / "quizzes")
            cells = nbcells.cells(json.loads((folder / nb.file).read_text(encoding="utf-8")))
        except Exception:  # reported as bad-quiz or bad-notebook
            continue
        shown = {_widget_section(c): i for i, c in enumerate(cells)
                 if c.get("cell_type") == "code" and _widget_section(c) is not None}
        for section in quiz.sections():
            if section not in shown:
                issues.append(Issue("section-not-shown", f"{rel}: section {section}",
                                    f"no cell shows quiz.widget(\"{section}\")"))
                continue
            after = next((c for c in cells[shown[section] + 1:]
                          if c.get("cell_type") == "code" and not ignored(c)), None)
            if any(q.scored for q in quiz.section(section)):
                if after is None or f'quiz.summary("{section}")' not in source(after):
                    issues.append(Issue("check-without-summary", f"{rel}: section {section}",
                                        f"the check's widget is not followed by a compared "
                                        f"say(quiz.summary(\"{section}\")) cell"))
            elif all(getattr(q, "claim", None) for q in quiz.section(section)):
                continue  # a popular article's claims, rated early: notebook 06 is the reveal
            elif after is None or not after.get("metadata", {}).get("jupyter", {}).get(
                    "outputs_hidden"):
                issues.append(Issue("reveal-not-folded", f"{rel}: section {section}",
                                    "the first compared cell after this prediction is its "
                                    "reveal: fold its output (metadata.jupyter.outputs_hidden)"))


def run(root: str | Path = ROOT, data_dir: str | Path | None = None) -> dict:
    """The audit report for a course folder (the repository by default)."""
    root = Path(root)
    data = Dataset(data_dir if data_dir is not None else
                   (root / "skinlab" / "data" if (root / "skinlab" / "data").is_dir()
                    else DATA_DIR))
    issues: list[Issue] = list(data.problems())

    # Notebooks: cells, strict comparison, ignored cells, numbers in the markdown.
    failures: list[str] = []
    known = known_numbers(data, failures)
    if not issues:  # with problems in the data, a failing model is their consequence
        issues += [Issue("audit-internal", "known numbers", f) for f in failures]
    notebooks = {}
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        rel = path.relative_to(root).as_posix()
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            issues.append(Issue("bad-notebook", rel, f"cannot be read: {exc}"))
            continue
        code = [c for c in nbcells.cells(nb) if c.get("cell_type") == "code"]
        strict = [c for c in code if not ignored(c)]
        notebooks[path.name] = {"code_cells": len(code), "strict_cells": len(strict),
                                "ignored_cells": len(code) - len(strict)}
        for i, cell in enumerate(nbcells.cells(nb)):
            if cell.get("cell_type") == "code" and ignored(cell) and not shows_widget(cell):
                issues.append(Issue("ignored-cell-without-widget", f"{rel}: cell {i}",
                                    "nbval ignores or skips this cell's output but it shows no "
                                    "widget; compare it strictly or make it show one"))
            if cell.get("cell_type") == "markdown":
                for text in unsourced_numbers(source(cell), known):
                    issues.append(Issue("unsourced-number", f"{rel}: cell {i}",
                                        f"'{text}' matches no value or range in skinlab/data"))

    # Explorers and their sentences; sanitize rules must leave the sentences alone.
    from skinlab.explore import EXPLORERS

    samples = describe_samples()
    for name, cls in EXPLORERS.items():
        exp = cls()
        for label, state in exp.examples().items():
            text = exp.describe(**state)
            if text.startswith("Cannot show that"):
                issues.append(Issue("bad-example", f"explorer {name}: {label}", text))
    for regex, _ in read_sanitize(root / SANITIZE_FILE):
        try:
            pattern = re.compile(regex)
        except re.error as exc:
            issues.append(Issue("sanitize-matches-describe", str(SANITIZE_FILE),
                                f"rule {regex!r} is not a valid regex: {exc}"))
            continue
        for name, sentences in samples.items():
            hit = next((s for s in sentences if pattern.search(s)), None)
            if hit:
                issues.append(Issue("sanitize-matches-describe", str(SANITIZE_FILE),
                                    f"rule {regex!r} would rewrite the {name} explorer's "
                                    f"sentence: {hit!r}"))

    quizzes, objectives = quiz_report(root / "skinlab" / "quizzes", issues)
    notebook_text(root, issues)
    use = data_use(root, data, list(notebooks), issues)

    status = Counter(v.status for v in data.values.values())
    checked = Counter(v.checked for v in data.values.values())
    figures = sorted(p.name for p in (root / "figures").glob("*") if p.is_file()
                     and p.suffix in {".svg", ".png"})
    exercises = sorted(p.name for p in (root / "exercises").glob("*.ipynb"))
    return {
        "notebooks": notebooks,
        "totals": {"notebooks": len(notebooks),
                   "code_cells": sum(n["code_cells"] for n in notebooks.values()),
                   "strict_cells": sum(n["strict_cells"] for n in notebooks.values())},
        "explorers": sorted(samples),
        "quiz_questions": quizzes,
        "objectives": objectives,
        "exercises": exercises,
        "figures": figures,
        "data_values": {"total": len(data.values), "by_status": dict(sorted(status.items())),
                        "by_checked": dict(sorted(checked.items()))},
        "data_use": use,
        "references": len(data.references),
        "problems": [asdict(i) for i in issues],
    }


def main(root: str | Path = ROOT) -> int:
    report = run(root)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["problems"] else 0
