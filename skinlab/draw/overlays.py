"""Overlays drawn over a cross-section: a depth marker, a reach (a band removed, a level
reached), a cohort of cells, needles and their channels, and a text line.

Each is an overlay component: changing its state alone redraws only its own artists over a cached
picture of the rest. Several overlays can share one cross-section's axes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, HIGHLIGHT, INK, PAPER, PROBE, STEEL
from skinlab.text import format_um

SPREAD = CATEGORICAL[6]  # vermillion (Okabe-Ito): a range
_BOX = {"facecolor": "white", "edgecolor": INK, "boxstyle": "round,pad=0.2", "linewidth": 0.6}


class DepthMarker(Component):
    """A dashed line across the section at a depth, with a label (a probe, a deepest level).

    State: ``depth_um`` (None hides it), ``view_um``, ``label`` (None or '': 'probe <depth>').
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        depth_um: float | None
        view_um: float
        label: str | None = None

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

    def apply(self, state: DepthMarker.State) -> None:
        depth = state.depth_um
        if depth is None:
            self.line.set_visible(False)
            self.text.set_visible(False)
            return
        view = state.view_um
        self.line.set_visible(True)
        self.text.set_visible(True)
        self.line.set_ydata([depth, depth])
        self.text.set_y(depth)
        self.text.set_va("bottom" if depth > 0.12 * view else "top")
        self.text.set_text(state.label or f"probe {format_um(depth)}")


class BandHighlight(Component):
    """One layer picked out on a cross-section: a thick outline round its band.

    State: ``band`` ((top, bottom) in micrometres, or None to hide it). An overlay, so picking
    another layer redraws only the outline.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        band: tuple[float, float] | None

    def __init__(self, ax: Axes):
        self.ax = ax
        self.rect = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                              facecolor="none", edgecolor=HIGHLIGHT,
                              linewidth=2.5, zorder=2)
        ax.add_patch(self.rect)

    def artists(self) -> list:
        return [self.rect]

    def apply(self, state: BandHighlight.State) -> None:
        band = state.band
        self.rect.set_visible(band is not None)
        if band is not None:
            self.rect.set_y(band[0])
            self.rect.set_height(band[1] - band[0])


class ReachOverlay(Component):
    """What a treatment does on a depth axis: a veiled band it removes and a hatched band where it
    ends, with the deepest level it reaches marked and labelled.

    State: ``removed_um`` (the band from the surface that is removed; 0 for none), ``band``
    ((top, bottom) of the layer it ends in, or None: not drawn), ``level_um`` (the deepest point
    reached, or None: not drawn), ``view_um``, ``label`` (words at the level line; None: the
    level's own, 'probe <depth>').
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        removed_um: float
        band: tuple[float, float] | None
        level_um: float | None
        view_um: float
        label: str | None = None

    def __init__(self, ax: Axes):
        self.ax = ax
        self.reach = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                               facecolor="none", edgecolor=HIGHLIGHT,
                               hatch="///", linewidth=2.5, zorder=3)
        ax.add_patch(self.reach)
        self.veil = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                              facecolor=PAPER, alpha=0.6, edgecolor=INK,
                              hatch="xx", linewidth=0.8, zorder=3)
        ax.add_patch(self.veil)
        self.veil_text = ax.text(0.5, 0, "removed", ha="center", va="center", fontsize=9,
                                 transform=ax.get_yaxis_transform(),
                                 color=INK, zorder=4, fontweight="bold",
                                 bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        self.level = DepthMarker(ax)

    def artists(self) -> list:
        return [self.reach, self.veil, self.veil_text, *self.level.artists()]

    def apply(self, state: ReachOverlay.State) -> None:
        view = state.view_um
        top, bottom = state.band or (0.0, 0.0)
        self.reach.set_visible(state.band is not None)
        self.reach.set_y(min(top, view))
        self.reach.set_height(min(bottom, view) - min(top, view))
        removed = min(state.removed_um, view)
        self.veil.set_height(removed)
        self.veil.set_visible(removed > 0)
        self.veil_text.set_visible(removed > 0.04 * view)
        self.veil_text.set_y(removed / 2)
        level = state.level_um
        self.level.update({"depth_um": None if level is None else min(level, view),
                           "view_um": view, "label": state.label})


class CohortMarker(Component):
    """A row of cells at a depth, with a label (a cohort of keratinocytes on its way up).

    State: ``depth_um`` (None: gone), ``view_um``, ``shape`` ('o' living, '_' dead),
    ``label``.
    """

    overlay = True
    X = (0.12, 0.27, 0.42, 0.57, 0.72, 0.87)

    @dataclass(frozen=True)
    class State:
        depth_um: float | None
        view_um: float
        shape: str
        label: str = ""

    def __init__(self, ax: Axes):
        self.ax = ax
        self.cells = Line2D([], [], linestyle="none", marker="o", markersize=9,
                            markerfacecolor=PAPER, markeredgecolor=INK, markeredgewidth=1.8,
                            zorder=5, transform=ax.get_yaxis_transform())
        ax.add_line(self.cells)
        self.text = ax.text(0.5, 0, "", ha="center", va="bottom", fontsize=9, color=INK,
                            zorder=6, bbox=_BOX, transform=ax.get_yaxis_transform())

    def artists(self) -> list:
        return [self.cells, self.text]

    def apply(self, state: CohortMarker.State) -> None:
        view, depth = state.view_um, state.depth_um
        if depth is None:
            self.cells.set_data([], [])
            self.text.set_y(view * 0.02)
            self.text.set_va("top")
        else:
            self.cells.set_data(self.X, [depth] * len(self.X))
            dead = state.shape == "_"
            self.cells.set_marker("_" if dead else "o")
            self.cells.set_markersize(14 if dead else 9)
            near_top = depth < 0.15 * view
            self.text.set_va("top" if near_top else "bottom")
            self.text.set_y(depth + (0.03 if near_top else -0.03) * view)
        self.text.set_text(state.label)


class NeedleChannels(Component):
    """Needles pressed into the skin ("dimple, then pierce"), or the channels they leave, to
    scale on the depth axis, with the range where a tip ends as a bracket.

    State: ``reach_um`` (where the drawn tip ends: the midpoint of the range; None hides
    everything), ``range_um`` ((low, high): the bracket; None for none), ``length_um`` (the
    needle's length: the part not in the skin is drawn above the surface, cut with a break
    where it runs past ``headroom_um``, the micrometres of room above the axes; None: the
    needles are drawn only in the skin), ``width_um`` (a channel's width at the surface),
    ``span_um`` (micrometres across the axes), ``count`` (how many are drawn across),
    ``view_um``, ``needles`` (True: the needles are in; False: only the channels are left),
    ``label`` (words under the bracket).

    With the needles in, the surface is drawn pushed down round each needle (a dimple) before
    it pierces: the dimple's depth is schematic (no source gives it; a fixed share of the tip's
    depth), the tip's depth is the model's. Nothing is removed round a needle or a channel.
    """

    overlay = True
    DIMPLE = 0.25  # the dimple's depth as a share of the tip's (schematic), at most 4% of the view
    BRACKET_DX = 0.22  # the bracket, right of the needle (axes fraction)

    @dataclass(frozen=True)
    class State:
        reach_um: float | None
        range_um: tuple[float, float] | None
        length_um: float | None
        headroom_um: float
        width_um: float
        span_um: float
        count: int
        view_um: float
        needles: bool
        label: str = ""

    def __init__(self, ax: Axes):
        self.ax = ax
        tr = ax.get_yaxis_transform()  # x: axes fraction, y: micrometres down
        self.channels = PolyCollection([], facecolors=PAPER, edgecolors=INK, linewidths=0.8,
                                       zorder=4, transform=tr)
        self.dimples = PolyCollection([], facecolors=PAPER, edgecolors="none", zorder=4,
                                      transform=tr, clip_on=True)
        self.needles = PolyCollection([], facecolors=STEEL, edgecolors=INK, linewidths=0.6,
                                      zorder=5, transform=tr)
        self.needles.set_clip_on(False)  # the part above the surface is drawn above the axes
        ax.add_collection(self.channels)
        ax.add_collection(self.dimples)
        ax.add_collection(self.needles)
        self.surface = Line2D([], [], color=INK, linewidth=1.0, zorder=4, transform=tr)
        self.cut = Line2D([], [], color=PAPER, linewidth=2.2, zorder=6, transform=tr,
                          clip_on=False)
        self.bracket = Line2D([], [], color=SPREAD, linewidth=2.0, zorder=6, transform=tr,
                              solid_capstyle="butt")
        self.level = Line2D([], [], color=INK, linestyle=":", linewidth=1.0, zorder=6,
                            transform=tr)
        for line in (self.surface, self.cut, self.bracket, self.level):
            ax.add_line(line)
        self.text = ax.text(0.98, 0, "", ha="right", va="top", fontsize=9, color=INK, zorder=7,
                            bbox=_BOX, transform=tr)
        self._tip: list[float] = []
        self._bracket: tuple[float, float] | None = None

    def artists(self) -> list:
        return [self.channels, self.dimples, self.needles, self.surface, self.cut, self.bracket,
                self.level, self.text]

    def tips_um(self) -> list[float]:
        """The depths at which the drawn needles' (or channels') tips end now."""
        return list(self._tip)

    def bracket_um(self) -> tuple[float, float] | None:
        """The (low, high) the bracket stands for now (drawn cut at the view), or None."""
        return self._bracket

    def _hide(self) -> None:
        for c in (self.channels, self.dimples, self.needles):
            c.set_verts([])
        for line in (self.surface, self.cut, self.bracket, self.level):
            line.set_data([], [])
        self.text.set_visible(False)
        self._tip, self._bracket = [], None

    def apply(self, state: NeedleChannels.State) -> None:
        reach = state.reach_um
        view = state.view_um
        if reach is None:
            self._hide()
            return
        n = max(int(state.count), 1)
        inside = state.needles
        # x is a 0-1 axis fraction across the section; the width is shown schematically (at
        # least a few per cent of the axis, so it can be seen: depth and width differ by a lot)
        half = min(max(state.width_um / state.span_um,
                       0.04 if inside else 0.015) / 2, 0.08)
        xs = [(k + 0.5) / n for k in range(n)]
        depth = min(reach, view)
        self._tip = [reach] * n
        length = state.length_um
        if not inside or length is None:
            wedges = [[(x - half, 0), (x + half, 0), (x, depth)] for x in xs]
            self.channels.set_verts(wedges)
            self.needles.set_verts(wedges if inside else [])
            self.dimples.set_verts([])
            self.surface.set_data([], [])
            self.cut.set_data([], [])
        else:
            self._needles_in(xs, half, reach, float(length), view, float(state.headroom_um))
        self._draw_bracket(xs[-1], reach, state.range_um, view)
        label = state.label
        self.text.set_visible(bool(label))
        self.text.set_text(label)
        bottom = min(self._bracket[1] if self._bracket else depth, view)
        if bottom + 0.03 * view < 0.85 * view:
            self.text.set_y(bottom + 0.03 * view)
            self.text.set_va("top")
        else:
            self.text.set_y(0.97 * view)
            self.text.set_va("bottom")

    def _needles_in(self, xs: list[float], half: float, reach: float, length: float,
                    view: float, headroom: float) -> None:
        dip = min(self.DIMPLE * reach, 0.04 * view)
        r = 3.0 * half  # the dimple's half-width (axes fraction)
        k = np.linspace(-1.0, 1.0, 25)
        curve = dip * 0.5 * (1.0 + np.cos(np.pi * k))
        dimples, needles, surface, cut = [], [], [], []
        top = reach - length  # the needle's base (negative: above the surface)
        shown_top = max(top, -0.9 * headroom)
        for x in xs:
            dimples.append(list(zip(x + r * k, curve)))
            surface += list(zip(x + r * k, curve)) + [(np.nan, np.nan)]
            # a cone: no width at the tip, ``half`` where it meets the surface
            w = min(half * (reach - shown_top) / max(reach, 1e-9), 0.12)
            needles.append([(x, min(reach, view)), (x + w, shown_top), (x - w, shown_top)]
                           if reach <= view else
                           [(x + w * (reach - view) / (reach - shown_top), view),
                            (x + w, shown_top), (x - w, shown_top),
                            (x - w * (reach - view) / (reach - shown_top), view)])
            if top < shown_top:  # the needle runs on past the room above: a break
                y = shown_top + 0.3 * headroom
                d = 0.06 * headroom
                for dy in (-d, d):
                    cut += [(x - 2 * w, y + dy + d), (x + 2 * w, y + dy - d), (np.nan, np.nan)]
        self.dimples.set_verts(dimples)
        self.needles.set_verts(needles)
        self.channels.set_verts([])
        sx, sy = zip(*surface)
        self.surface.set_data(sx, sy)
        if cut:
            cx, cy = zip(*cut)
            self.cut.set_data(cx, cy)
        else:
            self.cut.set_data([], [])

    def _draw_bracket(self, x: float, reach: float, spread, view: float) -> None:
        if spread is None:
            self.bracket.set_data([], [])
            self.level.set_data([], [])
            self._bracket = None
            return
        lo, hi = float(spread[0]), float(spread[1])
        self._bracket = (lo, hi)
        xb = min(x + self.BRACKET_DX, 0.93)
        c = 0.04
        a, b = min(lo, view), min(hi, view)
        xs = [xb - c, xb + c, np.nan, xb, xb]
        ys = [a, a, np.nan, a, b]
        if hi <= view:  # a cap at the deep end only where the range ends within the view
            xs += [np.nan, xb - c, xb + c]
            ys += [np.nan, b, b]
        self.bracket.set_data(xs, ys)
        self.level.set_data([x, xb], [min(reach, view)] * 2)


class AxesNote(Component):
    """Words in the middle of an axes, in a box (a square whose number is not known).

    State: ``text`` ('' hides it).
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        text: str

    def __init__(self, ax: Axes, **style):
        self.text = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                            zorder=8, bbox=_BOX, **({"fontsize": 9, "color": INK} | style))

    def artists(self) -> list:
        return [self.text]

    def apply(self, state: AxesNote.State) -> None:
        text = state.text
        self.text.set_visible(bool(text))
        self.text.set_text(text)


class Caption(Component):
    """A line of text on the figure (a heading). ``overlay`` when it changes with overlays only.

    State: ``text``.
    """

    @dataclass(frozen=True)
    class State:
        text: str

    def __init__(self, fig, x: float, y: float, overlay: bool = False, **style):
        self.overlay = overlay
        self.text = fig.text(x, y, "", ha="left", va="bottom", **({"fontsize": 10} | style))

    def artists(self) -> list:
        return [self.text]

    def apply(self, state: Caption.State) -> None:
        self.text.set_text(state.text)
