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
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, GRID, INK, SHADE

INTACT = INK
TREATED = CATEGORICAL[5]  # blue (Okabe-Ito)


class AmountFrame(Component):
    """The axes of the amount chart, on one scale for good (``log``: a log scale, for amounts in
    the model's units; otherwise linear, for a share of the dose in %), so that an update never
    rebuilds the tick artists. State: ``low``, ``high`` (the y range), ``visible`` (an explorer
    with two frames shows one), ``ylabel`` (None: the label set when the frame was made),
    ``title``."""

    @dataclass(frozen=True)
    class State:
        low: float
        high: float
        visible: bool = True
        ylabel: str | None = None
        title: str = ""

    def __init__(self, ax: Axes, log: bool = True):
        self.ax = ax
        ax.set_yscale("log" if log else "linear")
        ax.set_xlim(0, 24)
        ax.set_xticks([0, 4, 8, 12, 16, 20, 24])
        ax.set_xlabel("hours after the product is applied (h)")
        ax.set_ylabel("amount delivered per cm²\n(teaching-model units, log scale)" if log else
                      "share of the applied dose\ndelivered (%)", fontsize=9)
        ax.grid(True, color=GRID, linewidth=0.6, which="major")
        ax.set_axisbelow(True)
        self.title = ax.set_title("", fontsize=9, loc="left")

    def artists(self) -> list:
        return [self.title]

    def apply(self, state: AmountFrame.State) -> None:
        self.ax.set_ylim(state.low, state.high)
        self.ax.set_visible(state.visible)
        if state.ylabel is not None:
            self.ax.set_ylabel(state.ylabel, fontsize=9)
        self.title.set_text(state.title)


class AmountCurves(Component):
    """State: ``times``, ``intact`` (empty: no estimate), ``treated`` (the midpoint), ``low`` and
    ``high`` (the ends of the treated range, drawn thin and dotted), each empty where it is
    not drawn, ``label``."""

    overlay = True

    @dataclass(frozen=True)
    class State:
        times: tuple[float, ...]
        intact: tuple[float, ...]
        treated: tuple[float, ...]
        low: tuple[float, ...]
        high: tuple[float, ...]
        label: str = ""

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

    def apply(self, state: AmountCurves.State) -> None:
        t = state.times
        self.intact.set_data(t if len(state.intact) else (), state.intact)
        for line, ys in ((self.treated, state.treated), (self.low, state.low),
                         (self.high, state.high)):
            line.set_data(t if len(ys) else (), ys)
        label = state.label
        self.note.set_text(label)
        # an artist drawn on its own (a blit) ignores its axes' visibility: hide what is empty
        self.note.set_visible(bool(label))
        for line in (self.intact, self.treated, self.low, self.high):
            line.set_visible(len(line.get_xdata()) > 0)


STRIP_Y = -4.55  # where molecules with no log Kow sit, in the strip below the map
STRIP_TOP = -3.9  # the strip's top edge (log Kow units)
Y_LOW = -8.6  # the axis's (and the strip's) foot: room under the strip's molecules for labels
Y_HIGH = 7.5
LABEL_SIZE = 7.5  # points
LABEL_PAD = 1.0  # points of white round a label
# where a label may go round its molecule: distances (points) and directions (degrees), nearest
# first; right and left before up and down, so labels read along the rows
RADII = (7, 16, 28, 42, 56, 72, 90)
ANGLES = (0, 180, 35, 325, 145, 215, 90, 270, 60, 300, 120, 240)
BELOW = (270, 300, 240, 325, 215, 0, 180)  # in the strip: under the row of molecules first


def _boxes_overlap(a, b, pad: float = 1.5) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or
                b[3] + pad <= a[1])


def _leader(x: float, y: float, box) -> list[tuple[float, float]]:
    """Points along a leader from (x, y) to the nearest point of ``box``, the ends left out."""
    bx = min(max(x, box[0]), box[2])
    by = min(max(y, box[1]), box[3])
    return [(x + (bx - x) * t, y + (by - y) * t) for t in np.linspace(0.2, 0.95, 16)]


def _leader_boxes(ax: Axes, annotation) -> list[tuple]:
    """Small display boxes along an annotation's leader, as obstacles for other labels."""
    renderer = ax.figure.canvas.get_renderer()
    x, y = ax.transData.transform(annotation.xy)
    box = annotation.get_window_extent(renderer).extents
    return [(qx - 1, qy - 1, qx + 1, qy + 1) for qx, qy in _leader(x, y, box)]


def _inside(pt, box, pad: float = 1.0) -> bool:
    return box[0] - pad <= pt[0] <= box[2] + pad and box[1] - pad <= pt[1] <= box[3] + pad


def place_labels(ax: Axes, points: list[tuple[str, float, float]], regions: list[tuple],
                 obstacles: list[tuple], fontsize: float = LABEL_SIZE,
                 below: tuple[bool, ...] | None = None) -> list:
    """Label every point, each label clear of every other label, every marker and every
    obstacle (display boxes (x0, y0, x1, y1)), inside its own region (a data box (x0, y0, x1,
    y1), one per point); a label set off from its point gets a thin leader line, clear of the
    other labels and markers (``below``: per point, try under it first). A greedy
    search, most crowded points first, over :data:`RADII` and :data:`ANGLES`: the same layout
    on every run. Returns the annotations, in the order of ``points``."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72.0
    to_px = ax.transData.transform
    xy = [tuple(to_px((x, y))) for _, x, y in points]
    marker = 4.5 * px  # half a marker, and a little
    placed = [(x - marker, y - marker, x + marker, y + marker) for x, y in xy]
    placed += list(obstacles)
    leaders: list[tuple[float, float]] = []  # points along the leaders drawn so far
    sizes = []
    for name, _, _ in points:
        t = ax.text(0, 0, name, fontsize=fontsize)
        box = t.get_window_extent(renderer)
        t.remove()
        sizes.append((box.width + 2 * LABEL_PAD * px, box.height + 2 * LABEL_PAD * px))
    crowd = [sum(1 for o in xy if abs(o[0] - p[0]) < 80 * px and abs(o[1] - p[1]) < 30 * px)
             for p in xy]
    order = sorted(range(len(points)), key=lambda i: (-crowd[i], xy[i][0]))
    out: list = [None] * len(points)
    prefer_below = below or (False,) * len(points)
    for i in order:
        (x, y), (w, h) = xy[i], sizes[i]
        rx0, ry0 = to_px(regions[i][:2])
        rx1, ry1 = to_px(regions[i][2:])
        best = None
        for r in RADII:
            for a in (BELOW if prefer_below[i] else ANGLES):
                c, s_ = math.cos(math.radians(a)), math.sin(math.radians(a))
                dx, dy = r * c * px, r * s_ * px
                ha = "left" if c > 0.3 else "right" if c < -0.3 else "center"
                va = "bottom" if s_ > 0.3 else "top" if s_ < -0.3 else "center"
                x0 = x + dx - {"left": 0.0, "center": 0.5, "right": 1.0}[ha] * w
                y0 = y + dy - {"bottom": 0.0, "center": 0.5, "top": 1.0}[va] * h
                box = (x0, y0, x0 + w, y0 + h)
                if box[0] < rx0 or box[2] > rx1 or box[1] < ry0 or box[3] > ry1:
                    continue
                if any(_boxes_overlap(box, o) for o in placed):
                    continue
                if any(_inside(q, box) for q in leaders):
                    continue
                if r > RADII[0] + 1:  # its leader must pass clear of labels and markers
                    line = _leader(x, y, box)
                    if any(_inside(q, o) for q in line
                           for k, o in enumerate(placed) if k != i):
                        continue
                best = (r * c, r * s_, ha, va, box, r)
                break
            if best:
                break
        if best is None:  # nowhere clear: beside the point (never happens with the data now)
            best = (RADII[0], 0.0, "left", "center", None, RADII[0])
        dx, dy, ha, va, box, r = best
        far = r > RADII[0] + 1
        out[i] = ax.annotate(
            points[i][0], (points[i][1], points[i][2]), xytext=(dx, dy),
            textcoords="offset points", ha=ha, va=va, fontsize=fontsize, color=INK, zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": LABEL_PAD},
            arrowprops=({"arrowstyle": "-", "color": INK, "linewidth": 0.6, "shrinkA": 0,
                         "shrinkB": 3} if far else None))
        if box is not None:
            placed.append(box)
            if far:
                leaders += _leader(x, y, box)
    return out


def stack_labels(ax: Axes, points: list[tuple[str, float, float]], row_pt: float = 10.5,
                 fontsize: float = LABEL_SIZE) -> list:
    """Label a crowded row of points (all at one height) in rows under it: the rightmost point's
    label in the first row, the leftmost's in the last, each label starting just right of its
    point with a leader straight down to it, so no leader crosses a label. Returns the
    annotations, in the order of ``points``."""
    order = sorted(range(len(points)), key=lambda i: -points[i][1])  # rightmost first
    out: list = [None] * len(points)
    for row, i in enumerate(order):
        name, x, y = points[i]
        out[i] = ax.annotate(
            name, (x, y), xytext=(2.5, -row_pt * (row + 1.1)), textcoords="offset points",
            ha="left", va="center", fontsize=fontsize, color=INK, zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": LABEL_PAD},
            arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.6, "shrinkA": 0,
                        "shrinkB": 3.5, "relpos": (0.0, 0.5)})
    return out


def crowded(ax: Axes, points: list[tuple[str, float, float]], gap_pt: float = 40.0
            ) -> list[list[int]]:
    """The points in runs along x closer than ``gap_pt`` to the next (indices, left to right);
    a point alone is a run of one."""
    px = ax.figure.dpi / 72.0
    xs = [ax.transData.transform((x, y))[0] for _, x, y in points]
    order = sorted(range(len(points)), key=xs.__getitem__)
    runs: list[list[int]] = []
    for i in order:
        if runs and xs[i] - xs[runs[-1][-1]] < gap_pt * px:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


class MoleculeMap(Component):
    """The map of molecules (drawn once per set of molecules), every molecule labelled by name
    (labels placed clear of each other and of the markers: :func:`place_labels`).

    State: ``points`` (a tuple of (label, log10 MW, log Kow or None, measured case?)),
    ``domain`` ((MW low, high), (log Kow low, high)), ``coeffs`` (a, b, c of Potts-Guy),
    ``rule_da`` (the 500 Da line). Drawn once: a later state is not drawn again.
    """

    @dataclass(frozen=True)
    class State:
        points: tuple[tuple[str, float, float | None, bool], ...]
        domain: tuple[tuple[float, float], tuple[float, float]]
        coeffs: tuple[float, float, float]
        rule_da: float

    def __init__(self, ax: Axes):
        self.ax = ax
        ax.set_xlim(1.5, 6.0)
        ax.set_ylim(Y_LOW, Y_HIGH)
        ax.set_xlabel("molecular weight (Da, log scale)")
        ax.set_ylabel("log Kow (octanol : water)")
        ticks = [2, 3, 4, 5, 6]
        ax.set_xticks(ticks, [f"{10 ** k:,.0f}" for k in ticks])
        ax.set_yticks([-4 + 2 * k for k in range(6)][1:])  # the strip has no log Kow: no ticks
        self.drawn = False
        self.labels: dict[str, object] = {}  # molecule name -> its label

    def apply(self, state: MoleculeMap.State) -> None:
        if self.drawn:
            return
        ax = self.ax
        (m0, m1), (k0, k1) = state.domain
        a, b, c = state.coeffs
        x = np.linspace(math.log10(m0), math.log10(m1), 120)
        y = np.linspace(k0, k1, 120)
        xx, yy = np.meshgrid(x, y)
        logkp = a + b * yy - c * 10 ** xx
        mesh = ax.pcolormesh(xx, yy, logkp, cmap="cividis", shading="auto", zorder=0)
        bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.05, pad=0.02)
        bar.set_label("log10 kp (cm/h), Potts-Guy, inside its range", fontsize=8)
        bar.ax.tick_params(labelsize=8)
        rule = math.log10(state.rule_da)
        ax.add_line(Line2D([rule] * 2, [Y_LOW, Y_HIGH], color=CATEGORICAL[6], linestyle="--",
                           linewidth=1.6, zorder=2))
        rule_text = ax.text(rule + 0.04, Y_HIGH - 0.3, "500 Da", color=INK, fontsize=8,
                            va="top", zorder=3)
        ax.axhspan(Y_LOW, STRIP_TOP, color=SHADE, zorder=0)
        strip_text = ax.text(5.95, Y_LOW + 0.25, "no log Kow", fontsize=8, color=INK,
                             ha="right", va="bottom", zorder=3)
        points, regions = [], []
        x0, x1 = ax.get_xlim()
        for label, lmw, lk, case in state.points:
            y0 = STRIP_Y if lk is None else lk
            ax.plot([lmw], [y0], marker="s" if case else "o", markersize=7,
                    markerfacecolor="white" if case else CATEGORICAL[1],
                    markeredgecolor=INK, linestyle="none", zorder=4)
            points.append((label, lmw, y0))
            regions.append((x0, Y_LOW, x1, STRIP_TOP) if lk is None else
                           (x0, STRIP_TOP, x1, Y_HIGH))
        renderer = ax.figure.canvas.get_renderer()
        obstacles = [tuple(t.get_window_extent(renderer).extents)
                     for t in (rule_text, strip_text)]
        # the strip's molecules sit on one line: a crowded run of them is labelled in rows under
        # it; every other molecule by the search round it (clear of those rows)
        strip = [i for i, p in enumerate(state.points) if p[2] is None]
        labels: dict[int, object] = {}
        for run in crowded(ax, [points[i] for i in strip]):
            if len(run) > 1:
                idx = [strip[k] for k in run]
                for i, t in zip(idx, stack_labels(ax, [points[i] for i in idx])):
                    labels[i] = t
                    obstacles.append(tuple(t.get_window_extent(renderer).extents))
                    obstacles += _leader_boxes(ax, t)
        rest = [i for i in range(len(points)) if i not in labels]
        placed = place_labels(ax, [points[i] for i in rest], [regions[i] for i in rest],
                              obstacles)
        labels.update(zip(rest, placed))
        self.labels = {points[i][0]: labels[i] for i in range(len(points))}
        self.drawn = True

    def artists(self) -> list:
        return list(self.labels.values())


class MapMarker(Component):
    """The molecule picked: a ring, and its name again in bold, in a box over the map's own
    label for it (``labels``: the :class:`MoleculeMap`), or beside the ring where there is no
    map. State: ``x``, ``y`` (log10 MW and log Kow, or the strip's height), ``label``."""

    overlay = True

    @dataclass(frozen=True)
    class State:
        x: float
        y: float
        label: str = ""

    def __init__(self, ax: Axes, labels: MoleculeMap | None = None):
        self.map = labels
        self.ring, = ax.plot([], [], marker="o", markersize=17, markerfacecolor="none",
                             markeredgecolor=CATEGORICAL[6], markeredgewidth=2.2,
                             linestyle="none", zorder=6)
        self.text = ax.annotate("", (0, 0), xytext=(0, 0), textcoords="offset points",
                                fontsize=LABEL_SIZE if labels else 9, color=INK, zorder=7,
                                fontweight="bold" if labels else "normal",
                                bbox={"facecolor": "white", "edgecolor": CATEGORICAL[6],
                                      "linewidth": 1.0, "boxstyle": "round,pad=0.2"})

    def artists(self) -> list:
        return [self.ring, self.text]

    def apply(self, state: MapMarker.State) -> None:
        x, y = state.x, state.y
        self.ring.set_data([x], [y])
        label = state.label
        own = self.map.labels.get(label) if self.map is not None else None
        if own is not None:
            self.text.xy = own.xy
            self.text.set_position(own.get_position())
            self.text.set_ha(own.get_ha())
            self.text.set_va(own.get_va())
        else:
            right = x > 4.6
            self.text.xy = (x, y)
            self.text.set_position((-11 if right else 11, 13))
            self.text.set_ha("right" if right else "left")
            self.text.set_va("baseline")
        self.text.set_text(label)
