"""The healing timeline: days after one session, a needle length and a body site; the drawn skin
around one channel (drawn to the midpoint of the range the needle's tip reaches, the range as a
bracket; :func:`skinlab.microneedling.depth_reached`) shows the active phase (a clot only where
the channel reached the dermis, inflammatory cells, fibroblasts and new capillaries, new collagen
fibres), and a strip of the four phases on a piecewise day axis marks the day (where two phases
overlap, the strip splits the bar between their colours).
"""

from __future__ import annotations

from functools import lru_cache

from skinlab import anatomy, healing
from skinlab import microneedling as mn
from skinlab.draw import (Caption, CrossSection, Illustration, Stage, TimeAxis, TimelineStrip,
                          WoundResponse)
from skinlab.draw.healing import legend_handles
from skinlab.draw.tissue import width_for
from skinlab.explore.base import Explorer, Number
from skinlab.explore.controls import depth_range, site_choice
from skinlab.palette import PHASE_COLORS
from skinlab.text import clip, format_um

TIMELINE_RECT = (0.08, 0.095, 0.86, 0.075)
# the first day over a seventh of the strip, the first three weeks over half of it
AXIS = TimeAxis(365.0, "piecewise", ((0.25, 0.06), (1.0, 0.14), (3.0, 0.24), (4.0, 0.28),
                                     (21.0, 0.55)))
SHORT = {"haemostasis": "", "inflammation": "inflam.", "proliferation": "proliferation",
         "remodelling": "remodelling"}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        site_choice(),
        Number("needle_mm", "Needle length (mm)", "mm", 0.25, 3.0, 0.05, 1.5, readout=".2f"),
        Number("day", "Time after the session, log scale (days)", "days", 0.1, 365.0, 0.1,
               2.0, readout=".1f", log=True),
        depth_range(1000.0),
    )


@lru_cache(maxsize=1)
def latest_closure_hours() -> float:
    """The latest time any closure study reported its channels closed (hours)."""
    return max(c.closed.value for c in mn.curves())


@lru_cache(maxsize=1)
def _one_session_peak() -> float:
    c = healing.collagen(1)
    return float(max(c.iii.max(), c.i.max()))


def _placeholder_words(r: mn.Reach, site: str) -> str:
    """Words for the layers behind the sentence's depths whose thickness is a placeholder."""
    layers = anatomy.layers_at(site)
    used = [x for x in layers[:2]] + [x for x in layers[2:] if x.key in r.layers]
    shaky = [x.label for x in used if x.is_placeholder]
    if not shaky:
        return ""
    return f" (the {' and the '.join(shaky)}: placeholder)"


def _day_words(day: float) -> str:
    if day < 1:
        return f"At {day * 24:.0f} hours after the session"
    return f"Day {day:.0f}" if day >= 10 else f"Day {day:.1f}".replace(".0", "")


class HealingExplorer(Explorer):
    """Move through the year after one session and see what the skin does around a channel.

    Parameters
    ----------
    site : str, optional
        The body site (default ``"cheek"``), one of :func:`skinlab.anatomy.sites`.
    needle_mm : float, optional
        The needle's length, in millimetres (0.25 to 3; default 1.5).
    day : float, optional
        Days after the session, 0.1 to 365 (default 2; the slider moves on a log scale).
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
    >>> timeline = HealingExplorer()
    >>> say(timeline.describe(site="palm", needle_mm=0.25, day=2), width=80)
    Day 2, palm (top 1 mm shown), 0.25 mm needle: its tip ends between 46 µm and 250
    µm deep (stratum corneum to viable epidermis; drawn to the middle, the range
    bracketed); the dermis starts at 373 µm: across its range the tip stays in the
    epidermis and does not reach the dermis, whose papillary layer carries the small
    blood vessels, so no clot is drawn. The phase timings the course uses come from
    wounds that reach the dermis; it found no study of healing after channels
    confined to the epidermis, so no phase is drawn here.
    """

    name = "healing"
    title = "Healing timeline: what the skin does around a channel, day by day"

    @property
    def controls(self):
        return _controls()

    def _reach(self, state: dict) -> tuple[mn.Reach, float, bool]:
        """The tip's range, where the dermis starts, and whether the depth drawn (the range's
        midpoint) is in the dermis, so that the marks drawn follow the drawing."""
        r = mn.depth_reached(state["needle_mm"] * 1000.0, state["site"])
        top = anatomy.layers_at(state["site"])[1].bottom_um  # where the dermis starts
        return r, top, r.typical_um > top

    # -- drawing ------------------------------------------------------------------------
    def build(self, fig) -> dict:
        ax = fig.add_axes((0.10, 0.38, 0.36, 0.49))
        timeline = TimelineStrip(fig, TIMELINE_RECT, AXIS, "Days after the session (days)",
                                 fraction=0.23)
        fig.legend(handles=legend_handles(), loc="upper center", bbox_to_anchor=(0.5, 0.35),
                   ncol=3, fontsize=8, frameon=False)
        return {"tissue": Illustration(ax),
                "section": CrossSection(ax, anatomy.LAYERS, filled=False),
                "wound": WoundResponse(ax), "timeline": timeline, "today": timeline.marker,
                "heading": Caption(fig, 0.02, 0.895, overlay=True, linespacing=1.25)}

    def wire(self, state: dict) -> dict:
        site, view, day = state["site"], state["view_um"], state["day"]
        r, top, vessels = self._reach(state)
        layers = tuple(anatomy.layers_at(site))
        keys = {p.key for p in healing.active_phases(day)}
        iii, i = healing.collagen(1).at(day)
        peak = _one_session_peak()
        ax = self.fig.axes[0]
        # each phase drawn over its window and the gaps beside it, where it overlaps its
        # neighbour (healing.overlaps: both count as active there)
        stages = tuple(Stage(a, b - a, PHASE_COLORS[p.key], SHORT[p.key])
                       for p in healing.phases() for a, b in [healing.drawn_span(p.key)])
        act = healing.active_phases(day)
        names = " and ".join(p.label for p in act) or "no phase listed"
        if vessels:
            line2 = f"Active: {names}"
        elif r.high_um > top:
            line2 = "Drawn at the range's midpoint, in the epidermis: no clot drawn"
        else:
            line2 = "The tip's range stays in the epidermis: no vessel reached, no clot"
        return {
            "tissue": {"site": site, "view_um": view,
                       "boundaries": tuple(x.bottom_um for x in layers)},
            "section": {"layers": layers, "view_um": view},
            "wound": {"channel_um": r.typical_um, "low_um": r.low_um, "high_um": r.high_um,
                      "top_um": top, "view_um": view,
                      "span_um": width_for(ax, view),
                      "channel_width_um": mn.surface_diameter_um("roller").value,
                      "open": day * 24 <= latest_closure_hours(),
                      "clot": vessels and "haemostasis" in keys,
                      "inflammatory": vessels and "inflammation" in keys,
                      "fibroblasts": vessels and bool(keys & {"proliferation", "remodelling"}),
                      "vessels": vessels and "proliferation" in keys,
                      "collagen_iii": iii / peak if vessels else 0.0,
                      "collagen_i": i / peak if vessels else 0.0},
            "timeline": {"stages": stages,
                         "note": "Phases of wound healing (Landén 2016); split bars: two "
                                 "phases overlap"},
            "today": {"t": day},
            "heading": {"text": clip(f"{anatomy.site_label(site).capitalize()}, "
                                     f"{state['needle_mm']:.2f} mm needle: "
                                     f"{_day_words(day).lower()}", 70)
                                + "\n" + clip(line2, 75)},
        }

    def alt(self, state: dict) -> str:
        act = healing.active_phases(state["day"])
        names = " and ".join(p.label for p in act) or "no phase listed"
        return (f"A channel in the {anatomy.site_label(state['site'])} "
                f"{_day_words(state['day']).lower()}: {names}")

    def examples(self) -> dict[str, dict]:
        return {
            "cheek, 1.5 mm, 3 hours: haemostasis": dict(site="cheek", needle_mm=1.5, day=0.125),
            "cheek, 1.5 mm, day 2: inflammation": dict(site="cheek", needle_mm=1.5, day=2.0),
            "cheek, 1.5 mm, day 10: proliferation": dict(site="cheek", needle_mm=1.5,
                                                         day=10.0),
            "cheek, 1.5 mm, day 180: remodelling": dict(site="cheek", needle_mm=1.5,
                                                        day=180.0),
            "palm, 0.25 mm, day 2: the tip's range stays in the epidermis": dict(
                site="palm", needle_mm=0.25, day=2.0),
            "palm, 0.5 mm, day 2: the dermis only at the deep end": dict(
                site="palm", needle_mm=0.5, day=2.0),
        }

    # -- words --------------------------------------------------------------------------
    def sentence(self, state: dict) -> str:
        day = state["day"]
        r, top, vessels = self._reach(state)
        site = anatomy.site_label(state["site"])
        head = (f"{_day_words(day)}, {site} (top {format_um(state['view_um'])} shown), "
                f"{state['needle_mm']:.2f} mm needle: its tip ends between "
                f"{format_um(r.low_um)} and {format_um(r.high_um)} deep ({r.label}; drawn to "
                f"the middle, the range bracketed); the dermis starts at "
                f"{format_um(top)}"
                f"{_placeholder_words(r, state['site'])}")
        no_phase = ("The phase timings the course uses come from wounds that reach the dermis; "
                    "it found no study of healing after channels confined to the epidermis")
        if r.high_um <= top:
            return (f"{head}: across its range the tip stays in the epidermis and does not reach "
                    f"the dermis, whose papillary layer carries the small blood vessels, so no "
                    f"clot is drawn. {no_phase}, so no phase is drawn here.")
        if not vessels:
            return (f"{head}: only at the deep end of its range does the tip reach the dermis, "
                    f"whose papillary layer carries the small blood vessels; at the midpoint "
                    f"drawn it stays in the epidermis, so no clot is drawn. {no_phase}, so no "
                    f"phase is drawn here.")
        shallow = ""
        if r.low_um <= top:
            shallow = (" At the shallow end of the range the tip stays in the epidermis, where "
                       "no vessel is reached and no clot forms.")
        act = healing.active_phases(day)
        if not act:
            return (f"{head}: past the last phase's window in Landén 2016 (21 days to 1 year); "
                    f"another review gives remodelling up to 2 years.")
        parts = []
        for p in act:
            sig = f"; signals: {', '.join(p.signals)}" if p.signals else ""
            parts.append(f"{p.label} ({p.window}, Landén 2016): {', '.join(p.cells)}{sig}")
        both = " The two phases overlap here." if len(act) == 2 else ""
        extra = ""
        if day <= healing.tgfb3_days().value and any(p.key in ("inflammation", "proliferation")
                                                     for p in act):
            extra = (f" In rats, needling raised TGF-β3 for "
                     f"{healing.tgfb3_days().value:.0f} days (Aust 2010): "
                     f"{healing.tgfb3_isoform().text}.")
        if "remodelling" in {p.key for p in act}:
            kind = healing.dominant_type(day, 1)
            extra += (f" In the teaching model (arbitrary units) the new collagen is mostly "
                      f"type {kind} now.")
        return f"{head}: {'. '.join(parts)}.{both}{extra}{shallow}"

