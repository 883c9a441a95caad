"""Exercise checks: specific, friendly feedback, never a traceback.

Each ``check_*`` function takes the learner's answer (whatever it is: ``...``, None, a wrong
type) and returns a :class:`Feedback`, whose text says what is right, or what is wrong and a
hint. Expected answers are computed from the skinlab models, never typed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from skinlab import anatomy, compare
from skinlab.text import format_um

EPIDERMIS = ("stratum_corneum", "viable_epidermis")


@dataclass(frozen=True)
class Feedback:
    passed: bool
    message: str

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return self.passed


def _not_yet(message: str) -> Feedback:
    return Feedback(False, "Not yet: " + message)


def _placeholder(answer: Any, what: str) -> Feedback | None:
    if answer is Ellipsis:
        return _not_yet(f"replace the ... with {what}, then run the cell again.")
    if answer is None:
        return _not_yet(f"your answer is None. Assign {what} to the variable (did a line "
                        f"print instead of assign, or a function forget to return?).")
    return None


def _number(answer: Any, what: str) -> Feedback | None:
    """A 'Not yet' for anything that is not a finite number (None when it is one)."""
    early = _placeholder(answer, what)
    if early is not None:
        return early
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return _not_yet(f"give {what}, not {type(answer).__name__} {str(answer)[:40]!r}.")
    if not math.isfinite(answer):
        return _not_yet("that is not a finite number.")
    return None



def _in_mm(answer: float, want_um: float, tol_um: float) -> bool:
    """Does a number read as millimetres match a depth or thickness wanted in micrometres?"""
    return abs(answer * 1000 - want_um) <= tol_um


def _epidermis_bottom(site: str) -> float:
    return anatomy.layers_at(site)[1].bottom_um


def _site_names(answer: Any) -> list[str] | Feedback:
    """A learner's list of site names as the data's keys (any case), or a 'Not yet' saying what
    is wrong with it."""
    what = "a list of site names, such as ['cheek', 'palm']"
    early = _placeholder(answer, what)
    if early is not None:
        return early
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return _not_yet(f"give {what}, not a {type(answer).__name__}.")
    known = anatomy.sites()
    names = []
    for item in answer:
        if not isinstance(item, str):
            return _not_yet(f"every item must be a site name in quotes; {item!r} is not.")
        key = item.strip().lower()
        if key not in known:
            return _not_yet(f"'{item}' is not a body site in the course. The sites are: "
                            f"{', '.join(known)}.")
        names.append(key)
    return names


def check_sites_in_epidermis(answer: Any, depth_um: float = 300) -> Feedback:
    """At which body sites is ``depth_um`` still in the epidermis (stratum corneum or viable
    epidermis)? ``answer`` is a list of site names."""
    names = _site_names(answer)
    if isinstance(names, Feedback):
        return names
    known = anatomy.sites()
    expected = {s for s in known if anatomy.layer_at_depth(s, depth_um).key in EPIDERMIS}
    chosen = set(names)
    extra = sorted(chosen - expected)
    missed = sorted(expected - chosen)
    if not extra and not missed:
        labels = [anatomy.site_label(s) for s in known if s in expected]
        sites = " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        verb = "are" if len(labels) > 1 else "is"
        return Feedback(True, f"Correct: at {format_um(depth_um)} only the {sites} {verb} "
                        f"still in the epidermis. Thick skin carries a far deeper epidermis.")
    if extra:
        s = extra[0]
        layer = anatomy.layer_at_depth(s, depth_um).label
        return _not_yet(f"at the {anatomy.site_label(s)}, {format_um(depth_um)} is already in "
                        f"the {layer}: the epidermis ends at {format_um(_epidermis_bottom(s))}."
                        f" Hint: compare layer_at_depth(site, {depth_um:g}).key with "
                        f"'stratum_corneum' and 'viable_epidermis'.")
    s = missed[0]
    return _not_yet(f"you missed the {anatomy.site_label(s)}, where the epidermis reaches "
                    f"{format_um(_epidermis_bottom(s))}. Hint: loop over anatomy.sites().")


def check_thickness_um(answer: Any, site: str, layer: str) -> Feedback:
    """How thick is ``layer`` at ``site``, in micrometres? ``answer`` is a number."""
    early = _number(answer, "a number of micrometres (like 56.6)")
    if early is not None:
        return early
    lay = next(x for x in anatomy.layers_at(site) if x.key == layer)
    want = lay.thickness_um
    label = f"the {lay.label} at the {anatomy.site_label(site)}"
    if abs(answer - want) <= max(0.5, 0.005 * want):
        return Feedback(True, f"Correct: {label} is about {format_um(want)} thick "
                        f"(the sources range from {format_um(lay.thickness_low_um)} to "
                        f"{format_um(lay.thickness_high_um)}).")
    if want and _in_mm(answer, want, max(0.5, 0.005 * want)):
        return _not_yet("that looks like millimetres. The models work in micrometres: "
                        "multiply by 1000.")
    if abs(answer - lay.bottom_um) <= 0.5:
        return _not_yet(f"{answer:g} µm is where {label} ends (its bottom depth), not its "
                        f"thickness. Hint: use layer.thickness_um, or bottom_um - top_um.")
    return _not_yet(f"{answer:g} µm is not the thickness of {label}. Hint: find the layer in "
                    f"anatomy.layers_at('{site}') and read its thickness_um.")


def check_shed_day(answer: Any, age: str = "older_adult") -> Feedback:
    """On which day after leaving the basal layer is a cohort shed, for an age group?"""
    from skinlab import renewal

    early = _number(answer, "a number of days")
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
        return _not_yet(f"day {answer:g} is when the cells reach the stratum corneum. They still "
                        f"have to cross it. Hint: journey(age).shed_day, or add the two stages.")
    if abs(answer - j.corneum.value) <= 0.5:
        return _not_yet(f"{answer:g} days is the time spent crossing the stratum corneum alone. "
                        f"Hint: add the days it took to get there.")
    other = renewal.journey("young_adult" if j.age == "older_adult" else "older_adult")
    if abs(answer - other.shed_day) <= 0.5:
        return _not_yet(f"day {answer:g} is the shedding day for the other age group. Check the "
                        f"age you passed to renewal.journey().")
    return _not_yet(f"day {answer:g} is not when {who}'s cohort is shed. Hint: "
                    f"renewal.journey('{j.age}') has reaches_corneum_day and shed_day.")


def check_peel_depths(answer: Any, peels: dict, sites: tuple) -> Feedback:
    """The deepest point each peel can reach at each site, in micrometres.

    ``peels`` maps a name to (method, strength); ``answer`` maps (name, site) to micrometres.
    """
    from skinlab import exfoliation

    what = "a dict mapping (peel name, site) to micrometres"
    early = _placeholder(answer, what)
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return _not_yet(f"give {what}, not a {type(answer).__name__}.")
    want = {(name, site): exfoliation.removal(m, s, site)
            for name, (m, s) in peels.items() for site in sites}
    missing = [k for k in want if k not in answer]
    if missing:
        name, site = missing[0]
        return _not_yet(f"there is no entry for ({name!r}, {site!r}); the dict needs one per "
                        f"peel and site, {len(want)} in all.")
    for key, r in want.items():
        got = answer[key]
        name, site = key
        bad = _number(got, "a number of micrometres")
        if bad is not None:
            return _not_yet(f"the entry for ({name!r}, {site!r}) is not a number.")
        if abs(got - r.bottom_um) <= max(0.5, 0.005 * r.bottom_um):
            continue
        if abs(got - r.top_um) <= 0.5:
            return _not_yet(f"{got:g} µm is where the {r.layer.label} starts at the "
                            f"{anatomy.site_label(site)}; a peel reaches into that layer, so "
                            f"give the deepest point it can reach: the layer's bottom "
                            f"(removal(...).bottom_um).")
        if abs(got * 1000 - r.bottom_um) <= 1:
            return _not_yet("that looks like millimetres; the models work in micrometres.")
        return _not_yet(f"{got:g} µm is not the deepest point {name} can reach at the "
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


# -- notebook 03: microneedling ------------------------------------------------------------------
def check_density(answer: Any, device: str = "roller", passes: int = 15) -> Feedback:
    """Channels per cm² after some passes of a device."""
    from skinlab import microneedling as mn

    early = _number(answer, "a number of channels per cm²")
    if early is not None:
        return early
    want = mn.channel_density(device, passes).value
    one = mn.per_pass(device).value
    if abs(answer - want) <= 0.02 * want:
        return Feedback(True, f"Correct: about {want:.0f} channels per cm² ({one:.1f} per pass "
                        f"times {passes}).")
    if abs(answer - one) <= 0.02 * one:
        return _not_yet(f"{answer:g} is one pass. Multiply by the {passes} passes.")
    if device == "roller" and abs(answer - 192 * passes / (math.pi * 1.0 * 2.0)) < 1:
        return _not_yet("the circumference is π times the diameter (2 cm), not the radius.")
    return _not_yet(f"{answer:g} per cm² is not it. Hint: one turn of the drum covers "
                    f"π × diameter × width cm²; needles over that area is one pass.")


def check_sites_tip_in_dermis(answer: Any, needle_um: float = 1000) -> Feedback:
    """The sites at which a needle's tip ends in the dermis across its whole range (from
    ``low_um`` to ``high_um``: ``Reach.in_dermis``)."""
    from skinlab import microneedling as mn

    names = _site_names(answer)
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
    return _not_yet("; ".join(parts) + ".")


def check_half_life(answer: Any, study: str = "sites_forearm") -> Feedback:
    """A half-life (hours) fitted to the course's model of a study's closure curve (the model is
    drawn from the half-life the study reported: no measured points are in the data)."""
    from skinlab import microneedling as mn

    early = _number(answer, "a number of hours")
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
        return _not_yet("that is the time constant (1/k). The half-life is ln 2 / k.")
    return _not_yet(f"{answer:g} h is not it. Hint: fit a line to np.log(open_share) against "
                    f"hours; the half-life is -ln 2 divided by its slope.")


def check_shares(answer: Any, settings: dict) -> Feedback:
    """The share of the surface punctured for several (device, passes) settings: a (low, high)
    pair of fractions where it is known from sources, None where it is not (a pen, a stamp)."""
    from numbers import Real

    from skinlab import microneedling as mn

    early = _placeholder(answer, "a dict of shares")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return _not_yet("give a dict: {setting name: (low, high) share punctured, or None}.")
    for name, (device, passes) in settings.items():
        if name not in answer:
            return _not_yet(f"no share for {name!r} yet.")
        got = answer[name]
        want = mn.punctured_fraction(device, passes)
        if want is None:
            if got is not None:
                return _not_yet(f"{name}: no source gives how many channels a "
                                f"{mn.device_noun(device)} makes per cm², so its share is not "
                                f"known: put None (punctured_fraction returns None).")
            continue
        if got is None:
            return _not_yet(f"{name}: this share is known from sources; "
                            f"punctured_fraction({device!r}, {passes}) gives its low and high.")
        if isinstance(got, Real) and not isinstance(got, bool):
            return _not_yet(f"{name}: give the range, a pair (low, high), not one number.")
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return _not_yet(f"{name}: give a pair (low, high) of shares between 0 and 1.")
        for end, value in zip(("low", "high"), got):
            bad = _number(value, f"the {end} share for {name!r}")
            if bad is not None:
                return bad
        lo, hi = (float(v) for v in got)
        if all(abs(g - 100 * w) <= 0.02 * 100 * w for g, w in ((lo, want.low), (hi, want.high))):
            return _not_yet(f"{name}: give shares between 0 and 1, not percentages.")
        tol = 0.002  # relative: at about 1% punctured, overlap changes the share by 0.6%
        if abs(lo - want.low) > tol * want.low or abs(hi - want.high) > tol * want.high:
            n = mn.channel_density(device, passes)
            d = mn.surface_diameter_um(device)
            flat = (n.low * math.pi * (d.low * 1e-4) ** 2 / 4,
                    n.high * math.pi * (d.high * 1e-4) ** 2 / 4)
            if abs(lo - flat[0]) <= tol * want.low and abs(hi - flat[1]) <= tol * want.high:
                return _not_yet(f"{name}: that ignores overlap. Use 1 - exp(-n·πd²/4).")
            if abs(lo - want.high) <= tol * want.high and abs(hi - want.low) <= tol * want.low:
                return _not_yet(f"{name}: low first, then high.")
            return _not_yet(f"{name}: ({lo:.4g}, {hi:.4g}) is not it. Hint: "
                            f"p = microneedling.punctured_fraction(device, passes); "
                            f"(p.low, p.high).")
    words = []
    for name, (d, p) in settings.items():
        share = mn.punctured_fraction(d, p)
        words.append(f"{name}: not known" if share is None else
                     f"{name}: {share.low:.2%} to {share.high:.2%}")
    return Feedback(True, "Correct: " + "; ".join(words) + ". Where no source gives a number, "
                    "the course computes none. Whatever the share, nothing is removed.")


# -- exercise 04: healing -------------------------------------------------------------------------
def check_phases_on_days(answer: Any, days: tuple) -> Feedback:
    """``{day: [phase keys]}``: the phases active on each day (skinlab.healing.active_phases)."""
    from skinlab import healing

    early = _placeholder(answer, "a dict of {day: list of phase keys}")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return _not_yet("give a dict: {day: [phase keys]}, e.g. {2: ['inflammation']}.")
    for day in days:
        if day not in answer:
            return _not_yet(f"no phases for day {day:g} yet.")
        got = answer[day]
        if isinstance(got, str):
            got = [got]
        if not isinstance(got, (list, tuple, set)):
            return _not_yet(f"day {day:g}: give a list of phase keys, not "
                            f"{type(got).__name__}.")
        got_keys = [getattr(p, "key", p) for p in got]
        got_keys = [str(k).strip().lower() for k in got_keys]
        want = [p.key for p in healing.active_phases(day)]
        if sorted(got_keys) != sorted(want):
            if len(want) == 2:
                return _not_yet(f"day {day:g} falls between two of the review's windows: the "
                                f"course counts both phases there ({want[0]} and {want[1]}).")
            return _not_yet(f"day {day:g}: {', '.join(got_keys) or 'nothing'} is not it. Hint: "
                            f"[p.key for p in healing.active_phases({day:g})].")
    return Feedback(True, "Correct: " + "; ".join(
        f"day {d:g}: {' and '.join(p.label for p in healing.active_phases(d))}" for d in days)
        + ". Between two windows, both phases are at work.")


def check_collagen_ratio(answer: Any, schedule: tuple, reference: tuple,
                         day: float = 365) -> Feedback:
    """New collagen I of one schedule over another's on ``day`` (the teaching model)."""
    from skinlab import healing

    early = _number(answer, "a ratio (a plain number)")
    if early is not None:
        return early
    mine = healing.collagen(*schedule, days=[day]).i[0]
    ref = healing.collagen(*reference, days=[day]).i[0]
    want = mine / ref
    # 0.5%: collagen III's ratio lies within 2% of collagen I's (both follow the sessions)
    if abs(answer - want) <= 0.005 * want:
        return Feedback(True, f"Correct: about {want:.2f} times, in the teaching model's "
                        f"arbitrary units. The model adds one response per session, so the ratio "
                        f"mostly counts sessions: twice the sessions, twice the collagen is a "
                        f"property of a linear teaching model, not a finding about skin or a "
                        f"result for a person.")
    if abs(answer - 1 / want) <= 0.02 / want:
        return _not_yet("that is the other way round: divide the first schedule's collagen I by "
                        "the reference's.")
    iii = (healing.collagen(*schedule, days=[day]).iii[0]
           / healing.collagen(*reference, days=[day]).iii[0])
    if abs(answer - iii) <= 0.02 * iii:
        return _not_yet("that compares collagen III. Use the .i arrays (collagen I).")
    return _not_yet(f"{answer:g} is not it. Hint: healing.collagen(sessions, interval_weeks, "
                    f"days=[{day:g}]).i[0] for each schedule, then divide.")


def _key_set(answer: Any, what: str, example: str, lower: bool = False) -> set[str] | Feedback:
    """A learner's set of keys (of studies, claims...), or a 'Not yet' saying what to give."""
    early = _placeholder(answer, f"a set of {what} keys")
    if early is not None:
        return early
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set)):
        return _not_yet(f"give a set of {what} keys, e.g. {{{example!r}}}.")
    keys = {str(getattr(a, "key", a)).strip() for a in answer}
    return {k.lower() for k in keys} if lower else keys


def check_rct_studies(answer: Any) -> Feedback:
    """The keys of the studies that are randomised controlled trials."""
    from skinlab import healing

    got = _key_set(answer, "study", "alam2014", lower=True)
    if isinstance(got, Feedback):
        return got
    want = {r.key for r in healing.studies() if r.design == "rct"}
    if got == want:
        r = healing.study(next(iter(want))) if len(want) == 1 else None
        what = f" ({r.label}: {r.measured})" if r else ""
        return Feedback(True, f"Correct: {', '.join(sorted(want))}{what}. Every other human "
                        f"result in the table rests on a review or a study without a control "
                        f"group.")
    reviews = {r.key for r in healing.studies() if r.design == "systematic_review"}
    if got & reviews:
        return _not_yet("a systematic review gathers studies of many designs; it is not itself "
                        "a randomised trial. Keep only the rows whose design is 'rct'.")
    uncontrolled = {r.key for r in healing.studies() if r.controlled is False}
    if got & uncontrolled:
        return _not_yet(f"{', '.join(sorted(got & uncontrolled))} had no control group, so it "
                        f"cannot be a randomised controlled trial.")
    return _not_yet("not yet. Hint: [r.key for r in healing.studies() if r.design == 'rct'].")


APPRAISAL_KEYS = ("compares", "interval_excludes_zero", "certainty")


def check_trial_appraisal(answer: Any, key: str = "alam2014") -> Feedback:
    """A learner's appraisal of one trial's abstract, before the course's: a dict with
    ``compares`` ('baseline': each side against its own baseline, or 'sides': one side against
    the other), ``interval_excludes_zero`` (for the needled side at 6 months) and ``certainty``
    (one of GRADE's four levels). A grade within one level of the course's is accepted; the
    feedback then gives the course's appraisal."""
    from skinlab import claims, healing

    early = _placeholder(answer, "a dict with " + ", ".join(APPRAISAL_KEYS))
    if early is not None:
        return early
    if not isinstance(answer, dict) or set(answer) != set(APPRAISAL_KEYS):
        return _not_yet("give a dict with exactly these keys: " + ", ".join(APPRAISAL_KEYS) +
                        ", e.g. {'compares': 'sides', 'interval_excludes_zero': False, "
                        "'certainty': 'moderate'}.")
    compares = str(answer["compares"]).strip().lower()
    if compares not in ("baseline", "sides"):
        return _not_yet("'compares' is 'baseline' (each side against its own baseline) or "
                        "'sides' (one side against the other).")
    want = {"within_side": "baseline", "between_sides": "sides"}[healing.trial_comparison(key)]
    if compares != want:
        return _not_yet("read the abstract again: what was each side's score compared with? "
                        "Is any result a difference between the two sides?")
    six = healing.trial_numbers(key)["treated_6_months"]
    if not isinstance(answer["interval_excludes_zero"], bool):
        return _not_yet("'interval_excludes_zero' is True or False.")
    if answer["interval_excludes_zero"] != (six.low > 0 or six.high < 0):
        return _not_yet(f"the 6-month interval runs from {six.low:g} to {six.high:g} points: "
                        f"is 0 inside it?")
    levels = claims.LEVELS
    grade = str(answer["certainty"]).strip().lower().replace(" ", "_")
    if grade not in levels:
        return _not_yet("'certainty' is one of " + ", ".join(repr(x) for x in levels) + ".")
    part = next(p for p in claims.claim("lines_and_scars").parts
                if any(st.source == healing.study(key).source for st in p.studies))
    ours = part.certainty
    if abs(levels.index(grade) - levels.index(ours)) > 1:
        hint = ("what would rate it down: how many people, how wide the interval, what was "
                "compared?" if levels.index(grade) < levels.index(ours) else
                "it is a randomised trial, which starts high: what rated it down so far?")
        return _not_yet(f"your grade, {grade.replace('_', ' ')}, is far from the course's. "
                        f"Think again: {hint}")
    return Feedback(True, f"Correct: the abstract tests each side against its own baseline, "
                    f"not one side against the other, and the 6-month interval ({six.low:g} to "
                    f"{six.high:g} points) excludes 0 by {min(abs(six.low), abs(six.high)):g} "
                    f"points at its near end. You graded "
                    f"{grade.replace('_', ' ')}; the course's appraisal of the acne-scar "
                    f"evidence: {part.words()}")


def check_crossover_day(answer: Any) -> Feedback:
    """The first day on which, after one session, the model has more new collagen I than III."""
    from skinlab import healing

    early = _number(answer, "a day (a number)")
    if early is not None:
        return early
    c = healing.collagen(1)
    later = c.days[(c.i > c.iii) & (c.days > 0)]
    want = float(later[0])
    if abs(answer - want) <= 2:
        return Feedback(True, f"Correct: around day {want:.0f}. Collagen III peaks at the end "
                        f"of proliferation (day {healing.phase('proliferation').end.value:g}); "
                        f"collagen I overtakes it months later, in the teaching model (its rates "
                        f"are course assumptions), and the model keeps some collagen III, about "
                        f"{healing.iii_share_kept().value:.0%} of the new collagen, as in normal "
                        f"dermis.")
    peak = float(c.days[c.iii.argmax()])
    if abs(answer - peak) <= 2:
        return _not_yet("that is when collagen III peaks. Find the first day on which "
                        "c.i > c.iii.")
    return _not_yet(f"day {answer:g} is not it. Hint: c = healing.collagen(1); then "
                    f"c.days[c.i > c.iii][0].")


# -- exercise 05: penetration ---------------------------------------------------------------------
def check_kp_pair(answer: Any, keys: tuple = ("caffeine", "salicylic_acid")) -> Feedback:
    """``{molecule key: kp in cm/h}`` by the Potts-Guy equation."""
    from skinlab import diffusion as df

    early = _placeholder(answer, "a dict of {molecule: kp in cm/h}")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return _not_yet("give a dict: {'caffeine': kp, 'salicylic_acid': kp}.")
    for key in keys:
        if key not in answer:
            return _not_yet(f"no kp for {key!r} yet.")
        bad = _number(answer[key], f"a kp for {key!r} in cm/h")
        if bad is not None:
            return bad
        m = df.molecule(key)
        want = m.kp
        got = answer[key]
        if abs(got - want) <= 0.02 * want:
            continue
        if abs(got - want / 3600) <= 0.02 * want / 3600:
            return _not_yet(f"{key}: that is in cm/s. Potts-Guy gives kp in cm/h.")
        if abs(got - math.log10(want)) <= 0.02:
            return _not_yet(f"{key}: that is log10 kp. Raise 10 to it.")
        return _not_yet(f"{key}: {got:.3g} cm/h is not it. Hint: 10 ** (-2.72 + 0.71 * logKow "
                        f"- 0.0061 * MW), or diffusion.kp_potts_guy(logKow, MW).")
    ratio = df.molecule(keys[1]).kp / df.molecule(keys[0]).kp
    each = ", ".join(f"{k}: {df.molecule(k).kp:.2e} cm/h" for k in keys)
    return Feedback(True, f"Correct: {each}; the second is about {ratio:.0f} times the first. "
                    f"(Both log Kow values are placeholders in the course's data.)")


DELAY_CURVES = ("gupta2011", "kalluri2011_dye_770")


def _gain_left(key: str, delay_h: float, curve: str) -> float:
    from skinlab import diffusion as df

    now = df.delivered(key, "microneedled", 1000.0, delay_h=0.0, closure=curve)
    later = df.delivered(key, "microneedled", 1000.0, delay_h=delay_h, closure=curve)
    return (later.treated - later.intact) / (now.treated - now.intact)


def check_delay_share(answer: Any, key: str = "caffeine", delay_h: float = 6.0) -> Feedback:
    """``(uncovered_people, rats_dye)``: the share of the extra amount (over intact) still gained
    when the product comes ``delay_h`` hours later, under two closure curves."""
    early = _placeholder(answer, "a pair (uncovered_people, rats_dye)")
    if early is not None:
        return early
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return _not_yet("give a pair: (uncovered_people, rats_dye), each a share from 0 to 1.")
    for value, what in zip(answer, ("the uncovered people's share", "the rats' share")):
        bad = _number(value, what)
        if bad is not None:
            return bad
    want = [_gain_left(key, delay_h, c) for c in DELAY_CURVES]
    if all(abs(a - w) <= 0.02 for a, w in zip(answer, want)):
        return Feedback(True, f"Correct: {want[0]:.0%} of the gain is left {delay_h:g} h after "
                        f"a session on uncovered human skin (closed within 2 h, Gupta 2011) and "
                        f"{want[1]:.0%} on the rats' dye curve (closed by 18 h, Kalluri 2011). "
                        f"The closure you assume decides the answer.")
    if all(abs(a - 100 * w) <= 2 for a, w in zip(answer, want)):
        return _not_yet("give shares between 0 and 1, not percentages.")
    if all(abs(a - w) <= 0.02 for a, w in zip(answer[::-1], want)):
        return _not_yet("the two are swapped: the uncovered people's curve comes first.")
    return _not_yet(f"{answer} is not it. Hint: for each curve, (later.treated - later.intact) / "
                    f"(now.treated - now.intact), with closure='{DELAY_CURVES[0]}' and then "
                    f"closure='{DELAY_CURVES[1]}'.")


def _tenfold(key: str, needle_um: float) -> tuple[float, float]:
    """(Q_channel, Q_intact): 24 h amounts per area from an infinite dose, channels never
    closing (the channel at the shallow end of its range)."""
    from skinlab import diffusion as df
    from skinlab import microneedling as mn

    m = df.molecule(key)
    depth = mn.depth_reached(needle_um, df.SITE).channel_low_um
    q_c = df.solve(df.channel_layers(m, depth), df.HOURS, df.DT_H).amount[-1]
    q_i = df.solve(df.intact_layers(m), df.HOURS, df.DT_H).amount[-1]
    return float(q_c), float(q_i)


def check_tenfold_share(answer: Any, key: str = "caffeine", needle_um: float = 1000.0) -> Feedback:
    """The share punctured that would give ten times the intact amount from an infinite dose,
    channels never closing: (1 - f)·Q_intact + f·Q_channel = 10·Q_intact."""
    from skinlab import microneedling as mn

    early = _number(answer, "a share between 0 and 1")
    if early is not None:
        return early
    q_c, q_i = _tenfold(key, needle_um)
    want = 9.0 / (q_c / q_i - 1.0)
    p = mn.punctured_fraction("roller", 15)
    if abs(answer - want) <= 0.02 * want:
        return Feedback(True, f"Correct: about {want:.1%} of the surface, from an infinite dose "
                        f"with channels that never close. A roller's 15 passes puncture "
                        f"{p.low:.1%} to {p.high:.1%}; closing channels and a finite dose, which "
                        f"intact skin already largely takes up in this model, lower the gain.")
    if abs(answer - 10.0 / (q_c / q_i)) <= 0.02 * want:
        return _not_yet("close, but the punctured share no longer takes the intact path: solve "
                        "(1 - f)·Q_intact + f·Q_channel = 10·Q_intact for f.")
    if abs(answer - 100 * want) <= 2 * want:
        return _not_yet("give a share between 0 and 1, not a percentage.")
    return _not_yet(f"{answer:g} is not it. Hint: f = 9 / (Q_channel / Q_intact - 1), with each "
                    f"Q the last amount of diffusion.solve(...) on the channel's and on intact "
                    f"skin's layers.")


def check_fick(answer: Any, h_cm: float, d_cm2_h: float, k: float) -> Feedback:
    """``(by_hand, solver)``: Fick's steady flux D·K/h, and the solver's last flux."""
    from skinlab import diffusion as df

    early = _placeholder(answer, "a pair (by_hand, solver)")
    if early is not None:
        return early
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return _not_yet("give a pair: (by_hand, solver).")
    by_hand, solver = answer
    for value, what in ((by_hand, "the flux by hand"), (solver, "the solver's flux")):
        bad = _number(value, what)
        if bad is not None:
            return bad
    want = d_cm2_h * k / h_cm
    if abs(by_hand - want) > 0.01 * want:
        if abs(by_hand - d_cm2_h / h_cm) <= 0.01 * d_cm2_h / h_cm:
            return _not_yet("by hand: you left out K. J = D·K·ΔC / h.")
        return _not_yet(f"by hand: {by_hand:.3g} is not D·K/h = {d_cm2_h:g} × {k:g} / {h_cm:g}.")
    sol = df.solve([df.Layer(h_cm, d_cm2_h, k)], hours=30.0)
    if abs(solver - sol.flux[-1]) > 0.01 * want:
        return _not_yet("the solver's value: take sol.flux[-1] after 30 hours, when the flux has "
                        "settled.")
    return Feedback(True, f"Correct: by hand {want:.3e} cm/h, the solver {solver:.3e} cm/h: they "
                    f"agree within {abs(solver - want) / want:.2%}. At steady state the model is "
                    f"Fick's first law.")


# -- exercise 06: microneedling vs exfoliation -----------------------------------------------------

def _five_dict(answer: Any, what: str, shape: str) -> Feedback | None:
    """A slip in the shape of an answer keyed by the five treatments' names, or None."""
    early = _placeholder(answer, f"a dict of {what}, one per treatment")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return _not_yet(f"give a dict {{treatment name: {shape}}}, not "
                        f"{type(answer).__name__}.")
    missing = [k for k in compare.FIVE if k not in answer]
    if missing:
        return _not_yet(f"missing: {', '.join(missing)} (use the names in compare.FIVE).")
    return None


def _named_numbers(answer: Any, what: str) -> dict | Feedback:
    slip = _five_dict(answer, what, what)
    if slip is not None:
        return slip
    for k in compare.FIVE:
        bad = _number(answer[k], f"a number for {k!r}")
        if bad is not None:
            return bad
    return answer


def check_five_depths(answer: Any, site: str = "cheek") -> Feedback:
    """How deep each of the five treatments goes at a site (µm): the deepest an exfoliant
    reaches; for a needle, the middle of the range where its tip ends."""
    got = _named_numbers(answer, "depths in µm")
    if isinstance(got, Feedback):
        return got
    want = {k: r["deepest_um"] for k, r in compare.five(site).items()}
    wrong = [k for k in want if abs(got[k] - want[k]) > max(1.0, 0.02 * want[k])]
    if not wrong:
        return Feedback(True, "Correct: " + "; ".join(f"{k} {format_um(v)}"
                                                      for k, v in want.items()) + ".")
    k = wrong[0]
    if _in_mm(got[k], want[k], max(1.0, 0.02 * want[k])):
        return _not_yet(f"{k}: that looks like millimetres; give micrometres (× 1000).")
    if "mm" in k and abs(got[k] - float(k.split()[0]) * 1000) < 1:
        return _not_yet(f"{k}: a needle goes in less deep than its length; use the middle "
                        f"of the range where its tip ends: compare.five(site)[name]"
                        f"['deepest_um'].")
    return _not_yet(f"{k}: {got[k]:g} µm is not it. Hint: compare.five(site)[name] gives each "
                    f"treatment's row, with its 'deepest_um'.")


def check_depth_order(answer: Any, site: str = "cheek") -> Feedback:
    """The five treatments from the shallowest to the deepest at a site."""
    early = _placeholder(answer, "a list of the five names, shallowest first")
    if early is not None:
        return early
    if not isinstance(answer, (list, tuple)) or sorted(map(str, answer)) != sorted(compare.FIVE):
        return _not_yet("give a list of the five names in compare.FIVE, each once.")
    rows = compare.five(site)
    want = sorted(rows, key=lambda k: rows[k]["deepest_um"])
    if list(answer) == want:
        overlaps = [f"tip range of the {k} ({format_um(rows[k]['deepest_low_um'])} to "
                    f"{format_um(rows[k]['deepest_high_um'])}) overlaps the {j}'s "
                    f"{format_um(rows[j]['deepest_um'])}"
                    for k in want if rows[k]["deepest_low_um"] is not None
                    for j in want if rows[j]["deepest_low_um"] is None
                    and rows[k]["deepest_low_um"] < rows[j]["deepest_um"]
                    < rows[k]["deepest_high_um"]]
        note = (" That is by the middles of the needles' ranges: the " + "; the ".join(overlaps)
                + ", so the order there depends on where in its range the tip ends."
                if overlaps else "")
        return Feedback(True, "Correct: " + " < ".join(want) + "." + note)
    if list(answer) == want[::-1]:
        return _not_yet("that is deepest first; the task asks for the shallowest first.")
    return _not_yet("not yet. Hint: sorted(names, key=lambda k: depths[k]).")


def _share_range(x: Any) -> tuple[float, float] | None:
    """A (low, high) pair of finite numbers, or None if ``x`` is not one."""
    if isinstance(x, (list, tuple)) and len(x) == 2 and all(
            not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v)
            for v in x):
        return float(x[0]), float(x[1])
    return None


def _not_known(x: Any) -> bool:
    return x is None or (isinstance(x, str) and x.strip().lower() == "not known") or (
        isinstance(x, (list, tuple)) and len(x) == 2 and all(v is None for v in x))


def check_surface_shares(answer: Any, site: str = "cheek") -> Feedback:
    """The share of the surface (0 to 1) each of the five treatments acts on: a (low, high)
    range, or None where no source lets the course compute it (the pen)."""
    slip = _five_dict(answer, "shares", "(low, high) or None")
    if slip is not None:
        return slip
    rows = compare.five(site)
    percents = False
    for k, row in rows.items():
        got = answer[k]
        lo, hi = row["surface_share_low"], row["surface_share_high"]
        if lo is None:  # not known: no number is right
            if _not_known(got):
                continue
            return _not_yet(f"{k}: no source gives how fast a pen glides or how wide a strip "
                            f"it covers, so its share of the surface is not known: give None. "
                            f"Any number here would be invented.")
        pair = _share_range(got)
        if pair is None and not isinstance(got, bool) and isinstance(got, (int, float)):
            if row["removes_tissue"]:
                pair = (float(got), float(got))  # one number is enough for 'all of it'
            else:
                return _not_yet(f"{k}: give the range, (low, high), not one number: "
                                f"surface_share is only the middle of the range.")
        if pair is None:
            if _not_known(got):
                return _not_yet(f"{k}: this share is known from sourced values; give "
                                f"(surface_share_low, surface_share_high).")
            return _not_yet(f"{k}: give a (low, high) pair of shares between 0 and 1, not "
                            f"{str(got)[:40]!r}.")
        if pair[0] > pair[1]:
            return _not_yet(f"{k}: that range is high first; give (low, high).")
        if all(abs(g - 100 * w) <= max(1e-6, 0.02 * 100 * w) for g, w in zip(pair, (lo, hi))):
            percents = True
            continue
        if any(abs(g - w) > max(1e-6, 0.02 * w) for g, w in zip(pair, (lo, hi))):
            if row["removes_tissue"]:
                return _not_yet(f"{k}: an exfoliant acts on the whole surface it is put on (a "
                                f"share of 1).")
            return _not_yet(f"{k}: {pair} is not it. Hint: compare.five(site)[name] has "
                            f"'surface_share_low' and 'surface_share_high'.")
    if percents:
        return _not_yet("those are percentages; give shares between 0 and 1.")
    roller = next(r for r in rows.values() if not r["removes_tissue"]
                  and r["surface_share_low"] is not None)
    span = compare.share_span(roller["surface_share_low"], roller["surface_share_high"])
    return Feedback(True, "Correct: every exfoliant acts on all the surface it is put on (a "
                    f"share of 1, by definition); the roller punctures {span} of it; the pen's "
                    "share is not known: no source gives how fast it glides "
                    "or how wide a strip it covers, so the course computes no number.")


def check_strong_verdicts(answer: Any) -> Feedback:
    """The keys of the claims whose verdict is 'supported' or 'contradicted'."""
    from skinlab import claims
    got = _key_set(answer, "claim", "redness_fades")
    if isinstance(got, Feedback):
        return got
    want = {c.key for c in claims.claims() if c.verdict in ("supported", "contradicted")}
    if got == want:
        sure = "; ".join(f"{k}: {claims.claim(k).certainty_words()}" for k in sorted(want))
        return Feedback(True, f"Correct: {', '.join(sorted(want))}. The course's certainty "
                        f"in each: {sure}. A strong verdict needs at least low certainty; "
                        f"'supported' is about the direction of the evidence, the certainty "
                        f"about how sure it is.")
    mixed = {c.key for c in claims.claims() if c.verdict == "mixed"}
    if got & mixed:
        return _not_yet(f"{', '.join(sorted(got & mixed))}: 'mixed' is not a strong verdict.")
    return _not_yet("not yet. Hint: [c.key for c in claims.claims() if c.verdict in "
                    "('supported', 'contradicted')].")
