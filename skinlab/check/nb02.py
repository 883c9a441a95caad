"""Checks for exercise 02 (renewal and peels)."""

from __future__ import annotations

from typing import Any

from skinlab import anatomy

from skinlab.check.base import Feedback, not_yet, number_feedback, unanswered


def check_shed_day(answer: Any, age: str = "older_adult") -> Feedback:
    """On which day after leaving the basal layer is a cohort shed, for an age group?

    Parameters
    ----------
    answer : Any
        The learner's answer: a number of days.
    age : str, optional
        The age group: ``"young_adult"`` or ``"older_adult"``.

    Returns
    -------
    Feedback
        True within half a day of the model's shedding day; otherwise a "Not yet" with a hint
        (the day the cells reach the stratum corneum, the other age group, ...). It never raises
        for an answer.

    Examples
    --------
    >>> from skinlab.text import say
    >>> say(check_shed_day(14, "older_adult"), width=80)
    Not yet: day 14 is when the cells reach the stratum corneum. They still have to
    cross it. Hint: journey(age).shed_day, or add the two stages.
    >>> from skinlab import renewal
    >>> say(check_shed_day(renewal.journey("older_adult").shed_day, "older_adult"), width=80)
    Correct: for an older adult the cohort is shed around day 42.1 (the sources'
    ranges allow day 37.5 to 45.8).
    """
    from skinlab import renewal

    early = number_feedback(answer, "a number of days")
    if early is not None:
        return early
    j = renewal.journey(age)
    who = renewal.AGE_LABELS[j.age]
    who = ("an " if who[0] in "aeiou" else "a ") + who
    if abs(answer - j.shed_day) <= 0.5:
        low, high = j.shed_range
        return Feedback(True, f"Correct: for {who} the cohort is shed around day "
                        f"{j.shed_day:g} (the sources' ranges allow day {low:g} to {high:g}).")
    if abs(answer - j.reaches_corneum_day) <= 0.5:
        return not_yet(f"day {answer:g} is when the cells reach the stratum corneum. They still "
                        f"have to cross it. Hint: journey(age).shed_day, or add the two stages.")
    if abs(answer - j.corneum.value) <= 0.5:
        return not_yet(f"{answer:g} days is the time spent crossing the stratum corneum alone. "
                        f"Hint: add the days it took to get there.")
    other = renewal.journey("young_adult" if j.age == "older_adult" else "older_adult")
    if abs(answer - other.shed_day) <= 0.5:
        return not_yet(f"day {answer:g} is the shedding day for the other age group. Check the "
                        f"age you passed to renewal.journey().")
    return not_yet(f"day {answer:g} is not when {who}'s cohort is shed. Hint: "
                    f"renewal.journey('{j.age}') has reaches_corneum_day and shed_day.")



def check_peel_depths(answer: Any, peels: dict, sites: tuple) -> Feedback:
    """The deepest point each peel can reach at each site, in micrometres.

    ``peels`` maps a name to (method, strength); ``answer`` maps (name, site) to micrometres.

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{(peel name, site): depth in micrometres}``, one entry a peel and
        site.
    peels : dict
        ``{peel name: (method, strength)}`` (see :func:`skinlab.exfoliation.removal`).
    sites : tuple of str
        The body sites.

    Returns
    -------
    Feedback
        True when every depth matches the model within 0.5 µm (or 0.5%); otherwise a "Not yet"
        that names the first entry missing or wrong, with a hint. It never raises for an answer.

    Examples
    --------
    >>> from skinlab import exfoliation
    >>> peels = {"glycolic": ("glycolic_acid", "superficial"),
    ...          "TCA": ("trichloroacetic_acid", "medium")}
    >>> sites = ("cheek", "eyelid")
    >>> check_peel_depths({}, peels, sites)
    Not yet: there is no entry for ('glycolic', 'cheek'); the dict needs one per peel and si...
    >>> depths = {(name, site): exfoliation.removal(m, s, site).bottom_um
    ...           for name, (m, s) in peels.items() for site in sites}
    >>> from skinlab.text import say
    >>> say(check_peel_depths(depths, peels, sites), width=80)
    Correct: all 4 depths match the model. Every peel ends nearer the surface on the
    mid-tarsal upper eyelid than on the cheek: the class is the same, but the same
    layer lies fewer micrometres down there.
    """
    from skinlab import exfoliation

    what = "a dict mapping (peel name, site) to micrometres"
    early = unanswered(answer, what)
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return not_yet(f"give {what}, not a {type(answer).__name__}.")
    want = {(name, site): exfoliation.removal(m, s, site)
            for name, (m, s) in peels.items() for site in sites}
    missing = [k for k in want if k not in answer]
    if missing:
        name, site = missing[0]
        return not_yet(f"there is no entry for ({name!r}, {site!r}); the dict needs one per "
                        f"peel and site, {len(want)} in all.")
    for key, r in want.items():
        got = answer[key]
        name, site = key
        bad = number_feedback(got, "a number of micrometres")
        if bad is not None:
            return not_yet(f"the entry for ({name!r}, {site!r}) is not a number.")
        if abs(got - r.bottom_um) <= max(0.5, 0.005 * r.bottom_um):
            continue
        if abs(got - r.top_um) <= 0.5:
            return not_yet(f"{got:g} µm is where the {r.layer.label} starts at the "
                            f"{anatomy.site_label(site)}; a peel reaches into that layer, so "
                            f"give the deepest point it can reach: the layer's bottom "
                            f"(removal(...).bottom_um).")
        if abs(got * 1000 - r.bottom_um) <= 1:
            return not_yet("that looks like millimetres; the models work in micrometres.")
        return not_yet(f"{got:g} µm is not the deepest point {name} can reach at the "
                        f"{anatomy.site_label(site)}. Hint: exfoliation.removal(method, "
                        f"strength, site).bottom_um.")
    shallower = [name for name in peels
                 if want[(name, sites[-1])].bottom_um < want[(name, sites[0])].bottom_um]
    extra = ""
    if len(sites) == 2 and len(shallower) == len(peels):
        extra = (f" Every peel ends nearer the surface on the {anatomy.site_label(sites[-1])} "
                 f"than on the {anatomy.site_label(sites[0])}: the class is the same, but the "
                 f"same layer lies fewer micrometres down there.")
    return Feedback(True, f"Correct: all {len(want)} depths match the model.{extra}")

