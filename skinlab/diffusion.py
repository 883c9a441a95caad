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
from typing import Any

import numpy as np

from skinlab.data import Value, dataset, number

FILE = "diffusion.yaml"
UM_PER_CM = 1e4


def _value(*path: str) -> Value:
    return dataset().value(FILE, *path)


_number = number  # the one validator (skinlab.data.number)


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
    ``k`` (layer : vehicle), split into ``cells`` finite volumes.

    Parameters
    ----------
    h_cm : float
        The slab's thickness, in centimetres (above 0; 15 µm is ``1.5e-3``).
    d_cm2_h : float
        Its diffusion coefficient, in cm²/h (above 0).
    k : float, optional
        Its partition coefficient, layer : vehicle (no unit, above 0).
    cells : int, optional
        How many finite volumes the solver splits it into (at least 2).
    name : str, optional
        What the slab is, for messages and charts (e.g. ``"stratum corneum"``).

    Raises
    ------
    ValueError
        For a thickness, diffusion or partition coefficient that is not a positive number, or
        fewer than 2 cells.

    Examples
    --------
    >>> slab = Layer(1.5e-3, 1.9e-7, 0.9)
    >>> round(slab.resistance), round(slab.lag_h, 2)
    (8772, 1.97)
    >>> Layer(0, 1.9e-7)
    Traceback (most recent call last):
    ...
    ValueError: a layer's thickness must be a positive number, got 0
    """

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
    from an empty membrane at t = 0, every ``dt_h`` hours up to ``hours`` (Crank-Nicolson).

    Parameters
    ----------
    layers : sequence of Layer
        The slabs from the surface down (at least one).
    hours : float, optional
        How long to follow the diffusion, in hours (above 0).
    dt_h : float, optional
        The time step, in hours (above 0; rounded so that whole steps fill ``hours``).

    Returns
    -------
    Solution
        ``times`` (h), ``flux`` into the sink (cm/h per unit concentration), ``amount`` delivered
        (cm: volume of vehicle per cm² of skin, per unit concentration), ``stored`` and
        ``entered``, one number a time step.

    Raises
    ------
    ValueError
        For no layer, or a duration or time step that is not a number above 0.

    Examples
    --------
    At steady state the flux through one slab is Fick's D·K/h:

    >>> h, D, K = 1.5e-3, 1.9e-7, 0.9
    >>> sol = solve([Layer(h, D, K)], hours=30)
    >>> f"{D * K / h:.4g} by hand, {sol.flux[-1]:.4g} from the solver (cm/h)"
    '0.000114 by hand, 0.000114 from the solver (cm/h)'
    """
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
    """One molecule of the course's data, by key.

    Parameters
    ----------
    key : str
        The molecule's key in ``diffusion.yaml``, e.g. ``"caffeine"``, ``"salicylic_acid"``.

    Returns
    -------
    Molecule
        Its label, molecular weight (``mw``, in Da), log Kow (``log_kow``, or None) and kp by
        Potts-Guy (``kp``, in cm/h, or None without a log Kow).

    Raises
    ------
    ValueError
        For a key the course has no molecule for.

    Examples
    --------
    >>> m = molecule("caffeine")
    >>> m.name, m.mw.value, m.log_kow.value, m.log_kow.status
    ('caffeine', 194.19, -0.07, 'placeholder')
    >>> f"{m.kp:.2e} cm/h"
    '1.11e-04 cm/h'
    """
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
    """Stratum corneum (D chosen so that it alone gives kp), then viable epidermis.

    The thicknesses are those of the model's skin, :data:`SITE`'s layers.

    Parameters
    ----------
    m : Molecule
        A molecule with a log Kow (see :func:`molecule`).

    Returns
    -------
    tuple of Layer
        The stratum corneum and the viable epidermis, thicknesses in cm.

    Raises
    ------
    ValueError
        For a molecule without a log Kow (Potts-Guy cannot give its kp).

    Examples
    --------
    >>> [(layer.name, round(layer.h_cm * 1e4, 1)) for layer in intact_layers(molecule("caffeine"))]
    [('stratum corneum', 16.8), ('viable epidermis', 45.0)]
    """
    if m.kp is None or m.log_kow is None:  # one is None when the other is
        raise ValueError(f"{m.label} has no log Kow: the Potts-Guy equation cannot give its kp")
    h_sc, h_ve = skin_cm()
    k_sc = sc_partition(m.log_kow.value)
    k_ve = _value("viable_epidermis", "partition").value
    return (Layer(h_sc, m.kp * h_sc / k_sc, k_sc, cells=30, name="stratum corneum"),
            Layer(h_ve, aqueous_d_cm2_h(m.mw.value), k_ve, cells=12, name="viable epidermis"))


def channel_layers(m: Molecule, depth_um: float) -> tuple[Layer, ...]:
    """A water-filled pore from the surface to ``depth_um`` or to the dermal-epidermal junction,
    whichever is shallower (the dermis is the sink), then any epidermis left below it.

    Parameters
    ----------
    m : Molecule
        The molecule (see :func:`molecule`).
    depth_um : float
        The channel's depth, in micrometres below the surface (above 0).

    Returns
    -------
    tuple of Layer
        The channel, then the epidermis left below it (none when the channel reaches the dermis);
        thicknesses in cm.

    Raises
    ------
    ValueError
        For a depth that is not a number above 0, or a channel that ends in the stratum corneum
        for a molecule without a log Kow.

    Examples
    --------
    >>> m = molecule("caffeine")
    >>> [layer.name for layer in channel_layers(m, 200)]
    ['water-filled channel']
    >>> [layer.name for layer in channel_layers(m, 30)]
    ['water-filled channel', 'viable epidermis']
    """
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
            if m.kp is None or m.log_kow is None:  # one is None when the other is
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


def _closure(key: str | None):
    from skinlab import microneedling as mn

    return mn.product_curve(key)


def _open_array(t: np.ndarray, treatment: str, end: str, closure: str | None) -> np.ndarray:
    """How open the treated path is at each time after treatment (1 = just after, 0 = closed):
    for channels, one closure curve of :func:`skinlab.microneedling.product_curves` (the same
    definition the closure explorer draws); for stripped skin, the barrier's recovery in people
    (a straight line over the recovery time, a course assumption on the shape)."""
    if treatment == "microneedled":
        c = _closure(closure)
        return np.array([c.open_at(float(x), end) for x in t])
    if treatment == "stripped":
        back = getattr(_value("barrier_recovery", "tape_stripping_people"), end)
        return np.clip(1.0 - t / back, 0.0, 1.0)
    if treatment == "intact":
        return np.zeros_like(t)
    raise ValueError(f"unknown treatment {treatment!r}: choose one of {', '.join(TREATMENTS)}")


def share_open(treatment: str, t_h: np.ndarray, device: str = "roller", passes: int = 15,
               end: str = "value", closure: str | None = None) -> np.ndarray:
    """The share of the surface that takes the treated path at each time after treatment:
    microneedled, the share punctured (skinlab.microneedling; zero where it is not known) times
    how open the channels still are; stripped, all of it times how open the barrier still is."""
    from skinlab import microneedling as mn

    t = np.asarray(t_h, dtype=float)
    if treatment == "microneedled":
        p = mn.punctured_fraction(device, passes)
        if p is None:
            raise ValueError(f"the share a {mn.device_noun(device)} punctures is not known")
        return getattr(p, end) * _open_array(t, treatment, end, closure)
    return _open_array(t, treatment, end, closure)


# -- the coupled run: a dose over two paths in parallel ----------------------------------------
RUN_DT0_H, RUN_DT_MAX_H, RUN_GROWTH = 0.002, 0.15, 1.4


@lru_cache(maxsize=8)
def run_times(hours: float = HOURS) -> np.ndarray:
    """The time grid of :func:`run`: steps from 0.002 h growing by 1.4 times up to 0.15 h (fine
    where the channels' fast paths fill, coarse later); about 170 steps for 24 h."""
    t, dt, out = 0.0, RUN_DT0_H, [0.0]
    while t < hours - 1e-12:
        dt = min(dt, hours - t)
        t += dt
        out.append(t)
        dt = min(dt * RUN_GROWTH, RUN_DT_MAX_H)
    return np.array(out)


@lru_cache(maxsize=256)
def _blocks(layers: tuple[Layer, ...], dt: float):
    """Backward-Euler pieces of one path with its top boundary left out (it is coupled to the
    dose at every step): P = L0^-1 (cap/dt), z = L0^-1 e0, the top and bottom conductances."""
    cap, a, g_top, g_bot = _system(layers)
    a = a.copy()
    a[0, 0] += g_top  # take the surface's conductance out; the step adds it back, scaled
    inv = np.linalg.inv(np.diag(cap / dt) - a)
    return inv * (cap / dt), inv[:, 0].copy(), g_top, g_bot


def run(paths: list[tuple[tuple[Layer, ...], float, np.ndarray]], dose_cm: float | None,
         hours: float = HOURS) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    """A product on the skin over paths in parallel, each ``(layers, area, openness)``: an area
    share of the skin (fixed from the moment the product goes on) whose surface conductance is
    scaled by ``openness`` (a value at each time of :func:`run_times`; 1 = open, 0 = closed over:
    what is already inside a closed channel goes on to the sink, nothing more enters).

    ``dose_cm`` None: an infinite dose (the vehicle's concentration held at 1); otherwise a
    finite, well-mixed layer of that volume per cm² (cm), which the paths deplete. Backward
    Euler (no oscillation on the fast channel paths) on :func:`run_times`. Returns the times, the
    amount delivered to the sink and the amount that has left the dose, both per cm² of skin per
    unit starting concentration (cm), and the amount each path delivered. Mass is conserved:
    what is delivered never exceeds what left the dose, and that never exceeds the dose.
    """
    return run_many([(paths, dose_cm)], hours)[0]


def run_many(scenarios: list[tuple[list, float | None]], hours: float = HOURS) -> list[tuple]:
    """:func:`run` for several scenarios at once: every path with the same layers, in whichever
    scenario, is stepped in one matrix product (the explorers need a range's ends together)."""
    times = run_times(hours)
    steps = times.size - 1
    n_s = len(scenarios)
    inst = [(si, layers, float(a), np.asarray(o, dtype=float))
            for si, (paths, _) in enumerate(scenarios) for layers, a, o in paths]
    groups: dict[tuple[Layer, ...], list[int]] = {}
    for j, (_, layers, _, _) in enumerate(inst):
        groups.setdefault(layers, []).append(j)
    gdata = []
    for layers, js in groups.items():
        n_cells = sum(x.cells for x in layers)
        gdata.append((layers, np.array(js), np.array([inst[j][0] for j in js]),
                      np.array([inst[j][2] for j in js]),
                      np.stack([inst[j][3] for j in js]), np.zeros((n_cells, len(js)))))
    doses = np.array([d if d is not None else 0.0 for _, d in scenarios])
    finite = np.array([d is not None for _, d in scenarios])
    safe = np.where(finite, doses, 1.0)
    dts = np.diff(times)
    # the blocks each group needs at each step (the graded grid repeats its later step)
    seqs = []
    for layers, *_ in gdata:
        cache: dict[float, tuple] = {}
        seq = []
        for dt in dts:
            key = round(float(dt), 12)
            if key not in cache:
                p, z, g_top, g_bot = _blocks(layers, key)
                cache[key] = (p, z, z[:, None], float(z[0]), g_top, g_bot)
            seq.append(cache[key])
        seqs.append(seq)
    d = np.ones(n_s)
    left = np.zeros((n_s, steps + 1))
    per_inst = np.zeros((len(inst), steps + 1))
    states = [g[5] for g in gdata]
    for n in range(steps):
        dt = float(dts[n])
        num = np.zeros(n_s)
        den = np.zeros(n_s)
        pre = []
        for gi, (_layers, _js, sj, area, opens, _u) in enumerate(gdata):
            p, z, zc, z0, g_top, g_bot = seqs[gi][n]
            gg = g_top * opens[:, n + 1]
            base = p @ states[gi]
            k = 1.0 / (1.0 + gg * z0)
            agg = area * gg
            num += np.bincount(sj, agg * base[0] * k, n_s)
            den += np.bincount(sj, agg * (1.0 - gg * z0 * k), n_s)
            pre.append((base, gg, k, zc, g_bot, agg))
        s = np.where(finite, (safe * d / dt + num) / (safe / dt + den), 1.0)
        entered = np.zeros(n_s)
        for gi, (base, gg, k, zc, g_bot, agg) in enumerate(pre):
            rows, sj, area = gdata[gi][1], gdata[gi][2], gdata[gi][3]
            sg = s[sj]
            v = base + zc * (gg * sg)
            u_new = v - zc * (gg * v[0] * k)
            entered += np.bincount(sj, agg * (sg - u_new[0]) * dt, n_s)
            per_inst[rows, n + 1] = per_inst[rows, n] + area * g_bot * u_new[-1] * dt
            states[gi] = u_new
        d = s
        left[:, n + 1] = left[:, n] + entered
    out = []
    for si in range(n_s):
        mine = [j for j, x in enumerate(inst) if x[0] == si]
        each = [per_inst[j] for j in mine]
        total = np.sum(each, axis=0) if each else np.zeros(steps + 1)
        out.append((times, total, left[si], each))
    return out


@dataclass(frozen=True)
class Delivery:
    """What reaches the sink in ``HOURS``: amounts per cm² of skin per unit concentration in the
    vehicle (cm: a volume of vehicle per cm²), with the range the inputs' ranges give.

    ``intact`` and ``treated`` are midpoints of their ranges (``*_low`` to ``*_high``), or None
    where the model gives no number. ``applied`` is the dose in the same unit (None: an infinite
    dose, as in a diffusion cell). ``ratio`` and ``share_of_dose`` are None where no honest
    number exists."""

    molecule: Molecule
    treatment: str
    intact: float | None       # through intact skin; None where the equation gives nothing
    treated: float | None      # with the treatment; None where it cannot be computed
    treated_path: float | None  # through the treated area alone (a channel, stripped skin)
    share_at_start: float
    times: tuple = ()            # hours since the product was applied
    intact_curve: tuple = ()     # cumulative amounts through intact skin (empty: no estimate)
    treated_curve: tuple = ()    # cumulative amounts with the treatment
    depth_um: float | None = None  # the channel's depth used (its range's midpoint)
    applied: float | None = None   # the dose (cm); None for an infinite dose
    intact_low: float | None = None
    intact_high: float | None = None
    treated_low: float | None = None
    treated_high: float | None = None
    depth_low_um: float | None = None
    depth_high_um: float | None = None
    share_low: float = 0.0
    share_high: float = 0.0
    closure: str = ""
    treated_low_curve: tuple = ()
    treated_high_curve: tuple = ()
    path_curve: tuple = ()        # through the treated area alone (midpoint)
    path_low: float | None = None
    path_high: float | None = None

    @property
    def ratio(self) -> float | None:
        """Treated over intact (midpoints), or None where no ratio can honestly be given."""
        if self.treated is None or self.intact is None or self.intact <= 0:
            return None
        if not self.molecule.in_domain:
            return None
        return self.treated / self.intact

    @property
    def ratio_range(self) -> tuple[float, float] | None:
        """(low, high) of treated over intact across the ranges of the treatment's inputs (share
        punctured, closure, channel depth), at the molecule's log Kow (an uncertain log Kow moves
        both paths' intact skin together), or None."""
        if (self.ratio is None or self.intact is None or self.treated_low is None
                or self.treated_high is None):
            return None
        return (self.treated_low / self.intact, self.treated_high / self.intact)

    @property
    def share_of_dose(self) -> float | None:
        """The share of the applied dose delivered with the treatment (None: infinite dose)."""
        if self.applied is None or self.treated is None:
            return None
        return self.treated / self.applied

    def dose_share(self, amount: float | None) -> float | None:
        """Any amount of this delivery as a share of the dose (None: infinite dose or none)."""
        if self.applied is None or amount is None:
            return None
        return amount / self.applied


def dose_cm(applied_mg_cm2: object) -> float | None:
    """A dose in mg/cm² as the model's volume of vehicle per cm² (cm), at the vehicle's density
    (``vehicle_density``, a course assumption); None stays None (an infinite dose)."""
    if applied_mg_cm2 is None:
        return None
    mg = _number(applied_mg_cm2, "the dose (mg/cm²)")
    lo, hi = dose_range_mg_cm2()
    if not lo <= mg <= hi:
        raise ValueError(f"the dose must be {lo:g} to {hi:g} mg/cm², got {mg:g}")
    rho = _value("finite_dose", "vehicle_density").value  # g/cm³
    return mg / 1000.0 / rho


def dose_range_mg_cm2() -> tuple[float, float]:
    """The finite doses the course offers (mg/cm²): OECD Test Guideline 428's order."""
    v = _value("finite_dose", "applied")
    return v.low, v.high


def default_dose_mg_cm2() -> float:
    return _value("finite_dose", "applied").value


def channel_in_range(m: Molecule) -> bool:
    """Whether the aqueous diffusivity relation may be used for this molecule: the course uses
    it only inside the Potts-Guy molecular-weight range (a stated choice: the relation's own
    fitting range was not found)."""
    (m0, m1), _ = potts_guy_domain()
    return m0 <= m.mw.value <= m1


def _with_log_kow(m: Molecule, end: str) -> Molecule:
    if end == "value" or m.log_kow is None:
        return m
    lk = m.log_kow
    return Molecule(m.key, m.label, m.mw, Value(getattr(lk, end), lk.unit, lk.low, lk.high,
                                                lk.sources, lk.status, lk.checked), m.note)


ENDS = ("value", "low", "high")


@lru_cache(maxsize=512)
def _delivered(key: str, treatment: str, needle_um: float, device: str, passes: int,
               delay_h: float, dose: float | None, closure: str | None) -> dict:
    """Every run one delivery needs, stepped together: intact skin at the molecule's log Kow and
    at its ends, and the treatment at the value and at the ends of its inputs' ranges. Returns,
    by end: the treated curve (None: no number), the treated area's own curve, the share at the
    start, the channel's depth; and the intact curves by log Kow end (None: no estimate)."""
    from skinlab import microneedling as mn

    m0 = molecule(key)
    t = run_times(HOURS)
    ones = np.ones_like(t)
    scen: list[tuple[list, float | None]] = []
    where: dict[tuple[str, str], int] = {}
    for e in ENDS:
        m = _with_log_kow(m0, e)
        if m.kp is not None:
            where[("intact", e)] = len(scen)
            scen.append(([(intact_layers(m), 1.0, ones)], dose))
    info = {}
    if treatment != "intact":
        intact_ = intact_layers(m0) if m0.kp is not None else None
        for e in ENDS:
            depth = None
            if treatment == "microneedled":
                r = mn.depth_reached(needle_um, SITE)
                depth = {"value": (r.channel_low_um + r.channel_high_um) / 2.0,
                         "low": r.channel_low_um, "high": r.channel_high_um}[e]
            if not channel_in_range(m0):
                info[e] = (0.0, depth)
                continue
            layers = (channel_layers(m0, depth) if treatment == "microneedled" and depth is not None
                      else stripped_layers(m0))  # the depth is set for microneedled skin
            f = share_open(treatment, delay_h + t, device, passes, e, closure)
            a = float(f[0])
            openness = f / a if a > 0 else np.zeros_like(f)
            paths = [(layers, a, openness)]
            if intact_ is not None:
                # the skin between the channels, and the treated area once it has closed over
                # (a new barrier, as intact skin, taking over as the channels close)
                paths += [(intact_, 1.0 - a, ones), (intact_, a, 1.0 - openness)]
            info[e] = (a, depth)
            where[("treated", e)] = len(scen)
            scen.append(([p for p in paths if p[1] > 0], dose))
    runs = run_many(scen) if scen else []
    out: dict[str, Any] = {"times": t, "intact": {}, "treated": {}, "alone": {}, "share": {},
                           "depth": {}}
    for e in ENDS:
        i = where.get(("intact", e))
        out["intact"][e] = runs[i][1] if i is not None else None
        out["share"][e], out["depth"][e] = info.get(e, (0.0, None))
        i = where.get(("treated", e))
        if i is None:
            out["treated"][e] = out["intact"][e] if treatment == "intact" else None
            out["alone"][e] = None
            continue
        _, total, _, each = runs[i]
        a = out["share"][e]
        out["alone"][e] = each[0] if a > 0 else np.zeros_like(t)
        out["treated"][e] = total if m0.kp is not None else None
    return out


def delivered(key: str, treatment: str = "microneedled", needle_um: float = 1000.0,
              device: str = "roller", passes: int = 15, delay_h: float = 0.0,
              applied_mg_cm2: float | None = None, closure: str | None = None) -> Delivery:
    """The amount delivered in 24 h after a product goes on ``delay_h`` hours after the
    treatment, with its range over the inputs' ranges (share punctured, how fast the channels or
    the barrier close, the channel's depth, log Kow).

    ``applied_mg_cm2`` None: an infinite dose (as in a diffusion cell); a number: a finite layer
    of product that the skin depletes (the amounts can never exceed it). ``closure``: a curve of
    :func:`skinlab.microneedling.product_curves` (default: people, skin left uncovered).

    Parameters
    ----------
    key : str
        The molecule's key (see :func:`molecule`).
    treatment : str, optional
        ``"intact"``, ``"microneedled"`` or ``"stripped"``.
    needle_um : float, optional
        The needle's length, in micrometres (microneedled skin only).
    device : str, optional
        The needling device (``"roller"``: the one whose share punctured is known).
    passes : int, optional
        Passes of the device over the skin.
    delay_h : float, optional
        Hours between the treatment and the product (zero or more).
    applied_mg_cm2 : float, optional
        The dose, in mg/cm² (None: an infinite dose).
    closure : str, optional
        The key of the closure curve the channels follow (None: the default curve).

    Returns
    -------
    Delivery
        The amounts (``intact``, ``treated``, their ``*_low`` and ``*_high``; cm, a volume of
        vehicle per cm² of skin per unit concentration), the curves over ``times`` (h) and the
        ``ratio`` of treated over intact.

    Raises
    ------
    ValueError
        For an unknown molecule, treatment, device or closure curve, a negative delay, or a needle
        length or number of passes that is not a positive number.

    Examples
    --------
    >>> now = delivered("caffeine", "microneedled", 1000.0, delay_h=0.0, closure="gupta2011")
    >>> later = delivered("caffeine", "microneedled", 1000.0, delay_h=6.0, closure="gupta2011")
    >>> f"{now.ratio:.1f} times intact at once, {later.ratio:.1f} times six hours later"
    '9.6 times intact at once, 1.0 times six hours later'
    """
    from skinlab import microneedling as mn

    m = molecule(key)
    if treatment not in TREATMENTS:
        raise ValueError(f"unknown treatment {treatment!r}: choose one of "
                         f"{', '.join(TREATMENTS)}")
    tau = _number(delay_h, "the delay (h)")
    if tau < 0:
        raise ValueError("the delay cannot be negative")
    length = mn.length_um(_number(needle_um, "the needle length (µm)"))
    n = int(round(_number(passes, "passes")))
    dose = dose_cm(applied_mg_cm2)
    c = _closure(closure).key if treatment == "microneedled" else None
    r = _delivered(key, treatment, length, device, n, tau, dose, c)
    t = r["times"]
    intact_c, treated_c, alone_c = r["intact"]["value"], r["treated"], r["alone"]

    def last(x):
        return float(x[-1]) if x is not None else None

    def curve(x):
        return tuple(x) if x is not None else ()

    intact = last(intact_c)
    i_ends = [last(x) for x in r["intact"].values() if x is not None]
    t_ends = [last(x) for x in treated_c.values() if x is not None]
    return Delivery(
        m, treatment, intact, last(treated_c["value"]), last(alone_c["value"]),
        r["share"]["value"], tuple(t), curve(intact_c), curve(treated_c["value"]),
        r["depth"]["value"], dose, min(i_ends) if i_ends else None,
        max(i_ends) if i_ends else None, min(t_ends) if t_ends else None,
        max(t_ends) if t_ends else None, r["depth"]["low"], r["depth"]["high"],
        min(r["share"].values()), max(r["share"].values()), c or "",
        curve(treated_c["low"]), curve(treated_c["high"]), curve(alone_c["value"]),
        last(alone_c["low"]), last(alone_c["high"]))


def barrier_recovery_hours() -> Value:
    """How long the barrier takes to recover after the stratum corneum is taped off, in people
    (hours, with its range): the recovery the permeation model uses."""
    return _value("barrier_recovery", "tape_stripping_people")


def barrier_recovery_animal_hours() -> Value:
    """Hours by which the barrier had largely recovered after microdermabrasion in guinea pigs
    (Andrews 2011): animal data, shown beside the people's recovery, not used by the model."""
    return _value("barrier_recovery", "sulforhodamine")


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


def strength(key: str) -> Value | None:
    """A sourced strength of a formulation of the molecule (percent), or None."""
    node = dataset().tree(FILE)["molecules"].get(key, {})
    return _value("molecules", key, "strength") if "strength" in node else None


def signal_gain(key: str) -> Value | None:
    """A measured rise in a fluorescence signal with microneedles (not a flux), or None."""
    node = dataset().tree(FILE)["molecules"].get(key, {})
    return _value("molecules", key, "signal_gain") if "signal_gain" in node else None


def measured_case_for(key: str) -> dict | None:
    """The measured case for a molecule of the course's list, or None."""
    case = dataset().tree(FILE)["molecules"].get(key, {}).get("case")
    return measured_cases().get(case) if case else None
