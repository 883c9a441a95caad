"""Checks for exercise 06 (comparing treatments)."""

from __future__ import annotations

import math
from typing import Any

from skinlab import compare
from skinlab.text import format_um

from skinlab.check.base import Feedback, in_mm, key_set, not_yet, number_feedback, unanswered


def _five_dict(answer: Any, what: str, shape: str) -> Feedback | None:
    """A slip in the shape of an answer keyed by the five treatments' names, or None."""
    early = unanswered(answer, f"a dict of {what}, one per treatment")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return not_yet(f"give a dict {{treatment name: {shape}}}, not "
                        f"{type(answer).__name__}.")
    missing = [k for k in compare.FIVE if k not in answer]
    if missing:
        return not_yet(f"missing: {', '.join(missing)} (use the names in compare.FIVE).")
    return None



def _named_numbers(answer: Any, what: str) -> dict | Feedback:
    slip = _five_dict(answer, what, what)
    if slip is not None:
        return slip
    for k in compare.FIVE:
        bad = number_feedback(answer[k], f"a number for {k!r}")
        if bad is not None:
            return bad
    return answer



def check_five_depths(answer: Any, site: str = "cheek") -> Feedback:
    """How deep each of the five treatments goes at a site (µm): the deepest an exfoliant
    reaches; for a needle, the middle of the range where its tip ends.

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{treatment name: depth in micrometres}``, one entry for each name
        in :data:`skinlab.compare.FIVE`.
    site : str, optional
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    Feedback
        True when every depth is within 1 µm (or 2%) of the model's; otherwise a "Not yet" for
        the first one wrong, with a hint. It never raises for an answer.

    Examples
    --------
    >>> from skinlab import compare
    >>> depths = {name: row["deepest_um"] for name, row in compare.five("cheek").items()}
    >>> from skinlab.text import say
    >>> say(check_five_depths(depths, "cheek"), width=80)
    Correct: scrub 17 µm; glycolic peel 62 µm; TCA medium peel 262 µm; 0.25 mm
    roller, 1 pass 148 µm; 1.5 mm pen, 3 passes 890 µm.
    >>> say(check_five_depths({**depths, "scrub": depths["scrub"] / 1000}, "cheek"), width=80)
    Not yet: scrub: that looks like millimetres; give micrometres (× 1000).
    """
    got = _named_numbers(answer, "depths in µm")
    if isinstance(got, Feedback):
        return got
    want = {k: r["deepest_um"] for k, r in compare.five(site).items()}
    wrong = [k for k in want if abs(got[k] - want[k]) > max(1.0, 0.02 * want[k])]
    if not wrong:
        return Feedback(True, "Correct: " + "; ".join(f"{k} {format_um(v)}"
                                                      for k, v in want.items()) + ".")
    k = wrong[0]
    if in_mm(got[k], want[k], max(1.0, 0.02 * want[k])):
        return not_yet(f"{k}: that looks like millimetres; give micrometres (× 1000).")
    if "mm" in k and abs(got[k] - float(k.split()[0]) * 1000) < 1:
        return not_yet(f"{k}: a needle goes in less deep than its length; use the middle "
                        f"of the range where its tip ends: compare.five(site)[name]"
                        f"['deepest_um'].")
    return not_yet(f"{k}: {got[k]:g} µm is not it. Hint: compare.five(site)[name] gives each "
                    f"treatment's row, with its 'deepest_um'.")



def check_depth_order(answer: Any, site: str = "cheek") -> Feedback:
    """The five treatments from the shallowest to the deepest at a site.

    Parameters
    ----------
    answer : Any
        The learner's answer: a list of the five names in :data:`skinlab.compare.FIVE`,
        shallowest first.
    site : str, optional
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    Feedback
        True for the order of the model's depths (the needles' by the middles of their ranges,
        with a note where ranges overlap); otherwise a "Not yet". It never raises for an answer.

    Examples
    --------
    >>> from skinlab import compare
    >>> rows = compare.five("cheek")
    >>> order = sorted(rows, key=lambda name: rows[name]["deepest_um"])
    >>> check_depth_order(order[::-1], "cheek")
    Not yet: that is deepest first; the task asks for the shallowest first.
    >>> from skinlab.text import say
    >>> say(check_depth_order(order, "cheek"), width=80)
    Correct: scrub < glycolic peel < 0.25 mm roller, 1 pass < TCA medium peel < 1.5
    mm pen, 3 passes. That is by the middles of the needles' ranges: the tip range
    of the 0.25 mm roller, 1 pass (46 µm to 250 µm) overlaps the glycolic peel's 62
    µm, so the order there depends on where in its range the tip ends.
    """
    early = unanswered(answer, "a list of the five names, shallowest first")
    if early is not None:
        return early
    if not isinstance(answer, (list, tuple)) or sorted(map(str, answer)) != sorted(compare.FIVE):
        return not_yet("give a list of the five names in compare.FIVE, each once.")
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
        return not_yet("that is deepest first; the task asks for the shallowest first.")
    return not_yet("not yet. Hint: sorted(names, key=lambda k: depths[k]).")



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
    range, or None where no source lets the course compute it (the pen).

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{treatment name: (low, high) or None}``, shares from 0 to 1, one
        entry for each name in :data:`skinlab.compare.FIVE`.
    site : str, optional
        A body site (one of :func:`skinlab.anatomy.sites`).

    Returns
    -------
    Feedback
        True when every range matches the model's (and None stands where the share is not
        known); otherwise a "Not yet" with a hint. It never raises for an answer.

    Examples
    --------
    >>> from skinlab import compare
    >>> shares = {name: None if row["surface_share"] is None
    ...           else (row["surface_share_low"], row["surface_share_high"])
    ...           for name, row in compare.five("cheek").items()}
    >>> from skinlab.text import say
    >>> say(check_surface_shares(shares, "cheek"), width=80)
    Correct: every exfoliant acts on all the surface it is put on (a share of 1, by
    definition); the roller punctures 0.04% to 0.08% of it; the pen's share is not
    known: no source gives how fast it glides or how wide a strip it covers, so the
    course computes no number.
    >>> say(check_surface_shares({**shares, "1.5 mm pen, 3 passes": (0.01, 0.02)}, "cheek"),
    ...     width=80)
    Not yet: 1.5 mm pen, 3 passes: no source gives how fast a pen glides or how wide
    a strip it covers, so its share of the surface is not known: give None. Any
    number here would be invented.
    """
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
            return not_yet(f"{k}: no source gives how fast a pen glides or how wide a strip "
                            f"it covers, so its share of the surface is not known: give None. "
                            f"Any number here would be invented.")
        pair = _share_range(got)
        if pair is None and not isinstance(got, bool) and isinstance(got, (int, float)):
            if row["removes_tissue"]:
                pair = (float(got), float(got))  # one number is enough for 'all of it'
            else:
                return not_yet(f"{k}: give the range, (low, high), not one number: "
                                f"surface_share is only the middle of the range.")
        if pair is None:
            if _not_known(got):
                return not_yet(f"{k}: this share is known from sourced values; give "
                                f"(surface_share_low, surface_share_high).")
            return not_yet(f"{k}: give a (low, high) pair of shares between 0 and 1, not "
                            f"{str(got)[:40]!r}.")
        if pair[0] > pair[1]:
            return not_yet(f"{k}: that range is high first; give (low, high).")
        if all(abs(g - 100 * w) <= max(1e-6, 0.02 * 100 * w) for g, w in zip(pair, (lo, hi))):
            percents = True
            continue
        if any(abs(g - w) > max(1e-6, 0.02 * w) for g, w in zip(pair, (lo, hi))):
            if row["removes_tissue"]:
                return not_yet(f"{k}: an exfoliant acts on the whole surface it is put on (a "
                                f"share of 1).")
            return not_yet(f"{k}: {pair} is not it. Hint: compare.five(site)[name] has "
                            f"'surface_share_low' and 'surface_share_high'.")
    if percents:
        return not_yet("those are percentages; give shares between 0 and 1.")
    roller = next(r for r in rows.values() if not r["removes_tissue"]
                  and r["surface_share_low"] is not None)
    span = compare.share_span(roller["surface_share_low"], roller["surface_share_high"])
    return Feedback(True, "Correct: every exfoliant acts on all the surface it is put on (a "
                    f"share of 1, by definition); the roller punctures {span} of it; the pen's "
                    "share is not known: no source gives how fast it glides "
                    "or how wide a strip it covers, so the course computes no number.")



def check_strong_verdicts(answer: Any) -> Feedback:
    """The keys of the claims whose verdict is 'supported' or 'contradicted'.

    Parameters
    ----------
    answer : Any
        The learner's answer: a set (or list) of claim keys, e.g. ``{"redness_fades"}``.

    Returns
    -------
    Feedback
        True when the keys are exactly those of the claims with a strong verdict; otherwise a
        "Not yet" (a mixed verdict is not a strong one). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import claims
    >>> strong = {c.key for c in claims.claims() if c.verdict in ("supported", "contradicted")}
    >>> from skinlab.text import say
    >>> say(check_strong_verdicts(strong), width=80)
    Correct: is_exfoliation, redness_fades. The course's certainty in each:
    is_exfoliation: low; redness_fades: low. A strong verdict needs at least low
    certainty; 'supported' is about the direction of the evidence, the certainty
    about how sure it is.
    >>> check_strong_verdicts(None)
    Not yet: your answer is None. Assign a set of claim keys to the variable (did a line pri...
    """
    from skinlab import claims
    got = key_set(answer, "claim", "redness_fades")
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
        return not_yet(f"{', '.join(sorted(got & mixed))}: 'mixed' is not a strong verdict.")
    return not_yet("not yet. Hint: [c.key for c in claims.claims() if c.verdict in "
                    "('supported', 'contradicted')].")

