"""Microneedling next to exfoliation: what each does to one body site, on one depth axis and one
surface. Pure: it combines the models of :mod:`skinlab.exfoliation` (what a method removes, and
how deep) and :mod:`skinlab.microneedling` (how deep a needle goes, how much of the surface it
punctures, how fast channels close); it adds no number of its own.

The one difference the course teaches: an exfoliant acts on all of the surface it is put on and
removes or loosens cells down to a layer; a needle session punctures a share of the surface that
depends on the device and the passes, and removes nothing.

A needle's depth is the range the in-skin studies give for where its tip ends
(:func:`skinlab.microneedling.depth_reached`); its share of the surface is a range from sourced
geometry, or None (not known) for a device no source lets the course compute (a pen, a stamp).
Where a single number is kept for code and checks (``deepest_um``, ``surface_share``,
:attr:`Comparison.needle_depth_um`) it is the midpoint of the range: never called typical to a
learner.

>>> c = compare("cheek", "glycolic_acid", "superficial", 0.5, "roller", 15)
>>> c.exfoliant_share, round(c.punctured.low, 4), round(c.punctured.high, 4)
(1.0, 0.0066, 0.0116)
>>> compare("cheek", "scrub", "home", 1.5, "pen", 3).punctured is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Real

from skinlab import anatomy, exfoliation
from skinlab import microneedling as mn
from skinlab.text import format_um, join

EXFOLIANT_SHARE = 1.0  # an exfoliant acts on the whole surface it is put on (by definition)
NOT_KNOWN = "not known"
# The words for a share no source lets the course compute (a pen's, a stamp's).
SHARE_NOT_KNOWN = "a share of the surface that no source lets the course compute (not known)"
# The geometry a device's share of the surface rests on, by device kind (the values
# microneedling.per_pass and microneedling.punctured_fraction read).
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
    """One exfoliation method and one needle setting at one body site. ``channels`` and
    ``punctured`` are None where the device's share is not known (:func:`mn.known`)."""

    site: str
    removal: exfoliation.Removal
    needle_um: float
    device: str
    passes: float
    reach: mn.Reach
    channels: mn.Spread | None  # per cm²
    punctured: mn.Spread | None  # share of the surface

    @property
    def exfoliant_share(self) -> float:
        return EXFOLIANT_SHARE

    @property
    def exfoliant_depth_um(self) -> float:
        return self.removal.bottom_um

    @property
    def needle_depth_um(self) -> float:
        """The midpoint of the tip's range (for drawing and checks; never 'typical')."""
        return self.reach.typical_um

    @property
    def needle_low_um(self) -> float:
        return self.reach.low_um

    @property
    def needle_high_um(self) -> float:
        return self.reach.high_um

    @property
    def share_known(self) -> bool:
        return self.punctured is not None

    @property
    def share_sources(self) -> tuple[str, ...]:
        return share_sources(self.device) if self.share_known else ()


def _needle_mm(needle_mm: object) -> float:
    """A needle length given in millimetres, in micrometres (ValueError naming a bad one)."""
    if isinstance(needle_mm, bool) or not isinstance(needle_mm, Real):
        raise ValueError(f"needle length must be a number of millimetres, got {needle_mm!r}")
    return mn.length_um(float(needle_mm) * 1000.0)


def compare(site: str, method: str, strength: str, needle_mm: float, device: str,
            passes: float) -> Comparison:
    """The comparison for one setting of each (ValueError naming a bad input)."""
    r = exfoliation.removal(method, strength, site)
    length = _needle_mm(needle_mm)
    dev = mn.device_key(device)
    return Comparison(r.site, r, length, dev, float(passes), mn.depth_reached(length, r.site),
                      mn.channel_density(dev, passes), mn.punctured_fraction(dev, passes))


def share_sources(device: str) -> tuple[str, ...]:
    """The source keys a device's share of the surface rests on; () where it is not known."""
    return mn.share_sources(device)


def action(r: exfoliation.Removal) -> str:
    """What an exfoliation method does, in words: removes layers, wears or loosens cells."""
    lay = r.layer.label
    if r.removed:
        return f"removes the {join([x.label for x in r.removed])} and reaches into the {lay}"
    if exfoliation.family(r.method) == "physical":
        return f"wears cells off the {lay}"
    return f"loosens cells of the {lay} so that they shed"


def percent(x: float | None) -> str:
    """A share of the surface: '0.06%', '9%', '100%'; 'not known' for None."""
    if x is None:
        return NOT_KNOWN
    return f"{x * 100:.2f}%" if x < 0.001 else f"{x * 100:.1f}%" if x < 0.1 else f"{x * 100:.0f}%"


def share_span(low: float | None, high: float | None) -> str:
    """A share's range: '0.04% to 0.08%' ('0.9%' when the ends agree); 'not known' for None."""
    if low is None or high is None:
        return NOT_KNOWN
    lo, hi = percent(low), percent(high)
    return lo if lo == hi else f"{lo} to {hi}"


def depth_span(reach: mn.Reach) -> str:
    """Where a needle's tip ends: 'between 46 µm and 250 µm'."""
    return f"between {format_um(reach.low_um)} and {format_um(reach.high_um)}"


def depth_dash(low_um: float, high_um: float) -> str:
    """A depth range for a table or a label: '46–250 µm', '279 µm–1.5 mm'."""
    lo, hi = format_um(low_um), format_um(high_um)
    if lo.endswith(" µm") and hi.endswith(" µm"):
        return f"{lo[:-3]}–{hi}"
    return f"{lo}–{hi}"


def human_closure_hours() -> tuple[float, float]:
    """The shortest and longest times the studies in people reported for channels to close
    (hours): from Gupta 2011's uncovered skin, barrier back 'within 2 h', to the slowest group's
    mean. Every study in people used research microneedles, not cosmetic rollers or pens."""
    closed = [c.closed.value for c in mn.curves() if c.species == "human"]
    return min(closed), max(closed)


def closure_words() -> str:
    """The studies in people, in words, for a learner: who, what needles, how long."""
    lo, hi = human_closure_hours()
    fast = min((c for c in mn.curves() if c.species == "human"), key=lambda c: c.closed.value)
    who = fast.label.split("(")[-1].rstrip(")")
    return (f"in people: within {lo:g} hours on uncovered skin in {who}, up to {hi:g} hours; "
            f"research microneedles, not cosmetic devices")


def tip_words(reach: mn.Reach) -> str:
    """The layers a tip's range spans, for a sentence: 'in the reticular dermis', 'from the
    viable epidermis to the papillary dermis'."""
    def words(x: anatomy.Layer | None) -> str:
        return f"the {x.label}" if x is not None else reach.beyond_label

    lo, hi = words(reach.low_layer), words(reach.high_layer)
    return f"in {lo}" if lo == hi else f"from {lo} to {hi}"


def _placeholder(c: Comparison) -> bool:
    layers = {x.key: x for x in anatomy.layers_at(c.site)}
    return any(layers[k].is_placeholder for k in c.reach.layers if k in layers)


def sentence(c: Comparison) -> str:
    """The difference in one sentence: the exfoliant's deepest point and share, the needle's
    tip range (the layers it spans) and share range, or 'not known'."""
    r = c.removal
    site = anatomy.site_label(c.site)
    method = exfoliation.method_label(r.method)
    strength = exfoliation.strength_label(r.method, r.strength)
    device = mn.device_noun(c.device)
    verb = "pressed" if c.device == "stamp" else "passed over the skin"
    times = "once" if c.passes == 1 else f"{c.passes:.0f} times"
    ph = " (placeholder)"
    peel_ph = ph if r.layer.is_placeholder or any(x.is_placeholder for x in r.removed) else ""
    tip_ph = " (placeholder)" if _placeholder(c) else ""
    if c.punctured is None:
        share = SHARE_NOT_KNOWN
    else:
        share = f"{share_span(c.punctured.low, c.punctured.high)} of the surface"
    return (f"On the {site}: {method}, {strength}, acts on {percent(c.exfoliant_share)} of the "
            f"surface it is put on and {action(r)}, at most {format_um(r.bottom_um)} "
            f"down{peel_ph}; "
            f"a {c.needle_um / 1000:.2f} mm {device} {verb} {times} punctures {share}, "
            f"each needle's tip ending {depth_span(c.reach)} deep ({tip_words(c.reach)}"
            f"{tip_ph}), and removes nothing.")


def short_action(r: exfoliation.Removal) -> str:
    """:func:`action` in two or three words, for a table column."""
    if r.removed:
        return "removes layers"
    return "wears cells off" if exfoliation.family(r.method) == "physical" else "loosens cells"


def table(site: str, rows: list[tuple]) -> list[dict]:
    """A comparison table for ``rows``: each ``("exfoliant", method, strength)`` or
    ``("needle", needle_mm, device, passes)``.

    Columns: treatment, does (in words), action (in two or three), ends_in (an exfoliant's
    layer; the layers a needle's tip range spans), deepest_um (an exfoliant's deepest point; the
    midpoint of a needle tip's range, with deepest_low_um and deepest_high_um, None for an
    exfoliant), surface_share (1 for an exfoliant, by definition; the midpoint of a needle's
    range, or None where not known), surface_share_low and surface_share_high (None where not
    known), share_sources (the source keys the share rests on; () by definition or where not
    known), removes_tissue, response."""
    out = []
    for row in rows:
        if row[0] == "exfoliant":
            _, method, strength = row
            r = exfoliation.removal(method, strength, site)
            out.append({"treatment": f"{exfoliation.method_label(r.method).split(' (')[0]}, "
                                     f"{r.strength.replace('_', ' ')}",
                        "does": action(r), "action": short_action(r), "ends_in": r.layer.label,
                        "deepest_um": r.bottom_um, "deepest_low_um": None,
                        "deepest_high_um": None, "surface_share": EXFOLIANT_SHARE,
                        "surface_share_low": EXFOLIANT_SHARE,
                        "surface_share_high": EXFOLIANT_SHARE, "share_sources": (),
                        "removes_tissue": True,
                        "response": "the epidermis replaces the cells lost (renewal, notebook 02)"})
        elif row[0] == "needle":
            _, needle_mm, device, passes = row
            reach = mn.depth_reached(_needle_mm(needle_mm), site)
            dev = mn.device_key(device)
            p = mn.punctured_fraction(dev, passes)
            out.append({"treatment": f"{needle_mm:.2f} mm {mn.device_noun(dev)}, {passes:.0f} "
                                     f"pass{'es' if passes != 1 else ''}",
                        "does": "punctures", "action": "punctures",
                        "ends_in": reach.label, "deepest_um": reach.typical_um,
                        "deepest_low_um": reach.low_um, "deepest_high_um": reach.high_um,
                        "surface_share": None if p is None else (p.low + p.high) / 2,
                        "surface_share_low": None if p is None else p.low,
                        "surface_share_high": None if p is None else p.high,
                        "share_sources": share_sources(dev),
                        "removes_tissue": False,
                        "response": f"channels close ({closure_words()}), then wound healing "
                                    f"(notebook 04)"})
        else:
            raise ValueError(f"a row starts with 'exfoliant' or 'needle', got {row[0]!r}")
    return out


def five(site: str) -> dict[str, dict]:
    """The rows of :func:`table` for the five treatments of :data:`FIVE`, by name.

    Parameters
    ----------
    site : str
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    dict of str to dict
        One row a treatment, keyed by its name in :data:`FIVE`: what it does, the layer it ends
        in, ``deepest_um`` (micrometres below the surface; for a needle, the middle of the tip's
        range, with ``deepest_low_um`` and ``deepest_high_um``) and the share of the surface it
        acts on (``surface_share``, a fraction from 0 to 1, or None where it is not known).

    Raises
    ------
    ValueError
        For an unknown site.

    Examples
    --------
    >>> rows = five("cheek")
    >>> for name, row in rows.items():
    ...     print(f"{name}: {row['ends_in']}, {row['deepest_um']:.0f} µm")
    scrub: stratum corneum, 17 µm
    glycolic peel: viable epidermis, 62 µm
    TCA medium peel: papillary dermis, 262 µm
    0.25 mm roller, 1 pass: viable epidermis to papillary dermis, 148 µm
    1.5 mm pen, 3 passes: reticular dermis to hypodermis, 890 µm
    >>> rows["1.5 mm pen, 3 passes"]["surface_share"] is None
    True
    """
    return dict(zip(FIVE, table(site, list(FIVE.values()))))


__all__ = ["Comparison", "EXFOLIANT_SHARE", "FIVE", "NOT_KNOWN", "SHARE_NOT_KNOWN", "action",
           "closure_words", "compare", "depth_dash", "depth_span", "five", "human_closure_hours",
           "percent", "sentence", "share_sources", "share_span", "short_action", "table",
           "tip_words"]
