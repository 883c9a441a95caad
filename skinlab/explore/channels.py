"""The channel map: a device and a number of passes; one square centimetre from above with every
channel to scale; channels per cm² and the share of the surface punctured, with their ranges."""

from __future__ import annotations

from functools import lru_cache

from skinlab import microneedling as mn
from skinlab.draw import Caption, SurfaceView
from skinlab.draw.surface import MAX_DOTS
from skinlab.explore.base import Choice, Explorer, Number

STATUS_WORDS = {
    "measured": "",
    "estimated": "an estimate from the device's cited geometry",
    "assumption": "a course assumption: no source gives how fast a pen moves or how wide a strip "
                  "its cartridge covers",
    "placeholder": "a placeholder: no source gave a stamp's needle count or footprint",
}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        Choice("device", "Device", tuple((mn.device_label(d), d) for d in mn.devices()),
               "roller"),
        Number("passes", "Passes over the skin (passes)", "passes", 1, 30, 1, 15),
    )


def _pct(x: float) -> str:
    if x < 0.1:
        return f"{x * 100:.2f}%"
    return f"{x * 100:.0f}%"


def _pct_range(p: mn.Spread) -> str:
    return f"{_pct(p.low)} to {_pct(p.high)}"


class ChannelMapExplorer(Explorer):
    """Pick a device and a number of passes; see one square centimetre from above."""

    name = "channels"
    title = "Channel map: one square centimetre after a session, from above"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.1, 0.16, 0.5, 0.5 * 6.4 / 4.8 * 0.98))
        return {"surface": SurfaceView(ax),
                "heading": Caption(fig, 0.1, 0.9, overlay=True, linespacing=1.3)}

    def wire(self, state: dict) -> dict:
        n = mn.channel_density(state["device"], state["passes"])
        p = mn.punctured_fraction(state["device"], state["passes"])
        d = mn.surface_diameter_um(state["device"]).value
        count = round(n.value)
        # the words are in the sentence under the figure; the picture says only what it draws
        drawn = "" if count <= MAX_DOTS else f"{MAX_DOTS:,} of {count:,} drawn"
        device = mn.device_noun(state["device"]).capitalize()
        return {
            "surface": {"channels": count, "diameter_um": d, "seed": 3, "label": drawn},
            "heading": {"text": f"{device}, {state['passes']:.0f} passes: {count:,} channels of "
                                f"{d:.0f} µm, {_pct(p.value)} punctured"},
        }

    def alt(self, state: dict) -> str:
        n = mn.channel_density(state["device"], state["passes"])
        p = mn.punctured_fraction(state["device"], state["passes"])
        return (f"One square centimetre from above: about {n.value:.0f} channels, "
                f"{_pct(p.value)} of the surface punctured")

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
        d = mn.surface_diameter_um(device)
        label = mn.device_noun(device)
        verb = "pressed" if device == "stamp" else "passed"
        times = f"{passes:.0f} time{'s' if passes != 1 else ''}"
        rng = "" if round(n.low) == round(n.high) else f", {n.low:.0f} to {n.high:.0f}"
        why = STATUS_WORDS[n.status]
        dens = f"about {n.value:.0f} channels per cm²{rng} ({why})" if why else \
            f"about {n.value:.0f} channels per cm²{rng}"
        d_words = {"measured": "as measured for roller needles",
                   "estimated": "an estimate from the needle's width",
                   "assumption": "assumed as a roller's"}.get(d.status, d.status)
        check = ""
        if device == "roller" and passes == 15:
            check = (f" A study quoted about {mn.holes_after_15_passes().value:.0f} holes per "
                     f"cm² for 15 passes of such a roller.")
        return (f"A {label} {verb} over the skin {times} makes {dens}; with channels about "
                f"{d.value:.0f} µm wide at the surface ({d_words}), they puncture about "
                f"{_pct(p.value)} of the surface ({_pct_range(p)}). The rest of the surface is "
                f"untouched, and nothing is removed: each channel is a puncture.{check}")
