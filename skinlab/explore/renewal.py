"""The renewal explorer: a cohort of keratinocytes climbs the epidermis and is shed.

A day slider moves the cohort up through the strata of one body site; a timeline under the
cross-section shows the two stages (to the stratum corneum, through it) and today's day.
"""

from __future__ import annotations

import math
from functools import lru_cache

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MultipleLocator

from skinlab import anatomy, renewal
from skinlab.draw import CrossSection, format_um
from skinlab.explore.base import DRAW_RC, Choice, Explorer, Number
from skinlab.explore.layers import site_choice
from skinlab.palette import INK, layer_color

COHORT_X = (0.12, 0.27, 0.42, 0.57, 0.72, 0.87)
TIMELINE_RECT = (0.13, 0.09, 0.80, 0.10)  # left, bottom, width, height (figure fraction)
STRIP_FRACTION = 0.30  # the bottom part of the figure that holds the timeline


def _day_label(day: float) -> str:
    return f"day {day:.0f}"


@lru_cache(maxsize=1)
def _controls() -> tuple:
    latest = max(renewal.journey(a).shed_range[1] for a in renewal.AGES)
    top = float(10 * math.ceil(latest / 10) + 10)
    return (
        site_choice(),
        Choice("age", "Age group", tuple((renewal.AGE_LABELS[a], a) for a in renewal.AGES),
               "young_adult"),
        Number("day", "Time since leaving the basal layer (days)", "days", 0.0, top, 1.0, 0.0),
    )


class RenewalExplorer(Explorer):
    """Follow one cohort of cells from the basal layer to shedding, day by day."""

    name = "renewal"
    title = "Renewal explorer: a cohort of cells from the basal layer to shedding"
    dynamic = frozenset({"day"})

    @property
    def controls(self):
        return _controls()

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> None:
        ax = fig.add_axes((0.13, 0.34, 0.40, 0.56))
        self.section = CrossSection(ax, anatomy.STRATA)
        self.section.below_label.set_text("dermis")
        self.heading = fig.text(0.13, 0.93, "", ha="left", va="bottom", fontsize=11)
        self.cells = Line2D([], [], linestyle="none", marker="o", markersize=9,
                            markerfacecolor="#ffffff", markeredgecolor=INK, markeredgewidth=1.8,
                            zorder=5)
        ax.add_line(self.cells)
        self.cells_text = ax.text(0.5, 0, "", ha="center", va="bottom", fontsize=9, color=INK,
                                  zorder=6, bbox={"facecolor": "white", "edgecolor": INK,
                                                  "boxstyle": "round,pad=0.2",
                                                  "linewidth": 0.6})
        # The timeline depends only on the age group: it is drawn once per age on its own figure
        # and pasted in as an image (about 10 ms saved on every other redraw); only the day
        # marker moves over it.
        self._strips: dict[str, np.ndarray] = {}
        self.strip = fig.figimage(np.zeros((1, 1, 4), dtype=np.uint8), 0, 0, origin="upper",
                                  zorder=0)
        left, bottom, width, height = TIMELINE_RECT
        # today: a thin line across the bar (the stage labels stay readable) and a pointer below
        self.now = Line2D([left, left], [bottom + 0.1 * height, bottom + height],
                          transform=fig.transFigure, color="#000000", linewidth=1.0)
        self.now_mark = Line2D([left], [bottom + 0.02 * height], transform=fig.transFigure,
                               color="#000000", marker="^", markersize=9, linestyle="none")
        fig.add_artist(self.now)
        fig.add_artist(self.now_mark)

    def _strip(self, age: str) -> np.ndarray:
        """The timeline for an age group as RGBA pixels: the figure's bottom STRIP_FRACTION."""
        if age not in self._strips:
            j = renewal.journey(age)
            fig = Figure(figsize=self.fig.get_size_inches(), dpi=self.fig.dpi)
            FigureCanvasAgg(fig)
            tl = fig.add_axes(TIMELINE_RECT)
            tl.set_yticks([])
            for side in ("top", "right", "left"):
                tl.spines[side].set_visible(False)
            tl.set_ylim(0, 1)
            tl.set_xlim(0, self.control("day").max)
            tl.set_xlabel("Time since leaving the basal layer (days)", fontsize=9)
            tl.tick_params(labelsize=9)
            tl.xaxis.set_major_locator(MultipleLocator(10))
            stages = ((0, j.reaches_corneum_day, "stratum_spinosum", "climbing"),
                      (j.reaches_corneum_day, j.corneum.value, "stratum_corneum",
                       "in the stratum corneum"))
            for x, w, layer, words in stages:
                tl.add_patch(Rectangle((x, 0.15), w, 0.7, facecolor=layer_color(layer),
                                       edgecolor=INK, linewidth=0.6))
                tl.text(x + w / 2, 0.5, words, ha="center", va="center", fontsize=8,
                        color="#000000")
            low, high = j.shed_range
            tl.text(0, 1.12, f"Shed around {_day_label(j.shed_day)} (sources: "
                    f"{low:.0f}–{high:.0f})", transform=tl.transAxes, ha="left", va="bottom",
                    fontsize=9, color=INK)
            with mpl.rc_context(DRAW_RC):
                fig.canvas.draw()
            pixels = np.asarray(fig.canvas.buffer_rgba())
            rows = int(round(pixels.shape[0] * STRIP_FRACTION))
            self._strips[age] = pixels[-rows:].copy()
        return self._strips[age]

    def update(self, state: dict) -> None:
        site, age, day = state["site"], state["age"], state["day"]
        strata = anatomy.strata_at(site)
        view = strata[-1].bottom_um * 1.25
        self.section.update(strata, view)
        self.heading.set_text(f"{anatomy.site_label(site).capitalize()}, "
                              f"{renewal.AGE_LABELS[age]}: the epidermis (schematic)")
        self.strip.set_data(self._strip(age))
        left, _, width, _ = TIMELINE_RECT
        x = left + width * day / self.control("day").max
        self.now.set_xdata([x, x])
        self.now_mark.set_xdata([x])
        pos = renewal.cohort_at(site, day, age)
        if pos.stage == "shed":
            self.cells.set_data([], [])
            self.cells_text.set_y(view * 0.02)
            self.cells_text.set_va("top")
            self.cells_text.set_text(f"{_day_label(day)}: shed")
        else:
            self.cells.set_data(COHORT_X, [pos.depth_um] * len(COHORT_X))
            self.cells.set_marker("o" if pos.stage == "viable" else "_")
            self.cells.set_markersize(9 if pos.stage == "viable" else 14)
            near_top = pos.depth_um < 0.15 * view
            self.cells_text.set_va("top" if near_top else "bottom")
            self.cells_text.set_y(pos.depth_um + (0.03 if near_top else -0.03) * view)
            self.cells_text.set_text(_day_label(day))

    def dynamic_artists(self) -> list:
        return [self.cells, self.cells_text, self.now, self.now_mark]

    def examples(self) -> dict[str, dict]:
        return {
            "cheek, day 3: still in the deep epidermis": dict(site="cheek", age="young_adult",
                                                              day=3.0),
            "cheek, day 20: in the stratum corneum": dict(site="cheek", age="young_adult",
                                                          day=20.0),
            "palm, day 20: thick skin, same timing": dict(site="palm", age="young_adult",
                                                          day=20.0),
            "cheek, day 40: young adult (shed)": dict(site="cheek", age="young_adult",
                                                      day=40.0),
            "cheek, day 40: older adult (still there)": dict(site="cheek", age="older_adult",
                                                             day=40.0),
        }

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        site, age, day = state["site"], state["age"], state["day"]
        pos = renewal.cohort_at(site, day, age)
        j = pos.journey
        who = (f"Day {day:.0f} on the {anatomy.site_label(site)}, {renewal.AGE_LABELS[age]}")
        shed = f"shed around {_day_label(j.shed_day)}"
        unmeasured = ""
        if anatomy.is_thick_skin(site):
            unmeasured = (f" No study the course found timed renewal on the "
                          f"{anatomy.site_label(site)}: it applies the timings measured mostly on "
                          f"the forearm.")
        if pos.stage == "viable" and pos.stratum.key == "stratum_lucidum":
            return (f"{who}: the cells have died and flattened in the stratum lucidum (not "
                    f"measured, drawn enlarged), about {format_um(pos.depth_um)} below the "
                    f"surface; they reach the stratum corneum around "
                    f"{_day_label(j.reaches_corneum_day)} and are {shed}.{unmeasured}")
        if pos.stage == "viable":
            return (f"{who}: the cells are living keratinocytes in the {pos.stratum.label}, "
                    f"about {format_um(pos.depth_um)} below the surface; they reach the "
                    f"stratum corneum around {_day_label(j.reaches_corneum_day)} and are "
                    f"{shed}.{unmeasured}")
        if pos.stage == "corneum":
            return (f"{who}: the cells are now dead, flattened corneocytes in the stratum "
                    f"corneum, about {format_um(pos.depth_um)} below the surface; they are "
                    f"{shed}.{unmeasured}")
        return (f"{who}: the cells were {shed}, one by one and unseen; cells that left the "
                f"basal layer later have taken their place.{unmeasured}")
