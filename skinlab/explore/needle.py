"""The needle explorer: a needle's length, a device and a body site; the drawn skin to scale, the
needle at its length, the channel to the depth it reaches, the studies' spread, the layer named.
"""

from __future__ import annotations

import html
from functools import lru_cache

from skinlab import anatomy
from skinlab import microneedling as mn
from skinlab.draw import Caption, CrossSection, Illustration, NeedleReach
from skinlab.draw.tissue import width_for
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import depth_range, site_choice
from skinlab.text import format_um, span


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Choice("device", "Device", tuple((mn.device_label(d), d) for d in mn.devices()),
               "roller"),
        Number("needle_mm", "Needle length (mm)", "mm", 0.1, 3.0, 0.05, 0.5, readout=".2f"),
        depth_range(1000.0),
    )


def _where(layer: anatomy.Layer) -> str:
    if layer.top_um == 0:
        return f"from the surface to {format_um(layer.bottom_um)}"
    return f"{format_um(layer.top_um)} to {format_um(layer.bottom_um)} below the surface"


def _device_note(device: str, needle_um: float) -> str:
    lengths = mn.device_value(device, "lengths")
    if lengths.low <= needle_um <= lengths.high:
        return ""
    return (f" This {mn.device_noun(device)}'s needles, in the course's "
            f"sources, run from {format_um(lengths.low)} to {format_um(lengths.high)}.")


class NeedleExplorer(Explorer):
    """Pick a needle length, a device and a body site; see how deep the needle goes."""

    name = "needle"
    title = "Needle explorer: how deep a microneedle goes, and into which layer"

    @property
    def controls(self):
        return _controls()

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes((0.13, 0.06, 0.45, 0.84))  # as the layer explorer: shared pictures
        return {"tissue": Illustration(ax),
                "section": CrossSection(ax, anatomy.LAYERS, filled=False),
                "needle": NeedleReach(ax),
                "heading": Caption(fig, 0.13, 0.915, overlay=True, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        site, view = state["site"], state["view_um"]
        length = state["needle_mm"] * 1000.0
        r = mn.depth_reached(length, site)
        layers = tuple(anatomy.layers_at(site))
        ax = self.fig.axes[0]
        return {
            "tissue": {"site": site, "view_um": view,
                       "boundaries": tuple(x.bottom_um for x in layers)},
            "section": {"layers": layers, "view_um": view},
            "needle": {"needle_um": length,
                       "needle_width_um": mn.device_value(state["device"],
                                                          "needle_diameter").value,
                       "channel_um": r.typical_um, "spread": (r.low_um, r.high_um),
                       "channel_width_um": mn.surface_diameter_um(state["device"]).value,
                       "span_um": width_for(ax, view), "view_um": view,
                       "needle_label": f"needle {state['needle_mm']:.2f} mm",
                       "channel_label": f"channel: about {format_um(r.typical_um)}"},
            "heading": {"text": f"{anatomy.site_label(site).capitalize()}: the tip ends in the "
                                f"{r.label}"[:60]},
        }

    def alt(self, state: dict) -> str:
        r = mn.depth_reached(state["needle_mm"] * 1000.0, state["site"])
        return (f"A {state['needle_mm']:.2f} mm needle on the {anatomy.site_label(r.site)}: "
                f"about {format_um(r.typical_um)} deep, in the {r.label}")[:150]

    def examples(self) -> dict[str, dict]:
        return {
            "0.5 mm roller, cheek": dict(site="cheek", device="roller", needle_mm=0.5),
            "1.0 mm roller, cheek": dict(site="cheek", device="roller", needle_mm=1.0),
            "0.25 mm roller, cheek (a home length)": dict(site="cheek", device="roller",
                                                          needle_mm=0.25, view_um=1000.0),
            "1.5 mm pen, forearm": dict(site="forearm", device="pen", needle_mm=1.5,
                                        view_um=5000.0),
            "1.0 mm roller, eyelid": dict(site="eyelid", device="roller", needle_mm=1.0),
            "2.5 mm pen, eyelid (past the modelled tissue)": dict(
                site="eyelid", device="pen", needle_mm=2.5, view_um=5000.0),
            "0.5 mm roller, palm": dict(site="palm", device="roller", needle_mm=0.5),
        }

    def extra_html(self, state: dict) -> str:
        """What the studies measured, each in a line."""
        rows = "".join(f"<li>{html.escape(s.label)}: about {s.fraction.value:.0%} of the "
                       f"length; measured: {html.escape(s.measured)}</li>" for s in mn.studies())
        return (f"<div class='skinlab-info'><p><strong>What the studies measured</strong> "
                f"(depth as a share of needle length):</p><ul>{rows}</ul></div>")

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        length = state["needle_mm"] * 1000.0
        r = mn.depth_reached(length, state["site"])
        site = anatomy.site_label(r.site)
        device = mn.device_noun(state["device"])
        head = (f"On the {site}, top {format_um(state['view_um'])} shown: a "
                f"{state['needle_mm']:.2f} mm {device} needle goes in about "
                f"{format_um(r.typical_um)} (a course assumption: the middle of the studies' "
                f"spread, {span(r.low_um, r.high_um)})")
        if r.layer is not None:
            tip = f"the tip ends in the {r.layer.label}, which lies {_where(r.layer)}"
            if r.layer.is_placeholder:
                tip += " (a placeholder: not measured)"
        else:
            tip = f"the tip ends past the modelled skin, in {r.beyond}"
        def words(x: anatomy.Layer | None) -> str:
            return f"the {x.label}" if x is not None else "below the modelled skin"

        across = ""
        if words(r.low_layer) != words(r.high_layer):
            across = (f"; across the spread, from {words(r.low_layer)} to "
                      f"{words(r.high_layer)}")
        extra = ""
        if r.extrapolated:
            lo, hi = r.studied_um
            extra += (f" Extrapolated: the studies used needles of {format_um(lo)} to "
                      f"{format_um(hi)}.")
        extra += _device_note(state["device"], length)
        if r.caveat:
            extra += f" Caveat: {r.caveat}."
        return (f"{head}: {tip}{across}. It punctures the skin and removes no tissue.{extra}")
