"""The molecule map: log MW against log Kow, shaded by the Potts-Guy kp inside the equation's
range, with the 500 Da line, a strip for molecules with no log Kow and the measured cases; the
molecule picked is ringed and described."""

from __future__ import annotations

import math
from functools import lru_cache

from skinlab import diffusion as df
from skinlab.draw import Caption, MapMarker, MoleculeMap
from skinlab.draw.permeation import STRIP_Y
from skinlab.explore.base import Choice, Explorer
from skinlab.text import marker, plain_number


@lru_cache(maxsize=1)
def _controls() -> tuple:
    return (Choice("molecule", "Molecule", tuple((m.label, m.key) for m in df.molecules()),
                   "caffeine"),)


def _status(m: df.Molecule) -> str:
    """The log Kow's status word (the legend at the notebook's top defines it)."""
    return marker(m.log_kow.status) if m.log_kow is not None else ""


def _home(log_kow: float) -> str:
    """What the sign of log Kow means: above 0 the molecule is more at home in oil (octanol)
    than in water, below 0 in water."""
    return "more at home in oil" if log_kow > 0 else "more at home in water"


class MoleculeMapExplorer(Explorer):
    """Pick a molecule; see where it lies by size and lipophilicity.

    Parameters
    ----------
    molecule : str, optional
        The molecule (default ``"caffeine"``), one of :func:`skinlab.diffusion.molecules`' keys.

    Raises
    ------
    ValueError
        For an unknown control or a value outside its choices or range (``describe`` and ``set``
        answer such input with a sentence instead).

    Examples
    --------
    >>> from skinlab.text import say
    >>> molecules = MoleculeMapExplorer()
    >>> say(molecules.describe(molecule="salicylic_acid"), width=80)
    Salicylic acid: 138.12 Da, log Kow 2.26 (placeholder), more at home in oil;
    under the 500 Da rule of thumb for intact skin. The model estimates that it
    crosses intact skin at about 0.011 cm/h (kp: see Going deeper).
    """

    name = "molecules"
    title = "Molecule map: size, lipophilicity and the Potts-Guy estimate"

    @property
    def controls(self):
        return _controls()

    def build(self, fig) -> dict:
        ax = fig.add_axes((0.12, 0.12, 0.70, 0.72))
        molecules = MoleculeMap(ax)
        return {"map": molecules, "marker": MapMarker(ax, molecules),
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
            "heading": {"text": "Circles: the course's molecules, each named; squares: measured "
                                "roller cases;\ngrey strip: no log Kow"},
        }

    def alt(self, state: dict) -> str:
        m = df.molecule(state["molecule"])
        return (f"Map of molecules by weight and log Kow, each named; {m.name} ringed at "
                f"{m.mw.value:,.0f} Da")

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
        mw += marker(m.mw.status)
        if m.log_kow is None:
            text = (f"{m.name.capitalize()}: {mw}, {size}; no log Kow, so it sits in the strip "
                    f"below the map and the model gives no estimate of how fast it crosses.")
        else:
            kow = f"log Kow {m.log_kow.value:g}{_status(m)}, {_home(m.log_kow.value)}"
            if m.in_domain:
                text = (f"{m.name.capitalize()}: {mw}, {kow}; {size}. The model estimates that "
                        f"it crosses intact skin at about {plain_number(m.kp)} cm/h (kp: see "
                        f"Going deeper).")
            else:
                text = (f"{m.name.capitalize()}: {mw}, {kow}; {size}. It lies outside the "
                        f"weights and oiliness the estimate was fitted on, so the model gives "
                        f"no estimate for it.")
        case = df.measured_case_for(m.key)
        if case is not None:
            sig = "significant" if case["significant"] else "not significant"
            text += (f" A roller raised its flux through {case['skin']} from {case['passive']:g} "
                     f"to {case['needled']:g} µg/cm²/h ({sig}).")
        return text
