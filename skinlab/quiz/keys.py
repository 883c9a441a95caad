"""Answer keys tied to the models.

``MODELS``: the functions a quiz key can be checked against (``check:`` or ``answer:`` with
``{model: NAME, ...}`` in a bank). Each returns a plain value computed from ``skinlab``'s models,
so a change in the data that makes a key stale fails validation. (Numbers a learner types are read
by :func:`skinlab.units.parse`.)
"""

from __future__ import annotations

import math
from typing import Any, Callable

from skinlab import anatomy, compare, diffusion, exfoliation, healing, microneedling, renewal

# Model functions a key can be checked against, by name; each returns a plain value.
MODELS: dict[str, Callable[..., Any]] = {}


def key(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a named, documented function as an answer key a bank may call by ``name``."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in MODELS:
            raise ValueError(f"answer key {name!r} is registered twice")
        MODELS[name] = fn
        return fn

    return register


def _known(spread: microneedling.Spread | None, device: str) -> microneedling.Spread:
    """A device's channels per cm² or share punctured, or a ValueError where no source gives it
    (the pen's, the stamp's: :func:`skinlab.microneedling.known`)."""
    if spread is None:
        raise ValueError(f"no source gives the {device}'s channels per cm², so the course "
                         f"computes no number for it")
    return spread


def _kp(molecule: str) -> float:
    """A molecule's kp by Potts-Guy (cm/h); a ValueError for one without a log Kow."""
    kp = diffusion.molecule(molecule).kp
    if kp is None:
        raise ValueError(f"{molecule} has no log Kow, so Potts-Guy gives it no kp")
    return kp


@key("layer_at_depth")
def layer_at_depth(site, depth_um) -> Any:
    """The layer at a depth below the surface at a site."""
    return anatomy.layer_at_depth(site, depth_um).key


@key("stratum_at_depth")
def stratum_at_depth(site, depth_um) -> Any:
    """The stratum of the epidermis at a depth below the surface at a site."""
    return anatomy.stratum_at_depth(site, depth_um).key


@key("layer_order")
def layer_order() -> Any:
    """The five layers, from the surface down."""
    return list(anatomy.LAYERS)


@key("strata_order")
def strata_order(site) -> Any:
    """The strata of the epidermis at a site, from the surface down."""
    return [s.key for s in anatomy.strata_at(site)]


@key("thickness_um")
def thickness_um(site, layer) -> Any:
    """A layer's (or stratum's) typical thickness at a site, in micrometres."""
    return next(
        (
            lay.thickness_um
            for lay in anatomy.layers_at(site) + anatomy.strata_at(site)
            if lay.key == layer
        )
    )


@key("layer_bottom_um")
def layer_bottom_um(site, layer) -> Any:
    """How far below the surface a layer ends at a site, in micrometres."""
    return next((lay.bottom_um for lay in anatomy.layers_at(site) if lay.key == layer))


@key("thicker_than_depth")
def thicker_than_depth(site, layer, other_site, other_layer) -> Any:
    """Is one layer thicker than another layer lies deep?"""
    return bool(
        MODELS["thickness_um"](site, layer) > MODELS["layer_bottom_um"](other_site, other_layer)
    )


@key("thickness_ratio")
def thickness_ratio(site, layer, other_site, other_layer, digits=1) -> Any:
    """How many times thicker one layer (or stratum) is than another, rounded to ``digits``."""
    return round(
        MODELS["thickness_um"](site, layer) / MODELS["thickness_um"](other_site, other_layer),
        digits,
    )


@key("thickness_ratio_range")
def thickness_ratio_range(site, layer, other_site, other_layer, digits=0) -> Any:
    """The same ratio across the two values' ranges: [thinnest over thickest, thickest over
    thinnest], rounded to ``digits``.
    """
    return (lambda a, b: [round(a.low / b.high, digits), round(a.high / b.low, digits)])(
        anatomy.thickness(site, layer), anatomy.thickness(other_site, other_layer)
    )


@key("reaches_corneum_day")
def reaches_corneum_day(age="young_adult") -> Any:
    """Renewal: a cohort that leaves the basal layer on day 0 (skinlab.renewal)."""
    return renewal.journey(age).reaches_corneum_day


@key("shed_day")
def shed_day(age="young_adult") -> Any:
    """The day a cohort that left the basal layer on day 0 is shed (typical values)."""
    return renewal.journey(age).shed_day


@key("shed_day_range")
def shed_day_range(age="young_adult", digits=0) -> Any:
    """The shed day across the two stages' ranges: [both shortest, both longest], rounded."""
    return (
        lambda j: [
            round(j.viable.low + j.corneum.low, digits),
            round(j.viable.high + j.corneum.high, digits),
        ]
    )(renewal.journey(age))


@key("cohort_stratum")
def cohort_stratum(site, day, age="young_adult") -> Any:
    """The stratum a cohort is in on a day ('shed' once it is shed)."""
    return (lambda p: p.stratum.key if p.stratum else "shed")(renewal.cohort_at(site, day, age))


@key("cohort_shed")
def cohort_shed(site, day, age="young_adult") -> Any:
    """Has the cohort been shed by that day?"""
    return renewal.cohort_at(site, day, age).stage == "shed"


@key("cohort_strata_order")
def cohort_strata_order(site, age="young_adult") -> Any:
    """The strata a cohort crosses, from the basal layer up to the stratum corneum."""
    return [k for k, _, _ in renewal.stratum_days(site, age)]


@key("class_order")
def class_order() -> Any:
    """Exfoliation: peel classes and the layer a method reaches (skinlab.exfoliation)."""
    return list(exfoliation.CLASSES)


@key("peel_class")
def peel_class(method, strength) -> Any:
    """A method's peel class at a strength (very superficial to deep)."""
    return exfoliation.peel_class(method, strength)


@key("same_peel_layer")
def same_peel_layer(method, strength, site, other_site) -> Any:
    """Does a method at a strength reach the same layer at two sites (the course's class model)?"""
    return (
        exfoliation.removal(method, strength, site).layer.key
        == exfoliation.removal(method, strength, other_site).layer.key
    )


@key("peel_layer")
def peel_layer(method, strength, site) -> Any:
    """The layer a method at a strength reaches at a site."""
    return exfoliation.removal(method, strength, site).layer.key


@key("peel_deeper_than")
def peel_deeper_than(method, strength, site, other_site) -> Any:
    """Can a method end further below the surface at one site than at another?"""
    return bool(
        exfoliation.removal(method, strength, site).bottom_um
        > exfoliation.removal(method, strength, other_site).bottom_um
    )


@key("depth_range_um")
def depth_range_um(needle_um, site="cheek", digits=-1) -> Any:
    """Microneedling (skinlab.microneedling): depth reached, channels, closure. The depth is the
    range the in-skin studies give for where the tip ends (low_um to high_um); no key uses its
    midpoint. The tip's range in micrometres, [shallowest, deepest], rounded to ``digits``
    (tens: -1).
    """
    return [
        round(x, digits)
        for x in (lambda r: (r.low_um, r.high_um))(microneedling.depth_reached(needle_um, site))
    ]


@key("depth_reaches_length")
def depth_reaches_length(needle_um, site="cheek") -> Any:
    """Does the deepest reading reach the needle's full length? Does even the shallowest?"""
    return bool(microneedling.depth_reached(needle_um, site).high_um >= needle_um)


@key("depth_always_full_length")
def depth_always_full_length(needle_um, site="cheek") -> Any:
    """Does even the shallowest reading reach the needle's full length?"""
    return bool(microneedling.depth_reached(needle_um, site).low_um >= needle_um)


@key("tip_layers")
def tip_layers(needle_um, site) -> Any:
    """The layers the tip's range spans, shallowest first ('beyond': past the modelled tissue)."""
    return list(microneedling.depth_reached(needle_um, site).layers)


@key("tip_in_dermis")
def tip_in_dermis(needle_um, site) -> Any:
    """Whether the tip ends in the dermis across the whole range (every study's depth) ..."""
    return microneedling.depth_reached(needle_um, site).in_dermis


@key("tip_reaches_dermis")
def tip_reaches_dermis(needle_um, site) -> Any:
    """... and whether its deep end reaches the dermis (or goes past it)."""
    return microneedling.depth_reached(needle_um, site).reaches_dermis


@key("channel_density")
def channel_density(device, passes) -> Any:
    """Channels per cm² after a number of passes (the typical value)."""
    return _known(microneedling.channel_density(device, passes), device).value


@key("more_channels_per_pass")
def more_channels_per_pass(device, other) -> Any:
    """Which of two devices makes more channels per cm² in one pass ('not known' where either
    device's count rests on no source: the pen, the stamp).
    """
    return (
        lambda a, b: (
            "not known"
            if a is None or b is None
            else device
            if a.value > b.value
            else other
            if b.value > a.value
            else "same"
        )
    )(microneedling.channel_density(device, 1), microneedling.channel_density(other, 1))


@key("punctured_percent")
def punctured_percent(device, passes) -> Any:
    """The share of the surface punctured, in percent (the typical value)."""
    return 100 * _known(microneedling.punctured_fraction(device, passes), device).value


@key("share_growth")
def share_growth(device, passes, other) -> Any:
    """How many times the share punctured grows from `passes` to `other` passes, to 1 decimal."""
    return round(
        _known(microneedling.punctured_fraction(device, other), device).value
        / _known(microneedling.punctured_fraction(device, passes), device).value,
        1,
    )


@key("punctured_percent_rounded")
def punctured_percent_rounded(device, passes) -> Any:
    """The share punctured as whole percents at the two ends of its range: [low, high]."""
    p = _known(microneedling.punctured_fraction(device, passes), device)
    return [round(100 * p.low), round(100 * p.high)]


@key("open_percent_range")
def open_percent_range(hours, method, study, occluded=None) -> Any:
    """How open, in whole percent, at the fast and at the slow end of a curve's range."""
    return [
        round(100 * microneedling.curve(method, occluded, study).open_at(hours, end))
        for end in ("low", "high")
    ]


@key("open_percent")
def open_percent(hours, method, study, occluded=None) -> Any:
    """How open a curve's channels are after some hours, in percent."""
    return 100 * microneedling.open_fraction(hours, method, occluded, study)


@key("phase_order")
def phase_order() -> Any:
    """Healing (skinlab.healing): phases, the teaching model, the studies, the protocols."""
    return list(healing.PHASES)


@key("phase_at")
def phase_at(day) -> Any:
    """The phase active on a day ('overlap' between two windows, 'none' after the last)."""
    return (lambda ps: ps[0].key if len(ps) == 1 else "overlap" if ps else "none")(
        healing.active_phases(day)
    )


@key("dominant_collagen")
def dominant_collagen(day, sessions=1, interval_weeks=4) -> Any:
    """The collagen type the teaching model has most of on a day."""
    return healing.dominant_type(day, sessions, interval_weeks)


@key("design_order")
def design_order() -> Any:
    """The study designs in the order the course ranks them."""
    return healing.design_order()


@key("study_of_design")
def study_of_design(design) -> Any:
    """The one study of a design (a list when there are several)."""
    return (lambda keys: keys[0] if len(keys) == 1 else keys)(
        [r.key for r in healing.studies() if r.design == design]
    )


@key("histology_controlled")
def histology_controlled() -> Any:
    """Did any histology study have an untreated control?"""
    return any((r.controlled for r in healing.studies("histology")))


@key("interval_median_weeks")
def interval_median_weeks() -> Any:
    """The typical interval between sessions, in weeks (a review's median)."""
    return healing.protocol("interval_range").value


@key("interval_range_weeks")
def interval_range_weeks() -> Any:
    """The intervals between sessions the studies used, [shortest, longest], in weeks."""
    return (lambda v: [v.low, v.high])(healing.protocol("interval_range"))


@key("kp_potts_guy")
def kp_potts_guy(log_kow, mw) -> Any:
    """Penetration (skinlab.diffusion): Potts-Guy, a membrane's lag time, the teaching model."""
    return diffusion.kp_potts_guy(log_kow, mw)


@key("kp_ratio")
def kp_ratio(log_kow, mw, other_mw, digits=0) -> Any:
    """How many times kp falls from one weight to another at the same log Kow, rounded."""
    return round(
        diffusion.kp_potts_guy(log_kow, mw) / diffusion.kp_potts_guy(log_kow, other_mw), digits
    )


@key("lag_time_h")
def lag_time_h(h_um, d_cm2_h) -> Any:
    """A membrane's lag time, h²/(6D), in hours, for a thickness in µm and D in cm²/h."""
    return diffusion.Layer(h_um / 10000.0, d_cm2_h).lag_h


@key("in_domain")
def in_domain(molecule) -> Any:
    """Does a molecule lie inside the range the Potts-Guy equation was fitted on?"""
    return diffusion.molecule(molecule).in_domain


@key("fastest_intact")
def fastest_intact(molecules) -> Any:
    """Of several molecules, the one with the highest Potts-Guy kp (inside its range)."""
    return max(
        (m for m in molecules if diffusion.molecule(m).in_domain),
        key=_kp,
    )


@key("delivery_ratio_range")
def delivery_ratio_range(
    molecule,
    treatment="microneedled",
    needle_um=1000.0,
    passes=15,
    delay_h=0.0,
    applied_mg_cm2=None,
    digits=0,
) -> Any:
    """The delivery model (skinlab.diffusion.delivered): a 1 mm roller, 15 passes, the product
    straight after by default; ``applied_mg_cm2`` None is an infinite dose (a diffusion cell), a
    number a finite dose. Ratios are ranges; no key uses their midpoint. Treated over intact,
    [low, high], rounded to ``digits`` (None where the model gives none).
    """
    return (lambda r: None if r is None else [round(x, digits) for x in r])(
        _delivery(molecule, treatment, needle_um, passes, delay_h, applied_mg_cm2).ratio_range
    )


@key("delivery_ratio_band")
def delivery_ratio_band(
    molecule,
    treatment="microneedled",
    needle_um=1000.0,
    passes=15,
    delay_h=0.0,
    applied_mg_cm2=None,
) -> Any:
    """The same range as bands: [the highest edge at or below its low end, the lowest edge at or
    above its high end], edges 1, 2, 10, 100, 1,000, 10,000 ('from no gain to under twice').
    """
    return (lambda r: None if r is None else _band(*r))(
        _delivery(molecule, treatment, needle_um, passes, delay_h, applied_mg_cm2).ratio_range
    )


@key("gain_left")
def gain_left(molecule, delay_h, applied_mg_cm2=None) -> Any:
    """How much of the gain over intact skin is left when the product goes on ``delay_h`` hours
    after the session, at the slow end of the closure data: 'none', 'less than half', 'half or
    more'.
    """
    def gain(hours: float) -> float:
        d = _delivery(molecule, delay_h=hours, applied_mg_cm2=applied_mg_cm2)
        return max(0.0, d.treated_high - d.intact)

    now, later = gain(0.0), gain(delay_h)
    if later <= 1e-09 * max(now, 1e-300):
        return "none"
    return "less than half" if later < 0.5 * now else "half or more"


@key("gains_more")
def gains_more(molecule, other, treatment="microneedled", applied_mg_cm2=None) -> Any:
    """Which of two molecules can gain more from a treatment: the higher top of the ratio's range
    ('same' within 1%).
    """
    a, b = ((_delivery(k, treatment, applied_mg_cm2=applied_mg_cm2).ratio_range or (0.0, 0.0))[1]
            for k in (molecule, other))
    return "same" if abs(a - b) <= 0.01 * max(a, b) else molecule if a > b else other


@key("longer_delivers_more")
def longer_delivers_more(molecule, needle_um, other_um, applied_mg_cm2=None) -> Any:
    """Does the longer needle deliver more in 24 h, at either end of the range or its midpoint?
    (Past the epidermis: no, the same path.)
    """
    return (
        lambda a, b: any(
            (
                y > x * (1 + 1e-09)
                for x, y in (
                    (a.treated, b.treated),
                    (a.treated_low, b.treated_low),
                    (a.treated_high, b.treated_high),
                )
            )
        )
    )(
        _delivery(molecule, "microneedled", needle_um, applied_mg_cm2=applied_mg_cm2),
        _delivery(molecule, "microneedled", other_um, applied_mg_cm2=applied_mg_cm2),
    )


@key("delivers_more_than_applied")
def delivers_more_than_applied(molecule, applied_mg_cm2, treatment="microneedled") -> Any:
    """With a finite dose, can any end of the range deliver more than was applied?"""
    return (
        lambda d: any(
            (
                x is not None and x > d.applied * (1 + 1e-09)
                for x in (
                    d.treated,
                    d.treated_low,
                    d.treated_high,
                    d.intact,
                    d.intact_low,
                    d.intact_high,
                )
            )
        )
    )(_delivery(molecule, treatment, applied_mg_cm2=applied_mg_cm2))


@key("deeper_of")
def deeper_of(site, method, strength, needle_mm, device="roller", passes=15) -> Any:
    """Microneedling vs exfoliation (skinlab.compare): which goes deeper at a site. 'needle' when
    even the shallow end of the tip's range is below the exfoliant's depth, 'exfoliant' when
    even its deep end is above it, 'overlap' otherwise.
    """
    return (
        lambda c: (
            "needle"
            if c.reach.low_um > c.exfoliant_depth_um
            else "exfoliant"
            if c.reach.high_um < c.exfoliant_depth_um
            else "overlap"
        )
    )(compare.compare(site, method, strength, needle_mm, device, passes))


BAND_EDGES = (1.0, 2.0, 10.0, 100.0, 1000.0, 10000.0)


def _band(low: float, high: float) -> list[float]:
    """[the highest edge <= low, the lowest edge >= high] of :data:`BAND_EDGES` (a ratio's
    range as the bands a question offers); a tolerance of one part in a million at the edges."""
    lo = max((e for e in BAND_EDGES if e <= low * (1 + 1e-6)), default=0.0)
    hi = min((e for e in BAND_EDGES if e >= high * (1 - 1e-6)), default=math.inf)
    return [lo, hi]


def _delivery(
    molecule: str,
    treatment: str = "microneedled",
    needle_um: float = 1000.0,
    passes: int = 15,
    delay_h: float = 0.0,
    applied_mg_cm2: float | None = None,
):
    """:func:`skinlab.diffusion.delivered` with a roller (the device the model's share uses)."""
    return diffusion.delivered(
        molecule, treatment, needle_um, "roller", passes, delay_h, applied_mg_cm2
    )


def model_value(spec: dict) -> Any:
    """The value of ``{model: NAME, **arguments}``; KeyError for an unknown model name."""
    spec = dict(spec)
    name = spec.pop("model", None)
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r} (known: {', '.join(MODELS)})")
    return MODELS[name](**spec)
