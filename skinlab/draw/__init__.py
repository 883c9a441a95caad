"""Drawing components shared by the explorers, the static figures and the exercises.

Each component owns its artists, draws a typed state (``update(state)``: its own frozen
dataclass ``State``, or a mapping of its fields, checked: a misspelled or missing field is a
``TypeError`` naming it) and says whether it is an overlay (redrawn alone over a cached picture):
see :mod:`skinlab.draw.base`.

- :class:`CrossSection`: layers or strata as labelled bands on a depth axis;
- :class:`DepthMarker`: a probe or a level on that axis; :class:`BandHighlight`: one layer
  picked out; :class:`ReachOverlay`: a band removed and
  the deepest level reached; :class:`CohortMarker`: a row of cells; :class:`NeedleChannels`:
  needles and the channels they leave;
- :class:`TimelineStrip` and its :class:`TimeMarker`, on a linear, log or piecewise
  :class:`TimeAxis`;
- :class:`SurfaceView`: one square centimetre from above;
- :class:`NeedleReach`: a needle as far in as it goes (the rest above a dimpled surface) and the
  channel's range, to scale;
  :class:`ClosureChart` and :class:`HourMarker`: how open channels stay over the hours;
- :class:`WoundResponse`: what the skin does around one channel (a clot, inflammatory cells,
  fibroblasts, new capillaries, new collagen); :class:`CollagenChart`: the teaching model's new
  collagen over a year of sessions;
- :class:`AmountFrame` and :class:`AmountCurves`: the amount delivered over 24 hours;
  :class:`MoleculeMap` and :class:`MapMarker`: molecules by size and lipophilicity;
- :class:`Illustration`: the tissue drawn like a textbook figure (cells, fibres, fat, a follicle
  and a sweat gland), to scale, as one cached raster (:mod:`skinlab.draw.tissue`);
- :class:`Caption`: a line of text; :func:`peel_depth_chart`: an exercise's chart.

A drawing never decides a fact: it is handed numbers from the models and draws them.
"""

from skinlab.draw import png
from skinlab.draw.base import Component
from skinlab.draw.charts import peel_depth_chart
from skinlab.draw.labels import spread_labels
from skinlab.draw.overlays import (BandHighlight, Caption, CohortMarker, DepthMarker,
                                   NeedleChannels, ReachOverlay)
from skinlab.draw.healing import CollagenChart, EvidenceChart, WoundResponse
from skinlab.draw.needles import ClosureChart, HourMarker, NeedleReach
from skinlab.draw.permeation import AmountCurves, AmountFrame, MapMarker, MoleculeMap
from skinlab.draw.section import CrossSection, prepare_depth_axes
from skinlab.draw.surface import SurfaceView
from skinlab.draw.timeline import Stage, TimeAxis, TimelineStrip, TimeMarker
from skinlab.draw.tissue import Illustration, Tissue, tissue_for

__all__ = ["AmountCurves", "AmountFrame", "MapMarker", "MoleculeMap",
           "BandHighlight", "Caption", "ClosureChart", "CollagenChart", "EvidenceChart",
           "WoundResponse", "HourMarker", "NeedleReach",
           "Illustration", "Tissue", "tissue_for", "CohortMarker",
           "Component", "CrossSection", "DepthMarker", "NeedleChannels", "ReachOverlay", "Stage",
           "SurfaceView", "TimeAxis", "TimeMarker", "TimelineStrip", "peel_depth_chart", "png",
           "prepare_depth_axes", "spread_labels"]
