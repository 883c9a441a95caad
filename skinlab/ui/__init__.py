"""Widget pieces every part of the course shows, whoever uses them.

- :class:`FigureView`: a figure (PNG bytes) with a short alt text and one persistent aria-live
  paragraph that holds the full sentence, so screen readers announce each change;
- :class:`LiveText`: one persistent aria-live paragraph with an optional tone edge;
- :class:`LabelledBox`: a box whose saved plain-text output is a sentence, and :func:`box` and
  :func:`split` to lay pieces out (side by side when the output area is wide, stacked when it is
  narrow);
- :class:`StaticView`: a figure and its words for places with no kernel.

Every box made here carries the keyboard guard (``skinlab-keys``): JupyterLab's command-mode
shortcuts do not steal the keys a learner uses inside it. The JavaScript and CSS are package
files in ``skinlab/ui/assets``.
"""

from skinlab.ui.boxes import LabelledBox, box, split
from skinlab.ui.static import StaticView
from skinlab.ui.views import FigureView, LiveText, assets

__all__ = ["FigureView", "LabelledBox", "LiveText", "StaticView", "assets", "box", "split"]
