"""Checks for exercise 03 (needles and channels)."""

from __future__ import annotations

import math
from typing import Any

from skinlab import anatomy

from skinlab.check.base import Feedback, not_yet, number_feedback, site_names, unanswered


# -- notebook 03: microneedling ------------------------------------------------------------------
def check_density(answer: Any, device: str = "roller", passes: int = 15) -> Feedback:
    """Channels per cm² after some passes of a device.

    Parameters
    ----------
    answer : Any
        The learner's answer: channels per cm².
    device : str, optional
        ``"roller"`` (its density is known from its cited geometry).
    passes : int, optional
        Passes over the skin.

    Returns
    -------
    Feedback
        True within 2% of the model's density; otherwise a "Not yet" with a hint (one pass only,
        the radius for the diameter, ...). It never raises for an answer.

    Examples
    --------
    >>> import math
    >>> from skinlab import microneedling
    >>> n = microneedling.device_value("roller", "needles").value
    >>> d = microneedling.device_value("roller", "drum_diameter").value
    >>> w = microneedling.device_value("roller", "drum_width").value
    >>> check_density(n / (math.pi * d * w), "roller", 15)
    Not yet: 15.2789 is one pass. Multiply by the 15 passes.
    >>> check_density(15 * n / (math.pi * d * w), "roller", 15)
    Correct: about 229 channels per cm² (15.3 per pass times 15).
    """
    from skinlab import microneedling as mn

    early = number_feedback(answer, "a number of channels per cm²")
    if early is not None:
        return early
    want = mn.channel_density(device, passes).value
    one = mn.per_pass(device).value
    if abs(answer - want) <= 0.02 * want:
        return Feedback(True, f"Correct: about {want:.0f} channels per cm² ({one:.1f} per pass "
                        f"times {passes}).")
    if abs(answer - one) <= 0.02 * one:
        return not_yet(f"{answer:g} is one pass. Multiply by the {passes} passes.")
    if device == "roller" and abs(answer - 192 * passes / (math.pi * 1.0 * 2.0)) < 1:
        return not_yet("the circumference is π times the diameter (2 cm), not the radius.")
    return not_yet(f"{answer:g} per cm² is not it. Hint: one turn of the drum covers "
                    f"π × diameter × width cm²; needles over that area is one pass.")



def check_sites_tip_in_dermis(answer: Any, needle_um: float = 1000) -> Feedback:
    """The sites at which a needle's tip ends in the dermis across its whole range (from
    ``low_um`` to ``high_um``: ``Reach.in_dermis``).

    Parameters
    ----------
    answer : Any
        The learner's answer: a list (or set) of site names.
    needle_um : float, optional
        The needle's length, in micrometres.

    Returns
    -------
    Feedback
        True when the sites are exactly those where the whole range lies in the dermis; otherwise
        a "Not yet" that names the sites missed or wrongly included. It never raises for an
        answer.

    Examples
    --------
    >>> from skinlab import anatomy, microneedling
    >>> in_dermis = {s for s in anatomy.sites() if microneedling.depth_reached(1000, s).in_dermis}
    >>> from skinlab.text import say
    >>> say(check_sites_tip_in_dermis(in_dermis, 1000), width=80)
    Correct: back, cheek, forearm, forehead: there the whole range, from its shallow
    end to its deep end, lies in the dermis. Check the others in the needle
    explorer: which layers does the range span there?
    >>> say(check_sites_tip_in_dermis(["palm"], 1000), width=80)
    Not yet: the tip also ends in the dermis at back, cheek, forearm, forehead; at
    palm it does not across the whole range (look at depth_reached(1000,
    site).low_layer and .high_layer).
    """
    from skinlab import microneedling as mn

    names = site_names(answer)
    if isinstance(names, Feedback):
        return names
    got = set(names)
    want = {s for s in anatomy.sites() if mn.depth_reached(needle_um, s).in_dermis}
    if got == want:
        return Feedback(True, f"Correct: {', '.join(sorted(want))}: there the whole range, "
                        f"from its shallow end to its deep end, lies in the dermis. Check the "
                        f"others in the needle explorer: which layers does the range span there?")
    missing, extra = want - got, got - want
    parts = []
    if missing:
        parts.append(f"the tip also ends in the dermis at {', '.join(sorted(missing))}")
    if extra:
        parts.append(f"at {', '.join(sorted(extra))} it does not across the whole range "
                     f"(look at depth_reached({needle_um:g}, site).low_layer and .high_layer)")
    return not_yet("; ".join(parts) + ".")



def check_half_life(answer: Any, study: str = "sites_forearm") -> Feedback:
    """A half-life (hours) fitted to the course's model of a study's closure curve (the model is
    drawn from the half-life the study reported: no measured points are in the data).

    Parameters
    ----------
    answer : Any
        The learner's answer: a half-life in hours.
    study : str, optional
        A closure curve's key or population (one with a reported half-life).

    Returns
    -------
    Feedback
        True within 5% of the half-life the curve was built from; otherwise a "Not yet" with a
        hint (the time constant instead of the half-life, ...). It never raises for an answer.

    Examples
    --------
    >>> import math
    >>> import numpy as np
    >>> from skinlab import microneedling
    >>> hours = np.arange(0, 49, 6)
    >>> share = [microneedling.open_fraction(h, "impedance", None, "sites_forearm") for h in hours]
    >>> slope, _ = np.polyfit(hours, np.log(share), 1)
    >>> from skinlab.text import say
    >>> say(check_half_life(-math.log(2) / slope, "sites_forearm"), width=80)
    Correct: about 20.2 h, the half-life the course's model was built from (the
    study reported it; its measured points are not in the course's data). The fit
    gives back what went in: it checks the method, not the study. A straight line
    ...
    >>> check_half_life(-1 / slope, "sites_forearm")
    Not yet: that is the time constant (1/k). The half-life is ln 2 / k.
    """
    from skinlab import microneedling as mn

    early = number_feedback(answer, "a number of hours")
    if early is not None:
        return early
    c = next(c for c in mn.curves() if study in (c.key, c.population))
    want = c.half_life.value
    if abs(answer - want) <= 0.05 * want:
        return Feedback(True, f"Correct: about {want:g} h, the half-life the course's model "
                        f"was built from (the study reported it; its measured points are not in "
                        f"the course's data). The fit gives back what went in: it checks the "
                        f"method, not the study. A straight line through log(open share) against "
                        f"time has slope -ln 2 / half-life.")
    if abs(answer - want / math.log(2)) <= 0.05 * want:
        return not_yet("that is the time constant (1/k). The half-life is ln 2 / k.")
    return not_yet(f"{answer:g} h is not it. Hint: fit a line to np.log(open_share) against "
                    f"hours; the half-life is -ln 2 divided by its slope.")



def check_shares(answer: Any, settings: dict) -> Feedback:
    """The share of the surface punctured for several (device, passes) settings: a (low, high)
    pair of fractions where it is known from sources, None where it is not (a pen, a stamp).

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{setting name: (low, high) or None}``, shares from 0 to 1.
    settings : dict
        ``{setting name: (device, passes)}``.

    Returns
    -------
    Feedback
        True when every pair matches :func:`skinlab.microneedling.punctured_fraction` within
        0.2% (and None stands where no source gives the share); otherwise a "Not yet" with a
        hint. It never raises for an answer.

    Examples
    --------
    >>> from skinlab import microneedling
    >>> settings = {"roller, 15 passes": ("roller", 15), "pen, 3 passes": ("pen", 3)}
    >>> check_shares({"roller, 15 passes": (0.66, 1.16), "pen, 3 passes": None}, settings)
    Not yet: roller, 15 passes: give shares between 0 and 1, not percentages.
    >>> p = microneedling.punctured_fraction("roller", 15)
    >>> from skinlab.text import say
    >>> say(check_shares({"roller, 15 passes": (p.low, p.high), "pen, 3 passes": None}, settings),
    ...     width=80)
    Correct: roller, 15 passes: 0.66% to 1.16%; pen, 3 passes: not known. Where no
    source gives a number, the course computes none. Whatever the share, nothing is
    removed.
    """
    from numbers import Real

    from skinlab import microneedling as mn

    early = unanswered(answer, "a dict of shares")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return not_yet("give a dict: {setting name: (low, high) share punctured, or None}.")
    for name, (device, passes) in settings.items():
        if name not in answer:
            return not_yet(f"no share for {name!r} yet.")
        got = answer[name]
        want = mn.punctured_fraction(device, passes)
        if want is None:
            if got is not None:
                return not_yet(f"{name}: no source gives how many channels a "
                                f"{mn.device_noun(device)} makes per cm², so its share is not "
                                f"known: put None (punctured_fraction returns None).")
            continue
        if got is None:
            return not_yet(f"{name}: this share is known from sources; "
                            f"punctured_fraction({device!r}, {passes}) gives its low and high.")
        if isinstance(got, Real) and not isinstance(got, bool):
            return not_yet(f"{name}: give the range, a pair (low, high), not one number.")
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return not_yet(f"{name}: give a pair (low, high) of shares between 0 and 1.")
        for end, value in zip(("low", "high"), got):
            bad = number_feedback(value, f"the {end} share for {name!r}")
            if bad is not None:
                return bad
        lo, hi = (float(v) for v in got)
        if all(abs(g - 100 * w) <= 0.02 * 100 * w for g, w in ((lo, want.low), (hi, want.high))):
            return not_yet(f"{name}: give shares between 0 and 1, not percentages.")
        tol = 0.002  # relative: at about 1% punctured, overlap changes the share by 0.6%
        if abs(lo - want.low) > tol * want.low or abs(hi - want.high) > tol * want.high:
            n = mn.channel_density(device, passes)
            d = mn.surface_diameter_um(device)
            flat = (n.low * math.pi * (d.low * 1e-4) ** 2 / 4,
                    n.high * math.pi * (d.high * 1e-4) ** 2 / 4)
            if abs(lo - flat[0]) <= tol * want.low and abs(hi - flat[1]) <= tol * want.high:
                return not_yet(f"{name}: that ignores overlap. Use 1 - exp(-n·πd²/4).")
            if abs(lo - want.high) <= tol * want.high and abs(hi - want.low) <= tol * want.low:
                return not_yet(f"{name}: low first, then high.")
            return not_yet(f"{name}: ({lo:.4g}, {hi:.4g}) is not it. Hint: "
                            f"p = microneedling.punctured_fraction(device, passes); "
                            f"(p.low, p.high).")
    words = []
    for name, (d, p) in settings.items():
        share = mn.punctured_fraction(d, p)
        words.append(f"{name}: not known" if share is None else
                     f"{name}: {share.low:.2%} to {share.high:.2%}")
    return Feedback(True, "Correct: " + "; ".join(words) + ". Where no source gives a number, "
                    "the course computes none. Whatever the share, nothing is removed.")

