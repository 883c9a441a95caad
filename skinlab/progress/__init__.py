"""The learner's record, kept on their own computer and never sent anywhere: the store
(:mod:`skinlab.progress.store`: record, read, summarise, export, reset), what to review
(:mod:`skinlab.progress.review`, Leitner boxes) and the panel notebook 00 shows
(:mod:`skinlab.progress.view`). The store and the review never import the view.

>>> from skinlab import progress
>>> progress.KINDS
('answer', 'prediction')
"""

from __future__ import annotations

from pathlib import Path

from skinlab.progress.review import REVIEW_DAYS, review_set, review_text
from skinlab.progress.store import (ENV, KINDS, VERSION, ProgressWarning, answers, entry_kind,
                                    export_csv, latest, path, predictions, record, reset, summary,
                                    summary_text)

__all__ = ["ENV", "KINDS", "REVIEW_DAYS", "VERSION", "ProgressWarning", "answers", "entry_kind",
           "export_csv", "latest", "panel", "path", "predictions", "record", "reset",
           "review_set", "review_text", "summary", "summary_text"]


def panel(export_to: str | Path = "my-progress.csv"):
    """The progress panel (:func:`skinlab.progress.view.panel`).

    Parameters
    ----------
    export_to : str or pathlib.Path, optional
        The CSV file the panel's export button writes (nothing is written until it is pressed).

    Returns
    -------
    skinlab.ui.LabelledBox
        An ipywidgets VBox: the record's summary with Refresh, Export and Reset buttons.

    Examples
    --------
    >>> type(panel()).__name__
    'LabelledBox'
    """
    from skinlab.progress.view import panel as make
    return make(export_to)
