"""Side by side: one body site, one exfoliation method, one microneedling setting.

Left, the same drawn skin twice on one depth axis: the exfoliant's removed band (the reach
overlay of notebook 02) and the needle, drawn as far in as it goes: its tip at the midpoint of
the range the in-skin studies give, below a dimpled surface, the rest of it above the surface,
and the range as a bracket. Right, one square centimetre from above for each: the exfoliant acts
on all of it, the needle punctures a share that depends on the device and the passes (the
surface view of notebook 03), or, where no source lets the course compute it (a pen, a stamp),
the square says "not known" and shows no channels. The numbers come from
:mod:`skinlab.compare`; the components are the same ones, not copies.
"""

from __future__ import annotations

from functools import lru_cache

from skinlab import anatomy, exfoliation
from skinlab import compare as cmp
from skinlab import microneedling as mn
from skinlab.draw import Caption, CrossSection, Illustration, NeedleChannels, ReachOverlay, \
    SurfaceView
from skinlab.draw.overlays import AxesNote
from skinlab.draw.surface import MAX_DOTS
from skinlab.draw.tissue import width_for
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import (ASPECT, depth_range, site_choice, strength_follows_method,
                                      strength_options)
from skinlab.text import format_um

# Why a device's share of the surface is not known (the sentence's note).
UNKNOWN = {"pen": "no source gives a pen's glide speed or how wide a strip it covers",
           "stamp": "no source the course found gives a stamp's needle count or footprint"}
HEADROOM = 0.085  # figure height above the sections for the needle's part above the surface
LABEL_X = 1.12  # where the right section's layer labels start (axes fraction): clear of it


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
        Number("passes", "Passes over the skin", "passes", 1, 30, 1, 15),
        depth_range(1000.0),
    )


class CompareExplorer(Explorer):
    """An exfoliant and a needle at one body site, side by side (the strength follows the
    method as in the exfoliation explorer).

    Parameters
    ----------
    site : str, optional
        The body site (default ``"cheek"``), one of :func:`skinlab.anatomy.sites`.
    method : str, optional
        The exfoliation method (default ``"glycolic_acid"``), one of
        :func:`skinlab.exfoliation.methods`.
    strength : str, optional
        One of the method's strengths (default ``"superficial"``).
    needle_mm : float, optional
        The needle's length, in millimetres (0.1 to 3; default 0.5).
    device : str, optional
        ``"roller"`` (the default), ``"stamp"`` or ``"pen"``.
    passes : float, optional
        Passes of the device over the skin, 1 to 30 (default 15).
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
    >>> side = CompareExplorer()
    >>> say(side.describe(site="cheek", method="glycolic_acid", strength="home", needle_mm=0.25,
    ...                   device="roller", passes=1), width=80)
    On the cheek: glycolic acid (AHA), 10% home product, acts on 100% of the surface
    it is put on and loosens cells of the stratum corneum so that they shed, at most
    17 µm down; a 0.25 mm roller passed over the skin once punctures 0.04% to 0.08%
    of the surface, each needle's tip ending between 46 µm and 250 µm deep (from the
    ...
    """

    name = "compare"
    title = "Side by side: what an exfoliant and a needle do to the same skin"

    @property
    def controls(self):
        return _controls()

    def clean(self, **state) -> dict:
        """As the base, and the strength must be one the method offers
        (:func:`skinlab.explore.controls.strength_follows_method`)."""
        return strength_follows_method(state, super().clean(**state))

    def adjust(self, state: dict) -> dict:
        return strength_options(state)

    def _comparison(self, state: dict) -> cmp.Comparison:
        return cmp.compare(state["site"], state["method"], state["strength"],
                           state["needle_mm"], state["device"], state["passes"])

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        side = 0.16  # the squares' width (figure fraction); their height keeps them square
        sq = 0.805  # the squares' left edge: right of the layer labels
        tall = side * ASPECT  # square on the page
        # the sections leave room above them for the part of a needle not in the skin
        left = fig.add_axes((0.12, 0.08, 0.13, 0.74 - HEADROOM))
        right = fig.add_axes((0.265, 0.08, 0.13, 0.74 - HEADROOM), sharey=left)
        right.tick_params(labelleft=False)
        top = fig.add_axes((sq, 0.56, side, tall))
        bottom = fig.add_axes((sq, 0.1, side, tall))
        # Only what a slider (needle length, passes) moves is an overlay, redrawn on every
        # frame: the needle, its dimple and bracket, the squares, their notes and captions.
        # The exfoliant's band and the heading change with the drop-downs only, and are drawn
        # into the cached picture.
        reach = ReachOverlay(left)
        reach.overlay = False
        return {"tissue_a": Illustration(left),
                "section_a": CrossSection(left, anatomy.LAYERS, filled=False, labels=False),
                "reach": reach,
                "tissue_b": Illustration(right),
                # the labels start clear of the needle's section and break "(continues)" onto
                # a line of its own, so they end before the squares on the right
                "section_b": CrossSection(right, anatomy.LAYERS, filled=False,
                                          label_x=LABEL_X, narrow=True, wrap=35),
                "needles": NeedleChannels(right),
                "surface_a": SurfaceView(top, compact=True),
                "surface_b": SurfaceView(bottom, compact=True),
                "unknown_b": AxesNote(bottom),
                "heading": Caption(fig, 0.12, 0.895, linespacing=1.3),
                "label_a": Caption(fig, 0.12, 0.835, fontsize=9),
                "label_b": Caption(fig, 0.265, 0.835, overlay=True, fontsize=9),
                "label_top": Caption(fig, sq, 0.56 + tall + 0.015, fontsize=9),
                "label_bottom": Caption(fig, sq, 0.1 + tall + 0.015, overlay=True,
                                        fontsize=9)}

    def wire(self, state: dict) -> dict:
        c = self._comparison(state)
        r = c.removal
        view = state["view_um"]
        layers = tuple(anatomy.layers_at(c.site))
        tissue = {"site": c.site, "view_um": view, "boundaries": tuple(x.bottom_um for x in layers)}
        # what lies under the deepest layer: short words, for sections this narrow
        section = {"layers": layers, "view_um": view, "below": "not modelled"}
        right = self.fig.axes[1]
        count = 0 if c.channels is None else round(c.channels.value)
        d = mn.surface_diameter_um(c.device).value
        box = right.get_position()
        headroom = view * HEADROOM / box.height
        return {
            "tissue_a": tissue, "section_a": section, "tissue_b": tissue, "section_b": section,
            "reach": {"removed_um": r.top_um, "band": (r.top_um, r.bottom_um),
                      "level_um": r.bottom_um, "view_um": view,
                      "label": f"{format_um(r.bottom_um)}"},
            "needles": {"reach_um": c.needle_depth_um,
                        "range_um": (c.needle_low_um, c.needle_high_um),
                        "length_um": c.needle_um, "headroom_um": headroom, "width_um": d,
                        "count": 1, "span_um": width_for(right, view), "view_um": view,
                        "needles": True,
                        "label": f"tip {cmp.depth_dash(c.reach.low_um, c.reach.high_um)}"},
            "surface_a": {"channels": 0, "treated": cmp.EXFOLIANT_SHARE, "label": ""},
            "surface_b": {"channels": count, "diameter_um": d, "seed": 3,
                          "label": "" if count <= MAX_DOTS else f"{MAX_DOTS:,} of {count:,} drawn"},
            "unknown_b": {"text": "" if c.share_known else "share\nnot known"},
            "heading": {"text": f"{anatomy.site_label(c.site).capitalize()}, to scale. Left: "
                                f"{exfoliation.method_label(r.method)}, "
                                f"{r.strength.replace('_', ' ')}."},
            "label_a": {"text": "exfoliant"},
            "label_b": {"text": f"{c.needle_um / 1000:.2f} mm {mn.device_noun(c.device)}"},
            "label_top": {"text": f"exfoliant:\n{cmp.percent(c.exfoliant_share)} treated"},
            "label_bottom": {"text": f"needle, {c.passes:.0f} pass{'es' if c.passes != 1 else ''}:"
                                     f"\n{self._share(c)}"},
        }

    @staticmethod
    def _share(c: cmp.Comparison) -> str:
        if c.punctured is None:
            return "share punctured:\nnot known"
        return f"{cmp.share_span(c.punctured.low, c.punctured.high)}\npunctured"

    def alt(self, state: dict) -> str:
        c = self._comparison(state)
        share = ("a share not known" if c.punctured is None else
                 cmp.share_span(c.punctured.low, c.punctured.high))
        return (f"{anatomy.site_label(c.site).capitalize()}: exfoliant to "
                f"{format_um(c.exfoliant_depth_um)} over all the surface; needle tip "
                f"{cmp.depth_span(c.reach)} deep over {share}")

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

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        c = self._comparison(state)
        notes = []
        if c.punctured is None and c.device in UNKNOWN:
            notes.append(UNKNOWN[c.device])
        if c.reach.extrapolated:
            lo, hi = c.reach.studied_um
            notes.append(f"extrapolated: the in-skin studies used {lo / 1000:g} to "
                         f"{hi / 1000:g} mm needles")
        if c.reach.caveat:
            notes.append(c.reach.caveat)
        if c.removal.caveat:
            notes.append(c.removal.caveat)
        tail = f" Note: {'; '.join(notes)}." if notes else ""
        return (f"{cmp.sentence(c)} The figure shows the top {format_um(state['view_um'])}."
                f"{tail}")
