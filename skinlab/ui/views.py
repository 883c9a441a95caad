"""The two anywidgets: a figure with its live sentence, and a live paragraph.

ipywidgets cannot set ARIA attributes, and its HTML widget replaces its inner HTML on every
update, so screen readers would not announce a change. Each of these renders its elements once;
later updates change only an image source or a paragraph's text, so the same element speaks. The
PNG travels as a binary buffer (no base64), and the saved widget state lets JupyterLab draw the
last figure and sentence before a notebook is run.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import anywidget
import traitlets

from skinlab.text import MAX_ALT, clip



@lru_cache(maxsize=None)
def assets(name: str) -> str:
    """The text of one file in ``skinlab/ui/assets`` (JavaScript or CSS)."""
    return resources.files("skinlab.ui").joinpath("assets", name).read_text(encoding="utf-8")


class FigureView(anywidget.AnyWidget):
    """A PNG figure, a short ``alt`` label, and the full ``text`` in an aria-live paragraph."""

    _esm = assets("keys.js") + assets("figure_view.js")
    _css = assets("ui.css")
    png = traitlets.Bytes(b"").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Int(640).tag(sync=True)
    problem = traitlets.Bool(False).tag(sync=True)

    @traitlets.validate("alt")
    def _short_alt(self, proposal):
        return clip(str(proposal["value"]), MAX_ALT)


class LiveText(anywidget.AnyWidget):
    """One persistent aria-live paragraph. ``tone`` (correct, wrong, problem) adds a coloured
    edge; the words always say it too, never colour alone."""

    _esm = assets("keys.js") + assets("live_text.js")
    _css = assets("ui.css")
    text = traitlets.Unicode("").tag(sync=True)
    tone = traitlets.Unicode("").tag(sync=True)
