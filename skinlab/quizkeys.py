"""Answer keys tied to the models.

``MODELS``: the functions a quiz key can be checked against (``check:`` or ``answer:`` with
``{model: NAME, ...}`` in a bank). Each returns a plain value computed from ``skinlab``'s models,
so a change in the data that makes a key stale fails validation. (Numbers a learner types are read
by :func:`skinlab.units.parse`.)
"""

from __future__ import annotations

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
    # Renewal: a cohort that leaves the basal layer on day 0 (skinlab.renewal).
    "reaches_corneum_day": lambda age="young_adult": renewal.journey(age).reaches_corneum_day,
    "shed_day": lambda age="young_adult": renewal.journey(age).shed_day,
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
    "peel_layer": lambda method, strength, site: (
        exfoliation.removal(method, strength, site).layer.key),
    # Can a method end further below the surface at one site than at another?
    "peel_deeper_than": lambda method, strength, site, other_site: bool(
        exfoliation.removal(method, strength, site).bottom_um
        > exfoliation.removal(method, strength, other_site).bottom_um),
    # Microneedling (skinlab.microneedling): depth reached, channels, closure.
    "depth_typical_um": lambda needle_um, site="cheek": (
        microneedling.depth_reached(needle_um, site).typical_um),
    "depth_reaches_length": lambda needle_um, site="cheek": bool(
        microneedling.depth_reached(needle_um, site).high_um >= needle_um),
    # The layer the tip ends in at the typical depth ('beyond': past the modelled tissue).
    "tip_layer": lambda needle_um, site: (
        lambda r: r.layer.key if r.layer is not None else "beyond")(
        microneedling.depth_reached(needle_um, site)),
    "tip_in_dermis": lambda needle_um, site: microneedling.depth_reached(needle_um,
                                                                         site).in_dermis,
    "channel_density": lambda device, passes: microneedling.channel_density(device, passes).value,
    "punctured_percent": lambda device, passes: (
        100 * microneedling.punctured_fraction(device, passes).value),
    "open_percent": lambda hours, method, study, occluded=None: (
        100 * microneedling.open_fraction(hours, method, occluded, study)),
    # Healing (skinlab.healing): phases, the teaching model, the studies, the protocols.
    "phase_order": lambda: list(healing.PHASES),
    # The phase active on a day ('overlap' between two windows, 'none' after the last).
    "phase_at": lambda day: (lambda ps: ps[0].key if len(ps) == 1 else
                             "overlap" if ps else "none")(healing.active_phases(day)),
    "dominant_collagen": lambda day, sessions=1, interval_weeks=4: healing.dominant_type(
        day, sessions, interval_weeks),
    "design_order": lambda: list(healing.DESIGNS),
    # The one study of a design (a list when there are several).
    "study_of_design": lambda design: (lambda keys: keys[0] if len(keys) == 1 else keys)(
        [r.key for r in healing.studies() if r.design == design]),
    "histology_controlled": lambda: any(r.controlled for r in healing.studies("histology")),
    "interval_median_weeks": lambda: healing.protocol("interval_range").value,
    # Penetration (skinlab.diffusion): Potts-Guy, a membrane's lag time, the teaching model.
    "kp_potts_guy": lambda log_kow, mw: diffusion.kp_potts_guy(log_kow, mw),
    "kp_ratio": lambda log_kow, mw, other_mw, digits=0: round(
        diffusion.kp_potts_guy(log_kow, mw) / diffusion.kp_potts_guy(log_kow, other_mw), digits),
    "lag_time_h": lambda h_um, d_cm2_h: diffusion.Layer(h_um / 1e4, d_cm2_h).lag_h,
    "in_domain": lambda molecule: diffusion.molecule(molecule).in_domain,
    "delivery_ratio": lambda molecule, treatment="microneedled", needle_um=1000.0, passes=15,
    delay_h=0.0: diffusion.delivered(molecule, treatment, needle_um, "roller", passes,
                                     delay_h).ratio,
    # Which of two molecules gains more from a treatment in the model (its key).
    "gains_more": lambda molecule, other, treatment="microneedled": max(
        (molecule, other), key=lambda k: diffusion.delivered(k, treatment).ratio or 0.0),
    # Does the longer needle deliver more in 24 h? (Past the epidermis: no, the same path.)
    "longer_delivers_more": lambda molecule, needle_um, other_um: bool(
        diffusion.delivered(molecule, "microneedled", other_um).treated
        > diffusion.delivered(molecule, "microneedled", needle_um).treated * (1 + 1e-9)),
    # Microneedling vs exfoliation (skinlab.compare): which goes deeper at a site.
    "deeper_of": lambda site, method, strength, needle_mm, device="roller", passes=15: (
        lambda c: "needle" if c.needle_depth_um > c.exfoliant_depth_um else "exfoliant")(
        compare.compare(site, method, strength, needle_mm, device, passes)),
}



def model_value(spec: dict) -> Any:
    """The value of ``{model: NAME, **arguments}``; KeyError for an unknown model name."""
    spec = dict(spec)
    name = spec.pop("model", None)
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r} (known: {', '.join(MODELS)})")
    return MODELS[name](**spec)
