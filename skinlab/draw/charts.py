"""Charts for exercises: plain matplotlib figures made from a learner's numbers."""

from __future__ import annotations

from skinlab.palette import CATEGORICAL, INK
from skinlab.text import format_um


def peel_depth_chart(depths_um: dict, title: str = "How deep each peel can reach"):
    """Grouped bars: the deepest point each peel reaches at each site, depth running down.

    ``depths_um`` maps (peel name, site) to micrometres (as in exercise 02). Returns a Figure.

    Parameters
    ----------
    depths_um : dict
        ``{(peel name, site): depth}``, the depth in micrometres below the surface; every peel
        needs an entry at every site.
    title : str, optional
        The chart's title.

    Returns
    -------
    matplotlib.figure.Figure
        One group of bars a peel, one bar a site, each labelled with its depth.

    Raises
    ------
    KeyError
        For a peel without an entry at one of the sites.

    Examples
    --------
    >>> from skinlab import exfoliation
    >>> peels = {"glycolic": ("glycolic_acid", "superficial"),
    ...          "TCA": ("trichloroacetic_acid", "medium")}
    >>> depths = {(name, site): exfoliation.removal(m, s, site).bottom_um
    ...           for name, (m, s) in peels.items() for site in ("cheek", "eyelid")}
    >>> fig = peel_depth_chart(depths)
    >>> ax = fig.axes[0]
    >>> ax.get_title(), [t.get_text() for t in ax.get_xticklabels()]
    ('How deep each peel can reach', ['glycolic', 'TCA'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['cheek', 'mid-tarsal upper eyelid']
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
