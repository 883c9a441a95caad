"""A timeline strip: stages as coloured bars on a time axis, and a marker for "now".

The axis can be linear, logarithmic or piecewise (:class:`TimeAxis`), so that a timeline from
hours to a year keeps its first days readable. The strip depends only on its stages: it is drawn
once per set of stages on a figure of its own and pasted in as an image (cached), and only the
marker (an overlay) moves over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab.draw.base import Component
from skinlab.palette import CATEGORICAL, INK

DRAW_RC = {"text.hinting": "no_hinting"}


@dataclass(frozen=True)
class TimeAxis:
    """Maps a time (in the strip's unit) to a 0-1 position along the strip.

    ``scale``: ``"linear"`` (0 to ``end``), ``"log"`` (log of 1 + t, so t = 0 fits) or
    ``"piecewise"`` (``breaks``: (time, position) pairs, linear between them, e.g. the first week
    over the first third of the strip).
    """

    end: float
    scale: str = "linear"
    breaks: tuple[tuple[float, float], ...] = ()

    def __post_init__(self):
        if self.scale not in ("linear", "log", "piecewise"):
            raise ValueError(f"scale must be linear, log or piecewise, got {self.scale!r}")
        if self.end <= 0:
            raise ValueError("a time axis must end after 0")
        if self.scale == "piecewise":
            times = [0.0] + [t for t, _ in self.breaks] + [self.end]
            places = [0.0] + [p for _, p in self.breaks] + [1.0]
            if times != sorted(times) or places != sorted(places):
                raise ValueError("piecewise breaks must rise in time and in position")

    def position(self, t: float) -> float:
        t = min(max(float(t), 0.0), self.end)
        if self.scale == "linear":
            return t / self.end
        if self.scale == "log":
            return math.log1p(t) / math.log1p(self.end)
        times = [0.0] + [b[0] for b in self.breaks] + [self.end]
        places = [0.0] + [b[1] for b in self.breaks] + [1.0]
        return float(np.interp(t, times, places))

    def ticks(self) -> list[float]:
        """Times worth a tick: the breaks (piecewise), powers of ten (log) or about six steps."""
        if self.scale == "piecewise":
            return [0.0] + [b[0] for b in self.breaks] + [self.end]
        if self.scale == "log":
            out = [0.0] + [10.0 ** k for k in range(0, int(math.log10(self.end)) + 1)]
            return [t for t in out if t <= self.end] + ([self.end] if out[-1] < self.end else [])
        step = _nice_step(self.end / 6)
        return [k * step for k in range(int(self.end // step) + 1)]


def _nice_step(raw: float) -> float:
    base = 10 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw)


@dataclass(frozen=True)
class Stage:
    """One bar of the strip: from ``start`` for ``length``, in ``color``, with ``words``."""

    start: float
    length: float
    color: str
    words: str


def overlaps(stages: tuple[Stage, ...]) -> list[tuple[float, float, Stage, Stage]]:
    """(from, to, earlier stage, later stage) wherever two stages cover the same times."""
    out = []
    for i, a in enumerate(stages):
        for b in stages[i + 1:]:
            t0 = max(a.start, b.start)
            t1 = min(a.start + a.length, b.start + b.length)
            if t1 > t0:
                early, late = (a, b) if a.start <= b.start else (b, a)
                out.append((t0, t1, early, late))
    return out


class _PixelBlock(Artist):
    """Pixels pasted at the bottom left of the figure, one for one: what ``figimage`` draws, without
    its resampling pass (about 5 ms a frame)."""

    def __init__(self, zorder: float = 0):
        super().__init__()
        self.pixels = np.zeros((1, 1, 4), dtype=np.uint8)
        self.set_zorder(zorder)

    def set_data(self, pixels: np.ndarray) -> None:
        self.pixels = pixels
        self.stale = True

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.pixels[::-1])  # the renderer's rows run upwards
        gc.restore()


class TimelineStrip(Component):
    """The stages as bars on a time axis across the bottom of a figure (drawn once per stages).

    ``TimelineStrip(fig, rect, axis, xlabel)``; state: ``stages`` (a tuple of :class:`Stage`),
    ``note`` (a line above the strip). Its marker is a separate overlay: :attr:`marker`.
    """

    @dataclass(frozen=True)
    class State:
        stages: tuple[Stage, ...]
        note: str = ""

    def __init__(self, fig, rect: tuple[float, float, float, float], axis: TimeAxis,
                 xlabel: str, fraction: float = 0.30):
        self.fig, self.rect, self.axis, self.xlabel = fig, rect, axis, xlabel
        self.fraction = fraction  # the bottom part of the figure that holds the strip
        self._cache: dict[tuple, np.ndarray] = {}
        self.image = _PixelBlock()
        fig.add_artist(self.image)
        self.marker = TimeMarker(fig, rect, axis)

    def artists(self) -> list:
        return [self.image]

    def _pixels(self, stages: tuple[Stage, ...], note: str) -> np.ndarray:
        key = (stages, note)
        if key not in self._cache:
            fig = Figure(figsize=self.fig.get_size_inches(), dpi=self.fig.dpi)
            FigureCanvasAgg(fig)
            ax = fig.add_axes(self.rect)
            ax.set_yticks([])
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            ax.set_ylim(0, 1)
            ax.set_xlim(0, 1)
            ticks = self.axis.ticks()
            ax.set_xticks([self.axis.position(t) for t in ticks], [f"{t:g}" for t in ticks])
            ax.set_xlabel(self.xlabel, fontsize=9)
            ax.tick_params(labelsize=9)
            for s in stages:
                x0, x1 = self.axis.position(s.start), self.axis.position(s.start + s.length)
                ax.add_patch(Rectangle((x0, 0.15), x1 - x0, 0.7, facecolor=s.color,
                                       edgecolor=INK, linewidth=0.6))
            # where two stages overlap in time, both are drawn: the earlier in the upper half of
            # the bar, the later in the lower half (no blank gap, no one colour hiding the other)
            for t0, t1, early, late in overlaps(stages):
                x0, x1 = self.axis.position(t0), self.axis.position(t1)
                for y, st in ((0.5, early), (0.15, late)):
                    ax.add_patch(Rectangle((x0, y), x1 - x0, 0.35, facecolor=st.color,
                                           edgecolor=INK, linewidth=0.6))
            for s in stages:
                x0, x1 = self.axis.position(s.start), self.axis.position(s.start + s.length)
                ax.text((x0 + x1) / 2, 0.5, s.words, ha="center", va="center", fontsize=8,
                        color=CATEGORICAL[0])
            ax.text(0, 1.12, note, transform=ax.transAxes, ha="left", va="bottom", fontsize=9,
                    color=INK)
            with mpl.rc_context(DRAW_RC):
                fig.canvas.draw()
            pixels = np.asarray(fig.canvas.buffer_rgba())
            rows = int(round(pixels.shape[0] * self.fraction))
            self._cache[key] = pixels[-rows:].copy()
        return self._cache[key]

    def apply(self, state: TimelineStrip.State) -> None:
        self.image.set_data(self._pixels(tuple(state.stages), state.note))


class TimeMarker(Component):
    """Today on a timeline strip: a thin line across the bar and a pointer below it.

    State: ``t`` (a time in the strip's unit).
    """

    overlay = True

    @dataclass(frozen=True)
    class State:
        t: float

    def __init__(self, fig, rect: tuple[float, float, float, float], axis: TimeAxis):
        self.rect, self.axis = rect, axis
        left, bottom, _, height = rect
        self.line = Line2D([left, left], [bottom + 0.1 * height, bottom + height],
                           transform=fig.transFigure, color=CATEGORICAL[0], linewidth=1.0)
        self.pointer = Line2D([left], [bottom + 0.02 * height], transform=fig.transFigure,
                              color=CATEGORICAL[0], marker="^", markersize=9, linestyle="none")
        fig.add_artist(self.line)
        fig.add_artist(self.pointer)

    def artists(self) -> list:
        return [self.line, self.pointer]

    def apply(self, state: TimeMarker.State) -> None:
        left, _, width, _ = self.rect
        x = left + width * self.axis.position(state.t)
        self.line.set_xdata([x, x])
        self.pointer.set_xdata([x])
