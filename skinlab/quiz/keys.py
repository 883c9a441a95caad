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

# Model functions a key can be checked against. Each returns a plain value.
MODELS: dict[str, Callable[..., Any]] = {
    "layer_at_depth": lambda site, depth_um: anatomy.layer_at_depth(site, depth_um).key,
    "stratum_at_depth": lambda site, depth_um: anatomy.stratum_at_depth(site, depth_um).key,
    "layer_order": lambda: list(anatomy.LAYERS),
    "strata_order": lambda site: [s.key for s in anatomy.strata_at(site)],
    "thickness_um": lambda site, layer: next(
        lay.thickness_um for lay in anatomy.layers_at(site) + anatomy.strata_at(site)
        if lay.key == layer),
    "layer_bottom_um": lambda site, layer: next(
        lay.bottom_um for lay in anatomy.layers_at(site) if lay.key == layer),
    "thicker_than_depth": lambda site, layer, other_site, other_layer: bool(
        MODELS["thickness_um"](site, layer) > MODELS["layer_bottom_um"](other_site, other_layer)),
    # How many times thicker one layer (or stratum) is than another, rounded to ``digits``.
    "thickness_ratio": lambda site, layer, other_site, other_layer, digits=1: round(
        MODELS["thickness_um"](site, layer) / MODELS["thickness_um"](other_site, other_layer),
        digits),
    # The same ratio across the two values' ranges: [thinnest over thickest, thickest over
    # thinnest], rounded to ``digits``.
    "thickness_ratio_range": lambda site, layer, other_site, other_layer, digits=0: (
        lambda a, b: [round(a.low / b.high, digits), round(a.high / b.low, digits)])(
        anatomy.thickness(site, layer), anatomy.thickness(other_site, other_layer)),
    # Renewal: a cohort that leaves the basal layer on day 0 (skinlab.renewal).
    "reaches_corneum_day": lambda age="young_adult": renewal.journey(age).reaches_corneum_day,
    "shed_day": lambda age="young_adult": renewal.journey(age).shed_day,
    # The shed day across the two stages' ranges: [both shortest, both longest], rounded.
    "shed_day_range": lambda age="young_adult", digits=0: (
        lambda j: [round(j.viable.low + j.corneum.low, digits),
                   round(j.viable.high + j.corneum.high, digits)])(renewal.journey(age)),
    "cohort_stratum": lambda site, day, age="young_adult": (
        lambda p: p.stratum.key if p.stratum else "shed")(renewal.cohort_at(site, day, age)),
    "cohort_shed": lambda site, day, age="young_adult": (
        renewal.cohort_at(site, day, age).stage == "shed"),
    # The strata a cohort crosses, from the basal layer up to the stratum corneum.
    "cohort_strata_order": lambda site, age="young_adult": [
        k for k, _, _ in renewal.stratum_days(site, age)],
    # Exfoliation: peel classes and the layer a method reaches (skinlab.exfoliation).
    "class_order": lambda: list(exfoliation.CLASSES),
    "peel_class": lambda method, strength: exfoliation.peel_class(method, strength),
    # Does a method at a strength reach the same layer at two sites (the course's class model)?
    "same_peel_layer": lambda method, strength, site, other_site: (
        exfoliation.removal(method, strength, site).layer.key
        == exfoliation.removal(method, strength, other_site).layer.key),
    "peel_layer": lambda method, strength, site: (
        exfoliation.removal(method, strength, site).layer.key),
    # Can a method end further below the surface at one site than at another?
    "peel_deeper_than": lambda method, strength, site, other_site: bool(
        exfoliation.removal(method, strength, site).bottom_um
        > exfoliation.removal(method, strength, other_site).bottom_um),
    # Microneedling (skinlab.microneedling): depth reached, channels, closure. The depth is the
    # range the in-skin studies give for where the tip ends (low_um to high_um); no key uses its
    # midpoint.
    # The tip's range in micrometres, [shallowest, deepest], rounded to ``digits`` (tens: -1).
    "depth_range_um": lambda needle_um, site="cheek", digits=-1: [
        round(x, digits) for x in (lambda r: (r.low_um, r.high_um))(
            microneedling.depth_reached(needle_um, site))],
    # Does the deepest reading reach the needle's full length? Does even the shallowest?
    "depth_reaches_length": lambda needle_um, site="cheek": bool(
        microneedling.depth_reached(needle_um, site).high_um >= needle_um),
    "depth_always_full_length": lambda needle_um, site="cheek": bool(
        microneedling.depth_reached(needle_um, site).low_um >= needle_um),
    # The layers the tip's range spans, shallowest first ('beyond': past the modelled tissue).
    "tip_layers": lambda needle_um, site: list(
        microneedling.depth_reached(needle_um, site).layers),
    # Whether the tip ends in the dermis across the whole range (every study's depth) ...
    "tip_in_dermis": lambda needle_um, site: microneedling.depth_reached(needle_um,
                                                                         site).in_dermis,
    # ... and whether its deep end reaches the dermis (or goes past it).
    "tip_reaches_dermis": lambda needle_um, site: microneedling.depth_reached(
        needle_um, site).reaches_dermis,
    "channel_density": lambda device, passes: microneedling.channel_density(device, passes).value,
    # Which of two devices makes more channels per cm² in one pass ('not known' where either
    # device's count rests on no source: the pen, the stamp).
    "more_channels_per_pass": lambda device, other: (
        lambda a, b: "not known" if a is None or b is None else
        device if a.value > b.value else other if b.value > a.value else "same")(
        microneedling.channel_density(device, 1), microneedling.channel_density(other, 1)),
    "punctured_percent": lambda device, passes: (
        100 * microneedling.punctured_fraction(device, passes).value),
    # How many times the share punctured grows from `passes` to `other` passes, to 1 decimal.
    "share_growth": lambda device, passes, other: round(
        microneedling.punctured_fraction(device, other).value
        / microneedling.punctured_fraction(device, passes).value, 1),
    # The share punctured as whole percents at the two ends of its range: [low, high].
    "punctured_percent_rounded": lambda device, passes: (
        lambda p: [round(100 * p.low), round(100 * p.high)])(
        microneedling.punctured_fraction(device, passes)),
    # How open, in whole percent, at the fast and at the slow end of a curve's range.
    "open_percent_range": lambda hours, method, study, occluded=None: [
        round(100 * microneedling.curve(method, occluded, study).open_at(hours, end))
        for end in ("low", "high")],
    "open_percent": lambda hours, method, study, occluded=None: (
        100 * microneedling.open_fraction(hours, method, occluded, study)),
    # Healing (skinlab.healing): phases, the teaching model, the studies, the protocols.
    "phase_order": lambda: list(healing.PHASES),
    # The phase active on a day ('overlap' between two windows, 'none' after the last).
    "phase_at": lambda day: (lambda ps: ps[0].key if len(ps) == 1 else
                             "overlap" if ps else "none")(healing.active_phases(day)),
    "dominant_collagen": lambda day, sessions=1, interval_weeks=4: healing.dominant_type(
        day, sessions, interval_weeks),
    "design_order": lambda: healing.design_order(),
    # The one study of a design (a list when there are several).
    "study_of_design": lambda design: (lambda keys: keys[0] if len(keys) == 1 else keys)(
        [r.key for r in healing.studies() if r.design == design]),
    "histology_controlled": lambda: any(r.controlled for r in healing.studies("histology")),
    "interval_median_weeks": lambda: healing.protocol("interval_range").value,
    "interval_range_weeks": lambda: (lambda v: [v.low, v.high])(healing.protocol("interval_range")),
    # Penetration (skinlab.diffusion): Potts-Guy, a membrane's lag time, the teaching model.
    "kp_potts_guy": lambda log_kow, mw: diffusion.kp_potts_guy(log_kow, mw),
    "kp_ratio": lambda log_kow, mw, other_mw, digits=0: round(
        diffusion.kp_potts_guy(log_kow, mw) / diffusion.kp_potts_guy(log_kow, other_mw), digits),
    "lag_time_h": lambda h_um, d_cm2_h: diffusion.Layer(h_um / 1e4, d_cm2_h).lag_h,
    "in_domain": lambda molecule: diffusion.molecule(molecule).in_domain,
    "fastest_intact": lambda molecules: max(
        (m for m in molecules if diffusion.molecule(m).in_domain),
        key=lambda m: diffusion.molecule(m).kp),
    # The delivery model (skinlab.diffusion.delivered): a 1 mm roller, 15 passes, the product
    # straight after by default; ``applied_mg_cm2`` None is an infinite dose (a diffusion cell),
    # a number a finite dose. Ratios are ranges; no key uses their midpoint.
    # Treated over intact, [low, high], rounded to ``digits`` (None where the model gives none).
    "delivery_ratio_range": lambda molecule, treatment="microneedled", needle_um=1000.0,
    passes=15, delay_h=0.0, applied_mg_cm2=None, digits=0: (
        lambda r: None if r is None else [round(x, digits) for x in r])(
        _delivery(molecule, treatment, needle_um, passes, delay_h, applied_mg_cm2).ratio_range),
    # The same range as bands: [the highest edge at or below its low end, the lowest edge at or
    # above its high end], edges 1, 2, 10, 100, 1,000, 10,000 ('from no gain to under twice').
    "delivery_ratio_band": lambda molecule, treatment="microneedled", needle_um=1000.0,
    passes=15, delay_h=0.0, applied_mg_cm2=None: (
        lambda r: None if r is None else _band(*r))(
        _delivery(molecule, treatment, needle_um, passes, delay_h, applied_mg_cm2).ratio_range),
    # How much of the gain over intact skin is left when the product goes on ``delay_h`` hours
    # after the session, at the slow end of the closure data: 'none', 'less than half',
    # 'half or more'.
    "gain_left": lambda molecule, delay_h, applied_mg_cm2=None: (
        lambda now, later: "none" if later <= 1e-9 * max(now, 1e-300) else
        "less than half" if later < 0.5 * now else "half or more")(
        *(max(0.0, (lambda d: d.treated_high - d.intact)(
            _delivery(molecule, delay_h=h, applied_mg_cm2=applied_mg_cm2)))
          for h in (0.0, delay_h))),
    # Which of two molecules can gain more from a treatment: the higher top of the ratio's range
    # ('same' within 1%).
    "gains_more": lambda molecule, other, treatment="microneedled", applied_mg_cm2=None: (
        lambda a, b: "same" if abs(a - b) <= 0.01 * max(a, b) else molecule if a > b else other)(
        *((_delivery(k, treatment, applied_mg_cm2=applied_mg_cm2).ratio_range or (0.0, 0.0))[1]
          for k in (molecule, other))),
    # Does the longer needle deliver more in 24 h, at either end of the range or its midpoint?
    # (Past the epidermis: no, the same path.)
    "longer_delivers_more": lambda molecule, needle_um, other_um, applied_mg_cm2=None: (
        lambda a, b: any(y > x * (1 + 1e-9) for x, y in (
            (a.treated, b.treated), (a.treated_low, b.treated_low),
            (a.treated_high, b.treated_high))))(
        _delivery(molecule, "microneedled", needle_um, applied_mg_cm2=applied_mg_cm2),
        _delivery(molecule, "microneedled", other_um, applied_mg_cm2=applied_mg_cm2)),
    # With a finite dose, can any end of the range deliver more than was applied?
    "delivers_more_than_applied": lambda molecule, applied_mg_cm2, treatment="microneedled": (
        lambda d: any(x is not None and x > d.applied * (1 + 1e-9)
                      for x in (d.treated, d.treated_low, d.treated_high, d.intact,
                                d.intact_low, d.intact_high)))(
        _delivery(molecule, treatment, applied_mg_cm2=applied_mg_cm2)),
    # Microneedling vs exfoliation (skinlab.compare): which goes deeper at a site.
    # 'needle' when even the shallow end of the tip's range is below the exfoliant's depth,
    # 'exfoliant' when even its deep end is above it, 'overlap' otherwise.
    "deeper_of": lambda site, method, strength, needle_mm, device="roller", passes=15: (
        lambda c: "needle" if c.reach.low_um > c.exfoliant_depth_um else
        "exfoliant" if c.reach.high_um < c.exfoliant_depth_um else "overlap")(
        compare.compare(site, method, strength, needle_mm, device, passes)),
}


BAND_EDGES = (1.0, 2.0, 10.0, 100.0, 1000.0, 10000.0)


def _band(low: float, high: float) -> list[float]:
    """[the highest edge <= low, the lowest edge >= high] of :data:`BAND_EDGES` (a ratio's
    range as the bands a question offers); a tolerance of one part in a million at the edges."""
    lo = max((e for e in BAND_EDGES if e <= low * (1 + 1e-6)), default=0.0)
    hi = min((e for e in BAND_EDGES if e >= high * (1 - 1e-6)), default=math.inf)
    return [lo, hi]


def _delivery(molecule: str, treatment: str = "microneedled", needle_um: float = 1000.0,
              passes: int = 15, delay_h: float = 0.0, applied_mg_cm2: float | None = None):
    """:func:`skinlab.diffusion.delivered` with a roller (the device the model's share uses)."""
    return diffusion.delivered(molecule, treatment, needle_um, "roller", passes, delay_h,
                               applied_mg_cm2)



def model_value(spec: dict) -> Any:
    """The value of ``{model: NAME, **arguments}``; KeyError for an unknown model name."""
    spec = dict(spec)
    name = spec.pop("model", None)
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r} (known: {', '.join(MODELS)})")
    return MODELS[name](**spec)
