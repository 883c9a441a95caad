"""Side by side: one body site, one exfoliation method, one microneedling setting.

Left, the same drawn skin twice on one depth axis: the exfoliant's removed band (the reach
overlay of notebook 02) and the needle's channels (the channel overlay of notebook 03). Right, one
square centimetre from above for each: the exfoliant acts on all of it, the needle punctures a
share that depends on the device and the passes (the surface view of notebook 03). The numbers
come from :mod:`skinlab.compare`; the components are the same ones, not copies.
"""

from __future__ import annotations

from functools import lru_cache

from skinlab import anatomy, exfoliation
from skinlab import compare as cmp
from skinlab import microneedling as mn
from skinlab.draw import Caption, CrossSection, Illustration, NeedleChannels, ReachOverlay, \
    SurfaceView
from skinlab.draw.surface import MAX_DOTS
from skinlab.draw.tissue import width_for
from skinlab.explore.base import Choice, Number
from skinlab.explore.controls import depth_range, site_choice
from skinlab.explore.exfoliation import ExfoliationExplorer
from skinlab.text import format_um

STATUS = {"assumption": "the needle's share of the surface rests on a course assumption (how "
                        "fast a pen moves and how wide a strip it covers)",
          "placeholder": "the needle's share of the surface is a placeholder: no source gave a "
                         "stamp's needle count or footprint"}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Choice("method", "Exfoliation method", tuple((exfoliation.method_label(m), m)
                                                     for m in exfoliation.methods()),
               "glycolic_acid"),
        Choice("strength", "Strength", tuple((exfoliation.LEVEL_LABELS[k], k)
                                             for k in exfoliation.LEVELS), "superficial"),
        Number("needle_mm", "Needle length (mm)", "mm", 0.1, 3.0, 0.05, 0.5, readout=".2f"),
        Choice("device", "Needling device", tuple((mn.device_label(d), d) for d in mn.devices()),
               "roller"),
        Number("passes", "Passes over the skin (passes)", "passes", 1, 30, 1, 15),
        depth_range(1000.0),
    )


class CompareExplorer(ExfoliationExplorer):
    """An exfoliant and a needle at one body site, side by side (the strength follows the
    method as in the exfoliation explorer)."""

    name = "compare"
    title = "Side by side: what an exfoliant and a needle do to the same skin"

    @property
    def controls(self):
        return _controls()

    def _comparison(self, state: dict) -> cmp.Comparison:
        return cmp.compare(state["site"], state["method"], state["strength"],
                           state["needle_mm"], state["device"], state["passes"])

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        side = 0.17  # the squares' width (figure fraction); their height keeps them square
        tall = side * 6.4 / 4.8
        left = fig.add_axes((0.12, 0.08, 0.13, 0.74))
        right = fig.add_axes((0.265, 0.08, 0.13, 0.74), sharey=left)
        right.tick_params(labelleft=False)
        top = fig.add_axes((0.785, 0.56, side, tall))
        bottom = fig.add_axes((0.785, 0.1, side, tall))
        # Only what a slider (needle length, passes) moves is an overlay, redrawn on every
        # frame: the needle's channel, the squares and their captions. The exfoliant's band and
        # the heading change with the drop-downs only, and are drawn into the cached picture.
        reach = ReachOverlay(left)
        reach.overlay = False
        return {"tissue_a": Illustration(left),
                "section_a": CrossSection(left, anatomy.LAYERS, filled=False, labels=False),
                "reach": reach,
                "tissue_b": Illustration(right),
                "section_b": CrossSection(right, anatomy.LAYERS, filled=False),
                "needles": NeedleChannels(right),
                "surface_a": SurfaceView(top, compact=True),
                "surface_b": SurfaceView(bottom, compact=True),
                "heading": Caption(fig, 0.12, 0.895, linespacing=1.3),
                "label_a": Caption(fig, 0.12, 0.835, fontsize=9),
                "label_b": Caption(fig, 0.265, 0.835, overlay=True, fontsize=9),
                "label_top": Caption(fig, 0.785, 0.56 + tall + 0.015, fontsize=9),
                "label_bottom": Caption(fig, 0.785, 0.1 + tall + 0.015, overlay=True,
                                        fontsize=9)}

    def wire(self, state: dict) -> dict:
        c = self._comparison(state)
        r = c.removal
        view = state["view_um"]
        layers = tuple(anatomy.layers_at(c.site))
        tissue = {"site": c.site, "view_um": view, "boundaries": tuple(x.bottom_um for x in layers)}
        section = {"layers": layers, "view_um": view}
        right = self.fig.axes[1]
        count = round(c.channels.value)
        d = mn.surface_diameter_um(c.device).value
        return {
            "tissue_a": tissue, "section_a": section, "tissue_b": tissue, "section_b": section,
            "reach": {"removed_um": r.top_um, "band": (r.top_um, r.bottom_um),
                      "level_um": r.bottom_um, "view_um": view,
                      "label": f"{format_um(r.bottom_um)}"},
            "needles": {"reach_um": c.needle_depth_um, "width_um": d, "count": 1,
                        "span_um": width_for(right, view), "view_um": view, "needles": False,
                        "label": f"{format_um(c.needle_depth_um)}"},
            "surface_a": {"channels": 0, "treated": cmp.EXFOLIANT_SHARE, "label": ""},
            "surface_b": {"channels": count, "diameter_um": d, "seed": 3,
                          "label": "" if count <= MAX_DOTS else f"{MAX_DOTS:,} of {count:,} drawn"},
            "heading": {"text": f"{anatomy.site_label(c.site).capitalize()}, to scale. Left: "
                                f"{exfoliation.method_label(r.method)}, "
                                f"{r.strength.replace('_', ' ')}."},
            "label_a": {"text": "exfoliant"},
            "label_b": {"text": f"{c.needle_um / 1000:.2f} mm {mn.device_noun(c.device)}"},
            "label_top": {"text": f"exfoliant:\n{cmp.percent(c.exfoliant_share)} treated"},
            "label_bottom": {"text": f"needle, {c.passes:.0f} pass{'es' if c.passes != 1 else ''}:"
                                     f"\n{cmp.percent(c.punctured.value)} punctured"},
        }

    def alt(self, state: dict) -> str:
        c = self._comparison(state)
        return (f"{anatomy.site_label(c.site).capitalize()}: exfoliant to "
                f"{format_um(c.exfoliant_depth_um)} over all the surface; needle channels to "
                f"{format_um(c.needle_depth_um)} over {cmp.percent(c.punctured.value)}")[:150]

    def examples(self) -> dict[str, dict]:
        return {
            "superficial glycolic peel and 0.5 mm roller, cheek": dict(
                site="cheek", method="glycolic_acid", strength="superficial", needle_mm=0.5,
                device="roller", passes=15),
            "home glycolic acid and 0.25 mm roller, one pass, cheek": dict(
                site="cheek", method="glycolic_acid", strength="home", needle_mm=0.25,
                device="roller", passes=1, view_um=200.0),
            "medium TCA peel and 1.5 mm pen, cheek": dict(
                site="cheek", method="trichloroacetic_acid", strength="medium", needle_mm=1.5,
                device="pen", passes=3, view_um=1000.0),
            "microdermabrasion and 0.5 mm roller, back": dict(
                site="back", method="microdermabrasion", strength="superficial", needle_mm=0.5,
                device="roller", passes=15, view_um=1000.0),
        }

    def extra_html(self, state: dict) -> str:
        return ""

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        c = self._comparison(state)
        notes = []
        if c.punctured.status in STATUS:
            notes.append(STATUS[c.punctured.status])
        if c.removal.caveat:
            notes.append(c.removal.caveat)
        tail = f" Note: {'; '.join(notes)}." if notes else ""
        return (f"{cmp.sentence(c)} The figure shows the top {format_um(state['view_um'])}."
                f"{tail}")
