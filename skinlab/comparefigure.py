"""The static figure of notebook 06: what five treatments do to the cheek, on two axes.

Down, how deep each goes (the deepest an exfoliant reaches; a needle's typical depth, with the
studies' spread); across, the share of one square centimetre it acts on (an exfoliant: all of it;
a needle: the share punctured, with its range), on a log scale. The cheek's layers are drawn as
bands behind. Every number comes from :mod:`skinlab.compare`; this module only draws them.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab import anatomy, compare, exfoliation
from skinlab import microneedling as mn
from skinlab.palette import CATEGORICAL, INK, tissue_color
from skinlab.text import format_um

SITE = "cheek"
DEPTH_UM = 1000.0
X_MIN, X_MAX = 0.0002, 2.0  # shares of the surface (log axis)
FONT = 11  # the figures' smallest text (skinlab.figures.FONT)
EXFOLIANT, NEEDLE = CATEGORICAL[1], CATEGORICAL[5]
# Where each point's label goes, relative to the point (points): clear of the others.
OFFSETS = {"scrub": (-10, 0), "glycolic peel": (-10, 0), "TCA medium peel": (-10, 0),
           "0.25 mm roller, 1 pass": (10, 13), "1.5 mm pen, 3 passes": (-10, 14)}


def depth_and_surface(fig_factory) -> tuple[Figure, str, str]:
    """The figure, its alt text and its title. ``fig_factory(w, h)`` makes the figure."""
    title = "Microneedling vs exfoliation on the cheek: how deep, and over how much of the surface"
    fig = fig_factory(9.5, 6.6)
    fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=12.5, fontweight="bold",
             color=INK)
    ax = fig.add_axes((0.1, 0.24, 0.62, 0.66))
    ax.set_xscale("log")
    ax.set_xlim(X_MIN, X_MAX)
    ax.set_ylim(DEPTH_UM, 0)
    layers = anatomy.layers_at(SITE)
    for layer in layers:
        if layer.top_um >= DEPTH_UM:
            break
        bottom = min(layer.bottom_um, DEPTH_UM)
        ax.add_patch(Rectangle((X_MIN, layer.top_um), X_MAX - X_MIN, bottom - layer.top_um,
                               facecolor=tissue_color(layer), edgecolor="none", alpha=0.55,
                               zorder=0))
        ax.axhline(layer.bottom_um, color=INK, linewidth=0.5, zorder=1)
    epidermis = layers[1].bottom_um
    ax.text(1.02, epidermis / 2, f"epidermis (0–{format_um(epidermis)})",
            transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=FONT, color=INK)
    for layer in layers[2:]:
        if layer.top_um >= DEPTH_UM:
            break
        mid = (layer.top_um + min(layer.bottom_um, DEPTH_UM)) / 2
        more = "" if layer.bottom_um <= DEPTH_UM else ", continues"
        ax.text(1.02, mid, f"{layer.label}\n({format_um(layer.thickness_um)}{more})",
                transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=FONT,
                color=INK)
    rows = compare.five(SITE)
    for name, spec in compare.FIVE.items():
        r = rows[name]
        x, y = r["surface_share"], r["deepest_um"]
        if spec[0] == "needle":
            reach = mn.depth_reached(spec[1] * 1000, SITE)
            share = mn.punctured_fraction(spec[2], spec[3])
            ax.errorbar([x], [y], xerr=[[x - share.low], [share.high - x]],
                        yerr=[[y - reach.low_um], [reach.high_um - y]], fmt="o", color=NEEDLE,
                        markersize=9, markeredgecolor=INK, capsize=4, zorder=4)
        else:
            ax.plot([x], [y], marker="s", color=EXFOLIANT, markersize=10, markeredgecolor=INK,
                    linestyle="none", zorder=4)
        dx, dy = OFFSETS[name]
        ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points",
                    ha="right" if dx < 0 else "left", va="center", fontsize=FONT, color=INK,
                    zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1,
                                    "alpha": 0.85})
    ticks = [0.001, 0.01, 0.1, 1.0]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t * 100:g}%" for t in ticks])
    ax.set_xlabel("share of one square centimetre the treatment acts on (log scale)")
    ax.set_ylabel("depth below the surface (µm)")
    handles = [Line2D([], [], marker="s", color=EXFOLIANT, markeredgecolor=INK, linestyle="none",
                      markersize=10, label="exfoliant: removes or loosens cells over all the "
                                           "surface it is put on; deepest point"),
               Line2D([], [], marker="o", color=NEEDLE, markeredgecolor=INK, linestyle="none",
                      markersize=9, label="needle: punctures, removes nothing; typical depth "
                                          "(bars: the studies' spread, and the share's range)")]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), fontsize=FONT,
               frameon=False)
    return fig, _alt(rows), title


def _alt(rows: dict[str, dict]) -> str:
    items = []
    for name, spec in compare.FIVE.items():
        r = rows[name]
        share = compare.percent(r["surface_share"])
        if spec[0] == "exfoliant":
            m = exfoliation.removal(spec[1], spec[2], SITE)
            items.append(f"{name}: {share} of the surface, down to {format_um(r['deepest_um'])}, "
                         f"into the {m.layer.label}")
        else:
            items.append(f"{name}: about {share} of the surface punctured, about "
                         f"{format_um(r['deepest_um'])} deep")
    return ("Chart of depth below the surface of the cheek (down, to 1 mm) against the share of "
            "one square centimetre a treatment acts on (across, log scale), over the cheek's "
            "layers. " + "; ".join(items) + ". The exfoliants sit at the right edge, all of "
            "the surface, and shallow; the needles reach deeper over a small share, except "
            "the pen, whose share is a course assumption. No needle removes tissue.")
