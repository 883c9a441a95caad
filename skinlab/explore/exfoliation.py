"""The exfoliation explorer: a method and strength on a body site, and the deepest level affected.

The cross-section outlines the layer the method ends in and veils the layers it removes above it
(a reach overlay). Depth is set by the layer (the peel classes), so micrometres follow from the
site.
"""

from __future__ import annotations

import html
from functools import lru_cache

from skinlab import anatomy, exfoliation
from skinlab.draw import Caption, CrossSection, Illustration, ReachOverlay
from skinlab.explore.base import Choice, Explorer
from skinlab.explore.controls import (HEADING_Y, SECTION_LEFT, depth_range, section_axes,
                                      site_choice, strength_follows_method, strength_options)
from skinlab.text import article, format_um, join


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Choice("method", "Method", tuple((exfoliation.method_label(m), m)
                                         for m in exfoliation.methods()), "glycolic_acid"),
        Choice("strength", "Strength", tuple((exfoliation.LEVEL_LABELS[k], k)
                                             for k in exfoliation.LEVELS), "superficial"),
        depth_range(1000.0),
    )


class ExfoliationExplorer(Explorer):
    """Pick a body site, a method and a strength; see the deepest layer it affects.

    Parameters
    ----------
    site : str, optional
        The body site (default ``"cheek"``), one of :func:`skinlab.anatomy.sites`.
    method : str, optional
        The exfoliation method (default ``"glycolic_acid"``), one of
        :func:`skinlab.exfoliation.methods`.
    strength : str, optional
        One of the method's strengths (default ``"superficial"``; see
        :func:`skinlab.exfoliation.strengths`).
    view_um : float, optional
        How deep the drawing shows, in micrometres: 200, 1000 (the default) or 5000.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> peel = ExfoliationExplorer()
    >>> say(peel.describe(site="cheek", method="trichloroacetic_acid", strength="medium"), width=80)
    On the cheek, top 1 mm shown: trichloroacetic acid (TCA), 35 to under 50% peel,
    is a medium depth treatment: it removes the stratum corneum and viable epidermis
    and reaches into the papillary dermis, which lies 62 µm to 262 µm below the
    surface (assumed), so it reaches no deeper than 262 µm.
    """

    name = "exfoliation"
    title = "Exfoliation explorer: what a method removes, and how deep, at one body site"

    @property
    def controls(self):
        return _controls()

    # -- state --------------------------------------------------------------------------
    def clean(self, **state) -> dict:
        """As the base, and the strength must be one the method offers
        (:func:`skinlab.explore.controls.strength_follows_method`)."""
        return strength_follows_method(state, super().clean(**state))

    def adjust(self, state: dict) -> dict:
        return strength_options(state)

    # -- drawing ------------------------------------------------------------------------
    # Changing the method or strength (same site, same depth range) changes only the overlay and
    # the heading: they are drawn over a cached picture of the layers.
    def build(self, fig) -> dict:
        ax = fig.add_axes(section_axes(0.06, 0.84))  # the shared section column
        return {"tissue": Illustration(ax),
                "section": CrossSection(ax, anatomy.LAYERS, filled=False),
                "reach": ReachOverlay(ax),
                "heading": Caption(fig, SECTION_LEFT, HEADING_Y, overlay=True, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        view = state["view_um"]
        caveat = "; see the caveat" if r.caveat else ""
        layers = tuple(anatomy.layers_at(state["site"]))
        return {
            "tissue": {"site": state["site"], "view_um": view,
                       "boundaries": tuple(x.bottom_um for x in layers)},
            "section": {"layers": layers, "view_um": view},
            "reach": {"removed_um": r.top_um, "band": (r.top_um, r.bottom_um),
                      "level_um": r.bottom_um, "view_um": view,
                      "label": f"deepest: {format_um(r.bottom_um)}"},
            "heading": {"text": f"{anatomy.site_label(r.site).capitalize()}: "
                                f"{exfoliation.method_label(r.method)}, "
                                f"{exfoliation.strength_label(r.method, r.strength)}\ninto the "
                                f"{r.layer.label} ({exfoliation.class_label(r.cls)}{caveat})"},
        }

    def alt(self, state: dict) -> str:
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        label = exfoliation.method_label(r.method)
        return (f"{label[:1].upper() + label[1:]} on the "
                f"{anatomy.site_label(r.site)}: ends in the {r.layer.label}, at most "
                f"{format_um(r.bottom_um)} down")

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

    def extra_html(self, state: dict) -> str:
        """How the method works and what its class means, with the sources."""
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        cls = exfoliation.class_label(r.cls)
        return (f"<div class='skinlab-info'><p><strong>How it works</strong>: "
                f"{html.escape(exfoliation.how(r.method))}</p><p><strong>A {html.escape(cls)} "
                f"treatment</strong> {html.escape(exfoliation.class_description(r.cls))}.</p>"
                f"</div>")

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        r = exfoliation.removal(state["method"], state["strength"], state["site"])
        what = (f"{exfoliation.method_label(r.method)}, "
                f"{exfoliation.strength_label(r.method, r.strength)},")
        site = anatomy.site_label(r.site)
        cls = exfoliation.class_label(r.cls)
        lay = r.layer
        where = (f"from the surface to {format_um(lay.bottom_um)}" if lay.top_um == 0 else
                 f"{format_um(lay.top_um)} to {format_um(lay.bottom_um)} below the surface")
        into = "about halfway into" if r.reach < 1 else "into"
        # one status word for the whole place (the legend defines it): halfway is the course's
        # reading of the sources' mid-reticular, the papillary border and some placements assumed
        assumed = (r.reach < 1 or lay.status == "assumption"
                   or exfoliation.placed_by_assumption(r.method, r.strength))
        note = " (assumed)" if assumed else ""
        if r.removed:
            acts = (f"removes the {join([x.label for x in r.removed])} and reaches {into} the "
                    f"{lay.label}, which lies {where}{note}")
        elif exfoliation.family(r.method) == "physical":
            acts = (f"wears cells off the {lay.label}, at most down to the bottom of that layer, "
                    f"which lies {where}{note}")
        else:
            acts = (f"loosens cells of the {lay.label} so they shed, at most down to the bottom "
                    f"of that layer, which lies {where}{note}")
        measured = ""
        if r.measured_um is not None:
            m = r.measured_um
            measured = (f"; a histology study measured injury about {format_um(m.value)} deep "
                        f"({format_um(m.low)} to {format_um(m.high)})")
        placeholder = " (placeholder)" if lay.is_placeholder else ""
        caveat = f" Caveat: {r.caveat}." if r.caveat else ""
        warn = exfoliation.caution(r.site)
        if warn and r.cls != "very_superficial":
            caveat += f" Note: {warn}."
        return (f"On the {site}, top {format_um(state['view_um'])} shown: {what} is "
                f"{article(cls)} {cls} treatment: it {acts}{placeholder}, "
                f"so it reaches no deeper than {'about ' if r.reach < 1 else ''}"
                f"{format_um(r.bottom_um)}{measured}.{caveat}")
