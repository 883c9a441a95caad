"""A needle and the channel it leaves, to scale on a cross-section; and how open channels stay
over the hours after a session.

:class:`NeedleReach` draws, over an illustrated cross-section, one needle at its nominal length
and, beside it, the channel to the depth the model says it reaches, with the studies' spread as a
bracket. Widths are to scale (a micrometre across equals a micrometre down), so a 70 µm channel
is a thin slit: the tissue around it stays. :class:`ClosureChart` is the curve of one study's
closure and :class:`HourMarker` the hour a learner picked on it.

A drawing never decides a fact: every depth, width and time is handed in from the models.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, INK

# axes fractions across the section, clear of the follicle and the gland
NEEDLE_X, CHANNEL_X = 0.14, 0.6
STEEL = "#8c8c8c"
SPREAD = CATEGORICAL[6]  # vermillion (Okabe-Ito)
_BOX = {"facecolor": "white", "edgecolor": INK, "boxstyle": "round,pad=0.2", "linewidth": 0.6}


class NeedleReach(Component):
    """State: ``needle_um`` (nominal length), ``needle_width_um`` (at its base),
    ``channel_um`` (typical depth), ``spread`` ((low, high) in micrometres),
    ``channel_width_um`` (at the surface), ``span_um`` (micrometres across the axes),
    ``view_um``, ``needle_label``, ``channel_label``."""

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        tr = ax.get_yaxis_transform()  # x: axes fraction, y: micrometres down
        self.needle = Polygon([[0, 0]] * 3, closed=True, facecolor=STEEL, edgecolor=INK,
                              linewidth=0.8, alpha=0.85, zorder=5, transform=tr)
        self.channel = Polygon([[0, 0]] * 3, closed=True, facecolor="#ffffff", edgecolor=INK,
                               linewidth=0.9, zorder=5, transform=tr)
        for p in (self.needle, self.channel):
            ax.add_patch(p)
        self.bracket = Line2D([], [], color=SPREAD, linewidth=2.2, zorder=6, transform=tr,
                              solid_capstyle="butt")
        self.level = Line2D([], [], color=INK, linestyle="--", linewidth=1.3, zorder=6,
                            transform=tr)
        ax.add_line(self.bracket)
        ax.add_line(self.level)
        self.needle_text = ax.text(NEEDLE_X, 0, "", ha="center", va="top", fontsize=9,
                                   color=INK, zorder=7, bbox=_BOX, transform=tr)
        self.channel_text = ax.text(0.98, 0, "", ha="right", va="top", fontsize=9, color=INK,
                                    zorder=7, bbox=_BOX, transform=tr)

    def artists(self) -> list:
        return [self.needle, self.channel, self.bracket, self.level, self.needle_text,
                self.channel_text]

    def update(self, state: dict) -> None:
        view, span = state["view_um"], max(state.get("span_um", 1000.0), 1e-9)
        length = state["needle_um"]
        half_n = state.get("needle_width_um", 100.0) / span / 2
        self.needle.set_xy([(NEEDLE_X - half_n, 0), (NEEDLE_X + half_n, 0),
                            (NEEDLE_X, min(length, view * 1.5))])
        depth = state["channel_um"]
        half_c = state.get("channel_width_um", 70.0) / span / 2
        self.channel.set_xy([(CHANNEL_X - half_c, 0), (CHANNEL_X + half_c, 0),
                             (CHANNEL_X, min(depth, view * 1.5))])
        low, high = state.get("spread", (depth, depth))
        x = CHANNEL_X + max(half_c, 0.01) + 0.04
        self.bracket.set_data([x - 0.015, x, x, x - 0.015], [low, low, high, high])
        shown = min(depth, view)
        self.level.set_data([CHANNEL_X - 0.12, x], [shown, shown])
        self.needle_text.set_text(state.get("needle_label", ""))
        self.needle_text.set_y(min(length, view) + 0.02 * view if length < 0.85 * view
                               else 0.9 * view)
        self.needle_text.set_va("top")
        self.channel_text.set_text(state.get("channel_label", ""))
        y = shown + 0.03 * view
        self.channel_text.set_y(y if y < 0.8 * view else shown - 0.03 * view)
        self.channel_text.set_va("top" if y < 0.8 * view else "bottom")


class ClosureChart(Component):
    """One study's closure curve on a 0-96 h axis, with the times it reported.

    State: ``hours`` (the x values), ``open`` (the curve's values, 0-1), ``marks`` (a tuple of
    (hours, words) for the times the study reported), ``title``. Not an overlay.
    """

    def __init__(self, ax: Axes, max_hours: float = 96.0):
        self.ax = ax
        ax.set_xlim(0, max_hours)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("hours since treatment (h)")
        ax.set_ylabel("still open, as this method measures it\n"
                      "(1 = just after, 0 = back to baseline)", fontsize=9)
        ax.set_xticks([0, 12, 24, 36, 48, 60, 72, 84, 96])
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        self.line, = ax.plot([], [], color=CATEGORICAL[5], linewidth=2.4, zorder=3)
        self.marks = [ax.axvline(0, color=INK, linestyle=":", linewidth=1.2, zorder=2)
                      for _ in range(3)]
        self.mark_text = [ax.text(0, 1.0, "", rotation=90, ha="right", va="top", fontsize=8,
                                  color=INK, zorder=4) for _ in range(3)]

    def artists(self) -> list:
        return [self.line, *self.marks, *self.mark_text]

    def update(self, state: dict) -> None:
        self.line.set_data(state.get("hours", ()), state.get("open", ()))
        marks = list(state.get("marks", ()))[:len(self.marks)]
        for i, (line, text) in enumerate(zip(self.marks, self.mark_text)):
            if i < len(marks):
                h, words = marks[i]
                line.set_xdata([h, h])
                line.set_visible(True)
                text.set_position((h - 0.8, 1.02))
                text.set_text(words)
                text.set_visible(True)
            else:
                line.set_visible(False)
                text.set_visible(False)


class HourMarker(Component):
    """The hour picked on a closure chart: a vertical line and a dot on the curve, labelled.

    State: ``hour``, ``open`` (0-1, or None where nothing was measured), ``label``.
    """

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.line = ax.axvline(0, color=INK, linewidth=1.4, zorder=5)
        self.dot, = ax.plot([0], [1], marker="o", markersize=8, color=CATEGORICAL[6],
                            markeredgecolor=INK, zorder=6, linestyle="none")
        self.text = ax.text(0, 0, "", fontsize=9, color=INK, zorder=7, bbox=_BOX,
                            ha="left", va="bottom")

    def artists(self) -> list:
        return [self.line, self.dot, self.text]

    def update(self, state: dict) -> None:
        """``open`` None: nothing measured at this hour (no dot; the label says so)."""
        h, y = state["hour"], state["open"]
        self.line.set_xdata([h, h])
        self.dot.set_visible(y is not None)
        y = 0.5 if y is None else y
        self.dot.set_data([h], [y])
        right = h > 60
        self.text.set_ha("right" if right else "left")
        self.text.set_position((h + (-1.5 if right else 1.5), min(y + 0.06, 0.9)))
        self.text.set_text(state.get("label", ""))
