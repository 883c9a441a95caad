"""The static figure of notebook 03: needle lengths by use, against the layers at three sites.

Left, each use's needle (its cited length) drawn "dimple, then pierce": as far in as it goes on
the cheek, to the middle of the in-skin studies' range, with the rest of the needle above the
surface, and the whole range the tip can end in as a hatched bar (its middle dashed: only the
middle, not a most likely value). Right, the layers of three body sites on the same depth scale.
Every number comes from ``skinlab.microneedling`` and ``skinlab.anatomy``; this module only draws
them. The dimples are schematic (no source gives their depth).
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle
from matplotlib.ticker import FuncFormatter

from skinlab import anatomy
from skinlab import microneedling as mn
from skinlab.figures.style import FONT
from skinlab.palette import CATEGORICAL, INK, STEEL, legend_fill, tissue_fill
from skinlab.text import format_mm, format_um, two_lines

SITES = ("eyelid", "cheek", "back")
DEPTH_UM = 2500.0
SITE = "cheek"  # where the needles are drawn in


def above_um(uses: dict) -> float:
    """Room above the surface for the longest part of a needle still out, in micrometres."""
    out = max(v.value - mn.depth_reached(v.value, SITE).typical_um for v in uses.values())
    return 100.0 * (int(out / 100.0) + 2)


def needle_lengths(fig_factory) -> tuple[Figure, str, str]:
    """The figure, its alt text and its title. ``fig_factory(w, h)`` makes the figure."""
    title = "Needle lengths by use, and how deep they go, against the layers at three sites"
    fig = fig_factory(9.5, 8.8)
    fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=12.5, fontweight="bold",
             color=INK)
    ax = fig.add_axes((0.12, 0.33, 0.85, 0.6))
    uses = mn.uses()
    top = above_um(uses)
    x = 0
    ticks, labels = [], []
    for key, v in uses.items():
        reach = mn.depth_reached(v.value, SITE)
        tip, out = reach.typical_um, v.value - reach.typical_um
        # the range the tip can end in, and its middle (where the needle is drawn to)
        ax.add_patch(Rectangle((x + 0.06, reach.low_um), 0.26, reach.high_um - reach.low_um,
                               facecolor="white", edgecolor=CATEGORICAL[6], hatch="///",
                               linewidth=1.2))
        ax.plot([x - 0.2, x + 0.32], [tip] * 2, color=INK, linestyle="--", linewidth=1.4)
        # the surface dips around the needle (schematic), then the needle pierces it
        dip = min(0.02 * DEPTH_UM, 0.5 * tip)
        xs = [x - 0.42 + 0.02 * i for i in range(15)]
        ax.add_line(Line2D([x - 0.5] + xs + [2 * (x - 0.14) - u for u in reversed(xs)]
                           + [x + 0.5],
                           [0.0] + [dip * (i / 14) ** 2 for i in range(15)]
                           + [dip * ((14 - i) / 14) ** 2 for i in range(15)] + [0.0],
                           color=INK, linewidth=1.0, zorder=3))
        ax.add_patch(Polygon([(x - 0.2, -out), (x - 0.08, -out), (x - 0.14, tip)], closed=True,
                             facecolor=STEEL, edgecolor=INK, linewidth=0.8, zorder=4))
        ticks.append(x)
        rng = "" if v.low == v.high else f"\n({format_mm(v.low)}-{format_mm(v.high)} mm)"
        labels.append(f"{textwrap.fill(mn.use_label(key), 13)}\n{format_mm(v.value)} mm{rng}")
        x += 1
    ax.text(-0.55, -top * 0.08, "skin surface", ha="left", va="bottom", fontsize=FONT,
            color=INK)
    for i, site in enumerate(SITES):
        cx = x + 0.2 + i * 0.75
        for layer in anatomy.layers_at(site):
            bottom = min(layer.bottom_um, DEPTH_UM)
            if layer.top_um >= DEPTH_UM:
                break
            ax.add_patch(Rectangle((cx - 0.3, layer.top_um), 0.6, bottom - layer.top_um,
                                   facecolor=tissue_fill(layer), edgecolor=INK, linewidth=0.6))
        end = anatomy.layers_at(site)[-1].bottom_um
        if end < DEPTH_UM:
            ax.text(cx, end + 40, textwrap.fill(f"then {anatomy.beneath(site)}", 12),
                    ha="center", va="top", fontsize=FONT, color=INK)
        ticks.append(cx)
        labels.append(two_lines(anatomy.site_label(site)))
    ax.set_xlim(-0.6, x + 0.2 + 0.75 * len(SITES) - 0.2)
    ax.set_ylim(DEPTH_UM, -top)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{abs(y):g}"))
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, fontsize=FONT)
    ax.set_ylabel("above the surface (µm)  |  depth below the surface (µm)")
    ax.axvline(x - 0.35, color=INK, linewidth=0.8)
    handles = [Patch(facecolor=STEEL, edgecolor=INK,
                     label="needle, drawn in to the middle of the range;\n"
                           "the rest stands above the surface"),
               Patch(facecolor="white", edgecolor=CATEGORICAL[6], hatch="///",
                     label=f"where the tip can end on the {anatomy.site_label(SITE)}: the\n"
                           "in-skin studies' range (dashed: its middle)")]
    handles += [Patch(facecolor=legend_fill(k), edgecolor=INK, label=anatomy.LAYER_LABELS[k])
                for k in anatomy.LAYERS]
    handles.append(Patch(facecolor=legend_fill("areolar_tissue"), edgecolor=INK,
                         label="eyelid: loose tissue, no fat"))
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=FONT, frameon=False)
    alt = _alt(uses)
    return fig, alt, title


def _alt(uses) -> str:
    parts = ["Chart, depth running down to 2.5 mm below the skin's surface. Left, needle lengths "
             "by use, each needle drawn in to the middle of the range the in-skin studies give "
             "on the cheek, the rest of it above the surface, and the whole range hatched: "]
    items = []
    for key, v in uses.items():
        r = mn.depth_reached(v.value, SITE)
        items.append(f"{mn.use_label(key)}, {format_um(v.value)}, goes in somewhere between "
                     f"{format_um(r.low_um)} and {format_um(r.high_um)} ({r.label})")
    parts.append("; ".join(items) + ". ")
    sites = []
    for site in SITES:
        stack = anatomy.layers_at(site)
        sites.append(f"{anatomy.site_label(site)}: epidermis to {format_um(stack[1].bottom_um)}, "
                     f"dermis to {format_um(stack[3].bottom_um)}")
    parts.append("Right, the layers at three sites on the same scale: " + "; ".join(sites)
                 + ". A needle punctures these layers and removes nothing.")
    return "".join(parts)
