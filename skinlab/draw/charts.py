"""Charts for exercises: plain matplotlib figures made from a learner's numbers."""

from __future__ import annotations

from skinlab.palette import CATEGORICAL, INK
from skinlab.text import format_um


def peel_depth_chart(depths_um: dict, title: str = "How deep each peel can reach"):
    """Grouped bars: the deepest point each peel reaches at each site, depth running down.

    ``depths_um`` maps (peel name, site) to micrometres (as in exercise 02). Returns a Figure.
    """
    from matplotlib.figure import Figure

    from skinlab import anatomy

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
