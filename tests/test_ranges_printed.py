"""Numbers the notebooks print from a model are printed as ranges, and those ranges contain the
model's value recomputed at the ends of its inputs (issue 21, "Keys that hold").

For each range a notebook prints (a needle's tip and channel at a site, a roller's share of the
surface, the permeation model's amount with a treatment), every data value the number reads is
moved to its low and then its high end (:func:`skinlab.data.perturbed`, one at a time), and the
number is recomputed: it must lie inside the printed range (rounding allowed for). The printed
ranges are read from the explorers' sentences, so a sentence that prints a point, or a range built
from the wrong ends, fails here.

The permeation model's printed range covers the treatment's inputs (how much of the surface is
punctured, how fast the channels close, how deep they go), so its check moves the values of
``microneedling.yaml``; the intact skin's inputs (layer thicknesses, the diffusivity relation) move
the intact and the treated amounts together, and the sentence says the model overstates every
amount instead of giving them a range.
"""

from __future__ import annotations

import re

import pytest

from skinlab import diffusion, microneedling
from skinlab.data import perturbed, recording
from skinlab.explore import ChannelMapExplorer, NeedleExplorer, PermeationExplorer

pytestmark = pytest.mark.keys_hold

NUMBER = r"(\d+(?:\.\d+)?)\s*(µm|mm)"


def _um(number: str, unit: str) -> float:
    return float(number) * (1000.0 if unit == "mm" else 1.0)


def _printed_tip(sentence: str) -> tuple[float, float]:
    m = re.search(r"somewhere between " + NUMBER + r" and " + NUMBER, sentence)
    assert m, f"no printed range of depths in: {sentence}"
    return _um(m.group(1), m.group(2)), _um(m.group(3), m.group(4))


def _inside(x: float, lo: float, hi: float, rel: float = 0.006) -> bool:
    return lo * (1 - rel) - 1e-9 <= x <= hi * (1 + rel) + 1e-9


def _moved(reads: set[str], files: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    keys = sorted(w for w in reads if not files or w.split(":")[0] in files)
    return [(w, end) for w in keys for end in ("low", "high")]


NEEDLE_STATES = [dict(site="cheek", device="roller", needle_mm=x) for x in (0.25, 0.5, 1.0)] + [
    dict(site="eyelid", device="roller", needle_mm=1.0),
    dict(site="palm", device="roller", needle_mm=0.5),
    dict(site="forearm", device="pen", needle_mm=1.5, view_um=5000.0),
]


@pytest.mark.parametrize("state", NEEDLE_STATES, ids=lambda s: f"{s['site']}-{s['needle_mm']}")
def test_the_printed_tip_range_holds_every_input_at_its_ends(state):
    sentence = NeedleExplorer().describe(**state)
    lo, hi = _printed_tip(sentence)
    length = state["needle_mm"] * 1000.0
    with recording() as reads:
        r = microneedling.depth_reached(length, state["site"])
    assert _inside(r.low_um, lo, hi) and _inside(r.high_um, lo, hi)
    assert hi <= length * 1.006, "a needle cannot go deeper than its length"
    failures = []
    for where, end in _moved(reads, ("microneedling.yaml",)):
        with perturbed({where: end}):
            again = microneedling.depth_reached(length, state["site"])
        for name in ("low_um", "typical_um", "high_um", "channel_low_um", "channel_high_um"):
            x = getattr(again, name)
            if not _inside(x, lo, hi):
                failures.append(f"{where} at its {end}: {name} {x:.0f} µm outside {lo:g}-{hi:g}")
    assert not failures, "\n".join(failures)


def test_the_printed_roller_share_holds_every_input_at_its_ends():
    sentence = ChannelMapExplorer().describe(device="roller", passes=15)
    m = re.search(r"(\d+(?:\.\d+)?)% to (\d+(?:\.\d+)?)%", sentence)
    assert m, f"no printed range of shares in: {sentence}"
    lo, hi = float(m.group(1)) / 100, float(m.group(2)) / 100
    with recording() as reads:
        microneedling.punctured_fraction("roller", 15)
    assert reads, "the share reads no data"
    failures = []
    for where, end in _moved(reads):
        with perturbed({where: end}):
            p = microneedling.punctured_fraction("roller", 15)
        for name in ("low", "value", "high"):
            if not _inside(getattr(p, name), lo, hi, rel=0.05):  # printed to two figures
                failures.append(f"{where} at its {end}: {name} {getattr(p, name):.4f}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("state", [
    dict(molecule="caffeine", treatment="microneedled", needle_mm=1.0),
    dict(molecule="caffeine", treatment="microneedled", needle_mm=1.0, delay_h=6.0,
         closure="kalluri2011_dye_770"),
    dict(molecule="carbamazepine", treatment="microneedled", needle_mm=1.0),
], ids=["caffeine", "caffeine-6h-rats-dye", "carbamazepine"])
def test_the_printed_treated_amount_holds_the_treatments_inputs_at_their_ends(state):
    exp = PermeationExplorer()
    sentence = exp.describe(**state)
    m = re.search(r"and (\d+(?:\.\d+)?)%(?: to (\d+(?:\.\d+)?)%)? with the treatment", sentence)
    assert m, f"no printed amount with the treatment in: {sentence}"
    lo = float(m.group(1)) / 100
    hi = float(m.group(2) or m.group(1)) / 100
    full = dict(exp.state, **state)

    def treated_share() -> float:
        r = diffusion.delivered(full["molecule"], full["treatment"], full["needle_mm"] * 1000,
                                "roller", int(full["passes"]), full["delay_h"],
                                None if full["dose"] == "infinite" else full["dose"],
                                full["closure"])
        return r.share_of_dose

    with recording() as reads:
        treated_share()
    failures = []
    for where, end in _moved(reads, ("microneedling.yaml",)):
        with perturbed({where: end}):
            x = treated_share()
        if not _inside(x, lo, hi, rel=0.01):
            failures.append(f"{where} at its {end}: {x:.4f} outside {lo:.4f}-{hi:.4f}")
    assert not failures, "\n".join(failures)
