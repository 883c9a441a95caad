"""A needle as far in as it goes, to scale on a cross-section; and how open channels stay over the
hours after a session.

:class:`NeedleReach` draws one needle "dimple, then pierce": the skin's surface dips around the
needle, the inserted part runs from the surface to the tip at the depth it is handed (the middle of
the range the models give), the rest of the needle stands above the surface, and the range the tip
can end in is a bracket beside it. Widths are to scale (a micrometre across equals a micrometre
down), so a needle is a thin spike: the tissue around it stays. :class:`ClosureChart` is the curve
of one study's closure and :class:`HourMarker` the hour a learner picked on it.

A drawing never decides a fact: every depth, width and time is handed in from the models. The
dimple's depth is schematic (no source gives it); it is drawn small and never labelled.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.ticker  # noqa: F401  (mpl.ticker)
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.ticker import FuncFormatter

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, GRID, INK, PAPER, STEEL

# axes fractions across the section, clear of the follicle and the gland
NEEDLE_X = 0.14
BRACKET_DX = 0.06  # the range's bracket, right of the needle
DIMPLE_HALF = 0.1  # half the dimple's width (axes fraction)
DIMPLE_SHARE = 0.035  # the dimple's depth as a share of the depth shown (schematic)
ABOVE_SHARE = 0.3  # without ``above_um``: the strip above the surface shows this share of the view
SPREAD = CATEGORICAL[6]  # vermillion (Okabe-Ito)
AIR = PAPER
_BOX = {"facecolor": "white", "edgecolor": INK, "boxstyle": "round,pad=0.2", "linewidth": 0.6}


def _dimple(depth: float, half_needle: float, n: int = 15) -> list[tuple[float, float]]:
    """The surface's line across the dimple, left to right: level far from the needle, down to
    ``depth`` where it meets the needle (a smooth dip, in axes fraction and micrometres)."""
    left = [(NEEDLE_X - DIMPLE_HALF + (DIMPLE_HALF - half_needle) * i / (n - 1),
             depth * (i / (n - 1)) ** 2) for i in range(n)]
    right = [(2 * NEEDLE_X - x, y) for x, y in reversed(left)]
    return left + right


class NeedleReach(Component):
    """State: ``needle_um`` (the needle's length), ``needle_width_um`` (at its base),
    ``tip_um`` (the depth the tip is drawn at: the middle of the range), ``spread`` ((low, high):
    the range the tip can end in, micrometres below the surface), ``channel`` ((low, high) of the
    channel left after withdrawal, or None where it is the same range), ``span_um`` (micrometres
    across the axes), ``view_um`` (micrometres shown below the surface), ``above_um``
    (micrometres shown above it; None: the layout's default, :data:`ABOVE_SHARE` of the view),
    ``needle_label``, ``range_label``.

    ``above_ax``: the axes the part above the surface is drawn on (a strip over the section, its
    y axis in micrometres above the surface, negative down the axis); without it, the part above
    is drawn on ``ax`` itself, whose y limits must then leave room above 0.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        needle_um: float
        needle_width_um: float
        tip_um: float
        spread: tuple[float, float]
        channel: tuple[float, float] | None
        span_um: float
        view_um: float
        above_um: float | None = None
        needle_label: str = ""
        range_label: str = ""

    def __init__(self, ax: Axes, above_ax: Axes | None = None):
        self.ax = ax
        self.above_ax = above_ax if above_ax is not None else ax
        if above_ax is not None:  # a strip of air over the section: a depth axis, no box
            above_ax.set_xticks([])
            for side in ("top", "right", "bottom"):
                above_ax.spines[side].set_visible(False)
        tr = ax.get_yaxis_transform()  # x: axes fraction, y: micrometres down
        up = self.above_ax.get_yaxis_transform()
        self.air = Polygon([[0, 0]] * 3, closed=True, facecolor=AIR, edgecolor="none",
                           zorder=4.5, transform=tr)
        self.surface = Line2D([], [], color=INK, linewidth=1.1, zorder=4.6, transform=tr)
        self.needle = Polygon([[0, 0]] * 3, closed=True, facecolor=STEEL, edgecolor=INK,
                              linewidth=0.8, alpha=0.95, zorder=5, transform=tr)
        self.shaft = Polygon([[0, 0]] * 4, closed=True, facecolor=STEEL, edgecolor=INK,
                             linewidth=0.8, alpha=0.95, zorder=5, transform=up)
        ax.add_patch(self.air)
        ax.add_line(self.surface)
        ax.add_patch(self.needle)
        self.above_ax.add_patch(self.shaft)
        self.bracket = Line2D([], [], color=SPREAD, linewidth=2.2, zorder=6, transform=tr,
                              solid_capstyle="butt")
        self.channel = Line2D([], [], color=INK, linewidth=1.4, linestyle=":", zorder=6,
                              transform=tr)
        self.level = Line2D([], [], color=INK, linestyle="--", linewidth=1.3, zorder=6,
                            transform=tr)
        for line in (self.bracket, self.channel, self.level):
            ax.add_line(line)
        self.needle_text = self.above_ax.text(NEEDLE_X + 0.05, 0, "", ha="left", va="center",
                                              fontsize=9, color=INK, zorder=7, bbox=_BOX,
                                              transform=up)
        self.range_text = ax.text(0.98, 0, "", ha="right", va="top", fontsize=9, color=INK,
                                  zorder=7, bbox=_BOX, transform=tr)
        self._above = None
        self._unit = None

    def artists(self) -> list:
        return [self.air, self.surface, self.needle, self.shaft, self.bracket, self.channel,
                self.level, self.needle_text, self.range_text]

    # -- what is drawn, for tests and alt text ------------------------------------------------
    def tip_y(self) -> float:
        """The depth the needle's tip is drawn at (micrometres below the surface)."""
        return max(y for _, y in self.needle.get_xy())

    def above_length(self) -> float:
        """The length of needle drawn above the surface (micrometres)."""
        return -min(y for _, y in self.shaft.get_xy())

    def _set_above(self, above_um: float, view_um: float) -> None:
        """The strip above the surface: its height in micrometres and its unit (as the section's:
        micrometres up to a 1 mm view, millimetres beyond)."""
        if self.above_ax is self.ax or above_um == self._above:
            return
        self._above = above_um
        self.above_ax.set_ylim(0, -above_um)
        unit = "mm" if view_um > 1000 else "µm"
        if unit != self._unit:
            self._unit = unit
            scale = 1000.0 if unit == "mm" else 1.0
            self.above_ax.yaxis.set_major_formatter(
                FuncFormatter(lambda y, _: f"{abs(y) / scale:g}"))
            self.above_ax.set_ylabel(f"Above ({unit})", fontsize=9)

    def apply(self, state: NeedleReach.State) -> None:
        view, span = state.view_um, max(state.span_um, 1e-9)
        length, tip = state.needle_um, min(state.tip_um, state.needle_um)
        strip = ABOVE_SHARE * view if state.above_um is None else state.above_um
        self._set_above(strip, view)
        half_base = state.needle_width_um / span / 2
        half_at_surface = half_base * tip / length if length > 0 else 0.0
        # the inserted part: from the surface to the tip; the rest stands above the surface
        self.needle.set_xy([(NEEDLE_X - half_at_surface, 0.0),
                            (NEEDLE_X + half_at_surface, 0.0), (NEEDLE_X, tip)])
        top = -(length - tip)
        self.shaft.set_xy([(NEEDLE_X - half_base, top), (NEEDLE_X + half_base, top),
                           (NEEDLE_X + half_at_surface, 0.0),
                           (NEEDLE_X - half_at_surface, 0.0)])
        dip = min(DIMPLE_SHARE * view, 0.5 * tip)
        line = _dimple(dip, half_at_surface)
        self.surface.set_data([x for x, _ in line], [y for _, y in line])
        self.air.set_xy([(NEEDLE_X - DIMPLE_HALF, 0.0), *line, (NEEDLE_X + DIMPLE_HALF, 0.0)])
        low, high = state.spread
        x = NEEDLE_X + BRACKET_DX
        self.bracket.set_data([x - 0.015, x, x, x - 0.015], [low, low, high, high])
        channel = state.channel
        if channel:
            xc = x + 0.03
            self.channel.set_data([xc - 0.012, xc, xc, xc - 0.012],
                                  [channel[0], channel[0], channel[1], channel[1]])
        else:
            self.channel.set_data([], [])
        shown = min(tip, view)
        self.level.set_data([NEEDLE_X, x + 0.02], [shown, shown])
        self.needle_text.set_text(state.needle_label)
        self.needle_text.set_y(-max(min(length - tip, strip) / 2, 0.25 * strip))
        self.range_text.set_text(state.range_label)
        y = shown + 0.03 * view
        self.range_text.set_y(y if y < 0.8 * view else shown - 0.03 * view)
        self.range_text.set_va("top" if y < 0.8 * view else "bottom")


LINEAR_HOURS = 2.0  # the closure chart's axis is linear to here, logarithmic after


def closure_ticks(max_hours: float) -> tuple[float, ...]:
    """The hours labelled on a closure chart's axis from 0 to ``max_hours``: 0, 1 and 2 h on the
    linear part, then each tick twice the last (4, 8 h; from 12 h on, 12 h times a power of two:
    12, 24, 48, 96 h), and ``max_hours`` itself where it is at least half as far again as the
    last of those (72 h after 48, 168 h after 96). 96 h gives 0, 1, 2, 4, 8, 12, 24, 48, 96."""
    top = float(max_hours)
    if top <= 0:
        raise ValueError(f"a closure chart's axis must end after 0 h, not at {max_hours:g} h")
    ticks = [t for t in (0.0, 1.0, LINEAR_HOURS) if t <= top]
    t = 2 * LINEAR_HOURS
    while t <= top:
        ticks.append(t)
        t = 12.0 if t == 8.0 else 2 * t
    if top >= 1.5 * ticks[-1]:
        ticks.append(top)
    return tuple(ticks)


class ClosureChart(Component):
    """One study's closure curve on an axis from 0 to ``max_hours`` (96 h unless given; linear to
    2 h, then logarithmic; ticks from :func:`closure_ticks`), with the times it reported.

    State: ``hours`` (the x values), ``open`` (the curve's values, 0-1), ``band`` ((low, high)
    values at the same hours: the curve at the fast and the slow end of the study's range, or
    None: not drawn), ``marks`` (a tuple of (hours, words) for the times the study reported).
    Not an overlay.
    """

    @dataclass(frozen=True)
    class State:
        hours: tuple[float, ...]
        open: tuple[float, ...]
        band: tuple[tuple[float, ...], tuple[float, ...]] | None
        marks: tuple[tuple[float, str], ...]

    def __init__(self, ax: Axes, max_hours: float = 96.0):
        self.ax = ax
        # linear to 2 h, logarithmic after: a curve back within 2 h and one open for 3 days are
        # both readable on one axis
        ax.set_xscale("symlog", linthresh=LINEAR_HOURS, linscale=1.0)
        ax.set_xlim(0, max_hours)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(f"hours since treatment (h; linear to {LINEAR_HOURS:g} h, then a log scale)")
        ax.set_ylabel("still open, as this method measures it\n"
                      "(1 = just after, 0 = back to baseline)", fontsize=9)
        self.ticks = closure_ticks(max_hours)
        ax.set_xticks(self.ticks, [f"{t:g}" for t in self.ticks])
        ax.xaxis.set_minor_locator(mpl.ticker.NullLocator())
        ax.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        self.band = Polygon([[0, 0]] * 3, closed=True, facecolor=CATEGORICAL[5], alpha=0.18,
                            edgecolor="none", zorder=2.5)
        ax.add_patch(self.band)
        self.line, = ax.plot([], [], color=CATEGORICAL[5], linewidth=2.4, zorder=3)
        self.marks = [ax.axvline(0, color=INK, linestyle=":", linewidth=1.2, zorder=2)
                      for _ in range(3)]
        self.mark_text = [ax.text(0, 1.0, "", rotation=90, ha="right", va="top", fontsize=8,
                                  color=INK, zorder=4) for _ in range(3)]

    def artists(self) -> list:
        return [self.band, self.line, *self.marks, *self.mark_text]

    def apply(self, state: ClosureChart.State) -> None:
        hours = list(state.hours)
        self.line.set_data(hours, state.open)
        band = state.band
        if band and hours:
            low, high = band
            self.band.set_xy(list(zip(hours, high)) + list(zip(hours[::-1], low[::-1])))
            self.band.set_visible(True)
        else:
            self.band.set_visible(False)
        marks = list(state.marks)[:len(self.marks)]
        for i, (line, text) in enumerate(zip(self.marks, self.mark_text)):
            if i < len(marks):
                h, words = marks[i]
                line.set_xdata([h, h])
                line.set_visible(True)
                text.set_position((h * 0.97 if h > 2 else h - 0.04, 1.02))
                text.set_text(words)
                text.set_visible(True)
            else:
                line.set_visible(False)
                text.set_visible(False)


class HourMarker(Component):
    """The hour picked on a closure chart: a vertical line and a dot on the curve, labelled.

    State: ``hour``, ``open`` (0-1, or None where nothing was measured: no dot), ``label``.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        hour: float
        open: float | None
        label: str = ""

    def __init__(self, ax: Axes):
        self.ax = ax
        self.line = ax.axvline(0, color=INK, linewidth=1.4, zorder=5)
        self.dot, = ax.plot([0], [1], marker="o", markersize=8, color=CATEGORICAL[6],
                            markeredgecolor=INK, zorder=6, linestyle="none")
        self.text = ax.text(0, 0, "", fontsize=9, color=INK, zorder=7, bbox=_BOX,
                            ha="left", va="bottom")

    def artists(self) -> list:
        return [self.line, self.dot, self.text]

    def apply(self, state: HourMarker.State) -> None:
        """``open`` None: nothing measured at this hour (no dot; the label says so)."""
        h, y = state.hour, state.open
        self.line.set_xdata([h, h])
        self.dot.set_visible(y is not None)
        y = 0.5 if y is None else y
        self.dot.set_data([h], [y])
        right = h > 10  # on the axis's log part, past about half of its width
        self.text.set_ha("right" if right else "left")
        self.text.set_position((h / 1.08 - 0.1 if right else h * 1.08 + 0.1, min(y + 0.06, 0.9)))
        self.text.set_text(state.label)
