"""The learner's local record of answers. Nothing leaves the machine.

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
        try:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except ImportError:  # Windows
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


def record(bank: str, question_id: str, response: Any, correct: bool,
           objective: str | None = None) -> dict:
    """Append one graded answer to the record and return the entry written."""
    entry = {"bank": str(bank), "question": str(question_id), "response": _jsonable(response),
             "correct": bool(correct),
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


def summary() -> list[dict]:
    """Per bank, in the order first answered: questions answered, answered correctly (by the
    latest answer to each question), and the objectives whose questions were last answered
    wrongly."""
    banks: "OrderedDict[str, dict[str, dict]]" = OrderedDict()
    for a in answers():
        banks.setdefault(a["bank"], {})[a["question"]] = a
    out = []
    for bank, latest in banks.items():
        wrong = [a for a in latest.values() if not a["correct"]]
        revisit = sorted({a.get("objective") or a["question"] for a in wrong})
        out.append({"bank": bank, "answered": len(latest),
                    "correct": sum(1 for a in latest.values() if a["correct"]),
                    "revisit": revisit})
    return out


def summary_text() -> str:
    """The summary as short plain lines (what 00_start_here prints)."""
    rows = summary()
    if not rows:
        return "No answers recorded yet. Your quiz answers will be listed here, notebook by notebook."
    lines = []
    for r in rows:
        line = f"{r['bank']}: {r['answered']} answered, {r['correct']} correct"
        if r["revisit"]:
            line += "; revisit: " + ", ".join(r["revisit"])
        lines.append(line + ".")
    return "\n".join(lines)


def export_csv(destination: str | Path) -> Path:
    """Write every answer to a CSV file and return its path."""
    destination = Path(destination)
    rows = answers()
    with open(destination, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["time", "bank", "question", "objective",
                                               "correct", "response"])
        writer.writeheader()
        for a in rows:
            writer.writerow({k: (json.dumps(a.get(k), ensure_ascii=False)
                                 if k == "response" else a.get(k, "")) for k in
                             writer.fieldnames})
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


def panel(export_to: str | Path = "my-progress.csv"):
    """Your progress, with buttons to export it to CSV and to reset it (after a backup)."""
    import ipywidgets as w

    from skinlab.ui import LiveText, box

    text = w.Textarea(value=summary_text(), disabled=True, rows=6,
                      description="Your answers", style={"description_width": "initial"},
                      layout=w.Layout(width="46em"))
    status = LiveText(text="Your record is kept on this computer only.")
    refresh = w.Button(description="Refresh", tooltip="Read the record again")
    export = w.Button(description="Export to CSV", tooltip=f"Write {export_to}")
    reset_button = w.Button(description="Reset…", button_style="warning",
                            tooltip="Start a fresh record (a backup is written first)")
    armed = {"reset": False}

    def on_refresh(_=None):
        text.value = summary_text()

    def on_export(_):
        try:
            out = export_csv(export_to)
            status.text, status.tone = f"Exported {len(answers())} answers to {out}.", "correct"
        except OSError as exc:
            status.text, status.tone = f"Could not write {export_to}: {exc.strerror}.", "problem"

    def on_reset(_):
        if not armed["reset"]:
            armed["reset"] = True
            reset_button.description = "Confirm reset"
            status.text, status.tone = ("Press 'Confirm reset' to start a fresh record. A "
                                        "backup of the current one is written first."), "problem"
            return
        armed["reset"] = False
        reset_button.description = "Reset…"
        backup = reset()
        status.text = (f"Started a fresh record. The old one is saved as {backup}."
                       if backup else "There was nothing to reset.")
        status.tone = "correct"
        on_refresh()

    refresh.on_click(on_refresh)
    export.on_click(on_export)
    reset_button.on_click(on_reset)
    panel = box([text, w.HBox([refresh, export, reset_button]), status], "skinlab-progress")
    panel.fallback = ("Your progress panel: run this cell to refresh, export or reset your "
                      "record. Summary: " + summary_text())
    return panel
