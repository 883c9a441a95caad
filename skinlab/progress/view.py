"""The learner's progress panel (a view): the record's summary, with export and reset (after a
backup), and what to review now. Notebook 00 shows it; the record itself is
:mod:`skinlab.progress.store`."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from skinlab.progress import review, store as progress
from skinlab.ui import LiveText, box


def known_questions() -> dict[str, set[str]]:
    """Every bank's current question ids (answers to others are skipped, with a note)."""
    from skinlab.quiz.bank import Quiz, banks
    out = {}
    for name in banks():
        try:
            out[name] = {q.id for q in Quiz.from_bank(name).questions}
        except ValueError:  # a broken bank is reported by the audit; keep the panel working
            continue
    return out


def summary_text() -> str:
    """The record's summary, answers to questions the course no longer has left out.

    Returns
    -------
    str
        One line a notebook (answered, correct, objectives to revisit), or a line saying that no
        answer is recorded yet (see :func:`skinlab.progress.store.summary_text`).

    Examples
    --------
    With an empty progress record:

    >>> print(summary_text())
    No answers recorded yet. Your quiz answers will be listed here, notebook by notebook.
    """
    return progress.summary_text(known_questions())


def panel(export_to: str | Path = "my-progress.csv"):
    """Your progress, with buttons to export it to CSV and to reset it (after a backup).

    Parameters
    ----------
    export_to : str or pathlib.Path, optional
        The CSV file the export button writes (relative to the notebook's folder). Nothing is
        written until the button is pressed.

    Returns
    -------
    skinlab.ui.LabelledBox
        An ipywidgets VBox: the summary, the Refresh, Export and Reset buttons and a status
        line. Its ``fallback`` text is what a reader without a kernel sees.

    Examples
    --------
    With an empty progress record:

    >>> box = panel()
    >>> [b.description for b in box.children[1].children]
    ['Refresh', 'Export to CSV', 'Reset…']
    >>> from skinlab.text import say
    >>> say(box.fallback, width=80)
    Your progress panel: run this cell to refresh, export or reset your record.
    Summary: No answers recorded yet. Your quiz answers will be listed here,
    notebook by notebook.
    """
    text = w.Textarea(value=summary_text(), disabled=True, rows=6,
                      description="Your answers", style={"description_width": "initial"},
                      layout=w.Layout(width="46em"))
    status = LiveText(text="Your record is kept on this computer only.")
    wide = w.Layout(width="auto", min_width="8em")  # a button as wide as its words
    refresh = w.Button(description="Refresh", tooltip="Read the record again", layout=wide)
    export = w.Button(description="Export to CSV", tooltip=f"Write {export_to}", layout=wide)
    reset_button = w.Button(description="Reset…", button_style="warning", layout=wide,
                            tooltip="Start a fresh record (a backup is written first)")
    armed = {"reset": False}

    def on_refresh(_=None):
        text.value = summary_text()

    def on_export(_):
        try:
            out = progress.export_csv(export_to)
            n = len(progress.answers())
            status.text, status.tone = (f"Exported {n} entr{'y' if n == 1 else 'ies'} to "
                                        f"{out}.", "correct")
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
        backup = progress.reset()
        status.text = (f"Started a fresh record. The old one is saved as {backup}."
                       if backup else "There was nothing to reset.")
        status.tone = "correct"
        on_refresh()

    refresh.on_click(on_refresh)
    export.on_click(on_export)
    reset_button.on_click(on_reset)
    out = box([text, w.HBox([refresh, export, reset_button]), status], "skinlab-progress")
    out.fallback = ("Your progress panel: run this cell to refresh, export or reset your "
                    "record. Summary: " + summary_text())
    return out


def review_text(now=None) -> str:
    """What to review now: questions answered wrongly and not since answered rightly, spaced by
    Leitner boxes on the days since the last attempt (``now``: a time-zone-aware datetime; the
    current time when None)."""
    from datetime import datetime, timezone

    return review.review_text(now or datetime.now(timezone.utc), known_questions())
