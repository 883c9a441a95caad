"""The skin cross-section: layers (or strata) as bands on a depth axis, labelled directly."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skinlab.draw.base import Component
from skinlab.draw.labels import spread_labels
from skinlab.palette import INK, layer_color, tissue_color
from skinlab.text import format_um


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

    ``CrossSection(ax, keys)`` makes one band per layer key. ``update(state)`` with:

    - ``layers``: the :class:`skinlab.anatomy.Layer` objects to show, surface first (a key absent
      here, such as the stratum lucidum in thin skin, is hidden);
    - ``view_um``: the depth shown; the axis reads micrometres up to 1 mm, millimetres beyond;
    - ``below`` (optional): the words for what lies under the deepest layer, drawn as a grey band.

    ``filled=False`` leaves the bands unfilled, for an :class:`skinlab.draw.tissue.Illustration`
    drawn under them: the section then keeps its labels, leaders and depth axis. ``labels=False``
    leaves out the labels and leaders (for a section drawn just left of a labelled one).
    """

    def __init__(self, ax: Axes, keys: tuple[str, ...], filled: bool = True,
                 labels: bool = True):
        self.ax = ax
        self.filled = filled  # False: the bands are drawn by an Illustration under them
        self.labels = labels  # False: no layer labels (a section drawn beside a labelled one)
        prepare_depth_axes(ax)
        self.bands: dict[str, _Band] = {}
        for key in keys:
            rect = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                             facecolor=layer_color(key), edgecolor=INK,
                             linewidth=0.6)
            ax.add_patch(rect)
            label = ax.text(1.03, 0.5, "", transform=ax.transAxes, va="center", ha="left",
                            fontsize=9, color=INK, clip_on=False)
            leader = Line2D([1.0, 1.025], [0.5, 0.5], transform=ax.transAxes, color=INK,
                            linewidth=0.6, clip_on=False)
            ax.add_line(leader)
            self.bands[key] = _Band(rect, label, leader)
        self.below = Rectangle((0, 0), 1, 0, transform=ax.get_yaxis_transform(),
                               facecolor="#dddddd", edgecolor=INK,
                               hatch="..", linewidth=0.6)
        ax.add_patch(self.below)
        self.below_label = ax.text(0.5, 0.5, "deeper tissue (not modelled)", ha="center",
                                   transform=ax.get_yaxis_transform(),
                                   va="center", fontsize=9, color=INK, clip_on=True,
                                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        self._unit = None

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

    def update(self, state: dict) -> None:
        layers, view_um = state["layers"], state["view_um"]
        below = state.get("below")
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
            band.rect.set_facecolor(tissue_color(layer))
            band.rect.set_y(layer.top_um)
            band.rect.set_height(layer.thickness_um)
            on = layer.top_um < view_um and self.labels
            band.label.set_visible(on)
            band.leader.set_visible(on)
            if on:
                bottom = min(layer.bottom_um, view_um)
                centre = 1 - ((layer.top_um + bottom) / 2) / view_um
                more = "" if layer.bottom_um <= view_um else " (continues)"
                text = f"{layer.label}: {format_um(layer.thickness_um)}"
                if layer.key == "stratum_lucidum" and layer.status != "measured":
                    text = f"{layer.label}: not\nmeasured, drawn enlarged"
                elif layer.is_placeholder:
                    text += " (placeholder)"
                band.label.set_text(f"{text}{more}")
                visible.append(band)
                centres.append(centre)
        for band, centre, y in zip(visible, centres, spread_labels(centres)):
            band.label.set_y(y)
            band.leader.set_data([1.0, 1.025], [centre, y])
        end = layers[-1].bottom_um
        if below is not None:
            self.below_label.set_text(below)
        self.below.set_visible(end < view_um and self.filled)
        self.below_label.set_visible(end < view_um)
        if end < view_um:
            self.below.set_y(end)
            self.below.set_height(view_um - end)
            self.below_label.set_y((end + view_um) / 2)
