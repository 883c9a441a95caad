"""The static figure of notebook 06: what five treatments do to the cheek, on two axes.

Down, how deep each goes (the deepest an exfoliant reaches; for a needle, the range where its tip
ends, from studies in skin, with a dot at its middle); across, the share of one square centimetre
it acts on (an exfoliant: all of it; a needle: the range of the share punctured), on a log scale.
A needle whose share no source lets the course compute (the pen) gets no point on that axis: it
is drawn in a strip of its own, labelled "share not known". The cheek's layers are drawn as
bands behind. Every number comes from :mod:`skinlab.compare`; this module only draws them.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from skinlab import anatomy, compare, exfoliation
from skinlab.figures.style import FONT
from skinlab.palette import CATEGORICAL, INK, tissue_fill
from skinlab.text import format_um

SITE = "cheek"
DEPTH_UM = 1000.0
X_MIN, X_MAX = 0.0002, 2.0  # shares of the surface (log axis)
EXFOLIANT, NEEDLE = CATEGORICAL[1], CATEGORICAL[5]
# Where each point's label goes, relative to the point (points): clear of the others.
OFFSETS = {"scrub": (-10, 0), "glycolic peel": (-10, 0), "TCA medium peel": (-10, 0),
           "0.25 mm roller, 1 pass": (12, 14)}


def _layers(ax, layers) -> None:
    """The cheek's layers as bands behind, down to :data:`DEPTH_UM`, each in its colour in every
    other figure (:func:`skinlab.palette.tissue_fill`, opaque: not blended to another shade)."""
    x0, x1 = ax.get_xlim()
    for layer in layers:
        if layer.top_um >= DEPTH_UM:
            break
        bottom = min(layer.bottom_um, DEPTH_UM)
        ax.add_patch(Rectangle((x0, layer.top_um), x1 - x0, bottom - layer.top_um,
                               facecolor=tissue_fill(layer), edgecolor="none", zorder=0))
        ax.axhline(layer.bottom_um, color=INK, linewidth=0.5, zorder=1)


def _depth_bar(ax, x: float, row: dict, xerr=None) -> None:
    """A needle: its tip's range as a bar (an arrow where it runs past the axis), a dot at the
    middle of the range, and the share's range across where it is known."""
    lo, mid, hi = row["deepest_low_um"], row["deepest_um"], row["deepest_high_um"]
    shown = min(hi, DEPTH_UM)
    ax.errorbar([x], [mid], xerr=xerr, yerr=[[mid - lo], [shown - mid]], fmt="o", color=NEEDLE,
                markersize=9, markeredgecolor=INK, capsize=4, elinewidth=2, zorder=4)
    if hi > DEPTH_UM:  # the range runs on below the axis: an arrow, and where it ends
        ax.annotate("", (x, DEPTH_UM), xytext=(x, DEPTH_UM - 60), zorder=4,
                    arrowprops={"arrowstyle": "-|>", "color": NEEDLE, "linewidth": 2},
                    annotation_clip=False)


def depth_and_surface(fig_factory) -> tuple[Figure, str, str]:
    """The figure, its alt text and its title. ``fig_factory(w, h)`` makes the figure."""
    title = "Microneedling vs exfoliation on the cheek: how deep, and over how much of the surface"
    fig = fig_factory(9.5, 6.6)
    fig.text(0.5, 0.975, title, ha="center", va="top", fontsize=12.5, fontweight="bold",
             color=INK)
    strip = fig.add_axes((0.1, 0.24, 0.075, 0.66))
    ax = fig.add_axes((0.19, 0.24, 0.53, 0.66), sharey=strip)
    ax.set_xscale("log")
    ax.set_xlim(X_MIN, X_MAX)
    strip.set_xlim(0, 1)
    strip.set_ylim(DEPTH_UM, 0)
    layers = anatomy.layers_at(SITE)
    _layers(ax, layers)
    _layers(strip, layers)
    ax.tick_params(labelleft=False)
    strip.set_xticks([])
    strip.set_xlabel("share\nnot known")
    strip.set_ylabel("depth below the surface (µm)")
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
        if spec[0] == "exfoliant":
            x, y = r["surface_share"], r["deepest_um"]
            ax.plot([x], [y], marker="s", color=EXFOLIANT, markersize=10, markeredgecolor=INK,
                    linestyle="none", zorder=4)
        elif r["surface_share"] is None:  # not known: no point on the share axis
            _depth_bar(strip, 0.3, r)
            strip.text(0.62, (r["deepest_low_um"] + DEPTH_UM) / 2, name, rotation=90,
                       ha="center", va="center", fontsize=FONT, color=INK, zorder=5)
            continue
        else:
            x, y = r["surface_share"], r["deepest_um"]
            _depth_bar(ax, x, r, xerr=[[x - r["surface_share_low"]],
                                       [r["surface_share_high"] - x]])
        dx, dy = OFFSETS[name]
        ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points",
                    ha="right" if dx < 0 else "left", va="center", fontsize=FONT, color=INK,
                    zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1,
                                    "alpha": 0.85})
    ticks = [0.001, 0.01, 0.1, 1.0]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t * 100:g}%" for t in ticks])
    ax.set_xlabel("share of one cm² of skin the treatment acts on (log scale)")
    handles = [Line2D([], [], marker="s", color=EXFOLIANT, markeredgecolor=INK, linestyle="none",
                      markersize=10, label="exfoliant: removes or loosens cells over all the "
                                           "surface it is put on; deepest point"),
               Line2D([], [], marker="o", color=NEEDLE, markeredgecolor=INK, linewidth=2,
                      markersize=9, label="needle: punctures, removes nothing; bars: where the "
                                          "tip ends (studies in skin), dot at the middle;\n"
                                          "across, the share punctured; the pen's share: not "
                                          "known (no source gives its channels per cm²)")]
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), fontsize=FONT,
               frameon=False)
    return fig, _alt(rows), title


def _alt(rows: dict[str, dict]) -> str:
    items = []
    for name, spec in compare.FIVE.items():
        r = rows[name]
        if spec[0] == "exfoliant":
            m = exfoliation.removal(spec[1], spec[2], SITE)
            items.append(f"{name}: {compare.percent(r['surface_share'])} of the surface, down "
                         f"to {format_um(r['deepest_um'])}, into the {m.layer.label}")
            continue
        share = (f"{compare.share_span(r['surface_share_low'], r['surface_share_high'])} of "
                 f"the surface punctured" if r["surface_share"] is not None
                 else "share not known (drawn apart)")
        items.append(f"{name}: {share}, tip {format_um(r['deepest_low_um'])} to "
                     f"{format_um(r['deepest_high_um'])} deep")
    return ("Chart of depth below the surface of the cheek (down, to 1 mm) against the share of "
            "one square centimetre a treatment acts on (across, log scale), over the cheek's "
            "layers. " + "; ".join(items) + ". Exfoliants: all of the surface, shallow; the "
            "roller: deeper, over a small share; the pen's share: not known. No needle removes "
            "tissue.")
