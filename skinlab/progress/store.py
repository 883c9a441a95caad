"""The learner's local record of answers and predictions. Nothing leaves the machine.

Each entry has a ``kind``: ``answer`` (a graded answer, right or wrong) or ``prediction`` (a guess
recorded before a reveal, never scored): predictions never count in scores or in what to revisit.
Entries for questions the course no longer has (a question renamed when its key changed) are
skipped with a note, never a crash. The panel that shows the record is
:mod:`skinlab.progress.view`.

The record is one JSON file: by default ``progress.json`` in the per-user data folder
(``platformdirs.user_data_dir("skinlab")``), or the file named by ``SKINLAB_PROGRESS``. pytest and
``make execute`` always point ``SKINLAB_PROGRESS`` at a temporary file.

Every write happens under an exclusive lock (a ``.lock`` file beside the record) and replaces the
file atomically (write a temporary file, flush, ``os.replace``), so two notebooks open at once
lose nothing. A record that cannot be read is moved aside, with a warning that names the kept
copy, and a fresh record is started.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
import time
import warnings
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

ENV = "SKINLAB_PROGRESS"
VERSION = 1


class ProgressWarning(UserWarning):
    """Shown when the record was unreadable and had to be moved aside."""


def path() -> Path:
    """Where the record lives now (``SKINLAB_PROGRESS`` or the per-user data folder)."""
    env = os.environ.get(ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir
    return Path(user_data_dir("skinlab", appauthor=False)) / "progress.json"


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(target.name + ".lock")
    with open(lock, "a+b") as handle:
        if sys.platform == "win32":  # no fcntl: msvcrt's byte-range lock on the first byte
            import msvcrt
            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _empty() -> dict:
    return {"version": VERSION, "answers": []}


def _valid(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("answers"), list)
            and all(isinstance(a, dict) and {"bank", "question", "correct"} <= set(a)
                    for a in data["answers"]))


def _free_name(target: Path, tag: str) -> Path:
    """A new file beside ``target``: progress.<tag>-<UTC time>[-n].json."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    name = target.with_name(f"{target.stem}.{tag}-{stamp}{target.suffix}")
    n = 1
    while name.exists():
        name = target.with_name(f"{target.stem}.{tag}-{stamp}-{n}{target.suffix}")
        n += 1
    return name


def _move_aside(target: Path, why: str) -> Path:
    kept = _free_name(target, "unreadable")
    os.replace(target, kept)
    warnings.warn(f"Your progress record could not be read ({why}). It was kept unchanged as "
                  f"{kept} and a fresh record was started.", ProgressWarning, stacklevel=3)
    return kept


def _read(target: Path) -> dict:
    """The record's contents (call under the lock). Moves an unreadable file aside."""
    if not target.exists():
        return _empty()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        _move_aside(target, f"{type(exc).__name__}")
        return _empty()
    if not _valid(data):
        _move_aside(target, "it is not a skinlab progress record")
        return _empty()
    return data


def _write(target: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _jsonable(response: Any) -> Any:
    try:
        json.dumps(response, allow_nan=False)
        return response
    except (TypeError, ValueError):
        return repr(response)[:500]


KINDS = ("answer", "prediction")


def record(bank: str, question_id: str, response: Any, correct: bool,
           objective: str | None = None, kind: str = "answer") -> dict:
    """Append one entry to the record and return the entry written.

    ``kind`` is ``answer`` (graded) or ``prediction`` (recorded, never scored; ``correct`` is
    stored as False and never read).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    entry = {"bank": str(bank), "question": str(question_id), "response": _jsonable(response),
             "correct": bool(correct) if kind == "answer" else False, "kind": kind,
             "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    if objective:
        entry["objective"] = str(objective)
    target = path()
    with _locked(target):
        data = _read(target)
        data["answers"].append(entry)
        _write(target, data)
    return entry


def answers() -> list[dict]:
    """Every recorded answer, oldest first."""
    target = path()
    with _locked(target):
        return list(_read(target)["answers"])


def entry_kind(entry: dict) -> str:
    return entry.get("kind", "answer")  # records written before kinds existed hold answers


def latest(bank: str, ids: set[str] | None = None) -> dict[str, dict]:
    """The latest answer (never a prediction) to each question of a bank, by question id; only
    ``ids`` when given."""
    out: dict[str, dict] = {}
    for a in answers():
        if (a["bank"] == bank and entry_kind(a) == "answer"
                and (ids is None or a["question"] in ids)):
            out[a["question"]] = a
    return out


def predictions(bank: str) -> dict[str, dict]:
    """The latest prediction recorded for each prediction question of a bank."""
    return {a["question"]: a for a in answers() if a["bank"] == bank and
            entry_kind(a) == "prediction"}


def summary(known: dict[str, set[str]] | None = None) -> list[dict]:
    """Per bank, in the order first answered: questions answered, answered correctly (by the
    latest answer to each question), and the objectives whose questions were last answered
    wrongly. Predictions are left out. With ``known`` (bank -> the question ids the course has
    now), answers to other questions are left out too, and counted in a row with ``skipped``."""
    banks: "OrderedDict[str, dict[str, dict]]" = OrderedDict()
    skipped = 0
    for a in answers():
        if entry_kind(a) != "answer":
            continue
        if known is not None and a["question"] not in known.get(a["bank"], set()):
            skipped += 1
            continue
        banks.setdefault(a["bank"], {})[a["question"]] = a
    out: list[dict[str, Any]] = []
    if skipped:
        out.append({"skipped": skipped})
    for bank, latest in banks.items():
        wrong = [a for a in latest.values() if not a["correct"]]
        revisit = sorted({a.get("objective") or a["question"] for a in wrong})
        out.append({"bank": bank, "answered": len(latest),
                    "correct": sum(1 for a in latest.values() if a["correct"]),
                    "revisit": revisit})
    return out


def summary_text(known: dict[str, set[str]] | None = None) -> str:
    """The summary as short plain lines (what 00_start_here prints).

    Parameters
    ----------
    known : dict of str to set of str, optional
        Bank -> the question ids the course has now; answers to other questions are left out
        and counted in a note. None counts every answer.

    Returns
    -------
    str
        One line a bank, ``"<bank>: <n> answered, <m> correct; revisit: ..."``, in the order first
        answered, or a line saying that no answer is recorded yet.

    Examples
    --------
    With an empty progress record:

    >>> print(summary_text())
    No answers recorded yet. Your quiz answers will be listed here, notebook by notebook.
    """
    rows = summary(known)
    skipped = next((r["skipped"] for r in rows if "skipped" in r), 0)
    rows = [r for r in rows if "skipped" not in r]
    lines = []
    if not rows:
        lines.append("No answers recorded yet. Your quiz answers will be listed here, notebook "
                     "by notebook.")
    for r in rows:
        line = f"{r['bank']}: {r['answered']} answered, {r['correct']} correct"
        if r["revisit"]:
            line += "; revisit: " + ", ".join(r["revisit"])
        lines.append(line + ".")
    if skipped:
        lines.append(f"Note: {skipped} answer{'s' if skipped != 1 else ''} to questions the "
                     f"course no longer asks (they were changed) "
                     f"{'are' if skipped != 1 else 'is'} kept in the record but not counted.")
    return "\n".join(lines)


def export_csv(destination: str | Path) -> Path:
    """Write every answer to a CSV file and return its path."""
    destination = Path(destination)
    rows = answers()
    with open(destination, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["time", "bank", "question", "kind",
                                               "objective", "correct", "response"])
        writer.writeheader()
        for a in rows:
            writer.writerow({k: (json.dumps(a.get(k), ensure_ascii=False) if k == "response"
                                 else entry_kind(a) if k == "kind" else a.get(k, ""))
                             for k in writer.fieldnames})
    return destination


def reset() -> Path | None:
    """Start a fresh record. The old one is first copied to a dated backup, whose path is
    returned (None when there was nothing to back up)."""
    target = path()
    with _locked(target):
        if not target.exists():
            return None
        backup = _free_name(target, "backup")
        backup.write_bytes(target.read_bytes())
        _write(target, _empty())
        return backup
