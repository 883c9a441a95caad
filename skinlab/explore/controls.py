"""What explorers share: the body-site and depth-range controls, the rule that an exfoliant's
strength follows its method, and the figure's layout constants (named once, here).

>>> SECTION_LEFT, SECTION_WIDTH
(0.13, 0.45)
>>> round(ASPECT, 4)
1.3333
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from skinlab import anatomy, exfoliation
from skinlab.explore.base import HEIGHT_IN, WIDTH_IN, Choice

# Depth ranges a cross-section can show: the narrowest keeps the thin stratum corneum visible.
VIEWS = (("0–200 µm (stratum corneum visible)", 200.0), ("0–1 mm", 1000.0),
         ("0–5 mm (full skin)", 5000.0))

# -- layout (figure fractions) ----------------------------------------------------------------
ASPECT = WIDTH_IN / HEIGHT_IN  # the figure's width over its height: a square is side * ASPECT tall
# The cross-section's column: the layer, exfoliation and needle explorers draw their section at
# the same place and width, so the drawn tissue is one picture, cached once for all three.
SECTION_LEFT, SECTION_WIDTH = 0.13, 0.45
HEADING_Y = 0.915  # a two-line heading over a section column


def section_axes(bottom: float, height: float) -> tuple[float, float, float, float]:
    """The section column's rectangle (left, bottom, width, height) from ``bottom`` up."""
    return (SECTION_LEFT, bottom, SECTION_WIDTH, height)


@lru_cache(maxsize=None)
def site_choice(default: str = "cheek") -> Choice:
    """The body-site drop-down (labels and keys from the data)."""
    return Choice("site", "Body site", tuple((anatomy.site_label(s), s) for s in anatomy.sites()),
                  default)


def depth_range(default: float = 1000.0) -> Choice:
    """The depth-range drop-down, in micrometres."""
    return Choice("view_um", "Depth range", VIEWS, default)


# -- an exfoliant's strength follows its method ----------------------------------------------
def nearest_strength(offered: tuple[str, ...], level: str) -> str:
    """The strength of ``offered`` closest to ``level`` on the scale of levels (the gentler of
    two equally close)."""
    i = exfoliation.LEVELS.index(level)
    return min(offered, key=lambda k: (abs(exfoliation.LEVELS.index(k) - i),
                                       exfoliation.LEVELS.index(k)))


def strength_follows_method(asked: Mapping[str, Any], state: dict) -> dict:
    """A cleaned ``state`` whose ``strength`` is one its ``method`` offers.

    ``asked`` holds what the caller named. Naming both a method and a strength it does not offer
    is an error (a ``ValueError`` whose message names the strengths offered); changing only the
    method (as the drop-down does) moves the strength to the nearest one offered.
    """
    offered = exfoliation.strengths(state["method"])
    if state["strength"] not in offered:
        if "strength" in asked and "method" in asked:
            shown = ", ".join(exfoliation.LEVEL_LABELS[k] for k in offered)
            raise ValueError(f"Strength: {exfoliation.method_label(state['method'])} is "
                             f"described only as {shown}")
        state["strength"] = nearest_strength(offered, state["strength"])
    return state


def strength_options(state: Mapping[str, Any]) -> dict:
    """The strength drop-down's options for the state's method (an explorer's ``adjust``)."""
    m = state["method"]
    options = [(exfoliation.strength_label(m, k), k) for k in exfoliation.strengths(m)]
    return {"strength": {"options": options, "value": state["strength"]}}
