"""The permeation explorer: a molecule, a treatment (intact skin; microneedled, with the needle
length, the roller's passes and how the channels close; the stratum corneum removed), the hours
between treatment and product, and the dose; what the teaching model delivers over 24 hours, as a
range, against intact skin.

A finite dose (a layer of product the skin depletes) is the default, shown as a share of the
dose; an infinite dose, as in a diffusion cell, is a labelled option, shown in the model's units.
"""

from __future__ import annotations

from typing import Any

from functools import lru_cache

from skinlab import diffusion as df
from skinlab import microneedling as mn
from skinlab.data import cite
from skinlab.draw import AmountCurves, AmountFrame, Caption
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.text import format_um, join, plain_number

INFINITE = "infinite"


def _curve_option(curve, curves: dict) -> str:
    """A closure curve as the drop-down shows it: its label, and where two curves of one study
    share a label (Kalluri 2011's water loss and dye), what each measured."""
    if sum(c.label == curve.label for c in curves.values()) < 2:
        return curve.label
    who, _, source = curve.label.rpartition(" (")
    return f"{who}, {METHOD_SHORT[curve.method]} ({source}"


METHOD_SHORT = {"impedance": "impedance", "tewl": "water loss", "dye": "dye"}


@lru_cache(maxsize=1)
def _controls() -> tuple:
    lo, hi = df.dose_range_mg_cm2()
    doses = tuple((f"{x:g} mg/cm² (a finite dose)", float(x)) for x in (lo, 2.0, 3.0, hi)
                  if lo <= x <= hi)
    curves = tuple((_curve_option(c, mn.product_curves()), key)
                   for key, c in mn.product_curves().items())
    return (
        Choice("molecule", "Molecule", tuple((m.label, m.key) for m in df.molecules()),
               "caffeine"),
        Number("needle_mm", "Needle length (mm)", "mm", 0.25, 3.0, 0.05, 1.0, readout=".2f"),
        Number("passes", "Roller passes", "passes", 1, 30, 1, 15),
        Number("delay_h", "Wait before the product (h)", "h", 0.0, 48.0, 1.0, 0.0),
        Choice("closure", "How the channels close", curves, curves[0][1]),
        Choice("dose", "Dose", doses + (("infinite dose (as in a diffusion cell)", INFINITE),),
               df.default_dose_mg_cm2()),
        Choice("treatment", "Treatment",
               tuple((df.TREATMENT_LABELS[t], t) for t in df.TREATMENTS), "microneedled"),
    )


@lru_cache(maxsize=1)
def _infinite_range() -> tuple[float, float]:
    """One y range for every molecule and treatment under an infinite dose, so the axes change
    only with the dose mode and every other update redraws only the curves."""
    top = max(x for m in df.molecules()
              for x in (df.delivered(m.key, "stripped").treated,
                        df.delivered(m.key, "microneedled", 3000, passes=30,
                                     closure="sites2021_forearm").treated,
                        df.delivered(m.key, "intact").intact) if x)
    return top * 1e-8, top * 3


def _num(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def _pct(x: float) -> str:
    """A share of the dose: '0%', '62%', '0.4%', '100%'."""
    p = 100 * x
    if p <= 0:
        return "0%"
    if p >= 99.5:
        return "100%" if p >= 99.95 else f"{p:.1f}%"
    return f"{p:.0f}%" if p >= 10 else f"{p:.1f}%" if p >= 0.1 else f"{p:.2f}%"


def _span(lo: float, hi: float, fmt) -> str:
    a, b = fmt(lo), fmt(hi)
    return a if a == b else f"{a} to {b}"


def _placeholder_words(m: df.Molecule) -> str:
    """The one status word a result built on a placeholder carries (the legend defines it)."""
    shaky = [w for w, v in (("log Kow", m.log_kow), ("weight", m.mw))
             if v is not None and v.status == "placeholder"]
    if not shaky:
        return ""
    return f" It rests on {m.name}'s {' and '.join(shaky)} (placeholder)."


CASE_NOTES = {
    "pramipexole": (" Pramipexole gained nothing although it is the most water-loving of the "
                    "measured drugs: its flux through the untreated pig ear skin was already the "
                    "highest of the four, which suggests the stratum corneum was not what limited "
                    "it in that set-up (the course's reading; the abstract gives no reason)."),
    "amantadine": (" Amantadine's 2.2 times was not significant: the fluxes varied widely in a "
                   "small study (a rank-sum test), which is not the same as no effect."),
}


def _measured_words(key: str) -> str:
    gain = df.signal_gain(key)
    if gain is not None:
        return (f" Measured with microneedles in excised human skin: a {gain.low:g} to "
                f"{gain.high:g} times stronger fluorescence signal for three peptides, including "
                f"this one (a signal, not a flux).")
    case = df.measured_case_for(key)
    if case is None:
        return ""
    sig = "a significant rise" if case["significant"] else "not significant"
    return (f" Measured in {case['skin']} with a roller: {case['passive']:g} against "
            f"{case['needled']:g} µg/cm²/h ({case['needled'] / case['passive']:.2f} times, "
            f"{sig}); the model is not fitted to it." + CASE_NOTES.get(key, ""))


def _dose(state: dict) -> float | None:
    return None if state["dose"] == INFINITE else float(state["dose"])


class PermeationExplorer(Explorer):
    """Pick a molecule, a treatment and a dose; compare 24 hours of delivery with intact skin.

    Parameters
    ----------
    molecule : str, optional
        The molecule (default ``"caffeine"``), one of :func:`skinlab.diffusion.molecules`' keys.
    needle_mm : float, optional
        The roller's needle length, in millimetres (0.25 to 3; default 1).
    passes : float, optional
        Roller passes, 1 to 30 (default 15).
    delay_h : float, optional
        Hours between the session and the product, 0 (the default) to 48.
    closure : str, optional
        The closure curve the channels follow (default ``"gupta2011"``), one of
        :func:`skinlab.microneedling.product_curves`.
    dose : float or str, optional
        The dose in mg/cm²: 1, 2 (the default), 3 or 5, or ``"infinite"``.
    treatment : str, optional
        ``"intact"``, ``"microneedled"`` (the default) or ``"stripped"``.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> permeation = PermeationExplorer()
    >>> say(permeation.describe(molecule="hyaluronic_acid", treatment="microneedled",
    ...                         needle_mm=1.0), width=80)
    Hyaluronic acid, a 2 mg/cm² layer (a test dose of the order OECD Test Guideline
    428 uses; how much people put on is not known), applied straight after a 1.00 mm
    roller (15 passes): the model gives no number: at 160,000 Da hyaluronic acid is
    far past the weights (18 to 750 Da) its estimates were fitted on. The channels:
    ...
    """

    name = "permeation"
    title = "Permeation explorer: what reaches the dermis in 24 hours (teaching model)"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        # two frames in one place, each on its own scale for good: a share of a finite dose
        # (linear, %) and amounts from an infinite dose (log); the dose shows one of them
        rect = (0.16, 0.12, 0.80, 0.66)
        finite, infinite = fig.add_axes(rect), fig.add_axes(rect)
        fig.text(0.96, 0.80, "Teaching model: the dermis as a perfect sink, 62 µm down",
                 ha="right", va="bottom", fontsize=8, style="italic")  # drawn once, in the frame
        return {"frame": AmountFrame(finite, log=False), "curves": AmountCurves(finite),
                "frame_inf": AmountFrame(infinite, log=True),
                "curves_inf": AmountCurves(infinite),
                "heading": Caption(fig, 0.02, 0.87, overlay=True, linespacing=1.3)}

    def _delivery(self, state: dict) -> df.Delivery:
        return df.delivered(state["molecule"], state["treatment"], state["needle_mm"] * 1000.0,
                            "roller", int(round(state["passes"])), state["delay_h"],
                            _dose(state), state["closure"])

    def wire(self, state: dict) -> dict:
        r = self._delivery(state)
        treated = state["treatment"] != "intact"
        infinite = r.applied is None
        if infinite:
            scale = 1.0
            label = (f"24 h: about {_num(r.ratio)} times intact" if r.ratio is not None
                     else "no ratio (see the sentence)")
        else:
            scale = 100.0 / r.applied
            shown = r.treated if treated else r.intact
            label = (f"24 h: {_pct(r.dose_share(shown))} of the dose" if shown is not None
                     else f"24 h: {_pct(r.dose_share(r.treated_path))} through the channels"
                     if r.treated_path is not None else "no number (see the sentence)")

        def scaled(xs):
            return tuple(x * scale for x in xs[::2])

        curve = r.treated_curve if r.treated_curve else r.path_curve
        curves = {"times": r.times[::2], "intact": scaled(r.intact_curve),
                  "treated": scaled(curve) if treated else (),
                  "low": scaled(r.treated_low_curve) if treated else (),
                  "high": scaled(r.treated_high_curve) if treated else (),
                  "label": label}
        empty = {"times": (), "intact": (), "treated": (), "low": (), "high": (), "label": ""}
        low, high = _infinite_range()
        return {
            "frame": {"low": 0.0, "high": 105.0, "visible": not infinite},
            "curves": empty if infinite else curves,
            "frame_inf": {"low": low, "high": high, "visible": infinite},
            "curves_inf": curves if infinite else empty,
            "heading": {"text": f"{r.molecule.name.capitalize()}: "
                                f"{df.TREATMENT_LABELS[state['treatment']]}"
                                + ((f", product {state['delay_h']:.0f} h later"
                                    if state["delay_h"] else ", product straight after")
                                   if treated else "")
                                + ("; infinite dose" if infinite else
                                   f"; {state['dose']:g} mg/cm²")
                                + (f"\n{state['needle_mm']:.2f} mm roller, "
                                   f"{state['passes']:.0f} passes: channels "
                                   f"{_span(r.depth_low_um, r.depth_high_um, format_um)} deep"
                                   if state["treatment"] == "microneedled" else
                                   "\nThe roller's settings do not apply")},
        }

    def alt(self, state: dict) -> str:
        r = self._delivery(state)
        if r.applied is not None and r.treated is not None:
            words = f"{_pct(r.share_of_dose)} of the dose, intact {_pct(r.dose_share(r.intact))}"
        else:
            words = f"about {_num(r.ratio)} times intact" if r.ratio is not None else "no ratio"
        return (f"Amount of {r.molecule.label} delivered over 24 h, "
                f"{df.TREATMENT_LABELS[state['treatment']]}: {words}")

    def examples(self) -> dict[str, dict]:
        return {
            "caffeine, 1 mm roller, 15 passes": dict(molecule="caffeine",
                                                     treatment="microneedled", needle_mm=1.0),
            "caffeine, the same, an infinite dose": dict(
                molecule="caffeine", treatment="microneedled", needle_mm=1.0, dose=INFINITE),
            "salicylic acid, the same roller": dict(molecule="salicylic_acid",
                                                    treatment="microneedled", needle_mm=1.0),
            "caffeine, product 6 hours later": dict(molecule="caffeine",
                                                    treatment="microneedled", needle_mm=1.0,
                                                    delay_h=6.0),
            "caffeine, rats' dye closure, 6 hours later": dict(
                molecule="caffeine", treatment="microneedled", needle_mm=1.0, delay_h=6.0,
                closure="kalluri2011_dye_770"),
            "vitamin C, the same roller": dict(molecule="ascorbic_acid",
                                               treatment="microneedled", needle_mm=1.0),
            "hyaluronic acid, the same roller": dict(molecule="hyaluronic_acid",
                                                     treatment="microneedled", needle_mm=1.0),
            "caffeine, stratum corneum removed": dict(molecule="caffeine",
                                                      treatment="stripped"),
            "carbamazepine, a measured case": dict(molecule="carbamazepine",
                                                   treatment="microneedled", needle_mm=1.0),
        }

    # -- words --------------------------------------------------------------------------
    def _dose_words(self, r: df.Delivery, state: dict) -> str:
        if r.applied is None:
            return "an infinite dose (as in a diffusion cell: the product never runs out)"
        return (f"a {state['dose']:g} mg/cm² layer (a test dose of the order OECD Test "
                f"Guideline 428 uses; how much people put on is not known)")

    def _closure_words(self, r: df.Delivery) -> str:
        c = mn.product_curve(r.closure)
        if c.form == "half_life":
            when = (f"closing by half every {c.half_life.value:g} h ({c.half_life.low:g} to "
                    f"{c.half_life.high:g})")
        elif c.closed.low <= 0:
            when = f"closed within {c.closed.high:g} h"
        else:
            when = f"closed by {_span(c.closed.low, c.closed.high, lambda x: f'{x:g}')} h"
        cover = {False: "skin left uncovered", True: "skin covered",
                 None: "covering not stated"}[c.occluded]
        who = c.label.rsplit(" (", 1)[0]
        return f"{when} as measured in {who}, {cover} ({cite(c.source, True)})"

    def _caveat(self, r: df.Delivery) -> str:
        epi = sum(df.skin_cm()) * df.UM_PER_CM
        return (f" Teaching model: the dermis is a perfect sink {format_um(epi)} down, which "
                f"overstates every amount.")

    def _setting(self, r: df.Delivery, state: dict) -> tuple[str, str]:
        """(the dose and treatment, the route's own sentence) for a treated state."""
        dose = self._dose_words(r, state)
        when = ("applied straight after" if state["delay_h"] == 0 else
                f"applied {state['delay_h']:.0f} h after")
        if state["treatment"] == "microneedled":
            p = mn.punctured_fraction("roller", int(round(state["passes"])))
            still = ("" if state["delay_h"] <= 0 else
                     "none still open when it went on" if r.share_high <= 0 else
                     f"{_span(r.share_low, r.share_high, _pct)} of the surface still open when "
                     f"it went on")
            how = (f"{dose}, {when} a {state['needle_mm']:.2f} mm roller "
                   f"({state['passes']:.0f} passes)")
            route = (f" The channels: {_span(r.depth_low_um, r.depth_high_um, format_um)} deep, "
                     f"puncturing {_span(p.low, p.high, _pct)} of the surface"
                     + (f", {still}" if still else "") + f"; {self._closure_words(r)}.")
            return how, route
        back = df.barrier_recovery_hours()
        animal = df.barrier_recovery_animal_hours()
        return (f"{dose}, {when} the stratum corneum was taped off",
                f" The barrier recovers over {back.low / 24:g} to {back.high / 24:g} days, as "
                f"water loss did in people ({cite(back.sources[0], True)}); in guinea pigs after "
                f"microdermabrasion it had largely recovered within {animal.value:g} h, animal "
                f"data.")

    def compare(self, molecules: list[str] | tuple[str, ...], **state: Any) -> str:
        """Several molecules on one treatment, one line each, with the setting, the channels
        and the status said once: the side-by-side the sentences of :meth:`describe` give one
        at a time. Bad input gets a message, as in :meth:`describe`.

        Parameters
        ----------
        molecules : list or tuple of str
            The molecules' keys (see :func:`skinlab.diffusion.molecules`), at least one.
        **state
            The other controls, as for :meth:`describe` (``needle_mm`` in millimetres, ``delay_h``
            in hours, ``dose`` in mg/cm² or ``"infinite"``); the treatment must be
            ``"microneedled"`` or ``"stripped"``.

        Returns
        -------
        str
            One paragraph: the setting, then each molecule's delivery in 24 h against intact skin,
            the channels, the model's caveat and the statuses it rests on; or a sentence starting
            "Cannot show that:" for bad input (it never raises for a control's value).

        Examples
        --------
        >>> from skinlab.text import say
        >>> permeation = PermeationExplorer()
        >>> say(permeation.compare(["caffeine", "glycolic_acid"], treatment="microneedled",
        ...                        needle_mm=1.0, dose="infinite"), width=80)
        An infinite dose (as in a diffusion cell: the product never runs out), applied
        straight after a 1.00 mm roller (15 passes); in 24 h: caffeine about 9.6 times
        (1.0 to 12) as much as through intact skin; glycolic acid about 15 times (1.0 to
        19) as much as through intact skin. The channels: 186 µm to 1 mm deep,
        ...
        >>> permeation.compare(["caffeine"], treatment="intact")
        'Cannot show that: compare a treatment with intact skin: pick microneedled or stripped.'
        """
        try:
            full = self.clean(**state)
            if full["treatment"] == "intact":
                raise ValueError("compare a treatment with intact skin: pick microneedled or "
                                 "stripped")
            picked = [self.clean(**{**full, "molecule": key}) for key in molecules]
        except ValueError as exc:
            return f"Cannot show that: {exc}."
        if not picked:
            return "Cannot show that: name at least one molecule."
        rows, shaky = [], []
        for st in picked:
            r = self._delivery(st)
            m = r.molecule
            if m.log_kow is not None and m.log_kow.status == "placeholder":
                shaky.append(m.name)
            if r.ratio is None:
                rows.append(f"{m.name}: no number (see its own sentence)")
            elif r.applied is None:
                lo, hi = r.ratio_range
                spread = "" if _num(lo) == _num(hi) else f" ({_span(lo, hi, _num)})"
                rows.append(f"{m.name} about {_num(r.ratio)} times{spread} as much as through "
                            f"intact skin")
            else:
                lo, hi = r.ratio_range
                shares = _span(r.dose_share(r.treated_low), r.dose_share(r.treated_high), _pct)
                rows.append(f"{m.name} {_pct(r.dose_share(r.intact))} of the dose through intact "
                            f"skin, {shares} with the treatment ({_span(lo, hi, _num)} times)")
        first = self._delivery(picked[0])
        how, route = self._setting(first, picked[0])
        status = (f" It rests on the log Kow (placeholder) of {join(shaky)}." if shaky else "")
        return (f"{how[0].upper() + how[1:]}; in 24 h: {'; '.join(rows)}.{route}"
                f"{self._caveat(first)}{status}")

    def sentence(self, state: dict) -> str:
        r = self._delivery(state)
        m = r.molecule
        name = m.name
        t = state["treatment"]
        dose = self._dose_words(r, state)
        if t == "intact":
            if m.kp is None:
                return (f"Intact skin, {name}: the Potts-Guy equation needs a log Kow, and "
                        f"the course has none for it, so the model gives no estimate."
                        + _placeholder_words(m))
            out = "" if m.in_domain else (" It lies outside the equation's range, so treat the "
                                          "number as meaningless.")
            amount = (f"{r.intact:.2g} units per cm²" if r.applied is None else
                      f"{_pct(r.dose_share(r.intact))} of the dose")
            return (f"Intact skin, {name} ({m.mw.value:,.0f} Da), {dose}: kp about "
                    f"{plain_number(m.kp)} cm/h (Potts-Guy); in 24 h the model delivers "
                    f"{amount} to the dermis.{out}{self._caveat(r)}" + _placeholder_words(m))
        how, route = self._setting(r, state)
        how = f"{name.capitalize()}, {how}"
        if r.ratio is not None:
            lo, hi = r.ratio_range
            if r.applied is None:
                spread = "" if _num(lo) == _num(hi) else f" ({_span(lo, hi, _num)})"
                got = (f"in 24 h about {_num(r.ratio)} times{spread} as much "
                       f"{name} reaches the dermis as through intact skin: an infinite dose "
                       f"lets every path run on, so the ratio is as large as it can be")
            else:
                shares = _span(r.dose_share(r.treated_low), r.dose_share(r.treated_high), _pct)
                got = (f"in 24 h the model delivers {_pct(r.dose_share(r.intact))} of the dose "
                       f"through intact skin and {shares} with the treatment "
                       f"({_span(lo, hi, _num)} times intact): no path can deliver more than "
                       f"the dose")
            return (f"{how}: {got}.{route}{self._caveat(r)}" + _placeholder_words(m)
                    + _measured_words(m.key))
        return f"{how}: {self._no_ratio(r, state, name, m, route)}"

    def _no_ratio(self, r: df.Delivery, state: dict, name: str, m: df.Molecule,
                  route: str = "") -> str:
        (w0, w1), _ = df.potts_guy_domain()
        if not df.channel_in_range(m):
            return (f"the model gives no number: at {m.mw.value:,.0f} Da {name} is far past "
                    f"the weights ({w0:g} to {w1:g} Da) its estimates were fitted on."
                    + route + _placeholder_words(m) + _measured_words(m.key))
        if m.kp is None:
            why = (f"no ratio can be given: the model's estimate needs a log Kow, and {name} "
                   f"has none the course could confirm")
        else:
            why = (f"no ratio can be given: {name} lies outside the equation's range (log Kow "
                   f"{m.log_kow.value:g}, {m.mw.value:,.0f} Da), so its intact value means "
                   f"nothing")
        path = ""
        if r.treated_path is not None:
            if r.applied is None:
                path = (f" Through the treated area alone the model delivers "
                        f"{r.treated_path:.2g} units per cm² in 24 h, a teaching number.")
            else:
                share = _span(r.dose_share(r.path_low), r.dose_share(r.path_high), _pct)
                path = (f" Through the channels alone it delivers {share} of the dose to "
                        f"living tissue in 24 h (an upper bound: intact skin left out)."
                        + self._harm(r, state, m))
        return (f"{why}.{path}{route}{self._caveat(r)}" + _placeholder_words(m)
                + _measured_words(m.key))

    def _harm(self, r: df.Delivery, state: dict, m: df.Molecule) -> str:
        """What the channels let into living tissue, in mg/cm², where a strength is sourced."""
        strength = df.strength(m.key)
        if strength is None or r.applied is None or state["treatment"] != "microneedled":
            return ""
        per = state["dose"] * strength.value / 100.0  # mg of the molecule per cm² applied
        lo, hi = (r.dose_share(x) * per for x in (r.path_low, r.path_high))
        return (f" For a {strength.value:g}% formulation (the strength that gave the most "
                f"uptake in pig skin, {cite(strength.sources[0], True)}) that is "
                f"{_span(lo, hi, lambda x: f'{x:.2g}')} mg of {m.name} per cm² of skin, in "
                f"living tissue, not on its surface: granulomas have followed a vitamin C serum "
                f"put on during microneedling (notebook 06).")
