"""Diffusion through the skin: Fick's first law, the Potts-Guy estimate of kp, and a
time-dependent solver for layered membranes. Pure functions: centimetres, hours, cm/h.

Data: ``skinlab/data/diffusion.yaml``.

- :func:`kp_potts_guy`: log10 kp [cm/h] = a + b·log Kow - c·MW (Potts & Guy 1992), and
  :func:`potts_guy_in_domain`: whether a molecule lies inside the ranges the equation was fitted
  on. Outside them the course says "outside the equation's range" and prints no ratio.
- :class:`Layer` and :func:`solve`: diffusion through layers in series (each a thickness, a
  diffusion coefficient and a partition coefficient), an infinite dose above (the vehicle's
  concentration held at 1) and a sink below (concentration 0). The solver is a finite-volume
  Crank-Nicolson scheme in the vehicle-equivalent concentration u = C / K, which is continuous
  across layers; its matrices are built with numpy and the time steps apply one precomputed
  propagator (no Python loop over grid points). It returns the flux into the sink and the
  amount delivered, per unit area and per unit concentration in the vehicle.

Steady state: J = ΔC / Σ(h / (D·K)); one layer: J = D·K·ΔC / h = kp·ΔC, lag time h² / (6D).

>>> round(kp_potts_guy(2.0, 100.0), 4)
0.0123
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real

import numpy as np

from skinlab.data import Value, dataset

FILE = "diffusion.yaml"
UM_PER_CM = 1e4


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


def _number(x: object, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, Real):
        raise ValueError(f"{what} must be a number, got {x!r}")
    v = float(x)
    if math.isnan(v) or math.isinf(v):
        raise ValueError(f"{what} must be a finite number, got {x!r}")
    return v


# -- Potts-Guy -------------------------------------------------------------------------------------
def potts_guy_coefficients() -> tuple[float, float, float]:
    """(intercept, slope on log Kow, slope on MW per Da): log kp = a + b·logKow - c·MW."""
    return (_value("potts_guy", "intercept").value, _value("potts_guy", "log_kow_slope").value,
            _value("potts_guy", "mw_slope").value)


def kp_potts_guy(log_kow: object, mw_da: object) -> float:
    """The permeability coefficient of the stratum corneum, kp, in cm/h (Potts & Guy 1992).

    ValueError for a molecular weight that is not a positive number, or a log Kow that is not a
    finite number (hyaluronic acid has none: ask :func:`potts_guy_in_domain` first).
    """
    lk = _number(log_kow, "log Kow")
    mw = _number(mw_da, "the molecular weight (Da)")
    if mw <= 0:
        raise ValueError(f"the molecular weight must be above 0 Da, got {mw:g}")
    a, b, c = potts_guy_coefficients()
    return 10.0 ** (a + b * lk - c * mw)


def potts_guy_domain() -> tuple[tuple[float, float], tuple[float, float]]:
    """((lowest, highest MW in Da), (lowest, highest log Kow)) of the equation's fitting set."""
    mw = _value("potts_guy", "mw_domain")
    lk = _value("potts_guy", "log_kow_domain")
    return (mw.low, mw.high), (lk.low, lk.high)


def potts_guy_in_domain(log_kow: object, mw_da: object) -> bool:
    """Whether a molecule lies inside the ranges the equation was fitted on (False for a
    molecule with no log Kow, such as a polymer)."""
    if log_kow is None:
        return False
    lk = _number(log_kow, "log Kow")
    mw = _number(mw_da, "the molecular weight (Da)")
    (m0, m1), (k0, k1) = potts_guy_domain()
    return m0 <= mw <= m1 and k0 <= lk <= k1


# -- layers and the solver -------------------------------------------------------------------------
@dataclass(frozen=True)
class Layer:
    """A slab: ``h_cm`` thick, diffusion coefficient ``d_cm2_h`` (cm²/h), partition coefficient
    ``k`` (layer : vehicle), split into ``cells`` finite volumes."""

    h_cm: float
    d_cm2_h: float
    k: float = 1.0
    cells: int = 40
    name: str = ""

    def __post_init__(self):
        for what, v in (("thickness", self.h_cm), ("diffusion coefficient", self.d_cm2_h),
                        ("partition coefficient", self.k)):
            if not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
                raise ValueError(f"a layer's {what} must be a positive number, got {v!r}")
        if int(self.cells) != self.cells or self.cells < 2:
            raise ValueError(f"a layer needs at least 2 cells, got {self.cells!r}")

    @property
    def resistance(self) -> float:
        """h / (D·K), in h/cm: the layer's share of 1 / (steady flux per unit ΔC)."""
        return self.h_cm / (self.d_cm2_h * self.k)

    @property
    def lag_h(self) -> float:
        """The lag time of this layer alone, h² / (6D), in hours."""
        return self.h_cm ** 2 / (6.0 * self.d_cm2_h)


def steady_flux(layers: tuple[Layer, ...] | list[Layer]) -> float:
    """The steady flux per unit vehicle concentration (cm/h): 1 / Σ h/(D·K)."""
    return 1.0 / sum(x.resistance for x in layers)


@dataclass(frozen=True)
class Solution:
    """The solver's result at ``times`` (hours): ``flux`` into the sink (cm/h per unit
    concentration), ``amount`` delivered (cm, i.e. volume of vehicle per cm² of skin, per unit
    concentration), ``stored`` (in the layers) and ``entered`` (through the surface)."""

    times: np.ndarray
    flux: np.ndarray
    amount: np.ndarray
    stored: np.ndarray
    entered: np.ndarray


def _system(layers: tuple[Layer, ...]):
    """Cell capacities, the tridiagonal conductance matrix and the boundary conductances."""
    dx = np.concatenate([np.full(x.cells, x.h_cm / x.cells) for x in layers])
    dk = np.concatenate([np.full(x.cells, x.d_cm2_h * x.k) for x in layers])
    cap = np.concatenate([np.full(x.cells, x.k * x.h_cm / x.cells) for x in layers])
    half = dx / (2.0 * dk)  # resistance from a cell's centre to its face
    g = 1.0 / (half[:-1] + half[1:])  # between neighbouring cells
    g_top, g_bot = 1.0 / half[0], 1.0 / half[-1]
    n = dx.size
    a = np.zeros((n, n))
    idx = np.arange(n - 1)
    a[idx, idx + 1] = g
    a[idx + 1, idx] = g
    diag = np.zeros(n)
    diag[:-1] -= g
    diag[1:] -= g
    diag[0] -= g_top
    diag[-1] -= g_bot
    a[np.arange(n), np.arange(n)] = diag
    return cap, a, g_top, g_bot


@lru_cache(maxsize=64)
def _propagator(layers: tuple[Layer, ...], dt: float):
    cap, a, g_top, g_bot = _system(layers)
    n = cap.size
    lhs = np.diag(cap / dt) - a / 2.0
    rhs = np.diag(cap / dt) + a / 2.0
    b = np.zeros(n)
    b[0] = g_top  # the vehicle's concentration (1) held at the surface
    inv = np.linalg.inv(lhs)
    return inv @ rhs, inv @ b, cap, g_top, g_bot


def solve(layers: tuple[Layer, ...] | list[Layer], hours: float = 24.0,
          dt_h: float = 0.02) -> Solution:
    """Diffusion from an infinite dose (vehicle concentration 1) through ``layers`` into a sink,
    from an empty membrane at t = 0, every ``dt_h`` hours up to ``hours`` (Crank-Nicolson)."""
    layers = tuple(layers)
    if not layers:
        raise ValueError("give at least one layer")
    hours = _number(hours, "the duration (h)")
    dt = _number(dt_h, "the time step (h)")
    if hours <= 0 or dt <= 0:
        raise ValueError("the duration and the time step must be above 0 hours")
    steps = int(round(hours / dt))
    dt = hours / steps
    m, c, cap, g_top, g_bot = _propagator(layers, dt)
    u = np.zeros(cap.size)
    top = np.empty(steps + 1)  # u in the first and the last cell at every step
    bottom = np.empty(steps + 1)
    stored = np.empty(steps + 1)
    top[0] = bottom[0] = stored[0] = 0.0
    for k in range(1, steps + 1):  # a loop over time steps; each step is one matrix product
        u = m @ u + c
        top[k], bottom[k] = u[0], u[-1]
        stored[k] = cap @ u
    times = np.linspace(0.0, hours, steps + 1)
    flux_out = g_bot * bottom
    flux_in = g_top * (1.0 - top)
    flux_in[0] = g_top  # the surface meets an empty membrane at t = 0
    # Crank-Nicolson is exact for the trapezoid rule on the boundary fluxes
    amount = np.concatenate([[0.0], np.cumsum((flux_out[1:] + flux_out[:-1]) * dt / 2.0)])
    entered = np.concatenate([[0.0], np.cumsum((flux_in[1:] + flux_in[:-1]) * dt / 2.0)])
    return Solution(times, flux_out, amount, stored, entered)


def lag_time(sol: Solution) -> float:
    """The lag time read from a solution: where the straight line through the last part of the
    amount-against-time curve (steady state) crosses the time axis (hours)."""
    n = sol.times.size
    tail = slice(int(0.8 * n), n)
    slope, intercept = np.polyfit(sol.times[tail], sol.amount[tail], 1)
    return float(-intercept / slope)


# -- molecules ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Molecule:
    """A molecule in the course's data: its molecular weight and, where one exists, log Kow."""

    key: str
    label: str
    mw: Value
    log_kow: Value | None
    note: str = ""

    @property
    def name(self) -> str:
        """The label without its parenthesis: 'carbamazepine', 'hyaluronic acid'."""
        return self.label.split(" (")[0]

    @property
    def in_domain(self) -> bool:
        return self.log_kow is not None and potts_guy_in_domain(self.log_kow.value,
                                                                 self.mw.value)

    @property
    def kp(self) -> float | None:
        """kp by Potts-Guy (cm/h), or None without a log Kow."""
        if self.log_kow is None:
            return None
        return kp_potts_guy(self.log_kow.value, self.mw.value)


def molecules() -> tuple[Molecule, ...]:
    out = []
    for key, node in dataset().tree(FILE)["molecules"].items():
        lk = _value("molecules", key, "log_kow") if "log_kow" in node else None
        out.append(Molecule(key, node["label"], _value("molecules", key, "mw"), lk,
                            node.get("note", "")))
    return tuple(out)


def molecule(key: str) -> Molecule:
    for m in molecules():
        if m.key == key:
            return m
    raise ValueError(f"unknown molecule {key!r}: choose one of "
                     f"{', '.join(m.key for m in molecules())}")


def rule_500() -> Value:
    """The 500 Da rule of thumb for intact skin (Bos & Meinardi 2000)."""
    return _value("rule_500")


# -- the model's skin and its paths ---------------------------------------------------------------
SITE = "cheek"  # the model's skin: the cheek's layers, as skinlab.anatomy gives them
TREATMENTS = ("intact", "microneedled", "stripped")
TREATMENT_LABELS = {"intact": "intact skin", "microneedled": "microneedled",
                    "stripped": "stratum corneum removed (tape stripping)"}
HOURS = 24.0
DT_H = 0.02
CLOSURE_STUDY = "sites_forearm"  # the closure curve the model uses (impedance, half-life)


@lru_cache(maxsize=1)
def skin_cm() -> tuple[float, float]:
    """(stratum corneum, viable epidermis) thickness at the model's site, in cm."""
    from skinlab import anatomy

    layers = anatomy.layers_at(SITE)
    return layers[0].thickness_um / UM_PER_CM, layers[1].thickness_um / UM_PER_CM


def aqueous_d_cm2_h(mw_da: float) -> float:
    """The diffusivity of a solute in viable tissue or a water-filled channel (cm²/h): a course
    assumption, log10 D [cm²/s] = a + b·log10 MW."""
    mw = _number(mw_da, "the molecular weight (Da)")
    if mw <= 0:
        raise ValueError(f"the molecular weight must be above 0 Da, got {mw:g}")
    a = _value("viable_epidermis", "diffusivity_intercept").value
    b = _value("viable_epidermis", "diffusivity_slope").value
    return 10.0 ** (a + b * math.log10(mw)) * 3600.0


def sc_partition(log_kow: float) -> float:
    """K_sc = Kow^0.71: the stratum corneum's partition coefficient implied by Potts-Guy's
    slope on log Kow (the course's basis: kp = K·D/h with log K carrying that slope)."""
    return 10.0 ** (potts_guy_coefficients()[1] * _number(log_kow, "log Kow"))


def intact_layers(m: Molecule) -> tuple[Layer, ...]:
    """Stratum corneum (D chosen so that it alone gives kp), then viable epidermis."""
    if m.kp is None:
        raise ValueError(f"{m.label} has no log Kow: the Potts-Guy equation cannot give its kp")
    h_sc, h_ve = skin_cm()
    k_sc = sc_partition(m.log_kow.value)
    k_ve = _value("viable_epidermis", "partition").value
    return (Layer(h_sc, m.kp * h_sc / k_sc, k_sc, cells=30, name="stratum corneum"),
            Layer(h_ve, aqueous_d_cm2_h(m.mw.value), k_ve, cells=12, name="viable epidermis"))


def channel_layers(m: Molecule, depth_um: float) -> tuple[Layer, ...]:
    """A water-filled pore from the surface to ``depth_um`` or to the dermal-epidermal junction,
    whichever is shallower (the dermis is the sink), then any epidermis left below it."""
    h_sc, h_ve = skin_cm()
    depth = _number(depth_um, "the channel's depth (µm)") / UM_PER_CM
    if depth <= 0:
        raise ValueError("a channel's depth must be above 0 µm")
    epi = h_sc + h_ve
    d_aq = aqueous_d_cm2_h(m.mw.value)
    pore = min(depth, epi)
    out = [Layer(pore, d_aq, 1.0, cells=20, name="water-filled channel")]
    if pore < epi - 1e-9:
        if pore < h_sc:  # a channel that ends inside the stratum corneum
            if m.kp is None:
                raise ValueError(f"{m.label}: a channel that ends in the stratum corneum leaves "
                                 f"a barrier the equation cannot describe")
            k_sc = sc_partition(m.log_kow.value)
            out.append(Layer(h_sc - pore, m.kp * h_sc / k_sc, k_sc, cells=10,
                             name="stratum corneum"))
            out.append(Layer(h_ve, d_aq, 1.0, cells=10, name="viable epidermis"))
        else:
            out.append(Layer(epi - pore, d_aq, 1.0, cells=10, name="viable epidermis"))
    return tuple(out)


def stripped_layers(m: Molecule) -> tuple[Layer, ...]:
    """No stratum corneum: the viable epidermis alone, down to the sink."""
    _, h_ve = skin_cm()
    return (Layer(h_ve, aqueous_d_cm2_h(m.mw.value), 1.0, cells=12, name="viable epidermis"),)


@lru_cache(maxsize=128)
def _solved(layers: tuple[Layer, ...]) -> Solution:
    return solve(layers, HOURS, DT_H)


def share_open(treatment: str, t_h: np.ndarray, device: str = "roller", passes: int = 15,
               ) -> np.ndarray:
    """The share of the surface that takes the treated path at each time after treatment.

    Microneedled: the share punctured (skinlab.microneedling) times how open the channels still
    are (one closure study). Stratum corneum removed: all of it at first, falling in a straight
    line to none when the barrier had largely recovered in guinea pigs (a course assumption:
    people recover more slowly, the authors expect)."""
    from skinlab import microneedling as mn

    t = np.asarray(t_h, dtype=float)
    if treatment == "microneedled":
        f = mn.punctured_fraction(device, passes).value
        c = mn.curve("impedance", None, CLOSURE_STUDY)
        if c.form == "half_life":
            return f * np.exp(-math.log(2) * t / c.half_life.value)
        return f * np.clip(1.0 - t / c.closed.value, 0.0, 1.0)
    if treatment == "stripped":
        back = _value("barrier_recovery", "sulforhodamine").value
        return np.clip(1.0 - t / back, 0.0, 1.0)
    if treatment == "intact":
        return np.zeros_like(t)
    raise ValueError(f"unknown treatment {treatment!r}: choose one of {', '.join(TREATMENTS)}")


@dataclass(frozen=True)
class Delivery:
    """What reaches the sink in ``HOURS`` (amounts per cm² per unit concentration, in cm)."""

    molecule: Molecule
    treatment: str
    intact: float | None       # through intact skin; None where the equation gives nothing
    treated: float | None      # with the treatment; None where it cannot be computed
    treated_path: float | None  # through the treated path alone (a channel, stripped skin)
    share_at_start: float
    times: tuple = ()            # hours since the product was applied
    intact_curve: tuple = ()     # cumulative amounts through intact skin (empty: no estimate)
    treated_curve: tuple = ()    # cumulative amounts with the treatment
    depth_um: float | None = None  # the channel's typical depth (microneedled)

    @property
    def ratio(self) -> float | None:
        """Treated over intact, or None where no ratio can honestly be given."""
        if self.treated is None or self.intact is None or self.intact <= 0:
            return None
        if not self.molecule.in_domain:
            return None
        return self.treated / self.intact


def delivered(key: str, treatment: str = "microneedled", needle_um: float = 1000.0,
              device: str = "roller", passes: int = 15, delay_h: float = 0.0) -> Delivery:
    """The amount delivered in 24 h after applying the product ``delay_h`` hours after the
    treatment: ∫ [(1 - f(τ+t)) J_intact(t) + f(τ+t) J_treated(t)] dt, with each path solved once
    (moving the delay needs no new solve)."""
    from skinlab import microneedling as mn

    m = molecule(key)
    if treatment not in TREATMENTS:
        raise ValueError(f"unknown treatment {treatment!r}: choose one of "
                         f"{', '.join(TREATMENTS)}")
    tau = _number(delay_h, "the delay (h)")
    if tau < 0:
        raise ValueError("the delay cannot be negative")
    intact_sol = _solved(intact_layers(m)) if m.kp is not None else None
    intact = float(intact_sol.amount[-1]) if intact_sol is not None else None
    intact_curve = tuple(intact_sol.amount) if intact_sol is not None else ()
    if treatment == "intact":
        times = tuple(intact_sol.times) if intact_sol is not None else ()
        return Delivery(m, treatment, intact, intact, None, 0.0, times, intact_curve,
                        intact_curve)
    depth = None
    if treatment == "microneedled":
        depth = mn.depth_reached(_number(needle_um, "the needle length (µm)"), SITE).typical_um
        path = _solved(channel_layers(m, depth))
    else:
        path = _solved(stripped_layers(m))
    t = path.times
    f = share_open(treatment, tau + t, device, passes)
    j_int = intact_sol.flux if intact_sol is not None else np.zeros_like(t)
    combined = (1.0 - f) * j_int + f * path.flux
    steps = (combined[1:] + combined[:-1]) * np.diff(t) / 2.0
    curve = np.concatenate([[0.0], np.cumsum(steps)])
    return Delivery(m, treatment, intact, float(curve[-1]), float(path.amount[-1]), float(f[0]),
                    tuple(t), intact_curve, tuple(curve), depth)


def barrier_recovery_hours() -> float:
    """Hours by which the barrier had largely recovered after stratum corneum removal (guinea
    pigs, Andrews 2011)."""
    return _value("barrier_recovery", "sulforhodamine").value


def measured_cases() -> dict[str, dict]:
    """The measured in-vitro roller cases: passive and needled flux (µg/cm²/h), significance."""
    out = {}
    for key, node in dataset().tree(FILE)["measured_cases"].items():
        out[key] = {"label": node["label"], "skin": node["skin"],
                    "significant": bool(node["significant"]),
                    "passive": _value("measured_cases", key, "passive").value,
                    "needled": _value("measured_cases", key, "needled").value,
                    "source": _value("measured_cases", key, "passive").sources[0]}
    return out


def signal_gain(key: str) -> Value | None:
    """A measured rise in a fluorescence signal with microneedles (not a flux), or None."""
    node = dataset().tree(FILE)["molecules"].get(key, {})
    return _value("molecules", key, "signal_gain") if "signal_gain" in node else None


def measured_case_for(key: str) -> dict | None:
    """The measured case for a molecule of the course's list, or None."""
    case = dataset().tree(FILE)["molecules"].get(key, {}).get("case")
    return measured_cases().get(case) if case else None
