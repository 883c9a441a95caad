"""Matplotlib drawings shared by the figures, the explorers and the exercises.

A drawing never decides a fact: it is handed layers (from ``skinlab.anatomy``) and draws them.
Each drawing builds its artists once and updates them in place, so explorers can redraw fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from skinlab.palette import HIGHLIGHT, INK, PROBE, layer_color, tissue_color

LABEL_GAP = 0.075  # minimum vertical gap between side labels, in axes fraction


def format_um(um: float) -> str:
    """A depth or thickness for a sentence or label: '17 µm', '0.25 mm' style rules.

    Below 10 µm one decimal, below 1000 µm whole micrometres, from 1000 µm millimetres with two
    decimals (trailing zeros dropped).
    """
    if um == 0:
        return "0 µm"
    if um < 10:
        return f"{um:.1f} µm"
    if um < 1000:
        return f"{um:.0f} µm"
    return f"{um / 1000:.2f}".rstrip("0").rstrip(".") + " mm"


def spread_labels(centres: list[float], gap: float = LABEL_GAP,
                  low: float = 0.0, high: float = 1.0) -> list[float]:
    """Label positions (axes fraction, 1 at the top) near their centres, at least gap apart."""
    if not centres:
        return []
    order = sorted(range(len(centres)), key=lambda i: -centres[i])  # top first
    pos = [centres[i] for i in order]
    for k in range(1, len(pos)):  # push down
        pos[k] = min(pos[k], pos[k - 1] - gap)
    if pos[-1] < low:  # then shift the pile up if it fell off the bottom
        shift = low - pos[-1]
        pos = [p + shift for p in pos]
    for k in range(len(pos) - 2, -1, -1):  # and keep the top inside
        pos[k] = max(min(pos[k], high), pos[k + 1] + gap)
    out = [0.0] * len(centres)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


@dataclass
class _Band:
    rect: Rectangle
    label: Text
    leader: Line2D


class CrossSection:
    """A schematic skin cross-section: layers as bands on a depth axis, labelled directly.

    ``update(layers, view_um, highlight, probe_um)`` changes the same artists each time.
    Depth runs down; the axis shows micrometres up to 1 mm and millimetres beyond.
    """

    def __init__(self, ax: Axes, keys: tuple[str, ...]):
        self.ax = ax
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        self.bands: dict[str, _Band] = {}
        for key in keys:
            rect = Rectangle((0, 0), 1, 0, facecolor=layer_color(key), edgecolor=INK,
                             linewidth=0.6)
            ax.add_patch(rect)
            label = ax.text(1.03, 0.5, "", transform=ax.transAxes, va="center", ha="left",
                            fontsize=9, color=INK, clip_on=False)
            leader = Line2D([1.0, 1.025], [0.5, 0.5], transform=ax.transAxes, color=INK,
                            linewidth=0.6, clip_on=False)
            ax.add_line(leader)
            self.bands[key] = _Band(rect, label, leader)
        self.below = Rectangle((0, 0), 1, 0, facecolor="#dddddd", edgecolor=INK,
                               hatch="..", linewidth=0.6)
        ax.add_patch(self.below)
        self.below_label = ax.text(0.5, 0.5, "deeper tissue (not modelled)", ha="center",
                                   va="center", fontsize=9, color=INK, clip_on=True,
                                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        self.probe_line = ax.axhline(0, color=PROBE, linestyle="--", linewidth=1.6)
        self.probe_text = ax.text(0.02, 0, "", ha="left", va="bottom", fontsize=9,
                                  color=PROBE, fontweight="bold",
                                  bbox={"facecolor": "white", "edgecolor": PROBE,
                                        "boxstyle": "round,pad=0.2", "linewidth": 0.8})
        self.ax.yaxis.set_major_locator(MaxNLocator(6))
        self._unit = None

    def _set_unit(self, view_um: float) -> None:
        unit = "mm" if view_um > 1000 else "µm"
        if unit == self._unit:
            return
        self._unit = unit
        scale = 1000.0 if unit == "mm" else 1.0
        self.ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y / scale:g}"))
        self.ax.set_ylabel(f"Depth below the surface ({unit})")

    def update(self, layers, view_um: float, highlight: str | None = None,
               probe_um: float | None = None, below: str | None = None) -> None:
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
            band.rect.set_visible(True)
            band.rect.set_facecolor(tissue_color(layer))
            band.rect.set_y(layer.top_um)
            band.rect.set_height(layer.thickness_um)
            on = layer.top_um < view_um
            hi = layer.key == highlight
            band.rect.set_hatch("///" if hi else None)
            band.rect.set_edgecolor(HIGHLIGHT if hi else INK)
            band.rect.set_linewidth(2.5 if hi else 0.6)
            band.rect.set_zorder(2 if hi else 1)
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
                band.label.set_fontweight("bold" if hi else "normal")
                visible.append(band)
                centres.append(centre)
        for band, centre, y in zip(visible, centres, spread_labels(centres)):
            band.label.set_y(y)
            band.leader.set_data([1.0, 1.025], [centre, y])
        end = layers[-1].bottom_um
        if below is not None:
            self.below_label.set_text(below)
        self.below.set_visible(end < view_um)
        self.below_label.set_visible(end < view_um)
        if end < view_um:
            self.below.set_y(end)
            self.below.set_height(view_um - end)
            self.below_label.set_y((end + view_um) / 2)
        if probe_um is None:
            self.probe_line.set_visible(False)
            self.probe_text.set_visible(False)
        else:
            self.probe_line.set_visible(True)
            self.probe_text.set_visible(True)
            self.probe_line.set_ydata([probe_um, probe_um])
            self.probe_text.set_y(probe_um)
            self.probe_text.set_va("bottom" if probe_um > 0.12 * view_um else "top")
            self.probe_text.set_text(f"probe {format_um(probe_um)}")


def peel_depth_chart(depths_um: dict, title: str = "How deep each peel can reach"):
    """Grouped bars: the deepest point each peel reaches at each site, depth running down.

    ``depths_um`` maps (peel name, site) to micrometres (as in exercise 02). Returns a Figure.
    """
    from matplotlib.figure import Figure

    from skinlab import anatomy
    from skinlab.palette import CATEGORICAL

    names = list(dict.fromkeys(k[0] for k in depths_um))
    sites = list(dict.fromkeys(k[1] for k in depths_um))
    fig = Figure(figsize=(6.4, 4.0), dpi=100)
    ax = fig.add_subplot()
    width = 0.8 / max(len(sites), 1)
    hatches = ("", "//", "..", "xx")
    for j, site in enumerate(sites):
        xs = [i + (j - (len(sites) - 1) / 2) * width for i in range(len(names))]
        ys = [depths_um[(n, site)] for n in names]
        bars = ax.bar(xs, ys, width * 0.95, color=CATEGORICAL[1 + j % 7], edgecolor=INK,
                      hatch=hatches[j % len(hatches)], label=anatomy.site_label(site))
        for bar, y in zip(bars, ys):
            ax.annotate(format_um(y), (bar.get_x() + bar.get_width() / 2, y),
                        xytext=(0, -3), textcoords="offset points", ha="center", va="top",
                        fontsize=8, color=INK)
    ax.set_xticks(range(len(names)), names, fontsize=9)
    ax.invert_yaxis()
    ax.set_ylabel("Deepest point reached (µm below the surface)")
    ax.set_title(title, fontsize=11)
    ax.legend(title="Body site", fontsize=9)
    fig.tight_layout()
    return fig
