"""The class report: what a class got right at the first try, question by question.

``python -m skinlab class-report PATH... [--out DIR] [--names]`` reads learners' records and writes
``class-report.md`` and ``class-report.html`` in the current folder (or ``DIR``). A PATH is:

- a CSV file the progress panel exports (:func:`skinlab.progress.store.export_csv`: the columns
  ``time, bank, question, kind, objective, correct, response``);
- a progress file (:mod:`skinlab.progress.store`: JSON, ``{"version": 1, "answers": [...]}``);
- a folder, searched for both (the hub's home folders: each learner's record is
  ``~/.local/share/skinlab/progress.json``; dated backups and unreadable copies beside it are
  left out, as are ``.venv``, ``.git`` and ``node_modules``). In a folder, a CSV file without the
  export's columns is not a learner's record and is passed over (counted on stderr).

One file holds one learner. A CSV export whose every entry is also in a progress file that was
read is that learner's own copy: it is left out, not counted twice.

The report gives, for each question of every notebook the class answered, the share right at the
first try (a learner's earliest answer to it, by time) as "N% (k of n)", n the learners who
answered it; the wrong answers most chosen at the first try, each with the first sentence of the
feedback it got (or the option's ``misconception:`` label, where a bank gives one); each
objective's mastery (first tries right over its scored questions); and each prediction's shares
beside the results of the questions it leads to. Predictions are never scored. Answers given in
the final assessment are recorded under their own notebook's question and count there.

Learners are anonymised by default: "learner 1", "learner 2", ... in the order of their files'
paths, and a skipped file is named by its file name alone. ``--names`` labels each learner by the
name of its folder (or of its file) and shows paths. Paths are shown relative to the current
folder, never as the machine's full paths; stderr names a skipped file by that path, so that the
teacher can find it. The files read are never changed.

A corrupt or partial record is never fatal: a file that cannot be read is skipped, and entries
that cannot be read are left out of a file that can; each is named ("skipped NAME: REASON") on
stderr and in both reports. :func:`main` returns 0 when at least one record was read, 1 (with a
message) when none could be, or when a PATH does not exist.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from skinlab import units
from skinlab.palette import CATEGORICAL, GRID, INK
from skinlab.quiz import Question, Quiz, QuizError, banks
from skinlab.text import clip, count, join

__all__ = ["ClassReport", "LearnerRecord", "RecordError", "Skipped", "as_bool", "build",
           "figure_alt", "figure_png", "first_sentence", "html_report", "main", "markdown_report",
           "md_cell", "parse_time", "percent", "read_paths", "read_record", "share",
           "wrong_label"]

MARKDOWN_FILE, HTML_FILE = "class-report.md", "class-report.html"
PROGRESS_NAME = "progress.json"  # the record's name in the per-user data folder (store.path())
CSV_COLUMNS = ("time", "bank", "question", "kind", "objective", "correct", "response")
NEEDED = ("bank", "question", "correct")  # what every entry must have
PRUNE = {".venv", "venv", ".git", "node_modules", "__pycache__", ".ipynb_checkpoints",
         "site-packages", ".cache", ".hypothesis"}
TOP_WRONG = 2  # wrong answers shown for each question
AXIS_LABEL = "share right at the first try (%)"
TRUE_WORDS, FALSE_WORDS = {"true", "1", "yes"}, {"false", "0", "no"}
# names that say nothing about who a record belongs to (--names looks past them)
GENERIC = {"progress", "my-progress", "skinlab", "share", "local", "data", "home", "homes",
           "exports", "export", "records", "library", "application support", "appdata",
           "roaming", "my-work"}
ABBREVIATIONS = {"e.g.", "i.e.", "vs.", "al.", "cf.", "approx.", "fig.", "ca.", "dr.", "no."}


# -- pure helpers --------------------------------------------------------------------------------
def share(k: int, n: int) -> str:
    """A share as the report prints it: the percentage, rounded half up, then the counts.

    Parameters
    ----------
    k : int
        How many (right at the first try, chose an option, ...).
    n : int
        Out of how many; 0 gives ``"no answers"``.

    Returns
    -------
    str
        ``"N% (k of n)"``.

    Examples
    --------
    >>> share(3, 4)
    '75% (3 of 4)'
    >>> share(1, 8), share(2, 3), share(0, 0)
    ('13% (1 of 8)', '67% (2 of 3)', 'no answers')
    """
    if n <= 0:
        return "no answers"
    return f"{percent(k, n)}% ({k} of {n})"


def percent(k: int, n: int) -> int:
    """``k`` of ``n`` as a whole percentage, rounded half up (the same on every machine).

    >>> percent(1, 8), percent(1, 3), percent(0, 5)
    (13, 33, 0)
    """
    return (200 * k + n) // (2 * n) if n > 0 else 0


def first_sentence(text: Any) -> str:
    """The first sentence of a feedback: up to the first full stop, question or exclamation mark
    followed by a space and a capital (a decimal point, "e.g." or "et al." do not end one).

    Examples
    --------
    >>> first_sentence("Fewer: 192 needles in eight rows. The number of channels grows.")
    'Fewer: 192 needles in eight rows.'
    >>> first_sentence("A 1.0 mm needle, e.g. Dermaroller's, goes less deep. It is pushed in.")
    "A 1.0 mm needle, e.g. Dermaroller's, goes less deep."
    >>> first_sentence("  No full stop here ")
    'No full stop here'
    """
    words = " ".join(str(text or "").split())
    for m in re.finditer(r"[.!?][\"'\u201d\u2019)]*(?=\s+[A-Z\"'\u201c\u2018(])", words):
        last = words[:m.start() + 1].rsplit(" ", 1)[-1].lower()
        if last in ABBREVIATIONS:
            continue
        return words[:m.end()]
    return words


def md_cell(text: Any, limit: int | None = None) -> str:
    """Text made safe for one cell of a Markdown table: one line, ``|`` escaped, no raw HTML.

    >>> md_cell("a | b\\n<c>")
    'a \\\\| b &lt;c>'
    """
    words = " ".join(str(text).split())
    if limit:
        words = clip(words, limit)
    return words.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def wrong_label(option: dict) -> str:
    """What the report says beside a wrong option: its ``misconception:`` label when the bank
    gives one, else the first sentence of its feedback ('' when it has neither).

    >>> wrong_label({"id": "n12", "feedback": "Too few. A roller has 192."})
    'Too few.'
    >>> wrong_label({"id": "n12", "feedback": "Too few. A roller has 192.",
    ...              "misconception": "counting a pen's needles"})
    "misconception: counting a pen's needles"
    """
    label = str(option.get("misconception") or "").strip()
    if label:
        return f"misconception: {label}"
    return first_sentence(option.get("feedback", ""))


def as_bool(value: Any) -> bool | None:
    """A ``correct`` field read from JSON or CSV ('True', 'false', 1, ...); None when unreadable.

    >>> as_bool("True"), as_bool(False), as_bool("maybe")
    (True, False, None)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def parse_time(value: Any) -> datetime | None:
    """An entry's ISO time (a time without a zone is taken as UTC); None when absent or bad."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        t = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


# -- reading records -----------------------------------------------------------------------------
class RecordError(ValueError):
    """A file that is not a learner's record that can be read; the message says why."""


@dataclass
class Entry:
    """One answer or prediction of a learner's record."""

    bank: str
    question: str
    response: Any
    correct: bool
    kind: str  # "answer" or "prediction"
    time: datetime | None
    order: int  # its place in the file


@dataclass
class LearnerRecord:
    """One learner's record as read: its entries in the order recorded (by time)."""

    path: Path
    shown: str  # the path relative to the current folder (or the file's name)
    source: str  # "progress file" or "CSV export"
    entries: list[Entry]
    bad: int = 0  # entries left out, unreadable
    bad_reason: str = ""
    label: str = ""


@dataclass
class Skipped:
    """A file (or part of one) left out, and why."""

    shown: str  # relative path
    name: str  # the file's name alone (what an anonymised report says)
    reason: str


def read_entry(raw: Any, order: int) -> Entry:
    """One entry of a record, checked; raises :class:`RecordError` for one that cannot be read."""
    if not isinstance(raw, dict):
        raise RecordError("an entry is not a mapping")
    missing = [k for k in NEEDED if raw.get(k) in (None, "")]
    if missing:
        raise RecordError(f"entries without {join(missing)}")
    kind = str(raw.get("kind") or "answer").strip()
    if kind not in ("answer", "prediction"):
        raise RecordError(f"an entry of unknown kind {clip(kind, 30)!r}")
    correct = as_bool(raw.get("correct"))
    if correct is None:
        if kind != "prediction":
            raise RecordError("entries whose 'correct' is neither true nor false")
        correct = False
    return Entry(str(raw["bank"]).strip(), str(raw["question"]).strip(), raw.get("response"),
                 correct, kind, parse_time(raw.get("time")), order)


def _entries(rows: Iterable[Any]) -> tuple[list[Entry], int, str]:
    """The readable entries, how many were not, and the first reason; sorted by time (an entry
    without a time keeps its place after the one before it)."""
    good: list[Entry] = []
    bad, reason = 0, ""
    for i, raw in enumerate(rows):
        try:
            good.append(read_entry(raw, i))
        except RecordError as exc:
            bad += 1
            reason = reason or str(exc)
    floor = datetime.min.replace(tzinfo=timezone.utc)
    keys, last = [], floor
    for e in good:
        last = e.time or last
        keys.append((last, e.order))
    order = sorted(range(len(good)), key=lambda i: keys[i])
    return [good[i] for i in order], bad, reason


def _csv_rows(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        raise RecordError("the file is empty")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in NEEDED if c not in columns]
    if missing:
        raise RecordError(f"not a progress export (no {join(missing)} column"
                          f"{'s' if len(missing) > 1 else ''})")
    rows = []
    for row in reader:
        row = {str(k).strip(): v for k, v in row.items() if k is not None}
        response = row.get("response")
        if isinstance(response, str) and response != "":
            try:
                row["response"] = json.loads(response)
            except ValueError:
                pass  # a response typed by hand: keep the text
        rows.append(row)
    return rows


def read_record(path: str | Path, shown: str | None = None) -> LearnerRecord:
    """One learner's record: a CSV export (``.csv``) or a progress file (anything else).

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    shown : str, optional
        How the report names it (default: the file's name).

    Returns
    -------
    LearnerRecord
        Its readable entries, oldest first, and how many entries could not be read.

    Raises
    ------
    RecordError
        For a file that cannot be read, is not a record, or holds entries but none readable.
    """
    path = Path(path)
    shown = shown or path.name
    is_csv = path.suffix.lower() == ".csv"
    try:
        if is_csv:
            rows = _csv_rows(path)
        else:
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                raise RecordError("the file is empty")
            data = json.loads(text)
            if not (isinstance(data, dict) and isinstance(data.get("answers"), list)):
                raise RecordError("not a skinlab progress record (no list of answers)")
            rows = data["answers"]
    except UnicodeDecodeError:
        raise RecordError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})") from None
    except csv.Error as exc:
        raise RecordError(f"not a readable CSV file ({exc})") from None
    except OSError as exc:
        raise RecordError(f"could not be read ({exc.strerror or type(exc).__name__})") from None
    except RecursionError:
        raise RecordError("not a skinlab progress record (nested too deeply)") from None
    entries, bad, reason = _entries(rows)
    if bad and not entries:
        raise RecordError(f"no entry could be read ({reason})")
    return LearnerRecord(path, shown, "CSV export" if is_csv else "progress file", entries, bad,
                         reason)


def _shown(path: Path, base: Path) -> str:
    """``path`` relative to the current folder, else to ``base`` (the folder given), else its
    name: never the machine's full path."""
    for root in (Path.cwd().resolve(), base):
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    return path.name


def _is_export(path: Path) -> bool:
    """Whether a CSV file found in a folder has the export's columns (its first line)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            head = next(csv.reader(f), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return True  # it cannot be read: let reading it say so
    return all(c in [h.strip() for h in head] for c in NEEDED)


def _walk(folder: Path, skipped: list[Skipped], base: Path) -> tuple[list[Path], int]:
    """The progress files and export CSV files under ``folder``, and how many other CSV files
    were passed over."""
    found: list[Path] = []
    others = 0

    def unlisted(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        skipped.append(Skipped(_shown(where, base), where.name,
                               f"the folder could not be listed ({exc.strerror or exc})"))

    for top, dirs, files in os.walk(folder, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if d not in PRUNE)
        for name in sorted(files):
            p = Path(top) / name
            if name == PROGRESS_NAME:
                found.append(p)
            elif name.lower().endswith(".csv"):
                if _is_export(p):
                    found.append(p)
                else:
                    others += 1
    return found, others


def _fingerprint(e: Entry) -> tuple:
    return (e.time, e.bank, e.question, e.kind, e.correct,
            json.dumps(e.response, sort_keys=True, default=str))


def _copy_of(export: LearnerRecord, records: list[LearnerRecord]) -> bool:
    """Whether every entry of a CSV export (its time to the second, question, response and
    verdict) is in one progress file read: the same learner's record, exported."""
    if not export.entries:
        return False
    mine = {_fingerprint(e) for e in export.entries}
    return any(r.source == "progress file" and r.entries and
               mine <= {_fingerprint(e) for e in r.entries} for r in records)


def _name_of(record: LearnerRecord) -> str:
    """The learner's name for ``--names``: the nearest name, from the file's up through its
    folders, that is not a generic one ('progress', 'skinlab', '.local', ...)."""
    parts = [record.path.stem] + [p.name for p in record.path.parents]
    for part in parts:
        if part and not part.startswith(".") and part.lower() not in GENERIC:
            return part
    return record.path.stem


def read_paths(paths: Iterable[str | Path], names: bool = False
               ) -> tuple[list[LearnerRecord], list[Skipped], list[str]]:
    """Every learner's record under ``paths``, labelled, with the files skipped.

    Parameters
    ----------
    paths : iterable of str or pathlib.Path
        CSV exports, progress files or folders (see the module's description). Every path must
        exist (check first: :func:`main` does).
    names : bool, optional
        Label learners by their folder's (or file's) name; default "learner 1", "learner 2", ...
        in the order of their files' paths.

    Returns
    -------
    records : list of LearnerRecord
        The records read, in the order of their paths, each with its ``label``.
    skipped : list of Skipped
        Files (or entries in them) that could not be read, and why.
    notes : list of str
        What else was passed over (CSV files that are not exports, exports that copy a progress
        file), for stderr.
    """
    files: dict[Path, Path] = {}  # resolved file -> the folder it was shown from
    skipped: list[Skipped] = []
    notes: list[str] = []
    others = 0
    for given in paths:
        p = Path(given).expanduser()
        base = p.resolve().parent
        if p.is_dir():
            found, n = _walk(p.resolve(), skipped, base)
            others += n
            for f in found:
                files.setdefault(f.resolve(), base)
        else:
            files.setdefault(p.resolve(), base)
    if others:
        notes.append(f"passed over {count(others, 'CSV file')} in the folders that "
                     f"{'is' if others == 1 else 'are'} not a progress export")
    records: list[LearnerRecord] = []
    for f in sorted(files, key=lambda f: f.as_posix()):
        shown = _shown(f, files[f])
        try:
            rec = read_record(f, shown)
        except RecordError as exc:
            skipped.append(Skipped(shown, f.name, str(exc)))
            continue
        if rec.bad:
            skipped.append(Skipped(shown, f.name, f"{count(rec.bad, 'entry', 'entries')} of "
                                   f"{rec.bad + len(rec.entries)} could not be read and "
                                   f"{'was' if rec.bad == 1 else 'were'} left out "
                                   f"({rec.bad_reason}); the rest was read"))
        records.append(rec)
    kept = []
    for rec in records:
        if rec.source == "CSV export" and _copy_of(rec, records):
            skipped.append(Skipped(rec.shown, rec.path.name,
                                   "every entry of it is in a progress file read too (the same "
                                   "learner's record, exported): counted once"))
            continue
        kept.append(rec)
    seen: Counter[str] = Counter()
    for i, rec in enumerate(kept, 1):
        if names:
            name = _name_of(rec)
            seen[name] += 1
            rec.label = name if seen[name] == 1 else f"{name} ({seen[name]})"
        else:
            rec.label = f"learner {i}"
    return kept, skipped, notes


# -- the report's numbers ------------------------------------------------------------------------
@dataclass
class Wrong:
    """A wrong answer chosen at the first try: what it was, how often, and what it was told."""

    text: str
    times: int
    note: str


@dataclass
class QuestionResult:
    """One scored question: first tries right (k of n) and the wrong answers most chosen."""

    bank: str
    id: str
    prompt: str
    right: int
    answered: int
    wrong: list[Wrong] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.bank}:{self.id}"


@dataclass
class ObjectiveResult:
    bank: str
    key: str
    text: str
    right: int
    answered: int


@dataclass
class PredictionResult:
    """One prediction: the share choosing each option, beside the results it leads to."""

    bank: str
    id: str
    prompt: str
    predicted: int  # learners who recorded one
    choices: list[tuple[str, int]]  # option text -> learners (or a line for a typed value)
    related: list[QuestionResult]
    related_how: str

    @property
    def key(self) -> str:
        return f"{self.bank}:{self.id}"


@dataclass
class BankResult:
    name: str
    title: str
    questions: list[QuestionResult]
    objectives: list[ObjectiveResult]
    predictions: list[PredictionResult]


@dataclass
class ClassReport:
    """Everything the report says, worked out once; :func:`markdown_report` and
    :func:`html_report` only print it."""

    records: list[LearnerRecord]
    skipped: list[Skipped]
    banks: list[BankResult]
    unanswered_banks: list[str]
    unknown: int  # entries for questions the course no longer has
    names: bool

    @property
    def answered(self) -> list[QuestionResult]:
        return [q for b in self.banks for q in b.questions if q.answered]


def _option(options: list[dict], shown: list[dict], response: Any) -> dict | None:
    """The option a response names: its id, its text, or its place in the order shown."""
    if isinstance(response, list) and len(response) == 1:
        response = response[0]
    if isinstance(response, dict):
        return None
    for o in options:
        if response == o.get("id") or str(response) == str(o.get("id")):
            return o
    if isinstance(response, str):
        said = response.strip().lower()
        for o in options:
            if said in (str(o.get("id")).lower(), str(o.get("text", "")).strip().lower()):
                return o
    if isinstance(response, int) and not isinstance(response, bool) and 0 <= response < len(shown):
        return shown[response]
    return None


def _unknown(response: Any) -> tuple[str, str]:
    said = clip(json.dumps(response, ensure_ascii=False, default=str), 40)
    return f"an answer the bank does not list ({said})", ""


def _wrong_parts(q: Question, response: Any) -> list[tuple[str, str]]:
    """What was wrong in a wrong first try, as (what was chosen, what it was told): the chosen
    wrong options; for true/false the verdict and the reason; for a number, too low or high."""
    kind = q.kind
    if kind in ("single", "multiple"):
        options, shown = q.raw.get("options") or [], q.choices()
        chosen = response if kind == "multiple" and isinstance(response, list) else [response]
        out = []
        for c in chosen:
            o = _option(options, shown, c)
            if o is None:
                out.append(_unknown(c))
            elif o.get("correct") is not True:
                out.append((str(o.get("text", o.get("id"))), wrong_label(o)))
        return out
    if kind == "truefalse":
        verdict: Any = None
        reason: Any = None
        if isinstance(response, dict):
            verdict, reason = response.get("answer"), response.get("reason")
        elif isinstance(response, list) and len(response) == 2:
            verdict, reason = response
        verdict = as_bool(verdict)
        out = []
        if verdict is not None and verdict != q.raw.get("answer"):
            fb = (q.raw.get("feedback") or {}).get(verdict, "")
            out.append((f"{'true' if verdict else 'false'} (the verdict)", first_sentence(fb)))
        o = _option(q.raw.get("reasons") or [], q.choices(), reason)
        if o is not None and o.get("correct") is not True:
            out.append((f"{o.get('text')} (the reason)", wrong_label(o)))
        return out or ([_unknown(response)] if verdict is None else [])
    if kind == "rate":
        scale = list(getattr(q, "scale", []))
        o = _option(scale, scale, response)
        if o is None:
            return [_unknown(response)]
        claim = getattr(q, "claim", None)
        note = ""
        if claim is not None:
            from skinlab import claims
            note = first_sentence(claims.contrast(str(o["id"]), str(q.verdict)))
        return [(str(o.get("text")), note)] if o["id"] != q.verdict else []
    if kind == "numeric":
        value = q.read(response)
        if not isinstance(value, float):
            return [("an answer that could not be read as a number", "")]
        side = "low" if value < q.answer else "high"
        return [(f"too {side}", first_sentence((q.raw.get("feedback") or {}).get(side, "")))]
    return []  # an ordering: no single wrong option to name


def _first(records: list[LearnerRecord], kind: str) -> dict[tuple[str, str], list[Entry]]:
    """Each learner's earliest entry of ``kind`` for each (bank, question)."""
    out: dict[tuple[str, str], list[Entry]] = {}
    for rec in records:
        seen = set()
        for e in rec.entries:  # oldest first
            key = (e.bank, e.question)
            if e.kind == kind and key not in seen:
                seen.add(key)
                out.setdefault(key, []).append(e)
    return out


def _question_result(q: Question, firsts: list[Entry]) -> QuestionResult:
    tally: Counter[tuple[str, str]] = Counter()
    order: dict[tuple[str, str], int] = {}
    for e in firsts:
        if not e.correct:
            for part in _wrong_parts(q, e.response):
                tally[part] += 1
                order.setdefault(part, len(order))
    top = sorted(tally, key=lambda p: (-tally[p], order[p]))[:TOP_WRONG]
    return QuestionResult(q.bank, q.id, q.prompt, sum(e.correct for e in firsts), len(firsts),
                          [Wrong(text, tally[(text, note)], note) for text, note in top])


def _prediction_choices(q: Question, firsts: list[Entry]) -> list[tuple[str, int]]:
    if getattr(q, "unit", None) is None:
        options = list(getattr(q, "options", []))  # the bank's order (a claim: the scale's)
        tally: Counter[str] = Counter()
        other = 0
        for e in firsts:
            o = _option(options, q.choices(), e.response)
            if o is None:
                other += 1
            else:
                tally[str(o["id"])] += 1
        out = [(str(o.get("text")), tally[str(o["id"])]) for o in options]
        if other:
            out.append(("an answer the bank does not list", other))
        return out
    values = []
    for e in firsts:
        try:
            values.append(units.parse(e.response, q.unit, getattr(q, "minimum", None)))
        except (units.UnitInputError, TypeError, ValueError):
            continue
    if not values:
        return [("no prediction could be read as a number", len(firsts))]
    values.sort()
    unit = q.unit_name()
    mid = values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] +
                                                            values[len(values) // 2]) / 2
    line = (f"typed values: median {mid:.3g} {unit}, from {values[0]:.3g} to "
            f"{values[-1]:.3g} {unit}").replace("  ", " ")
    return [(line, len(values))]


def _related(q: Question, quiz: Quiz, results: dict[str, QuestionResult],
             every: dict[tuple[str, str], QuestionResult], bank_claims: dict[str, list[str]]
             ) -> tuple[list[QuestionResult], str]:
    """The results a prediction leads to: the bank's scored questions in its section (or in the
    section it names, ``predict-X`` -> ``X``); for a popular article's claim, the questions that
    rate the same claim; else those of its objective."""
    sections = [q.section] + ([q.section[len("predict-"):]]
                              if q.section.startswith("predict-") else [])
    for section in sections:
        ids = [x.id for x in quiz.questions if x.scored and section and x.section == section]
        if ids:
            return [results[i] for i in ids], f"the questions of the section {section}"
    claim = getattr(q, "claim", None)
    if claim is not None and bank_claims.get(claim.key):
        return ([every[tuple(k.split(":", 1))] for k in bank_claims[claim.key]
                 if tuple(k.split(":", 1)) in every], "the questions that rate the same claim")
    ids = [x.id for x in quiz.questions if x.scored and x.objective == q.objective]
    return [results[i] for i in ids], f"the questions of its objective, {q.objective}"


def build(records: list[LearnerRecord], skipped: list[Skipped] | None = None,
          names: bool = False, folder: str | Path | None = None) -> ClassReport:
    """The report's numbers from the records read.

    Parameters
    ----------
    records : list of LearnerRecord
        The learners' records (:func:`read_paths`).
    skipped : list of Skipped, optional
        The files skipped while reading, reported as they are.
    names : bool, optional
        Whether learners are named (the report says whether it is anonymised).
    folder : str or pathlib.Path, optional
        The folder of quiz banks (default: the course's own).

    Returns
    -------
    ClassReport
        Per bank answered: each scored question's first tries and wrong answers, each
        objective's mastery, each prediction's shares with the results it leads to.
    """
    kw = {} if folder is None else {"folder": folder}
    quizzes = {}
    for name in banks(**kw):
        try:
            quiz = Quiz.from_bank(name, **kw)
        except QuizError:
            continue
        if not quiz.final:  # the final assessment's answers are recorded under their own bank
            quizzes[name] = quiz
    answers, guesses = _first(records, "answer"), _first(records, "prediction")
    known = {(b, q.id) for b, quiz in quizzes.items() for q in quiz.questions}
    unknown = sum(1 for r in records for e in r.entries if (e.bank, e.question) not in known)
    touched = {b for b, _ in set(answers) | set(guesses) if b in quizzes}
    every: dict[tuple[str, str], QuestionResult] = {}
    claim_questions: dict[str, list[str]] = {}
    for b, quiz in quizzes.items():
        for q in quiz.questions:
            if q.scored:
                every[(b, q.id)] = _question_result(q, answers.get((b, q.id), []))
                claim = getattr(q, "claim", None)
                if claim is not None:
                    claim_questions.setdefault(claim.key, []).append(f"{b}:{q.id}")
    out = []
    for b, quiz in quizzes.items():
        if b not in touched:
            continue
        results = {q.id: every[(b, q.id)] for q in quiz.questions if q.scored}
        objectives = []
        for key, ids in quiz.objective_map().items():
            rs = [results[i] for i in ids]
            objectives.append(ObjectiveResult(b, key, quiz.objectives[key],
                                              sum(r.right for r in rs),
                                              sum(r.answered for r in rs)))
        predictions = []
        for q in quiz.questions:
            if q.kind != "prediction":
                continue
            firsts = guesses.get((b, q.id), [])
            related, how = _related(q, quiz, results, every, claim_questions)
            predictions.append(PredictionResult(b, q.id, q.prompt, len(firsts),
                                                _prediction_choices(q, firsts), related, how))
        out.append(BankResult(b, quiz.title, list(results.values()), objectives, predictions))
    return ClassReport(records, list(skipped or []), out,
                       [b for b in quizzes if b not in touched], unknown, names)


# -- the figure ------------------------------------------------------------------------------------
BANK_COLOURS = (CATEGORICAL[5], CATEGORICAL[1], CATEGORICAL[3], CATEGORICAL[6], CATEGORICAL[2],
                CATEGORICAL[7])  # Okabe-Ito, the yellow and the black left out


def figure_alt(report: ClassReport) -> str:
    """The figure's alt text: what it shows, its lowest and highest bars (the tables give every
    number)."""
    rows = report.answered
    if not rows:
        return "No question has been answered yet: the chart is empty."
    low = min(rows, key=lambda r: percent(r.right, r.answered))
    high = max(rows, key=lambda r: percent(r.right, r.answered))
    return clip(f"Bar chart of the {AXIS_LABEL} for {count(len(rows), 'question')}: lowest "
                f"{percent(low.right, low.answered)}% ({low.key}), highest "
                f"{percent(high.right, high.answered)}% ({high.key}).", 250)


def figure_png(report: ClassReport) -> bytes:
    """A horizontal bar chart: one bar per question answered, the share right at the first try,
    each bar labelled with its numbers; the same bytes for the same records."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from skinlab.figures.style import DPI, FONT, RC

    rows = report.answered
    colour = {b.name: BANK_COLOURS[i % len(BANK_COLOURS)] for i, b in enumerate(report.banks)}
    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(RC)
        fig = Figure(figsize=(9.5, 1.3 + 0.36 * max(len(rows), 1)), dpi=DPI, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ys = list(range(len(rows)))
        values = [percent(r.right, r.answered) for r in rows]
        ax.barh(ys, values, height=0.62, color=[colour[r.bank] for r in rows],
                edgecolor=INK, linewidth=0.6)
        for y, v, r in zip(ys, values, rows):
            ax.text(v + 1.2, y, share(r.right, r.answered), va="center", ha="left",
                    fontsize=FONT, color=INK)
        ax.set_yticks(ys, [r.key for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)  # the first question at the top
        ax.set_xlim(0, 128)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel(AXIS_LABEL, color=INK)
        ax.grid(axis="x", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_bounds(0, 100)
        ax.tick_params(colors=INK)
        ax.set_title("Right at the first try, by question", loc="left", color=INK)
        if not rows:
            ax.set_yticks([])
            ax.text(50, 0, "no question answered yet", ha="center", va="center", color=INK)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight",
                    metadata={"Software": None, "Title": "Class report",
                              "Description": figure_alt(report)})
    return buf.getvalue()


# -- printing --------------------------------------------------------------------------------------
def _result(r: QuestionResult) -> str:
    return (f"{share(r.right, r.answered)} right at the first try" if r.answered else
            "no answers")


def _skipped_name(s: Skipped, names: bool) -> str:
    return s.shown if names else s.name


def _intro(report: ClassReport) -> list[str]:
    n = len(report.records)
    lines = [f"{count(n, 'learner')}' records read"
             if n != 1 else "1 learner's record read"]
    if report.names:
        lines.append("Learners are named (--names): keep this report to yourself.")
    else:
        lines.append("The report is anonymised: learners are numbered in the order of their "
                     "files, never named, and no path is shown.")
    lines.append("A first try is a learner's earliest answer to a question, by time; n is the "
                 "learners who answered it. Predictions are never scored.")
    if report.skipped:
        lines.append(f"{count(len(report.skipped), 'file')} skipped in whole or in part: see "
                     f"Skipped records.")
    if report.unknown:
        lines.append(f"{count(report.unknown, 'entry', 'entries')} for questions the course no "
                     f"longer asks (changed or removed) {'is' if report.unknown == 1 else 'are'} "
                     f"left out.")
    return [lines[0] + ". " + " ".join(lines[1:])]


def markdown_report(report: ClassReport) -> str:
    """The report as Markdown: one table row per question, ``| bank:id | prompt | N% (k of n) |``,
    then the wrong answers, the objectives, the predictions, the records read and skipped."""
    from skinlab.tools.notebooktext import disclaimer

    out = ["# Class report: first tries, objectives and predictions", "", disclaimer(), ""]
    out += _intro(report) + ["", "The chart of these shares is in class-report.html.", ""]
    out += ["## Right at the first try", ""]
    for b in report.banks:
        out += [f"### {md_cell(b.name)}: {md_cell(b.title)}", "",
                "| question | prompt | right at the first try |", "| --- | --- | --- |"]
        out += [f"| {md_cell(q.key)} | {md_cell(q.prompt)} | {share(q.right, q.answered)} |"
                for q in b.questions]
        out.append("")
    if report.unanswered_banks:
        out += [f"No answers yet to the questions of {join(report.unanswered_banks)}.", ""]
    out += ["## Wrong answers most chosen at the first try", ""]
    wrongs = [q for b in report.banks for q in b.questions if q.wrong]
    if not wrongs:
        out += ["No wrong first try names an option.", ""]
    for q in wrongs:
        out.append(f"- **{md_cell(q.key)}**, wrong at the first try: "
                   f"{share(q.answered - q.right, q.answered)}")
        for w in q.wrong:
            told = f": {md_cell(w.note)}" if w.note else ""
            out.append(f"  - \u201c{md_cell(w.text)}\u201d, chosen by "
                       f"{count(w.times, 'learner')}{told}")
    out += ["", "## Mastery of each objective", "",
            "| objective | what it asks | right at the first try |", "| --- | --- | --- |"]
    out += [f"| {md_cell(o.bank + ':' + o.key)} | {md_cell(o.text)} | "
            f"{share(o.right, o.answered)} |" for b in report.banks for o in b.objectives]
    out += ["", "## Predictions beside the results", ""]
    preds = [p for b in report.banks for p in b.predictions]
    if not preds:
        out += ["No prediction in the notebooks answered.", ""]
    for p in preds:
        out += [f"### {md_cell(p.key)}", "", f"{md_cell(p.prompt)} "
                f"({count(p.predicted, 'learner')} predicted)", ""]
        if p.predicted:
            out += ["| prediction | chosen by |", "| --- | --- |"]
            out += [f"| {md_cell(text)} | {share(k, p.predicted)} |" for text, k in p.choices]
            out.append("")
        out.append(f"Beside the results of {md_cell(p.related_how)}:")
        out += [f"- {md_cell(r.key)}: {_result(r)}" for r in p.related] or [
            "- no scored question"]
        out.append("")
    out += ["## Records read", ""]
    for r in report.records:
        where = f" ({md_cell(r.shown)})" if report.names else ""
        n_answers = sum(e.kind == "answer" for e in r.entries)
        out.append(f"- {md_cell(r.label)}{where}: {r.source}, {count(n_answers, 'answer')}, "
                   f"{count(len(r.entries) - n_answers, 'prediction')}")
    out += ["", "## Skipped records", ""]
    out += [f"- skipped {md_cell(_skipped_name(s, report.names))}: {md_cell(s.reason)}"
            for s in report.skipped] or ["None: every file found was read."]
    return "\n".join(out) + "\n"


def _inline_markdown(text: str) -> str:
    """The disclaimer's Markdown, simply: a quote's ``>`` dropped, ``**bold**`` kept; escaped."""
    body = html.escape(re.sub(r"^>\s?", "", text.strip(), flags=re.M))
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", body)


CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: {INK};
  max-width: 62em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.2em; }}
th, td {{ border: 1px solid {GRID}; padding: 0.3em 0.6em; text-align: left;
  vertical-align: top; }}
td.share {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
blockquote {{ border-left: 4px solid {GRID}; margin: 1em 0; padding: 0.2em 1em; }}
img {{ max-width: 100%; height: auto; }}
code {{ font-family: ui-monospace, monospace; }}
"""


def html_report(report: ClassReport, png: bytes | None = None) -> str:
    """The report as one self-contained HTML page: the same content as the Markdown, every text
    escaped, the chart embedded as a PNG (a data URI) with its alt text; nothing is fetched."""
    from skinlab.tools.notebooktext import disclaimer

    e = html.escape
    png = figure_png(report) if png is None else png
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    out = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<title>Class report: first tries, objectives and predictions</title>',
           f'<style>{CSS}</style>', '</head>', '<body>', '<main>',
           '<h1>Class report: first tries, objectives and predictions</h1>',
           f'<blockquote><p>{_inline_markdown(disclaimer())}</p></blockquote>']
    out += [f"<p>{e(line)}</p>" for line in _intro(report)]
    out += ['<figure>', f'<img src="{uri}" alt="{e(figure_alt(report))}">',
            f'<figcaption>The {e(AXIS_LABEL)}, one bar per question answered, with its counts '
            f'(N% (k of n)).</figcaption>', '</figure>', '<h2>Right at the first try</h2>']

    def table(head: list[str], rows: list[list[str]], share_col: int) -> list[str]:
        t = ["<table>", "<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head)
             + "</tr></thead>", "<tbody>"]
        for row in rows:
            t.append("<tr>" + "".join(
                f'<td class="share">{e(c)}</td>' if i == share_col else f"<td>{e(c)}</td>"
                for i, c in enumerate(row)) + "</tr>")
        return t + ["</tbody>", "</table>"]

    for b in report.banks:
        out.append(f"<h3>{e(b.name)}: {e(b.title)}</h3>")
        out += table(["question", "prompt", "right at the first try"],
                     [[q.key, q.prompt, share(q.right, q.answered)] for q in b.questions], 2)
    if report.unanswered_banks:
        out.append(f"<p>No answers yet to the questions of {e(join(report.unanswered_banks))}."
                   f"</p>")
    out.append("<h2>Wrong answers most chosen at the first try</h2>")
    wrongs = [q for b in report.banks for q in b.questions if q.wrong]
    if not wrongs:
        out.append("<p>No wrong first try names an option.</p>")
    else:
        out.append("<ul>")
        for q in wrongs:
            items = "".join(
                f"<li>\u201c{e(w.text)}\u201d, chosen by {e(count(w.times, 'learner'))}"
                f"{': ' + e(w.note) if w.note else ''}</li>" for w in q.wrong)
            out.append(f"<li><strong>{e(q.key)}</strong>, wrong at the first try: "
                       f"{e(share(q.answered - q.right, q.answered))}<ul>{items}</ul></li>")
        out.append("</ul>")
    out.append("<h2>Mastery of each objective</h2>")
    out += table(["objective", "what it asks", "right at the first try"],
                 [[f"{o.bank}:{o.key}", o.text, share(o.right, o.answered)]
                  for b in report.banks for o in b.objectives], 2)
    out.append("<h2>Predictions beside the results</h2>")
    preds = [p for b in report.banks for p in b.predictions]
    if not preds:
        out.append("<p>No prediction in the notebooks answered.</p>")
    for p in preds:
        out += [f"<h3>{e(p.key)}</h3>",
                f"<p>{e(p.prompt)} ({e(count(p.predicted, 'learner'))} predicted)</p>"]
        if p.predicted:
            out += table(["prediction", "chosen by"],
                         [[text, share(k, p.predicted)] for text, k in p.choices], 1)
        related = "".join(f"<li>{e(r.key)}: {e(_result(r))}</li>"
                          for r in p.related) or "<li>no scored question</li>"
        out.append(f"<p>Beside the results of {e(p.related_how)}:</p><ul>{related}</ul>")
    out += ["<h2>Records read</h2>", "<ul>"]
    for r in report.records:
        where = f" ({r.shown})" if report.names else ""
        n_answers = sum(x.kind == "answer" for x in r.entries)
        out.append(f"<li>{e(r.label + where)}: {e(r.source)}, {e(count(n_answers, 'answer'))}, "
                   f"{e(count(len(r.entries) - n_answers, 'prediction'))}</li>")
    out += ["</ul>", "<h2>Skipped records</h2>"]
    if report.skipped:
        out.append("<ul>" + "".join(f"<li>skipped {e(_skipped_name(s, report.names))}: "
                                    f"{e(s.reason)}</li>" for s in report.skipped) + "</ul>")
    else:
        out.append("<p>None: every file found was read.</p>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- the command ---------------------------------------------------------------------------------
def main(paths: list[str], out: str = ".", names: bool = False) -> int:
    """``python -m skinlab class-report PATH... [--out DIR] [--names]``: read the records, write
    ``class-report.md`` and ``class-report.html`` in ``out``.

    Parameters
    ----------
    paths : list of str
        CSV exports, progress files or folders holding them.
    out : str, optional
        The folder for the two reports (made if missing; default the current folder).
    names : bool, optional
        Name learners (default: anonymised).

    Returns
    -------
    int
        0 when at least one record was read and the reports were written; 1 (with a message on
        stderr) when a path does not exist, no record could be read, or a report could not be
        written.
    """
    def say_err(message: str) -> None:
        print(f"class-report: {message}", file=sys.stderr)

    missing = [p for p in paths if not Path(p).expanduser().exists()]
    if not paths or missing:
        say_err(f"no such file or folder: {join([str(p) for p in missing])}" if missing else
                "give the CSV exports, progress files or folders to read")
        return 1
    records, skipped, notes = read_paths(paths, names)
    for s in skipped:
        print(f"skipped {s.shown}: {s.reason}", file=sys.stderr)
    for note in notes:
        say_err(note)
    if not records:
        where = join([str(p) for p in paths])
        say_err(f"no learner's record could be read in {where} ({count(len(skipped), 'file')} "
                f"skipped); no report written" if skipped else
                f"no progress file or CSV export found in {where}; no report written")
        return 1
    report = build(records, skipped, names)
    target = Path(out).expanduser()
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / MARKDOWN_FILE).write_text(markdown_report(report), encoding="utf-8")
        (target / HTML_FILE).write_text(html_report(report), encoding="utf-8")
    except OSError as exc:
        say_err(f"could not write the report in {out}: {exc.strerror or exc}")
        return 1
    print(f"class-report: read {count(len(records), 'record')}"
          f"{f', skipped {len(skipped)}' if skipped else ''}; wrote {MARKDOWN_FILE} and "
          f"{HTML_FILE} in {out}")
    return 0
