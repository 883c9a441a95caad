"""Checks for exercise 05 (Fick and channels)."""

from __future__ import annotations

import math
from typing import Any


from skinlab.check.base import Feedback, not_yet, number_feedback, unanswered


# -- exercise 05: penetration ---------------------------------------------------------------------
def check_kp_pair(answer: Any, keys: tuple = ("caffeine", "salicylic_acid")) -> Feedback:
    """``{molecule key: kp in cm/h}`` by the Potts-Guy equation.

    Parameters
    ----------
    answer : Any
        The learner's answer: ``{molecule key: kp}``, kp in cm/h.
    keys : tuple of str, optional
        The molecules' keys (see :func:`skinlab.diffusion.molecule`).

    Returns
    -------
    Feedback
        True when every kp is within 2% of Potts-Guy's; otherwise a "Not yet" with a hint (cm/s
        instead of cm/h, log10 kp, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import diffusion
    >>> kp = {}
    >>> for key in ("caffeine", "salicylic_acid"):
    ...     m = diffusion.molecule(key)
    ...     kp[key] = 10 ** (-2.72 + 0.71 * m.log_kow.value - 0.0061 * m.mw.value)
    >>> check_kp_pair({k: v / 3600 for k, v in kp.items()})
    Not yet: caffeine: that is in cm/s. Potts-Guy gives kp in cm/h.
    >>> from skinlab.text import say
    >>> say(check_kp_pair(kp), width=80)
    Correct: caffeine: 1.11e-04 cm/h, salicylic_acid: 1.10e-02 cm/h; the second is
    about 99 times the first. (Both log Kow values are placeholders in the course's
    data.)
    """
    from skinlab import diffusion as df

    early = unanswered(answer, "a dict of {molecule: kp in cm/h}")
    if early is not None:
        return early
    if not isinstance(answer, dict):
        return not_yet("give a dict: {'caffeine': kp, 'salicylic_acid': kp}.")
    for key in keys:
        if key not in answer:
            return not_yet(f"no kp for {key!r} yet.")
        bad = number_feedback(answer[key], f"a kp for {key!r} in cm/h")
        if bad is not None:
            return bad
        m = df.molecule(key)
        want = m.kp
        got = answer[key]
        if abs(got - want) <= 0.02 * want:
            continue
        if abs(got - want / 3600) <= 0.02 * want / 3600:
            return not_yet(f"{key}: that is in cm/s. Potts-Guy gives kp in cm/h.")
        if abs(got - math.log10(want)) <= 0.02:
            return not_yet(f"{key}: that is log10 kp. Raise 10 to it.")
        return not_yet(f"{key}: {got:.3g} cm/h is not it. Hint: 10 ** (-2.72 + 0.71 * logKow "
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
    when the product comes ``delay_h`` hours later, under two closure curves.

    Parameters
    ----------
    answer : Any
        The learner's answer: a pair ``(uncovered_people, rats_dye)``, each a share from 0 to 1.
    key : str, optional
        The molecule's key.
    delay_h : float, optional
        Hours between the session and the product.

    Returns
    -------
    Feedback
        True when both shares are within 0.02 of the model's; otherwise a "Not yet" with a hint
        (percentages, the pair swapped, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import diffusion
    >>> pair = []
    >>> for curve in ("gupta2011", "kalluri2011_dye_770"):
    ...     now, later = (diffusion.delivered("caffeine", "microneedled", 1000.0,
    ...                                       delay_h=delay, closure=curve)
    ...                   for delay in (0.0, 6.0))
    ...     pair.append((later.treated - later.intact) / (now.treated - now.intact))
    >>> check_delay_share(tuple(pair[::-1]), "caffeine", 6.0)
    Not yet: the two are swapped: the uncovered people's curve comes first.
    >>> from skinlab.text import say
    >>> say(check_delay_share(tuple(pair), "caffeine", 6.0), width=80)
    Correct: 0% of the gain is left 6 h after a session on uncovered human skin
    (closed within 2 h, Gupta 2011) and 44% on the rats' dye curve (closed by 18 h,
    Kalluri 2011). The closure you assume decides the answer.
    """
    early = unanswered(answer, "a pair (uncovered_people, rats_dye)")
    if early is not None:
        return early
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return not_yet("give a pair: (uncovered_people, rats_dye), each a share from 0 to 1.")
    for value, what in zip(answer, ("the uncovered people's share", "the rats' share")):
        bad = number_feedback(value, what)
        if bad is not None:
            return bad
    want = [_gain_left(key, delay_h, c) for c in DELAY_CURVES]
    if all(abs(a - w) <= 0.02 for a, w in zip(answer, want)):
        return Feedback(True, f"Correct: {want[0]:.0%} of the gain is left {delay_h:g} h after "
                        f"a session on uncovered human skin (closed within 2 h, Gupta 2011) and "
                        f"{want[1]:.0%} on the rats' dye curve (closed by 18 h, Kalluri 2011). "
                        f"The closure you assume decides the answer.")
    if all(abs(a - 100 * w) <= 2 for a, w in zip(answer, want)):
        return not_yet("give shares between 0 and 1, not percentages.")
    if all(abs(a - w) <= 0.02 for a, w in zip(answer[::-1], want)):
        return not_yet("the two are swapped: the uncovered people's curve comes first.")
    return not_yet(f"{answer} is not it. Hint: for each curve, (later.treated - later.intact) / "
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
    channels never closing: (1 - f)·Q_intact + f·Q_channel = 10·Q_intact.

    Parameters
    ----------
    answer : Any
        The learner's answer: the share ``f``, from 0 to 1.
    key : str, optional
        The molecule's key.
    needle_um : float, optional
        The needle's length, in micrometres (the channel is at the shallow end of its range).

    Returns
    -------
    Feedback
        True within 2% of the model's share; otherwise a "Not yet" with a hint (the intact path
        left in, a percentage, ...). It never raises for an answer.

    Examples
    --------
    >>> from skinlab import diffusion, microneedling
    >>> m = diffusion.molecule("caffeine")
    >>> depth = microneedling.depth_reached(1000.0, diffusion.SITE).channel_low_um
    >>> q_channel = diffusion.solve(diffusion.channel_layers(m, depth), hours=24).amount[-1]
    >>> q_intact = diffusion.solve(diffusion.intact_layers(m), hours=24).amount[-1]
    >>> check_tenfold_share(10 / (q_channel / q_intact), "caffeine")
    Not yet: close, but the punctured share no longer takes the intact path: solve (1 - f)·Q...
    >>> from skinlab.text import say
    >>> say(check_tenfold_share(9 / (q_channel / q_intact - 1), "caffeine"), width=80)
    Correct: about 0.1% of the surface, from an infinite dose with channels that
    never close. A roller's 15 passes puncture 0.7% to 1.2%; closing channels and a
    finite dose, which intact skin already largely takes up in this model, lower the
    gain.
    """
    from skinlab import microneedling as mn

    early = number_feedback(answer, "a share between 0 and 1")
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
        return not_yet("close, but the punctured share no longer takes the intact path: solve "
                        "(1 - f)·Q_intact + f·Q_channel = 10·Q_intact for f.")
    if abs(answer - 100 * want) <= 2 * want:
        return not_yet("give a share between 0 and 1, not a percentage.")
    return not_yet(f"{answer:g} is not it. Hint: f = 9 / (Q_channel / Q_intact - 1), with each "
                    f"Q the last amount of diffusion.solve(...) on the channel's and on intact "
                    f"skin's layers.")



def check_fick(answer: Any, h_cm: float, d_cm2_h: float, k: float) -> Feedback:
    """``(by_hand, solver)``: Fick's steady flux D·K/h, and the solver's last flux.

    Parameters
    ----------
    answer : Any
        The learner's answer: a pair ``(by_hand, solver)``, each a flux in cm/h per unit
        concentration.
    h_cm : float
        The slab's thickness, in centimetres.
    d_cm2_h : float
        Its diffusion coefficient, in cm²/h.
    k : float
        Its partition coefficient (no unit).

    Returns
    -------
    Feedback
        True when the flux by hand is within 1% of D·K/h and the solver's matches its last flux
        after 30 hours; otherwise a "Not yet" with a hint (K left out, ...). It never raises for
        an answer.

    Examples
    --------
    >>> from skinlab import diffusion
    >>> h, D, K = 1.5e-3, 1.9e-7, 0.9
    >>> check_fick((D / h, 0.0), h, D, K)
    Not yet: by hand: you left out K. J = D·K·ΔC / h.
    >>> sol = diffusion.solve([diffusion.Layer(h, D, K)], hours=30)
    >>> from skinlab.text import say
    >>> say(check_fick((D * K / h, sol.flux[-1]), h, D, K), width=80)
    Correct: by hand 1.140e-04 cm/h, the solver 1.140e-04 cm/h: they agree within
    0.00%. At steady state the model is Fick's first law.
    """
    from skinlab import diffusion as df

    early = unanswered(answer, "a pair (by_hand, solver)")
    if early is not None:
        return early
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return not_yet("give a pair: (by_hand, solver).")
    by_hand, solver = answer
    for value, what in ((by_hand, "the flux by hand"), (solver, "the solver's flux")):
        bad = number_feedback(value, what)
        if bad is not None:
            return bad
    want = d_cm2_h * k / h_cm
    if abs(by_hand - want) > 0.01 * want:
        if abs(by_hand - d_cm2_h / h_cm) <= 0.01 * d_cm2_h / h_cm:
            return not_yet("by hand: you left out K. J = D·K·ΔC / h.")
        return not_yet(f"by hand: {by_hand:.3g} is not D·K/h = {d_cm2_h:g} × {k:g} / {h_cm:g}.")
    sol = df.solve([df.Layer(h_cm, d_cm2_h, k)], hours=30.0)
    if abs(solver - sol.flux[-1]) > 0.01 * want:
        return not_yet("the solver's value: take sol.flux[-1] after 30 hours, when the flux has "
                        "settled.")
    return Feedback(True, f"Correct: by hand {want:.3e} cm/h, the solver {solver:.3e} cm/h: they "
                    f"agree within {abs(solver - want) / want:.2%}. At steady state the model is "
                    f"Fick's first law.")

