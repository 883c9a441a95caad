"""One square centimetre of skin seen from above: where needles punctured it, or how much of it an
exfoliant treated.

The channels are placed at seeded random positions (the same picture every time for the same
numbers) and drawn at their true size on a 10 mm square (one marker stamped at each position: the
marker's diameter in points is the channel's diameter in millimetres times the axes' points per
millimetre, so thousands of channels draw in a few milliseconds); a treated area is a wash over
the square.
The share of the surface that is open is a model's number, passed in, not worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, HIGHLIGHT, INK, SKIN_SURFACE

SIDE_MM = 10.0  # one square centimetre
MAX_DOTS = 3000  # beyond this many channels, draw a representative sample (the label says so)
BAR_MM = 1.0  # the scale bar's length


class SurfaceView(Component):
    """A 1 cm square from above. State:

    - ``channels``: how many channels to draw on the square (per cm²);
    - ``diameter_um``: a channel's diameter at the surface (None: no channels drawn; needed
      when ``channels`` is above 0);
    - ``treated``: the share of the surface an exfoliant acts on (0-1; 1 is all of it; None: no
      treated area drawn);
    - ``seed``: for the positions; ``label``: a line under the square.

    ``compact=True`` labels only the x axis (a small square whose sides are both 10 mm).
    ``scale_bar=True`` adds, right of the square, a bar :data:`BAR_MM` long labelled in mm, and
    under it the size a channel is drawn at (from ``diameter_um``): the dots are to scale, so
    they are tiny, and the bar says so.
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        channels: float
        diameter_um: float | None = None
        treated: float | None = None
        seed: int = 0
        label: str = ""

        def __post_init__(self):
            if self.diameter_um is None and round(self.channels) > 0:
                raise TypeError(f"SurfaceView: state field 'diameter_um' is needed to draw "
                                f"{self.channels:g} channels")

    def __init__(self, ax: Axes, color: str = HIGHLIGHT, compact: bool = False,
                 scale_bar: bool = False):
        self.ax = ax
        ax.set_xlim(0, SIDE_MM)
        ax.set_ylim(0, SIDE_MM)
        ax.set_aspect("equal")
        ax.set_xlabel("across the skin (mm)")
        ax.set_ylabel("" if compact else "across the skin (mm)")  # compact: one label serves
        ax.add_patch(Rectangle((0, 0), SIDE_MM, SIDE_MM, facecolor=SKIN_SURFACE, edgecolor=INK,
                               linewidth=0.8, zorder=0))
        self.wash = Rectangle((0, 0), SIDE_MM, 0, facecolor=CATEGORICAL[1], alpha=0.45,
                              edgecolor="none", zorder=1)
        ax.add_patch(self.wash)
        self.dots = Line2D([], [], linestyle="none", marker="o", markerfacecolor=color,
                           markeredgewidth=0, color=color, zorder=2)
        ax.add_line(self.dots)
        self.text = ax.text(0, -0.18, "", transform=ax.transAxes, ha="left", va="top",
                            fontsize=9, color=INK)
        self.bar = self.bar_label = self.size_note = None
        if scale_bar:  # right of the square, at its foot, in data units (mm): to scale
            x0, y0 = SIDE_MM * 1.06, SIDE_MM * 0.04
            self.bar = Line2D([x0, x0 + BAR_MM], [y0, y0], color=INK, linewidth=3,
                              solid_capstyle="butt", clip_on=False, zorder=3)
            ax.add_line(self.bar)
            self.bar_label = ax.text(x0 + BAR_MM / 2, y0 + SIDE_MM * 0.025, f"{BAR_MM:g} mm",
                                     ha="center", va="bottom", fontsize=9, color=INK,
                                     clip_on=False)
            self.size_note = ax.text(x0, y0 + SIDE_MM * 0.12, "", ha="left", va="bottom",
                                     fontsize=9, color=INK, clip_on=False, linespacing=1.3)

    def artists(self) -> list:
        extra = [a for a in (self.bar, self.bar_label, self.size_note) if a is not None]
        return [self.wash, self.dots, self.text, *extra]

    def apply(self, state: SurfaceView.State) -> None:
        n = max(int(round(state.channels)), 0)
        shown = min(n, MAX_DOTS)
        rng = np.random.default_rng(state.seed)
        xy = rng.uniform(0, SIDE_MM, size=(shown, 2))
        d_um = 0.0 if state.diameter_um is None else state.diameter_um
        self.dots.set_data(xy[:, 0], xy[:, 1])
        self.dots.set_markersize(d_um / 1000.0 * self.points_per_mm())
        treated = 0.0 if state.treated is None else state.treated
        self.wash.set_height(SIDE_MM * min(max(treated, 0.0), 1.0))
        self.text.set_text(state.label)
        if self.size_note is not None:
            self.size_note.set_text(
                f"each dot: one channel,\ndrawn to scale:\n{d_um:.0f} µm across\n"
                f"(the bar: {BAR_MM * 1000 / d_um:.0f} of them)" if n and d_um else "")

    def scale_bar_mm(self) -> float | None:
        """The scale bar's length in millimetres of skin (None: no bar)."""
        if self.bar is None:
            return None
        xs = self.bar.get_xdata()
        return float(xs[1] - xs[0])

    def points_per_mm(self) -> float:
        """Points (1/72 inch) per millimetre of skin on this axes (its width is 10 mm)."""
        fig = self.ax.figure
        width_in = self.ax.get_position().width * fig.get_size_inches()[0]
        return width_in * 72.0 / SIDE_MM

    def drawn(self) -> int:
        """How many channels are drawn now (at most :data:`MAX_DOTS`)."""
        return len(self.dots.get_xdata())
