"""What the skin does around one channel, drawn over the illustrated cross-section; and the
teaching model's new collagen over a year of sessions.

:class:`WoundResponse` marks, around a channel drawn to the midpoint of the range a needle's tip
reaches (the range itself drawn as a bracket beside it): a clot in the
part of the channel that lies in the dermis (only there: the small vessels are in the dermis),
inflammatory cells, fibroblasts, new capillaries and new collagen fibres (thin dashed: collagen
III; thick: collagen I), each shown or hidden by the explorer from the phases the model says are
active. Every mark also has a shape of its own and a legend, so colour is never the only cue.
:class:`CollagenChart` draws the teaching model's curves, the phases of the first session and a
mark at each session.

A drawing never decides a fact: it is handed the depth, the phases and the amounts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, CLOT, GRID, INK, NOT_STATED, PAPER

CHANNEL_X = 0.5  # the channel's place across the section (axes fraction)
INFLAMMATORY = CATEGORICAL[2]  # sky blue
FIBROBLAST = CATEGORICAL[3]    # bluish green
VESSEL = CATEGORICAL[6]        # vermillion
COLLAGEN_III = CATEGORICAL[7]  # reddish purple, dashed
COLLAGEN_I = CATEGORICAL[1]    # orange, thick
MAX_FIBRES = 8
BRACKET_X = 0.9  # the tip's range, right of the marks (axes fraction)


def legend_handles() -> list[Line2D]:
    """Proxy artists for a legend of the marks (shape and colour)."""
    return [
        Line2D([], [], color=CLOT, marker="s", linestyle="none", markersize=8, label="clot"),
        Line2D([], [], color=INFLAMMATORY, marker="o", markeredgecolor=INK, linestyle="none",
               markersize=6, label="inflammatory cells"),
        Line2D([], [], color=FIBROBLAST, linewidth=3.5, solid_capstyle="round",
               label="fibroblasts"),
        Line2D([], [], color=VESSEL, linewidth=1.4, label="new capillaries"),
        Line2D([], [], color=COLLAGEN_III, linewidth=1.4, linestyle="--",
               label="new collagen III"),
        Line2D([], [], color=COLLAGEN_I, linewidth=2.6, label="new collagen I"),
    ]


class WoundResponse(Component):
    """State: ``channel_um`` (the depth drawn: the midpoint of the tip's range), ``low_um`` and
    ``high_um`` (the range, drawn as a bracket; None: no bracket), ``top_um`` (where the
    dermis starts), ``view_um``,
    ``span_um`` (micrometres across the axes), ``channel_width_um``, ``open`` (the channel still
    drawn open), and the marks to show: ``clot``, ``inflammatory``, ``fibroblasts``,
    ``vessels`` (booleans) and ``collagen_iii``, ``collagen_i`` (0 to 1: the share of the
    fibres drawn)."""

    overlay = True

    @dataclass(frozen=True)
    class State:
        channel_um: float
        low_um: float | None
        high_um: float | None
        top_um: float
        view_um: float
        span_um: float
        channel_width_um: float
        open: bool
        clot: bool
        inflammatory: bool
        fibroblasts: bool
        vessels: bool
        collagen_iii: float
        collagen_i: float

    def __init__(self, ax: Axes, seed: int = 7):
        self.ax = ax
        tr = ax.get_yaxis_transform()  # x: axes fraction, y: micrometres down
        rng = np.random.default_rng(seed)
        # fixed positions around the channel, in units of the channel's half-width (x) and of
        # the dermal stretch of the channel (y, 0 at the dermis's top, 1 at the channel's tip)
        self._cells = (rng.uniform(-4.0, 4.0, 40), rng.uniform(-0.1, 1.15, 40))
        self._fibro = (rng.uniform(-3.5, 3.5, 14), rng.uniform(0.05, 1.1, 14),
                       rng.uniform(-0.6, 0.6, 14))
        self._fibre_y = np.linspace(0.12, 1.05, MAX_FIBRES)
        self.channel = Polygon([[0, 0]] * 3, closed=True, facecolor=PAPER, edgecolor=INK,
                               linewidth=0.9, zorder=5, transform=tr)
        self.clot = Polygon([[0, 0]] * 3, closed=True, facecolor=CLOT, edgecolor=INK,
                            linewidth=0.6, zorder=6, transform=tr)
        ax.add_patch(self.channel)
        ax.add_patch(self.clot)
        self.cells = Line2D([], [], color=INFLAMMATORY, marker="o", markeredgecolor=INK,
                            markersize=5, linestyle="none", zorder=7, transform=tr)
        ax.add_line(self.cells)
        self.fibroblasts = LineCollection([], colors=FIBROBLAST, linewidths=3.5, zorder=7,
                                          capstyle="round", transform=tr)
        self.vessels = LineCollection([], colors=VESSEL, linewidths=1.4, zorder=6,
                                      transform=tr)
        self.iii = LineCollection([], colors=COLLAGEN_III, linewidths=1.4, linestyles="--",
                                  zorder=6, transform=tr)
        self.i = LineCollection([], colors=COLLAGEN_I, linewidths=2.6, zorder=6, transform=tr)
        for c in (self.fibroblasts, self.vessels, self.iii, self.i):
            ax.add_collection(c, autolim=False)
        # the tip's range: a bracket right of the marks, and a tick at the depth drawn
        self.bracket = Line2D([], [], color=INK, linewidth=1.8, zorder=8, transform=tr,
                              solid_capstyle="butt")
        self.level = Line2D([], [], color=INK, linestyle="--", linewidth=1.0, zorder=8,
                            transform=tr)
        ax.add_line(self.bracket)
        ax.add_line(self.level)
        self.range_text = ax.text(BRACKET_X - 0.01, 0, "tip's range", fontsize=7, ha="center",
                                  va="bottom", color=INK, zorder=8, transform=tr,
                                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})

    def artists(self) -> list:
        return [self.channel, self.clot, self.vessels, self.iii, self.i, self.cells,
                self.fibroblasts, self.bracket, self.level, self.range_text]

    def apply(self, state: WoundResponse.State) -> None:
        view, span = state.view_um, max(state.span_um, 1e-9)
        depth = min(state.channel_um, view * 1.5)
        top = min(state.top_um, depth)
        half = max(state.channel_width_um / span / 2, 0.006)
        self.channel.set_xy([(CHANNEL_X - half, 0), (CHANNEL_X + half, 0), (CHANNEL_X, depth)])
        self.channel.set_visible(bool(state.open))
        # the range (not clipped to 1.5 views: the axes clip it where it leaves the picture)
        low, high = state.low_um, state.high_um
        has_range = low is not None and high is not None
        if has_range:
            x = BRACKET_X
            self.bracket.set_data([x - 0.02, x, x, x - 0.02], [low, low, high, high])
            self.level.set_data([CHANNEL_X, x], [depth, depth])
            self.range_text.set_y(low)
        for a in (self.bracket, self.level, self.range_text):
            a.set_visible(has_range)
        # the clot fills the channel's stretch in the dermis
        in_dermis = depth > top
        frac = (depth - top) / depth if depth > 0 else 0.0
        w = half * frac
        self.clot.set_xy([(CHANNEL_X - w, top), (CHANNEL_X + w, top), (CHANNEL_X, depth)])
        self.clot.set_visible(bool(state.clot) and in_dermis)
        stretch = max(depth - top, 0.08 * view) if in_dermis else max(depth, 0.08 * view)
        base = top if in_dermis else 0.0

        # the marks spread across a band of fixed width around the channel (axes fractions):
        # schematic, not to scale
        cx, cy = self._cells
        self.cells.set_data(CHANNEL_X + cx * 0.03, base + cy * stretch)
        self.cells.set_visible(bool(state.inflammatory))

        fx, fy, fa = self._fibro
        x0 = CHANNEL_X + fx * 0.05
        y0 = base + fy * stretch
        dx = 0.022 * np.cos(fa)
        dy = 0.022 * np.sin(fa) * view  # about as long down as across
        self.fibroblasts.set_segments([[(a - u, b - v), (a + u, b + v)]
                                       for a, b, u, v in zip(x0, y0, dx, dy)])
        self.fibroblasts.set_visible(bool(state.fibroblasts))

        # new capillaries: sprouting sideways towards the channel from either side
        t = np.linspace(0, 1, 12)
        sprouts = []
        for side in (-1, 1):
            for k, yy in enumerate((0.25, 0.6, 0.9)):
                xs = CHANNEL_X + side * (0.24 - t * 0.17)
                ys = base + (yy + 0.05 * np.sin(t * 7 + k)) * stretch
                sprouts.append(np.column_stack([xs, ys]))
        self.vessels.set_segments(sprouts)
        self.vessels.set_visible(bool(state.vessels))

        def fibres(share: float, offset: float) -> list:
            n = int(round(max(0.0, min(1.0, share)) * MAX_FIBRES))
            xs = CHANNEL_X + np.linspace(-0.2, 0.2, 30)
            return [np.column_stack([xs, base + (y + offset) * stretch +
                                     0.015 * stretch * np.sin(np.linspace(0, 9, 30) + j)])
                    for j, y in enumerate(self._fibre_y[:n])]

        self.iii.set_segments(fibres(state.collagen_iii, 0.0))
        self.i.set_segments(fibres(state.collagen_i, 0.04))
        self.iii.set_visible(state.collagen_iii > 0)
        self.i.set_visible(state.collagen_i > 0)


DEFAULT_SCHEDULE = CATEGORICAL[5]  # blue: the default schedule's collagen I, open circles
DEFAULT_EVERY = 30  # one open circle on the default schedule's line every this many points


def collagen_top(peak: float) -> float:
    """A y limit for curves that peak at ``peak``: about 15% headroom, rounded up to a round
    number (a multiple of 10, of 5 below 20), so the axis fits the data."""
    room = max(float(peak), 1e-9) * 1.15
    step = 10.0 if room > 20 else 5.0
    return step * math.ceil(room / step)


class CollagenFrame(Component):
    """The collagen chart's y axis, fitted to the curves shown (state: ``top``). Not an overlay:
    when the limit changes the frame (ticks, grid) is drawn again; the curves, an overlay
    (:class:`CollagenChart`), are drawn over it."""

    @dataclass(frozen=True)
    class State:
        top: float

    def __init__(self, ax: Axes):
        self.ax = ax

    def apply(self, state: CollagenFrame.State) -> None:
        self.ax.set_ylim(0, state.top)


class CollagenChart(Component):
    """The teaching model's new collagen III and I (arbitrary units) over days 0-365.

    State: ``days``, ``iii``, ``i`` (the curves), ``ref_i`` (the default schedule's collagen I,
    or empty: not drawn), ``sessions`` (the days of the sessions). ``top``, the first y limit (a
    :class:`CollagenFrame` on the same axes fits it to the data), and ``phases`` (a tuple of
    (start, end, colour, words): the first session's phases, shaded) are set when the chart is
    made, so the chart is an overlay: its curves are drawn over a cached frame.

    The default schedule's collagen I is drawn so that it can be told from the schedule's own
    even where the two are the same curve: thin, blue, dashed, with an open circle every
    :data:`DEFAULT_EVERY` days, and under the schedule's own (drawn first), so the circles ring
    the orange line where they coincide.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        days: tuple[float, ...]
        iii: tuple[float, ...]
        i: tuple[float, ...]
        ref_i: tuple[float, ...]
        sessions: tuple[float, ...]

    def __init__(self, ax: Axes, top: float, phases: tuple = ()):
        self.ax = ax
        ax.set_xlim(0, 365)
        ax.set_ylim(0, top)
        for start, end, colour, words in phases:
            ax.axvspan(start, max(end, start + 0.5), facecolor=colour, alpha=0.3, linewidth=0,
                       zorder=0)
            ax.text(start + 1, 0.98, words, transform=ax.get_xaxis_transform(), fontsize=7,
                    rotation=90, ha="left", va="top", color=INK, zorder=1)
        ax.set_xlabel("days after the first session (days)")
        ax.set_ylabel("new collagen (arbitrary units,\nteaching model)", fontsize=9)
        ax.set_xticks([0, 30, 60, 90, 120, 180, 240, 300, 365])
        ax.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        self.ref_line, = ax.plot([], [], color=DEFAULT_SCHEDULE, linewidth=1.3,
                                 linestyle=(0, (4, 2)), marker="o", markersize=6,
                                 markerfacecolor="none", markeredgecolor=DEFAULT_SCHEDULE,
                                 markeredgewidth=1.3, markevery=DEFAULT_EVERY,
                                 label="collagen I, default schedule", zorder=3)
        self.iii_line, = ax.plot([], [], color=COLLAGEN_III, linewidth=2.0, linestyle="--",
                                 label="collagen III", zorder=4)
        self.i_line, = ax.plot([], [], color=COLLAGEN_I, linewidth=2.6, label="collagen I",
                               zorder=4)
        self.session_lines = [ax.axvline(0, color=INK, linewidth=0.9, zorder=2)
                              for _ in range(12)]
        ax.legend(handles=[self.iii_line, self.i_line, self.ref_line], loc="lower left",
                  bbox_to_anchor=(0.0, 1.01), ncol=3, fontsize=8, frameon=False,
                  borderaxespad=0.0)

    def artists(self) -> list:
        # in drawing order (a blit draws an overlay's artists in this order): the default
        # schedule's line first, under the schedule's own curves
        return [self.ref_line, self.iii_line, self.i_line, *self.session_lines]

    def apply(self, state: CollagenChart.State) -> None:
        days = state.days
        self.iii_line.set_data(days, state.iii)
        self.i_line.set_data(days, state.i)
        self.ref_line.set_data(days if len(state.ref_i) else (), state.ref_i)
        sessions = list(state.sessions)
        for k, line in enumerate(self.session_lines):
            line.set_visible(k < len(sessions))
            if k < len(sessions):
                line.set_xdata([sessions[k], sessions[k]])


DESIGN_MARKERS = ("*", "D", "s", "o", "^", "v")  # strongest design first
POOLED = CATEGORICAL[5]  # blue: the edge of a review's marker (its n is pooled, not one study's)
POOLED_WORDS = "pooled across studies (review)"


class EvidenceChart(Component):
    """One row per study, strongest design at the top; x: participants (log scale); the marker's
    shape gives the design, its fill whether there was a control (filled: yes, open: no, grey:
    varied or not stated). A systematic review's n is the participants of all the studies it
    pooled, not one study's: its marker is drawn apart (larger, a thick blue edge, and the
    words "pooled n" beside it), with its own legend entry (:data:`POOLED_WORDS`).

    State: ``rows`` (a tuple of (label, n, design_rank, controlled, note, pooled), ``pooled``
    optional and False when left out), at most ``max_rows``, drawn from the top. The axes never
    change, so the chart is an overlay: its markers and words are drawn over a cached frame.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        rows: tuple[tuple, ...]

    def __init__(self, ax: Axes, max_rows: int = 12):
        self.ax = ax
        self.max_rows = max_rows
        ax.set_ylim(-0.7, max_rows - 0.3)
        ax.set_xscale("log")
        ax.set_xlim(5, 5000)
        ax.set_xlabel("participants analysed (n, log scale; rats for animal studies)")
        ax.grid(True, axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        self.points = [ax.plot([], [], linestyle="none", markersize=9, zorder=4)[0]
                       for _ in range(max_rows)]
        self.notes = [ax.text(0, 0, "", fontsize=7, va="center", ha="left", color=INK,
                              zorder=5) for _ in range(max_rows)]
        ax.set_yticks([])
        self.labels = [ax.text(-0.02, 0, "", fontsize=8, va="center", ha="right", color=INK,
                               transform=ax.get_yaxis_transform()) for _ in range(max_rows)]

    def artists(self) -> list:
        return [*self.points, *self.notes, *self.labels]

    def apply(self, state: EvidenceChart.State) -> None:
        rows = list(state.rows)[:len(self.points)]
        for k, (point, note, text) in enumerate(zip(self.points, self.notes, self.labels)):
            if k >= len(rows):
                point.set_visible(False)
                note.set_visible(False)
                text.set_visible(False)
                continue
            label, n, rank, controlled, words, *rest = rows[k]
            pooled = bool(rest and rest[0])
            y = self.max_rows - 1 - k
            fill = {True: INK, False: PAPER, None: NOT_STATED}[controlled]
            point.set_data([n], [y])
            point.set_marker(DESIGN_MARKERS[rank])
            point.set_markerfacecolor(fill)
            point.set_markeredgecolor(POOLED if pooled else INK)
            point.set_markeredgewidth(2.4 if pooled else 1.0)
            point.set_markersize(12 if pooled else 9)
            point.set_visible(True)
            right = n < 150  # words to the right of the marker, or to its left near the edge
            note.set_position((n * (1.5 if pooled else 1.35) if right else
                               n / (1.5 if pooled else 1.35), y))
            note.set_ha("left" if right else "right")
            if pooled:
                words = f"pooled n, {words}" if words else "pooled n, not one study's"
            note.set_text(words)
            note.set_visible(bool(words))
            text.set_position((-0.02, y))
            text.set_text(label)
            text.set_visible(True)


def evidence_legend(designs: tuple[str, ...], pooled: int | None = None) -> list[Line2D]:
    """Proxy artists: one marker per design, the fills for control, and (``pooled``: the design
    rank of a review whose n is pooled) the review's pooled n."""
    out = [Line2D([], [], marker=m, linestyle="none", markerfacecolor=PAPER,
                  markeredgecolor=INK, color=INK, markersize=7, label=d)
           for m, d in zip(DESIGN_MARKERS, designs)]
    out += [Line2D([], [], marker="o", linestyle="none", markerfacecolor=f, markeredgecolor=INK,
                   color=INK, markersize=7, label=w)
            for f, w in ((INK, "filled: controlled"), (PAPER, "open: no control"),
                         (NOT_STATED, "grey: varied or not stated"))]
    if pooled is not None:
        out.append(Line2D([], [], marker=DESIGN_MARKERS[pooled], linestyle="none",
                          markerfacecolor=PAPER, markeredgecolor=POOLED,
                          markeredgewidth=2.4, color=POOLED, markersize=9, label=POOLED_WORDS))
    return out
