"""The molecule map: log MW against log Kow, shaded by the Potts-Guy kp inside the equation's
range, with the 500 Da line, a strip for molecules with no log Kow and the measured cases; the
molecule picked is ringed and described."""

from __future__ import annotations

import math
from functools import lru_cache

from skinlab import diffusion as df
from skinlab.draw import Caption, MapMarker, MoleculeMap
from skinlab.explore.base import Choice, Explorer

STRIP_Y = -4.55  # where molecules with no log Kow sit, below the map


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (Choice("molecule", "Molecule", tuple((m.label, m.key) for m in df.molecules()),
                   "caffeine"),)


def _status(m: df.Molecule) -> str:
    if m.log_kow is None:
        return ""
    if m.log_kow.status == "placeholder":
        return " (a placeholder: not confirmed at a primary source)"
    if m.log_kow.status == "estimated":
        return " (estimated from a measured partition coefficient)"
    return " (measured)"


class MoleculeMapExplorer(Explorer):
    """Pick a molecule; see where it lies by size and lipophilicity."""

    name = "molecules"
    title = "Molecule map: size, lipophilicity and the Potts-Guy estimate"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.12, 0.12, 0.70, 0.72))
        return {"map": MoleculeMap(ax), "marker": MapMarker(ax),
                "heading": Caption(fig, 0.02, 0.9, overlay=True)}

    def wire(self, state: dict) -> dict:
        m = df.molecule(state["molecule"])
        points = tuple((x.name, math.log10(x.mw.value),
                        x.log_kow.value if x.log_kow else None,
                        df.measured_case_for(x.key) is not None) for x in df.molecules())
        return {
            "map": {"points": points, "domain": df.potts_guy_domain(),
                    "coeffs": df.potts_guy_coefficients(), "rule_da": df.rule_500().value},
            "marker": {"x": math.log10(m.mw.value),
                       "y": m.log_kow.value if m.log_kow else STRIP_Y, "label": m.name},
            "heading": {"text": "Circles: the course's molecules; squares: measured roller cases; "
                                "grey strip: no log Kow"},
        }

    def alt(self, state: dict) -> str:
        m = df.molecule(state["molecule"])
        return (f"Map of molecules by weight and log Kow; {m.name} ringed at "
                f"{m.mw.value:,.0f} Da")[:150]

    def examples(self) -> dict[str, dict]:
        return {"caffeine": dict(molecule="caffeine"),
                "salicylic acid": dict(molecule="salicylic_acid"),
                "retinol": dict(molecule="retinol"),
                "hyaluronic acid": dict(molecule="hyaluronic_acid"),
                "carbamazepine (measured case)": dict(molecule="carbamazepine")}

    def sentence(self, state: dict) -> str:
        m = df.molecule(state["molecule"])
        rule = df.rule_500().value
        size = (f"under the {rule:g} Da rule of thumb for intact skin" if m.mw.value < rule else
                f"over the {rule:g} Da rule of thumb for intact skin")
        mw = f"{m.mw.value:,.0f} Da" if m.mw.value >= 1000 else f"{m.mw.value:g} Da"
        if m.mw.status == "placeholder":
            mw += " (a placeholder weight: not confirmed at an authoritative record)"
        if m.log_kow is None:
            text = (f"{m.name.capitalize()}: {mw}, {size}; no log Kow, so it sits in the strip "
                    f"below the map and the Potts-Guy equation gives no kp.")
        else:
            kow = f"log Kow {m.log_kow.value:g}{_status(m)}"
            if m.in_domain:
                text = (f"{m.name.capitalize()}: {mw}, {kow}; inside the equation's range, so "
                        f"kp is about {m.kp:.1e} cm/h; {size}.")
            else:
                text = (f"{m.name.capitalize()}: {mw}, {kow}; outside the equation's range, so "
                        f"the course gives no kp for it; {size}.")
        case = df.measured_case_for(m.key)
        if case is not None:
            sig = "significant" if case["significant"] else "not significant"
            text += (f" A roller raised its flux through {case['skin']} from {case['passive']:g} "
                     f"to {case['needled']:g} µg/cm²/h ({sig}).")
        return text
