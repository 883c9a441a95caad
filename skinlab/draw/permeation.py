"""Getting products through the skin: the amount delivered over 24 hours, and a map of molecules
by size and lipophilicity.

:class:`AmountFrame` sets the axes of the amount chart for one molecule (its y range, log scale)
and :class:`AmountCurves` draws the intact and the treated curves over it (an overlay, so moving
the delay redraws only the curves). :class:`MoleculeMap` draws log MW against log Kow, shaded by
the Potts-Guy kp inside the equation's range, the 500 Da line, a strip for molecules with no log
Kow and the measured cases; :class:`MapMarker` rings the molecule picked.

A drawing never decides a fact: it is handed the numbers.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, INK

INTACT = INK
TREATED = CATEGORICAL[5]  # blue (Okabe-Ito)


class AmountFrame(Component):
    """The axes of the amount chart, on one scale for good (``log``: a log scale, for amounts in
    the model's units; otherwise linear, for a share of the dose in %), so that an update never
    rebuilds the tick artists. State: ``low``, ``high`` (the y range), ``visible`` (an explorer
    with two frames shows one), ``ylabel``, ``title``."""

    def __init__(self, ax: Axes, log: bool = True):
        self.ax = ax
        ax.set_yscale("log" if log else "linear")
        ax.set_xlim(0, 24)
        ax.set_xticks([0, 4, 8, 12, 16, 20, 24])
        ax.set_xlabel("hours after the product is applied (h)")
        ax.set_ylabel("amount delivered per cm²\n(teaching-model units, log scale)" if log else
                      "share of the applied dose\ndelivered (%)", fontsize=9)
        ax.grid(True, color="#dddddd", linewidth=0.6, which="major")
        ax.set_axisbelow(True)
        self.title = ax.set_title("", fontsize=9, loc="left")

    def artists(self) -> list:
        return [self.title]

    def update(self, state: dict) -> None:
        self.ax.set_ylim(state["low"], state["high"])
        self.ax.set_visible(state.get("visible", True))
        if "ylabel" in state:
            self.ax.set_ylabel(state["ylabel"], fontsize=9)
        self.title.set_text(state.get("title", ""))


class AmountCurves(Component):
    """State: ``times``, ``intact`` (empty: no estimate), ``treated`` (the midpoint), ``low`` and
    ``high`` (the ends of the treated range, drawn thin and dotted), ``label``."""

    overlay = True

    def __init__(self, ax: Axes):
        self.ax = ax
        self.intact, = ax.plot([], [], color=INTACT, linestyle="--", linewidth=1.8, zorder=3,
                               label="intact skin")
        self.treated, = ax.plot([], [], color=TREATED, linewidth=2.6, zorder=4,
                                label="with the treatment")
        self.low, = ax.plot([], [], color=TREATED, linestyle=":", linewidth=1.3, zorder=4,
                            label="its range")
        self.high, = ax.plot([], [], color=TREATED, linestyle=":", linewidth=1.3, zorder=4)
        self.note = ax.text(0.98, 0.04, "", transform=ax.transAxes, ha="right", va="bottom",
                            fontsize=8, color=INK, zorder=5,
                            bbox={"facecolor": "white", "edgecolor": INK, "linewidth": 0.6,
                                  "boxstyle": "round,pad=0.25"})
        ax.legend(loc="center right", fontsize=8, framealpha=0.95)

    def artists(self) -> list:
        return [self.intact, self.treated, self.low, self.high, self.note]

    def update(self, state: dict) -> None:
        t = state.get("times", ())
        self.intact.set_data(t if len(state.get("intact", ())) else (), state.get("intact", ()))
        for line, key in ((self.treated, "treated"), (self.low, "low"), (self.high, "high")):
            ys = state.get(key, ())
            line.set_data(t if len(ys) else (), ys)
        label = state.get("label", "")
        self.note.set_text(label)
        # an artist drawn on its own (a blit) ignores its axes' visibility: hide what is empty
        self.note.set_visible(bool(label))
        for line in (self.intact, self.treated, self.low, self.high):
            line.set_visible(len(line.get_xdata()) > 0)


class MoleculeMap(Component):
    """The map of molecules (drawn once per set of molecules).

    State: ``points`` (a tuple of (label, log10 MW, log Kow or None, measured case?)),
    ``domain`` ((MW low, high), (log Kow low, high)), ``coeffs`` (a, b, c of Potts-Guy),
    ``rule_da`` (the 500 Da line).
    """

    def __init__(self, ax: Axes):
        self.ax = ax
        ax.set_xlim(1.5, 6.0)
        ax.set_ylim(-5.2, 7.5)
        ax.set_xlabel("molecular weight (Da, log scale)")
        ax.set_ylabel("log Kow (octanol : water)")
        ticks = [2, 3, 4, 5, 6]
        ax.set_xticks(ticks, [f"{10 ** k:,.0f}" for k in ticks])
        self.drawn = False

    def update(self, state: dict) -> None:
        if self.drawn:
            return
        ax = self.ax
        (m0, m1), (k0, k1) = state["domain"]
        a, b, c = state["coeffs"]
        x = np.linspace(math.log10(m0), math.log10(m1), 120)
        y = np.linspace(k0, k1, 120)
        xx, yy = np.meshgrid(x, y)
        logkp = a + b * yy - c * 10 ** xx
        mesh = ax.pcolormesh(xx, yy, logkp, cmap="cividis", shading="auto", zorder=0)
        bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.05, pad=0.02)
        bar.set_label("log10 kp (cm/h), Potts-Guy, inside its range", fontsize=8)
        bar.ax.tick_params(labelsize=8)
        ax.add_line(Line2D([math.log10(state["rule_da"])] * 2, [-5.2, 7.5], color=CATEGORICAL[6],
                           linestyle="--", linewidth=1.6, zorder=2))
        ax.text(math.log10(state["rule_da"]) + 0.04, 7.2, "500 Da", color=INK, fontsize=8,
                va="top", zorder=3)
        ax.axhspan(-5.2, -3.9, color="#eeeeee", zorder=0)
        ax.text(2.95, -4.55, "no log Kow", fontsize=8, color=INK, va="center", zorder=3)
        for _label, lmw, lk, case in state["points"]:
            y0 = -4.55 if lk is None else lk
            ax.plot([lmw], [y0], marker="s" if case else "o", markersize=7,
                    markerfacecolor="white" if case else CATEGORICAL[1],
                    markeredgecolor=INK, linestyle="none", zorder=4)
        self.drawn = True


class MapMarker(Component):
    """The molecule picked: a ring and its name. State: ``x``, ``y``, ``label``."""

    overlay = True

    def __init__(self, ax: Axes):
        self.ring, = ax.plot([], [], marker="o", markersize=17, markerfacecolor="none",
                             markeredgecolor=CATEGORICAL[6], markeredgewidth=2.2,
                             linestyle="none", zorder=6)
        self.text = ax.text(0, 0, "", fontsize=9, color=INK, zorder=7,
                            bbox={"facecolor": "white", "edgecolor": INK, "linewidth": 0.6,
                                  "boxstyle": "round,pad=0.2"})

    def artists(self) -> list:
        return [self.ring, self.text]

    def update(self, state: dict) -> None:
        x, y = state["x"], state["y"]
        self.ring.set_data([x], [y])
        right = x > 4.6
        self.text.set_position((x + (-0.15 if right else 0.15), y + 0.45))
        self.text.set_ha("right" if right else "left")
        self.text.set_text(state.get("label", ""))
