"""The exfoliation explorer: a method and strength on a body site, and the deepest level affected.

The cross-section outlines the deepest layer the method reaches and veils the layers it removes
above it. Depth is set by the layer (the peel classes), so micrometres follow from the site.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.patches import Rectangle

from skinlab import anatomy, exfoliation
from skinlab.draw import CrossSection, format_um
from skinlab.explore.base import Choice, Explorer
from skinlab.explore.layers import VIEWS, site_choice
from skinlab.palette import HIGHLIGHT, INK


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Choice("method", "Method", tuple((exfoliation.method_label(m), m)
                                         for m in exfoliation.methods()), "glycolic_acid"),
        Choice("strength", "Strength", tuple((exfoliation.LEVEL_LABELS[k], k)
                                             for k in exfoliation.LEVELS), "superficial"),
        Choice("view_um", "Depth range", VIEWS, 1000.0),
    )


def _nearest(offered: tuple[str, ...], level: str) -> str:
    i = exfoliation.LEVELS.index(level)
    return min(offered, key=lambda k: (abs(exfoliation.LEVELS.index(k) - i),
                                       exfoliation.LEVELS.index(k)))


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class ExfoliationExplorer(Explorer):
    """Pick a body site, a method and a strength; see the deepest layer it affects."""

    name = "exfoliation"
    title = "Exfoliation explorer: what a method removes, and how deep, at one body site"

    @property
    def controls(self):
        return _controls()

    # -- state --------------------------------------------------------------------------
    def clean(self, **state) -> dict:
        """As the base, and the strength must be one the method offers.

        Naming both a method and a strength it does not offer is an error; changing only the
        method (as the drop-down does) moves the strength to the nearest one it offers.
        """
        out = super().clean(**state)
        offered = exfoliation.strengths(out["method"])
        if out["strength"] not in offered:
            if "strength" in state and "method" in state:
                shown = ", ".join(exfoliation.LEVEL_LABELS[k] for k in offered)
                raise ValueError(f"Strength: {exfoliation.method_label(out['method'])} is "
                                 f"described only as {shown}")
            out["strength"] = _nearest(offered, out["strength"])
        return out

    def adjust(self, state: dict) -> dict:
        m = state["method"]
        options = [(exfoliation.strength_label(m, k), k) for k in exfoliation.strengths(m)]
        return {"strength": {"options": options, "value": state["strength"]}}

    # -- drawing ------------------------------------------------------------------------
    # Changing the method or strength (same site, same depth range) moves only the overlays:
    # they are drawn over a cached picture of the layers (see Explorer.render).
    dynamic = frozenset({"method", "strength"})

    def build(self, fig) -> None:
        ax = fig.add_axes((0.13, 0.06, 0.42, 0.83))
        self.section = CrossSection(ax, anatomy.LAYERS)
        self.reach = Rectangle((0, 0), 1, 0, facecolor="none", edgecolor=HIGHLIGHT,
                               hatch="///", linewidth=2.5, zorder=3)
        ax.add_patch(self.reach)
        self.veil = Rectangle((0, 0), 1, 0, facecolor="#ffffff", alpha=0.6, edgecolor=INK,
                              hatch="xx", linewidth=0.8, zorder=3)
        ax.add_patch(self.veil)
        self.veil_text = ax.text(0.5, 0, "removed", ha="center", va="center", fontsize=9,
                                 color=INK, zorder=4, fontweight="bold",
                                 bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        self.heading = fig.text(0.13, 0.915, "", ha="left", va="bottom", fontsize=10,
                                linespacing=1.3)

    def update(self, state: dict) -> None:
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        view = state["view_um"]
        self.section.update(anatomy.layers_at(state["site"]), view, None,
                            min(r.bottom_um, view))
        self.section.probe_text.set_text(f"deepest: {format_um(r.bottom_um)}")
        self.reach.set_y(r.top_um)
        self.reach.set_height(min(r.bottom_um, view) - min(r.top_um, view))
        removed = min(r.top_um, view)
        self.veil.set_height(removed)
        self.veil.set_visible(removed > 0)
        self.veil_text.set_visible(removed > 0.04 * view)
        self.veil_text.set_y(removed / 2)
        self.heading.set_text(
            f"{anatomy.site_label(r.site).capitalize()}: {exfoliation.method_label(r.method)}, "
            f"{exfoliation.strength_label(r.method, r.strength)}\ninto the {r.layer.label} "
            f"({exfoliation.class_label(r.cls)}{'; see the caveat' if r.caveat else ''})")

    def dynamic_artists(self) -> list:
        return [self.reach, self.veil, self.veil_text, self.section.probe_line,
                self.section.probe_text, self.heading]

    def examples(self) -> dict[str, dict]:
        return {
            "glycolic acid at home, cheek": dict(site="cheek", method="glycolic_acid",
                                                 strength="home", view_um=200.0),
            "TCA medium peel, cheek": dict(site="cheek", method="trichloroacetic_acid",
                                           strength="medium", view_um=1000.0),
            "TCA medium peel, back": dict(site="back", method="trichloroacetic_acid",
                                          strength="medium", view_um=1000.0),
            "TCA medium peel, eyelid (thin skin)": dict(
                site="eyelid", method="trichloroacetic_acid", strength="medium",
                view_um=1000.0),
            "home glycolic acid, palm (outside the classes' facial skin)": dict(
                site="palm", method="glycolic_acid", strength="home", view_um=200.0),
            "phenol deep peel, cheek": dict(site="cheek", method="phenol", strength="deep",
                                            view_um=5000.0),
        }

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        what = (f"{exfoliation.method_label(r.method)}, "
                f"{exfoliation.strength_label(r.method, r.strength)},")
        site = anatomy.site_label(r.site)
        cls = exfoliation.class_label(r.cls)
        lay = r.layer
        span = (f"from the surface to {format_um(lay.bottom_um)}" if lay.top_um == 0 else
                f"{format_um(lay.top_um)} to {format_um(lay.bottom_um)} below the surface")
        into = "about halfway into" if r.reach < 1 else "into"
        assumed = []
        if r.reach < 1:
            assumed.append("halfway is the course's reading of the sources' mid-reticular")
        if lay.status == "assumption":
            assumed.append("where the papillary dermis ends is a course assumption")
        if exfoliation.placed_by_assumption(r.method, r.strength):
            assumed.append(f"placing {exfoliation.method_label(r.method)} here is a course "
                           f"assumption")
        note = f" ({'; '.join(assumed)})" if assumed else ""
        if r.removed:
            acts = (f"removes the {_join([x.label for x in r.removed])} and reaches {into} the "
                    f"{lay.label}, which lies {span}{note}")
        elif exfoliation.family(r.method) == "physical":
            acts = (f"wears cells off the {lay.label}, at most down to the bottom of that layer, "
                    f"which lies {span}{note}")
        else:
            acts = (f"loosens cells of the {lay.label} so they shed, at most down to the bottom "
                    f"of that layer, which lies {span}{note}")
        measured = ""
        if r.measured_um is not None:
            m = r.measured_um
            measured = (f"; a histology study measured injury about {format_um(m.value)} deep "
                        f"({format_um(m.low)} to {format_um(m.high)})")
        placeholder = " (a placeholder: not measured)" if lay.is_placeholder else ""
        caveat = f" Caveat: {r.caveat}." if r.caveat else ""
        warn = exfoliation.caution(r.site)
        if warn and r.cls != "very_superficial":
            caveat += f" Note: {warn}."
        return (f"On the {site}, top {format_um(state['view_um'])} shown: {what} is "
                f"{_article(cls)} {cls} treatment: it {acts}{placeholder}, "
                f"so it reaches no deeper than {'about ' if r.reach < 1 else ''}"
                f"{format_um(r.bottom_um)}{measured}.{caveat}")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
