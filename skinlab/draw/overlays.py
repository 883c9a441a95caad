"""Overlays drawn over a cross-section: a depth marker, a reach (a band removed, a level
reached), a cohort of cells, needles and their channels, and a text line.

Each is an overlay component: changing its state alone redraws only its own artists over a cached
picture of the rest. Several overlays can share one cross-section's axes.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab.draw.base import Component
from skinlab.palette import HIGHLIGHT, INK, PROBE
from skinlab.text import format_um

_BOX = {"facecolor": "white", "edgecolor": INK, "boxstyle": "round,pad=0.2", "linewidth": 0.6}


class DepthMarker(Component):
    """A dashed line across the section at a depth, with a label (a probe, a deepest level).

    State: ``depth_um`` (None hides it), ``view_um``, ``label`` (default 'probe <depth>').
    """

    overlay = True

    def __init__(self, ax: Axes, color: str = PROBE):
        self.ax = ax
        self.line = ax.axhline(0, color=color, linestyle="--", linewidth=1.6)
        self.text = ax.text(0.02, 0, "", ha="left", va="bottom", fontsize=9, color=color,
                            transform=ax.get_yaxis_transform(),
                            fontweight="bold",
                            bbox={"facecolor": "white", "edgecolor": color,
                                  "boxstyle": "round,pad=0.2", "linewidth": 0.8})

    def artists(self) -> list:
        return [self.line, self.text]

    def update(self, state: dict) -> None:
        depth = state.get("depth_um")
        if depth is None:
            self.line.set_visible(False)
            self.text.set_visible(False)
            return
        view = state["view_um"]
        self.line.set_visible(True)
        self.text.set_visible(True)
        self.line.set_ydata([depth, depth])
        self.text.set_y(depth)
        self.text.set_va("bottom" if depth > 0.12 * view else "top")
        self.text.set_text(state.get("label") or f"probe {format_um(depth)}")


class BandHighlight(Component):
    """One layer picked out on a cross-section: a thick outline round its band.

    State: ``band`` ((top, bottom) in micrometres, or None to hide it). An overlay, so picking
    another layer redraws only the outline.
    """

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.rect = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                              facecolor="none", edgecolor=HIGHLIGHT,
                              linewidth=2.5, zorder=2)
        ax.add_patch(self.rect)

    def artists(self) -> list:
        return [self.rect]

    def update(self, state: dict) -> None:
        band = state.get("band")
        self.rect.set_visible(band is not None)
        if band is not None:
            self.rect.set_y(band[0])
            self.rect.set_height(band[1] - band[0])


class ReachOverlay(Component):
    """What a treatment does on a depth axis: a veiled band it removes and a hatched band where it
    ends, with the deepest level it reaches marked and labelled.

    State: ``removed_um`` (the band from the surface that is removed; 0 for none), ``band``
    ((top, bottom) of the layer it ends in, or None), ``level_um`` (the deepest point reached),
    ``view_um``, ``label`` (words at the level line).
    """

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.reach = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                               facecolor="none", edgecolor=HIGHLIGHT,
                               hatch="///", linewidth=2.5, zorder=3)
        ax.add_patch(self.reach)
        self.veil = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                              facecolor="#ffffff", alpha=0.6, edgecolor=INK,
                              hatch="xx", linewidth=0.8, zorder=3)
        ax.add_patch(self.veil)
        self.veil_text = ax.text(0.5, 0, "removed", ha="center", va="center", fontsize=9,
                                 transform=ax.get_yaxis_transform(),
                                 color=INK, zorder=4, fontweight="bold",
                                 bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        self.level = DepthMarker(ax)

    def artists(self) -> list:
        return [self.reach, self.veil, self.veil_text, *self.level.artists()]

    def update(self, state: dict) -> None:
        view = state["view_um"]
        top, bottom = state.get("band") or (0.0, 0.0)
        self.reach.set_visible(state.get("band") is not None)
        self.reach.set_y(min(top, view))
        self.reach.set_height(min(bottom, view) - min(top, view))
        removed = min(state.get("removed_um", 0.0), view)
        self.veil.set_height(removed)
        self.veil.set_visible(removed > 0)
        self.veil_text.set_visible(removed > 0.04 * view)
        self.veil_text.set_y(removed / 2)
        level = state.get("level_um")
        self.level.update({"depth_um": None if level is None else min(level, view),
                           "view_um": view, "label": state.get("label")})


class CohortMarker(Component):
    """A row of cells at a depth, with a label (a cohort of keratinocytes on its way up).

    State: ``depth_um`` (None: gone), ``view_um``, ``label``, ``shape`` ('o' living, '_' dead).
    """

    overlay = True
    X = (0.12, 0.27, 0.42, 0.57, 0.72, 0.87)

    def __init__(self, ax: Axes):
        self.ax = ax
        self.cells = Line2D([], [], linestyle="none", marker="o", markersize=9,
                            markerfacecolor="#ffffff", markeredgecolor=INK, markeredgewidth=1.8,
                            zorder=5, transform=ax.get_yaxis_transform())
        ax.add_line(self.cells)
        self.text = ax.text(0.5, 0, "", ha="center", va="bottom", fontsize=9, color=INK,
                            zorder=6, bbox=_BOX, transform=ax.get_yaxis_transform())

    def artists(self) -> list:
        return [self.cells, self.text]

    def update(self, state: dict) -> None:
        view, depth = state["view_um"], state.get("depth_um")
        if depth is None:
            self.cells.set_data([], [])
            self.text.set_y(view * 0.02)
            self.text.set_va("top")
        else:
            self.cells.set_data(self.X, [depth] * len(self.X))
            dead = state.get("shape", "o") == "_"
            self.cells.set_marker("_" if dead else "o")
            self.cells.set_markersize(14 if dead else 9)
            near_top = depth < 0.15 * view
            self.text.set_va("top" if near_top else "bottom")
            self.text.set_y(depth + (0.03 if near_top else -0.03) * view)
        self.text.set_text(state.get("label", ""))


class NeedleChannels(Component):
    """Needles pressed into the skin and the channels they leave, to scale on the depth axis.

    State: ``reach_um`` (how deep the tips go; None hides them), ``width_um`` (a channel's width
    at the surface), ``count`` (how many are drawn across), ``view_um``, ``label``,
    ``needles`` (True: the needles are in; False: only the channels are left).
    A channel is drawn as a narrow wedge from the surface to its depth; nothing is removed around
    it.
    """

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.channels = PolyCollection([], facecolors="#ffffff", edgecolors=INK, linewidths=0.8,
                                       zorder=4, transform=ax.get_yaxis_transform())
        self.needles = PolyCollection([], facecolors="#8c8c8c", edgecolors=INK, linewidths=0.6,
                                      zorder=5, transform=ax.get_yaxis_transform())
        ax.add_collection(self.channels)
        ax.add_collection(self.needles)
        self.text = ax.text(0.98, 0, "", ha="right", va="top", fontsize=9, color=INK, zorder=6,
                            bbox=_BOX, transform=ax.get_yaxis_transform())

    def artists(self) -> list:
        return [self.channels, self.needles, self.text]

    def update(self, state: dict) -> None:
        reach = state.get("reach_um")
        view = state["view_um"]
        if reach is None:
            self.channels.set_verts([])
            self.needles.set_verts([])
            self.text.set_visible(False)
            return
        n = max(int(state.get("count", 3)), 1)
        # x is a 0-1 axis fraction across the section; the width is shown schematically, at
        # least 1.5% of the axis so it can be seen, since depth and width differ by a lot
        half = max(state.get("width_um", 0.0) / state.get("span_um", 1000.0), 0.015) / 2
        xs = [(k + 0.5) / n for k in range(n)]
        depth = min(reach, view)
        wedges = [[(x - half, 0), (x + half, 0), (x, depth)] for x in xs]
        self.channels.set_verts(wedges)
        self.needles.set_verts(wedges if state.get("needles", True) else [])
        self.text.set_visible(bool(state.get("label")))
        self.text.set_y(min(depth + 0.03 * view, 0.97 * view))
        self.text.set_text(state.get("label", ""))


class Caption(Component):
    """A line of text on the figure (a heading). ``overlay`` when it changes with overlays only.

    State: ``text``.
    """

    def __init__(self, fig, x: float, y: float, overlay: bool = False, **style):
        self.overlay = overlay
        self.text = fig.text(x, y, "", ha="left", va="bottom", **({"fontsize": 10} | style))

    def artists(self) -> list:
        return [self.text]

    def update(self, state: dict) -> None:
        self.text.set_text(state.get("text", ""))
