"""Checks for exercise 04 (phases and evidence)."""

from __future__ import annotations

from typing import Any


from skinlab.check.base import Feedback, key_set, not_yet, number_feedback, unanswered


# -- exercise 04: healing -------------------------------------------------------------------------
def check_phases_on_days(answer: Any, days: tuple) -> Feedback:
    """``{day: [phase keys]}``: the phases active on each day (skinlab.healing.active_phases).

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{day: [phase keys]}``, one entry a day.
    days : tuple of float
        The days after the injury to check.

    Returns
    -------
    Feedback
        True when every day's phases are those of :func:`skinlab.healing.active_phases`;
        otherwise a "Not yet" for the first day that differs. It never raises for an answer.

    Examples
    --------
    >>> from skinlab import healing
    >>> days = (0.5, 2, 10, 60)
    >>> check_phases_on_days({0.5: ["haemostasis"], 2: ["inflammation"]}, days)
    Not yet: day 0.5 falls between two of the review's windows: the course counts both phase...
    >>> phases_on = {d: [p.key for p in healing.active_phases(d)] for d in days}
    >>> from skinlab.text import say
    >>> say(check_phases_on_days(phases_on, days), width=80)
    Correct: day 0.5: haemostasis and inflammation; day 2: inflammation; day 10:
    proliferation; day 60: remodelling. Between two windows, both phases are at
    work.
    """
    from skinlab import healing

    early = unanswered(answer, "a dict of {day: list of phase keys}")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return not_yet("give a dict: {day: [phase keys]}, e.g. {2: ['inflammation']}.")
    for day in days:
        if day not in answer:
            return not_yet(f"no phases for day {day:g} yet.")
        got = answer[day]
        if isinstance(got, str):
            got = [got]
        if not isinstance(got, (list, tuple, set)):
            return not_yet(f"day {day:g}: give a list of phase keys, not "
                            f"{type(got).__name__}.")
        got_keys = [getattr(p, "key", p) for p in got]
        got_keys = [str(k).strip().lower() for k in got_keys]
        want = [p.key for p in healing.active_phases(day)]
        if sorted(got_keys) != sorted(want):
            if len(want) == 2:
                return not_yet(f"day {day:g} falls between two of the review's windows: the "
                                f"course counts both phases there ({want[0]} and {want[1]}).")
            return not_yet(f"day {day:g}: {', '.join(got_keys) or 'nothing'} is not it. Hint: "
                            f"[p.key for p in healing.active_phases({day:g})].")
    return Feedback(True, "Correct: " + "; ".join(
        f"day {d:g}: {' and '.join(p.label for p in healing.active_phases(d))}" for d in days)
        + ". Between two windows, both phases are at work.")



def check_collagen_ratio(answer: Any, schedule: tuple, reference: tuple,
                         day: float = 365) -> Feedback:
    """New collagen I of one schedule over another's on ``day`` (the teaching model).

    Parameters
    ----------
    answer : Any
        The learner's answer: the ratio, a plain number.
    schedule : tuple
        ``(sessions, interval_weeks)`` of the first schedule.
    reference : tuple
        ``(sessions, interval_weeks)`` of the schedule it is compared with.
    day : float, optional
        The day after the first session, in days.

    Returns
    -------
    Feedback
        True within 0.5% of the model's ratio; otherwise a "Not yet" with a hint (the ratio the
        other way round, collagen III instead of I, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import healing
    >>> six = healing.collagen(6, 2, days=[365]).i[0]
    >>> three = healing.collagen(3, 4, days=[365]).i[0]
    >>> check_collagen_ratio(three / six, (6, 2), (3, 4), 365)
    Not yet: that is the other way round: divide the first schedule's collagen I by the refe...
    >>> from skinlab.text import say
    >>> say(check_collagen_ratio(six / three, (6, 2), (3, 4), 365), width=80)
    Correct: about 1.99 times, in the teaching model's arbitrary units. The model
    adds one response per session, so the ratio mostly counts sessions: twice the
    sessions, twice the collagen is a property of a linear teaching model, not a
    finding about skin or a result for a person.
    """
    from skinlab import healing

    early = number_feedback(answer, "a ratio (a plain number)")
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
        return not_yet("that is the other way round: divide the first schedule's collagen I by "
                        "the reference's.")
    iii = (healing.collagen(*schedule, days=[day]).iii[0]
           / healing.collagen(*reference, days=[day]).iii[0])
    if abs(answer - iii) <= 0.02 * iii:
        return not_yet("that compares collagen III. Use the .i arrays (collagen I).")
    return not_yet(f"{answer:g} is not it. Hint: healing.collagen(sessions, interval_weeks, "
                    f"days=[{day:g}]).i[0] for each schedule, then divide.")



def check_rct_studies(answer: Any) -> Feedback:
    """The keys of the studies that are randomised controlled trials.

    Parameters
    ----------
    answer : Any
        The learner's answer: a set (or list) of study keys, e.g. ``{"alam2014"}``.

    Returns
    -------
    Feedback
        True when the keys are exactly those of the studies whose design is ``"rct"``; otherwise
        a "Not yet" (a review is not a trial; a study without a control cannot be one). It never
        raises for an answer.

    Examples
    --------
    >>> from skinlab import healing
    >>> check_rct_studies({"juhasz2020"})
    Not yet: a systematic review gathers studies of many designs; it is not itself a randomi...
    >>> from skinlab.text import say
    >>> say(check_rct_studies({r.key for r in healing.studies() if r.design == "rct"}), width=80)
    Correct: alam2014 (Alam 2014, acne scars: scar score on photographs at 3 and 6
    months). Every other human result in the table rests on a review or a study
    without a control group.
    """
    from skinlab import healing

    got = key_set(answer, "study", "alam2014", lower=True)
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
        return not_yet("a systematic review gathers studies of many designs; it is not itself "
                        "a randomised trial. Keep only the rows whose design is 'rct'.")
    uncontrolled = {r.key for r in healing.studies() if r.controlled is False}
    if got & uncontrolled:
        return not_yet(f"{', '.join(sorted(got & uncontrolled))} had no control group, so it "
                        f"cannot be a randomised controlled trial.")
    return not_yet("not yet. Hint: [r.key for r in healing.studies() if r.design == 'rct'].")



APPRAISAL_KEYS = ("compares", "interval_excludes_zero", "certainty")



def check_trial_appraisal(answer: Any, key: str = "alam2014") -> Feedback:
    """A learner's appraisal of one trial's abstract, before the course's: a dict with
    ``compares`` ('baseline': each side against its own baseline, or 'sides': one side against
    the other), ``interval_excludes_zero`` (for the needled side at 6 months) and ``certainty``
    (one of GRADE's four levels). A grade within one level of the course's is accepted; the
    feedback then gives the course's appraisal.

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{"compares": ..., "interval_excludes_zero": ...,
        "certainty": ...}``.
    key : str, optional
        The trial's key in ``healing.yaml``.

    Returns
    -------
    Feedback
        True for a right reading of the comparison and the interval and a grade within one level
        of the course's; otherwise a "Not yet" that points at what to read again. It never raises
        for an answer.

    Examples
    --------
    >>> check_trial_appraisal({"compares": "sides", "interval_excludes_zero": True,
    ...                        "certainty": "low"})
    Not yet: read the abstract again: what was each side's score compared with? Is any resul...
    >>> from skinlab.text import say
    >>> say(check_trial_appraisal({"compares": "baseline", "interval_excludes_zero": True,
    ...                            "certainty": "low"}), width=80)
    Correct: the abstract tests each side against its own baseline, not one side
    against the other, and the 6-month interval (0.2 to 6.5 points) excludes 0 by
    0.2 points at its near end. You graded low; the course's appraisal of the
    acne-scar evidence: acne scars: low. It starts high (a randomised trial), rated
    ...
    """
    from skinlab import claims, healing

    early = unanswered(answer, "a dict with " + ", ".join(APPRAISAL_KEYS))
    if early is not None:
        return early
    if not isinstance(answer, dict) or set(answer) != set(APPRAISAL_KEYS):
        return not_yet("give a dict with exactly these keys: " + ", ".join(APPRAISAL_KEYS) +
                        ", e.g. {'compares': 'sides', 'interval_excludes_zero': False, "
                        "'certainty': 'moderate'}.")
    compares = str(answer["compares"]).strip().lower()
    if compares not in ("baseline", "sides"):
        return not_yet("'compares' is 'baseline' (each side against its own baseline) or "
                        "'sides' (one side against the other).")
    want = {"within_side": "baseline", "between_sides": "sides"}[healing.trial_comparison(key)]
    if compares != want:
        return not_yet("read the abstract again: what was each side's score compared with? "
                        "Is any result a difference between the two sides?")
    six = healing.trial_numbers(key)["treated_6_months"]
    if not isinstance(answer["interval_excludes_zero"], bool):
        return not_yet("'interval_excludes_zero' is True or False.")
    if answer["interval_excludes_zero"] != (six.low > 0 or six.high < 0):
        return not_yet(f"the 6-month interval runs from {six.low:g} to {six.high:g} points: "
                        f"is 0 inside it?")
    levels = claims.LEVELS
    grade = str(answer["certainty"]).strip().lower().replace(" ", "_")
    if grade not in levels:
        return not_yet("'certainty' is one of " + ", ".join(repr(x) for x in levels) + ".")
    part = next(p for p in claims.claim("lines_and_scars").parts
                if any(st.source == healing.study(key).source for st in p.studies))
    ours = part.certainty
    if abs(levels.index(grade) - levels.index(ours)) > 1:
        hint = ("what would rate it down: how many people, how wide the interval, what was "
                "compared?" if levels.index(grade) < levels.index(ours) else
                "it is a randomised trial, which starts high: what rated it down so far?")
        return not_yet(f"your grade, {grade.replace('_', ' ')}, is far from the course's. "
                        f"Think again: {hint}")
    return Feedback(True, f"Correct: the abstract tests each side against its own baseline, "
                    f"not one side against the other, and the 6-month interval ({six.low:g} to "
                    f"{six.high:g} points) excludes 0 by {min(abs(six.low), abs(six.high)):g} "
                    f"points at its near end. You graded "
                    f"{grade.replace('_', ' ')}; the course's appraisal of the acne-scar "
                    f"evidence: {part.words()}")



def check_crossover_day(answer: Any) -> Feedback:
    """The first day on which, after one session, the model has more new collagen I than III.

    Parameters
    ----------
    answer : Any
        The learner's answer: a day after the session.

    Returns
    -------
    Feedback
        True within 2 days of the model's crossover; otherwise a "Not yet" with a hint (the day
        collagen III peaks, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import healing
    >>> c = healing.collagen(1)
    >>> check_crossover_day(float(c.days[c.iii.argmax()]))
    Not yet: that is when collagen III peaks. Find the first day on which c.i > c.iii.
    >>> crossover = float(c.days[(c.i > c.iii) & (c.days > 0)][0])
    >>> from skinlab.text import say
    >>> say(check_crossover_day(crossover), width=80)
    Correct: around day 100. Collagen III peaks at the end of proliferation (day
    21); collagen I overtakes it months later, in the teaching model (its rates are
    course assumptions), and the model keeps some collagen III, about 15% of the new
    ...
    """
    from skinlab import healing

    early = number_feedback(answer, "a day (a number)")
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
        return not_yet("that is when collagen III peaks. Find the first day on which "
                        "c.i > c.iii.")
    return not_yet(f"day {answer:g} is not it. Hint: c = healing.collagen(1); then "
                    f"c.days[c.i > c.iii][0].")

