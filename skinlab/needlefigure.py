"""The static figure of notebook 03: needle lengths by use, against the layers at three sites.

Left, each use's needle length (cited, with its range) and, beside it, the depth the model says it
reaches (the studies' spread, and the typical depth, a course assumption). Right, the layers of
three body sites on the same depth scale. Every number comes from ``skinlab.microneedling`` and
``skinlab.anatomy``; this module only draws them.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from skinlab import anatomy
from skinlab import microneedling as mn
from skinlab.palette import CATEGORICAL, INK, layer_color, tissue_color
from skinlab.text import format_mm, format_um

SITES = ("eyelid", "cheek", "back")
DEPTH_UM = 2500.0
STEEL = "#8c8c8c"
FONT = 11  # the figures' smallest text (skinlab.figures.FONT)


def needle_lengths(fig_factory) -> tuple[Figure, str, str]:
    """The figure, its alt text and its title. ``fig_factory(w, h)`` makes the figure."""
    title = "Needle lengths by use, and how deep they go, against the layers at three sites"
    fig = fig_factory(9.5, 8.4)
    fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=12.5, fontweight="bold",
             color=INK)
    ax = fig.add_axes((0.1, 0.33, 0.87, 0.58))
    uses = mn.uses()
    x = 0
    ticks, labels = [], []
    for key, v in uses.items():
        reach = mn.depth_reached(v.value, "cheek")
        ax.add_patch(Rectangle((x - 0.32, 0), 0.28, v.value, facecolor=STEEL, edgecolor=INK,
                               linewidth=0.8))
        if v.high > v.low:
            ax.plot([x - 0.18] * 2, [v.low, v.high], color=INK, linewidth=1.4)
            ax.plot([x - 0.26, x - 0.1], [v.low] * 2, color=INK, linewidth=1.4)
            ax.plot([x - 0.26, x - 0.1], [v.high] * 2, color=INK, linewidth=1.4)
        ax.add_patch(Rectangle((x + 0.04, reach.low_um), 0.28, reach.high_um - reach.low_um,
                               facecolor="white", edgecolor=CATEGORICAL[6], hatch="///",
                               linewidth=1.2))
        ax.plot([x + 0.04, x + 0.32], [reach.typical_um] * 2, color=INK, linestyle="--",
                linewidth=1.4)
        ticks.append(x)
        labels.append(f"{textwrap.fill(mn.use_label(key), 13)}\n{format_mm(v.value)} mm")
        x += 1
    for i, site in enumerate(SITES):
        cx = x + 0.2 + i * 0.75
        for layer in anatomy.layers_at(site):
            bottom = min(layer.bottom_um, DEPTH_UM)
            if layer.top_um >= DEPTH_UM:
                break
            ax.add_patch(Rectangle((cx - 0.3, layer.top_um), 0.6, bottom - layer.top_um,
                                   facecolor=tissue_color(layer), edgecolor=INK, linewidth=0.6))
        end = anatomy.layers_at(site)[-1].bottom_um
        if end < DEPTH_UM:
            ax.text(cx, end + 40, textwrap.fill(f"then {anatomy.beneath(site)}", 12),
                    ha="center", va="top", fontsize=FONT, color=INK)
        ticks.append(cx)
        labels.append(anatomy.site_label(site).replace(" (", "\n("))
    ax.set_xlim(-0.6, x + 0.2 + 0.75 * len(SITES) - 0.2)
    ax.set_ylim(DEPTH_UM, 0)
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, fontsize=FONT)
    ax.set_ylabel("depth below the surface (µm)")
    ax.axvline(x - 0.35, color=INK, linewidth=0.8)
    handles = [Patch(facecolor=STEEL, edgecolor=INK, label="needle length (whisker: range)"),
               Patch(facecolor="white", edgecolor=CATEGORICAL[6], hatch="///",
                     label="depth reached: studies' spread\n"
                           "(dashed: typical, a course assumption)")]
    handles += [Patch(facecolor=layer_color(k), edgecolor=INK, label=anatomy.LAYER_LABELS[k])
                for k in anatomy.LAYERS]
    handles.append(Patch(facecolor=layer_color("areolar_tissue"), edgecolor=INK,
                         label="eyelid: loose tissue, no fat"))
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=FONT, frameon=False)
    alt = _alt(uses)
    return fig, alt, title


def _alt(uses) -> str:
    parts = ["Bar chart, depth running down to 2.5 mm. Left, needle lengths by use, each with "
             "the depth it reaches in the course's model (the studies' spread, hatched, and the "
             "typical depth, a course assumption): "]
    items = []
    for key, v in uses.items():
        r = mn.depth_reached(v.value, "cheek")
        items.append(f"{mn.use_label(key)}, {format_um(v.value)}, reaches "
                     f"{format_um(r.low_um)} to {format_um(r.high_um)}")
    parts.append("; ".join(items) + ". ")
    sites = []
    for site in SITES:
        stack = anatomy.layers_at(site)
        sites.append(f"{anatomy.site_label(site)}: epidermis to {format_um(stack[1].bottom_um)}, "
                     f"dermis to {format_um(stack[3].bottom_um)}")
    parts.append("Right, the layers at three sites on the same scale: " + "; ".join(sites)
                 + ". A needle punctures these layers and removes nothing.")
    return "".join(parts)
