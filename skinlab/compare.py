"""Microneedling next to exfoliation: what each does to one body site, on one depth axis and one
surface. Pure: it combines the models of :mod:`skinlab.exfoliation` (what a method removes, and
how deep) and :mod:`skinlab.microneedling` (how deep a needle goes, how much of the surface it
punctures, how fast channels close); it adds no number of its own.

The one difference the course teaches: an exfoliant acts on all of the surface it is put on and
removes or loosens cells down to a layer; a needle session punctures a share of the surface that
depends on the device and the passes, and removes nothing.

>>> c = compare("cheek", "glycolic_acid", "superficial", 0.5, "roller", 15)
>>> c.exfoliant_share, round(c.punctured.value, 3)
(1.0, 0.009)
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

from skinlab import anatomy, exfoliation
from skinlab import microneedling as mn
from skinlab.text import format_um, join

EXFOLIANT_SHARE = 1.0  # an exfoliant acts on the whole surface it is put on (by definition)

# Five treatments for the exercises and tables: name -> a row of :func:`table`.
FIVE = {
    "scrub": ("exfoliant", "scrub", "home"),
    "glycolic peel": ("exfoliant", "glycolic_acid", "superficial"),
    "TCA medium peel": ("exfoliant", "trichloroacetic_acid", "medium"),
    "0.25 mm roller, 1 pass": ("needle", 0.25, "roller", 1),
    "1.5 mm pen, 3 passes": ("needle", 1.5, "pen", 3),
}


@dataclass(frozen=True)
class Comparison:
    """One exfoliation method and one needle setting at one body site."""

    site: str
    removal: exfoliation.Removal
    needle_um: float
    device: str
    passes: float
    reach: mn.Reach
    channels: mn.Spread  # per cm²
    punctured: mn.Spread  # share of the surface

    @property
    def exfoliant_share(self) -> float:
        return EXFOLIANT_SHARE

    @property
    def exfoliant_depth_um(self) -> float:
        return self.removal.bottom_um

    @property
    def needle_depth_um(self) -> float:
        return self.reach.typical_um


def _needle_mm(needle_mm: object) -> float:
    """A needle length given in millimetres, in micrometres (ValueError naming a bad one)."""
    if isinstance(needle_mm, bool) or not isinstance(needle_mm, Real):
        raise ValueError(f"needle length must be a number of millimetres, got {needle_mm!r}")
    return mn.needle_um(float(needle_mm) * 1000.0)


def compare(site: str, method: str, strength: str, needle_mm: float, device: str,
            passes: float) -> Comparison:
    """The comparison for one setting of each (ValueError naming a bad input)."""
    r = exfoliation.removal(method, strength, site)
    length = _needle_mm(needle_mm)
    dev = mn.device_key(device)
    return Comparison(r.site, r, length, dev, float(passes), mn.depth_reached(length, r.site),
                      mn.channel_density(dev, passes), mn.punctured_fraction(dev, passes))


def action(r: exfoliation.Removal) -> str:
    """What an exfoliation method does, in words: removes layers, wears or loosens cells."""
    lay = r.layer.label
    if r.removed:
        return f"removes the {join([x.label for x in r.removed])} and reaches into the {lay}"
    if exfoliation.family(r.method) == "physical":
        return f"wears cells off the {lay}"
    return f"loosens cells of the {lay} so that they shed"


def percent(x: float) -> str:
    """A share of the surface: '0.06%', '9%', '100%'."""
    return f"{x * 100:.2f}%" if x < 0.001 else f"{x * 100:.1f}%" if x < 0.1 else f"{x * 100:.0f}%"


def human_closure_hours() -> tuple[float, float]:
    """The shortest and longest times the studies in people reported for channels to close."""
    closed = [c.closed.value for c in mn.curves() if c.species == "human"]
    return min(closed), max(closed)


def sentence(c: Comparison) -> str:
    """The difference in one sentence, with both depths and both shares of the surface."""
    r = c.removal
    site = anatomy.site_label(c.site)
    method = exfoliation.method_label(r.method)
    strength = exfoliation.strength_label(r.method, r.strength)
    device = mn.device_noun(c.device)
    verb = "pressed" if c.device == "stamp" else "passed over the skin"
    times = "once" if c.passes == 1 else f"{c.passes:.0f} times"
    tip = c.reach.label if c.reach.layer is not None else "tissue below the modelled skin"
    ph = " (a placeholder: not measured)"
    peel_ph = ph if r.layer.is_placeholder or any(x.is_placeholder for x in r.removed) else ""
    tip_ph = ph if c.reach.layer is not None and c.reach.layer.is_placeholder else ""
    return (f"On the {site}: {method}, {strength}, acts on {percent(c.exfoliant_share)} of the "
            f"surface it is put on and {action(r)}, at most {format_um(r.bottom_um)} "
            f"down{peel_ph}; "
            f"a "
            f"{c.needle_um / 1000:.2f} mm {device} {verb} {times} punctures about "
            f"{percent(c.punctured.value)} of the surface ({percent(c.punctured.low)} to "
            f"{percent(c.punctured.high)}), each channel about {format_um(c.needle_depth_um)} "
            f"deep into the {tip}{tip_ph}, and removes nothing.")


def short_action(r: exfoliation.Removal) -> str:
    """:func:`action` in two or three words, for a table column."""
    if r.removed:
        return "removes layers"
    return "wears cells off" if exfoliation.family(r.method) == "physical" else "loosens cells"


def table(site: str, rows: list[tuple]) -> list[dict]:
    """A comparison table for ``rows``: each ``("exfoliant", method, strength)`` or
    ``("needle", needle_mm, device, passes)``. Columns: treatment, does (in words), action (in
    two or three), ends_in (the layer), deepest_um (an exfoliant's deepest point, a needle's
    typical depth), surface_share, removes_tissue, response."""
    lo, hi = human_closure_hours()
    out = []
    for row in rows:
        if row[0] == "exfoliant":
            _, method, strength = row
            r = exfoliation.removal(method, strength, site)
            out.append({"treatment": f"{exfoliation.method_label(r.method).split(' (')[0]}, "
                                     f"{r.strength.replace('_', ' ')}",
                        "does": action(r), "action": short_action(r), "ends_in": r.layer.label,
                        "deepest_um": r.bottom_um, "surface_share": EXFOLIANT_SHARE,
                        "removes_tissue": True,
                        "response": "the epidermis replaces the cells lost (renewal, notebook 02)"})
        elif row[0] == "needle":
            _, needle_mm, device, passes = row
            reach = mn.depth_reached(_needle_mm(needle_mm), site)
            dev = mn.device_key(device)
            out.append({"treatment": f"{needle_mm:.2f} mm {mn.device_noun(dev)}, {passes:.0f} "
                                     f"pass{'es' if passes != 1 else ''}",
                        "does": "punctures", "action": "punctures",
                        "ends_in": reach.label, "deepest_um": reach.typical_um,
                        "surface_share": mn.punctured_fraction(dev, passes).value,
                        "removes_tissue": False,
                        "response": f"channels close (in people, {lo:g} to {hi:g} hours in the "
                                    f"studies), then wound healing (notebook 04)"})
        else:
            raise ValueError(f"a row starts with 'exfoliant' or 'needle', got {row[0]!r}")
    return out


def five(site: str) -> dict[str, dict]:
    """The rows of :func:`table` for the five treatments of :data:`FIVE`, by name."""
    return dict(zip(FIVE, table(site, list(FIVE.values()))))


__all__ = ["Comparison", "EXFOLIANT_SHARE", "FIVE", "action", "compare", "five",
           "human_closure_hours", "percent", "sentence", "short_action", "table"]
