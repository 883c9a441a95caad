"""The skin cross-section: layers (or strata) as bands on a depth axis, labelled directly."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skinlab.draw.base import Component
from skinlab.draw.labels import spread_labels
from skinlab.palette import INK, NOT_MODELLED, legend_fill, tissue_fill
from skinlab.text import format_um


NARROW_CHARS = 30  # a narrow section's labels wrap at this many characters


def _wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` characters, broken after the name first."""
    if len(text) <= width:
        return text
    head, sep, tail = text.partition(": ")
    parts = [head + sep.rstrip(), tail] if sep else [text]
    return "\n".join(line for part in parts for line in textwrap.wrap(part, width))


@dataclass
class _Band:
    rect: Rectangle
    label: Text
    leader: Line2D


def prepare_depth_axes(ax: Axes) -> None:
    """An axes for a depth scale: x from 0 to 1 with no ticks, only the left spine."""
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.yaxis.set_major_locator(MaxNLocator(6))


class CrossSection(Component):
    """Layers as bands on a depth axis, each labelled beside it with its thickness.

    ``CrossSection(ax, keys)`` makes one band per layer key. State:

    - ``layers``: the :class:`skinlab.anatomy.Layer` objects to show, surface first (a key absent
      here, such as the stratum lucidum in thin skin, is hidden);
    - ``view_um``: the depth shown; the axis reads micrometres up to 1 mm, millimetres beyond;
    - ``below`` (optional): the words for what lies under the deepest layer, drawn as a grey band
      (None: the words last given, at first "deeper tissue (not modelled)").

    ``filled=False`` leaves the bands unfilled, for an :class:`skinlab.draw.tissue.Illustration`
    drawn under them: the section then keeps its labels, leaders and depth axis. ``labels=False``
    leaves out the labels and leaders (for a section drawn just left of a labelled one).
    ``label_x`` is where the labels start (axes fraction; the leaders run from the band's edge
    to just short of it): a gap keeps them clear of what is drawn in the section (a needle);
    ``narrow=True`` puts "(continues)" on a line of its own and wraps a label longer than
    ``wrap`` characters (after the layer's name first), for a figure with little room on the
    right.
    """

    @dataclass(frozen=True)
    class State:
        layers: tuple  # of skinlab.anatomy.Layer, surface first
        view_um: float
        below: str | None = None

    def __init__(self, ax: Axes, keys: tuple[str, ...], filled: bool = True,
                 labels: bool = True, label_x: float = 1.03, narrow: bool = False,
                 wrap: int = NARROW_CHARS):
        self.ax = ax
        self.label_x = label_x
        self.narrow = narrow
        self.wrap = wrap
        self.filled = filled  # False: the bands are drawn by an Illustration under them
        self.labels = labels  # False: no layer labels (a section drawn beside a labelled one)
        prepare_depth_axes(ax)
        self.bands: dict[str, _Band] = {}
        for key in keys:
            rect = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                             facecolor=legend_fill(key), edgecolor=INK,
                             linewidth=0.6)
            ax.add_patch(rect)
            label = ax.text(label_x, 0.5, "", transform=ax.transAxes, va="center", ha="left",
                            fontsize=9, color=INK, clip_on=False)
            leader = Line2D([1.0, label_x - 0.005], [0.5, 0.5], transform=ax.transAxes,
                            color=INK, linewidth=0.6, clip_on=False)
            ax.add_line(leader)
            self.bands[key] = _Band(rect, label, leader)
        self.below = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                               facecolor=NOT_MODELLED, edgecolor=INK,
                               hatch="..", linewidth=0.6)
        ax.add_patch(self.below)
        self.below_label = ax.text(0.5, 0.5, "deeper tissue (not modelled)", ha="center",
                                   transform=ax.get_yaxis_transform(),
                                   va="center", fontsize=9, color=INK, clip_on=False,
                                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        self._unit = None
        self._below_words = "deeper tissue (not modelled)"

    def artists(self) -> list:
        out = [self.below, self.below_label]
        for band in self.bands.values():
            out += [band.rect, band.label, band.leader]
        return out

    def _set_unit(self, view_um: float) -> None:
        unit = "mm" if view_um > 1000 else "µm"
        if unit == self._unit:
            return
        self._unit = unit
        scale = 1000.0 if unit == "mm" else 1.0
        self.ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y / scale:g}"))
        self.ax.set_ylabel(f"Depth below the surface ({unit})")

    def apply(self, state: CrossSection.State) -> None:
        layers, view_um = state.layers, state.view_um
        below = state.below
        ax = self.ax
        ax.set_ylim(view_um, 0)
        self._set_unit(view_um)
        visible, centres = [], []
        present = {layer.key for layer in layers}
        for key, band in self.bands.items():  # a stratum absent at this site (the lucidum in
            if key not in present:            # thin skin) is hidden, not left as it was
                band.rect.set_visible(False)
                band.label.set_visible(False)
                band.leader.set_visible(False)
        for layer in layers:
            band = self.bands[layer.key]
            band.rect.set_visible(self.filled)
            band.rect.set_facecolor(tissue_fill(layer))
            band.rect.set_y(layer.top_um)
            band.rect.set_height(layer.thickness_um)
            on = layer.top_um < view_um and self.labels
            band.label.set_visible(on)
            band.leader.set_visible(on)
            if on:
                bottom = min(layer.bottom_um, view_um)
                centre = 1 - ((layer.top_um + bottom) / 2) / view_um
                more = ("" if layer.bottom_um <= view_um else
                        "\n(continues)" if self.narrow else " (continues)")
                text = f"{layer.label}: {format_um(layer.thickness_um)}"
                if layer.key == "stratum_lucidum" and layer.status != "measured":
                    text = f"{layer.label}: not\nmeasured, drawn enlarged"
                elif layer.is_placeholder:
                    text += " (placeholder)"
                if self.narrow:
                    text = _wrap(text, self.wrap)
                band.label.set_text(f"{text}{more}")
                visible.append(band)
                centres.append(centre)
        heights = None
        if self.narrow:  # labels of several lines: spread them by their heights
            fig = ax.figure
            line = 9 * 1.25 / (ax.get_position().height * fig.get_size_inches()[1] * 72)
            heights = [line * (b.label.get_text().count("\n") + 1) + 0.01 for b in visible]
        for band, centre, y in zip(visible, centres, spread_labels(centres, heights=heights)):
            band.label.set_y(y)
            band.leader.set_data([1.0, self.label_x - 0.005], [centre, y])
        end = layers[-1].bottom_um
        if below is not None:
            self._below_words = below
        # wrapped to the section's width, so it is never cut off at the section's edges
        width_pt = ax.get_position().width * ax.figure.get_size_inches()[0] * 72
        self.below_label.set_text("\n".join(textwrap.wrap(
            self._below_words, max(8, int(width_pt / (9 * 0.62))), break_long_words=False)))
        self.below.set_visible(end < view_um and self.filled)
        self.below_label.set_visible(end < view_um)
        if end < view_um:
            self.below.set_y(end)
            self.below.set_height(view_um - end)
            self.below_label.set_y((end + view_um) / 2)
