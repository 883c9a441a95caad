"""What to review: questions answered wrongly and not since answered rightly, spaced by Leitner
boxes (a course choice, not a measured optimum), read from the learner's record
(:mod:`skinlab.progress.store`)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timezone
from typing import Any

from skinlab.progress.store import entry_kind, answers

# -- review of what was missed (Leitner boxes) ----------------------------------------------------
# Days to wait before a question in box k comes back: a course choice in the spirit of Leitner's
# boxes (a right answer moves a question up a box, a wrong one down a box), not a measured optimum.
REVIEW_DAYS = (0, 1, 3, 7, 14)


def _when(entry: dict) -> datetime:
    t = datetime.fromisoformat(entry["time"])
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def review_set(now: datetime, known: dict[str, set[str]] | None = None,
               entries: list[dict] | None = None) -> list[dict]:
    """Questions answered wrongly and not answered rightly since, that are due at ``now``.

    Predictions are left out. Each question's box starts at 0; a right answer moves it up one
    (to at most the last box), a wrong one down one. A question whose latest answer is wrong is
    due once ``REVIEW_DAYS[box]`` days have passed since that attempt. With ``known`` (bank ->
    the question ids the course has now), questions the course no longer asks are left out.
    ``entries`` replaces the record (for tests); ``now`` must carry a time zone.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone, e.g. datetime.now(timezone.utc)")
    history: "OrderedDict[tuple[str, str], list[dict]]" = OrderedDict()
    for a in (answers() if entries is None else entries):
        if entry_kind(a) != "answer":
            continue
        if known is not None and a["question"] not in known.get(a["bank"], set()):
            continue
        history.setdefault((a["bank"], a["question"]), []).append(a)
    due: list[dict[str, Any]] = []
    for (bank, question), tries in history.items():
        box = 0
        for a in tries:
            box = min(box + 1, len(REVIEW_DAYS) - 1) if a["correct"] else max(box - 1, 0)
        last = tries[-1]
        if last["correct"]:
            continue
        waited = (now - _when(last)).total_seconds() / 86400
        if waited >= REVIEW_DAYS[box]:
            due.append({"bank": bank, "question": question, "box": box,
                        "objective": last.get("objective"), "days_since": round(waited, 1)})
    due.sort(key=lambda d: (-d["days_since"], d["bank"], d["question"]))
    return due


def review_text(now: datetime, known: dict[str, set[str]] | None = None,
                entries: list[dict] | None = None) -> str:
    """The review set as short plain lines (what 00_start_here prints).

    Parameters
    ----------
    now : datetime.datetime
        The time to review at; it must carry a time zone.
    known : dict of str to set of str, optional
        Bank -> the question ids the course has now; questions the course no longer asks are left
        out.
    entries : list of dict, optional
        Entries to read instead of the learner's record (for tests and examples).

    Returns
    -------
    str
        The questions due, one line each with the days since they were last tried, or a line
        saying that nothing is waiting (with the Leitner waits, in days).

    Raises
    ------
    ValueError
        For a ``now`` without a time zone.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> now = datetime(2026, 3, 2, tzinfo=timezone.utc)
    >>> missed = [{"bank": "01_skin_layers", "question": "thickness", "correct": False,
    ...            "objective": "thickness", "time": "2026-03-01T09:00:00+00:00"}]
    >>> print(review_text(now, entries=missed))
    1 question to review now:
    - 01_skin_layers: thickness (objective: thickness), last tried 0.6 days ago
    >>> from skinlab.text import say
    >>> say(review_text(now, entries=[]), width=80)
    Nothing to review now: no question you answered wrongly is waiting. Questions
    you miss come back here: at once, then, as you get them right, after 1, 3, 7, 14
    days (a course choice).
    >>> review_text(datetime(2026, 3, 2), entries=[])
    Traceback (most recent call last):
    ...
    ValueError: now must carry a time zone, e.g. datetime.now(timezone.utc)
    """
    due = review_set(now, known, entries)
    if not due:
        waits = ", ".join(f"{d:g}" for d in REVIEW_DAYS[1:])
        return ("Nothing to review now: no question you answered wrongly is waiting. Questions "
                "you miss come back here: at once, then, as you get them right, after "
                f"{waits} days (a course choice).")
    lines = [f"{len(due)} question{'s' if len(due) != 1 else ''} to review now:"]
    for d in due:
        what = f" (objective: {d['objective']})" if d["objective"] else ""
        lines.append(f"- {d['bank']}: {d['question']}{what}, last tried "
                     f"{d['days_since']:g} days ago")
    return "\n".join(lines)
