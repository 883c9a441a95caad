"""The channel map: a device and a number of passes; one square centimetre from above with every
channel to scale; channels per cm² and the share of the surface punctured, with their ranges.

Only the roller's are known from sources. A pen's and a stamp's are not known (no source gives how
fast a pen is moved or the width of skin its cartridge covers; none gives a stamp's needle count or
footprint): the map then draws no channels, an empty square marked "not known", and the sentence
says why and what is known (a pen's needle strikes per second)."""

from __future__ import annotations

from functools import lru_cache

from skinlab import microneedling as mn
from skinlab.draw import Caption, SurfaceView
from skinlab.draw.surface import MAX_DOTS
from skinlab.data import cite
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.explore.controls import ASPECT
from skinlab.text import span

STATUS_WORDS = {
    "measured": "",
    "estimated": "an estimate from the device's cited geometry",
}
# why a device's channels per cm² are not known, by kind of device
WHY_NOT_KNOWN = {
    "pen": "no source gives how fast a pen is moved over the skin or the width of skin its "
           "cartridge covers",
    "stamp": "no source the course found gives a stamp's needle count or footprint",
}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        Choice("device", "Device", tuple((mn.device_label(d), d) for d in mn.devices()),
               "roller"),
        Number("passes", "Passes over the skin", "passes", 1, 30, 1, 15),
    )


def _pct(x: float) -> str:
    if x < 0.1:
        return f"{x * 100:.2f}%"
    return f"{x * 100:.0f}%"


def _pct_range(p: mn.Spread) -> str:
    return f"{_pct(p.low)} to {_pct(p.high)}" if _pct(p.low) != _pct(p.high) else _pct(p.value)


class ChannelMapExplorer(Explorer):
    """Pick a device and a number of passes; see one square centimetre from above.

    Parameters
    ----------
    device : str, optional
        ``"roller"`` (the default), ``"stamp"`` or ``"pen"``.
    passes : float, optional
        Passes over the skin, 1 to 30 (default 15).

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> channels = ChannelMapExplorer()
    >>> say(channels.describe(device="roller", passes=15), width=80)
    A roller passed over the skin 15 times makes about 229 channels per cm² (an
    estimate from the device's cited geometry); with channels 61 µm to 81 µm wide at
    the surface (as measured for roller needles in rats), they puncture 0.66% to
    1.16% of the surface. The rest of the surface is untouched, and nothing is
    removed: each channel is a puncture. A study quoted about 250 holes per cm² for
    15 passes of such a roller.
    """

    name = "channels"
    title = "Channel map: one square centimetre after a session, from above"

    @property
    def controls(self):
        return _controls()

    def _build(self, fig) -> dict:
        ax = fig.add_axes((0.1, 0.16, 0.5, 0.5 * ASPECT * 0.98))  # near square
        return {"surface": SurfaceView(ax, scale_bar=True),
                "heading": Caption(fig, 0.1, 0.9, overlay=True, linespacing=1.3)}

    def build(self, fig) -> dict:
        parts = self._build(fig)
        parts["unknown"] = Caption(fig, 0.27, 0.47, fontsize=14, fontweight="bold")
        return parts

    def wire(self, state: dict) -> dict:
        device = state["device"]
        n = mn.channel_density(device, state["passes"])
        p = mn.punctured_fraction(device, state["passes"])
        name = mn.device_noun(device).capitalize()
        if n is None or p is None:
            return {
                "surface": {"channels": 0, "diameter_um": 0.0, "seed": 3,
                            "label": "channels per cm² not known: none drawn"},
                "heading": {"text": f"{name}, {state['passes']:.0f} "
                                    f"{'presses' if device == 'stamp' else 'passes'}: "
                                    f"channels and share punctured not known"},
                "unknown": {"text": "not known"},
            }
        d = mn.surface_diameter_um(device).value
        count = round(n.value)
        # the words are in the sentence under the figure; the picture says only what it draws
        drawn = "" if count <= MAX_DOTS else f"{MAX_DOTS:,} of {count:,} drawn"
        return {
            "surface": {"channels": count, "diameter_um": d, "seed": 3, "label": drawn},
            "heading": {"text": f"{name}, {state['passes']:.0f} passes: about {count:,} channels "
                                f"of {d:.0f} µm, {_pct_range(p)} punctured"},
            "unknown": {"text": ""},
        }

    def alt(self, state: dict) -> str:
        n = mn.channel_density(state["device"], state["passes"])
        p = mn.punctured_fraction(state["device"], state["passes"])
        if n is None or p is None:
            return (f"One square centimetre from above, empty: a {mn.device_noun(state['device'])}"
                    f"'s channels per cm² are not known, so none are drawn")
        d = mn.surface_diameter_um(state["device"]).value
        return (f"One square centimetre from above, 1 mm scale bar: about {n.value:.0f} channels "
                f"drawn to scale ({d:.0f} µm), {_pct_range(p)} of the surface punctured")

    def examples(self) -> dict[str, dict]:
        return {
            "roller, 15 passes": dict(device="roller", passes=15),
            "roller, 1 pass": dict(device="roller", passes=1),
            "pen, 3 passes": dict(device="pen", passes=3),
            "stamp, 5 presses": dict(device="stamp", passes=5),
        }

    def sentence(self, state: dict) -> str:
        device = state["device"]
        passes = state["passes"]
        n = mn.channel_density(device, passes)
        p = mn.punctured_fraction(device, passes)
        label = mn.device_noun(device)
        verb = "pressed on" if device == "stamp" else "passed over"
        times = "once" if passes == 1 else f"{passes:.0f} times"
        if n is None or p is None:
            kind = "pen" if mn.strikes_per_second(device) is not None else "stamp"
            known = ""
            s = mn.strikes_per_second(device)
            if s is not None:
                needles = mn.device_value(device, "needles")
                rate = mn.device_value(device, "stroke_rate")
                known = (f" What is known: its {needles.value:.0f} needles strike the skin "
                         f"{s.low:.0f} to {s.high:.0f} times a second in all ({rate.low:.0f} to "
                         f"{rate.high:.0f} strokes a second, from its "
                         f"{cite(rate.sources[0], short=True).rsplit(' ', 1)[0]} summary); how "
                         f"many land on each square centimetre depends on how it is moved.")
            return (f"A {label} {verb} the skin {times}: how many channels it makes per "
                    f"cm² and the share of the surface it punctures are not known, because "
                    f"{WHY_NOT_KNOWN[kind]}, so none are drawn.{known} Whatever the number, "
                    f"nothing is removed: each channel is a puncture.")
        d = mn.surface_diameter_um(device)
        rng = "" if round(n.low) == round(n.high) else f", {n.low:.0f} to {n.high:.0f}"
        why = STATUS_WORDS.get(n.status, n.status)
        dens = f"about {n.value:.0f} channels per cm²{rng} ({why})" if why else \
            f"about {n.value:.0f} channels per cm²{rng}"
        d_words = {"measured": "as measured for roller needles in rats",
                   "estimated": "an estimate from the needle's width"}.get(d.status, d.status)
        check = ""
        if device == "roller" and passes == 15:
            check = (f" A study quoted about {mn.holes_after_15_passes().value:.0f} holes per "
                     f"cm² for 15 passes of such a roller.")
        return (f"A {label} {verb} the skin {times} makes {dens}; with channels "
                f"{span(d.low, d.high)} wide at the surface ({d_words}), they puncture "
                f"{_pct_range(p)} of the surface. The rest of the surface is untouched, and "
                f"nothing is removed: each channel is a puncture.{check}")
