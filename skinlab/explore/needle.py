"""The needle explorer: a needle's length, a device and a body site; the drawn skin to scale, the
needle as far in as it goes ("dimple, then pierce": the inserted part below a dimpled surface, the
rest above it, the tip at the middle of the in-skin studies' range, the range as a bracket), and
the layers that range spans, named.
"""

from __future__ import annotations

import html
from functools import lru_cache

from skinlab import anatomy
from skinlab import microneedling as mn
from skinlab.data import cite_link
from skinlab.draw import Caption, CrossSection, Illustration, NeedleReach
from skinlab.draw.tissue import width_for
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import (HEADING_Y, SECTION_LEFT, depth_range, section_axes,
                                      site_choice)
from skinlab.text import format_um, span

# the section below the surface, and a strip above it for the part of the needle still out
SECTION = section_axes(0.06, 0.56)
ABOVE = section_axes(0.62, 0.24)

# each in-skin study's end, in a few words (the full story: extra_html)
ENDS = {
    "kalluri2011": "a channel after withdrawal in rats",
    "donnelly2011": "the needle imaged in place in people",
    "sasaki2019": ("channels that closely approximated the settings in one donor's excised "
                   "facial skin"),
}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Choice("device", "Device", tuple((mn.device_label(d), d) for d in mn.devices()),
               "roller"),
        Number("needle_mm", "Needle length (mm)", "mm", 0.1, 3.0, 0.05, 0.5, readout=".2f"),
        depth_range(1000.0),
    )


SHORT = {"tip": "needle in place", "channel": "channel after withdrawal"}


def _end_words(study: mn.Study) -> str:
    return ENDS.get(study.key, f"{mn.QUANTITIES[study.quantity]} ({study.medium})")


def _ends() -> tuple[mn.Study, mn.Study]:
    """The studies that set the shallow and the deep end of the range."""
    ss = mn.studies()
    return (min(ss, key=lambda s: s.fraction.low), max(ss, key=lambda s: s.fraction.high))


def _layer_words(x: anatomy.Layer | None) -> str:
    return f"the {x.label}" if x is not None else "below the modelled skin"


def _span_words(r: mn.Reach) -> str:
    """'from the papillary dermis to the reticular dermis', or 'in the reticular dermis'."""
    lo, hi = _layer_words(r.low_layer), _layer_words(r.high_layer)
    return f"in {lo}" if lo == hi else f"from {lo} to {hi}"


def _device_note(device: str, needle_um: float) -> str:
    lengths = mn.device_value(device, "lengths")
    if lengths.low <= needle_um <= lengths.high:
        return ""
    if mn.device_kind(device) == "pen":  # a pen sets how far its needles stick out
        return (f" This pen's needle protrusion, in the course's sources, is set between "
                f"{format_um(lengths.low)} and {format_um(lengths.high)}.")
    return (f" This {mn.device_noun(device)}'s needles, in the course's "
            f"sources, run from {format_um(lengths.low)} to {format_um(lengths.high)}.")


def _pct(f: float) -> str:
    return f"{f * 100:.0f}%"


class NeedleExplorer(Explorer):
    """Pick a needle length, a device and a body site; see how deep the needle goes.

    Parameters
    ----------
    site : str, optional
        The body site (default ``"cheek"``), one of :func:`skinlab.anatomy.sites`.
    device : str, optional
        ``"roller"`` (the default), ``"stamp"`` or ``"pen"``.
    needle_mm : float, optional
        The needle's length, in millimetres (0.1 to 3; default 0.5).
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
    >>> needle = NeedleExplorer()
    >>> say(needle.describe(site="palm", device="roller", needle_mm=0.5), width=80)
    On the palm, top 1 mm shown: a 0.50 mm roller needle goes in somewhere between
    93 µm and 500 µm (estimated from in-skin studies: shallow end, a channel after
    withdrawal in rats; deep end, channels that closely approximated the settings in
    ...
    """

    name = "needle"
    title = "Needle explorer: how deep a microneedle goes, and into which layer"

    @property
    def controls(self):
        return _controls()

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes(SECTION)
        above = fig.add_axes(ABOVE)  # air over the skin: the part of the needle still out
        return {"tissue": Illustration(ax),
                "section": CrossSection(ax, anatomy.LAYERS, filled=False),
                "needle": NeedleReach(ax, above),
                "heading": Caption(fig, SECTION_LEFT, HEADING_Y, overlay=True, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        site, view = state["site"], state["view_um"]
        length = state["needle_mm"] * 1000.0
        r = mn.depth_reached(length, site)
        layers = tuple(anatomy.layers_at(site))
        ax = self.fig.axes[0]
        same = (r.channel_low_um, r.channel_high_um) == (r.low_um, r.high_um)
        return {
            "tissue": {"site": site, "view_um": view,
                       "boundaries": tuple(x.bottom_um for x in layers)},
            "section": {"layers": layers, "view_um": view},
            "needle": {"needle_um": length,
                       "needle_width_um": mn.device_value(state["device"],
                                                          "needle_diameter").value,
                       "tip_um": r.typical_um, "spread": (r.low_um, r.high_um),
                       "channel": None if same else (r.channel_low_um, r.channel_high_um),
                       "span_um": width_for(ax, view), "view_um": view,
                       "above_um": view * ABOVE[3] / SECTION[3],
                       "needle_label": f"{state['needle_mm']:.2f} mm needle: "
                                       f"{format_um(length - r.typical_um)} still out",
                       "range_label": f"tip: {span(r.low_um, r.high_um)}\n"
                                      f"drawn at the middle"},
            "heading": {"text": f"{anatomy.site_label(site).capitalize()}, "
                                f"{state['needle_mm']:.2f} mm needle: the tip ends somewhere\n"
                                f"{_span_words(r)}"},
        }

    def alt(self, state: dict) -> str:
        r = mn.depth_reached(state["needle_mm"] * 1000.0, state["site"])
        return (f"A {state['needle_mm']:.2f} mm needle on the {anatomy.site_label(r.site)}, "
                f"drawn in to the middle of {span(r.low_um, r.high_um)}: {r.label}")

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
        """Each in-skin study (species, medium, what was measured), and the study kept apart."""
        def cited(key: str) -> str:
            name, href = cite_link(key)
            return f"<a href='{html.escape(href, quote=True)}'>{html.escape(name)}</a>"

        def share(s: mn.Study) -> str:
            f = s.fraction
            rng = "" if f.low == f.high else f" ({_pct(f.low)} to {_pct(f.high)})"
            return f"about {_pct(f.value)} of the length{rng}"

        rows = "".join(
            f"<li><strong>{html.escape(SHORT[s.quantity])}</strong>, {html.escape(s.label)}: "
            f"{share(s)}. Species: {html.escape(s.species)}; in {html.escape(s.medium)}; "
            f"measured: {html.escape(s.measured)}. "
            f"{html.escape(s.fraction.method)} ({cited(s.fraction.sources[0])})</li>"
            for s in mn.studies())
        kept = "".join(
            f"<li>{html.escape(s.label)}: {share(s)}, in two skin models the abstract does not "
            f"name: not used ({cited(s.fraction.sources[0])})</li>" for s in mn.apart())
        return (
            "<div class='skinlab-info'><details><summary><strong>Where the range comes "
            "from</strong> (depth as a share of needle length)</summary>"
            f"<p>The studies that measured it in skin (living or excised, human or animal):</p>"
            f"<ul>{rows}</ul>"
            "<p>Two different things were measured: where the tip ends, with the needle in "
            "place, and the channel left after the needle was withdrawn. The tissue springs "
            "back, so a channel is a lower bound for where the tip went. The shallowest reading "
            "sets the range's shallow end and the deepest its deep end; the drawing puts the tip "
            "at the middle of the range, which is only its middle, not a most likely value.</p>"
            f"<p>Kept apart:</p><ul>{kept}</ul></details></div>")

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        length = state["needle_mm"] * 1000.0
        r = mn.depth_reached(length, state["site"])
        site = anatomy.site_label(r.site)
        device = mn.device_noun(state["device"])
        shallow, deep = _ends()
        middle = [s for s in mn.studies() if s not in (shallow, deep)]
        between = "".join(f"; {_end_words(s)}: {_pct(s.fraction.value)}" for s in middle)
        head = (f"On the {site}, top {format_um(state['view_um'])} shown: a "
                f"{state['needle_mm']:.2f} mm {device} needle goes in somewhere between "
                f"{format_um(r.low_um)} and {format_um(r.high_um)} (estimated from in-skin "
                f"studies: shallow end, {_end_words(shallow)}; deep end, {_end_words(deep)}"
                f"{between})")
        lo, hi = _layer_words(r.low_layer), _layer_words(r.high_layer)
        if r.high_layer is None:
            last = anatomy.layers_at(r.site)[-1]
            hi = (f"{anatomy.beneath(r.site)}, past the modelled skin, which ends "
                  f"{format_um(last.bottom_um)} down"
                  + (" (placeholder)" if last.is_placeholder else ""))
        if lo == hi:
            where = f"so the tip ends in {lo} across the whole range"
        else:
            where = f"so the tip ends somewhere from {lo} to {hi}"
        if any(x is not None and x.is_placeholder for x in (r.low_layer, r.high_layer)):
            where += " (a placeholder thickness)"
        drawn = f"The drawing shows the middle of that range, {format_um(r.typical_um)}."
        extra = ""
        if (r.channel_low_um, r.channel_high_um) != (r.low_um, r.high_um):
            extra += (f" The channel left after withdrawal, which a product meets, runs "
                      f"{span(r.channel_low_um, r.channel_high_um)}.")
        if r.extrapolated:
            lo_um, hi_um = r.studied_um
            extra += (f" Extrapolated: the studies used needles of {format_um(lo_um)} to "
                      f"{format_um(hi_um)}.")
        extra += _device_note(state["device"], length)
        if r.caveat:
            extra += f" Caveat: {r.caveat}."
        return (f"{head}, {where}. {drawn} It punctures the skin and removes no tissue.{extra}")
