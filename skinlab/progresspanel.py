"""Deprecated: use :mod:`skinlab.progress.view` (learners' saved copies still import this)."""

import warnings

from skinlab.progress.view import known_questions, panel, review_text, summary_text  # noqa: F401

warnings.warn("skinlab.progresspanel moved to skinlab.progress.view; this name will go in a later "
              "release", DeprecationWarning, stacklevel=2)
