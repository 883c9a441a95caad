"""The permeation explorer: a molecule, a treatment (intact skin; microneedled, with the needle
length and the roller's passes; the stratum corneum removed) and the hours between treatment and
product; the amount the teaching model delivers over 24 hours, against intact skin."""

from __future__ import annotations

from functools import lru_cache

from skinlab import diffusion as df
from skinlab import microneedling as mn
from skinlab.draw import AmountCurves, AmountFrame, Caption
from skinlab.explore.base import Choice, Explorer, Number
from skinlab.text import format_um


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (
        Choice("molecule", "Molecule", tuple((m.label, m.key) for m in df.molecules()),
               "caffeine"),
        Number("needle_mm", "Needle length (mm)", "mm", 0.25, 3.0, 0.05, 1.0, readout=".2f"),
        Number("passes", "Roller passes (passes)", "passes", 1, 30, 1, 15),
        Number("delay_h", "Hours from treatment to product (h)", "h", 0.0, 48.0, 1.0, 0.0),
        Choice("treatment", "Treatment",
               tuple((df.TREATMENT_LABELS[t], t) for t in df.TREATMENTS), "microneedled"),
    )


@lru_cache(maxsize=1)
def _range() -> tuple[float, float]:
    """One y range for every molecule and treatment, so the axes never change and every update
    redraws only the curves (the frame is cached)."""
    top = max(x for m in df.molecules()
              for x in (df.delivered(m.key, "stripped").treated,
                        df.delivered(m.key, "microneedled", 3000, passes=30).treated,
                        df.delivered(m.key, "intact").intact) if x)
    return top * 1e-8, top * 3


def _num(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def _placeholder_words(m: df.Molecule) -> str:
    bits = []
    if m.log_kow is not None and m.log_kow.status == "placeholder":
        bits.append(f"{m.name}'s log Kow ({m.log_kow.value:g}) is a placeholder: the course "
                    f"could not confirm it at a primary source")
    if m.mw.status == "placeholder":
        bits.append("its molecular weight is a placeholder")
    if not bits:
        return ""
    text = "; ".join(bits)
    return " " + text[0].upper() + text[1:] + "."


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
            f"{sig}); the model is not fitted to it.")


class PermeationExplorer(Explorer):
    """Pick a molecule and a treatment; compare 24 hours of delivery with intact skin."""

    name = "permeation"
    title = "Permeation explorer: what reaches the dermis in 24 hours (teaching model)"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.16, 0.12, 0.80, 0.66))
        fig.text(0.96, 0.80, "Teaching model: the dermis as a sink, an infinite dose",
                 ha="right", va="bottom", fontsize=8, style="italic")  # drawn once, in the frame
        return {"frame": AmountFrame(ax), "curves": AmountCurves(ax),
                "heading": Caption(fig, 0.02, 0.87, overlay=True, linespacing=1.3)}

    def _delivery(self, state: dict) -> df.Delivery:
        return df.delivered(state["molecule"], state["treatment"], state["needle_mm"] * 1000.0,
                            "roller", int(round(state["passes"])), state["delay_h"])

    def wire(self, state: dict) -> dict:
        r = self._delivery(state)
        low, high = _range()
        ratio = r.ratio
        label = (f"24 h: about {_num(ratio)} times intact" if ratio is not None
                 else "no ratio (see the sentence)")
        return {
            "frame": {"low": low, "high": high},
            # every fourth point (0.08 h apart) is plenty for a 640-pixel chart
            "curves": {"times": r.times[::4], "intact": r.intact_curve[::4],
                       "treated": r.treated_curve[::4] if state["treatment"] != "intact" else (),
                       "label": label},
            "heading": {"text": f"{r.molecule.name.capitalize()}: "
                                f"{df.TREATMENT_LABELS[state['treatment']]}"
                                + (f", product {state['delay_h']:.0f} h later"
                                   if state["treatment"] != "intact" else "")
                                + (f"\n{state['needle_mm']:.2f} mm roller, "
                                   f"{state['passes']:.0f} passes: channels about "
                                   f"{format_um(r.depth_um)} deep"
                                   if state["treatment"] == "microneedled" else
                                   "\nThe roller's settings do not apply")},
        }

    def alt(self, state: dict) -> str:
        r = self._delivery(state)
        words = (f"about {_num(r.ratio)} times intact" if r.ratio is not None else "no ratio")
        return (f"Amount of {r.molecule.label} delivered over 24 h, "
                f"{df.TREATMENT_LABELS[state['treatment']]}: {words}")[:150]

    def examples(self) -> dict[str, dict]:
        return {
            "caffeine, 1 mm roller, 15 passes": dict(molecule="caffeine",
                                                     treatment="microneedled", needle_mm=1.0),
            "salicylic acid, the same roller": dict(molecule="salicylic_acid",
                                                    treatment="microneedled", needle_mm=1.0),
            "caffeine, product 6 hours later": dict(molecule="caffeine",
                                                    treatment="microneedled", needle_mm=1.0,
                                                    delay_h=6.0),
            "hyaluronic acid, the same roller": dict(molecule="hyaluronic_acid",
                                                     treatment="microneedled", needle_mm=1.0),
            "caffeine, stratum corneum removed": dict(molecule="caffeine",
                                                      treatment="stripped"),
            "carbamazepine, a measured case": dict(molecule="carbamazepine",
                                                   treatment="microneedled", needle_mm=1.0),
        }

    def sentence(self, state: dict) -> str:
        r = self._delivery(state)
        m = r.molecule
        name = m.name
        t = state["treatment"]
        if t == "intact":
            if m.kp is None:
                return (f"Intact skin, {name}: the Potts-Guy equation needs a log Kow, and "
                        f"the course has none for it, so the model gives no estimate."
                        + _placeholder_words(m))
            out = "" if m.in_domain else (" It lies outside the equation's range, so treat the "
                                          "number as meaningless.")
            return (f"Intact skin, {name} ({m.mw.value:,.0f} Da): kp about {m.kp:.1e} cm/h "
                    f"(Potts-Guy); over 24 h the model delivers {r.intact:.2g} units per cm² "
                    f"(teaching model: the dermis as a sink, an infinite dose).{out}"
                    + _placeholder_words(m))
        when = ("applied straight after" if state["delay_h"] == 0 else
                f"applied {state['delay_h']:.0f} h after")
        if t == "microneedled":
            share = mn.punctured_fraction("roller", int(round(state["passes"]))).value
            h_sc, h_ve = df.skin_cm()
            epi = (h_sc + h_ve) * df.UM_PER_CM
            how = (f"Microneedled with a {state['needle_mm']:.2f} mm roller, "
                   f"{state['passes']:.0f} passes (channels about {format_um(r.depth_um)} deep, "
                   f"opening {share:.1%} of the surface), {name} {when}")
            deep = (f" Past the epidermis ({format_um(epi)} on the model's cheek) a longer "
                    f"needle changes only the share punctured, not the path: the dermis is "
                    f"the sink." if r.depth_um and r.depth_um >= epi else "")
        else:
            back = df.barrier_recovery_hours()
            how = (f"Stratum corneum removed, {name} {when} (the barrier recovering in a "
                   f"straight line over {back:g} h, as it largely did in guinea pigs: a course "
                   f"assumption)")
            deep = ""
        if r.ratio is not None:
            return (f"{how}: in 24 h about {_num(r.ratio)} times as much {name} reaches the "
                    f"dermis as through intact skin (teaching model).{deep}"
                    + _placeholder_words(m) + _measured_words(m.key))
        if m.kp is None:
            if m.mw.value > 10 * df.potts_guy_domain()[0][1]:
                why = (f"the Potts-Guy equation needs a log Kow, and {name}, a polymer, has "
                       f"none; at {m.mw.value:,.0f} Da it is also far past the equation's range")
            else:
                why = (f"the Potts-Guy equation needs a log Kow, and {name} has none the "
                       f"course could confirm")
        else:
            why = (f"{name} lies outside the equation's range (log Kow {m.log_kow.value:g}, "
                   f"{m.mw.value:,.0f} Da), so its intact value means nothing")
        path = (f" Through the treated skin alone the model delivers {r.treated:.2g} units per "
                f"cm² in 24 h, a teaching number." if r.treated else "")
        return (f"{how}: no ratio can be given: {why}.{path}{deep}"
                + _placeholder_words(m) + _measured_words(m.key))
